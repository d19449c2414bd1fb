//! What a Windows (or macOS) administrator meets that a Linux one does not (issue 13): the
//! paths they are shown, folder names typed in another case, the watcher's idea of "the same
//! folder", and change notifications that do not come. The tests run everywhere: on Linux in
//! `cargo test`, and for the Windows build under Wine (`scripts/test-windows.sh`), where they
//! prove the Windows side.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use mobile_sessions::store::{
    self, Change, ChangeKind, FolderWatcher, Index, Root, Status, WatchMessage, WatchMode,
};
use serde_json::Value;

/// Windows' verbatim prefix, which `fs::canonicalize` puts before every path there.
const VERBATIM: &str = r"\\?\";

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!("not JSON ({error}): {}\n{}", stdout(output), stderr(output))
    })
}

/// Whether the folder holding `dir` finds names whatever their case, found out by asking the
/// file system for a name in another case (not by the code under test).
fn folder_ignores_case(dir: &Path) -> bool {
    let probe = dir.join("case-probe");
    fs::write(&probe, "").unwrap();
    let found = dir.join("CASE-PROBE").exists();
    fs::remove_file(probe).unwrap();
    found
}

#[test]
fn no_path_is_shown_in_the_verbatim_form() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    // The user may give the verbatim form too (copied from another tool): it is shown in
    // the ordinary form all the same. `fs::canonicalize` gives it on Windows, and the ordinary
    // absolute path elsewhere.
    let verbatim = fs::canonicalize(demo.mobile_apps()).unwrap();
    for given in [demo.mobile_apps(), verbatim.as_path()] {
        let given = given.to_str().unwrap();
        let listing = run(home.path(), &["list", given, "--json"]);
        assert!(listing.status.success(), "{}", stderr(&listing));
        let text = stdout(&listing);
        assert!(!text.contains(VERBATIM), "{text}");
        let root = json(&listing)["root"].as_str().unwrap().to_owned();
        assert!(Path::new(&root).is_absolute(), "{root}");
        assert!(same_file::is_same_file(&root, demo.mobile_apps()).unwrap());
        let check = run(home.path(), &["check", given]);
        assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
        let text = stdout(&check) + &stderr(&check);
        assert!(text.contains(BROKEN) && !text.contains(VERBATIM), "{text}");
    }
    let (id, _) = file_containing(demo.mobile_apps(), TASKS, "\"pending\"");
    let root = verbatim.to_str().unwrap();
    let edit = run(home.path(), &["set-status", root, TASKS, &id, "accepted"]);
    assert!(edit.status.success(), "{}", stderr(&edit));
    assert!(!stdout(&edit).contains(VERBATIM), "{}", stdout(&edit));
    // Paths that are refused are named in the ordinary form as well.
    let empty = tempfile::tempdir().unwrap();
    let empty = fs::canonicalize(empty.path()).unwrap();
    for wrong in [empty.join("nowhere"), empty] {
        let refused = run(home.path(), &["list", wrong.to_str().unwrap()]);
        assert_eq!(refused.status.code(), Some(2));
        let message = stderr(&refused);
        assert!(
            message.starts_with("error: ") && !message.contains(VERBATIM),
            "{message}"
        );
    }
}

#[test]
fn every_form_of_a_path_is_the_same_root() {
    let demo = demo();
    let plain = Root::locate(demo.mobile_apps()).unwrap();
    let verbatim = Root::locate(&fs::canonicalize(demo.mobile_apps()).unwrap()).unwrap();
    let from_data_folder = Root::locate(demo.dir()).unwrap();
    assert_eq!(plain, verbatim);
    assert_eq!(plain, from_data_folder);
    assert!(!plain.path().to_string_lossy().starts_with(VERBATIM));
    // Paths made from the root compare equal to the ones the watcher reports.
    let index = Index::scan(&verbatim).unwrap();
    let app = index.resolve_app(TASKS).unwrap();
    let (id, file) = file_containing(demo.mobile_apps(), TASKS, "\"pending\"");
    assert!(same_file::is_same_file(index.root().session_path(&app.folder, &id), file).unwrap());
}

