//! The command line: the same work as the window, for scripts and for servers with no desktop.
//! A thin layer over [`crate::store`]; its surface is the contract in `shared/cli.md`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::safe_text::cell;
use crate::store::{self, App, DeletePolicy, DeletedTo, Index, Root, Session, Status, StoreError};

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
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "2")]
    pub poll: Option<f64>,

    /// A sub-command to run without the window.
    #[command(subcommand)]
    pub command: Option<Command>,
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
    },
    /// Print one line per added, changed or removed session, as it happens, until interrupted.
    Watch {
        /// The MobileApps folder (or data folder, data file, project folder).
        path: PathBuf,
        /// Print one JSON object per line.
        #[arg(long)]
        json: bool,
        /// Poll every SECONDS (for network shares) instead of using the system's notifications.
        #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "2")]
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
        } => delete(&path, &app, &session_id, &mut out),
        Command::Watch { path, json, poll } => watch(&path, json, poll, &mut out),
        Command::Install => desktop(true, &mut out),
        Command::Uninstall => desktop(false, &mut out),
        Command::Push { path, url, secret } => push(&path, url, secret, &mut out),
    };
    let flushed = out.flush();
    match result.and_then(|code| flushed.map(|()| code).map_err(Into::into)) {
        Ok(code) => code,
        Err(error) => fail(&error),
    }
}

/// Prints the one-line `error:` message and returns exit status 2.
pub fn fail(error: &anyhow::Error) -> ExitCode {
    let message = format!("{error:#}").replace('\n', " ");
    let _ = writeln!(io::stderr(), "error: {message}");
    ExitCode::from(EXIT_REFUSED)
}

fn open(path: &Path) -> Result<Index, StoreError> {
    let root = Root::locate(path)?;
    Index::scan(&root)
}

/// Formats a file time as RFC 3339 in UTC, to the second.
pub fn rfc3339(time: std::time::SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

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
        modified: session.modified.map(rfc3339),
        problems: session
            .problems
            .iter()
            .map(|problem| problem.code.as_str())
            .collect(),
    })
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
        serde_json::to_writer_pretty(&mut *out, &listing)?;
        writeln!(out)?;
        drop(listing);
        // The process ends right after: freeing 100,000 summaries one by one would only add
        // to the time the user waits.
        std::mem::forget(index);
        return Ok(ExitCode::SUCCESS);
    }
    if apps.is_empty() {
        writeln!(
            out,
            "No application session in {}",
            index.root().path().display()
        )?;
    }
    for app in apps {
        let listed = app.listed().count();
        writeln!(
            out,
            "{}: {listed} session{}, {} pending",
            cell(&app.label()),
            if listed == 1 { "" } else { "s" },
            app.pending_count()
        )?;
        for session in app.listed() {
            let Some(info) = &session.info else { continue };
            let problems: Vec<&str> = session.problems.iter().map(|p| p.code.as_str()).collect();
            writeln!(
                out,
                "  {}  {:<8}  {:<24}  {:<12}  {}{}",
                session.id,
                cell(info.status_text.as_deref().unwrap_or("-")),
                cell(&info.device),
                cell(&format!("{} {}", info.os, info.os_version)),
                if info.email.is_empty() {
                    "(guest)".to_owned()
                } else {
                    cell(&info.email)
                },
                if problems.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", problems.join(", "))
                }
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct CheckJson<'a> {
    root: &'a Path,
    problems: Vec<ProblemJson<'a>>,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    file: PathBuf,
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
            file: root.app_dir(&folder.folder),
            app: &folder.folder,
            code: folder.problem.code.as_str(),
            mobi: folder.problem.code.mobi(),
            message: &folder.problem.message,
        })
        .chain(file_findings.iter().map(|finding| ProblemJson {
            file: finding.file.clone(),
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
        for problem in &problems {
            writeln!(
                out,
                "{}: {}: {}",
                cell(&problem.file.display().to_string()),
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
    let (app, _) = find_session(&index, app, id)?;
    let edit = store::set_status(index.root(), &app.folder, id, status)?;
    let before = edit
        .previous
        .as_deref()
        .map(cell)
        .unwrap_or_else(|| "none".into());
    if edit.written {
        writeln!(
            out,
            "{}: status {status} (was {before})",
            edit.path.display()
        )?;
    } else {
        writeln!(out, "{}: status already {status}", edit.path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn delete(path: &Path, app: &str, id: &str, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let index = open(path)?;
    let (app, _) = find_session(&index, app, id)?;
    let deleted = store::delete(index.root(), &app.folder, id, DeletePolicy::RefuseMalformed)?;
    let place = match deleted.to {
        DeletedTo::Trash => "moved to the trash",
        DeletedTo::Removed => "removed (no trash for this folder)",
    };
    writeln!(out, "{}: {place}", deleted.path.display())?;
    Ok(ExitCode::SUCCESS)
}

fn push(
    path: &Path,
    url: Option<String>,
    secret: Option<String>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let root = Root::locate(path)?;
    let saved = crate::push::PushSettings::load()
        .target(root.path())
        .cloned()
        .unwrap_or_default();
    let target = crate::push::PushTarget {
        url: url.unwrap_or(saved.url),
        secret: secret.or(saved.secret),
    };
    let reply = crate::push::push(&target)?;
    writeln!(
        out,
        "the server reloaded the sessions (HTTP {}){}",
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
        index.root().path().display(),
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
                writeln!(
                    out,
                    "{:<8} {}  {}  {}",
                    change.kind.as_str(),
                    cell(&change.app),
                    change.id,
                    status.unwrap_or("-")
                )?;
            }
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn desktop(install: bool, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if cfg!(any(target_os = "macos", windows)) {
        anyhow::bail!(
            "install is for Linux desktops; on macOS use the Mobile Sessions.app bundle and on Windows copy the .exe (see the README)"
        );
    }
    let places = crate::desktop::Places::for_user()?;
    let files = if install {
        crate::desktop::install(&places)?
    } else {
        crate::desktop::uninstall(&places)?
    };
    for file in &files {
        writeln!(
            out,
            "{} {}",
            if install { "installed" } else { "removed" },
            file.display()
        )?;
    }
    if install {
        writeln!(
            out,
            "Mobile Sessions is in your applications menu; make sure {} is on your PATH.",
            places.bin.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
