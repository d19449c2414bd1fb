//! The dock badge on Linux, for real (issue 16): a private session D-Bus, a listener of our own
//! on it subscribed to Unity's `com.canonical.Unity.LauncherEntry.Update` signal (what Ubuntu's
//! dock, KDE Plasma and Plank listen to), and the real window (egui_kittest) watching a real
//! folder into which pending sessions arrive as files. The bus address is process-wide
//! (`DBUS_SESSION_BUS_ADDRESS`), so these tests have their own test program and run one at a
//! time.
#![cfg(target_os = "linux")]

mod common;

use std::collections::HashMap;
use std::process::Child;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use common::{CONTACT, arrive, dbus, demo, open_window, wait_for};
use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use mobile_sessions::ui::{BadgeStatus, SessionsApp};
use zbus::zvariant::OwnedValue;

type Harness = egui_kittest::Harness<'static, SessionsApp>;

const INTERFACE: &str = "com.canonical.Unity.LauncherEntry";

/// One `Update` signal, as a dock receives it.
#[derive(Debug, Clone, PartialEq)]
struct Update {
    sender: String,
    path: String,
    app_uri: String,
    count: i64,
    visible: bool,
}

/// The private bus and a listener on it that keeps every `Update` signal.
struct Bus {
    address: String,
    listener: zbus::blocking::Connection,
    updates: Arc<Mutex<Vec<Update>>>,
    _daemon: Child,
    _dir: tempfile::TempDir,
}

/// The `count` and `count-visible` of a property map.
fn count_of(properties: &HashMap<String, OwnedValue>) -> (i64, bool) {
    let count = i64::try_from(&properties["count"]).expect("count is an int64");
    let visible = bool::try_from(&properties["count-visible"]).expect("count-visible is a bool");
    (count, visible)
}

