//! Screenshots of the window for the README, rendered by egui_kittest's own renderer (wgpu,
//! on the CPU where there is no GPU), so they can be made again on any machine:
//! `scripts/screenshots.sh` (or `cargo test --test screenshots -- --ignored`).

mod common;

use std::path::Path;

use common::*;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mobile_sessions::ui::SessionsApp;

fn save(harness: &mut Harness<'static, SessionsApp>, path: &Path) {
    let mut image = harness.render().expect("the window renders");
    // The window's panels leave their background to the colour each frame is cleared to (the
    // app's `clear_color`); kittest's renderer clears to transparent instead, so the picture
    // is laid on that colour here, as the window shows it. The pixels are premultiplied.
    let visuals = harness.ctx.global_style().visuals.clone();
    let background = eframe::App::clear_color(harness.state(), &visuals)
        .map(|channel| (channel * 255.0).round().clamp(0.0, 255.0) as u16);
    for pixel in image.pixels_mut() {
        let uncovered = 255 - u16::from(pixel[3]);
        for (channel, under) in pixel.0.iter_mut().zip(background).take(3) {
            *channel = (u16::from(*channel) + under * uncovered / 255).min(255) as u8;
        }
        pixel[3] = 255;
    }
    image.save(path).expect("the screenshot is written");
}

/// Renders the main window, the problems list and the server settings into `dir`.
fn render_screens(dir: &Path) -> Vec<std::path::PathBuf> {
    let (_demo, _settings, mut harness) = open_demo();
    harness.set_size(eframe::egui::vec2(1000.0, 560.0));
    harness.run_ok();
    choose(&mut harness, "Apps:", &format!("({CONTACT})"));
    let main = dir.join("main-window.png");
    save(&mut harness, &main);
    harness
        .get_by_role_and_label(Role::Label, "iPad Pro (12.9-inch)")
        .click();
    harness.run_ok();
    let details = dir.join("details.png");
    save(&mut harness, &details);
    harness.get_by_label("Close").click();
    harness.run_ok();
    harness.get_by_label_contains("problems").click();
    harness.run_ok();
    let problems = dir.join("problems.png");
    save(&mut harness, &problems);
    harness.get_by_label("Server settings…").click();
    harness.run_ok();
    let server = dir.join("server-settings.png");
    save(&mut harness, &server);
    vec![main, details, problems, server]
}

#[test]
fn screenshots_render_to_non_empty_pngs() {
    let dir = tempfile::tempdir().unwrap();
    for path in render_screens(dir.path()) {
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{} is a PNG",
            path.display()
        );
        assert!(
            bytes.len() > 10_000,
            "{} has content ({} bytes)",
            path.display(),
            bytes.len()
        );
    }
}

#[test]
#[ignore = "writes the README's screenshots: scripts/screenshots.sh"]
fn update_readme_screenshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    render_screens(&dir);
}
