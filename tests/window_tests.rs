//! The real window, driven with egui_kittest over real temporary folders: every check is one
//! a user would make, and most look at the files on disk afterwards.

mod common;

use std::fs;
use std::time::Duration;

use common::*;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mobile_sessions::push::PushTarget;
use mobile_sessions::store::Status;
use mobile_sessions::ui::{SessionsApp, SortKey};

const FIELD: &str = "4RZ3PQ8N2K.com.acme.FieldService";

/// The message in the status line.
fn notice(harness: &Harness<'static, SessionsApp>) -> String {
    harness.state().notice().expect("a message is shown").text
}

/// Opens a row's status drop-down (named after its device) and chooses a status.
fn choose_status(harness: &mut Harness<'static, SessionsApp>, device: &str, status: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, &format!("Status of {device}"))
        .click();
    harness.run_ok();
    harness.get_by_label(status).click();
    harness.run_ok();
}

/// Whether the table has a row for this session id.
fn shows_row(app: &SessionsApp, id: &str) -> bool {
    app.model
        .workspace
        .as_ref()
        .is_some_and(|workspace| workspace.rows.iter().any(|row| &*row.id == id))
}

fn select_app(harness: &mut Harness<'static, SessionsApp>, folder: &str) {
    choose(harness, "Apps:", &format!("({folder})"));
    assert_eq!(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .shown_app(),
        Some(folder)
    );
}

/// Right-clicks a row on its device name, as a user would: pointer over it first, then click.
/// (The row's status drop-down is named after the device too, hence the role.)
fn right_click(harness: &mut Harness<'static, SessionsApp>, device: &str) {
    let at = harness
        .get_by_role_and_label(Role::Label, device)
        .rect()
        .center();
    right_click_at(harness, at);
}

/// Moves the pointer to a point, then presses and releases the secondary button there.
fn right_click_at(harness: &mut Harness<'static, SessionsApp>, pos: eframe::egui::Pos2) {
    harness.hover_at(pos);
    harness.run_ok();
    for pressed in [true, false] {
        harness.event(eframe::egui::Event::PointerButton {
            pos,
            button: eframe::egui::PointerButton::Secondary,
            pressed,
            modifiers: Default::default(),
        });
        harness.step();
    }
    harness.run_ok();
}

fn devices_in_order(app: &SessionsApp) -> Vec<String> {
    let workspace = app.model.workspace.as_ref().unwrap();
    workspace
        .rows
        .iter()
        .filter_map(|key| workspace.session_at(key).unwrap().info.as_ref())
        .map(|info| info.device.to_string())
        .collect()
}

#[test]
fn choosing_an_app_shows_its_sessions() {
    let (_demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, TASKS);
    harness.get_by_role_and_label(Role::Label, "Galaxy S23");
    harness.get_by_role_and_label(Role::Label, "Pixel 8");
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "iPhone X")
            .is_none()
    );
    select_app(&mut harness, CONTACT);
    harness.get_by_role_and_label(Role::Label, "iPhone X");
    assert_eq!(harness.get_all_by_label("(guest)").count(), 2);
}

#[test]
fn clicking_a_header_sorts_and_clicking_again_reverses() {
    let (_demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, CONTACT);
    let by_device = devices_in_order(harness.state());
    let mut sorted = by_device.clone();
    sorted.sort_by_key(|device| device.to_lowercase());
    assert_eq!(by_device, sorted, "sorted by device at first");
    harness
        .get_by_role_and_label(Role::Button, "Device")
        .click();
    harness.run_ok();
    let mut reversed = sorted.clone();
    reversed.reverse();
    assert_eq!(devices_in_order(harness.state()), reversed);
    assert!(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .sort()
            .descending
    );
    for (header, key) in [
        ("Status", SortKey::Status),
        ("OS", SortKey::Os),
        ("E-mail", SortKey::Email),
    ] {
        harness.get_by_role_and_label(Role::Button, header).click();
        harness.run_ok();
        let workspace = harness.state().model.workspace.as_ref().unwrap();
        assert_eq!(workspace.sort().key, key);
        assert!(!workspace.sort().descending);
    }
    // Sorted by e-mail: the two guests come first.
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    let first = workspace.session_at(&workspace.rows[0]).unwrap();
    assert_eq!(first.info.as_ref().unwrap().email, "");
}

#[test]
fn choosing_a_status_writes_the_file_at_once() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (_, path) = file_containing(demo.mobile_apps(), FIELD, "tech01@acme.example");
    // A mode no default would give: the file written through the drop-down keeps it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let before = fs::read_to_string(&path).unwrap();
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Push")
            .is_some()
    );
    choose_status(&mut harness, "iPhone 12", "accepted");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        before.replace("\"pending\"", "\"accepted\"")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "the file keeps its mode");
    }
    assert!(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .push_needed,
        "Push is enabled after a change"
    );
}

