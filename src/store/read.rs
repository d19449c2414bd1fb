//! Reading one session file safely: never through a symbolic link, never more than
//! [`MAX_SESSION_BYTES`], never panicking on what the file holds. Every failure becomes a
//! [`Problem`] on the file, so a bad file is reported and the scan of the others goes on.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use serde_json::{Map, Value};

use super::session::{Problem, ProblemCode, Session, SessionInfo};
use super::validate;

/// The largest session file the store reads. Real files are under 2 KiB; 1 MiB leaves room for
/// large `parameters` while keeping a hostile or corrupted file from filling memory.
pub const MAX_SESSION_BYTES: u64 = 1024 * 1024;

/// How a read of the raw bytes went.
pub(crate) enum Raw {
    /// The bytes, and the metadata of the file they came from.
    Bytes(Vec<u8>, Metadata),
    /// The file could not be read safely; the problem says why.
    Refused(Problem, Option<Metadata>),
}

/// Reads a file's bytes without following a symbolic link and without reading past the limit.
/// A file replaced while being read (the server writes by rename too) is read again.
pub(crate) fn read_raw(path: &Path) -> io::Result<Raw> {
    const ATTEMPTS: usize = 5;
    for _ in 0..ATTEMPTS {
        if let Some(raw) = read_raw_once(path)? {
            return Ok(raw);
        }
    }
    Ok(Raw::Refused(
        Problem::new(
            ProblemCode::Unreadable,
            "it kept being replaced while it was read; try again",
        ),
        None,
    ))
}

/// One attempt of [`read_raw`]; `None` when the file was swapped between the check and the open.
fn read_raw_once(path: &Path) -> io::Result<Option<Raw>> {
    let link_meta = fs::symlink_metadata(path)?;
    if link_meta.file_type().is_symlink() {
        let problem = Problem::new(
            ProblemCode::Unsafe,
            "it is a symbolic link; session files must be plain files inside the folder",
        );
        return Ok(Some(Raw::Refused(problem, Some(link_meta))));
    }
    if !link_meta.is_file() {
        let problem = Problem::new(ProblemCode::Unsafe, "it is not a plain file");
        return Ok(Some(Raw::Refused(problem, Some(link_meta))));
    }
    if link_meta.len() > MAX_SESSION_BYTES {
        return Ok(Some(Raw::Refused(
            too_large(link_meta.len()),
            Some(link_meta),
        )));
    }
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            let problem = Problem::new(ProblemCode::Unreadable, "permission denied");
            return Ok(Some(Raw::Refused(problem, Some(link_meta))));
        }
        Err(error) => return Err(error),
    };
    // The path could have been swapped (for a link, or by a rename) between the check and the
    // open: make sure the file opened is the one that was checked, else look again.
    let open_meta = file.metadata()?;
    if !same_file(&link_meta, &open_meta) || !open_meta.is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(open_meta.len() as usize + 1);
    match (&mut file)
        .take(MAX_SESSION_BYTES + 1)
        .read_to_end(&mut bytes)
    {
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            let problem = Problem::new(ProblemCode::Unreadable, "permission denied");
            return Ok(Some(Raw::Refused(problem, Some(open_meta))));
        }
        Err(error) => return Err(error),
    }
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Ok(Some(Raw::Refused(
            too_large(bytes.len() as u64),
            Some(open_meta),
        )));
    }
    Ok(Some(Raw::Bytes(bytes, open_meta)))
}

fn too_large(size: u64) -> Problem {
    Problem::new(
        ProblemCode::Unreadable,
        format!(
            "it is {size} bytes, larger than the {} bytes a session file may have",
            MAX_SESSION_BYTES
        ),
    )
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    // Windows gives no stable file id through std; the length and kind are the best we have.
    a.len() == b.len() && a.file_type() == b.file_type()
}

/// Text of a session file: UTF-8, with a byte order mark (which some editors add) set aside.
pub(crate) fn as_text(bytes: &[u8]) -> Result<&str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        Problem::new(
            ProblemCode::Unreadable,
            format!(
                "it is not UTF-8 text (bad byte at offset {})",
                error.valid_up_to()
            ),
        )
    })
}

/// Parses session text into its top-level object, or the syntax/schema problem that stops it.
pub(crate) fn parse_object(text: &str) -> Result<Map<String, Value>, Problem> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(Problem::new(
            ProblemCode::Schema,
            format!("the file holds {}, not a JSON object", kind_of(&other)),
        )),
        Err(error) => Err(Problem::new(ProblemCode::Syntax, error.to_string())),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads and checks one session file. `Ok(None)` means the file is gone; any other failure to
/// read is a problem on the returned session, not an error.
pub fn load_session(path: &Path, folder: &str, id: &str) -> Option<Session> {
    let mut session = Session {
        id: id.to_owned(),
        modified: None,
        size: 0,
        info: None,
        problems: Vec::new(),
    };
    let (bytes, meta) = match read_raw(path) {
        Ok(Raw::Bytes(bytes, meta)) => (bytes, meta),
        Ok(Raw::Refused(problem, meta)) => {
            if let Some(meta) = meta {
                session.modified = meta.modified().ok();
                session.size = meta.len();
            }
            session.problems.push(problem);
            return Some(session);
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => return None,
        Err(error) => {
            session
                .problems
                .push(Problem::new(ProblemCode::Unreadable, error.to_string()));
            return Some(session);
        }
    };
    session.modified = meta.modified().ok();
    session.size = meta.len();
    let object = match as_text(&bytes).and_then(parse_object) {
        Ok(object) => object,
        Err(problem) => {
            session.problems.push(problem);
            return Some(session);
        }
    };
    session.problems = validate::check_object(folder, id, &object);
    session.info = Some(SessionInfo::from_object(&object));
    Some(session)
}
