//! The selected row and the rows selected together. The selection only ever holds rows that
//! are on screen: a filter, a search or a file that goes away takes its rows out, so a command
//! never acts on a row the user cannot see.

use std::collections::{BTreeSet, HashSet};

use super::filter::SessionKey;

/// The selected row (the details panel shows it, the keyboard moves it) and the rows selected
/// together for bulk commands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// The row clicked or moved to last.
    pub selected: Option<SessionKey>,
    /// The rows selected together (Ctrl/Cmd+click, Shift+click, Ctrl/Cmd+A).
    pub marked: BTreeSet<SessionKey>,
}

impl Selection {
    /// Selects one row alone.
    pub fn select(&mut self, key: SessionKey) {
        self.marked = std::iter::once(key.clone()).collect();
        self.selected = Some(key);
    }

    /// Ctrl/Cmd+click: adds the row, or takes it out when it was in.
    pub fn toggle(&mut self, key: SessionKey) {
        if let Some(selected) = &self.selected {
            self.marked.insert(selected.clone());
        }
        if self.marked.remove(&key) {
            // Taken out: the selected row becomes one that is still selected (or none), so a
            // command never acts on a row the user just deselected.
            self.selected = self.marked.iter().next_back().cloned();
        } else {
            self.marked.insert(key.clone());
            self.selected = Some(key);
        }
    }

    /// Shift+click: every row from the selected one (or the first) to this one.
    pub fn extend_to(&mut self, key: &SessionKey, rows: &[SessionKey]) {
        let anchor = self
            .selected
            .as_ref()
            .and_then(|anchor| rows.iter().position(|row| row == anchor))
            .unwrap_or(0);
        if let Some(at) = rows.iter().position(|row| row == key) {
            let (from, to) = (anchor.min(at), anchor.max(at));
            self.marked = rows[from..=to].iter().cloned().collect();
        }
    }

    /// Every shown row.
    pub fn select_all(&mut self, rows: &[SessionKey]) {
        self.marked = rows.iter().cloned().collect();
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.selected = None;
        self.marked.clear();
    }

    /// Takes out every row that is not shown any more; returns whether the selected row left.
    pub fn keep_shown(&mut self, rows: &[SessionKey]) -> bool {
        if self.selected.is_none() && self.marked.is_empty() {
            return false;
        }
        let shown: HashSet<&SessionKey> = rows.iter().collect();
        self.marked.retain(|key| shown.contains(key));
        let selected_left = self
            .selected
            .as_ref()
            .is_some_and(|key| !shown.contains(key));
        if selected_left {
            self.selected = None;
        }
        selected_left
    }

    /// The rows a command acts on, in table order: the rows selected together when there are
    /// several, else the selected row.
    pub fn targets(&self, rows: &[SessionKey]) -> Vec<SessionKey> {
        if !self.marked.is_empty() {
            rows.iter()
                .filter(|key| self.marked.contains(*key))
                .cloned()
                .collect()
        } else {
            self.selected
                .iter()
                .filter(|key| rows.contains(key))
                .cloned()
                .collect()
        }
    }

    /// Whether several rows are selected together (the bulk bar is shown).
    pub fn is_many(&self) -> bool {
        self.marked.len() > 1
    }
}
