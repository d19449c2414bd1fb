//! The session table: Device, Status (a drop-down that writes at once), OS and E-mail, sorted by
//! a click on a header. Only the rows in view are laid out, so 100,000 sessions scroll as
//! smoothly as ten. Every text from a file is made safe to show first.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use crate::store::{Session, Status};
use crate::{safe_text, tr, trn};

use crate::model::{Command, ExtraColumn, Selection, SortKey, Workspace};
use crate::store::ProblemCode;

use super::colors::{pending_color, problem_color};

/// Height of one row.
const ROW_HEIGHT: f32 = 24.0;

fn header_button(
    ui: &mut egui::Ui,
    text: &str,
    key: SortKey,
    workspace: &Workspace,
    actions: &mut Vec<Command>,
) -> egui::Response {
    let sort = workspace.sort();
    let sorted_here = sort.key == key;
    let column = text.to_lowercase();
    let hover = match (sorted_here, sort.descending) {
        (true, false) => tr!(SortedAscending, column = column),
        (true, true) => tr!(SortedDescending, column = column),
        (false, _) => tr!(SortBy, column = column),
    };
    let response = ui
        .add(egui::Button::new(RichText::new(text).strong()).frame(false))
        .on_hover_text(hover);
    if sorted_here {
        sort_arrow(ui, sort.descending);
    }
    if response.clicked() {
        actions.push(Command::SortBy(key));
    }
    response
}

/// A small triangle after the sorted column's name, pointing up for A to Z. Painted rather
/// than typed, because egui's bundled fonts have no arrow glyphs.
fn sort_arrow(ui: &mut egui::Ui, descending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    let color = ui.visuals().strong_text_color();
    let (top, bottom) = (rect.top() + 2.0, rect.bottom() - 2.0);
    let points = if descending {
        vec![
            egui::pos2(rect.left(), top),
            egui::pos2(rect.right(), top),
            egui::pos2(rect.center().x, bottom),
        ]
    } else {
        vec![
            egui::pos2(rect.left(), bottom),
            egui::pos2(rect.right(), bottom),
            egui::pos2(rect.center().x, top),
        ]
    };
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

/// How the table is to be shown this frame.
pub struct View<'a> {
    /// The selected rows.
    pub selection: &'a Selection,
    /// Whether to scroll the selected row into view.
    pub scroll_to_selected: bool,
    /// The optional columns to show.
    pub extra_columns: &'a BTreeSet<ExtraColumn>,
}

/// The header's right-click menu: which optional columns to show.
fn columns_menu(ui: &mut egui::Ui, shown: &BTreeSet<ExtraColumn>, actions: &mut Vec<Command>) {
    ui.label(RichText::new(tr!(Columns)).weak());
    for column in ExtraColumn::ALL {
        let mut on = shown.contains(&column);
        if ui.checkbox(&mut on, column_title(column)).clicked() {
            actions.push(Command::ToggleColumn(column));
            ui.close();
        }
    }
}

