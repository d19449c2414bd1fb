//! The window: an eframe/egui app that draws the [`crate::model::Model`] and turns input into
//! its commands. One file per panel or dialog; each takes the model (or the part it needs) and
//! returns [`crate::model::Command`]s, which `app.rs` hands to the model at the end of the
//! frame. `app.rs` is the eframe glue: the frame loop, the jobs that need a thread (native
//! dialogs, the file manager, HTTP), and the preferences. `notices.rs` and `errors.rs` word the
//! model's messages in the user's language (`i18n/`).

mod a11y;
mod app;
mod badge;
mod code_view;
mod colors;
mod delete_dialog;
mod details_panel;
mod drop_down;
mod errors;
mod header;
mod history_panel;
pub mod i18n;
mod jobs;
mod keyboard;
mod notices;
mod notify;
mod path_entry;
mod prefs;
mod problems_window;
mod renderer;
mod settings_dialog;
mod settle;
mod status_bar;
mod table;
mod table_cells;
mod timing;
mod welcome;

pub use app::{SessionsApp, ShownNotice, Start};
pub use badge::{BadgeStatus, OVERLAY_SIZE, overlay_pixels, overlay_text};
#[cfg(windows)]
pub use badge::{set_taskbar_overlay, taskbar_overlay_icon};
pub use i18n::Language;
pub use notices::notice_text;
pub use prefs::{ExtraColumn, Preferences, SortKey, SortOrder};
pub use renderer::RENDERER_VAR;
pub use settings_dialog::SettingsDialog;
pub use timing::{TIMING_VAR, mark_process_start};

/// The smallest window every panel lays out in without overlap, in every language.
pub const MIN_WINDOW_SIZE: [f32; 2] = [640.0, 400.0];

/// Opens the window and runs until it is closed.
///
/// The window opens with the renderer that suits this system ([`renderer::renderers_to_try`]);
/// if that one cannot open it (no OpenGL 2 on a Windows basic display adapter, no wgpu
/// adapter at all), the other one is tried before giving up, and the user is told which.
pub fn run(start: Start) -> anyhow::Result<()> {
    // Before the event loop runs, so a folder macOS hands over at launch is not missed.
    crate::open_with::listen();
    // The folder named on the command line is read while the window and graphics start.
    if let Some(folder) = start.folder.as_deref().filter(|_| !start.demo) {
        crate::model::read_early(folder);
    }
    let requested = std::env::var(renderer::RENDERER_VAR).ok();
    let (renderers, warning) = renderer::renderers_to_try(requested.as_deref());
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    // The app is made once the renderer has opened the window, so a renderer that fails
    // leaves it to the next one.
    let start = std::cell::Cell::new(Some(start));
    let made = std::cell::Cell::new(false);
    let mut failures = Vec::new();
    for (tried, renderer) in renderers.into_iter().enumerate() {
        let result = eframe::run_native(
            crate::APP_ID,
            native_options(renderer),
            Box::new(|cc| {
                let start = start.take().ok_or("the window was already made")?;
                made.set(true);
                if std::env::var_os(TIMING_VAR).is_some() {
                    eprintln!("timing: renderer {}", renderer::renderer_name(renderer));
                }
                let ctx = cc.egui_ctx.clone();
                crate::open_with::set_wake(move || ctx.request_repaint());
                Ok(Box::new(SessionsApp::from_creation_context(cc, start)))
            }),
        );
        let name = renderer::renderer_name(renderer);
        match result {
            Ok(()) => return Ok(()),
            // The window was open and failed later: opening it again would surprise the user.
            Err(error) if made.get() => {
                anyhow::bail!("the window stopped with the {name} renderer: {error}")
            }
            // No display to open a window on (or no event loop for another reason): no
            // renderer can help, and winit would refuse a second event loop anyway.
            Err(eframe::Error::WinitEventLoop(error)) => {
                anyhow::bail!("the window could not be opened: {error}")
            }
            Err(error) => {
                if tried + 1 < renderers.len() {
                    eprintln!(
                        "The {name} renderer could not open the window ({error}); trying another."
                    );
                }
                failures.push(format!("{name}: {error}"));
            }
        }
    }
    anyhow::bail!(
        "the window could not be opened with either renderer ({}); check that the graphics driver is installed",
        failures.join("; ")
    )
}

/// The window's size, title, icon and the renderer that draws it.
fn native_options(renderer: eframe::Renderer) -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Mobile Sessions")
            .with_app_id(crate::APP_ID)
            .with_inner_size([960.0, 620.0])
            .with_min_inner_size(MIN_WINDOW_SIZE)
            .with_drag_and_drop(true)
            .with_icon(
                eframe::icon_data::from_png_bytes(crate::desktop::WINDOW_ICON).unwrap_or_default(),
            ),
        renderer,
        ..Default::default()
    }
}
