//! The Push secret in a real keychain on Linux (issue 16): a private session D-Bus with
//! gnome-keyring's Secret Service on it, its login keyring unlocked with a password given on
//! standard input, as a desktop session does at login. The bus address is process-wide, so
//! these tests have their own test program. The fallback without a keychain is in
//! `notify_tests.rs`, whose bus has no Secret Service.
#![cfg(target_os = "linux")]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use common::{TestServer, dbus, run, stderr};
use mobile_sessions::push::{PushSettings, PushTarget, SecretPlace, keychain};

/// The private bus and gnome-keyring on it; `None` when gnome-keyring is not installed here.
struct Keyring {
    _bus: Child,
    _keyring: Child,
    _dir: tempfile::TempDir,
}

fn keyring() -> Option<MutexGuard<'static, Option<Keyring>>> {
    static KEYRING: OnceLock<Mutex<Option<Keyring>>> = OnceLock::new();
    let keyring = KEYRING.get_or_init(|| {
        let found = Command::new("gnome-keyring-daemon")
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success());
        if !found {
            assert!(
                std::env::var_os("CI").is_none(),
                "gnome-keyring must be installed on CI (.ci/run does it)"
            );
            eprintln!("gnome-keyring-daemon is not installed: keychain tests skipped");
            return Mutex::new(None);
        }
        let dir = tempfile::tempdir().unwrap();
        let (bus, address) = dbus::start_bus_daemon(dir.path());
        // SAFETY: every test of this program takes this lock first, so no other thread of
        // ours reads the environment while it is set.
        unsafe { dbus::use_bus(&address) };
        let home = dir.path().join("home");
        std::fs::create_dir_all(home.join("data")).unwrap();
        // The keyring's files and control socket stay in the temporary folder; the login
        // keyring is created on first start with this password and left unlocked.
        let (keyring, _) = dbus::start_tied(
            "echo; printf test-password | gnome-keyring-daemon --foreground --unlock \
             --components=secrets",
            &[],
            &[
                ("HOME", &home),
                ("XDG_DATA_HOME", &home.join("data")),
                ("XDG_RUNTIME_DIR", dir.path()),
            ],
        );
        wait_for_secret_service();
        Mutex::new(Some(Keyring {
            _bus: bus,
            _keyring: keyring,
            _dir: dir,
        }))
    });
    let guard = keyring
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    guard.is_some().then_some(guard)
}

/// Waits until gnome-keyring owns `org.freedesktop.secrets` on the private bus.
fn wait_for_secret_service() {
    let connection = zbus::blocking::Connection::session().unwrap();
    let proxy = zbus::blocking::fdo::DBusProxy::new(&connection).unwrap();
    let end = Instant::now() + Duration::from_secs(20);
    let name = zbus::names::BusName::try_from("org.freedesktop.secrets").unwrap();
    while !proxy.name_has_owner(name.clone()).unwrap_or(false) {
        assert!(Instant::now() < end, "gnome-keyring never took its name");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if std::fs::read(&path)
                .unwrap()
                .windows(needle.len())
                .any(|window| window == needle.as_bytes())
            {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn a_saved_secret_lives_in_the_keychain_and_in_no_file() {
    let Some(_keyring) = keyring() else { return };
    assert_eq!(mobile_sessions::push::secret_place(), SecretPlace::Keychain);
    let settings = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let folder = folder.path().join("MobileApps");
    let secret = "kc-s3cret-saved";
    let mut saved = PushSettings::default();
    saved.folders.insert(
        folder.clone(),
        PushTarget {
            url: "http://server/4DACTION/mobileSessionsRefresh".to_owned(),
            secret: Some(secret.to_owned()),
        },
    );
    saved.save_to(settings.path()).unwrap();
    let text = std::fs::read_to_string(settings.path().join("push.json")).unwrap();
    assert!(text.contains("mobileSessionsRefresh") && text.contains("secret_in_keychain"));
    assert!(
        files_containing(settings.path(), secret).is_empty(),
        "{text}"
    );
    assert_eq!(keychain::read(&folder).unwrap().as_deref(), Some(secret));
    let loaded = PushSettings::load_from(settings.path());
    assert_eq!(
        loaded.target(&folder).unwrap().secret.as_deref(),
        Some(secret)
    );
    assert_eq!(loaded.secret_place(&folder), SecretPlace::Keychain);

    // Saving without a secret takes it out of the keychain too.
    saved.folders.get_mut(&folder).unwrap().secret = None;
    saved.save_to(settings.path()).unwrap();
    assert_eq!(keychain::read(&folder).unwrap(), None);
}

#[test]
fn a_secret_in_an_old_settings_file_moves_into_the_keychain() {
    let Some(_keyring) = keyring() else { return };
    let settings = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let folder = folder.path().join("MobileApps");
    let secret = "kc-s3cret-old-file";
    // push.json as the app wrote it before the keychain.
    let old = serde_json::json!({"folders": {folder.to_string_lossy(): {
        "url": "http://server/4DACTION/mobileSessionsRefresh", "secret": secret}}});
    std::fs::write(settings.path().join("push.json"), old.to_string()).unwrap();
    let loaded = PushSettings::load_from(settings.path());
    assert_eq!(
        loaded.target(&folder).unwrap().secret.as_deref(),
        Some(secret)
    );
    assert_eq!(loaded.secret_place(&folder), SecretPlace::Keychain);
    assert_eq!(keychain::read(&folder).unwrap().as_deref(), Some(secret));
    let text = std::fs::read_to_string(settings.path().join("push.json")).unwrap();
    assert!(
        !text.contains(secret),
        "the file no longer holds it: {text}"
    );
    assert!(
        text.contains("mobileSessionsRefresh"),
        "the URL stays: {text}"
    );
    assert!(files_containing(settings.path(), secret).is_empty());
}

#[test]
fn the_window_says_keychain_and_the_cli_pushes_with_the_keychain_secret() {
    let Some(_keyring) = keyring() else { return };
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let demo = common::demo();
    let home = tempfile::tempdir().unwrap();
    let settings = home.path().join("settings");
    std::fs::create_dir_all(&settings).unwrap();
    let server = TestServer::start(200, 1);
    let secret = "kc-s3cret-window";
    {
        let mut harness = common::open_window(demo.mobile_apps(), &settings, None);
        harness.get_by_label("Server settings…").click();
        harness.run_ok();
        harness.get_by_label_contains("kept in the system keychain (Secret Service)");
        harness
            .get_by_role_and_label(Role::TextInput, "Server URL")
            .click();
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::TextInput, "Server URL")
            .type_text(&server.url);
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::PasswordInput, "Secret")
            .click();
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::PasswordInput, "Secret")
            .type_text(secret);
        harness.run_ok();
        harness.get_by_label("Save").click();
        harness.run_ok();
    }
    assert!(
        files_containing(home.path(), secret).is_empty(),
        "no file of the application-data folder holds the secret"
    );
    // The command line finds the secret in the keychain (same bus: inherited).
    let output = run(
        home.path(),
        &["push", &demo.mobile_apps().to_string_lossy()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let seen = server.seen();
    assert!(
        seen[0]
            .to_lowercase()
            .contains(&format!("authorization: bearer {secret}")),
        "{}",
        seen[0]
    );
}
