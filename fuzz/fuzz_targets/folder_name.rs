//! The app-folder name splitter and the name checks on arbitrary names (issue 14): never a
//! panic, the parts put back together give the name, and a plain name stays in its folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mobile_sessions::store::{is_plain_name, is_session_file_name, name_text, split_folder_name};

fuzz_target!(|data: &[u8]| {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let shown = name_text(std::ffi::OsStr::from_bytes(data));
        if let Ok(text) = std::str::from_utf8(data) {
            assert_eq!(shown, text, "a UTF-8 name is shown as it is");
        }
    }
    let Ok(folder) = std::str::from_utf8(data) else {
        return;
    };
    match split_folder_name(folder) {
        (Some(team), bundle) => {
            assert_eq!(team.len(), 10);
            assert_eq!(
                format!("{team}.{bundle}"),
                folder,
                "the parts do not give the name"
            );
        }
        (None, bundle) => assert_eq!(bundle, folder),
    }
    if is_plain_name(folder) {
        let path = std::path::Path::new("/root").join(folder);
        assert_eq!(
            path.parent(),
            Some(std::path::Path::new("/root")),
            "a plain name left"
        );
        assert_eq!(
            path.components().count(),
            3,
            "a plain name is more than one part"
        );
    }
    if is_session_file_name(folder) {
        assert!(
            is_plain_name(folder),
            "a session file name that is not plain"
        );
    }
});
