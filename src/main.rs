//! The `mobile-sessions` binary: parses the arguments, then runs a sub-command or opens the
//! window. All the work is in the library.

use std::process::ExitCode;

use clap::Parser;
use mobile_sessions::cli::{self, Cli};

fn main() -> ExitCode {
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
        None => match mobile_sessions::ui::run(mobile_sessions::ui::Start {
            folder: args.path,
            demo: args.demo,
            poll: args.poll,
            settings_dir: None,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => cli::fail(&error),
        },
    }
}
