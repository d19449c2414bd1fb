//! Reading a folder on another thread, in chunks, so the first rows show while the rest is
//! still being read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::store::{
    AppRuns, Change, ChangeKind, ChangesWhileReading, FolderWatcher, Index, Root, Scan, Session,
    StoreError, WatchMessage, WatchMode,
};

use super::Wake;
use super::filter::SessionKey;
use super::prepared::{Prepared, Tally, ViewSlot};

/// How many files the background reader hands over at a time.
const CHUNK: usize = 4096;
/// How many files the first chunk holds: few, so the first rows are on screen after a few
/// hundred files are read rather than after the first 4,096. The second chunk makes up the
/// rest of a [`CHUNK`], so every later chunk ends on a multiple of it, as before: a frame that
/// takes in chunks up to [`MERGE_PER_POLL`] from the start still takes in at most that many.
const FIRST_CHUNK: usize = 256;
/// How many files the reader of a folder reads at a time on its own thread while the window
/// opens: a millisecond or so, so that it notices the window on screen soon after.
const WHILE_THE_WINDOW_OPENS: usize = 64;
/// At most this many sessions read in the background are taken in by one frame (a few
/// milliseconds of the window's time); more waiting makes the window ask for another frame.
pub const MERGE_PER_POLL: usize = 2 * CHUNK;
/// A frame stops taking in sessions once it has spent this long on them (it always takes at
/// least one chunk), so that a slow machine or a slow build does not make long frames.
pub(super) const MERGE_TIME: Duration = Duration::from_millis(8);
/// After reading, the app maps are rebuilt a few at a time: at most about this many sessions'
/// worth per frame (a single app bigger than that is rebuilt in one frame of its own).
pub(super) const COMPACT_PER_POLL: usize = 1024;
/// Sessions of a chunk are taken in this many at a time, the time limit checked in between.
pub(super) const TAKE_SLICE: usize = 256;
/// While a folder is being read, rows are re-sorted at most this often (a sort of 100,000 rows
/// takes a few tens of milliseconds of the window's time).
pub(super) const RESORT_WHILE_LOADING: Duration = Duration::from_millis(1000);
/// While a folder is being read, the rows are sorted again only as long as the last sort took
/// less than this: a frame must stay short while a big folder is read, and once the table is
/// that large its rows wait for the end of the reading (the status line counts them meanwhile),
/// when they are sorted once.
pub(super) const RESORT_BUDGET: Duration = Duration::from_millis(12);
/// While reading, the window is woken at most this often for more sessions: each wake costs a
/// repaint, which on a software renderer takes CPU from the reading itself.
const WAKE_WHILE_LOADING: Duration = Duration::from_millis(100);

/// While a folder opened in the window is read, the status line's progress is woken at most
/// this often: the window has nothing else to show until the reading is done.
const PROGRESS_WHILE_PREPARING: Duration = Duration::from_millis(1000);

/// What the background reader sends.
pub enum LoadEvent {
    /// The folder is listed: its apps (no sessions yet) and how many files there are.
    Listed(Box<Index>, usize),
    /// More sessions, read (when preparing: only the first files, shown while the rest is read).
    Sessions(Vec<(String, Session)>),
    /// When preparing: where the reader looks for the window's view at the end.
    Slot(ViewSlot),
    /// When preparing: how many files were read so far, and what they hold.
    Progress(usize, Tally),
    /// When preparing: everything was read, and made ready to show.
    Prepared(Box<Prepared>),
    /// Everything was read.
    Done,
    /// The folder could not be read at all.
    Failed(StoreError),
}

/// Starts reading a folder on another thread, sending every session read; `wake` is called
/// after each event. A folder read again while it is shown is read this way, so that each
/// chunk can be compared with what the window shows.
pub fn start_loading(root: Root, wake: impl Fn() + Send + 'static) -> Receiver<LoadEvent> {
    spawn_reader(root, None, false, wake)
}

/// Starts reading a folder the window opens, on another thread: only the first files read are
/// sent as sessions; the reader then builds everything itself and sends it [`LoadEvent::Prepared`]
/// (`prepared.rs`). `wake` is called after each event.
pub fn start_preparing(root: Root, wake: impl Fn() + Send + Sync + 'static) -> Receiver<LoadEvent> {
    let wake: Wake = Arc::new(wake);
    spawn_reader(root, Some(wake.clone()), false, move || wake())
}

