//! The system trash: moving a session file there, telling "there is no trash for this volume"
//! apart from a trash that failed (only the first may become a permanent delete, and only when
//! the caller allowed it), and taking a deleted file back out of the trash for Undo.

use std::fs;
use std::path::Path;

/// How a move to the trash went.
#[derive(Debug)]
pub(crate) enum Trashed {
    /// The file is in the trash.
    Yes,
    /// There is no trash for the file's volume; the file is untouched.
    NoTrash,
    /// The trash failed, for the reason given; the file is untouched (or the trash's own
    /// error says otherwise).
    Failed(String),
}

/// Moves a file to the system trash.
pub(crate) fn move_to_trash(path: &Path) -> Trashed {
    match trash::delete(path) {
        Ok(()) if fs::symlink_metadata(path).is_err() => Trashed::Yes,
        Ok(()) => Trashed::Failed("the trash answered, but the file is still in its folder".into()),
        Err(error) if means_no_trash(&error, path) => Trashed::NoTrash,
        Err(error) => Trashed::Failed(describe(&error)),
    }
}

/// The trash's error in words, without the crate's debug dump where it has better.
fn describe(error: &trash::Error) -> String {
    match error {
        trash::Error::Unknown { description } | trash::Error::Os { description, .. } => {
            description.clone()
        }
        #[cfg(all(
            unix,
            not(target_os = "macos"),
            not(target_os = "ios"),
            not(target_os = "android")
        ))]
        trash::Error::FileSystem { path, source } => format!("{}: {source}", path.display()),
        other => format!("{other:?}"),
    }
}

/// freedesktop (Linux, BSD): no trash when none can be found at all (no home folder, no list
/// of mounted volumes) or when a trash folder cannot be made or used on the volume (permission,
/// read-only, missing, not a folder). An error about the file itself (it could not be moved),
/// or a trash that exists but failed (full, broken), is a failure: nothing is deleted.
#[cfg(all(
    unix,
    not(target_os = "macos"),
    not(target_os = "ios"),
    not(target_os = "android")
))]
fn means_no_trash(error: &trash::Error, path: &Path) -> bool {
    use std::io::ErrorKind;
    match error {
        trash::Error::Unknown { .. } => true,
        trash::Error::FileSystem {
            path: failed,
            source,
        } => {
            let about_the_file = failed.file_name() == path.file_name()
                && failed.parent().and_then(|dir| fs::canonicalize(dir).ok())
                    == path.parent().and_then(|dir| fs::canonicalize(dir).ok());
            !about_the_file
                && matches!(
                    source.kind(),
                    ErrorKind::PermissionDenied
                        | ErrorKind::ReadOnlyFilesystem
                        | ErrorKind::NotFound
                        | ErrorKind::NotADirectory
                )
        }
        _ => false,
    }
}

/// Windows: the shell's copy engine says the Recycle Bin is off, missing or cannot take the
/// item on that drive (`COPYENGINE_E_RECYCLE_FORCE_NUKE` 0x80270082, `_SIZE_TOO_BIG`
/// 0x80270083, `_PATH_TOO_LONG` 0x80270084, `_BIN_NOT_FOUND` 0x80270086 in winerror.h), or
/// there is no shell Recycle Bin at all (`E_NOTIMPL`, as under Wine or on Server Core).
#[cfg(windows)]
fn means_no_trash(error: &trash::Error, _path: &Path) -> bool {
    matches!(error, trash::Error::Os { code, .. }
        if matches!(*code as u32, 0x8027_0082 | 0x8027_0083 | 0x8027_0084 | 0x8027_0086 | 0x8000_4001))
}

/// macOS: Finder's trash answers `NSFeatureUnsupportedError` (Cocoa error 3328) on a volume
/// without a trash (most network volumes); the trash crate passes only its text on.
#[cfg(target_os = "macos")]
fn means_no_trash(error: &trash::Error, _path: &Path) -> bool {
    matches!(error, trash::Error::Unknown { description } if description.contains("3328"))
}

/// Elsewhere the trash crate's answer cannot be told apart: never assume there is no trash.
#[cfg(not(any(unix, windows)))]
fn means_no_trash(_error: &trash::Error, _path: &Path) -> bool {
    false
}

