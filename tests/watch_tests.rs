//! The live store against real folders and the real watcher: every way a file can come, change
//! and go is mirrored, once, within half a second.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use mobile_sessions::store::{
    self, Change, ChangeKind, FolderWatcher, Index, Root, Status, WatchMessage, WatchMode,
};

/// An index with its watcher, as the window and `watch` use them.
struct Live {
    index: Index,
    watcher: FolderWatcher,
    changes: Vec<Change>,
    messages: Vec<WatchMessage>,
}

impl Live {
    fn start(root: &Path, mode: WatchMode) -> Self {
        let root = Root::locate(root).unwrap();
        let index = Index::scan(&root).unwrap();
        let watcher = FolderWatcher::start(&root, mode, || {});
        let mut live = Live {
            index,
            watcher,
            changes: Vec::new(),
            messages: Vec::new(),
        };
        // The watcher says which mode it runs in once it is watching.
        live.wait("the watcher has started", Duration::from_secs(5), |live| {
            live.messages
                .iter()
                .any(|message| matches!(message, WatchMessage::Mode(_)))
        });
        live
    }

    /// Applies messages until `done` holds (or panics after `limit`).
    fn wait(&mut self, what: &str, limit: Duration, done: impl Fn(&Live) -> bool) -> Duration {
        let started = Instant::now();
        while !done(self) {
            assert!(
                started.elapsed() < limit,
                "timed out waiting until {what}; saw {:?}",
                self.changes
            );
            if let Some(message) = self.watcher.next_message(Duration::from_millis(20)) {
                let applied = store::apply(&mut self.index, &message);
                self.changes.extend(applied.changes);
                self.messages.push(message);
            }
        }
        started.elapsed()
    }

    /// Applies whatever else arrives within `quiet`.
    fn settle(&mut self, quiet: Duration) {
        let until = Instant::now() + quiet;
        while Instant::now() < until {
            if let Some(message) = self.watcher.next_message(Duration::from_millis(20)) {
                let applied = store::apply(&mut self.index, &message);
                self.changes.extend(applied.changes);
                self.messages.push(message);
            }
        }
    }

    fn count(&self, kind: ChangeKind, id: &str) -> usize {
        self.changes
            .iter()
            .filter(|change| change.kind == kind && change.id == id)
            .count()
    }
}

const HALF_SECOND: Duration = Duration::from_millis(500);

fn write_by_rename(path: &Path, text: &str) {
    let temp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&temp, text).unwrap();
    fs::rename(&temp, path).unwrap();
}

fn session_text(folder: &str, seed: u64, status: Status) -> (String, String) {
    let (team, bundle) = store::split_folder_name(folder);
    let object = store::generate::session_object(&bundle, "Live", team.as_deref(), seed, status);
    (
        store::generate::session_id(seed),
        serde_json::to_string_pretty(&object).unwrap(),
    )
}

#[test]
fn a_session_written_by_rename_or_in_place_is_added_once() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let (renamed, text) = session_text(TASKS, 900, Status::Pending);
    write_by_rename(&demo.mobile_apps().join(TASKS).join(&renamed), &text);
    let took = live.wait(
        "the renamed file is added",
        Duration::from_secs(5),
        |live| live.count(ChangeKind::Added, &renamed) == 1,
    );
    assert!(took < HALF_SECOND, "took {took:?}");
    let (in_place, text) = session_text(TASKS, 901, Status::Pending);
    fs::write(demo.mobile_apps().join(TASKS).join(&in_place), text).unwrap();
    let took = live.wait(
        "the file written in place is added",
        Duration::from_secs(5),
        |live| live.count(ChangeKind::Added, &in_place) == 1,
    );
    assert!(took < HALF_SECOND, "took {took:?}");
    live.settle(Duration::from_millis(300));
    assert_eq!(live.count(ChangeKind::Added, &renamed), 1);
    assert_eq!(live.count(ChangeKind::Added, &in_place), 1);
    assert_eq!(
        live.count(ChangeKind::Changed, &renamed),
        0,
        "the temporary file is not a session"
    );
    let session = &live.index.apps[TASKS].sessions[in_place.as_str()];
    assert_eq!(session.status(), Some(Status::Pending));
    assert!(
        session.problems.is_empty(),
        "read complete: {:?}",
        session.problems
    );
}

