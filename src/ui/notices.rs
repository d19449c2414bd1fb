//! The model's messages in the user's language: one sentence each, naming the device a message
//! is about, and saying what to do when something failed.

use crate::model::{
    BulkDone, DialogKind, ExportRefusal, FailureReason, NotApplicable, Notice, StepSummary,
};
use crate::store::DeletedTo;
use crate::{tr, trn};

use super::errors::{push_error, store_error};

/// The text of a message for the status line.
pub fn notice_text(notice: &Notice) -> String {
    match notice {
        Notice::FolderRead => tr!(FolderRead).to_owned(),
        Notice::ReadingAgain => tr!(ReadingAgain).to_owned(),
        Notice::FolderFailed(error) => store_error(error),
        Notice::DemoFailed(error) => tr!(DemoCopyFailed, error = error),
        Notice::StatusSet { device, status } => {
            tr!(StatusSetFor, device = device, status = status)
        }
        Notice::StatusAlready { device, status } => {
            tr!(StatusAlreadyFor, device = device, status = status)
        }
        Notice::WriteFailed { device, error } => {
            tr!(WriteFailedFor, device = device, error = store_error(error))
        }
        Notice::NotApplicable { device, reason } => match reason {
            NotApplicable::NoStatus => tr!(NotApplicableNoStatus, device = device),
            NotApplicable::Unsafe => tr!(NotApplicableUnsafe, device = device),
        },
        Notice::Deleted { device, to } => match to {
            DeletedTo::Trash => tr!(DeletedToTrashFor, device = device),
            DeletedTo::Removed => tr!(DeletedRemovedFor, device = device),
        },
        Notice::Bulk { done, failures } => bulk_text(done, failures),
        Notice::Undone(step) => tr!(Undone, what = step_text(step)),
        Notice::UndoFailed {
            step,
            undone: 0,
            error,
        } => tr!(
            UndoFailedStep,
            what = step_text(step),
            error = store_error(error)
        ),
        Notice::UndoFailed {
            step,
            undone,
            error,
        } => tr!(
            UndoPartly,
            count = undone,
            what = step_text(step),
            error = store_error(error)
        ),
        Notice::NothingToUndo => tr!(NothingToUndo).to_owned(),
        Notice::Copied => tr!(Copied).to_owned(),
        Notice::Revealing(path) => tr!(RevealAsking, path = path.display()),
        Notice::Revealed(path) => tr!(Revealed, path = path.display()),
        Notice::RevealFailed { path, reason } => tr!(
            RevealNoAnswer,
            path = path.display(),
            error = crate::safe_text::visible(reason, 300)
        ),
        Notice::NoDialog(DialogKind::OpenFolder) => tr!(NoDialogOpen).to_owned(),
        Notice::NoDialog(DialogKind::Export) => tr!(NoDialogExport).to_owned(),
        Notice::Pushed { status } => tr!(ServerReloaded, status = status),
        Notice::PushFailed(error) => tr!(PushFailed, error = push_error(error)),
        Notice::SettingsSaved => tr!(SettingsSaved).to_owned(),
        Notice::SettingsNotSaved(error) if error.is_empty() => {
            tr!(SettingsNotSaved, error = tr!(NoSettingsFolder))
        }
        Notice::SettingsNotSaved(error) => tr!(SettingsNotSaved, error = error),
        Notice::NotificationsUnavailable(error) => tr!(
            NotificationsUnavailable,
            error = crate::safe_text::visible(error, 300)
        ),
        Notice::Exported { rows, path } => {
            trn!(ExportedOne, Exported, *rows, path = path.display())
        }
        Notice::ExportRefused { path, reason } => match reason {
            ExportRefusal::InsideFolder => tr!(ExportInsideFolder, path = path.display()),
            ExportRefusal::Exists => tr!(ExportExists, path = path.display()),
        },
        Notice::ExportFailed { path, error } => {
            tr!(CouldNotWrite, path = path.display(), error = error)
        }
    }
}

/// What Undo will do, for the Undo button's tooltip.
pub fn undo_hint(step: &StepSummary) -> String {
    tr!(UndoTooltip, what = step_text(step))
}

/// What a step's undo does, in words ("set iPhone XR back to blocked").
fn step_text(step: &StepSummary) -> String {
    match step {
        StepSummary::Status {
            device,
            from: Some(from),
            ..
        } => tr!(
            StepStatusBack,
            device = device,
            status = crate::safe_text::cell(from)
        ),
        StepSummary::Status {
            device, from: None, ..
        } => tr!(StepStatusOut, device = device),
        StepSummary::Delete { device } => tr!(StepDelete, device = device),
        StepSummary::Batch {
            count,
            deleted: false,
        } => tr!(StepBatchSet, count = count),
        StepSummary::Batch {
            count,
            deleted: true,
        } => tr!(StepBatchDelete, count = count),
    }
}

/// A bulk action's result in one sentence, naming (up to five of) the files it could not change.
fn bulk_text(done: &BulkDone, failures: &[crate::model::Failure]) -> String {
    let done_text = match done {
        BulkDone::Set { count, status } => {
            tr!(BulkSet, sessions = sessions(*count), status = status)
        }
        BulkDone::Deleted { count } => tr!(BulkDeleted, sessions = sessions(*count)),
    };
    if failures.is_empty() {
        let tail = match done {
            BulkDone::Set { .. } => ".",
            BulkDone::Deleted { .. } => tr!(BulkDeletedTail),
        };
        return format!("{done_text}{tail}");
    }
    let shown: Vec<String> = failures
        .iter()
        .take(5)
        .map(|failure| {
            let reason = match &failure.reason {
                FailureReason::Store(error) => store_error(error),
                FailureReason::NotApplicable(NotApplicable::NoStatus) => {
                    tr!(ShortNoStatus).to_owned()
                }
                FailureReason::NotApplicable(NotApplicable::Unsafe) => tr!(ShortUnsafe).to_owned(),
            };
            // Each reason is a sentence of its own; inside the list its full stop would double
            // the punctuation (".;" and ".." before the list's own end).
            format!("{}: {}", failure.device, reason.trim_end_matches('.'))
        })
        .collect();
    let more = failures.len().saturating_sub(shown.len());
    let more = if more > 0 {
        tr!(AndMoreInline, count = more)
    } else {
        String::new()
    };
    tr!(
        BulkFailures,
        done = done_text,
        count = failures.len(),
        failures = shown.join("; "),
        more = more
    )
}

/// "1 session", "3 sessions".
fn sessions(count: usize) -> String {
    trn!(SessionsOne, SessionsMany, count)
}
