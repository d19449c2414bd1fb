//! An open `MobileApps` folder as the window sees it: the store's index, kept live by a watcher,
//! the chosen app, and the table's rows in their sort order. No egui here: the panels read it,
//! and the app changes it through actions.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::SystemTime;

use crate::store::{
    self, ChangeKind, DeletePolicy, Deleted, FolderWatcher, Index, Root, Session, Status,
    StatusEdit, StoreError, WatchMessage, WatchMode,
};

use super::prefs::{SortKey, SortOrder};

/// A folder being read in the background.
pub struct Loading {
    /// The folder.
    pub root: Root,
    /// How many files were read so far.
    pub progress: Arc<AtomicUsize>,
    result: Receiver<Result<Index, StoreError>>,
}

impl Loading {
    /// Starts reading `root` on another thread; `wake` is called when it is done.
    pub fn start(root: Root, wake: impl Fn() + Send + 'static) -> Self {
        let progress = Arc::new(AtomicUsize::new(0));
        let (sender, result) = mpsc::channel();
        let thread_root = root.clone();
        let thread_progress = Arc::clone(&progress);
        std::thread::spawn(move || {
            let mut index = Index::empty(thread_root);
            let outcome = index
                .rescan_counting(Some(&thread_progress))
                .map(|()| index);
            let _ = sender.send(outcome);
            wake();
        });
        Loading {
            root,
            progress,
            result,
        }
    }

    /// The finished index, once the scan is done.
    pub fn finished(&self) -> Option<Result<Index, StoreError>> {
        self.result.try_recv().ok()
    }

    /// How many files were read so far.
    pub fn files_read(&self) -> usize {
        self.progress.load(Ordering::Relaxed)
    }
}

/// One app folder and session, as the table names a row.
pub type SessionKey = (String, String);

/// An open, fully read folder.
pub struct Workspace {
    /// Every app and session, as last read.
    pub index: Index,
    watcher: Option<FolderWatcher>,
    /// The app folder shown in the table.
    pub selected_app: Option<String>,
    /// The selected app's session ids, in table order.
    pub rows: Vec<String>,
    sort: SortOrder,
    /// Whether this window changed something since the last successful push.
    pub push_needed: bool,
    /// When the folder was last read in full.
    pub last_read: SystemTime,
    /// Whether the folder has gone away (watching resumes when it is back).
    pub root_gone: bool,
    /// Pending sessions that arrived while the window was open and were not looked at yet.
    pub unseen: BTreeSet<SessionKey>,
    /// A note from the watcher (fallback to polling, errors), for the status line.
    pub watch_note: Option<String>,
    /// The demo copy this folder lives in, removed when the workspace closes.
    pub demo: Option<store::DemoFolder>,
}

impl Workspace {
    /// A workspace over a freshly read index, watched in `mode`; `wake` repaints the window.
    pub fn new(
        index: Index,
        mode: WatchMode,
        sort: SortOrder,
        preferred_app: Option<&str>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let watcher = FolderWatcher::start(index.root(), mode, wake);
        let mut workspace = Workspace {
            watcher: Some(watcher),
            selected_app: None,
            rows: Vec::new(),
            sort,
            push_needed: false,
            last_read: index.scanned_at,
            root_gone: false,
            unseen: BTreeSet::new(),
            watch_note: None,
            demo: None,
            index,
        };
        workspace.select_app(preferred_app.map(str::to_owned));
        workspace
    }

    /// The folder.
    pub fn root(&self) -> &Root {
        self.index.root()
    }

    /// Shows an app; an unknown or absent one falls back to the first app.
    pub fn select_app(&mut self, app: Option<String>) {
        self.selected_app = app
            .filter(|app| self.index.apps.contains_key(app))
            .or_else(|| self.app_order().first().map(|folder| (*folder).to_owned()));
        self.resort();
    }

