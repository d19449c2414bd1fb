//! Writing the open folder's history (`crate::history`): this window's own changes, named
//! after the system user, and what the watcher saw, named after "server or another program".
//!
//! Our own write also comes back from the watcher, but by then the file was re-read
//! (`Workspace::reread`), so the watcher's report finds nothing new and records nothing: each
//! change is recorded once, by whoever made it. What a watched change was before is read from
//! the index just before the watcher's news is applied ([`Workspace::before_watch`]).

use std::collections::HashMap;
use std::path::Component;

use crate::history::{self, Entry, HistoryLog, Kind, Subject};
use crate::store::{Change, ChangeKind, WatchMessage};

use super::workspace::Workspace;

/// The sessions a watcher message may change, as they were before it: (app, id) → subject.
pub(super) type Before = HashMap<(String, String), Subject>;

/// What the open folder's history is, once the window has opened it.
#[derive(Debug, Default)]
pub struct Journal {
    /// Where it is written (`None`: no application-data folder could be found).
    pub log: Option<HistoryLog>,
    /// How many entries this window appended: the History panel reads again when it grows.
    pub appended: u64,
    /// Why the last append failed, until one succeeds.
    pub error: Option<String>,
    /// Whether entries were appended since the file was last synced to disk.
    unsynced: bool,
}

impl Workspace {
    /// A session as the history names it, as the index knows it now.
    pub(super) fn subject(&self, app: &str, id: &str) -> Subject {
        Subject::of(app, self.session(app, id))
    }

    /// Appends entries to the folder's history, durably; a failure is kept for the History
    /// panel to show, and never stops the change itself, which has already happened.
    pub(super) fn record(&mut self, entries: &[Entry]) {
        let Some(log) = &self.journal.log else {
            return;
        };
        match log.append_unsynced(entries) {
            Ok(()) => {
                self.journal.appended += entries.len() as u64;
                self.journal.unsynced |= !entries.is_empty();
                self.journal.error = None;
            }
            Err(error) => self.journal.error = Some(error.to_string()),
        }
    }

    /// Syncs what was recorded since the last sync to disk: once at the end of each action
    /// and each frame, not once per entry (each line is already written when it is recorded,
    /// so a killed app loses none; the sync is for a power cut).
    pub(super) fn sync_history(&mut self) {
        if !std::mem::take(&mut self.journal.unsynced) {
            return;
        }
        if let Some(log) = &self.journal.log
            && let Err(error) = log.sync()
        {
            self.journal.error = Some(error.to_string());
        }
    }

    /// Records one change this window made to a session, which was `before` and is now what
    /// the index holds after re-reading it.
    pub(super) fn record_own(&mut self, kind: Kind, before: &Subject, app: &str, id: &str) {
        let after = self.subject(app, id);
        let entry = Entry::about(kind, &history::system_user(), before, &after);
        self.record(&[entry]);
    }

    /// Records a push the server accepted.
    pub fn record_push(&mut self, http_status: u16) {
        self.record(&[Entry::push(&history::system_user(), http_status)]);
    }

    /// The sessions a watcher message names, as they are before it is applied. A whole
    /// re-read (`Rescan`) names none: those changes are recorded without what came before.
    pub(super) fn before_watch(&self, message: &WatchMessage) -> Before {
        let mut before = Before::new();
        let WatchMessage::Paths(paths) = message else {
            return before;
        };
        if self.journal.log.is_none() {
            return before;
        }
        let root = self.root().path();
        for path in paths {
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            let names: Option<Vec<&str>> = relative
                .components()
                .map(|component| match component {
                    Component::Normal(name) => name.to_str(),
                    _ => None,
                })
                .collect();
            match names.as_deref() {
                Some([app, id]) => {
                    if let Some(session) = self.session(app, id) {
                        before.insert(
                            ((*app).to_owned(), (*id).to_owned()),
                            Subject::of(app, Some(session)),
                        );
                    }
                }
                Some([app]) => {
                    if let Some(found) = self.index.apps.get(*app) {
                        for (id, session) in &found.sessions {
                            before.insert(
                                ((*app).to_owned(), id.to_string()),
                                Subject::of(app, Some(session)),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        before
    }

    /// Records what the watcher saw change, by the server or another program.
    pub(super) fn record_seen(&mut self, changes: &[Change], before: &Before) {
        if changes.is_empty() || self.journal.log.is_none() {
            return;
        }
        let entries: Vec<Entry> = changes
            .iter()
            .map(|change| {
                let kind = match change.kind {
                    ChangeKind::Added => Kind::LoggedIn,
                    ChangeKind::Changed => Kind::Changed,
                    ChangeKind::Removed => Kind::Disappeared,
                };
                let was = match change.kind {
                    ChangeKind::Added => None,
                    _ => before.get(&(change.app.clone(), change.id.clone())),
                };
                let was = was.cloned().unwrap_or_else(|| Subject {
                    app: change.app.clone(),
                    ..Subject::default()
                });
                let now = self.subject(&change.app, &change.id);
                Entry::about(kind, history::OTHER_PROGRAM, &was, &now)
            })
            .collect();
        self.record(&entries);
    }
}
