//! The first screen: open a folder, a recent one, or the demo; and the progress of a folder
//! being read.

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::app::Notice;
use super::prefs::Preferences;
use crate::tr;

/// Draws the welcome screen; returns what was clicked.
pub fn ui(ui: &mut egui::Ui, prefs: &Preferences, notice: Option<&Notice>) -> Vec<Action> {
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
            actions.push(Action::PickFolder);
        }
        ui.add_space(6.0);
        if ui.button(tr!(OpenDemo)).clicked() {
            actions.push(Action::OpenDemo);
        }
        ui.add_space(12.0);
        ui.label(RichText::new(tr!(WelcomeWhere)).weak());
        if let Some(notice) = notice.filter(|notice| notice.is_error) {
            ui.add_space(8.0);
            ui.label(RichText::new(&notice.text).color(ui.visuals().error_fg_color));
        }
        if !prefs.recent.is_empty() {
            ui.add_space(20.0);
            ui.label(RichText::new(tr!(RecentFolders)).strong());
            for folder in &prefs.recent {
                if ui.link(folder.display().to_string()).clicked() {
                    actions.push(Action::OpenFolder(folder.clone()));
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
