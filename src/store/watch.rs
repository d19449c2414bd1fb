//! Watching a `MobileApps` folder. Events from the system are only hints: they name paths, and
//! the owner of the [`Index`] re-reads exactly those files ([`apply`]). A full rescan happens
//! only when it must: the system's queue overflowed, the watcher failed, or the root folder
//! went away and came back.
//!
//! One thread per watcher batches the raw events (a burst of writes becomes one message),
//! checks every quarter second that the root is still the same folder, and hands everything
//! to a channel; it never waits on the receiver. Dropping the [`FolderWatcher`] stops it.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use notify::{Config, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::index::{Change, Index};
use super::root::{Root, is_session_file_name};
use super::sweep::Sweep;

/// How the folder is watched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WatchMode {
    /// The system's change notifications (inotify, FSEvents, ReadDirectoryChangesW).
    Native,
    /// Looking at the files every so often, for network shares that send no notifications.
    Poll(Duration),
}

impl WatchMode {
    /// Polling every `seconds`, kept between a tenth of a second and an hour. A value that is
    /// not a finite number (`NaN`, infinity) polls every 2 seconds rather than panicking; the
    /// command line refuses such values before they get here.
    pub fn poll_seconds(seconds: f64) -> Self {
        let seconds = if seconds.is_finite() { seconds } else { 2.0 };
        WatchMode::Poll(Duration::from_secs_f64(seconds.clamp(0.1, 3600.0)))
    }
}

/// What the watcher tells its owner.
#[derive(Debug, Clone, PartialEq)]
pub enum WatchMessage {
    /// These paths changed in some way; re-read them.
    Paths(Vec<PathBuf>),
    /// Something was missed (queue overflow, watcher error): compare everything again.
    Rescan(String),
    /// The root folder is gone (moved, deleted, unmounted); watching resumes when it is back.
    RootGone,
    /// The root folder is back; a rescan follows.
    RootBack,
    /// The watcher now works in this mode (sent at start, and when it falls back to polling).
    Mode(WatchMode),
    /// A problem that did not stop watching.
    Error(String),
}

/// A burst of events ends after this much quiet; then the batch is handed over. Waiting for
/// quiet, not a fixed time, keeps one file's create and write in the same batch, so a file
/// written in several steps is reported once, complete.
const BATCH_QUIET: Duration = Duration::from_millis(30);
/// A batch is handed over after this long even if events keep coming, so a constant stream of
/// writes cannot hold back what is known.
const BATCH_MAX: Duration = Duration::from_millis(400);
/// How often the root folder's identity is checked.
const ROOT_CHECK: Duration = Duration::from_millis(250);

/// A running watch of one `MobileApps` folder.
pub struct FolderWatcher {
    messages: Receiver<WatchMessage>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    mode: Arc<Mutex<WatchMode>>,
    started: Arc<Started>,
}

/// Whether the watcher's first attempt to watch is over (watching, or failed to).
#[derive(Default)]
struct Started {
    done: Mutex<bool>,
    signal: Condvar,
}

impl FolderWatcher {
    /// Starts watching. `wake` is called (from the watcher's thread) after each message, so a
    /// window can repaint; it must not block.
    pub fn start(root: &Root, mode: WatchMode, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let (sender, messages) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let shared_mode = Arc::new(Mutex::new(mode));
        let worker = Worker {
            root: root.path().to_owned(),
            wanted: mode,
            out: sender,
            wake: Box::new(wake),
            stop: Arc::clone(&stop),
            mode: Arc::clone(&shared_mode),
            started: Arc::default(),
        };
        let started = Arc::clone(&worker.started);
        let thread = thread::Builder::new()
            .name("folder watcher".into())
            .spawn(move || worker.run())
            .ok();
        FolderWatcher {
            messages,
            stop,
            thread,
            mode: shared_mode,
            started,
        }
    }

    /// Waits up to `timeout` until the watch has taken hold (or failed to); says whether it
    /// is over. A change made after that is reported; one made before may not be.
    pub fn wait_started(&self, timeout: Duration) -> bool {
        let done = self
            .started
            .done
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (done, _) = self
            .started
            .signal
            .wait_timeout_while(done, timeout, |done| !*done)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *done
    }

    /// Every message waiting now, without blocking.
    pub fn try_messages(&self) -> Vec<WatchMessage> {
        self.messages.try_iter().collect()
    }

    /// Waits up to `timeout` for the next message.
    pub fn next_message(&self, timeout: Duration) -> Option<WatchMessage> {
        self.messages.recv_timeout(timeout).ok()
    }

