//! Everything the window knows and decides, without egui: the open folder and its live index,
//! the rows in their order, search and filter, counts, the selection, the undo history, what
//! waits to be pushed, and which confirmation is open. The window (`ui/`) draws this model and
//! turns input into [`Command`]s; [`Model::apply`] carries each one out and returns an
//! [`Outcome`]: a typed [`Notice`] for the status line, which the window words in the user's
//! language, and the [`Effect`]s only the window can perform (dialogs, clipboard, HTTP).
//!
//! Where to find a rule: `selection.rs` (what is selected, and that it only holds shown rows),
//! `undo.rs` (what one Undo takes back), `actions.rs` (what each command does),
//! `writes.rs` (the commands that change files: status, delete, Undo),
//! `workspace.rs` (the open folder) and `live.rs` (kept live), `filter.rs` and `rows.rs` (which rows, in which
//! order), `loading.rs` (reading a folder on another thread), `prefs.rs` (what is remembered),
//! `recording.rs` (what goes into the folder's history) and `history_view.rs` (the History
//! panel).

mod actions;
mod alerts;
mod catalog;
mod command;
mod counting;
mod export;
mod filter;
mod history_view;
mod live;
mod loading;
mod notice;
mod prefs;
mod prepared;
mod recording;
mod rows;
mod selection;
mod undo;
mod workspace;
mod writes;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::push::{PushSettings, PushTarget};
use crate::store::{self, DemoFolder, Problem, Root, Session, WatchMode};

pub use alerts::{Alert, Alerts, Arrival, BURST_LONGEST, BURST_QUIET};
pub use command::{Command, Effect, Outcome};
pub use filter::{Counts, Search, SessionKey, Shown, StatusFilter};
pub use history_view::HistoryView;
pub use loading::{
    LoadEvent, MERGE_PER_POLL, read_early, start_loading, start_preparing, window_on_screen,
};
pub use notice::{
    BulkDone, DialogKind, ExportRefusal, Failure, FailureReason, NotApplicable, Notice,
};
pub use prefs::{ExtraColumn, Memory};
pub use prepared::{Prepared, Tally, View, ViewSlot};
pub use recording::Journal;
pub use rows::{SortKey, SortOrder};
pub use selection::Selection;
pub use undo::{History, Step, StepSummary};
pub use workspace::{WatchNote, Workspace};

/// Wakes the window when background work has news for it.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// The session shown in the details panel, with what was read for it when it was selected.
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

/// A confirmation the user must answer before anything is deleted.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Delete one session.
    Delete {
        /// The app folder.
        app: String,
        /// The session as it was when the confirmation opened (boxed: it is large, and the
        /// other confirmations are small).
        session: Box<Session>,
    },
    /// Delete every selected session.
    BulkDelete(Vec<SessionKey>),
    /// These sessions' folder has no trash: deleting them removes them for good, and only
    /// Undo in this window can bring them back. Asked after the user already chose Delete.
    DeleteForGood(Vec<SessionKey>),
}

impl Confirm {
    /// The session a one-session confirmation is about.
    pub fn session(&self) -> Option<&Session> {
        match self {
            Confirm::Delete { session, .. } => Some(session),
            Confirm::BulkDelete(_) | Confirm::DeleteForGood(_) => None,
        }
    }
}

/// A path the user is asked to type because no native dialog could be shown.
#[derive(Debug, Clone, PartialEq)]
pub struct PathEntry {
    /// What the path is for.
    pub kind: DialogKind,
    /// What was typed so far.
    pub text: String,
}

/// A folder asked for, whose listing has not arrived yet.
struct Opening {
    root: Root,
    events: Receiver<LoadEvent>,
    demo: Option<DemoFolder>,
}

/// What the window knows and decides.
pub struct Model {
    /// The open folder, once listed.
    pub workspace: Option<Workspace>,
    opening: Option<Opening>,
    /// The selected rows.
    pub selection: Selection,
    /// The details panel's session, when the panel is open.
    pub details: Option<Details>,
    /// The confirmation waiting for an answer.
    pub confirm: Option<Confirm>,
    /// Whether the list of problem files is shown.
    pub problems_open: bool,
    /// The path typed in place of a native dialog, when one could not be shown.
    pub path_entry: Option<PathEntry>,
    /// What this window changed, so it can be taken back.
    pub history: History,
    /// The status line's message.
    pub notice: Option<Notice>,
    /// What is remembered between runs.
    pub memory: Memory,
    /// The saved server settings, per folder.
    pub push_settings: PushSettings,
    /// Where the server settings are saved (`None`: nowhere could be found).
    settings_dir: Option<PathBuf>,
    /// Whether a push is waiting for the server's answer.
    pub pushing: bool,
    /// The folder the push in flight is for, and how many writes had been made there when it
    /// was sent.
    push_sent: Option<(PathBuf, u64)>,
    /// The History panel, when open.
    pub history_view: Option<HistoryView>,
    /// Whether the export being asked for is the History panel's (else the table's).
    pub exporting_history: bool,
    /// Whether the window is in the background or minimised (the window says so each frame):
    /// only then does a device that waits become a desktop notification.
    pub in_background: bool,
    /// The burst of arrivals being gathered into one notification.
    pub alerts: Alerts,
    wake: Wake,
}

