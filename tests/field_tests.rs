//! Files from the field (issue 12): every shape a 4D server has written is shown right and
//! judged as 4D judges it, and every path the command line prints can be pasted into another
//! command. The fixtures in `tests/fixtures/field/` say where each shape comes from.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use mobile_sessions::store::{Index, Root, Status, generate};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// The field fixtures' `MobileApps` folder, in the source tree (never written to).
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/field/MobileApps")
}

/// A fresh copy of the field fixtures; returns the temporary folder and its `MobileApps`.
fn field_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    copy_tree(&fixtures(), &root);
    (dir, root)
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every session file of the fixtures: (app folder, session id).
const FIELD_SESSIONS: [(&str, &str); 7] = [
    (
        "UTT7VDX8W5.com.example.Legacy",
        "3f2a9c1e5b7d4068a1c2e3f405162738495a6b7c",
    ),
    (
        "UTT7VDX8W5.com.example.Field",
        "8c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5",
    ),
    ("com.example.Android", "9F3B2C1D0E4A5B6C7D8E9FA0B1C2D3E4"),
    (
        "com.example.Android",
        "b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80",
    ),
    (
        "FAKETEAMID.com.example.NoTeam",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3",
    ),
    (
        "com.example.Desk",
        "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
    ),
    (
        "UTT7VDX8W5.com.example.Server",
        "60d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293",
    ),
];

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!("not JSON ({error}): {}\n{}", stdout(output), stderr(output))
    })
}

/// The status value as the file spells it, key and all (`"status":"pending"`,
/// `"status": "pending"`), found exactly once.
fn status_text(text: &str, status: &str) -> String {
    let spellings = [
        format!("\"status\":\"{status}\""),
        format!("\"status\": \"{status}\""),
    ];
    let found: Vec<&String> = spellings
        .iter()
        .filter(|spelling| text.matches(spelling.as_str()).count() == 1)
        .collect();
    assert_eq!(found.len(), 1, "one status {status} in {text}");
    found[0].clone()
}

/// Changes a status with the real binary and checks that the file's bytes are the old ones with
/// only the status value changed: byte order mark, layout, key order and unknown keys kept.
fn assert_round_trip(home: &Path, root: &Path, folder: &str, id: &str) {
    let path = root.join(folder).join(id);
    let before = fs::read(&path).unwrap();
    let text = String::from_utf8(before.clone()).unwrap();
    let (old, new) = if status_text_exists(&text, "accepted") {
        ("accepted", "pending")
    } else {
        ("pending", "accepted")
    };
    let output = run(
        home,
        &["set-status", root.to_str().unwrap(), folder, id, new],
    );
    assert!(
        output.status.success(),
        "{folder}/{id}: {}",
        stderr(&output)
    );
    let after = fs::read(&path).unwrap();
    let old_text = status_text(&text, old);
    let expected = text.replacen(&old_text, &old_text.replace(old, new), 1);
    assert_eq!(
        String::from_utf8(after).unwrap(),
        expected,
        "{folder}/{id}: only the status value changes"
    );
    let output = run(
        home,
        &["set-status", root.to_str().unwrap(), folder, id, old],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "{folder}/{id}: back as it was"
    );
}

fn status_text_exists(text: &str, status: &str) -> bool {
    text.contains(&format!("\"status\":\"{status}\""))
        || text.contains(&format!("\"status\": \"{status}\""))
}

#[test]
fn every_field_shape_round_trips_through_set_status_byte_for_byte() {
    let (_dir, root) = field_copy();
    let home = tempfile::tempdir().unwrap();
    for (folder, id) in FIELD_SESSIONS {
        assert_round_trip(home.path(), &root, folder, id);
    }
}

