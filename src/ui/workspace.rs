//! An open `MobileApps` folder as the window sees it: the store's index, kept live by a watcher,
//! the chosen app, the table's rows in their sort order, and counts for the status line. No
//! egui here: the panels read it, and the app changes it through actions.
//!
//! Built for 100,000 sessions: the folder is read in chunks on another thread and rows appear
//! as they arrive; counts are kept, not recounted each frame; a single changed file moves one
//! row instead of sorting them all again.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant, SystemTime};

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use rayon::slice::ParallelSliceMut;

use crate::store::{
    self, Change, ChangeKind, DeletePolicy, Deleted, FolderWatcher, Index, Root, Scan, Session,
    SessionInfo, Status, StatusEdit, StoreError, WatchMessage, WatchMode,
};

use super::prefs::{SortKey, SortOrder};

/// How many files the background reader hands over at a time.
const CHUNK: usize = 4096;
/// While a folder is being read, rows are re-sorted at most this often (a sort of 100,000 rows
/// takes a few tens of milliseconds of the window's time).
const RESORT_WHILE_LOADING: Duration = Duration::from_millis(1000);

/// What the background reader sends.
pub enum LoadEvent {
    /// The folder is listed: its apps (no sessions yet) and how many files there are.
    Listed(Box<Index>, usize),
    /// More sessions, read.
    Sessions(Vec<(String, Session)>),
    /// Everything was read.
    Done,
    /// The folder could not be read at all.
    Failed(StoreError),
}

/// Starts reading a folder on another thread; `wake` is called after each event.
pub fn start_loading(root: Root, wake: impl Fn() + Send + 'static) -> Receiver<LoadEvent> {
    let (sender, events) = mpsc::channel();
    std::thread::spawn(move || {
        let mut scan = match Scan::start(&root) {
            Ok(scan) => scan,
            Err(error) => {
                let _ = sender.send(LoadEvent::Failed(error));
                wake();
                return;
            }
        };
        let total = scan.total();
        if sender
            .send(LoadEvent::Listed(Box::new(scan.empty_index()), total))
            .is_err()
        {
            return;
        }
        wake();
        while let Some(chunk) = scan.next_chunk(CHUNK) {
            // The window went away or opened something else: stop reading.
            if sender.send(LoadEvent::Sessions(chunk)).is_err() {
                return;
            }
            wake();
        }
        let _ = sender.send(LoadEvent::Done);
        wake();
    });
    events
}

/// A folder still being read.
struct Loading {
    events: Receiver<LoadEvent>,
    read: usize,
    total: usize,
    /// Sessions the watcher reported while the folder was read: what the reader sends later
    /// for them is older, and is dropped.
    touched: HashSet<SessionKey>,
    last_sort: Instant,
    /// For a refresh: the new index being filled, swapped in once complete, while the table
    /// keeps showing what was known.
    replacement: Option<Index>,
    /// Whether this read replaces an index already shown (a refresh).
    replacing: bool,
}

impl Loading {
    fn new(events: Receiver<LoadEvent>, total: usize, replacing: bool) -> Self {
        Loading {
            events,
            read: 0,
            total,
            touched: HashSet::new(),
            last_sort: Instant::now(),
            replacement: None,
            replacing,
        }
    }
}

/// Counts shown in the header and the status line, kept up to date on each change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Listed sessions, all apps.
    pub sessions: usize,
    /// Pending sessions, all apps.
    pub pending: usize,
    /// Problems, all files and folders.
    pub problems: usize,
    /// Pending sessions per app folder.
    pub pending_by_app: BTreeMap<String, usize>,
    /// For the shown app, how many sessions each status filter admits, in
    /// [`StatusFilter::ALL`] order.
    pub by_filter: [usize; 4],
}

/// Which sessions the table shows, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Every session.
    #[default]
    All,
    /// Only pending sessions.
    Pending,
    /// Only accepted sessions.
    Accepted,
    /// Only files with a problem.
    Problems,
}

