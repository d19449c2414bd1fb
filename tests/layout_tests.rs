//! The window's layout, measured: at the smallest window it allows and at the sizes
//! administrators use, in every language, the header and status line keep every control on
//! screen without overlap, a long message keeps its Dismiss button, the table scrolls sideways
//! to its last column, and the rows stay put when the bulk bar appears. Each check compares the
//! rectangles the window reports to screen readers (AccessKit), so it sees what a user sees.

mod common;

use common::*;
use eframe::egui::{self, Rect, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mobile_sessions::model::{Command, Notice, StatusFilter};
use mobile_sessions::store::{DemoFolder, Status};
use mobile_sessions::ui::i18n::Msg;
use mobile_sessions::ui::{Language, MIN_WINDOW_SIZE, Preferences, SessionsApp, Start};

/// The window sizes the issue names, smallest first (the smallest is the window's minimum).
const SIZES: [[f32; 2]; 4] = [
    MIN_WINDOW_SIZE,
    [800.0, 500.0],
    [960.0, 620.0],
    [1400.0, 900.0],
];

/// The languages the window speaks.
const LANGUAGES: [Language; 3] = [Language::English, Language::Spanish, Language::French];

/// The roles of the things a user reads or clicks in a panel (a label's text runs and a
/// field's hint are parts of these, not controls of their own).
const CONTROLS: [Role; 6] = [
    Role::Button,
    Role::ComboBox,
    Role::TextInput,
    Role::Label,
    Role::Link,
    Role::CheckBox,
];

/// The tallest a one-line control is (a button or drop-down is 20 points, a label 15 to 20):
/// anything taller has broken its text over two lines.
const ONE_LINE: f32 = 26.0;

/// Opens the real window on a fresh demo copy at `size`, speaking `language`, read in full.
fn open_demo_at(
    size: [f32; 2],
    language: Language,
) -> (DemoFolder, tempfile::TempDir, Harness<'static, SessionsApp>) {
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let harness = open_at(demo.mobile_apps(), settings.path(), size, language);
    (demo, settings, harness)
}

/// Opens the real window on `folder` at `size`, speaking `language`, read in full.
fn open_at(
    folder: &std::path::Path,
    settings: &std::path::Path,
    size: [f32; 2],
    language: Language,
) -> Harness<'static, SessionsApp> {
    let start = Start {
        folder: Some(folder.to_owned()),
        demo: false,
        poll: None,
        settings_dir: Some(settings.to_owned()),
    };
    let prefs = Preferences {
        language: Some(language),
        ..Default::default()
    };
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| SessionsApp::new(&cc.egui_ctx, prefs, start));
    wait_for(&mut harness, "the folder is read", |app| {
        app.model.workspace.is_some() && !app.is_loading()
    });
    harness
}

/// Changes one session's status, so the header shows everything it can: Undo, and an
/// enabled Push.
fn make_a_change(harness: &mut Harness<'static, SessionsApp>) {
    let (app, id) = {
        let workspace = harness.state().model.workspace.as_ref().unwrap();
        let key = workspace
            .rows
            .iter()
            .find(|key| {
                workspace
                    .session_at(key)
                    .and_then(|session| session.info.as_ref())
                    .is_some_and(|info| info.status() == Some(Status::Pending))
            })
            .expect("the demo has a pending session");
        (key.app.to_string(), key.id.to_string())
    };
    harness.state_mut().apply(Command::SetStatus {
        app,
        id,
        status: Status::Accepted,
    });
    harness.run_ok();
    assert!(
        harness.state().model.history.last().is_some(),
        "undo offered"
    );
}

/// A node's rectangle in window points, when it has one.
fn rect_of<'tree>(node: &impl NodeT<'tree>) -> Option<Rect> {
    let bounds = node.accesskit_node().bounding_box()?;
    let rect = Rect::from_min_max(
        egui::pos2(bounds.x0 as f32, bounds.y0 as f32),
        egui::pos2(bounds.x1 as f32, bounds.y1 as f32),
    );
    (rect.is_finite() && rect.area() > 0.0).then_some(rect)
}

