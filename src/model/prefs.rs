//! What the model remembers between runs: preferences only, never the file list (the files are
//! read afresh every time). The window keeps these inside its own preferences.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::rows::SortOrder;

/// Columns the table can show besides Device, Status, OS and E-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ExtraColumn {
    /// `application.version`.
    AppVersion,
    /// `session.ip`.
    Ip,
    /// `language.id`.
    Language,
    /// `device.simulator`.
    Simulator,
    /// The file's modification time.
    LastChange,
}

impl ExtraColumn {
    /// Every optional column, in the order the table shows them.
    pub const ALL: [ExtraColumn; 5] = [
        ExtraColumn::AppVersion,
        ExtraColumn::Ip,
        ExtraColumn::Language,
        ExtraColumn::Simulator,
        ExtraColumn::LastChange,
    ];
}

/// How many recent folders the welcome screen offers.
const RECENT_FOLDERS: usize = 8;

/// What is remembered between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    /// The folder open when the window last closed.
    pub last_folder: Option<PathBuf>,
    /// Folders opened before, newest first.
    pub recent: Vec<PathBuf>,
    /// The app chosen in each folder: its app folder, or an empty name for All apps.
    pub selected_app: BTreeMap<PathBuf, String>,
    /// The table's sort order.
    pub sort: SortOrder,
    /// Poll every so many seconds instead of using system notifications (network shares).
    pub poll_seconds: Option<f64>,
    /// The optional columns shown.
    pub extra_columns: BTreeSet<ExtraColumn>,
    /// Folders changed by this app since their last successful push, so Push stays lit
    /// across a restart.
    pub unpushed: BTreeSet<PathBuf>,
    /// Whether desktop notifications of devices that wait are off.
    pub mute_notifications: bool,
}

impl Memory {
    /// Records that a folder was opened.
    pub fn opened(&mut self, folder: &Path) {
        self.last_folder = Some(folder.to_owned());
        self.recent.retain(|known| known != folder);
        self.recent.insert(0, folder.to_owned());
        self.recent.truncate(RECENT_FOLDERS);
    }
}