impl StatusFilter {
    /// The filter's name in the window.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => crate::tr!(FilterAll),
            StatusFilter::Pending => crate::tr!(FilterPending),
            StatusFilter::Accepted => crate::tr!(FilterAccepted),
            StatusFilter::Problems => crate::tr!(FilterProblems),
        }
    }

    /// Every filter, in the order the window offers them.
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::All,
        StatusFilter::Pending,
        StatusFilter::Accepted,
        StatusFilter::Problems,
    ];

    /// Whether a session passes this filter.
    pub fn admits(self, session: &Session) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Pending => session.status() == Some(Status::Pending),
            StatusFilter::Accepted => session.status() == Some(Status::Accepted),
            StatusFilter::Problems => !session.problems.is_empty(),
        }
    }
}

/// A search as typed, ready to test 100,000 sessions: its words in lower case, split once.
#[derive(Debug, Clone, Default)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    /// The search for what was typed in the search field.
    pub fn new(query: &str) -> Self {
        Search {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// Whether nothing was typed (every session matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether a session matches, in any case: its e-mail, device, device id, session id or IP
    /// contains every word. `buffer` is reused from one session to the next, so a search over
    /// every session allocates nothing per session.
    pub fn matches(&self, session: &Session, buffer: &mut String) -> bool {
        if self.words.is_empty() {
            return true;
        }
        buffer.clear();
        push_lowercase(buffer, &session.id);
        if let Some(info) = &session.info {
            for field in [&info.email, &info.device, &info.device_id, &info.ip] {
                buffer.push('\n');
                push_lowercase(buffer, field);
            }
        }
        self.words.iter().all(|word| buffer.contains(word.as_str()))
    }
}

/// Appends text in lower case (ASCII, nearly all of it, without going through `char`s).
fn push_lowercase(buffer: &mut String, text: &str) {
    if text.is_ascii() {
        buffer.extend(
            text.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
    } else {
        buffer.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// One session as the table names a row: its app folder and session id. Both are shared
/// strings, so the rows of 100,000 sessions copy no text (the table's rows are rebuilt on every
/// sort and search).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionKey {
    /// The app folder.
    pub app: Arc<str>,
    /// The session id (the file name).
    pub id: Arc<str>,
}

impl SessionKey {
    /// The key of a session of an app folder.
    pub fn new(app: &str, id: &str) -> Self {
        SessionKey {
            app: Arc::from(app),
            id: Arc::from(id),
        }
    }
}

/// Which sessions the table shows: one app's, or every app's (with an App column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Every session of every app.
    AllApps,
    /// The sessions of one app folder.
    App(String),
}

impl Shown {
    /// What a remembered choice means: an app folder, or All apps when empty.
    pub fn from_preference(text: &str) -> Self {
        if text.is_empty() {
            Shown::AllApps
        } else {
            Shown::App(text.to_owned())
        }
    }

    /// How the choice is remembered in the preferences (All apps: an empty name, which no app
    /// folder can have).
    pub fn preference(&self) -> String {
        match self {
            Shown::AllApps => String::new(),
            Shown::App(folder) => folder.clone(),
        }
    }

    /// Whether sessions of this app folder are shown.
    pub fn includes(&self, app: &str) -> bool {
        match self {
            Shown::AllApps => true,
            Shown::App(folder) => folder == app,
        }
    }

    /// The one app folder shown, if only one is.
    pub fn app(&self) -> Option<&str> {
        match self {
            Shown::AllApps => None,
            Shown::App(folder) => Some(folder),
        }
    }
}

/// An open folder.
pub struct Workspace {
    /// Every app and session, as last read.
    pub index: Index,
    watcher: Option<FolderWatcher>,
    loading: Option<Loading>,
    /// What the table shows: one app folder or all of them (`None`: the folder has no app).
    pub shown: Option<Shown>,
    /// Whether that app was chosen (by the user, or remembered) rather than picked as the
    /// first one; a picked app is picked again once all names are known.
    app_chosen: bool,
    /// The shown sessions, in table order.
    pub rows: Vec<SessionKey>,
    sort: SortOrder,
    /// The search typed in the search field.
    pub query: String,
    /// The search, split into words once.
    search: Search,
    /// The status filter.
    pub status_filter: StatusFilter,
    /// The counts for the header and status line.
    pub counts: Counts,
    /// Whether this window changed something since the last successful push.
    pub push_needed: bool,
    /// When the folder was last read in full.
    pub last_read: SystemTime,
    /// Whether the folder has gone away (watching resumes when it is back).
    pub root_gone: bool,
    /// Pending sessions that arrived while the window was open and were not looked at yet.
    pub unseen: BTreeSet<SessionKey>,
    /// A note from the watcher (fallback to polling, errors), for the status line.
    pub watch_note: Option<String>,
    /// The demo copy this folder lives in, removed when the workspace closes.
    pub demo: Option<store::DemoFolder>,
    /// Why the last read of the whole folder failed, until the window has said so.
    pub read_error: Option<StoreError>,
}

impl Workspace {
    /// A workspace over a read (or listed) index, watched in `mode`; `wake` repaints the window.
    pub fn new(
        index: Index,
        mode: WatchMode,
        sort: SortOrder,
        preferred_app: Option<&str>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let watcher = FolderWatcher::start(index.root(), mode, wake);
        let mut workspace = Workspace {
            watcher: Some(watcher),
            loading: None,
            shown: None,
            app_chosen: false,
            rows: Vec::new(),
            sort,
            query: String::new(),
            search: Search::default(),
            status_filter: StatusFilter::All,
            counts: Counts::default(),
            push_needed: false,
            last_read: index.scanned_at,
            root_gone: false,
            unseen: BTreeSet::new(),
            watch_note: None,
            demo: None,
            read_error: None,
            index,
        };
        workspace.select_app(preferred_app.map(Shown::from_preference));
        workspace.app_chosen = preferred_app.is_some()
            && workspace.shown.as_ref().map(Shown::preference).as_deref() == preferred_app;
        workspace.recount();
        workspace
    }

    /// A workspace over a listed folder whose sessions are still arriving on `events`.
    pub fn loading(
        index: Index,
        total: usize,
        events: Receiver<LoadEvent>,
        mode: WatchMode,
        sort: SortOrder,
        preferred_app: Option<&str>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let mut workspace = Workspace::new(index, mode, sort, preferred_app, wake);
        workspace.loading = Some(Loading::new(events, total, false));
        workspace
    }

    /// While the folder is being read: how many files were read, of how many.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.loading
            .as_ref()
            .map(|loading| (loading.read, loading.total))
    }

    /// The folder.
    pub fn root(&self) -> &Root {
        self.index.root()
    }

    /// Shows an app, or all; an unknown or absent app falls back to the first app.
    pub fn select_app(&mut self, shown: Option<Shown>) {
        self.shown = shown
            .filter(|shown| match shown {
                Shown::AllApps => !self.index.apps.is_empty(),
                Shown::App(app) => self.index.apps.contains_key(app),
            })
            .or_else(|| {
                self.app_order()
                    .first()
                    .map(|folder| Shown::App((*folder).to_owned()))
            });
        self.resort();
        self.recount();
    }

    /// The one app folder shown, unless all apps (or none) are.
    pub fn shown_app(&self) -> Option<&str> {
        self.shown.as_ref().and_then(Shown::app)
    }

    /// Whether the table shows every app's sessions.
    pub fn shows_all_apps(&self) -> bool {
        self.shown == Some(Shown::AllApps)
    }

    /// Shows what the user chose, and keeps it through reloads.
    pub fn choose_app(&mut self, app: Shown) {
        self.app_chosen = true;
        self.select_app(Some(app));
    }

    /// The app folders in the order the drop-down lists them: by app name, then folder.
    pub fn app_order(&self) -> Vec<&str> {
        let mut folders: Vec<(String, &str)> = self
            .index
            .apps
            .values()
            .map(|app| (app.name().to_lowercase(), app.folder.as_str()))
            .collect();
        folders.sort();
        folders.into_iter().map(|(_, folder)| folder).collect()
    }

    /// The table's sort order.
    pub fn sort(&self) -> SortOrder {
        self.sort
    }

    /// Sorts the table in a new order.
    pub fn set_sort(&mut self, sort: SortOrder) {
        self.sort = sort;
        self.resort();
    }

    /// Shows only the sessions that match a search and a status filter.
    pub fn set_filter(&mut self, query: &str, status_filter: StatusFilter) {
        self.query = query.to_owned();
        self.search = Search::new(query);
        self.status_filter = status_filter;
        self.resort();
    }

    fn admits(&self, session: &Session) -> bool {
        self.status_filter.admits(session) && self.search.matches(session, &mut String::new())
    }

    /// The session behind a row.
    pub fn session(&self, app: &str, id: &str) -> Option<&Session> {
        self.index.apps.get(app)?.sessions.get(id)
    }

    /// The session behind a row, by its key.
    pub fn session_at(&self, key: &SessionKey) -> Option<&Session> {
        self.session(&key.app, &key.id)
    }

    /// The name of an app folder's app, as the App column shows it.
    pub fn app_name<'a>(&'a self, app: &'a str) -> &'a str {
        self.index.apps.get(app).map_or(app, |found| found.name())
    }

    /// The shown app folders, in the drop-down's order.
    fn shown_apps(&self) -> Vec<&str> {
        match &self.shown {
            None => Vec::new(),
            Some(Shown::AllApps) => self.app_order(),
            Some(Shown::App(app)) => vec![app.as_str()],
        }
    }

    /// Recomputes the row order of the shown app: filtered, then sorted on all cores. Sorts
    /// compact records (the first bytes of each key inline) rather than the sessions
    /// themselves: 100,000 rows compare about two million times, and following pointers to
    /// every session's strings each time would spend it all waiting on memory.
    pub fn resort(&mut self) {
        let order = self.sort;
        let apps: Vec<&store::App> = self
            .shown_apps()
            .into_iter()
            .filter_map(|folder| self.index.apps.get(folder))
            .collect();
        let total = apps.iter().map(|app| app.sessions.len()).sum();
        let mut keys = Vec::with_capacity(total);
        let mut texts = Vec::new();
        let mut not_sessions = Vec::new();
        // The apps come in the drop-down's order and their sessions in id order, so a
        // session's position breaks ties exactly as (app, id) does in `compare`.
        // One shared folder name per app, which every row of that app then points to.
        let folders: Vec<Arc<str>> = apps.iter().map(|app| Arc::from(&*app.folder)).collect();
        let sessions: Vec<(&Arc<str>, &str, &Session)> = apps
            .iter()
            .zip(&folders)
            .flat_map(|(app, folder)| {
                let name = app.name();
                app.sessions
                    .values()
                    .map(move |session| (folder, name, session))
            })
            .collect();
        // Searching reads five strings of every session, scattered in memory: on all cores.
        let (filter, search) = (self.status_filter, &self.search);
        let admitted: Vec<bool> = if search.is_empty() {
            sessions
                .iter()
                .map(|(_, _, session)| filter.admits(session))
                .collect()
        } else {
            sessions
                .par_iter()
                .map_init(String::new, |buffer, (_, _, session)| {
                    filter.admits(session) && search.matches(session, buffer)
                })
                .collect()
        };
        for (position, ((folder, name, session), admitted)) in
            sessions.into_iter().zip(admitted).enumerate()
        {
            if !admitted {
                continue;
            }
            let Some(info) = &session.info else {
                not_sessions.push(SessionKey {
                    app: folder.clone(),
                    id: session.id.clone(),
                });
                continue;
            };
            let names = RowNames {
                app: folder,
                app_name: name,
                id: &session.id,
            };
            keys.push(SortRecord::new(
                info, order.key, &mut texts, position, names,
            ));
        }
        keys.par_sort_unstable_by(|a, b| a.compare(b, &texts));
        if order.descending {
            keys.reverse();
        }
        // Files that are not sessions come last either way.
        let mut rows: Vec<SessionKey> = keys
            .into_iter()
            .map(|key| SessionKey {
                app: key.app.clone(),
                id: key.id.clone(),
            })
            .collect();
        rows.extend(not_sessions);
        self.rows = rows;
    }

    /// Each shown app folder's place in the drop-down's order, for breaking ties.
    fn app_ranks(&self) -> std::collections::HashMap<&str, usize> {
        self.shown_apps()
            .into_iter()
            .enumerate()
            .map(|(rank, folder)| (folder, rank))
            .collect()
    }

    /// Moves one session's row to where it belongs now (or out, when it is gone), without
    /// sorting the others again.
    fn place_row(&mut self, app: &str, id: &str) {
        if !self.shown.as_ref().is_some_and(|shown| shown.includes(app)) {
            return;
        }
        if let Some(at) = self
            .rows
            .iter()
            .position(|row| &*row.id == id && &*row.app == app)
        {
            self.rows.remove(at);
        }
        let Some(session) = self.session(app, id) else {
            return;
        };
        if !self.admits(session) {
            return;
        }
        let ranks = self.app_ranks();
        let Some(&rank) = ranks.get(app) else {
            return;
        };
        let placed = Placed {
            session,
            rank,
            app_name: self.app_name(app),
        };
        let order = self.sort;
        let at = self.rows.partition_point(|row| {
            self.session_at(row).is_some_and(|other| {
                let other = Placed {
                    session: other,
                    rank: ranks.get(&*row.app).copied().unwrap_or(usize::MAX),
                    app_name: self.app_name(&row.app),
                };
                compare(&other, &placed, order) == Ordering::Less
            })
        });
        self.rows.insert(at, SessionKey::new(app, id));
    }

    /// Counts sessions, pending sessions and problems again.
    fn recount(&mut self) {
        let mut counts = Counts {
            problems: self.index.findings().count(),
            ..Counts::default()
        };
        for folder in self.shown_apps() {
            let Some(app) = self.index.apps.get(folder) else {
                continue;
            };
            for session in app.sessions.values() {
                for (count, filter) in counts.by_filter.iter_mut().zip(StatusFilter::ALL) {
                    *count += usize::from(filter.admits(session));
                }
            }
        }
        for app in self.index.apps.values() {
            let pending = app.pending_count();
            counts.sessions += app.listed().count();
            counts.pending += pending;
            counts.pending_by_app.insert(app.folder.clone(), pending);
        }
        self.counts = counts;
    }

    /// Takes in what the reader and the watcher sent since the last frame; returns whether
    /// anything changed on screen.
    pub fn poll(&mut self) -> bool {
        let loaded = self.poll_loading();
        let watched = self.poll_watcher();
        loaded || watched
    }

    fn poll_loading(&mut self) -> bool {
        let Some(loading) = &mut self.loading else {
            return false;
        };
        let mut arrived = false;
        let mut done = false;
        loop {
            match loading.events.try_recv() {
                Ok(LoadEvent::Listed(index, total)) if loading.replacing => {
                    loading.replacement = Some(*index);
                    loading.total = total;
                }
                Ok(LoadEvent::Sessions(chunk)) => {
                    loading.read += chunk.len();
                    let fresh: Vec<(String, Session)> = chunk
                        .into_iter()
                        .filter(|(app, session)| {
                            !loading.touched.contains(&SessionKey::new(app, &session.id))
                        })
                        .collect();
                    match &mut loading.replacement {
                        Some(replacement) => replacement.insert_loaded(fresh),
                        None => {
                            self.index.insert_loaded(fresh);
                            arrived = true;
                        }
                    }
                }
                Ok(LoadEvent::Done) | Err(TryRecvError::Disconnected) => {
                    done = true;
                    break;
                }
                Ok(LoadEvent::Failed(error)) => {
                    self.read_error = Some(error);
                    self.loading = None;
                    return true;
                }
                Ok(LoadEvent::Listed(..)) => {}
                Err(TryRecvError::Empty) => break,
            }
        }
        if done && let Some(replacement) = loading.replacement.take() {
            // What the watcher reported meanwhile is newer than what the reader saw.
            let touched: Vec<SessionKey> = loading.touched.drain().collect();
            self.index = replacement;
            for key in touched {
                self.index.reload_session(&key.app, &key.id);
            }
            self.root_gone = false;
        }
        // The first rows are shown as soon as they arrive; later ones join at most once a second.
        let sort_due = loading.last_sort.elapsed() >= RESORT_WHILE_LOADING || self.rows.is_empty();
        if done {
            self.loading = None;
            self.index.scanned_at = SystemTime::now();
            self.last_read = self.index.scanned_at;
        }
        if (arrived && sort_due) || done {
            if let Some(loading) = &mut self.loading {
                loading.last_sort = Instant::now();
            }
            // Until everything is read the apps' names are not all known, so the first app by
            // name may change: keep a chosen app, pick the first one again otherwise.
            let app = if self.app_chosen || !done {
                self.shown.take()
            } else {
                None
            };
            self.select_app(app);
            self.recount();
        }
        arrived || done
    }

    /// Applies what the watcher reported; returns whether anything changed on screen.
    fn poll_watcher(&mut self) -> bool {
        let messages = self
            .watcher
            .as_ref()
            .map(FolderWatcher::try_messages)
            .unwrap_or_default();
        let mut touched = false;
        for message in messages {
            match &message {
                WatchMessage::RootGone => self.root_gone = true,
                WatchMessage::RootBack => self.root_gone = false,
                WatchMessage::Error(text) => self.watch_note = Some(text.clone()),
                WatchMessage::Mode(WatchMode::Poll(every)) => {
                    self.watch_note = Some(crate::tr!(
                        PollingNote,
                        seconds = format!("{:.1}", every.as_secs_f64())
                    ));
                }
                _ => {}
            }
            let applied = store::apply(&mut self.index, &message);
            if applied.rescanned {
                self.last_read = self.index.scanned_at;
                let shown = self.shown.take();
                self.select_app(shown);
            } else {
                for change in &applied.changes {
                    self.place_row(&change.app, &change.id);
                }
            }
            for change in &applied.changes {
                self.note_change(change);
            }
            touched |= !applied.changes.is_empty()
                || applied.rescanned
                || !matches!(message, WatchMessage::Paths(_));
        }
        if touched {
            let lost = match &self.shown {
                None => true,
                Some(Shown::AllApps) => self.index.apps.is_empty(),
                Some(Shown::App(app)) => !self.index.apps.contains_key(app),
            };
            if lost {
                let shown = self.shown.take();
                self.select_app(shown);
            }
            self.recount();
        }
        touched
    }

    /// Remembers what a change by someone else means for the "new" marks.
    fn note_change(&mut self, change: &Change) {
        let key = SessionKey::new(&change.app, &change.id);
        if let Some(loading) = &mut self.loading {
            loading.touched.insert(key.clone());
        }
        match (change.kind, change.status) {
            (ChangeKind::Added, Some(Status::Pending)) => {
                self.unseen.insert(key);
            }
            (ChangeKind::Removed, _) | (_, Some(Status::Accepted)) => {
                self.unseen.remove(&key);
            }
            _ => {}
        }
    }

    /// Reads the whole folder again on another thread; the table keeps showing what is known
    /// until the new reading is complete, then shows it at once. `wake` repaints the window.
    pub fn refresh(&mut self, wake: impl Fn() + Send + 'static) {
        let events = start_loading(self.root().clone(), wake);
        self.loading = Some(Loading::new(events, 0, true));
    }

    /// Re-reads one file after our own edit, so the row shows the truth (and reverts when the
    /// edit was refused). The watcher's later report of the same write then finds nothing new.
    fn reread(&mut self, app: &str, id: &str) {
        if let Some(change) = self.index.reload_session(app, id)
            && let Some(loading) = &mut self.loading
        {
            loading
                .touched
                .insert(SessionKey::new(&change.app, &change.id));
        }
        self.unseen.remove(&SessionKey::new(app, id));
        self.place_row(app, id);
        self.recount();
    }

    /// Sets a session's status on disk, then re-reads that file.
    pub fn set_status(
        &mut self,
        app: &str,
        id: &str,
        status: Status,
    ) -> Result<StatusEdit, StoreError> {
        let result = store::set_status(self.root(), app, id, status);
        self.reread(app, id);
        if result.as_ref().is_ok_and(|edit| edit.written) {
            self.push_needed = true;
        }
        result
    }

    /// Deletes a session file, then re-reads that file.
    pub fn delete(&mut self, app: &str, id: &str) -> Result<Deleted, StoreError> {
        // The window does not ask before a permanent delete yet: it keeps today's behaviour.
        let result = store::delete(
            self.root(),
            app,
            id,
            DeletePolicy::AllowMalformed,
            store::IfNoTrash::RemoveForGood,
        );
        self.reread(app, id);
        if result.is_ok() {
            self.push_needed = true;
        }
        result
    }

    /// Puts a deleted session file back as it was, then re-reads it.
    pub fn restore(&mut self, app: &str, id: &str, deleted: &Deleted) -> Result<(), StoreError> {
        let result = store::restore(self.root(), deleted).map(|_| ());
        self.reread(app, id);
        if result.is_ok() {
            self.push_needed = true;
        }
        result
    }

    /// How many new pending sessions of an app were not looked at yet.
    pub fn unseen_in(&self, app: &str) -> usize {
        self.unseen.iter().filter(|key| &*key.app == app).count()
    }

    /// The path of a session file.
    pub fn session_path(&self, app: &str, id: &str) -> PathBuf {
        self.root().session_path(app, id)
    }

    /// Watches in another mode from now on, and reads everything once, since the old watcher may
    /// have missed something while it stopped.
    pub fn restart_watcher(
        &mut self,
        mode: WatchMode,
        wake: impl Fn() + Send + Sync + Clone + 'static,
    ) {
        self.watcher = None;
        self.watch_note = None;
        self.watcher = Some(FolderWatcher::start(self.index.root(), mode, wake.clone()));
        self.refresh(wake);
    }

    /// The watcher's mode, for the status line.
    pub fn watch_mode(&self) -> Option<WatchMode> {
        self.watcher.as_ref().map(FolderWatcher::mode)
    }
}

/// The names of a row being sorted: its app folder, the app's name, and the session id.
#[derive(Clone, Copy)]
struct RowNames<'a> {
    app: &'a Arc<str>,
    app_name: &'a str,
    id: &'a Arc<str>,
}

