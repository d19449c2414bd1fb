//! What the store knows of one session file: a compact, typed summary for showing and sorting,
//! and the problems 4D (or we) would find in it. The file on disk stays the source of truth for
//! every write; nothing here is ever written back.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::SystemTime;

use serde_json::{Map, Value};

use super::error::StoreError;
use super::object::{Json, Object};
use super::search_text::{SearchText, lower_case_lines_into, make_side_by_side};
use super::text::Text;

/// The two values 4D accepts for a session's `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The device may use the app.
    Accepted,
    /// The device waits for an administrator.
    Pending,
}

impl Status {
    /// Both statuses, in the order menus show them.
    pub const ALL: [Status; 2] = [Status::Accepted, Status::Pending];

    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Pending => "pending",
        }
    }

    /// The other status, for toggling.
    pub fn toggled(self) -> Status {
        match self {
            Status::Accepted => Status::Pending,
            Status::Pending => Status::Accepted,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = StoreError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "accepted" => Ok(Status::Accepted),
            "pending" => Ok(Status::Pending),
            other => Err(StoreError::InvalidStatus(other.to_owned())),
        }
    }
}

/// The kinds of problem a session file can have. The first four are the checks 4D itself runs
/// when it reloads the files (its `mobi` error codes 1 to 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemCode {
    /// The folder or file name does not match the content (mobi 1).
    Location,
    /// The file is not well-formed JSON (mobi 2).
    Syntax,
    /// A required field is missing or mistyped, or the status is invalid (mobi 3).
    Schema,
    /// The decoded token does not match the app id, session id and team id (mobi 4).
    Token,
    /// A symbolic link, or anything that would make a write leave the folder.
    Unsafe,
    /// Permission denied, not UTF-8, or larger than [`MAX_SESSION_BYTES`](super::MAX_SESSION_BYTES).
    Unreadable,
}

impl ProblemCode {
    /// Every code, in the order reports list them.
    pub const ALL: [ProblemCode; 6] = [
        ProblemCode::Location,
        ProblemCode::Syntax,
        ProblemCode::Schema,
        ProblemCode::Token,
        ProblemCode::Unsafe,
        ProblemCode::Unreadable,
    ];

    /// The code as the command line prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Location => "location",
            ProblemCode::Syntax => "syntax",
            ProblemCode::Schema => "schema",
            ProblemCode::Token => "token",
            ProblemCode::Unsafe => "unsafe",
            ProblemCode::Unreadable => "unreadable",
        }
    }

    /// 4D's own error number for this problem (component `mobi`), when 4D has one.
    pub fn mobi(self) -> Option<u8> {
        match self {
            ProblemCode::Location => Some(1),
            ProblemCode::Syntax => Some(2),
            ProblemCode::Schema => Some(3),
            ProblemCode::Token => Some(4),
            ProblemCode::Unsafe | ProblemCode::Unreadable => None,
        }
    }

    /// Whether the store refuses to edit a file with this problem.
    pub fn blocks_editing(self) -> bool {
        matches!(
            self,
            ProblemCode::Syntax | ProblemCode::Unsafe | ProblemCode::Unreadable
        )
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem of one file: its code and a sentence about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem.
    pub code: ProblemCode,
    /// What exactly is wrong, in words (may quote untrusted text: sanitize before showing).
    pub message: String,
}

impl Problem {
    /// A problem of the given kind.
    pub fn new(code: ProblemCode, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
        }
    }
}

/// The fields of a session that the window and the command line show, taken from a file that
/// is a JSON object. Missing or mistyped fields are empty here (and reported as problems).
///
/// Kept compact for 100,000 sessions: each field is a [`Text`], 16 bytes that read as a `str`;
/// the values many sessions share (app, versions, OS, language, status, device model) are one
/// copy for all of them, and the session id shares the file name's memory. The window reads
/// the whole file again only for the details panel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionInfo {
    /// `application.id`, the bundle id.
    pub app_id: Text,
    /// `application.name`.
    pub app_name: Text,
    /// `application.version`.
    pub app_version: Text,
    /// `team.id`, when the file has one.
    pub team_id: Option<Text>,
    /// `session.id`.
    pub session_id: Text,
    /// `session.ip`.
    pub ip: Text,
    /// `status` as written, when it is a string (it may be neither accepted nor pending).
    pub status_text: Option<Text>,
    /// `device.description`.
    pub device: Text,
    /// `device.os`, or `iOS` for older files that have none.
    pub os: Text,
    /// `device.version`, as text. 4D for Android wrote it as a number for a while (late 2021 to
    /// mid 2022: `"version": 30`); it is shown as 4D's component shows it, with `String()`.
    pub os_version: Text,
    /// `device.id`.
    pub device_id: Text,
    /// `device.simulator`.
    pub simulator: Option<bool>,
    /// `email`; empty for guest apps.
    pub email: Text,
    /// `language.id`.
    pub language: Text,
    /// What the search looks at (see [`Session::search_text`]), made once from the fields
    /// above and the file's name: a summary is never changed once made, nor moved to another
    /// file (a changed file gets a new one), or this text would no longer say what they say.
    pub(crate) search: SearchText,
}

