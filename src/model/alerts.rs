//! Telling the administrator that a device waits (issue 16). A new pending session that the
//! watcher sees while the window is in the background or minimised becomes a desktop
//! notification; arrivals close together are one burst, told once with their number, so that
//! 500 files written by a script make one notification, not 500. The decision lives here,
//! without egui; the window only reports whether it is in the background, sends the
//! [`Effect::Notify`] it is given, and hands a click back as [`Command::ShowSession`].
//!
//! [`Command::ShowSession`]: super::Command::ShowSession

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::filter::{SessionKey, Shown, StatusFilter};
use super::{Command, Effect, Model, Notice, Outcome};

/// A burst ends once no new device arrived for this long...
pub const BURST_QUIET: Duration = Duration::from_secs(1);

/// ...or at the latest this long after its first arrival, so that a steady stream of devices is
/// still told within seconds.
pub const BURST_LONGEST: Duration = Duration::from_secs(5);

/// How long device names, e-mails and app names may be in a notification (they come from the
/// device: untrusted, possibly long).
const FIELD_CHARS: usize = 60;

/// One device that waits, as the notification names it. The texts are already made safe to
/// show ([`crate::safe_text::visible`]): no control or direction-changing character can
/// disguise them.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// The session, to select when the notification is clicked.
    pub key: SessionKey,
    /// `device.description`.
    pub device: String,
    /// `email` (empty for guest apps).
    pub email: String,
    /// The app's name.
    pub app_name: String,
}

/// A notification to show: the first device of a burst and how many arrived in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// The first device of the burst that still waits.
    pub first: Arrival,
    /// How many devices of the burst still wait (at least 1).
    pub count: usize,
    /// Whether they all wait in the first one's app.
    pub same_app: bool,
}

/// The burst being gathered, and whether the user was told that notifications cannot be shown.
#[derive(Debug, Default)]
pub struct Alerts {
    burst: Option<Burst>,
    /// Whether the failure to show a notification was already reported (once per run).
    told_unavailable: bool,
}

#[derive(Debug)]
struct Burst {
    first: Arrival,
    keys: BTreeSet<SessionKey>,
    started: Instant,
    last: Instant,
}

impl Alerts {
    /// Takes in one device that arrived at `now`.
    pub fn arrived(&mut self, arrival: Arrival, now: Instant) {
        match &mut self.burst {
            Some(burst) => {
                burst.keys.insert(arrival.key.clone());
                burst.last = now;
            }
            None => {
                self.burst = Some(Burst {
                    keys: BTreeSet::from([arrival.key.clone()]),
                    first: arrival,
                    started: now,
                    last: now,
                });
            }
        }
    }

    /// How long until the burst being gathered is due (`None`: no burst).
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        self.burst.as_ref().map(|burst| {
            let due = (burst.last + BURST_QUIET).min(burst.started + BURST_LONGEST);
            due.saturating_duration_since(now)
        })
    }

    /// The burst, when it is due at `now`: its first arrival and every session in it.
    fn take_due(&mut self, now: Instant) -> Option<(Arrival, BTreeSet<SessionKey>)> {
        if self.wait(now)? > Duration::ZERO {
            return None;
        }
        self.burst.take().map(|burst| (burst.first, burst.keys))
    }

    /// Forgets the burst being gathered.
    pub fn clear(&mut self) {
        self.burst = None;
    }
}

impl Model {
    /// Whether desktop notifications are on.
    pub fn notifications_on(&self) -> bool {
        !self.memory.mute_notifications
    }

    /// How many new devices wait for approval: the number the window's title and the dock or
    /// taskbar badge show (0 with no folder open).
    pub fn waiting(&self) -> usize {
        self.workspace
            .as_ref()
            .map_or(0, |workspace| workspace.unseen.len())
    }

