//! The store against real folders: finding the folder, reading both schemes, every problem
//! code, and edits that change only what they must.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use mobile_sessions::store::{
    self, DeletePolicy, IfNoTrash, Index, MAX_SESSION_BYTES, ProblemCode, Root, Status, StoreError,
};

fn scan(root: &Path) -> Index {
    Index::scan(&Root::locate(root).unwrap()).unwrap()
}

fn codes_in(index: &Index, folder: &str) -> Vec<ProblemCode> {
    let mut codes: Vec<ProblemCode> = index
        .findings()
        .filter(|finding| finding.app == folder)
        .map(|finding| finding.problem.code)
        .collect();
    codes.sort();
    codes
}

#[test]
fn every_path_form_finds_the_same_folder() {
    let demo = demo();
    let mobile_apps = demo.mobile_apps();
    let expected = dunce::canonicalize(mobile_apps).unwrap();
    let data_file = demo.dir().join("data.4DD");
    fs::write(&data_file, b"").unwrap();
    for path in [mobile_apps.to_owned(), demo.dir().to_owned(), data_file] {
        assert_eq!(Root::locate(&path).unwrap().path(), expected, "{path:?}");
    }
    let project = tempfile::tempdir().unwrap();
    store::write_demo(&project.path().join("Data")).unwrap();
    fs::create_dir_all(project.path().join("Project")).unwrap();
    assert!(
        Root::locate(project.path())
            .unwrap()
            .path()
            .ends_with("Data/MobileApps")
    );
}

#[test]
fn a_missing_or_wrong_folder_says_what_was_expected() {
    let empty = tempfile::tempdir().unwrap();
    let missing = Root::locate(&empty.path().join("nope")).unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)));
    let wrong = Root::locate(empty.path()).unwrap_err();
    assert!(matches!(wrong, StoreError::NoMobileApps(_)));
    assert!(wrong.to_string().contains("Data/MobileApps"), "{wrong}");
}

#[test]
fn the_demo_lists_both_schemes_and_ignores_what_is_not_a_session() {
    let demo = demo();
    let index = scan(demo.mobile_apps());
    let folders: Vec<&str> = index.apps.keys().map(String::as_str).collect();
    assert_eq!(
        folders,
        [
            "4RZ3PQ8N2K.com.acme.FieldService",
            CONTACT,
            TASKS,
            "com.acme.FieldService",
            BROKEN
        ]
    );
    let contact = &index.apps[CONTACT];
    assert_eq!(contact.team_id.as_deref(), Some("UTT7VDX8W5"));
    assert_eq!(contact.bundle_id, "com.contactApp.Contact");
    assert_eq!(contact.label(), format!("Contact ({CONTACT})"));
    assert_eq!(contact.listed().count(), 7);
    assert_eq!(index.apps[TASKS].team_id, None);
    // notes.txt, .DS_Store and key.mobileapp are not sessions.
    assert_eq!(index.apps[TASKS].sessions.len(), 6);
    assert!(index.session_count() >= 15);
    let guest = contact
        .listed()
        .find(|s| s.info.as_ref().unwrap().device == "iPhone X")
        .unwrap();
    let info = guest.info.as_ref().unwrap();
    assert_eq!(info.email, "");
    assert_eq!(info.os, "iOS", "files without device.os are iOS");
    assert_eq!(info.simulator, Some(true));
    assert!(guest.modified.is_some());
    assert!(guest.problems.is_empty());
}

#[test]
fn the_demo_has_one_broken_file_of_each_kind() {
    let demo = demo();
    let index = scan(demo.mobile_apps());
    let mut expected = vec![
        ProblemCode::Location,
        ProblemCode::Syntax,
        ProblemCode::Schema,
        ProblemCode::Token,
        ProblemCode::Unreadable,
    ];
    if cfg!(unix) {
        expected.push(ProblemCode::Unsafe);
    }
    expected.sort();
    assert_eq!(codes_in(&index, BROKEN), expected);
    for app in index.apps.values().filter(|app| app.folder != BROKEN) {
        assert_eq!(codes_in(&index, &app.folder), vec![], "{}", app.folder);
    }
}