/// Reads on another thread; `prepare` (the window's wake, for the watcher the reader starts)
/// when the reader prepares the folder, `None` when it sends every session. `early`: the
/// window is not on screen yet, and the reader leaves it the cores until it is.
fn spawn_reader(
    root: Root,
    prepare: Option<Wake>,
    early: bool,
    wake: impl Fn() + Send + 'static,
) -> Receiver<LoadEvent> {
    let (sender, events) = mpsc::channel();
    std::thread::spawn(move || {
        let timing = ReaderTiming::from_env();
        // Before the folder is listed, so that nothing changed after the listing goes unseen.
        let changes = prepare.is_some().then(|| ChangesWhileReading::start(&root));
        let mut scan = match Scan::start(&root) {
            Ok(scan) => scan.with_search_texts(),
            Err(error) => {
                let _ = sender.send(LoadEvent::Failed(error));
                wake();
                return;
            }
        };
        let total = scan.total();
        timing.note(&format!("listed {total} files"));
        if sender
            .send(LoadEvent::Listed(Box::new(scan.empty_index()), total))
            .is_err()
        {
            return;
        }
        wake();
        if let Some((watcher_wake, changes)) = prepare.zip(changes) {
            prepare_folder(scan, &sender, &wake, watcher_wake, changes, early, &timing);
            return;
        }
        let mut woken: Option<Instant> = None;
        let mut sent = 0;
        let mut size = FIRST_CHUNK;
        while let Some(chunk) = scan.next_chunk(size) {
            if sent == 0 {
                timing.note("first files read");
            }
            sent += size;
            size = CHUNK - sent % CHUNK;
            // The window went away or opened something else: stop reading.
            if sender.send(LoadEvent::Sessions(chunk)).is_err() {
                return;
            }
            // The first rows at once; later chunks are taken in together by the next frame.
            if woken.is_none_or(|at| at.elapsed() >= WAKE_WHILE_LOADING) {
                woken = Some(Instant::now());
                wake();
            }
        }
        timing.note("all files read");
        release_free_memory();
        let _ = sender.send(LoadEvent::Done);
        wake();
    });
    events
}

