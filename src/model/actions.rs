//! What each command does to the window's state. The commands that write files are in
//! `writes.rs`.

use std::path::PathBuf;

use crate::store::{IfNoTrash, WatchMode};

use super::command::{Command, Effect, Outcome};
use super::filter::SessionKey;
use super::notice::{DialogKind, ExportRefusal, Notice};
use super::{Confirm, Details, Model, PathEntry};

impl Model {
    /// Carries out one command.
    pub(super) fn carry_out(&mut self, command: Command) -> Outcome {
        match command {
            Command::OpenFolder(path) => {
                self.path_entry = None;
                self.open(&path, None)
            }
            Command::OpenDemo => self.open_demo(),
            Command::PickFolder => Outcome::effect(Effect::PickFolder),
            Command::FolderPicked(Ok(Some(path))) => self.carry_out(Command::OpenFolder(path)),
            Command::FolderPicked(Ok(None)) => Outcome::none(),
            Command::ExportPicked(Ok(None)) => {
                self.exporting_history = false;
                Outcome::none()
            }
            Command::FolderPicked(Err(kind)) | Command::ExportPicked(Err(kind)) => {
                self.path_entry = Some(PathEntry {
                    kind,
                    text: String::new(),
                });
                Outcome::say(Notice::NoDialog(kind))
            }
            Command::EditPath(text) => {
                if let Some(entry) = &mut self.path_entry {
                    entry.text = text;
                }
                Outcome::none()
            }
            Command::SubmitPath => self.submit_path(),
            Command::CancelPath => {
                self.path_entry = None;
                self.exporting_history = false;
                Outcome::none()
            }
            Command::SelectApp(shown) => {
                self.selection.clear();
                self.details = None;
                if let Some(workspace) = &mut self.workspace {
                    self.memory
                        .selected_app
                        .insert(workspace.root().path().to_owned(), shown.preference());
                    workspace.choose_app(shown);
                }
                Outcome::none()
            }
            Command::Filter { query, status } => {
                if let Some(workspace) = &mut self.workspace {
                    workspace.set_filter(&query, status);
                }
                self.keep_selection_shown();
                Outcome::none()
            }
            Command::ToggleColumn(column) => {
                if !self.memory.extra_columns.remove(&column) {
                    self.memory.extra_columns.insert(column);
                }
                Outcome::none()
            }
            Command::SortBy(key) => {
                self.memory.sort = self.memory.sort.clicked(key);
                if let Some(workspace) = &mut self.workspace {
                    workspace.set_sort(self.memory.sort);
                }
                Outcome::none()
            }
            Command::SetStatus { app, id, status } => self.set_status(&app, &id, status),
            Command::ToggleStatus => self.toggle_status(),
            Command::BulkStatus(status) => self.bulk_status(status),
            Command::AskDelete { app, id } => self.ask_delete(&app, &id),
            Command::AskDeleteSelection => {
                let targets = self.targets();
                match targets.as_slice() {
                    [] => Outcome::none(),
                    [one] => self.ask_delete(&one.app.clone(), &one.id.clone()),
                    _ => self.carry_out(Command::AskBulkDelete),
                }
            }
            Command::Delete { app, id } => {
                self.confirm = None;
                self.delete_one(&app, &id)
            }
            Command::CancelDelete | Command::CancelBulkDelete => {
                self.confirm = None;
                Outcome::none()
            }
            Command::AskBulkDelete => {
                let targets = self.targets();
                if !targets.is_empty() {
                    self.confirm = Some(Confirm::BulkDelete(targets));
                }
                Outcome::none()
            }
            Command::BulkDelete => self.bulk_delete(),
            Command::DeleteForGood => match self.confirm.take() {
                Some(Confirm::DeleteForGood(keys)) => {
                    self.delete_keys(keys, IfNoTrash::RemoveForGood)
                }
                other => {
                    self.confirm = other;
                    Outcome::none()
                }
            },
            Command::Select(key) => {
                self.select(key, true);
                Outcome::none()
            }
            Command::ContextSelect(key) => {
                if self.selection.selected.as_ref() != Some(&key) || self.selection.is_many() {
                    let follow = self.details.is_some();
                    self.select(key, follow);
                }
                Outcome::none()
            }
            Command::MoveSelection(key) => {
                let follow = self.details.is_some();
                self.select(key, follow);
                Outcome::effect(Effect::ScrollToSelected)
            }
            Command::Mark { key, range } => {
                if range {
                    let rows = self.rows().to_vec();
                    self.selection.extend_to(&key, &rows);
                } else {
                    self.selection.toggle(key);
                    // An open details panel shows the selected row (the one clicked last, or
                    // one still selected when the click took a row out).
                    if self.details.is_some() {
                        match self.selection.selected.clone() {
                            Some(selected) => self.show_details(&selected),
                            None => self.details = None,
                        }
                    }
                }
                Outcome::none()
            }
            Command::MarkAll => {
                let rows = self.rows().to_vec();
                self.selection.select_all(&rows);
                Outcome::none()
            }
            Command::ClearSelection => {
                if self.selection.is_many() {
                    self.selection.marked.clear();
                } else {
                    self.selection.clear();
                    self.details = None;
                }
                Outcome::none()
            }
            Command::Escape => self.escape(),
            Command::CloseDetails => {
                self.details = None;
                Outcome::none()
            }
            Command::Copy(text) => Outcome {
                notice: Some(Notice::Copied),
                effects: vec![Effect::Copy(text)],
            },
            Command::Reveal(path) => Outcome {
                notice: Some(Notice::Revealing(path.clone())),
                effects: vec![Effect::Reveal(path)],
            },
            Command::RevealFinished { path, result } => Outcome::say(match result {
                Ok(()) => Notice::Revealed(path),
                Err(reason) => Notice::RevealFailed { path, reason },
            }),
            Command::Refresh => match &mut self.workspace {
                Some(workspace) => {
                    let wake = self.wake.clone();
                    workspace.refresh(move || wake());
                    Outcome::say(Notice::ReadingAgain)
                }
                None => Outcome::none(),
            },
            Command::Push => self.push(),
            Command::PushFinished(result) => {
                self.pushing = false;
                match result {
                    Ok(reply) => {
                        // Only what the server saw is pushed: the folder the push was for, as
                        // it was when the push was sent.
                        if let Some((folder, writes)) = self.push_sent.take() {
                            match &mut self.workspace {
                                Some(workspace) if workspace.root().path() == folder => {
                                    workspace.record_push(reply.status);
                                    if workspace.writes == writes {
                                        workspace.push_needed = false;
                                    }
                                }
                                _ => {
                                    self.memory.unpushed.remove(&folder);
                                }
                            }
                        }
                        Outcome::say(Notice::Pushed {
                            status: reply.status,
                        })
                    }
                    Err(error) => Outcome::say(Notice::PushFailed(error)),
                }
            }
            Command::OpenSettings => Outcome::effect(Effect::OpenSettings {
                target: self.push_target().cloned().unwrap_or_default(),
                push_after_save: false,
            }),
            Command::SaveSettings { target, push_after } => self.save_settings(target, push_after),
            Command::CloseSettings => Outcome::effect(Effect::CloseSettings),
            Command::ShowProblems(open) => {
                self.problems_open = open;
                Outcome::none()
            }
            Command::SetPolling(seconds) => {
                self.memory.poll_seconds = seconds;
                let mode = seconds.map_or(WatchMode::Native, WatchMode::poll_seconds);
                if let Some(workspace) = &mut self.workspace {
                    let wake = self.wake.clone();
                    workspace.restart_watcher(mode, move || wake());
                }
                Outcome::none()
            }
            Command::Undo => self.undo(),
            Command::PickExport => {
                self.exporting_history = false;
                Outcome::effect(Effect::PickExport)
            }
            Command::PickHistoryExport => {
                self.exporting_history = self.history_view.is_some();
                Outcome::effect(Effect::PickExport)
            }
            Command::ShowHistory(open) => self.show_history(open),
            Command::FilterHistory { query, app, kind } => self.filter_history(query, app, kind),
            Command::ExportPicked(Ok(Some(path))) | Command::ExportTo(path) => {
                self.export(path, false)
            }
            Command::DismissNotice => {
                self.notice = None;
                Outcome::none()
            }
            command @ (Command::SetNotifications(_)
            | Command::ShowSession(_)
            | Command::NotificationFailed(_)) => self.carry_out_alert(command),
        }
    }