/// Every control (label, button, drop-down, field, link) in the panel that holds `marker`,
/// with its name and rectangle.
fn controls_of_panel(
    harness: &Harness<'static, SessionsApp>,
    marker_role: Role,
    marker: &str,
) -> Vec<(String, Rect)> {
    let pane = harness
        .get_all_by_role(Role::Pane)
        .find(|pane| pane.query_by_role_and_label(marker_role, marker).is_some())
        .unwrap_or_else(|| panic!("a panel holds {marker:?}"));
    pane.children_recursive()
        .filter(|node| CONTROLS.contains(&node.accesskit_node().role()))
        .filter_map(|node| {
            let rect = rect_of(&node)?;
            let ak = node.accesskit_node();
            let name = ak
                .label()
                .or_else(|| ak.value())
                .or_else(|| {
                    // A plain label's words are in its text run.
                    node.children()
                        .find_map(|child| child.accesskit_node().value())
                })
                .unwrap_or_default();
            Some((format!("{:?} {name:?}", ak.role()), rect))
        })
        .collect()
}

/// Asserts that every control lies inside the window, none overlaps another, and none has
/// broken its text over two lines.
fn assert_laid_out(controls: &[(String, Rect)], size: [f32; 2], what: &str) {
    assert!(controls.len() >= 3, "{what}: controls found: {controls:?}");
    let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]));
    for (name, rect) in controls {
        assert!(
            window.expand(0.5).contains_rect(*rect),
            "{what}: {name} at {rect:?} is not inside the {size:?} window"
        );
        assert!(
            rect.height() <= ONE_LINE,
            "{what}: {name} at {rect:?} is broken over two lines"
        );
    }
    for (at, (name, rect)) in controls.iter().enumerate() {
        for (other, other_rect) in &controls[at + 1..] {
            let overlap = rect.intersect(*other_rect);
            assert!(
                overlap.width() <= 0.5 || overlap.height() <= 0.5,
                "{what}: {name} at {rect:?} overlaps {other} at {other_rect:?}"
            );
        }
    }
}

#[test]
fn header_controls_never_overlap_and_stay_inside_the_window() {
    for size in SIZES {
        for language in LANGUAGES {
            let (_demo, _settings, mut harness) = open_demo_at(size, language);
            // Everything the header can show at once: Undo, an enabled Push, a search with
            // its count of shown sessions, and the longest app name chosen.
            make_a_change(&mut harness);
            harness.state_mut().apply(Command::Filter {
                query: "example".to_owned(),
                status: StatusFilter::All,
            });
            harness
                .state_mut()
                .apply(Command::SelectApp(mobile_sessions::model::Shown::App(
                    CONTACT.to_owned(),
                )));
            harness.run_ok();
            let apps = language.text(Msg::AppsLabel);
            let controls = controls_of_panel(&harness, Role::ComboBox, apps);
            let what = format!("header at {size:?} in {language:?}");
            for msg in [Msg::Refresh, Msg::Push, Msg::Undo, Msg::LanguageMenu] {
                let label = language.text(msg);
                assert!(
                    controls.iter().any(|(name, _)| name.contains(label)),
                    "{what}: {label:?} is in the header: {controls:?}"
                );
            }
            assert_laid_out(&controls, size, &what);
        }
    }
}

#[test]
fn the_status_line_fits_the_window_in_every_language() {
    for size in SIZES {
        for language in LANGUAGES {
            let (_demo, _settings, mut harness) = open_demo_at(size, language);
            let watch = language.text(Msg::WatchLabel);
            let controls = controls_of_panel(&harness, Role::ComboBox, watch);
            assert_laid_out(
                &controls,
                size,
                &format!("status line at {size:?} in {language:?}"),
            );
            // The same with a message that names a long path, as a failed write does.
            let long = format!("/{}/session.json", "Very Long Folder Name/".repeat(20));
            harness.state_mut().model.notice = Some(Notice::DemoFailed(long));
            harness.run_ok();
            let controls = controls_of_panel(&harness, Role::ComboBox, watch);
            assert_laid_out(
                &controls,
                size,
                &format!("status line with a long message at {size:?} in {language:?}"),
            );
        }
    }
}