/// Reads a folder the window opens and prepares it (see [`start_preparing`]).
fn prepare_folder(
    mut scan: Scan,
    sender: &mpsc::Sender<LoadEvent>,
    wake: &impl Fn(),
    watcher_wake: Wake,
    changes: ChangesWhileReading,
    early: bool,
    timing: &ReaderTiming,
) {
    let slot = ViewSlot::default();
    if sender.send(LoadEvent::Slot(slot.clone())).is_err() {
        return;
    }
    let mut read = AppRuns::default();
    let mut tally = Tally::default();
    if let Some(first) = scan.next_chunk(FIRST_CHUNK) {
        timing.note("first files read");
        tally.add(&first);
        if sender.send(LoadEvent::Sessions(first.clone())).is_err() {
            return;
        }
        wake();
        read.add(first);
    }
    if early {
        // The first frame is drawn on the same cores, by the software renderer where there is
        // no graphics card: reading on every core meanwhile made it come up to twice as late.
        // Until the window is on screen (or a moment, at most), files are read on this thread
        // alone, a few at a time, which leaves the other cores to the window; with one core,
        // none is left, and the reader only waits.
        let waited = Instant::now();
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        while cores > 1 && !is_window_on_screen() && waited.elapsed() < FIRST_FRAME_WAIT {
            let Some(chunk) = scan.next_chunk_here(WHILE_THE_WINDOW_OPENS) else {
                break;
            };
            tally.add(&chunk);
            read.add(chunk);
        }
        wait_for_window(FIRST_FRAME_WAIT.saturating_sub(waited.elapsed()));
        timing.note(&format!(
            "window on screen, {} files read by then",
            read.len()
        ));
    }
    let mut woken = Instant::now();
    while let Some(chunk) = scan.next_chunk(CHUNK) {
        tally.add(&chunk);
        read.add(chunk);
        if woken.elapsed() >= PROGRESS_WHILE_PREPARING {
            woken = Instant::now();
            // The window went away or opened something else: stop reading.
            if sender.send(LoadEvent::Progress(read.len(), tally)).is_err() {
                return;
            }
            wake();
        }
    }
    timing.note("all files read");
    // The files come app by app, so each app's map is built whole, in one go, the apps' maps
    // on all cores (now free: the reading is over).
    let mut index = scan.empty_index();
    index.insert_runs(read);
    timing.note("index built");
    let view = slot
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone();
    // The watcher starts now that the files are read: while they were, each opening would have
    // been an event for it (on Linux, a hundred thousand overflow the system's queue). Once it
    // watches, what changed while the files were read is read again: the files a quieter
    // watch saw change ([`ChangesWhileReading`], on Linux), or else those whose name, size or
    // time differ from what was read. The window tells the watch mode with its view; without
    // a view yet, it starts the watcher and compares the files itself.
    let mut found = Vec::new();
    let mut compared = false;
    let handed_over = Arc::new(AtomicBool::new(false));
    let watcher = view.as_ref().map(|view| {
        // The watcher reaches the window inside what is prepared, so waking the window for its
        // news before then would only paint a frame (a tenth of a second of CPU on a software
        // renderer, taken from the reader) with nothing new: its first message says it
        // watches. The news waits in its channel for the frame that takes the folder in.
        let handed = Arc::clone(&handed_over);
        let wake_when_handed = move || {
            if handed.load(Ordering::Acquire) {
                watcher_wake();
            }
        };
        let mut watcher =
            FolderWatcher::start(index.root(), view.watch_mode(), wake_when_handed.clone());
        // A watch that has not taken hold by then may miss what changes meanwhile: the
        // comparison made here is then not the last word, and the window compares again.
        compared = watcher.wait_started(Duration::from_secs(10));
        let mut changes = Some(changes);
        if compared && view.watch_mode() == WatchMode::Native && watcher.mode() != WatchMode::Native
        {
            // The quiet watch holds inotify watches of its own: at the system's limit, it may
            // be what made the watcher fall back to polling. Without it (and without the
            // first watcher's) the watcher starts again, and the folder's names, sizes and
            // times are compared instead.
            changes = None;
            drop(watcher);
            watcher = FolderWatcher::start(index.root(), view.watch_mode(), wake_when_handed);
            compared = watcher.wait_started(Duration::from_secs(10));
        }
        timing.note(if compared {
            "watch started"
        } else {
            "watch not started after 10 s"
        });
        // Only where the system's notifications are what the folder is watched by: a folder
        // polled is on a share whose changes made elsewhere send no notification, to this
        // watch either, so there its names, sizes and times are compared.
        let noted = changes
            .and_then(ChangesWhileReading::finish)
            .filter(|_| view.watch_mode() == WatchMode::Native);
        found = match noted {
            Some(paths) => {
                let count = paths.len();
                let changes = crate::store::apply(&mut index, &WatchMessage::Paths(paths));
                timing.note(&format!("{count} paths changed while reading, read again"));
                changes.changes
            }
            None => {
                let listing = crate::store::list_names(index.root());
                timing.note("sizes and times listed");
                index.reconcile_with(listing)
            }
        };
        timing.note(if compared {
            "watching, and compared"
        } else {
            "compared, the watcher not started after 10 s"
        });
        watcher
    });
    let prepared = Prepared::new(index, view, watcher, found, compared);
    timing.note("prepared");
    handed_over.store(true, Ordering::Release);
    if sender.send(LoadEvent::Prepared(Box::new(prepared))).is_ok() {
        wake();
    }
    // After the window has what it shows: this takes a few tens of milliseconds at 100,000.
    release_free_memory();
}

/// The reader's side of `MOBILE_SESSIONS_TIMING` (see `ui/timing.rs`): when the listing was
/// done, the first files read and all files read, in milliseconds since the reader started
/// (for a folder named on the command line, a few milliseconds after the process started).
struct ReaderTiming {
    started: Option<Instant>,
}

