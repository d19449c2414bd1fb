//! Changing session files: setting a status, deleting a session, and putting a deleted one back.
//!
//! Every path written or deleted is built from two plain names that the directory listing gave
//! (app folder, file name) and checked again on disk right before acting: never from the file's
//! contents, never through a symbolic link. Writes go through [`super::replace`]: a temporary
//! file in the same folder, flushed, then swapped or renamed in, so a reader (the 4D server)
//! sees the old file or the new one, never half of one.

use std::fs;
use std::path::PathBuf;

use super::error::{IoAction, Result, StoreError};
use super::json_text::set_top_level_string;
use super::read::{Raw, as_text, parse_object};
use super::recycle::{self, PutBack, Trashed};
use super::replace::{AppDir, FileAttributes, Replaced, Seen};
use super::root::{Root, is_plain_name, is_session_file_name};
use super::session::{ProblemCode, Status};

/// How many times a write is retried when the file changes between our read and our rename.
const WRITE_ATTEMPTS: usize = 5;

/// Checks that `folder/id` names a plain session file inside the root, and returns its path.
pub fn checked_session_path(root: &Root, folder: &str, id: &str) -> Result<PathBuf> {
    if !is_plain_name(folder) {
        return Err(StoreError::Unsafe {
            path: root.path().join(folder),
            reason: "the app name is not a plain folder name".into(),
        });
    }
    let dir = root.app_dir(folder);
    match fs::symlink_metadata(&dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(StoreError::Unsafe {
                path: dir,
                reason: "the app folder is a symbolic link".into(),
            });
        }
        Ok(meta) if meta.is_dir() => {}
        // Every caller found this folder in a listing first: it is gone since.
        _ => {
            return Err(StoreError::AppGone {
                app: folder.to_owned(),
            });
        }
    }
    let unknown = || StoreError::UnknownSession {
        app: folder.to_owned(),
        id: id.to_owned(),
    };
    if !is_session_file_name(id) {
        return Err(unknown());
    }
    let path = root.session_path(folder, id);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(StoreError::Unsafe {
            path,
            reason: "it is a symbolic link".into(),
        }),
        Ok(meta) if meta.is_file() => Ok(path),
        Ok(_) => Err(StoreError::Unsafe {
            path,
            reason: "it is not a plain file".into(),
        }),
        Err(_) => Err(unknown()),
    }
}

/// Reads a session file for editing through the folder handle: its bytes and metadata,
/// refusing what cannot be edited.
fn read_for_edit(dir: &AppDir, id: &str) -> Result<Seen> {
    let path = dir.file_path(id);
    match dir.read(id) {
        Ok(Raw::Bytes(bytes, meta)) => Ok(Seen { bytes, meta }),
        Ok(Raw::Refused(problem, _)) if problem.code == ProblemCode::Unsafe => {
            Err(StoreError::Unsafe {
                path,
                reason: problem.message,
            })
        }
        Ok(Raw::Refused(problem, _)) => Err(StoreError::Unreadable {
            path,
            reason: problem.message,
        }),
        Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(StoreError::Unreadable {
                path,
                reason: "permission denied".into(),
            })
        }
        Err(source) => Err(StoreError::Io {
            action: IoAction::Reading,
            path,
            source,
        }),
    }
}

/// What a status change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEdit {
    /// The file written.
    pub path: PathBuf,
    /// The status the file had just before (as written, when it was a string).
    pub previous: Option<String>,
    /// Whether the file was written (false when it already had the status).
    pub written: bool,
    /// The file's bytes just before the change, so it can be taken back exactly.
    pub before: Vec<u8>,
    /// The file's bytes as written (the same as `before` when nothing was written).
    pub after: Vec<u8>,
}