impl SessionInfo {
    /// The status, when it is one of the two valid values.
    pub fn status(&self) -> Option<Status> {
        self.status_text
            .as_deref()
            .and_then(|text| text.parse().ok())
    }
}

/// Whether a text is made of hexadecimal digits alone, as session file names are. A word that
/// is not can never be found in such a name, in any case: [`Session::search_text`] leaves
/// these names out, and the search looks at them only for a word that is.
pub fn is_hexadecimal(text: &str) -> bool {
    text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// Adds what the search looks at of a session (see [`Session::search_text`]) to `text`.
fn search_fields_into(text: &mut String, id: &str, info: &SessionInfo) {
    let fields = [&*info.email, &info.device, &info.device_id, &info.ip];
    if is_hexadecimal(id) {
        lower_case_lines_into(text, &fields);
    } else {
        lower_case_lines_into(text, &[&[id], &fields[..]].concat());
    }
}

/// One session file as the store last read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The file name, which is the session id 4D expects. Shared, not copied, by the window's
    /// rows: a table of 100,000 rows then holds no string of its own.
    pub id: Arc<str>,
    /// The file's modification time.
    pub modified: Option<SystemTime>,
    /// The file's size in bytes.
    pub size: u64,
    /// The summary, when the file is a JSON object; `None` for files that are not.
    pub info: Option<SessionInfo>,
    /// Every problem found, one per code.
    pub problems: Vec<Problem>,
}

impl Session {
    /// A session file that was not read, with the problem that says why.
    pub(crate) fn refused(id: &str, problem: Problem) -> Self {
        Session {
            id: Arc::from(id),
            modified: None,
            size: 0,
            info: None,
            problems: vec![problem],
        }
    }

    /// Whether the file is listed as a session (it parsed as a JSON object).
    pub fn is_listed(&self) -> bool {
        self.info.is_some()
    }

    /// The summary's e-mail, device, device id and IP in lower case, one per line, after the
    /// file's name when that is not hexadecimal: what the window's search looks at, in one
    /// place in memory, so that a search of 100,000 sessions follows one pointer per session
    /// instead of five. Made on first use and kept; `None` for a file that is not a session.
    ///
    /// A hexadecimal name (every session file's, as 4D names them) is left out: it is 40 of
    /// the text's 100-odd bytes, and only a word of hexadecimal digits can be found in it, so
    /// the search looks at the name itself for such a word alone ([`is_hexadecimal`]).
    pub fn search_text(&self) -> Option<&str> {
        let info = self.info.as_ref()?;
        Some(
            info.search
                .get_or_make(|text| search_fields_into(text, &self.id, info)),
        )
    }

    /// Makes the search texts ([`Session::search_text`]) of sessions read one after the other,
    /// side by side in one block of memory, in their order: a search over a map that holds
    /// them in the same order then reads memory in order.
    pub(crate) fn make_search_texts_side_by_side<'a>(sessions: impl Iterator<Item = &'a Session>) {
        make_side_by_side(sessions.filter_map(|session| {
            let info = session.info.as_ref()?;
            Some((&info.search, |text: &mut String| {
                search_fields_into(text, &session.id, info)
            }))
        }));
    }

    /// The status, when the file has a valid one.
    pub fn status(&self) -> Option<Status> {
        self.info.as_ref().and_then(SessionInfo::status)
    }

    /// Whether the file has a problem of this kind.
    pub fn has(&self, code: ProblemCode) -> bool {
        self.problems.iter().any(|problem| problem.code == code)
    }

    /// The first problem that makes the store refuse to edit this file.
    pub fn blocking_problem(&self) -> Option<&Problem> {
        self.problems
            .iter()
            .find(|problem| problem.code.blocks_editing())
    }
}