/// Draws the table of the selected app; returns what the user did.
pub fn ui(ui: &mut egui::Ui, workspace: &Workspace, view: &View<'_>) -> Vec<Command> {
    let mut actions = Vec::new();
    let Some(shown) = &workspace.shown else {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new(tr!(NoAppSessionInFolder)).weak());
        });
        empty_space_menu(ui, &mut actions);
        return actions;
    };
    let all_apps = workspace.shows_all_apps();
    let selected = view.selection.selected.as_ref();
    let extras: Vec<ExtraColumn> = view.extra_columns.iter().copied().collect();
    // When the columns do not fit (a narrow window, the details panel open), the table
    // scrolls sideways rather than cutting the last columns off.
    egui::ScrollArea::horizontal()
        .id_salt("sessions horizontal")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui);
            if view.scroll_to_selected
                && let Some(at) =
                    selected.and_then(|key| workspace.rows.iter().position(|row| row == key))
            {
                table = table.scroll_to_row(at, None);
            }
            let email_column = if extras.is_empty() {
                Column::remainder().at_least(120.0).clip(true)
            } else {
                Column::initial(220.0).at_least(100.0).clip(true)
            };
            table = table
                .id_salt(("sessions", shown.app(), extras.len()))
                .striped(true)
                .resizable(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink([false, true]);
            if all_apps {
                table = table.column(Column::initial(160.0).at_least(80.0).clip(true));
            }
            table = table
                .column(Column::initial(260.0).at_least(120.0).clip(true))
                .column(Column::initial(130.0).at_least(110.0))
                .column(Column::initial(130.0).at_least(80.0).clip(true))
                .column(email_column);
            for (at, _) in extras.iter().enumerate() {
                table = table.column(if at + 1 == extras.len() {
                    Column::remainder().at_least(90.0).clip(true)
                } else {
                    Column::initial(110.0).at_least(60.0).clip(true)
                });
            }
            table
                .header(ROW_HEIGHT, |mut header| {
                    if all_apps {
                        header.col(|ui| {
                            let response =
                                header_button(ui, tr!(App), SortKey::App, workspace, &mut actions);
                            response.context_menu(|ui| {
                                columns_menu(ui, view.extra_columns, &mut actions)
                            });
                        });
                    }
                    for (title, key) in [
                        (tr!(Device), SortKey::Device),
                        (tr!(Status), SortKey::Status),
                        (tr!(Os), SortKey::Os),
                        (tr!(Email), SortKey::Email),
                    ] {
                        header.col(|ui| {
                            let response = header_button(ui, title, key, workspace, &mut actions);
                            response.context_menu(|ui| {
                                columns_menu(ui, view.extra_columns, &mut actions)
                            });
                        });
                    }
                    for column in &extras {
                        header.col(|ui| {
                            let response = ui.add(
                                egui::Label::new(RichText::new(column_title(*column)).strong())
                                    .selectable(false)
                                    .sense(egui::Sense::click()),
                            );
                            response.context_menu(|ui| {
                                columns_menu(ui, view.extra_columns, &mut actions)
                            });
                        });
                    }
                })
                .body(|body| {
                    body.rows(ROW_HEIGHT, workspace.rows.len(), |mut row| {
                        let Some(key) = workspace.rows.get(row.index()) else {
                            return;
                        };
                        let Some(session) = workspace.session_at(key) else {
                            return;
                        };
                        let folder = &*key.app;
                        let unseen = workspace.unseen.contains(key);
                        let is_selected =
                            selected == Some(key) || view.selection.marked.contains(key);
                        row.set_selected(is_selected);
                        if all_apps {
                            row.col(|ui| {
                                cell_label(
                                    ui,
                                    safe_text::cell(&workspace.app_display_name(folder)),
                                )
                                .on_hover_text(safe_text::visible(folder, 200));
                            });
                        }
                        session_row(
                            &mut row,
                            folder,
                            session,
                            (unseen, is_selected),
                            &mut actions,
                        );
                        for column in &extras {
                            row.col(|ui| extra_cell(ui, *column, session));
                        }
                        let response = row.response();
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
                            response.on_hover_ui(|ui| device_tooltip(ui, session));
                        }
                    });
                });
        });
    empty_space_menu(ui, &mut actions);
    actions
}

/// Right-click below the rows: Refresh, as in the original.
fn empty_space_menu(ui: &mut egui::Ui, actions: &mut Vec<Command>) {
    let rest = ui.available_rect_before_wrap();
    if rest.height() <= 0.0 {
        return;
    }
    let response = ui.allocate_rect(rest, egui::Sense::click());
    response.context_menu(|ui| {
        if ui.button(tr!(Refresh)).clicked() {
            actions.push(Command::Refresh);
            ui.close();
        }
    });
}

/// The size of the small marks in a row (NEW, problem codes): the body text size minus two
/// points, small but still readable.
fn tag_size(ui: &egui::Ui) -> f32 {
    let body = egui::TextStyle::Body.resolve(ui.style()).size;
    (body - 2.0).max(9.0)
}

/// The header of an optional column.
fn column_title(column: ExtraColumn) -> &'static str {
    match column {
        ExtraColumn::AppVersion => tr!(AppVersion),
        ExtraColumn::Ip => tr!(Ip),
        ExtraColumn::Language => tr!(Language),
        ExtraColumn::Simulator => tr!(Simulator),
        ExtraColumn::LastChange => tr!(LastChange),
    }
}

fn cell_label(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    // Not selectable: a selectable label would take the right-click meant for the row's menu.
    ui.add(egui::Label::new(text).selectable(false).truncate())
}

