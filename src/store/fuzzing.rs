//! Entry points for the fuzz targets in `fuzz/` (issue 14): the store's pure steps, reachable
//! from outside the crate without making the scanner and parser part of the public API. Not
//! for the app's own use; hidden from the documentation.

use std::ops::Range;

use super::object::Object;
use super::read::{as_text, parse_bytes, parse_object};
use super::session::{Problem, Session, SessionInfo};
use super::validate::check_parsed;

/// The search texts of sessions holding `info` under each of `ids`, made alone (as a search
/// makes a text the reader did not) and side by side in one block (as the window's reader makes
/// them): the fuzz target holds each pair equal, whatever the fields hold.
pub fn search_texts(info: &SessionInfo, ids: &[&str]) -> Vec<(Option<String>, Option<String>)> {
    let sessions = || -> Vec<Session> {
        ids.iter()
            .map(|id| Session {
                id: std::sync::Arc::from(*id),
                modified: None,
                size: 0,
                // A copy whose text is not made yet, whatever `info`'s is.
                info: Some(SessionInfo {
                    search: Default::default(),
                    ..info.clone()
                }),
                problems: Vec::new(),
            })
            .collect()
    };
    let (alone, side_by_side) = (sessions(), sessions());
    Session::make_search_texts_side_by_side(side_by_side.iter());
    alone
        .iter()
        .zip(&side_by_side)
        .map(|(alone, beside)| {
            (
                alone.search_text().map(str::to_owned),
                beside.search_text().map(str::to_owned),
            )
        })
        .collect()
}

/// Reads and checks the bytes of one session file as [`super::load_session`] does once the
/// file is read: the fields it shows (when the bytes hold a JSON object) and its problems.
pub fn session_from_bytes(
    bytes: &[u8],
    folder: &str,
    file_name: &str,
) -> (Option<SessionInfo>, Vec<Problem>) {
    match parse_bytes(bytes) {
        Ok((object, duplicates)) => (
            Some(SessionInfo::from_tree(&object, None)),
            check_parsed(folder, file_name, &object, duplicates),
        ),
        Err(problem) => (None, vec![problem]),
    }
}

/// [`session_from_bytes`] with the file parsed as it was before the borrowed tree: into a
/// `serde_json::Value`, whose object the same checks and summary then read (through a tree that
/// borrows from it), and with the text scanned for repeated keys every time instead of only
/// when the parser noted one. The fuzz target and a property test hold the two readings equal
/// on any bytes: they test the parse and the noting of repeats, not the checks themselves.
pub fn session_through_value(
    bytes: &[u8],
    folder: &str,
    file_name: &str,
) -> (Option<SessionInfo>, Vec<Problem>) {
    let reading = as_text(bytes).and_then(|text| Ok((parse_object(text)?, text)));
    match reading {
        Ok((map, text)) => {
            let object = Object::from_map(&map);
            let duplicates = super::json_text::duplicate_keys_fault(text);
            (
                Some(SessionInfo::from_tree(&object, None)),
                check_parsed(folder, file_name, &object, duplicates),
            )
        }
        Err(problem) => (None, vec![problem]),
    }
}

/// [`super::decode_token`] with the decoded bytes read as a `serde_json::Value`, as they were
/// before the borrowed tree. The fuzz target holds the two equal.
pub fn token_through_value(token: &str) -> Result<super::TokenIds, String> {
    super::validate::decode_token_through_value(token)
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
