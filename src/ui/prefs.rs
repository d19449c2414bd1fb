//! What the window remembers between runs: the model's memory and the language; preferences
//! only, never the file list (the files are read afresh every time).

pub use crate::model::{ExtraColumn, SortKey, SortOrder};

use serde::{Deserialize, Serialize};

/// Preferences saved by eframe between runs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// What the model remembers (folders, sort, columns, what waits to be pushed).
    #[serde(flatten)]
    pub memory: crate::model::Memory,
    /// The language chosen from the menu (`None`: the system's).
    pub language: Option<super::i18n::Language>,
}
