//! The history of a sessions folder: every change this app made there (status, delete,
//! restore, push) and every change the watcher saw (a device logged in, a session changed or
//! disappeared), so that an administrator can answer "who accepted this device, and when?"
//! a month later.
//!
//! The history is the app's own data, like the Push settings: it lives in the application-data
//! folder ([`crate::push::config_dir`], `MOBILE_SESSIONS_CONFIG_DIR` in tests), one file per
//! sessions folder (`file.rs`). Each entry holds what a person needs to recognise the device
//! (app, device, e-mail, status before and after) and never a token, a secret, a session id
//! (a session's token is only the base64 of its ids, so the id would give the token away) or
//! the file's contents.

mod file;
mod print;

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::store::Session;

pub use file::{HistoryLog, MAX_FILE_BYTES, Reading, read_file};
pub use print::{log_for, parse_since, print, record, text_line};

/// Who made a change the watcher saw: not this app, so the server (a device logging in) or
/// another program.
pub const OTHER_PROGRAM: &str = "server or another program";

/// The longest text kept in one field: device names and e-mails come from devices and may be
/// huge, and a history line must stay small.
pub const MAX_FIELD_CHARS: usize = 200;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// This app set a session's status (or Undo put the previous one back).
    Status,
    /// This app deleted a session.
    Delete,
    /// This app put a deleted session back (Undo).
    Restore,
    /// This app asked the server to reload the sessions, and the server said yes.
    Push,
    /// A device logged in: a new session file appeared.
    LoggedIn,
    /// A session file was changed by the server or another program.
    Changed,
    /// A session file went away, not by this app.
    Disappeared,
}

impl Kind {
    /// Every kind, in the order filters list them.
    pub const ALL: [Kind; 7] = [
        Kind::Status,
        Kind::Delete,
        Kind::Restore,
        Kind::Push,
        Kind::LoggedIn,
        Kind::Changed,
        Kind::Disappeared,
    ];

    /// The word the history file and the command line use.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Status => "status",
            Kind::Delete => "delete",
            Kind::Restore => "restore",
            Kind::Push => "push",
            Kind::LoggedIn => "logged_in",
            Kind::Changed => "changed",
            Kind::Disappeared => "disappeared",
        }
    }
}

/// One line of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When, in UTC, RFC 3339 to the second.
    pub time: String,
    /// What happened.
    pub kind: Kind,
    /// The app folder (empty for a push, which concerns the whole folder).
    #[serde(default)]
    pub app: String,
    /// The device's description.
    #[serde(default)]
    pub device: String,
    /// The e-mail the device logged in with (empty for guests).
    #[serde(default)]
    pub email: String,
    /// The status before (`None`: no file, or no status in it).
    #[serde(default)]
    pub before: Option<String>,
    /// The status after (`None`: no file any more, or no status in it); for a push, the
    /// server's answer.
    #[serde(default)]
    pub after: Option<String>,
    /// The system user who made the change with this app, or [`OTHER_PROGRAM`].
    pub who: String,
}

/// The session a change is about, as the history names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// The app folder.
    pub app: String,
    /// The device's description.
    pub device: String,
    /// The e-mail.
    pub email: String,
    /// The status written in the file, if any.
    pub status: Option<String>,
}

impl Subject {
    /// A session of an app folder, as known now (`None`: no such session).
    pub fn of(app: &str, session: Option<&Session>) -> Self {
        let info = session.and_then(|session| session.info.as_ref());
        Subject {
            app: app.to_owned(),
            device: info.map(|info| info.device.to_string()).unwrap_or_default(),
            email: info.map(|info| info.email.to_string()).unwrap_or_default(),
            status: info.and_then(|info| info.status_text.as_ref().map(|text| text.to_string())),
        }
    }
}

/// Cuts a field to [`MAX_FIELD_CHARS`] characters.
fn bounded(text: &str) -> String {
    match text.char_indices().nth(MAX_FIELD_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

impl Entry {
    /// An entry about one session, now: the device and e-mail are taken from `after` when the
    /// session is still there, else from `before`.
    pub fn about(kind: Kind, who: &str, before: &Subject, after: &Subject) -> Self {
        let named = if after.device.is_empty() && after.email.is_empty() {
            before
        } else {
            after
        };
        Entry {
            time: now(),
            kind,
            app: bounded(if after.app.is_empty() {
                &before.app
            } else {
                &after.app
            }),
            device: bounded(&named.device),
            email: bounded(&named.email),
            before: before.status.as_deref().map(bounded),
            after: after.status.as_deref().map(bounded),
            who: bounded(who),
        }
    }

    /// A push the server accepted, with its HTTP status.
    pub fn push(who: &str, http_status: u16) -> Self {
        Entry {
            time: now(),
            kind: Kind::Push,
            app: String::new(),
            device: String::new(),
            email: String::new(),
            before: None,
            after: Some(format!("HTTP {http_status}")),
            who: bounded(who),
        }
    }

    /// When the entry was made, if its time can be read.
    pub fn system_time(&self) -> Option<SystemTime> {
        humantime::parse_rfc3339_weak(&self.time).ok()
    }

    /// Whether any of the words (lower case) is found in the entry's texts.
    pub fn matches(&self, words: &[String]) -> bool {
        let text = format!(
            "{} {} {} {} {} {} {} {}",
            self.time,
            self.kind.as_str(),
            self.app,
            self.device,
            self.email,
            self.before.as_deref().unwrap_or_default(),
            self.after.as_deref().unwrap_or_default(),
            self.who
        )
        .to_lowercase();
        words.iter().all(|word| text.contains(word.as_str()))
    }
}

/// Now, as the history writes times.
fn now() -> String {
    crate::time_text::rfc3339(SystemTime::now())
}

/// The user running this program, as the system names it: `USER` (Unix), `USERNAME`
/// (Windows), `LOGNAME`; "unknown user" when none is set. Read from the environment so it
/// works the same on every system, without a platform call.
pub fn system_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|name| name.to_string_lossy().trim().to_owned())
        .find(|name| !name.is_empty())
        .map_or_else(|| "unknown user".to_owned(), |name| bounded(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_fields_are_cut() {
        let subject = Subject {
            app: "a".into(),
            device: "d".repeat(5000),
            email: String::new(),
            status: Some("pending".into()),
        };
        let entry = Entry::about(Kind::Changed, OTHER_PROGRAM, &subject, &subject);
        assert_eq!(entry.device.chars().count(), MAX_FIELD_CHARS + 1);
        assert_eq!(entry.app, "a");
    }

    #[test]
    fn search_words_must_all_be_found() {
        let entry = Entry::push("ana", 200);
        assert!(entry.matches(&["push".into(), "ana".into()]));
        assert!(!entry.matches(&["push".into(), "bob".into()]));
    }
}
