//! Replacing and creating session files inside one app folder: the one way the store writes a
//! file, on every system.
//!
//! - The app folder is opened once ([`AppDir::open`], refusing a symbolic link) and, on Unix,
//!   every later step (read, permission check, temporary file, swap, removal) is relative to
//!   that handle (`openat`, `faccessat`, `renameat2`, `unlinkat`): if someone swaps the folder
//!   for a link meanwhile, we still act inside the folder we checked.
//! - A change is written to a hidden temporary file beside the original (`.ID.mobile-sessions.tmp`,
//!   a name the scan and the watcher ignore because session names are hex), given the
//!   original's owner, group and mode (refusing when the system will not let us), flushed, and
//!   only then put in place.
//! - Linux (`renameat2(RENAME_EXCHANGE)`) and macOS (`renameatx_np(RENAME_SWAP)`) swap the new
//!   file in atomically; what was swapped out is then compared with what we read, and when the
//!   server wrote in between, its version is swapped back and the edit starts again. Where the
//!   file system refuses the exchange (EINVAL/ENOTSUP, e.g. some network file systems) and on
//!   other systems, the file is checked right before a plain rename.
//! - Windows: std's `fs::rename` (MoveFileExW, then on "Access denied" a rename with
//!   `FILE_RENAME_FLAG_POSIX_SEMANTICS`), retried for half a second while another program holds
//!   the file, then [`StoreError::Held`].
//! - A crash between writing the temporary file and the swap leaves only that hidden file. The
//!   next edit of the same session finds it (the name is fixed per session); when its status
//!   changed more than [`STALE_TEMP`] ago it is a leftover and is removed, otherwise another edit
//!   is under way and we wait briefly, then answer [`StoreError::Busy`].

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::error::{IoAction, Result, StoreError};
use super::read::{Raw, read_opened};
use super::root::{Root, is_plain_name};

#[cfg(unix)]
#[path = "replace_unix.rs"]
mod sys;
#[cfg(not(unix))]
#[path = "replace_other.rs"]
mod sys;

/// A temporary file whose status changed longer ago than this is the leftover of a crash.
pub(crate) const STALE_TEMP: Duration = Duration::from_secs(120);

/// How long a fresh temporary file of another edit is waited for, in steps of 20 ms.
const TEMP_WAITS: usize = 25;

/// What a replaced or restored file keeps of the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAttributes {
    /// Unix permission bits (`mode & 0o7777`); `None` where the system has none.
    pub mode: Option<u32>,
    /// Unix numeric owner and group.
    pub owner: Option<(u32, u32)>,
    /// The last modification time.
    pub modified: Option<SystemTime>,
    /// Whether the file is read-only (the one permission every system has).
    pub readonly: bool,
}

impl FileAttributes {
    /// The attributes of a file, from its metadata.
    pub fn of(meta: &Metadata) -> Self {
        #[cfg(unix)]
        let (mode, owner) = {
            use std::os::unix::fs::MetadataExt;
            (Some(meta.mode() & 0o7777), Some((meta.uid(), meta.gid())))
        };
        #[cfg(not(unix))]
        let (mode, owner) = (None, None);
        FileAttributes {
            mode,
            owner,
            modified: meta.modified().ok(),
            readonly: meta.permissions().readonly(),
        }
    }
}

/// A file as it was read for an edit: it is replaced only while it still is this file.
pub(crate) struct Seen {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The metadata of the opened file the bytes came from.
    pub meta: Metadata,
}

/// How a replacement went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replaced {
    /// The new bytes are in place.
    Written,
    /// The file changed since it was read; nothing was written (read it again and retry).
    Changed,
}

/// One app folder, opened once; every file operation of an edit goes through it.
pub(crate) struct AppDir {
    path: PathBuf,
    sys: sys::Dir,
}

