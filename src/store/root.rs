//! Finding the `MobileApps` folder from whatever the user points at, and building the paths of
//! app folders and session files from names that came from a directory listing.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use super::error::{Result, StoreError};

/// The name 4D gives the folder of session files.
pub const MOBILE_APPS: &str = "MobileApps";

/// A `MobileApps` folder that exists, with its path made absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    path: PathBuf,
}

impl Root {
    /// Finds the `MobileApps` folder from any of the accepted forms of PATH: the folder itself,
    /// the folder that contains it (the data folder), a data file (`*.4DD`) next to it, or a
    /// project folder with `Data/MobileApps`.
    pub fn locate(path: &Path) -> Result<Self> {
        // A path given in the verbatim form is named in the ordinary one in messages too.
        let shown = || dunce::simplified(path).to_owned();
        let meta = fs::metadata(path).map_err(|_| StoreError::NotFound(shown()))?;
        let candidates: Vec<PathBuf> = if meta.is_dir() {
            let mut list = Vec::new();
            if is_mobile_apps_name(path.file_name()) {
                list.push(path.to_owned());
            }
            list.push(path.join(MOBILE_APPS));
            list.push(path.join("Data").join(MOBILE_APPS));
            list
        } else if is_data_file(path) {
            path.parent()
                .map(|parent| vec![parent.join(MOBILE_APPS)])
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        candidates
            .into_iter()
            .find(|candidate| candidate.is_dir())
            .map(|found| Root {
                // On Windows `fs::canonicalize` gives the verbatim form `\\?\C:\...`, which
                // would reach every message, `list --json` and the window; dunce gives the
                // ordinary form whenever it means the same folder (and the verbatim one only
                // where it must, such as paths too long for the ordinary form).
                path: dunce::canonicalize(&found)
                    .unwrap_or_else(|_| dunce::simplified(&found).to_owned()),
            })
            .ok_or_else(|| StoreError::NoMobileApps(shown()))
    }

    /// Wraps a folder already known to be a `MobileApps` folder (tests and the watcher use it).
    pub fn from_existing(path: PathBuf) -> Self {
        Root { path }
    }

    /// The absolute path of the `MobileApps` folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder of one app. `folder` must be a plain name (see [`is_plain_name`]).
    pub fn app_dir(&self, folder: &str) -> PathBuf {
        self.path.join(folder)
    }

    /// The session file of one app. Both names must be plain names from a listing.
    pub fn session_path(&self, folder: &str, id: &str) -> PathBuf {
        self.path.join(folder).join(id)
    }

    /// Whether this folder finds its entries whatever their case, as Windows and macOS volumes
    /// usually do. Asked of the folder itself, not guessed from the system: a case-sensitive
    /// folder on Windows or a case-insensitive volume mounted on Linux exist. `names` are
    /// entries of the folder (app folders from its listing); the first with a letter whose case
    /// can change is looked up with its case changed, and the folder ignores case when that
    /// finds the very same file. With no such entry, the root's own name is tried in its parent
    /// folder; with none at all, the system's usual answer is given.
    pub fn ignores_case<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> bool {
        let probe = |original: &Path, swapped: &Path| -> bool {
            match (
                same_file::Handle::from_path(original),
                same_file::Handle::from_path(swapped),
            ) {
                (Ok(original), Ok(swapped)) => original == swapped,
                // The original must exist; the changed name not existing means case counts.
                (Ok(_), Err(_)) => false,
                (Err(_), _) => cfg!(any(windows, target_os = "macos")),
            }
        };
        for name in names {
            if let Some(swapped) = swap_case(name) {
                return probe(&self.app_dir(name), &self.app_dir(&swapped));
            }
        }
        let own = self.path.file_name().and_then(OsStr::to_str);
        match (self.path.parent(), own.and_then(swap_case)) {
            (Some(parent), Some(swapped)) => probe(&self.path, &parent.join(swapped)),
            _ => cfg!(any(windows, target_os = "macos")),
        }
    }
}

/// The name with the case of every letter changed, or `None` when no letter has another case
/// (such as `1234`), since then the name says nothing about how the folder treats case.
fn swap_case(name: &str) -> Option<String> {
    let mut swapped = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_lowercase() {
            swapped.extend(c.to_uppercase());
        } else {
            swapped.extend(c.to_lowercase());
        }
    }
    (swapped != name).then_some(swapped)
}

/// Whether two names are the same but for case, as a volume that ignores case sees them.
pub fn same_but_for_case(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

fn is_mobile_apps_name(name: Option<&OsStr>) -> bool {
    name.and_then(OsStr::to_str)
        .is_some_and(|name| name.eq_ignore_ascii_case(MOBILE_APPS))
}

fn is_data_file(path: &Path) -> bool {
    path.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|ext| ext.eq_ignore_ascii_case("4dd"))
}

/// Whether a name can only ever name an entry directly inside its folder: not empty, not `.` or
/// `..`, not hidden, and free of path separators and NUL. Every name used to build a path to
/// write or delete passes through here.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0', ':'])
        && name.len() <= 255
}

/// Whether a file name is a session id as 4D writes them: hexadecimal digits only (4D's own
/// component accepts either case), no extension.
pub fn is_session_file_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 128 && name.bytes().all(|byte| byte.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_are_hex_only() {
        assert!(is_session_file_name(
            "7023d9205074199d1c16fc00d24354e778137675"
        ));
        assert!(is_session_file_name("ABCDEF01"));
        assert!(!is_session_file_name("key.mobileapp"));
        assert!(!is_session_file_name(".DS_Store"));
        assert!(!is_session_file_name("7023d92~"));
        assert!(!is_session_file_name("../../etc"));
        assert!(!is_session_file_name(""));
    }

    #[test]
    fn case_is_swapped_only_where_a_letter_has_another_case() {
        assert_eq!(swap_case("com.4d.Tasks").as_deref(), Some("COM.4D.tASKS"));
        assert_eq!(swap_case("1234-56"), None);
        assert!(same_but_for_case("COM.4D.TASKS", "com.4d.tasks"));
        assert!(same_but_for_case("ÉTÉ", "été"));
        assert!(!same_but_for_case("com.4d.task", "com.4d.tasks"));
    }

    #[test]
    fn a_folder_that_keeps_case_apart_is_told_from_one_that_ignores_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(MOBILE_APPS);
        fs::create_dir_all(root.join("com.x.App")).unwrap();
        let ignores = root.join("COM.X.aPP").exists();
        let root = Root::from_existing(root);
        assert_eq!(root.ignores_case(["1234", "com.x.App"]), ignores);
        // With no app folder to ask, the root's own name is asked in its parent folder.
        assert_eq!(root.ignores_case([]), ignores);
    }

    #[test]
    fn plain_names_cannot_leave_the_folder() {
        assert!(is_plain_name("UTT7VDX8W5.com.contactApp.Contact"));
        assert!(!is_plain_name(".."));
        assert!(!is_plain_name("a/../../b"));
        assert!(!is_plain_name("a\\b"));
        assert!(!is_plain_name(""));
    }
}
