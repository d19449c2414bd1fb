//! The window's rules, tested on the model alone: no renderer, real temporary folders, real
//! files. Each test carries out commands as the window would and checks the files on disk and
//! what the user is told.

mod common;

use std::fs;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{BROKEN, CONTACT, TASKS, demo, file_containing};
use mobile_sessions::model::{
    Command, Confirm, Effect, Memory, Model, NotApplicable, Notice, SessionKey, Shown,
    StatusFilter, StepSummary,
};
use mobile_sessions::store::Status;

/// A model over a folder, read in full.
fn open(folder: &std::path::Path, memory: Memory) -> Model {
    let settings = tempfile::tempdir().unwrap().keep();
    let mut model = Model::new(memory, Some(settings), Arc::new(|| {}));
    let _ = model.apply(Command::OpenFolder(folder.to_owned()));
    wait(&mut model, "the folder is read", |model| {
        model.workspace.is_some() && !model.is_loading()
    });
    model
}

/// Polls the model until `done` holds, for up to ten seconds.
fn wait(model: &mut Model, what: &str, done: impl Fn(&Model) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        model.poll();
        if done(model) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let state = model.workspace.as_ref().map(|workspace| {
        (
            workspace.unseen.clone(),
            workspace.index.apps.get(TASKS).map(|app| {
                app.sessions
                    .values()
                    .map(|session| {
                        (
                            session.id.to_string(),
                            session.status(),
                            session.problems.len(),
                        )
                    })
                    .collect::<Vec<_>>()
            }),
        )
    });
    panic!("timed out waiting until {what}: {state:?}");
}

fn key(app: &str, id: &str) -> SessionKey {
    SessionKey::new(app, id)
}

#[test]
fn a_folder_opened_for_the_first_time_shows_all_apps() {
    let demo = demo();
    let model = open(demo.mobile_apps(), Memory::default());
    let workspace = model.workspace.as_ref().unwrap();
    assert_eq!(workspace.shown, Some(Shown::AllApps));
}

#[test]
fn undo_after_a_change_from_an_odd_status_restores_those_bytes_and_nothing_else() {
    let demo = demo();
    let root = demo.mobile_apps();
    let (delete_id, delete_path) = file_containing(root, TASKS, "\"pending\"");
    let deleted_bytes = fs::read(&delete_path).unwrap();
    let (odd_id, odd_path) = file_containing(root, BROKEN, "\"blocked\"");
    let odd_bytes = fs::read(&odd_path).unwrap();
    let mut model = open(root, Memory::default());

    // An older step in another app: a delete.
    let _ = model.apply(Command::Delete {
        app: TASKS.into(),
        id: delete_id.clone(),
    });
    assert!(!delete_path.exists());
    // Then a change from the non-standard status "blocked".
    let outcome = model.apply(Command::SetStatus {
        app: BROKEN.into(),
        id: odd_id.clone(),
        status: Status::Accepted,
    });
    assert!(matches!(outcome.notice, Some(Notice::StatusSet { .. })));
    assert!(
        fs::read_to_string(&odd_path)
            .unwrap()
            .contains("\"accepted\"")
    );
    // Undo names the step it takes back: this change, back to "blocked".
    let last = model.history.last().unwrap().summary();
    assert!(
        matches!(&last, StepSummary::Status { from: Some(from), .. } if from == "blocked"),
        "{last:?}"
    );
    let outcome = model.apply(Command::Undo);
    assert!(
        matches!(outcome.notice, Some(Notice::Undone(_))),
        "{outcome:?}"
    );
    assert_eq!(
        fs::read(&odd_path).unwrap(),
        odd_bytes,
        "the exact bytes are back"
    );
    assert!(
        !delete_path.exists(),
        "the older delete is not what was undone"
    );
    // The next Undo takes back the delete.
    let _ = model.apply(Command::Undo);
    assert_eq!(fs::read(&delete_path).unwrap(), deleted_bytes);
    assert!(matches!(
        model.apply(Command::Undo).notice,
        Some(Notice::NothingToUndo)
    ));
}

