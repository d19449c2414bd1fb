//! The index: every app folder and session file of a `MobileApps` folder, as last read. A full
//! scan reads the files on all cores; a single file or app folder can be re-read on its own,
//! which is what the watcher does when the disk tells it something changed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use super::error::{Result, StoreError};
use super::listing::{AppListing, list_app, list_root};
use super::manifest::manifest_name;
use super::read::{check_session_file, check_session_file_in, load_session, load_session_in};
use super::replace::AppDir;
use super::root::{Root, is_plain_name, is_session_file_name, same_but_for_case};
use super::session::{Problem, ProblemCode, Session, Status};

/// Sessions read by a [`Scan`], grouped by app folder as they come (app by app, in file name
/// order), each session moved once: a reader builds the index from them at the end.
#[derive(Debug, Default)]
pub struct AppRuns {
    /// Each app folder with its sessions, in the order read.
    runs: Vec<(String, Vec<Session>)>,
}

impl AppRuns {
    /// Adds sessions a [`Scan`] read.
    pub fn add(&mut self, sessions: Vec<(String, Session)>) {
        for (folder, session) in sessions {
            match self.runs.last_mut() {
                Some((last, run)) if *last == folder => run.push(session),
                _ => self.runs.push((folder, vec![session])),
            }
        }
    }

    /// How many sessions were added (one sum per app folder).
    pub fn len(&self) -> usize {
        self.runs.iter().map(|(_, run)| run.len()).sum()
    }

    /// Whether no session was added.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// One app folder's sessions, given in file name order, each under its id.
fn keyed(run: Vec<Session>) -> impl Iterator<Item = (Arc<str>, Session)> {
    run.into_iter().map(|session| (session.id.clone(), session))
}

/// One app folder and its session files.
#[derive(Debug, Clone, PartialEq)]
pub struct App {
    /// The folder name, e.g. `UTT7VDX8W5.com.contactApp.Contact`.
    pub folder: String,
    /// The bundle id part of the folder name.
    pub bundle_id: String,
    /// The team id part of the folder name, for `<TEAMID>.<bundle id>` folders.
    pub team_id: Option<String>,
    /// Every session file, listed or not, by file name.
    pub sessions: BTreeMap<Arc<str>, Session>,
    /// `application.name` of the `manifest.json` 4D's mobile editor wrote into the folder, when
    /// there is one: it names an app that has no session yet.
    pub manifest_name: Option<String>,
}

impl App {
    /// An app folder with no sessions read yet; the name is split into team and bundle id.
    pub fn new(folder: &str) -> Self {
        let (team_id, bundle_id) = split_folder_name(folder);
        App {
            folder: folder.to_owned(),
            bundle_id,
            team_id,
            sessions: BTreeMap::new(),
            manifest_name: None,
        }
    }

    /// The app's display name: `application.name` of its sessions, else that of its
    /// `manifest.json`, else the bundle id.
    pub fn name(&self) -> &str {
        self.sessions
            .values()
            .filter_map(|session| session.info.as_ref())
            .map(|info| info.app_name.as_str())
            .find(|name| !name.is_empty())
            .or(self.manifest_name.as_deref())
            .unwrap_or(&self.bundle_id)
    }

    /// The label the original component showed: `<name> (<folder>)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name(), self.folder)
    }

    /// The sessions that parsed as JSON objects, which are the ones shown and listed.
    pub fn listed(&self) -> impl Iterator<Item = &Session> {
        self.sessions.values().filter(|session| session.is_listed())
    }

    /// How many listed sessions wait for an administrator.
    pub fn pending_count(&self) -> usize {
        self.listed()
            .filter(|session| session.status() == Some(Status::Pending))
            .count()
    }
}

