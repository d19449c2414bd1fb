//! The window says only what really happened, and offers a way on when the desktop cannot
//! help: no file manager and no dialog service here (this test program takes both away for its
//! whole process, so it runs alone in its own binary).

mod common;

use std::fs;

use common::{TASKS, demo, file_containing, open_window, wait_for};
use egui_kittest::kittest::Queryable;

/// No D-Bus session, no programs on the PATH (no xdg-open, no zenity), no native dialogs.
fn without_desktop() {
    // SAFETY: set before any thread of this test program reads the environment; every test here
    // wants the same values.
    unsafe {
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        std::env::set_var("PATH", "/nonexistent");
        std::env::set_var("MOBILE_SESSIONS_NATIVE_DIALOGS", "0");
    }
}

#[test]
fn show_on_disk_without_a_file_manager_says_so_and_offers_the_path() {
    without_desktop();
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    let (id, path) = file_containing(demo.mobile_apps(), TASKS, "\"pending\"");
    harness
        .state_mut()
        .apply(mobile_sessions::model::Command::Reveal(path.clone()));
    wait_for(&mut harness, "the file manager's answer", |app| {
        matches!(
            app.model.notice,
            Some(mobile_sessions::model::Notice::RevealFailed { .. })
        )
    });
    let notice = harness.state().notice().unwrap();
    assert!(notice.is_error, "{notice:?}");
    assert!(
        notice.text.contains("No file manager answered") && notice.text.contains(&id),
        "{}",
        notice.text
    );
    assert!(
        !notice.text.contains("Showing"),
        "never claims it showed it"
    );
    harness.get_by_label("Copy path").click();
    harness.run_ok();
    assert_eq!(
        harness.state().notice().unwrap().text,
        "Copied.",
        "the path went to the clipboard"
    );
}

#[test]
fn open_folder_without_a_dialog_offers_a_path_field_that_opens_it() {
    without_desktop();
    let first = demo();
    let second = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(first.mobile_apps(), settings.path(), None);
    harness.get_by_label("Open folder…").click();
    wait_for(&mut harness, "the path field", |app| {
        app.model.path_entry.is_some()
    });
    assert!(harness.state().notice().unwrap().is_error);
    // A data folder, one of the PATH forms the command line takes.
    let data_folder = second.mobile_apps().parent().unwrap().to_owned();
    harness
        .get_by_label("Path:")
        .type_text(&data_folder.display().to_string());
    harness.run_ok();
    harness.get_by_label("Open").click();
    wait_for(&mut harness, "the typed folder is read", |app| {
        app.model
            .workspace
            .as_ref()
            .is_some_and(|workspace| workspace.root().path().starts_with(&data_folder))
            && !app.is_loading()
    });
}

#[test]
fn export_without_a_dialog_offers_a_path_field_that_writes_the_file() {
    without_desktop();
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    harness.get_by_label("Export…").click();
    wait_for(&mut harness, "the path field", |app| {
        app.model.path_entry.is_some()
    });
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("sessions.csv");
    harness
        .get_by_label("Path:")
        .type_text(&file.display().to_string());
    harness.run_ok();
    harness.get_by_label("Save").click();
    harness.run_ok();
    let text = fs::read_to_string(&file).expect("the CSV file is written");
    assert!(text.starts_with("app,device,status"), "{text}");
    assert!(harness.state().notice().unwrap().text.contains("Exported"));
}