#[test]
fn undo_never_overwrites_a_newer_write_and_says_so() {
    let demo = demo();
    let root = demo.mobile_apps();
    let (id, path) = file_containing(root, TASKS, "\"pending\"");
    let mut model = open(root, Memory::default());
    let _ = model.apply(Command::SetStatus {
        app: TASKS.into(),
        id: id.clone(),
        status: Status::Accepted,
    });
    // The server rewrites the file (the device logged in again).
    let newer = fs::read_to_string(&path)
        .unwrap()
        .replace("\"accepted\"", "\"pending\"")
        .replace("\"send\"", "\"sent\"");
    fs::write(&path, &newer).unwrap();
    let outcome = model.apply(Command::Undo);
    assert!(
        matches!(&outcome.notice, Some(Notice::UndoFailed { .. })),
        "{outcome:?}"
    );
    assert!(outcome.notice.unwrap().is_error());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        newer,
        "the newer write is kept"
    );
}

#[test]
fn every_status_write_is_one_undo_step_and_a_bulk_action_one_step() {
    let demo = demo();
    let root = demo.mobile_apps();
    let mut model = open(root, Memory::default());
    let _ = model.apply(Command::SelectApp(Shown::App(TASKS.into())));
    let rows = model.rows().to_vec();
    let _ = model.apply(Command::MarkAll);
    let before: Vec<Vec<u8>> = rows
        .iter()
        .map(|key| fs::read(root.join(&*key.app).join(&*key.id)).unwrap_or_default())
        .collect();
    let _ = model.apply(Command::BulkStatus(Status::Accepted));
    assert_eq!(model.history.len(), 1, "one step for the whole bulk action");
    let _ = model.apply(Command::Undo);
    let after: Vec<Vec<u8>> = rows
        .iter()
        .map(|key| fs::read(root.join(&*key.app).join(&*key.id)).unwrap_or_default())
        .collect();
    assert_eq!(before, after, "every file is back byte for byte");
}

#[test]
fn a_filter_takes_hidden_rows_out_of_the_selection_and_a_command_over_nothing_does_nothing() {
    let demo = demo();
    let root = demo.mobile_apps();
    let mut model = open(root, Memory::default());
    let _ = model.apply(Command::MarkAll);
    assert!(model.targets().len() > 2);
    // Show only pending sessions: the accepted ones leave the selection.
    let _ = model.apply(Command::Filter {
        query: String::new(),
        status: StatusFilter::Pending,
    });
    let workspace = model.workspace.as_ref().unwrap();
    assert!(
        model
            .selection
            .marked
            .iter()
            .all(|key| workspace.rows.contains(key))
    );
    // A search that matches nothing: nothing stays selected, and Delete asks nothing.
    let _ = model.apply(Command::Filter {
        query: "no such device anywhere".into(),
        status: StatusFilter::All,
    });
    assert!(model.selection.marked.is_empty());
    assert!(model.targets().is_empty());
    let _ = model.apply(Command::AskBulkDelete);
    assert!(model.confirm.is_none(), "no confirmation over nothing");
    let files_before = fs::read_dir(root.join(TASKS)).unwrap().count();
    let outcome = model.apply(Command::BulkStatus(Status::Pending));
    assert!(model.history.is_empty(), "{outcome:?}");
    assert_eq!(
        fs::read_dir(root.join(TASKS)).unwrap().count(),
        files_before
    );
}