/// A session placed among the shown rows: its app's place in the drop-down's order breaks ties
/// between equal keys, before the session id.
struct Placed<'a> {
    session: &'a Session,
    rank: usize,
    app_name: &'a str,
}

/// What a column sorts by: its text in lower case, so case does not split the order. The OS
/// column sorts by name, then by version with shorter numbers first (`9.3` before `11.3`).
fn sort_key(info: &SessionInfo, key: SortKey, app_name: &str) -> String {
    match key {
        SortKey::Device => info.device.to_lowercase(),
        SortKey::Status => info
            .status_text
            .as_deref()
            .unwrap_or_default()
            .to_lowercase(),
        SortKey::Os => format!(
            "{}\u{1}{:04}{}",
            info.os.to_lowercase(),
            info.os_version.len().min(9999),
            info.os_version
        ),
        SortKey::Email => info.email.to_lowercase(),
        SortKey::App => app_name.to_lowercase(),
    }
}

/// How many bytes of a sort key are kept inline.
const KEY_PREFIX: usize = 32;

/// One row being sorted: the first bytes of its key, where the whole key is, and its place in
/// (app, id) order.
struct SortRecord<'a> {
    prefix: [u8; KEY_PREFIX],
    /// Whether the prefix is the whole key (short, and without NUL bytes that padding could mimic).
    exact: bool,
    /// How many bytes of the prefix are the key.
    length: u8,
    text: u32,
    position: u32,
    app: &'a Arc<str>,
    id: &'a Arc<str>,
}

