//! Which rows the table shows: the app (or all apps), the status filter and the search, and
//! how a row is named.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::store::{Session, Status, fold_case, fold_case_into, is_hexadecimal};

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
    /// For each word, whether it is made of hexadecimal digits alone: only such a word can be
    /// in a session file's name, which the search text leaves out when it is hexadecimal.
    hexadecimal: Vec<bool>,
}

impl Search {
    /// The search for what was typed in the search field.
    pub fn new(query: &str) -> Self {
        let words: Vec<String> = query.split_whitespace().map(fold_case).collect();
        let hexadecimal = words.iter().map(|word| is_hexadecimal(word)).collect();
        Search { words, hexadecimal }
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
        // The four fields of the summary are in one string, in lower case, made once, with
        // the file's name unless it is hexadecimal: one place in memory to look at per session
        // instead of five. A word has no white space, so it is never found across two of its
        // lines. A hexadecimal name is looked at in place, for a hexadecimal word alone.
        let id = &session.id;
        let in_name = |word: &String, hexadecimal: bool, buffer: &mut String| {
            hexadecimal && is_hexadecimal(id) && contains_in_lower_case(id, word, buffer)
        };
        let words = self.words.iter().zip(&self.hexadecimal);
        match session.search_text() {
            Some(text) => words.into_iter().all(|(word, &hexadecimal)| {
                text.contains(word.as_str()) || in_name(word, hexadecimal, buffer)
            }),
            None => self
                .words
                .iter()
                .all(|word| contains_in_lower_case(id, word, buffer)),
        }
    }
}

/// Whether `text` in lower case contains `word`, which is in lower case already. ASCII text,
/// nearly all of it, is compared in place, ignoring case byte by byte; other text is put in
/// lower case in `buffer` first, as `str::to_lowercase` does. A search of 100,000 sessions
/// spent most of its time copying every field in lower case before.
fn contains_in_lower_case(text: &str, word: &str, buffer: &mut String) -> bool {
    if text.is_ascii() {
        // ASCII in lower case is still ASCII: a word with any other character is not in it.
        word.is_ascii() && contains_ignoring_ascii_case(text.as_bytes(), word.as_bytes())
    } else {
        buffer.clear();
        fold_case_into(buffer, text);
        buffer.contains(word)
    }
}

/// Whether ASCII `text` contains ASCII `word` (in lower case), ignoring case.
fn contains_ignoring_ascii_case(text: &[u8], word: &[u8]) -> bool {
    let Some((&first, rest)) = word.split_first() else {
        return true;
    };
    let upper = first.to_ascii_uppercase();
    text.len() >= word.len()
        && text.windows(word.len()).any(|window| {
            (window[0] == first || window[0] == upper) && window[1..].eq_ignore_ascii_case(rest)
        })
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::store::SessionInfo;

    /// What a search matched before it looked at each field in place: every field in lower
    /// case, one per line, containing every word; the Greek final sigma counts as a sigma.
    fn reference(query: &str, session: &Session) -> bool {
        let fold = |text: &str| text.to_lowercase().replace('ς', "σ");
        let info = session.info.clone().unwrap_or_default();
        let text = [
            &*session.id,
            &info.email,
            &info.device,
            &info.device_id,
            &info.ip,
        ]
        .map(fold)
        .join("\n");
        query
            .split_whitespace()
            .all(|word| text.contains(&fold(word)))
    }

    #[test]
    fn a_search_matches_exactly_what_a_search_in_lower_case_text_matches() {
        let fields = [
            "Ana.Lopez@Example.ES",
            "iPhone 14 Plus",
            "09A7C65A-1EF4-407C",
            "::ffff:10.8.0.9",
            "ÉRIC’s Galaxy",
            "İstanbul STRASSE",
            "Straße",
            "\u{212A}elvin",
            "ΟΔΟΣ Αθηνάς",
            "",
        ];
        let queries = [
            "ana",
            "ANA example.es",
            "14 plus",
            "a7c65a",
            "FFFF:10",
            "éric",
            "ÉRIC galaxy",
            "i̇stanbul",
            "istanbul",
            "strasse",
            "straße",
            "kelvin",
            "k",
            "e",
            "iphone ana",
            "nobody",
            "é",
            "s g",
            "’s",
            "0fb95f",
            "A9208D2 ana",
            "zz-not",
            "not.hex-0fb ana",
            "0FB95F",
            "ΟΔΟΣ",
            "οδος αθηνάς",
            "ΑΘΗΝΆΣ",
            "ος",
        ];
        let mut buffer = String::new();
        // A session file's name is hexadecimal, and left out of the search text; any other
        // name is in it.
        let ids = [
            "0fb95fffbdbd8d1584e5cb82e8eb35af6a9208d2",
            "Zz-Not.Hex-0FB95F",
        ];
        for (at, (device, id)) in fields
            .iter()
            .flat_map(|device| ids.map(|id| (device, id)))
            .enumerate()
        {
            let at = at / ids.len();
            let session = Session {
                id: Arc::from(id),
                modified: None,
                size: 0,
                info: Some(SessionInfo {
                    email: fields[(at + 1) % fields.len()].into(),
                    device: (*device).into(),
                    device_id: fields[(at + 2) % fields.len()].into(),
                    ip: fields[(at + 3) % fields.len()].into(),
                    ..SessionInfo::default()
                }),
                problems: Vec::new(),
            };
            // Not a session: only its file's name is looked at.
            let not_a_session = Session {
                info: None,
                ..session.clone()
            };
            // A word typed in capitals finds itself, whatever sigma it ends with in lower case.
            if *device == "ΟΔΟΣ Αθηνάς" {
                assert!(Search::new("ΟΔΟΣ ΑΘΗΝΆΣ").matches(&session, &mut buffer));
            }
            for query in queries {
                for session in [&session, &not_a_session] {
                    assert_eq!(
                        Search::new(query).matches(session, &mut buffer),
                        reference(query, session),
                        "{query:?} in {session:?}"
                    );
                }
            }
        }
    }
}