fn session_row(
    row: &mut egui_extras::TableRow<'_, '_>,
    folder: &str,
    session: &Session,
    (unseen, selected): (bool, bool),
    actions: &mut Vec<Command>,
) {
    let Some(info) = &session.info else {
        // A file that is not a session object: shown, never hidden, and not editable. It is
        // named by its whole file name (cut only by the column, whole on hover), so two such
        // rows can be told apart.
        let problem = session.problems.first();
        let reason = problem
            .map(|problem| safe_text::visible(&problem.message, 600))
            .unwrap_or_default();
        row.col(|ui| {
            let name = safe_text::visible(&session.id, 80);
            // A link is not unreadable: it is refused on purpose, and says so.
            let text = if session.has(ProblemCode::Unsafe) {
                tr!(UnsafeFile, id = name)
            } else {
                tr!(UnreadableFile, id = name)
            };
            cell_label(ui, RichText::new(text).color(problem_color(ui, selected)))
                .on_hover_text(safe_text::visible(&session.id, 600));
        });
        row.col(|ui| {
            let code = problem.map_or(tr!(Problem), |problem| problem.code.as_str());
            cell_label(ui, RichText::new(code).color(problem_color(ui, selected)))
                .on_hover_text(&reason);
        });
        row.col(|ui| {
            let text = RichText::new(&reason);
            let text = if selected { text } else { text.weak() };
            cell_label(ui, text).on_hover_text(format!("{reason}\n\n{}", tr!(CannotEditHint)));
        });
        row.col(|_| {});
        return;
    };
    let status = info.status();
    let accepted = status == Some(Status::Accepted);
    let mut device_id = None;
    row.col(|ui| {
        ui.horizontal(|ui| {
            let mut text = RichText::new(safe_text::cell(&info.device));
            if accepted {
                text = text.strong();
            } else if status == Some(Status::Pending) {
                text = text.color(pending_color(ui));
            }
            device_id = Some(cell_label(ui, text).id);
            if unseen {
                cell_label(
                    ui,
                    RichText::new(tr!(New))
                        .size(tag_size(ui))
                        .strong()
                        .color(pending_color(ui)),
                )
                .on_hover_text(tr!(NewHint));
            }
            if let Some(problem) = session.problems.first() {
                let codes: Vec<&str> = session
                    .problems
                    .iter()
                    .map(|problem| problem.code.as_str())
                    .collect();
                cell_label(
                    ui,
                    RichText::new(format!("({})", codes.join(", ")))
                        .size(tag_size(ui))
                        .color(problem_color(ui, selected)),
                )
                .on_hover_text(safe_text::visible(&problem.message, 300));
            }
        });
    });
    row.col(|ui| {
        let shown = match status {
            Some(status) => status.as_str().to_owned(),
            None => safe_text::cell(info.status_text.as_deref().unwrap_or(tr!(StatusNone))),
        };
        let mut text = RichText::new(shown);
        if accepted {
            text = text.strong();
        } else {
            text = text.color(pending_color(ui));
        }
        let combo = egui::ComboBox::from_id_salt(("status", folder, &session.id))
            .selected_text(text)
            .width(100.0)
            .show_ui(ui, |ui| {
                for choice in Status::ALL {
                    if ui
                        .selectable_label(status == Some(choice), choice.as_str())
                        .clicked()
                        && status != Some(choice)
                    {
                        actions.push(Command::SetStatus {
                            app: folder.to_owned(),
                            id: session.id.to_string(),
                            status: choice,
                        });
                    }
                }
            });
        if let Some(device_id) = device_id {
            let _ = combo.response.labelled_by(device_id);
        }
    });
    row.col(|ui| {
        cell_label(
            ui,
            safe_text::cell(&format!("{} {}", info.os, info.os_version)),
        );
    });
    row.col(|ui| {
        if info.email.is_empty() {
            cell_label(ui, RichText::new(tr!(GuestInTable)).weak());
        } else {
            cell_label(ui, safe_text::cell(&info.email));
        }
    });
}

/// The device object, as the original showed it on hover.
fn device_tooltip(ui: &mut egui::Ui, session: &Session) {
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
fn extra_cell(ui: &mut egui::Ui, column: ExtraColumn, session: &Session) {
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
