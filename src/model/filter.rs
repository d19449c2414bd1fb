//! Which rows the table shows: the app (or all apps), the status filter and the search, and
//! how a row is named.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::store::{Session, Status};

/// Counts shown in the header and the status line, kept up to date on each change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Listed sessions, all apps.
    pub sessions: usize,
    /// Pending sessions, all apps.
    pub pending: usize,
    /// Problems, all files and folders.
    pub problems: usize,
    /// Pending sessions per app folder.
    pub pending_by_app: BTreeMap<String, usize>,
    /// For the shown app, how many sessions each status filter admits, in
    /// [`StatusFilter::ALL`] order.
    pub by_filter: [usize; 4],
}

/// Which sessions the table shows, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Every session.
    #[default]
    All,
    /// Only pending sessions.
    Pending,
    /// Only accepted sessions.
    Accepted,
    /// Only files with a problem.
    Problems,
}

impl StatusFilter {
    /// Every filter, in the order the window offers them.
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::All,
        StatusFilter::Pending,
        StatusFilter::Accepted,
        StatusFilter::Problems,
    ];

    /// Whether a session passes this filter.
    pub fn admits(self, session: &Session) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Pending => session.status() == Some(Status::Pending),
            StatusFilter::Accepted => session.status() == Some(Status::Accepted),
            StatusFilter::Problems => !session.problems.is_empty(),
        }
    }
}

/// A search as typed, ready to test 100,000 sessions: its words in lower case, split once.
#[derive(Debug, Clone, Default)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    /// The search for what was typed in the search field.
    pub fn new(query: &str) -> Self {
        Search {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// Whether nothing was typed (every session matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether a session matches, in any case: its e-mail, device, device id, session id or IP
    /// contains every word. `buffer` is reused from one session to the next, so a search over
    /// every session allocates nothing per session.
    pub fn matches(&self, session: &Session, buffer: &mut String) -> bool {
        if self.words.is_empty() {
            return true;
        }
        buffer.clear();
        push_lowercase(buffer, &session.id);
        if let Some(info) = &session.info {
            for field in [&info.email, &info.device, &info.device_id, &info.ip] {
                buffer.push('\n');
                push_lowercase(buffer, field);
            }
        }
        self.words.iter().all(|word| buffer.contains(word.as_str()))
    }
}

/// Appends text in lower case (ASCII, nearly all of it, without going through `char`s).
fn push_lowercase(buffer: &mut String, text: &str) {
    if text.is_ascii() {
        buffer.extend(
            text.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
    } else {
        buffer.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// One session as the table names a row: its app folder and session id. Both are shared
/// strings, so the rows of 100,000 sessions copy no text (the table's rows are rebuilt on every
/// sort and search).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionKey {
    /// The app folder.
    pub app: Arc<str>,
    /// The session id (the file name).
    pub id: Arc<str>,
}

impl SessionKey {
    /// The key of a session of an app folder.
    pub fn new(app: &str, id: &str) -> Self {
        SessionKey {
            app: Arc::from(app),
            id: Arc::from(id),
        }
    }
}

/// Which sessions the table shows: one app's, or every app's (with an App column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Every session of every app.
    AllApps,
    /// The sessions of one app folder.
    App(String),
}

impl Shown {
    /// What a remembered choice means: an app folder, or All apps when empty.
    pub fn from_preference(text: &str) -> Self {
        if text.is_empty() {
            Shown::AllApps
        } else {
            Shown::App(text.to_owned())
        }
    }

    /// How the choice is remembered in the preferences (All apps: an empty name, which no app
    /// folder can have).
    pub fn preference(&self) -> String {
        match self {
            Shown::AllApps => String::new(),
            Shown::App(folder) => folder.clone(),
        }
    }

    /// Whether sessions of this app folder are shown.
    pub fn includes(&self, app: &str) -> bool {
        match self {
            Shown::AllApps => true,
            Shown::App(folder) => folder == app,
        }
    }

    /// The one app folder shown, if only one is.
    pub fn app(&self) -> Option<&str> {
        match self {
            Shown::AllApps => None,
            Shown::App(folder) => Some(folder),
        }
    }
}
