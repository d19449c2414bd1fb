//! 4D's `manifest.json`. 4D's mobile editor writes one into each app folder when it builds the
//! app (`{"application":{"id","name"},"team":{"id"},"info":{...},"id":"TEAM.bundle"}`, UTF-8
//! with a byte order mark); 4D's server component writes a smaller one next to its test
//! session. It is not a session and never a problem, but its `application.name` names an app
//! folder that has no session yet.

use std::path::Path;

use serde_json::Value;

use super::read::{Raw, as_text, parse_object, read_raw};
use super::session::bounded;

/// The manifest's file name inside an app folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// `application.name` of the manifest in `app_dir`, when there is a readable one that has a
/// name. It is read like a session file (no link followed, size-limited), and anything wrong
/// with it means no name, never a problem: 4D itself only reads it when it needs it.
pub(crate) fn manifest_name(app_dir: &Path) -> Option<String> {
    let Ok(Raw::Bytes(bytes, _)) = read_raw(&app_dir.join(MANIFEST_FILE)) else {
        return None;
    };
    let object = parse_object(as_text(&bytes).ok()?).ok()?;
    let application = object.get("application")?.as_object()?;
    let name = application.get("name").and_then(Value::as_str)?.trim();
    (!name.is_empty()).then(|| bounded(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(bytes: &[u8]) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST_FILE), bytes).unwrap();
        manifest_name(dir.path())
    }

    #[test]
    fn the_editor_manifest_with_a_byte_order_mark_names_the_app() {
        let text = "\u{feff}{\"application\":{\"id\":\"com.example.Fresh\",\"name\":\"Fresh Start\"},\
                    \"team\":{\"id\":\"UTT7VDX8W5\"},\"info\":{\"target\":[\"iOS\"]},\
                    \"id\":\"UTT7VDX8W5.com.example.Fresh\"}";
        assert_eq!(name_of(text.as_bytes()).as_deref(), Some("Fresh Start"));
    }

    #[test]
    fn a_manifest_without_a_name_or_broken_names_nothing() {
        assert_eq!(
            name_of(br#"{"application":{"id":"com.x"},"team":{"id":""}}"#),
            None
        );
        assert_eq!(name_of(br#"{"application":{"name":"  "}}"#), None);
        assert_eq!(name_of(br#"{"application":{"name":42}}"#), None);
        assert_eq!(name_of(b"{not json"), None);
        assert_eq!(name_of(b"\xff\xfe"), None);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(manifest_name(dir.path()), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_manifest_that_is_a_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.json");
        std::fs::write(&outside, br#"{"application":{"name":"Elsewhere"}}"#).unwrap();
        let app = dir.path().join("app");
        std::fs::create_dir(&app).unwrap();
        std::os::unix::fs::symlink(&outside, app.join(MANIFEST_FILE)).unwrap();
        assert_eq!(manifest_name(&app), None);
    }
}
