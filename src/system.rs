//! The desktop services the window asks for (showing a file in the file manager, native file
//! dialogs), with an honest answer: success only when the system really took the request.
//!
//! `opener::reveal` cannot be used as it is on Linux: when no file manager answers on D-Bus it
//! starts `xdg-open` in the background and returns success without waiting, so a window with no
//! file manager said "Showing…" while nothing appeared (xdg-open exited 3). Here the D-Bus call's
//! answer is checked, and `xdg-open`'s exit status is waited for.

use std::path::Path;

/// Why a file could not be shown in the file manager.
#[derive(Debug, thiserror::Error)]
pub enum RevealError {
    /// No file manager answered, in any of the ways tried.
    #[error("no file manager answered ({0})")]
    NoFileManager(String),
    /// The file itself is gone or cannot be named.
    #[error("{0}")]
    Path(std::io::Error),
}

/// Shows a file selected in Finder, Explorer or the file manager. Returns once the system has
/// taken the request (or refused it).
pub fn reveal(path: &Path) -> Result<(), RevealError> {
    let path = path.canonicalize().map_err(RevealError::Path)?;
    platform::reveal(&path)
}

/// Whether a native file dialog can be shown here. Where none can (Linux with neither a desktop
/// portal nor zenity), the window offers a path field instead of silently doing nothing.
/// `MOBILE_SESSIONS_NATIVE_DIALOGS=0` turns them off (tests, or a machine where they misbehave).
pub fn native_dialogs_available() -> bool {
    if std::env::var_os("MOBILE_SESSIONS_NATIVE_DIALOGS").is_some_and(|value| value == "0") {
        return false;
    }
    platform::dialogs_available()
}

#[cfg(target_os = "linux")]
mod platform {
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use super::RevealError;

    /// How long `xdg-open` may run before it counts as having handed the folder over: some file
    /// managers it starts stay in the foreground until closed.
    const XDG_OPEN_PATIENCE: Duration = Duration::from_secs(4);

    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    const FILE_MANAGER: &str = "org.freedesktop.FileManager1";

    pub fn reveal(path: &Path) -> Result<(), RevealError> {
        let mut tried = Vec::new();
        match show_items(path) {
            Ok(()) => return Ok(()),
            Err(error) => tried.push(format!("D-Bus FileManager1: {error}")),
        }
        let folder = path.parent().unwrap_or(path);
        match xdg_open(folder) {
            Ok(()) => Ok(()),
            Err(error) => {
                tried.push(format!("xdg-open: {error}"));
                Err(RevealError::NoFileManager(tried.join("; ")))
            }
        }
    }

    /// Asks the file manager over D-Bus to select the file, and waits for its answer.
    fn show_items(path: &Path) -> Result<(), String> {
        let connection = zbus::blocking::Connection::session().map_err(|e| e.to_string())?;
        let uri = file_uri(path);
        connection
            .call_method(
                Some(FILE_MANAGER),
                "/org/freedesktop/FileManager1",
                Some(FILE_MANAGER),
                "ShowItems",
                &(vec![uri.as_str()], ""),
            )
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Opens the folder with `xdg-open` and waits for its exit status.
    fn xdg_open(folder: &Path) -> Result<(), String> {
        let mut child = Command::new("xdg-open")
            .arg(folder)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| error.to_string())?;
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("it exited with {status}")),
                Ok(None) if started.elapsed() >= XDG_OPEN_PATIENCE => {
                    // Still running: the file manager it started is in front of the user. Reap
                    // it later so it leaves no zombie.
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(error) => return Err(error.to_string()),
            }
        }
    }

    /// A `file://` URI with every byte outside the unreserved set percent-encoded.
    fn file_uri(path: &Path) -> String {
        use std::os::unix::ffi::OsStrExt;
        let mut uri = String::from("file://");
        for &byte in path.as_os_str().as_bytes() {
            if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
                uri.push(char::from(byte));
            } else {
                uri.push_str(&format!("%{byte:02X}"));
            }
        }
        uri
    }

    pub fn dialogs_available() -> bool {
        portal_running() || on_path("zenity")
    }

    /// Whether the desktop portal (which shows rfd's dialogs) is on the session bus or can be
    /// started by it.
    fn portal_running() -> bool {
        let Ok(connection) = zbus::blocking::Connection::session() else {
            return false;
        };
        let Ok(proxy) = zbus::blocking::fdo::DBusProxy::new(&connection) else {
            return false;
        };
        let Ok(name) = zbus::names::BusName::try_from(PORTAL) else {
            return false;
        };
        proxy.name_has_owner(name).unwrap_or(false)
            || proxy
                .list_activatable_names()
                .is_ok_and(|names| names.iter().any(|known| known.as_str() == PORTAL))
    }

    fn on_path(program: &str) -> bool {
        std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join(program).is_file())
        })
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn file_uris_escape_spaces_and_non_ascii() {
            let uri = super::file_uri(std::path::Path::new("/a b/é%"));
            assert_eq!(uri, "file:///a%20b/%C3%A9%25");
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    use std::path::Path;

    use super::RevealError;

    /// On macOS `opener` runs `open -R` and waits for its exit status; on Windows it calls
    /// `SHOpenFolderAndSelectItems` and returns its result: both are honest answers.
    pub fn reveal(path: &Path) -> Result<(), RevealError> {
        opener::reveal(path).map_err(|error| RevealError::NoFileManager(error.to_string()))
    }

    /// macOS and Windows always have their native dialogs.
    pub fn dialogs_available() -> bool {
        true
    }
}