/// Splits `<TEAMID>.<bundle id>` into its parts; a folder without a team id prefix (ten
/// upper-case letters or digits) is a bundle id alone.
pub fn split_folder_name(folder: &str) -> (Option<String>, String) {
    match folder.split_once('.') {
        Some((team, bundle))
            if team.len() == 10
                && team
                    .bytes()
                    .all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit())
                && bundle.contains('.') =>
        {
            (Some(team.to_owned()), bundle.to_owned())
        }
        _ => (None, folder.to_owned()),
    }
}

/// A problem with an app folder itself (a link, an unreadable folder, a name that is not UTF-8).
#[derive(Debug, Clone, PartialEq)]
pub struct FolderProblem {
    /// The folder's name inside `MobileApps`; a name that is not UTF-8 has its bad bytes
    /// written as `\xNN` (see [`name_text`](super::name_text)), so it can be shown but never
    /// names anything to touch.
    pub folder: String,
    /// The folder's real path, from the listing.
    pub path: PathBuf,
    /// What is wrong.
    pub problem: Problem,
}

/// One problem of one file, with where it is: what `check` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding<'a> {
    /// The file (or folder) with the problem.
    pub file: PathBuf,
    /// The app folder it is in.
    pub app: &'a str,
    /// The session id, for a session file.
    pub id: Option<&'a str>,
    /// The problem.
    pub problem: &'a Problem,
}

/// A problem of one file, holding its own data: what [`Scan::check_all`] returns.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnedFinding {
    /// The file with the problem.
    pub file: PathBuf,
    /// The app folder it is in.
    pub app: String,
    /// The problem.
    pub problem: Problem,
}

/// What happened to one session when it was re-read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A session file appeared.
    Added,
    /// A session file's content or problems changed.
    Changed,
    /// A session file went away.
    Removed,
}

impl ChangeKind {
    /// The word `watch` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Changed => "changed",
            ChangeKind::Removed => "removed",
        }
    }
}

/// One session that changed, as found by re-reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Added, changed or removed.
    pub kind: ChangeKind,
    /// The app folder.
    pub app: String,
    /// The session id (file name).
    pub id: String,
    /// The status after the change, when the file has a valid one.
    pub status: Option<Status>,
    /// The session as it was before the change (`None` when it was added): what the window
    /// takes away from its counts, so that one changed file is not a recount of every session.
    pub previous: Option<Session>,
}

/// Every app and session of a `MobileApps` folder.
#[derive(Debug, Clone)]
pub struct Index {
    root: Root,
    /// App folders by name.
    pub apps: BTreeMap<String, App>,
    /// Problems of app folders themselves.
    pub folder_problems: Vec<FolderProblem>,
    /// When the last full scan finished.
    pub scanned_at: SystemTime,
}

impl Index {
    /// An index with nothing read yet.
    pub fn empty(root: Root) -> Self {
        Index {
            root,
            apps: BTreeMap::new(),
            folder_problems: Vec::new(),
            scanned_at: SystemTime::now(),
        }
    }

    /// Reads the whole folder, spreading the file reads over all cores. Fails only when the
    /// `MobileApps` folder itself cannot be listed; every other failure is a problem in the index.
    pub fn scan(root: &Root) -> Result<Self> {
        let mut index = Index::empty(root.clone());
        index.rescan()?;
        Ok(index)
    }

    /// The `MobileApps` folder.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// Reads the whole folder again, replacing everything known.
    pub fn rescan(&mut self) -> Result<()> {
        self.rescan_counting(None)
    }

    /// [`Index::rescan`], counting the files read in `progress` as it goes (for a progress line).
    pub fn rescan_counting(
        &mut self,
        progress: Option<&std::sync::atomic::AtomicUsize>,
    ) -> Result<()> {
        let mut scan = Scan::start(&self.root)?;
        let mut fresh = scan.empty_index();
        // One chunk: the whole tree is read on all cores at once.
        while let Some(chunk) = scan.next_chunk(usize::MAX) {
            if let Some(progress) = progress {
                progress.fetch_add(chunk.len(), std::sync::atomic::Ordering::Relaxed);
            }
            fresh.insert_loaded(chunk);
        }
        fresh.scanned_at = SystemTime::now();
        *self = fresh;
        Ok(())
    }