#[test]
fn commands_that_cannot_apply_to_a_row_say_why() {
    let demo = demo();
    let root = demo.mobile_apps();
    let (syntax_id, _) = file_containing(root, BROKEN, "syntax@example.com");
    let link_id = fs::read_dir(root.join(BROKEN))
        .unwrap()
        .flatten()
        .find(|entry| entry.path().is_symlink())
        .unwrap()
        .file_name()
        .to_string_lossy()
        .into_owned();
    let mut model = open(root, Memory::default());
    // Space on a file that is not a session 4D can read.
    let _ = model.apply(Command::Select(key(BROKEN, &syntax_id)));
    let outcome = model.apply(Command::ToggleStatus);
    assert!(
        matches!(
            outcome.notice,
            Some(Notice::NotApplicable {
                reason: NotApplicable::NoStatus,
                ..
            })
        ),
        "{outcome:?}"
    );
    // Delete on a symbolic link: refused before any confirmation, with the reason.
    let outcome = model.apply(Command::AskDelete {
        app: BROKEN.into(),
        id: link_id.clone(),
    });
    assert!(model.confirm.is_none());
    assert!(
        matches!(
            outcome.notice,
            Some(Notice::NotApplicable {
                reason: NotApplicable::Unsafe,
                ..
            })
        ),
        "{outcome:?}"
    );
    assert!(
        root.join(BROKEN).join(&link_id).is_symlink(),
        "the link is left alone"
    );
    // A malformed (syntax) file can be deleted after asking, as the problems list offers.
    let _ = model.apply(Command::AskDelete {
        app: BROKEN.into(),
        id: syntax_id.clone(),
    });
    assert!(matches!(model.confirm, Some(Confirm::Delete { .. })));
}

#[test]
fn escape_closes_one_thing_at_a_time() {
    let demo = demo();
    let root = demo.mobile_apps();
    let (id, _) = file_containing(root, TASKS, "\"pending\"");
    let mut model = open(root, Memory::default());
    let _ = model.apply(Command::Select(key(TASKS, &id)));
    let _ = model.apply(Command::ShowProblems(true));
    let _ = model.apply(Command::Escape);
    assert!(!model.problems_open, "first the problems list");
    assert!(model.details.is_some());
    let _ = model.apply(Command::Escape);
    assert!(
        model.details.is_none(),
        "then the details panel and selection"
    );
    assert!(model.selection.selected.is_none());
}

#[test]
fn right_click_selects_the_row_it_was_made_on() {
    let demo = demo();
    let root = demo.mobile_apps();
    let mut model = open(root, Memory::default());
    let rows = model.rows().to_vec();
    let _ = model.apply(Command::Select(rows[0].clone()));
    let _ = model.apply(Command::ContextSelect(rows[2].clone()));
    assert_eq!(model.selection.selected.as_ref(), Some(&rows[2]));
    assert_eq!(model.targets(), vec![rows[2].clone()]);
}

#[test]
fn push_is_remembered_across_a_restart_until_it_succeeds() {
    let demo = demo();
    // A copy outside the demo's own folder, since the demo is never remembered.
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path().join("MobileApps");
    copy_tree(demo.mobile_apps(), &root);
    let (id, _) = file_containing(&root, TASKS, "\"pending\"");
    let mut model = open(&root, Memory::default());
    assert!(!model.push_needed());
    let _ = model.apply(Command::SetStatus {
        app: TASKS.into(),
        id,
        status: Status::Accepted,
    });
    assert!(model.push_needed());
    // The window closes; the next one starts from what was saved.
    let saved = model.memory.clone();
    drop(model);
    let mut again = open(&root, saved);
    assert!(again.push_needed(), "a restart does not forget the change");
    again.push_settings.folders.insert(
        again.workspace.as_ref().unwrap().root().path().to_owned(),
        mobile_sessions::push::PushTarget {
            url: "http://127.0.0.1:9/4DACTION/mobileSessionsRefresh".into(),
            secret: None,
        },
    );
    let sent = again.apply(Command::Push);
    assert!(
        matches!(sent.effects.as_slice(), [Effect::Push(_)]),
        "{sent:?}"
    );
    let ok = || {
        Command::PushFinished(Ok(mobile_sessions::push::PushReply {
            status: 200,
            body: String::new(),
        }))
    };
    // A change made while the push was on its way was not seen by the server: Push stays lit.
    let (other, _) = file_containing(&root, TASKS, "\"pending\"");
    let _ = again.apply(Command::SetStatus {
        app: TASKS.into(),
        id: other,
        status: Status::Accepted,
    });
    let _ = again.apply(ok());
    assert!(again.push_needed(), "the later change still waits");
    let _ = again.apply(Command::Push);
    let _ = again.apply(ok());
    assert!(!again.push_needed());
    assert!(again.memory.unpushed.is_empty());
}

