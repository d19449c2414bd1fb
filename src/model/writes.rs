//! The commands that write: status changes, deletes and Undo. Every one goes through the
//! workspace (which goes through the store), records exactly one undo step for what it
//! changed, whatever the file held before, and says what really happened: a write is reported
//! only when the file was written, and a command that cannot apply to a row says why.

use std::sync::Arc;

use crate::store::{DeletedTo, IfNoTrash, ProblemCode, Session, Status, StoreError};

use super::command::Outcome;
use super::filter::SessionKey;
use super::notice::{BulkDone, Failure, FailureReason, NotApplicable, Notice};
use super::undo::Step;
use super::workspace::Workspace;
use super::{Confirm, Model};

/// Why a row cannot take a command that changes its file, if it cannot.
pub(super) fn not_applicable(session: &Session, needs_status: bool) -> Option<NotApplicable> {
    if session.has(ProblemCode::Unsafe) {
        Some(NotApplicable::Unsafe)
    } else if needs_status && session.blocking_problem().is_some() {
        Some(NotApplicable::NoStatus)
    } else {
        None
    }
}

/// How messages name a session: its device and the start of its file name (the device alone
/// can be empty or shared by several files).
pub fn device_name(workspace: &Workspace, app: &str, id: &str) -> String {
    let device = workspace
        .session(app, id)
        .and_then(|session| session.info.as_ref())
        .map(|info| crate::safe_text::cell(&info.device))
        .unwrap_or_default();
    let file = crate::safe_text::visible(id, 12);
    if device.is_empty() {
        file
    } else {
        format!("{device} ({file})")
    }
}

impl Model {
    pub(super) fn set_status(&mut self, app: &str, id: &str, status: Status) -> Outcome {
        let Some(workspace) = &mut self.workspace else {
            return Outcome::none();
        };
        let device = device_name(workspace, app, id);
        if let Some(reason) = workspace
            .session(app, id)
            .and_then(|session| not_applicable(session, true))
        {
            return Outcome::say(Notice::NotApplicable { device, reason });
        }
        match workspace.set_status(app, id, status) {
            Ok(edit) if edit.written => {
                self.history.record(Step::Status {
                    key: SessionKey::new(app, id),
                    device: device.clone(),
                    from: edit.previous,
                    to: status,
                    before: edit.before,
                    after: edit.after,
                });
                Outcome::say(Notice::StatusSet { device, status })
            }
            Ok(_) => Outcome::say(Notice::StatusAlready { device, status }),
            Err(error) => Outcome::say(Notice::WriteFailed {
                device,
                error: Arc::new(error),
            }),
        }
    }

    /// Space: toggles the selected row between accepted and pending; with several rows, accepts
    /// them all, or sets them all pending when none is pending.
    pub(super) fn toggle_status(&mut self) -> Outcome {
        let targets = self.targets();
        let Some(workspace) = &self.workspace else {
            return Outcome::none();
        };
        match targets.as_slice() {
            [] => Outcome::none(),
            [one] => {
                let device = device_name(workspace, &one.app, &one.id);
                let Some(session) = workspace.session_at(one) else {
                    return Outcome::none();
                };
                match (not_applicable(session, true), session.status()) {
                    (Some(reason), _) => Outcome::say(Notice::NotApplicable { device, reason }),
                    (None, Some(status)) => {
                        let (app, id) = (one.app.clone(), one.id.clone());
                        self.set_status(&app, &id, status.toggled())
                    }
                    // A readable file whose status is neither: the first toggle accepts it.
                    (None, None) => {
                        let (app, id) = (one.app.clone(), one.id.clone());
                        self.set_status(&app, &id, Status::Accepted)
                    }
                }
            }
            many => {
                let any_pending = many.iter().any(|key| {
                    workspace
                        .session_at(key)
                        .is_some_and(|session| session.status() != Some(Status::Accepted))
                });
                self.bulk_status(if any_pending {
                    Status::Accepted
                } else {
                    Status::Pending
                })
            }
        }
    }

    pub(super) fn bulk_status(&mut self, status: Status) -> Outcome {
        let targets = self.targets();
        let Some(workspace) = &mut self.workspace else {
            return Outcome::none();
        };
        let (mut steps, mut failures) = (Vec::new(), Vec::new());
        for SessionKey { app, id } in targets {
            let device = device_name(workspace, &app, &id);
            let failure = |reason| Failure {
                device: device.clone(),
                id: id.to_string(),
                reason,
            };
            if let Some(reason) = workspace
                .session(&app, &id)
                .and_then(|session| not_applicable(session, true))
            {
                failures.push(failure(FailureReason::NotApplicable(reason)));
                continue;
            }
            // Each file is written on its own, atomically; one failure does not stop the rest.
            match workspace.set_status(&app, &id, status) {
                Ok(edit) if edit.written => steps.push(Step::Status {
                    key: SessionKey::new(&app, &id),
                    device: device.clone(),
                    from: edit.previous,
                    to: status,
                    before: edit.before,
                    after: edit.after,
                }),
                Ok(_) => {}
                Err(error) => failures.push(failure(FailureReason::Store(Arc::new(error)))),
            }
        }
        let done = BulkDone::Set {
            count: steps.len(),
            status,
        };
        self.history.record(Step::Batch(steps));
        Outcome::say(Notice::Bulk { done, failures })
    }

