//! Reading one session file safely: never through a symbolic link, never more than
//! [`MAX_SESSION_BYTES`], never panicking on what the file holds. Every failure becomes a
//! [`Problem`] on the file, so a bad file is reported and the scan of the others goes on.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::object::{Json, Noted, Object, parse_noting_repeats};
use super::replace::AppDir;
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

/// Opens a file for reading without following a symbolic link: `Ok(None)` when it is a link.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<Option<File>> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: a FIFO named like a session must not hang the scan; it is refused below.
    match fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    {
        Ok(file) => Ok(Some(file)),
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => Ok(None),
        Err(error) => Err(error),
    }
}

/// One attempt of [`read_raw`]; `None` when the file was swapped between the check and the open.
fn read_raw_once(path: &Path) -> io::Result<Option<Raw>> {
    let link = || {
        Problem::new(
            ProblemCode::Unsafe,
            "it is a symbolic link; session files must be plain files inside the folder",
        )
    };
    let denied = || Problem::new(ProblemCode::Unreadable, "permission denied");
    #[cfg(unix)]
    let file = match open_no_follow(path) {
        // On Unix one call refuses links, and the metadata comes from the opened file itself:
        // no window between a check and the open.
        Ok(Some(file)) => file,
        Ok(None) => return Ok(Some(Raw::Refused(link(), fs::symlink_metadata(path).ok()))),
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            return Ok(Some(Raw::Refused(
                denied(),
                fs::symlink_metadata(path).ok(),
            )));
        }
        Err(error) => return Err(error),
    };
    #[cfg(not(unix))]
    let file = {
        let link_meta = fs::symlink_metadata(path)?;
        if link_meta.file_type().is_symlink() {
            return Ok(Some(Raw::Refused(link(), Some(link_meta))));
        }
        // std opens with FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE on Windows (its
        // `OpenOptions::new()` sets that share mode), so this read never blocks 4D from writing,
        // renaming or deleting the file while we hold it.
        let file = match File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                return Ok(Some(Raw::Refused(denied(), Some(link_meta))));
            }
            Err(error) => return Err(error),
        };
        // The path could have been swapped for a link between the check and the open.
        if !same_file(&link_meta, &file.metadata()?) {
            return Ok(None);
        }
        file
    };
    read_opened(file).map(Some)
}

/// Reads an opened file: refuses what is not a plain file or is too large, else its bytes and
/// the metadata of that very file (the edit code opens relative to a folder handle, then reads
/// here).
pub(crate) fn read_opened(mut file: File) -> io::Result<Raw> {
    let denied = || Problem::new(ProblemCode::Unreadable, "permission denied");
    let meta = file.metadata()?;
    if !meta.is_file() {
        let problem = Problem::new(ProblemCode::Unsafe, "it is not a plain file");
        return Ok(Raw::Refused(problem, Some(meta)));
    }
    if meta.len() > MAX_SESSION_BYTES {
        return Ok(Raw::Refused(too_large(meta.len()), Some(meta)));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    match (&mut file)
        .take(MAX_SESSION_BYTES + 1)
        .read_to_end(&mut bytes)
    {
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            return Ok(Raw::Refused(denied(), Some(meta)));
        }
        Err(error) => return Err(error),
    }
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Ok(Raw::Refused(too_large(bytes.len() as u64), Some(meta)));
    }
    Ok(Raw::Bytes(bytes, meta))
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
        Ok(other) => Err(not_an_object(&Json::from_value(&other))),
        Err(error) => Err(Problem::new(ProblemCode::Syntax, error.to_string())),
    }
}

fn not_an_object(value: &Json) -> Problem {
    Problem::new(
        ProblemCode::Schema,
        format!("the file holds {}, not a JSON object", value.kind()),
    )
}

/// One session file, read as far as it goes.
enum FileRead {
    /// Its bytes and metadata.
    Bytes(Vec<u8>, Metadata),
    /// The problem that stopped the reading.
    Stopped(Problem, Option<Metadata>),
    /// The file is gone.
    Gone,
}

/// Parses the bytes of a session file: its object and the fault of its repeated keys, if any.
/// One pass of the parser notes whether keys repeat; only then is the text scanned again to
/// word the fault.
pub(crate) fn parse_bytes(bytes: &[u8]) -> Result<(Object<'_>, Option<String>), Problem> {
    let text = as_text(bytes)?;
    match parse_noting_repeats(text) {
        Ok(Noted {
            value: Json::Object(object),
            repeated,
        }) => {
            let fault = if repeated {
                super::json_text::duplicate_keys_fault(text)
            } else {
                None
            };
            Ok((object, fault))
        }
        Ok(Noted { value: other, .. }) => Err(not_an_object(&other)),
        Err(error) => Err(Problem::new(ProblemCode::Syntax, error.to_string())),
    }
}

