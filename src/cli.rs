//! The command line: the same work as the window, for scripts and for servers with no desktop.
//! A thin layer over [`crate::store`]; its surface is the contract in `shared/cli.md`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::safe_text::cell;
use crate::store::{
    self, App, DeletePolicy, DeletedTo, IfNoTrash, Index, Root, Session, Status, StoreError,
};
use crate::text_table::{Column, Layout};

/// `mobile-sessions`: the arguments of the whole program.
#[derive(Debug, Parser)]
#[command(
    name = "mobile-sessions",
    version,
    about = "See, accept, hold and delete the mobile sessions of a 4D server.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Folder to open in the window: MobileApps, the data folder, a *.4DD data file or a project folder.
    pub path: Option<PathBuf>,

    /// Open the window on a fresh temporary copy of the bundled demo folder.
    #[arg(long, conflicts_with = "path")]
    pub demo: bool,

    /// Watch the folder by polling every SECONDS (for network shares) instead of native events.
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "2", value_parser = poll_seconds)]
    pub poll: Option<f64>,

    /// A sub-command to run without the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The polling interval as typed: a finite number of seconds greater than zero. `NaN`, `inf`,
/// zero and negative numbers are usage errors (exit 2), never a panic further on.
pub fn poll_seconds(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if seconds.is_finite() && seconds > 0.0 {
        Ok(seconds)
    } else {
        Err(format!(
            "{text:?} is not a usable interval: give a number of seconds greater than 0, such as 2 or 0.5"
        ))
    }
}

/// The sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List apps and their sessions.
    List {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// Only this app (folder name, or a bundle id that names one folder).
        #[arg(long)]
        app: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check every session file as 4D would; exit 1 when there are problems.
    Check {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set a session's status to accepted or pending.
    SetStatus {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// The app folder name, or a bundle id that names one folder.
        app: String,
        /// The session id (the file name).
        session_id: String,
        /// The new status.
        status: StatusArg,
    },
    /// Delete a session: the device will have to log in again.
    Delete {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// The app folder name, or a bundle id that names one folder.
        app: String,
        /// The session id (the file name).
        session_id: String,
        /// Delete it even when it is not well-formed JSON (a `syntax` problem), as the
        /// window's problems list does after asking. An unsafe file is never deleted.
        #[arg(long)]
        force: bool,
    },
    /// Print one line per added, changed or removed session, as it happens, until interrupted.
    Watch {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// Print one JSON object per line.
        #[arg(long)]
        json: bool,
        /// Poll every SECONDS (for network shares) instead of using the system's notifications.
        #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "2", value_parser = poll_seconds)]
        poll: Option<f64>,
    },
    /// Put the app, its icon and a menu entry under ~/.local (Linux and other freedesktop systems).
    Install,
    /// Remove what `install` put under ~/.local.
    Uninstall,
    /// Ask the 4D server to reload the session files (MOBILE APP REFRESH SESSIONS).
    Push {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// The server URL (default: the one saved in the window's Server settings).
        #[arg(long)]
        url: Option<String>,
        /// The secret the server checks, sent as `Authorization: Bearer SECRET`.
        #[arg(long)]
        secret: Option<String>,
        /// Only test the URL and the secret: the 4D method answers without reloading.
        #[arg(long)]
        test: bool,
    },
    /// Print what changed in the folder, oldest first: this app's changes and those it saw.
    History {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// Print one JSON object per line.
        #[arg(long)]
        json: bool,
        /// Only from this time on: RFC 3339 (2026-11-27T10:00:00Z) or a duration back from now (2h, 7d).
        #[arg(long, value_name = "TIME", value_parser = crate::history::parse_since)]
        since: Option<std::time::SystemTime>,
    },
}

/// A status as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    /// The device may use the app.
    Accepted,
    /// The device waits for an administrator.
    Pending,
}

impl From<StatusArg> for Status {
    fn from(arg: StatusArg) -> Self {
        match arg {
            StatusArg::Accepted => Status::Accepted,
            StatusArg::Pending => Status::Pending,
        }
    }
}

/// Exit status when `check` found problems.
const EXIT_PROBLEMS: u8 = 1;
/// Exit status when the request could not be done.
const EXIT_REFUSED: u8 = 2;