#[test]
fn a_session_first_seen_half_written_then_completed_is_still_new() {
    let demo = demo();
    let root = demo.mobile_apps();
    let (_, template) = file_containing(root, TASKS, "\"pending\"");
    let text = fs::read_to_string(&template).unwrap();
    // Polling (every 0.1 s, comparing contents) sees each step of the write as the server
    // makes it, on any machine.
    let polling = Memory {
        poll_seconds: Some(0.1),
        ..Memory::default()
    };
    let mut model = open(root, polling);
    // The watcher has started once it reports a file: copy one in and wait for it.
    let probe = "00000000000000000000000000000000000000bb";
    fs::write(root.join(TASKS).join(probe), &text).unwrap();
    wait(&mut model, "the watcher reports a new file", |model| {
        model
            .workspace
            .as_ref()
            .unwrap()
            .session(TASKS, probe)
            .is_some()
    });
    let id = "00000000000000000000000000000000000000aa";
    let path = root.join(TASKS).join(id);
    // 4D writes in place: first half the text, then all of it.
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    wait(&mut model, "the half-written file is seen", |model| {
        model
            .workspace
            .as_ref()
            .unwrap()
            .session(TASKS, id)
            .is_some()
    });
    std::thread::sleep(Duration::from_millis(50));
    let old_id = template.file_name().unwrap().to_string_lossy().into_owned();
    fs::write(&path, text.replace(&old_id, id)).unwrap();
    wait(&mut model, "the completed file is marked new", |model| {
        model
            .workspace
            .as_ref()
            .unwrap()
            .unseen
            .contains(&key(TASKS, id))
    });
}

#[test]
fn a_dialog_that_cannot_be_shown_offers_a_path_field_that_opens_the_folder() {
    let demo = demo();
    let root = demo.mobile_apps();
    let mut model = open(root, Memory::default());
    let outcome = model.apply(Command::FolderPicked(Err(
        mobile_sessions::model::DialogKind::OpenFolder,
    )));
    assert!(outcome.notice.as_ref().is_some_and(Notice::is_error));
    assert!(model.path_entry.is_some());
    let other = demo_copy_elsewhere(root);
    let _ = model.apply(Command::EditPath(other.path().display().to_string()));
    let _ = model.apply(Command::SubmitPath);
    assert!(model.path_entry.is_none());
    wait(&mut model, "the typed folder is open", |model| {
        model
            .workspace
            .as_ref()
            .is_some_and(|workspace| workspace.root().path().starts_with(other.path()))
    });
}

#[test]
fn the_two_field_service_apps_are_told_apart() {
    let demo = demo();
    let model = open(demo.mobile_apps(), Memory::default());
    let workspace = model.workspace.as_ref().unwrap();
    let one = workspace.app_display_name("4RZ3PQ8N2K.com.acme.FieldService");
    let other = workspace.app_display_name("com.acme.FieldService");
    assert_ne!(one, other);
    assert!(
        !workspace.app_display_name(CONTACT).contains('·'),
        "a unique name stays plain"
    );
}

/// A copy of the demo in a folder of its own (a data folder holding MobileApps).
fn demo_copy_elsewhere(root: &std::path::Path) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    copy_tree(root, &folder.path().join("MobileApps"));
    folder
}