impl Model {
    /// A model with nothing open, remembering `memory`, keeping server settings in
    /// `settings_dir`; `wake` repaints the window when background work has news.
    pub fn new(memory: Memory, settings_dir: Option<PathBuf>, wake: Wake) -> Self {
        Model {
            workspace: None,
            opening: None,
            selection: Selection::default(),
            details: None,
            confirm: None,
            problems_open: false,
            path_entry: None,
            history: History::default(),
            notice: None,
            memory,
            push_settings: settings_dir
                .as_deref()
                .map(PushSettings::load_from)
                .unwrap_or_default(),
            settings_dir,
            pushing: false,
            push_sent: None,
            history_view: None,
            exporting_history: false,
            in_background: false,
            alerts: Alerts::default(),
            wake,
        }
    }

    /// Carries out one command; remembers its message for the status line and returns it with
    /// what the window must do.
    pub fn apply(&mut self, command: Command) -> Outcome {
        let steps_before = self.history.len();
        let outcome = self.carry_out(command);
        if let Some(notice) = &outcome.notice {
            self.notice = Some(notice.clone());
        }
        // A command may hide rows (a status change in the Pending view): they leave the
        // selection at once, not at the next change on disk.
        self.keep_selection_shown();
        // The details panel shows the file as it is now, not as it was before our own write.
        if self.history.len() != steps_before
            && let (Some(details), Some(workspace)) = (&self.details, &self.workspace)
        {
            self.details = Some(Details::read(workspace, &details.app, &details.id));
        }
        self.sync_push_memory();
        if let Some(workspace) = &mut self.workspace {
            workspace.sync_history();
        }
        self.sync_history_view();
        outcome
    }

    /// Whether a folder is being opened or read.
    pub fn is_loading(&self) -> bool {
        self.opening.is_some()
            || self
                .workspace
                .as_ref()
                .is_some_and(|workspace| workspace.progress().is_some())
    }

    /// The folder being opened, before its listing has arrived.
    pub fn opening_path(&self) -> Option<&Path> {
        self.opening.as_ref().map(|opening| opening.root.path())
    }

    /// The shown rows, in table order (none when no folder is open).
    pub fn rows(&self) -> &[SessionKey] {
        self.workspace
            .as_ref()
            .map_or(&[], |workspace| workspace.rows.as_slice())
    }

    /// The rows a command acts on: the rows selected together, else the selected row; only
    /// rows on screen.
    pub fn targets(&self) -> Vec<SessionKey> {
        self.selection.targets(self.rows())
    }

    /// The saved server target of the open folder.
    pub fn push_target(&self) -> Option<&PushTarget> {
        self.workspace
            .as_ref()
            .and_then(|workspace| self.push_settings.target(workspace.root().path()))
    }

    /// Where the open folder's Push secret is kept (the keychain, or the settings file), and
    /// the settings file.
    pub fn secret_place(&self) -> crate::push::SecretWhere {
        let root = self
            .workspace
            .as_ref()
            .map(|workspace| workspace.root().path());
        crate::push::SecretWhere {
            place: root.map_or_else(crate::push::secret_place, |root| {
                self.push_settings.secret_place(root)
            }),
            file: self.settings_dir.as_ref().map(|dir| dir.join("push.json")),
            unread: root.and_then(|root| self.push_settings.unread.get(root).cloned()),
        }
    }

    /// Whether this window (in this run or an earlier one) changed something in the open
    /// folder since the last successful push.
    pub fn push_needed(&self) -> bool {
        self.workspace
            .as_ref()
            .is_some_and(|workspace| workspace.push_needed)
    }

