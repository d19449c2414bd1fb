//! Listing a `MobileApps` folder: which entries are app folders, which files in them are
//! session files, what names the app (its `manifest.json`), and which folders cannot be read
//! (links, permissions, names that are not UTF-8). Nothing is read here but names and the
//! manifest; the session files are read by the scan.

use std::ffi::OsStr;
use std::fs;
use std::io;

use super::error::{IoAction, Result, StoreError};
use super::index::FolderProblem;
use super::manifest::{MANIFEST_FILE, manifest_name};
use super::root::{Root, is_plain_name, is_session_file_name};
use super::session::{Problem, ProblemCode};

/// What a listing of an app folder found: its session file names and its manifest's app name.
pub(super) struct AppListing {
    /// The folder name.
    pub(super) folder: String,
    /// The session file names, sorted.
    pub(super) ids: Vec<String>,
    /// `application.name` of its `manifest.json`, if any.
    pub(super) manifest_name: Option<String>,
}

/// Lists the `MobileApps` folder: one listing per app folder, and the problems of the folders
/// that cannot be read. Fails only when the `MobileApps` folder itself cannot be listed.
pub(super) fn list_root(root: &Root) -> Result<(Vec<AppListing>, Vec<FolderProblem>)> {
    let entries = fs::read_dir(root.path()).map_err(|source| StoreError::Io {
        action: IoAction::Listing,
        path: root.path().to_owned(),
        source,
    })?;
    let mut listings = Vec::new();
    let mut problems = Vec::new();
    for entry in entries.flatten() {
        let name = match entry.file_name().into_string() {
            Ok(name) => name,
            Err(raw) => {
                // A folder whose name is not UTF-8 cannot be an app's (bundle ids are ASCII), and
                // no path can be built from its name as text: report it rather than skip it.
                if let Some(problem) = not_utf8_folder(&raw, &entry) {
                    problems.push(problem);
                }
                continue;
            }
        };
        if !is_plain_name(&name) {
            continue;
        }
        match list_app(root, &name) {
            Ok(Some(listing)) => listings.push(listing),
            Ok(None) => {}
            Err(problem) => problems.push(FolderProblem {
                path: root.app_dir(&name),
                folder: name,
                problem,
            }),
        }
    }
    listings.sort_by(|a, b| a.folder.cmp(&b.folder));
    problems.sort_by(|a, b| a.folder.cmp(&b.folder));
    Ok((listings, problems))
}

/// Whether a folder entry stands for a session file: a session file name, on a plain file or
/// a symbolic link (listed so that reading it reports the link, never follows it).
pub(super) fn is_session_entry(name: &str, kind: fs::FileType) -> bool {
    is_session_file_name(name) && (kind.is_file() || kind.is_symlink())
}

/// Lists one entry of the root. `Ok(None)` when it is not an app folder (a file, or gone);
/// `Err` when it is a folder we must not or cannot read.
pub(super) fn list_app(root: &Root, folder: &str) -> Result<Option<AppListing>, Problem> {
    let dir = root.app_dir(folder);
    let Ok(meta) = fs::symlink_metadata(&dir) else {
        return Ok(None);
    };
    if meta.file_type().is_symlink() {
        // A link to a folder would make every write inside it leave MobileApps.
        return if dir.is_dir() {
            Err(Problem::new(
                ProblemCode::Unsafe,
                "the app folder is a symbolic link; its sessions were not read",
            ))
        } else {
            Ok(None)
        };
    }
    if !meta.is_dir() {
        return Ok(None);
    }
    let entries = fs::read_dir(&dir).map_err(|error| {
        Problem::new(
            ProblemCode::Unreadable,
            format!("the app folder cannot be listed: {}", describe_io(&error)),
        )
    })?;
    let mut has_manifest = false;
    let mut ids: Vec<String> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let kind = entry.file_type().ok()?;
            if name == MANIFEST_FILE {
                has_manifest = true;
            }
            is_session_entry(&name, kind).then_some(name)
        })
        .collect();
    ids.sort();
    Ok(Some(AppListing {
        folder: folder.to_owned(),
        ids,
        manifest_name: if has_manifest {
            manifest_name(&dir)
        } else {
            None
        },
    }))
}

/// The problem of a root entry whose name is not UTF-8, when it is a folder (a file there is
/// ignored like any other file). Hidden names are skipped as they are for every other name.
fn not_utf8_folder(raw: &OsStr, entry: &fs::DirEntry) -> Option<FolderProblem> {
    let shown = name_text(raw);
    if shown.starts_with('.') || !fs::metadata(entry.path()).is_ok_and(|meta| meta.is_dir()) {
        return None;
    }
    Some(FolderProblem {
        folder: shown,
        path: entry.path(),
        problem: Problem::new(
            ProblemCode::Unreadable,
            "the app folder's name is not UTF-8 text, so no app can be named after it and its \
             sessions were not read; rename it to <team id>.<bundle id> or <bundle id>",
        ),
    })
}

/// A name from the disk as text: UTF-8 as it is, and every byte that is not UTF-8 written as
/// `\xNN`, so a name can be shown (and told apart from others) whatever it holds. Control
/// characters are left for [`crate::safe_text`] to escape where the text is shown.
pub fn name_text(name: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut text = String::with_capacity(name.len());
        for chunk in name.as_bytes().utf8_chunks() {
            text.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(text, "\\x{byte:02x}");
            }
        }
        text
    }
    #[cfg(not(unix))]
    {
        // Windows names are UTF-16; an unpaired surrogate becomes U+FFFD.
        name.to_string_lossy().into_owned()
    }
}

fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_not_utf8_have_their_bad_bytes_escaped() {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(
            name_text(OsStr::new("com.example.Café")),
            "com.example.Café"
        );
        assert_eq!(
            name_text(OsStr::from_bytes(b"Caf\xe9\xff.x")),
            "Caf\\xe9\\xff.x"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_whose_name_is_not_utf8_is_a_problem_and_a_file_is_ignored() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(OsStr::from_bytes(b"com.bad\xff"))).unwrap();
        fs::write(dir.path().join(OsStr::from_bytes(b"stray\xff")), b"").unwrap();
        fs::create_dir(dir.path().join(OsStr::from_bytes(b".hidden\xff"))).unwrap();
        let root = Root::from_existing(dir.path().to_owned());
        let (listings, problems) = list_root(&root).unwrap();
        assert!(listings.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].folder, "com.bad\\xff");
        assert_eq!(problems[0].problem.code, ProblemCode::Unreadable);
        assert!(
            !is_plain_name(&problems[0].folder),
            "never a name to act on"
        );
    }
}
