//! [`SearchText`]: the fields of a session that the window's search looks at, in lower case, in
//! one string. A search of 100,000 sessions used to follow a pointer to each of five fields of
//! every session, each in its own place in memory: most of its time was spent waiting for
//! memory, not comparing. With the fields together it follows one.

use std::fmt;
use std::sync::OnceLock;

/// A session's e-mail, device, device id and IP (and its file name, when that is not
/// hexadecimal) in lower case, one per line ([`crate::store::Session::search_text`]), made
/// once: by the window's reader as it reads the file, or by the first search that needs it. A
/// search word has no white space, so it is never found across two of them. The command line
/// never makes it, so its sessions cost no more memory for it than an empty `OnceLock`.
///
/// It is derived from the other fields: two summaries are equal whether or not it is made yet.
#[derive(Clone, Default)]
pub struct SearchText(OnceLock<Box<str>>);

impl SearchText {
    /// The text, made from `fields` if it is not made yet.
    pub fn get_or_make(&self, fields: impl FnOnce() -> Box<str>) -> &str {
        self.0.get_or_init(fields)
    }
}

/// `fields` in lower case ([`fold_case_into`]), each on its own line.
pub fn lower_case_lines(fields: &[&str]) -> Box<str> {
    let lines: usize = fields.iter().map(|field| field.len() + 1).sum();
    let mut text = String::with_capacity(lines.saturating_sub(1));
    for (at, field) in fields.iter().enumerate() {
        if at > 0 {
            text.push('\n');
        }
        fold_case_into(&mut text, field);
    }
    text.into_boxed_str()
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
