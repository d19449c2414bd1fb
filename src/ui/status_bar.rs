//! The status line: the folder, the counts (sessions, pending, problems), when the folder was
//! last read and how it is watched, and the latest message.

use eframe::egui::{self, RichText};

use crate::store::WatchMode;

use crate::model::Command;
use crate::model::{Model, WatchNote};
use crate::{tr, trn};

/// The message line: one line, elided when long (the whole message on hover), with its
/// Dismiss button always on screen at the right.
fn notice_ui(ui: &mut egui::Ui, model: &Model, actions: &mut Vec<Command>) {
    let Some(notice) = &model.notice else {
        return;
    };
    let text = super::notice_text(notice);
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button(tr!(Dismiss)).clicked() {
                actions.push(Command::DismissNotice);
            }
            if let crate::model::Notice::RevealFailed { path, .. } = notice
                && ui.small_button(tr!(CopyPath)).clicked()
            {
                actions.push(Command::Copy(path.display().to_string()));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let rich = RichText::new(&text);
                let rich = if notice.is_error() {
                    rich.color(super::colors::error_color(ui))
                } else {
                    rich
                };
                let label = ui.add(egui::Label::new(rich).truncate());
                // A polite live region: a screen reader reads each new message (with the
                // device it is about) once, without interrupting; its whole text, not the
                // part that fits.
                super::a11y::live_polite(ui.ctx(), label.id);
                ui.ctx()
                    .accesskit_node_builder(label.id, |node| node.set_value(text.as_str()));
                label.on_hover_text(&text);
            });
        });
    });
}

/// Draws the status line; returns what was clicked.
pub fn ui(ui: &mut egui::Ui, model: &Model) -> Vec<Command> {
    let mut actions = Vec::new();
    egui::Panel::bottom("status")
        .frame(super::colors::edge_panel_frame(ui.style()))
        .show(ui, |ui| {
            ui.add_space(2.0);
            // The message sits in a scope that is always made, with or without a message, so the
            // counts after it keep their ids (and a screen reader its place) when it is dismissed.
            let notice_id = ui.scope_id().with("notice");
            ui.scope_builder(egui::UiBuilder::new().scope_id(notice_id), |ui| {
                notice_ui(ui, model, &mut actions);
            });
            if let Some(workspace) = &model.workspace {
                ui.horizontal_wrapped(|ui| {
                    // Each part moves to the next line whole: in a wrapping row egui would
                    // otherwise break a label mid-phrase ("read" at the end of one line,
                    // "08:27:58 UTC" at the start of the next) when the window is narrow.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                    let (sessions, pending, problems) = workspace.totals();
                    // A deep folder is cut to the window's width rather than pushing the counts
                    // off it; the whole path is on hover.
                    let path = workspace.root().path().display().to_string();
                    ui.add(egui::Label::new(RichText::new(&path).monospace()).truncate())
                        .on_hover_text(format!("{path}\n{}", tr!(FolderHint)));
                    ui.separator();
                    ui.label(trn!(SessionsOne, SessionsMany, sessions));
                    ui.label(
                        RichText::new(trn!(PendingCountOne, PendingCount, pending)).color(
                            if pending > 0 {
                                super::colors::pending_color(ui)
                            } else {
                                ui.visuals().text_color()
                            },
                        ),
                    );
                    let problem_text = trn!(ProblemsOne, ProblemsMany, problems);
                    if problems > 0 {
                        if ui
                            .link(RichText::new(problem_text).color(super::colors::warn_color(ui)))
                            .on_hover_text(tr!(ProblemsHint))
                            .clicked()
                        {
                            actions.push(Command::ShowProblems(!model.problems_open));
                        }
                    } else {
                        ui.label(problem_text);
                    }
                    ui.separator();
                    match workspace.progress() {
                        Some((read, total)) => {
                            // No spinner: each chunk read wakes the window anyway, and a
                            // spinner would paint frames of its own, taking CPU from the
                            // reading.
                            ui.label(tr!(ReadingProgress, read = read, total = total));
                        }
                        None => {
                            // Watched live, the folder is as current as the last change seen.
                            ui.label(tr!(
                                ReadAt,
                                time = crate::time_text::clock_utc(workspace.last_read)
                            ))
                            .on_hover_text(tr!(ReadAtHint));
                        }
                    }
                    let polling = model.memory.poll_seconds;
                    let watching = match workspace.watch_mode() {
                        Some(WatchMode::Native) => tr!(WatchLive).to_owned(),
                        Some(WatchMode::Poll(every)) => {
                            tr!(WatchEvery, seconds = format!("{:.0}", every.as_secs_f64()))
                        }
                        None => tr!(WatchOff).to_owned(),
                    };
                    let watch_label = ui.label(tr!(WatchLabel));
                    let combo =
                        super::drop_down::show(ui, "watch mode", watching.as_str(), None, |ui| {
                            let live = ui.selectable_label(polling.is_none(), tr!(WatchLiveChoice));
                            if super::a11y::option(&live, polling.is_none()) {
                                if polling.is_some() {
                                    actions.push(Command::SetPolling(None));
                                }
                                ui.close();
                            }
                            let poll = ui
                                .selectable_label(polling.is_some(), tr!(WatchPollChoice))
                                .on_hover_text(tr!(WatchPollHint));
                            if super::a11y::option(&poll, polling.is_some()) {
                                if polling.is_none() {
                                    actions.push(Command::SetPolling(Some(2.0)));
                                }
                                ui.close();
                            }
                        });
                    let open = combo.inner.is_some();
                    let response = combo.response.labelled_by(watch_label.id);
                    super::a11y::describe_combo(&response, None, &watching, open);
                    let mut notify = model.notifications_on();
                    if ui
                        .checkbox(&mut notify, tr!(NotifyToggle))
                        .on_hover_text(tr!(NotifyToggleHint))
                        .changed()
                    {
                        actions.push(Command::SetNotifications(notify));
                    }
                    if workspace.root_gone {
                        ui.label(
                            RichText::new(tr!(FolderGone)).color(super::colors::error_color(ui)),
                        );
                    } else if let Some(note) = &workspace.watch_note {
                        let note = match note {
                            WatchNote::Polling(every) => {
                                tr!(PollingNote, seconds = format!("{:.1}", every.as_secs_f64()))
                            }
                            WatchNote::Error(text) => crate::safe_text::visible(text, 200),
                        };
                        ui.label(RichText::new(note).weak());
                    }
                });
            }
            ui.add_space(2.0);
        });
    actions
}
