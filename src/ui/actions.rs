//! What the panels ask for. Panels never change the app's state mid-frame: they return actions,
//! and [`super::app::SessionsApp::apply`] carries them out at the end of the frame.

use std::path::PathBuf;

use crate::push::PushTarget;
use crate::store::Status;

use super::prefs::SortKey;
use super::workspace::{SessionKey, Shown};

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Action {
    /// Open a folder (any PATH form).
    OpenFolder(PathBuf),
    /// Open a fresh copy of the demo folder.
    OpenDemo,
    /// Show the system's folder picker.
    PickFolder,
    /// Show another app's sessions, or all apps'.
    SelectApp(Shown),
    /// Show only sessions matching a search and a status filter.
    Filter {
        /// The words typed in the search field.
        query: String,
        /// The status filter.
        status: super::workspace::StatusFilter,
    },
    /// Show or hide an optional column.
    ToggleColumn(super::prefs::ExtraColumn),
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
    /// Set the status of every selected row.
    BulkStatus(Status),
    /// Ask to confirm deleting every selected row.
    AskBulkDelete,
    /// Delete every selected row (confirmed).
    BulkDelete,
    /// Close the bulk delete confirmation.
    CancelBulkDelete,
    /// Move the selection to this row (keyboard), scrolling it into view.
    MoveSelection(SessionKey),
    /// Clear the selection and close the details panel.
    ClearSelection,
    /// Close the details panel.
    CloseDetails,
    /// Put text on the clipboard.
    Copy(String),
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
    /// Read the whole folder again.
    Refresh,
    /// Ask the server to reload the sessions (or set it up first).
    Push,
    /// Open the Server settings dialog.
    OpenSettings,
    /// Save the server settings (and push, when the dialog was opened by Push).
    SaveSettings(PushTarget),
    /// Send a test request with these settings.
    TestConnection(PushTarget),
    /// Close the Server settings dialog.
    CloseSettings,
    /// Show or hide the list of problem files.
    ShowProblems(bool),
    /// Watch by system notifications (`None`) or by polling every so many seconds.
    SetPolling(Option<f64>),
    /// Ask where to save the current view as CSV.
    PickExport,
    /// Write the current view as CSV to this file.
    ExportTo(PathBuf),
    /// Undo the last status change or delete made in this window.
    Undo,
    /// Speak this language (`None`: the system's).
    SetLanguage(Option<super::i18n::Language>),
    /// Forget the message in the status line.
    DismissNotice,
}
