//! The floor of the performance goals: the least a program can do to look at every session,
//! reading and `serde_json`-parsing every file of a `MobileApps` tree in parallel on all cores,
//! and nothing else. `cargo run --release --example floor -- DIR/MobileApps`

use std::fs;
use std::path::PathBuf;

use rayon::prelude::*;

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).expect("usage: floor MOBILEAPPS"));
    let files: Vec<PathBuf> = fs::read_dir(&root)
        .expect("readable folder")
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .flat_map(|app| {
            fs::read_dir(app.path())
                .expect("readable app folder")
                .flatten()
                .map(|file| file.path())
        })
        .collect();
    let parsed = files
        .par_iter()
        .filter(|path| {
            fs::read(path)
                .is_ok_and(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).is_ok())
        })
        .count();
    println!("{parsed} of {} files parsed", files.len());
}