fn read_file(path: &Path) -> FileRead {
    file_read(read_raw(path))
}

/// How reading a file went, from the raw read's outcome.
fn file_read(raw: io::Result<Raw>) -> FileRead {
    match raw {
        Ok(Raw::Bytes(bytes, meta)) => FileRead::Bytes(bytes, meta),
        Ok(Raw::Refused(problem, meta)) => FileRead::Stopped(problem, meta),
        Err(error) if error.kind() == io::ErrorKind::NotFound => FileRead::Gone,
        Err(error) => FileRead::Stopped(
            Problem::new(ProblemCode::Unreadable, error.to_string()),
            None,
        ),
    }
}

/// Reads and checks one session file. `None` means the file is gone; any other failure to
/// read is a problem on the returned session, not an error.
pub fn load_session(path: &Path, folder: &str, id: &str) -> Option<Session> {
    session_from(read_file(path), folder, id)
}

/// [`load_session`] through the handle of the app folder, opened once for many files: the
/// file is opened relative to it (on Unix, `openat`), so the system looks up one name rather
/// than every folder of the path again for each file, and a folder swapped for a link while
/// it is read is not followed. A file refused (a link, permission denied) keeps the metadata
/// of its entry, as [`load_session`] gives it.
pub(crate) fn load_session_in(dir: &AppDir, folder: &str, id: &str) -> Option<Session> {
    let read = match file_read(dir.read(id)) {
        FileRead::Stopped(problem, None) => {
            FileRead::Stopped(problem, fs::symlink_metadata(dir.file_path(id)).ok())
        }
        read => read,
    };
    session_from(read, folder, id)
}

/// The session of a file read (`None` when it is gone): its summary and problems when it
/// parsed, else the problem that stopped it.
fn session_from(read: FileRead, folder: &str, id: &str) -> Option<Session> {
    let id: Arc<str> = Arc::from(id);
    let mut session = Session {
        id: id.clone(),
        modified: None,
        size: 0,
        info: None,
        problems: Vec::new(),
    };
    let meta = match read {
        FileRead::Bytes(bytes, meta) => {
            match parse_bytes(&bytes) {
                Ok((object, duplicates)) => {
                    session.problems = validate::check_parsed(folder, &id, &object, duplicates);
                    session.info = Some(SessionInfo::from_tree(&object, Some(&id)));
                }
                Err(problem) => session.problems.push(problem),
            }
            Some(meta)
        }
        FileRead::Stopped(problem, meta) => {
            session.problems.push(problem);
            meta
        }
        FileRead::Gone => return None,
    };
    if let Some(meta) = meta {
        session.modified = meta.modified().ok();
        session.size = meta.len();
    }
    Some(session)
}

/// Only the problems of one session file, as `check` needs them: nothing else is kept, so a
/// check of a huge folder holds no more than its problems. `None` when the file is gone.
pub fn check_session_file(path: &Path, folder: &str, id: &str) -> Option<Vec<Problem>> {
    problems_of(read_file(path), folder, id)
}

/// [`check_session_file`] through the handle of the app folder, as [`load_session_in`] reads.
pub(crate) fn check_session_file_in(dir: &AppDir, folder: &str, id: &str) -> Option<Vec<Problem>> {
    problems_of(file_read(dir.read(id)), folder, id)
}

/// The problems of a file read; `None` when it is gone.
fn problems_of(read: FileRead, folder: &str, id: &str) -> Option<Vec<Problem>> {
    match read {
        FileRead::Bytes(bytes, _) => Some(match parse_bytes(&bytes) {
            Ok((object, duplicates)) => validate::check_parsed(folder, id, &object, duplicates),
            Err(problem) => vec![problem],
        }),
        FileRead::Stopped(problem, _) => Some(vec![problem]),
        FileRead::Gone => None,
    }
}

/// The text of one session file, for showing (the details panel's raw JSON): read like any
/// session file (no links, size-limited), pretty-printed when it is JSON, else as it is.
pub fn session_text(path: &Path) -> Result<String, Problem> {
    let bytes = match read_raw(path) {
        Ok(Raw::Bytes(bytes, _)) => bytes,
        Ok(Raw::Refused(problem, _)) => return Err(problem),
        Err(error) => return Err(Problem::new(ProblemCode::Unreadable, error.to_string())),
    };
    let text = as_text(&bytes)?;
    Ok(match serde_json::from_str::<Value>(text) {
        Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_else(|_| text.to_owned()),
        Err(_) => text.to_owned(),
    })
}
