//! The header: the app drop-down (with pending and new counts), Refresh, Push, and the folder
//! and server buttons.

use eframe::egui;

use crate::{safe_text, tr, trn};

use super::actions::Action;
use super::app::SessionsApp;
use super::i18n::Language;
use super::workspace::{Shown, Workspace};

/// The label of an app in the drop-down: `<name> (<folder>)` and what waits in it.
fn app_label(workspace: &Workspace, folder: &str) -> String {
    let Some(app) = workspace.index.apps.get(folder) else {
        return safe_text::cell(folder);
    };
    let pending = workspace
        .counts
        .pending_by_app
        .get(folder)
        .copied()
        .unwrap_or_default();
    let label = safe_text::visible(&app.label(), 120);
    label + &waiting(pending, workspace.unseen_in(folder))
}

/// What waits in an app, after its name: " — 2 pending, 1 new" (nothing when nothing waits).
fn waiting(pending: usize, unseen: usize) -> String {
    let mut text = String::new();
    if pending > 0 {
        text.push_str(&trn!(PendingSuffixOne, PendingSuffix, pending));
    }
    if unseen > 0 {
        text.push_str(&trn!(NewSuffixOne, NewSuffix, unseen));
    }
    text
}

/// The label of the All apps entry: how many apps, and what waits in all of them.
fn all_apps_label(workspace: &Workspace) -> String {
    let label = tr!(AllApps, count = workspace.index.apps.len());
    label + &waiting(workspace.counts.pending, workspace.unseen.len())
}

/// The language menu: the system's language, or one chosen for this window.
fn language_menu(
    ui: &mut egui::Ui,
    chosen: Option<Language>,
    system: Language,
    actions: &mut Vec<Action>,
) {
    ui.menu_button(tr!(LanguageMenu), |ui| {
        let system = tr!(LanguageSystem, language = system.name());
        if ui.selectable_label(chosen.is_none(), system).clicked() {
            actions.push(Action::SetLanguage(None));
            ui.close();
        }
        for language in Language::ALL {
            if ui
                .selectable_label(chosen == Some(language), language.name())
                .clicked()
            {
                actions.push(Action::SetLanguage(Some(language)));
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(tr!(LanguageMenuHint));
}

/// Draws the header; returns what was clicked.
pub fn ui(ui: &mut egui::Ui, app: &SessionsApp) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::top("header").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let apps_label = ui.label(tr!(AppsLabel));
            match &app.workspace {
                Some(workspace) if workspace.index.apps.is_empty() => {
                    ui.label(egui::RichText::new(tr!(NoAppSession)).weak());
                }
                Some(workspace) => {
                    let shown = workspace.shown.clone().unwrap_or(Shown::AllApps);
                    let selected_text = match &shown {
                        Shown::AllApps => all_apps_label(workspace),
                        Shown::App(folder) => app_label(workspace, folder),
                    };
                    egui::ComboBox::from_id_salt("apps")
                        .selected_text(selected_text)
                        .width(380.0)
                        .show_ui(ui, |ui| {
                            if ui
                                .selectable_label(
                                    shown == Shown::AllApps,
                                    all_apps_label(workspace),
                                )
                                .clicked()
                            {
                                actions.push(Action::SelectApp(Shown::AllApps));
                            }
                            ui.separator();
                            for folder in workspace.app_order() {
                                if ui
                                    .selectable_label(
                                        shown.app() == Some(folder),
                                        app_label(workspace, folder),
                                    )
                                    .clicked()
                                {
                                    actions.push(Action::SelectApp(Shown::App(folder.to_owned())));
                                }
                            }
                        })
                        .response
                        .labelled_by(apps_label.id);
                }
                None => {
                    ui.label(egui::RichText::new(tr!(NoFolderOpen)).weak());
                }
            }
            let has_folder = app.workspace.is_some();
            let shortcut = if cfg!(target_os = "macos") {
                "Cmd+R"
            } else {
                "Ctrl+R"
            };
            if ui
                .add_enabled(has_folder, egui::Button::new(tr!(Refresh)))
                .on_hover_text(tr!(RefreshHint, shortcut = shortcut))
                .clicked()
            {
                actions.push(Action::Refresh);
            }
            let push_needed = app
                .workspace
                .as_ref()
                .is_some_and(|workspace| workspace.push_needed);
            let push_text = if app.pushing { tr!(Pushing) } else { tr!(Push) };
            let push = ui
                .add_enabled(push_needed && !app.pushing, egui::Button::new(push_text))
                .on_hover_text(tr!(PushHint))
                .on_disabled_hover_text(tr!(PushDisabledHint));
            if push.clicked() {
                actions.push(Action::Push);
            }
            if app.pushing {
                ui.spinner();
            }
            if let Some(last) = app.undo.last() {
                let shortcut = if cfg!(target_os = "macos") {
                    "Cmd+Z"
                } else {
                    "Ctrl+Z"
                };
                if ui
                    .button(tr!(Undo))
                    .on_hover_text(format!("{} ({shortcut})", last.describe()))
                    .clicked()
                {
                    actions.push(Action::Undo);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add_enabled(has_folder, egui::Button::new(tr!(ServerSettingsButton)))
                    .clicked()
                {
                    actions.push(Action::OpenSettings);
                }
                if ui.button(tr!(OpenFolderButton)).clicked() {
                    actions.push(Action::PickFolder);
                }
                // With a folder open the menu sits on the search row, where there is room.
                if app.workspace.is_none() {
                    language_menu(ui, app.prefs.language, app.system_language, &mut actions);
                }
            });
        });
        if let Some(workspace) = &app.workspace {
            ui.add_space(2.0);
            find_ui(ui, app, workspace, &mut actions);
            if app.marked.len() > 1 {
                bulk_ui(ui, app.marked.len(), &mut actions);
            }
        }
        ui.add_space(2.0);
    });
    actions
}

