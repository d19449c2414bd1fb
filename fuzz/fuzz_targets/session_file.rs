//! Reading and checking one session file from arbitrary bytes: never a panic, and every field
//! kept is bounded (issue 14); the borrowed tree reads every file as `serde_json::Value` did.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mobile_sessions::safe_text;
use mobile_sessions::store::fuzzing::{search_texts, session_from_bytes, session_through_value};
use mobile_sessions::store::{MAX_FIELD_CHARS, SessionInfo, expected_folders};

/// Checks what one reading kept, and shows it as the window and the command line would.
fn check(info: &Option<SessionInfo>, problems: &[mobile_sessions::store::Problem]) {
    assert!(
        !problems.is_empty() || info.is_some(),
        "a file that is no object has a problem"
    );
    for problem in problems {
        let _ = safe_text::visible(&problem.message, 200);
    }
    if let Some(info) = info {
        let fields = [
            &info.app_id,
            &info.app_name,
            &info.app_version,
            &info.session_id,
            &info.ip,
            &info.device,
            &info.os,
            &info.os_version,
            &info.device_id,
            &info.email,
            &info.language,
        ];
        let optional = [&info.team_id, &info.status_text];
        for field in fields.into_iter().chain(optional.into_iter().flatten()) {
            // `bounded` keeps MAX_FIELD_CHARS characters and adds an ellipsis.
            assert!(
                field.chars().count() <= MAX_FIELD_CHARS + 1,
                "a field is not bounded"
            );
            let _ = safe_text::cell(field);
        }
        let _ = info.status();
    }
}

fuzz_target!(|data: &[u8]| {
    // Once in a folder and under a name that match nothing, then in the folder and under the
    // name the file itself asks for, so the location checks run on both paths.
    let (info, problems) = session_from_bytes(data, "ABCDE12345.com.example.app", "0123abcd");
    let (value_info, value_problems) =
        session_through_value(data, "ABCDE12345.com.example.app", "0123abcd");
    assert_eq!(
        (&info, &problems),
        (&value_info, &value_problems),
        "read as serde_json::Value reads it"
    );
    check(&info, &problems);
    if let Some(info) = &info {
        // The texts the search looks at say the same whether made alone or side by side with
        // others in one block, under a hexadecimal name (left out) and another (kept).
        for (alone, side_by_side) in search_texts(info, &["0123abcd", "Not-Hex", "0123abcd"]) {
            assert!(alone.is_some(), "a session has a search text");
            assert_eq!(alone, side_by_side, "made side by side as alone");
        }
    }
    if let Some(info) = info {
        for folder in expected_folders(&info.app_id, info.team_id.as_deref()) {
            let (again, problems) = session_from_bytes(data, &folder, &info.session_id);
            check(&again, &problems);
            assert_eq!(
                again.as_ref(),
                Some(&info),
                "the fields do not depend on the place"
            );
        }
    }
});
