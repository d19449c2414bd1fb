//! What the window remembers between runs: preferences only, never the file list (the files
//! are read afresh every time).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The columns the session table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SortKey {
    /// `device.description`.
    #[default]
    Device,
    /// accepted / pending.
    Status,
    /// OS name and version.
    Os,
    /// E-mail address.
    Email,
    /// The app's name (the App column, shown with all apps).
    App,
}

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

    /// The column's header.
    pub fn title(self) -> &'static str {
        match self {
            ExtraColumn::AppVersion => crate::tr!(AppVersion),
            ExtraColumn::Ip => crate::tr!(Ip),
            ExtraColumn::Language => crate::tr!(Language),
            ExtraColumn::Simulator => crate::tr!(Simulator),
            ExtraColumn::LastChange => crate::tr!(LastChange),
        }
    }
}

/// A sort column and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SortOrder {
    /// The column.
    pub key: SortKey,
    /// Whether it sorts Z to A.
    pub descending: bool,
}

impl SortOrder {
    /// The order after a click on `key`'s header: that column, or the other way round when it
    /// already was that column.
    pub fn clicked(self, key: SortKey) -> Self {
        if self.key == key {
            SortOrder {
                key,
                descending: !self.descending,
            }
        } else {
            SortOrder {
                key,
                descending: false,
            }
        }
    }
}

/// How many recent folders the welcome screen offers.
const RECENT_FOLDERS: usize = 8;

/// Preferences saved by eframe between runs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
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
    pub extra_columns: std::collections::BTreeSet<ExtraColumn>,
    /// The language chosen from the menu (`None`: the system's).
    pub language: Option<super::i18n::Language>,
}

impl Preferences {
    /// Records that a folder was opened.
    pub fn opened(&mut self, folder: &Path) {
        self.last_folder = Some(folder.to_owned());
        self.recent.retain(|known| known != folder);
        self.recent.insert(0, folder.to_owned());
        self.recent.truncate(RECENT_FOLDERS);
    }
}
