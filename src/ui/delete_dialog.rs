//! The delete confirmation. It names the device and e-mail, says what deleting means, and
//! refuses to act on a session that changed or vanished since it was opened.

use eframe::egui::{self, RichText};

use crate::safe_text;
use crate::store::Session;

use super::actions::Action;
use super::workspace::{SessionKey, Workspace};

/// An open delete confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteDialog {
    /// The app folder.
    pub app: String,
    /// The session as it was when the dialog opened.
    pub session: Session,
}

impl DeleteDialog {
    /// A confirmation for this session.
    pub fn new(app: &str, session: &Session) -> Self {
        DeleteDialog {
            app: app.to_owned(),
            session: session.clone(),
        }
    }

    /// Draws the dialog; returns Delete or CancelDelete when the user decides.
    pub fn ui(&self, ctx: &egui::Context, workspace: &Workspace) -> Vec<Action> {
        let mut actions = Vec::new();
        let current = workspace.session(&self.app, &self.session.id);
        let modal = egui::Modal::new(egui::Id::unique("delete dialog")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Delete this session?");
            ui.add_space(6.0);
            let (device, email) = self.session.info.as_ref().map_or_else(
                || (format!("file {}", self.session.id), String::new()),
                |info| (safe_text::cell(&info.device), safe_text::cell(&info.email)),
            );
            let who = if email.is_empty() { format!("{device} (guest)") } else { format!("{device} ({email})") };
            ui.label(format!(
                "The session of {who} will be deleted. The device will have to log in again, and the 4D server forgets it once you Push."
            ));
            let stale = match current {
                None => Some("This session was removed on disk meanwhile; there is nothing left to delete."),
                Some(now) if now != &self.session => {
                    Some("This session changed on disk since you asked; close this and look at it again.")
                }
                Some(_) => None,
            };
            if let Some(stale) = stale {
                ui.add_space(6.0);
                ui.label(RichText::new(stale).color(ui.visuals().warn_fg_color));
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let delete = egui::Button::new(RichText::new("Delete").color(ui.visuals().error_fg_color));
                if ui.add_enabled(stale.is_none(), delete).clicked() {
                    actions.push(Action::Delete { app: self.app.clone(), id: self.session.id.clone() });
                }
                let close = if stale.is_some() { "Close" } else { "Cancel" };
                if ui.button(close).clicked() {
                    actions.push(Action::CancelDelete);
                }
            });
        });
        if modal.should_close() && actions.is_empty() {
            actions.push(Action::CancelDelete);
        }
        actions
    }
}

/// The confirmation for deleting several sessions at once: how many, and which devices.
pub fn bulk_ui(ctx: &egui::Context, workspace: &Workspace, ids: &[SessionKey]) -> Vec<Action> {
    let mut actions = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("bulk delete dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(format!("Delete {} sessions?", ids.len()));
        ui.add_space(6.0);
        ui.label("These devices will have to log in again:");
        for key in ids.iter().take(8) {
            let who = workspace
                .session_at(key)
                .and_then(|session| session.info.as_ref())
                .map(|info| {
                    let email = if info.email.is_empty() {
                        "guest".to_owned()
                    } else {
                        safe_text::cell(&info.email)
                    };
                    format!("{} ({email})", safe_text::cell(&info.device))
                })
                .unwrap_or_else(|| format!("file {}", safe_text::visible(&key.id, 40)));
            ui.label(format!("• {who}"));
        }
        if ids.len() > 8 {
            ui.label(format!("and {} more.", ids.len() - 8));
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let delete = egui::Button::new(
                RichText::new(format!("Delete {}", ids.len())).color(ui.visuals().error_fg_color),
            );
            if ui.add(delete).clicked() {
                actions.push(Action::BulkDelete);
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CancelBulkDelete);
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(Action::CancelBulkDelete);
    }
    actions
}