    /// Puts sessions read by a [`Scan`] into the index. A scan hands them over app by app in
    /// file name order: an app's first sessions build its map at once, with full nodes (a map
    /// filled one session at a time in order leaves its nodes about half empty, which for
    /// 100,000 sessions is some 25 MiB).
    pub fn insert_loaded(&mut self, sessions: Vec<(String, Session)>) {
        let mut runs = AppRuns::default();
        runs.add(sessions);
        for (folder, run) in runs.runs {
            let app = self.app_to_fill(folder);
            // A map is built whole only for an app that has none yet: on the window's thread,
            // sessions for an app already known go straight into its map.
            if app.sessions.is_empty() {
                app.sessions = keyed(run).collect();
            } else {
                app.sessions.extend(keyed(run));
            }
        }
    }

    /// Puts a whole folder's sessions, grouped as a [`Scan`] read them, into the index: each
    /// app's map is built at once, with full nodes, and the apps' maps on all cores. For a
    /// reader's own thread: the caller waits for the cores, which a window's thread must not.
    pub fn insert_runs(&mut self, runs: AppRuns) {
        let maps: Vec<(String, BTreeMap<Arc<str>, Session>)> = runs
            .runs
            .into_par_iter()
            .map(|(folder, run)| (folder, keyed(run).collect()))
            .collect();
        for (folder, map) in maps {
            self.insert_map(folder, map);
        }
    }

    /// Puts one app folder's sessions into the index: `append` takes the map as it is when the
    /// app has none yet, and merges it otherwise, a later session replacing one of the same id.
    fn insert_map(&mut self, folder: String, mut map: BTreeMap<Arc<str>, Session>) {
        self.app_to_fill(folder).sessions.append(&mut map);
    }

    /// The app of a folder sessions were read from, made when it is not known yet.
    fn app_to_fill(&mut self, folder: String) -> &mut App {
        self.apps
            .entry(folder)
            .or_insert_with_key(|folder| App::new(folder))
    }

    /// Rebuilds one app folder's map of sessions with full nodes, after sessions were put in a
    /// few at a time (see [`Index::insert_loaded`]); returns the work done, for a caller that
    /// spreads it over frames: how many sessions the folder holds, at least 1 (0 for an unknown
    /// folder).
    pub fn compact_app(&mut self, folder: &str) -> usize {
        let Some(app) = self.apps.get_mut(folder) else {
            return 0;
        };
        app.sessions = std::mem::take(&mut app.sessions).into_iter().collect();
        app.sessions.len().max(1)
    }