fn bus() -> MutexGuard<'static, Bus> {
    static BUS: OnceLock<Mutex<Bus>> = OnceLock::new();
    let bus = BUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (daemon, address) = dbus::start_bus_daemon(dir.path());
        // SAFETY: every test of this program takes this lock first, so no other thread of
        // ours reads the environment while it is set.
        unsafe { dbus::use_bus(&address) };
        let listener = zbus::blocking::Connection::session().unwrap();
        let rule = zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(INTERFACE)
            .unwrap()
            .member("Update")
            .unwrap()
            .build();
        // Subscribed once this returns: no signal sent afterwards is missed.
        let messages =
            zbus::blocking::MessageIterator::for_match_rule(rule, &listener, Some(256)).unwrap();
        let updates = Arc::new(Mutex::new(Vec::new()));
        let kept = updates.clone();
        std::thread::spawn(move || {
            for message in messages {
                let Ok(message) = message else { break };
                let header = message.header();
                let (app_uri, properties): (String, HashMap<String, OwnedValue>) = message
                    .body()
                    .deserialize()
                    .expect("Update carries (s, a{sv})");
                let (count, visible) = count_of(&properties);
                kept.lock().unwrap().push(Update {
                    sender: header.sender().map(|s| s.to_string()).unwrap_or_default(),
                    path: header.path().map(|p| p.to_string()).unwrap_or_default(),
                    app_uri,
                    count,
                    visible,
                });
            }
        });
        Mutex::new(Bus {
            address,
            listener,
            updates,
            _daemon: daemon,
            _dir: dir,
        })
    });
    bus.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Bus {
    fn updates(&self) -> Vec<Update> {
        self.updates.lock().unwrap().clone()
    }

    /// Steps the window until a signal matching `wanted` arrived, for up to ten seconds.
    fn wait_for_update(&self, harness: &mut Harness, wanted: impl Fn(&Update) -> bool) -> Update {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(update) = self.updates().into_iter().rev().find(|u| wanted(u)) {
                return update;
            }
            assert!(
                Instant::now() < end,
                "no such signal came; got {:#?}",
                self.updates()
            );
            harness.step();
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// What the app's object answers to `Query()`.
    fn query(&self, from: &Update) -> (String, i64, bool) {
        let reply = self
            .listener
            .call_method(
                Some(from.sender.as_str()),
                from.path.as_str(),
                Some(INTERFACE),
                "Query",
                &(),
            )
            .expect("the app answers Query");
        let (app_uri, properties): (String, HashMap<String, OwnedValue>) = reply
            .body()
            .deserialize()
            .expect("Query answers (s, a{sv})");
        let (count, visible) = count_of(&properties);
        (app_uri, count, visible)
    }
}

fn waiting(app: &SessionsApp) -> usize {
    app.model.waiting()
}

/// Steps the window for a while (the watcher needs real time).
fn step_for(harness: &mut Harness, duration: Duration) {
    let end = Instant::now() + duration;
    while Instant::now() < end {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Shows one app, through the Apps drop-down.
fn select_contact(harness: &mut Harness) {
    common::choose(harness, "Apps:", &format!("({CONTACT})"));
}

/// Accepts a session through its row's status drop-down, as a user would.
fn accept(harness: &mut Harness, device: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, &format!("Status of {device}"))
        .click();
    harness.run_ok();
    harness.get_by_label("accepted").click();
    harness.run_ok();
}

fn status_on_disk(root: &std::path::Path, id: &str) -> String {
    let text = std::fs::read_to_string(root.join(CONTACT).join(id)).unwrap();
    let object: serde_json::Value = serde_json::from_str(&text).unwrap();
    object["status"].as_str().unwrap().to_owned()
}

#[test]
fn the_badge_counts_the_devices_that_wait_and_follows_each_acceptance() {
    let bus = bus();
    let demo = demo();
    let root = demo.mobile_apps().to_owned();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(&root, settings.path(), None);
    select_contact(&mut harness);
    assert_eq!(harness.state().badge_status(), BadgeStatus::Idle);
    let before = bus.updates().len();
    step_for(&mut harness, Duration::from_millis(300));
    assert_eq!(
        bus.updates().len(),
        before,
        "nothing is sent while none waits"
    );

    let ids: Vec<String> = (1..=3)
        .map(|n| arrive(&root, 90_000 + n, &format!("Badge Phone {n}"), ""))
        .collect();
    wait_for(&mut harness, "the window sees three waiting", |app| {
        waiting(app) == 3 && app.badge_status() == BadgeStatus::Sent(3)
    });
    assert!(harness.state().title().contains("3 new waiting"));
    let three = bus.wait_for_update(&mut harness, |u| u.count == 3 && u.visible);
    // Every later check looks only at this window's signals (its own bus connection).
    let ours = |bus: &Bus| -> Vec<Update> {
        bus.updates()
            .into_iter()
            .filter(|u| u.sender == three.sender)
            .collect()
    };
    assert_eq!(three.app_uri, "application://mobile-sessions.desktop");
    assert!(
        three
            .path
            .starts_with("/com/canonical/unity/launcherentry/"),
        "{three:?}"
    );
    let sent = ours(&bus);
    assert!(
        sent.windows(2).all(|pair| pair[0].count != pair[1].count),
        "each signal carries a new number: {sent:#?}"
    );
    assert_eq!(
        bus.query(&three),
        ("application://mobile-sessions.desktop".to_owned(), 3, true)
    );

    // A change that leaves the number as it was sends nothing: an accepted session arrives, and
    // time passes.
    let (_, accepted) = common::write_session(
        &root,
        CONTACT,
        90_100,
        mobile_sessions::store::Status::Accepted,
        false,
    );
    let accepted_id = accepted.file_name().unwrap().to_string_lossy().into_owned();
    wait_for(&mut harness, "the window sees the accepted one", |app| {
        app.model.workspace.as_ref().is_some_and(|workspace| {
            workspace
                .rows
                .iter()
                .any(|key| *key.id == *accepted_id.as_str())
        })
    });
    step_for(&mut harness, Duration::from_millis(500));
    assert_eq!(ours(&bus), sent, "no signal when the number did not change");

    // Accepting one through the window: 2.
    accept(&mut harness, "Badge Phone 1");
    assert_eq!(status_on_disk(&root, &ids[0]), "accepted");
    let two = bus.wait_for_update(&mut harness, |u| u.sender == three.sender && u.count == 2);
    assert!(two.visible);
    assert!(harness.state().title().contains("2 new waiting"));
    assert_eq!(bus.query(&two).1, 2);

    // All accepted: the badge goes away.
    accept(&mut harness, "Badge Phone 2");
    accept(&mut harness, "Badge Phone 3");
    for id in &ids {
        assert_eq!(status_on_disk(&root, id), "accepted");
    }
    let none = bus.wait_for_update(&mut harness, |u| u.sender == three.sender && !u.visible);
    assert_eq!(none.count, 0);
    assert_eq!(harness.state().badge_status(), BadgeStatus::Sent(0));
    assert!(!harness.state().title().contains("waiting"));
    assert_eq!(
        bus.query(&none),
        ("application://mobile-sessions.desktop".to_owned(), 0, false)
    );
    let sent = ours(&bus);
    assert!(
        sent.windows(2).all(|pair| pair[0].count != pair[1].count),
        "{sent:#?}"
    );
    assert_eq!(sent.last().map(|u| u.count), Some(0));
}

/// Puts the private bus's address back when dropped, even when the test fails.
struct Restore<'a>(&'a str);

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        // SAFETY: the bus lock is held by the test that made this.
        unsafe { dbus::use_bus(self.0) };
    }
}

#[test]
fn without_a_session_bus_no_badge_is_claimed_and_the_title_still_counts() {
    let bus = bus();
    let nowhere = tempfile::tempdir().unwrap();
    let address = format!("unix:path={}", nowhere.path().join("no-bus").display());
    // SAFETY: this test holds the bus lock.
    unsafe { dbus::use_bus(&address) };
    let _restore = Restore(&bus.address);
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    let before = bus.updates().len();
    arrive(demo.mobile_apps(), 91_001, "iPhone 15", "ana@example.com");
    wait_for(&mut harness, "the badge is found unavailable", |app| {
        waiting(app) == 1 && matches!(app.badge_status(), BadgeStatus::Unavailable(_))
    });
    let BadgeStatus::Unavailable(reason) = harness.state().badge_status() else {
        unreachable!()
    };
    assert!(reason.contains("D-Bus"), "{reason}");
    assert!(
        harness.state().title().contains("1 new waiting"),
        "{}",
        harness.state().title()
    );
    // A second device: still nothing claimed, nothing panics, the title counts on.
    arrive(demo.mobile_apps(), 91_002, "iPad", "bo@example.com");
    wait_for(&mut harness, "the window sees two", |app| waiting(app) == 2);
    step_for(&mut harness, Duration::from_millis(200));
    assert!(matches!(
        harness.state().badge_status(),
        BadgeStatus::Unavailable(_)
    ));
    assert!(harness.state().title().contains("2 new waiting"));
    assert_eq!(bus.updates().len(), before, "nothing reached the real bus");
}