/// Runs one sub-command; prints its output and returns the exit status cli.md specifies.
pub fn run(command: Command) -> ExitCode {
    // Buffered: `list --json` of 100,000 sessions is tens of megabytes, and the standard output
    // alone would flush at every line. `watch` flushes after each change itself.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let result = match command {
        Command::List { path, app, json } => list(&path, app.as_deref(), json, &mut out),
        Command::Check { path, json } => check(&path, json, &mut out),
        Command::SetStatus {
            path,
            app,
            session_id,
            status,
        } => set_status(&path, &app, &session_id, status.into(), &mut out),
        Command::Delete {
            path,
            app,
            session_id,
            force,
        } => delete(&path, &app, &session_id, force, &mut out),
        Command::Watch { path, json, poll } => watch(&path, json, poll, &mut out),
        Command::Install => desktop(true, &mut out),
        Command::Uninstall => desktop(false, &mut out),
        Command::Push {
            path,
            url,
            secret,
            test,
        } => push(&path, url, secret, test, &mut out),
        Command::History { path, json, since } => history(&path, json, since, &mut out),
    };
    let flushed = out.flush();
    match result.and_then(|code| flushed.map(|()| code).map_err(Into::into)) {
        Ok(code) => code,
        Err(error) => fail(&error),
    }
}

/// Prints the one-line `error:` message and returns exit status 2. Errors quote names from
/// disk (app folders, paths), which may hold terminal escape codes: every control and
/// disguising character of the whole message is made visible, none is cut.
pub fn fail(error: &anyhow::Error) -> ExitCode {
    let message = format!("{error:#}").replace('\n', " ");
    let _ = writeln!(
        io::stderr(),
        "error: {}",
        crate::safe_text::visible(&message, usize::MAX)
    );
    ExitCode::from(EXIT_REFUSED)
}

/// A path from disk as the command line prints it: whole (scripts paste it into the next
/// command), with control and disguising characters made visible.
fn path_text(path: &Path) -> String {
    crate::safe_text::visible(&path.to_string_lossy(), usize::MAX)
}

fn open(path: &Path) -> Result<Index, StoreError> {
    let root = Root::locate(path)?;
    Index::scan(&root)
}

/// Formats a file time as RFC 3339 in UTC, to the second; any time, before 1970 too (see
/// [`crate::time_text`], which the window uses as well).
pub fn rfc3339(time: std::time::SystemTime) -> String {
    crate::time_text::rfc3339(time)
}

fn list(
    path: &Path,
    only: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let index = open(path)?;
    let apps: Vec<&App> = match only {
        Some(wanted) => vec![resolve_app(&index, wanted)?],
        None => index.apps.values().collect(),
    };
    if json {
        crate::list_json::write(&mut *out, &index, &apps)?;
        writeln!(out)?;
        // The process ends right after: freeing 100,000 summaries one by one would only add
        // to the time the user waits.
        std::mem::forget(index);
        return Ok(ExitCode::SUCCESS);
    }
    if apps.is_empty() {
        writeln!(
            out,
            "No application session in {}",
            uncut(&index.root().path().display().to_string())
        )?;
    }
    list_text(&index, &apps, only.is_none(), out)?;
    Ok(ExitCode::SUCCESS)
}

/// The columns of `list`'s text table. The session id is machine-readable and comes out whole;
/// the rest is free text from the file, cut with `…` past its limit.
const LIST_COLUMNS: [Column; 6] = [
    Column {
        heading: "SESSION ID",
        limit: None,
    },
    Column {
        heading: "STATUS",
        limit: Some(12),
    },
    Column {
        heading: "DEVICE",
        limit: Some(40),
    },
    Column {
        heading: "OS",
        limit: Some(36),
    },
    Column {
        heading: "E-MAIL",
        limit: Some(40),
    },
    Column {
        heading: "PROBLEMS",
        limit: None,
    },
];

