//! The status editor on arbitrary text (issue 14): when it returns an edit, the result parses,
//! equals the input object with only `status` changed, and every byte outside the status
//! value is unchanged, a byte order mark included.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mobile_sessions::store::fuzzing::top_level_members;
use mobile_sessions::store::{Status, with_status};
use serde_json::{Map, Value};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fuzz_target!(|data: &[u8]| {
    // The first byte picks the status to set; the rest is the file.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let status = if pick & 1 == 0 {
        Status::Accepted
    } else {
        Status::Pending
    };
    let Some(edited) = with_status(bytes, status) else {
        return;
    };
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    assert_eq!(&edited[..bom], &bytes[..bom], "the byte order mark changed");
    let before_text =
        std::str::from_utf8(&bytes[bom..]).expect("an edit of text that is not UTF-8");
    let after_text = std::str::from_utf8(&edited[bom..]).expect("the edit is not UTF-8");
    let mut before: Map<String, Value> =
        serde_json::from_str(before_text).expect("an edit of text that is not an object");
    let after: Map<String, Value> =
        serde_json::from_str(after_text).expect("the edited text does not parse");
    before.insert("status".into(), Value::String(status.as_str().into()));
    assert_eq!(before, after, "more than the status changed");

    let quoted = format!("\"{}\"", status.as_str());
    let members = top_level_members(before_text).expect("the editor scanned this text");
    let ranges: Vec<_> = members
        .iter()
        .filter(|(key, _)| key == "status")
        .map(|(_, range)| range.clone())
        .collect();
    if ranges.is_empty() {
        // A missing status is added: the original text is the edit with one piece taken out.
        let prefix = before_text
            .bytes()
            .zip(after_text.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix = before_text[prefix..]
            .bytes()
            .rev()
            .zip(after_text[prefix..].bytes().rev())
            .take_while(|(a, b)| a == b)
            .count();
        assert_eq!(
            prefix + suffix,
            before_text.len(),
            "an added status moved other bytes"
        );
        assert!(after_text.contains(&quoted));
    } else {
        // Every status value, and nothing else, is replaced by the new one.
        let mut expected = String::new();
        let mut at = 0;
        for range in ranges {
            serde_json::from_str::<Value>(&before_text[range.clone()])
                .expect("the replaced bytes were not one whole value");
            expected.push_str(&before_text[at..range.start]);
            expected.push_str(&quoted);
            at = range.end;
        }
        expected.push_str(&before_text[at..]);
        assert_eq!(
            after_text, expected,
            "a byte outside the status value changed"
        );
    }
});
