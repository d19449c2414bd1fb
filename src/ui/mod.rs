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
pub use settings_dialog::SettingsDialog;
pub use timing::{TIMING_VAR, mark_process_start};

/// The smallest window every panel lays out in without overlap, in every language.
pub const MIN_WINDOW_SIZE: [f32; 2] = [640.0, 400.0];

/// Opens the window and runs until it is closed.
pub fn run(start: Start) -> anyhow::Result<()> {
    // Before the event loop runs, so a folder macOS hands over at launch is not missed.
    crate::open_with::listen();
    // The folder named on the command line is read while the window and graphics start.
    if let Some(folder) = start.folder.as_deref().filter(|_| !start.demo) {
        crate::model::read_early(folder);
    }
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Mobile Sessions")
            .with_app_id(crate::APP_ID)
            .with_inner_size([960.0, 620.0])
            .with_min_inner_size(MIN_WINDOW_SIZE)
            .with_drag_and_drop(true)
            .with_icon(
                eframe::icon_data::from_png_bytes(crate::desktop::WINDOW_ICON).unwrap_or_default(),
            ),
        ..Default::default()
    };
    eframe::run_native(
        crate::APP_ID,
        options,
        Box::new(move |cc| {
            let ctx = cc.egui_ctx.clone();
            crate::open_with::set_wake(move || ctx.request_repaint());
            Ok(Box::new(SessionsApp::from_creation_context(cc, start)))
        }),
    )
    .map_err(|error| anyhow::anyhow!("the window could not be opened: {error}"))
}