/// Longest text kept from one field. The file size is already bounded; this keeps a hostile
/// file from making every row of the index heavy.
pub const MAX_FIELD_CHARS: usize = 1024;

pub(crate) fn bounded(text: &str) -> String {
    bounded_cow(text).into_owned()
}

/// [`bounded`] without a copy of a text that is short enough, which nearly all are.
pub(crate) fn bounded_cow(text: &str) -> std::borrow::Cow<'_, str> {
    // A text of at most MAX_FIELD_CHARS bytes has at most as many characters.
    if text.len() <= MAX_FIELD_CHARS {
        return text.into();
    }
    match text.char_indices().nth(MAX_FIELD_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}

fn value_at<'a, 'b>(object: &'b Object<'a>, path: &[&str]) -> Option<&'b Json<'a>> {
    let (last, parents) = path.split_last()?;
    let mut current = object;
    for key in parents {
        current = current.get(key)?.as_object()?;
    }
    current.get(last)
}

fn text_at<'b>(object: &'b Object, path: &[&str]) -> Option<&'b str> {
    value_at(object, path)?.as_str()
}

/// A string as it is, or a number as 4D's `String()` writes it (`30`, `12.5`); anything else is
/// no text at all.
fn text_or_number_at(object: &Object, path: &[&str]) -> Option<Text> {
    match value_at(object, path)? {
        Json::String(text) => Some(Text::interned(&bounded_cow(text))),
        Json::Number(number) => Some(Text::interned(&bounded_cow(&number.to_string()))),
        _ => None,
    }
}

impl SessionInfo {
    /// Takes the shown fields from a parsed session object.
    pub fn from_object(object: &Map<String, Value>) -> Self {
        Self::from_tree(&Object::from_map(object), None)
    }

    /// [`SessionInfo::from_object`] on the tree a session file is read into, for the file
    /// named `file_id`: a `session.id` equal to the file name (as it is in every valid file)
    /// shares its memory instead of a copy.
    pub(crate) fn from_tree(object: &Object, file_id: Option<&Arc<str>>) -> Self {
        let shared = |path: &[&str]| -> Option<Text> {
            text_at(object, path).map(|text| Text::interned(&bounded_cow(text)))
        };
        let text = |path: &[&str]| shared(path).unwrap_or_default();
        // Values (nearly) every session has its own of are not worth a place in the table of
        // shared texts.
        let own = |path: &[&str]| {
            text_at(object, path)
                .map(|text| Text::unique(&bounded_cow(text)))
                .unwrap_or_default()
        };
        let session_id = match (text_at(object, &["session", "id"]), file_id) {
            (Some(id), Some(file)) if id == &**file => Text::shared(file),
            _ => own(&["session", "id"]),
        };
        SessionInfo {
            app_id: text(&["application", "id"]),
            app_name: text(&["application", "name"]),
            app_version: text(&["application", "version"]),
            team_id: shared(&["team", "id"]),
            session_id,
            ip: own(&["session", "ip"]),
            status_text: shared(&["status"]),
            device: text(&["device", "description"]),
            os: shared(&["device", "os"]).unwrap_or_else(|| Text::interned("iOS")),
            os_version: text_or_number_at(object, &["device", "version"]).unwrap_or_default(),
            device_id: own(&["device", "id"]),
            simulator: value_at(object, &["device", "simulator"]).and_then(Json::as_bool),
            email: own(&["email"]),
            language: text(&["language", "id"]),
            search: SearchText::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str) -> SessionInfo {
        SessionInfo::from_object(&serde_json::from_str(text).unwrap())
    }

    #[test]
    fn a_numeric_device_version_is_shown_as_4d_shows_it() {
        let android = info(r#"{"device":{"version":30,"os":"Android R"}}"#);
        assert_eq!(android.os, "Android R");
        assert_eq!(android.os_version, "30");
        assert_eq!(info(r#"{"device":{"version":12.5}}"#).os_version, "12.5");
        assert_eq!(
            info(r#"{"device":{"version":"33 (Android TIRAMISU)","os":"Android"}}"#).os_version,
            "33 (Android TIRAMISU)"
        );
    }

    #[test]
    fn a_version_that_is_neither_text_nor_number_shows_nothing() {
        assert_eq!(info(r#"{"device":{"version":true}}"#).os_version, "");
        assert_eq!(info(r#"{"device":{"version":[1]}}"#).os_version, "");
        assert_eq!(info(r#"{"device":{}}"#).os, "iOS");
    }
}
