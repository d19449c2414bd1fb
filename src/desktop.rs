//! Making the app a desktop citizen on Linux and other freedesktop systems: `install` puts the
//! binary, its icons and a desktop entry under `~/.local` (or `$XDG_DATA_HOME`), so the app
//! appears in the menu and opens folders given by the file manager; `uninstall` takes exactly
//! those files away again. macOS and Windows use their own packages (see the README).
//!
//! Neither touches a file that is not its own: `install` records every file it wrote, with a
//! SHA-256 of its content, in a manifest; `uninstall` removes only files that still match it.
//! No file is written through a symbolic link, and none is written in place: each is written
//! beside its destination and renamed over it, so reinstalling while the app runs works.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub(crate) mod sha256;

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

    /// The manifest of what `install` wrote.
    pub fn manifest(&self) -> PathBuf {
        self.data.join("mobile-sessions/installed.json")
    }

    /// Every file `install` writes.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.binary(), self.desktop_entry()];
        files.extend(ICONS.iter().map(|(size, _)| self.icon(*size)));
        files
    }

    /// The installed program.
    pub fn binary(&self) -> PathBuf {
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

/// One file `install` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// Where it is.
    pub path: PathBuf,
    /// The SHA-256 of what was written, in hex (`sampled:` for a large program, see `digest`).
    pub sha256: String,
}

/// What `install` wrote, kept in [`Places::manifest`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Every file written.
    pub files: Vec<Written>,
}

impl Manifest {
    /// The manifest saved at `path`; empty when there is none or it cannot be read.
    pub fn load(path: &Path) -> Self {
        fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn records(&self, path: &Path, sha256: &str) -> bool {
        self.files
            .iter()
            .any(|file| file.path == path && file.sha256 == sha256)
    }
}

fn error_at(path: &Path, what: &str, error: &io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("could not {what} {}: {error}", path.display()),
    )
}

/// Content larger than this is hashed by samples (see [`digest`]).
const SAMPLED_ABOVE: usize = 32 << 20;
/// How much of each end of large content is hashed.
const SAMPLE: usize = 4 << 20;

/// The content hash the manifest records: the SHA-256 of the whole content, or for content
/// larger than [`SAMPLED_ABOVE`] (a debug build of the program is hundreds of megabytes) the
/// SHA-256 of its length and its first and last [`SAMPLE`] bytes, marked `sampled:`. Either
/// tells a file install wrote from a script or a file someone put there.
fn digest(bytes: &[u8]) -> String {
    if bytes.len() <= SAMPLED_ABOVE {
        return sha256::hex_digest(bytes);
    }
    let mut sample = (bytes.len() as u64).to_le_bytes().to_vec();
    sample.extend_from_slice(&bytes[..SAMPLE]);
    sample.extend_from_slice(&bytes[bytes.len() - SAMPLE..]);
    format!("sampled:{}", sha256::hex_digest(&sample))
}

/// The content hash of the file at `path`, read without following a final symbolic link.
fn file_digest(path: &Path) -> io::Result<Option<String>> {
    match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error_at(path, "look at", &error)),
        Ok(meta) if !meta.file_type().is_file() => Ok(None),
        Ok(_) => fs::read(path)
            .map(|bytes| Some(digest(&bytes)))
            .map_err(|error| error_at(path, "read", &error)),
    }
}

/// Checks that `path` may be replaced by content with hash `new`: it is absent, or a plain
/// file that holds that content already or that the manifest says install wrote.
fn check_replaceable(path: &Path, new: &str, manifest: &Manifest) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error_at(path, "look at", &error)),
        Ok(meta) => meta,
    };
    if meta.file_type().is_symlink() {
        return Err(io::Error::other(format!(
            "{} is a symbolic link; install never writes through one: move it away and run install again",
            path.display()
        )));
    }
    if !meta.file_type().is_file() {
        return Err(io::Error::other(format!(
            "{} is not a plain file; move it away and run install again",
            path.display()
        )));
    }
    let current = file_digest(path)?.unwrap_or_default();
    if current == new || manifest.records(path, &current) {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "{} already exists and is not a file install wrote (or it was changed since); move it away and run install again",
            path.display()
        )))
    }
}

/// Writes `bytes` beside `path` and renames the copy over it: a running program or a link at
/// `path` is replaced, never written through.
fn write_beside(path: &Path, bytes: &[u8], executable: bool) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|error| error_at(parent, "create", &error))?;
    let mut temp = tempfile::NamedTempFile::new_in(parent)
        .map_err(|error| error_at(parent, "write in", &error))?;
    io::Write::write_all(&mut temp, bytes).map_err(|error| error_at(path, "write", &error))?;
    temp.as_file()
        .sync_all()
        .map_err(|error| error_at(path, "write", &error))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if executable { 0o755 } else { 0o644 };
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(mode))
            .map_err(|error| error_at(path, "write", &error))?;
    }
    #[cfg(not(unix))]
    let _ = executable;
    temp.persist(path)
        .map_err(|error| error_at(path, "replace", &error.error))?;
    Ok(())
}

