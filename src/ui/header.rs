//! The header: the app drop-down (with pending and new counts), Refresh, Push, and the folder
//! and server buttons.

use eframe::egui;

use crate::{safe_text, tr, trn};

use crate::model::{Command, Model, Shown, Workspace};

use super::i18n::Language;
use super::{a11y, drop_down};

/// What the header needs besides the model.
pub struct View {
    /// Whether the search field takes the keyboard focus this frame.
    pub focus_search: bool,
    /// The language chosen from the menu (`None`: the system's).
    pub language: Option<Language>,
    /// The system's language.
    pub system_language: Language,
}

/// What the header asks for.
#[derive(Default)]
pub struct Output {
    /// Commands for the model.
    pub commands: Vec<Command>,
    /// A language chosen from the menu (`Some(None)`: the system's).
    pub language: Option<Option<Language>>,
}

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
fn language_menu(ui: &mut egui::Ui, view: &View, output: &mut Output) {
    let (chosen, system) = (view.language, view.system_language);
    ui.menu_button(tr!(LanguageMenu), |ui| {
        let system = tr!(LanguageSystem, language = system.name());
        if ui.selectable_label(chosen.is_none(), system).clicked() {
            output.language = Some(None);
            ui.close();
        }
        for language in Language::ALL {
            if ui
                .selectable_label(chosen == Some(language), language.name())
                .clicked()
            {
                output.language = Some(Some(language));
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(tr!(LanguageMenuHint));
}

/// The platform's name for the Ctrl key in shortcuts.
fn shortcut(key: &str) -> String {
    let modifier = if cfg!(target_os = "macos") {
        "Cmd"
    } else {
        "Ctrl"
    };
    format!("{modifier}+{key}")
}

/// Draws the header; returns what was clicked. Both rows wrap: at 640 px, or in a language
/// with longer words, controls move to the next line instead of overlapping or leaving the
/// window.
pub fn ui(ui: &mut egui::Ui, model: &Model, view: &View) -> Output {
    let mut output = Output::default();
    egui::Panel::top("header")
        .frame(super::colors::edge_panel_frame(ui.style()))
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                apps_ui(ui, model, &mut output);
                let has_folder = model.workspace.is_some();
                if ui
                    .add_enabled(has_folder, egui::Button::new(tr!(Refresh)))
                    .on_hover_text(tr!(RefreshHint, shortcut = shortcut("R")))
                    .clicked()
                {
                    output.commands.push(Command::Refresh);
                }
                let push_text = if model.pushing {
                    tr!(Pushing)
                } else {
                    tr!(Push)
                };
                let push = ui
                    .add_enabled(
                        model.push_needed() && !model.pushing,
                        egui::Button::new(push_text),
                    )
                    .on_hover_text(tr!(PushHint))
                    .on_disabled_hover_text(tr!(PushDisabledHint));
                if push.clicked() {
                    output.commands.push(Command::Push);
                }
                if model.pushing {
                    super::welcome::slow_spinner(ui);
                }
                // Undo always names the step it takes back.
                if let Some(last) = model.history.last() {
                    let hint = format!(
                        "{} ({})",
                        super::notices::undo_hint(&last.summary()),
                        shortcut("Z")
                    );
                    if ui.button(tr!(Undo)).on_hover_text(hint).clicked() {
                        output.commands.push(Command::Undo);
                    }
                }
                ui.separator();
                if ui.button(tr!(OpenFolderButton)).clicked() {
                    output.commands.push(Command::PickFolder);
                }
                if ui
                    .add_enabled(has_folder, egui::Button::new(tr!(ServerSettingsButton)))
                    .clicked()
                {
                    output.commands.push(Command::OpenSettings);
                }
                let history_open = model.history_view.is_some();
                if ui
                    .add_enabled(
                        has_folder,
                        egui::Button::new(tr!(HistoryButton)).selected(history_open),
                    )
                    .on_hover_text(tr!(HistoryHint))
                    .clicked()
                {
                    output.commands.push(Command::ShowHistory(!history_open));
                }
                // With a folder open the menu sits on the search row.
                if !has_folder {
                    language_menu(ui, view, &mut output);
                }
            });
            if let Some(workspace) = &model.workspace {
                ui.add_space(2.0);
                find_ui(ui, view, workspace, &mut output);
            }
            ui.add_space(2.0);
        });
    output
}

/// The app drop-down: All apps, then every app with what waits in it.
/// Up to this many app folders, the Apps list lays out every entry (each one reachable with
/// Tab and by a screen reader); beyond, only those scrolled into view.
const APPS_LISTED_IN_FULL: usize = 200;

