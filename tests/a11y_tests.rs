//! What a screen reader gets from the window (issue 19), read from egui's AccessKit tree with
//! egui_kittest on real demo folders: named drop-downs with their values, the session table
//! as a table, no unnamed focus stop, a live status line, a named window, and the keyboard.
//! `scripts/a11y-check.sh` checks the same through a real AT-SPI client on Linux.

mod common;

use std::fs;

use common::*;
use eframe::egui::{self, accesskit::Action, accesskit::Live, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mobile_sessions::model::Command;
use mobile_sessions::ui::SessionsApp;

type Window = Harness<'static, SessionsApp>;

/// The name a screen reader reads for a node (a label's name is its text).
fn name_of(node: &egui_kittest::Node<'_>) -> String {
    let node = node.accesskit_node();
    node.label()
        .filter(|label| !label.is_empty())
        .or_else(|| node.value())
        .unwrap_or_default()
}

/// The node that has the keyboard focus, by its role and name.
fn focused(harness: &Window) -> Option<(Role, String)> {
    harness
        .root()
        .children_recursive()
        .find(|node| node.is_focused())
        .map(|node| (node.accesskit_node().role(), name_of(&node)))
}

#[test]
fn status_drop_downs_say_whose_status_and_its_value_and_close_after_a_choice() {
    let (demo, _settings, mut harness) = open_demo();
    let combo = harness.get_by_role_and_label(Role::ComboBox, "Status of Galaxy S23");
    assert_eq!(combo.accesskit_node().value().as_deref(), Some("pending"));
    assert_eq!(combo.accesskit_node().data().is_expanded(), Some(false));
    combo.click();
    harness.run_ok();
    let combo = harness.get_by_role_and_label(Role::ComboBox, "Status of Galaxy S23");
    assert_eq!(combo.accesskit_node().data().is_expanded(), Some(true));
    // The open list is named after its drop-down, so a screen reader says whose status it is.
    harness.get_by_role_and_label(Role::ListBox, "Status of Galaxy S23");
    let current = harness.get_by_role_and_label(Role::ListBoxOption, "pending");
    assert_eq!(current.accesskit_node().is_selected(), Some(true));
    // Chosen through the accessibility action, as a screen reader does: the list closes.
    harness
        .get_by_role_and_label(Role::ListBoxOption, "accepted")
        .click_accesskit();
    harness.run_ok();
    assert!(
        harness
            .query_by_role_and_label(Role::ListBoxOption, "accepted")
            .is_none(),
        "the list closed"
    );
    let combo = harness.get_by_role_and_label(Role::ComboBox, "Status of Galaxy S23");
    assert_eq!(combo.accesskit_node().value().as_deref(), Some("accepted"));
    assert_eq!(combo.accesskit_node().data().is_expanded(), Some(false));
    let written = demo
        .mobile_apps()
        .join(TASKS)
        .read_dir()
        .unwrap()
        .map(|entry| fs::read_to_string(entry.unwrap().path()).unwrap())
        .find(|text| text.contains("Galaxy S23"))
        .unwrap();
    assert!(written.contains("\"accepted\""), "{written}");
}

#[test]
fn the_header_and_status_line_drop_downs_say_their_values() {
    let (_demo, _settings, harness) = open_demo();
    for (name, value) in [
        ("Apps:", "All apps"),
        ("Show:", "All ("),
        ("Watch:", "live"),
    ] {
        let combo = harness.get_by_role_and_label(Role::ComboBox, name);
        let shown = combo.accesskit_node().value().unwrap_or_default();
        assert!(shown.starts_with(value), "{name} says {shown:?}");
        assert_eq!(
            combo.accesskit_node().description().as_deref(),
            Some(shown.as_str()),
            "{name}: the value, for AT-SPI"
        );
        assert_eq!(combo.accesskit_node().data().is_expanded(), Some(false));
    }
}

#[test]
fn the_sessions_are_a_table_with_rows_cells_headers_and_selection() {
    let (_demo, _settings, mut harness) = open_demo();
    let rows = harness.state().model.workspace.as_ref().unwrap().rows.len();
    let table = harness.get_by_role_and_label(Role::Table, "Sessions");
    assert_eq!(table.accesskit_node().data().row_count(), Some(rows + 1));
    assert_eq!(table.accesskit_node().data().column_count(), Some(5));
    let headers: Vec<String> = table
        .get_all_by_role(Role::ColumnHeader)
        .map(|node| name_of(&node))
        .collect();
    assert_eq!(headers, ["App", "Device", "Status", "OS", "E-mail"]);
    let row = table
        .get_all_by_role(Role::Row)
        .find(|row| name_of(row).starts_with("Galaxy S23, pending, android 13"))
        .expect("a row named by its device, status and OS");
    let index = row.accesskit_node().data().row_index().unwrap();
    assert!(index >= 1, "the header is row 0");
    assert_eq!(row.accesskit_node().is_selected(), Some(false));
    let cells: Vec<_> = row.children().collect();
    assert_eq!(cells.len(), 5);
    for (at, cell) in cells.iter().enumerate() {
        assert_eq!(cell.accesskit_node().role(), Role::Cell);
        assert_eq!(cell.accesskit_node().data().column_index(), Some(at));
    }
    assert!(row.accesskit_node().data().supports_action(Action::Click));
    // Selecting the row from a screen reader (a click on the row's node).
    row.click_accesskit();
    harness.run_ok();
    harness.run_ok();
    let row = harness
        .get_all_by_role(Role::Row)
        .find(|row| name_of(row).starts_with("Galaxy S23, pending"))
        .unwrap();
    assert_eq!(row.accesskit_node().is_selected(), Some(true));
    assert!(harness.state().model.selection.selected.is_some());
}

#[test]
fn no_focusable_node_is_without_a_name() {
    let (_demo, _settings, harness) = open_demo();
    let unnamed: Vec<String> = harness
        .root()
        .children_recursive()
        .filter(|node| node.accesskit_node().data().supports_action(Action::Focus))
        .filter(|node| name_of(node).trim().is_empty())
        .map(|node| format!("{:?}", node.accesskit_node().role()))
        .collect();
    assert!(unnamed.is_empty(), "focusable without a name: {unnamed:?}");
    harness.get_by_role_and_label(Role::Splitter, "Resize the device column");
}

#[test]
fn the_status_line_is_a_polite_live_region_and_its_counts_keep_their_nodes() {
    let (_demo, _settings, mut harness) = open_demo();
    choose_galaxy(&mut harness, "accepted");
    let text = harness.state().notice().unwrap().text;
    assert!(
        text.contains("Galaxy S23"),
        "the message names the device: {text}"
    );
    let message = harness.get_by_role_and_label(Role::Label, &text);
    assert_eq!(message.accesskit_node().data().live(), Some(Live::Polite));
    let count = harness.get_by_label("21 sessions").accesskit_node().id();
    let pending = harness.get_by_label("7 pending").accesskit_node().id();
    harness.state_mut().apply(Command::DismissNotice);
    harness.run_ok();
    assert!(harness.state().notice().is_none());
    assert_eq!(
        harness.get_by_label("21 sessions").accesskit_node().id(),
        count
    );
    assert_eq!(
        harness.get_by_label("7 pending").accesskit_node().id(),
        pending
    );
}

/// Chooses a status for Galaxy S23 with the pointer.
fn choose_galaxy(harness: &mut Window, status: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, "Status of Galaxy S23")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::ListBoxOption, status)
        .click();
    harness.run_ok();
}

