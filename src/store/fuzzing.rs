//! Entry points for the fuzz targets in `fuzz/` (issue 14): the store's pure steps, reachable
//! from outside the crate without making the scanner and parser part of the public API. Not
//! for the app's own use; hidden from the documentation.

use std::ops::Range;

use super::read::parse_bytes;
use super::session::{Problem, SessionInfo};
use super::validate::check_parsed;

/// Reads and checks the bytes of one session file as [`super::load_session`] does once the
/// file is read: the fields it shows (when the bytes hold a JSON object) and its problems.
pub fn session_from_bytes(
    bytes: &[u8],
    folder: &str,
    file_name: &str,
) -> (Option<SessionInfo>, Vec<Problem>) {
    match parse_bytes(bytes) {
        Ok((object, duplicates)) => (
            Some(SessionInfo::from_object(&object)),
            check_parsed(folder, file_name, &object, duplicates),
        ),
        Err(problem) => (None, vec![problem]),
    }
}

/// The top-level members of the object in `text` as the status editor sees them: each decoded
/// key and the byte range of its value. `None` when the scanner gives up.
pub fn top_level_members(text: &str) -> Option<Vec<(String, Range<usize>)>> {
    Some(
        super::json_text::members(text)?
            .into_iter()
            .map(|member| (member.key, member.value))
            .collect(),
    )
}
