//! What the History panel shows: the open folder's history (`crate::history`), newest first,
//! narrowed by a search and by app and kind, read again whenever this window records
//! something while it is open.

use crate::history::{Entry, Kind};

use super::Model;
use super::command::Outcome;
use super::workspace::Workspace;

/// The History panel's state.
#[derive(Debug, Default, Clone)]
pub struct HistoryView {
    /// Every entry read, oldest first.
    pub entries: Vec<Entry>,
    /// How many lines of the history could not be read (torn by a crash, or damaged).
    pub skipped: usize,
    /// Why the history could not be read, or why the last entry could not be written.
    pub error: Option<String>,
    /// The words typed in the search field.
    pub query: String,
    /// Only this app folder's entries (`None`: every app's).
    pub app: Option<String>,
    /// Only entries of this kind (`None`: every kind).
    pub kind: Option<Kind>,
    /// The shown entries, as indexes into `entries`, newest first.
    pub shown: Vec<usize>,
    /// How many entries the window had appended when this was read.
    seen: u64,
}

impl HistoryView {
    /// Reads the open folder's history.
    fn read(workspace: &Workspace) -> Self {
        let mut view = HistoryView {
            seen: workspace.journal.appended,
            ..HistoryView::default()
        };
        view.reload(workspace);
        view
    }

    /// Reads the history again, keeping the search and filters.
    fn reload(&mut self, workspace: &Workspace) {
        self.seen = workspace.journal.appended;
        match workspace.journal.log.as_ref().map(|log| log.read()) {
            Some(Ok(reading)) => {
                self.entries = reading.entries;
                self.skipped = reading.skipped;
                self.error = workspace.journal.error.clone();
            }
            Some(Err(error)) => self.error = Some(error.to_string()),
            None => self.entries.clear(),
        }
        self.refilter();
    }

    /// Chooses the shown entries again.
    fn refilter(&mut self) {
        let words: Vec<String> = self
            .query
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.shown = (0..self.entries.len())
            .rev()
            .filter(|at| {
                let entry = &self.entries[*at];
                self.app.as_deref().is_none_or(|app| entry.app == app)
                    && self.kind.is_none_or(|kind| entry.kind == kind)
                    && entry.matches(&words)
            })
            .collect();
    }

    /// The shown entries, newest first.
    pub fn shown_entries(&self) -> impl Iterator<Item = &Entry> {
        self.shown.iter().map(|at| &self.entries[*at])
    }

    /// The app folders the history names, for the app filter, in name order.
    pub fn apps(&self) -> Vec<&str> {
        let mut apps: Vec<&str> = self
            .entries
            .iter()
            .map(|entry| entry.app.as_str())
            .filter(|app| !app.is_empty())
            .collect();
        apps.sort_unstable();
        apps.dedup();
        apps
    }
}

impl Model {
    /// Opens or closes the History panel; opening reads the history.
    pub(super) fn show_history(&mut self, open: bool) -> Outcome {
        self.history_view = match (&self.workspace, open) {
            (Some(workspace), true) => Some(HistoryView::read(workspace)),
            _ => None,
        };
        Outcome::none()
    }

    /// Narrows the History panel to a search, an app and a kind.
    pub(super) fn filter_history(
        &mut self,
        query: String,
        app: Option<String>,
        kind: Option<Kind>,
    ) -> Outcome {
        if let Some(view) = &mut self.history_view {
            view.query = query;
            view.app = app;
            view.kind = kind;
            view.refilter();
        }
        Outcome::none()
    }

    /// Reads the history again when this window recorded something since the panel read it.
    pub(super) fn sync_history_view(&mut self) {
        if let (Some(view), Some(workspace)) = (&mut self.history_view, &self.workspace)
            && (view.seen != workspace.journal.appended
                || view.error.is_none() && workspace.journal.error.is_some())
        {
            view.reload(workspace);
        }
    }
}