#[test]
fn a_numeric_device_version_survives_a_status_change_as_a_number() {
    let (_dir, root) = field_copy();
    let home = tempfile::tempdir().unwrap();
    let (folder, id) = ("com.example.Android", "9F3B2C1D0E4A5B6C7D8E9FA0B1C2D3E4");
    let path = root.join(folder).join(id);
    let before = fs::read_to_string(&path).unwrap();
    assert!(before.contains(r#""version":30,"os":"Android R""#));
    let output = run(
        home.path(),
        &["set-status", root.to_str().unwrap(), folder, id, "accepted"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        before.replace(r#""status":"pending""#, r#""status":"accepted""#)
    );
    let written: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(written["device"]["version"], Value::from(30));
    let output = run(home.path(), &["check", root.to_str().unwrap(), "--json"]);
    let report = json(&output);
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|problem| !problem["file"].as_str().unwrap().ends_with(id)),
        "still no problem after the change: {report}"
    );
}

#[test]
fn check_judges_the_field_files_as_4d_does() {
    let (_dir, root) = field_copy();
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["check", root.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let problems = report["problems"].as_array().unwrap();
    // Only the server component's test file, whose token names another app (mobi 4). A numeric
    // device.version, an empty or missing team id, FAKETEAMID, upper-case ids, extra keys, a
    // byte order mark, manifest.json and test_session are no problem.
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["code"], "token");
    assert_eq!(problems[0]["mobi"], 4);
    assert_eq!(problems[0]["app"], "UTT7VDX8W5.com.example.Server");
    let canonical = fs::canonicalize(&root).unwrap();
    assert_eq!(
        problems[0]["file"],
        canonical
            .join("UTT7VDX8W5.com.example.Server/60d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293")
            .to_str()
            .unwrap()
    );
}

#[test]
fn list_shows_every_field_shape_right() {
    let (_dir, root) = field_copy();
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["list", root.to_str().unwrap(), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listing = json(&output);
    let apps = listing["apps"].as_array().unwrap();
    let app = |folder: &str| {
        apps.iter()
            .find(|app| app["folder"] == folder)
            .unwrap_or_else(|| panic!("{folder} is listed"))
            .clone()
    };
    let session = |folder: &str, id: &str| {
        app(folder)["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|session| session["id"] == id)
            .unwrap_or_else(|| panic!("{folder}/{id} is listed"))
            .clone()
    };
    let os = |folder: &str, id: &str| {
        let found = session(folder, id);
        (
            found["os"].as_str().unwrap().to_owned(),
            found["os_version"].clone(),
        )
    };
    let text = |value: &str| Value::from(value);
    assert_eq!(
        os("UTT7VDX8W5.com.example.Legacy", FIELD_SESSIONS[0].1),
        ("iOS".into(), text("12.2"))
    );
    assert_eq!(
        os("UTT7VDX8W5.com.example.Field", FIELD_SESSIONS[1].1),
        ("iOS".into(), text("16.4"))
    );
    // The number comes out as a string, as every os_version does.
    assert_eq!(
        os("com.example.Android", FIELD_SESSIONS[2].1),
        ("Android R".into(), text("30"))
    );
    assert_eq!(
        os("com.example.Android", FIELD_SESSIONS[3].1),
        ("Android".into(), text("33 (Android TIRAMISU)"))
    );
    assert_eq!(
        os("com.example.Desk", FIELD_SESSIONS[5].1),
        ("macOS".into(), text("Version 13.2 (Build 22D49)"))
    );
    assert_eq!(
        session("com.example.Android", FIELD_SESSIONS[2].1)["problems"],
        serde_json::json!([])
    );
    assert_eq!(app("com.example.Android")["team_id"], Value::Null);
    assert_eq!(app("com.example.Android")["name"], "Android Field");
    assert_eq!(
        app("FAKETEAMID.com.example.NoTeam")["team_id"],
        "FAKETEAMID"
    );
    assert_eq!(
        app("FAKETEAMID.com.example.NoTeam")["bundle_id"],
        "com.example.NoTeam"
    );
    // A folder with only the editor's manifest is named from it; the server component's
    // manifest has no name, and its test_session is not a session.
    assert_eq!(app("UTT7VDX8W5.com.example.Fresh")["name"], "Fresh Start");
    assert_eq!(
        app("UTT7VDX8W5.com.example.Fresh")["label"],
        "Fresh Start (UTT7VDX8W5.com.example.Fresh)"
    );
    assert_eq!(app("com.example.Tested")["name"], "com.example.Tested");
    assert_eq!(app("com.example.Tested")["sessions"], serde_json::json!([]));

    let output = run(home.path(), &["list", root.to_str().unwrap()]);
    let said = stdout(&output);
    assert!(said.contains("Android R 30"), "{said}");
    assert!(said.contains("Android 33 (Android TIRAMISU)"), "{said}");
    assert!(
        said.contains("Fresh Start (UTT7VDX8W5.com.example.Fresh): 0 sessions, 0 pending"),
        "{said}"
    );
    assert!(!said.contains("manifest"), "{said}");
    assert!(
        said.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("1 file with problems"),
        "{said}"
    );
}

/// What the window's table and details panel show: both read the store's summary of a file.
#[test]
fn the_table_and_details_read_every_field_shape_right() {
    let (_dir, root) = field_copy();
    let index = Index::scan(&Root::locate(&root).unwrap()).unwrap();
    let info = |folder: &str, id: &str| {
        index.apps[folder].sessions[id]
            .info
            .clone()
            .unwrap_or_else(|| panic!("{folder}/{id} is a session"))
    };
    let android = info("com.example.Android", FIELD_SESSIONS[2].1);
    assert_eq!(
        format!("{} {}", android.os, android.os_version),
        "Android R 30"
    );
    assert_eq!(android.device, "SM-G991B");
    assert_eq!(android.team_id.as_deref(), Some(""));
    assert_eq!(android.status(), Some(Status::Pending));
    let later = info("com.example.Android", FIELD_SESSIONS[3].1);
    assert_eq!(later.simulator, Some(true));
    assert_eq!(later.team_id, None);
    let field = info("UTT7VDX8W5.com.example.Field", FIELD_SESSIONS[1].1);
    assert_eq!(field.email, "field.agent@example.com");
    assert_eq!(field.language, "en_GB");
    for (folder, id) in FIELD_SESSIONS {
        let session = &index.apps[folder].sessions[id];
        assert!(session.is_listed(), "{folder}/{id}");
        assert!(
            session.blocking_problem().is_none(),
            "{folder}/{id} is editable"
        );
    }
    assert_eq!(
        index.apps["UTT7VDX8W5.com.example.Fresh"].name(),
        "Fresh Start"
    );
    assert!(index.apps["com.example.Tested"].sessions.is_empty());
    assert!(index.folder_problems.is_empty());
    assert_eq!(index.findings().count(), 1);
}

#[test]
fn an_app_folder_with_only_a_manifest_is_named_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    let folder = root.join("UTT7VDX8W5.com.example.Fresh");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(
        fixtures().join("UTT7VDX8W5.com.example.Fresh/manifest.json"),
        folder.join("manifest.json"),
    )
    .unwrap();
    assert!(
        fs::read(folder.join("manifest.json"))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF"),
        "the editor writes a byte order mark"
    );
    let home = tempfile::tempdir().unwrap();
    let listing = json(&run(
        home.path(),
        &["list", root.to_str().unwrap(), "--json"],
    ));
    assert_eq!(listing["apps"][0]["name"], "Fresh Start");
    assert_eq!(
        listing["apps"][0]["label"],
        "Fresh Start (UTT7VDX8W5.com.example.Fresh)"
    );
    let output = run(home.path(), &["check", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "never a problem");
    assert_eq!(stdout(&output), "");
    // Once a session names the app, its name wins over the manifest's.
    write_session(
        &root,
        "UTT7VDX8W5.com.example.Fresh",
        7,
        Status::Pending,
        false,
    );
    let listing = json(&run(
        home.path(),
        &["list", root.to_str().unwrap(), "--json"],
    ));
    assert_eq!(listing["apps"][0]["name"], "Test App");
}

/// An app folder whose name, with the MobileApps path, is well over 200 characters.
fn long_folder() -> String {
    format!("UTT7VDX8W5.com.example.{}", "VeryLongBundleName".repeat(10))
}

#[test]
fn check_prints_a_path_longer_than_200_characters_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    let folder = long_folder();
    let (id, _) = write_session(&root, &folder, 3, Status::Accepted, false);
    let path = root.join(&folder).join(&id);
    fs::write(&path, r#"{"status": "accepted", "#).unwrap();
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["check", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let whole = fs::canonicalize(&path).unwrap();
    let whole = whole.to_str().unwrap();
    assert!(whole.chars().count() > 200, "{}", whole.len());
    let said = stdout(&output);
    let line = said.lines().next().unwrap();
    assert_eq!(
        line.split(": syntax: ").next().unwrap(),
        whole,
        "FILE comes out whole: {line}"
    );
    assert!(!said.contains('…'), "{said}");
    let report = json(&run(
        home.path(),
        &["check", root.to_str().unwrap(), "--json"],
    ));
    assert_eq!(report["problems"][0]["file"], whole);
}

#[cfg(unix)]
#[test]
fn watch_prints_a_path_longer_than_200_characters_whole() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    let folder = long_folder();
    write_session(&root, &folder, 1, Status::Accepted, false);
    let home = tempfile::tempdir().unwrap();
    let mut child = bin(home.path())
        .args(["watch", root.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut errors = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    errors.read_line(&mut first).unwrap();
    assert!(first.starts_with("watching "), "{first}");
    std::thread::sleep(Duration::from_millis(200));
    let (id, path) = write_session(&root, &folder, 2, Status::Pending, false);
    // Read on a thread, so a missing line fails the test instead of hanging it.
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if send.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let line = receive.recv_timeout(Duration::from_secs(20));
    child.kill().unwrap();
    child.wait().unwrap();
    let line = line.expect("watch printed the change");
    let whole = fs::canonicalize(&path).unwrap();
    let whole = whole.to_str().unwrap();
    assert!(whole.chars().count() > 200);
    assert!(line.starts_with("added "), "{line}");
    assert!(
        line.contains(&format!(" {folder} ")),
        "the app comes out whole: {line}"
    );
    assert!(line.contains(&id), "{line}");
    assert!(line.ends_with(whole), "the path comes out whole: {line}");
    assert!(!line.contains('…'), "{line}");
}

/// The display column at which `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> usize {
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {line:?}"));
    line[..at].width()
}

#[test]
fn list_aligns_a_table_with_a_60_character_device_name_and_a_cjk_email() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    let folder = "UTT7VDX8W5.com.example.Wide";
    let long_device = format!("Galaxy {}", "Tab S9 Ultra ".repeat(5)).trim_end()[..60].to_owned();
    assert_eq!(long_device.chars().count(), 60);
    let rows = [
        (1, long_device.clone(), "ops@example.com".to_owned()),
        (2, "iPhone 15".to_owned(), "山田太郎@例え.jp".to_owned()),
        (3, "📱 Pixel".to_owned(), String::new()),
    ];
    fs::create_dir_all(root.join(folder)).unwrap();
    for (seed, device, email) in &rows {
        let mut object = generate::session_object(
            "com.example.Wide",
            "Wide",
            Some("UTT7VDX8W5"),
            *seed,
            Status::Pending,
        );
        object["device"]["description"] = Value::from(device.as_str());
        object["device"]["os"] = Value::from("iOS");
        object["device"]["version"] = Value::from("17.1");
        object["email"] = Value::from(email.as_str());
        fs::write(
            root.join(folder).join(generate::session_id(*seed)),
            serde_json::to_string(&object).unwrap(),
        )
        .unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["list", root.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    let lines: Vec<&str> = said.lines().collect();
    let heading = lines
        .iter()
        .find(|line| line.trim_start().starts_with("SESSION ID"))
        .unwrap_or_else(|| panic!("a heading: {said}"));
    let table: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| {
            rows.iter()
                .any(|(seed, _, _)| line.contains(&generate::session_id(*seed)))
        })
        .collect();
    assert_eq!(table.len(), 3, "{said}");
    // Every column starts at the same display column in every row, and under its heading.
    let status_at = column_of(heading, "STATUS");
    let os_at = column_of(heading, "  OS") + 2;
    let mail_at = column_of(heading, "E-MAIL");
    for line in &table {
        assert_eq!(column_of(line, "pending"), status_at, "{said}");
        assert_eq!(column_of(line, "iOS 17.1"), os_at, "{said}");
    }
    assert_eq!(column_of(table_line(&table, 1), "ops@"), mail_at, "{said}");
    assert_eq!(column_of(table_line(&table, 2), "山田"), mail_at, "{said}");
    assert_eq!(
        column_of(table_line(&table, 3), "(guest)"),
        mail_at,
        "{said}"
    );
    // Free text is cut with "…", never the id.
    let first = table_line(&table, 1);
    assert!(
        first.contains('…') && !first.contains(&long_device),
        "{first}"
    );
    assert!(first.contains(&generate::session_id(1)));
    assert!(said.contains("山田太郎@例え.jp"), "{said}");
    assert_eq!(
        lines.last().copied(),
        Some("No file with a problem."),
        "{said}"
    );
}

fn table_line<'a>(table: &[&'a str], seed: u64) -> &'a str {
    table
        .iter()
        .find(|line| line.contains(&generate::session_id(seed)))
        .unwrap()
}

#[test]
fn list_ends_with_the_number_of_files_check_would_report() {
    let (_dir, root) = field_copy();
    let (_, broken) = write_session(&root, "com.example.Desk", 9, Status::Pending, false);
    fs::write(&broken, "{not json").unwrap();
    let home = tempfile::tempdir().unwrap();
    let report = json(&run(
        home.path(),
        &["check", root.to_str().unwrap(), "--json"],
    ));
    let mut files: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| problem["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(files.len(), 2);
    let said = stdout(&run(home.path(), &["list", root.to_str().unwrap()]));
    let last = said.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("2 files with problems; `mobile-sessions check "),
        "{last}"
    );
    let said = stdout(&run(
        home.path(),
        &["list", root.to_str().unwrap(), "--app", "com.example.Desk"],
    ));
    let last = said.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("1 file with problems"),
        "only that app's: {last}"
    );
}

/// Issue 18: an app folder whose name is not UTF-8 was skipped by `list` and `check` without
/// a word. It is reported as `unreadable`, its name made safe to print.
#[cfg(target_os = "linux")]
#[test]
fn an_app_folder_whose_name_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    write_session(&root, "com.example.Fine", 1, Status::Accepted, false);
    let bad = root.join(std::ffi::OsStr::from_bytes(b"com.example.Caf\xe9\x1b[2J"));
    fs::create_dir(&bad).unwrap();
    fs::write(bad.join(generate::session_id(2)), "{}").unwrap();
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["check", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!output.stdout.contains(&0x1b) && !output.stdout.contains(&0xe9));
    let said = stdout(&output);
    let canonical = fs::canonicalize(&root).unwrap();
    assert!(
        said.starts_with(&format!(
            "{}/com.example.Caf\\xe9\\u{{1b}}[2J: unreadable: ",
            canonical.display()
        )),
        "{said}"
    );
    assert!(said.contains("not UTF-8"), "{said}");
    let report = json(&run(
        home.path(),
        &["check", root.to_str().unwrap(), "--json"],
    ));
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["code"], "unreadable");
    assert_eq!(problems[0]["mobi"], Value::Null);
    assert!(
        problems[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("Caf\\xe9\u{1b}[2J")
    );
    let output = run(home.path(), &["list", root.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(!output.stdout.contains(&0x1b));
    let said = stdout(&output);
    assert!(
        said.contains("com.example.Fine"),
        "the rest is listed: {said}"
    );
    assert!(
        said.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("1 file with problems"),
        "{said}"
    );
    let index = Index::scan(&Root::locate(&root).unwrap()).unwrap();
    assert_eq!(index.folder_problems.len(), 1);
    assert_eq!(
        index.folder_problems[0].path, bad,
        "the real path, to show on disk"
    );
    assert_eq!(index.apps.len(), 1);
}

/// The window: the app drop-down names a folder from its manifest, the table shows a numeric
/// OS version as 4D does, and the details panel shows it too.
#[test]
fn the_window_shows_the_field_shapes_right() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let (_dir, root) = field_copy();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(&root, settings.path(), None);
    harness
        .get_by_role_and_label(Role::ComboBox, "Apps:")
        .click();
    harness.run_ok();
    assert!(
        harness
            .query_all_by_label_contains("Fresh Start (UTT7VDX8W5.com.example.Fresh)")
            .next()
            .is_some(),
        "the drop-down names the app from its manifest"
    );
    harness
        .get_by_label_contains("(com.example.Android)")
        .click();
    harness.run_ok();
    harness.get_by_label("Android R 30");
    harness.get_by_label("Android 33 (Android TIRAMISU)");
    harness
        .get_by_role_and_label(Role::Label, "SM-G991B")
        .click();
    harness.run_ok();
    let details = harness
        .state()
        .details
        .clone()
        .expect("the details panel is open");
    assert!(details.raw.unwrap().contains("\"version\": 30"));
    assert!(harness.query_all_by_label("Android R").next().is_some());
    assert!(harness.query_all_by_label("30").next().is_some());
}
