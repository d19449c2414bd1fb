//! Output scripts can rely on (issue 12): `check` and `watch` print whole paths, `list` lines
//! its table up by display width and counts the files with problems; and app folders whose
//! names are not UTF-8 are reported (issue 18).

mod common;
mod field;

use std::fs;

use common::*;
use field::*;
use mobile_sessions::store::{Status, generate};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// An app folder whose name, with the MobileApps path and a session id, makes a path of over
/// 200 characters (and under the 260 of a Windows path without the long-path prefix).
fn long_folder() -> String {
    format!("UTT7VDX8W5.com.example.{}", "VeryLongBundleName".repeat(7))
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
    use mobile_sessions::store::{Index, Root};
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