    /// Takes in the new pending sessions the watcher saw: told when the window is in the
    /// background and notifications are on, forgotten otherwise (the window shows them).
    pub(super) fn take_arrivals(&mut self, now: Instant) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let arrivals = std::mem::take(&mut workspace.arrivals);
        if !self.in_background || self.memory.mute_notifications {
            return;
        }
        for key in arrivals {
            let Some(app) = workspace.index.apps.get(&*key.app) else {
                continue;
            };
            let Some(info) = app.sessions.get(&*key.id).and_then(|s| s.info.as_ref()) else {
                continue;
            };
            let arrival = Arrival {
                device: crate::safe_text::visible(info.device.trim(), FIELD_CHARS),
                email: crate::safe_text::visible(info.email.trim(), FIELD_CHARS),
                app_name: crate::safe_text::visible(app.name(), FIELD_CHARS),
                key,
            };
            self.alerts.arrived(arrival, now);
        }
    }

    /// The notification to send now, if a burst is due: only the devices that still wait
    /// (not accepted or removed meanwhile) are counted.
    pub fn alert_due(&mut self, now: Instant) -> Option<Effect> {
        let (first, keys) = self.alerts.take_due(now)?;
        let workspace = self.workspace.as_ref()?;
        let waiting: Vec<&SessionKey> = keys
            .iter()
            .filter(|key| workspace.unseen.contains(*key))
            .collect();
        let first = if workspace.unseen.contains(&first.key) {
            first
        } else {
            // The first device no longer waits: name another one of the burst.
            let key = (*waiting.first()?).clone();
            let app = workspace.index.apps.get(&*key.app)?;
            let info = app.sessions.get(&*key.id)?.info.as_ref()?;
            Arrival {
                device: crate::safe_text::visible(info.device.trim(), FIELD_CHARS),
                email: crate::safe_text::visible(info.email.trim(), FIELD_CHARS),
                app_name: crate::safe_text::visible(app.name(), FIELD_CHARS),
                key,
            }
        };
        let same_app = waiting.iter().all(|key| key.app == first.key.app);
        Some(Effect::Notify(Alert {
            first,
            count: waiting.len(),
            same_app,
        }))
    }

    /// How long until the next notification may be due, so the window can wake up for it.
    pub fn alert_wait(&self, now: Instant) -> Option<Duration> {
        self.alerts.wait(now)
    }

    /// The commands of this part: turning notifications off and on, a click on one, and the
    /// report that none could be shown.
    pub(super) fn carry_out_alert(&mut self, command: Command) -> Outcome {
        match command {
            Command::SetNotifications(on) => {
                self.memory.mute_notifications = !on;
                if !on {
                    self.alerts.clear();
                }
                Outcome::none()
            }
            Command::ShowSession(key) => self.show_session(key),
            Command::NotificationFailed(reason) => {
                if std::mem::replace(&mut self.alerts.told_unavailable, true) {
                    Outcome::none()
                } else {
                    Outcome::say(Notice::NotificationsUnavailable(reason))
                }
            }
            _ => Outcome::none(),
        }
    }

    /// A notification was clicked: the window comes to the front with that session selected,
    /// showing its app (and every status, when a filter would hide it).
    fn show_session(&mut self, key: SessionKey) -> Outcome {
        let mut outcome = Outcome::effect(Effect::BringToFront);
        let Some(workspace) = &self.workspace else {
            return outcome;
        };
        if !workspace.index.apps.contains_key(&*key.app) {
            return outcome;
        }
        if !workspace.shows_all_apps() && workspace.shown_app() != Some(&*key.app) {
            let _ = self.carry_out(Command::SelectApp(Shown::App(key.app.to_string())));
        }
        if !self.rows().contains(&key) {
            let _ = self.carry_out(Command::Filter {
                query: String::new(),
                status: StatusFilter::All,
            });
        }
        let shown = self
            .workspace
            .as_ref()
            .is_some_and(|workspace| workspace.rows.contains(&key));
        if shown {
            let _ = self.carry_out(Command::Select(key));
            outcome.effects.push(Effect::ScrollToSelected);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrival(n: u32) -> Arrival {
        Arrival {
            key: SessionKey::new("com.example.App", &format!("{n:040x}")),
            device: format!("iPhone {n}"),
            email: String::new(),
            app_name: "Contact".to_owned(),
        }
    }

    #[test]
    fn ten_arrivals_within_a_second_are_one_burst() {
        let mut alerts = Alerts::default();
        let start = Instant::now();
        for n in 0..10 {
            alerts.arrived(arrival(n), start + Duration::from_millis(u64::from(n) * 90));
        }
        let last = start + Duration::from_millis(810);
        assert_eq!(alerts.wait(last), Some(BURST_QUIET));
        assert!(alerts.take_due(last + Duration::from_millis(999)).is_none());
        let (first, keys) = alerts.take_due(last + BURST_QUIET).unwrap();
        assert_eq!(
            first.device, "iPhone 0",
            "the first arrival names the burst"
        );
        assert_eq!(keys.len(), 10);
        assert_eq!(alerts.wait(last + BURST_QUIET), None, "nothing left");
    }

    #[test]
    fn arrivals_after_a_quiet_second_start_a_new_burst() {
        let mut alerts = Alerts::default();
        let start = Instant::now();
        alerts.arrived(arrival(1), start);
        let (_, keys) = alerts.take_due(start + BURST_QUIET).unwrap();
        assert_eq!(keys.len(), 1);
        alerts.arrived(arrival(2), start + Duration::from_secs(3));
        let (first, _) = alerts
            .take_due(start + Duration::from_secs(3) + BURST_QUIET)
            .unwrap();
        assert_eq!(first.device, "iPhone 2");
    }

    #[test]
    fn a_steady_stream_is_told_within_the_longest_burst() {
        let mut alerts = Alerts::default();
        let start = Instant::now();
        let mut now = start;
        let mut told = None;
        for n in 0..100 {
            alerts.arrived(arrival(n), now);
            now += Duration::from_millis(500);
            if let Some(due) = alerts.take_due(now) {
                told = Some((now, due.1.len()));
                break;
            }
        }
        let (at, count) = told.expect("a stream is told before it ends");
        assert_eq!(at - start, BURST_LONGEST);
        assert_eq!(count, 10);
    }

    #[test]
    fn the_same_session_twice_counts_once() {
        let mut alerts = Alerts::default();
        let start = Instant::now();
        alerts.arrived(arrival(1), start);
        alerts.arrived(arrival(1), start);
        let (_, keys) = alerts.take_due(start + BURST_QUIET).unwrap();
        assert_eq!(keys.len(), 1);
    }
}
