//! The list of problem files: every file 4D would refuse (or that we refuse to touch), with
//! its app, code, 4D's `mobi` number, and what is wrong, and a way to reveal it.

use eframe::egui::{self, RichText};

use crate::safe_text;

use super::actions::Action;
use super::workspace::Workspace;

/// Draws the problems window; returns what was clicked.
pub fn ui(ctx: &egui::Context, workspace: &Workspace) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut open = true;
    egui::Window::new("Problems")
        .open(&mut open)
        .default_width(720.0)
        .default_height(360.0)
        .show(ctx, |ui| {
            ui.label(RichText::new("4D drops these sessions when it reloads the files: their devices are logged out.").weak());
            egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                for finding in workspace.index.findings() {
                    ui.separator();
                    ui.horizontal(|ui| {
                        let code = match finding.problem.code.mobi() {
                            Some(mobi) => format!("{} (mobi {mobi})", finding.problem.code),
                            None => finding.problem.code.to_string(),
                        };
                        ui.label(RichText::new(code).strong().color(ui.visuals().warn_fg_color));
                        ui.label(safe_text::visible(finding.app, 60));
                        ui.label(RichText::new(safe_text::visible(finding.id.unwrap_or("(app folder)"), 40)).monospace().weak());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if let Some(id) = finding.id
                                && ui
                                    .small_button("Delete…")
                                    .on_hover_text("Delete this file (asks first)")
                                    .clicked()
                            {
                                actions.push(Action::AskDelete {
                                    app: finding.app.to_owned(),
                                    id: id.to_owned(),
                                });
                            }
                            if ui.small_button("Show on disk…").clicked() {
                                actions.push(Action::Reveal(finding.file.clone()));
                            }
                        });
                    });
                    ui.add(egui::Label::new(safe_text::visible(&finding.problem.message, 400)).wrap());
                }
            });
        });
    if !open {
        actions.push(Action::ShowProblems(false));
    }
    actions
}
