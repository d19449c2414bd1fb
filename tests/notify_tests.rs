//! Desktop notifications on Linux, for real (issue 16): a private session D-Bus with a small
//! notification server of our own on it (`org.freedesktop.Notifications`, recording every
//! call), and the real window (egui_kittest) watching a real folder. The bus address is
//! process-wide (`DBUS_SESSION_BUS_ADDRESS`), so these tests have their own test program and
//! run one at a time.
//!
//! The same private bus has no Secret Service on it, so the Push secret's fallback to the
//! owner-only file is tested here too.
#![cfg(target_os = "linux")]

mod common;

use std::collections::HashMap;
use std::process::Child;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use common::{arrive, dbus, demo, open_window, wait_for};
use egui_kittest::kittest::Queryable;
use mobile_sessions::ui::SessionsApp;

type Harness = egui_kittest::Harness<'static, SessionsApp>;

/// One `Notify` call the server received.
#[derive(Debug, Clone)]
struct Notified {
    id: u32,
    app_name: String,
    summary: String,
    body: String,
    actions: Vec<String>,
}

/// A notification server that records what it is asked to show.
struct Recorder {
    calls: Arc<Mutex<Vec<Notified>>>,
    next_id: AtomicU32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Recorder {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        self.calls.lock().unwrap().push(Notified {
            id,
            app_name,
            summary,
            body,
            actions,
        });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".to_owned(), "body".to_owned()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "recorder".to_owned(),
            "mobile-sessions tests".to_owned(),
            "1".to_owned(),
            "1.2".to_owned(),
        )
    }

    async fn close_notification(
        &self,
        id: u32,
        #[zbus(signal_emitter)] emitter: zbus::object_server::SignalEmitter<'_>,
    ) {
        // Reason 3: closed by a call to CloseNotification.
        let _ = emitter
            .emit(
                "org.freedesktop.Notifications",
                "NotificationClosed",
                &(id, 3u32),
            )
            .await;
    }
}

const PATH: &str = "/org/freedesktop/Notifications";
const NAME: &str = "org.freedesktop.Notifications";

/// The private bus, its notification server, and the lock that runs these tests one at a time.
struct Bus {
    server: zbus::blocking::Connection,
    calls: Arc<Mutex<Vec<Notified>>>,
    _daemon: Child,
    _dir: tempfile::TempDir,
}

fn bus() -> MutexGuard<'static, Bus> {
    static BUS: OnceLock<Mutex<Bus>> = OnceLock::new();
    let bus = BUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (daemon, address) = dbus::start_bus_daemon(dir.path());
        // SAFETY: every test of this program takes this lock first, so no other thread of
        // ours reads the environment while it is set.
        unsafe { dbus::use_bus(&address) };
        let calls = Arc::new(Mutex::new(Vec::new()));
        let recorder = Recorder {
            calls: calls.clone(),
            next_id: AtomicU32::new(1),
        };
        let server = zbus::blocking::connection::Builder::address(address.as_str())
            .unwrap()
            .name(NAME)
            .unwrap()
            .serve_at(PATH, recorder)
            .unwrap()
            .build()
            .expect("the notification server takes its name");
        Mutex::new(Bus {
            server,
            calls,
            _daemon: daemon,
            _dir: dir,
        })
    });
    let guard = bus.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    guard.calls.lock().unwrap().clear();
    guard
}

impl Bus {
    fn calls(&self) -> Vec<Notified> {
        self.calls.lock().unwrap().clone()
    }
}

/// Tells the window it is in the background (or not), as a system would.
fn set_background(harness: &mut Harness, background: bool) {
    harness
        .input_mut()
        .viewports
        .get_mut(&eframe::egui::ViewportId::ROOT)
        .unwrap()
        .focused = Some(!background);
    harness.run_ok();
}

