//! The delete confirmation. It names the device and e-mail, says what deleting means, and
//! refuses to act on a session that changed or vanished since it was opened.

use eframe::egui::{self, RichText};

use crate::store::Session;
use crate::{safe_text, tr};

use crate::model::{Command, Confirm, Model, SessionKey, Workspace};

/// A device and its user, as the confirmations name them: "iPhone 12 (ann@example.com)", or
/// "(guest)" for a session without an e-mail.
pub fn who(device: &str, email: &str) -> String {
    let email = if email.is_empty() { tr!(Guest) } else { email };
    tr!(WhoWithEmail, device = device, email = email)
}

/// Draws the confirmation the model waits for, if any; returns the user's answer.
pub fn ui(ctx: &egui::Context, model: &Model) -> Vec<Command> {
    match (&model.confirm, &model.workspace) {
        (Some(Confirm::Delete { app, session }), Some(workspace)) => {
            one_ui(ctx, workspace, app, session)
        }
        (Some(Confirm::BulkDelete(keys)), Some(workspace)) => bulk_ui(ctx, workspace, keys),
        (Some(Confirm::DeleteForGood(keys)), Some(_)) => for_good_ui(ctx, keys.len()),
        _ => Vec::new(),
    }
}

/// The confirmation for one session; refuses to act on a session that changed or went away.
fn one_ui(
    ctx: &egui::Context,
    workspace: &Workspace,
    app: &str,
    session: &Session,
) -> Vec<Command> {
    let mut actions = Vec::new();
    let current = workspace.session(app, &session.id);
    let modal = egui::Modal::new(egui::Id::unique("delete dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(tr!(DeleteOneTitle));
        ui.add_space(6.0);
        let (device, email) = session.info.as_ref().map_or_else(
            || (tr!(FileNamed, id = &session.id), String::new()),
            |info| (safe_text::cell(&info.device), safe_text::cell(&info.email)),
        );
        let who = who(&device, &email);
        ui.label(tr!(DeleteOneBody, who = who));
        let stale = match current {
            None => Some(tr!(DeleteGone)),
            Some(now) if now != session => Some(tr!(DeleteChanged)),
            Some(_) => None,
        };
        if let Some(stale) = stale {
            ui.add_space(6.0);
            ui.label(RichText::new(stale).color(super::colors::warn_color(ui)));
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let delete =
                egui::Button::new(RichText::new(tr!(Delete)).color(super::colors::error_color(ui)));
            if ui.add_enabled(stale.is_none(), delete).clicked() {
                actions.push(Command::Delete {
                    app: app.to_owned(),
                    id: session.id.to_string(),
                });
            }
            let close = if stale.is_some() {
                tr!(Close)
            } else {
                tr!(Cancel)
            };
            if ui.button(close).clicked() {
                actions.push(Command::CancelDelete);
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(Command::CancelDelete);
    }
    actions
}

/// The confirmation for deleting several sessions at once: how many, and which devices.
fn bulk_ui(ctx: &egui::Context, workspace: &Workspace, ids: &[SessionKey]) -> Vec<Command> {
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
                    .color(super::colors::error_color(ui)),
            );
            if ui.add(delete).clicked() {
                actions.push(Command::BulkDelete);
            }
            if ui.button(tr!(Cancel)).clicked() {
                actions.push(Command::CancelBulkDelete);
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(Command::CancelBulkDelete);
    }
    actions
}

/// Asked when the folder has no trash: the files would be removed for good, and only Undo in
/// this window could bring them back.
fn for_good_ui(ctx: &egui::Context, count: usize) -> Vec<Command> {
    let mut actions = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("delete for good dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(tr!(DeleteForGoodTitle));
        ui.add_space(6.0);
        ui.add(egui::Label::new(tr!(DeleteForGoodBody, count = count)).wrap());
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let delete = egui::Button::new(
                RichText::new(tr!(DeleteForGoodButton)).color(super::colors::error_color(ui)),
            );
            if ui.add(delete).clicked() {
                actions.push(Command::DeleteForGood);
            }
            if ui.button(tr!(Cancel)).clicked() {
                actions.push(Command::CancelDelete);
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(Command::CancelDelete);
    }
    actions
}
