//! Faults through the window's path (issue 14, point 4): an app folder that disappears during a
//! bulk action, and a delete where there is no trash. In each case the original files are
//! intact, no temporary file is left in the app folder, and the user reads one clear sentence.
//! (The full disk, the read-only folder, the file replaced by a folder or a link and the crash
//! between write and rename are in tests/replace_tests.rs.)
//!
//! Every test here runs without a trash: the process has no home folder, which the freedesktop
//! trash needs (as `delete_without_a_trash_removes_and_says_so` does for the command line).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use common::{CONTACT, TASKS, demo};
use mobile_sessions::model::{Command, Confirm, Memory, Model, Notice, Shown};
use mobile_sessions::store::{DeletedTo, Status, generate, with_status};
use mobile_sessions::ui::notice_text;

/// Takes the home folder away from this test process, once, before any test reads it; every
/// test of this file starts here, so no other thread reads the environment meanwhile.
fn without_trash() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: called first by every test of this binary and guarded by `Once`: no other
        // thread of ours reads or writes the environment while it changes.
        unsafe {
            std::env::remove_var("HOME");
            std::env::remove_var("XDG_DATA_HOME");
        }
    });
}

fn open(folder: &Path) -> Model {
    let settings = tempfile::tempdir().unwrap().keep();
    let mut model = Model::new(Memory::default(), Some(settings), Arc::new(|| {}));
    let _ = model.apply(Command::OpenFolder(folder.to_owned()));
    let deadline = Instant::now() + Duration::from_secs(20);
    while model.workspace.is_none() || model.is_loading() {
        assert!(Instant::now() < deadline, "the folder is read");
        model.poll();
        std::thread::sleep(Duration::from_millis(10));
    }
    model
}

/// Every file of an app folder with its bytes, hidden ones (temporary files) included.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| !entry.file_type().unwrap().is_symlink())
        .map(|entry| {
            let name = entry.file_name().into_string().unwrap();
            (name, fs::read(entry.path()).unwrap_or_default())
        })
        .collect()
}

/// One clear sentence: one line, ending with one full stop, naming no empty list.
fn assert_one_sentence(text: &str) {
    assert!(!text.contains('\n'), "one line: {text}");
    assert!(
        text.ends_with('.') && !text.ends_with(".."),
        "one sentence: {text}"
    );
    assert!(!text.contains(": none"), "no empty list: {text}");
}

/// The app folder is moved away after the window listed it and before a bulk change reaches
/// it: the sessions of the other apps change, those of the vanished app are named as not
/// changed, in one sentence that says the folder is gone, and its files are intact.
#[test]
fn an_app_folder_that_disappears_before_a_bulk_change_loses_nothing() {
    without_trash();
    let demo = demo();
    let root = demo.mobile_apps();
    let mut model = open(root);
    let _ = model.apply(Command::SelectApp(Shown::AllApps));
    let _ = model.apply(Command::MarkAll);
    let tasks_before = files(&root.join(TASKS));
    let contact_before = files(&root.join(CONTACT));
    let away = root.parent().unwrap().join("moved-away");
    fs::rename(root.join(TASKS), &away).unwrap();

    let outcome = model.apply(Command::BulkStatus(Status::Accepted));
    let Some(notice @ Notice::Bulk { failures, .. }) = &outcome.notice else {
        panic!("a bulk notice: {:?}", outcome.notice);
    };
    assert!(!failures.is_empty());
    let text = notice_text(notice);
    assert_one_sentence(&text);
    assert!(text.contains("is gone"), "says the folder is gone: {text}");
    assert_eq!(
        files(&away),
        tasks_before,
        "the vanished app's files are intact"
    );
    // The other apps changed, only in their status, with no file left beside them.
    let contact_after = files(&root.join(CONTACT));
    assert_eq!(
        contact_after.keys().collect::<Vec<_>>(),
        contact_before.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &contact_before {
        let after = &contact_after[name];
        let edited = with_status(bytes, Status::Accepted);
        assert!(after == bytes || Some(after) == edited.as_ref(), "{name}");
    }
    assert!(!root.join(TASKS).exists(), "nothing made the folder again");
}

/// The app folder is moved away by another program while a bulk change runs over its 400
/// sessions: whenever that happens, every file holds its original bytes or exactly the
/// status edit, no temporary file is left wherever the folder went, and the files the message
/// counts as not changed are exactly those that kept their status.
#[test]
fn an_app_folder_that_disappears_during_a_bulk_change_loses_nothing() {
    without_trash();
    let dir = tempfile::tempdir().unwrap();
    let folder = "com.fault.Vanishing";
    let root = dir.path().join("MobileApps");
    fs::create_dir_all(root.join(folder)).unwrap();
    for seed in 0..400u64 {
        let object = generate::session_object(folder, "Vanishing", None, seed, Status::Pending);
        let text = if seed % 2 == 0 {
            serde_json::to_string_pretty(&object).unwrap()
        } else {
            serde_json::to_string(&object).unwrap()
        };
        fs::write(root.join(folder).join(generate::session_id(seed)), text).unwrap();
    }
    let before = files(&root.join(folder));
    let mut model = open(&root);
    let _ = model.apply(Command::SelectApp(Shown::App(folder.into())));
    let _ = model.apply(Command::MarkAll);
    let away = dir.path().join("moved-away");
    let mover = {
        let (from, to) = (root.join(folder), away.clone());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            fs::rename(from, to).unwrap();
        })
    };
    let outcome = model.apply(Command::BulkStatus(Status::Accepted));
    mover.join().unwrap();

    let after = files(&away);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "no file gone, no temporary file left"
    );
    let mut unchanged = 0;
    for (name, bytes) in &before {
        if &after[name] == bytes {
            unchanged += 1;
        } else {
            assert_eq!(
                Some(&after[name]),
                with_status(bytes, Status::Accepted).as_ref()
            );
        }
    }
    let failed = match &outcome.notice {
        Some(Notice::Bulk { failures, .. }) => failures.len(),
        _ => 0,
    };
    assert_eq!(failed, unchanged, "the message counts what did not change");
    if let Some(notice) = &outcome.notice {
        assert_one_sentence(&notice_text(notice));
    }
    eprintln!("{unchanged} of 400 were not changed: the folder went during the bulk action");
}