/// Sets a session's status, changing only the bytes of the `status` value. The file is re-read
/// right before the write, and the new file is put in place only while the file still is the
/// one read (see [`super::replace`]), so a change the server made in the meantime is kept, not
/// overwritten. Refused when the running user could not write the file itself, and when the
/// new file could not keep the original's owner, group and mode.
pub fn set_status(root: &Root, folder: &str, id: &str, status: Status) -> Result<StatusEdit> {
    let path = checked_session_path(root, folder, id)?;
    let dir = AppDir::open(root, folder)?;
    for _ in 0..WRITE_ATTEMPTS {
        let seen = read_for_edit(&dir, id)?;
        // Asked before anything is written: a rename would replace a file we may not write (the
        // folder allows it, and root ignores permissions), and a file someone protected is not
        // ours to change.
        dir.check_writable(id, &seen.meta)?;
        let malformed = |reason: String| StoreError::Malformed {
            path: path.clone(),
            reason,
        };
        let text = as_text(&seen.bytes).map_err(|problem| StoreError::Unreadable {
            path: path.clone(),
            reason: problem.message,
        })?;
        let object = parse_object(text).map_err(|problem| malformed(problem.message))?;
        // Every occurrence of a repeated `status` key counts: the file is "already" set only
        // when all of them hold the status (readers differ on which one they keep).
        let all = super::json_text::top_level_strings(text, "status").unwrap_or_default();
        let already = !all.is_empty()
            && all
                .iter()
                .all(|value| value.as_deref() == Some(status.as_str()));
        let previous = all
            .iter()
            .rev()
            .find(|value| value.as_deref() != Some(status.as_str()))
            .cloned()
            .flatten()
            .or_else(|| {
                object
                    .get("status")
                    .and_then(|value| value.as_str())
                    .map(str::to_owned)
            });
        if already {
            return Ok(StatusEdit {
                path,
                previous,
                written: false,
                after: seen.bytes.clone(),
                before: seen.bytes,
            });
        }
        let new_bytes = with_status(&seen.bytes, status)
            .ok_or_else(|| malformed("its text could not be edited safely".into()))?;
        if dir.replace(id, &seen, &new_bytes)? == Replaced::Written {
            return Ok(StatusEdit {
                path,
                previous,
                written: true,
                before: seen.bytes,
                after: new_bytes,
            });
        }
    }
    Err(StoreError::Busy(path))
}

/// The bytes of a session file with its top-level `status` set, every other byte (a byte order
/// mark included) left as it was: what [`set_status`] writes. `None` when the bytes are not
/// UTF-8 text holding a JSON object, or when the text could not be edited safely. Pure, so the
/// fuzzer and the property tests run it on any input.
pub fn with_status(bytes: &[u8], status: Status) -> Option<Vec<u8>> {
    let text = as_text(bytes).ok()?;
    parse_object(text).ok()?;
    let edited = set_top_level_string(text, "status", status.as_str())?;
    let mut new_bytes = bytes[..bytes.len() - text.len()].to_vec();
    new_bytes.extend_from_slice(edited.as_bytes());
    Some(new_bytes)
}

/// Puts `bytes` back into a session file that still holds exactly `expected` (what this app
/// wrote), as Undo of a status change does, through the same replace step as a status change
/// (write check, owner, group and mode kept, swapped in only while the file is the one read).
/// Refuses, changing nothing, when the file changed since: the server's newer write wins.
pub fn put_back(
    root: &Root,
    folder: &str,
    id: &str,
    expected: &[u8],
    bytes: &[u8],
) -> Result<PathBuf> {
    let path = checked_session_path(root, folder, id)?;
    let dir = AppDir::open(root, folder)?;
    let seen = read_for_edit(&dir, id)?;
    if seen.bytes != expected {
        return Err(StoreError::ChangedSince(path));
    }
    dir.check_writable(id, &seen.meta)?;
    match dir.replace(id, &seen, bytes)? {
        Replaced::Written => Ok(path),
        _ => Err(StoreError::ChangedSince(path)),
    }
}

/// Whether `delete` refuses session files that are not well-formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeletePolicy {
    /// Refuse files with a syntax problem (the command line's contract).
    RefuseMalformed,
    /// Delete them too (the window's problem list offers this on purpose).
    AllowMalformed,
}

/// Where a deleted session went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeletedTo {
    /// The system trash (Recycle Bin, Finder's Trash, the freedesktop trash).
    Trash,
    /// Removed for good: there was no trash for that folder, and the caller allowed it.
    Removed,
}

/// What `delete` does where the folder's volume has no trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfNoTrash {
    /// Delete nothing and answer [`StoreError::NoTrash`], so the caller can ask first ("there
    /// is no trash here; Undo will be the only way back") and call again with `RemoveForGood`.
    Refuse,
    /// Remove the file for good (the command line's contract: it says so afterwards).
    RemoveForGood,
}

