//! Writes a realistic tree of valid session files, for benchmarks and for trying the app on a
//! big folder: `cargo run --release --example gen_sessions -- DIR N APPS`.
//! The sessions are spread over APPS app folders (both naming schemes), half pretty-printed and
//! half compact, one in five pending. DIR/MobileApps is created.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count), Some(apps)) = (
        args.first().map(PathBuf::from),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_sessions DIR N APPS   (e.g. gen_sessions /tmp/big 100000 4)");
        return ExitCode::from(2);
    };
    let started = std::time::Instant::now();
    match mobile_sessions::store::generate::generate_tree(&dir, count, apps) {
        Ok(root) => {
            eprintln!(
                "wrote {count} sessions in {apps} apps under {} in {:.1?}",
                root.display(),
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
