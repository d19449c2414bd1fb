//! Changing session files: setting a status, deleting a session, and putting a deleted one back.
//!
//! Every path written or deleted is built from two plain names that the directory listing gave
//! (app folder, file name) and checked again on disk right before acting: never from the file's
//! contents, never through a symbolic link. Writes go to a temporary file in the same folder,
//! are flushed, and are renamed over the original, so a reader (the 4D server) sees the old
//! file or the new one, never half of one.

use std::fs::{self, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::error::{IoAction, Result, StoreError};
use super::json_text::set_top_level_string;
use super::read::{Raw, as_text, parse_object, read_raw};
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
        _ => {
            return Err(StoreError::UnknownApp {
                app: folder.to_owned(),
                candidates: Vec::new(),
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

/// Reads a session file for editing: its bytes and metadata, refusing what cannot be edited.
fn read_for_edit(path: &Path) -> Result<(Vec<u8>, Metadata)> {
    match read_raw(path) {
        Ok(Raw::Bytes(bytes, meta)) => Ok((bytes, meta)),
        Ok(Raw::Refused(problem, _)) if problem.code == ProblemCode::Unsafe => {
            Err(StoreError::Unsafe {
                path: path.to_owned(),
                reason: problem.message,
            })
        }
        Ok(Raw::Refused(problem, _)) => Err(StoreError::Unreadable {
            path: path.to_owned(),
            reason: problem.message,
        }),
        Err(source) => Err(StoreError::Io {
            action: IoAction::Reading,
            path: path.to_owned(),
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
/// right before the write and checked again before the rename, so a change the server made in
/// the meantime is kept, not overwritten.
pub fn set_status(root: &Root, folder: &str, id: &str, status: Status) -> Result<StatusEdit> {
    let path = checked_session_path(root, folder, id)?;
    for _ in 0..WRITE_ATTEMPTS {
        let (bytes, meta) = read_for_edit(&path)?;
        // Checked by hand because the rename would replace a read-only file anyway (and root
        // ignores permissions): a file someone protected is not ours to change.
        if meta.permissions().readonly() {
            return Err(StoreError::ReadOnly(path));
        }
        let malformed = |reason: String| StoreError::Malformed {
            path: path.clone(),
            reason,
        };
        let text = as_text(&bytes).map_err(|problem| StoreError::Unreadable {
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
                after: bytes.clone(),
                before: bytes,
            });
        }
        let bom_len = bytes.len() - text.len();
        let edited = set_top_level_string(text, "status", status.as_str())
            .ok_or_else(|| malformed("its text could not be edited safely".into()))?;
        let mut new_bytes = bytes[..bom_len].to_vec();
        new_bytes.extend_from_slice(edited.as_bytes());
        if write_if_unchanged(&path, &bytes, &new_bytes, &meta)? {
            return Ok(StatusEdit {
                path,
                previous,
                written: true,
                before: bytes,
                after: new_bytes,
            });
        }
    }
    Err(StoreError::Busy(path))
}

/// Puts `bytes` back into a session file that still holds exactly `expected` (what this app
/// wrote), as Undo of a status change does. Refuses, changing nothing, when the file changed
/// since: the server's or another program's newer write wins.
pub fn put_back(
    root: &Root,
    folder: &str,
    id: &str,
    expected: &[u8],
    bytes: &[u8],
) -> Result<PathBuf> {
    let path = checked_session_path(root, folder, id)?;
    let (current, meta) = read_for_edit(&path)?;
    if current != expected {
        return Err(StoreError::ChangedSince(path));
    }
    if meta.permissions().readonly() {
        return Err(StoreError::ReadOnly(path));
    }
    if write_if_unchanged(&path, expected, bytes, &meta)? {
        Ok(path)
    } else {
        Err(StoreError::ChangedSince(path))
    }
}

/// Writes `new_bytes` over `path` atomically, unless the file no longer holds `old_bytes`.
/// Returns whether it wrote.
fn write_if_unchanged(
    path: &Path,
    old_bytes: &[u8],
    new_bytes: &[u8],
    meta: &Metadata,
) -> Result<bool> {
    let io_error = |source| StoreError::Io {
        action: IoAction::Writing,
        path: path.to_owned(),
        source,
    };
    let temp = write_temp_beside(path, new_bytes, Some(meta)).map_err(io_error)?;
    // The last look before the rename: if the server rewrote the file while we prepared ours,
    // start again from its version.
    match read_raw(path) {
        Ok(Raw::Bytes(current, _)) if current == old_bytes => {}
        _ => return Ok(false),
    }
    temp.persist(path).map_err(|error| io_error(error.error))?;
    sync_folder(path);
    Ok(true)
}

/// Writes bytes to a hidden temporary file in the same folder as `path`, flushed to disk, with
/// the permissions of `like` when given.
fn write_temp_beside(
    path: &Path,
    bytes: &[u8],
    like: Option<&Metadata>,
) -> io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("session");
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    if let Some(meta) = like {
        fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Flushes the folder entry of a renamed file, so the rename itself survives a crash.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent()
        && let Ok(handle) = fs::File::open(dir)
    {
        // A failure here leaves the data written; only its durability across a power cut is
        // weaker, which is not worth failing the edit for.
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
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
    /// Removed for good: there was no trash for that folder.
    Removed,
}

/// What a delete did, with the bytes the file had, so it can be put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    /// The file that was deleted.
    pub path: PathBuf,
    /// Where it went.
    pub to: DeletedTo,
    /// Its bytes just before, when they could be read.
    pub bytes: Option<Vec<u8>>,
}

/// Takes a session file out of its app folder: to the system trash where there is one,
/// otherwise removed.
pub fn delete(root: &Root, folder: &str, id: &str, policy: DeletePolicy) -> Result<Deleted> {
    let path = checked_session_path(root, folder, id)?;
    if fs::symlink_metadata(&path).is_ok_and(|meta| meta.permissions().readonly()) {
        return Err(StoreError::ReadOnly(path));
    }
    let bytes = match read_raw(&path) {
        Ok(Raw::Bytes(bytes, _)) => Some(bytes),
        Ok(Raw::Refused(problem, _)) if problem.code == ProblemCode::Unsafe => {
            return Err(StoreError::Unsafe {
                path,
                reason: problem.message,
            });
        }
        _ => None,
    };
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
    let to = if trash::delete(&path).is_ok() && !path.exists() {
        DeletedTo::Trash
    } else {
        fs::remove_file(&path).map_err(|source| StoreError::Io {
            action: IoAction::Deleting,
            path: path.clone(),
            source,
        })?;
        DeletedTo::Removed
    };
    Ok(Deleted { path, to, bytes })
}

/// Puts a deleted session file back with exactly the bytes it had. Refuses when a file of that
/// name exists again (the device has logged in anew): that newer session wins.
pub fn restore(root: &Root, folder: &str, id: &str, bytes: &[u8]) -> Result<PathBuf> {
    if !is_plain_name(folder) || !is_session_file_name(id) {
        return Err(StoreError::UnknownSession {
            app: folder.to_owned(),
            id: id.to_owned(),
        });
    }
    let dir = root.app_dir(folder);
    let dir_meta = fs::symlink_metadata(&dir).map_err(|source| StoreError::Io {
        action: IoAction::Restoring,
        path: dir.clone(),
        source,
    })?;
    if !dir_meta.is_dir() {
        return Err(StoreError::Unsafe {
            path: dir,
            reason: "the app folder is a symbolic link or not a folder".into(),
        });
    }
    let path = root.session_path(folder, id);
    let io_error = |source| StoreError::Io {
        action: IoAction::Restoring,
        path: path.clone(),
        source,
    };
    let temp = write_temp_beside(&path, bytes, None).map_err(io_error)?;
    temp.persist_noclobber(&path)
        .map_err(|error| io_error(error.error))?;
    sync_folder(&path);
    Ok(path)
}