    /// Re-reads one session file and updates the index; says what changed, if anything.
    pub fn reload_session(&mut self, folder: &str, id: &str) -> Option<Change> {
        if !is_plain_name(folder) || !is_session_file_name(id) {
            return None;
        }
        let path = self.root.session_path(folder, id);
        let fresh = load_session(&path, folder, id);
        let app_exists = self.root.app_dir(folder).is_dir();
        let app = match self.apps.get_mut(folder) {
            Some(app) => app,
            None if fresh.is_some() && app_exists => {
                let root = &self.root;
                self.apps.entry(folder.to_owned()).or_insert_with(|| {
                    let mut app = App::new(folder);
                    app.manifest_name = manifest_name(&root.app_dir(folder));
                    app
                })
            }
            None => return None,
        };
        let kind = match (app.sessions.get(id), &fresh) {
            (None, None) => return None,
            (Some(old), Some(new)) if old == new => return None,
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), Some(_)) => ChangeKind::Changed,
            (Some(_), None) => ChangeKind::Removed,
        };
        let status = fresh.as_ref().and_then(Session::status);
        let previous = match fresh {
            Some(session) => app.sessions.insert(session.id.clone(), session),
            None => app.sessions.remove(id),
        };
        Some(Change {
            kind,
            app: folder.to_owned(),
            id: id.to_owned(),
            status,
            previous,
        })
    }

    /// Re-reads one app folder: new files are added, gone ones removed, all others re-read.
    /// A folder that is gone takes its sessions with it.
    pub fn reload_app(&mut self, folder: &str) -> Vec<Change> {
        if !is_plain_name(folder) {
            return Vec::new();
        }
        let mut ids: Vec<String> = self
            .apps
            .get(folder)
            .map(|app| app.sessions.keys().map(|id| id.to_string()).collect())
            .unwrap_or_default();
        self.folder_problems
            .retain(|problem| problem.folder != folder);
        match list_app(&self.root, folder) {
            Ok(Some(listing)) => {
                ids.extend(listing.ids);
                self.apps
                    .entry(folder.to_owned())
                    .or_insert_with(|| App::new(folder))
                    .manifest_name = listing.manifest_name;
            }
            Ok(None) => {}
            Err(problem) => self.folder_problems.push(FolderProblem {
                folder: folder.to_owned(),
                path: self.root.app_dir(folder),
                problem,
            }),
        }
        ids.sort();
        ids.dedup();
        let changes: Vec<Change> = ids
            .iter()
            .filter_map(|id| self.reload_session(folder, id))
            .collect();
        if !self.root.app_dir(folder).is_dir() {
            self.apps.remove(folder);
        }
        changes
    }

    /// Finds an app from what a user typed: the folder name, or a bundle id that names exactly
    /// one folder (an exact folder name wins).
    pub fn resolve_app(&self, wanted: &str) -> Result<&App> {
        if let Some(app) = self.apps.get(wanted) {
            return Ok(app);
        }
        let mut matches: Vec<&App> = self
            .apps
            .values()
            .filter(|app| app.bundle_id == wanted)
            .collect();
        // Where the volume ignores case (Windows, macOS), a wrongly-cased folder name opens
        // the folder anyway, so APP must too: the folder name, then the bundle id, whatever
        // the case. Asked only when nothing matched exactly, so an exact name always wins.
        if matches.is_empty() && self.root.ignores_case(self.apps.keys().map(String::as_str)) {
            let by_case = |of: fn(&App) -> &str| -> Vec<&App> {
                let found = self.apps.values();
                found
                    .filter(|app| same_but_for_case(of(app), wanted))
                    .collect()
            };
            matches = by_case(|app| &app.folder);
            if matches.is_empty() {
                matches = by_case(|app| &app.bundle_id);
            }
        }
        match matches.as_slice() {
            [app] => Ok(app),
            [] => Err(StoreError::UnknownApp {
                app: wanted.to_owned(),
                candidates: self.apps.keys().cloned().collect(),
            }),
            many => Err(StoreError::AmbiguousApp {
                app: wanted.to_owned(),
                candidates: many.iter().map(|app| app.folder.clone()).collect(),
            }),
        }
    }

    /// Every problem of every file and folder, app by app, file by file.
    pub fn findings(&self) -> impl Iterator<Item = Finding<'_>> {
        let folders = self.folder_problems.iter().map(|folder| Finding {
            file: folder.path.clone(),
            app: &folder.folder,
            id: None,
            problem: &folder.problem,
        });
        let files = self.apps.values().flat_map(move |app| {
            app.sessions.values().flat_map(move |session| {
                session.problems.iter().map(move |problem| Finding {
                    file: self.root.session_path(&app.folder, &session.id),
                    app: &app.folder,
                    id: Some(&*session.id),
                    problem,
                })
            })
        });
        folders.chain(files)
    }

    /// The sessions that differ between an earlier state of the apps and now.
    pub fn changes_since(&self, before: &BTreeMap<String, App>) -> Vec<Change> {
        let empty = BTreeMap::new();
        let folders: std::collections::BTreeSet<&String> =
            before.keys().chain(self.apps.keys()).collect();
        let mut changes = Vec::new();
        for folder in folders {
            let old = before.get(folder).map_or(&empty, |app| &app.sessions);
            let new = self.apps.get(folder).map_or(&empty, |app| &app.sessions);
            let ids: std::collections::BTreeSet<&Arc<str>> = old.keys().chain(new.keys()).collect();
            for id in ids {
                let kind = match (old.get(id), new.get(id)) {
                    (None, Some(_)) => ChangeKind::Added,
                    (Some(_), None) => ChangeKind::Removed,
                    (Some(a), Some(b)) if a != b => ChangeKind::Changed,
                    _ => continue,
                };
                changes.push(Change {
                    kind,
                    app: folder.clone(),
                    id: id.to_string(),
                    status: new.get(id).and_then(Session::status),
                    previous: old.get(id).cloned(),
                });
            }
        }
        changes
    }

    /// How many sessions are listed, across all apps.
    pub fn session_count(&self) -> usize {
        self.apps.values().map(|app| app.listed().count()).sum()
    }
}