#[test]
fn a_refused_status_change_is_said_in_words_and_the_row_reverts() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (id, path) = file_containing(demo.mobile_apps(), FIELD, "tech01@acme.example");
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let before = fs::read(&path).unwrap();
    choose_status(&mut harness, "iPhone 12", "accepted");
    assert_eq!(fs::read(&path).unwrap(), before);
    let app = harness.state();
    let notice = app.notice().unwrap();
    assert!(
        notice.is_error && notice.text.contains("read-only"),
        "{notice:?}"
    );
    let workspace = app.model.workspace.as_ref().unwrap();
    assert_eq!(
        workspace.session(FIELD, &id).unwrap().status(),
        Some(Status::Pending)
    );
    assert!(!workspace.push_needed);
}

#[test]
fn right_click_delete_asks_then_deletes_or_keeps() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (_, kept) = file_containing(demo.mobile_apps(), FIELD, "supervisor@acme.example");
    right_click(&mut harness, "iPhone 11");
    harness.get_by_label("Delete").click();
    harness.run_ok();
    harness.get_by_label_contains("The session of iPhone 11 (supervisor@acme.example) will be deleted. The device will have to log in again");
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(kept.exists(), "cancel keeps the file");
    assert!(harness.state().model.confirm.is_none());

    let (_, gone) = file_containing(demo.mobile_apps(), FIELD, "tech03@acme.example");
    right_click(&mut harness, "iPhone 15");
    harness.get_by_label("Delete").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Delete")
        .click();
    harness.run_ok();
    assert!(!gone.exists(), "confirming deletes the file");
    assert!(kept.exists());
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "iPhone 15")
            .is_none()
    );
    assert!(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .push_needed
    );
}

#[test]
fn right_click_on_a_row_can_show_the_file_on_disk() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (id, _) = file_containing(demo.mobile_apps(), FIELD, "supervisor@acme.example");
    right_click(&mut harness, "iPhone 11");
    harness.get_by_label("Show on disk…").click();
    harness.run_ok();
    let notice = harness.state().notice().unwrap();
    assert!(notice.text.contains(&id), "{notice:?}");
}

#[test]
fn right_click_on_empty_space_refreshes() {
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    // Polling once an hour: only Refresh can bring the new file in during this test.
    let mut harness = open_window(demo.mobile_apps(), settings.path(), Some(3600.0));
    select_app(&mut harness, FIELD);
    let (id, _) = write_session(demo.mobile_apps(), FIELD, 4242, Status::Pending, true);
    harness.run_ok();
    assert!(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .session(FIELD, &id)
            .is_none()
    );
    let rect = harness
        .get_by_role_and_label(Role::Label, "iPhone 11")
        .rect();
    right_click_at(&mut harness, rect.center() + eframe::egui::vec2(0.0, 300.0));
    // The header's Refresh button and the menu's: the menu item is drawn last.
    let menu_item = harness.get_all_by_label("Refresh").last().unwrap();
    menu_item.click();
    harness.run_ok();
    // The folder is read again in the background; the table shows the result when complete.
    wait_for(&mut harness, "the new file is shown", |app| {
        shows_row(app, &id)
    });
}

/// Opens the demo with a server set up for Push, changes a status, presses Push and waits for
/// the answer. Returns what the test needs to look at (and to keep alive).
fn push_after_a_change(
    answer: u16,
    secret: Option<&str>,
) -> (
    Harness<'static, SessionsApp>,
    TestServer,
    mobile_sessions::store::DemoFolder,
    tempfile::TempDir,
) {
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let server = TestServer::start(answer, 1);
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    let root = harness
        .state()
        .model
        .workspace
        .as_ref()
        .unwrap()
        .root()
        .path()
        .to_owned();
    let target = PushTarget {
        url: server.url.clone(),
        secret: secret.map(str::to_owned),
    };
    harness
        .state_mut()
        .model
        .push_settings
        .folders
        .insert(root, target);
    select_app(&mut harness, FIELD);
    choose_status(&mut harness, "iPhone 12", "accepted");
    harness.get_by_role_and_label(Role::Button, "Push").click();
    harness.run_ok();
    wait_for(&mut harness, "the push is answered", |app| {
        !app.model.pushing
    });
    (harness, server, demo, settings)
}