#[test]
fn set_status_changes_only_the_status_bytes_in_every_layout() {
    let demo = demo();
    let root = Root::locate(demo.mobile_apps()).unwrap();
    let index = Index::scan(&root).unwrap();
    let mut layouts = (false, false, false);
    for session in index.apps[CONTACT].listed() {
        let path = root.session_path(CONTACT, &session.id);
        let before = fs::read_to_string(&path).unwrap();
        layouts.0 |= before.contains("\n\t");
        layouts.1 |= !before.contains('\n');
        layouts.2 |= before.contains("\n  ");
        let new = session.status().unwrap().toggled();
        let edit = store::set_status(&root, CONTACT, &session.id, new).unwrap();
        assert!(edit.written);
        let after = fs::read_to_string(&path).unwrap();
        let old = session.status().unwrap().as_str();
        let expected = before.replacen(&format!("\"{old}\""), &format!("\"{new}\""), 1);
        assert_eq!(after, expected, "only the status value changed");
    }
    assert_eq!(
        layouts,
        (true, true, true),
        "the demo has tab, compact and pretty files"
    );
    let leftovers: Vec<_> = fs::read_dir(root.app_dir(CONTACT))
        .unwrap()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn unknown_fields_and_key_order_survive_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let root_path = dir.path().join("MobileApps");
    let folder = "ABCDEFGHIJ.com.x.Y";
    let (id, path) = write_session(&root_path, folder, 3, Status::Pending, true);
    let text = fs::read_to_string(&path).unwrap();
    let custom = text.replacen(
        '{',
        "{\n  \"zeta\": {\"n\": 1.50e3, \"u\": \"\\u00e9\"},",
        1,
    );
    fs::write(&path, &custom).unwrap();
    let root = Root::locate(&root_path).unwrap();
    store::set_status(&root, folder, &id, Status::Accepted).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(after, custom.replace("\"pending\"", "\"accepted\""));
}

#[test]
fn a_rewrite_by_the_server_after_the_scan_is_not_lost() {
    let demo = demo();
    let root = Root::locate(demo.mobile_apps()).unwrap();
    let index = Index::scan(&root).unwrap();
    let (id, path) = file_containing(root.path(), CONTACT, "j.garcia@example.es");
    assert_eq!(
        index.apps[CONTACT].sessions[id.as_str()].status(),
        Some(Status::Pending)
    );
    // The server rewrites another field after our scan.
    let rewritten = fs::read_to_string(&path)
        .unwrap()
        .replace("j.garcia@example.es", "juan.garcia@example.es");
    fs::write(&path, &rewritten).unwrap();
    store::set_status(&root, CONTACT, &id, Status::Accepted).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("juan.garcia@example.es"),
        "the server's change survived"
    );
    assert!(after.contains("\"accepted\""));
}

#[test]
fn concurrent_rewrites_never_leave_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let root_path = dir.path().join("MobileApps");
    let (id, path) = write_session(&root_path, "com.x.Y", 9, Status::Pending, false);
    let root = Root::locate(&root_path).unwrap();
    let original = fs::read_to_string(&path).unwrap();
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            for n in 0..200 {
                // The server writes whole files by rename too.
                let text = original.replace("\"send\":\"link\"", &format!("\"send\":\"link{n}\""));
                let temp = path.with_extension("tmp");
                fs::write(&temp, text).unwrap();
                rename_retrying_while_held(&temp, &path);
            }
        })
    };
    for n in 0..200 {
        let status = if n % 2 == 0 {
            Status::Accepted
        } else {
            Status::Pending
        };
        match store::set_status(&root, "com.x.Y", &id, status) {
            Ok(_) | Err(StoreError::Busy(_)) => {}
            Err(other) => panic!("unexpected error {other}"),
        }
        let text = fs::read_to_string(&path).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    }
    writer.join().unwrap();
}

