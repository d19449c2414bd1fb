//! The eframe glue: the frame loop (draw the panels, collect their commands, hand them to the
//! model), the jobs that need a thread, and the preferences. Every rule of the window lives in
//! the model (`crate::model`); this file only connects it to egui.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use crate::model::{Command, Effect, Memory, Model};
use crate::push;

use super::badge::{Badge, BadgeStatus};
use super::colors;
use super::i18n;
use super::jobs::{Finished, Jobs};
use super::prefs::Preferences;
use super::settings_dialog::{SettingsDialog, SettingsReply};
use super::settle::Settle;
use super::timing::Timing;
use super::{
    delete_dialog, details_panel, header, history_panel, keyboard, path_entry, problems_window,
    status_bar, table, welcome,
};
use crate::{tr, trn};

/// The key the preferences are saved under in eframe's storage.
const PREFS_KEY: &str = "preferences";

/// How the window starts: what the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// The folder to open (any PATH form); else the last one.
    pub folder: Option<PathBuf>,
    /// Open a fresh copy of the demo instead.
    pub demo: bool,
    /// Poll every so many seconds instead of using system notifications.
    pub poll: Option<f64>,
    /// Where the server settings are kept (default: [`push::config_dir`]).
    pub settings_dir: Option<PathBuf>,
}

/// The status line's message as the window shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownNotice {
    /// The sentence, in the window's language.
    pub text: String,
    /// Whether it reports a failure (drawn in the error colour).
    pub is_error: bool,
}

/// The whole window.
pub struct SessionsApp {
    /// What the window knows and decides.
    pub model: Model,
    /// The language chosen from the menu (`None`: the system's).
    pub language: Option<i18n::Language>,
    /// The system's language, looked up once.
    pub system_language: i18n::Language,
    /// The Server settings dialog, when open.
    pub settings_dialog: Option<SettingsDialog>,
    /// Whether the search field should take the keyboard focus this frame (Ctrl/Cmd+F).
    pub focus_search: bool,
    /// Whether the table should scroll the selected row into view this frame.
    scroll_to_selected: bool,
    jobs: Jobs,
    title: String,
    /// The number waiting on the app's icon in the dock or taskbar.
    badge: Badge,
    ctx: egui::Context,
    /// Open-to-rows times on stderr, when `MOBILE_SESSIONS_TIMING` asks for them.
    timing: Timing,
    /// Whether the reader was told the first frame is on screen.
    told_on_screen: bool,
    /// Runs a pass again when it asked for an immediate repaint (see `settle.rs`).
    settle: Settle,
}

impl SessionsApp {
    /// Creates the app with saved preferences (if any) and opens `folder`, the demo, or the
    /// last folder.
    pub fn new(ctx: &egui::Context, prefs: Preferences, start: Start) -> Self {
        let settings_dir = start.settings_dir.or_else(push::config_dir);
        let mut memory = prefs.memory;
        if start.poll.is_some() {
            memory.poll_seconds = start.poll;
        }
        let last = memory.last_folder.clone();
        let wake_ctx = ctx.clone();
        // News from other threads (the reader, the watcher) is drawn by one pass: egui answers
        // a request for an immediate repaint with two passes, to let layouts settle, and on a
        // software renderer each pass painted costs the reading of a big folder about a tenth
        // of a second of CPU.
        let wake = move || wake_ctx.request_repaint_after(std::time::Duration::from_millis(1));
        let mut app = SessionsApp {
            model: Model::new(memory, settings_dir, Arc::new(wake)),
            language: prefs.language,
            system_language: i18n::Language::system(),
            settings_dialog: None,
            focus_search: false,
            scroll_to_selected: false,
            jobs: Jobs::default(),
            title: String::new(),
            badge: Badge::default(),
            ctx: ctx.clone(),
            timing: Timing::from_env(),
            told_on_screen: false,
            settle: Settle::watch(ctx),
        };
        i18n::set_language(app.language());
        if start.demo {
            app.apply(Command::OpenDemo);
        } else if let Some(folder) = start.folder.or(last) {
            app.apply(Command::OpenFolder(folder));
        }
        app
    }

