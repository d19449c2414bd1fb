//! Properties of the store over generated session files in every layout (issue 14): pretty,
//! compact, tabs, CRLF, a byte order mark, escaped strings and keys, unicode, nested
//! `parameters`, repeated keys and keys in any order.
//!
//! - A status round trip (to the other status and back) gives back the original bytes, and
//!   the first edit changes only the status value.
//! - `list --json` and `check --json` (the real binary) agree with a plain serde_json reading of
//!   the same files.
//!
//! The default number of cases keeps this file well under 30 s in CI; run more with
//! `PROPTEST_CASES=5000 cargo test --release --test property_tests`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{run, stderr};
use mobile_sessions::store::{Root, Status, generate, set_status};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};

/// How many cases each property runs: `PROPTEST_CASES` when set.
fn config(default_cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// How a file is written out.
#[derive(Debug, Clone)]
struct Layout {
    /// `None`: compact, on one line; else the indent of one level (spaces or tabs).
    indent: Option<String>,
    /// `\n` or `\r\n`.
    newline: &'static str,
    /// Whether a space follows each colon.
    space: bool,
    /// Whether the file starts with a UTF-8 byte order mark.
    bom: bool,
    /// Which characters of strings and keys are written as `\uXXXX` escapes: none, the
    /// non-ASCII ones, or every third one.
    escape: u8,
}

fn layouts() -> impl Strategy<Value = Layout> {
    (
        prop_oneof![
            Just(None),
            Just(Some("  ".to_owned())),
            Just(Some("    ".to_owned())),
            Just(Some("\t".to_owned())),
        ],
        prop_oneof![Just("\n"), Just("\r\n")],
        any::<bool>(),
        any::<bool>(),
        0u8..3,
    )
        .prop_map(|(indent, newline, space, bom, escape)| Layout {
            indent,
            newline,
            space,
            bom,
            escape,
        })
}

/// Writes a JSON string, escaping as the layout says (`escape` 0 for status values, which the
/// round trip must write back exactly as 4D does).
fn write_string(out: &mut String, text: &str, escape: u8) {
    out.push('"');
    for (at, ch) in text.chars().enumerate() {
        let as_escape = match escape {
            1 => !ch.is_ascii(),
            2 => at % 3 == 0,
            _ => false,
        };
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ch if (ch as u32) < 0x20 || as_escape => {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
}

/// Writes a value in a layout. Object members are given as a list, so keys can repeat.
fn write_value(out: &mut String, value: &Value, layout: &Layout, depth: usize) {
    match value {
        Value::String(text) => write_string(out, text, layout.escape),
        Value::Array(items) => {
            let members: Vec<(Option<&str>, &Value)> =
                items.iter().map(|item| (None, item)).collect();
            write_members(out, ('[', ']'), &members, layout, depth);
        }
        Value::Object(object) => {
            let members: Vec<(Option<&str>, &Value)> = object
                .iter()
                .map(|(key, value)| (Some(key.as_str()), value))
                .collect();
            write_members(out, ('{', '}'), &members, layout, depth);
        }
        other => out.push_str(&other.to_string()),
    }
}

fn write_members(
    out: &mut String,
    (open, close): (char, char),
    members: &[(Option<&str>, &Value)],
    layout: &Layout,
    depth: usize,
) {
    out.push(open);
    for (at, (key, value)) in members.iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        if let Some(indent) = &layout.indent {
            out.push_str(layout.newline);
            out.push_str(&indent.repeat(depth + 1));
        }
        if let Some(key) = key {
            write_string(out, key, layout.escape);
            out.push(':');
            if layout.space {
                out.push(' ');
            }
        }
        if *key == Some("status") {
            // Status values as 4D writes them: plain, so a round trip can give them back.
            write_value(
                out,
                value,
                &Layout {
                    escape: 0,
                    ..layout.clone()
                },
                depth + 1,
            );
        } else {
            write_value(out, value, layout, depth + 1);
        }
    }
    if let (Some(indent), false) = (&layout.indent, members.is_empty()) {
        out.push_str(layout.newline);
        out.push_str(&indent.repeat(depth));
    }
    out.push(close);
}

/// One generated session file: its top-level members (in file order, keys may repeat).
#[derive(Debug, Clone)]
struct SessionFile {
    members: Vec<(String, Value)>,
    layout: Layout,
}

impl SessionFile {
    fn bytes(&self) -> Vec<u8> {
        let members: Vec<(Option<&str>, &Value)> = self
            .members
            .iter()
            .map(|(key, value)| (Some(key.as_str()), value))
            .collect();
        let mut text = String::new();
        write_members(&mut text, ('{', '}'), &members, &self.layout, 0);
        text.push_str(self.layout.newline);
        let mut bytes = if self.layout.bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend_from_slice(text.as_bytes());
        bytes
    }

    /// The same file with every `status` member set to `status`.
    fn with_status(&self, status: Status) -> SessionFile {
        let mut edited = self.clone();
        for (key, value) in &mut edited.members {
            if key == "status" {
                *value = json!(status.as_str());
            }
        }
        edited
    }
}

/// Text of every kind: plain, unicode (accents, CJK, emoji), quotes, backslashes, controls.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ._@-]{0,12}",
        "[é漢字😀\"\\\\\n\t\u{1}a-z]{0,12}",
        any::<String>().prop_map(|text| text.chars().take(16).collect()),
    ]
}