    /// The app folders in the order the drop-down lists them: by app name, then folder.
    pub fn app_order(&self) -> Vec<&str> {
        let mut folders: Vec<(String, &str)> = self
            .index
            .apps
            .values()
            .map(|app| (app.name().to_lowercase(), app.folder.as_str()))
            .collect();
        folders.sort();
        folders.into_iter().map(|(_, folder)| folder).collect()
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

    /// The session behind a row of the shown app.
    pub fn session(&self, app: &str, id: &str) -> Option<&Session> {
        self.index.apps.get(app)?.sessions.get(id)
    }

    /// Recomputes the row order of the shown app.
    pub fn resort(&mut self) {
        let Some(app) = self
            .selected_app
            .as_ref()
            .and_then(|app| self.index.apps.get(app))
        else {
            self.rows.clear();
            return;
        };
        let mut keyed: Vec<(String, &String)> = app
            .sessions
            .iter()
            .map(|(id, session)| (sort_text(session, self.sort.key), id))
            .collect();
        keyed.sort();
        if self.sort.descending {
            keyed.reverse();
        }
        self.rows = keyed.into_iter().map(|(_, id)| id.clone()).collect();
    }

    /// Applies what the watcher reported; returns whether anything changed on screen.
    pub fn poll_watcher(&mut self) -> bool {
        let messages = self
            .watcher
            .as_ref()
            .map(FolderWatcher::try_messages)
            .unwrap_or_default();
        let mut touched = false;
        for message in messages {
            match &message {
                WatchMessage::RootGone => self.root_gone = true,
                WatchMessage::RootBack => self.root_gone = false,
                WatchMessage::Error(text) => self.watch_note = Some(text.clone()),
                WatchMessage::Mode(WatchMode::Poll(every)) => {
                    self.watch_note = Some(format!(
                        "checking the folder every {:.1} s",
                        every.as_secs_f64()
                    ));
                }
                _ => {}
            }
            let applied = store::apply(&mut self.index, &message);
            if applied.rescanned {
                self.last_read = self.index.scanned_at;
            }
            for change in &applied.changes {
                let key = (change.app.clone(), change.id.clone());
                match (change.kind, change.status) {
                    (ChangeKind::Added, Some(Status::Pending)) => {
                        self.unseen.insert(key);
                    }
                    (ChangeKind::Removed, _) | (_, Some(Status::Accepted)) => {
                        self.unseen.remove(&key);
                    }
                    _ => {}
                }
            }
            touched |= !applied.changes.is_empty()
                || applied.rescanned
                || !matches!(message, WatchMessage::Paths(_));
        }
        if touched {
            let app = self.selected_app.take();
            self.select_app(app);
        }
        touched
    }

    /// Reads the whole folder again.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        self.index.rescan()?;
        self.last_read = self.index.scanned_at;
        self.root_gone = false;
        let app = self.selected_app.take();
        self.select_app(app);
        Ok(())
    }

    /// Sets a session's status on disk, then re-reads that file.
    pub fn set_status(
        &mut self,
        app: &str,
        id: &str,
        status: Status,
    ) -> Result<StatusEdit, StoreError> {
        let result = store::set_status(self.root(), app, id, status);
        // Re-read whatever happened, so the row shows the truth (and reverts on refusal). Our
        // own write is then already known when the watcher reports it: no "changed" surprise.
        self.index.reload_session(app, id);
        self.unseen.remove(&(app.to_owned(), id.to_owned()));
        if result.as_ref().is_ok_and(|edit| edit.written) {
            self.push_needed = true;
        }
        self.resort();
        result
    }

    /// Deletes a session file, then re-reads that file.
    pub fn delete(&mut self, app: &str, id: &str) -> Result<Deleted, StoreError> {
        let result = store::delete(self.root(), app, id, DeletePolicy::AllowMalformed);
        self.index.reload_session(app, id);
        self.unseen.remove(&(app.to_owned(), id.to_owned()));
        if result.is_ok() {
            self.push_needed = true;
        }
        self.resort();
        result
    }

    /// How many new pending sessions of an app were not looked at yet.
    pub fn unseen_in(&self, app: &str) -> usize {
        self.unseen
            .iter()
            .filter(|(folder, _)| folder == app)
            .count()
    }

    /// Marks the shown app's new sessions as seen.
    pub fn mark_seen(&mut self, app: &str) {
        self.unseen.retain(|(folder, _)| folder != app);
    }

    /// The path of a session file.
    pub fn session_path(&self, app: &str, id: &str) -> PathBuf {
        self.root().session_path(app, id)
    }

    /// Watches in another mode from now on, and reads everything once, since the old watcher may
    /// have missed something while it stopped.
    pub fn restart_watcher(
        &mut self,
        mode: WatchMode,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<(), StoreError> {
        self.watcher = None;
        self.watch_note = None;
        self.watcher = Some(FolderWatcher::start(self.index.root(), mode, wake));
        self.refresh()
    }

    /// The watcher's mode, for the status line.
    pub fn watch_mode(&self) -> Option<WatchMode> {
        self.watcher.as_ref().map(FolderWatcher::mode)
    }
}

/// The text a column sorts by, lower-cased so that case does not split the order.
fn sort_text(session: &Session, key: SortKey) -> String {
    let Some(info) = &session.info else {
        // Files that could not be read sort after all others.
        return format!("\u{10FFFF}{}", session.id);
    };
    let text = match key {
        SortKey::Device => info.device.clone(),
        SortKey::Status => info.status_text.clone().unwrap_or_default(),
        SortKey::Os => format!("{} {:>8}", info.os, info.os_version),
        SortKey::Email => info.email.clone(),
    };
    let mut text = text.to_lowercase();
    text.push('\0');
    text.push_str(&session.id);
    text
}
