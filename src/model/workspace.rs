//! An open `MobileApps` folder as the window sees it: the store's index, kept live by a watcher,
//! the chosen app, the table's rows in their sort order, and counts for the status line.
//!
//! Built for 100,000 sessions: the folder is read in chunks on another thread and rows appear
//! as they arrive (`loading.rs`); counts are kept, not recounted each frame; a single changed
//! file moves one row instead of sorting them all again (`rows.rs`).

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::SystemTime;

use crate::history::Kind;
use crate::store::{
    self, DeletePolicy, Deleted, FolderWatcher, IfNoTrash, Index, Root, Session, Status,
    StatusEdit, StoreError, WatchMode,
};

use super::Wake;
use super::catalog::AppCatalog;
use super::filter::{Counts, Search, SessionKey, Shown, StatusFilter};
use super::loading::{LoadEvent, Loading};
use super::rows::SortOrder;

/// What the watcher has to say, for the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum WatchNote {
    /// System notifications could not be used: the folder is polled this often.
    Polling(std::time::Duration),
    /// The watcher reported an error (it keeps going).
    Error(String),
}

/// An open folder.
pub struct Workspace {
    /// Every app and session, as last read.
    pub index: Index,
    pub(super) watcher: Option<FolderWatcher>,
    /// How the folder is to be watched (the watcher of a folder being prepared starts later).
    pub(super) watch_wanted: WatchMode,
    pub(super) loading: Option<Loading>,
    /// What the table shows: one app folder or all of them (`None`: the folder has no app).
    pub shown: Option<Shown>,
    /// Whether that app was chosen (by the user, or remembered) rather than picked as the
    /// first one; a picked app is picked again once all names are known.
    pub(super) app_chosen: bool,
    /// The shown sessions, in table order.
    pub rows: Vec<SessionKey>,
    pub(super) sort: SortOrder,
    /// The search typed in the search field.
    pub query: String,
    /// The search, split into words once.
    pub(super) search: Search,
    /// The status filter.
    pub status_filter: StatusFilter,
    /// The counts for the header and status line.
    pub counts: Counts,
    /// Whether this window changed something since the last successful push.
    pub push_needed: bool,
    /// How many writes this window made here: a push answered after a later write leaves
    /// Push lit, since the server did not see that write.
    pub writes: u64,
    /// When the folder was last read in full.
    pub last_read: SystemTime,
    /// Whether the folder has gone away (watching resumes when it is back).
    pub root_gone: bool,
    /// Pending sessions that arrived while the window was open and were not looked at yet.
    pub unseen: BTreeSet<SessionKey>,
    /// Sessions that arrived while the window was open but could not be read yet (4D was still
    /// writing them): once readable and pending, they are new too.
    pub(super) arrived_unreadable: HashSet<SessionKey>,
    /// New pending sessions seen since the model last looked, for desktop notifications.
    pub(super) arrivals: Vec<SessionKey>,
    /// Whether the watcher has said it is watching (its first `Mode` message).
    pub(super) watch_ready: bool,
    /// Whether the file names were compared with the folder once both the first reading and
    /// the watcher were ready: a file created between the listing and the moment the system
    /// watch took hold is otherwise never reported.
    pub(super) reconciled: bool,
    /// Whether the watcher lost events since the last listing started: the folder is listed
    /// and compared again once the listing under way, if any, is taken in.
    pub(super) relist_wanted: bool,
    /// A note from the watcher (fallback to polling, errors), for the status line.
    pub watch_note: Option<WatchNote>,
    /// The file names being listed on another thread, to compare with the index once the
    /// folder is read and watched (`live.rs`).
    pub(super) names: Option<Receiver<store::NameListing>>,
    /// App folders whose session maps still wait to be rebuilt with full nodes after reading,
    /// a few per frame.
    pub(super) uncompacted: Vec<String>,
    /// The app folders as a list, in the drop-down's order (`catalog.rs`).
    pub(super) catalog: AppCatalog,
    /// Repaints the window: work done on other threads for this folder calls it when ready.
    pub(super) wake: Wake,
    /// Whether the watcher asked for the whole folder to be read again (its events were lost),
    /// which starts once no other reading is under way.
    pub(super) rescan_wanted: bool,
    /// The demo copy this folder lives in, removed when the workspace closes.
    pub demo: Option<store::DemoFolder>,
    /// Why the last read of the whole folder failed, until the window has said so.
    pub read_error: Option<StoreError>,
    /// The folder's history, where every change is recorded (`recording.rs`).
    pub journal: super::recording::Journal,
}

