//! The delete confirmation. It names the device and e-mail, says what deleting means, and
//! refuses to act on a session that changed or vanished since it was opened.

use eframe::egui::{self, RichText};

use crate::store::Session;
use crate::{safe_text, tr};

use super::actions::Action;
use super::workspace::{SessionKey, Workspace};

/// A device and its user, as the confirmations name them: "iPhone 12 (ann@example.com)", or
/// "(guest)" for a session without an e-mail.
pub fn who(device: &str, email: &str) -> String {
    let email = if email.is_empty() { tr!(Guest) } else { email };
    tr!(WhoWithEmail, device = device, email = email)
}

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
            ui.heading(tr!(DeleteOneTitle));
            ui.add_space(6.0);
            let (device, email) = self.session.info.as_ref().map_or_else(
                || (tr!(FileNamed, id = &self.session.id), String::new()),
                |info| (safe_text::cell(&info.device), safe_text::cell(&info.email)),
            );
            let who = who(&device, &email);
            ui.label(tr!(DeleteOneBody, who = who));
            let stale = match current {
                None => Some(tr!(DeleteGone)),
                Some(now) if now != &self.session => Some(tr!(DeleteChanged)),
                Some(_) => None,
            };
            if let Some(stale) = stale {
                ui.add_space(6.0);
                ui.label(RichText::new(stale).color(ui.visuals().warn_fg_color));
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let delete = egui::Button::new(
                    RichText::new(tr!(Delete)).color(ui.visuals().error_fg_color),
                );
                if ui.add_enabled(stale.is_none(), delete).clicked() {
                    actions.push(Action::Delete {
                        app: self.app.clone(),
                        id: self.session.id.to_string(),
                    });
                }
                let close = if stale.is_some() {
                    tr!(Close)
                } else {
                    tr!(Cancel)
                };
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
        ui.heading(tr!(DeleteManyTitle, count = ids.len()));
        ui.add_space(6.0);
        ui.label(tr!(DeleteManyBody));
        for key in ids.iter().take(8) {
            let who = workspace
                .session_at(key)
                .and_then(|session| session.info.as_ref())
                .map(|info| {
                    who(
                        &safe_text::cell(&info.device),
                        &safe_text::cell(&info.email),
                    )
                })
                .unwrap_or_else(|| tr!(FileNamed, id = &key.id));
            ui.label(format!("• {who}"));
        }
        if ids.len() > 8 {
            ui.label(tr!(AndMore, count = ids.len() - 8));
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let delete = egui::Button::new(
                RichText::new(tr!(DeleteCount, count = ids.len()))
                    .color(ui.visuals().error_fg_color),
            );
            if ui.add(delete).clicked() {
                actions.push(Action::BulkDelete);
            }
            if ui.button(tr!(Cancel)).clicked() {
                actions.push(Action::CancelBulkDelete);
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(Action::CancelBulkDelete);
    }
    actions
}
