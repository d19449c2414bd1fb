//! The output of `list --json` (the contract in `shared/cli.md`): the same bytes
//! `serde_json::to_writer_pretty` gave for the whole listing, but each session is rendered on
//! all cores. Rendered one after the other, the 59 MB of a 100,000-session folder took about
//! as long as reading the folder.

use std::io::{self, Write};
use std::path::PathBuf;

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use serde::Serialize;

use crate::store::{App, Index, Root, Session};

/// One session as `list --json` shows it.
#[derive(Serialize)]
struct SessionJson<'a> {
    id: &'a str,
    file: PathBuf,
    status: Option<&'a str>,
    device: &'a str,
    os: &'a str,
    os_version: &'a str,
    email: &'a str,
    device_id: &'a str,
    simulator: Option<bool>,
    app_version: &'a str,
    ip: &'a str,
    modified: Option<String>,
    problems: Vec<&'static str>,
}

/// The session as `list --json` shows it; `None` for a file that is not a session.
fn session_json<'a>(root: &Root, app: &App, session: &'a Session) -> Option<SessionJson<'a>> {
    let info = session.info.as_ref()?;
    Some(SessionJson {
        id: &session.id,
        file: root.session_path(&app.folder, &session.id),
        status: info.status_text.as_deref(),
        device: &info.device,
        os: &info.os,
        os_version: &info.os_version,
        email: &info.email,
        device_id: &info.device_id,
        simulator: info.simulator,
        app_version: &info.app_version,
        ip: &info.ip,
        modified: session.modified.map(crate::time_text::rfc3339),
        problems: session
            .problems
            .iter()
            .map(|problem| problem.code.as_str())
            .collect(),
    })
}

/// Where a session object sits in the listing: an element of `sessions`, in an app object, an
/// element of `apps`, in the root object.
const SESSION_INDENT: &str = "        ";

/// One session rendered as pretty JSON at its place in the listing: its lines indented as
/// the pretty printer indents them there. JSON strings hold no raw line break, so each line
/// break is one of the printer's own.
fn render(session: &SessionJson<'_>) -> String {
    let alone = serde_json::to_string_pretty(session).expect("a session summary always renders");
    alone.replace('\n', &format!("\n{SESSION_INDENT}"))
}

/// Writes the listing of `apps` (of `index`) as `serde_json::to_writer_pretty` writes it,
/// without the final line break.
pub(crate) fn write(out: &mut impl Write, index: &Index, apps: &[&App]) -> io::Result<()> {
    let root = index.root();
    out.write_all(b"{\n  \"root\": ")?;
    value(out, &root.path())?;
    out.write_all(b",\n  \"apps\": ")?;
    if apps.is_empty() {
        return out.write_all(b"[]\n}");
    }
    out.write_all(b"[")?;
    for (at, app) in apps.iter().enumerate() {
        out.write_all(if at == 0 { b"\n    {" } else { b",\n    {" })?;
        field(out, "folder", &app.folder, true)?;
        field(out, "name", &app.name(), false)?;
        field(out, "bundle_id", &app.bundle_id, false)?;
        field(out, "team_id", &app.team_id.as_deref(), false)?;
        field(out, "label", &app.label(), false)?;
        out.write_all(b",\n      \"sessions\": ")?;
        let sessions: Vec<&Session> = app.listed().collect();
        let rendered: Vec<String> = sessions
            .par_iter()
            .filter_map(|session| session_json(root, app, session).map(|json| render(&json)))
            .collect();
        if rendered.is_empty() {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[")?;
            for (at, session) in rendered.iter().enumerate() {
                out.write_all(if at == 0 { b"\n" } else { b",\n" })?;
                out.write_all(SESSION_INDENT.as_bytes())?;
                out.write_all(session.as_bytes())?;
            }
            out.write_all(b"\n      ]")?;
        }
        out.write_all(b"\n    }")?;
    }
    out.write_all(b"\n  ]\n}")
}

/// One key of an app object and its value.
fn field(out: &mut impl Write, key: &str, text: &impl Serialize, first: bool) -> io::Result<()> {
    out.write_all(if first { b"\n      \"" } else { b",\n      \"" })?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\": ")?;
    value(out, text)
}

/// A value as JSON (strings are escaped as the pretty printer escapes them).
fn value(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::store::{Root, generate};

    #[derive(Serialize)]
    struct ListJson<'a> {
        root: &'a Path,
        apps: Vec<AppJson<'a>>,
    }

    #[derive(Serialize)]
    struct AppJson<'a> {
        folder: &'a str,
        name: &'a str,
        bundle_id: &'a str,
        team_id: Option<&'a str>,
        label: String,
        sessions: Vec<SessionJson<'a>>,
    }

    /// What `list --json` printed before: the whole listing through the pretty printer.
    fn pretty_printed(index: &Index, apps: &[&App]) -> Vec<u8> {
        let listing = ListJson {
            root: index.root().path(),
            apps: apps
                .iter()
                .map(|app| AppJson {
                    folder: &app.folder,
                    name: app.name(),
                    bundle_id: &app.bundle_id,
                    team_id: app.team_id.as_deref(),
                    label: app.label(),
                    sessions: app
                        .listed()
                        .filter_map(|session| session_json(index.root(), app, session))
                        .collect(),
                })
                .collect(),
        };
        serde_json::to_vec_pretty(&listing).unwrap()
    }

    fn written(index: &Index, apps: &[&App]) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, index, apps).unwrap();
        out
    }

    #[test]
    fn the_listing_is_byte_for_byte_what_the_pretty_printer_wrote() {
        // The demo: broken files, files that are not sessions, odd fields, an app folder
        // without a team id; then a generated tree; then an app with no session, and none.
        let demo = crate::store::DemoFolder::create().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let generated = generate::generate_tree(dir.path(), 300, 3).unwrap();
        std::fs::create_dir(generated.join("com.example.Empty")).unwrap();
        for root in [demo.mobile_apps(), generated.as_path()] {
            let index = Index::scan(&Root::locate(root).unwrap()).unwrap();
            let apps: Vec<&App> = index.apps.values().collect();
            assert_eq!(
                String::from_utf8(written(&index, &apps)).unwrap(),
                String::from_utf8(pretty_printed(&index, &apps)).unwrap()
            );
            assert_eq!(
                written(&index, &apps[..1]),
                pretty_printed(&index, &apps[..1])
            );
            assert_eq!(written(&index, &[]), pretty_printed(&index, &[]));
        }
    }
}