#[test]
fn an_app_typed_in_another_case_is_found_where_the_volume_ignores_case() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps().to_str().unwrap();
    let ignores_case = folder_ignores_case(demo.mobile_apps());
    assert_eq!(
        Root::locate(demo.mobile_apps())
            .unwrap()
            .ignores_case([TASKS]),
        ignores_case
    );
    let (id, _) = file_containing(demo.mobile_apps(), TASKS, "\"pending\"");
    let shouted = TASKS.to_uppercase();
    let edit = run(
        home.path(),
        &["set-status", root, &shouted, &id, "accepted"],
    );
    let listing = run(
        home.path(),
        &["list", root, "--app", "COM.CONTACTAPP.CONTACT"],
    );
    if ignores_case {
        assert!(edit.status.success(), "{}", stderr(&edit));
        // Which folder was meant is said, and the file written is in that folder.
        assert!(stderr(&edit).contains(TASKS), "{}", stderr(&edit));
        assert!(stdout(&edit).contains(TASKS), "{}", stdout(&edit));
        assert!(listing.status.success(), "{}", stderr(&listing));
        assert!(stderr(&listing).contains(CONTACT), "{}", stderr(&listing));
        assert!(stdout(&listing).contains(CONTACT));
    } else {
        assert_eq!(edit.status.code(), Some(2), "{}", stdout(&edit));
        assert!(stderr(&edit).contains("no app folder matches"));
        assert_eq!(listing.status.code(), Some(2), "{}", stdout(&listing));
    }
    let text = fs::read_to_string(demo.mobile_apps().join(TASKS).join(&id)).unwrap();
    assert_eq!(text.contains("\"accepted\""), ignores_case);
}

#[test]
fn an_exact_folder_name_wins_over_a_match_by_case() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    // Two folders of the same bundle id, one named by the bundle id alone.
    write_session(&root, "com.x.App", 1, Status::Pending, false);
    write_session(&root, "AAAAAAAAAA.com.x.App", 2, Status::Pending, false);
    let index = Index::scan(&Root::locate(&root).unwrap()).unwrap();
    assert_eq!(index.resolve_app("com.x.App").unwrap().folder, "com.x.App");
    let by_case = index.resolve_app("COM.X.APP");
    if folder_ignores_case(&root) {
        // The folder named so, not an ambiguity between the two folders of that bundle id.
        assert_eq!(by_case.unwrap().folder, "com.x.App");
        assert_eq!(
            index.resolve_app("aaaaaaaaaa.COM.X.APP").unwrap().folder,
            "AAAAAAAAAA.com.x.App"
        );
    } else {
        assert!(matches!(by_case, Err(store::StoreError::UnknownApp { .. })));
    }
}

/// An index with its watcher, as the window and `watch` use them.
struct Live {
    index: Index,
    watcher: FolderWatcher,
    changes: Vec<Change>,
    messages: Vec<WatchMessage>,
}

impl Live {
    fn start(root: &Path) -> Self {
        let root = Root::locate(root).unwrap();
        let index = Index::scan(&root).unwrap();
        let watcher = FolderWatcher::start(&root, WatchMode::Native, || {});
        let mut live = Live {
            index,
            watcher,
            changes: Vec::new(),
            messages: Vec::new(),
        };
        live.wait("the watcher has started", Duration::from_secs(10), |live| {
            live.messages
                .iter()
                .any(|message| matches!(message, WatchMessage::Mode(_)))
        });
        live
    }

    /// Applies messages until `done` holds (or panics after `limit`).
    fn wait(&mut self, what: &str, limit: Duration, done: impl Fn(&Live) -> bool) {
        let started = Instant::now();
        while !done(self) {
            assert!(
                started.elapsed() < limit,
                "timed out waiting until {what}; saw {:?} and {:?}",
                self.messages,
                self.changes
            );
            if let Some(message) = self.watcher.next_message(Duration::from_millis(20)) {
                let applied = store::apply(&mut self.index, &message);
                self.changes.extend(applied.changes);
                self.messages.push(message);
            }
        }
    }

    fn added(&self, id: &str) -> bool {
        self.changes
            .iter()
            .any(|change| change.kind == ChangeKind::Added && change.id == id)
    }
}

fn new_session(root: &Path, folder: &str, seed: u64) -> String {
    let (team, bundle) = store::split_folder_name(folder);
    let object =
        store::generate::session_object(&bundle, "Live", team.as_deref(), seed, Status::Pending);
    let id = store::generate::session_id(seed);
    fs::write(
        root.join(folder).join(&id),
        serde_json::to_string(&object).unwrap(),
    )
    .unwrap();
    id
}