/// The search field and the status filter, with how many sessions each filter shows.
fn find_ui(ui: &mut egui::Ui, app: &SessionsApp, workspace: &Workspace, actions: &mut Vec<Action>) {
    use super::workspace::StatusFilter;
    ui.horizontal(|ui| {
        let search_label = ui.label(tr!(SearchLabel));
        let mut query = workspace.query.clone();
        let shortcut = if cfg!(target_os = "macos") {
            "Cmd+F"
        } else {
            "Ctrl+F"
        };
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text(tr!(SearchHint))
                    .desired_width(320.0),
            )
            .labelled_by(search_label.id)
            .on_hover_text(tr!(SearchTooltip, shortcut = shortcut));
        if app.focus_search {
            field.request_focus();
        }
        if field.changed() {
            actions.push(Action::Filter {
                query,
                status: workspace.status_filter,
            });
        }
        let show_label = ui.label(tr!(ShowLabel));
        let counts = workspace.counts.by_filter;
        let with_count = |filter: StatusFilter| {
            let at = StatusFilter::ALL
                .iter()
                .position(|known| *known == filter)
                .unwrap_or(0);
            format!("{} ({})", filter.label(), counts[at])
        };
        egui::ComboBox::from_id_salt("status filter")
            .selected_text(with_count(workspace.status_filter))
            .show_ui(ui, |ui| {
                for filter in StatusFilter::ALL {
                    if ui
                        .selectable_label(workspace.status_filter == filter, with_count(filter))
                        .clicked()
                    {
                        actions.push(Action::Filter {
                            query: workspace.query.clone(),
                            status: filter,
                        });
                    }
                }
            })
            .response
            .labelled_by(show_label.id);
        if !workspace.query.is_empty() || workspace.status_filter != StatusFilter::All {
            ui.label(
                egui::RichText::new(trn!(ShownCountOne, ShownCount, workspace.rows.len())).weak(),
            );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(tr!(ExportButton))
                .on_hover_text(tr!(ExportHint))
                .clicked()
            {
                actions.push(Action::PickExport);
            }
            language_menu(ui, app.prefs.language, app.system_language, actions);
        });
    });
}

/// What can be done to several selected sessions at once.
fn bulk_ui(ui: &mut egui::Ui, count: usize, actions: &mut Vec<Action>) {
    use crate::store::Status;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(tr!(SelectedCount, count = count)).strong());
        if ui.button(tr!(Accept)).clicked() {
            actions.push(Action::BulkStatus(Status::Accepted));
        }
        if ui.button(tr!(SetPending)).clicked() {
            actions.push(Action::BulkStatus(Status::Pending));
        }
        if ui.button(tr!(DeleteAsk)).clicked() {
            actions.push(Action::AskBulkDelete);
        }
        if ui.button(tr!(ClearSelection)).clicked() {
            actions.push(Action::ClearSelection);
        }
    });
}
