//! The badge on macOS: the Dock tile's badge label (`NSApp.dockTile.badgeLabel`), the red
//! number Mail and Messages show. AppKit may only be used on the main thread, where eframe
//! runs the window; elsewhere (a test harness on another thread) nothing is shown.

use objc2::MainThreadMarker;
use objc2_app_kit::NSApplication;
use objc2_foundation::NSString;

use super::{BadgeStatus, Shared};

/// Nothing to keep: the Dock tile is the application's.
pub struct Platform;

impl Platform {
    pub fn new() -> Self {
        Platform
    }

    /// Sets the Dock tile's label to `count`, or removes it at 0.
    pub fn show(&mut self, count: usize, _frame: &eframe::Frame, status: &Shared) {
        let Some(mtm) = MainThreadMarker::new() else {
            status.set(BadgeStatus::Unavailable(
                "the Dock can only be changed from the main thread".to_owned(),
            ));
            return;
        };
        let tile = NSApplication::sharedApplication(mtm).dockTile();
        // The Dock has room for the whole number ("120"), as Mail shows it.
        let label = (count > 0).then(|| NSString::from_str(&count.to_string()));
        tile.setBadgeLabel(label.as_deref());
        status.set(BadgeStatus::Sent(count));
    }
}
