//! The History panel: what changed in the open folder, newest first, with who changed it;
//! a search, a filter per app and per kind, and Export CSV. Every field comes from a device
//! or the system and is shown through `safe_text`, so it cannot disguise itself.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use crate::history::{Entry, Kind, OTHER_PROGRAM};
use crate::model::{Command, HistoryView, Workspace};
use crate::{safe_text, tr};

const ROW_HEIGHT: f32 = 22.0;

/// A kind's name in the window.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Status => tr!(KindStatus),
        Kind::Delete => tr!(KindDelete),
        Kind::Restore => tr!(KindRestore),
        Kind::Push => tr!(KindPush),
        Kind::LoggedIn => tr!(KindLoggedIn),
        Kind::Changed => tr!(KindChanged),
        Kind::Disappeared => tr!(KindDisappeared),
    }
}

/// Who made a change, in the window's language.
fn who_text(entry: &Entry) -> String {
    if entry.who == OTHER_PROGRAM {
        tr!(HistoryOtherProgram).to_owned()
    } else {
        safe_text::visible(&entry.who, 60)
    }
}

/// The status before and after: "pending -> accepted"; a push shows the server's answer.
fn status_text(entry: &Entry) -> String {
    let show = |value: &Option<String>| {
        value
            .as_deref()
            .map_or_else(|| "–".to_owned(), |text| safe_text::visible(text, 30))
    };
    match entry.kind {
        Kind::Push => show(&entry.after),
        _ => format!("{} -> {}", show(&entry.before), show(&entry.after)),
    }
}

/// The device and its e-mail, as one cell.
fn device_text(entry: &Entry) -> String {
    let device = safe_text::visible(&entry.device, 60);
    match (device.is_empty(), entry.email.is_empty()) {
        (_, true) => device,
        (true, false) => safe_text::visible(&entry.email, 60),
        (false, false) => format!("{device} ({})", safe_text::visible(&entry.email, 60)),
    }
}

/// The search field and the app and kind filters; returns the command for a change.
fn filters_ui(ui: &mut egui::Ui, view: &HistoryView, workspace: &Workspace) -> Option<Command> {
    let mut query = view.query.clone();
    let mut app = view.app.clone();
    let mut kind = view.kind;
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(tr!(HistorySearchLabel));
        changed |= ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text(tr!(HistorySearchHint))
                    .desired_width(160.0),
            )
            .labelled_by(label.id)
            .changed();
        let label = ui.label(tr!(HistoryAppLabel));
        let app_text = |folder: Option<&str>| match folder {
            None => tr!(HistoryAllApps).to_owned(),
            Some(folder) => safe_text::visible(&workspace.app_display_name(folder), 60),
        };
        let selected = app_text(app.as_deref());
        super::drop_down::show(ui, "history app", selected, Some(150.0), |ui| {
            changed |= ui
                .selectable_value(&mut app, None, app_text(None))
                .changed();
            for folder in view.apps() {
                changed |= ui
                    .selectable_value(&mut app, Some(folder.to_owned()), app_text(Some(folder)))
                    .changed();
            }
        })
        .response
        .labelled_by(label.id);
        let label = ui.label(tr!(HistoryKindLabel));
        let kind_text = |kind: Option<Kind>| kind.map_or(tr!(HistoryAllKinds), kind_label);
        super::drop_down::show(ui, "history kind", kind_text(kind), None, |ui| {
            changed |= ui
                .selectable_value(&mut kind, None, kind_text(None))
                .changed();
            for each in Kind::ALL {
                changed |= ui
                    .selectable_value(&mut kind, Some(each), kind_text(Some(each)))
                    .changed();
            }
        })
        .response
        .labelled_by(label.id);
    });
    changed.then_some(Command::FilterHistory { query, app, kind })
}

