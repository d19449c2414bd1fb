//! Typed errors of the store. Each variant's message is one sentence that says what happened
//! and what to do, so the window and the command line can show it as it is.

use std::path::PathBuf;

/// Everything the store can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The given path exists but holds no `MobileApps` folder in any of the accepted places.
    #[error(
        "{} holds no MobileApps folder; give the MobileApps folder itself, the data folder that contains it, the data file (*.4DD) next to it, or the 4D project folder (4D keeps it in Data/MobileApps, next to the data file)",
        .0.display()
    )]
    NoMobileApps(PathBuf),

    /// The given path does not exist at all.
    #[error("{} does not exist; check the path and try again", .0.display())]
    NotFound(PathBuf),

    /// The APP argument names no app folder.
    #[error("no app folder matches {app:?}; the apps are: {}", list_or_none(.candidates))]
    UnknownApp {
        /// What the user asked for.
        app: String,
        /// Every app folder there is.
        candidates: Vec<String>,
    },

    /// The APP argument is a bundle id shared by several folders.
    #[error("{app:?} matches several app folders ({}); give the full folder name", .candidates.join(", "))]
    AmbiguousApp {
        /// What the user asked for.
        app: String,
        /// The folders it matches.
        candidates: Vec<String>,
    },

    /// The session id names no session file of the app.
    #[error("app {app} has no session {id:?}; run `list` to see the session ids")]
    UnknownSession {
        /// The app folder.
        app: String,
        /// What the user asked for.
        id: String,
    },

    /// The file is a symbolic link, or a write would leave the folder.
    #[error("{} is unsafe to touch ({reason}); it was left as it is", .path.display())]
    Unsafe {
        /// The file refused.
        path: PathBuf,
        /// Why it is unsafe.
        reason: String,
    },

    /// The file is not a JSON object that can be edited.
    #[error("{} is not a well-formed session file ({reason}); fix or delete it by hand, it was left as it is", .path.display())]
    Malformed {
        /// The file refused.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The file could not be read: permission, encoding or size.
    #[error("cannot read {}: {reason}", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },

    /// The app folder was there when the folder was read and is gone now: another program
    /// moved or deleted it (issue 14: an app folder that disappears during a bulk action).
    #[error(
        "the app folder {app:?} is gone (another program moved or deleted it); nothing in it was changed"
    )]
    AppGone {
        /// The app folder's name.
        app: String,
    },

    /// The file is marked read-only; someone protected it on purpose.
    #[error("{} is read-only; make it writable first if you mean to change it", .0.display())]
    ReadOnly(PathBuf),

    /// A status other than accepted or pending was asked for.
    #[error("{0:?} is not a session status; use accepted or pending")]
    InvalidStatus(String),

    /// The file no longer holds what this app wrote, so taking the change back would lose a
    /// newer write.
    #[error("{} changed on disk since this app wrote it (the server or another program wrote it again); it was left as it is", .0.display())]
    ChangedSince(PathBuf),

    /// The file kept changing under us while we tried to write it.
    #[error("{} kept changing while it was being edited; try again in a moment", .0.display())]
    Busy(PathBuf),

    /// Any other input/output failure, with the file it concerns.
    #[error("{action} {} failed: {source}", .path.display())]
    Io {
        /// What was being done.
        action: IoAction,
        /// The file.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },

    /// The running user could not write the file itself (the folder's permissions would let a
    /// rename replace it anyway, which would silently change someone else's file).
    #[error("you cannot write {} yourself (it belongs to another user or its permissions forbid it); it was left as it is", .0.display())]
    NotWritable(PathBuf),

    /// A new file could not be given the original's owner and group, so writing it would change
    /// who can read it.
    #[error("{} belongs to user {owner} and group {group}, which this user cannot give to a new file; it was left as it is: run this as that user or as root", .path.display())]
    CannotKeepOwner {
        /// The file.
        path: PathBuf,
        /// The numeric owner the file has.
        owner: u32,
        /// The numeric group the file has.
        group: u32,
    },

    /// Nothing can be written into the app folder (read-only or not ours).
    #[error("{} cannot be written into (it is read-only or not yours); nothing was changed", .0.display())]
    FolderNotWritable(PathBuf),

    /// Windows: another program keeps the file open without letting it be replaced.
    #[error("4D or another program is holding {}; try again in a moment", .0.display())]
    Held(PathBuf),

    /// There is no trash for this folder's volume, and permanent removal was not allowed.
    #[error("there is no trash for {}; deleting it would remove it for good (Undo would be the only way back), so it was left as it is", .0.display())]
    NoTrash(PathBuf),

    /// The system trash refused the file; nothing was deleted.
    #[error("moving {} to the trash failed ({reason}); nothing was deleted", .path.display())]
    TrashFailed {
        /// The file.
        path: PathBuf,
        /// What the trash said.
        reason: String,
    },

    /// Undo of a delete has nothing to put back (the bytes could not be read at the delete).
    #[error("{} cannot be put back: its content could not be read when it was deleted", .0.display())]
    NothingToRestore(PathBuf),
}

/// What the store was doing when the system refused: typed, so the window can word it in its
/// own language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    /// Listing the `MobileApps` folder.
    Listing,
    /// Reading a session file.
    Reading,
    /// Writing a session file.
    Writing,
    /// Deleting a session file.
    Deleting,
    /// Putting a deleted session file back.
    Restoring,
}

impl std::fmt::Display for IoAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IoAction::Listing => "listing",
            IoAction::Reading => "reading",
            IoAction::Writing => "writing",
            IoAction::Deleting => "deleting",
            IoAction::Restoring => "restoring",
        })
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
