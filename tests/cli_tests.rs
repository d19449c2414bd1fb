//! The command-line contract of `shared/cli.md`, checked by running the real binary.

mod common;

use std::fs;

use common::*;
use mobile_sessions::store::Status;
use serde_json::Value;

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!("not JSON ({error}): {}\n{}", stdout(output), stderr(output))
    })
}

fn assert_refused(output: &std::process::Output) {
    assert_eq!(output.status.code(), Some(2), "{}", stderr(output));
    let message = stderr(output);
    assert!(message.starts_with("error: "), "{message}");
    assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
}

#[test]
fn list_json_has_the_documented_shape() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps().to_str().unwrap();
    let output = run(home.path(), &["list", root, "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listing = json(&output);
    let canonical = dunce::canonicalize(root).unwrap();
    assert_eq!(listing["root"], canonical.to_str().unwrap());
    let apps = listing["apps"].as_array().unwrap();
    let contact = apps.iter().find(|app| app["folder"] == CONTACT).unwrap();
    assert_eq!(contact["name"], "Contact");
    assert_eq!(contact["bundle_id"], "com.contactApp.Contact");
    assert_eq!(contact["team_id"], "UTT7VDX8W5");
    assert_eq!(contact["label"], format!("Contact ({CONTACT})"));
    let tasks = apps.iter().find(|app| app["folder"] == TASKS).unwrap();
    assert_eq!(tasks["team_id"], Value::Null);
    let guest = contact["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|session| session["device"] == "iPhone X")
        .unwrap();
    for key in [
        "id",
        "file",
        "status",
        "device",
        "os",
        "os_version",
        "email",
        "device_id",
        "simulator",
        "app_version",
        "ip",
        "modified",
        "problems",
    ] {
        assert!(guest.get(key).is_some(), "missing {key}");
    }
    assert_eq!(guest["os"], "iOS");
    assert_eq!(guest["os_version"], "11.3");
    assert_eq!(guest["email"], "");
    assert_eq!(guest["simulator"], true);
    assert_eq!(guest["status"], "accepted");
    assert_eq!(guest["problems"], serde_json::json!([]));
    let file = guest["file"].as_str().unwrap();
    assert!(
        file.starts_with(canonical.to_str().unwrap())
            && file.ends_with(guest["id"].as_str().unwrap())
    );
    let modified = guest["modified"].as_str().unwrap();
    assert!(
        modified.ends_with('Z') && modified.len() == 20,
        "{modified}"
    );
    // Files that are not JSON objects are not listed; the others are, with their problems.
    let broken = apps.iter().find(|app| app["folder"] == BROKEN).unwrap();
    let codes: Vec<&str> = broken["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|session| {
            session["problems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
        })
        .collect();
    assert_eq!(broken["sessions"].as_array().unwrap().len(), 3);
    for code in ["location", "schema", "token"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
}

#[test]
fn list_accepts_every_path_form_and_a_bundle_id() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let data_file = demo.dir().join("data.4DD");
    fs::write(&data_file, b"").unwrap();
    for path in [demo.mobile_apps(), demo.dir(), data_file.as_path()] {
        let output = run(
            home.path(),
            &[
                "list",
                path.to_str().unwrap(),
                "--app",
                "com.contactApp.Contact",
                "--json",
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let apps = json(&output)["apps"].as_array().unwrap().clone();
        assert_eq!(apps.len(), 1);
        assert_eq!(apps[0]["folder"], CONTACT);
    }
    let text = run(home.path(), &["list", demo.mobile_apps().to_str().unwrap()]);
    assert!(
        stdout(&text)
            .contains("Contact (UTT7VDX8W5.com.contactApp.Contact): 7 sessions, 2 pending")
    );
}

#[test]
fn an_unknown_or_ambiguous_app_lists_the_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    write_session(&root, "AAAAAAAAAA.com.x.Y", 1, Status::Pending, false);
    write_session(&root, "BBBBBBBBBB.com.x.Y", 2, Status::Pending, false);
    let home = tempfile::tempdir().unwrap();
    let root = root.to_str().unwrap();
    let output = run(home.path(), &["list", root, "--app", "com.x.Y"]);
    assert_refused(&output);
    assert!(
        stderr(&output).contains("AAAAAAAAAA.com.x.Y")
            && stderr(&output).contains("BBBBBBBBBB.com.x.Y")
    );
    let output = run(home.path(), &["list", root, "--app", "com.nope"]);
    assert_refused(&output);
    assert!(stderr(&output).contains("AAAAAAAAAA.com.x.Y"));
    let output = run(
        home.path(),
        &["list", root, "--app", "AAAAAAAAAA.com.x.Y", "--json"],
    );
    assert!(output.status.success());
}

#[test]
fn check_reports_each_problem_with_its_code_and_exit_1() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps().to_str().unwrap();
    let output = run(home.path(), &["check", root, "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    let problems = report["problems"].as_array().unwrap();
    let mut expected = vec![("location", 1), ("syntax", 2), ("schema", 3), ("token", 4)];
    for (code, mobi) in expected.drain(..) {
        let problem = problems
            .iter()
            .find(|p| p["code"] == code)
            .unwrap_or_else(|| panic!("{code}"));
        assert_eq!(problem["mobi"], mobi);
        assert_eq!(problem["app"], BROKEN);
        assert!(problem["file"].as_str().unwrap().contains(BROKEN));
        assert!(!problem["message"].as_str().unwrap().is_empty());
    }
    let unreadable = problems.iter().find(|p| p["code"] == "unreadable").unwrap();
    assert_eq!(unreadable["mobi"], Value::Null);
    if cfg!(unix) {
        assert!(problems.iter().any(|p| p["code"] == "unsafe"));
    }
    let syntax = problems.iter().find(|p| p["code"] == "syntax").unwrap();
    assert!(
        syntax["message"]
            .as_str()
            .unwrap()
            .contains("line 1 column")
    );
    let text = run(home.path(), &["check", root]);
    assert_eq!(text.status.code(), Some(1));
    let first = stdout(&text).lines().next().unwrap().to_owned();
    let parts: Vec<&str> = first.splitn(3, ": ").collect();
    assert_eq!(parts.len(), 3, "{first}");
    assert!(parts[0].contains(BROKEN));
}

#[test]
fn check_on_a_clean_folder_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    write_session(&root, "com.x.Y", 1, Status::Pending, true);
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["check", root.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(json(&output)["problems"], serde_json::json!([]));
}

#[test]
fn set_status_writes_only_the_status() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps();
    let (id, path) = file_containing(root, CONTACT, "lena.schmidt@example.de");
    let before = fs::read_to_string(&path).unwrap();
    let output = run(
        home.path(),
        &[
            "set-status",
            root.to_str().unwrap(),
            CONTACT,
            &id,
            "accepted",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        before.replace("\"pending\"", "\"accepted\"")
    );
    // A bundle id names the same folder.
    let output = run(
        home.path(),
        &[
            "set-status",
            root.to_str().unwrap(),
            "com.contactApp.Contact",
            &id,
            "pending",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn set_status_refuses_bad_requests_and_changes_nothing() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps();
    let root_text = root.to_str().unwrap();
    let (id, path) = file_containing(root, CONTACT, "lena.schmidt@example.de");
    let before = fs::read(&path).unwrap();
    assert_refused(&run(
        home.path(),
        &["set-status", root_text, CONTACT, &id, "blocked"],
    ));
    assert_refused(&run(
        home.path(),
        &[
            "set-status",
            root_text,
            CONTACT,
            "../../etc/passwd",
            "accepted",
        ],
    ));
    assert_refused(&run(
        home.path(),
        &["set-status", root_text, "com.nope", &id, "accepted"],
    ));
    assert_refused(&run(
        home.path(),
        &["set-status", root_text, CONTACT, "abcdef", "accepted"],
    ));
    assert_refused(&run(
        home.path(),
        &[
            "set-status",
            "/nonexistent/folder",
            CONTACT,
            &id,
            "accepted",
        ],
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
    let (syntax_id, syntax_path) = file_containing(root, BROKEN, "syntax@example.com");
    let syntax_before = fs::read(&syntax_path).unwrap();
    assert_refused(&run(
        home.path(),
        &["set-status", root_text, BROKEN, &syntax_id, "accepted"],
    ));
    assert_refused(&run(
        home.path(),
        &["delete", root_text, BROKEN, &syntax_id],
    ));
    assert_eq!(fs::read(&syntax_path).unwrap(), syntax_before);
}

#[cfg(unix)]
#[test]
fn an_unsafe_file_is_refused() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps();
    let link = fs::read_dir(root.join(BROKEN))
        .unwrap()
        .flatten()
        .find(|entry| entry.path().is_symlink())
        .unwrap();
    let id = link.file_name().to_string_lossy().into_owned();
    let key_before = fs::read(root.join("key.mobileapp")).unwrap();
    let output = run(
        home.path(),
        &[
            "set-status",
            root.to_str().unwrap(),
            BROKEN,
            &id,
            "accepted",
        ],
    );
    assert_refused(&output);
    assert!(stderr(&output).contains("unsafe"));
    assert_refused(&run(
        home.path(),
        &["delete", root.to_str().unwrap(), BROKEN, &id],
    ));
    // Not even on purpose: --force is for malformed files, never for links.
    assert_refused(&run(
        home.path(),
        &["delete", "--force", root.to_str().unwrap(), BROKEN, &id],
    ));
    assert!(link.path().is_symlink());
    assert_eq!(fs::read(root.join("key.mobileapp")).unwrap(), key_before);
}

#[test]
fn delete_force_deletes_a_malformed_file_as_the_window_does_after_asking() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps();
    let (id, path) = file_containing(root, BROKEN, "syntax@example.com");
    assert_refused(&run(
        home.path(),
        &["delete", root.to_str().unwrap(), BROKEN, &id],
    ));
    assert!(path.exists(), "refused without --force");
    let output = run(
        home.path(),
        &["delete", "--force", root.to_str().unwrap(), BROKEN, &id],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!path.exists());
}

#[test]
fn delete_takes_the_session_out_and_says_where_it_went() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps();
    let (id, path) = file_containing(root, TASKS, "Pixel 7a");
    let output = run(home.path(), &["delete", root.to_str().unwrap(), TASKS, &id]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!path.exists());
    let said = stdout(&output);
    assert!(said.contains("trash") || said.contains("removed"), "{said}");
    let listing = json(&run(
        home.path(),
        &["list", root.to_str().unwrap(), "--app", TASKS, "--json"],
    ));
    assert_eq!(listing["apps"][0]["sessions"].as_array().unwrap().len(), 5);
}

#[test]
fn a_path_without_mobile_apps_says_what_was_expected() {
    let empty = tempfile::tempdir().unwrap();
    let output = run(empty.path(), &["list", empty.path().to_str().unwrap()]);
    assert_refused(&output);
    assert!(stderr(&output).contains("MobileApps"));
}

#[cfg(unix)]
#[test]
fn watch_prints_one_json_line_per_change_and_stops_cleanly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let mut child = bin(home.path())
        .args(["watch", demo.mobile_apps().to_str().unwrap(), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut errors = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    errors.read_line(&mut first).unwrap();
    assert!(first.starts_with("watching "), "{first}");
    // Give the system watch a moment to be in place after the message.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let (id, _) = write_session(demo.mobile_apps(), TASKS, 31337, Status::Pending, false);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    let event: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        event,
        serde_json::json!({"event": "added", "app": TASKS, "id": id, "status": "pending"})
    );
    let (_, path) = file_containing(demo.mobile_apps(), TASKS, &id);
    fs::remove_file(path).unwrap();
    let line = lines.next().unwrap().unwrap();
    let event: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(event["event"], "removed");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        child.wait().unwrap().code(),
        Some(0),
        "stops cleanly on SIGTERM"
    );
}