    /// Creates the app from eframe's creation context, restoring saved preferences.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, start: Start) -> Self {
        let prefs = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, PREFS_KEY))
            .unwrap_or_default();
        Self::new(&cc.egui_ctx, prefs, start)
    }

    /// What is saved between runs.
    pub fn prefs(&self) -> Preferences {
        Preferences {
            memory: self.model.memory.clone(),
            language: self.language,
        }
    }

    /// What the model remembers.
    pub fn memory(&self) -> &Memory {
        &self.model.memory
    }

    /// Whether a folder is being read.
    pub fn is_loading(&self) -> bool {
        self.model.is_loading()
    }

    /// The language the window speaks: the one chosen from the menu, else the system's.
    pub fn language(&self) -> i18n::Language {
        self.language.unwrap_or(self.system_language)
    }

    /// The status line's message as shown, in the window's language.
    pub fn notice(&self) -> Option<ShownNotice> {
        i18n::set_language(self.language());
        self.model.notice.as_ref().map(|notice| ShownNotice {
            text: super::notice_text(notice),
            is_error: notice.is_error(),
        })
    }

    /// Hands a command to the model and carries out what it asks of the window.
    pub fn apply(&mut self, command: Command) {
        let outcome = self.model.apply(command);
        for effect in outcome.effects {
            self.perform(effect);
        }
    }

    fn perform(&mut self, effect: Effect) {
        match effect {
            Effect::PickFolder => self
                .jobs
                .pick_folder(&self.ctx, tr!(PickFolderTitle).to_owned()),
            Effect::PickExport => {
                let name = if self.model.exporting_history {
                    "history.csv"
                } else {
                    "sessions.csv"
                };
                self.jobs
                    .pick_export(&self.ctx, tr!(ExportTitle).to_owned(), name)
            }
            Effect::Reveal(path) => self.jobs.reveal(&self.ctx, path),
            Effect::Copy(text) => self.ctx.copy_text(text),
            Effect::Push(target) => self.jobs.push(&self.ctx, target),
            Effect::OpenSettings {
                target,
                push_after_save,
            } => {
                let mut dialog = SettingsDialog::new(target, push_after_save);
                dialog.secret_place = self.model.secret_place();
                self.settings_dialog = Some(dialog);
            }
            Effect::CloseSettings => self.settings_dialog = None,
            Effect::ScrollToSelected => self.scroll_to_selected = true,
            Effect::Notify(alert) => self.jobs.notify(&self.ctx, alert),
            Effect::BringToFront => {
                self.ctx
                    .send_viewport_cmd(egui::ViewportCommand::Minimized(false));
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            }
        }
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        i18n::set_language(self.language());
        let ctx = ui.ctx().clone();
        self.timing.pass_start(&ctx);
        self.settle.begin_drawing(&ctx);
        // The second frame: the first is on screen.
        if !self.told_on_screen && ctx.cumulative_frame_nr() >= 1 {
            self.told_on_screen = true;
            crate::model::window_on_screen();
        }
        let mut commands = self.finished_jobs();
        self.model.in_background = in_background(&ctx);
        self.model.poll();
        self.send_alerts(&ctx);
        let dialog_open = self.settings_dialog.is_some();
        let keys = keyboard::shortcuts(ui, &self.model, dialog_open);
        self.focus_search |= keys.focus_search;
        if keys.close_settings {
            self.settings_dialog = None;
        }
        commands.extend(keys.commands);
        let view = header::View {
            focus_search: std::mem::take(&mut self.focus_search),
            language: self.language,
            system_language: self.system_language,
        };
        let header = header::ui(ui, &self.model, &view);
        commands.extend(header.commands);
        commands.extend(status_bar::ui(ui, &self.model));
        commands.extend(header::bulk_ui(ui, &self.model));
        if let (Some(details), Some(workspace)) = (&self.model.details, &self.model.workspace) {
            commands.extend(details_panel::ui(ui, details, workspace));
        }
        egui::CentralPanel::default()
            .frame(colors::central_panel_frame(ui.style()))
            .show(ui, |ui| {
                if let Some(workspace) = &self.model.workspace {
                    let view = table::View {
                        selection: &self.model.selection,
                        scroll_to_selected: std::mem::take(&mut self.scroll_to_selected),
                        extra_columns: &self.model.memory.extra_columns,
                    };
                    commands.extend(table::ui(ui, workspace, &view));
                } else if let Some(path) = self.model.opening_path() {
                    welcome::loading_ui(ui, path);
                } else {
                    commands.extend(welcome::ui(ui, &self.model));
                }
            });
        commands.extend(delete_dialog::ui(&ctx, &self.model));
        commands.extend(path_entry::ui(&ctx, &self.model));
        if let Some(dialog) = &mut self.settings_dialog {
            match dialog.ui(&ctx) {
                Some(SettingsReply::Command(command)) => commands.push(command),
                Some(SettingsReply::Test(target)) => self.jobs.test_connection(&ctx, target),
                None => {}
            }
        }
        if self.model.problems_open
            && let Some(workspace) = &self.model.workspace
        {
            commands.extend(problems_window::ui(&ctx, workspace));
        }
        if let (Some(view), Some(workspace)) = (&self.model.history_view, &self.model.workspace) {
            commands.extend(history_panel::ui(&ctx, view, workspace));
        }
        commands.extend(dropped_folders(&ctx));
        if let Some(language) = header.language {
            self.language = language;
            i18n::set_language(self.language());
        }
        for command in commands {
            self.apply(command);
        }
        self.update_title(&ctx);
        self.timing.pass_end(&ctx, &self.model);
        self.settle.end_pass(&ctx);
    }

    /// The results of background jobs, as commands for the model (a connection test's answer
    /// goes to the Server settings dialog).
    fn finished_jobs(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        for finished in self.jobs.finished() {
            match finished {
                Finished::Command(command) => commands.push(command),
                Finished::Tested(result) => {
                    if let Some(dialog) = &mut self.settings_dialog {
                        dialog.test_result = Some(match result {
                            Ok(reply) => Ok(tr!(ServerTestOk, status = reply.status)),
                            Err(error) => Err(super::errors::push_error(&error)),
                        });
                    }
                }
                Finished::Nothing => {}
            }
        }
        commands
    }

    /// The window title: the app's name, the folder, and how many new devices wait.
    pub fn title(&self) -> String {
        match &self.model.workspace {
            Some(workspace) => {
                let waiting = self.model.waiting();
                let folder = workspace.root().path().display();
                if waiting > 0 {
                    trn!(
                        WindowTitleWaitingOne,
                        WindowTitleWaiting,
                        waiting,
                        folder = folder
                    )
                } else {
                    tr!(WindowTitleFolder, folder = folder)
                }
            }
            None => tr!(AppName).to_owned(),
        }
    }

    /// Sends the notification of a burst of arrivals once it is due, and wakes up for the
    /// next one (issue 16).
    fn send_alerts(&mut self, ctx: &egui::Context) {
        let now = std::time::Instant::now();
        if let Some(effect) = self.model.alert_due(now) {
            self.perform(effect);
        }
        if let Some(wait) = self.model.alert_wait(now) {
            ctx.request_repaint_after(wait);
        }
    }

    /// What became of the dock or taskbar badge (issue 16).
    pub fn badge_status(&self) -> BadgeStatus {
        self.badge.status()
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        // The window's accessible name is its title (the tree is rebuilt every frame).
        super::a11y::name_window(ctx, &title);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// Whether the window is in the background or minimised, where a device that waits is told
/// by a desktop notification. A system that does not say counts as in the foreground.
fn in_background(ctx: &egui::Context) -> bool {
    ctx.input(|input| {
        let viewport = input.viewport();
        viewport.focused == Some(false) || viewport.minimized == Some(true)
    })
}

/// Folders dropped on the window, or handed over by macOS (Finder's Open With, the Dock).
fn dropped_folders(ctx: &egui::Context) -> Vec<Command> {
    let mut commands: Vec<Command> = crate::open_with::take_requested()
        .into_iter()
        .map(Command::OpenFolder)
        .collect();
    commands.extend(ctx.input(|input| {
        input
            .raw
            .dropped_files
            .iter()
            .map(|file| file.path().to_owned())
            .filter(|path| !path.as_os_str().is_empty())
            .map(Command::OpenFolder)
            .collect::<Vec<_>>()
    }));
    commands
}

impl eframe::App for SessionsApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.show(ui);
        // Beside the title, from the same number; the frame gives the window on Windows.
        self.badge.show(self.model.waiting(), frame);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        super::settle::drop_idle_focus_events(ctx, raw_input);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        colors::window_background(visuals)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs());
    }
}
