//! Desktop notifications (issue 16): the words of an [`Alert`] in the window's language, and
//! sending it to the system's notification service with notify-rust (freedesktop
//! notifications over D-Bus on Linux and the BSDs, Notification Center on macOS, toasts on
//! Windows). Sending blocks, so it runs on a job thread (`jobs.rs`).
//!
//! The job thread then waits for a click, which brings the window to the front on the session:
//! the freedesktop service reports it with its `ActionInvoked` signal (action `default`),
//! Windows with the toast's `Activated` event, macOS through `NSUserNotificationCenter`'s
//! delegate (notify-rust's `wait_for_response` on each). Only the Linux path is tested here
//! (`tests/notify_tests.rs`).

use crate::model::{Alert, Command};
use crate::tr;

use super::jobs::Finished;

/// The notification's title and body, in the window's language.
pub fn alert_text(alert: &Alert) -> (String, String) {
    let first = &alert.first;
    let who = if first.email.is_empty() {
        first.device.clone()
    } else {
        tr!(WhoWithEmail, device = first.device, email = first.email)
    };
    let body = if alert.count <= 1 {
        tr!(NotifyOne, who = who, app = first.app_name)
    } else {
        let others = alert.count - 1;
        let count = alert.count;
        if alert.same_app {
            tr!(
                NotifyMany,
                count = count,
                who = who,
                app = first.app_name,
                others = others
            )
        } else {
            tr!(
                NotifyManyApps,
                count = count,
                who = who,
                app = first.app_name,
                others = others
            )
        }
    };
    (tr!(NotifyTitle).to_owned(), body)
}

/// Freedesktop servers may read `<b>`, `<a href>` or `<img>` in a body: a device name must
/// never become markup, so the three characters that start markup or entities are escaped.
fn escape_markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Shows the notification and waits for a click on it: blocks, so call it on a job thread. A
/// click on the notification becomes [`Command::ShowSession`]; a notification that could not
/// be shown, [`Command::NotificationFailed`].
pub fn send(alert: &Alert, title: &str, body: &str) -> Finished {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname(tr!(AppName))
        .summary(title)
        .timeout(notify_rust::Timeout::Default);
    set_body(&mut notification, body);
    match notification.show() {
        Ok(handle) => {
            let mut clicked = false;
            // Returns when the notification is clicked or closed (it expired, or the user
            // dismissed it).
            let _ = handle.wait_for_response(|response: &notify_rust::NotificationResponse| {
                clicked = matches!(response, notify_rust::NotificationResponse::Default);
            });
            if clicked {
                Finished::Command(Command::ShowSession(alert.first.key.clone()))
            } else {
                Finished::Nothing
            }
        }
        Err(error) => Finished::Command(Command::NotificationFailed(error.to_string())),
    }
}

/// The body as a freedesktop server must get it (no markup), with the `default` action that
/// stands for a click on the notification itself, and our desktop entry (its icon and name).
#[cfg(all(unix, not(target_os = "macos")))]
fn set_body(notification: &mut notify_rust::Notification, body: &str) {
    notification
        .body(&escape_markup(body))
        .action("default", tr!(AppName))
        .hint(notify_rust::Hint::DesktopEntry(crate::APP_ID.to_owned()));
}

/// macOS and Windows show the body as plain text and report a click on it without an action
/// (an action there would become a button).
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn set_body(notification: &mut notify_rust::Notification, body: &str) {
    let _ = escape_markup;
    notification.body(body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_never_become_markup() {
        assert_eq!(
            escape_markup("<b>iPhone</b> & <a href=x>"),
            "&lt;b&gt;iPhone&lt;/b&gt; &amp; &lt;a href=x&gt;"
        );
    }
}
