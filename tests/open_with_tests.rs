//! A folder the system hands to the running app (macOS: Finder's Open With, a drop on the Dock
//! icon) opens in the window. Alone in its own test program, because the requests are kept
//! process-wide and another window could take them.

mod common;

use common::*;

#[test]
fn a_folder_the_system_asks_to_open_opens_in_the_running_window() {
    let first = demo();
    let second = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(first.mobile_apps(), settings.path(), None);
    // The data folder, as Finder would give it (the folder that holds MobileApps).
    let data_folder = second.mobile_apps().parent().unwrap().to_owned();
    mobile_sessions::open_with::request(data_folder);
    wait_for(&mut harness, "the requested folder is open", |app| {
        app.model
            .workspace
            .as_ref()
            .is_some_and(|workspace| workspace.root().path() == second.mobile_apps())
            && !app.is_loading()
    });
    assert!(
        mobile_sessions::open_with::take_requested().is_empty(),
        "taken once"
    );
}