impl Workspace {
    /// A workspace over a read (or listed) index, watched in `mode`; `wake` repaints the window.
    pub fn new(
        index: Index,
        mode: WatchMode,
        sort: SortOrder,
        preferred_app: Option<&str>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let mut workspace = Workspace::unwatched(index, mode, sort, preferred_app, Arc::new(wake));
        workspace.start_watching();
        workspace
    }

    /// A workspace over a listed folder whose reader prepares it (`prepared.rs`), its first
    /// files arriving on `events`. The watcher starts once the folder is read: while the
    /// reader opens every file, each opening would be an event for it to sort out (on Linux,
    /// a hundred thousand of them overflow the system's queue); what changed meanwhile is
    /// found by comparing each file's size and time with what was read (`reconcile_once`).
    pub fn preparing(
        index: Index,
        total: usize,
        events: Receiver<LoadEvent>,
        mode: WatchMode,
        sort: SortOrder,
        preferred_app: Option<&str>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let mut workspace = Workspace::unwatched(index, mode, sort, preferred_app, Arc::new(wake));
        workspace.loading = Some(Loading::new(events, total, false));
        workspace
    }

    /// Starts the watcher in the mode chosen, unless one runs.
    pub(super) fn start_watching(&mut self) {
        if self.watcher.is_none() {
            let wake = self.wake.clone();
            self.watcher = Some(FolderWatcher::start(
                self.index.root(),
                self.watch_wanted,
                move || wake(),
            ));
        }
    }

    /// A workspace over `index` with no watcher yet.
    fn unwatched(
        index: Index,
        mode: WatchMode,
        sort: SortOrder,
        preferred_app: Option<&str>,
        wake: Wake,
    ) -> Self {
        let mut workspace = Workspace {
            watch_wanted: mode,
            names: None,
            uncompacted: Vec::new(),
            catalog: AppCatalog::default(),
            rescan_wanted: false,
            wake,
            watcher: None,
            loading: None,
            shown: None,
            app_chosen: false,
            rows: Vec::new(),
            sort,
            query: String::new(),
            search: Search::default(),
            status_filter: StatusFilter::All,
            counts: Counts::default(),
            push_needed: false,
            writes: 0,
            last_read: index.scanned_at,
            root_gone: false,
            unseen: BTreeSet::new(),
            arrived_unreadable: HashSet::new(),
            arrivals: Vec::new(),
            watch_ready: false,
            reconciled: false,
            relist_wanted: false,
            watch_note: None,
            demo: None,
            read_error: None,
            journal: Default::default(),
            index,
        };
        workspace.apps_changed();
        workspace.select_app(preferred_app.map(Shown::from_preference));
        workspace.app_chosen = preferred_app.is_some()
            && workspace.shown.as_ref().map(Shown::preference).as_deref() == preferred_app;
        workspace.recount();
        workspace
    }

    /// A workspace over a listed folder whose sessions are still arriving on `events`.
    pub fn loading(
        index: Index,
        total: usize,
        events: Receiver<LoadEvent>,
        mode: WatchMode,
        sort: SortOrder,
        preferred_app: Option<&str>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        // Watched from the start: every session read is sent, and compared with what the
        // watcher reports meanwhile.
        let mut workspace =
            Workspace::preparing(index, total, events, mode, sort, preferred_app, wake);
        workspace.start_watching();
        workspace
    }

