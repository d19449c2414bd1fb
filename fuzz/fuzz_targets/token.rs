//! The connection-token decoder on arbitrary text (issue 14): never a panic, and the ids it
//! returns are bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mobile_sessions::store::{MAX_FIELD_CHARS, decode_token};

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ids) = decode_token(token) {
        for id in [&ids.app_id, &ids.session_id, &ids.team_id] {
            assert!(
                id.chars().count() <= MAX_FIELD_CHARS + 1,
                "an id is not bounded"
            );
        }
    }
});
