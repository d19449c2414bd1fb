//! Parsing a session file in one pass into a tree that borrows its strings from the file's
//! text, noting on the way whether a key repeats where `json_text::duplicate_keys` looks (the
//! top-level object and the objects directly inside it). A second scan of every file's text
//! for repeated keys was a large share of a folder's read; now only a file whose keys do
//! repeat is scanned again, to word the fault exactly as before.
//!
//! Why not `serde_json::Value`: building one made some 55 allocations per session file (a map
//! and a string for each member) and took about three quarters of the time of parsing; the
//! reader only looks up a few dozen members and copies out the fields it shows. This tree
//! makes about five (a vector per object) and keeps every string that has no escape where it
//! is in the text.
//!
//! What it reads is what `Value` reads: the same parser (so the same errors, the same nesting
//! limit, the same numbers, a number out of range refused), and a repeated key's value is its
//! last one, as `Map::insert` leaves it for `Value` itself.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A JSON value whose strings borrow from the text it was read from, where no escape needs
/// decoding.
#[derive(Debug, Clone)]
pub(crate) enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `Value` holds it.
    Number(Number),
    /// A string, decoded.
    String(Cow<'a, str>),
    /// An array. Its items are parsed (a text is JSON or not whatever it holds) but not kept:
    /// nothing a session shows or is checked for is inside an array.
    Array,
    /// An object.
    Object(Object<'a>),
}

/// A JSON object's members in the order written, a repeated key included: a key's value is
/// its last one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Object<'a> {
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Object<'a> {
    /// The value of `key`: the last one written. Session objects have about ten members:
    /// comparing keys one by one is faster than hashing the wanted key.
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.members
            .iter()
            .rev()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    /// The same object as a tree that borrows from `map`, for the checks that take a `Map`.
    pub(crate) fn from_map(map: &'a Map<String, Value>) -> Self {
        Object {
            members: map
                .iter()
                .map(|(key, value)| (Cow::Borrowed(key.as_str()), Json::from_value(value)))
                .collect(),
        }
    }

    /// Whether a key is written twice.
    fn has_repeats(&self) -> bool {
        let keys = &self.members;
        // Sorting costs an allocation; nearly every object is small enough to compare pairs.
        if keys.len() <= 32 {
            return keys
                .iter()
                .enumerate()
                .any(|(at, (key, _))| keys[..at].iter().any(|(earlier, _)| earlier == key));
        }
        let mut sorted: Vec<&str> = keys.iter().map(|(key, _)| key.as_ref()).collect();
        sorted.sort_unstable();
        sorted.windows(2).any(|pair| pair[0] == pair[1])
    }
}

impl<'a> Json<'a> {
    /// The same value as a tree that borrows from `value`.
    pub(crate) fn from_value(value: &'a Value) -> Self {
        match value {
            Value::Null => Json::Null,
            Value::Bool(value) => Json::Bool(*value),
            Value::Number(number) => Json::Number(number.clone()),
            Value::String(text) => Json::String(Cow::Borrowed(text)),
            Value::Array(_) => Json::Array,
            Value::Object(map) => Json::Object(Object::from_map(map)),
        }
    }

    /// The object, if this is one.
    pub(crate) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// Whether this is a number.
    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Json::Number(_))
    }

    /// What this is, in words, for a message: "an array", "null".
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// A parsed JSON text, and whether a key repeats in its top-level object or in an object
/// directly inside it.
pub(crate) struct Noted<'a> {
    /// The value.
    pub value: Json<'a>,
    /// Whether a key repeats at the top level or one level down.
    pub repeated: bool,
}

/// Parses `text` as `serde_json::from_str::<Value>` does, noting repeated keys on the way.
pub(crate) fn parse_noting_repeats(text: &str) -> serde_json::Result<Noted<'_>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let (value, repeated) = Level(0).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(Noted { value, repeated })
}

