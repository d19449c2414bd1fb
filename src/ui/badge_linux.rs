//! The badge on Linux: Unity's `com.canonical.Unity.LauncherEntry` API on the session D-Bus,
//! which Ubuntu's dock (Dash to Dock), KDE Plasma's task manager, Plank and others read.
//!
//! The app sends the signal `Update(s app_uri, a{sv} properties)` from an object of its own,
//! with `app_uri` naming our desktop entry (`application://mobile-sessions.desktop`, the file
//! `mobile-sessions install` writes) and the properties `count` (int64) and `count-visible`
//! (bool). A dock that starts later asks the same object with the method `Query()`, which
//! answers the same pair. Nothing acknowledges the signal: "sent" is all this app can know.
//!
//! One connection serves the whole run, on a thread of its own so the window never waits for
//! the bus. It is opened at the first number to show, so a run in which no device waits never
//! touches the bus. With no session bus nothing is shown, and that is said once.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use zbus::zvariant::{OwnedValue, Value};

use super::{BadgeStatus, Shared};

/// The D-Bus interface of the Unity launcher API.
pub const INTERFACE: &str = "com.canonical.Unity.LauncherEntry";

/// The desktop entry the dock matches the badge to.
fn app_uri() -> String {
    format!("application://{}.desktop", crate::APP_ID)
}

/// Our object's path: the API's usual prefix and this process, so that two windows of the app
/// each keep their own.
fn object_path() -> String {
    format!("/com/canonical/unity/launcherentry/{}", std::process::id())
}

/// The properties that show `count` (0: no badge).
fn properties(count: u64) -> HashMap<&'static str, Value<'static>> {
    HashMap::from([
        (
            "count",
            Value::I64(i64::try_from(count).unwrap_or(i64::MAX)),
        ),
        ("count-visible", Value::Bool(count > 0)),
    ])
}

/// The object docks query: it answers the number last sent.
struct LauncherEntry {
    count: Arc<AtomicU64>,
}

#[zbus::interface(name = "com.canonical.Unity.LauncherEntry")]
impl LauncherEntry {
    /// `Query() -> (s app_uri, a{sv} properties)`, for a dock that starts after our signal.
    fn query(&self) -> (String, HashMap<String, OwnedValue>) {
        let properties = properties(self.count.load(Ordering::SeqCst))
            .into_iter()
            .filter_map(|(name, value)| {
                OwnedValue::try_from(value)
                    .ok()
                    .map(|value| (name.to_owned(), value))
            })
            .collect();
        (app_uri(), properties)
    }
}

/// The thread that speaks to the bus, started at the first number to show.
pub struct Platform {
    counts: Option<Sender<usize>>,
}

impl Platform {
    pub fn new() -> Self {
        Platform { counts: None }
    }

    /// Hands the number to the bus thread.
    pub fn show(&mut self, count: usize, _frame: &eframe::Frame, status: &Shared) {
        let counts = self.counts.get_or_insert_with(|| {
            let (sender, counts) = mpsc::channel();
            let shared = status.clone();
            let started = std::thread::Builder::new()
                .name("badge".to_owned())
                .spawn(move || run(&counts, &shared));
            if let Err(error) = started {
                status.set(BadgeStatus::Unavailable(format!(
                    "no thread could be started: {error}"
                )));
            }
            sender
        });
        // The thread ends only when there is no bus; then the number is not shown, as said.
        let _ = counts.send(count);
    }
}

/// Opens the connection, then sends each number it is given (only the latest of a quick run
/// of them), until the window is gone.
fn run(counts: &Receiver<usize>, status: &Shared) {
    let count = Arc::new(AtomicU64::new(0));
    let path = object_path();
    let entry = LauncherEntry {
        count: count.clone(),
    };
    let connection = match zbus::blocking::connection::Builder::session()
        .and_then(|builder| builder.serve_at(path.as_str(), entry))
        .and_then(|builder| builder.build())
    {
        Ok(connection) => connection,
        Err(error) => {
            status.set(BadgeStatus::Unavailable(format!(
                "no session D-Bus answered: {error}"
            )));
            return;
        }
    };
    let uri = app_uri();
    let mut sent = 0;
    while let Ok(mut next) = counts.recv() {
        while let Ok(newer) = counts.try_recv() {
            next = newer;
        }
        count.store(next as u64, Ordering::SeqCst);
        let result = connection.emit_signal(
            None::<&str>,
            path.as_str(),
            INTERFACE,
            "Update",
            &(uri.as_str(), properties(next as u64)),
        );
        match result {
            Ok(()) => {
                sent = next;
                status.set(BadgeStatus::Sent(next));
            }
            Err(error) => status.set(BadgeStatus::Unavailable(format!(
                "the session D-Bus refused the signal: {error}"
            ))),
        }
    }
    // The window is gone: take the badge away. Best effort, since the process may end first;
    // docks also drop an entry whose sender left the bus.
    if sent > 0 {
        let _ = connection.emit_signal(
            None::<&str>,
            path.as_str(),
            INTERFACE,
            "Update",
            &(uri.as_str(), properties(0)),
        );
    }
}