/// What a delete did, with all that [`restore`] needs to put the very file back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    /// The file that was deleted.
    pub path: PathBuf,
    /// Its app folder's name.
    pub folder: String,
    /// Its session id (file name).
    pub id: String,
    /// Where it went. In the trash, the item is found again by its original path and bytes.
    pub to: DeletedTo,
    /// Its bytes just before, when they could be read.
    pub bytes: Option<Vec<u8>>,
    /// Its permissions, owner, group and modification time just before.
    pub attributes: Option<FileAttributes>,
}

/// Takes a session file out of its app folder: to the system trash where there is one. Where
/// there is none, `if_no_trash` decides; a trash that exists but fails deletes nothing and
/// answers [`StoreError::TrashFailed`].
pub fn delete(
    root: &Root,
    folder: &str,
    id: &str,
    policy: DeletePolicy,
    if_no_trash: IfNoTrash,
) -> Result<Deleted> {
    let path = checked_session_path(root, folder, id)?;
    let dir = AppDir::open(root, folder)?;
    let (bytes, attributes) = match dir.read(id) {
        Ok(Raw::Bytes(bytes, meta)) => (Some(bytes), Some(FileAttributes::of(&meta))),
        Ok(Raw::Refused(problem, _)) if problem.code == ProblemCode::Unsafe => {
            return Err(StoreError::Unsafe {
                path,
                reason: problem.message,
            });
        }
        Ok(Raw::Refused(_, meta)) => (None, meta.as_ref().map(FileAttributes::of)),
        Err(_) => (None, None),
    };
    let readonly = match &attributes {
        Some(attributes) => attributes.readonly,
        None => fs::symlink_metadata(&path).is_ok_and(|meta| meta.permissions().readonly()),
    };
    if readonly {
        return Err(StoreError::ReadOnly(path));
    }
    if policy == DeletePolicy::RefuseMalformed
        && let Some(bytes) = &bytes
        && let Err(problem) = as_text(bytes).and_then(parse_object)
        && problem.code == ProblemCode::Syntax
    {
        return Err(StoreError::Malformed {
            path,
            reason: problem.message,
        });
    }
    let to = match recycle::move_to_trash(&path) {
        Trashed::Yes => DeletedTo::Trash,
        Trashed::Failed(reason) => return Err(StoreError::TrashFailed { path, reason }),
        Trashed::NoTrash if if_no_trash == IfNoTrash::Refuse => {
            return Err(StoreError::NoTrash(path));
        }
        Trashed::NoTrash => {
            dir.remove(id).map_err(|source| StoreError::Io {
                action: IoAction::Deleting,
                path: path.clone(),
                source,
            })?;
            DeletedTo::Removed
        }
    };
    Ok(Deleted {
        path,
        folder: folder.to_owned(),
        id: id.to_owned(),
        to,
        bytes,
        attributes,
    })
}

/// Puts a deleted session file back: the very file from the system trash where the trash can
/// be listed (Linux, Windows; checked to hold the same bytes, and no copy is left in the
/// trash), else written from the kept bytes with the kept mode, owner, group and modification
/// time. Refuses when a file of that name exists again (the device has logged in anew): that
/// newer session wins.
pub fn restore(root: &Root, deleted: &Deleted) -> Result<PathBuf> {
    let (folder, id) = (deleted.folder.as_str(), deleted.id.as_str());
    if !is_plain_name(folder) || !is_session_file_name(id) {
        return Err(StoreError::UnknownSession {
            app: folder.to_owned(),
            id: id.to_owned(),
        });
    }
    let dir = AppDir::open(root, folder)?;
    let path = dir.file_path(id);
    let Some(bytes) = deleted.bytes.as_deref() else {
        return Err(StoreError::NothingToRestore(path));
    };
    let exists = || StoreError::Io {
        action: IoAction::Restoring,
        path: path.clone(),
        source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
    };
    if dir.exists(id) {
        return Err(exists());
    }
    if deleted.to == DeletedTo::Trash {
        match recycle::put_back(&path, bytes) {
            PutBack::Restored => return Ok(path),
            PutBack::Exists => return Err(exists()),
            PutBack::NotThere => {}
        }
    }
    let keep = deleted.attributes.clone().unwrap_or(FileAttributes {
        mode: None,
        owner: None,
        modified: None,
        readonly: false,
    });
    dir.create_new(id, bytes, &keep)?;
    Ok(path)
}
