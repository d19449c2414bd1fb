//! Helpers shared by the integration tests: fresh demo copies in real temporary folders, and
//! running the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mobile_sessions::store::{DemoFolder, Status, generate};

/// The demo's apps, as folder names.
pub const CONTACT: &str = "UTT7VDX8W5.com.contactApp.Contact";
pub const TASKS: &str = "com.4d.tasks";
pub const BROKEN: &str = "com.sample.Broken";

/// A fresh copy of the demo folder.
pub fn demo() -> DemoFolder {
    DemoFolder::create().expect("the demo can be written to a temporary folder")
}

/// The binary under test, with its trash and settings kept inside `home`.
pub fn bin(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mobile-sessions"));
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("MOBILE_SESSIONS_CONFIG_DIR", home.join("settings"));
    command
}

/// Runs the binary with these arguments.
pub fn run(home: &Path, args: &[&str]) -> Output {
    bin(home).args(args).output().expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes a valid session into `root/folder`, creating the folder; returns its id and path.
pub fn write_session(
    root: &Path,
    folder: &str,
    seed: u64,
    status: Status,
    pretty: bool,
) -> (String, PathBuf) {
    let (team, bundle) = mobile_sessions::store::split_folder_name(folder);
    let object = generate::session_object(&bundle, "Test App", team.as_deref(), seed, status);
    let id = generate::session_id(seed);
    let text = if pretty {
        serde_json::to_string_pretty(&object).unwrap()
    } else {
        serde_json::to_string(&object).unwrap()
    };
    std::fs::create_dir_all(root.join(folder)).unwrap();
    let path = root.join(folder).join(&id);
    std::fs::write(&path, text).unwrap();
    (id, path)
}

/// The first session file of an app folder whose content contains `needle`.
pub fn file_containing(root: &Path, folder: &str, needle: &str) -> (String, PathBuf) {
    let mut entries: Vec<_> = std::fs::read_dir(root.join(folder))
        .unwrap()
        .flatten()
        .collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_symlink() {
            continue;
        }
        if let Ok(bytes) = std::fs::read(&path)
            && String::from_utf8_lossy(&bytes).contains(needle)
        {
            return (entry.file_name().to_string_lossy().into_owned(), path);
        }
    }
    panic!("no file in {folder} contains {needle}");
}
