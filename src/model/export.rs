//! Export of the table's current view (its app, search, filter and order) to CSV, for a
//! spreadsheet or a report. Every value comes from a device, so cells are quoted as RFC 4180
//! says, and a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
//! prefixed with `'` so it stays text.

use std::fmt::Write as _;

use crate::store::Session;

use super::workspace::Workspace;

/// The columns, in order.
const HEADER: [&str; 12] = [
    "app",
    "device",
    "status",
    "os",
    "os_version",
    "email",
    "device_id",
    "session_id",
    "ip",
    "app_version",
    "simulator",
    "problems",
];

/// One cell, quoted when it must be, and kept from being taken for a formula.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn row(out: &mut String, app: &str, session: &Session) {
    let info = session.info.clone().unwrap_or_default();
    let simulator = match info.simulator {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    };
    let problems: Vec<&str> = session
        .problems
        .iter()
        .map(|problem| problem.code.as_str())
        .collect();
    let cells = [
        app,
        &info.device,
        info.status_text.as_deref().unwrap_or_default(),
        &info.os,
        &info.os_version,
        &info.email,
        &info.device_id,
        &session.id,
        &info.ip,
        &info.app_version,
        simulator,
        &problems.join(" "),
    ];
    let line: Vec<String> = cells.iter().map(|text| cell(text)).collect();
    let _ = write!(out, "{}\r\n", line.join(","));
}

/// History entries as CSV, with a header row, in the order given (the History panel's:
/// newest first). The same quoting and formula guard as the sessions' export: every field but
/// the time and kind comes from a device or the system.
pub fn history_csv<'a>(entries: impl Iterator<Item = &'a crate::history::Entry>) -> String {
    let mut out = String::from("time,kind,app,device,email,before,after,who\r\n");
    for entry in entries {
        let cells = [
            entry.time.as_str(),
            entry.kind.as_str(),
            &entry.app,
            &entry.device,
            &entry.email,
            entry.before.as_deref().unwrap_or_default(),
            entry.after.as_deref().unwrap_or_default(),
            &entry.who,
        ];
        let line: Vec<String> = cells.iter().map(|text| cell(text)).collect();
        let _ = write!(out, "{}\r\n", line.join(","));
    }
    out
}

/// The shown rows as CSV, with a header row.
pub fn csv(workspace: &Workspace) -> String {
    let mut out = format!("{}\r\n", HEADER.join(","));
    for key in &workspace.rows {
        if let Some(session) = workspace.session_at(key) {
            row(&mut out, &key.app, session);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_kept_from_being_formulas() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
    }
}