#[test]
fn the_window_is_named_by_its_title() {
    let (_demo, _settings, harness) = open_demo();
    let title = harness.state().title();
    assert!(title.starts_with("Mobile Sessions"), "{title}");
    assert_eq!(
        harness.root().accesskit_node().label().as_deref(),
        Some(&*title)
    );
}

#[test]
fn tab_reaches_the_header_then_the_table_and_the_arrows_move_the_selection() {
    let (_demo, _settings, mut harness) = open_demo();
    let mut stops = Vec::new();
    for _ in 0..60 {
        harness.key_press(egui::Key::Tab);
        harness.run_ok();
        let Some(stop) = focused(&harness) else {
            continue;
        };
        assert!(!stop.1.trim().is_empty(), "an unnamed focus stop: {stop:?}");
        assert_ne!(stop.0, Role::Splitter, "Tab stopped on a resize handle");
        if stops.contains(&stop) {
            break;
        }
        stops.push(stop);
    }
    let names: Vec<&str> = stops.iter().map(|(_, name)| name.as_str()).collect();
    let at = |name: &str| {
        names
            .iter()
            .position(|stop| stop.starts_with(name))
            .unwrap_or_else(|| panic!("Tab never reaches {name}: {names:?}"))
    };
    // The header first, in reading order, then the table.
    assert!(at("Apps:") < at("Refresh"));
    assert!(at("Refresh") < at("Open folder"));
    assert!(at("Open folder") < at("Server settings"));
    assert!(at("Server settings") < at("Search:"));
    assert!(at("Search:") < at("Show:"));
    assert!(at("Show:") < at("Device"));
    let row = stops
        .iter()
        .position(|(role, _)| *role == Role::Row)
        .unwrap_or_else(|| panic!("Tab never reaches the table's row: {names:?}"));
    assert!(at("Device") < row);
    at("Status of ");
    at("Watch:");
    // On the row, Down selects and the focus follows the selection.
    while focused(&harness).map(|(role, _)| role) != Some(Role::Row) {
        harness.key_press(egui::Key::Tab);
        harness.run_ok();
    }
    harness.key_press(egui::Key::ArrowDown);
    harness.run_ok();
    harness.key_press(egui::Key::ArrowDown);
    harness.run_ok();
    harness.run_ok();
    let selected = harness.state().model.selection.selected.clone();
    assert!(selected.is_some(), "Down selected a row");
    let (role, name) = focused(&harness).expect("the focus stayed in the table");
    assert_eq!(role, Role::Row);
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    let device = workspace
        .session_at(selected.as_ref().unwrap())
        .and_then(|session| session.info.as_ref())
        .map(|info| info.device.to_string())
        .unwrap();
    assert!(name.starts_with(&device), "the focused row reads {name:?}");
}

