//! The field fixtures of `tests/fixtures/field/`, shared by the field tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::common::{stderr, stdout};

/// The field fixtures' `MobileApps` folder, in the source tree (never written to).
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/field/MobileApps")
}

/// A fresh copy of the field fixtures; returns the temporary folder and its `MobileApps`.
pub fn field_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    copy_tree(&fixtures(), &root);
    (dir, root)
}

/// Copies a folder tree of plain files.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every session file of the fixtures: (app folder, session id).
pub const FIELD_SESSIONS: [(&str, &str); 7] = [
    (
        "UTT7VDX8W5.com.example.Legacy",
        "3f2a9c1e5b7d4068a1c2e3f405162738495a6b7c",
    ),
    (
        "UTT7VDX8W5.com.example.Field",
        "8c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5",
    ),
    ("com.example.Android", "9F3B2C1D0E4A5B6C7D8E9FA0B1C2D3E4"),
    (
        "com.example.Android",
        "b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80",
    ),
    (
        "FAKETEAMID.com.example.NoTeam",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3",
    ),
    (
        "com.example.Desk",
        "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
    ),
    (
        "UTT7VDX8W5.com.example.Server",
        "60d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293",
    ),
];

pub fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!("not JSON ({error}): {}\n{}", stdout(output), stderr(output))
    })
}
