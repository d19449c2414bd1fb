//! The path field offered when no native dialog can be shown (Linux with neither a desktop
//! portal nor zenity): type or paste a folder to open (any PATH form the command line takes),
//! or the CSV file to export to.

use eframe::egui;

use crate::model::{Command, DialogKind, Model};
use crate::tr;

/// Draws the path field, when the model asks for one; returns what the user did.
pub fn ui(ctx: &egui::Context, model: &Model) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(entry) = &model.path_entry else {
        return commands;
    };
    let (title, hint, button) = match entry.kind {
        DialogKind::OpenFolder => (tr!(PathOpenTitle), tr!(PathOpenHint), tr!(OpenButton)),
        DialogKind::Export => (tr!(PathExportTitle), tr!(PathExportHint), tr!(SaveButton)),
    };
    let modal = egui::Modal::new(egui::Id::unique("path entry")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(title);
        ui.add_space(6.0);
        let notice = match entry.kind {
            DialogKind::OpenFolder => tr!(NoDialogOpen),
            DialogKind::Export => tr!(NoDialogExport),
        };
        ui.add(egui::Label::new(notice).wrap());
        ui.add_space(6.0);
        let mut text = entry.text.clone();
        let label = ui.label(tr!(PathLabel));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !field.has_focus() && entry.text.is_empty() {
            field.request_focus();
        }
        if field.changed() {
            commands.push(Command::EditPath(text.clone()));
        }
        let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ready = !text.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new(button)).clicked() || (entered && ready) {
                commands.push(Command::SubmitPath);
            }
            if ui.button(tr!(Cancel)).clicked() {
                commands.push(Command::CancelPath);
            }
        });
    });
    if modal.should_close() && commands.is_empty() {
        commands.push(Command::CancelPath);
    }
    commands
}
