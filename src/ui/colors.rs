//! The window's colours, each chosen to reach WCAG AA contrast (4.5:1) on egui's panels,
//! buttons and hovered buttons in both the light and the dark theme: egui's own error red and
//! warning orange fall below it. Measured on the panel, a button and a hovered button in each
//! theme (dark: grey 27, 50 and 64; light: grey 248, 230 and 220): egui's error red is 2.6:1
//! to 4.3:1 there, and its light-theme orange 2.2:1 to 2.8:1.

use eframe::egui::{self, Color32};

/// The colour that marks sessions waiting for an administrator.
pub fn pending_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 190, 90)
    } else {
        // The earlier (180, 95, 0) was 4.3:1 on the light panel, less on a status button.
        Color32::from_rgb(160, 80, 0)
    }
}

/// The colour of failures and problems: 4.6:1 or more on every background above.
pub fn error_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 140, 130)
    } else {
        Color32::from_rgb(190, 0, 0)
    }
}

/// The colour of warnings (problem codes, the problems link): 4.5:1 or more as above.
pub fn warn_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        ui.visuals().warn_fg_color
    } else {
        Color32::from_rgb(170, 75, 0)
    }
}

/// The colour of a good outcome ("Matches the file."): 4.5:1 or more as above.
pub fn ok_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(90, 190, 100)
    } else {
        Color32::from_rgb(20, 110, 40)
    }
}

/// The colour of problem text. On a selected row the selection's own strong text colour is
/// used: red on the selection colour falls below WCAG AA's contrast in both themes.
pub fn problem_color(ui: &egui::Ui, selected: bool) -> Color32 {
    if selected {
        ui.visuals().strong_text_color()
    } else {
        error_color(ui)
    }
}

/// The frame of a top, bottom or side panel, without its fill. The panels' background is the
/// colour every frame is cleared to ([`window_background`]): clearing costs nothing, while on
/// a software renderer (a virtual machine, a remote desktop) filling a panel costs up to
/// 50 ms of CPU a frame at 960×620, and the panels cover the whole window.
pub fn edge_panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::side_top_panel(style).fill(Color32::TRANSPARENT)
}

/// The frame of the central panel, without its fill, for the reason given at
/// [`edge_panel_frame`].
pub fn central_panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::central_panel(style).fill(Color32::TRANSPARENT)
}

/// The colour each frame is cleared to: the panels' background, which they do not paint.
pub fn window_background(visuals: &egui::Visuals) -> [f32; 4] {
    visuals.panel_fill.to_normalized_gamma_f32()
}