#[test]
fn push_sends_the_request_and_disables_itself() {
    let (harness, server, _demo, _settings) = push_after_a_change(200, Some("s3cret"));
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].starts_with("POST /4DACTION/mobileSessionsRefresh"),
        "{}",
        seen[0]
    );
    assert!(
        seen[0]
            .to_lowercase()
            .contains("authorization: bearer s3cret"),
        "{}",
        seen[0]
    );
    let app = harness.state();
    assert!(
        !app.model.workspace.as_ref().unwrap().push_needed,
        "Push disables itself"
    );
    assert!(app.notice().unwrap().text.contains("reloaded"));
}

#[test]
fn a_failed_push_shows_the_answer_and_stays_enabled() {
    let (harness, _server, _demo, _settings) = push_after_a_change(500, None);
    let app = harness.state();
    let notice = app.notice().unwrap();
    assert!(notice.is_error && notice.text.contains("500"), "{notice:?}");
    assert!(
        app.model.workspace.as_ref().unwrap().push_needed,
        "Push stays enabled"
    );
    harness.get_by_label_contains("answered 500");
}

#[test]
fn push_without_a_url_opens_the_server_settings() {
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let server = TestServer::start(200, 2);
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    select_app(&mut harness, FIELD);
    choose_status(&mut harness, "iPhone 12", "accepted");
    harness.get_by_role_and_label(Role::Button, "Push").click();
    harness.run_ok();
    assert!(harness.state().settings_dialog.is_some());
    harness.get_by_label("On the 4D server");
    harness.get_by_label("Copy code");
    harness
        .get_by_role_and_label(Role::TextInput, "Server URL")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Server URL")
        .type_text(&server.url);
    harness.run_ok();
    harness.get_by_label("Save and push").click();
    harness.run_ok();
    wait_for(&mut harness, "the push is answered", |app| {
        !app.model.pushing
    });
    assert_eq!(server.seen().len(), 1);
    let saved = fs::read_to_string(settings.path().join("push.json")).unwrap();
    assert!(saved.contains(&server.url), "the URL is saved: {saved}");
    assert!(
        !harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .push_needed
    );
}

#[test]
fn files_that_cannot_be_edited_show_up_without_a_status_choice() {
    let (_demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, BROKEN);
    harness.get_by_label("syntax");
    harness.get_by_label("unreadable");
    if cfg!(unix) {
        harness.get_by_label("unsafe");
    }
    // Only the three files that are still JSON objects have a status drop-down.
    // Besides the app, status-filter and watch drop-downs, only the three files that are still
    // JSON objects have a status drop-down.
    assert_eq!(harness.query_all_by_role(Role::ComboBox).count(), 3 + 3);
    harness.get_by_label_contains("problems").click();
    harness.run_ok();
    assert!(harness.state().model.problems_open);
    harness.get_by_label_contains("token (4D error mobi 4)");
}

#[test]
fn a_session_written_by_another_program_appears_without_a_click() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (team, bundle) = mobile_sessions::store::split_folder_name(FIELD);
    let mut object = mobile_sessions::store::generate::session_object(
        &bundle,
        "Field Service",
        team.as_deref(),
        777,
        Status::Pending,
    );
    object["device"]["description"] = "Brand New iPhone".into();
    let id = mobile_sessions::store::generate::session_id(777);
    let temp = demo.mobile_apps().join(FIELD).join(".incoming.tmp");
    fs::write(&temp, serde_json::to_string(&object).unwrap()).unwrap();
    fs::rename(&temp, demo.mobile_apps().join(FIELD).join(&id)).unwrap();
    wait_for(&mut harness, "the new session is shown", |app| {
        shows_row(app, &id)
    });
    harness.get_by_role_and_label(Role::Label, "Brand New iPhone");
    harness.get_by_label("NEW");
    assert!(
        harness.state().title().contains("1 new waiting"),
        "{}",
        harness.state().title()
    );
    // Accepting it clears the mark.
    choose_status(&mut harness, "Brand New iPhone", "accepted");
    assert!(harness.query_by_label("NEW").is_none());
    assert!(!harness.state().title().contains("new waiting"));
}

#[test]
fn the_delete_dialog_notices_a_session_removed_meanwhile() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (id, path) = file_containing(demo.mobile_apps(), FIELD, "supervisor@acme.example");
    right_click(&mut harness, "iPhone 11");
    harness.get_by_label("Delete").click();
    harness.run_ok();
    fs::remove_file(&path).unwrap();
    wait_for(&mut harness, "the removal is seen", |app| {
        app.model
            .workspace
            .as_ref()
            .unwrap()
            .session(FIELD, &id)
            .is_none()
    });
    harness.get_by_label_contains("was removed on disk meanwhile");
    harness.get_by_label("Close").click();
    harness.run_ok();
    assert!(harness.state().model.confirm.is_none());
}

