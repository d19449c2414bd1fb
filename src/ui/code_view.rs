//! A read-only block of code or JSON with a label screen readers announce: the 4D method in
//! Server settings, and a session's raw JSON in the details panel.

use eframe::egui::{self, RichText};

/// Shows `text` in a monospace, read-only, full-width block under a weak `label`.
pub fn code_view(ui: &mut egui::Ui, label: &str, text: &str) {
    let label = ui.label(RichText::new(label).weak());
    // A copy, since a TextEdit wants a mutable string even when it cannot be edited.
    let mut shown = text.to_owned();
    ui.add(
        egui::TextEdit::multiline(&mut shown)
            .code_editor()
            .interactive(false)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}
