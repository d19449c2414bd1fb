//! Files from the field (issue 12): every shape a 4D server has written is shown right and
//! judged as 4D judges it, in the command line, the store and the window. The fixtures in
//! `tests/fixtures/field/` say where each shape comes from.

mod common;
mod field;

use std::fs;
use std::path::Path;

use common::*;
use field::*;
use mobile_sessions::store::{Index, Root, Status};
use serde_json::Value;

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
        .model
        .details
        .clone()
        .expect("the details panel is open");
    assert!(details.raw.unwrap().contains("\"version\": 30"));
    assert!(harness.query_all_by_label("Android R").next().is_some());
    assert!(harness.query_all_by_label("30").next().is_some());
}