#[test]
fn polling_can_be_chosen_in_the_window_for_network_shares() {
    let (_demo, _settings, mut harness) = open_demo();
    choose(&mut harness, "Watch:", "every 2 s (network shares)");
    let app = harness.state();
    assert_eq!(app.prefs().memory.poll_seconds, Some(2.0));
    assert_eq!(
        app.model.workspace.as_ref().unwrap().watch_mode(),
        Some(mobile_sessions::store::WatchMode::Poll(
            Duration::from_secs(2)
        ))
    );
}

#[test]
fn typing_a_search_narrows_the_rows_and_escape_clears_it() {
    let (_demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, CONTACT);
    assert_eq!(
        harness.state().model.workspace.as_ref().unwrap().rows.len(),
        7
    );
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::F);
    harness.run_ok();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Search:")
            .is_focused(),
        "Ctrl+F focuses the search"
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Search:")
        .type_text("GARCIA");
    harness.run_ok();
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    assert_eq!(workspace.rows.len(), 1);
    harness.get_by_role_and_label(Role::Label, "iPad Pro (12.9-inch)");
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "iPhone X")
            .is_none()
    );
    harness.get_by_label("1 shown");
    // An IP and a device id are searched too.
    let workspace = harness.state_mut().model.workspace.as_mut().unwrap();
    workspace.set_filter("172.16.4.9", mobile_sessions::model::StatusFilter::All);
    assert_eq!(workspace.rows.len(), 1);
    harness.key_press(eframe::egui::Key::Escape);
    harness.run_ok();
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    assert_eq!(workspace.query, "");
    assert_eq!(workspace.rows.len(), 7);
}

#[test]
fn the_status_filter_shows_counts_and_only_matching_rows() {
    let (_demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, CONTACT);
    harness
        .get_by_role_and_label(Role::ComboBox, "Show:")
        .click();
    harness.run_ok();
    harness.get_by_label("Accepted (5)");
    harness.get_by_label("Problems (0)");
    harness.get_by_label("Pending (2)").click();
    harness.run_ok();
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    assert_eq!(workspace.rows.len(), 2);
    for id in &workspace.rows {
        assert_eq!(
            workspace.session_at(id).unwrap().status(),
            Some(Status::Pending)
        );
    }
    // Accepting one takes it out of the pending view.
    choose_status(&mut harness, "iPhone SE", "accepted");
    assert_eq!(
        harness.state().model.workspace.as_ref().unwrap().rows.len(),
        1
    );
}

/// A folder dropped on the window by the system.
#[derive(Debug)]
struct DroppedFolder(std::path::PathBuf);

impl eframe::egui::DroppedFile for DroppedFolder {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("a folder has no bytes".into())
    }
}

#[test]
fn a_data_folder_dropped_on_the_window_opens() {
    let first = demo();
    let second = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(first.mobile_apps(), settings.path(), None);
    let data_folder = second.dir().to_owned();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedFolder(data_folder)));
    let expected = dunce::canonicalize(second.mobile_apps()).unwrap();
    wait_for(&mut harness, "the dropped folder is open", |app| {
        app.model
            .workspace
            .as_ref()
            .is_some_and(|workspace| workspace.root().path() == expected)
            && !app.is_loading()
    });
    assert!(
        harness
            .state()
            .title()
            .contains(&expected.display().to_string())
    );
}

#[test]
fn the_chosen_app_and_sort_survive_a_restart() {
    let (_demo, settings, mut harness) = open_demo();
    select_app(&mut harness, TASKS);
    harness
        .get_by_role_and_label(Role::Button, "E-mail")
        .click();
    harness.run_ok();
    // What eframe saves when the window closes, handed to the next start.
    let saved = harness.state().prefs();
    assert!(
        saved
            .memory
            .recent
            .iter()
            .any(|folder| folder.ends_with("MobileApps"))
    );
    let start = mobile_sessions::ui::Start {
        folder: None,
        demo: false,
        poll: None,
        settings_dir: Some(settings.path().to_owned()),
    };
    let mut again = Harness::builder()
        .with_size([1000.0, 640.0])
        .build_eframe(move |cc| SessionsApp::new(&cc.egui_ctx, saved, start));
    wait_for(&mut again, "the last folder is read", |app| {
        app.model.workspace.is_some() && !app.is_loading()
    });
    let workspace = again.state().model.workspace.as_ref().unwrap();
    assert_eq!(
        workspace.shown_app(),
        Some(TASKS),
        "the last folder and its app"
    );
    assert_eq!(workspace.sort().key, SortKey::Email);
}

