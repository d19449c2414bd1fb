//! The table's parts besides its layout: the device tooltip, the optional columns (App
//! version, IP, Language, Simulator, Last change), a row's clicks and menu, and what a screen
//! reader gets of a row and of the column borders.

use eframe::egui::{self, RichText, accesskit::Role};

use crate::model::{Command, ExtraColumn, Workspace};
use crate::store::{ProblemCode, Session};
use crate::{safe_text, tr, trn};

use super::a11y;
use super::table::{cell_label, column_title};

/// The device object, as the original showed it on hover.
pub(super) fn device_tooltip(ui: &mut egui::Ui, session: &Session) {
    let Some(info) = &session.info else { return };
    egui::Grid::new("device tooltip")
        .num_columns(2)
        .show(ui, |ui| {
            let simulator = match info.simulator {
                Some(true) => tr!(Yes),
                Some(false) => tr!(No),
                None => tr!(Unknown),
            };
            for (name, value) in [
                (tr!(Device), info.device.as_str()),
                (tr!(Os), info.os.as_str()),
                (tr!(Version), info.os_version.as_str()),
                (tr!(DeviceId), info.device_id.as_str()),
                (tr!(Simulator), simulator),
                (tr!(AppVersion), info.app_version.as_str()),
                (tr!(Ip), info.ip.as_str()),
                (tr!(Session), &*session.id),
            ] {
                ui.label(RichText::new(name).weak());
                ui.label(safe_text::visible(value, 100));
                ui.end_row();
            }
        });
}

/// How long ago a time was, in words ("3 min ago").
fn ago(time: std::time::SystemTime) -> String {
    let Ok(elapsed) = std::time::SystemTime::now().duration_since(time) else {
        return tr!(JustNow).to_owned();
    };
    match elapsed.as_secs() {
        0..60 => tr!(JustNow).to_owned(),
        seconds @ 60..3600 => tr!(MinutesAgo, count = seconds / 60),
        seconds @ 3600..86_400 => tr!(HoursAgo, count = seconds / 3600),
        seconds => trn!(DaysAgoOne, DaysAgo, (seconds / 86_400) as usize),
    }
}

/// One cell of an optional column.
pub(super) fn extra_cell(ui: &mut egui::Ui, column: ExtraColumn, session: &Session) {
    let Some(info) = &session.info else { return };
    match column {
        ExtraColumn::AppVersion => {
            cell_label(ui, safe_text::cell(&info.app_version));
        }
        ExtraColumn::Ip => {
            cell_label(ui, safe_text::cell(&info.ip));
        }
        ExtraColumn::Language => {
            cell_label(ui, safe_text::cell(&info.language));
        }
        ExtraColumn::Simulator => {
            cell_label(
                ui,
                match info.simulator {
                    Some(true) => tr!(SimulatorValue),
                    Some(false) => tr!(DeviceValue),
                    None => "",
                },
            );
        }
        ExtraColumn::LastChange => {
            if let Some(modified) = session.modified {
                cell_label(ui, ago(modified)).on_hover_text(crate::time_text::rfc3339(modified));
            }
        }
    }
}

/// What a screen reader says for a row when it takes the focus: the device, its status, OS and
/// e-mail (and app), as the cells show them.
pub(super) fn row_name(session: &Session, app: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(info) = &session.info {
        parts.push(safe_text::cell(&info.device));
        parts.push(match info.status() {
            Some(status) => status.as_str().to_owned(),
            None => safe_text::cell(info.status_text.as_deref().unwrap_or(tr!(StatusNone))),
        });
        parts.push(safe_text::cell(&format!("{} {}", info.os, info.os_version)));
        parts.push(if info.email.is_empty() {
            tr!(GuestInTable).to_owned()
        } else {
            safe_text::cell(&info.email)
        });
    } else {
        parts.push(tr!(
            UnreadableFile,
            id = safe_text::visible(&session.id, 80)
        ));
    }
    if let Some(app) = app {
        parts.push(safe_text::cell(app));
    }
    parts.join(", ")
}

/// Names the column borders that egui_extras makes focusable handles ("Resize the device
/// column"). Their ids follow egui_extras' own (`state_id.with("resize_column").with(i)`).
pub(super) fn name_resize_handles(
    ctx: &egui::Context,
    state_id: egui::Id,
    all_apps: bool,
    extras: &[ExtraColumn],
) {
    let mut titles = Vec::new();
    if all_apps {
        titles.push(tr!(App));
    }
    titles.extend([tr!(Device), tr!(Status), tr!(Os), tr!(Email)]);
    titles.extend(extras.iter().map(|column| column_title(*column)));
    for (at, title) in titles.into_iter().enumerate() {
        let id = state_id.with("resize_column").with(at);
        if !ctx.has_accesskit_node(id) {
            continue;
        }
        let name = tr!(ResizeColumn, column = title.to_lowercase());
        a11y::name_widget(ctx, id, Role::Splitter, &name);
    }
}

/// Passes the keyboard focus on when Tab has landed on a column's resize handle (they are for
/// the mouse; egui_extras makes them focusable). Called before the table is built, so that the
/// handle hands the focus on as it registers, in the direction Tab was going.
pub(super) fn skip_resize_handles(ctx: &egui::Context, state_id: egui::Id, columns: usize) {
    for at in 0..columns {
        let id = state_id.with("resize_column").with(at);
        if ctx.memory(|memory| memory.has_focus(id)) {
            let back = ctx.input(|input| input.modifiers.shift);
            ctx.memory_mut(|memory| {
                memory.move_focus(if back {
                    egui::FocusDirection::Previous
                } else {
                    egui::FocusDirection::Next
                })
            });
            ctx.request_repaint();
        }
    }
}

/// A row's clicks and right-click menu: select, mark, Show on disk, Delete.
pub(super) fn row_actions(
    response: &egui::Response,
    folder: &str,
    session: &Session,
    key: &crate::model::SessionKey,
    workspace: &Workspace,
    actions: &mut Vec<Command>,
) {
    if response.clicked() {
        let modifiers = response.ctx.input(|input| input.modifiers);
        if modifiers.shift || modifiers.command {
            actions.push(Command::Mark {
                key: key.clone(),
                range: modifiers.shift,
            });
        } else {
            actions.push(Command::Select(key.clone()));
        }
    }
    // The menu acts on the highlighted row: a right-click selects its row first.
    if response.secondary_clicked() {
        actions.push(Command::ContextSelect(key.clone()));
    }
    let path = workspace.session_path(folder, &session.id);
    let deletable = !session.has(ProblemCode::Unsafe);
    response.context_menu(|ui| {
        if ui.button(tr!(ShowOnDisk)).clicked() {
            actions.push(Command::Reveal(path.clone()));
            ui.close();
        }
        let delete = ui
            .add_enabled(deletable, egui::Button::new(tr!(Delete)))
            .on_disabled_hover_text(tr!(DeleteNotOffered));
        if delete.clicked() {
            actions.push(Command::AskDelete {
                app: folder.to_owned(),
                id: session.id.to_string(),
            });
            ui.close();
        }
    });
    if session.info.is_some() {
        response
            .clone()
            .on_hover_ui(|ui| device_tooltip(ui, session));
    }
}
