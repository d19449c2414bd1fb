//! A folder the window opens is read and prepared on its reader's thread (issue 17): the
//! window takes in only the first files while the rest is read, then the whole folder at once,
//! sorted for the view it shows then. Nothing that changes while the folder is read is lost,
//! though the watcher starts only once the files are read.

mod common;

use std::time::{Duration, Instant};

use common::write_session;
use mobile_sessions::model::{self as workspace, SessionKey, Shown, StatusFilter};
use mobile_sessions::model::{SortKey, SortOrder, Workspace};
use mobile_sessions::store::{Root, Status, WatchMode, generate};

/// Starts preparing `root` as the window does when it opens a folder.
fn open(root: &std::path::Path) -> Workspace {
    open_counting_progress(root, || {}).0
}

/// Starts preparing `root` as the window does, calling `wake` where the window would be woken,
/// and counts the progress reports the reader sends the window on the way (each of which wakes
/// it), through a thread that passes every event on unchanged.
fn open_counting_progress(
    root: &std::path::Path,
    wake: impl Fn() + Send + Sync + 'static,
) -> (Workspace, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, mpsc};

    let root = Root::locate(root).unwrap();
    let from_reader = workspace::start_preparing(root, wake);
    let workspace::LoadEvent::Listed(index, total) =
        from_reader.recv_timeout(Duration::from_secs(30)).unwrap()
    else {
        panic!("the listing comes first");
    };
    let reports = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&reports);
    let (relay, events) = mpsc::channel();
    std::thread::spawn(move || {
        for event in from_reader {
            if matches!(event, workspace::LoadEvent::Progress(..)) {
                counted.fetch_add(1, Ordering::SeqCst);
            }
            if relay.send(event).is_err() {
                return;
            }
        }
    });
    let workspace = Workspace::preparing(
        *index,
        total,
        events,
        WatchMode::Native,
        SortOrder::default(),
        Some(&Shown::AllApps.preference()),
        || {},
    );
    (workspace, reports)
}

/// Polls until the first rows are shown.
fn until_first_rows(workspace: &mut Workspace) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while workspace.rows.is_empty() {
        assert!(Instant::now() < deadline, "no first rows");
        workspace.poll();
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// A folder of 20,000 sessions in two apps, opened as the window opens it, with its first rows
/// shown and the rest still being read (its temporary folder, its `MobileApps` folder).
fn open_big_folder_still_being_read() -> (tempfile::TempDir, std::path::PathBuf, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 20_000, 2).unwrap();
    let mut workspace = open(&root);
    until_first_rows(&mut workspace);
    assert!(
        workspace.progress().is_some(),
        "the test needs the folder still being read"
    );
    (dir, root, workspace)
}

/// Polls until the folder is read, watched and compared with the files on disk; returns the
/// most sessions the window's index held while the folder was still being read.
fn until_settled(workspace: &mut Workspace) -> usize {
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut most_while_reading = 0;
    while !workspace.is_settled() {
        assert!(Instant::now() < deadline, "the folder never settled");
        workspace.poll();
        if workspace.progress().is_some() {
            most_while_reading = most_while_reading.max(workspace.index.session_count());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    most_while_reading
}

/// Writes a pending session into the first app, as the server does, and polls until the
/// watcher has reported it; returns its app folder and id.
fn write_and_wait_for_report(
    workspace: &mut Workspace,
    root: &std::path::Path,
    seed: u64,
) -> (String, String) {
    let folder = workspace.app_order()[0].clone();
    let (id, _) = write_session(root, &folder, seed, Status::Pending, false);
    let deadline = Instant::now() + Duration::from_secs(30);
    while workspace.session(&folder, &id).is_none() {
        assert!(Instant::now() < deadline, "the watcher did not report {id}");
        workspace.poll();
        std::thread::sleep(Duration::from_millis(10));
    }
    (folder, id)
}

/// The workspace a window opening the same files now, read in one go, would show.
fn read_at_once(workspace: &Workspace) -> Workspace {
    let mut fresh = Workspace::new(
        mobile_sessions::store::Index::scan(workspace.root()).unwrap(),
        WatchMode::Poll(Duration::from_secs(3600)),
        workspace.sort(),
        workspace.shown.as_ref().map(Shown::preference).as_deref(),
        || {},
    );
    fresh.set_filter(&workspace.query, workspace.status_filter);
    fresh
}

#[test]
fn the_window_takes_in_only_the_first_files_while_the_reader_prepares_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 10_000, 3).unwrap();
    let mut workspace = open(&root);
    // Watched as asked from the start, though the watcher itself starts after the reading.
    assert_eq!(workspace.watch_mode(), Some(WatchMode::Native));
    let most = until_settled(&mut workspace);
    assert!(
        most <= 256,
        "the window held {most} sessions while the folder was read"
    );
    assert_eq!(workspace.counts.sessions, 10_000);
    assert_eq!(workspace.counts.pending, 2_000);
    assert_eq!(workspace.rows.len(), 10_000, "All apps, as remembered");
    assert_eq!(workspace.watch_mode(), Some(WatchMode::Native));
    let fresh = read_at_once(&workspace);
    assert_eq!(workspace.rows, fresh.rows);
    assert_eq!(workspace.counts, fresh.counts);
    assert_eq!(workspace.counts, workspace.counts_from_scratch());
    // The watcher the reader started reports what the server writes now.
    let (folder, id) = write_and_wait_for_report(&mut workspace, &root, 900_001);
    assert!(workspace.unseen.contains(&SessionKey::new(&folder, &id)));
    assert_eq!(workspace.counts.sessions, 10_001);
}