    /// Selects one row alone; the details panel shows it when `details` (or follows it).
    fn select(&mut self, key: SessionKey, details: bool) {
        if details {
            self.show_details(&key);
        }
        self.selection.select(key);
    }

    fn show_details(&mut self, key: &SessionKey) {
        if let Some(workspace) = &self.workspace {
            self.details = Some(Details::read(workspace, &key.app, &key.id));
        }
    }

    /// Esc closes the innermost thing open, one per press: a confirmation, the path field, the
    /// problems list, the search, the rows selected together, then the selection and details.
    fn escape(&mut self) -> Outcome {
        if self.confirm.take().is_some() || self.path_entry.take().is_some() {
            return Outcome::none();
        }
        if self.problems_open {
            self.problems_open = false;
            return Outcome::none();
        }
        if self.history_view.take().is_some() {
            return Outcome::none();
        }
        if let Some(workspace) = &self.workspace
            && !workspace.query.is_empty()
        {
            let status = workspace.status_filter;
            return self.carry_out(Command::Filter {
                query: String::new(),
                status,
            });
        }
        self.carry_out(Command::ClearSelection)
    }

    fn push(&mut self) -> Outcome {
        let Some(target) = self.push_target().cloned() else {
            return Outcome::effect(Effect::OpenSettings {
                target: crate::push::PushTarget::default(),
                push_after_save: true,
            });
        };
        if self.pushing {
            return Outcome::none();
        }
        self.pushing = true;
        self.push_sent = self
            .workspace
            .as_ref()
            .map(|workspace| (workspace.root().path().to_owned(), workspace.writes));
        Outcome::effect(Effect::Push(target))
    }