/// A full read of a folder in steps: the listing first (fast), then the files in chunks, each
/// chunk read on all cores. The window shows the first rows while the rest is still read.
pub struct Scan {
    root: Root,
    listings: Vec<AppListing>,
    folder_problems: Vec<FolderProblem>,
    work: Vec<(usize, String)>,
    next: usize,
    /// Whether each session's search text is made as it is read.
    search_texts: bool,
}

impl Scan {
    /// Lists the folder; fails only when the `MobileApps` folder itself cannot be listed.
    pub fn start(root: &Root) -> Result<Self> {
        let (mut listings, folder_problems) = list_root(root)?;
        let work = listings
            .iter_mut()
            .enumerate()
            .flat_map(|(at, listing)| {
                std::mem::take(&mut listing.ids)
                    .into_iter()
                    .map(move |id| (at, id))
            })
            .collect();
        Ok(Scan {
            root: root.clone(),
            listings,
            folder_problems,
            work,
            next: 0,
            search_texts: false,
        })
    }

    /// Makes each session's search text ([`Session::search_text`]) as it is read, on the
    /// thread that read it, while its fields are in that processor's cache, side by side with
    /// those of the files read just before and after it: for the window, whose first search
    /// then only compares, reading memory in order. The command line does not search.
    pub fn with_search_texts(mut self) -> Self {
        self.search_texts = true;
        self
    }

    /// An index with every app folder and folder problem, and no session yet.
    pub fn empty_index(&self) -> Index {
        let mut index = Index::empty(self.root.clone());
        index.apps = self
            .listings
            .iter()
            .map(|listing| {
                let mut app = App::new(&listing.folder);
                app.manifest_name = listing.manifest_name.clone();
                (listing.folder.clone(), app)
            })
            .collect();
        index.folder_problems = self.folder_problems.clone();
        index
    }

    /// How many session files there are to read in all.
    pub fn total(&self) -> usize {
        self.work.len()
    }

    /// Checks every file without keeping what it read: the problems of the app folders, then
    /// those of the files, app by app and file by file, with how many files were checked.
    pub fn check_all(self) -> (Vec<FolderProblem>, Vec<OwnedFinding>, usize) {
        let (root, listings) = (&self.root, &self.listings);
        let files = self.work.len();
        // App folder by app folder, each opened once, as the window's reading does.
        let findings = self
            .work
            .par_chunk_by(same_app_folder)
            .flat_map(|run| {
                let reading = self.reading(run);
                run.par_iter().flat_map_iter(move |(at, id)| {
                    let folder = &listings[*at].folder;
                    let problems = match &reading {
                        Reading::Handle(dir) => check_session_file_in(dir, folder, id),
                        Reading::Paths => {
                            check_session_file(&root.session_path(folder, id), folder, id)
                        }
                        Reading::Refused => Some(vec![folder_became_a_link()]),
                    }
                    .unwrap_or_default();
                    problems.into_iter().map(move |problem| OwnedFinding {
                        file: root.session_path(folder, id),
                        app: folder.clone(),
                        problem,
                    })
                })
            })
            .collect();
        (self.folder_problems, findings, files)
    }