impl ReaderTiming {
    /// Measures when the environment asks for it.
    fn from_env() -> Self {
        // The variable `ui::TIMING_VAR` names; the model does not depend on the window.
        let on = std::env::var("MOBILE_SESSIONS_TIMING")
            .is_ok_and(|value| !value.is_empty() && value != "0");
        ReaderTiming {
            started: on.then(|| *READER_START.get_or_init(Instant::now)),
        }
    }

    fn note(&self, what: &str) {
        if let Some(started) = self.started {
            eprintln!(
                "timing: reader: {what} {} ms",
                started.elapsed().as_millis()
            );
        }
    }
}

/// When the first reader of this process started; a later reader counts from there too.
static READER_START: OnceLock<Instant> = OnceLock::new();

/// Gives the memory freed after parsing back to the system. The files are parsed on all
/// cores, and glibc keeps what each thread freed in that thread's own pool: after a big folder
/// that is over a hundred MiB the window no longer uses but still holds.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes a plain integer and only returns free pages of glibc's own
    // heaps to the system; no memory in use moves.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A folder still being read.
pub(super) struct Loading {
    pub(super) events: Receiver<LoadEvent>,
    pub(super) read: usize,
    pub(super) total: usize,
    /// Sessions the watcher reported while the folder was read: what the reader sends later
    /// for them is older, and is dropped.
    pub(super) touched: HashSet<SessionKey>,
    pub(super) last_sort: Instant,
    /// How long the last sort while reading took.
    pub(super) last_sort_took: Duration,
    /// For a refresh: the new index being filled, swapped in once complete, while the table
    /// keeps showing what was known.
    pub(super) replacement: Option<Index>,
    /// Whether this read replaces an index already shown (a refresh).
    pub(super) replacing: bool,
    /// Whether sessions read are still waiting after the last poll, which took its share.
    pub(super) backlog: bool,
    /// The rest of a chunk the last poll did not have the time to take in.
    pub(super) held: std::vec::IntoIter<(String, Session)>,
    /// For a re-read: what differs from the index shown, noted chunk by chunk.
    pub(super) differences: Differences,
    /// Whether this re-read was started because the watcher may have missed something.
    pub(super) for_rescan: bool,
    /// When the reader prepares the folder: where the window leaves its view for it.
    pub(super) view_slot: Option<ViewSlot>,
    /// When the reader prepares the folder: what it has read so far.
    pub(super) tally: Option<Tally>,
}

/// What a re-read of the whole folder found different from the index shown, noted as its
/// chunks arrive, so that the end of the reading does not compare every session at once.
#[derive(Debug, Default)]
pub(super) struct Differences {
    /// Sessions added or changed.
    found: Vec<Change>,
    /// How many sessions read were already in the index shown.
    matched: usize,
}

impl Differences {
    /// Notes how a chunk of sessions read differs from `shown`.
    pub(super) fn note(&mut self, shown: &Index, chunk: &[(String, Session)]) {
        for (folder, session) in chunk {
            let before = shown
                .apps
                .get(folder)
                .and_then(|app| app.sessions.get(&session.id));
            let kind = match before {
                Some(before) => {
                    self.matched += 1;
                    if before == session {
                        continue;
                    }
                    ChangeKind::Changed
                }
                None => ChangeKind::Added,
            };
            self.found.push(Change {
                kind,
                app: folder.clone(),
                id: session.id.to_string(),
                status: session.status(),
                previous: before.cloned(),
            });
        }
    }

    /// Every difference, once the re-read `now` replaced `old`: what was noted, and the
    /// sessions of `old` that are gone. Sessions the watcher reported meanwhile (`touched`)
    /// were kept out of the re-read and were told already.
    pub(super) fn finish(self, old: Index, now: &Index, touched: &[SessionKey]) -> Vec<Change> {
        let mut changes = self.found;
        let known: usize = old.apps.values().map(|app| app.sessions.len()).sum();
        // Every session known was read again: none went away, and no walk is needed.
        if self.matched != known {
            let touched: HashSet<(&str, &str)> =
                touched.iter().map(|key| (&*key.app, &*key.id)).collect();
            for (folder, app) in &old.apps {
                let still = now.apps.get(folder);
                for (id, session) in &app.sessions {
                    if still.is_some_and(|app| app.sessions.contains_key(id))
                        || touched.contains(&(folder.as_str(), &**id))
                    {
                        continue;
                    }
                    changes.push(Change {
                        kind: ChangeKind::Removed,
                        app: folder.clone(),
                        id: id.to_string(),
                        status: None,
                        previous: Some(session.clone()),
                    });
                }
            }
        }
        drop_elsewhere(old);
        changes
    }
}

