//! The window at 100,000 sessions in one app, driven through egui_kittest: the CPU time of a
//! frame while scrolling (egui's layout and tessellation; the GPU's drawing is not counted),
//! the time of a sort by a header click, how soon the first rows show, and the memory held.
//! `cargo bench --bench window`; set SESSIONS to use another size.

use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mobile_sessions::store::generate;
use mobile_sessions::ui::{Preferences, SessionsApp, Start};

fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    // `cargo test` runs benches with --bench only under `cargo bench`; skip otherwise.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let sessions: usize = std::env::var("SESSIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), sessions, 1).unwrap();
    let settings = tempfile::tempdir().unwrap();
    let before = resident_mib();
    let start = Start {
        folder: Some(root),
        demo: false,
        poll: None,
        settings_dir: Some(settings.path().to_owned()),
    };
    let opened = Instant::now();
    let mut harness = Harness::builder()
        .with_size([1000.0, 700.0])
        .build_eframe(move |cc| SessionsApp::new(&cc.egui_ctx, Preferences::default(), start));
    let mut first_rows = None;
    while harness.state().model.workspace.is_none() || harness.state().is_loading() {
        harness.step();
        if first_rows.is_none()
            && harness
                .state()
                .model
                .workspace
                .as_ref()
                .is_some_and(|workspace| !workspace.rows.is_empty())
        {
            first_rows = Some(opened.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let loaded = opened.elapsed();
    harness.step();
    let rect = harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Device")
        .rect();
    let over_table = rect.center() + egui::vec2(0.0, 200.0);
    harness.hover_at(over_table);
    let mut frames = Vec::new();
    for n in 0..300 {
        let delta = if n < 150 { -120.0 } else { 120.0 };
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, delta),
            modifiers: Default::default(),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let frame = Instant::now();
        harness.step();
        let shapes = harness.output().shapes.clone();
        std::hint::black_box(harness.ctx.tessellate(shapes, 1.0));
        frames.push(frame.elapsed());
    }
    frames.sort();
    let sort_click = Instant::now();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "E-mail")
        .click();
    harness.step();
    let sort_time = sort_click.elapsed();
    let direct = Instant::now();
    let workspace = harness.state_mut().model.workspace.as_mut().unwrap();
    workspace.set_sort(mobile_sessions::ui::SortOrder {
        key: mobile_sessions::ui::SortKey::Device,
        descending: false,
    });
    let direct = direct.elapsed();
    let after = resident_mib();
    let plain = plain_frames(
        harness
            .state()
            .model
            .workspace
            .as_ref()
            .unwrap()
            .root()
            .path()
            .to_owned(),
        settings.path(),
    );
    let rows = harness
        .state()
        .model
        .workspace
        .as_ref()
        .map_or(0, |workspace| workspace.rows.len());
    println!("window with {sessions} sessions in one app ({rows} rows)");
    println!(
        "  first rows shown after  {:>8.1?}",
        first_rows.unwrap_or(loaded)
    );
    println!("  whole folder read after {:>8.1?}", loaded);
    println!(
        "  frame while scrolling   median {:.2?}, p95 {:.2?}, max {:.2?}",
        percentile(&frames, 0.5),
        percentile(&frames, 0.95),
        frames[frames.len() - 1]
    );
    println!(
        "  same, plain egui context median {:.2?}, p95 {:.2?}, max {:.2?} (no test harness or screen-reader tree)",
        percentile(&plain, 0.5),
        percentile(&plain, 0.95),
        plain[plain.len() - 1]
    );
    println!(
        "  sort by a header click  {:>8.1?} (the frame that applies it; the sort alone {:.1?})",
        sort_time, direct
    );
    if let (Some(before), Some(after)) = (before, after) {
        println!(
            "  memory held             {:>6.0} MiB resident ({:.0} MiB before opening)",
            after, before
        );
    }
}

/// Frame times of the same window on a plain egui context, as eframe runs it when no screen
/// reader is attached: layout and tessellation, no accessibility tree.
fn plain_frames(folder: std::path::PathBuf, settings: &std::path::Path) -> Vec<Duration> {
    let ctx = egui::Context::default();
    let start = Start {
        folder: Some(folder),
        demo: false,
        poll: None,
        settings_dir: Some(settings.to_owned()),
    };
    let mut app = SessionsApp::new(&ctx, Preferences::default(), start);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 700.0));
    let frame = |app: &mut SessionsApp, events: Vec<egui::Event>| {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            events,
            ..Default::default()
        };
        let started = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        // No renderer takes the textures: dropped on purpose.
        output.textures_delta.clear();
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        started.elapsed()
    };
    while app.model.workspace.is_none() || app.is_loading() {
        frame(&mut app, Vec::new());
        std::thread::sleep(Duration::from_millis(2));
    }
    let over_table = egui::pos2(400.0, 300.0);
    frame(&mut app, vec![egui::Event::PointerMoved(over_table)]);
    let mut times: Vec<Duration> = (0..300)
        .map(|n| {
            let delta = if n < 150 { -120.0 } else { 120.0 };
            frame(
                &mut app,
                vec![egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, delta),
                    modifiers: Default::default(),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                }],
            )
        })
        .collect();
    times.sort();
    times
}