#[test]
fn space_on_a_focused_button_presses_it_and_leaves_the_statuses_alone() {
    let (_demo, _settings, mut harness) = open_demo();
    harness
        .get_by_role_and_label(Role::Label, "Galaxy S23")
        .click();
    harness.run_ok();
    let before = fs_statuses(&harness);
    harness
        .get_by_role_and_label(Role::Button, "Refresh")
        .focus();
    harness.run_ok();
    harness.key_press(egui::Key::Space);
    harness.run_ok();
    assert_eq!(fs_statuses(&harness), before, "Space pressed Refresh only");
    assert!(harness.state().is_loading() || harness.state().notice().is_some());
}

/// Every session's status as the window knows it.
fn fs_statuses(harness: &Window) -> Vec<Option<String>> {
    let workspace = harness.state().model.workspace.as_ref().unwrap();
    workspace
        .rows
        .iter()
        .filter_map(|key| workspace.session_at(key))
        .map(|session| {
            session
                .info
                .as_ref()
                .and_then(|info| info.status_text.as_ref().map(|text| text.to_string()))
        })
        .collect()
}

#[test]
fn server_settings_and_the_problems_list_take_the_focus_when_they_open() {
    let (_demo, _settings, mut harness) = open_demo();
    harness
        .get_by_role_and_label(Role::Button, "Server settings…")
        .click();
    harness.run_ok();
    let (role, name) = focused(&harness).expect("the dialog has the focus");
    assert_eq!((role, name.as_str()), (Role::TextInput, "Server URL"));
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    harness.get_by_label_contains("6 problems").click();
    harness.run_ok();
    harness.run_ok();
    let (role, name) = focused(&harness).expect("the list has the focus");
    assert_eq!((role, name.as_str()), (Role::Button, "Show on disk…"));
}
