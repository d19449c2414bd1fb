//! The session table: Device, Status (a drop-down that writes at once), OS and E-mail, sorted by
//! a click on a header. Only the rows in view are laid out, so 100,000 sessions scroll as
//! smoothly as ten. Every text from a file is made safe to show first.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use crate::store::{Session, Status};
use crate::{safe_text, tr};

use crate::model::{Command, ExtraColumn, Selection, SortKey, Workspace};
use crate::store::ProblemCode;

use super::colors::{pending_color, problem_color};
use super::table_cells::{
    extra_cell, name_resize_handles, row_actions, row_name, skip_resize_handles,
};
use super::{a11y, drop_down};

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
    if response.has_focus() {
        // A frameless button draws no focus ring of its own: draw the one framed buttons get.
        a11y::focus_ring(ui, response.rect);
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
    let columns = usize::from(all_apps) + 4 + extras.len();
    // Tab lands on one row (the selected one, else the first), and the arrows move from there.
    let focus_key = selected
        .filter(|key| workspace.rows.contains(key))
        .or(workspace.rows.first());
    let focus_row = focus_key.map(|key| row_id(&key.app, &key.id));
    // The table's own node: a screen reader announces a table, its rows, cells and headers.
    // A fixed id: the table stays the same node when the details panel opens or a message
    // comes and goes, so a screen reader keeps its place.
    let table_id = ui.scope_id().with("sessions table");
    ui.scope_builder(egui::UiBuilder::new().scope_id(table_id), |ui| {
        let table_node = a11y::Table::new(
            ui,
            tr!(SessionsTable),
            workspace.rows.len(),
            columns,
            focus_row,
        );
        // When the columns do not fit (a narrow window, the details panel open), the table
        // scrolls sideways rather than cutting the last columns off.
        egui::ScrollArea::horizontal()
            .id_salt("sessions horizontal")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let id_salt = ("sessions", shown.app(), extras.len());
                let handles = ui.scope_id().with(egui::IdSalt::new(id_salt));
                skip_resize_handles(ui.ctx(), handles, columns);
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
                // Cells take clicks but not the keyboard focus: Tab stops once at the table
                // (its row), not at every cell.
                table = table
                    .id_salt(id_salt)
                    .striped(true)
                    .resizable(true)
                    .sense(egui::Sense::CLICK)
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                    .auto_shrink([false, true])
                    // The scroll bar is laid out whether or not the rows fill the table, so it
                    // does not fade in when they outgrow it (or out when a filter leaves few):
                    // each frame of that fade is a whole frame painted, tens of milliseconds of
                    // CPU on a software renderer, taken from reading a big folder. With egui's
                    // floating bars it still shows only under the pointer.
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible);
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
                        let mut node = table_node.row(table_node.id.with("header"), 0);
                        if all_apps {
                            node.header(&mut header, tr!(App), |ui| {
                                let response = header_button(
                                    ui,
                                    tr!(App),
                                    SortKey::App,
                                    workspace,
                                    &mut actions,
                                );
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
                            node.header(&mut header, title, |ui| {
                                let response =
                                    header_button(ui, title, key, workspace, &mut actions);
                                response.context_menu(|ui| {
                                    columns_menu(ui, view.extra_columns, &mut actions)
                                });
                            });
                        }
                        for column in &extras {
                            node.header(&mut header, column_title(*column), |ui| {
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
                        let rect = header.response().rect;
                        let _ = node.finish(rect, tr!(ColumnsRow), None);
                    })
                    .body(|body| {
                        body.rows(ROW_HEIGHT, workspace.rows.len(), |mut row| {
                            let at = row.index();
                            let Some(key) = workspace.rows.get(at) else {
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
                            let mut node = table_node.row(row_id(folder, &session.id), at + 1);
                            let app_name = all_apps.then(|| workspace.app_display_name(folder));
                            if let Some(app_name) = &app_name {
                                node.cell(&mut row, |ui| {
                                    cell_label(ui, safe_text::cell(app_name))
                                        .on_hover_text(safe_text::visible(folder, 200));
                                });
                            }
                            session_row(
                                &mut row,
                                &mut node,
                                folder,
                                session,
                                (unseen, is_selected),
                                &mut actions,
                            );
                            for column in &extras {
                                node.cell(&mut row, |ui| extra_cell(ui, *column, session));
                            }
                            let response = row.response();
                            let name = row_name(session, app_name.as_deref());
                            if node.finish(response.rect, &name, Some(is_selected)) {
                                actions.push(Command::Select(key.clone()));
                            }
                            row_actions(&response, folder, session, key, workspace, &mut actions);
                        });
                    });
                name_resize_handles(ui.ctx(), handles, all_apps, &extras);
            });
    });
    empty_space_menu(ui, &mut actions);
    actions
}

/// The accessibility id of a session's row: stable while the row is shown, whatever its place.
fn row_id(folder: &str, id: &str) -> egui::Id {
    egui::Id::unique(("session row", folder, id))
}

/// Right-click below the rows: Refresh, as in the original.
fn empty_space_menu(ui: &mut egui::Ui, actions: &mut Vec<Command>) {
    let rest = ui.available_rect_before_wrap();
    if rest.height() <= 0.0 {
        return;
    }
    // Clicks only, no keyboard focus: an empty area is no stop for Tab (Ctrl+R refreshes).
    let response = ui.allocate_rect(rest, egui::Sense::CLICK);
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
pub(super) fn column_title(column: ExtraColumn) -> &'static str {
    match column {
        ExtraColumn::AppVersion => tr!(AppVersion),
        ExtraColumn::Ip => tr!(Ip),
        ExtraColumn::Language => tr!(Language),
        ExtraColumn::Simulator => tr!(Simulator),
        ExtraColumn::LastChange => tr!(LastChange),
    }
}

pub(super) fn cell_label(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    // Not selectable: a selectable label would take the right-click meant for the row's menu.
    ui.add(egui::Label::new(text).selectable(false).truncate())
}

fn session_row(
    row: &mut egui_extras::TableRow<'_, '_>,
    node: &mut a11y::Row,
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
        node.cell(row, |ui| {
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
        node.cell(row, |ui| {
            let code = problem.map_or(tr!(Problem), |problem| problem.code.as_str());
            cell_label(ui, RichText::new(code).color(problem_color(ui, selected)))
                .on_hover_text(&reason);
        });
        node.cell(row, |ui| {
            let text = RichText::new(&reason);
            let text = if selected { text } else { text.weak() };
            cell_label(ui, text).on_hover_text(format!("{reason}\n\n{}", tr!(CannotEditHint)));
        });
        node.cell(row, |_| {});
        return;
    };
    let status = info.status();
    let accepted = status == Some(Status::Accepted);
    node.cell(row, |ui| {
        ui.horizontal(|ui| {
            let mut text = RichText::new(safe_text::cell(&info.device));
            if accepted {
                text = text.strong();
            } else if status == Some(Status::Pending) {
                text = text.color(pending_color(ui));
            }
            cell_label(ui, text);
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
    node.cell(row, |ui| {
        let shown = match status {
            Some(status) => status.as_str().to_owned(),
            None => safe_text::cell(info.status_text.as_deref().unwrap_or(tr!(StatusNone))),
        };
        let mut text = RichText::new(&shown);
        if accepted {
            text = text.strong();
        } else {
            text = text.color(pending_color(ui));
        }
        let combo = drop_down::show(
            ui,
            ("status", folder, &session.id),
            text,
            Some(100.0),
            |ui| {
                for choice in Status::ALL {
                    let item = ui.selectable_label(status == Some(choice), choice.as_str());
                    if a11y::option(&item, status == Some(choice)) {
                        // Closed here too: a choice made through the accessibility action
                        // is not a pointer click, which is what closes the list by itself.
                        ui.close();
                    }
                    if item.clicked() && status != Some(choice) {
                        actions.push(Command::SetStatus {
                            app: folder.to_owned(),
                            id: session.id.to_string(),
                            status: choice,
                        });
                    }
                }
            },
        );
        let name = tr!(StatusOf, device = safe_text::cell(&info.device));
        a11y::describe_combo(&combo.response, Some(&name), &shown, combo.inner.is_some());
    });
    node.cell(row, |ui| {
        cell_label(
            ui,
            safe_text::cell(&format!("{} {}", info.os, info.os_version)),
        );
    });
    node.cell(row, |ui| {
        if info.email.is_empty() {
            cell_label(ui, RichText::new(tr!(GuestInTable)).weak());
        } else {
            cell_label(ui, safe_text::cell(&info.email));
        }
    });
}