fn apps_ui(ui: &mut egui::Ui, model: &Model, output: &mut Output) {
    let apps_label = ui.label(tr!(AppsLabel));
    let Some(workspace) = &model.workspace else {
        ui.label(egui::RichText::new(tr!(NoFolderOpen)).weak());
        return;
    };
    if workspace.index.apps.is_empty() {
        ui.label(egui::RichText::new(tr!(NoAppSession)).weak());
        return;
    }
    let shown = workspace.shown.clone().unwrap_or(Shown::AllApps);
    let selected_text = match &shown {
        Shown::AllApps => all_apps_label(workspace),
        Shown::App(folder) => app_label(workspace, folder),
    };
    // As wide as the label needs, up to 380 px, and never wider than half the window.
    let width = (ui.available_width() * 0.5).clamp(160.0, 380.0);
    let combo = drop_down::show(ui, "apps", selected_text.as_str(), Some(width), |ui| {
        let all = ui.selectable_label(shown == Shown::AllApps, all_apps_label(workspace));
        if a11y::option(&all, shown == Shown::AllApps) {
            output.commands.push(Command::SelectApp(Shown::AllApps));
            // A choice made through the accessibility action is no pointer click: close
            // the list here rather than leave it open.
            ui.close();
        }
        ui.separator();
        let order = workspace.app_order();
        let mut app_item = |ui: &mut egui::Ui, folder: &String| {
            let current = shown.app() == Some(folder);
            let item = ui.selectable_label(current, app_label(workspace, folder));
            if a11y::option(&item, current) {
                output
                    .commands
                    .push(Command::SelectApp(Shown::App(folder.to_owned())));
                ui.close();
            }
        };
        if order.len() <= APPS_LISTED_IN_FULL {
            for folder in order {
                app_item(ui, folder);
            }
        } else {
            // Thousands of app folders: only the entries in view are laid out, or the open
            // list would take the window's whole frame.
            let row_height = ui.spacing().interact_size.y;
            let height = (ui.spacing().combo_height - 2.0 * row_height).max(row_height);
            egui::ScrollArea::vertical()
                .max_height(height)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, order.len(), |ui, range| {
                    for folder in &order[range] {
                        app_item(ui, folder);
                    }
                });
        }
    });
    let open = combo.inner.is_some();
    let response = combo.response.labelled_by(apps_label.id);
    a11y::describe_combo(&response, None, &selected_text, open);
}

/// A status filter's name in the window.
fn filter_label(filter: crate::model::StatusFilter) -> &'static str {
    use crate::model::StatusFilter;
    match filter {
        StatusFilter::All => tr!(FilterAll),
        StatusFilter::Pending => tr!(FilterPending),
        StatusFilter::Accepted => tr!(FilterAccepted),
        StatusFilter::Problems => tr!(FilterProblems),
    }
}

/// The search field and the status filter, with how many sessions each filter shows.
fn find_ui(ui: &mut egui::Ui, view: &View, workspace: &Workspace, output: &mut Output) {
    use crate::model::StatusFilter;
    ui.horizontal_wrapped(|ui| {
        let search_label = ui.label(tr!(SearchLabel));
        let mut query = workspace.query.clone();
        let width = (ui.available_width() * 0.4).clamp(140.0, 320.0);
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text(tr!(SearchHint))
                    .desired_width(width),
            )
            .labelled_by(search_label.id)
            .on_hover_text(tr!(SearchTooltip, shortcut = shortcut("F")));
        if view.focus_search {
            field.request_focus();
        }
        if field.changed() {
            output.commands.push(Command::Filter {
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
            format!("{} ({})", filter_label(filter), counts[at])
        };
        let value = with_count(workspace.status_filter);
        let combo = drop_down::show(ui, "status filter", value.as_str(), None, |ui| {
            for filter in StatusFilter::ALL {
                let current = workspace.status_filter == filter;
                let item = ui.selectable_label(current, with_count(filter));
                if a11y::option(&item, current) {
                    output.commands.push(Command::Filter {
                        query: workspace.query.clone(),
                        status: filter,
                    });
                    ui.close();
                }
            }
        });
        let open = combo.inner.is_some();
        let response = combo.response.labelled_by(show_label.id);
        a11y::describe_combo(&response, None, &value, open);
        if !workspace.query.is_empty() || workspace.status_filter != StatusFilter::All {
            ui.label(
                egui::RichText::new(trn!(ShownCountOne, ShownCount, workspace.rows.len())).weak(),
            );
        }
        ui.separator();
        if ui
            .add_enabled(
                !workspace.rows.is_empty(),
                egui::Button::new(tr!(ExportButton)),
            )
            .on_hover_text(tr!(ExportHint))
            .clicked()
        {
            output.commands.push(Command::PickExport);
        }
        language_menu(ui, view, output);
    });
}

/// What can be done to several selected sessions at once. Drawn at the bottom of the window,
/// above the status line, so the rows do not move under the pointer when it appears.
pub fn bulk_ui(ui: &mut egui::Ui, model: &Model) -> Vec<Command> {
    use crate::store::Status;
    let mut commands = Vec::new();
    if !model.selection.is_many() {
        return commands;
    }
    let count = model.targets().len();
    egui::Panel::bottom("bulk")
        .frame(super::colors::edge_panel_frame(ui.style()))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(tr!(SelectedCount, count = count)).strong());
                let any = count > 0;
                if ui
                    .add_enabled(any, egui::Button::new(tr!(Accept)))
                    .clicked()
                {
                    commands.push(Command::BulkStatus(Status::Accepted));
                }
                if ui
                    .add_enabled(any, egui::Button::new(tr!(SetPending)))
                    .clicked()
                {
                    commands.push(Command::BulkStatus(Status::Pending));
                }
                if ui
                    .add_enabled(any, egui::Button::new(tr!(DeleteAsk)))
                    .clicked()
                {
                    commands.push(Command::AskBulkDelete);
                }
                if ui.button(tr!(ClearSelection)).clicked() {
                    commands.push(Command::ClearSelection);
                }
            });
        });
    commands
}