/// Copies a folder tree, links included (as links).
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn an_export_never_writes_into_the_sessions_folder_nor_over_a_typed_existing_file() {
    let demo = demo();
    let root = demo.mobile_apps();
    let (_, session) = file_containing(root, TASKS, "\"pending\"");
    let before = fs::read(&session).unwrap();
    let mut model = open(root, Memory::default());
    let outcome = model.apply(Command::ExportTo(session.clone()));
    assert!(
        matches!(outcome.notice, Some(Notice::ExportRefused { .. })),
        "{outcome:?}"
    );
    assert_eq!(
        fs::read(&session).unwrap(),
        before,
        "the session file is intact"
    );
    // A typed path (no dialog asked about replacing) never replaces an existing file.
    let out = tempfile::tempdir().unwrap();
    let existing = out.path().join("mine.csv");
    fs::write(&existing, "mine").unwrap();
    let _ = model.apply(Command::ExportPicked(Err(
        mobile_sessions::model::DialogKind::Export,
    )));
    let _ = model.apply(Command::EditPath(existing.display().to_string()));
    let outcome = model.apply(Command::SubmitPath);
    assert!(matches!(outcome.notice, Some(Notice::ExportRefused { .. })));
    assert_eq!(fs::read_to_string(&existing).unwrap(), "mine");
    assert!(
        model.path_entry.is_some(),
        "the field stays for another name"
    );
}

#[test]
fn ctrl_click_taking_a_row_out_leaves_commands_on_the_rows_still_selected() {
    let demo = demo();
    let mut model = open(demo.mobile_apps(), Memory::default());
    let rows = model.rows().to_vec();
    let _ = model.apply(Command::Select(rows[0].clone()));
    let _ = model.apply(Command::Mark {
        key: rows[1].clone(),
        range: false,
    });
    let _ = model.apply(Command::Mark {
        key: rows[0].clone(),
        range: false,
    });
    assert_eq!(model.targets(), vec![rows[1].clone()]);
    assert_eq!(model.selection.selected.as_ref(), Some(&rows[1]));
}

#[test]
fn a_bulk_undo_that_partly_fails_says_how_many_came_back_and_keeps_newer_writes() {
    let demo = demo();
    let root = demo.mobile_apps();
    let mut model = open(root, Memory::default());
    let _ = model.apply(Command::SelectApp(Shown::App(TASKS.into())));
    let _ = model.apply(Command::Filter {
        query: String::new(),
        status: StatusFilter::Pending,
    });
    let pending = model.rows().to_vec();
    assert!(pending.len() >= 2);
    let _ = model.apply(Command::MarkAll);
    let _ = model.apply(Command::BulkStatus(Status::Accepted));
    // The server rewrites one of them meanwhile.
    let changed = root.join(TASKS).join(&*pending[0].id);
    let newer = fs::read_to_string(&changed)
        .unwrap()
        .replace("\"send\"", "\"sent\"");
    fs::write(&changed, &newer).unwrap();
    let outcome = model.apply(Command::Undo);
    match outcome.notice {
        Some(Notice::UndoFailed { undone, .. }) => assert_eq!(undone, pending.len() - 1),
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read_to_string(&changed).unwrap(), newer);
    for key in &pending[1..] {
        let text = fs::read_to_string(root.join(TASKS).join(&*key.id)).unwrap();
        assert!(text.contains("\"pending\""), "the others came back");
    }
}