/// Renames like a server does. On Windows a file that another program holds open cannot be
/// replaced ("Access denied") while that program reads or swaps it, so a server there retries,
/// and so does this stand-in for one. Elsewhere the first rename succeeds.
fn rename_retrying_while_held(from: &Path, to: &Path) {
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Ok(()) => return,
            Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied && tries < 1000 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(error) => panic!("the server's rename failed: {error}"),
        }
    }
}

#[test]
fn a_crafted_session_id_cannot_point_a_write_outside() {
    let dir = tempfile::tempdir().unwrap();
    let root_path = dir.path().join("MobileApps");
    let (id, path) = write_session(&root_path, "com.x.Y", 1, Status::Pending, false);
    let crafted = fs::read_to_string(&path)
        .unwrap()
        .replace(&format!("\"id\":\"{id}\""), "\"id\":\"../../../outside\"");
    fs::write(&path, &crafted).unwrap();
    let root = Root::locate(&root_path).unwrap();
    let index = Index::scan(&root).unwrap();
    assert!(index.apps["com.x.Y"].sessions[id.as_str()].has(ProblemCode::Location));
    store::set_status(&root, "com.x.Y", &id, Status::Accepted).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("\"accepted\""));
    assert!(!dir.path().join("outside").exists());
    assert!(
        !root_path
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join("outside")
            .exists()
    );
    // Names that are not plain are refused before any path is built.
    let refused = store::set_status(&root, "com.x.Y", "../../outside", Status::Accepted);
    assert!(matches!(refused, Err(StoreError::UnknownSession { .. })));
    let refused = store::set_status(&root, "../x", &id, Status::Accepted);
    assert!(matches!(refused, Err(StoreError::Unsafe { .. })));
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_reported_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root_path = dir.path().join("MobileApps");
    let (_, target) = write_session(
        &dir.path().join("elsewhere"),
        "com.x.Y",
        2,
        Status::Pending,
        false,
    );
    let before = fs::read(&target).unwrap();
    fs::create_dir_all(root_path.join("com.x.Y")).unwrap();
    let link_id = "abcdef0123";
    std::os::unix::fs::symlink(&target, root_path.join("com.x.Y").join(link_id)).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere/com.x.Y"),
        root_path.join("com.linked.App"),
    )
    .unwrap();
    let root = Root::locate(&root_path).unwrap();
    let index = Index::scan(&root).unwrap();
    assert_eq!(codes_in(&index, "com.x.Y"), vec![ProblemCode::Unsafe]);
    assert_eq!(
        codes_in(&index, "com.linked.App"),
        vec![ProblemCode::Unsafe]
    );
    assert!(
        !index.apps.contains_key("com.linked.App"),
        "a linked folder is not read"
    );
    let refused = store::set_status(&root, "com.x.Y", link_id, Status::Accepted);
    assert!(
        matches!(refused, Err(StoreError::Unsafe { .. })),
        "{refused:?}"
    );
    let refused = store::delete(
        &root,
        "com.x.Y",
        link_id,
        DeletePolicy::AllowMalformed,
        IfNoTrash::RemoveForGood,
    );
    assert!(matches!(refused, Err(StoreError::Unsafe { .. })));
    assert_eq!(
        fs::read(&target).unwrap(),
        before,
        "the link's target is untouched"
    );
    assert!(root_path.join("com.x.Y").join(link_id).is_symlink());
}

