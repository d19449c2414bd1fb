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

/// The user running this program, as the system names it. On Unix the account of the
/// process's user id comes first: an audit trail should not take a name any launcher can set
/// in the environment, and a program started from a desktop file or a service may have no
/// `USER` at all. Then `USER` (Unix), `USERNAME` (Windows), `LOGNAME`; "unknown user" when
/// none gives a name.
pub fn system_user() -> String {
    account_name()
        .into_iter()
        .chain(
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .filter_map(std::env::var_os)
                .map(|name| name.to_string_lossy().into_owned()),
        )
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
        .map_or_else(|| "unknown user".to_owned(), |name| bounded(&name))
}

/// The name of the account this process runs as (its effective user id), from the system's
/// user database.
#[cfg(unix)]
fn account_name() -> Option<String> {
    // SAFETY: geteuid cannot fail. getpwuid_r writes only into `entry` and `buffer`, which
    // outlive the call, and sets `found` to `&mut entry` or null; `pw_name` then points into
    // `buffer`, which is read before it is dropped.
    unsafe {
        let uid = libc::geteuid();
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut buffer = vec![0 as libc::c_char; 16 * 1024];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let status = libc::getpwuid_r(
            uid,
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        );
        if status != 0 || found.is_null() || entry.pw_name.is_null() {
            return None;
        }
        Some(
            std::ffi::CStr::from_ptr(entry.pw_name)
                .to_string_lossy()
                .into_owned(),
        )
    }
}

/// Elsewhere (Windows) the environment's `USERNAME` is the system's own answer.
#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The account's name, not the environment's: a process started with no `USER` (or a
    /// false one) is still recorded as the account it runs as.
    #[cfg(unix)]
    #[test]
    fn the_system_user_is_the_account_not_the_environment() {
        let account = account_name().expect("this account has a name");
        assert!(!account.is_empty());
        assert_eq!(system_user(), bounded(account.trim()));
        let id = std::process::Command::new("id").arg("-un").output();
        if let Ok(id) = id
            && id.status.success()
        {
            assert_eq!(String::from_utf8_lossy(&id.stdout).trim(), account);
        }
    }

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