/// Nested `parameters`: an object of any JSON, a few levels deep.
fn parameters() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        any_text().prop_map(Value::from),
    ];
    let nested = leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((any_text(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    });
    prop::collection::vec((any_text(), nested), 0..5)
        .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>()))
}

/// A valid session for `folder`, with extra members, its keys in any order, sometimes a key
/// or the status written twice, in any layout.
fn session_files(folder: &'static str) -> impl Strategy<Value = (SessionFile, String, Status)> {
    (
        any::<u64>(),
        any::<bool>(),
        parameters(),
        prop::collection::vec((any_text(), any_text()), 0..3),
        any::<u64>(),
        0u8..4,
        layouts(),
    )
        .prop_map(
            move |(seed, accepted, parameters, extra, order, repeat, layout)| {
                let status = if accepted {
                    Status::Accepted
                } else {
                    Status::Pending
                };
                let (team, bundle) = mobile_sessions::store::split_folder_name(folder);
                let object =
                    generate::session_object(&bundle, "Prop", team.as_deref(), seed, status);
                let mut members: Vec<(String, Value)> =
                    object.as_object().unwrap().clone().into_iter().collect();
                members.push(("parameters".into(), parameters));
                for (key, value) in extra {
                    // Extra keys never shadow a field the store reads.
                    members.push((format!("x-{key}"), Value::String(value)));
                }
                // Keys in any order: a rotation and a swap chosen by `order`.
                let len = members.len();
                members.rotate_left((order % len as u64) as usize);
                members.swap(((order >> 8) % len as u64) as usize, len - 1);
                match repeat {
                    // The status written twice, the same both times (readers then agree).
                    1 => members.insert(0, ("status".into(), json!(status.as_str()))),
                    // Another key written twice.
                    2 => members.push(("parameters".into(), json!({"again": true}))),
                    _ => {}
                }
                let id = generate::session_id(seed);
                (SessionFile { members, layout }, id, status)
            },
        )
}

const FOLDER: &str = "UTT7VDX8W5.com.prop.App";

#[test]
fn a_status_round_trip_gives_back_the_original_bytes() {
    let mut runner = TestRunner::new(config(96));
    runner
        .run(&session_files(FOLDER), |(file, id, status)| {
            let dir = tempfile::tempdir().unwrap();
            let root_path = dir.path().join("MobileApps");
            std::fs::create_dir_all(root_path.join(FOLDER)).unwrap();
            let path = root_path.join(FOLDER).join(&id);
            let original = file.bytes();
            std::fs::write(&path, &original).unwrap();
            let root = Root::from_existing(root_path);

            let other = status.toggled();
            let edit = set_status(&root, FOLDER, &id, other).expect("a valid file is edited");
            prop_assert!(edit.written);
            let on_disk = std::fs::read(&path).unwrap();
            // Only the status value changed: the file is byte for byte the same file written
            // with the other status.
            prop_assert_eq!(&on_disk, &file.with_status(other).bytes());
            prop_assert_eq!(&edit.before, &original);

            let back = set_status(&root, FOLDER, &id, status).expect("and edited back");
            prop_assert!(back.written);
            prop_assert_eq!(std::fs::read(&path).unwrap(), original);
            // Nothing else was left in the folder (no temporary file).
            let names: Vec<_> = std::fs::read_dir(root.path().join(FOLDER))
                .unwrap()
                .map(|entry| entry.unwrap().file_name())
                .collect();
            prop_assert_eq!(names, vec![std::ffi::OsString::from(&id)]);
            Ok(())
        })
        .unwrap();
}

