//! mobile-sessions: see, accept, hold and delete the mobile sessions of a 4D server.
//!
//! [`store`] reads and edits the session files and knows nothing of the window; [`cli`] and
//! [`ui`] are thin layers over it.

pub mod cli;
pub mod desktop;
pub mod open_with;
pub mod push;
pub mod safe_text;
pub mod store;
pub mod text_table;
pub mod ui;

/// The app's identifier, used for its settings folder and window.
pub const APP_ID: &str = "mobile-sessions";