/// How taking a file back out of the trash went.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PutBack {
    /// The very file is back in its folder and no copy is left in the trash.
    Restored,
    /// No trashed file with those bytes was found (or this system cannot list the trash); the
    /// caller writes the kept bytes instead.
    NotThere,
    /// A file of that name exists again in the folder.
    Exists,
}

/// Takes the newest trashed file that was at `path` and holds exactly `bytes` back out of the
/// trash (Linux and Windows, where the trash can be listed). A candidate that turns out to
/// hold other bytes once back is returned to the trash.
#[cfg(any(
    windows,
    all(
        unix,
        not(target_os = "macos"),
        not(target_os = "ios"),
        not(target_os = "android")
    )
))]
pub(crate) fn put_back(path: &Path, bytes: &[u8]) -> PutBack {
    use trash::os_limited;
    let Ok(items) = os_limited::list() else {
        return PutBack::NotThere;
    };
    let wanted = plain(path);
    let mut candidates: Vec<_> = items
        .into_iter()
        .filter(|item| plain(&item.original_path()) == wanted)
        .filter(|item| {
            os_limited::metadata(item)
                .is_ok_and(|meta| meta.size.size() == Some(bytes.len() as u64))
        })
        .collect();
    // Newest first: an Undo takes back the last delete of that session.
    candidates.sort_by_key(|item| std::cmp::Reverse(item.time_deleted));
    let Some(item) = candidates.into_iter().next() else {
        return PutBack::NotThere;
    };
    match os_limited::restore_all([item]) {
        Ok(()) => {}
        Err(trash::Error::RestoreCollision { .. }) => return PutBack::Exists,
        Err(_) => return PutBack::NotThere,
    }
    if fs::read(path).is_ok_and(|back| back == bytes) {
        PutBack::Restored
    } else {
        // Not the file we deleted: give it back to the trash, write ours instead.
        let _ = trash::delete(path);
        PutBack::NotThere
    }
}

/// macOS cannot list the trash through the trash crate: the kept bytes are written.
#[cfg(not(any(
    windows,
    all(
        unix,
        not(target_os = "macos"),
        not(target_os = "ios"),
        not(target_os = "android")
    )
)))]
pub(crate) fn put_back(_path: &Path, _bytes: &[u8]) -> PutBack {
    PutBack::NotThere
}

/// A path as the trash records it: Windows' trash lists `C:\…`, our root may be `\\?\C:\…`.
#[cfg(any(
    windows,
    all(
        unix,
        not(target_os = "macos"),
        not(target_os = "ios"),
        not(target_os = "android")
    )
))]
fn plain(path: &Path) -> std::path::PathBuf {
    let text = path.as_os_str().to_string_lossy();
    match text.strip_prefix(r"\\?\") {
        Some(rest) if !rest.starts_with("UNC") => std::path::PathBuf::from(rest),
        _ => path.to_owned(),
    }
}

#[cfg(all(
    test,
    unix,
    not(target_os = "macos"),
    not(target_os = "ios"),
    not(target_os = "android")
))]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};
    use std::path::PathBuf;

    fn fs_error(path: &str, kind: ErrorKind) -> trash::Error {
        trash::Error::FileSystem {
            path: PathBuf::from(path),
            source: Error::from(kind),
        }
    }

    #[test]
    fn only_a_missing_or_unusable_trash_means_no_trash() {
        let file = Path::new("/tmp/MobileApps/com.x.Y/ab12");
        let no_home = trash::Error::Unknown {
            description: "Neither the XDG_DATA_HOME nor the HOME environment variable was found"
                .into(),
        };
        assert!(means_no_trash(&no_home, file));
        let trash_dir = "/mnt/share/.Trash-1000";
        assert!(means_no_trash(
            &fs_error(trash_dir, ErrorKind::PermissionDenied),
            file
        ));
        assert!(means_no_trash(
            &fs_error(trash_dir, ErrorKind::ReadOnlyFilesystem),
            file
        ));
        // A trash that exists but is broken or full, or a file that could not be moved: failures.
        assert!(!means_no_trash(
            &fs_error(trash_dir, ErrorKind::AlreadyExists),
            file
        ));
        assert!(!means_no_trash(
            &fs_error(trash_dir, ErrorKind::StorageFull),
            file
        ));
        let about_file = fs_error("/tmp/MobileApps/com.x.Y/ab12", ErrorKind::PermissionDenied);
        assert!(!means_no_trash(&about_file, file));
    }
}