#[test]
fn nothing_that_changes_while_the_folder_is_read_is_lost() {
    let (_dir, root, mut workspace) = open_big_folder_still_being_read();
    // Files the reader has read already: they are among the first rows shown.
    let first: Vec<SessionKey> = workspace.rows.iter().take(3).cloned().collect();
    let pending = first
        .iter()
        .find(|key| workspace.session_at(key).unwrap().status() == Some(Status::Pending))
        .cloned();
    let accepted: Vec<SessionKey> = workspace
        .rows
        .iter()
        .filter(|key| workspace.session_at(key).unwrap().status() == Some(Status::Accepted))
        .take(2)
        .cloned()
        .collect();
    // The server accepts one and removes another behind the window's back...
    let changed = &accepted[0];
    let path = root.join(&*changed.app).join(&*changed.id);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("\"accepted\"", "\"pending\"", 1)).unwrap();
    let removed = &accepted[1];
    std::fs::remove_file(root.join(&*removed.app).join(&*removed.id)).unwrap();
    // ...a new device arrives...
    let app = changed.app.to_string();
    let (arrived, _) = write_session(&root, &app, 900_002, Status::Pending, true);
    // ...and the administrator accepts a row shown while the rest is read.
    let mut accepted_here = None;
    if let Some(key) = &pending {
        workspace
            .set_status(&key.app, &key.id, Status::Accepted)
            .unwrap();
        accepted_here = Some(key.clone());
    }
    assert!(
        workspace.progress().is_some(),
        "the changes were made while the folder was read"
    );
    until_settled(&mut workspace);
    let status = |key: &SessionKey| workspace.session_at(key).and_then(|s| s.status());
    assert_eq!(
        status(changed),
        Some(Status::Pending),
        "the server's change"
    );
    assert_eq!(status(removed), None, "the removed file");
    assert!(!workspace.rows.contains(removed));
    let arrived = SessionKey::new(&app, &arrived);
    assert_eq!(status(&arrived), Some(Status::Pending), "the arrival");
    assert!(workspace.rows.contains(&arrived));
    assert!(
        workspace.unseen.contains(&arrived),
        "an arrival while reading is new"
    );
    if let Some(key) = &accepted_here {
        assert_eq!(status(key), Some(Status::Accepted), "the window's own edit");
    }
    assert_eq!(workspace.counts.sessions, 20_000);
    assert_eq!(workspace.counts, workspace.counts_from_scratch());
    let fresh = read_at_once(&workspace);
    assert_eq!(workspace.rows, fresh.rows);
}

