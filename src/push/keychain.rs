//! Where the Push secret is kept (issue 16): the system's keychain when there is one (the
//! macOS Keychain, the Windows Credential Manager, the Secret Service on Linux, through the
//! `keyring` crate), else the owner-only `push.json` as before. A server with no desktop
//! session has no Secret Service on its bus: there the file is the only place, and Server
//! settings says so.
//!
//! One keychain entry per `MobileApps` folder: service [`SERVICE`], user the folder's path.
//! `MOBILE_SESSIONS_KEYCHAIN=off` keeps the secret in the file (for tests on a desktop, or an
//! administrator who wants it so).

use std::path::Path;
use std::sync::OnceLock;

/// The keychain service name of the Push secrets.
pub const SERVICE: &str = "mobile-sessions push secret";

/// Where a secret is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretPlace {
    /// The system's keychain.
    Keychain,
    /// `push.json`, readable by its owner only.
    File,
}

/// Where one folder's secret is kept, as Server settings tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretWhere {
    /// The keychain or the file.
    pub place: SecretPlace,
    /// The settings file (`push.json`).
    pub file: Option<std::path::PathBuf>,
    /// Why the keychain did not give the secret this time, when it did not.
    pub unread: Option<String>,
}

/// Where secrets go on this machine, found out once per run: the keychain when one answers.
pub fn secret_place() -> SecretPlace {
    static PLACE: OnceLock<SecretPlace> = OnceLock::new();
    *PLACE.get_or_init(|| {
        let off = std::env::var("MOBILE_SESSIONS_KEYCHAIN").is_ok_and(|value| value == "off");
        if !off && backend::answers() {
            SecretPlace::Keychain
        } else {
            SecretPlace::File
        }
    })
}

/// The name of the keychain, for Server settings.
pub fn keychain_name() -> &'static str {
    if cfg!(target_os = "macos") {
        "macOS Keychain"
    } else if cfg!(windows) {
        "Windows Credential Manager"
    } else {
        "Secret Service"
    }
}

/// Stores a folder's secret in the keychain and reads it back: `Ok` only when the keychain
/// gave back exactly what was stored, so the file copy may go.
pub fn store(folder: &Path, secret: &str) -> Result<(), String> {
    backend::store(folder, secret)
}

/// A folder's secret from the keychain (`Ok(None)`: the keychain has none).
pub fn read(folder: &Path) -> Result<Option<String>, String> {
    backend::read(folder)
}

/// Removes a folder's secret from the keychain (none there is fine).
pub fn remove(folder: &Path) -> Result<(), String> {
    backend::remove(folder)
}

/// The system's keychain through the `keyring` crate (the `keychain` feature, on by default).
#[cfg(feature = "keychain")]
mod backend {
    use super::SERVICE;
    use std::path::Path;

    pub fn answers() -> bool {
        keyring::Entry::store_status().is_ok()
    }

    fn entry(folder: &Path) -> keyring::Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, &folder.to_string_lossy())
    }

    pub fn store(folder: &Path, secret: &str) -> Result<(), String> {
        let entry = entry(folder).map_err(|error| error.to_string())?;
        entry
            .set_password(secret)
            .map_err(|error| error.to_string())?;
        match entry.get_password() {
            Ok(read) if read == secret => Ok(()),
            Ok(_) => Err("the keychain gave back another secret".to_owned()),
            Err(error) => Err(error.to_string()),
        }
    }

    pub fn read(folder: &Path) -> Result<Option<String>, String> {
        let entry = entry(folder).map_err(|error| error.to_string())?;
        match entry.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(error.to_string()),
        }
    }

    pub fn remove(folder: &Path) -> Result<(), String> {
        let entry = entry(folder).map_err(|error| error.to_string())?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(error.to_string()),
        }
    }
}

/// A build without the `keychain` feature (the fuzz targets' library) has no keychain: the
/// secret stays in the owner-only file, as on a machine where none answers.
#[cfg(not(feature = "keychain"))]
mod backend {
    use std::path::Path;

    const NONE: &str = "this build has no keychain";

    pub fn answers() -> bool {
        false
    }

    pub fn store(_folder: &Path, _secret: &str) -> Result<(), String> {
        Err(NONE.to_owned())
    }

    pub fn read(_folder: &Path) -> Result<Option<String>, String> {
        Err(NONE.to_owned())
    }

    pub fn remove(_folder: &Path) -> Result<(), String> {
        Err(NONE.to_owned())
    }
}