impl<'a> SortRecord<'a> {
    /// The record of one session; its whole key is added to `texts` only when the prefix
    /// cannot hold it, so short keys (nearly all) cost no allocation.
    fn new(
        info: &SessionInfo,
        key: SortKey,
        texts: &mut Vec<String>,
        position: usize,
        names: RowNames<'a>,
    ) -> Self {
        let plain = match key {
            SortKey::Device => Some(info.device.as_str()),
            SortKey::Status => Some(info.status_text.as_deref().unwrap_or_default()),
            SortKey::Email => Some(info.email.as_str()),
            SortKey::App => Some(names.app_name),
            SortKey::Os => None,
        };
        let mut prefix = [0u8; KEY_PREFIX];
        let short_ascii = plain
            .filter(|text| text.len() <= KEY_PREFIX && text.is_ascii() && !text.contains('\0'));
        if let Some(text) = short_ascii {
            for (slot, byte) in prefix.iter_mut().zip(text.bytes()) {
                *slot = byte.to_ascii_lowercase();
            }
            return SortRecord {
                prefix,
                exact: true,
                length: text.len() as u8,
                text: 0,
                position: position as u32,
                app: names.app,
                id: names.id,
            };
        }
        let text = sort_key(info, key, names.app_name);
        let length = text.len().min(KEY_PREFIX);
        prefix[..length].copy_from_slice(&text.as_bytes()[..length]);
        let exact = text.len() <= KEY_PREFIX && !text.contains('\0');
        texts.push(text);
        SortRecord {
            prefix,
            exact,
            length: length as u8,
            text: (texts.len() - 1) as u32,
            position: position as u32,
            app: names.app,
            id: names.id,
        }
    }