/// Each wake of the window costs a painted frame, which on a software renderer takes CPU from
/// the reading: the window is woken for the listing, the first rows, each second's progress
/// and the prepared folder, and not by the watcher the reader starts, whose news cannot reach
/// the window before the prepared folder does. A change after that wakes it.
#[test]
fn the_window_is_woken_only_for_what_it_can_take_in() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    // Enough files that the window shares its view (and so has the reader start the watcher)
    // long before they are read, and few enough to be read after the first ones in one more
    // chunk, usually within the second after which the reader shows its progress.
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 2_000, 2).unwrap();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&wakes);
    let (mut workspace, progress_reports) = open_counting_progress(&root, move || {
        counted.fetch_add(1, Ordering::SeqCst);
    });
    until_settled(&mut workspace);
    // Anything the watcher had to say would have woken the window by now.
    std::thread::sleep(Duration::from_millis(500));
    // On a busy machine the reading can take over a second, and its progress rightly wakes
    // the window: those wakes are counted from the reports the window received.
    let progress = progress_reports.load(Ordering::SeqCst);
    let expected = 3 + progress;
    assert_eq!(
        wakes.load(Ordering::SeqCst),
        expected,
        "the listing, the first rows, {progress} progress report(s), the prepared folder"
    );
    write_and_wait_for_report(&mut workspace, &root, 900_003);
    assert!(
        wakes.load(Ordering::SeqCst) > expected,
        "the watcher's news wakes it"
    );
}

/// On Linux a quiet watch notes what changes while the folder is read: a file the server
/// rewrites with the same size within the same second, which no listing of sizes and times
/// can tell from the file read, is shown as it is now.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn a_file_rewritten_with_its_size_and_time_while_the_folder_is_read_is_shown_as_it_is_now() {
    let (_dir, root, mut workspace) = open_big_folder_still_being_read();
    // A file the reader has read already: it is among the first rows shown.
    let key = workspace
        .rows
        .iter()
        .find(|key| workspace.session_at(key).unwrap().status() == Some(Status::Accepted))
        .cloned()
        .expect("an accepted row among the first");
    let path = root.join(&*key.app).join(&*key.id);
    let before = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("\"accepted\"", "\"pending\" ", 1)).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap()),
        (before.len(), before.modified().unwrap())
    );
    assert!(
        workspace.progress().is_some(),
        "the change was made while the folder was read"
    );
    until_settled(&mut workspace);
    assert_eq!(
        workspace.session_at(&key).and_then(|s| s.status()),
        Some(Status::Pending)
    );
    assert_eq!(workspace.counts, workspace.counts_from_scratch());
    let fresh = read_at_once(&workspace);
    assert_eq!(workspace.counts, fresh.counts);
    assert_eq!(workspace.rows, fresh.rows);
}

#[test]
fn the_view_chosen_while_the_folder_is_read_is_the_one_shown() {
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 20_000, 3).unwrap();
    let mut workspace = open(&root);
    until_first_rows(&mut workspace);
    assert!(workspace.progress().is_some());
    let app = workspace.app_order()[1].clone();
    workspace.choose_app(Shown::App(app.clone()));
    workspace.set_sort(SortOrder {
        key: SortKey::Email,
        descending: true,
    });
    workspace.set_filter("example", StatusFilter::Pending);
    until_settled(&mut workspace);
    assert_eq!(workspace.shown, Some(Shown::App(app.clone())));
    assert!(!workspace.rows.is_empty());
    assert!(workspace.rows.iter().all(|key| *key.app == *app));
    let fresh = read_at_once(&workspace);
    assert_eq!(workspace.rows, fresh.rows, "sorted and filtered as chosen");
    assert_eq!(workspace.counts, fresh.counts);
}

#[test]
fn a_folder_read_again_before_its_first_reading_ends_reports_no_news() {
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 20_000, 2).unwrap();
    let mut workspace = open(&root);
    until_first_rows(&mut workspace);
    assert!(workspace.progress().is_some());
    // Switching to polling reads the folder again; nothing in it is new.
    workspace.restart_watcher(WatchMode::Poll(Duration::from_secs(3600)), || {});
    until_settled(&mut workspace);
    assert!(
        workspace.unseen.is_empty(),
        "{} sessions marked new",
        workspace.unseen.len()
    );
    assert_eq!(workspace.counts.sessions, 20_000);
    assert_eq!(workspace.counts, workspace.counts_from_scratch());
    assert_eq!(
        workspace.watch_mode(),
        Some(WatchMode::Poll(Duration::from_secs(3600)))
    );
    let fresh = read_at_once(&workspace);
    assert_eq!(workspace.rows, fresh.rows);
}