    /// Reads up to `size` more files on all cores; `None` when all were read.
    pub fn next_chunk(&mut self, size: usize) -> Option<Vec<(String, Session)>> {
        let taken = self.take_work(size)?;
        let scan = &*self;
        // App folder by app folder (a chunk spans one or two of them, mostly), each opened once.
        Some(
            scan.work[taken]
                .par_chunk_by(same_app_folder)
                .flat_map(|run| {
                    let reading = scan.reading(run);
                    run.par_chunks(TEXT_BLOCK)
                        .flat_map_iter(move |block| scan.read_block(block, &reading))
                })
                .collect(),
        )
    }

    /// Reads up to `size` more files on the calling thread alone, leaving the other cores to
    /// other work (the window's first frame); `None` when all were read.
    pub fn next_chunk_here(&mut self, size: usize) -> Option<Vec<(String, Session)>> {
        let taken = self.take_work(size)?;
        let scan = &*self;
        Some(
            scan.work[taken]
                .chunk_by(same_app_folder)
                .flat_map(|run| {
                    let reading = scan.reading(run);
                    run.chunks(TEXT_BLOCK)
                        .flat_map(move |block| scan.read_block(block, &reading))
                })
                .collect(),
        )
    }

    /// The next `size` files to read (fewer at the end), marked as taken; `None` when all were.
    fn take_work(&mut self, size: usize) -> Option<std::ops::Range<usize>> {
        if self.next >= self.work.len() {
            return None;
        }
        let end = self.next.saturating_add(size).min(self.work.len());
        let taken = self.next..end;
        self.next = end;
        Some(taken)
    }

    /// How to read a run of files of one app folder: on Unix, through the folder's handle,
    /// opened once for the run.
    fn reading(&self, run: &[(usize, String)]) -> Reading {
        if !cfg!(unix) {
            // Elsewhere a handle does not name files by it, and reading by path checks that
            // the file opened is the one looked at, which the handle's read does not.
            return Reading::Paths;
        }
        let Some((at, _)) = run.first() else {
            return Reading::Paths;
        };
        match AppDir::open(&self.root, &self.listings[*at].folder) {
            Ok(dir) => Reading::Handle(dir),
            Err(StoreError::Unsafe { .. }) => Reading::Refused,
            // Gone or unreadable since it was listed: each file says so when read by path.
            Err(_) => Reading::Paths,
        }
    }

    /// Reads files of the work list that follow one another in one app folder, leaving out
    /// those that are gone; their search texts, when made, lie side by side in one block.
    fn read_block(&self, block: &[(usize, String)], reading: &Reading) -> Vec<(String, Session)> {
        let read: Vec<(String, Session)> = block
            .iter()
            .filter_map(|item| self.read_one(item, reading))
            .collect();
        if self.search_texts {
            Session::make_search_texts_side_by_side(read.iter().map(|(_, session)| session));
        }
        read
    }

    /// Reads one file of the work list; `None` when it is gone.
    fn read_one(&self, (at, id): &(usize, String), reading: &Reading) -> Option<(String, Session)> {
        let folder = &self.listings[*at].folder;
        let session = match reading {
            Reading::Handle(dir) => load_session_in(dir, folder, id)?,
            Reading::Paths => load_session(&self.root.session_path(folder, id), folder, id)?,
            Reading::Refused => Session::refused(id, folder_became_a_link()),
        };
        Some((folder.clone(), session))
    }
}