    /// The mode the watcher actually runs in (polling after a fallback).
    pub fn mode(&self) -> WatchMode {
        *self
            .mode
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for FolderWatcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The system watcher in use, of either kind; kept only to keep it running.
type Backend = Box<dyn Watcher + Send>;

/// What the watcher's thread owns.
struct Worker {
    root: PathBuf,
    wanted: WatchMode,
    out: Sender<WatchMessage>,
    wake: Box<dyn Fn() + Send + Sync>,
    stop: Arc<AtomicBool>,
    mode: Arc<Mutex<WatchMode>>,
    started: Arc<Started>,
}

/// The identity of the root folder, so a folder deleted and made again, or another folder moved
/// into its place, is noticed: the file system's own identity of the open folder (device and
/// inode on Unix, volume serial number and file index on Windows). Times are no identity:
/// Windows' creation time, as Wine shows it, changed whenever a file was added and gave false
/// alarms. The handle stays open while it is the known identity, as the system only promises
/// an identity unique among files that exist: the old folder cannot free its number for a new
/// one while we hold it. Opened with every sharing mode, it never stops the folder from being
/// moved or deleted (the system watcher holds one the same way).
fn identity(path: &Path) -> Option<same_file::Handle> {
    // Looked at before opening: opening a named pipe put in the folder's place would block.
    if !path.is_dir() {
        return None;
    }
    let handle = same_file::Handle::from_path(path).ok()?;
    handle
        .as_file()
        .metadata()
        .is_ok_and(|meta| meta.is_dir())
        .then_some(handle)
}

impl Worker {
    /// Whether the folder is also looked at every few seconds ([`Sweep`]): on Windows, whose
    /// notifications can be lost without a word, when they are what the watcher relies on.
    fn sweeps(&self) -> bool {
        cfg!(windows) && self.wanted == WatchMode::Native
    }

    fn send(&self, message: WatchMessage) {
        if self.out.send(message).is_ok() {
            (self.wake)();
        }
    }

    fn start_backend(&self, events: &Sender<notify::Result<notify::Event>>) -> Option<Backend> {
        let handler = {
            let events = events.clone();
            move |event| {
                // An unbounded channel: the system's callback never waits.
                let _ = events.send(event);
            }
        };
        let poll = |interval: Duration| -> notify::Result<Backend> {
            let config = Config::default()
                .with_poll_interval(interval)
                .with_compare_contents(true)
                .with_follow_symlinks(false);
            let mut watcher = PollWatcher::new(handler.clone(), config)?;
            watcher.watch(&self.root, RecursiveMode::Recursive)?;
            Ok(Box::new(watcher) as Backend)
        };
        let started = match self.wanted {
            WatchMode::Poll(interval) => poll(interval).map(|backend| (backend, self.wanted)),
            WatchMode::Native => {
                // Links are not followed: an app folder that links elsewhere would otherwise put
                // watches all over the place it points to (one per sub-folder) and report
                // changes from outside the tree. The scan reports such a folder as unsafe.
                let config = Config::default().with_follow_symlinks(false);
                let native =
                    RecommendedWatcher::new(handler.clone(), config).and_then(|mut watcher| {
                        watch_tree(&mut watcher, &self.root)?;
                        Ok(Box::new(watcher) as Backend)
                    });
                match native {
                    Ok(backend) => Ok((backend, WatchMode::Native)),
                    Err(error) => {
                        self.send(WatchMessage::Error(format!(
                            "system change notifications are not available ({error}); checking the folder every 2 seconds instead"
                        )));
                        let interval = Duration::from_secs(2);
                        poll(interval).map(|backend| (backend, WatchMode::Poll(interval)))
                    }
                }
            }
        };
        match started {
            Ok((backend, mode)) => {
                *self
                    .mode
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = mode;
                self.send(WatchMessage::Mode(mode));
                Some(backend)
            }
            Err(error) => {
                self.send(WatchMessage::Error(format!(
                    "cannot watch the folder: {error}"
                )));
                None
            }
        }
    }

    fn run(self) {
        let (events_in, events) = mpsc::channel();
        let mut known = identity(&self.root);
        // The sweep's first look comes before the watcher says it is watching, so nothing
        // written after that can be in the look it compares with.
        let mut sweep = self.sweeps().then(|| Sweep::new(&self.root));
        let mut backend = known.as_ref().and_then(|_| self.start_backend(&events_in));
        *self
            .started
            .done
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = true;
        self.started.signal.notify_all();
        let mut last_check = Instant::now();
        while !self.stop.load(Ordering::Relaxed) {
            match events.recv_timeout(ROOT_CHECK) {
                Ok(first) => {
                    let mut batch = vec![first];
                    let until = Instant::now() + BATCH_MAX;
                    while let Some(left) = until.checked_duration_since(Instant::now()) {
                        match events.recv_timeout(left.min(BATCH_QUIET)) {
                            Ok(event) => batch.push(event),
                            Err(_) => break,
                        }
                    }
                    self.forward(batch, backend.as_mut());
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if last_check.elapsed() >= ROOT_CHECK {
                last_check = Instant::now();
                let now = identity(&self.root);
                if now != known {
                    // The old system watch follows the old folder (or nothing): start afresh.
                    drop(backend.take());
                    if known.is_some() {
                        self.send(WatchMessage::RootGone);
                    }
                    if now.is_some() {
                        sweep = self.sweeps().then(|| Sweep::new(&self.root));
                        backend = self.start_backend(&events_in);
                        self.send(WatchMessage::RootBack);
                        self.send(WatchMessage::Rescan("the folder came back".into()));
                    }
                    known = now;
                }
            }
            if let Some(paths) = sweep.as_mut().and_then(Sweep::changes_if_due) {
                self.send(WatchMessage::Paths(paths));
            }
        }
        drop(backend);
    }

    fn forward(&self, batch: Vec<notify::Result<notify::Event>>, backend: Option<&mut Backend>) {
        let mut paths = BTreeSet::new();
        let mut rescan = None;
        for event in batch {
            match event {
                Ok(event) if event.need_rescan() => {
                    rescan = Some("the system's event queue overflowed".to_owned());
                }
                Ok(event) if is_only_a_read(&event.kind) => {}
                Ok(event) => paths.extend(event.paths),
                Err(error) => rescan = Some(format!("the watcher reported: {error}")),
            }
        }
        // An app folder made or moved in gets its watch before its owner is told to list it:
        // a file written into it before the watch took hold is in that listing, and any change
        // after is reported. (Polling, even after a fallback, looks at the whole tree.)
        let native = *self
            .mode
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            == WatchMode::Native;
        if let Some(backend) = backend.filter(|_| WATCH_EACH_APP_FOLDER && native) {
            for path in &paths {
                if matches!(target_of(&self.root, path), Some(Target::App(_)))
                    && let Err(error) = watch_app_folder(backend.as_mut(), path)
                {
                    rescan = Some(format!("cannot watch the new app folder: {error}"));
                }
            }
            // Lost events may include the making of an app folder: every folder is watched
            // again before the owner compares everything, or one made then would stay unwatched.
            if rescan.is_some()
                && let Err(error) = watch_app_folders(backend.as_mut(), &self.root)
            {
                self.send(WatchMessage::Error(format!(
                    "an app folder cannot be watched ({error}); its changes are seen at the next Refresh"
                )));
            }
        }
        if let Some(reason) = rescan {
            self.send(WatchMessage::Rescan(reason));
        } else if !paths.is_empty() {
            self.send(WatchMessage::Paths(paths.into_iter().collect()));
        }
    }
}

/// Whether each app folder gets a watch of its own, beside one on the root, rather than one
/// recursive watch of the tree. On Linux a recursive watch is one watch per folder all the
/// same, and notify finds the folders by looking at every entry of the tree: at 100,000
/// sessions that was 100,000 `stat` calls, a fifth of a second before the watch took hold.
/// Session files sit right inside the app folders, so these watches see every change the
/// store reads. Elsewhere the system watches a whole tree at once.
const WATCH_EACH_APP_FOLDER: bool = cfg!(any(target_os = "linux", target_os = "android"));

/// Starts watching the root folder and everything in it that holds sessions.
fn watch_tree(watcher: &mut dyn Watcher, root: &Path) -> notify::Result<()> {
    if !WATCH_EACH_APP_FOLDER {
        return watcher.watch(root, RecursiveMode::Recursive);
    }
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    watch_app_folders(watcher, root)
}

/// Watches every app folder in the root (again: a folder watched already keeps its one watch).
fn watch_app_folders(watcher: &mut dyn Watcher, root: &Path) -> notify::Result<()> {
    for path in app_folders(root).map_err(notify::Error::io)? {
        watch_app_folder(watcher, &path)?;
    }
    Ok(())
}

/// The folders in the root, as it is listed now, whose changes are watched: entries that
/// stand for an app ([`target_of`]) and are folders themselves, not links. The folder's
/// watcher and the quiet watch of a reading ([`super::ChangesWhileReading`]) both watch these.
pub(super) fn app_folders(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(std::fs::read_dir(root)?
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .map(|entry| entry.path())
        .filter(|path| matches!(target_of(root, path), Some(Target::App(_))))
        .collect())
}

/// Watches one app folder, when it is a folder (a symbolic link is never followed, as the
/// recursive watch does not follow one). One that is gone by now is no error: the watch on
/// the root reports that it went.
fn watch_app_folder(watcher: &mut dyn Watcher, path: &Path) -> notify::Result<()> {
    if !std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir()) {
        return Ok(());
    }
    match watcher.watch(path, RecursiveMode::NonRecursive) {
        Err(error) if is_not_found(&error) => Ok(()),
        other => other,
    }
}

/// Whether a watcher's error says that the path is not there.
fn is_not_found(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::PathNotFound => true,
        notify::ErrorKind::Io(io) => io.kind() == std::io::ErrorKind::NotFound,
        _ => false,
    }
}

/// Whether an event only says that a file was opened, read or closed unchanged. Reading the
/// files is what we do in answer to events, so taking these as changes would make every read
/// cause another read, forever.
fn is_only_a_read(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    matches!(kind, notify::EventKind::Access(access) if !matches!(access, AccessKind::Close(AccessMode::Write)))
}

/// What a path inside the root stands for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Everything,
    App(String),
    Session(String, String),
}

fn target_of(root: &Path, path: &Path) -> Option<Target> {
    let relative = path.strip_prefix(root).ok()?;
    let names: Vec<&str> = relative
        .components()
        .map(|component| match component {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    match names.as_slice() {
        [] => Some(Target::Everything),
        [app] if !app.starts_with('.') => Some(Target::App((*app).to_owned())),
        [app, file] if !app.starts_with('.') && is_session_file_name(file) => {
            Some(Target::Session((*app).to_owned(), (*file).to_owned()))
        }
        _ => None,
    }
}

/// What applying a message did to the index.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Applied {
    /// Sessions added, changed or removed.
    pub changes: Vec<Change>,
    /// Whether the whole folder was read again.
    pub rescanned: bool,
}

/// Brings the index up to date with one message of the watcher: re-reads the files it names
/// (an app folder's whole listing when the folder itself is named, since files written right
/// after a folder is made can go unreported), or everything when the message says so.
pub fn apply(index: &mut Index, message: &WatchMessage) -> Applied {
    match message {
        WatchMessage::Paths(paths) => {
            let root = index.root().path().to_owned();
            let targets: BTreeSet<Target> = paths
                .iter()
                .filter_map(|path| target_of(&root, path))
                .collect();
            if targets.contains(&Target::Everything) {
                return rescan(index);
            }
            let mut changes = Vec::new();
            // An app folder that is a symbolic link is never read through: its sessions leave
            // the index, and the listing reports the folder as unsafe.
            let linked: BTreeSet<String> = targets
                .iter()
                .filter_map(|target| match target {
                    Target::App(app) | Target::Session(app, _) => Some(app.clone()),
                    Target::Everything => None,
                })
                .filter(|app| is_link(&index.root().app_dir(app)))
                .collect();
            for app in &linked {
                changes.extend(forget_linked_app(index, app));
            }
            for target in &targets {
                if let Target::App(app) | Target::Session(app, _) = target
                    && linked.contains(app)
                {
                    continue;
                }
                match target {
                    Target::App(app) => changes.extend(index.reload_app(app)),
                    Target::Session(app, id) => {
                        if targets.contains(&Target::App(app.clone())) {
                            continue; // the app's reload covers it
                        }
                        if index.apps.contains_key(app) || index.root().app_dir(app).is_dir() {
                            changes.extend(index.reload_session(app, id));
                        }
                    }
                    Target::Everything => {}
                }
            }
            Applied {
                changes,
                rescanned: false,
            }
        }
        WatchMessage::Rescan(_) | WatchMessage::RootBack => rescan(index),
        WatchMessage::RootGone | WatchMessage::Mode(_) | WatchMessage::Error(_) => {
            Applied::default()
        }
    }
}

/// Whether a path is a symbolic link itself (not followed).
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// Takes the sessions of an app folder that became a symbolic link out of the index (without
/// reading anything through the link), and lets the listing record the folder's problem.
fn forget_linked_app(index: &mut Index, app: &str) -> Vec<Change> {
    let changes = index
        .apps
        .remove(app)
        .map(|gone| {
            gone.sessions
                .into_iter()
                .map(|(id, session)| Change {
                    kind: super::index::ChangeKind::Removed,
                    app: app.to_owned(),
                    id: id.to_string(),
                    status: None,
                    previous: Some(session),
                })
                .collect()
        })
        .unwrap_or_default();
    // With no sessions known, the reload only lists the folder, which reports it as unsafe.
    let _ = index.reload_app(app);
    changes
}

/// Reads everything again and says what differs from before.
pub fn rescan(index: &mut Index) -> Applied {
    let before = index.apps.clone();
    if index.rescan().is_err() {
        // The root is unreadable or gone; keep what is known until it is back.
        return Applied::default();
    }
    Applied {
        changes: index.changes_since(&before),
        rescanned: true,
    }
}
