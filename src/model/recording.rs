//! Writing the open folder's history (`crate::history`): this window's own changes, named
//! after the system user, and what the watcher saw, named after "server or another program".
//!
//! Our own write also comes back from the watcher, but by then the file was re-read
//! (`Workspace::reread`), so the watcher's report finds nothing new and records nothing: each
//! change is recorded once, by whoever made it. What a watched change was before comes with
//! the change itself ([`crate::store::Change::previous`]).

use crate::history::{self, Entry, HistoryLog, Kind, Subject};
use crate::store::{Change, ChangeKind};

use super::workspace::Workspace;

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

    /// Records what the watcher saw change, by the server or another program.
    pub(super) fn record_seen(&mut self, changes: &[Change]) {
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
                // What the session was comes with the change (the index hands it over when it
                // replaces or removes it).
                let was = match (change.kind, &change.previous) {
                    (ChangeKind::Added, _) | (_, None) => Subject {
                        app: change.app.clone(),
                        ..Subject::default()
                    },
                    (_, Some(previous)) => Subject::of(&change.app, Some(previous)),
                };
                let now = self.subject(&change.app, &change.id);
                Entry::about(kind, history::OTHER_PROGRAM, &was, &now)
            })
            .collect();
        self.record(&entries);
    }
}