/// An argument of a desktop entry's `Exec` key, quoted as the Desktop Entry specification
/// says: in double quotes when it holds a reserved character, with `"`, `` ` ``, `$` and `\`
/// escaped inside them, `%` doubled, and then every backslash doubled again because `Exec` is a
/// string value. Control characters cannot be written at all.
pub fn exec_argument(argument: &str) -> io::Result<String> {
    if argument.chars().any(char::is_control) {
        return Err(io::Error::other(format!(
            "{argument:?} holds a control character, which a desktop entry cannot hold; install from a folder without one"
        )));
    }
    const RESERVED: &[char] = &[
        ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(',
        ')', '`',
    ];
    let mut quoted = String::with_capacity(argument.len() + 2);
    let needs_quotes = argument.contains(RESERVED);
    if needs_quotes {
        quoted.push('"');
    }
    for c in argument.chars() {
        match c {
            '"' | '`' | '$' | '\\' if needs_quotes => {
                quoted.push('\\');
                quoted.push(c);
            }
            '%' => quoted.push_str("%%"),
            c => quoted.push(c),
        }
    }
    if needs_quotes {
        quoted.push('"');
    }
    // The string-value level of escaping: a backslash is written `\\`.
    Ok(quoted.replace('\\', "\\\\"))
}

/// The desktop entry for a binary installed at `binary`.
pub fn desktop_entry_for(binary: &Path) -> io::Result<String> {
    let exec = exec_argument(&binary.to_string_lossy())?;
    Ok(DESKTOP_ENTRY.replace("Exec=mobile-sessions", &format!("Exec={exec}")))
}

/// Installs the running binary, the icons and the desktop entry; returns the files written.
/// Nothing is written when one destination is not install's to replace.
pub fn install(places: &Places) -> io::Result<Vec<PathBuf>> {
    let manifest_path = places.manifest();
    let previous = Manifest::load(&manifest_path);
    let current = std::env::current_exe()?;
    let binary = places.binary();
    let same_binary = fs::canonicalize(&current).ok() == fs::canonicalize(&binary).ok();
    let program = fs::read(&current).map_err(|error| error_at(&current, "read", &error))?;
    let entry = desktop_entry_for(&binary)?;
    let mut planned: Vec<(PathBuf, &[u8], bool)> = Vec::new();
    planned.push((binary.clone(), &program, true));
    for (size, png) in ICONS {
        planned.push((places.icon(*size), png, false));
    }
    planned.push((places.desktop_entry(), entry.as_bytes(), false));
    // Every destination is checked before anything is written.
    let mut manifest = Manifest::default();
    for (path, bytes, _) in &planned {
        let hash = digest(bytes);
        if !(same_binary && *path == binary) {
            check_replaceable(path, &hash, &previous)?;
        }
        manifest.files.push(Written {
            path: path.clone(),
            sha256: hash,
        });
    }
    for (path, bytes, executable) in &planned {
        if same_binary && *path == binary {
            continue; // the installed program is the one running: it is already in place
        }
        write_beside(path, bytes, *executable)?;
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    if fs::symlink_metadata(&manifest_path).is_ok_and(|meta| meta.file_type().is_symlink()) {
        return Err(io::Error::other(format!(
            "{} is a symbolic link; install never writes through one",
            manifest_path.display()
        )));
    }
    write_beside(&manifest_path, text.as_bytes(), false)?;
    Ok(places.files())
}

/// What `uninstall` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uninstalled {
    /// Files removed.
    pub removed: Vec<PathBuf>,
    /// Files left in place, with why.
    pub left: Vec<(PathBuf, &'static str)>,
}

/// What install would write at each place now, for an installation that left no manifest
/// (made by an older version): only files identical to these are taken for install's own.
fn expected_without_manifest(places: &Places) -> Manifest {
    let mut manifest = Manifest::default();
    let mut add = |path: PathBuf, bytes: &[u8]| {
        manifest.files.push(Written {
            path,
            sha256: digest(bytes),
        });
    };
    if let Ok(program) = std::env::current_exe().and_then(fs::read) {
        add(places.binary(), &program);
    }
    for (size, png) in ICONS {
        add(places.icon(*size), png);
    }
    if let Ok(entry) = desktop_entry_for(&places.binary()) {
        add(places.desktop_entry(), entry.as_bytes());
    }
    manifest
}

/// Removes what `install` wrote and nothing else: a file is removed only when it still holds
/// what install recorded; a changed file, a link or anything else is left, and said.
pub fn uninstall(places: &Places) -> io::Result<Uninstalled> {
    let manifest_path = places.manifest();
    let has_manifest = fs::symlink_metadata(&manifest_path).is_ok_and(|meta| meta.is_file());
    let manifest = if has_manifest {
        Manifest::load(&manifest_path)
    } else {
        expected_without_manifest(places)
    };
    let mut done = Uninstalled::default();
    for file in &manifest.files {
        let meta = match fs::symlink_metadata(&file.path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error_at(&file.path, "look at", &error)),
            Ok(meta) => meta,
        };
        if meta.file_type().is_symlink() {
            done.left.push((
                file.path.clone(),
                "a symbolic link, not a file install wrote",
            ));
            continue;
        }
        if file_digest(&file.path)?.as_deref() != Some(file.sha256.as_str()) {
            done.left.push((
                file.path.clone(),
                "not the file install wrote (changed since, or someone else's)",
            ));
            continue;
        }
        fs::remove_file(&file.path).map_err(|error| error_at(&file.path, "remove", &error))?;
        done.removed.push(file.path.clone());
    }
    if has_manifest {
        fs::remove_file(&manifest_path)
            .map_err(|error| error_at(&manifest_path, "remove", &error))?;
        if let Some(dir) = manifest_path.parent() {
            let _ = fs::remove_dir(dir); // only when empty
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_paths_are_quoted_per_the_desktop_entry_spec() {
        assert_eq!(exec_argument("/usr/bin/app").unwrap(), "/usr/bin/app");
        assert_eq!(
            exec_argument("/home/a b/app").unwrap(),
            r#""/home/a b/app""#
        );
        assert_eq!(exec_argument("/x/100%/app").unwrap(), "/x/100%%/app");
        assert_eq!(
            exec_argument(r#"/h/$HOME "q" \b/app"#).unwrap(),
            r#""/h/\\$HOME \\"q\\" \\\\b/app""#
        );
        assert!(exec_argument("/x\ny").is_err());
    }
}
