//! The bundled demo folder, embedded in the binary at build time (see `build.rs`), and the code
//! that lays a fresh copy of it on disk for `--demo` and for tests, so the repository's own copy
//! is never changed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/demo_entries.rs"));

/// Writes the demo tree (a `MobileApps` folder and its contents) into `dir`; returns the path
/// of the new `MobileApps` folder.
pub fn write_demo(dir: &Path) -> io::Result<PathBuf> {
    for (relative, bytes, link) in DEMO_ENTRIES {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        match link {
            Some(target) => make_link(target, &path)?,
            None => fs::write(&path, bytes)?,
        }
    }
    Ok(dir.join(super::MOBILE_APPS))
}

#[cfg(unix)]
fn make_link(target: &str, path: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, path)
}

#[cfg(windows)]
fn make_link(target: &str, path: &Path) -> io::Result<()> {
    // Creating links needs a privilege most Windows users lack; the demo then simply has one
    // broken example fewer.
    match std::os::windows::fs::symlink_file(target, path) {
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => Ok(()),
        other => other,
    }
}

#[cfg(not(any(unix, windows)))]
fn make_link(_target: &str, _path: &Path) -> io::Result<()> {
    Ok(())
}

/// A demo folder in a temporary directory that is removed when this value is dropped.
pub struct DemoFolder {
    dir: tempfile::TempDir,
    mobile_apps: PathBuf,
}

impl DemoFolder {
    /// Lays out a fresh copy of the demo in a new temporary directory.
    pub fn create() -> io::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("mobile-sessions-demo-")
            .tempdir()?;
        let mobile_apps = write_demo(dir.path())?;
        Ok(DemoFolder { dir, mobile_apps })
    }

    /// The `MobileApps` folder of the copy.
    pub fn mobile_apps(&self) -> &Path {
        &self.mobile_apps
    }

    /// The temporary directory holding the copy.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}
