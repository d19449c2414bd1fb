//! A folder opened in the window is put together on its reader's thread: the reader builds the
//! whole index, the app catalog, the sorted rows and the counts, and hands them over at once.
//! The window's thread only shows the first files read meanwhile, so it does no work per
//! session while a folder of 100,000 or 1,000,000 sessions is read, and paints only to show
//! the progress. Each frame it painted used to take in a few thousand sessions; on a software
//! renderer the painting of those frames, not the taking in, was most of the time to open a
//! big folder.
//!
//! The rows depend on what the window shows (the app, the sort order, the search and the status
//! filter), which the user may change while the folder is read: the window writes it to a
//! [`ViewSlot`] each frame, the reader sorts for the view it finds there at the end, and the
//! window sorts again itself only if the view changed after that.

use std::sync::{Arc, Mutex};

use crate::store::{App, Change, FolderWatcher, Index, Session, Status, WatchMode};

use super::catalog::AppCatalog;
use super::counting::count_index;
use super::filter::{Counts, Search, SessionKey, Shown, StatusFilter};
use super::rows::{SortOrder, sorted_rows};
use super::workspace::{Workspace, pick_shown};

/// What the window shows, as far as the rows and the counts depend on it.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The app the user chose (or the window remembered); `None`: the first app by name.
    wanted: Option<Shown>,
    sort: SortOrder,
    status_filter: StatusFilter,
    query: String,
    /// How the folder is to be watched.
    watch: WatchMode,
}

impl View {
    /// How the folder is to be watched.
    pub(super) fn watch_mode(&self) -> WatchMode {
        self.watch
    }
}

/// Where the window leaves its current [`View`] for the reader of the folder it opens.
pub type ViewSlot = Arc<Mutex<Option<View>>>;

/// Running totals of what the reader has read so far, for the status line while it reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sessions read that parsed as JSON objects (the ones listed).
    pub sessions: usize,
    /// Of those, how many wait for an administrator.
    pub pending: usize,
    /// Problems found in the files read.
    pub problems: usize,
}

impl Tally {
    /// Adds a chunk of sessions read.
    pub(super) fn add(&mut self, chunk: &[(String, Session)]) {
        for (_, session) in chunk {
            self.problems += session.problems.len();
            if session.is_listed() {
                self.sessions += 1;
                self.pending += usize::from(session.status() == Some(Status::Pending));
            }
        }
    }
}

/// A folder read in full and made ready to show, on the reader's thread.
pub struct Prepared {
    pub(super) index: Index,
    pub(super) catalog: AppCatalog,
    /// The view the rows and counts were made for.
    pub(super) view: View,
    pub(super) shown: Option<Shown>,
    pub(super) rows: Vec<SessionKey>,
    pub(super) counts: Counts,
    /// The watcher the reader started once it had read the files (`None` when the window had
    /// not said how to watch yet).
    pub(super) watcher: Option<FolderWatcher>,
    /// What changed while the files were read, found once the watcher watched.
    pub(super) found: Vec<Change>,
    /// Whether that comparison was made once the watcher watched, so that nothing is left
    /// for the window to compare.
    pub(super) compared: bool,
}

impl Prepared {
    /// Builds the catalog, picks the app shown, sorts its rows and counts everything, as the
    /// window would for `view`.
    pub(super) fn new(
        index: Index,
        view: Option<View>,
        watcher: Option<FolderWatcher>,
        found: Vec<Change>,
        compared: bool,
    ) -> Self {
        let catalog = AppCatalog::build(&index);
        // Without the window's view, the one of a window that changed nothing; it sorts
        // again itself if its view differs.
        let view = view.unwrap_or(View {
            wanted: None,
            sort: SortOrder::default(),
            status_filter: StatusFilter::default(),
            query: String::new(),
            watch: WatchMode::Native,
        });
        let shown = pick_shown(&index, catalog.order(), view.wanted.clone());
        let apps: Vec<&App> = match &shown {
            None => Vec::new(),
            Some(Shown::AllApps) => catalog
                .order()
                .iter()
                .filter_map(|folder| index.apps.get(folder))
                .collect(),
            Some(Shown::App(folder)) => index.apps.get(folder).into_iter().collect(),
        };
        // The reading is over and both walk every session, so they share the cores: this is
        // the serial tail between the last file read and the rows on screen. A thread of its
        // own rather than the shared pool, whose workers may still be busy with other work.
        let (rows, counts) = std::thread::scope(|scope| {
            let counting = scope.spawn(|| count_index(&index, shown.as_ref()));
            let rows = sorted_rows(
                &apps,
                view.sort,
                view.status_filter,
                &Search::new(&view.query),
            );
            let counts = counting
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (rows, counts)
        });
        Prepared {
            index,
            catalog,
            view,
            shown,
            rows,
            counts,
            watcher,
            found,
            compared,
        }
    }
}

impl Workspace {
    /// What the window shows now, as the reader of a folder needs it to prepare the rows.
    pub(super) fn view(&self) -> View {
        View {
            wanted: if self.app_chosen {
                self.shown.clone()
            } else {
                None
            },
            sort: self.sort,
            status_filter: self.status_filter,
            query: self.query.clone(),
            watch: self.watch_wanted,
        }
    }

    /// Leaves the current view where the reader of the folder will find it.
    pub(super) fn share_view(&self, slot: &ViewSlot) {
        let view = self.view();
        let mut shared = slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if shared.as_ref() != Some(&view) {
            *shared = Some(view);
        }
    }

    /// Shows a folder its reader prepared, in place of the first files read meanwhile.
    /// `touched` are the sessions the watcher reported, or this window wrote, while the folder
    /// was read: what the reader saw of them may be older, so they are read again.
    pub(super) fn install(&mut self, prepared: Prepared, touched: Vec<SessionKey>) {
        let view = self.view();
        // The first files read, in the index until now, are dropped with it.
        self.index = prepared.index;
        self.catalog = prepared.catalog;
        if prepared.view == view {
            self.shown = prepared.shown;
            self.rows = prepared.rows;
            self.counts = prepared.counts;
        } else {
            // The user changed what is shown after the reader looked: sorted here, once.
            let picked = self.pick_app(view.wanted);
            self.select_app(picked);
        }
        let folder_problems = self.index.folder_problems.len();
        let mut changes = Vec::new();
        for key in touched {
            if let Some(change) = self.index.reload_session(&key.app, &key.id) {
                self.place_row(&change.app, &change.id);
                changes.push(change);
            }
        }
        self.count_changes(&changes, folder_problems);
        // When the reader's watcher took hold before it compared the files with what it had
        // read, nothing is left to compare; what it found changed is told as the watcher's news.
        if let Some(watcher) = prepared.watcher
            && self.watcher.is_none()
        {
            self.watcher = Some(watcher);
            self.reconciled = prepared.compared;
        }
        for change in &prepared.found {
            self.note_change(change);
        }
        self.record_seen(&prepared.found);
    }
}
