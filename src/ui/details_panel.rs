//! The details of the selected session, in a side panel: every field grouped, the decoded
//! connection token and whether it matches, each problem in words with 4D's `mobi` code, the
//! raw JSON with a copy button, and Show on disk….

use eframe::egui::{self, RichText};

use crate::store::{self, ProblemCode, Session};
use crate::{safe_text, tr};

use super::code_view::code_view;
use crate::model::{Command, Details, Workspace};

fn field(ui: &mut egui::Ui, name: &str, value: &str) {
    ui.label(RichText::new(name).weak());
    let shown = if value.is_empty() {
        "—".to_owned()
    } else {
        safe_text::visible(value, 200)
    };
    ui.add(egui::Label::new(shown).wrap());
    ui.end_row();
}

fn group(ui: &mut egui::Ui, title: &str, fields: &[(&str, &str)]) {
    ui.label(RichText::new(title).strong());
    egui::Grid::new(title)
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            for (name, value) in fields {
                field(ui, name, value);
            }
        });
    ui.add_space(6.0);
}

fn token_ui(ui: &mut egui::Ui, session: &Session, token: Option<&str>) {
    ui.label(RichText::new(tr!(ConnectionToken)).strong());
    match token.map(store::decode_token) {
        None => {
            ui.label(tr!(NoToken));
        }
        Some(Err(reason)) => {
            ui.label(RichText::new(reason).color(super::colors::error_color(ui)));
        }
        Some(Ok(ids)) => {
            egui::Grid::new("token")
                .num_columns(2)
                .spacing([12.0, 2.0])
                .show(ui, |ui| {
                    field(ui, tr!(AppId), &ids.app_id);
                    field(ui, tr!(SessionId), &ids.session_id);
                    field(ui, tr!(TeamId), &ids.team_id);
                });
            if session.has(ProblemCode::Token) {
                ui.label(RichText::new(tr!(TokenMismatch)).color(super::colors::warn_color(ui)));
            } else {
                ui.label(RichText::new(tr!(TokenMatches)).color(super::colors::ok_color(ui)));
            }
        }
    }
    ui.add_space(6.0);
}