#[test]
fn a_status_change_and_a_delete_are_mirrored() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let (id, path) = file_containing(demo.mobile_apps(), TASKS, "Galaxy S23");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"pending\"", "\"accepted\"");
    write_by_rename(&path, &text);
    live.wait(
        "the status change is seen",
        Duration::from_secs(5),
        |live| {
            live.changes.iter().any(|change| {
                change.kind == ChangeKind::Changed
                    && change.id == id
                    && change.status == Some(Status::Accepted)
            })
        },
    );
    fs::remove_file(&path).unwrap();
    let took = live.wait("the delete is seen", Duration::from_secs(5), |live| {
        live.count(ChangeKind::Removed, &id) == 1
    });
    assert!(took < HALF_SECOND, "took {took:?}");
    assert!(!live.index.apps[TASKS].sessions.contains_key(id.as_str()));
}

#[test]
fn a_new_app_folder_with_a_file_written_at_once_is_seen() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let folder = "QWERTY1234.com.fresh.App";
    let (id, text) = session_text(folder, 77, Status::Pending);
    fs::create_dir(demo.mobile_apps().join(folder)).unwrap();
    fs::write(demo.mobile_apps().join(folder).join(&id), text).unwrap();
    live.wait(
        "the new app's session is added",
        Duration::from_secs(5),
        |live| live.count(ChangeKind::Added, &id) == 1,
    );
    assert_eq!(
        live.index.apps[folder].team_id.as_deref(),
        Some("QWERTY1234")
    );
}

/// On Linux each app folder has a watch of its own: one made after the watch started must get
/// one too, so that a file changed in it long after it was made is seen, not only the files
/// written at once.
#[test]
fn a_file_changed_later_in_a_new_app_folder_is_seen() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let folder = "QWERTY1234.com.later.App";
    let (id, text) = session_text(folder, 78, Status::Pending);
    fs::create_dir(demo.mobile_apps().join(folder)).unwrap();
    fs::write(demo.mobile_apps().join(folder).join(&id), &text).unwrap();
    live.wait(
        "the new app's session is added",
        Duration::from_secs(5),
        |live| live.count(ChangeKind::Added, &id) == 1,
    );
    live.settle(Duration::from_millis(300));
    let path = demo.mobile_apps().join(folder).join(&id);
    fs::write(&path, text.replace("\"pending\"", "\"accepted\"")).unwrap();
    let took = live.wait("the later change is seen", Duration::from_secs(5), |live| {
        live.count(ChangeKind::Changed, &id) == 1
    });
    assert!(took < HALF_SECOND, "took {took:?}");
    assert_eq!(
        live.index.apps[folder].sessions[id.as_str()].status(),
        Some(Status::Accepted)
    );
    // A file added later, and one removed, are seen as well.
    let (second, second_text) = session_text(folder, 79, Status::Pending);
    fs::write(demo.mobile_apps().join(folder).join(&second), second_text).unwrap();
    fs::remove_file(&path).unwrap();
    live.wait(
        "the later arrival and removal are seen",
        Duration::from_secs(5),
        |live| {
            live.count(ChangeKind::Added, &second) == 1 && live.count(ChangeKind::Removed, &id) == 1
        },
    );
}

/// An app folder renamed while watched is watched under its new name: a change made in it
/// afterwards names the new folder, and the old name is gone from the index.
#[test]
fn a_file_changed_in_a_renamed_app_folder_is_seen_under_the_new_name() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let renamed = "com.4d.tasks.renamed";
    fs::rename(
        demo.mobile_apps().join(TASKS),
        demo.mobile_apps().join(renamed),
    )
    .unwrap();
    live.wait(
        "the renamed folder is read",
        Duration::from_secs(5),
        |live| !live.index.apps.contains_key(TASKS) && live.index.apps.contains_key(renamed),
    );
    live.settle(Duration::from_millis(300));
    let (id, text) = session_text(renamed, 5252, Status::Pending);
    fs::write(demo.mobile_apps().join(renamed).join(&id), text).unwrap();
    let took = live.wait(
        "a file written in the renamed folder is seen",
        Duration::from_secs(5),
        |live| {
            live.changes.iter().any(|change| {
                change.kind == ChangeKind::Added && change.id == id && change.app == renamed
            })
        },
    );
    assert!(took < HALF_SECOND, "took {took:?}");
    assert!(!live.index.apps.contains_key(TASKS));
}