/// Windows' notifications can be lost without a word (a full ReadDirectoryChangesW buffer),
/// and Wine sends none for this case: the watcher's sweep must find the file anyway.
#[test]
fn a_new_file_in_an_existing_app_folder_is_reported() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps());
    let id = new_session(demo.mobile_apps(), TASKS, 7001);
    live.wait("the new file is added", Duration::from_secs(15), |live| {
        live.added(&id)
    });
}

/// Adding folders and files changes the root's times (on Windows, as Wine shows them, even its
/// "creation" time), never its identity: no false "folder went away".
#[test]
fn the_root_is_not_taken_for_another_folder_when_its_content_changes() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps());
    let mut ids = Vec::new();
    for (n, folder) in ["com.example.One", "com.example.Two"].iter().enumerate() {
        fs::create_dir(demo.mobile_apps().join(folder)).unwrap();
        ids.push(new_session(demo.mobile_apps(), folder, 7100 + n as u64));
        std::thread::sleep(Duration::from_millis(600));
    }
    live.wait("the new files are added", Duration::from_secs(15), |live| {
        ids.iter().all(|id| live.added(id))
    });
    assert!(
        !live
            .messages
            .iter()
            .any(|message| matches!(message, WatchMessage::RootGone | WatchMessage::RootBack)),
        "{:?}",
        live.messages
    );
}

/// Another folder put in the root's place at once, under the same name, is another folder:
/// what was in the old one is gone from the list, and the new one is watched.
#[test]
fn another_folder_in_the_roots_place_is_noticed() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps());
    assert!(!live.index.apps[TASKS].sessions.is_empty());
    fs::rename(demo.mobile_apps(), demo.dir().join("MobileApps.old")).unwrap();
    fs::create_dir_all(demo.mobile_apps().join(TASKS)).unwrap();
    live.wait(
        "the new folder is noticed",
        Duration::from_secs(10),
        |live| live.messages.contains(&WatchMessage::RootBack),
    );
    live.wait(
        "the old sessions are gone",
        Duration::from_secs(10),
        |live| {
            live.index
                .apps
                .get(TASKS)
                .is_none_or(|app| app.sessions.is_empty())
        },
    );
    let id = new_session(demo.mobile_apps(), TASKS, 7200);
    live.wait(
        "a file in the new folder is added",
        Duration::from_secs(15),
        |live| live.added(&id),
    );
}

