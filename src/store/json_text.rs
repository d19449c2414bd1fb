//! Finding where the top-level members of a JSON object sit in its text, so that an edit can
//! replace the bytes of one value and leave every other byte (order, spacing, escapes, number
//! formats) exactly as the server wrote it. Re-serializing would normalize all of that.
//!
//! The text handed in has already been parsed successfully by serde_json, so this scanner only
//! has to find boundaries, not to validate; it still returns `None` rather than panicking on
//! anything unexpected.

use std::ops::Range;

/// One top-level member of an object: where its key starts, its decoded key, its value's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    /// The key, with escapes decoded (`"st\u0061tus"` is `status`).
    pub key: String,
    /// Where the key's opening quote is.
    pub key_start: usize,
    /// Where the key's closing quote ends.
    pub key_end: usize,
    /// The value's bytes.
    pub value: Range<usize>,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, wanted: u8) -> Option<()> {
        (self.peek()? == wanted).then(|| self.at += 1)
    }

    /// Skips a string starting at its opening quote; returns its range, quotes included.
    fn string(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return Some(start..self.at);
                }
                _ => self.at += 1,
            }
        }
    }

    /// Skips any value; nesting is counted, not recursed, so depth cannot overflow the stack.
    fn value(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    self.at += 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            _ => {
                while self.peek().is_some_and(|byte| {
                    !matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.at += 1;
                }
            }
        }
        (self.at > start).then_some(start..self.at)
    }
}

/// The top-level members of the object in `text`, in file order.
pub(crate) fn members(text: &str) -> Option<Vec<Member>> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut found = Vec::new();
    cursor.skip_space();
    cursor.expect(b'{')?;
    loop {
        cursor.skip_space();
        match cursor.peek()? {
            b'}' => return Some(found),
            b',' => {
                cursor.at += 1;
                continue;
            }
            _ => {}
        }
        let key_range = cursor.string()?;
        // Most keys hold no escape: they are taken as written, without a decoder.
        let raw = &text[key_range.start + 1..key_range.end - 1];
        let key: String = if raw.contains('\\') {
            serde_json::from_str(&text[key_range.clone()]).ok()?
        } else {
            raw.to_owned()
        };
        cursor.skip_space();
        cursor.expect(b':')?;
        cursor.skip_space();
        let value = cursor.value()?;
        found.push(Member {
            key,
            key_start: key_range.start,
            key_end: key_range.end,
            value,
        });
    }
}

/// Sets the top-level string member `key` to `value`, touching no other byte. Every occurrence
/// of a duplicated key is set, so readers that keep the first and those that keep the last
/// agree. A missing key is added after the last member, spaced like it.
pub(crate) fn set_top_level_string(text: &str, key: &str, value: &str) -> Option<String> {
    let members = members(text)?;
    let quoted = serde_json::to_string(value).ok()?;
    let targets: Vec<&Member> = members.iter().filter(|member| member.key == key).collect();
    let mut edited = text.to_owned();
    if targets.is_empty() {
        let quoted_key = serde_json::to_string(key).ok()?;
        let insertion = match members.last() {
            Some(last) => {
                // Reuse the spacing that stands before the last key and around its colon.
                let before_key = text[..last.key_start]
                    .rfind([',', '{'])
                    .map(|at| &text[at + 1..last.key_start])
                    .unwrap_or("");
                let colon = &text[last.key_end..last.value.start];
                (
                    last.value.end,
                    format!(",{before_key}{quoted_key}{colon}{quoted}"),
                )
            }
            None => {
                let open = text.find('{')?;
                (open + 1, format!("{quoted_key}:{quoted}"))
            }
        };
        edited.insert_str(insertion.0, &insertion.1);
        return Some(edited);
    }
    // Replace from the end so earlier ranges stay valid.
    for member in targets.iter().rev() {
        edited.replace_range(member.value.clone(), &quoted);
    }
    Some(edited)
}

/// The values of every top-level member named `key`, in file order: the decoded text of a
/// string value, `None` for any other kind of value. `None` when the text is not an object.
pub(crate) fn top_level_strings(text: &str, key: &str) -> Option<Vec<Option<String>>> {
    Some(
        members(text)?
            .into_iter()
            .filter(|member| member.key == key)
            .map(|member| serde_json::from_str::<String>(&text[member.value]).ok())
            .collect(),
    )
}

/// Keys that appear more than once in the top-level object or in an object directly inside it,
/// as paths (`status`, `device.id`), each with the JSON texts of its values in file order.
pub(crate) fn duplicate_keys(text: &str) -> Vec<(String, Vec<&str>)> {
    let mut found = Vec::new();
    let Some(top) = members(text) else {
        return found;
    };
    collect_duplicates(text, &top, "", &mut found);
    for member in &top {
        let value = &text[member.value.clone()];
        if value.starts_with('{')
            && let Some(inner) = members(value)
        {
            let inner: Vec<Member> = inner
                .into_iter()
                .map(|mut child| {
                    child.value = child.value.start + member.value.start
                        ..child.value.end + member.value.start;
                    child
                })
                .collect();
            collect_duplicates(text, &inner, &format!("{}.", member.key), &mut found);
        }
    }
    found
}

