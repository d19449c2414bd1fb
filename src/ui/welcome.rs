//! The first screen: open a folder, a recent one, or the demo; and the progress of a folder
//! being read.

use eframe::egui::{self, RichText};

use crate::model::{Command, Model};
use crate::tr;

/// Draws the welcome screen; returns what was clicked.
pub fn ui(ui: &mut egui::Ui, model: &Model) -> Vec<Command> {
    let recent = &model.memory.recent;
    let mut actions = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading(tr!(AppName));
        ui.label(tr!(WelcomeTagline));
        ui.add_space(16.0);
        if ui
            .add(egui::Button::new(
                RichText::new(tr!(OpenMobileAppsFolder)).heading(),
            ))
            .clicked()
        {
            actions.push(Command::PickFolder);
        }
        ui.add_space(6.0);
        if ui.button(tr!(OpenDemo)).clicked() {
            actions.push(Command::OpenDemo);
        }
        ui.add_space(12.0);
        ui.label(RichText::new(tr!(WelcomeWhere)).weak());
        if let Some(notice) = model.notice.as_ref().filter(|notice| notice.is_error()) {
            ui.add_space(8.0);
            ui.label(RichText::new(super::notice_text(notice)).color(ui.visuals().error_fg_color));
        }
        if !recent.is_empty() {
            ui.add_space(20.0);
            ui.label(RichText::new(tr!(RecentFolders)).strong());
            for folder in recent {
                if ui.link(folder.display().to_string()).clicked() {
                    actions.push(Command::OpenFolder(folder.clone()));
                }
            }
        }
    });
    actions
}

/// Shown for the moment between choosing a folder and its listing.
pub fn loading_ui(ui: &mut egui::Ui, folder: &std::path::Path) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.spinner();
        ui.label(tr!(Opening, folder = folder.display()));
    });
}