    pub(super) fn ask_delete(&mut self, app: &str, id: &str) -> Outcome {
        let Some(workspace) = &self.workspace else {
            return Outcome::none();
        };
        let Some(session) = workspace.session(app, id) else {
            return Outcome::none();
        };
        if let Some(reason) = not_applicable(session, false) {
            let device = device_name(workspace, app, id);
            return Outcome::say(Notice::NotApplicable { device, reason });
        }
        self.confirm = Some(Confirm::Delete {
            app: app.to_owned(),
            session: Box::new(session.clone()),
        });
        Outcome::none()
    }

    pub(super) fn delete_one(&mut self, app: &str, id: &str) -> Outcome {
        self.delete_keys(vec![SessionKey::new(app, id)], IfNoTrash::Refuse)
    }

    pub(super) fn bulk_delete(&mut self) -> Outcome {
        let Some(Confirm::BulkDelete(keys)) = self.confirm.take() else {
            return Outcome::none();
        };
        self.delete_keys(keys, IfNoTrash::Refuse)
    }

    /// Deletes sessions, each on its own: one undo step for all that went, one message naming
    /// each that failed. Where the folder has no trash nothing is removed for good without
    /// asking: those sessions wait in a second confirmation.
    pub(super) fn delete_keys(&mut self, keys: Vec<SessionKey>, if_no_trash: IfNoTrash) -> Outcome {
        let Some(workspace) = &mut self.workspace else {
            return Outcome::none();
        };
        let single = keys.len() == 1;
        let (mut steps, mut failures, mut no_trash) = (Vec::new(), Vec::new(), Vec::new());
        let mut unrecoverable = Vec::new();
        for key in keys {
            let SessionKey { app, id } = &key;
            let device = device_name(workspace, app, id);
            let failure = |reason| Failure {
                device: device.clone(),
                id: id.to_string(),
                reason,
            };
            if let Some(reason) = workspace
                .session(app, id)
                .and_then(|session| not_applicable(session, false))
            {
                failures.push(failure(FailureReason::NotApplicable(reason)));
                continue;
            }
            match workspace.delete(app, id, if_no_trash) {
                // A file removed for good whose bytes could not be read cannot come back: no
                // undo step promises it.
                Ok(deleted) if deleted.to == DeletedTo::Removed && deleted.bytes.is_none() => {
                    unrecoverable.push(deleted);
                }
                Ok(deleted) => steps.push(Step::Delete {
                    key: key.clone(),
                    device: device.clone(),
                    deleted,
                }),
                Err(StoreError::NoTrash(_)) => no_trash.push(key.clone()),
                Err(error) => failures.push(failure(FailureReason::Store(Arc::new(error)))),
            }
        }
        self.keep_selection_shown();
        if !no_trash.is_empty() {
            self.confirm = Some(Confirm::DeleteForGood(no_trash));
        }
        let outcome = if single && failures.is_empty() {
            match (steps.first(), unrecoverable.first()) {
                (
                    Some(Step::Delete {
                        device, deleted, ..
                    }),
                    _,
                ) => Outcome::say(Notice::Deleted {
                    device: device.clone(),
                    to: deleted.to,
                }),
                (None, Some(deleted)) => Outcome::say(Notice::Deleted {
                    device: crate::safe_text::visible(&deleted.id, 12),
                    to: deleted.to,
                }),
                _ => Outcome::none(),
            }
        } else if single && let Some(failure) = failures.first() {
            Outcome::say(match &failure.reason {
                FailureReason::Store(error) => Notice::WriteFailed {
                    device: failure.device.clone(),
                    error: error.clone(),
                },
                FailureReason::NotApplicable(reason) => Notice::NotApplicable {
                    device: failure.device.clone(),
                    reason: *reason,
                },
            })
        } else if steps.is_empty() && unrecoverable.is_empty() && failures.is_empty() {
            Outcome::none()
        } else {
            Outcome::say(Notice::Bulk {
                done: BulkDone::Deleted {
                    count: steps.len() + unrecoverable.len(),
                },
                failures,
            })
        };
        self.history.record(Step::Batch(steps));
        outcome
    }

    pub(super) fn undo(&mut self) -> Outcome {
        let Some(workspace) = &mut self.workspace else {
            return Outcome::none();
        };
        let Some(step) = self.history.pop() else {
            return Outcome::say(Notice::NothingToUndo);
        };
        let summary = step.summary();
        let Step::Batch(parts) = step else {
            return match step.take_back(workspace) {
                Ok(()) => Outcome::say(Notice::Undone(summary)),
                Err(error) => Outcome::say(Notice::UndoFailed {
                    step: summary,
                    undone: 0,
                    error: Arc::new(error),
                }),
            };
        };
        // A bulk action is taken back newest first, every part tried; the message says how
        // many came back and names what did not, with the first reason.
        let total = parts.len();
        let mut failed = Vec::new();
        let mut first_error = None;
        for part in parts.into_iter().rev() {
            if let Err(error) = part.take_back(workspace) {
                first_error.get_or_insert(error);
                failed.push(part);
            }
        }
        match first_error {
            None => Outcome::say(Notice::Undone(summary)),
            Some(error) => {
                failed.reverse();
                let failed_count = failed.len();
                Outcome::say(Notice::UndoFailed {
                    step: Step::Batch(failed).summary(),
                    undone: total - failed_count,
                    error: Arc::new(error),
                })
            }
        }
    }
}
