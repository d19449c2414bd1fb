//! The window: an eframe/egui app over the store. One file per panel or dialog; the panels
//! read the state and return [`Action`]s, which [`SessionsApp::apply`] carries out.

mod actions;
mod app;
mod code_view;
mod delete_dialog;
mod details_panel;
mod errors;
pub mod export;
mod header;
pub mod i18n;
mod prefs;
mod problems_window;
mod settings_dialog;
mod status_bar;
mod table;
mod welcome;
pub mod workspace;

pub use actions::Action;
pub use app::{Notice, SessionsApp, Start, Undo};
pub use delete_dialog::DeleteDialog;
pub use details_panel::Details;
pub use i18n::Language;
pub use prefs::{ExtraColumn, Preferences, SortKey, SortOrder};
pub use settings_dialog::SettingsDialog;
pub use workspace::Workspace;

/// Opens the window and runs until it is closed.
pub fn run(start: Start) -> anyhow::Result<()> {
    // Before the event loop runs, so a folder macOS hands over at launch is not missed.
    crate::open_with::listen();
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Mobile Sessions")
            .with_app_id(crate::APP_ID)
            .with_inner_size([960.0, 620.0])
            .with_min_inner_size([560.0, 320.0])
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
