//! The counts the header and status line show (sessions, pending, problems, per filter), kept
//! up to date change by change: a recount walks every session, which with 100,000 sessions or
//! 10,000 app folders is too long for one frame, so it is done only when the shown app changes
//! or the whole folder was read again.

use std::collections::HashSet;

use crate::store::{Change, Index, Session, Status};

use super::filter::{Counts, Shown, StatusFilter};
use super::workspace::Workspace;

impl Workspace {
    /// Counts sessions, pending sessions and problems again, from every session.
    pub(super) fn recount(&mut self) {
        self.counts = self.counts_from_scratch();
    }

    /// The counts as a walk over every session gives them, which the counts kept change by
    /// change must always equal (the tests compare them).
    pub fn counts_from_scratch(&self) -> Counts {
        count_index(&self.index, self.shown.as_ref())
    }

    /// Takes the changes the index just made into the counts: each changed session's part as
    /// it was is taken away and its part as it is now added. `folder_problems_before` is how
    /// many folder problems the index had before the changes (a re-listed app folder may have
    /// gained or lost one).
    pub(super) fn count_changes(&mut self, changes: &[Change], folder_problems_before: usize) {
        // A session changed twice in one batch: what it was before the first change is what
        // the counts hold, and what it is now is what they must hold.
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let mut firsts = Vec::new();
        for change in changes {
            if seen.insert((&change.app, &change.id)) {
                firsts.push(change);
            }
        }
        let mut renamed = false;
        for change in &firsts {
            if let Some(previous) = &change.previous {
                self.count_session(&change.app, previous, false);
            }
            renamed |= may_rename_app(change, &self.index);
        }
        if renamed {
            self.apps_changed();
        }
        for change in &firsts {
            let now = self
                .index
                .apps
                .get(&change.app)
                .and_then(|app| app.sessions.get(change.id.as_str()))
                .cloned();
            if let Some(session) = now {
                self.count_session(&change.app, &session, true);
            }
        }
        let folder_problems = self.index.folder_problems.len();
        self.counts.problems =
            (self.counts.problems + folder_problems).saturating_sub(folder_problems_before);
        self.sync_app_counts();
    }

    /// Gives every app folder of the index a pending count, and drops those of folders that
    /// went away, as a recount would. A walk over the apps, not their sessions.
    pub(super) fn sync_app_counts(&mut self) {
        let apps = &self.index.apps;
        let by_app = &mut self.counts.pending_by_app;
        if by_app.len() != apps.len() || by_app.keys().any(|folder| !apps.contains_key(folder)) {
            by_app.retain(|folder, _| apps.contains_key(folder));
            for folder in apps.keys() {
                by_app.entry(folder.clone()).or_insert(0);
            }
            // An app folder came or went.
            self.apps_changed();
        }
    }

    /// Adds one session's part to the counts, or takes it away (`add` false), as
    /// [`Workspace::recount`] would count it.
    pub(super) fn count_session(&mut self, folder: &str, session: &Session, add: bool) {
        let step = |count: &mut usize, by: usize| {
            *count = if add {
                count.saturating_add(by)
            } else {
                count.saturating_sub(by)
            };
        };
        let counts = &mut self.counts;
        step(&mut counts.problems, session.problems.len());
        if self
            .shown
            .as_ref()
            .is_some_and(|shown| shown.includes(folder))
        {
            for (count, filter) in counts.by_filter.iter_mut().zip(StatusFilter::ALL) {
                step(count, usize::from(filter.admits(session)));
            }
        }
        if session.is_listed() {
            step(&mut counts.sessions, 1);
            if session.status() == Some(Status::Pending) {
                step(&mut counts.pending, 1);
                match counts.pending_by_app.get_mut(folder) {
                    Some(count) => step(count, 1),
                    None => {
                        counts
                            .pending_by_app
                            .insert(folder.to_owned(), usize::from(add));
                    }
                }
            }
        }
    }
}

/// Whether a change may change its app's name as the drop-down shows it (the first name its
/// sessions give): a session that came or went, or one whose app name changed.
fn may_rename_app(change: &Change, index: &Index) -> bool {
    let app_name = |session: Option<&Session>| {
        session
            .and_then(|session| session.info.as_ref())
            .map(|info| info.app_name.clone())
    };
    let now = index
        .apps
        .get(&change.app)
        .and_then(|app| app.sessions.get(change.id.as_str()));
    match (&change.previous, now) {
        (Some(previous), Some(_)) => app_name(Some(previous)) != app_name(now),
        _ => true,
    }
}

/// The counts of an index with `shown` shown, from a walk over every session (also done by
/// the reader of a folder on its own thread, `prepared.rs`).
pub(super) fn count_index(index: &Index, shown: Option<&Shown>) -> Counts {
    let mut counts = Counts {
        problems: index.findings().count(),
        ..Counts::default()
    };
    let shown_apps = index
        .apps
        .values()
        .filter(|app| shown.is_some_and(|shown| shown.includes(&app.folder)));
    for app in shown_apps {
        for session in app.sessions.values() {
            for (count, filter) in counts.by_filter.iter_mut().zip(StatusFilter::ALL) {
                *count += usize::from(filter.admits(session));
            }
        }
    }
    for app in index.apps.values() {
        let pending = app.pending_count();
        counts.sessions += app.listed().count();
        counts.pending += pending;
        counts.pending_by_app.insert(app.folder.clone(), pending);
    }
    counts
}