    /// While the folder is being read: how many files were read, of how many.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.loading
            .as_ref()
            .map(|loading| (loading.read, loading.total))
    }

    /// The sessions, pending sessions and problems the status line counts. While the reader
    /// prepares a folder the window opened, they are what it has read so far (with the app
    /// folders' own problems, known from the listing): the table then holds only the first
    /// files.
    pub fn totals(&self) -> (usize, usize, usize) {
        match self.loading.as_ref().and_then(|loading| loading.tally) {
            Some(tally) => (
                tally.sessions,
                tally.pending,
                tally.problems + self.index.folder_problems.len(),
            ),
            None => (
                self.counts.sessions,
                self.counts.pending,
                self.counts.problems,
            ),
        }
    }

    /// Whether the folder is read, watched, and its file names were compared with the index
    /// once (the last step of opening a folder, done on another thread).
    pub fn is_settled(&self) -> bool {
        self.reconciled && !self.relist_wanted && self.names.is_none() && self.loading.is_none()
    }

    /// Whether sessions already read wait to be taken in by the next frame.
    pub fn has_backlog(&self) -> bool {
        self.loading.as_ref().is_some_and(|loading| loading.backlog)
    }

    /// The folder.
    pub fn root(&self) -> &Root {
        self.index.root()
    }

    /// Shows an app, or all; an unknown or absent app falls back to the first app.
    pub fn select_app(&mut self, shown: Option<Shown>) {
        self.refresh_catalog();
        self.shown = self.pick_app(shown);
        self.resort();
        self.recount();
    }

    /// What [`Workspace::select_app`] shows for `shown`.
    pub(super) fn pick_app(&self, shown: Option<Shown>) -> Option<Shown> {
        pick_shown(&self.index, self.app_order(), shown)
    }

    /// The one app folder shown, unless all apps (or none) are.
    pub fn shown_app(&self) -> Option<&str> {
        self.shown.as_ref().and_then(Shown::app)
    }

    /// Whether the table shows every app's sessions.
    pub fn shows_all_apps(&self) -> bool {
        self.shown == Some(Shown::AllApps)
    }

    /// Shows what the user chose, and keeps it through reloads.
    pub fn choose_app(&mut self, app: Shown) {
        self.app_chosen = true;
        self.select_app(Some(app));
    }

    /// The table's sort order.
    pub fn sort(&self) -> SortOrder {
        self.sort
    }

    /// Sorts the table in a new order.
    pub fn set_sort(&mut self, sort: SortOrder) {
        self.sort = sort;
        self.resort();
    }

    /// Shows only the sessions that match a search and a status filter.
    pub fn set_filter(&mut self, query: &str, status_filter: StatusFilter) {
        self.query = query.to_owned();
        self.search = Search::new(query);
        self.status_filter = status_filter;
        self.resort();
    }

    pub(super) fn admits(&self, session: &Session) -> bool {
        self.status_filter.admits(session) && self.search.matches(session, &mut String::new())
    }

    /// The session behind a row.
    pub fn session(&self, app: &str, id: &str) -> Option<&Session> {
        self.index.apps.get(app)?.sessions.get(id)
    }

    /// The session behind a row, by its key.
    pub fn session_at(&self, key: &SessionKey) -> Option<&Session> {
        self.session(&key.app, &key.id)
    }

    /// The name of an app folder's app, as the App column shows it.
    pub fn app_name<'a>(&'a self, app: &'a str) -> &'a str {
        self.index.apps.get(app).map_or(app, |found| found.name())
    }

    /// The shown app folders, in the drop-down's order.
    pub(super) fn shown_apps(&self) -> Vec<&str> {
        match &self.shown {
            None => Vec::new(),
            Some(Shown::AllApps) => self.app_order().iter().map(String::as_str).collect(),
            Some(Shown::App(app)) => vec![app.as_str()],
        }
    }

    /// Re-reads one file after our own edit, so the row shows the truth (and reverts when the
    /// edit was refused). The watcher's later report of the same write then finds nothing new.
    fn reread(&mut self, app: &str, id: &str) {
        let folder_problems = self.index.folder_problems.len();
        let change = self.index.reload_session(app, id);
        if let Some(change) = &change
            && let Some(loading) = &mut self.loading
        {
            loading
                .touched
                .insert(SessionKey::new(&change.app, &change.id));
        }
        self.unseen.remove(&SessionKey::new(app, id));
        self.place_row(app, id);
        if let Some(change) = change {
            self.count_changes(std::slice::from_ref(&change), folder_problems);
        }
    }

    /// Sets a session's status on disk, then re-reads that file.
    pub fn set_status(
        &mut self,
        app: &str,
        id: &str,
        status: Status,
    ) -> Result<StatusEdit, StoreError> {
        let mut before = self.subject(app, id);
        let result = store::set_status(self.root(), app, id, status);
        self.reread(app, id);
        if let Ok(edit) = &result
            && edit.written
        {
            self.push_needed = true;
            self.writes += 1;
            // What the file held just before the write, which the store read again.
            before.status = edit.previous.clone();
            self.record_own(Kind::Status, &before, app, id);
        }
        result
    }

    /// Deletes a session file, then re-reads that file.
    pub fn delete(
        &mut self,
        app: &str,
        id: &str,
        if_no_trash: IfNoTrash,
    ) -> Result<Deleted, StoreError> {
        let before = self.subject(app, id);
        let result = store::delete(
            self.root(),
            app,
            id,
            DeletePolicy::AllowMalformed,
            if_no_trash,
        );
        self.reread(app, id);
        if result.is_ok() {
            self.push_needed = true;
            self.writes += 1;
            self.record_own(Kind::Delete, &before, app, id);
        }
        result
    }

    /// Puts a deleted session file back as it was, then re-reads it.
    pub fn restore(&mut self, app: &str, id: &str, deleted: &Deleted) -> Result<(), StoreError> {
        let before = self.subject(app, id);
        let result = store::restore(self.root(), deleted).map(|_| ());
        self.after_write(app, id, result.is_ok());
        if result.is_ok() {
            self.record_own(Kind::Restore, &before, app, id);
        }
        result
    }

    /// Puts back the bytes a session file had before this app changed it, if it still holds
    /// what this app wrote; then re-reads it.
    pub fn put_back(
        &mut self,
        app: &str,
        id: &str,
        expected: &[u8],
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let before = self.subject(app, id);
        let result = store::put_back(self.root(), app, id, expected, bytes).map(|_| ());
        self.after_write(app, id, result.is_ok());
        if result.is_ok() {
            self.record_own(Kind::Status, &before, app, id);
        }
        result
    }

    /// After our own write: the row shows what is on disk, and Push lights up.
    fn after_write(&mut self, app: &str, id: &str, written: bool) {
        self.reread(app, id);
        if written {
            self.push_needed = true;
            self.writes += 1;
        }
    }

    /// How many new pending sessions of an app were not looked at yet.
    pub fn unseen_in(&self, app: &str) -> usize {
        // The keys are ordered by app first: only this app's keys are visited, which matters
        // when thousands of app folders each ask for their count.
        self.unseen
            .range(SessionKey::new(app, "")..)
            .take_while(|key| &*key.app == app)
            .count()
    }

    /// The path of a session file.
    pub fn session_path(&self, app: &str, id: &str) -> PathBuf {
        self.root().session_path(app, id)
    }
}

/// What an index shows for `shown`: it, when the index has it; else the first app folder in
/// `order` (the drop-down's order).
pub(super) fn pick_shown(index: &Index, order: &[String], shown: Option<Shown>) -> Option<Shown> {
    shown
        .filter(|shown| match shown {
            Shown::AllApps => !index.apps.is_empty(),
            Shown::App(app) => index.apps.contains_key(app),
        })
        .or_else(|| {
            order
                .iter()
                .find(|folder| index.apps.contains_key(*folder))
                .map(|folder| Shown::App(folder.clone()))
        })
}