#[test]
fn a_deep_folder_keeps_the_status_line_inside_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let settings = tempfile::tempdir().unwrap();
    let mut root = dir.path().to_owned();
    for _ in 0..6 {
        root.push("Shared Servers of the Regional Office");
    }
    root.push("MobileApps");
    write_session(&root, TASKS, 1, Status::Pending, true);
    write_session(&root, TASKS, 2, Status::Accepted, false);
    for language in LANGUAGES {
        let harness = open_at(&root, settings.path(), MIN_WINDOW_SIZE, language);
        let watch = language.text(Msg::WatchLabel);
        let controls = controls_of_panel(&harness, Role::ComboBox, watch);
        assert_laid_out(
            &controls,
            MIN_WINDOW_SIZE,
            &format!("status line of a deep folder in {language:?}"),
        );
    }
}

#[test]
fn a_long_message_keeps_its_dismiss_button_on_screen() {
    for size in [SIZES[0], SIZES[3]] {
        for language in LANGUAGES {
            for long in [
                "x".repeat(500),
                "the folder could not be written to because ".repeat(12),
            ] {
                let (_demo, _settings, mut harness) = open_demo_at(size, language);
                harness.state_mut().model.notice = Some(Notice::DemoFailed(long.clone()));
                harness.run_ok();
                let dismiss = language.text(Msg::Dismiss);
                let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]));
                let button = harness.get_by_role_and_label(Role::Button, dismiss);
                let rect = button.rect();
                assert!(
                    window.contains_rect(rect),
                    "Dismiss at {rect:?} is inside the {size:?} window in {language:?}"
                );
                // The message stops before the button rather than running under it.
                let controls = controls_of_panel(&harness, Role::Button, dismiss);
                assert_laid_out(
                    &controls,
                    size,
                    &format!("status line with a {} character message", long.len()),
                );
                button.click();
                harness.run_ok();
                assert!(harness.state().model.notice.is_none(), "Dismiss works");
            }
        }
    }
}

/// Asserts that the E-mail column's header is in the window after scrolling to it.
fn assert_email_column_reachable(harness: &mut Harness<'static, SessionsApp>, what: &str) {
    let email = Language::ALL
        .iter()
        .map(|language| language.text(Msg::Email))
        .find(|email| {
            harness
                .query_by_role_and_label(Role::Button, email)
                .is_some()
        })
        .unwrap_or_else(|| panic!("{what}: the E-mail column has a header"));
    harness
        .get_by_role_and_label(Role::Button, email)
        .scroll_to_me();
    harness.run_ok();
    let rect = harness.get_by_role_and_label(Role::Button, email).rect();
    let width = MIN_WINDOW_SIZE[0];
    assert!(
        rect.left() >= 0.0 && rect.right() <= width,
        "{what}: the E-mail header at {rect:?} can be scrolled into the {width} px window"
    );
    // Not under the details panel either.
    if let Some(panel) = details_left(harness) {
        assert!(
            rect.right() <= panel,
            "{what}: the E-mail header at {rect:?} is not under the details panel (left {panel})"
        );
    }
}

/// The left edge of the details panel's contents, when it is open.
fn details_left(harness: &Harness<'static, SessionsApp>) -> Option<f32> {
    harness
        .get_all_by_role(Role::Pane)
        .find(|pane| {
            pane.query_by_role_and_label(Role::Button, harness_close(harness))
                .is_some()
        })
        .and_then(|pane| {
            pane.children_recursive()
                .filter_map(|node| rect_of(&node))
                .map(|rect| rect.left())
                .reduce(f32::min)
        })
}

