//! The window's app: owns the preferences, the open folder and the dialogs; draws the panels
//! in order and applies the actions they return, in one place, at the end of the frame.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use eframe::egui;

use crate::push::{self, PushError, PushReply, PushSettings, PushTarget};
use crate::store::{DeletedTo, DemoFolder, Root, Status, StoreError, WatchMode};

use super::actions::Action;
use super::delete_dialog::DeleteDialog;
use super::errors;
use super::i18n;
use super::prefs::Preferences;
use super::settings_dialog::SettingsDialog;
use super::workspace::{LoadEvent, SessionKey, Workspace, start_loading};
use super::{header, problems_window, status_bar, table, welcome};
use crate::{safe_text, tr, trn};

/// The key the preferences are saved under in eframe's storage.
const PREFS_KEY: &str = "preferences";

/// A message in the status line: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// One sentence.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// Work running on another thread, whose result the window is waiting for.
struct Job<T> {
    result: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    fn spawn(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (sender, result) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        Job { result }
    }

    fn finished(&self) -> Option<T> {
        self.result.try_recv().ok()
    }
}

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

/// A change this window made, and what it takes to take it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// A status was changed from `previous`.
    Status {
        /// The app folder.
        app: String,
        /// The session id.
        id: String,
        /// The status before.
        previous: Status,
    },
    /// Several changes made at once (a bulk action), undone together.
    Batch(Vec<Undo>),
    /// A session file was deleted; its bytes are kept until the window closes.
    Delete {
        /// The app folder.
        app: String,
        /// The session id.
        id: String,
        /// What the store needs to put the very file back (bytes, permissions, trash).
        deleted: crate::store::Deleted,
    },
}

impl Undo {
    /// What undoing it will do, for the button's tooltip.
    pub fn describe(&self) -> String {
        match self {
            Undo::Status { previous, .. } => tr!(UndoStatus, status = previous),
            Undo::Delete { .. } => tr!(UndoDelete).to_owned(),
            Undo::Batch(changes) => tr!(UndoBatch, count = changes.len()),
        }
    }
}

/// A folder asked for, whose listing has not arrived yet.
struct Opening {
    root: Root,
    events: Receiver<LoadEvent>,
    demo: Option<DemoFolder>,
}

/// The whole window.
pub struct SessionsApp {
    /// What is remembered between runs.
    pub prefs: Preferences,
    /// The saved server settings, per folder.
    pub push_settings: PushSettings,
    /// The open folder, once read.
    pub workspace: Option<Workspace>,
    opening: Option<Opening>,
    /// The delete confirmation, when open.
    pub delete_dialog: Option<DeleteDialog>,
    /// The Server settings dialog, when open.
    pub settings_dialog: Option<SettingsDialog>,
    /// Whether the list of problem files is shown.
    pub problems_open: bool,
    /// The details panel, when open.
    pub details: Option<super::details_panel::Details>,
    /// The selected row.
    pub selected: Option<SessionKey>,
    /// The rows selected together (Ctrl/Cmd+click, Shift+click, Ctrl/Cmd+A), for bulk actions.
    pub marked: std::collections::BTreeSet<SessionKey>,
    /// The bulk delete confirmation: the sessions it is about.
    pub bulk_delete: Option<Vec<SessionKey>>,
    /// Whether the table should scroll the selected row into view this frame.
    scroll_to_selected: bool,
    /// The status line's message.
    pub notice: Option<Notice>,
    push_job: Option<Job<Result<PushReply, PushError>>>,
    test_job: Option<Job<Result<PushReply, PushError>>>,
    picker_job: Option<Job<Option<PathBuf>>>,
    export_job: Option<Job<Option<PathBuf>>>,
    /// Whether a push is waiting for its answer.
    pub pushing: bool,
    /// Whether the search field should take the keyboard focus this frame (Ctrl/Cmd+F).
    pub focus_search: bool,
    /// What this window changed, newest last, so it can be undone (Ctrl/Cmd+Z).
    pub undo: Vec<Undo>,
    reveal_failures: Option<Receiver<String>>,
    title: String,
    /// The system's language, looked up once.
    pub system_language: i18n::Language,
    settings_dir: Option<PathBuf>,
    ctx: egui::Context,
}

