//! Helpers shared by the integration tests: fresh demo copies in real temporary folders, and
//! running the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mobile_sessions::store::{DemoFolder, Status, generate};

#[cfg(target_os = "linux")]
pub mod dbus;

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

/// The app folders of a `MobileApps` folder, by name.
pub fn app_folders(root: &Path) -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    folders
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

/// Writes a pending session of the demo's Contact app, as 4D does (a temporary file renamed
/// into place); returns its id.
pub fn arrive(root: &Path, seed: u64, device: &str, email: &str) -> String {
    let (team, bundle) = mobile_sessions::store::split_folder_name(CONTACT);
    let mut object =
        generate::session_object(&bundle, "Contact", team.as_deref(), seed, Status::Pending);
    object["device"]["description"] = device.into();
    object["email"] = email.into();
    let id = generate::session_id(seed);
    let folder = root.join(CONTACT);
    let temp = folder.join(format!("{id}.tmp"));
    std::fs::write(&temp, serde_json::to_string(&object).unwrap()).unwrap();
    std::fs::rename(&temp, folder.join(&id)).unwrap();
    id
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

/// A tiny real HTTP server on 127.0.0.1 that answers every request with one status, and keeps
/// the requests it saw (request line and headers).
pub struct TestServer {
    /// The URL to send to.
    pub url: String,
    /// Every request seen so far.
    pub requests: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl TestServer {
    /// Starts answering `status` to up to `count` requests, for at most 30 seconds.
    pub fn start(status: u16, count: usize) -> Self {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://{}/4DACTION/mobileSessionsRefresh",
            listener.local_addr().unwrap()
        );
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = std::sync::Arc::clone(&requests);
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
            let mut served = 0;
            while served < count && std::time::Instant::now() < deadline {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(std::time::Duration::from_secs(5)))
                    .unwrap();
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|window| window == b"\r\n\r\n") {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(read) => request.extend_from_slice(&buffer[..read]),
                    }
                }
                seen.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&request).into_owned());
                let body = if status < 300 {
                    "Sessions reloaded"
                } else {
                    "Internal error"
                };
                let reply = format!(
                    "HTTP/1.1 {status} Test\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
                served += 1;
            }
        });
        TestServer { url, requests }
    }

    /// The requests seen so far.
    pub fn seen(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Starts the real window on a folder (settings kept in `settings`), as a user who names the
/// folder on the command line: it is still being read when this returns.
pub fn start_window(
    folder: &Path,
    settings: &Path,
    poll: Option<f64>,
) -> egui_kittest::Harness<'static, mobile_sessions::ui::SessionsApp> {
    use mobile_sessions::ui::{SessionsApp, Start};
    let start = Start {
        folder: Some(folder.to_owned()),
        demo: false,
        poll,
        settings_dir: Some(settings.to_owned()),
    };
    egui_kittest::Harness::builder()
        .with_size([1000.0, 640.0])
        .build_eframe(move |cc| SessionsApp::new(&cc.egui_ctx, english(), start))
}

/// What the window shows of the folder it has open (it must have one).
pub fn workspace_of<'a>(
    harness: &'a egui_kittest::Harness<'static, mobile_sessions::ui::SessionsApp>,
) -> &'a mobile_sessions::model::Workspace {
    harness.state().model.workspace.as_ref().unwrap()
}

/// Opens the real window on a folder (settings kept in `settings`) and waits until it has
/// read everything.
pub fn open_window(
    folder: &Path,
    settings: &Path,
    poll: Option<f64>,
) -> egui_kittest::Harness<'static, mobile_sessions::ui::SessionsApp> {
    let mut harness = start_window(folder, settings, poll);
    wait_for(&mut harness, "the folder is read", |app| {
        app.model.workspace.is_some() && !app.is_loading()
    });
    harness
}

/// Opens the real window on a fresh copy of the demo (settings in a temporary folder), read
/// in full. Keep both folders alive as long as the window.
pub fn open_demo() -> (
    DemoFolder,
    tempfile::TempDir,
    egui_kittest::Harness<'static, mobile_sessions::ui::SessionsApp>,
) {
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let harness = open_window(demo.mobile_apps(), settings.path(), None);
    (demo, settings, harness)
}

/// Preferences of a first run, in English whatever the system's language, so tests can look
/// for the English words.
pub fn english() -> mobile_sessions::ui::Preferences {
    mobile_sessions::ui::Preferences {
        language: Some(mobile_sessions::ui::Language::English),
        ..Default::default()
    }
}

/// Opens a drop-down (by its label) and chooses the entry whose text contains `entry`, as a
/// user would: a click on the drop-down, then on the entry.
pub fn choose(
    harness: &mut egui_kittest::Harness<'static, mobile_sessions::ui::SessionsApp>,
    combo: &str,
    entry: &str,
) {
    use egui_kittest::kittest::Queryable;
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, combo)
        .click();
    harness.run_ok();
    harness.get_by_label_contains(entry).click();
    harness.run_ok();
}

/// Steps the window until `done` holds, for up to a minute: a debug build reading tens of
/// thousands of files on a machine busy with other tests can take well over ten seconds.
pub fn wait_for(
    harness: &mut egui_kittest::Harness<'static, mobile_sessions::ui::SessionsApp>,
    what: &str,
    done: impl Fn(&mobile_sessions::ui::SessionsApp) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        harness.step();
        if done(harness.state()) {
            harness.run_ok();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting until {what}");
}