/// Draws the panel; returns what was clicked.
pub fn ui(ui: &mut egui::Ui, details: &Details, workspace: &Workspace) -> Vec<Command> {
    let mut actions = Vec::new();
    // The table keeps room beside the panel: at 640 points a 360-point panel left the table
    // a single column, and a panel widened in a big window took the whole table when the
    // window was made small again. The size is a share of the window, checked every frame.
    let width = ui.available_width();
    egui::Panel::right("details")
        .frame(super::colors::edge_panel_frame(ui.style()))
        .default_size(360.0_f32.min(width * 0.45))
        .min_size(200.0_f32.min(width * 0.4))
        .max_size(width * 0.6)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(tr!(Details));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(tr!(Close)).clicked() {
                        actions.push(Command::CloseDetails);
                    }
                });
            });
            let Some(session) = workspace.session(&details.app, &details.id) else {
                ui.label(tr!(NoLongerOnDisk));
                return;
            };
            // Another row's details, or the panel opened again, start at the top. A scroll
            // position kept per session was not enough: coming back to a row showed it
            // scrolled to where it was left, below its problems. The panel remembers which
            // session it showed in which pass; a gap in the passes means it was closed.
            let shown_id = egui::Id::unique("details shown");
            let pass = ui.ctx().cumulative_pass_nr();
            let changed = ui.data_mut(|data| {
                let before = data.get_temp::<(String, String, u64)>(shown_id);
                data.insert_temp(shown_id, (details.app.clone(), details.id.clone(), pass));
                !before.is_some_and(|(app, id, seen)| {
                    app == details.app && id == details.id && seen + 1 >= pass
                })
            });
            let mut area = egui::ScrollArea::vertical().id_salt("details");
            if changed {
                area = area.vertical_scroll_offset(0.0);
            }
            area.show(ui, |ui| {
                // A broken file's details start with what is wrong with it.
                problems_ui(ui, session);
                let Some(info) = session.info.clone() else {
                    file_ui(ui, details, workspace, &mut actions);
                    return;
                };
                let simulator = match info.simulator {
                    Some(true) => tr!(Yes),
                    Some(false) => tr!(No),
                    None => "",
                };
                group(
                    ui,
                    tr!(GroupApp),
                    &[
                        (tr!(Name), &info.app_name),
                        (tr!(BundleId), &info.app_id),
                        (tr!(Version), &info.app_version),
                        (tr!(Team), info.team_id.as_deref().unwrap_or_default()),
                        (tr!(Folder), &details.app),
                    ],
                );
                group(
                    ui,
                    tr!(GroupDevice),
                    &[
                        (tr!(Device), &info.device),
                        (tr!(Os), &info.os),
                        (tr!(OsVersion), &info.os_version),
                        (tr!(DeviceId), &info.device_id),
                        (tr!(Simulator), simulator),
                    ],
                );
                group(
                    ui,
                    tr!(GroupUser),
                    &[(tr!(Email), &info.email), (tr!(Language), &info.language)],
                );
                group(
                    ui,
                    tr!(GroupSession),
                    &[
                        (tr!(SessionId), &session.id),
                        (tr!(Status), info.status_text.as_deref().unwrap_or_default()),
                        (tr!(Ip), &info.ip),
                    ],
                );
                let parsed = details
                    .raw
                    .as_ref()
                    .ok()
                    .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok());
                if let Some(parameters) = parsed
                    .as_ref()
                    .and_then(|value| value.get("parameters"))
                    .and_then(|value| value.as_object())
                {
                    // Set by the mobile app itself: shown as they are, compactly, each made safe.
                    let shown: Vec<(String, String)> = parameters
                        .iter()
                        .take(50)
                        .map(|(name, value)| {
                            let text = value
                                .as_str()
                                .map_or_else(|| value.to_string(), str::to_owned);
                            (safe_text::visible(name, 40), text)
                        })
                        .collect();
                    let fields: Vec<(&str, &str)> = shown
                        .iter()
                        .map(|(name, text)| (name.as_str(), text.as_str()))
                        .collect();
                    group(ui, tr!(CustomParameters), &fields);
                }
                let raw_token = parsed
                    .as_ref()
                    .and_then(|value| value.get("token"))
                    .and_then(|token| token.as_str())
                    .map(str::to_owned);
                token_ui(ui, session, raw_token.as_deref());
                if session.problems.is_empty() {
                    ui.label(RichText::new(tr!(ProblemsTitle)).strong());
                    ui.label(tr!(NoProblems));
                }
                file_ui(ui, details, workspace, &mut actions);
            });
        });
    actions
}

/// Each problem of a file, in words, with 4D's `mobi` code.
fn problems_ui(ui: &mut egui::Ui, session: &Session) {
    if session.problems.is_empty() {
        return;
    }
    ui.label(RichText::new(tr!(ProblemsTitle)).strong());
    for problem in &session.problems {
        let code = super::problems_window::code_with_mobi(problem.code);
        ui.label(RichText::new(code).color(super::colors::warn_color(ui)));
        ui.add(egui::Label::new(super::problems_window::explanation(problem.code)).wrap());
        ui.add(
            egui::Label::new(RichText::new(safe_text::visible(&problem.message, 400)).weak())
                .wrap(),
        );
    }
    ui.add_space(6.0);
}

/// The file: Show on disk…, Copy JSON, and its raw text.
fn file_ui(
    ui: &mut egui::Ui,
    details: &Details,
    workspace: &Workspace,
    actions: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr!(File)).strong());
        if ui.small_button(tr!(ShowOnDisk)).clicked() {
            actions.push(Command::Reveal(
                workspace.session_path(&details.app, &details.id),
            ));
        }
        if let Ok(text) = &details.raw
            && ui.small_button(tr!(CopyJson)).clicked()
        {
            actions.push(Command::Copy(text.clone()));
        }
    });
    match &details.raw {
        Ok(text) => code_view(ui, tr!(RawJson), text),
        Err(problem) => {
            ui.label(
                RichText::new(safe_text::visible(&problem.message, 300))
                    .color(super::colors::error_color(ui)),
            );
        }
    }
}
