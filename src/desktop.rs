//! Making the app a desktop citizen on Linux and other freedesktop systems: `install` puts the
//! binary, its icons and a desktop entry under `~/.local` (or `$XDG_DATA_HOME`), so the app
//! appears in the menu and opens folders given by the file manager; `uninstall` takes exactly
//! those files away again. macOS and Windows use their own packages (see the README).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The desktop entry, with `Exec=mobile-sessions` to be replaced by the installed path.
pub const DESKTOP_ENTRY: &str = include_str!("../assets/mobile-sessions.desktop");

/// The icon sizes installed, with their PNG files.
pub const ICONS: &[(u32, &[u8])] = &[
    (16, include_bytes!("../assets/icon/16x16.png")),
    (32, include_bytes!("../assets/icon/32x32.png")),
    (48, include_bytes!("../assets/icon/48x48.png")),
    (64, include_bytes!("../assets/icon/64x64.png")),
    (128, include_bytes!("../assets/icon/128x128.png")),
    (256, include_bytes!("../assets/icon/256x256.png")),
    (512, include_bytes!("../assets/icon/512x512.png")),
];

/// The window icon.
pub const WINDOW_ICON: &[u8] = include_bytes!("../assets/icon/256x256.png");

/// Where the files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The folder for the binary (`~/.local/bin`).
    pub bin: PathBuf,
    /// The data folder (`$XDG_DATA_HOME`, else `~/.local/share`).
    pub data: PathBuf,
}

impl Places {
    /// The current user's places, from `XDG_DATA_HOME` and `HOME`.
    pub fn for_user() -> io::Result<Self> {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .ok_or_else(|| io::Error::other("HOME is not set"))?;
        let data = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
            .unwrap_or_else(|| home.join(".local/share"));
        Ok(Places {
            bin: home.join(".local/bin"),
            data,
        })
    }

    /// Every file `install` writes.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.binary(), self.desktop_entry()];
        files.extend(ICONS.iter().map(|(size, _)| self.icon(*size)));
        files
    }

    fn binary(&self) -> PathBuf {
        self.bin.join("mobile-sessions")
    }

    /// The installed desktop entry.
    pub fn desktop_entry(&self) -> PathBuf {
        self.data.join("applications/mobile-sessions.desktop")
    }

    fn icon(&self, size: u32) -> PathBuf {
        self.data.join(format!(
            "icons/hicolor/{size}x{size}/apps/mobile-sessions.png"
        ))
    }
}

fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, bytes)
}

/// Installs the running binary, the icons and the desktop entry; returns the files written.
pub fn install(places: &Places) -> io::Result<Vec<PathBuf>> {
    let current = std::env::current_exe()?;
    let binary = places.binary();
    if fs::canonicalize(&current).ok() != fs::canonicalize(&binary).ok() {
        if let Some(parent) = binary.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&current, &binary)?;
    }
    for (size, png) in ICONS {
        write(&places.icon(*size), png)?;
    }
    let exec = binary.display().to_string().replace(' ', "\\s");
    let entry = DESKTOP_ENTRY.replace("Exec=mobile-sessions", &format!("Exec={exec}"));
    write(&places.desktop_entry(), entry.as_bytes())?;
    Ok(places.files())
}

/// Removes what `install` wrote (and nothing else); returns the files removed.
pub fn uninstall(places: &Places) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for file in places.files() {
        match fs::remove_file(&file) {
            Ok(()) => removed.push(file),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }
    Ok(removed)
}
