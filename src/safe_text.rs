//! Showing untrusted text safely. Every field of a session file comes from a mobile device, so
//! it may hold control characters (which can move a terminal's cursor or fake a new line),
//! invisible or direction-changing characters (which can make `evil` read as `live`), or be
//! very long. Here they become visible escapes and long values are cut.

use std::fmt::Write as _;

/// Whether a character would be invisible or would change how the text around it reads.
fn is_disguising(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}'                      // soft hyphen
            | '\u{061C}'                    // Arabic letter mark
            | '\u{180E}'                    // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}'       // zero-width spaces and direction marks
            | '\u{2028}'..='\u{202E}'       // line/paragraph separators and bidi embeddings
            | '\u{2060}'..='\u{206F}'       // word joiner, bidi isolates, invisible operators
            | '\u{FEFF}'                    // zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotations
            | '\u{E0000}'..='\u{E007F}'     // tag characters
        )
}

/// The text with every control, invisible and direction-changing character written as an
/// escape (`\n`, `\t`, `\u{202e}`), cut to `max_chars` characters with `…` when longer.
pub fn visible(text: &str, max_chars: usize) -> String {
    let mut shown = String::with_capacity(text.len().min(max_chars.saturating_mul(2)));
    for (count, c) in text.chars().enumerate() {
        if count >= max_chars {
            shown.push('…');
            break;
        }
        match c {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if is_disguising(c) => {
                let _ = write!(shown, "\\u{{{:x}}}", c as u32);
            }
            c => shown.push(c),
        }
    }
    shown
}

/// [`visible`] with the default cut for one table cell or terminal column.
pub fn cell(text: &str) -> String {
    visible(text, 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(cell("a\nb\x1b[2Jc"), "a\\nb\\u{1b}[2Jc");
        assert_eq!(cell("evil\u{202e}gnp.exe"), "evil\\u{202e}gnp.exe");
        assert_eq!(cell("x\u{200b}y"), "x\\u{200b}y");
    }

    #[test]
    fn long_text_is_cut() {
        assert_eq!(visible("abcdef", 3), "abc…");
        assert_eq!(visible("abc", 3), "abc");
        assert_eq!(visible("çàé", 2), "çà…");
    }
}