impl AppDir {
    /// Opens an app folder of the root, refusing a symbolic link or anything but a folder.
    pub(crate) fn open(root: &Root, folder: &str) -> Result<AppDir> {
        let path = root.app_dir(folder);
        if !is_plain_name(folder) {
            return Err(StoreError::Unsafe {
                path,
                reason: "the app name is not a plain folder name".into(),
            });
        }
        match sys::Dir::open(&path) {
            Ok(sys) => Ok(AppDir { path, sys }),
            Err(_) if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) => {
                Err(StoreError::Unsafe {
                    path,
                    reason: "the app folder is a symbolic link".into(),
                })
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound || path.is_file() => {
                Err(StoreError::AppGone {
                    app: folder.to_owned(),
                })
            }
            Err(source) => Err(StoreError::Io {
                action: IoAction::Reading,
                path,
                source,
            }),
        }
    }

    /// The path of a file of this folder, for messages and for APIs that take paths (trash).
    pub(crate) fn file_path(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Reads a file of the folder without following a link, like [`super::read::read_raw`].
    pub(crate) fn read(&self, name: &str) -> io::Result<Raw> {
        use super::session::{Problem, ProblemCode};
        match self.sys.open_read(name) {
            Ok(Some(file)) => read_opened(file),
            Ok(None) => Ok(Raw::Refused(
                Problem::new(
                    ProblemCode::Unsafe,
                    "it is a symbolic link; session files must be plain files inside the folder",
                ),
                None,
            )),
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied => Ok(Raw::Refused(
                Problem::new(ProblemCode::Unreadable, "permission denied"),
                None,
            )),
            Err(error) => Err(error),
        }
    }

    /// Whether a file (or link, or anything) of that name exists in the folder.
    pub(crate) fn exists(&self, name: &str) -> bool {
        fs::symlink_metadata(self.file_path(name)).is_ok()
    }

    /// Refuses a change the running user could not make to the file itself: a read-only file,
    /// or (on Unix, asked of the system with the effective ids) one this user may not write.
    pub(crate) fn check_writable(&self, name: &str, meta: &Metadata) -> Result<()> {
        let path = self.file_path(name);
        if meta.permissions().readonly() {
            return Err(StoreError::ReadOnly(path));
        }
        match self.sys.may_write(name) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                Err(StoreError::NotWritable(path))
            }
            Err(error) if error.kind() == io::ErrorKind::ReadOnlyFilesystem => {
                Err(StoreError::FolderNotWritable(self.path.clone()))
            }
            Err(source) => Err(StoreError::Io {
                action: IoAction::Writing,
                path,
                source,
            }),
        }
    }

    /// Replaces `name` by `new_bytes` if it still is the file `seen`; the new file keeps the
    /// original's owner, group and mode. Never leaves the temporary file behind on failure.
    pub(crate) fn replace(&self, name: &str, seen: &Seen, new_bytes: &[u8]) -> Result<Replaced> {
        let target = self.file_path(name);
        let keep = FileAttributes::of(&seen.meta);
        let tmp = temp_name(name);
        let file = self.write_temp(&tmp, new_bytes, &keep, false, &target, IoAction::Writing)?;
        // The handle stays open until the swap is settled: an open file's inode number cannot
        // be given to another file meanwhile, so comparing identities stays sound.
        let meta = match file.metadata() {
            Ok(meta) => meta,
            Err(source) => {
                drop(file);
                let _ = self.sys.unlink(&tmp);
                return Err(self.write_error(&target, source, IoAction::Writing));
            }
        };
        let written = Seen {
            bytes: new_bytes.to_vec(),
            meta,
        };
        let outcome = self.sys.swap_in(name, &tmp, seen, file, &written);
        self.sys.sync();
        outcome.map_err(|source| self.write_error(&target, source, IoAction::Writing))
    }

    /// Creates `name` with `bytes` and the given attributes (its time too), refusing when a file
    /// of that name exists (then nothing is written).
    pub(crate) fn create_new(&self, name: &str, bytes: &[u8], keep: &FileAttributes) -> Result<()> {
        let target = self.file_path(name);
        let tmp = temp_name(name);
        let file = self.write_temp(&tmp, bytes, keep, true, &target, IoAction::Restoring)?;
        drop(file);
        let outcome = self.sys.link_new(&tmp, name);
        if outcome.is_err() {
            let _ = self.sys.unlink(&tmp);
        }
        self.sys.sync();
        outcome.map_err(|source| self.write_error(&target, source, IoAction::Restoring))
    }

    /// Removes `name` for good.
    pub(crate) fn remove(&self, name: &str) -> io::Result<()> {
        let removed = self.sys.unlink(name);
        self.sys.sync();
        removed
    }

    /// Writes the hidden temporary file of `name`: bytes, owner/group/mode, optionally the
    /// modification time, flushed. On any failure the temporary file is removed.
    fn write_temp(
        &self,
        tmp: &str,
        bytes: &[u8],
        keep: &FileAttributes,
        with_time: bool,
        target: &Path,
        action: IoAction,
    ) -> Result<File> {
        let mut file = self.create_temp(tmp, target, action)?;
        let written = (|| {
            file.write_all(bytes)
                .map_err(|source| self.write_error(target, source, action))?;
            sys::keep_attributes(&file, keep, target)?;
            if with_time && let Some(time) = keep.modified {
                // Best effort: a file system that cannot set times still gets the right bytes.
                let _ = file.set_modified(time);
            }
            file.sync_all()
                .map_err(|source| self.write_error(target, source, action))
        })();
        match written {
            Ok(()) => Ok(file),
            Err(error) => {
                drop(file);
                let _ = self.sys.unlink(tmp);
                Err(error)
            }
        }
    }

    /// Creates the temporary file, removing a stale leftover of a crash, waiting briefly for a
    /// fresh one (another edit of the same file under way).
    fn create_temp(&self, tmp: &str, target: &Path, action: IoAction) -> Result<File> {
        for _ in 0..TEMP_WAITS {
            match self.sys.create_exclusive(tmp) {
                Ok(file) => return Ok(file),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    if self.sys.is_stale(tmp) {
                        let _ = self.sys.unlink(tmp);
                    } else {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
                Err(error) => return Err(self.write_error(target, error, action)),
            }
        }
        Err(StoreError::Busy(target.to_owned()))
    }

    /// Words an input/output failure of a write: a folder we may not write into, a file held by
    /// another program (Windows), or the system's own error.
    fn write_error(&self, target: &Path, source: io::Error, action: IoAction) -> StoreError {
        if sys::is_held(&source) {
            return StoreError::Held(target.to_owned());
        }
        match source.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                StoreError::FolderNotWritable(self.path.clone())
            }
            _ => StoreError::Io {
                action,
                path: target.to_owned(),
                source,
            },
        }
    }
}

