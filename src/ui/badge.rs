//! The number of devices that wait for approval, on the app's icon in the dock or taskbar
//! (issue 16), beside the same number in the window's title.
//!
//! Each system has its own way, each in its own file behind `cfg`:
//! - Linux: the Unity `LauncherEntry` signal on the session D-Bus, read by Ubuntu's dock, KDE
//!   Plasma's task manager, Plank and others (`badge_linux.rs`);
//! - macOS: the Dock tile's badge label (`badge_macos.rs`);
//! - Windows: an overlay icon on the taskbar button, drawn here (`badge_windows.rs`).
//!
//! Elsewhere nothing is shown. The window calls [`Badge::show`] every frame; the system is
//! asked only when the number changed. A badge that cannot be shown is said once on standard
//! error and in [`Badge::status`], never as an error dialog: the title still shows the number.

use std::sync::{Arc, Mutex};

#[cfg(target_os = "linux")]
#[path = "badge_linux.rs"]
mod platform;
#[cfg(target_os = "macos")]
#[path = "badge_macos.rs"]
mod platform;
#[cfg(windows)]
#[path = "badge_windows.rs"]
mod platform;

#[cfg(windows)]
pub use platform::{set_taskbar_overlay, taskbar_overlay_icon};

/// What became of the badge, as far as this app can know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadgeStatus {
    /// Nothing was asked of the system yet: no device waited since the window opened.
    Idle,
    /// The system took this number (0: the badge was taken away). On Linux that means the
    /// signal went out on the session bus; the Unity API has no acknowledgement, so whether a
    /// dock drew it is not known.
    Sent(usize),
    /// No badge can be shown here, or the system refused it: why.
    Unavailable(String),
}

/// The status, shared with the thread that speaks to the system where there is one.
#[derive(Debug, Clone)]
struct Shared(Arc<Mutex<(BadgeStatus, bool)>>);

impl Shared {
    fn new() -> Self {
        Shared(Arc::new(Mutex::new((BadgeStatus::Idle, false))))
    }

    fn get(&self) -> BadgeStatus {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .0
            .clone()
    }

    /// Records what happened; the first time the badge is unavailable it is said on standard
    /// error (once per run: it would say the same at every change).
    fn set(&self, status: BadgeStatus) {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let BadgeStatus::Unavailable(reason) = &status
            && !std::mem::replace(&mut guard.1, true)
        {
            eprintln!(
                "mobile-sessions: the dock/taskbar badge cannot be shown ({reason}); the window's title shows the number waiting"
            );
        }
        guard.0 = status;
    }
}

/// The badge of this window's icon.
pub struct Badge {
    /// The number last handed over (0 at first: no badge).
    asked: usize,
    status: Shared,
    #[cfg(any(target_os = "linux", target_os = "macos", windows))]
    platform: platform::Platform,
}

impl Default for Badge {
    fn default() -> Self {
        Badge {
            asked: 0,
            status: Shared::new(),
            #[cfg(any(target_os = "linux", target_os = "macos", windows))]
            platform: platform::Platform::new(),
        }
    }
}

impl Badge {
    /// Shows `count` on the icon (0: no badge), if it differs from the number shown. Call it
    /// on the window's thread (macOS and Windows require it) with eframe's frame, which
    /// gives the window to badge on Windows.
    pub fn show(&mut self, count: usize, frame: &eframe::Frame) {
        if count == self.asked {
            return;
        }
        self.asked = count;
        #[cfg(any(target_os = "linux", target_os = "macos", windows))]
        self.platform.show(count, frame, &self.status);
        #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
        {
            let _ = frame;
            self.status.set(BadgeStatus::Unavailable(
                "this system has no badge this app knows".to_owned(),
            ));
        }
    }

    /// What became of the last number asked for.
    pub fn status(&self) -> BadgeStatus {
        self.status.get()
    }
}

/// The number as a small badge writes it: up to 99, then "99+".
pub fn overlay_text(count: usize) -> String {
    if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    }
}

/// The side of the taskbar's overlay icon, in pixels.
pub const OVERLAY_SIZE: usize = 16;

/// The overlay's colours, as 0xAARRGGBB: white digits on a red disc, the rest transparent.
pub const OVERLAY_RED: u32 = 0xFFC6_2828;
/// The digits' colour.
pub const OVERLAY_WHITE: u32 = 0xFFFF_FFFF;

/// A 3×5 pixel font: each glyph is five rows of three bits, the leftmost pixel the highest
/// bit. Small enough that "99+" fits in 16 pixels, plain enough to read at that size.
fn glyph(c: char) -> [u8; 5] {
    match c {
        '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
        '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
        '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
        '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
        '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
        '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
        '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
        '7' => [0b111, 0b001, 0b010, 0b010, 0b010],
        '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
        '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
        '+' => [0b000, 0b010, 0b111, 0b010, 0b000],
        _ => [0; 5],
    }
}

/// Whether a pixel lies on the red disc that fills the icon.
pub fn on_disc(x: usize, y: usize) -> bool {
    let centre = OVERLAY_SIZE as f32 / 2.0;
    let dx = x as f32 + 0.5 - centre;
    let dy = y as f32 + 0.5 - centre;
    dx * dx + dy * dy <= centre * centre
}