/// The bytes of one file of a generated folder: mostly sessions (keys repeated or not), some
/// with a status that is neither value, some cut short, some not objects or not text.
fn any_file() -> impl Strategy<Value = Vec<u8>> {
    let odd_status = prop_oneof![Just(json!("Accepted")), Just(json!(1)), Just(Value::Null)];
    prop_oneof![
        4 => session_files(FOLDER).prop_map(|(file, _, _)| file.bytes()),
        1 => (session_files(FOLDER), odd_status).prop_map(|((mut file, _, _), status)| {
            for (key, value) in &mut file.members {
                if key == "status" {
                    *value = status.clone();
                }
            }
            file.bytes()
        }),
        1 => (session_files(FOLDER), any::<prop::sample::Index>()).prop_map(
            |((file, _, _), cut)| {
                let bytes = file.bytes();
                bytes[..cut.index(bytes.len())].to_vec()
            }
        ),
        1 => prop_oneof![
            Just(b"[1,2]".to_vec()),
            Just(b"\"text\"".to_vec()),
            Just(b"null".to_vec())
        ],
        1 => prop::collection::vec(any::<u8>(), 0..64),
    ]
}

/// The top-level members of an object as serde_json reads them, repeated keys kept.
struct Members(Vec<String>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members, A::Error> {
                let mut keys = Vec::new();
                while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(key);
                }
                Ok(Members(keys))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// What a plain serde_json reading says of one file.
#[derive(Debug, PartialEq)]
enum Reading {
    /// Not UTF-8 text.
    NotText,
    /// Text, not JSON.
    NotJson,
    /// JSON, not an object.
    NotObject,
    /// An object: its status, device and e-mail as the list shows them, and whether a
    /// top-level key repeats.
    Object {
        status: Option<String>,
        device: String,
        email: String,
        repeated: bool,
    },
}

fn serde_reading(bytes: &[u8]) -> Reading {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Reading::NotText;
    };
    match serde_json::from_str::<Value>(text) {
        Err(_) => Reading::NotJson,
        Ok(Value::Object(object)) => Reading::Object {
            status: object["status"].as_str().map(str::to_owned),
            device: object["device"]["description"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            email: object["email"].as_str().unwrap_or_default().to_owned(),
            repeated: {
                let Members(mut keys) = serde_json::from_str(text).unwrap();
                let all = keys.len();
                keys.sort();
                keys.dedup();
                keys.len() != all
            },
        },
        Ok(_) => Reading::NotObject,
    }
}

fn json_of(home: &Path, args: &[&str]) -> Value {
    let output = run(home, args);
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("not JSON ({error}): {}", stderr(&output)))
}

#[test]
fn list_and_check_agree_with_a_plain_serde_reading() {
    let mut runner = TestRunner::new(config(24));
    let folder_of_files = prop::collection::vec(any_file(), 1..8);
    runner
        .run(&folder_of_files, |files| {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("MobileApps");
            std::fs::create_dir_all(root.join(FOLDER)).unwrap();
            // Clutter that is no session file: never listed, never checked.
            std::fs::write(root.join(FOLDER).join("notes.txt"), b"{}").unwrap();
            let mut expected = BTreeMap::new();
            for (at, bytes) in files.iter().enumerate() {
                let id = format!("{at:040x}");
                std::fs::write(root.join(FOLDER).join(&id), bytes).unwrap();
                expected.insert(id, serde_reading(bytes));
            }
            let home = tempfile::tempdir().unwrap();
            let root_text = root.to_str().unwrap();
            let listing = json_of(home.path(), &["list", root_text, "--json"]);
            let check = json_of(home.path(), &["check", root_text, "--json"]);

            let mut listed = BTreeMap::new();
            for app in listing["apps"].as_array().unwrap() {
                for session in app["sessions"].as_array().unwrap() {
                    listed.insert(session["id"].as_str().unwrap().to_owned(), session.clone());
                }
            }
            let mut codes: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for problem in check["problems"].as_array().unwrap() {
                let file = Path::new(problem["file"].as_str().unwrap());
                let id = file.file_name().unwrap().to_str().unwrap().to_owned();
                codes
                    .entry(id)
                    .or_default()
                    .push(problem["code"].as_str().unwrap().to_owned());
            }
            prop_assert!(!codes.contains_key("notes.txt"));
            for (id, reading) in &expected {
                let has = |code: &str| {
                    codes
                        .get(id)
                        .is_some_and(|all| all.iter().any(|c| c == code))
                };
                match reading {
                    Reading::NotText => {
                        prop_assert!(!listed.contains_key(id));
                        prop_assert!(has("unreadable"), "{id}: {:?}", codes.get(id));
                    }
                    Reading::NotJson => {
                        prop_assert!(!listed.contains_key(id));
                        prop_assert!(has("syntax"), "{id}: {:?}", codes.get(id));
                    }
                    Reading::NotObject => {
                        prop_assert!(!listed.contains_key(id));
                        prop_assert!(has("schema"), "{id}: {:?}", codes.get(id));
                    }
                    Reading::Object {
                        status,
                        device,
                        email,
                        repeated,
                    } => {
                        let session = listed.get(id);
                        prop_assert!(session.is_some(), "{id} is an object but not listed");
                        let session = session.unwrap();
                        prop_assert_eq!(session["status"].as_str(), status.as_deref());
                        prop_assert_eq!(session["device"].as_str(), Some(device.as_str()));
                        prop_assert_eq!(session["email"].as_str(), Some(email.as_str()));
                        // A schema problem exactly when the status is neither value or a key
                        // repeats (the generated sessions have every field, well typed).
                        let valid = matches!(status.as_deref(), Some("accepted" | "pending"));
                        let schema = !valid || *repeated;
                        prop_assert_eq!(schema, has("schema"), "{}: {:?}", id, codes.get(id));
                        prop_assert!(!has("syntax") && !has("unreadable"));
                    }
                }
            }
            prop_assert_eq!(
                listed.len(),
                expected
                    .values()
                    .filter(|r| matches!(r, Reading::Object { .. }))
                    .count()
            );
            Ok(())
        })
        .unwrap();
}