/// The details panel's Close button, in the window's language.
fn harness_close(harness: &Harness<'static, SessionsApp>) -> &'static str {
    harness.state().language().text(Msg::Close)
}

#[test]
fn the_email_column_can_be_reached_in_a_640_point_window() {
    for language in LANGUAGES {
        let (_demo, _settings, mut harness) = open_demo_at(MIN_WINDOW_SIZE, language);
        let what = format!("{language:?}");
        // All apps: five columns, wider than the window.
        assert_email_column_reachable(&mut harness, &what);
        // With the details panel open, the table has even less room. (A click on the row's
        // e-mail, which is in view now.)
        harness
            .get_by_role_and_label(Role::Label, "paul.martin@example.fr")
            .click();
        harness.run_ok();
        assert!(harness.state().model.details.is_some(), "details open");
        assert_email_column_reachable(&mut harness, &format!("{what} with the details open"));
    }
}

#[test]
fn the_rows_stay_put_when_the_bulk_bar_appears() {
    use egui::Modifiers;
    for size in [SIZES[0], SIZES[2]] {
        let (_demo, _settings, mut harness) = open_demo_at(size, Language::English);
        harness
            .get_by_role_and_label(Role::Label, "Galaxy S23")
            .click();
        harness.run_ok();
        let before = harness
            .get_by_role_and_label(Role::ComboBox, "Status of Galaxy Tab S9")
            .rect();
        harness
            .get_all_by_role_and_label(Role::Label, "Galaxy Tab S9")
            .next()
            .unwrap()
            .click_modifiers(Modifiers::COMMAND);
        harness.run_ok();
        assert!(harness.state().model.selection.is_many(), "two rows marked");
        harness.get_by_role_and_label(Role::Button, "Clear selection");
        // The row's status drop-down is named after its device, and unlike the device's
        // name it is not repeated in the row's tooltip.
        let after = harness
            .get_by_role_and_label(Role::ComboBox, "Status of Galaxy Tab S9")
            .rect();
        assert_eq!(
            before, after,
            "the row under the pointer did not move at {size:?}"
        );
    }
}

#[test]
fn a_wide_details_panel_leaves_the_table_room_when_the_window_shrinks() {
    let (_demo, _settings, mut harness) = open_demo_at(SIZES[3], Language::English);
    harness
        .get_by_role_and_label(Role::Label, "iPad Air")
        .click();
    harness.run_ok();
    // The administrator drags the panel as wide as it goes in the big window…
    harness
        .get_by_role_and_label(Role::Splitter, "Resize panel")
        .set_value_accesskit(0.95);
    harness.run_ok();
    let wide = details_left(&harness).expect("details open");
    assert!(wide < 700.0, "the panel was widened (left edge at {wide})");
    // …then makes the window as small as it goes: the table keeps a share of it.
    harness.set_size(egui::vec2(MIN_WINDOW_SIZE[0], MIN_WINDOW_SIZE[1]));
    harness.run_ok();
    let left = details_left(&harness).expect("details still open");
    assert!(
        left >= MIN_WINDOW_SIZE[0] * 0.4,
        "the table keeps at least 40% of the window beside the panel (panel from {left})"
    );
    assert_email_column_reachable(&mut harness, "after shrinking with a wide panel");
}

/// Clicks a row by its device name in the table (the leftmost such name: the details panel,
/// on the right, can show the same words).
fn click_row(harness: &mut Harness<'static, SessionsApp>, device: &str) {
    let at = harness
        .get_all_by_role_and_label(Role::Label, device)
        .map(|node| node.rect())
        .min_by(|a, b| a.left().total_cmp(&b.left()))
        .unwrap_or_else(|| panic!("a row shows {device}"))
        .center();
    harness.hover_at(at);
    harness.run_ok();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
        harness.step();
    }
    harness.run_ok();
}