/// The `watch` command on every system (its test in cli_tests.rs stops it with SIGTERM, which
/// Windows has not): it names the folder in the ordinary form and prints each change.
#[test]
fn the_watch_command_names_the_folder_plainly_and_prints_each_change() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::sync::mpsc;
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let verbatim = fs::canonicalize(demo.mobile_apps()).unwrap();
    let mut child = bin(home.path())
        .args(["watch", verbatim.to_str().unwrap(), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Lines are read on threads, so a missing line fails the test instead of hanging it.
    let (sender, lines) = mpsc::channel();
    let errors = BufReader::new(child.stderr.take().unwrap());
    let output = BufReader::new(child.stdout.take().unwrap());
    for (source, reader) in [
        ("stderr", Box::new(errors) as Box<dyn BufRead + Send>),
        ("stdout", Box::new(output)),
    ] {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                let _ = sender.send((source, line));
            }
        });
    }
    let next = |from: &str| loop {
        let (source, line) = lines
            .recv_timeout(Duration::from_secs(20))
            .expect("a line within 20 s");
        if source == from {
            break line;
        }
    };
    let first = next("stderr");
    assert!(first.starts_with("watching "), "{first}");
    assert!(!first.contains(VERBATIM), "{first}");
    std::thread::sleep(Duration::from_millis(200));
    let id = new_session(demo.mobile_apps(), TASKS, 7300);
    let event: Value = serde_json::from_str(&next("stdout")).unwrap();
    assert_eq!(
        event,
        serde_json::json!({"event": "added", "app": TASKS, "id": id, "status": "pending"})
    );
    fs::remove_file(demo.mobile_apps().join(TASKS).join(&id)).unwrap();
    let event: Value = serde_json::from_str(&next("stdout")).unwrap();
    assert_eq!(
        (&event["event"], &event["id"]),
        (&"removed".into(), &id.into())
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Issue 16's taskbar badge: the overlay icons for 1, 42 and "99+" are made, and the pixels
/// Windows keeps in them are the ones drawn (white digits on a red disc, transparent corners).
#[cfg(all(windows, feature = "window"))]
#[test]
fn the_taskbar_overlay_icon_holds_the_drawn_number() {
    use windows::Win32::Graphics::Gdi::{
        BI_RGB, BITMAPINFO, BITMAPINFOHEADER, CreateCompatibleDC, DIB_RGB_COLORS, DeleteDC,
        DeleteObject, GetDIBits,
    };
    use windows::Win32::UI::WindowsAndMessaging::{DestroyIcon, GetIconInfo, ICONINFO};
    let size = mobile_sessions::ui::OVERLAY_SIZE;
    for count in [1, 42, 100] {
        let icon = mobile_sessions::ui::taskbar_overlay_icon(count)
            .unwrap_or_else(|error| panic!("the icon for {count}: {error}"));
        let mut info = ICONINFO::default();
        let mut header = BITMAPINFO {
            bmiHeader: BITMAPINFOHEADER {
                biSize: std::mem::size_of::<BITMAPINFOHEADER>() as u32,
                biWidth: size as i32,
                // Negative: rows from the top, as drawn.
                biHeight: -(size as i32),
                biPlanes: 1,
                biBitCount: 32,
                biCompression: BI_RGB.0,
                ..Default::default()
            },
            ..Default::default()
        };
        let mut pixels = vec![0u32; size * size];
        // SAFETY: the icon and the bitmaps GetIconInfo copies out are ours and deleted here; the
        // buffer holds the 16 rows of 32-bit pixels asked for.
        let lines = unsafe {
            GetIconInfo(icon, &mut info).unwrap();
            let dc = CreateCompatibleDC(None);
            let lines = GetDIBits(
                dc,
                info.hbmColor,
                0,
                size as u32,
                Some(pixels.as_mut_ptr().cast()),
                &mut header,
                DIB_RGB_COLORS,
            );
            let _ = DeleteDC(dc);
            let _ = DeleteObject(info.hbmColor.into());
            let _ = DeleteObject(info.hbmMask.into());
            DestroyIcon(icon).unwrap();
            lines
        };
        assert_eq!(lines, size as i32, "{count}: every row read back");
        assert_eq!(
            pixels,
            mobile_sessions::ui::overlay_pixels(count),
            "{count}: the icon holds the pixels drawn"
        );
    }
}

/// Issue 16's taskbar badge on a real (hidden) window: the overlays for 1, 42 and "99+" are
/// handed to the taskbar (`ITaskbarList3::SetOverlayIcon`), then the overlay is removed. Under
/// Wine the taskbar takes them without drawing them; on Windows they go to the button.
#[cfg(all(windows, feature = "window"))]
#[test]
fn the_taskbar_overlay_is_set_and_removed_on_a_real_window() {
    use windows::Win32::Foundation::HWND;
    use windows::Win32::UI::WindowsAndMessaging::{
        CreateWindowExW, DestroyWindow, HWND_MESSAGE, WINDOW_EX_STYLE, WS_OVERLAPPEDWINDOW,
    };
    use windows::core::w;
    let create = |parent: Option<HWND>| {
        // SAFETY: a window of the system's STATIC class, destroyed below by this thread.
        unsafe {
            CreateWindowExW(
                WINDOW_EX_STYLE(0),
                w!("STATIC"),
                w!("Mobile Sessions badge test"),
                WS_OVERLAPPEDWINDOW,
                0,
                0,
                200,
                100,
                parent,
                None,
                None,
                None,
            )
        }
    };
    // A hidden top-level window; Wine with no X display (as in scripts/test-windows.sh) cannot
    // make one, but can make a message-only window, which has a handle all the same.
    let hwnd = create(None)
        .or_else(|_| create(Some(HWND_MESSAGE)))
        .expect("a window can be created");
    for count in [1, 42, 100, 0] {
        mobile_sessions::ui::set_taskbar_overlay(
            hwnd.0 as isize,
            count,
            &format!("{count} devices wait for approval"),
        )
        .unwrap_or_else(|error| panic!("the overlay for {count}: {error}"));
    }
    // SAFETY: the window made above, on the thread that made it.
    unsafe { DestroyWindow(hwnd) }.unwrap();
}