fn collect_duplicates<'a>(
    text: &'a str,
    members: &[Member],
    prefix: &str,
    found: &mut Vec<(String, Vec<&'a str>)>,
) {
    // The members sorted by key (a stable sort: file order within a key), so a file of many
    // members costs n log n; comparing each key with every other was quadratic, and a 1 MiB
    // file holds some 150,000 members.
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| members[a].key.cmp(&members[b].key));
    let mut repeated: Vec<(usize, Vec<&str>)> = order
        .chunk_by(|&a, &b| members[a].key == members[b].key)
        .filter(|run| run.len() > 1)
        .map(|run| {
            let values = run.iter().map(|&at| &text[members[at].value.clone()]);
            (run[0], values.collect())
        })
        .collect();
    // In the order each key first appears.
    repeated.sort_unstable_by_key(|(first, _)| *first);
    found.extend(
        repeated
            .into_iter()
            .map(|(first, values)| (format!("{prefix}{}", members[first].key), values)),
    );
}

/// The fault of a session text whose keys repeat, in one sentence, or `None`. JSON leaves
/// the meaning of a repeated key open: serde_json and most parsers (4D's documentation says
/// nothing, and it follows JavaScript, which keeps the last) read the last value, others the
/// first, so the file means different things to different readers.
pub(crate) fn duplicate_keys_fault(text: &str) -> Option<String> {
    let duplicates = duplicate_keys(text);
    if duplicates.is_empty() {
        return None;
    }
    let listed: Vec<String> = duplicates
        .iter()
        .take(5)
        .map(|(path, values)| {
            let shown: Vec<String> = values
                .iter()
                .take(4)
                .map(|value| crate::safe_text::visible(value, 40))
                .collect();
            format!(
                "{path:?} appears {} times ({})",
                values.len(),
                shown.join(", then ")
            )
        })
        .collect();
    Some(format!(
        "{}; programs disagree on which value counts (this app, like most, reads the last)",
        listed.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_value_changes_in_compact_text() {
        let text = r#"{"a":{"status":"x"},"status":"pending","z":[1,{"b":"}"}]}"#;
        assert_eq!(
            set_top_level_string(text, "status", "accepted").unwrap(),
            r#"{"a":{"status":"x"},"status":"accepted","z":[1,{"b":"}"}]}"#
        );
    }

    #[test]
    fn pretty_text_keeps_its_layout() {
        let text = "{\n\t\"email\": \"a\\\"b\",\n\t\"status\" : \"accepted\",\n\t\"n\": 1.50\n}\n";
        assert_eq!(
            set_top_level_string(text, "status", "pending").unwrap(),
            "{\n\t\"email\": \"a\\\"b\",\n\t\"status\" : \"pending\",\n\t\"n\": 1.50\n}\n"
        );
    }

    #[test]
    fn escaped_keys_and_duplicates_are_all_found() {
        let text = r#"{"st\u0061tus":"pending","status":"pending"}"#;
        assert_eq!(
            set_top_level_string(text, "status", "accepted").unwrap(),
            r#"{"st\u0061tus":"accepted","status":"accepted"}"#
        );
    }

    #[test]
    fn a_missing_key_is_added_like_its_neighbours() {
        let text = "{\n  \"a\": 1,\n  \"b\": true\n}";
        assert_eq!(
            set_top_level_string(text, "status", "pending").unwrap(),
            "{\n  \"a\": 1,\n  \"b\": true,\n  \"status\": \"pending\"\n}"
        );
        assert_eq!(
            set_top_level_string("{}", "status", "pending").unwrap(),
            r#"{"status":"pending"}"#
        );
    }

    #[test]
    fn duplicate_status_keys_are_found_with_their_values() {
        let text = r#"{"status":"pending","device":{"id":"a","id":"b"},"status":"accepted"}"#;
        let found = duplicate_keys(text);
        assert_eq!(
            found,
            vec![
                ("status".to_owned(), vec![r#""pending""#, r#""accepted""#]),
                ("device.id".to_owned(), vec![r#""a""#, r#""b""#]),
            ]
        );
        let fault = duplicate_keys_fault(text).unwrap();
        assert!(fault.contains(r#""status" appears 2 times"#), "{fault}");
        assert_eq!(
            duplicate_keys_fault(r#"{"a":{"b":1},"c":[{"d":1,"d":2}]}"#),
            None
        );
        assert_eq!(
            top_level_strings(text, "status").unwrap(),
            vec![Some("pending".to_owned()), Some("accepted".to_owned())]
        );
    }

    #[test]
    fn repeated_keys_are_listed_in_the_order_they_first_appear_with_their_values_in_order() {
        let text = r#"{"b":1,"a":1,"b":2,"c":0,"a":2,"b":3,"d":{"y":1,"x":1,"y":2}}"#;
        assert_eq!(
            duplicate_keys(text),
            vec![
                ("b".to_owned(), vec!["1", "2", "3"]),
                ("a".to_owned(), vec!["1", "2"]),
                ("d.y".to_owned(), vec!["1", "2"]),
            ]
        );
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let text = format!(
            "{{\"a\":{}{},\"status\":\"x\"}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let edited = set_top_level_string(&text, "status", "pending").unwrap();
        assert!(edited.ends_with(r#""status":"pending"}"#));
    }
}
