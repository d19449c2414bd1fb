//! mobile-sessions: see, accept, hold and delete the mobile sessions of a 4D server.
//!
//! [`store`] reads and edits the session files and knows nothing of the window; [`cli`] and
//! [`ui`] are thin layers over it. [`model`] is what the window knows and decides (selection,
//! undo, commands), without egui, so its rules are tested plainly; [`ui`] only draws it.
//! [`history`] keeps what changed in each folder, and who changed it. [`system`] talks to the
//! desktop (file manager, native dialogs) and reports honestly whether it answered;
//! [`time_text`] formats times for both the window and the command line.
//!
//! The `window` feature (on by default) builds the window and what it needs (eframe, rfd,
//! opener); the fuzz targets in `fuzz/` build the library without it, so a sanitizer build
//! does not compile a whole graphics stack.

pub mod cli;
pub mod desktop;
pub mod history;
mod list_json;
pub mod model;
pub mod open_with;
pub mod push;
pub mod safe_text;
pub mod store;
#[cfg(feature = "window")]
pub mod system;
pub mod text_table;
pub mod time_text;
#[cfg(feature = "window")]
pub mod ui;

/// The app's identifier, used for its settings folder and window.
pub const APP_ID: &str = "mobile-sessions";