/// What the panel has to say about the history itself: how many entries are shown, lines
/// that could not be read, a failure, and where it is kept.
fn notes_ui(ui: &mut egui::Ui, view: &HistoryView, workspace: &Workspace) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(tr!(
                HistoryShown,
                shown = view.shown.len(),
                count = view.entries.len()
            ))
            .weak(),
        );
        match &workspace.journal.log {
            Some(log) => {
                let path = safe_text::visible(&log.path().display().to_string(), 200);
                ui.add(
                    egui::Label::new(RichText::new(tr!(HistoryKeptIn, path = path)).weak())
                        .truncate(),
                );
            }
            None => {
                ui.label(RichText::new(tr!(HistoryNotKept)).color(super::colors::warn_color(ui)));
            }
        }
    });
    if view.skipped > 0 {
        ui.label(
            RichText::new(tr!(HistorySkipped, count = view.skipped))
                .color(super::colors::warn_color(ui)),
        );
    }
    if let Some(error) = &view.error {
        let error = safe_text::visible(error, 300);
        ui.label(
            RichText::new(tr!(HistoryError, error = error)).color(ui.visuals().error_fg_color),
        );
    }
}

/// The entries, newest first.
fn table_ui(ui: &mut egui::Ui, view: &HistoryView, workspace: &Workspace) {
    if view.entries.is_empty() || view.shown.is_empty() {
        ui.add_space(8.0);
        let empty = if view.entries.is_empty() {
            tr!(HistoryEmpty)
        } else {
            tr!(HistoryNoneMatch)
        };
        ui.label(RichText::new(empty).weak());
        return;
    }
    let cell = |ui: &mut egui::Ui, text: String| {
        ui.add(egui::Label::new(text).truncate());
    };
    // Every column fits a 640 px window; wider windows give the device more room.
    let device_width = (ui.available_width() - 470.0).clamp(120.0, 320.0);
    egui::ScrollArea::horizontal()
        .id_salt("history horizontal")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("history table")
                .striped(true)
                .resizable(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink([false, false])
                .column(Column::initial(122.0).at_least(90.0).clip(true))
                .column(Column::initial(80.0).at_least(60.0).clip(true))
                .column(Column::initial(80.0).at_least(60.0).clip(true))
                .column(Column::initial(device_width).at_least(90.0).clip(true))
                .column(Column::initial(120.0).at_least(80.0).clip(true))
                .column(Column::remainder().at_least(70.0).clip(true))
                .header(ROW_HEIGHT, |mut header| {
                    for title in [
                        tr!(HistoryTimeColumn),
                        tr!(HistoryWhatColumn),
                        tr!(HistoryAppColumn),
                        tr!(HistoryDeviceColumn),
                        tr!(HistoryStatusColumn),
                        tr!(HistoryWhoColumn),
                    ] {
                        header.col(|ui| {
                            ui.label(RichText::new(title).strong());
                        });
                    }
                })
                .body(|body| {
                    body.rows(ROW_HEIGHT, view.shown.len(), |mut row| {
                        let Some(entry) = view
                            .shown
                            .get(row.index())
                            .and_then(|at| view.entries.get(*at))
                        else {
                            return;
                        };
                        let time = entry.time.replacen('T', " ", 1).replace('Z', "");
                        row.col(|ui| cell(ui, safe_text::visible(&time, 30)));
                        row.col(|ui| cell(ui, kind_label(entry.kind).to_owned()));
                        row.col(|ui| {
                            let app = if entry.app.is_empty() {
                                "–".to_owned()
                            } else {
                                workspace.app_display_name(&entry.app)
                            };
                            cell(ui, safe_text::visible(&app, 60));
                        });
                        row.col(|ui| cell(ui, device_text(entry)));
                        row.col(|ui| cell(ui, status_text(entry)));
                        row.col(|ui| cell(ui, who_text(entry)));
                    });
                });
        });
}

/// Draws the History panel; returns what was asked for.
pub fn ui(ctx: &egui::Context, view: &HistoryView, workspace: &Workspace) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new(tr!(HistoryTitle))
        .id(egui::Id::unique("history window"))
        .open(&mut open)
        .default_width((screen.width() - 40.0).clamp(300.0, 900.0))
        .default_height((screen.height() - 80.0).clamp(200.0, 560.0))
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(
                        !view.shown.is_empty(),
                        egui::Button::new(tr!(HistoryExportButton)),
                    )
                    .on_hover_text(tr!(HistoryExportHint))
                    .clicked()
                {
                    commands.push(Command::PickHistoryExport);
                }
                if ui.button(tr!(HistoryClose)).clicked() {
                    commands.push(Command::ShowHistory(false));
                }
            });
            commands.extend(filters_ui(ui, view, workspace));
            notes_ui(ui, view, workspace);
            ui.separator();
            table_ui(ui, view, workspace);
        });
    if !open {
        commands.push(Command::ShowHistory(false));
    }
    commands
}