#[test]
fn a_new_folder_opens_on_all_apps() {
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let harness = open_window(demo.mobile_apps(), settings.path(), None);
    // Not whichever app sorts first: every session, with the App column.
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    assert!(workspace.shows_all_apps());
    harness.get_by_role_and_label(Role::Button, "App");
}

#[test]
fn a_broken_file_can_be_deleted_from_the_problems_list() {
    let (demo, _settings, mut harness) = open_demo();
    let (syntax_id, syntax_path) =
        file_containing(demo.mobile_apps(), BROKEN, "syntax@example.com");
    harness.get_by_label_contains("problems").click();
    harness.run_ok();
    // The buttons come in the list's order: find the syntax file's place in it.
    let place = harness
        .state()
        .model
        .workspace
        .as_ref()
        .unwrap()
        .index
        .findings()
        // A link is never offered for deletion, so it has no button.
        .filter(|finding| finding.problem.code != mobile_sessions::store::ProblemCode::Unsafe)
        .filter_map(|finding| finding.id)
        .position(|id| id == syntax_id)
        .unwrap();
    // A user scrolls the list to it first.
    harness
        .get_all_by_label("Delete…")
        .nth(place)
        .unwrap()
        .scroll_to_me();
    harness.run_ok();
    harness
        .get_all_by_label("Delete…")
        .nth(place)
        .unwrap()
        .click();
    harness.run_ok();
    harness.get_by_label_contains(&format!("The session of file {syntax_id}"));
    harness
        .get_by_role_and_label(Role::Button, "Delete")
        .click();
    harness.run_ok();
    assert!(!syntax_path.exists(), "the broken file is gone");
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    assert!(workspace.session(BROKEN, &syntax_id).is_none());
}

#[test]
fn undo_puts_a_deleted_session_back_byte_for_byte() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (id, path) = file_containing(demo.mobile_apps(), FIELD, "supervisor@acme.example");
    let before = fs::read(&path).unwrap();
    right_click(&mut harness, "iPhone 11");
    harness.get_by_label("Delete").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Delete")
        .click();
    harness.run_ok();
    assert!(!path.exists());
    harness.get_by_role_and_label(Role::Button, "Undo").click();
    harness.run_ok();
    assert_eq!(fs::read(&path).unwrap(), before, "the same bytes are back");
    assert!(shows_row(harness.state(), &id), "the row is back");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Undo")
            .is_none(),
        "nothing left to undo"
    );
}

#[test]
fn ctrl_z_sets_a_changed_status_back() {
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (_, path) = file_containing(demo.mobile_apps(), FIELD, "tech01@acme.example");
    let before = fs::read(&path).unwrap();
    choose_status(&mut harness, "iPhone 12", "accepted");
    assert_ne!(fs::read(&path).unwrap(), before);
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run_ok();
    assert_eq!(fs::read(&path).unwrap(), before, "the file is as it was");
    assert!(notice(&harness).starts_with("Undone"));
}

#[test]
fn export_writes_the_shown_rows_as_csv_with_proper_quoting() {
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let (_, path) = file_containing(demo.mobile_apps(), CONTACT, "tom.baker@example.com");
    let text = fs::read_to_string(&path).unwrap().replace(
        "tom.baker@example.com",
        r#"Baker, \"Tom\" <tom@example.com>"#,
    );
    fs::write(&path, text).unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    select_app(&mut harness, CONTACT);
    harness.get_by_role_and_label(Role::Button, "Export…");
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("sessions.csv");
    harness
        .state_mut()
        .apply(mobile_sessions::model::Command::ExportTo(file.clone()));
    harness.run_ok();
    let csv = fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|line| !line.is_empty()).collect();
    assert_eq!(
        lines[0],
        "app,device,status,os,os_version,email,device_id,session_id,ip,app_version,simulator,problems"
    );
    assert_eq!(lines.len(), 1 + 7, "a header and the seven shown rows");
    assert!(
        csv.contains(r#","Baker, ""Tom"" <tom@example.com>","#),
        "the comma and quotes are quoted: {csv}"
    );
    assert!(notice(&harness).contains("Exported 7 sessions"));
}