/// Session texts whose members nest and repeat at every depth, with escapes, numbers of every
/// form, arrays and mistyped fields: what the borrowed tree must read as `Value` does.
fn nested_texts() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just(r#""id""#),
        Just(r#""i\u0064""#),
        Just(r#""status""#),
        Just(r#""device""#),
        Just(r#""version""#),
        Just(r#""simulator""#),
        Just(r#""application""#),
        Just(r#""session""#),
        Just(r#""token""#),
        Just(r#""\u0073tatus""#),
    ];
    let leaf = prop_oneof![
        Just("30".to_owned()),
        Just("-0".to_owned()),
        Just("12.50".to_owned()),
        Just("1e400".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just(r#""accepted""#.to_owned()),
        Just(r#""pend\u0069ng""#.to_owned()),
        Just(r#""a\"b\n""#.to_owned()),
        Just(r#""eyJpZCI6IngifQ""#.to_owned()),
        Just("true".to_owned()),
        Just("null".to_owned()),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((key.clone(), inner), 0..6).prop_map(|members| {
                let members: Vec<String> = members
                    .into_iter()
                    .map(|(key, value)| format!("{key}:{value}"))
                    .collect();
                format!("{{{}}}", members.join(", "))
            }),
        ]
    })
}

#[test]
fn a_session_file_reads_as_serde_json_values_read_it() {
    use mobile_sessions::store::fuzzing::{session_from_bytes, session_through_value};
    let mut runner = TestRunner::new(config(1024));
    let files = prop_oneof![
        any_file(),
        nested_texts().prop_map(String::into_bytes),
        session_files(FOLDER).prop_map(|(file, _, _)| file.bytes()),
    ];
    runner
        .run(&files, |bytes| {
            for (folder, name) in [(FOLDER, "0123abcd"), ("other", "session")] {
                let read = session_from_bytes(&bytes, folder, name);
                let through_value = session_through_value(&bytes, folder, name);
                prop_assert_eq!(&read, &through_value, "{}", String::from_utf8_lossy(&bytes));
            }
            Ok(())
        })
        .unwrap();
}

/// The texts the search looks at say the same whether a search made each alone or the window's
/// reader made them side by side in one block, whatever the fields hold (capitals that take
/// more bytes in lower case, a final sigma, control characters, nothing) and whether or not
/// the file's name is hexadecimal (left out) or not (kept).
#[test]
fn search_texts_made_side_by_side_say_what_texts_made_alone_say() {
    use mobile_sessions::store::SessionInfo;
    use mobile_sessions::store::fuzzing::search_texts;

    let mut runner = TestRunner::new(config(256));
    let field = || prop_oneof![any::<String>(), "[a-zA-ZİΣςßẞ\u{212A}Ω .@:\n-]{0,12}"];
    let ids = prop::collection::vec("[0-9a-fA-F]{1,8}|[A-Za-zİ.-]{1,8}", 1..6);
    let sessions = (field(), field(), field(), field(), ids);
    runner
        .run(&sessions, |(email, device, device_id, ip, ids)| {
            let mut info = SessionInfo::default();
            info.email = email.as_str().into();
            info.device = device.as_str().into();
            info.device_id = device_id.as_str().into();
            info.ip = ip.as_str().into();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            for (alone, side_by_side) in search_texts(&info, &ids) {
                prop_assert!(alone.is_some());
                prop_assert_eq!(alone, side_by_side);
            }
            Ok(())
        })
        .unwrap();
}