/// Whether two files of a [`Scan`]'s work list are in the same app folder: the work list holds
/// each folder's files together, so a run of these is all of a folder's files in a chunk.
fn same_app_folder((a, _): &(usize, String), (b, _): &(usize, String)) -> bool {
    a == b
}

/// How many files read one after the other a [`Scan`] makes the search texts of in one block:
/// enough that a search rarely leaves one (a block of about 5 KiB), few enough that a chunk of
/// files still splits over every core.
const TEXT_BLOCK: usize = 64;

/// The problem of a file whose app folder became a symbolic link after the listing.
fn folder_became_a_link() -> Problem {
    Problem::new(
        ProblemCode::Unsafe,
        "its app folder became a symbolic link while it was read; it was not read",
    )
}

/// How a [`Scan`] reads the files of one app folder.
enum Reading {
    /// Through the folder's handle, opened once (Unix).
    Handle(AppDir),
    /// By path: other systems, or a folder that could not be opened since it was listed.
    Paths,
    /// The folder became a symbolic link since it was listed: its files are not read, since
    /// reading them would leave the `MobileApps` folder.
    Refused,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SessionInfo;

    #[test]
    fn an_app_is_named_by_its_sessions_then_its_manifest_then_its_bundle_id() {
        let mut app = App::new("UTT7VDX8W5.com.example.Fresh");
        assert_eq!(app.name(), "com.example.Fresh");
        app.manifest_name = Some("Fresh Start".into());
        assert_eq!(app.name(), "Fresh Start");
        assert_eq!(app.label(), "Fresh Start (UTT7VDX8W5.com.example.Fresh)");
        let info = SessionInfo {
            app_name: "Fresh".into(),
            ..SessionInfo::default()
        };
        app.sessions.insert(
            Arc::from("ab"),
            Session {
                id: Arc::from("ab"),
                modified: None,
                size: 0,
                info: Some(info),
                problems: Vec::new(),
            },
        );
        assert_eq!(app.name(), "Fresh");
    }

    /// A session with just an id, for the index's bookkeeping.
    fn bare(id: &str) -> Session {
        Session {
            id: Arc::from(id),
            modified: None,
            size: 0,
            info: None,
            problems: Vec::new(),
        }
    }

    #[test]
    fn sessions_grouped_by_app_as_read_make_the_same_index_on_all_cores() {
        // As a scan hands them over, and an app met again later (as a refresh's reader may).
        let read = |names: &[(&str, &str)]| -> Vec<(String, Session)> {
            names
                .iter()
                .map(|(app, id)| (app.to_string(), bare(id)))
                .collect()
        };
        let first = read(&[("a", "01"), ("a", "02"), ("b", "01")]);
        let second = read(&[("b", "02"), ("c", "01"), ("a", "03")]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(crate::store::MOBILE_APPS)).unwrap();
        let root = Root::locate(dir.path()).unwrap();
        let mut one_by_one = Index::empty(root.clone());
        one_by_one.insert_loaded(first.clone());
        one_by_one.insert_loaded(second.clone());
        let mut runs = AppRuns::default();
        runs.add(first);
        runs.add(second);
        assert_eq!(runs.len(), 6);
        let mut grouped = Index::empty(root);
        grouped.insert_runs(runs);
        assert_eq!(grouped.apps, one_by_one.apps);
        let ids: Vec<&str> = grouped.apps["a"].sessions.keys().map(|id| &**id).collect();
        assert_eq!(ids, ["01", "02", "03"]);
        let held: usize = grouped.apps.values().map(|app| app.sessions.len()).sum();
        assert_eq!(held, 6);
    }

    #[test]
    fn folder_names_split_into_team_and_bundle() {
        assert_eq!(
            split_folder_name("UTT7VDX8W5.com.contactApp.Contact"),
            (Some("UTT7VDX8W5".into()), "com.contactApp.Contact".into())
        );
        assert_eq!(
            split_folder_name("com.contactApp.Contact"),
            (None, "com.contactApp.Contact".into())
        );
    }
}