#[test]
fn clicking_a_row_opens_its_details_with_the_token_checked() {
    let (_demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, BROKEN);
    harness
        .get_by_role_and_label(Role::Label, "Pixel 6")
        .click();
    harness.run_ok();
    let details = harness
        .state()
        .model
        .details
        .clone()
        .expect("the details panel is open");
    assert!(details.raw.as_ref().unwrap().contains("token@example.com"));
    harness.get_by_label("Details");
    harness.get_by_label("Does not match the file (see Problems).");
    harness.get_by_label("token (4D error mobi 4)");
    harness.get_by_role_and_label(Role::Label, "Broken Sample");
    select_app(&mut harness, FIELD);
    harness
        .get_by_role_and_label(Role::Label, "iPhone 11")
        .click();
    harness.run_ok();
    harness.get_by_label("Matches the file.");
    // The Field Service app sets parameters of its own.
    harness
        .get_by_role_and_label(Role::Label, "iPhone 12")
        .click();
    harness.run_ok();
    harness.get_by_label("Custom parameters");
    harness.get_by_label("north");
    harness.get_by_label("1042");
    harness
        .get_by_role_and_label(Role::Label, "iPhone 11")
        .click();
    harness.run_ok();
    harness.get_by_label("None: 4D will keep this session when it reloads the files.");
    harness.get_by_label("Close").click();
    harness.run_ok();
    assert!(harness.state().model.details.is_none());
}

#[test]
fn the_keyboard_moves_the_selection_toggles_status_and_asks_to_delete() {
    use eframe::egui::Key;
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    // Rows by device: iPad (10th generation), iPhone 11, iPhone 12, iPhone 15.
    let rows = harness
        .state()
        .model
        .workspace
        .as_ref()
        .unwrap()
        .rows
        .clone();
    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    assert_eq!(
        harness.state().model.selection.selected.as_ref(),
        Some(&rows[0])
    );
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    assert_eq!(
        harness.state().model.selection.selected.as_ref(),
        Some(&rows[2]),
        "iPhone 12"
    );
    let (_, path) = file_containing(demo.mobile_apps(), FIELD, "tech01@acme.example");
    harness.key_press(Key::Space);
    harness.run_ok();
    assert!(
        fs::read_to_string(&path).unwrap().contains("\"accepted\""),
        "Space accepts it"
    );
    harness.key_press(Key::Space);
    harness.run_ok();
    assert!(
        fs::read_to_string(&path).unwrap().contains("\"pending\""),
        "Space again holds it"
    );
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .model
            .details
            .as_ref()
            .map(|details| details.id.as_str()),
        Some(&*rows[2].id)
    );
    harness.key_press(Key::ArrowUp);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .model
            .details
            .as_ref()
            .map(|details| details.id.as_str()),
        Some(&*rows[1].id),
        "details follow"
    );
    harness.key_press(Key::Delete);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .model
            .confirm
            .as_ref()
            .and_then(|confirm| confirm.session())
            .map(|session| &*session.id),
        Some(&*rows[1].id)
    );
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(
        harness.state().model.confirm.is_none(),
        "Esc cancels the dialog"
    );
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(
        harness.state().model.selection.selected.is_none()
            && harness.state().model.details.is_none()
    );
}