/// `list` as text: each app's line, then its sessions in a table whose columns line up across
/// all apps by display width, then a line counting the files `check` would report.
fn list_text(
    index: &Index,
    apps: &[&App],
    whole_tree: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let rows: Vec<Vec<Vec<String>>> = apps
        .iter()
        .map(|app| app.listed().filter_map(list_row).collect())
        .collect();
    let layout = Layout::measure(&LIST_COLUMNS, rows.iter().flatten().map(Vec::as_slice));
    for (app, rows) in apps.iter().zip(&rows) {
        let listed = rows.len();
        writeln!(
            out,
            "{} ({}): {listed} session{}, {} pending",
            crate::safe_text::visible(app.name(), 60),
            uncut(&app.folder),
            if listed == 1 { "" } else { "s" },
            app.pending_count()
        )?;
        if !rows.is_empty() {
            writeln!(out, "  {}", layout.heading())?;
        }
        for row in rows {
            writeln!(out, "  {}", layout.line(row))?;
        }
    }
    // The same files `check` reports: every file (or folder) with at least one problem.
    let mut files: Vec<PathBuf> = index
        .findings()
        .filter(|finding| whole_tree || apps.iter().any(|app| app.folder == finding.app))
        .map(|finding| finding.file)
        .collect();
    files.sort();
    files.dedup();
    match files.len() {
        0 => writeln!(out, "No file with a problem.")?,
        count => writeln!(
            out,
            "{count} file{} with problems; `mobile-sessions check {}` lists them.",
            if count == 1 { "" } else { "s" },
            uncut(&index.root().path().display().to_string())
        )?,
    }
    Ok(())
}

/// One session as a row of [`LIST_COLUMNS`], its free text made safe to print.
fn list_row(session: &Session) -> Option<Vec<String>> {
    let info = session.info.as_ref()?;
    let problems: Vec<&str> = session.problems.iter().map(|p| p.code.as_str()).collect();
    Some(vec![
        session.id.to_string(),
        cell(info.status_text.as_deref().unwrap_or("-")),
        cell(&info.device),
        cell(format!("{} {}", info.os, info.os_version).trim()),
        if info.email.is_empty() {
            "(guest)".to_owned()
        } else {
            cell(&info.email)
        },
        problems.join(", "),
    ])
}

/// Text for a machine-readable column (a path, a folder name): every control and bidi
/// character escaped as everywhere else, but never cut, so it can be pasted into a command.
fn uncut(text: &str) -> String {
    crate::safe_text::visible(text, text.chars().count())
}

/// A path for a machine-readable column: whole, with bytes that are not UTF-8 written as
/// `\xNN` and control characters escaped.
fn path_column(path: &Path) -> String {
    uncut(&store::name_text(path.as_os_str()))
}

/// A path for JSON: as it is when it is Unicode (JSON escapes the rest); a path that is not is
/// written with its bad bytes as `\xNN`, since JSON cannot hold it.
fn path_json(path: &Path) -> String {
    path.to_str()
        .map_or_else(|| store::name_text(path.as_os_str()), str::to_owned)
}

#[derive(Serialize)]
struct CheckJson<'a> {
    root: &'a Path,
    problems: Vec<ProblemJson<'a>>,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    file: String,
    app: &'a str,
    code: &'static str,
    mobi: Option<u8>,
    message: &'a str,
}

fn check(path: &Path, json: bool, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let root = Root::locate(path)?;
    let (folder_problems, file_findings, files) = store::Scan::start(&root)?.check_all();
    let problems: Vec<ProblemJson> = folder_problems
        .iter()
        .map(|folder| ProblemJson {
            file: path_json(&folder.path),
            app: &folder.folder,
            code: folder.problem.code.as_str(),
            mobi: folder.problem.code.mobi(),
            message: &folder.problem.message,
        })
        .chain(file_findings.iter().map(|finding| ProblemJson {
            file: path_json(&finding.file),
            app: &finding.app,
            code: finding.problem.code.as_str(),
            mobi: finding.problem.code.mobi(),
            message: &finding.problem.message,
        }))
        .collect();
    let count = problems.len();
    if json {
        let report = CheckJson {
            root: root.path(),
            problems,
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        // FILE is machine-readable: it comes out whole (made safe, never cut), so a script can
        // take everything before ": CODE: ". Only the message, free text, may be cut.
        let shown_files = folder_problems
            .iter()
            .map(|folder| path_column(&folder.path))
            .chain(
                file_findings
                    .iter()
                    .map(|finding| path_column(&finding.file)),
            );
        for (problem, file) in problems.iter().zip(shown_files) {
            writeln!(
                out,
                "{file}: {}: {}",
                problem.code,
                crate::safe_text::visible(problem.message, 400)
            )?;
        }
        let _ = writeln!(
            io::stderr(),
            "{count} problem{} in {files} session file{}",
            if count == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        );
    }
    Ok(if count == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PROBLEMS)
    })
}

