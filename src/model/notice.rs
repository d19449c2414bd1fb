//! What the window tells the user after a command or a background event, as data: the model
//! decides what happened, the window words it in the user's language (`ui::notice_text`).

use std::path::PathBuf;
use std::sync::Arc;

use crate::push::PushError;
use crate::store::{DeletedTo, Status, StoreError};

use super::undo::StepSummary;

/// Which native dialog could not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// The folder picker (Open folder…).
    OpenFolder,
    /// The save dialog of Export….
    Export,
}

/// What a bulk action did, before any failures are named.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkDone {
    /// So many sessions were set to a status.
    Set {
        /// How many files were written.
        count: usize,
        /// The status they now have.
        status: Status,
    },
    /// So many sessions were deleted.
    Deleted {
        /// How many files were deleted.
        count: usize,
    },
}

/// One file a bulk action could not change: the device it belongs to and why.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The device and file, as messages name them.
    pub device: String,
    /// The session id.
    pub id: String,
    /// Why it failed.
    pub reason: FailureReason,
}

/// Why one file of a bulk action was not changed.
#[derive(Debug, Clone)]
pub enum FailureReason {
    /// The store refused or failed.
    Store(Arc<StoreError>),
    /// The command does not apply to that row.
    NotApplicable(NotApplicable),
}

/// One message for the status line.
#[derive(Debug, Clone)]
pub enum Notice {
    /// The folder has been read in full.
    FolderRead,
    /// Refresh started reading the folder again.
    ReadingAgain,
    /// A folder could not be opened or read.
    FolderFailed(Arc<StoreError>),
    /// The demo folder could not be copied.
    DemoFailed(String),
    /// A status was written.
    StatusSet {
        /// The device, as messages name it.
        device: String,
        /// The new status.
        status: Status,
    },
    /// A session already had that status: nothing was written.
    StatusAlready {
        /// The device.
        device: String,
        /// Its status.
        status: Status,
    },
    /// A status change or delete was refused or failed.
    WriteFailed {
        /// The device.
        device: String,
        /// Why.
        error: Arc<StoreError>,
    },
    /// A row cannot take that command (a problem file, a link).
    NotApplicable {
        /// The device or file.
        device: String,
        /// Why the command does not apply.
        reason: NotApplicable,
    },
    /// A session file was deleted.
    Deleted {
        /// The device.
        device: String,
        /// Where the file went.
        to: DeletedTo,
    },
    /// A bulk action ended; `failures` names every file it could not change.
    Bulk {
        /// What it did.
        done: BulkDone,
        /// The files it could not change.
        failures: Vec<Failure>,
    },
    /// A step was taken back.
    Undone(StepSummary),
    /// A step could not be taken back (the files are left as they are).
    UndoFailed {
        /// What could not be taken back.
        step: StepSummary,
        /// How many parts of a bulk step were taken back all the same.
        undone: usize,
        /// Why.
        error: Arc<StoreError>,
    },
    /// Undo was asked for with nothing to undo.
    NothingToUndo,
    /// Text was put on the clipboard.
    Copied,
    /// The file manager was asked to show a file; no answer yet.
    Revealing(PathBuf),
    /// The file manager showed the file.
    Revealed(PathBuf),
    /// No file manager answered; the path can be copied instead.
    RevealFailed {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// A native dialog could not be shown here; a path field is offered instead.
    NoDialog(DialogKind),
    /// The server reloaded the sessions.
    Pushed {
        /// The HTTP status.
        status: u16,
    },
    /// Push failed.
    PushFailed(Arc<PushError>),
    /// The server settings were saved.
    SettingsSaved,
    /// The server settings could not be saved.
    SettingsNotSaved(String),
    /// The shown sessions were exported.
    Exported {
        /// How many rows.
        rows: usize,
        /// The file written.
        path: PathBuf,
    },
    /// The export was not written there, on purpose.
    ExportRefused {
        /// The file asked for.
        path: PathBuf,
        /// Why.
        reason: ExportRefusal,
    },
    /// The export file could not be written.
    ExportFailed {
        /// The file.
        path: PathBuf,
        /// What the system said.
        error: String,
    },
    /// A desktop notification could not be shown (said once per run): what the system said.
    NotificationsUnavailable(String),
}

/// Why an export was not written where asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportRefusal {
    /// The file is inside the open `MobileApps` folder, where it could replace a session file.
    InsideFolder,
    /// A file of that name exists (a typed path: no dialog asked about replacing it).
    Exists,
}

/// Why a command does not apply to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotApplicable {
    /// The file is not a session 4D can read, so it has no status to change.
    NoStatus,
    /// The file is a symbolic link or otherwise unsafe: it is never changed or deleted.
    Unsafe,
}

impl Notice {
    /// Whether the message reports a failure (drawn in the error colour).
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Notice::FolderFailed(_)
                | Notice::DemoFailed(_)
                | Notice::WriteFailed { .. }
                | Notice::NotApplicable { .. }
                | Notice::UndoFailed { .. }
                | Notice::RevealFailed { .. }
                | Notice::NoDialog(_)
                | Notice::PushFailed(_)
                | Notice::SettingsNotSaved(_)
                | Notice::ExportFailed { .. }
                | Notice::ExportRefused { .. }
                | Notice::NotificationsUnavailable(_)
        ) || matches!(self, Notice::Bulk { failures, .. } if !failures.is_empty())
    }
}