/// The taskbar overlay for `count` (1 and up): [`OVERLAY_SIZE`]² pixels, row by row from the
/// top, as 0xAARRGGBB. One digit is drawn twice as wide and tall, two digits twice as tall,
/// "99+" at the font's size, so each fills the disc as far as it can and stays inside it.
/// Pixels are fully opaque or fully transparent: no blending for the system to get wrong.
pub fn overlay_pixels(count: usize) -> Vec<u32> {
    let text = overlay_text(count);
    let glyphs: Vec<[u8; 5]> = text.chars().map(glyph).collect();
    let (scale_x, scale_y) = match glyphs.len() {
        1 => (2, 2),
        2 => (1, 2),
        _ => (1, 1),
    };
    let width = glyphs.len() * 3 * scale_x + glyphs.len().saturating_sub(1);
    let height = 5 * scale_y;
    let left = OVERLAY_SIZE.saturating_sub(width) / 2;
    let top = OVERLAY_SIZE.saturating_sub(height) / 2;
    let mut pixels: Vec<u32> = (0..OVERLAY_SIZE * OVERLAY_SIZE)
        .map(|at| {
            if on_disc(at % OVERLAY_SIZE, at / OVERLAY_SIZE) {
                OVERLAY_RED
            } else {
                0
            }
        })
        .collect();
    for (n, rows) in glyphs.iter().enumerate() {
        let glyph_left = left + n * (3 * scale_x + 1);
        for (row, bits) in rows.iter().enumerate() {
            for column in 0..3 {
                if bits & (0b100 >> column) == 0 {
                    continue;
                }
                for dy in 0..scale_y {
                    for dx in 0..scale_x {
                        let x = glyph_left + column * scale_x + dx;
                        let y = top + row * scale_y + dy;
                        if x < OVERLAY_SIZE && y < OVERLAY_SIZE {
                            pixels[y * OVERLAY_SIZE + x] = OVERLAY_WHITE;
                        }
                    }
                }
            }
        }
    }
    pixels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn white(pixels: &[u32]) -> Vec<(usize, usize)> {
        (0..pixels.len())
            .filter(|&at| pixels[at] == OVERLAY_WHITE)
            .map(|at| (at % OVERLAY_SIZE, at / OVERLAY_SIZE))
            .collect()
    }

    /// How many pixels the font sets for a text, before scaling.
    fn font_pixels(text: &str) -> usize {
        text.chars()
            .flat_map(glyph)
            .map(|row| row.count_ones() as usize)
            .sum()
    }

    #[test]
    fn the_number_is_written_up_to_99_then_99_plus() {
        assert_eq!(overlay_text(1), "1");
        assert_eq!(overlay_text(42), "42");
        assert_eq!(overlay_text(99), "99");
        assert_eq!(overlay_text(100), "99+");
        assert_eq!(overlay_text(500_000), "99+");
    }

    #[test]
    fn seven_is_drawn_whole_at_twice_the_font_size() {
        let pixels = overlay_pixels(7);
        assert_eq!(pixels.len(), OVERLAY_SIZE * OVERLAY_SIZE);
        let white = white(&pixels);
        assert_eq!(white.len(), font_pixels("7") * 4);
        // Its top bar is one row of 6 pixels, two pixels high, centred.
        for x in 5..11 {
            assert!(white.contains(&(x, 3)) && white.contains(&(x, 4)), "{x}");
        }
        let rows: Vec<String> = (0..OVERLAY_SIZE)
            .map(|y| {
                (0..OVERLAY_SIZE)
                    .map(|x| match pixels[y * OVERLAY_SIZE + x] {
                        OVERLAY_WHITE => '#',
                        OVERLAY_RED => 'o',
                        _ => '.',
                    })
                    .collect()
            })
            .collect();
        assert_eq!(rows[3], ".oooo######oooo.", "\n{}", rows.join("\n"));
        assert_eq!(rows[12], ".oooooo##oooooo.", "\n{}", rows.join("\n"));
        assert_eq!(rows[0], ".....oooooo.....", "\n{}", rows.join("\n"));
    }

    #[test]
    fn every_number_fits_inside_the_disc_with_a_red_rim() {
        for (count, text, scale) in [(1, "1", 4), (42, "42", 2), (99, "99", 2), (100, "99+", 1)] {
            let pixels = overlay_pixels(count);
            let white = white(&pixels);
            assert_eq!(
                white.len(),
                font_pixels(text) * scale,
                "{text}: nothing cut"
            );
            for &(x, y) in &white {
                assert!(on_disc(x, y), "{text}: ({x}, {y}) outside the disc");
                // Each digit pixel has red (not the transparent corner) on every side.
                for (nx, ny) in [
                    (x.wrapping_sub(1), y),
                    (x + 1, y),
                    (x, y.wrapping_sub(1)),
                    (x, y + 1),
                ] {
                    let next = (nx < OVERLAY_SIZE && ny < OVERLAY_SIZE)
                        .then(|| pixels[ny * OVERLAY_SIZE + nx]);
                    assert!(next.is_some_and(|p| p != 0), "{text}: ({x}, {y})");
                }
            }
        }
    }

    #[test]
    fn corners_are_transparent_and_the_rest_opaque() {
        let pixels = overlay_pixels(3);
        for corner in [0, OVERLAY_SIZE - 1, OVERLAY_SIZE * (OVERLAY_SIZE - 1)] {
            assert_eq!(pixels[corner], 0);
        }
        assert!(
            pixels
                .iter()
                .all(|&p| p == 0 || p == OVERLAY_RED || p == OVERLAY_WHITE)
        );
    }
}