/// Frees a whole index on another thread (a million sessions take about a second to free,
/// which on the window's thread would be a frame that long), then gives the memory back.
pub(super) fn drop_elsewhere(index: Index) {
    free_elsewhere("free index", move || {
        drop(index);
        release_free_memory();
    });
}

/// Frees what `free` holds on a thread named `name`, off the window's thread (the table's
/// rows after a sort of 100,000 rows, a whole index).
pub(super) fn free_elsewhere(name: &str, free: impl FnOnce() + Send + 'static) {
    // With no thread to spare, it is freed here, with the closure that holds it.
    let _ = std::thread::Builder::new().name(name.into()).spawn(free);
}

impl Loading {
    pub(super) fn new(events: Receiver<LoadEvent>, total: usize, replacing: bool) -> Self {
        Loading {
            events,
            read: 0,
            total,
            touched: HashSet::new(),
            last_sort: Instant::now(),
            last_sort_took: Duration::ZERO,
            replacement: None,
            replacing,
            backlog: false,
            held: Vec::new().into_iter(),
            differences: Differences::default(),
            for_rescan: false,
            view_slot: None,
            tally: None,
        }
    }
}

/// How long a reader started before the window waits at most for the window's first frame.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(400);

/// Whether the window's first frame is on screen.
static WINDOW_SHOWN: (Mutex<bool>, std::sync::Condvar) =
    (Mutex::new(false), std::sync::Condvar::new());

/// Tells a reader started before the window ([`read_early`]) that the window's first frame is
/// on screen; the window calls it from its second frame on.
pub fn window_on_screen() {
    let (shown, signal) = &WINDOW_SHOWN;
    let mut shown = shown
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !*shown {
        *shown = true;
        signal.notify_all();
    }
}

/// Whether [`window_on_screen`] was called.
fn is_window_on_screen() -> bool {
    *WINDOW_SHOWN
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Waits until [`window_on_screen`] was called, or `timeout`.
fn wait_for_window(timeout: Duration) {
    let (shown, signal) = &WINDOW_SHOWN;
    let shown = shown
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let _ = signal.wait_timeout_while(shown, timeout, |shown| !*shown);
}

/// A folder whose reading started before the window existed, for the window to take over.
struct EarlyRead {
    path: PathBuf,
    events: Receiver<LoadEvent>,
    wake: Arc<OnceLock<Wake>>,
}

static EARLY: Mutex<Option<EarlyRead>> = Mutex::new(None);

/// Starts reading the folder named on the command line before the window is created, so the
/// reading overlaps the seconds the window system and graphics take to start; the window takes
/// it over when it opens that folder (anything else it opens is read as usual). A folder that
/// cannot be found is left for the window to report.
pub fn read_early(path: &Path) {
    let Ok(root) = Root::locate(path) else {
        return;
    };
    let wake: Arc<OnceLock<Wake>> = Arc::default();
    let waker = wake.clone();
    let path = root.path().to_owned();
    let wake_window = move || {
        if let Some(wake) = waker.get() {
            wake();
        }
    };
    let wake_watcher: Wake = Arc::new(wake_window.clone());
    let events = spawn_reader(root, Some(wake_watcher), true, wake_window);
    let early = EarlyRead { path, events, wake };
    *EARLY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(early);
}

/// The reading [`read_early`] started, when it is of `root`; `wake` wakes the window from now
/// on. Events sent before are waiting in the channel for the window's first frame.
pub(super) fn take_early(root: &Root, wake: &Wake) -> Option<Receiver<LoadEvent>> {
    let early = EARLY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .take()?;
    if early.path != root.path() {
        // Dropped: its reader stops at its next send.
        return None;
    }
    let _ = early.wake.set(wake.clone());
    Some(early.events)
}
