//! What the user asks for ([`Command`]), and what the model asks the window to do in return
//! ([`Effect`]: the things that need a window, a thread or the system, such as a native dialog,
//! the clipboard, the file manager or an HTTP request). Panels never change the state mid-frame:
//! they return commands, and [`super::Model::apply`] carries them out at the end of the frame.

use std::path::PathBuf;

use crate::push::PushTarget;
use crate::store::Status;

use super::filter::{SessionKey, Shown, StatusFilter};
use super::notice::{DialogKind, Notice};
use super::prefs::ExtraColumn;
use super::rows::SortKey;

/// One thing the user asked for.
#[derive(Debug, Clone)]
#[must_use]
pub enum Command {
    /// Open a folder (any PATH form).
    OpenFolder(PathBuf),
    /// Open a fresh copy of the demo folder.
    OpenDemo,
    /// Show the system's folder picker.
    PickFolder,
    /// The text of the path field shown when no native dialog could be.
    EditPath(String),
    /// Use the path typed in the path field.
    SubmitPath,
    /// Close the path field.
    CancelPath,
    /// The folder picker closed: the folder chosen, if any, and whether a dialog could be shown
    /// at all.
    FolderPicked(Result<Option<PathBuf>, DialogKind>),
    /// Show another app's sessions, or all apps'.
    SelectApp(Shown),
    /// Show only sessions matching a search and a status filter.
    Filter {
        /// The words typed in the search field.
        query: String,
        /// The status filter.
        status: StatusFilter,
    },
    /// Show or hide an optional column.
    ToggleColumn(ExtraColumn),
    /// Sort the table by a column (again: the other way round).
    SortBy(SortKey),
    /// Write a session's status.
    SetStatus {
        /// The app folder.
        app: String,
        /// The session id.
        id: String,
        /// The new status.
        status: Status,
    },
    /// Select a row and open its details.
    Select(SessionKey),
    /// Add a row to the selection (Ctrl/Cmd+click toggles it, Shift+click takes the range from
    /// the selected row to it).
    Mark {
        /// The row.
        key: SessionKey,
        /// Shift: the whole range.
        range: bool,
    },
    /// Select every shown row (Ctrl/Cmd+A).
    MarkAll,
    /// Space: toggle the selected row between accepted and pending (several rows: accept them
    /// all, or set them all pending when none is pending).
    ToggleStatus,
    /// Delete key: ask to delete the selected row or rows.
    AskDeleteSelection,
    /// Set the status of every selected row.
    BulkStatus(Status),
    /// Ask to confirm deleting every selected row.
    AskBulkDelete,
    /// Delete every selected row (confirmed).
    BulkDelete,
    /// Close the bulk delete confirmation.
    CancelBulkDelete,
    /// Remove for good the sessions whose folder has no trash (confirmed).
    DeleteForGood,
    /// Move the selection to this row (keyboard), scrolling it into view.
    MoveSelection(SessionKey),
    /// Clear the selection and close the details panel.
    ClearSelection,
    /// Close the details panel.
    CloseDetails,
    /// Put text on the clipboard.
    Copy(String),
    /// Right-click on a row: select it, so the menu acts on the highlighted row.
    ContextSelect(SessionKey),
    /// Ask to confirm the deletion of a session.
    AskDelete {
        /// The app folder.
        app: String,
        /// The session id.
        id: String,
    },
    /// Delete a session (confirmed).
    Delete {
        /// The app folder.
        app: String,
        /// The session id.
        id: String,
    },
    /// Close the delete confirmation without deleting.
    CancelDelete,
    /// Reveal a file in Finder, Explorer or the file manager.
    Reveal(PathBuf),
    /// The file manager answered (or no file manager did).
    RevealFinished {
        /// The file.
        path: PathBuf,
        /// What the system said, when it failed.
        result: Result<(), String>,
    },
    /// Read the whole folder again.
    Refresh,
    /// Ask the server to reload the sessions (or set it up first).
    Push,
    /// The server answered a push.
    PushFinished(Result<crate::push::PushReply, std::sync::Arc<crate::push::PushError>>),
    /// Open the Server settings dialog.
    OpenSettings,
    /// Save the server settings (and push, when the dialog was opened by Push).
    SaveSettings {
        /// The settings.
        target: PushTarget,
        /// Whether to push right after saving.
        push_after: bool,
    },
    /// Close the Server settings dialog.
    CloseSettings,
    /// Show or hide the list of problem files.
    ShowProblems(bool),
    /// Esc: close the innermost thing open (a dialog, the problems list, the search, the
    /// selection, the details panel), one per press.
    Escape,
    /// Watch by system notifications (`None`) or by polling every so many seconds.
    SetPolling(Option<f64>),
    /// Ask where to save the current view as CSV.
    PickExport,
    /// The export dialog closed: the file chosen, if any, and whether a dialog could be shown.
    ExportPicked(Result<Option<PathBuf>, DialogKind>),
    /// Write the current view as CSV to this file.
    ExportTo(PathBuf),
    /// Undo the last status change or delete made in this window.
    Undo,
    /// Forget the message in the status line.
    DismissNotice,
    /// Open (read) or close the History panel.
    ShowHistory(bool),
    /// Show only the history entries matching a search, an app folder and a kind.
    FilterHistory {
        /// The words typed in the History panel's search field.
        query: String,
        /// Only this app folder (`None`: every app).
        app: Option<String>,
        /// Only this kind (`None`: every kind).
        kind: Option<crate::history::Kind>,
    },
    /// Ask where to save the History panel's shown entries as CSV.
    PickHistoryExport,
    /// Turn desktop notifications on (`true`) or off.
    SetNotifications(bool),
    /// A notification was clicked: bring the window to the front on this session.
    ShowSession(SessionKey),
    /// A notification could not be shown (no notification service answered).
    NotificationFailed(String),
}

/// What the model asks the window to do: things that need the window, a thread or the system.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Effect {
    /// Show the system's folder picker.
    PickFolder,
    /// Show the system's save dialog for the CSV export.
    PickExport,
    /// Ask the file manager to show a file (and report back with `RevealFinished`).
    Reveal(PathBuf),
    /// Put text on the clipboard.
    Copy(String),
    /// Send the reload request (report back with `PushFinished`).
    Push(PushTarget),
    /// Open the Server settings dialog with these settings; push after saving when asked.
    OpenSettings {
        /// The saved settings, or empty ones.
        target: PushTarget,
        /// Whether Save pushes too (the dialog was opened by Push).
        push_after_save: bool,
    },
    /// Close the Server settings dialog.
    CloseSettings,
    /// Scroll the selected row into view.
    ScrollToSelected,
    /// Show a desktop notification that devices wait (report a click with `ShowSession`, a
    /// failure with `NotificationFailed`).
    Notify(super::alerts::Alert),
    /// Bring the window to the front (un-minimise it and give it the focus).
    BringToFront,
}

/// What one command did: the message for the status line, if any, and what the window must do.
#[derive(Debug, Default)]
#[must_use]
pub struct Outcome {
    /// What to tell the user.
    pub notice: Option<Notice>,
    /// What the window must do.
    pub effects: Vec<Effect>,
}

impl Outcome {
    /// An outcome that only tells the user something.
    pub fn say(notice: Notice) -> Self {
        Outcome {
            notice: Some(notice),
            effects: Vec::new(),
        }
    }

    /// An outcome that only asks the window to do something.
    pub fn effect(effect: Effect) -> Self {
        Outcome {
            notice: None,
            effects: vec![effect],
        }
    }

    /// Nothing to say or do.
    pub fn none() -> Self {
        Outcome::default()
    }
}
