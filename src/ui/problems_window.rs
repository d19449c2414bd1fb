//! The list of problem files: every file 4D would refuse (or that we refuse to touch), with
//! its app, code, 4D's `mobi` number, and what is wrong, and a way to reveal it.

use eframe::egui::{self, RichText};

use crate::store::ProblemCode;
use crate::{safe_text, tr};

use crate::model::Command;
use crate::model::Workspace;

/// A problem's code with 4D's own error number, when 4D has one: "token (4D error mobi 4)".
pub fn code_with_mobi(code: ProblemCode) -> String {
    match code.mobi() {
        Some(mobi) => tr!(CodeWithMobi, code = code, mobi = mobi),
        None => code.to_string(),
    }
}

/// What a problem means, in plain words.
pub fn explanation(code: ProblemCode) -> &'static str {
    match code {
        ProblemCode::Location => tr!(ExplainLocation),
        ProblemCode::Syntax => tr!(ExplainSyntax),
        ProblemCode::Schema => tr!(ExplainSchema),
        ProblemCode::Token => tr!(ExplainToken),
        ProblemCode::Unsafe => tr!(ExplainUnsafe),
        ProblemCode::Unreadable => tr!(ExplainUnreadable),
    }
}

/// The problems window's id.
fn window_id() -> egui::Id {
    egui::Id::unique("problems window")
}

/// Draws the problems window; returns what was clicked.
pub fn ui(ctx: &egui::Context, workspace: &Workspace) -> Vec<Command> {
    let mut actions = Vec::new();
    let mut open = true;
    let mut first_button = None;
    egui::Window::new(tr!(ProblemsTitle))
        .id(window_id())
        .open(&mut open)
        .default_width(720.0)
        .default_height(440.0)
        .show(ctx, |ui| {
            ui.label(RichText::new(tr!(ProblemsIntro)).weak());
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for finding in workspace.index.findings() {
                        ui.separator();
                        ui.horizontal(|ui| {
                            let code = code_with_mobi(finding.problem.code);
                            ui.label(
                                RichText::new(code)
                                    .strong()
                                    .color(super::colors::warn_color(ui)),
                            );
                            ui.label(safe_text::visible(finding.app, 60));
                            // The buttons first (from the right), then as much of the file
                            // name as fits between them, whole on hover.
                            let id = finding.id.unwrap_or(tr!(AppFolderItself));
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    // A link or unsafe file is never deleted from here.
                                    if let Some(id) = finding.id
                                        && finding.problem.code != ProblemCode::Unsafe
                                        && ui
                                            .small_button(tr!(DeleteAsk))
                                            .on_hover_text(tr!(DeleteFileHint))
                                            .clicked()
                                    {
                                        actions.push(Command::AskDelete {
                                            app: finding.app.to_owned(),
                                            id: id.to_owned(),
                                        });
                                    }
                                    let show = ui.small_button(tr!(ShowOnDisk));
                                    if show.clicked() {
                                        actions.push(Command::Reveal(finding.file.clone()));
                                    }
                                    first_button.get_or_insert(show.id);
                                    ui.with_layout(
                                        egui::Layout::left_to_right(egui::Align::Center),
                                        |ui| {
                                            ui.add(
                                                egui::Label::new(
                                                    RichText::new(safe_text::visible(id, 80))
                                                        .monospace()
                                                        .weak(),
                                                )
                                                .truncate(),
                                            )
                                            .on_hover_text(safe_text::visible(id, 200));
                                        },
                                    );
                                },
                            );
                        });
                        ui.label(explanation(finding.problem.code));
                        ui.add(
                            egui::Label::new(
                                RichText::new(safe_text::visible(&finding.problem.message, 400))
                                    .weak(),
                            )
                            .wrap(),
                        );
                    }
                });
        });
    super::a11y::name_title_bar(ctx, window_id(), tr!(ProblemsTitle));
    // Opened (by keyboard or not), the list takes the keyboard focus on its first file.
    if super::a11y::just_opened(ctx, window_id())
        && let Some(first) = first_button
    {
        ctx.memory_mut(|memory| memory.request_focus(first));
    }
    if !open {
        actions.push(Command::ShowProblems(false));
    }
    actions
}
