//! Unix side of [`super`]: every operation is relative to the app folder's handle.

use std::ffi::CString;
use std::fs::{self, File, Metadata};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{FileAttributes, Replaced, STALE_TEMP, Seen, still_seen};
use crate::store::error::{Result, StoreError};
use crate::store::read::{Raw, read_opened};

/// How long a swapped-out file is watched for a late in-place write before it is removed.
/// Measured (README, Safety): it takes the in-place lost-write rate under 1 in 10,000, at the
/// cost of this pause per written change.
const LATE_WRITE_PAUSE: std::time::Duration = std::time::Duration::from_millis(1);

/// How many swaps back are tried while the server keeps writing during a taken-back change.
const SETTLE_ROUNDS: usize = 64;

/// The identity of a file: device and inode.
pub(super) type Id = (u64, u64);

/// The identity of an opened file.
pub(super) fn identity(meta: &Metadata) -> Id {
    (meta.dev(), meta.ino())
}

/// An open app folder.
pub(super) struct Dir {
    path: PathBuf,
    handle: File,
}

fn c_name(name: &str) -> io::Result<CString> {
    CString::new(name).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

fn check(result: libc::c_int) -> io::Result<()> {
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

impl Dir {
    /// Opens a folder, refusing a symbolic link in the same call (O_NOFOLLOW).
    pub(super) fn open(path: &Path) -> io::Result<Dir> {
        let handle = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(path)?;
        Ok(Dir {
            path: path.to_owned(),
            handle,
        })
    }

    fn fd(&self) -> RawFd {
        self.handle.as_raw_fd()
    }

    fn open_at(&self, name: &str, flags: libc::c_int, mode: libc::c_uint) -> io::Result<File> {
        let name = c_name(name)?;
        // SAFETY: a valid folder descriptor and a NUL-terminated name; the returned descriptor
        // is owned by the File from here on.
        let fd = unsafe {
            libc::openat(
                self.fd(),
                name.as_ptr(),
                flags | libc::O_NOFOLLOW | libc::O_CLOEXEC,
                mode,
            )
        };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just opened and is owned by nobody else.
        Ok(unsafe { File::from_raw_fd(fd) })
    }

    /// Opens a file of the folder for reading; `None` when it is a symbolic link.
    pub(super) fn open_read(&self, name: &str) -> io::Result<Option<File>> {
        // O_NONBLOCK: a FIFO named like a session must not hang us; it is refused as not plain.
        match self.open_at(name, libc::O_RDONLY | libc::O_NONBLOCK, 0) {
            Ok(file) => Ok(Some(file)),
            Err(error) if error.raw_os_error() == Some(libc::ELOOP) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Asks the system whether the running user (its effective ids, as a write would use)
    /// may write the file itself, not only replace it through the folder.
    pub(super) fn may_write(&self, name: &str) -> io::Result<()> {
        let name = c_name(name)?;
        // SAFETY: a valid folder descriptor and a NUL-terminated name.
        check(unsafe { libc::faccessat(self.fd(), name.as_ptr(), libc::W_OK, libc::AT_EACCESS) })
    }

    /// Creates a new file, failing when the name is taken (even by a link).
    pub(super) fn create_exclusive(&self, name: &str) -> io::Result<File> {
        self.open_at(name, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL, 0o600)
    }

    /// Whether a temporary file is a leftover (see [`STALE_TEMP`]).
    pub(super) fn is_stale(&self, name: &str) -> bool {
        is_stale_at(&self.path.join(name), SystemTime::now())
    }

    /// Removes a file of the folder.
    pub(super) fn unlink(&self, name: &str) -> io::Result<()> {
        let name = c_name(name)?;
        // SAFETY: a valid folder descriptor and a NUL-terminated name.
        check(unsafe { libc::unlinkat(self.fd(), name.as_ptr(), 0) })
    }

    /// Flushes the folder's entries, so a rename survives a power cut. A failure only weakens
    /// that durability, which is not worth failing an edit that happened.
    pub(super) fn sync(&self) {
        let _ = self.handle.sync_all();
    }

    /// Opens what is now at `name` (a link is `None`), to compare its identity; holding it open
    /// keeps its inode number from being reused while we compare.
    fn hold(&self, name: &str) -> io::Result<Option<File>> {
        self.open_read(name)
    }

    /// Whether the file `name` still is what was read.
    fn holds(&self, name: &str, seen: &Seen) -> bool {
        match self.open_read(name) {
            Ok(Some(file)) => is_seen(file, seen),
            _ => false,
        }
    }

    /// Puts the written temporary file `tmp` (still open as `ours`) in place of `name` if
    /// `name` still is `seen`.
    pub(super) fn swap_in(
        &self,
        name: &str,
        tmp: &str,
        seen: &Seen,
        ours: File,
        written: &Seen,
    ) -> io::Result<Replaced> {
        match exchange(self.fd(), tmp, name) {
            Ok(()) => {}
            Err(error) if unsupported(&error) => return self.check_then_rename(name, tmp, seen),
            Err(error) => {
                let _ = self.unlink(tmp);
                return Err(error);
            }
        }
        // `tmp` now holds what `name` held an instant ago: if that is what we read, the edit is
        // done and the old version goes.
        let swapped_out = self.hold(tmp)?;
        if let Some(file) = &swapped_out
            && is_seen_from_start(file, seen)
        {
            // A server writing in place that opened the old file just before the swap may still
            // be writing into it: look again a moment later, and give its write back if so.
            std::thread::sleep(LATE_WRITE_PAUSE);
            if is_seen_from_start(file, seen) {
                // A failure leaves a hidden leftover that the next edit of this file removes.
                let _ = self.unlink(tmp);
                return Ok(Replaced::Written);
            }
        }
        // The server wrote in between: give its version back, then start again from it.
        self.settle(name, tmp, ours, swapped_out)?;
        // A server writing in place may have written into our file while it was in place: then
        // that write is the newest, and goes back in place.
        if let Some(file) = self.hold(tmp)?
            && written_into(&file, written)
            && exchange(self.fd(), tmp, name).is_err()
        {
            return Err(io::Error::other("a refused change could not be taken back"));
        }
        let _ = self.unlink(tmp);
        Ok(Replaced::Changed)
    }

    /// Swaps back after a refused exchange until nothing was written in between: each swap puts
    /// at `name` the newest version we displaced (`held`) and gets back what was there; when
    /// that is what we had placed, no newer write was displaced and `tmp` holds only a
    /// superseded file. The files compared are kept open, so no inode number is reused under
    /// us. Errors leave `tmp` alone, as it may hold the server's newest version.
    fn settle(
        &self,
        name: &str,
        tmp: &str,
        ours: File,
        swapped_out: Option<File>,
    ) -> io::Result<()> {
        let id = |file: &Option<File>| -> io::Result<Option<Id>> {
            file.as_ref()
                .map(|file| file.metadata().map(|meta| identity(&meta)))
                .transpose()
        };
        let mut placed = Some(ours);
        let mut held = swapped_out;
        for _ in 0..SETTLE_ROUNDS {
            exchange(self.fd(), tmp, name)?;
            let now = self.hold(tmp)?;
            if id(&now)? == id(&placed)? {
                return Ok(());
            }
            placed = held;
            held = now;
        }
        Err(io::Error::other(
            "the file kept being replaced while a refused change was taken back",
        ))
    }

    /// Today's way where the exchange is refused: the last look, then a plain rename. The
    /// window between them is the one the exchange closes elsewhere.
    fn check_then_rename(&self, name: &str, tmp: &str, seen: &Seen) -> io::Result<Replaced> {
        if !self.holds(name, seen) {
            let _ = self.unlink(tmp);
            return Ok(Replaced::Changed);
        }
        let renamed = (|| {
            let (from, to) = (c_name(tmp)?, c_name(name)?);
            // SAFETY: a valid folder descriptor and NUL-terminated names.
            check(unsafe { libc::renameat(self.fd(), from.as_ptr(), self.fd(), to.as_ptr()) })
        })();
        match renamed {
            Ok(()) => Ok(Replaced::Written),
            Err(error) => {
                let _ = self.unlink(tmp);
                Err(error)
            }
        }
    }

    /// Moves `tmp` to `name` only if `name` does not exist: an atomic rename without
    /// replacement where the system has one, else a hard link (which refuses an existing name)
    /// and the removal of `tmp`.
    pub(super) fn link_new(&self, tmp: &str, name: &str) -> io::Result<()> {
        match rename_no_replace(self.fd(), tmp, name) {
            Err(error) if unsupported(&error) => {}
            other => return other,
        }
        let (from, to) = (c_name(tmp)?, c_name(name)?);
        // SAFETY: a valid folder descriptor and NUL-terminated names.
        check(unsafe { libc::linkat(self.fd(), from.as_ptr(), self.fd(), to.as_ptr(), 0) })?;
        let _ = self.unlink(tmp);
        Ok(())
    }
}

/// Whether a temporary file at `path` had its last status change more than [`STALE_TEMP`]
/// before `now` (the status change time moves with every rename and exchange, so a file an
/// edit is using right now is never stale).
pub(super) fn is_stale_at(path: &Path, now: SystemTime) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    let changed =
        SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(meta.ctime().max(0) as u64);
    now.duration_since(changed)
        .is_ok_and(|age| age > STALE_TEMP)
}

/// Whether the system or the file system does not offer a rename flag (then the portable way
/// is used).
fn unsupported(error: &io::Error) -> bool {
    error.raw_os_error().is_some_and(|code| {
        code == libc::EINVAL
            || code == libc::ENOSYS
            || code == libc::ENOTSUP
            || code == libc::EOPNOTSUPP
    })
}

/// Whether an opened file holds what was read: same bytes, same file.
fn is_seen(file: File, seen: &Seen) -> bool {
    matches!(read_opened(file), Ok(Raw::Bytes(bytes, meta)) if still_seen(seen, &bytes, &meta))
}

/// Whether `file` is our own new file and someone wrote other bytes into it.
fn written_into(file: &File, written: &Seen) -> bool {
    use std::io::{Seek, SeekFrom};
    let ours = file
        .metadata()
        .is_ok_and(|meta| identity(&meta) == identity(&written.meta));
    ours && file
        .try_clone()
        .and_then(|mut copy| copy.seek(SeekFrom::Start(0)).map(|_| copy))
        .is_ok_and(
            |copy| matches!(read_opened(copy), Ok(Raw::Bytes(bytes, _)) if bytes != written.bytes),
        )
}

/// [`is_seen`] through a handle we keep, read from its start.
fn is_seen_from_start(file: &File, seen: &Seen) -> bool {
    use std::io::{Seek, SeekFrom};
    file.try_clone()
        .and_then(|mut copy| copy.seek(SeekFrom::Start(0)).map(|_| copy))
        .is_ok_and(|copy| is_seen(copy, seen))
}

/// Never on Unix: holding a file open does not stop a rename there.
pub(super) fn is_held(_error: &io::Error) -> bool {
    false
}

/// Gives the temporary file the original's owner, group and mode. A non-root user cannot give
/// a file to someone else: rather than change who can read the session, the edit is refused.
pub(super) fn keep_attributes(file: &File, keep: &FileAttributes, target: &Path) -> Result<()> {
    let io_error = |source| StoreError::Io {
        action: crate::store::IoAction::Writing,
        path: target.to_owned(),
        source,
    };
    if let Some((owner, group)) = keep.owner {
        let meta = file.metadata().map_err(io_error)?;
        if (meta.uid(), meta.gid()) != (owner, group) {
            // SAFETY: a valid descriptor of a file we created.
            if let Err(error) = check(unsafe { libc::fchown(file.as_raw_fd(), owner, group) }) {
                return Err(match error.raw_os_error() {
                    Some(libc::EPERM) | Some(libc::EACCES) => StoreError::CannotKeepOwner {
                        path: target.to_owned(),
                        owner,
                        group,
                    },
                    _ => io_error(error),
                });
            }
        }
    }
    if let Some(mode) = keep.mode {
        // After the chown, which may clear set-id bits.
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(io_error)?;
    }
    Ok(())
}

fn two_names(a: &str, b: &str) -> io::Result<(CString, CString)> {
    Ok((c_name(a)?, c_name(b)?))
}

/// Swaps two names of one folder atomically.
#[cfg(target_os = "linux")]
fn exchange(dir: RawFd, a: &str, b: &str) -> io::Result<()> {
    let (a, b) = two_names(a, b)?;
    // SAFETY: renameat2 with a valid folder descriptor and NUL-terminated names; called
    // through syscall() so that it works with every C library (glibc added the wrapper late).
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            dir,
            a.as_ptr(),
            dir,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Renames without replacing an existing name.
#[cfg(target_os = "linux")]
fn rename_no_replace(dir: RawFd, from: &str, to: &str) -> io::Result<()> {
    let (from, to) = two_names(from, to)?;
    // SAFETY: as in `exchange`.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            dir,
            from.as_ptr(),
            dir,
            to.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Swaps two names of one folder atomically.
#[cfg(target_os = "macos")]
fn exchange(dir: RawFd, a: &str, b: &str) -> io::Result<()> {
    let (a, b) = two_names(a, b)?;
    // SAFETY: a valid folder descriptor and NUL-terminated names.
    check(unsafe { libc::renameatx_np(dir, a.as_ptr(), dir, b.as_ptr(), libc::RENAME_SWAP) })
}

/// Renames without replacing an existing name.
#[cfg(target_os = "macos")]
fn rename_no_replace(dir: RawFd, from: &str, to: &str) -> io::Result<()> {
    let (from, to) = two_names(from, to)?;
    // SAFETY: a valid folder descriptor and NUL-terminated names.
    check(unsafe { libc::renameatx_np(dir, from.as_ptr(), dir, to.as_ptr(), libc::RENAME_EXCL) })
}

/// Other Unix systems have no exchange: the portable way is used.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_dir: RawFd, _a: &str, _b: &str) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(libc::ENOSYS))
}

/// Other Unix systems: the hard link way is used.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn rename_no_replace(_dir: RawFd, _from: &str, _to: &str) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(libc::ENOSYS))
}
