//! Parsing a session file in one pass that also notes whether a key repeats where
//! `json_text::duplicate_keys` looks (the top-level object and the objects directly inside it).
//! A second scan of every file's text for repeated keys was a large share of a folder's read;
//! now only a file whose keys do repeat is scanned again, to word the fault exactly as before.
//!
//! The values are built as `serde_json::Value` builds them: the same parser, the same numbers,
//! and a repeated key keeps the first key's place and takes the last value, as
//! `Map::insert` does for `Value` itself.

use std::fmt;

use serde::Deserialize;
use serde::de::value::SeqAccessDeserializer;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A parsed JSON text, and whether a key repeats in its top-level object or in an object
/// directly inside it.
pub(crate) struct Noted {
    /// The value, exactly as `serde_json::from_str::<Value>` gives it.
    pub value: Value,
    /// Whether a key repeats at the top level or one level down.
    pub repeated: bool,
}

/// Parses `text` as `serde_json::from_str::<Value>` does, noting repeated keys on the way.
pub(crate) fn parse_noting_repeats(text: &str) -> serde_json::Result<Noted> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let (value, repeated) = Level { nested: false }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(Noted { value, repeated })
}

/// A value at the top level (`nested: false`) or directly inside the top-level object.
#[derive(Clone, Copy)]
struct Level {
    nested: bool,
}

impl<'de> DeserializeSeed<'de> for Level {
    type Value = (Value, bool);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level {
    type Value = (Value, bool);

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
        Ok((Value::Bool(value), false))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Self::Value, E> {
        Ok((Value::from(value), false))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Self::Value, E> {
        Ok((Value::from(value), false))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Self::Value, E> {
        // As `Value` does: a number JSON cannot hold becomes null.
        Ok((Value::from(value), false))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok((Value::String(value.to_owned()), false))
    }

    fn visit_string<E>(self, value: String) -> Result<Self::Value, E> {
        Ok((Value::String(value), false))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok((Value::Null, false))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Ok((Value::deserialize(deserializer)?, false))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok((Value::Null, false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        // Arrays are not looked into for repeated keys: `Value`'s own reading of them.
        Ok((Value::deserialize(SeqAccessDeserializer::new(seq))?, false))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut object = Map::new();
        let mut repeated = false;
        while let Some(key) = access.next_key::<String>()? {
            let value = if self.nested {
                access.next_value::<Value>()?
            } else {
                let (value, inside) = access.next_value_seed(Level { nested: true })?;
                repeated |= inside;
                value
            };
            repeated |= object.insert(key, value).is_some();
        }
        Ok((Value::Object(object), repeated))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noted(text: &str) -> (Value, bool) {
        let noted = parse_noting_repeats(text).unwrap();
        (noted.value, noted.repeated)
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
            "null",
            "12345678901234567890123",
        ] {
            let plain: Value = serde_json::from_str(text).unwrap();
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
                let plain: Value = serde_json::from_str(&text).unwrap();
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