#[test]
fn optional_columns_are_chosen_from_the_header_menu_and_remembered() {
    let (_demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    for column in ["IP", "Last change"] {
        let header = harness
            .get_by_role_and_label(Role::Button, "Device")
            .rect()
            .center();
        right_click_at(&mut harness, header);
        harness.get_by_label(column).click();
        harness.run_ok();
    }
    harness.get_by_role_and_label(Role::Label, "::ffff:10.8.0.8");
    assert!(
        harness.get_all_by_label("just now").count() >= 4,
        "each row's last change"
    );
    let shown = &harness.state().prefs().memory.extra_columns;
    assert!(shown.contains(&mobile_sessions::ui::ExtraColumn::Ip));
    assert!(shown.contains(&mobile_sessions::ui::ExtraColumn::LastChange));
    assert_eq!(shown.len(), 2);
}

fn modifier_click(
    harness: &mut Harness<'static, SessionsApp>,
    device: &str,
    modifiers: eframe::egui::Modifiers,
) {
    harness
        .get_by_role_and_label(Role::Label, device)
        .click_modifiers(modifiers);
    harness.run_ok();
}

#[test]
fn bulk_accept_writes_every_selected_file_and_only_those() {
    use eframe::egui::Modifiers;
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let files: Vec<(String, std::path::PathBuf, Vec<u8>)> =
        ["tech02@", "tech01@", "supervisor@", "tech03@"]
            .iter()
            .map(|needle| {
                let (id, path) = file_containing(demo.mobile_apps(), FIELD, needle);
                let bytes = fs::read(&path).unwrap();
                (id, path, bytes)
            })
            .collect();
    harness
        .get_by_role_and_label(Role::Label, "iPad (10th generation)")
        .click();
    harness.run_ok();
    modifier_click(&mut harness, "iPhone 12", Modifiers::COMMAND);
    harness.get_by_label("2 selected:");
    let shown = harness
        .state()
        .model
        .details
        .as_ref()
        .map(|details| details.id.clone());
    assert_eq!(
        shown,
        Some(files[1].0.clone()),
        "the details show the row clicked last"
    );
    harness
        .get_by_role_and_label(Role::Button, "Accept")
        .click();
    harness.run_ok();
    for (at, (_, path, before)) in files.iter().enumerate() {
        let now = fs::read(path).unwrap();
        if at < 2 {
            let expected = String::from_utf8(before.clone())
                .unwrap()
                .replace("\"pending\"", "\"accepted\"");
            assert_eq!(
                String::from_utf8(now).unwrap(),
                expected,
                "selected file {at} accepted"
            );
        } else {
            assert_eq!(&now, before, "unselected file {at} untouched");
        }
    }
    assert!(notice(&harness).starts_with("Set 2 sessions to accepted"));
}

#[test]
fn a_read_only_file_in_a_bulk_action_is_named_and_the_others_proceed() {
    use eframe::egui::{Key, Modifiers};
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (_, locked) = file_containing(demo.mobile_apps(), FIELD, "supervisor@");
    let (_, other) = file_containing(demo.mobile_apps(), FIELD, "tech03@");
    let mut permissions = fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&locked, permissions).unwrap();
    let locked_before = fs::read(&locked).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_ok();
    harness.get_by_label("4 selected:");
    harness
        .get_by_role_and_label(Role::Button, "Set pending")
        .click();
    harness.run_ok();
    assert_eq!(
        fs::read(&locked).unwrap(),
        locked_before,
        "the read-only file is left as it is"
    );
    assert!(
        fs::read_to_string(&other).unwrap().contains("\"pending\""),
        "the others proceed"
    );
    let notice = harness.state().notice().unwrap();
    assert!(notice.is_error, "{notice:?}");
    assert!(
        notice.text.contains("iPhone 11") && notice.text.contains("read-only"),
        "{}",
        notice.text
    );
    assert!(
        notice.text.starts_with("Set 1 session to pending"),
        "{}",
        notice.text
    );
}

#[test]
fn bulk_delete_asks_once_and_undo_brings_all_back() {
    use eframe::egui::Modifiers;
    let (demo, _settings, mut harness) = open_demo();
    select_app(&mut harness, FIELD);
    let (_, first) = file_containing(demo.mobile_apps(), FIELD, "supervisor@");
    let (_, second) = file_containing(demo.mobile_apps(), FIELD, "tech01@");
    let before = (fs::read(&first).unwrap(), fs::read(&second).unwrap());
    harness
        .get_by_role_and_label(Role::Label, "iPhone 11")
        .click();
    harness.run_ok();
    modifier_click(&mut harness, "iPhone 12", Modifiers::SHIFT);
    harness
        .get_by_role_and_label(Role::Button, "Delete…")
        .click();
    harness.run_ok();
    harness.get_by_label("Delete 2 sessions?");
    harness.get_by_label("• iPhone 11 (supervisor@acme.example)");
    harness.get_by_label("Delete 2").click();
    harness.run_ok();
    assert!(!first.exists() && !second.exists());
    harness.get_by_role_and_label(Role::Button, "Undo").click();
    harness.run_ok();
    assert_eq!(
        (fs::read(&first).unwrap(), fs::read(&second).unwrap()),
        before
    );
}

#[test]
fn all_apps_shows_every_session_with_an_app_column_and_clears_every_queue_at_once() {
    use eframe::egui::{Key, Modifiers};
    let (_demo, _settings, mut harness) = open_demo();
    choose(&mut harness, "Apps:", "All apps");
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    assert!(workspace.shows_all_apps());
    let every_file: usize = workspace
        .index
        .apps
        .values()
        .map(|app| app.sessions.len())
        .sum();
    assert_eq!(
        workspace.rows.len(),
        every_file,
        "every app's files are rows"
    );
    let apps_shown: std::collections::BTreeSet<&str> =
        workspace.rows.iter().map(|row| &*row.app).collect();
    assert!(
        apps_shown.len() >= 3,
        "rows of several apps: {apps_shown:?}"
    );

    // The App column sorts by app name.
    harness.get_by_role_and_label(Role::Button, "App").click();
    harness.run_ok();
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    let names: Vec<String> = workspace
        .rows
        .iter()
        .filter(|row| workspace.session_at(row).unwrap().info.is_some())
        .map(|row| workspace.app_name(&row.app).to_lowercase())
        .collect();
    assert!(names.is_sorted(), "sorted by app name: {names:?}");

    // Pending only, everything selected, accepted: every pending file of every app is written.
    let pending: Vec<std::path::PathBuf> = workspace
        .index
        .apps
        .values()
        .flat_map(|app| app.sessions.values().map(move |session| (app, session)))
        .filter(|(_, session)| session.status() == Some(Status::Pending))
        .map(|(app, session)| workspace.session_path(&app.folder, &session.id))
        .collect();
    assert!(
        pending.len() >= 4,
        "the demo has pending devices in several apps"
    );
    choose(&mut harness, "Show:", "Pending (");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Accept")
        .click();
    harness.run_ok();
    for path in &pending {
        let text = fs::read_to_string(path).unwrap();
        assert!(
            text.contains("\"accepted\"") && !text.contains("\"pending\""),
            "{} accepted",
            path.display()
        );
    }
    assert_eq!(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .counts
            .pending,
        0
    );
    assert_eq!(
        harness.state().model.workspace.as_ref().unwrap().rows.len(),
        0
    );
}

