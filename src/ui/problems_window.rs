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
        .default_width(640.0)
        .default_height(320.0)
        .show(ctx, |ui| {
            ui.label(RichText::new("4D drops these sessions when it reloads the files: their devices are logged out.").weak());
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("problems").striped(true).num_columns(4).show(ui, |ui| {
                    for finding in workspace.index.findings() {
                        let name = finding.id.unwrap_or("(folder)");
                        ui.label(safe_text::visible(finding.app, 40));
                        ui.label(RichText::new(safe_text::visible(name, 16)).monospace());
                        let code = match finding.problem.code.mobi() {
                            Some(mobi) => format!("{} (mobi {mobi})", finding.problem.code),
                            None => finding.problem.code.to_string(),
                        };
                        ui.label(RichText::new(code).color(ui.visuals().warn_fg_color));
                        ui.horizontal(|ui| {
                            if ui.small_button("Show on disk…").clicked() {
                                actions.push(Action::Reveal(finding.file.clone()));
                            }
                            ui.add(egui::Label::new(safe_text::visible(&finding.problem.message, 300)).wrap());
                        });
                        ui.end_row();
                    }
                });
            });
        });
    if !open {
        actions.push(Action::ShowProblems(false));
    }
    actions
}