/// The counts are kept change by change (a recount of every session for each file the server
/// writes would stall a big folder's window): after each kind of change, by this window or by
/// the server, in one app and in All apps, they equal a count of everything, and the header
/// shows the truth.
#[test]
fn the_counts_kept_change_by_change_equal_a_count_of_everything() {
    let demo = demo();
    let root = demo.mobile_apps();
    let polling = Memory {
        poll_seconds: Some(0.1),
        ..Memory::default()
    };
    let mut model = open(root, polling);
    let exact = |model: &Model, step: &str| {
        let workspace = model.workspace.as_ref().unwrap();
        assert_eq!(
            workspace.counts,
            workspace.counts_from_scratch(),
            "after {step}"
        );
    };
    let on_disk = |model: &Model, app: &str, id: &str| {
        model
            .workspace
            .as_ref()
            .unwrap()
            .session(app, id)
            .and_then(|session| session.status())
    };
    for shown in [Shown::AllApps, Shown::App(TASKS.into())] {
        let _ = model.apply(Command::SelectApp(shown.clone()));
        exact(&model, "choosing what is shown");

        // This window's own writes.
        let (id, _) = file_containing(root, TASKS, "\"pending\"");
        let _ = model.apply(Command::SetStatus {
            app: TASKS.into(),
            id: id.clone(),
            status: Status::Accepted,
        });
        exact(&model, "accepting a session");
        let _ = model.apply(Command::Undo);
        exact(&model, "undoing it");
        let _ = model.apply(Command::Delete {
            app: TASKS.into(),
            id: id.clone(),
        });
        exact(&model, "deleting it");
        let _ = model.apply(Command::Undo);
        exact(&model, "putting it back");

        // The server's writes: a new device, a status changed, a session gone.
        let (_, template) = file_containing(root, TASKS, "\"pending\"");
        let text = fs::read_to_string(&template).unwrap();
        let old_id = template.file_name().unwrap().to_string_lossy().into_owned();
        let new_id = "00000000000000000000000000000000000000c1";
        fs::write(root.join(TASKS).join(new_id), text.replace(&old_id, new_id)).unwrap();
        wait(&mut model, "the new device is seen", |model| {
            on_disk(model, TASKS, new_id) == Some(Status::Pending)
        });
        exact(&model, "a device logging in");
        fs::write(
            root.join(TASKS).join(new_id),
            text.replace(&old_id, new_id)
                .replace("\"pending\"", "\"accepted\""),
        )
        .unwrap();
        wait(&mut model, "the server's status change is seen", |model| {
            on_disk(model, TASKS, new_id) == Some(Status::Accepted)
        });
        exact(&model, "the server accepting it");
        fs::write(root.join(TASKS).join(new_id), b"{ not json").unwrap();
        // The copy has a problem already (its token names the template's id): the file is
        // seen broken once it is no longer read as a session at all.
        wait(&mut model, "the broken file is seen", |model| {
            model
                .workspace
                .as_ref()
                .unwrap()
                .session(TASKS, new_id)
                .is_some_and(|session| session.info.is_none() && !session.problems.is_empty())
        });
        exact(&model, "the file breaking");
        fs::remove_file(root.join(TASKS).join(new_id)).unwrap();
        wait(&mut model, "the removal is seen", |model| {
            model
                .workspace
                .as_ref()
                .unwrap()
                .session(TASKS, new_id)
                .is_none()
        });
        exact(&model, "the session going away");

        // A whole app folder coming, then going.
        let folder = "com.counted.Late";
        fs::create_dir(root.join(folder)).unwrap();
        fs::write(
            root.join(folder).join(new_id),
            text.replace(&old_id, new_id),
        )
        .unwrap();
        wait(&mut model, "the new app is seen", |model| {
            on_disk(model, folder, new_id).is_some()
        });
        exact(&model, "an app folder arriving");
        fs::remove_dir_all(root.join(folder)).unwrap();
        wait(&mut model, "the app is gone", |model| {
            !model
                .workspace
                .as_ref()
                .unwrap()
                .index
                .apps
                .contains_key(folder)
        });
        exact(&model, "an app folder going away");
    }
}

/// The search looks at a text made once per session (its file's name and four fields in lower
/// case). A file the server rewrites must be found by what it says now, not by what it said
/// when it was first read, and a session is found by a part of its file's name in any case.
#[test]
fn a_search_finds_a_session_by_what_the_server_wrote_last() {
    let demo = demo();
    let root = demo.mobile_apps();
    let (id, path) = file_containing(root, TASKS, "\"email\"");
    let mut model = open(root, Memory::default());
    let workspace = model.workspace.as_mut().unwrap();
    workspace.choose_app(Shown::AllApps);
    workspace.set_filter(&id[..12].to_uppercase(), StatusFilter::All);
    assert_eq!(
        workspace.rows,
        vec![key(TASKS, &id)],
        "found by its file name"
    );
    workspace.set_filter("Zorro.Nuevo@Example.ES", StatusFilter::All);
    assert!(workspace.rows.is_empty());
    let mut object: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    object["email"] = "zorro.nuevo@example.es".into();
    fs::write(&path, serde_json::to_string_pretty(&object).unwrap()).unwrap();
    wait(&mut model, "the search finds the rewritten file", |model| {
        model.workspace.as_ref().unwrap().rows == vec![key(TASKS, &id)]
    });
}