/// Parses `text` as `serde_json::from_str::<Value>` does.
pub(crate) fn parse(text: &str) -> serde_json::Result<Json<'_>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let (value, _) = Level(DEEPER).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// How deep a value is: 0 for the top level, 1 for a member of the top-level object, and
/// `DEEPER` for anything further in or inside an array, where repeats are not looked for.
#[derive(Clone, Copy)]
struct Level(u8);

const DEEPER: u8 = 2;

impl<'de> DeserializeSeed<'de> for Level {
    type Value = (Json<'de>, bool);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level {
    type Value = (Json<'de>, bool);

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
        Ok((Json::Bool(value), false))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Self::Value, E> {
        Ok((Json::Number(value.into()), false))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Self::Value, E> {
        Ok((Json::Number(value.into()), false))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Self::Value, E> {
        // As `Value` does. serde_json's parser refuses a number out of range itself, so this
        // null is never made from a text.
        Ok((
            Number::from_f64(value).map_or(Json::Null, Json::Number),
            false,
        ))
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok((Json::String(Cow::Borrowed(value)), false))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok((Json::String(Cow::Owned(value.to_owned())), false))
    }

    fn visit_string<E>(self, value: String) -> Result<Self::Value, E> {
        Ok((Json::String(Cow::Owned(value)), false))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok((Json::Null, false))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok((Json::Null, false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        // Arrays are not looked into for repeated keys: the text scan does not look there.
        while access.next_element_seed(Level(DEEPER))?.is_some() {}
        Ok((Json::Array, false))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let inner = Level((self.0 + 1).min(DEEPER));
        let mut object = Object::default();
        let mut repeated = false;
        while let Some(key) = access.next_key_seed(Key)? {
            let (value, inside) = access.next_value_seed(inner)?;
            repeated |= inside;
            object.members.push((key, value));
        }
        if self.0 < DEEPER {
            repeated |= object.has_repeats();
        }
        Ok((Json::Object(object), repeated))
    }
}

/// An object's key, borrowed from the text when it has no escape.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as `Value` would hold it: a repeated key keeps its first place and takes its
    /// last value, as `Map::insert` does.
    fn to_value(json: &Json) -> Value {
        match json {
            Json::Null => Value::Null,
            Json::Bool(value) => Value::Bool(*value),
            Json::Number(number) => Value::Number(number.clone()),
            Json::String(text) => Value::String(text.to_string()),
            Json::Array => Value::Array(Vec::new()),
            Json::Object(object) => {
                let mut map = Map::new();
                for (key, value) in &object.members {
                    map.insert(key.to_string(), to_value(value));
                }
                Value::Object(map)
            }
        }
    }

    /// `value` as the tree keeps it: arrays without their items.
    fn without_items(value: Value) -> Value {
        match value {
            Value::Array(_) => Value::Array(Vec::new()),
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(key, value)| (key, without_items(value)))
                    .collect(),
            ),
            other => other,
        }
    }

    /// What `serde_json` reads of `text`, as the tree keeps it.
    fn plain(text: &str) -> Value {
        without_items(serde_json::from_str(text).unwrap())
    }

    fn noted(text: &str) -> (Value, bool) {
        let noted = parse_noting_repeats(text).unwrap();
        (to_value(&noted.value), noted.repeated)
    }

    #[test]
    fn a_key_has_its_last_value_and_plain_strings_are_not_copied() {
        let text = r#"{"id":"a","os":"i\u004fS","id":"b"}"#;
        let noted = parse_noting_repeats(text).unwrap();
        let object = noted.value.as_object().unwrap();
        assert_eq!(object.get("id").and_then(Json::as_str), Some("b"));
        assert!(matches!(
            object.get("id"),
            Some(Json::String(Cow::Borrowed(_)))
        ));
        assert_eq!(object.get("os").and_then(Json::as_str), Some("iOS"));
        assert!(noted.repeated);
        assert_eq!(to_value(&parse(text).unwrap()), plain(text));
    }

    #[test]
    fn a_big_object_is_checked_for_repeats_too() {
        let keys: Vec<String> = (0..100).map(|at| format!(r#""k{at}":{at}"#)).collect();
        let plain = format!("{{{}}}", keys.join(","));
        let repeated = format!(r#"{{{},"k7":0}}"#, keys.join(","));
        assert!(!parse_noting_repeats(&plain).unwrap().repeated);
        assert!(parse_noting_repeats(&repeated).unwrap().repeated);
        let nested = format!(r#"{{"device":{repeated}}}"#);
        assert!(parse_noting_repeats(&nested).unwrap().repeated);
    }

    #[test]
    fn repeats_are_noted_where_the_text_scan_looks_and_only_there() {
        for (text, repeated) in [
            (r#"{"a":1,"b":2}"#, false),
            (r#"{"a":1,"a":2}"#, true),
            (r#"{"d":{"id":1,"id":2}}"#, true),
            (r#"{"st\u0061tus":1,"status":2}"#, true),
            (r#"{"a":{"b":{"c":1,"c":2}}}"#, false),
            (r#"{"a":[{"c":1,"c":2}]}"#, false),
            (r#"[{"c":1,"c":2}]"#, false),
            ("\"text\"", false),
        ] {
            assert_eq!(noted(text).1, repeated, "{text}");
            assert_eq!(
                super::super::json_text::duplicate_keys_fault(text).is_some(),
                repeated,
                "{text}"
            );
        }
    }

    #[test]
    fn values_are_those_serde_json_reads() {
        for text in [
            r#"{"a":1,"b":{"x":-2,"y":1.5e300,"x":[true,null,"s"]},"a":18446744073709551615}"#,
            r#" [1, 2.0, -0, {"k": "v"}] "#,
            r#"{"a":2.0,"b":-0,"c":1e-7,"d":-9223372036854775808,"e":"\u00e9\n","f":[{"g":1}]}"#,
            "null",
            "12345678901234567890123",
        ] {
            let plain = plain(text);
            let (value, _) = noted(text);
            assert_eq!(value, plain, "{text}");
            assert_eq!(value.to_string(), plain.to_string(), "{text}");
        }
    }

    /// JSON texts whose objects reuse a few keys (some written with an escape), at any depth.
    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just(r#""id""#),
            Just(r#""i\u0064""#),
            Just(r#""status""#),
            Just(r#""os""#),
        ];
        let leaf = prop_oneof![
            Just("1".to_owned()),
            Just("-2.5e3".to_owned()),
            Just(r#""a\"b""#.to_owned()),
            Just("null".to_owned()),
            Just("true".to_owned()),
        ];
        leaf.prop_recursive(4, 32, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|items| format!("[{}]", items.join(","))),
                prop::collection::vec((key.clone(), inner), 0..4).prop_map(|members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(key, value)| format!("{key} : {value}"))
                        .collect();
                    format!("{{ {} }}", members.join(",\n"))
                }),
            ]
        })
    }

    #[test]
    fn any_text_reads_as_serde_json_reads_it_and_repeats_as_the_text_scan_finds_them() {
        use proptest::test_runner::{Config, TestRunner};
        let mut runner = TestRunner::new(Config::with_cases(512));
        runner
            .run(&texts(), |text| {
                let plain = plain(&text);
                let (value, repeated) = noted(&text);
                proptest::prop_assert_eq!(&value, &plain);
                let fault = super::super::json_text::duplicate_keys_fault(&text);
                proptest::prop_assert_eq!(repeated, fault.is_some(), "{}", text);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn errors_are_those_serde_json_gives() {
        for text in [
            r#"{"a":1,}"#,
            r#"{"a":1} x"#,
            "",
            r#"{"a":"\ud800"}"#,
            &format!("{}{}", "[".repeat(200), "]".repeat(200)),
            &format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200)),
        ] {
            let plain = serde_json::from_str::<Value>(text).unwrap_err().to_string();
            let noted = parse_noting_repeats(text)
                .err()
                .map(|error| error.to_string());
            assert_eq!(noted, Some(plain), "{text}");
        }
    }
}