#[test]
fn five_hundred_files_in_a_burst_are_each_reported_once() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let ids: Vec<String> = (0..500)
        .map(|n| {
            let (id, text) = session_text(CONTACT, 10_000 + n, Status::Pending);
            fs::write(demo.mobile_apps().join(CONTACT).join(&id), text).unwrap();
            id
        })
        .collect();
    live.wait("all 500 are added", Duration::from_secs(10), |live| {
        ids.iter().all(|id| live.count(ChangeKind::Added, id) >= 1)
    });
    live.settle(Duration::from_millis(500));
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for change in &live.changes {
        *seen.entry(change.id.as_str()).or_default() += 1;
    }
    assert_eq!(seen.len(), 500);
    assert!(
        seen.values().all(|&count| count == 1),
        "a file was reported twice"
    );
    assert_eq!(live.index.apps[CONTACT].listed().count(), 507);
}

#[test]
fn the_root_moved_away_and_back_is_reported_and_watching_resumes() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let aside = demo.dir().join("MobileApps.moved");
    fs::rename(demo.mobile_apps(), &aside).unwrap();
    live.wait(
        "the root is reported gone",
        Duration::from_secs(5),
        |live| live.messages.contains(&WatchMessage::RootGone),
    );
    fs::rename(&aside, demo.mobile_apps()).unwrap();
    live.wait(
        "the root is reported back",
        Duration::from_secs(5),
        |live| live.messages.contains(&WatchMessage::RootBack),
    );
    let (id, text) = session_text(TASKS, 5151, Status::Pending);
    fs::write(demo.mobile_apps().join(TASKS).join(&id), text).unwrap();
    live.wait(
        "a file written after the return is seen",
        Duration::from_secs(5),
        |live| live.count(ChangeKind::Added, &id) == 1,
    );
}

#[test]
fn polling_catches_two_changes_within_one_second() {
    let demo = demo();
    let mut live = Live::start(
        demo.mobile_apps(),
        WatchMode::Poll(Duration::from_millis(100)),
    );
    assert_eq!(
        live.watcher.mode(),
        WatchMode::Poll(Duration::from_millis(100))
    );
    let (id, path) = file_containing(demo.mobile_apps(), TASKS, "Galaxy S23");
    let pending = fs::read_to_string(&path).unwrap();
    let accepted = pending.replace("\"pending\"", "\"accepted\"");
    fs::write(&path, &accepted).unwrap();
    live.wait("the first change", Duration::from_secs(5), |live| {
        live.index.apps[TASKS].sessions[id.as_str()].status() == Some(Status::Accepted)
    });
    // Same size, same second: only the contents differ.
    let accepted_other = accepted.replace("Galaxy S23", "Galaxy S24");
    fs::write(&path, &accepted_other).unwrap();
    live.wait("the second change", Duration::from_secs(5), |live| {
        live.index.apps[TASKS].sessions[id.as_str()]
            .info
            .as_ref()
            .unwrap()
            .device
            == "Galaxy S24"
    });
    assert_eq!(live.count(ChangeKind::Changed, &id), 2);
}

#[test]
fn our_own_write_is_not_reported_as_someone_elses() {
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    let (id, _) = file_containing(demo.mobile_apps(), TASKS, "Galaxy S23");
    let root = live.index.root().clone();
    store::set_status(&root, TASKS, &id, Status::Accepted).unwrap();
    // What the window does after its own write: re-read the file at once.
    let own = live.index.reload_session(TASKS, &id).unwrap();
    assert_eq!(own.kind, ChangeKind::Changed);
    live.settle(Duration::from_millis(400));
    assert!(
        live.changes.is_empty(),
        "the watcher reported our own write: {:?}",
        live.changes
    );
}

#[test]
fn reading_the_files_does_not_make_the_watcher_read_them_again() {
    // Regression: inotify reports opens and reads; taken as changes, each re-read caused another.
    let demo = demo();
    let mut live = Live::start(demo.mobile_apps(), WatchMode::Native);
    live.index.rescan().unwrap();
    for app in std::fs::read_dir(demo.mobile_apps()).unwrap().flatten() {
        if app.path().is_dir() {
            for file in std::fs::read_dir(app.path()).unwrap().flatten() {
                let _ = std::fs::read(file.path());
            }
        }
    }
    live.settle(Duration::from_millis(400));
    let paths = live
        .messages
        .iter()
        .filter(|message| matches!(message, WatchMessage::Paths(_)))
        .count();
    assert_eq!(
        paths, 0,
        "reads were reported as changes: {:?}",
        live.messages
    );
}