/// Steps the window for a while (the watcher and the burst timer need real time).
fn step_for(harness: &mut Harness, duration: Duration) {
    let end = Instant::now() + duration;
    while Instant::now() < end {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn waiting(app: &SessionsApp) -> usize {
    app.model
        .workspace
        .as_ref()
        .map_or(0, |workspace| workspace.unseen.len())
}

/// Steps until `n` notifications were received, for up to ten seconds.
fn wait_for_calls(harness: &mut Harness, bus: &Bus, n: usize) {
    let end = Instant::now() + Duration::from_secs(10);
    while bus.calls().len() < n {
        assert!(
            Instant::now() < end,
            "timed out waiting for {n} notification(s)"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_burst_of_500_arrivals_makes_one_notification_that_counts_them() {
    let bus = bus();
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    set_background(&mut harness, true);
    let root = demo.mobile_apps().to_owned();
    for seed in 0..500 {
        arrive(&root, 70_000 + seed, "iPhone 15", "ana@example.com");
    }
    let end = Instant::now() + Duration::from_secs(30);
    while waiting(harness.state()) < 500 {
        assert!(
            Instant::now() < end,
            "the window saw {}",
            waiting(harness.state())
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    wait_for_calls(&mut harness, &bus, 1);
    // Nothing more comes of the same burst.
    step_for(&mut harness, Duration::from_millis(2500));
    let calls = bus.calls();
    assert_eq!(calls.len(), 1, "{calls:#?}");
    let call = &calls[0];
    assert_eq!(call.summary, "A device waits for approval");
    assert_eq!(
        call.body,
        "500 devices wait for approval in Contact: iPhone 15 (ana@example.com) and 499 more"
    );
    assert_eq!(call.app_name, "Mobile Sessions");
    assert!(call.actions.contains(&"default".to_owned()), "{call:?}");
    assert!(harness.state().title().contains("500 new waiting"));
}

#[test]
fn one_arrival_names_the_device_safely_and_a_click_selects_it() {
    let bus = bus();
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    set_background(&mut harness, true);
    let id = arrive(
        demo.mobile_apps(),
        80_001,
        "iPhone\u{202e}51 <b>x</b>",
        "ana@example.com",
    );
    wait_for_calls(&mut harness, &bus, 1);
    let call = bus.calls()[0].clone();
    assert_eq!(
        call.body,
        "iPhone\\u{202e}51 &lt;b&gt;x&lt;/b&gt; (ana@example.com) waits for approval in Contact",
        "control characters are shown, markup is not read"
    );
    // The user clicks the notification: the server says so with ActionInvoked. The window's
    // thread may not listen yet, so say it until the window shows the session.
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        bus.server
            .emit_signal(
                None::<&str>,
                PATH,
                NAME,
                "ActionInvoked",
                &(call.id, "default"),
            )
            .unwrap();
        for _ in 0..10 {
            harness.step();
            std::thread::sleep(Duration::from_millis(10));
        }
        let selected = harness.state().model.selection.selected.clone();
        if selected.is_some_and(|key| &*key.id == id.as_str()) {
            break;
        }
        assert!(Instant::now() < end, "the click never selected the session");
    }
    let details = harness.state().model.details.as_ref().unwrap();
    assert_eq!(details.id, id, "the details panel shows it");
}

#[test]
fn an_arrival_while_the_window_has_the_focus_makes_no_notification() {
    let bus = bus();
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    set_background(&mut harness, false);
    arrive(demo.mobile_apps(), 81_001, "iPhone 15", "ana@example.com");
    wait_for(&mut harness, "the window sees it", |app| waiting(app) == 1);
    step_for(&mut harness, Duration::from_millis(2000));
    assert!(bus.calls().is_empty(), "{:?}", bus.calls());
}

#[test]
fn with_notifications_turned_off_none_is_shown_and_that_is_remembered() {
    let bus = bus();
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    harness.get_by_label("Notify").click();
    harness.run_ok();
    assert!(!harness.state().model.notifications_on());
    assert!(harness.state().prefs().memory.mute_notifications);
    set_background(&mut harness, true);
    arrive(demo.mobile_apps(), 82_001, "iPhone 15", "ana@example.com");
    wait_for(&mut harness, "the window sees it", |app| waiting(app) == 1);
    step_for(&mut harness, Duration::from_millis(2000));
    assert!(bus.calls().is_empty(), "{:?}", bus.calls());
    // And on again.
    set_background(&mut harness, false);
    harness.get_by_label("Notify").click();
    harness.run_ok();
    assert!(harness.state().model.notifications_on());
}

#[test]
fn without_a_notification_service_the_window_says_so_once() {
    let bus = bus();
    bus.server.release_name(NAME).unwrap();
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    set_background(&mut harness, true);
    arrive(demo.mobile_apps(), 83_001, "iPhone 15", "ana@example.com");
    wait_for(&mut harness, "the window says so", |app| {
        app.notice()
            .is_some_and(|notice| notice.text.contains("notifications cannot be shown"))
    });
    let notice = harness.state().notice().unwrap();
    assert!(notice.is_error, "{notice:?}");
    harness.state_mut().model.notice = None;
    arrive(demo.mobile_apps(), 83_002, "iPad", "bo@example.com");
    wait_for(&mut harness, "the window sees it", |app| waiting(app) == 2);
    step_for(&mut harness, Duration::from_millis(2500));
    assert!(harness.state().notice().is_none(), "said once only");
    bus.server.request_name(NAME).unwrap();
}

/// Part 3's fallback: no Secret Service answers on this bus, so the secret stays in the
/// owner-only file, and Server settings says so.
#[test]
fn without_a_keychain_the_secret_stays_in_the_owner_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let _bus = bus();
    assert_eq!(
        mobile_sessions::push::secret_place(),
        mobile_sessions::push::SecretPlace::File
    );
    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    harness.get_by_label("Server settings…").click();
    harness.run_ok();
    harness.get_by_label_contains("No keychain is available here");
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Server URL")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Server URL")
        .type_text("http://127.0.0.1:9/4DACTION/mobileSessionsRefresh");
    harness.run_ok();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::PasswordInput, "Secret")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::PasswordInput, "Secret")
        .type_text("fallback-s3cret");
    harness.run_ok();
    harness.get_by_label("Save").click();
    harness.run_ok();
    let file = settings.path().join("push.json");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("fallback-s3cret"), "{text}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let loaded = mobile_sessions::push::PushSettings::load_from(settings.path());
    let root = harness
        .state()
        .model
        .workspace
        .as_ref()
        .unwrap()
        .root()
        .path()
        .to_owned();
    assert_eq!(
        loaded.target(&root).unwrap().secret.as_deref(),
        Some("fallback-s3cret")
    );
    assert_eq!(
        loaded.secret_place(&root),
        mobile_sessions::push::SecretPlace::File
    );
}