/// The top of the details panel's first title ("Problems" for a file with problems).
fn details_title_top(harness: &Harness<'static, SessionsApp>) -> f32 {
    let close = harness_close(harness);
    let pane = harness
        .get_all_by_role(Role::Pane)
        .find(|pane| pane.query_by_role_and_label(Role::Button, close).is_some())
        .expect("the details panel is open");
    pane.get_by_role_and_label(Role::Label, "Problems")
        .rect()
        .top()
}

#[test]
fn the_details_start_at_the_top_for_every_row_chosen() {
    let (_demo, _settings, mut harness) = open_demo_at(MIN_WINDOW_SIZE, Language::English);
    harness
        .state_mut()
        .apply(Command::SelectApp(mobile_sessions::model::Shown::App(
            BROKEN.to_owned(),
        )));
    harness.run_ok();
    click_row(&mut harness, "iPhone XR");
    let top = details_title_top(&harness);
    // Read down the details of iPhone XR…
    for _ in 0..3 {
        let close = harness_close(&harness);
        harness
            .get_all_by_role(Role::Pane)
            .find(|pane| pane.query_by_role_and_label(Role::Button, close).is_some())
            .unwrap()
            .get_by_role_and_label(Role::Label, "Problems")
            .scroll_down();
        harness.run_ok();
    }
    assert!(
        details_title_top(&harness) < top - 50.0,
        "the details scrolled"
    );
    // …look at another row, and come back: its problems are in view again.
    click_row(&mut harness, "Pixel 6");
    assert_eq!(
        details_title_top(&harness),
        top,
        "Pixel 6 starts at the top"
    );
    click_row(&mut harness, "iPhone XR");
    assert_eq!(
        details_title_top(&harness),
        top,
        "iPhone XR starts at the top again"
    );
    // Closed and opened again, too.
    harness.get_by_role_and_label(Role::Button, "Close").click();
    harness.run_ok();
    click_row(&mut harness, "iPhone XR");
    assert_eq!(details_title_top(&harness), top, "opened again at the top");
}

/// The filled rectangles among `shapes`, as much of each as is shown, with their colour.
fn fills(shapes: &[egui::epaint::ClippedShape]) -> Vec<(Rect, egui::Color32)> {
    fn walk(shape: &egui::Shape, clip: Rect, found: &mut Vec<(Rect, egui::Color32)>) {
        match shape {
            egui::Shape::Vec(shapes) => {
                for shape in shapes {
                    walk(shape, clip, found);
                }
            }
            egui::Shape::Rect(rect) if rect.fill.a() > 0 => {
                let shown = rect.rect.intersect(clip);
                if shown.is_positive() {
                    found.push((shown, rect.fill));
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for clipped in shapes {
        walk(&clipped.shape, clipped.clip_rect, &mut found);
    }
    found
}

/// The window's background is the colour each frame is cleared to, not a rectangle each panel
/// paints: on a software renderer (a virtual machine, a remote desktop) a rectangle the size of
/// the window costs tens of milliseconds of CPU every frame. At every size, with the details
/// panel open too, nothing fills a quarter of the window, and no panel (a strip of the
/// panels' colour across the whole window) paints its background.
#[test]
fn no_panel_paints_the_background_of_the_window() {
    let (_demo, _settings, mut harness) = open_demo();
    for details in [false, true] {
        if details {
            harness
                .get_by_role_and_label(Role::Label, "iPad Pro (12.9-inch)")
                .click();
        }
        for [width, height] in SIZES {
            harness.set_size(egui::vec2(width, height));
            harness.run_ok();
            let panel = harness.ctx.global_style().visuals.panel_fill;
            let painted: Vec<_> = fills(&harness.output().shapes)
                .into_iter()
                .filter(|(rect, colour)| {
                    let across = rect.width() >= width - 1.0 || rect.height() >= height - 1.0;
                    rect.area() >= width * height / 4.0 || (across && *colour == panel)
                })
                .collect();
            assert!(
                painted.is_empty(),
                "at {width}×{height} (details open: {details}), filled: {painted:?}"
            );
        }
    }
}
