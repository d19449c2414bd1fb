//! The `mobile-sessions` binary: parses the arguments, then runs a sub-command or opens the
//! window. All the work is in the library.

// A double-clicked release build on Windows opens no console window; sub-commands run from a
// terminal attach to that terminal's console instead (see `attach_console`).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use mobile_sessions::cli::{self, Cli};

/// On Windows, a GUI-subsystem program has no console: when started from a terminal, attach to
/// it so that sub-commands, errors and `--help` print there.
#[cfg(windows)]
fn attach_console() {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    // SAFETY: AttachConsole takes a plain integer and only fails (returning 0) when there is
    // no parent console, which is the double-click case and harmless.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}

fn main() -> ExitCode {
    // Before anything else: MOBILE_SESSIONS_TIMING measures the window from here.
    mobile_sessions::ui::mark_process_start();
    attach_console();
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(error) if error.use_stderr() => {
            // cli.md promises one `error:` line on a refused request; clap's usage follows on
            // --help, not here.
            let text = error.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("error: {first}; run `mobile-sessions --help` for usage");
            return ExitCode::from(2);
        }
        Err(error) => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
    };
    match args.command {
        Some(command) => cli::run(command),
        None => open_window(args),
    }
}

/// Opens the window on the folder (or the demo) the arguments name.
#[cfg(feature = "window")]
fn open_window(args: Cli) -> ExitCode {
    match mobile_sessions::ui::run(mobile_sessions::ui::Start {
        folder: args.path,
        demo: args.demo,
        poll: args.poll,
        settings_dir: None,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => cli::fail(&error),
    }
}

/// A build without the `window` feature has only the sub-commands.
#[cfg(not(feature = "window"))]
fn open_window(_args: Cli) -> ExitCode {
    eprintln!("error: this build has no window; run `mobile-sessions --help` for the sub-commands");
    ExitCode::from(2)
}
