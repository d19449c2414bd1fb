//! How fast the window opens a folder, measured from inside when `MOBILE_SESSIONS_TIMING=1`:
//! the milliseconds since the process started of the first frame on screen, the first rows on
//! screen, and the moment all rows were read and the window went idle. `scripts/perf.sh` reads
//! these lines from stderr to set the window beside the floor. Off, it costs one flag test a
//! frame.
//!
//! A frame is on screen once eframe has painted it, which happens right after the frame's
//! passes (egui may run a frame's pass twice, see `settle.rs`) and before the next frame
//! starts: so "on screen" is taken at the start of the next frame, and a repaint is asked for
//! (one frame, a millisecond later) so that frame follows without waiting for other news.
//! "Idle" is the end of the last pass after everything was read, seen once no pass followed
//! for [`QUIET`].

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::model::Model;

/// The environment variable that turns the measurement on.
pub const TIMING_VAR: &str = "MOBILE_SESSIONS_TIMING";

/// How long no pass must run for the window to count as idle.
const QUIET: Duration = Duration::from_millis(300);

/// How soon the frame that sees a measured frame on screen is asked for. Any delay above zero
/// asks egui for one frame: a request for an immediate repaint would give two, and the second
/// would take CPU from the reading that is being measured.
const ONE_FRAME_SOON: Duration = Duration::from_millis(1);

static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// Notes the moment the process started; `main` calls it first thing, so the measured times
/// include everything the window does before its first frame.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(Instant::now);
}

fn since_start() -> Duration {
    PROCESS_START.get_or_init(Instant::now).elapsed()
}

/// Milliseconds since the process started.
fn millis(at: Duration) -> u64 {
    at.as_millis() as u64
}

/// The measurements of one window, when asked for.
pub(super) struct Timing {
    enabled: bool,
    /// Whether each pass is reported too (`MOBILE_SESSIONS_TIMING=passes`).
    each_pass: bool,
    passes: u64,
    /// Frames painted or being painted, and the number egui gives the current one.
    frames: u64,
    frame_nr: Option<u64>,
    first_frame: bool,
    /// Whether the first rows were drawn in the last pass (and so are on screen at the next).
    rows_drawn: bool,
    first_rows: bool,
    /// While reading: the longest pass, measured from its start to the end of the app's
    /// drawing (egui's tessellation and the painting come on top).
    longest_while_reading: Duration,
    /// Whether the folder was still being read at the end of the last pass: the pass that
    /// takes in the end of the reading counts as a pass while reading.
    was_loading: bool,
    pass_started: Duration,
    watch: Option<Arc<IdleWatch>>,
}

/// Shared with the thread that notices when the window stopped painting.
struct IdleWatch {
    /// The end of the latest pass, in microseconds since the process started.
    last_pass_end: AtomicU64,
    /// The longest pass so far, in microseconds, measured as `longest_while_reading` is.
    longest: AtomicU64,
    all_read: AtomicBool,
}

impl Timing {
    /// Measures when the environment asks for it.
    pub(super) fn from_env() -> Self {
        let value = std::env::var(TIMING_VAR).unwrap_or_default();
        let enabled = !value.is_empty() && value != "0";
        Timing {
            enabled,
            each_pass: value == "passes",
            passes: 0,
            frames: 0,
            frame_nr: None,
            first_frame: false,
            rows_drawn: false,
            first_rows: false,
            longest_while_reading: Duration::ZERO,
            was_loading: false,
            pass_started: Duration::ZERO,
            watch: None,
        }
    }

