//! [`SearchText`]: the fields of a session that the window's search looks at, in lower case, in
//! one string. A search of 100,000 sessions used to follow a pointer to each of five fields of
//! every session, each in its own place in memory: most of its time was spent waiting for
//! memory, not comparing. With the fields together it follows one; and with the texts of the
//! sessions read one after the other side by side in one block ([`make_side_by_side`]), that
//! one is where the processor already looks next.

use std::fmt;
use std::sync::{Arc, OnceLock};

/// A session's e-mail, device, device id and IP (and its file name, when that is not
/// hexadecimal) in lower case, one per line ([`crate::store::Session::search_text`]), made
/// once: by the window's reader as it reads the file, or by the first search that needs it. A
/// search word has no white space, so it is never found across two of them. The command line
/// never makes it, so its sessions cost no more memory for it than an empty `OnceLock`.
///
/// It is derived from the other fields: two summaries are equal whether or not it is made yet.
#[derive(Clone, Default)]
pub struct SearchText(OnceLock<Place>);

/// Where a search text lies: a stretch of a block of texts, shared by the sessions read side by
/// side ([`make_side_by_side`]), or a block of its own for a text made alone. The block stays
/// while any of its sessions does; a session read again gets a text of its own.
#[derive(Clone)]
struct Place {
    block: Arc<str>,
    start: u32,
    end: u32,
}

impl Place {
    /// The text, a stretch of its block.
    fn text(&self) -> &str {
        // Made only at character boundaries of the block, within it (see `make_side_by_side`).
        &self.block[self.start as usize..self.end as usize]
    }
}

impl SearchText {
    /// The text, made from `fields` (which adds them to the string it is given) if it is not
    /// made yet.
    pub fn get_or_make(&self, fields: impl FnOnce(&mut String)) -> &str {
        self.0
            .get_or_init(|| {
                let mut text = String::new();
                fields(&mut text);
                // A text of 4 GiB cannot come from fields of bounded size; were it ever made,
                // it would be searched as empty rather than panic.
                let end = u32::try_from(text.len()).unwrap_or_else(|_| {
                    text.clear();
                    0
                });
                Place {
                    block: Arc::from(text),
                    start: 0,
                    end,
                }
            })
            .text()
    }
}

/// Makes the search texts given (of sessions just read, so not made yet), side by side in one
/// block of memory, in the order given, each from its fields (added to the block by its function): for sessions
/// read one after the other, which the window's maps then hold in the same order, so that a
/// search over them reads memory in order instead of following a pointer to a different place
/// for each. A block is kept under 4 GiB; texts that would not fit are made alone when first
/// needed.
pub fn make_side_by_side<'a, F: FnOnce(&mut String)>(
    texts: impl IntoIterator<Item = (&'a SearchText, F)>,
) {
    let mut block = String::new();
    let mut places = Vec::new();
    for (text, fields) in texts {
        let start = block.len();
        fields(&mut block);
        match (u32::try_from(start), u32::try_from(block.len())) {
            (Ok(start), Ok(end)) => places.push((text, start, end)),
            _ => {
                block.truncate(start);
                break;
            }
        }
    }
    let block: Arc<str> = Arc::from(block);
    for (text, start, end) in places {
        // A text made already (which a session just read does not have) would stay as it
        // is, and say the same.
        let _ = text.0.set(Place {
            block: Arc::clone(&block),
            start,
            end,
        });
    }
}

/// Adds `fields` in lower case ([`fold_case_into`]) to `text`, each on its own line.
pub fn lower_case_lines_into(text: &mut String, fields: &[&str]) {
    let lines: usize = fields.iter().map(|field| field.len() + 1).sum();
    text.reserve(lines.saturating_sub(1));
    for (at, field) in fields.iter().enumerate() {
        if at > 0 {
            text.push('\n');
        }
        fold_case_into(text, field);
    }
}

/// Text in lower case for comparing without case (see [`fold_case_into`]).
pub fn fold_case(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_case_into(&mut folded, text);
    folded
}

/// Adds `text` in lower case to `out`, for comparing without case: ASCII byte by byte, other
/// text with each character as `char::to_lowercase` puts it and the Greek final sigma (ς) as
/// the other small sigma (σ), since which of the two a capital Σ becomes depends on where it
/// stands in a word, and a word typed in the search need not end where the word in a field
/// ends.
pub fn fold_case_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(
            text.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
    } else {
        out.extend(
            text.chars()
                .flat_map(char::to_lowercase)
                .map(|character| if character == 'ς' { 'σ' } else { character }),
        );
    }
}

impl PartialEq for SearchText {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for SearchText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SearchText")
    }
}