/// Every label the window shows right now, as screen readers read them.
fn visible_labels(harness: &Harness<'static, SessionsApp>) -> Vec<String> {
    harness
        .query_all(egui_kittest::kittest::By::new().predicate(|node| node.label().is_some()))
        .filter_map(|node| node.accesskit_node().label())
        .collect()
}

#[test]
fn the_language_menu_switches_every_text_and_is_remembered() {
    use mobile_sessions::ui::Language;
    use mobile_sessions::ui::i18n::Msg;
    let (_demo, _settings, mut harness) = open_demo();
    harness.get_by_role_and_label(Role::Button, "Refresh");
    harness.get_by_role_and_label(Role::Button, "Device");

    for (language, refresh, device, status, show) in [
        (
            Language::French,
            "Actualiser",
            "Appareil",
            "Statut",
            "Afficher :",
        ),
        (
            Language::Spanish,
            "Actualizar",
            "Dispositivo",
            "Estado",
            "Mostrar:",
        ),
    ] {
        let menu = Language::ALL
            .iter()
            .find(|known| {
                harness
                    .query_by_label(known.text(Msg::LanguageMenu))
                    .is_some()
            })
            .map(|known| known.text(Msg::LanguageMenu))
            .expect("the language menu is in the header");
        harness.get_by_label(menu).click();
        harness.run_ok();
        harness.get_by_label(language.name()).click();
        harness.run_ok();
        assert_eq!(
            harness.state().prefs().language,
            Some(language),
            "remembered"
        );
        harness.get_by_role_and_label(Role::Button, refresh);
        harness.get_by_role_and_label(Role::Button, device);
        harness.get_by_role_and_label(Role::Button, status);
        harness.get_by_role_and_label(Role::ComboBox, show);
        // Nothing on screen is still in English.
        let labels = visible_labels(&harness);
        assert!(labels.iter().any(|label| label == refresh), "{labels:?}");
        for &msg in Msg::ALL {
            let english = Language::English.text(msg);
            if english != language.text(msg) && !english.contains('{') {
                assert!(
                    !labels.iter().any(|label| label == english),
                    "{english:?} is still shown in English in {language:?}"
                );
            }
        }
    }
}

#[test]
fn a_queue_of_200_pending_devices_is_cleared_with_two_keys() {
    use eframe::egui::{Key, Modifiers};
    use mobile_sessions::store::generate;
    let dir = tempfile::tempdir().unwrap();
    // 1,000 sessions in two apps, every fifth one pending: 200 waiting.
    let root = generate::generate_tree(dir.path(), 1000, 2).unwrap();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(&root, settings.path(), None);
    choose(&mut harness, "Apps:", "All apps");
    choose(&mut harness, "Show:", "Pending (200)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_ok();
    let started = std::time::Instant::now();
    harness.key_press(Key::Space);
    harness.run_ok();
    println!("200 sessions accepted in {:?}", started.elapsed());
    let mut accepted = 0;
    for app in fs::read_dir(&root).unwrap() {
        let app = app.unwrap().path();
        if !app.is_dir() {
            continue;
        }
        for file in fs::read_dir(app).unwrap() {
            let text = fs::read_to_string(file.unwrap().path()).unwrap();
            assert!(!text.contains("\"pending\""), "nothing is left pending");
            accepted += usize::from(text.contains("\"accepted\""));
        }
    }
    assert_eq!(accepted, 1000);
    assert!(notice(&harness).starts_with("Set 200 sessions to accepted"));
    // One Ctrl+Z puts the whole queue back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .counts
            .pending,
        200
    );
}