    /// At the start of a pass: when it starts a frame, the previous frame is on screen now.
    pub(super) fn pass_start(&mut self, ctx: &egui::Context) {
        if !self.enabled {
            return;
        }
        self.pass_started = since_start();
        self.passes += 1;
        let frame_nr = ctx.cumulative_frame_nr();
        let new_frame = self.frame_nr != Some(frame_nr);
        self.frame_nr = Some(frame_nr);
        self.frames += u64::from(new_frame);
        if self.each_pass {
            // What asked for this pass (file and line of each repaint request), to find
            // frames that need not be painted.
            let causes: Vec<String> = ctx
                .repaint_causes()
                .iter()
                .map(ToString::to_string)
                .collect();
            // And what came in from the window system, which asks for passes of its own.
            let events: Vec<String> = ctx.input(|input| {
                input
                    .events
                    .iter()
                    .map(|event| {
                        let event = format!("{event:?}");
                        let kind = event.split(['(', ' ', '{']).next().unwrap_or_default();
                        kind.to_owned()
                    })
                    .collect()
            });
            // The window's state, which the window system changes with events egui does not
            // pass on (mapped, moved, covered) but eframe paints a frame for.
            let window = ctx.input(|input| {
                let info = input.viewport();
                format!(
                    "inner {:?} outer {:?} focused {:?} occluded {:?} minimized {:?}",
                    info.inner_rect, info.outer_rect, info.focused, info.occluded, info.minimized
                )
            });
            eprintln!(
                "timing: pass {} (frame {}) at {} ms, asked by {}; events: {}; window: {}",
                self.passes,
                self.frames,
                millis(self.pass_started),
                causes.join(", "),
                events.join(" "),
                window
            );
        }
        if !new_frame {
            return;
        }
        if self.frames == 2 && !self.first_frame {
            self.first_frame = true;
            eprintln!("timing: first frame {} ms", millis(self.pass_started));
        }
        if self.rows_drawn && !self.first_rows {
            self.first_rows = true;
            eprintln!("timing: first rows {} ms", millis(self.pass_started));
        }
        if self.frames == 1 {
            ctx.request_repaint_after(ONE_FRAME_SOON);
        }
    }

    /// At the end of a pass, with what the pass drew.
    pub(super) fn pass_end(&mut self, ctx: &egui::Context, model: &Model) {
        if !self.enabled {
            return;
        }
        let now = since_start();
        let loading = model.is_loading();
        let took = now.saturating_sub(self.pass_started);
        if loading || self.was_loading {
            self.longest_while_reading = self.longest_while_reading.max(took);
        }
        self.was_loading = loading;
        let has_rows = model
            .workspace
            .as_ref()
            .is_some_and(|workspace| !workspace.rows.is_empty());
        if has_rows && !self.rows_drawn {
            self.rows_drawn = true;
            ctx.request_repaint_after(ONE_FRAME_SOON);
        }
        let watch = self.watch.get_or_insert_with(|| {
            let watch = Arc::new(IdleWatch {
                last_pass_end: AtomicU64::new(0),
                longest: AtomicU64::new(0),
                all_read: AtomicBool::new(false),
            });
            spawn_idle_watch(watch.clone());
            watch
        });
        watch
            .last_pass_end
            .store(now.as_micros() as u64, Ordering::Release);
        watch
            .longest
            .fetch_max(took.as_micros() as u64, Ordering::AcqRel);
        if !loading && model.workspace.is_some() && !watch.all_read.load(Ordering::Acquire) {
            eprintln!(
                "timing: all read {} ms ({} frames, {} passes, longest while reading {:.1} ms)",
                millis(now),
                self.frames,
                self.passes,
                self.longest_while_reading.as_secs_f64() * 1000.0
            );
            watch.all_read.store(true, Ordering::Release);
        }
    }
}

/// Waits for the window to stop painting once everything is read, then says when it last
/// painted, and how much memory it holds then.
fn spawn_idle_watch(watch: Arc<IdleWatch>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(QUIET / 6);
            if !watch.all_read.load(Ordering::Acquire) {
                continue;
            }
            let last = Duration::from_micros(watch.last_pass_end.load(Ordering::Acquire));
            if since_start().saturating_sub(last) >= QUIET {
                let resident = resident_kib()
                    .map(|kib| format!(", {:.0} MiB resident", kib as f64 / 1024.0))
                    .unwrap_or_default();
                let longest = watch.longest.load(Ordering::Acquire) as f64 / 1000.0;
                eprintln!(
                    "timing: idle {} ms{resident} (longest pass {longest:.1} ms)",
                    millis(last)
                );
                return;
            }
        }
    });
}

/// The resident memory of this process, where the system tells it (Linux).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