#[test]
fn malformed_files_are_refused_and_left_as_they_are() {
    let demo = demo();
    let root = Root::locate(demo.mobile_apps()).unwrap();
    let index = Index::scan(&root).unwrap();
    let broken = &index.apps[BROKEN];
    let syntax = broken
        .sessions
        .values()
        .find(|s| s.has(ProblemCode::Syntax))
        .unwrap();
    let path = root.session_path(BROKEN, &syntax.id);
    let before = fs::read(&path).unwrap();
    let refused = store::set_status(&root, BROKEN, &syntax.id, Status::Accepted);
    assert!(
        matches!(refused, Err(StoreError::Malformed { .. })),
        "{refused:?}"
    );
    let refused = store::delete(
        &root,
        BROKEN,
        &syntax.id,
        DeletePolicy::RefuseMalformed,
        IfNoTrash::RemoveForGood,
    );
    assert!(matches!(refused, Err(StoreError::Malformed { .. })));
    assert_eq!(fs::read(&path).unwrap(), before);
    let unreadable = broken
        .sessions
        .values()
        .find(|s| s.has(ProblemCode::Unreadable))
        .unwrap();
    let refused = store::set_status(&root, BROKEN, &unreadable.id, Status::Accepted);
    assert!(
        matches!(refused, Err(StoreError::Unreadable { .. })),
        "{refused:?}"
    );
}