impl SessionsApp {
    /// Creates the app with saved preferences (if any) and opens `folder`, the demo, or the
    /// last folder.
    pub fn new(ctx: &egui::Context, prefs: Preferences, start: Start) -> Self {
        let settings_dir = start.settings_dir.or_else(push::config_dir);
        let mut app = SessionsApp {
            prefs,
            push_settings: settings_dir
                .as_deref()
                .map(PushSettings::load_from)
                .unwrap_or_default(),
            workspace: None,
            opening: None,
            delete_dialog: None,
            settings_dialog: None,
            problems_open: false,
            details: None,
            selected: None,
            marked: std::collections::BTreeSet::new(),
            bulk_delete: None,
            scroll_to_selected: false,
            notice: None,
            push_job: None,
            test_job: None,
            picker_job: None,
            export_job: None,
            pushing: false,
            focus_search: false,
            undo: Vec::new(),
            reveal_failures: None,
            title: String::new(),
            system_language: i18n::Language::system(),
            settings_dir,
            ctx: ctx.clone(),
        };
        if start.poll.is_some() {
            app.prefs.poll_seconds = start.poll;
        }
        i18n::set_language(app.language());
        if start.demo {
            app.apply(Action::OpenDemo);
        } else if let Some(folder) = start.folder.or_else(|| app.prefs.last_folder.clone()) {
            app.apply(Action::OpenFolder(folder));
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

    /// Whether a folder is being read.
    pub fn is_loading(&self) -> bool {
        self.opening.is_some()
            || self
                .workspace
                .as_ref()
                .is_some_and(|workspace| workspace.progress().is_some())
    }

    /// The language the window speaks: the one chosen from the menu, else the system's.
    pub fn language(&self) -> i18n::Language {
        self.prefs.language.unwrap_or(self.system_language)
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        i18n::set_language(self.language());
        let mut actions = self.poll_background();
        actions.extend(self.shortcuts(ui));
        actions.extend(header::ui(ui, self));
        self.focus_search = false;
        actions.extend(status_bar::ui(ui, self));
        if let (Some(details), Some(workspace)) = (&self.details, &self.workspace) {
            actions.extend(super::details_panel::ui(ui, details, workspace));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(workspace) = &self.workspace {
                let scroll = std::mem::take(&mut self.scroll_to_selected);
                let view = table::View {
                    marked: &self.marked,
                    selected: self.selected.as_ref(),
                    scroll_to_selected: scroll,
                    extra_columns: &self.prefs.extra_columns,
                };
                actions.extend(table::ui(ui, workspace, &view));
            } else if let Some(opening) = &self.opening {
                welcome::loading_ui(ui, opening.root.path());
            } else {
                actions.extend(welcome::ui(ui, &self.prefs, self.notice.as_ref()));
            }
        });
        let ctx = ui.ctx().clone();
        if let (Some(dialog), Some(workspace)) = (&self.delete_dialog, &self.workspace) {
            actions.extend(dialog.ui(&ctx, workspace));
        }
        if let (Some(ids), Some(workspace)) = (&self.bulk_delete, &self.workspace) {
            actions.extend(super::delete_dialog::bulk_ui(&ctx, workspace, ids));
        }
        if let Some(dialog) = &mut self.settings_dialog {
            actions.extend(dialog.ui(&ctx));
        }
        if self.problems_open
            && let Some(workspace) = &self.workspace
        {
            actions.extend(problems_window::ui(&ctx, workspace));
        }
        // Folders macOS asked us to open (Finder's Open With, a drop on the Dock icon).
        for path in crate::open_with::take_requested() {
            actions.push(Action::OpenFolder(path));
        }
        for path in ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .filter(|path| !path.as_os_str().is_empty())
                .collect::<Vec<_>>()
        }) {
            actions.push(Action::OpenFolder(path));
        }
        for action in actions {
            self.apply(action);
        }
        self.update_title(&ctx);
    }

    fn shortcuts(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let refresh = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::R);
        let find = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
        let mut actions = Vec::new();
        let Some(workspace) = &self.workspace else {
            return actions;
        };
        if ui.input_mut(|input| input.consume_shortcut(&refresh)) {
            actions.push(Action::Refresh);
        }
        if ui.input_mut(|input| input.consume_shortcut(&find)) {
            self.focus_search = true;
        }
        // A text field being edited keeps Ctrl/Cmd+Z for its own text.
        let undo = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
        if !ui.ctx().egui_wants_keyboard_input()
            && ui.input_mut(|input| input.consume_shortcut(&undo))
        {
            actions.push(Action::Undo);
        }
        let dialog_open = self.delete_dialog.is_some()
            || self.settings_dialog.is_some()
            || self.bulk_delete.is_some();
        if dialog_open {
            return actions;
        }
        let pressed = |key| ui.input(|input| input.key_pressed(key));
        // Esc clears the search first (even while typing in it), then the selection.
        if pressed(egui::Key::Escape) {
            if !workspace.query.is_empty() {
                actions.push(Action::Filter {
                    query: String::new(),
                    status: workspace.status_filter,
                });
            } else {
                actions.push(Action::ClearSelection);
            }
        }
        // The other keys belong to a text field while one is being edited.
        if ui.ctx().egui_wants_keyboard_input() {
            return actions;
        }
        let select_all = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::A);
        if ui.input_mut(|input| input.consume_shortcut(&select_all)) {
            actions.push(Action::MarkAll);
        }
        let step = match (pressed(egui::Key::ArrowDown), pressed(egui::Key::ArrowUp)) {
            (true, false) => Some(1isize),
            (false, true) => Some(-1),
            _ => None,
        };
        if let Some(step) = step {
            let at = self
                .selected
                .as_ref()
                .and_then(|key| workspace.rows.iter().position(|row| row == key));
            let next = match at {
                Some(at) => at
                    .saturating_add_signed(step)
                    .min(workspace.rows.len().saturating_sub(1)),
                None => 0,
            };
            if let Some(key) = workspace.rows.get(next) {
                actions.push(Action::MoveSelection(key.clone()));
            }
        }
        if self.marked.len() > 1 {
            // Several rows selected: Space accepts them all, or, when none is pending, sets
            // them all pending (as a group of check boxes toggles); Delete asks once for all.
            if pressed(egui::Key::Space) {
                let any_pending = self.marked.iter().any(|key| {
                    workspace
                        .session_at(key)
                        .is_some_and(|session| session.status() == Some(Status::Pending))
                });
                actions.push(Action::BulkStatus(if any_pending {
                    Status::Accepted
                } else {
                    Status::Pending
                }));
            }
            if pressed(egui::Key::Delete) || pressed(egui::Key::Backspace) {
                actions.push(Action::AskBulkDelete);
            }
        } else if let Some(key) = self.selected.clone() {
            if pressed(egui::Key::Enter) {
                actions.push(Action::Select(key.clone()));
            }
            if pressed(egui::Key::Space)
                && let Some(status) = workspace
                    .session_at(&key)
                    .and_then(|session| session.status())
            {
                actions.push(Action::SetStatus {
                    app: key.app.to_string(),
                    id: key.id.to_string(),
                    status: status.toggled(),
                });
            }
            if pressed(egui::Key::Delete) || pressed(egui::Key::Backspace) {
                actions.push(Action::AskDelete {
                    app: key.app.to_string(),
                    id: key.id.to_string(),
                });
            }
        }
        actions
    }

    /// Collects the results of background work: a folder read, a push, the folder picker, and
    /// the watcher's news.
    fn poll_background(&mut self) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(opening) = &self.opening {
            match opening.events.try_recv() {
                Ok(LoadEvent::Listed(index, total)) => {
                    let opening = self.opening.take().expect("checked above");
                    self.finish_listing(opening, *index, total);
                }
                Ok(LoadEvent::Failed(error)) => {
                    self.opening = None;
                    self.fail(errors::store_error(&error));
                }
                Ok(_) | Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => self.opening = None,
            }
        }
        if let Some(workspace) = &mut self.workspace {
            let was_reading = workspace.progress().is_some();
            workspace.poll();
            if let Some(error) = workspace.read_error.take() {
                self.fail(errors::store_error(&error));
            } else if was_reading && workspace.progress().is_none() {
                self.say(tr!(FolderRead).to_owned());
            }
        }
        if let Some(job) = &self.push_job
            && let Some(result) = job.finished()
        {
            self.push_job = None;
            self.pushing = false;
            match result {
                Ok(reply) => {
                    if let Some(workspace) = &mut self.workspace {
                        workspace.push_needed = false;
                    }
                    self.say(tr!(ServerReloaded, status = reply.status));
                }
                Err(error) => self.fail(tr!(PushFailed, error = errors::push_error(&error))),
            }
        }
        if let Some(job) = &self.test_job
            && let Some(result) = job.finished()
        {
            self.test_job = None;
            if let Some(dialog) = &mut self.settings_dialog {
                dialog.test_result = Some(match result {
                    Ok(reply) => Ok(tr!(ServerWorks, status = reply.status)),
                    Err(error) => Err(errors::push_error(&error)),
                });
            }
        }
        if let Some(failure) = self
            .reveal_failures
            .as_ref()
            .and_then(|failed| failed.try_recv().ok())
        {
            self.fail(failure);
        }
        if let Some(job) = &self.export_job
            && let Some(choice) = job.finished()
        {
            self.export_job = None;
            if let Some(file) = choice {
                actions.push(Action::ExportTo(file));
            }
        }
        if let Some(job) = &self.picker_job
            && let Some(choice) = job.finished()
        {
            self.picker_job = None;
            if let Some(folder) = choice {
                actions.push(Action::OpenFolder(folder));
            }
        }
        actions
    }

    /// The folder is listed: show it at once, while its sessions keep arriving.
    fn finish_listing(&mut self, opening: Opening, index: crate::store::Index, total: usize) {
        let mode = self
            .prefs
            .poll_seconds
            .map_or(WatchMode::Native, WatchMode::poll_seconds);
        let preferred = self.prefs.selected_app.get(opening.root.path()).cloned();
        let ctx = self.ctx.clone();
        let mut workspace = Workspace::loading(
            index,
            total,
            opening.events,
            mode,
            self.prefs.sort,
            preferred.as_deref(),
            move || ctx.request_repaint(),
        );
        if opening.demo.is_none() {
            self.prefs.opened(opening.root.path());
        }
        workspace.demo = opening.demo;
        self.workspace = Some(workspace);
        self.notice = None;
    }

    fn say(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            is_error: false,
        });
    }

    fn fail(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            is_error: true,
        });
    }

    fn open(&mut self, path: &Path, demo: Option<DemoFolder>) {
        match Root::locate(path) {
            Ok(root) => {
                self.workspace = None;
                self.delete_dialog = None;
                self.details = None;
                self.selected = None;
                self.problems_open = false;
                let ctx = self.ctx.clone();
                let events = start_loading(root.clone(), move || ctx.request_repaint());
                self.opening = Some(Opening { root, events, demo });
            }
            Err(error) => self.fail(errors::store_error(&error)),
        }
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::OpenFolder(path) => self.open(&path, None),
            Action::OpenDemo => match DemoFolder::create() {
                Ok(demo) => {
                    let path = demo.mobile_apps().to_owned();
                    self.open(&path, Some(demo));
                }
                Err(error) => self.fail(tr!(DemoCopyFailed, error = error)),
            },
            Action::PickFolder => {
                if self.picker_job.is_none() {
                    let title = tr!(PickFolderTitle);
                    self.picker_job = Some(Job::spawn(&self.ctx, move || {
                        rfd::FileDialog::new().set_title(title).pick_folder()
                    }));
                }
            }
            Action::SelectApp(shown) => {
                self.selected = None;
                self.marked.clear();
                self.details = None;
                if let Some(workspace) = &mut self.workspace {
                    self.prefs
                        .selected_app
                        .insert(workspace.root().path().to_owned(), shown.preference());
                    workspace.choose_app(shown);
                }
            }
            Action::Filter { query, status } => {
                if let Some(workspace) = &mut self.workspace {
                    workspace.set_filter(&query, status);
                }
            }
            Action::ToggleColumn(column) => {
                if !self.prefs.extra_columns.remove(&column) {
                    self.prefs.extra_columns.insert(column);
                }
            }
            Action::SortBy(key) => {
                self.prefs.sort = self.prefs.sort.clicked(key);
                if let Some(workspace) = &mut self.workspace {
                    workspace.set_sort(self.prefs.sort);
                }
            }
            Action::SetStatus { app, id, status } => {
                let Some(workspace) = &mut self.workspace else {
                    return;
                };
                match workspace.set_status(&app, &id, status) {
                    Ok(edit) if edit.written => {
                        if let Some(previous) =
                            edit.previous.as_deref().and_then(|text| text.parse().ok())
                        {
                            self.undo.push(Undo::Status { app, id, previous });
                        }
                        self.say(tr!(StatusSet, status = status));
                    }
                    Ok(_) => {}
                    Err(error) => self.fail(errors::store_error(&error)),
                }
            }
            Action::AskDelete { app, id } => {
                if let Some(session) = self
                    .workspace
                    .as_ref()
                    .and_then(|workspace| workspace.session(&app, &id))
                {
                    self.delete_dialog = Some(DeleteDialog::new(&app, session));
                }
            }
            Action::Delete { app, id } => {
                self.delete_dialog = None;
                let Some(workspace) = &mut self.workspace else {
                    return;
                };
                match workspace.delete(&app, &id) {
                    Ok(deleted) => {
                        let message = match deleted.to {
                            DeletedTo::Trash => tr!(MovedToTrash),
                            DeletedTo::Removed => tr!(FileRemoved),
                        };
                        if deleted.bytes.is_some() {
                            self.undo.push(Undo::Delete { app, id, deleted });
                        }
                        self.say(message.to_owned());
                    }
                    Err(error) => self.fail(errors::store_error(&error)),
                }
            }
            Action::CancelDelete => self.delete_dialog = None,
            Action::Select(key) => {
                let Some(workspace) = &self.workspace else {
                    return;
                };
                self.details = Some(super::details_panel::Details::read(
                    workspace, &key.app, &key.id,
                ));
                self.marked = std::iter::once(key.clone()).collect();
                self.selected = Some(key);
            }
            Action::MoveSelection(key) => {
                // The details panel, when open, follows the selection.
                if self.details.is_some() {
                    self.apply(Action::Select(key));
                } else {
                    self.selected = Some(key);
                }
                self.scroll_to_selected = true;
            }
            Action::ClearSelection => {
                if self.marked.len() > 1 {
                    self.marked.clear();
                } else {
                    self.selected = None;
                    self.marked.clear();
                    self.details = None;
                }
            }
            Action::Mark { key, range } => self.mark(key, range),
            Action::MarkAll => {
                if let Some(workspace) = &self.workspace {
                    self.marked = workspace.rows.iter().cloned().collect();
                }
            }
            Action::BulkStatus(status) => self.bulk_status(status),
            Action::AskBulkDelete => {
                if let Some(workspace) = &self.workspace {
                    self.bulk_delete = Some(self.marked_rows(workspace));
                }
            }
            Action::CancelBulkDelete => self.bulk_delete = None,
            Action::BulkDelete => self.bulk_delete_confirmed(),
            Action::CloseDetails => self.details = None,
            Action::Copy(text) => {
                self.ctx.copy_text(text);
                self.say(tr!(Copied).to_owned());
            }
            Action::Reveal(path) => {
                self.say(tr!(Revealing, path = path.display()));
                // Reveal may talk to D-Bus or start a file manager: never on the UI thread.
                // The message is worded here, as the language is the window thread's.
                let failed_text = tr!(RevealFailed);
                let ctx = self.ctx.clone();
                let (sender, failed) = mpsc::channel();
                std::thread::spawn(move || {
                    if let Err(error) = opener::reveal(&path) {
                        let _ = sender.send(i18n::fill_text(
                            failed_text,
                            &[("path", &path.display()), ("error", &error)],
                        ));
                        ctx.request_repaint();
                    }
                });
                self.reveal_failures = Some(failed);
            }
            Action::Refresh => {
                let Some(workspace) = &mut self.workspace else {
                    return;
                };
                let ctx = self.ctx.clone();
                workspace.refresh(move || ctx.request_repaint());
                self.say(tr!(ReadingAgain).to_owned());
            }
            Action::Push => self.push(),
            Action::OpenSettings => self.open_settings(false),
            Action::SaveSettings(target) => {
                let push_after = self
                    .settings_dialog
                    .as_ref()
                    .is_some_and(|dialog| dialog.push_after_save);
                self.settings_dialog = None;
                let Some(workspace) = &self.workspace else {
                    return;
                };
                self.push_settings
                    .folders
                    .insert(workspace.root().path().to_owned(), target);
                let saved = match &self.settings_dir {
                    Some(dir) => self.push_settings.save_to(dir),
                    None => Err(std::io::Error::other(tr!(NoSettingsFolder))),
                };
                if let Err(error) = saved {
                    self.fail(tr!(SettingsNotSaved, error = error));
                } else if push_after {
                    self.push();
                } else {
                    self.say(tr!(SettingsSaved).to_owned());
                }
            }
            Action::TestConnection(target) => {
                if let Some(dialog) = &mut self.settings_dialog {
                    dialog.test_result = None;
                }
                self.test_job = Some(Job::spawn(&self.ctx, move || push::push(&target)));
            }
            Action::CloseSettings => self.settings_dialog = None,
            Action::ShowProblems(open) => self.problems_open = open,
            Action::SetPolling(seconds) => {
                self.prefs.poll_seconds = seconds;
                let ctx = self.ctx.clone();
                let mode = seconds.map_or(WatchMode::Native, WatchMode::poll_seconds);
                if let Some(workspace) = &mut self.workspace {
                    workspace.restart_watcher(mode, move || ctx.request_repaint());
                }
            }
            Action::Undo => self.undo_last(),
            Action::PickExport => {
                if self.export_job.is_none() {
                    let title = tr!(ExportTitle);
                    self.export_job = Some(Job::spawn(&self.ctx, move || {
                        rfd::FileDialog::new()
                            .set_title(title)
                            .set_file_name("sessions.csv")
                            .add_filter("CSV", &["csv"])
                            .save_file()
                    }));
                }
            }
            Action::ExportTo(file) => {
                let Some(workspace) = &self.workspace else {
                    return;
                };
                let text = super::export::csv(workspace);
                let rows = workspace.rows.len();
                match std::fs::write(&file, text) {
                    Ok(()) => self.say(trn!(ExportedOne, Exported, rows, path = file.display())),
                    Err(error) => {
                        self.fail(tr!(CouldNotWrite, path = file.display(), error = error))
                    }
                }
            }
            Action::DismissNotice => self.notice = None,
            Action::SetLanguage(language) => {
                self.prefs.language = language;
                i18n::set_language(self.language());
            }
        }
    }

    fn undo_last(&mut self) {
        let (Some(workspace), Some(last)) = (&mut self.workspace, self.undo.pop()) else {
            return;
        };
        let result = undo_in(workspace, &last);
        match result {
            Ok(()) => self.say(tr!(Undone, what = last.describe().to_lowercase())),
            Err(error) => self.fail(tr!(CouldNotUndo, error = errors::store_error(&error))),
        }
    }

    /// Ctrl/Cmd+click (toggle) or Shift+click (range from the selected row).
    fn mark(&mut self, key: SessionKey, range: bool) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        if range {
            let anchor = self
                .selected
                .as_ref()
                .and_then(|anchor| workspace.rows.iter().position(|row| row == anchor))
                .unwrap_or(0);
            if let Some(at) = workspace.rows.iter().position(|row| *row == key) {
                let (from, to) = (anchor.min(at), anchor.max(at));
                self.marked = workspace.rows[from..=to].iter().cloned().collect();
            }
            return;
        }
        if let Some(selected) = &self.selected {
            self.marked.insert(selected.clone());
        }
        if !self.marked.remove(&key) {
            self.marked.insert(key.clone());
        }
        // An open details panel shows the row clicked last, as it follows the arrow keys.
        if self.details.is_some() {
            self.details = Some(super::details_panel::Details::read(
                workspace, &key.app, &key.id,
            ));
        }
        self.selected = Some(key);
    }

    /// The selected rows, in table order.
    fn marked_rows(&self, workspace: &Workspace) -> Vec<SessionKey> {
        workspace
            .rows
            .iter()
            .filter(|key| self.marked.contains(*key))
            .cloned()
            .collect()
    }

    /// The device names of sessions, for messages ("iPhone 12 (file abc…)").
    fn name_of(workspace: &Workspace, app: &str, id: &str) -> String {
        let device = workspace
            .session(app, id)
            .and_then(|session| session.info.as_ref())
            .map(|info| crate::safe_text::cell(&info.device))
            .unwrap_or_default();
        tr!(
            DeviceAndFile,
            device = device,
            id = safe_text::visible(id, 12)
        )
    }

    fn bulk_status(&mut self, status: Status) {
        let Some(keys) = self.workspace.as_ref().map(|ws| self.marked_rows(ws)) else {
            return;
        };
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let (mut changed, mut failures) = (Vec::new(), Vec::new());
        for SessionKey { app, id } in keys {
            // Each file is written on its own, atomically; one failure does not stop the rest.
            match workspace.set_status(&app, &id, status) {
                Ok(edit) if edit.written => {
                    if let Some(previous) =
                        edit.previous.as_deref().and_then(|text| text.parse().ok())
                    {
                        changed.push(Undo::Status {
                            app: app.to_string(),
                            id: id.to_string(),
                            previous,
                        });
                    }
                }
                Ok(_) => {}
                Err(error) => failures.push(format!(
                    "{}: {}",
                    Self::name_of(workspace, &app, &id),
                    errors::store_error(&error)
                )),
            }
        }
        let done = tr!(BulkSet, sessions = sessions(changed.len()), status = status);
        self.finish_bulk(done, ".", changed, &failures);
    }

    /// Ends a bulk action: one Undo step for all it changed, and one message that names every
    /// file that failed.
    fn finish_bulk(
        &mut self,
        done: String,
        success_tail: &str,
        changes: Vec<Undo>,
        failures: &[String],
    ) {
        if !changes.is_empty() {
            self.undo.push(Undo::Batch(changes));
        }
        if failures.is_empty() {
            self.say(format!("{done}{success_tail}"));
        } else {
            self.fail(failures_sentence(&done, failures));
        }
    }

    fn bulk_delete_confirmed(&mut self) {
        let Some(keys) = self.bulk_delete.take() else {
            return;
        };
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let (mut deleted, mut failures) = (Vec::new(), Vec::new());
        for SessionKey { app, id } in keys {
            let name = Self::name_of(workspace, &app, &id);
            match workspace.delete(&app, &id) {
                Ok(gone) => deleted.push(Undo::Delete {
                    app: app.to_string(),
                    id: id.to_string(),
                    deleted: gone,
                }),
                Err(error) => failures.push(format!("{name}: {}", errors::store_error(&error))),
            }
        }
        self.marked.clear();
        self.selected = None;
        self.details = None;
        let done = tr!(BulkDeleted, sessions = sessions(deleted.len()));
        self.finish_bulk(done, tr!(BulkDeletedTail), deleted, &failures);
    }

    /// The saved server target of the open folder.
    pub fn push_target(&self) -> Option<&PushTarget> {
        self.workspace
            .as_ref()
            .and_then(|workspace| self.push_settings.target(workspace.root().path()))
    }

    fn open_settings(&mut self, push_after_save: bool) {
        let target = self.push_target().cloned().unwrap_or_default();
        self.settings_dialog = Some(SettingsDialog::new(target, push_after_save));
    }

    fn push(&mut self) {
        let Some(target) = self.push_target().cloned() else {
            self.open_settings(true);
            return;
        };
        if self.push_job.is_none() {
            self.pushing = true;
            self.push_job = Some(Job::spawn(&self.ctx, move || push::push(&target)));
        }
    }

    /// The window title: the app's name, the folder, and how many new devices wait.
    pub fn title(&self) -> String {
        match &self.workspace {
            Some(workspace) => {
                let waiting = workspace.unseen.len();
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

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// Takes one change back; a batch is taken back newest first, and every part is tried.
fn undo_in(workspace: &mut Workspace, change: &Undo) -> Result<(), StoreError> {
    match change {
        Undo::Status { app, id, previous } => workspace.set_status(app, id, *previous).map(|_| ()),
        Undo::Delete { app, id, deleted } => workspace.restore(app, id, deleted),
        Undo::Batch(changes) => {
            // Every part is tried even when one fails; the first failure is reported.
            let mut result = Ok(());
            for change in changes.iter().rev() {
                let outcome = undo_in(workspace, change);
                if result.is_ok() {
                    result = outcome;
                }
            }
            result
        }
    }
}

/// "1 session", "3 sessions".
fn sessions(count: usize) -> String {
    trn!(SessionsOne, SessionsMany, count)
}

/// Describes which sessions of a bulk action failed and why, in one sentence.
fn failures_sentence(done: &str, failures: &[String]) -> String {
    let shown: Vec<&str> = failures.iter().take(5).map(String::as_str).collect();
    let more = failures.len().saturating_sub(shown.len());
    let more = if more > 0 {
        tr!(AndMoreInline, count = more)
    } else {
        String::new()
    };
    tr!(
        BulkFailures,
        done = done,
        count = failures.len(),
        failures = shown.join("; "),
        more = more
    )
}

impl eframe::App for SessionsApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