    /// Takes in what background work sent since the last frame: the listing of a folder being
    /// opened, the sessions being read, the watcher's news. Rows that left the screen leave the
    /// selection. Returns whether anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        if let Some(opening) = &self.opening {
            match opening.events.try_recv() {
                Ok(LoadEvent::Listed(index, total)) => {
                    let opening = self.opening.take().expect("checked above");
                    self.finish_listing(opening, *index, total);
                    changed = true;
                }
                Ok(LoadEvent::Failed(error)) => {
                    self.opening = None;
                    self.notice = Some(Notice::FolderFailed(Arc::new(error)));
                    changed = true;
                }
                Ok(_) | Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.opening = None,
            }
        }
        if let Some(workspace) = &mut self.workspace {
            let was_reading = workspace.progress().is_some();
            changed |= workspace.poll();
            if workspace.has_backlog() {
                // The reader wakes the window at most ten times a second; what it left
                // waiting is taken in by the frames that follow at once.
                (self.wake)();
            }
            if let Some(error) = workspace.read_error.take() {
                self.notice = Some(Notice::FolderFailed(Arc::new(error)));
            } else if was_reading && workspace.progress().is_none() {
                self.notice = Some(Notice::FolderRead);
            }
        }
        self.take_arrivals(std::time::Instant::now());
        if let Some(workspace) = &mut self.workspace {
            workspace.sync_history();
        }
        if changed {
            self.keep_selection_shown();
            self.sync_history_view();
        }
        changed
    }

    /// Takes rows that are no longer shown out of the selection, and closes the details of a
    /// row that left.
    fn keep_selection_shown(&mut self) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        self.selection.keep_shown(&workspace.rows);
        if let Some(details) = &self.details {
            let key = SessionKey::new(&details.app, &details.id);
            if !workspace.rows.contains(&key) {
                self.details = None;
            }
        }
    }

    /// Starts opening a folder (any PATH form); the listing arrives in [`Model::poll`].
    fn open(&mut self, path: &Path, demo: Option<DemoFolder>) -> Outcome {
        match Root::locate(path) {
            Ok(root) => {
                self.workspace = None;
                self.confirm = None;
                self.details = None;
                self.selection.clear();
                self.problems_open = false;
                self.history_view = None;
                self.history.clear();
                let wake = self.wake.clone();
                let events = loading::take_early(&root, &wake)
                    .unwrap_or_else(|| start_preparing(root.clone(), move || wake()));
                self.opening = Some(Opening { root, events, demo });
                Outcome::none()
            }
            Err(error) => Outcome::say(Notice::FolderFailed(Arc::new(error))),
        }
    }

    /// The folder is listed: show it at once, while its sessions keep arriving. A folder opened
    /// for the first time shows All apps.
    fn finish_listing(&mut self, opening: Opening, index: store::Index, total: usize) {
        let mode = self
            .memory
            .poll_seconds
            .map_or(WatchMode::Native, WatchMode::poll_seconds);
        let path = opening.root.path().to_owned();
        let preferred = self
            .memory
            .selected_app
            .get(&path)
            .cloned()
            .unwrap_or_else(|| Shown::AllApps.preference());
        let wake = self.wake.clone();
        let mut workspace = Workspace::preparing(
            index,
            total,
            opening.events,
            mode,
            self.memory.sort,
            Some(&preferred),
            move || wake(),
        );
        if opening.demo.is_none() {
            self.memory.opened(&path);
        }
        workspace.push_needed = self.memory.unpushed.contains(&path);
        // The demo's history lives and goes with the demo's temporary folder.
        let history_dir = match &opening.demo {
            Some(demo) => Some(demo.dir().to_owned()),
            None => self.settings_dir.clone(),
        };
        workspace.journal.log =
            history_dir.map(|dir| crate::history::HistoryLog::for_folder(&dir, &path));
        workspace.demo = opening.demo;
        self.workspace = Some(workspace);
        self.notice = None;
    }

    /// Keeps the remembered "changed since the last push" in step with the open folder.
    fn sync_push_memory(&mut self) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        if workspace.demo.is_some() {
            return;
        }
        let path = workspace.root().path();
        if workspace.push_needed {
            if !self.memory.unpushed.contains(path) {
                self.memory.unpushed.insert(path.to_owned());
            }
        } else if self.memory.unpushed.contains(path) {
            self.memory.unpushed.remove(path);
        }
    }

    /// Opens a fresh copy of the demo folder.
    fn open_demo(&mut self) -> Outcome {
        match DemoFolder::create() {
            Ok(demo) => {
                let path = demo.mobile_apps().to_owned();
                self.open(&path, Some(demo))
            }
            Err(error) => Outcome::say(Notice::DemoFailed(error.to_string())),
        }
    }
}