#[test]
fn huge_deep_and_non_utf8_files_are_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root_path = dir.path().join("MobileApps");
    let (good, _) = write_session(&root_path, "com.x.Y", 5, Status::Pending, true);
    let app = root_path.join("com.x.Y");
    let huge = fs::File::create(app.join("aaaa0001")).unwrap();
    huge.set_len(64 * 1024 * 1024).unwrap();
    fs::write(app.join("aaaa0002"), "[".repeat(100_000)).unwrap();
    fs::write(
        app.join("aaaa0003"),
        format!("{{\"a\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    fs::write(app.join("aaaa0004"), b"{\"email\":\"caf\xe9\"}").unwrap();
    let index = scan(&root_path);
    let sessions = &index.apps["com.x.Y"].sessions;
    assert!(sessions[good.as_str()].problems.is_empty());
    assert!(sessions["aaaa0001"].has(ProblemCode::Unreadable));
    assert!(
        sessions["aaaa0001"].problems[0]
            .message
            .contains(&MAX_SESSION_BYTES.to_string())
    );
    assert!(sessions["aaaa0002"].has(ProblemCode::Syntax));
    assert!(sessions["aaaa0003"].has(ProblemCode::Syntax));
    assert!(sessions["aaaa0004"].has(ProblemCode::Unreadable));
    assert_eq!(index.session_count(), 1);
}

#[test]
fn a_read_only_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root_path = dir.path().join("MobileApps");
    let (id, path) = write_session(&root_path, "com.x.Y", 5, Status::Pending, true);
    let before = fs::read(&path).unwrap();
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let root = Root::locate(&root_path).unwrap();
    let refused = store::set_status(&root, "com.x.Y", &id, Status::Accepted);
    assert!(
        matches!(refused, Err(StoreError::ReadOnly(_))),
        "{refused:?}"
    );
    assert!(refused.unwrap_err().to_string().contains("read-only"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_opened_is_unreadable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root_path = dir.path().join("MobileApps");
    let (id, path) = write_session(&root_path, "com.x.Y", 5, Status::Pending, true);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to observe.
        return;
    }
    let index = scan(&root_path);
    assert!(index.apps["com.x.Y"].sessions[id.as_str()].has(ProblemCode::Unreadable));
}

#[test]
fn delete_takes_the_file_out_and_restore_puts_back_the_same_bytes() {
    let demo = demo();
    let root = Root::locate(demo.mobile_apps()).unwrap();
    let (id, path) = file_containing(root.path(), TASKS, "Galaxy S23");
    let before = fs::read(&path).unwrap();
    let deleted = store::delete(
        &root,
        TASKS,
        &id,
        DeletePolicy::RefuseMalformed,
        IfNoTrash::RemoveForGood,
    )
    .unwrap();
    assert!(!path.exists());
    assert_eq!(deleted.bytes.as_deref(), Some(before.as_slice()));
    store::restore(&root, &deleted).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
    // A session that came back meanwhile is not overwritten.
    let mut other = deleted.clone();
    other.bytes = Some(b"{}".to_vec());
    assert!(store::restore(&root, &other).is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn one_file_can_be_reloaded_on_its_own() {
    let demo = demo();
    let root = Root::locate(demo.mobile_apps()).unwrap();
    let mut index = Index::scan(&root).unwrap();
    let (id, path) = write_session(root.path(), TASKS, 77, Status::Pending, false);
    let change = index.reload_session(TASKS, &id).unwrap();
    assert_eq!(change.kind, store::ChangeKind::Added);
    assert_eq!(index.reload_session(TASKS, &id), None, "nothing changed");
    fs::remove_file(&path).unwrap();
    assert_eq!(
        index.reload_session(TASKS, &id).unwrap().kind,
        store::ChangeKind::Removed
    );
    assert!(!index.apps[TASKS].sessions.contains_key(id.as_str()));
}

/// The window's reader makes each session's search text as it reads the file, side by side
/// with those of the files read just before and after it, so that a search of 100,000
/// sessions reads memory in order. Each text says exactly what a text made alone for the same
/// file says, whatever its fields (capitals, a Greek final sigma, a dotted capital I), and a
/// file that is not a session has none.
#[test]
fn the_search_texts_made_while_reading_lie_side_by_side_and_say_what_each_file_says() {
    use mobile_sessions::store::{Scan, generate};

    let dir = tempfile::tempdir().unwrap();
    let root = generate::generate_tree(dir.path(), 600, 2).unwrap();
    let folders = common::app_folders(&root);
    let (team, bundle) = store::split_folder_name(&folders[0]);
    let mut object =
        generate::session_object(&bundle, "Test App", team.as_deref(), 7, Status::Pending);
    object["device"]["description"] = "ΟΔΟΣ Straße İstanbul".into();
    object["email"] = "Ana.Lopez@Example.ES".into();
    let odd = "00000000000000000000000000000000000000a1";
    fs::write(
        root.join(&folders[0]).join(odd),
        serde_json::to_string_pretty(&object).unwrap(),
    )
    .unwrap();
    let broken = "00000000000000000000000000000000000000b2";
    fs::write(root.join(&folders[0]).join(broken), b"{ not JSON").unwrap();

    let root = Root::locate(&root).unwrap();
    let mut scan = Scan::start(&root).unwrap().with_search_texts();
    let mut read = Vec::new();
    while let Some(chunk) = scan.next_chunk(256) {
        read.extend(chunk);
    }
    assert_eq!(read.len(), 602);
    // Read without search texts: each is made alone, by its first search.
    let alone = Index::scan(&root).unwrap();
    let (mut pairs, mut side_by_side) = (0, 0);
    let mut previous: Option<&str> = None;
    for (folder, session) in &read {
        let text = session.search_text();
        assert_eq!(
            text,
            alone.apps[folder].sessions[&session.id].search_text(),
            "{folder}/{}",
            session.id
        );
        if let (Some(before), Some(text)) = (previous, text) {
            pairs += 1;
            if before.as_ptr().wrapping_add(before.len()) == text.as_ptr() {
                side_by_side += 1;
            }
        }
        previous = text;
    }
    let text_of = |id: &str| {
        read.iter()
            .find(|(_, session)| &*session.id == id)
            .and_then(|(_, session)| session.search_text())
    };
    assert_eq!(text_of(broken), None, "a file that is not a session");
    let odd_text = text_of(odd).expect("the session's text");
    assert!(odd_text.contains("οδοσ straße i̇stanbul"), "{odd_text:?}");
    assert!(odd_text.contains("ana.lopez@example.es"), "{odd_text:?}");
    // Every text follows the one before it, but across two blocks of files or two chunks.
    assert!(
        side_by_side * 10 >= pairs * 9,
        "{side_by_side} of {pairs} texts lie right after the one before"
    );
}
