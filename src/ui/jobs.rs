//! Work the window hands to another thread: native dialogs, the file manager, HTTP. Each job
//! sends its result on a channel and wakes the window, which picks it up on the next frame and
//! hands it to the model as a command.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use eframe::egui;

use crate::model::{Command, DialogKind};
use crate::push::{self, PushReply, PushTarget};

/// The jobs running, each sending back the command that reports its result.
#[derive(Default)]
pub struct Jobs {
    running: Vec<Receiver<Finished>>,
}

/// What a job reports.
pub enum Finished {
    /// A command for the model.
    Command(Command),
    /// The answer to Test connection, for the Server settings dialog.
    Tested(Result<PushReply, Arc<push::PushError>>),
    /// Nothing to report (a notification was closed without a click).
    Nothing,
}

impl Jobs {
    /// Runs `work` on another thread; its result comes back through [`Jobs::finished`].
    fn spawn(&mut self, ctx: &egui::Context, work: impl FnOnce() -> Finished + Send + 'static) {
        let (sender, result) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        self.running.push(result);
    }

    /// The results that arrived since the last frame.
    pub fn finished(&mut self) -> Vec<Finished> {
        let mut done = Vec::new();
        self.running.retain(|job| match job.try_recv() {
            Ok(result) => {
                done.push(result);
                false
            }
            Err(mpsc::TryRecvError::Empty) => true,
            Err(mpsc::TryRecvError::Disconnected) => false,
        });
        done
    }

    /// Shows the folder picker, or reports that none can be shown here.
    pub fn pick_folder(&mut self, ctx: &egui::Context, title: String) {
        self.spawn(ctx, move || {
            let result = if crate::system::native_dialogs_available() {
                Ok(rfd::FileDialog::new().set_title(title).pick_folder())
            } else {
                Err(DialogKind::OpenFolder)
            };
            Finished::Command(Command::FolderPicked(result))
        });
    }

    /// Shows the save dialog of the CSV export, or reports that none can be shown here.
    /// `name` is the file name suggested.
    pub fn pick_export(&mut self, ctx: &egui::Context, title: String, name: &'static str) {
        self.spawn(ctx, move || {
            let result = if crate::system::native_dialogs_available() {
                Ok(rfd::FileDialog::new()
                    .set_title(title)
                    .set_file_name(name)
                    .add_filter("CSV", &["csv"])
                    .save_file())
            } else {
                Err(DialogKind::Export)
            };
            Finished::Command(Command::ExportPicked(result))
        });
    }

    /// Asks the file manager to show a file, and reports whether it really did.
    pub fn reveal(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.spawn(ctx, move || {
            let result = crate::system::reveal(&path).map_err(|error| error.to_string());
            Finished::Command(Command::RevealFinished { path, result })
        });
    }

    /// Sends the reload request.
    pub fn push(&mut self, ctx: &egui::Context, target: PushTarget) {
        self.spawn(ctx, move || {
            Finished::Command(Command::PushFinished(
                push::push(&target, push::PushKind::Reload).map_err(Arc::new),
            ))
        });
    }

    /// Shows a desktop notification, and reports a click on it (issue 16).
    pub fn notify(&mut self, ctx: &egui::Context, alert: crate::model::Alert) {
        let (title, body) = super::notify::alert_text(&alert);
        self.spawn(ctx, move || super::notify::send(&alert, &title, &body));
    }

    /// Sends a test request, which the server answers without reloading.
    pub fn test_connection(&mut self, ctx: &egui::Context, target: PushTarget) {
        self.spawn(ctx, move || {
            Finished::Tested(push::push(&target, push::PushKind::Test).map_err(Arc::new))
        });
    }
}
