//! What this window changed, and how to take it back. Every write is one step, whatever the
//! file held before: a status change keeps the file's bytes from before and after, so Undo puts
//! back exactly the bytes that were there (a non-standard status such as `blocked` included),
//! and only while the file still holds what we wrote; a delete keeps what the store needs to put
//! the file back as it was.

use crate::store::{Deleted, Status, StoreError};

use super::filter::SessionKey;
use super::workspace::Workspace;

/// One change this window made.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A status was written.
    Status {
        /// The session.
        key: SessionKey,
        /// The device, as messages name it.
        device: String,
        /// The status value the file had before, as written in it (`None`: none, or not a string).
        from: Option<String>,
        /// The status written.
        to: Status,
        /// The file's bytes before the change.
        before: Vec<u8>,
        /// The file's bytes after it.
        after: Vec<u8>,
    },
    /// A session file was deleted.
    Delete {
        /// The session.
        key: SessionKey,
        /// The device.
        device: String,
        /// What the store needs to put it back.
        deleted: Deleted,
    },
    /// Several changes made by one command (a bulk action), taken back together.
    Batch(Vec<Step>),
}

/// What a step is, for the Undo button's tooltip and the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum StepSummary {
    /// A status change of one device: undoing it gives back `from`.
    Status {
        /// The device.
        device: String,
        /// The status value it goes back to (`None`: the file had none).
        from: Option<String>,
        /// The status it has now.
        to: Status,
    },
    /// A deleted session of one device.
    Delete {
        /// The device.
        device: String,
    },
    /// A bulk action over so many files.
    Batch {
        /// How many files.
        count: usize,
        /// Whether it deleted them (else it set their status).
        deleted: bool,
    },
}

impl Step {
    /// What the step is, in words the window can translate.
    pub fn summary(&self) -> StepSummary {
        match self {
            Step::Status {
                device, from, to, ..
            } => StepSummary::Status {
                device: device.clone(),
                from: from.clone(),
                to: *to,
            },
            Step::Delete { device, .. } => StepSummary::Delete {
                device: device.clone(),
            },
            Step::Batch(steps) => StepSummary::Batch {
                count: steps.len(),
                deleted: steps.iter().any(|step| matches!(step, Step::Delete { .. })),
            },
        }
    }

    /// Takes the step back on disk. A batch is taken back newest first and every part is
    /// tried; the first failure is returned.
    pub fn take_back(&self, workspace: &mut Workspace) -> Result<(), StoreError> {
        match self {
            Step::Status {
                key, before, after, ..
            } => workspace.put_back(&key.app, &key.id, after, before),
            Step::Delete { key, deleted, .. } => workspace.restore(&key.app, &key.id, deleted),
            Step::Batch(steps) => {
                let mut result = Ok(());
                for step in steps.iter().rev() {
                    let outcome = step.take_back(workspace);
                    if result.is_ok() {
                        result = outcome;
                    }
                }
                result
            }
        }
    }
}

/// The steps this window made, newest last.
#[derive(Debug, Default)]
pub struct History {
    steps: Vec<Step>,
}

impl History {
    /// Records a step (an empty batch records nothing).
    pub fn record(&mut self, step: Step) {
        match &step {
            Step::Batch(steps) if steps.is_empty() => {}
            Step::Batch(steps) if steps.len() == 1 => {
                self.steps.extend(steps.iter().cloned());
            }
            _ => self.steps.push(step),
        }
    }

    /// The step Undo takes back next.
    pub fn last(&self) -> Option<&Step> {
        self.steps.last()
    }

    /// Removes and returns the step Undo takes back next.
    pub fn pop(&mut self) -> Option<Step> {
        self.steps.pop()
    }

    /// How many steps can be taken back.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there is nothing to take back.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Forgets every step (another folder was opened).
    pub fn clear(&mut self) {
        self.steps.clear();
    }
}
