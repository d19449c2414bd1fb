//! The command line's side of the history: `mobile-sessions history PATH [--json] [--since
//! TIME]`, and recording what `set-status`, `delete` and `push` change.

use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::Context as _;

use super::{Entry, HistoryLog};
use crate::safe_text::cell;

/// The history of a folder as the command line finds it: in [`crate::push::config_dir`].
pub fn log_for(root: &Path) -> anyhow::Result<HistoryLog> {
    let dir = crate::push::config_dir().context(
        "no application-data folder was found for the history; set MOBILE_SESSIONS_CONFIG_DIR to a folder",
    )?;
    Ok(HistoryLog::for_folder(&dir, root))
}

/// Records a change the command line made. The change has happened whatever becomes of its
/// history line, so a failure is only a note on stderr.
pub fn record(root: &Path, entry: Entry) {
    let result = log_for(root).and_then(|log| log.append(&[entry]).map_err(Into::into));
    if let Err(error) = result {
        let _ = writeln!(
            io::stderr(),
            "note: the change was made, but could not be written to the history: {}",
            cell(&format!("{error:#}"))
        );
    }
}

/// `--since`: an RFC 3339 time (`2026-11-27T10:00:00Z`) or a duration back from now (`2h`,
/// `7d`, `1h 30m`).
pub fn parse_since(text: &str) -> Result<SystemTime, String> {
    let text = text.trim();
    if let Ok(time) = humantime::parse_rfc3339_weak(text) {
        return Ok(time);
    }
    let back: Duration = humantime::parse_duration(text).map_err(|_| {
        format!(
            "{} is neither a time such as 2026-11-27T10:00:00Z nor a duration such as 2h or 7d",
            cell(text)
        )
    })?;
    Ok(SystemTime::now()
        .checked_sub(back)
        .unwrap_or(SystemTime::UNIX_EPOCH))
}

/// One entry as a line of text: time, what, app, device, e-mail, status before and after, who.
/// Every field from a device is made visible and cut, so it cannot move the terminal's cursor.
pub fn text_line(entry: &Entry) -> String {
    let status = |value: &Option<String>| value.as_deref().map_or("-".to_owned(), cell);
    format!(
        "{}  {}  {}  {}  {}  {} -> {}  by {}",
        entry.time,
        entry.kind.as_str(),
        if entry.app.is_empty() {
            "-".to_owned()
        } else {
            cell(&entry.app)
        },
        if entry.device.is_empty() {
            "-".to_owned()
        } else {
            cell(&entry.device)
        },
        if entry.email.is_empty() {
            "-".to_owned()
        } else {
            cell(&entry.email)
        },
        status(&entry.before),
        status(&entry.after),
        cell(&entry.who)
    )
}

/// Prints the history of the folder at `root`, oldest first, from `since` on; one JSON object
/// a line with `json`. Lines that could not be read are counted on stderr, never fatal.
pub fn print(
    root: &Path,
    json: bool,
    since: Option<SystemTime>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let log = log_for(root)?;
    let reading = log.read().with_context(|| {
        format!(
            "the history {} could not be read",
            cell(&log.path().display().to_string())
        )
    })?;
    for entry in &reading.entries {
        if let Some(since) = since
            && entry.system_time().is_none_or(|time| time < since)
        {
            continue;
        }
        if json {
            serde_json::to_writer(&mut *out, entry)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", text_line(entry))?;
        }
    }
    if reading.skipped > 0 {
        writeln!(
            io::stderr(),
            "note: {} line(s) of the history could not be read (cut short by a crash, or damaged) and were skipped",
            reading.skipped
        )?;
    }
    Ok(())
}