    fn save_settings(&mut self, target: crate::push::PushTarget, push_after: bool) -> Outcome {
        let Some(workspace) = &self.workspace else {
            return Outcome::effect(Effect::CloseSettings);
        };
        self.push_settings
            .folders
            .insert(workspace.root().path().to_owned(), target);
        let saved = match &self.settings_dir {
            Some(dir) => self
                .push_settings
                .save_to(dir)
                .map_err(|error| error.to_string()),
            None => Err(String::new()),
        };
        let mut outcome = match saved {
            Err(error) => Outcome::say(Notice::SettingsNotSaved(error)),
            Ok(()) if push_after => self.push(),
            Ok(()) => Outcome::say(Notice::SettingsSaved),
        };
        outcome.effects.insert(0, Effect::CloseSettings);
        outcome
    }

    /// Writes the shown rows as CSV. Never into the open folder (a session file would be
    /// replaced by a table); a typed path (no dialog asked about replacing) never replaces an
    /// existing file.
    fn export(&mut self, path: PathBuf, typed: bool) -> Outcome {
        let Some(workspace) = &self.workspace else {
            return Outcome::none();
        };
        let folder = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .and_then(|parent| parent.canonicalize().ok());
        let root = workspace.root().path();
        if folder
            .as_deref()
            .is_some_and(|folder| folder.starts_with(root))
            || path.starts_with(root)
        {
            return Outcome::say(Notice::ExportRefused {
                path,
                reason: ExportRefusal::InsideFolder,
            });
        }
        if typed && std::fs::symlink_metadata(&path).is_ok() {
            return Outcome::say(Notice::ExportRefused {
                path,
                reason: ExportRefusal::Exists,
            });
        }
        self.path_entry = None;
        let (text, rows) = match &self.history_view {
            Some(view) if self.exporting_history => (
                super::export::history_csv(view.shown_entries()),
                view.shown.len(),
            ),
            _ => (super::export::csv(workspace), workspace.rows.len()),
        };
        self.exporting_history = false;
        match std::fs::write(&path, text) {
            Ok(()) => Outcome::say(Notice::Exported { rows, path }),
            Err(error) => Outcome::say(Notice::ExportFailed {
                path,
                error: error.to_string(),
            }),
        }
    }

    /// The path typed in place of a dialog: a folder to open, or the file to export to.
    fn submit_path(&mut self) -> Outcome {
        let Some(entry) = self.path_entry.clone() else {
            return Outcome::none();
        };
        let text = entry.text.trim();
        if text.is_empty() {
            return Outcome::none();
        }
        let path = PathBuf::from(text);
        match entry.kind {
            DialogKind::OpenFolder => self.carry_out(Command::OpenFolder(path)),
            DialogKind::Export => self.export(path, true),
        }
    }
}