/// The hidden temporary name of one session file: fixed per session, so the next edit of that
/// session finds a crash's leftover.
pub(crate) fn temp_name(name: &str) -> String {
    format!(".{name}.mobile-sessions.tmp")
}

/// Whether what was read is still the file: same bytes and the same file.
fn still_seen(seen: &Seen, bytes: &[u8], meta: &Metadata) -> bool {
    bytes == seen.bytes && sys::identity(meta) == sys::identity(&seen.meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> (tempfile::TempDir, Root, AppDir) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("com.x.Y")).unwrap();
        let root = Root::from_existing(dir.path().to_owned());
        let app = AppDir::open(&root, "com.x.Y").unwrap();
        (dir, root, app)
    }

    fn seen(app: &AppDir, name: &str) -> Seen {
        match app.read(name).unwrap() {
            Raw::Bytes(bytes, meta) => Seen { bytes, meta },
            Raw::Refused(problem, _) => panic!("{}", problem.message),
        }
    }

    #[test]
    fn replace_writes_and_leaves_no_temp() {
        let (dir, _root, app) = app();
        let path = dir.path().join("com.x.Y/ab");
        fs::write(&path, b"old").unwrap();
        let before = seen(&app, "ab");
        assert_eq!(
            app.replace("ab", &before, b"new").unwrap(),
            Replaced::Written
        );
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert!(!dir.path().join("com.x.Y").join(temp_name("ab")).exists());
    }

    #[test]
    fn replace_refuses_a_file_changed_since_it_was_read() {
        let (dir, _root, app) = app();
        let path = dir.path().join("com.x.Y/ab");
        fs::write(&path, b"old").unwrap();
        let before = seen(&app, "ab");
        // The server rewrites by rename after our read.
        fs::write(dir.path().join("com.x.Y/server.tmp"), b"server").unwrap();
        fs::rename(dir.path().join("com.x.Y/server.tmp"), &path).unwrap();
        assert_eq!(
            app.replace("ab", &before, b"new").unwrap(),
            Replaced::Changed
        );
        assert_eq!(fs::read(&path).unwrap(), b"server");
        assert!(!dir.path().join("com.x.Y").join(temp_name("ab")).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_turned_into_a_folder_or_link_between_read_and_write_is_left_alone() {
        let (dir, _root, app) = app();
        let path = dir.path().join("com.x.Y/ab");
        fs::write(&path, b"old").unwrap();
        let before = seen(&app, "ab");
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        assert_eq!(
            app.replace("ab", &before, b"new").unwrap(),
            Replaced::Changed
        );
        assert!(path.is_dir());
        fs::remove_dir(&path).unwrap();
        let outside = dir.path().join("outside");
        fs::write(&outside, b"theirs").unwrap();
        std::os::unix::fs::symlink(&outside, &path).unwrap();
        assert_eq!(
            app.replace("ab", &before, b"new").unwrap(),
            Replaced::Changed
        );
        assert!(
            fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&outside).unwrap(), b"theirs");
        assert!(!dir.path().join("com.x.Y").join(temp_name("ab")).exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_folder_swapped_for_a_link_after_opening_is_not_followed() {
        let (dir, _root, app) = app();
        let folder = dir.path().join("com.x.Y");
        fs::write(folder.join("ab"), b"old").unwrap();
        let before = seen(&app, "ab");
        // Someone moves the folder away and puts a link to another folder in its place.
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        fs::write(elsewhere.join("ab"), b"old").unwrap();
        fs::rename(&folder, dir.path().join("moved")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &folder).unwrap();
        assert_eq!(
            app.replace("ab", &before, b"new").unwrap(),
            Replaced::Written
        );
        // The write went to the folder that was checked, not through the link.
        assert_eq!(fs::read(dir.path().join("moved/ab")).unwrap(), b"new");
        assert_eq!(fs::read(elsewhere.join("ab")).unwrap(), b"old");
    }

    #[test]
    fn a_stale_temp_is_removed_and_a_fresh_one_makes_the_edit_wait() {
        let (dir, _root, app) = app();
        let path = dir.path().join("com.x.Y/ab");
        fs::write(&path, b"old").unwrap();
        let temp = dir.path().join("com.x.Y").join(temp_name("ab"));
        fs::write(&temp, b"leftover").unwrap();
        let before = seen(&app, "ab");
        // A fresh temp belongs to an edit under way: this one gives up, nothing changes.
        assert!(matches!(
            app.replace("ab", &before, b"new"),
            Err(StoreError::Busy(_))
        ));
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert!(sys::is_stale_at(&temp, SystemTime::now() + STALE_TEMP * 2));
    }

    #[test]
    fn create_new_never_overwrites() {
        let (dir, _root, app) = app();
        let keep = FileAttributes {
            mode: Some(0o644),
            owner: None,
            modified: None,
            readonly: false,
        };
        app.create_new("ab", b"one", &keep).unwrap();
        assert!(app.create_new("ab", b"two", &keep).is_err());
        assert_eq!(fs::read(dir.path().join("com.x.Y/ab")).unwrap(), b"one");
        assert!(!dir.path().join("com.x.Y").join(temp_name("ab")).exists());
    }
}
