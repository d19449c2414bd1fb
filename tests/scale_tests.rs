//! The window's state at scale: rows arrive while the folder is read, and single changes move
//! single rows into exactly the place a full sort would give them.

use std::time::Duration;

use mobile_sessions::model::{self as workspace, SessionKey, Shown};
use mobile_sessions::model::{SortKey, SortOrder, Workspace};
use mobile_sessions::store::{Index, Root, Status, WatchMode, generate};

#[test]
fn rows_moved_one_at_a_time_match_a_full_sort() {
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 3000, 2).unwrap();
    let index = Index::scan(&Root::locate(&root).unwrap()).unwrap();
    let first_app = index.apps.keys().next().unwrap().clone();
    for shown in [Shown::App(first_app), Shown::AllApps] {
        for key in [SortKey::Status, SortKey::App] {
            for descending in [false, true] {
                let sort = SortOrder { key, descending };
                let mut workspace =
                    Workspace::new(index.clone(), WatchMode::Native, sort, None, || {});
                workspace.choose_app(shown.clone());
                let expected_rows = if shown == Shown::AllApps { 3000 } else { 1500 };
                assert_eq!(workspace.rows.len(), expected_rows, "{shown:?}");
                for n in (0..3000).step_by(150) {
                    let id = generate::session_id(n);
                    let app = index
                        .apps
                        .values()
                        .find(|app| app.sessions.contains_key(id.as_str()))
                        .unwrap()
                        .folder
                        .clone();
                    let status = workspace
                        .session(&app, &id)
                        .unwrap()
                        .status()
                        .unwrap()
                        .toggled();
                    workspace.set_status(&app, &id, status).unwrap();
                    let moved = workspace.rows.clone();
                    workspace.resort();
                    assert_eq!(moved, workspace.rows, "after changing {id} in {shown:?}");
                }
                assert_eq!(workspace.rows.len(), expected_rows);
            }
        }
    }
}

#[test]
fn a_folder_read_in_the_background_fills_the_table_and_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 10_000, 2).unwrap();
    let root = Root::locate(&root).unwrap();
    let events = workspace::start_loading(root, || {});
    let workspace::LoadEvent::Listed(index, total) =
        events.recv_timeout(Duration::from_secs(10)).unwrap()
    else {
        panic!("the listing comes first");
    };
    assert_eq!(total, 10_000);
    let mut workspace = Workspace::loading(
        *index,
        total,
        events,
        WatchMode::Native,
        SortOrder::default(),
        None,
        || {},
    );
    let started = std::time::Instant::now();
    while workspace.progress().is_some() {
        assert!(started.elapsed() < Duration::from_secs(30));
        workspace.poll();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(workspace.counts.sessions, 10_000);
    assert_eq!(workspace.counts.pending, 2000);
    assert_eq!(workspace.rows.len(), 5000, "the first app's rows");
    // The counts kept chunk by chunk while reading are those a count of everything gives.
    let counted = Workspace::new(
        workspace.index.clone(),
        WatchMode::Poll(Duration::from_secs(3600)),
        SortOrder::default(),
        workspace.shown.as_ref().map(Shown::preference).as_deref(),
        || {},
    );
    assert_eq!(workspace.counts, counted.counts);
    assert_eq!(workspace.rows, counted.rows);
    let first = workspace.session_at(&workspace.rows[0]).unwrap();
    assert!(matches!(
        first.status(),
        Some(Status::Accepted | Status::Pending)
    ));
}

/// The 47-second frame at 1,000,000 sessions: a frame that came late took in every session
/// read meanwhile. However far the reader is ahead, one poll takes in at most
/// `MERGE_PER_POLL` sessions and says more are waiting.
#[test]
fn one_frame_does_not_take_in_a_whole_backlog_of_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let total = 4 * workspace::MERGE_PER_POLL + 100;
    let root = generate::generate_tree(dir.path(), total, 2).unwrap();
    let root = Root::locate(&root).unwrap();
    let (done_sender, done) = std::sync::mpsc::channel();
    let events = workspace::start_loading(root, move || {
        let _ = done_sender.send(());
    });
    let workspace::LoadEvent::Listed(index, listed) =
        events.recv_timeout(Duration::from_secs(30)).unwrap()
    else {
        panic!("the listing comes first");
    };
    assert_eq!(listed, total);
    let mut workspace = Workspace::loading(
        *index,
        total,
        events,
        WatchMode::Poll(Duration::from_secs(3600)),
        SortOrder::default(),
        None,
        || {},
    );
    // Let the reader run ahead: the wakes stop coming once it has sent everything.
    while done.recv_timeout(Duration::from_secs(2)).is_ok() {}
    let mut polls = 0;
    let mut before = 0;
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    while workspace.progress().is_some() {
        workspace.poll();
        polls += 1;
        // On a busy machine the reader may still be reading after its wakes paused for 2 s:
        // a poll that finds nothing waits a little instead of spinning.
        if !workspace.has_backlog() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let after = workspace.progress().map_or(total, |(read, _)| read);
        assert!(
            after - before <= workspace::MERGE_PER_POLL,
            "one poll took in {} sessions",
            after - before
        );
        if after - before == workspace::MERGE_PER_POLL {
            assert!(
                workspace.has_backlog(),
                "a full poll asks for the next frame"
            );
        }
        before = after;
        assert!(
            std::time::Instant::now() < deadline,
            "the reading never ended"
        );
    }
    assert!(polls >= total / workspace::MERGE_PER_POLL, "{polls} polls");
    assert_eq!(workspace.counts.sessions, total);
}

#[test]
fn long_and_non_ascii_names_sort_like_their_lower_case_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("MobileApps");
    let names = [
        "iPhone",
        "IPHONE",
        "iphone 15 pro max with a very long custom name added by its owner",
        "iphone 15 pro max with a very long custom name",
        "Élodie's iPad",
        "élodie's ipad",
        "Zebra",
        "a\u{0}b",
        "a",
        "",
    ];
    for (seed, name) in names.iter().enumerate() {
        let mut object =
            generate::session_object("com.x.Y", "Y", None, seed as u64, Status::Pending);
        object["device"]["description"] = (*name).into();
        std::fs::create_dir_all(root.join("com.x.Y")).unwrap();
        std::fs::write(
            root.join("com.x.Y").join(generate::session_id(seed as u64)),
            object.to_string(),
        )
        .unwrap();
    }
    let index = Index::scan(&Root::locate(&root).unwrap()).unwrap();
    for descending in [false, true] {
        let sort = SortOrder {
            key: SortKey::Device,
            descending,
        };
        let workspace = Workspace::new(index.clone(), WatchMode::Native, sort, None, || {});
        let mut expected: Vec<(String, String)> = index.apps["com.x.Y"]
            .sessions
            .values()
            .map(|session| {
                (
                    session.info.as_ref().unwrap().device.to_lowercase(),
                    session.id.to_string(),
                )
            })
            .collect();
        expected.sort();
        if descending {
            expected.reverse();
        }
        let expected: Vec<SessionKey> = expected
            .into_iter()
            .map(|(_, id)| SessionKey::new("com.x.Y", &id))
            .collect();
        assert_eq!(workspace.rows, expected, "descending: {descending}");
    }
}