    /// The whole key: the prefix itself when it is exact, else the text kept aside.
    fn full<'t>(&'t self, texts: &'t [String]) -> &'t [u8] {
        if self.exact {
            &self.prefix[..usize::from(self.length)]
        } else {
            texts[self.text as usize].as_bytes()
        }
    }

    fn compare(&self, other: &Self, texts: &[String]) -> Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| {
                if self.exact && other.exact {
                    Ordering::Equal
                } else {
                    self.full(texts).cmp(other.full(texts))
                }
            })
            .then(self.position.cmp(&other.position))
    }
}

/// The table's order of two sessions, as [`Workspace::resort`] sorts them: by the sort key,
/// then by app (in the drop-down's order) and session id. Files that are not sessions come
/// last either way.
fn compare(a: &Placed<'_>, b: &Placed<'_>, order: SortOrder) -> Ordering {
    let ties = || {
        a.rank
            .cmp(&b.rank)
            .then_with(|| a.session.id.cmp(&b.session.id))
    };
    let (left, right) = match (&a.session.info, &b.session.info) {
        (Some(left), Some(right)) => (left, right),
        (left, right) => {
            return left.is_none().cmp(&right.is_none()).then_with(ties);
        }
    };
    let ordered = sort_key(left, order.key, a.app_name)
        .cmp(&sort_key(right, order.key, b.app_name))
        .then_with(ties);
    if order.descending {
        ordered.reverse()
    } else {
        ordered
    }
}