/// The real window, through egui_kittest: a device shown among the first rows is accepted
/// through its status drop-down while the rest of the folder is still read. The file holds
/// the new status, only that changed, its permissions are kept, and the row stays accepted
/// once the whole folder is shown.
#[test]
fn a_row_accepted_in_the_window_while_the_folder_is_read_stays_accepted() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::{NodeT, Queryable};

    let dir = tempfile::tempdir().unwrap();
    let settings = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 20_000, 2).unwrap();
    let folders = common::app_folders(&root);
    // The first file of the first app folder: read with the first rows.
    let (team, bundle) = mobile_sessions::store::split_folder_name(&folders[0]);
    let mut object =
        generate::session_object(&bundle, "Test App", team.as_deref(), 7, Status::Pending);
    object["device"]["description"] = "AAA Test Phone".into();
    let path = root
        .join(&folders[0])
        .join("0000000000000000000000000000000000000001");
    let before = serde_json::to_string_pretty(&object).unwrap();
    std::fs::write(&path, &before).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }

    let mut harness = common::start_window(&root, settings.path(), None);
    let combo = "Status of AAA Test Phone";
    let deadline = Instant::now() + Duration::from_secs(60);
    while harness
        .query_by_role_and_label(Role::ComboBox, combo)
        .is_none()
    {
        assert!(Instant::now() < deadline, "the first rows never came");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        harness.state().is_loading(),
        "the test needs the folder still being read"
    );
    harness.get_by_role_and_label(Role::ComboBox, combo).click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::ListBoxOption, "accepted")
        .click_accesskit();
    harness.run_ok();
    let expected = before.replacen("\"pending\"", "\"accepted\"", 1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        expected,
        "only the status changed"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "the permissions are kept");
    }
    common::wait_for(&mut harness, "the whole folder is shown", |app| {
        app.model
            .workspace
            .as_ref()
            .is_some_and(|workspace| workspace.is_settled())
    });
    let workspace = common::workspace_of(&harness);
    assert_eq!(workspace.counts.sessions, 20_001);
    assert_eq!(
        workspace
            .session(&folders[0], "0000000000000000000000000000000000000001")
            .and_then(|session| session.status()),
        Some(Status::Accepted)
    );
    let shown = harness.get_by_role_and_label(Role::ComboBox, combo);
    assert_eq!(shown.accesskit_node().value().as_deref(), Some("accepted"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

/// The real window, through egui_kittest, on a folder its reader read (so every search text
/// was made while reading): a device found by a word typed in capitals (a Greek one, whose
/// last letter is a sigma) and then by part of its file name in capitals is accepted through
/// its drop-down. The file holds the new status, only that changed, and its permissions are
/// kept.
#[test]
fn a_row_found_by_a_search_in_the_window_is_accepted_and_only_its_status_changes() {
    use eframe::egui::Key;
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let settings = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 5_000, 2).unwrap();
    let folder = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .find(|entry| entry.path().is_dir())
        .unwrap()
        .file_name()
        .to_string_lossy()
        .into_owned();
    let (team, bundle) = mobile_sessions::store::split_folder_name(&folder);
    let mut object =
        generate::session_object(&bundle, "Test App", team.as_deref(), 8, Status::Pending);
    object["device"]["description"] = "Οδός Phone".into();
    let id = "00000000000000000000000000000000000000ab";
    let path = root.join(&folder).join(id);
    let before = serde_json::to_string_pretty(&object).unwrap();
    std::fs::write(&path, &before).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }

    let mut harness = common::open_window(&root, settings.path(), None);
    let shown = |harness: &egui_kittest::Harness<'static, mobile_sessions::ui::SessionsApp>| {
        common::workspace_of(harness).rows.clone()
    };
    // Ctrl+F, then typing, as a user searches.
    let search = |harness: &mut egui_kittest::Harness<'static, _>, text: &str| {
        harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::F);
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::TextInput, "Search:")
            .type_text(text);
        harness.run_ok();
    };
    assert_eq!(shown(&harness).len(), 5_001);
    search(&mut harness, "ΟΔΌΣ");
    assert_eq!(shown(&harness), vec![SessionKey::new(&folder, id)]);
    harness.get_by_label("1 shown");
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(shown(&harness).len(), 5_001, "Escape clears the search");
    search(&mut harness, "000000000000AB");
    assert_eq!(shown(&harness), vec![SessionKey::new(&folder, id)]);
    common::choose(&mut harness, "Status of Οδός Phone", "accepted");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before.replacen("\"pending\"", "\"accepted\"", 1),
        "only the status changed"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "the permissions are kept");
    }
    assert_eq!(
        shown(&harness),
        vec![SessionKey::new(&folder, id)],
        "the accepted row is still found"
    );
}
