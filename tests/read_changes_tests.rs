//! What changes in a folder while the window reads it (issue 17). On Linux a quiet watch,
//! started before the folder is listed, names exactly the paths that changed, and reading the
//! folder is not a change; the paths it names bring what was read up to date, where a listing
//! of sizes and times would miss a file rewritten with the same size within the same second.
//! When it cannot say for sure, it says so, and the caller compares the listing instead.

mod common;

use mobile_sessions::store::{ChangesWhileReading, Index, Root};

#[cfg(any(target_os = "linux", target_os = "android"))]
mod linux {
    use std::collections::BTreeSet;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::path::{Path, PathBuf};

    use mobile_sessions::store::{Status, WatchMessage, apply, write_demo};

    use super::common::{self, CONTACT, TASKS, write_session};
    use super::*;

    /// The paths of `names` (relative to `root`), as a set.
    fn paths(root: &Path, names: &[String]) -> BTreeSet<PathBuf> {
        names.iter().map(|name| root.join(name)).collect()
    }

    #[test]
    fn every_change_made_while_the_folder_is_read_is_named_and_reading_is_not_a_change() {
        let demo = common::demo();
        let root = demo.mobile_apps();
        let changes = ChangesWhileReading::start(&Root::locate(root).unwrap());
        let mut index = Index::scan(&Root::locate(root).unwrap()).unwrap();
        assert!(index.session_count() > 20);
        let (rewritten, rewritten_path) = common::file_containing(root, CONTACT, "\"accepted\"");
        let (removed, removed_path) = common::file_containing(root, CONTACT, "\"pending\"");
        // A file rewritten in place with the same size and the same modification time: a
        // listing of sizes and times cannot tell it changed.
        let before = fs::metadata(&rewritten_path).unwrap();
        let text = fs::read_to_string(&rewritten_path).unwrap();
        let text = text.replacen("\"accepted\"", "\"pending\" ", 1);
        assert_eq!(text.len() as u64, before.len());
        fs::write(&rewritten_path, text).unwrap();
        fs::File::options()
            .write(true)
            .open(&rewritten_path)
            .unwrap()
            .set_modified(before.modified().unwrap())
            .unwrap();
        // A file removed, one whose mode changed, a device arriving by rename, a new app
        // folder with a session, and an app folder renamed.
        fs::remove_file(&removed_path).unwrap();
        let (_, chmod_path) = common::file_containing(root, TASKS, "\"accepted\"");
        fs::set_permissions(&chmod_path, fs::Permissions::from_mode(0o600)).unwrap();
        let arrived = common::arrive(root, 77, "Arrived", "arrived@example.com");
        write_session(root, "com.example.new", 78, Status::Pending, false);
        fs::rename(root.join(TASKS), root.join("com.4d.tasks2")).unwrap();

        let named: BTreeSet<PathBuf> = changes
            .finish()
            .expect("a quiet watch says what changed")
            .into_iter()
            .collect();
        let chmod_name = chmod_path.strip_prefix(root).unwrap().to_str().unwrap();
        let expected = paths(
            root,
            &[
                format!("{CONTACT}/{rewritten}"),
                format!("{CONTACT}/{removed}"),
                chmod_name.to_owned(),
                format!("{CONTACT}/{arrived}.tmp"),
                format!("{CONTACT}/{arrived}"),
                "com.example.new".to_owned(),
                TASKS.to_owned(),
                "com.4d.tasks2".to_owned(),
            ],
        );
        assert_eq!(named, expected, "exactly what changed, and nothing read");

        // Those paths read again make the index what a fresh read finds.
        apply(
            &mut index,
            &WatchMessage::Paths(named.into_iter().collect()),
        );
        let fresh = Index::scan(&Root::locate(root).unwrap()).unwrap();
        assert_eq!(index.apps, fresh.apps);
        let session = &index.apps[CONTACT].sessions[rewritten.as_str()];
        assert_eq!(
            session.status(),
            Some(Status::Pending),
            "the same-size rewrite"
        );
    }

    #[test]
    fn an_app_folder_that_is_a_link_is_not_watched_through() {
        let demo = common::demo();
        let root = demo.mobile_apps();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("com.example.linked")).unwrap();
        let changes = ChangesWhileReading::start(&Root::locate(root).unwrap());
        fs::write(elsewhere.path().join("0123456789ABCDEF"), "{}").unwrap();
        assert_eq!(changes.finish(), Some(Vec::new()));
    }

    #[test]
    fn lost_events_or_a_moved_folder_make_it_say_it_cannot_tell() {
        // More events than the system's queue holds: each file made is three (made, written,
        // closed), for half the queue's length in files.
        let queue: usize = fs::read_to_string("/proc/sys/fs/inotify/max_queued_events")
            .map_or(16_384, |text| text.trim().parse().unwrap());
        if queue <= 65_536 {
            let demo = common::demo();
            let root = demo.mobile_apps();
            let changes = ChangesWhileReading::start(&Root::locate(root).unwrap());
            let folder = root.join(CONTACT);
            for at in 0..queue / 2 + 1 {
                fs::write(folder.join(format!("burst{at}")), "{}").unwrap();
            }
            assert_eq!(changes.finish(), None, "after an overflow");
        } else {
            eprintln!("the system's queue holds {queue} events: the overflow is not tried");
        }

        // The `MobileApps` folder itself moved away.
        let demo = common::demo();
        let root = demo.mobile_apps();
        let changes = ChangesWhileReading::start(&Root::locate(root).unwrap());
        fs::rename(root, demo.dir().join("Moved")).unwrap();
        assert_eq!(changes.finish(), None, "after the folder moved");

        // Another folder in its place: its parent renamed and a new one made, which sends the
        // watched folder itself no event.
        let dir = tempfile::tempdir().unwrap();
        let root = write_demo(&dir.path().join("Data")).unwrap();
        let changes = ChangesWhileReading::start(&Root::locate(&root).unwrap());
        fs::rename(dir.path().join("Data"), dir.path().join("Data.old")).unwrap();
        assert_eq!(write_demo(&dir.path().join("Data")).unwrap(), root);
        assert_eq!(
            changes.finish(),
            None,
            "after another folder took its place"
        );
    }
}

/// Elsewhere nothing is noted, and it says it cannot tell: the caller compares the listing.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
#[test]
fn elsewhere_it_says_it_cannot_tell() {
    let demo = common::demo();
    let root = Root::locate(demo.mobile_apps()).unwrap();
    let changes = ChangesWhileReading::start(&root);
    let _ = Index::scan(&root).unwrap();
    assert_eq!(changes.finish(), None);
}