/// Finds the app named on the command line. When it matched only because the volume ignores
/// case, says on stderr which folder is meant, since that folder is the one read or changed.
fn resolve_app<'a>(index: &'a Index, wanted: &str) -> Result<&'a App, StoreError> {
    let app = index.resolve_app(wanted)?;
    if app.folder != wanted && app.bundle_id != wanted {
        let _ = writeln!(
            io::stderr(),
            "note: {} is taken as the app folder {} (this folder's names ignore case)",
            cell(wanted),
            cell(&app.folder)
        );
    }
    Ok(app)
}

/// Finds the session named on the command line: the app by folder or bundle id, the session
/// by its file name in that folder's listing.
fn find_session<'a>(
    index: &'a Index,
    app: &str,
    id: &str,
) -> Result<(&'a App, &'a Session), StoreError> {
    let app = resolve_app(index, app)?;
    let session = app
        .sessions
        .get(id)
        .ok_or_else(|| StoreError::UnknownSession {
            app: app.folder.clone(),
            id: id.to_owned(),
        })?;
    Ok((app, session))
}

fn set_status(
    path: &Path,
    app: &str,
    id: &str,
    status: Status,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let index = open(path)?;
    let (app, session) = find_session(&index, app, id)?;
    let mut before = crate::history::Subject::of(&app.folder, Some(session));
    let edit = store::set_status(index.root(), &app.folder, id, status)?;
    if edit.written {
        before.status = edit.previous.clone();
        let after = crate::history::Subject {
            status: Some(status.as_str().to_owned()),
            ..before.clone()
        };
        let who = crate::history::system_user();
        crate::history::record(
            index.root().path(),
            crate::history::Entry::about(crate::history::Kind::Status, &who, &before, &after),
        );
    }
    let before = edit
        .previous
        .as_deref()
        .map(cell)
        .unwrap_or_else(|| "none".into());
    if edit.written {
        writeln!(
            out,
            "{}: status {status} (was {before})",
            path_text(&edit.path)
        )?;
    } else {
        writeln!(out, "{}: status already {status}", path_text(&edit.path))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn delete(
    path: &Path,
    app: &str,
    id: &str,
    force: bool,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let index = open(path)?;
    let (app, session) = find_session(&index, app, id)?;
    let before = crate::history::Subject::of(&app.folder, Some(session));
    // The one rule for malformed files, shared with the window: deleted only on purpose
    // (`--force` here, a confirmation there); an unsafe file never.
    let policy = if force {
        DeletePolicy::AllowMalformed
    } else {
        DeletePolicy::RefuseMalformed
    };
    let deleted = store::delete(
        index.root(),
        &app.folder,
        id,
        policy,
        IfNoTrash::RemoveForGood,
    )?;
    let gone = crate::history::Subject {
        app: app.folder.clone(),
        ..Default::default()
    };
    let who = crate::history::system_user();
    crate::history::record(
        index.root().path(),
        crate::history::Entry::about(crate::history::Kind::Delete, &who, &before, &gone),
    );
    let place = match deleted.to {
        DeletedTo::Trash => "moved to the trash",
        DeletedTo::Removed => "removed (no trash for this folder)",
    };
    writeln!(out, "{}: {place}", path_text(&deleted.path))?;
    Ok(ExitCode::SUCCESS)
}

fn push(
    path: &Path,
    url: Option<String>,
    secret: Option<String>,
    test: bool,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    use crate::push::PushKind;
    let root = Root::locate(path)?;
    let saved = crate::push::PushSettings::load()
        .target(root.path())
        .cloned()
        .unwrap_or_default();
    let target = crate::push::PushTarget {
        url: url.unwrap_or(saved.url),
        secret: secret.or(saved.secret),
    };
    let kind = if test {
        PushKind::Test
    } else {
        PushKind::Reload
    };
    let reply = crate::push::push(&target, kind)?;
    if !test {
        let who = crate::history::system_user();
        crate::history::record(root.path(), crate::history::Entry::push(&who, reply.status));
    }
    writeln!(
        out,
        "{} (HTTP {}){}",
        if test {
            "the server answered the test and reloaded nothing"
        } else {
            "the server reloaded the sessions"
        },
        reply.status,
        if reply.body.is_empty() {
            String::new()
        } else {
            format!(": {}", reply.body)
        }
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct WatchLine<'a> {
    event: &'static str,
    app: &'a str,
    id: &'a str,
    status: Option<&'static str>,
}

fn watch(
    path: &Path,
    json: bool,
    poll: Option<f64>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use crate::store::{FolderWatcher, WatchMessage, WatchMode};

    let mut index = open(path)?;
    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let interrupted = Arc::clone(&interrupted);
        ctrlc::set_handler(move || interrupted.store(true, Ordering::Relaxed))?;
    }
    let mode = poll.map_or(WatchMode::Native, WatchMode::poll_seconds);
    let watcher = FolderWatcher::start(index.root(), mode, || {});
    let mut errors = io::stderr();
    let _ = writeln!(
        errors,
        "watching {} ({} sessions); press Ctrl+C to stop",
        path_column(index.root().path()),
        index.session_count()
    );
    while !interrupted.load(Ordering::Relaxed) {
        let Some(message) = watcher.next_message(Duration::from_millis(200)) else {
            continue;
        };
        match &message {
            WatchMessage::RootGone => {
                let _ = writeln!(errors, "the folder went away; waiting for it to come back");
            }
            WatchMessage::RootBack => {
                let _ = writeln!(errors, "the folder is back");
            }
            WatchMessage::Error(text) => {
                let _ = writeln!(errors, "warning: {text}");
            }
            WatchMessage::Mode(WatchMode::Poll(every)) => {
                let _ = writeln!(errors, "polling every {:.1} s", every.as_secs_f64());
            }
            _ => {}
        }
        for change in crate::store::apply(&mut index, &message).changes {
            let status = change.status.map(Status::as_str);
            if json {
                let line = WatchLine {
                    event: change.kind.as_str(),
                    app: &change.app,
                    id: &change.id,
                    status,
                };
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            } else {
                // Every column is machine-readable: nothing is cut, and the file's whole path
                // comes last so it can be pasted into another command.
                writeln!(
                    out,
                    "{:<8} {}  {}  {}  {}",
                    change.kind.as_str(),
                    uncut(&change.app),
                    change.id,
                    status.unwrap_or("-"),
                    path_column(&index.root().session_path(&change.app, &change.id))
                )?;
            }
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn history(
    path: &Path,
    json: bool,
    since: Option<std::time::SystemTime>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let root = Root::locate(path)?;
    crate::history::print(root.path(), json, since, out)?;
    Ok(ExitCode::SUCCESS)
}

fn desktop(install: bool, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if cfg!(any(target_os = "macos", windows)) {
        anyhow::bail!(
            "install is for Linux desktops; on macOS use the Mobile Sessions.app bundle and on Windows copy the .exe (see the README)"
        );
    }
    let places = crate::desktop::Places::for_user()?;
    if install {
        for file in crate::desktop::install(&places)? {
            writeln!(out, "installed {}", path_text(&file))?;
        }
        writeln!(
            out,
            "Mobile Sessions is in your applications menu; make sure {} is on your PATH.",
            path_text(&places.bin)
        )?;
    } else {
        let done = crate::desktop::uninstall(&places)?;
        for file in &done.removed {
            writeln!(out, "removed {}", path_text(file))?;
        }
        for (file, why) in &done.left {
            writeln!(out, "left {}: {why}", path_text(file))?;
        }
        if done.removed.is_empty() && done.left.is_empty() {
            writeln!(
                out,
                "nothing to remove: no file that install wrote is there"
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
