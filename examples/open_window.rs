//! The window opening a folder without a screen, for profiling what it does besides painting:
//! the whole app on a plain egui context (layout and tessellation, no GPU), a frame every few
//! milliseconds until every row is read, as eframe would run it while the reader wakes it.
//! `cargo run --release --example open_window -- DIR/MobileApps`; under
//! `valgrind --tool=callgrind` it counts the instructions of each function, which stay the
//! same on a busy machine.

use std::time::{Duration, Instant};

use eframe::egui;
use mobile_sessions::ui::{Preferences, SessionsApp, Start};

fn main() {
    let folder = std::env::args()
        .nth(1)
        .expect("usage: open_window MOBILEAPPS");
    let settings = tempfile::tempdir().expect("a temporary folder");
    let ctx = egui::Context::default();
    let started = Instant::now();
    let start = Start {
        folder: Some(folder.into()),
        demo: false,
        poll: None,
        settings_dir: Some(settings.path().to_owned()),
    };
    let mut app = SessionsApp::new(&ctx, Preferences::default(), start);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 700.0));
    let mut frames = 0;
    let mut longest = Duration::ZERO;
    let mut first_rows = None;
    loop {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let frame = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        // No painter here to hand the font textures to.
        output.textures_delta.clear();
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        longest = longest.max(frame.elapsed());
        frames += 1;
        let workspace = app.model.workspace.as_ref();
        if first_rows.is_none() && workspace.is_some_and(|workspace| !workspace.rows.is_empty()) {
            first_rows = Some(started.elapsed());
        }
        if workspace.is_some() && !app.is_loading() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let rows = app.model.workspace.as_ref().map_or(0, |w| w.rows.len());
    // What a renderer is handed for the window with its rows: each mesh is a draw call of its
    // own (one per clip rectangle), and a software renderer shades every triangle's area.
    let input = egui::RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.show(ui));
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    let (mut vertices, mut triangles, mut area) = (0, 0, 0.0);
    for primitive in &meshes {
        if let egui::epaint::Primitive::Mesh(mesh) = &primitive.primitive {
            vertices += mesh.vertices.len();
            triangles += mesh.indices.len() / 3;
            for triangle in mesh.indices.chunks_exact(3) {
                let [a, b, c] = [0, 1, 2].map(|at| mesh.vertices[triangle[at] as usize].pos);
                let shaded = ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0;
                area += f64::from(shaded.min(primitive.clip_rect.area()));
            }
        }
    }
    println!(
        "a frame with rows: {} meshes, {vertices} vertices, {triangles} triangles, shading {:.1}x the window's area",
        meshes.len(),
        area / f64::from(screen.area())
    );
    println!(
        "{rows} rows: first after {:.0?}, all after {:.0?}, {frames} frames, longest {:.1?}, {} KiB resident",
        first_rows.unwrap_or_default(),
        started.elapsed(),
        longest,
        resident_kib().unwrap_or(0)
    );
}

/// The resident memory of this process, where the system tells it (Linux).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
