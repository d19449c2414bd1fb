//! The details of the selected session, in a side panel: every field grouped, the decoded
//! connection token and whether it matches, each problem in words with 4D's `mobi` code, the
//! raw JSON with a copy button, and Show on disk….

use eframe::egui::{self, RichText};

use crate::safe_text;
use crate::store::{self, Problem, ProblemCode, Session};

use super::actions::Action;
use super::workspace::Workspace;

/// The session shown in the panel, with what was read for it when it was selected.
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    /// The app folder.
    pub app: String,
    /// The session id.
    pub id: String,
    /// The file's text, pretty-printed, or why it could not be read.
    pub raw: Result<String, Problem>,
}

impl Details {
    /// Reads what the panel shows for one session (one small file, bounded in size).
    pub fn read(workspace: &Workspace, app: &str, id: &str) -> Self {
        Details {
            app: app.to_owned(),
            id: id.to_owned(),
            raw: store::session_text(&workspace.session_path(app, id)),
        }
    }
}

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
    ui.label(RichText::new("Connection token").strong());
    match token.map(store::decode_token) {
        None => {
            ui.label("The file has no token.");
        }
        Some(Err(reason)) => {
            ui.label(RichText::new(reason).color(ui.visuals().error_fg_color));
        }
        Some(Ok(ids)) => {
            egui::Grid::new("token")
                .num_columns(2)
                .spacing([12.0, 2.0])
                .show(ui, |ui| {
                    field(ui, "App id", &ids.app_id);
                    field(ui, "Session id", &ids.session_id);
                    field(ui, "Team id", &ids.team_id);
                });
            if session.has(ProblemCode::Token) {
                ui.label(
                    RichText::new("Does not match the file (see Problems).")
                        .color(ui.visuals().warn_fg_color),
                );
            } else {
                ui.label(
                    RichText::new("Matches the file.").color(egui::Color32::from_rgb(40, 150, 60)),
                );
            }
        }
    }
    ui.add_space(6.0);
}

/// Draws the panel; returns what was clicked.
pub fn ui(ui: &mut egui::Ui, details: &Details, workspace: &Workspace) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::right("details")
        .default_size(360.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Details");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Close").clicked() {
                        actions.push(Action::CloseDetails);
                    }
                });
            });
            let Some(session) = workspace.session(&details.app, &details.id) else {
                ui.label("This session is no longer on disk.");
                return;
            };
            egui::ScrollArea::vertical().show(ui, |ui| {
                let info = session.info.clone().unwrap_or_default();
                let simulator = match info.simulator {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                };
                group(
                    ui,
                    "App",
                    &[
                        ("Name", &info.app_name),
                        ("Bundle id", &info.app_id),
                        ("Version", &info.app_version),
                        ("Team", info.team_id.as_deref().unwrap_or_default()),
                        ("Folder", &details.app),
                    ],
                );
                group(
                    ui,
                    "Device",
                    &[
                        ("Device", &info.device),
                        ("OS", &info.os),
                        ("OS version", &info.os_version),
                        ("Device id", &info.device_id),
                        ("Simulator", simulator),
                    ],
                );
                group(
                    ui,
                    "User",
                    &[("E-mail", &info.email), ("Language", &info.language)],
                );
                group(
                    ui,
                    "Session",
                    &[
                        ("Session id", &session.id),
                        ("Status", info.status_text.as_deref().unwrap_or_default()),
                        ("IP", &info.ip),
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
                    group(ui, "Custom parameters", &fields);
                }
                let raw_token = parsed
                    .as_ref()
                    .and_then(|value| value.get("token"))
                    .and_then(|token| token.as_str())
                    .map(str::to_owned);
                token_ui(ui, session, raw_token.as_deref());
                ui.label(RichText::new("Problems").strong());
                if session.problems.is_empty() {
                    ui.label("None: 4D will keep this session when it reloads the files.");
                }
                for problem in &session.problems {
                    let code = match problem.code.mobi() {
                        Some(mobi) => format!("{} (4D error mobi {mobi})", problem.code),
                        None => problem.code.to_string(),
                    };
                    ui.label(RichText::new(code).color(ui.visuals().warn_fg_color));
                    ui.add(egui::Label::new(safe_text::visible(&problem.message, 400)).wrap());
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.label(RichText::new("File").strong());
                    if ui.small_button("Show on disk…").clicked() {
                        actions.push(Action::Reveal(
                            workspace.session_path(&details.app, &details.id),
                        ));
                    }
                    if let Ok(text) = &details.raw
                        && ui.small_button("Copy JSON").clicked()
                    {
                        actions.push(Action::Copy(text.clone()));
                    }
                });
                match &details.raw {
                    Ok(text) => {
                        let mut shown = text.clone();
                        let raw_label = ui.label(RichText::new("Raw JSON").weak());
                        ui.add(
                            egui::TextEdit::multiline(&mut shown)
                                .code_editor()
                                .interactive(false)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(raw_label.id);
                    }
                    Err(problem) => {
                        ui.label(
                            RichText::new(safe_text::visible(&problem.message, 300))
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                }
            });
        });
    actions
}