fn pending_file(root: &Path, folder: &str) -> (String, PathBuf) {
    common::file_containing(root, folder, "\"pending\"")
}

/// With no trash, Delete in the window deletes nothing until the user says to delete for good
/// (Cancel keeps the file); then the file goes, the message says it was removed because there
/// is no trash, and Undo brings back the very bytes.
#[test]
fn delete_without_a_trash_asks_first_and_undo_brings_the_file_back() {
    without_trash();
    let demo = demo();
    let root = demo.mobile_apps();
    let (id, path) = pending_file(root, TASKS);
    let bytes = fs::read(&path).unwrap();
    let names = files(&root.join(TASKS));
    let mut model = open(root);

    let outcome = model.apply(Command::Delete {
        app: TASKS.into(),
        id: id.clone(),
    });
    assert!(outcome.notice.is_none(), "{:?}", outcome.notice);
    assert!(matches!(&model.confirm, Some(Confirm::DeleteForGood(keys)) if keys.len() == 1));
    assert_eq!(
        files(&root.join(TASKS)),
        names,
        "nothing deleted before the answer"
    );
    let _ = model.apply(Command::CancelDelete);
    assert!(model.confirm.is_none());
    assert_eq!(fs::read(&path).unwrap(), bytes);

    let _ = model.apply(Command::Delete {
        app: TASKS.into(),
        id: id.clone(),
    });
    let outcome = model.apply(Command::DeleteForGood);
    let Some(notice @ Notice::Deleted { to, .. }) = &outcome.notice else {
        panic!("a deleted notice: {:?}", outcome.notice);
    };
    assert_eq!(*to, DeletedTo::Removed);
    let text = notice_text(notice);
    assert_one_sentence(&text);
    assert!(text.contains("no trash"), "{text}");
    assert!(!path.exists());
    let _ = model.apply(Command::Undo);
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "Undo brings back the very bytes"
    );
    assert_eq!(files(&root.join(TASKS)), names, "and leaves nothing else");
}

/// A bulk delete with no trash also asks first, for every selected session at once.
#[test]
fn bulk_delete_without_a_trash_asks_first_and_deletes_nothing() {
    without_trash();
    let demo = demo();
    let root = demo.mobile_apps();
    let names = files(&root.join(CONTACT));
    let mut model = open(root);
    let _ = model.apply(Command::SelectApp(Shown::App(CONTACT.into())));
    let _ = model.apply(Command::MarkAll);
    let marked = model.targets().len();
    let _ = model.apply(Command::AskBulkDelete);
    let outcome = model.apply(Command::BulkDelete);
    assert!(
        matches!(&model.confirm, Some(Confirm::DeleteForGood(keys)) if keys.len() == marked),
        "{:?} {:?}",
        model.confirm,
        outcome.notice
    );
    assert_eq!(
        files(&root.join(CONTACT)),
        names,
        "nothing deleted before the answer"
    );
    let _ = model.apply(Command::CancelDelete);
    assert_eq!(files(&root.join(CONTACT)), names);
}
