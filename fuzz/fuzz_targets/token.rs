//! The connection-token decoder on arbitrary text (issue 14): never a panic, and the ids it
//! returns are bounded; it reads every token as reading it through `serde_json::Value` did.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mobile_sessions::store::fuzzing::token_through_value;
use mobile_sessions::store::{MAX_FIELD_CHARS, decode_token};

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    let decoded = decode_token(token);
    assert_eq!(decoded, token_through_value(token), "read as Value reads it");
    if let Ok(ids) = decoded {
        for id in [&ids.app_id, &ids.session_id, &ids.team_id] {
            assert!(
                id.chars().count() <= MAX_FIELD_CHARS + 1,
                "an id is not bounded"
            );
        }
    }
});
