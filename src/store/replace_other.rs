//! Windows (and any non-Unix) side of [`super`]: paths inside the checked folder, std's rename.
//!
//! std's `fs::rename` on Windows calls `MoveFileExW(MOVEFILE_REPLACE_EXISTING)` and, when that
//! answers "Access denied", renames again through `SetFileInformationByHandle` with
//! `FILE_RENAME_FLAG_REPLACE_IF_EXISTS | FILE_RENAME_FLAG_POSIX_SEMANTICS` (read in std's
//! `sys/fs/windows.rs`), which replaces a file that others hold open with delete sharing.
//! `tempfile`'s `persist` stops at `MoveFileExW`, so it is not used here. A program that holds
//! the file without delete sharing still blocks the rename: we retry for half a second, then
//! say so ([`crate::store::StoreError::Held`]). std opens files with read, write and delete
//! sharing, so our own reads never block 4D.

use std::fs::{self, File, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{FileAttributes, Replaced, STALE_TEMP, Seen, still_seen};
use crate::store::error::{IoAction, Result, StoreError};
use crate::store::read::{Raw, read_raw};

/// Tries of a rename over a file another program holds, 50 ms apart.
const HELD_TRIES: usize = 10;

/// The identity of a file where std gives no file id: its length and modification time.
pub(super) type Id = (u64, Option<SystemTime>);

/// The identity of a file.
pub(super) fn identity(meta: &Metadata) -> Id {
    (meta.len(), meta.modified().ok())
}

/// An app folder, checked once; later steps name files inside it.
pub(super) struct Dir {
    path: PathBuf,
}

impl Dir {
    /// Checks that the folder is a folder and not a link.
    pub(super) fn open(path: &Path) -> io::Result<Dir> {
        let meta = fs::symlink_metadata(path)?;
        if meta.file_type().is_symlink() || !meta.is_dir() {
            return Err(io::Error::from(io::ErrorKind::NotADirectory));
        }
        Ok(Dir {
            path: path.to_owned(),
        })
    }

    /// Opens a file of the folder for reading (std's share mode never blocks 4D's writes);
    /// `None` when it is a link.
    pub(super) fn open_read(&self, name: &str) -> io::Result<Option<File>> {
        let path = self.path.join(name);
        if fs::symlink_metadata(&path)?.file_type().is_symlink() {
            return Ok(None);
        }
        File::open(path).map(Some)
    }

    /// Windows has no cheap "may I write it" question; the read-only flag was checked.
    pub(super) fn may_write(&self, _name: &str) -> io::Result<()> {
        Ok(())
    }

    /// Creates a new file, failing when the name is taken.
    pub(super) fn create_exclusive(&self, name: &str) -> io::Result<File> {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.path.join(name))
    }

    /// Whether a temporary file is a leftover (see [`STALE_TEMP`]).
    pub(super) fn is_stale(&self, name: &str) -> bool {
        is_stale_at(&self.path.join(name), SystemTime::now())
    }

    /// Removes a file of the folder.
    pub(super) fn unlink(&self, name: &str) -> io::Result<()> {
        fs::remove_file(self.path.join(name))
    }

    /// Nothing to flush for a folder here.
    pub(super) fn sync(&self) {}

    /// The last look, then std's rename (retried while the file is held).
    pub(super) fn swap_in(
        &self,
        name: &str,
        tmp: &str,
        seen: &Seen,
        ours: File,
        _written: &Seen,
    ) -> io::Result<Replaced> {
        drop(ours);
        let path = self.path.join(name);
        let unchanged = matches!(read_raw(&path), Ok(Raw::Bytes(bytes, meta)) if still_seen(seen, &bytes, &meta));
        if !unchanged {
            let _ = self.unlink(tmp);
            return Ok(Replaced::Changed);
        }
        match rename_retrying(&self.path.join(tmp), &path) {
            Ok(()) => Ok(Replaced::Written),
            Err(error) => {
                let _ = self.unlink(tmp);
                Err(error)
            }
        }
    }

    /// Moves `tmp` to `name` only if `name` does not exist: a hard link refuses an existing
    /// name; where the volume has no hard links (FAT), a last look and a rename.
    pub(super) fn link_new(&self, tmp: &str, name: &str) -> io::Result<()> {
        let (from, to) = (self.path.join(tmp), self.path.join(name));
        match fs::hard_link(&from, &to) {
            Ok(()) => {
                let _ = fs::remove_file(&from);
                Ok(())
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
            Err(_) if fs::symlink_metadata(&to).is_ok() => {
                Err(io::Error::from(io::ErrorKind::AlreadyExists))
            }
            Err(_) => rename_retrying(&from, &to),
        }
    }
}

/// std's rename, retried while another program holds the file.
fn rename_retrying(from: &Path, to: &Path) -> io::Result<()> {
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Err(error) if is_held(&error) && tries + 1 < HELD_TRIES => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Whether an error means another program holds the file: sharing or lock violation, or the
/// "Access denied" Windows gives for a rename over a file open without delete sharing.
pub(super) fn is_held(error: &io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// Whether a temporary file at `path` was last written more than [`STALE_TEMP`] before `now`.
pub(super) fn is_stale_at(path: &Path, now: SystemTime) -> bool {
    fs::symlink_metadata(path)
        .and_then(|meta| meta.modified())
        .is_ok_and(|written| {
            now.duration_since(written)
                .is_ok_and(|age| age > STALE_TEMP)
        })
}

/// Only the read-only flag exists to keep here; owners are access lists, which a new file in
/// the same folder inherits.
pub(super) fn keep_attributes(file: &File, keep: &FileAttributes, target: &Path) -> Result<()> {
    if keep.readonly {
        let mut permissions = file
            .metadata()
            .map_err(|source| io_error(target, source))?
            .permissions();
        permissions.set_readonly(true);
        file.set_permissions(permissions)
            .map_err(|source| io_error(target, source))?;
    }
    Ok(())
}

fn io_error(target: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        action: IoAction::Writing,
        path: target.to_owned(),
        source,
    }
}
