//! The desktop citizen on Linux: the desktop entry is valid, and `install` / `uninstall` put
//! exactly the app's files under a (temporary) home and take them away again.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Runs desktop-file-validate when it is installed (`.ci/run` installs it); true when valid.
fn validate(entry: &Path) -> Option<bool> {
    let output = Command::new("desktop-file-validate")
        .arg(entry)
        .output()
        .ok()?;
    if !output.status.success() || !output.stdout.is_empty() {
        eprintln!("{}{}", stdout(&output), stderr(&output));
    }
    Some(output.status.success() && output.stdout.is_empty())
}

#[test]
fn the_desktop_entry_validates() {
    let entry = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mobile-sessions.desktop");
    match validate(&entry) {
        Some(valid) => assert!(valid, "desktop-file-validate rejects {}", entry.display()),
        None => assert!(
            std::env::var_os("CI").is_none(),
            "desktop-file-validate must be installed on CI (.ci/run does it)"
        ),
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn install_puts_the_app_in_the_menu_and_uninstall_takes_it_all_away() {
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["install"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let binary = home.path().join(".local/bin/mobile-sessions");
    let entry = home
        .path()
        .join("data/applications/mobile-sessions.desktop");
    let icon = home
        .path()
        .join("data/icons/hicolor/256x256/apps/mobile-sessions.png");
    assert!(
        binary.is_file() && entry.is_file() && icon.is_file(),
        "{}",
        stdout(&output)
    );
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(
        text.contains(&format!("Exec={} %f", binary.display())),
        "{text}"
    );
    assert!(text.contains("Icon=mobile-sessions"));
    if let Some(valid) = validate(&entry) {
        assert!(valid, "the installed entry is valid");
    }
    // The installed copy runs.
    let version = Command::new(&binary).arg("--version").output().unwrap();
    assert!(stdout(&version).starts_with("mobile-sessions "));

    let output = run(home.path(), &["uninstall"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let left: Vec<_> = walk(home.path())
        .into_iter()
        .filter(|path| path.is_file())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}

#[test]
fn release_builds_on_windows_open_no_console() {
    // The attribute is checked by `cargo check --target x86_64-pc-windows-gnu` where that
    // target is installed; here, that it stays in place.
    let main =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    assert!(main.contains(
        r#"#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]"#
    ));
    assert!(main.contains("AttachConsole"));
}

/// The tags of an XML fragment are balanced (comments skipped): `<a><b/></a>` is, `<a>` is not.
fn balanced(xml: &str) -> bool {
    let mut open = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let Some(end) = after.find("-->") else {
                return false;
            };
            rest = &after[end + 3..];
            continue;
        }
        let Some(end) = rest.find('>') else {
            return false;
        };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop() != Some(name.to_owned()) {
                return false;
            }
        } else if !tag.ends_with('/') {
            open.push(tag.to_owned());
        }
    }
    open.is_empty()
}

#[test]
fn the_macos_bundle_offers_the_app_for_folders_and_data_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains(r#"osx_info_plist_exts = ["assets/macos/document-types.plist"]"#));
    let fragment = std::fs::read_to_string(root.join("assets/macos/document-types.plist")).unwrap();
    assert!(
        balanced(&fragment),
        "the Info.plist fragment is well-formed"
    );
    assert!(!balanced("<array><dict></array>"));
    for needed in [
        "CFBundleDocumentTypes",
        "public.folder",
        "<string>4DD</string>",
    ] {
        assert!(fragment.contains(needed), "{needed}");
    }
    // Every icon the bundle names exists.
    for line in manifest.lines().filter(|line| line.starts_with("icon = ")) {
        for icon in line.split('"').skip(1).step_by(2) {
            assert!(root.join(icon).is_file(), "{icon}");
        }
    }
}
