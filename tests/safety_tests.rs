//! The safety review (issue 18) and Push's honest errors (issue 11), each finding guarded by a
//! test named after it, over real temporary folders, the real binary, the real watcher and a
//! real HTTP server on 127.0.0.1.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, UNIX_EPOCH};

use common::*;
use mobile_sessions::store::{self, Index, Root, Status, WatchMessage, WatchMode};

/// The binary under test: `MOBILE_SESSIONS_TEST_BIN` when set (several worktrees that share
/// one target folder rebuild the same binary path, so a run can pin its own copy), else the
/// one cargo built for these tests.
fn bin(home: &std::path::Path) -> std::process::Command {
    let program = std::env::var_os("MOBILE_SESSIONS_TEST_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_mobile-sessions").into());
    let mut command = std::process::Command::new(program);
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("MOBILE_SESSIONS_CONFIG_DIR", home.join("settings"));
    command
}

/// Runs the binary under test with these arguments.
fn run(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    bin(home).args(args).output().expect("the binary runs")
}

// ---------------------------------------------------------------------------------------------
// A loopback HTTP server that answers through a closure and keeps every request it saw.

struct Server {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves up to `count` requests, for at most 30 seconds; `answer` turns a request (line and
    /// headers) into the whole HTTP response.
    fn start(count: usize, answer: impl Fn(&str) -> String + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://{}/4DACTION/mobileSessionsRefresh",
            listener.local_addr().unwrap()
        );
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            let mut served = 0;
            while served < count && Instant::now() < deadline {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|window| window == b"\r\n\r\n") {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(read) => request.extend_from_slice(&buffer[..read]),
                    }
                }
                let request = String::from_utf8_lossy(&request).into_owned();
                let reply = answer(&request);
                seen.lock().unwrap().push(request);
                let _ = stream.write_all(reply.as_bytes());
                served += 1;
            }
        });
        Server { url, requests }
    }

    fn seen(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn http(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The value of a request header, by case-insensitive name.
fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then_some(value.trim())
    })
}

/// A server that behaves as the 4D method of `push::server_snippet` does: a wrong secret is
/// 401, a request marked as a test is answered without reloading, any other reloads. Counts
/// the reloads.
fn four_d_method(secret: &str, count: usize) -> (Server, Arc<Mutex<usize>>) {
    let reloads = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&reloads);
    let expected = format!("Bearer {secret}");
    let server = Server::start(count, move |request| {
        if header(request, "Authorization") != Some(expected.as_str()) {
            return http("401 Unauthorized", "", "Wrong or missing secret");
        }
        if header(request, mobile_sessions::push::TEST_HEADER).is_some() {
            http(
                "200 OK",
                "",
                "Test OK: the secret matches; nothing was reloaded",
            )
        } else {
            *counted.lock().unwrap() += 1;
            http("200 OK", "", "Sessions reloaded")
        }
    });
    (server, reloads)
}

/// Whether bytes hold an escape or another control character than a line end or a tab.
fn has_control(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

// ---------------------------------------------------------------------------------------------
// 18.2: times before 1970.

#[test]
fn list_json_does_not_panic_on_a_file_dated_before_1970() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let (_, file) = file_containing(demo.mobile_apps(), CONTACT, "\"status\"");
    let moon_landing = UNIX_EPOCH - Duration::from_secs(14_182_940);
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(moon_landing)
        .unwrap();
    let root = demo.mobile_apps().to_str().unwrap();
    let output = run(home.path(), &["list", root, "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("\"modified\": \"1969-07-20T20:17:40Z\""),
        "{}",
        stdout(&output)
    );
    let output = run(home.path(), &["list", root]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

// ---------------------------------------------------------------------------------------------
// 18.3, 18.9 and issue 11: Push.

#[test]
fn push_follows_no_redirect_and_names_where_it_pointed() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(2, |request| {
        if request.starts_with("POST") {
            http(
                "302 Found",
                "Location: http://127.0.0.1:9/login?next=token-abc\r\n",
                "",
            )
        } else {
            http("200 OK", "", "Please log in")
        }
    });
    let output = run(
        home.path(),
        &[
            "push",
            demo.mobile_apps().to_str().unwrap(),
            "--url",
            &server.url,
            "--secret",
            "s3cret",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: ") && message.contains("302") && message.contains("/login"),
        "{message}"
    );
    assert!(
        !message.contains("token-abc"),
        "the query is hidden: {message}"
    );
    assert!(stdout(&output).is_empty(), "no success is claimed");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(server.seen().len(), 1, "the redirect was not followed");
}

#[test]
fn push_messages_never_show_the_password_or_query_of_the_url() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(1, |_| http("500 Internal Server Error", "", "boom"));
    let address = server.url.trim_start_matches("http://");
    let url = format!("http://admin:hunter2@{address}?secret=s3cr3t-query");
    let output = run(
        home.path(),
        &["push", demo.mobile_apps().to_str().unwrap(), "--url", &url],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("500"), "{message}");
    // Nothing listens any more: the connection is refused, and that message is clean too.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://admin:hunter2@127.0.0.1:{port}/4DACTION/x?secret=s3cr3t-query");
    let refused = run(
        home.path(),
        &["push", demo.mobile_apps().to_str().unwrap(), "--url", &url],
    );
    let bad_scheme = run(
        home.path(),
        &[
            "push",
            demo.mobile_apps().to_str().unwrap(),
            "--url",
            "ftp://admin:hunter2@host/?secret=s3cr3t-query",
        ],
    );
    for output in [&output, &refused, &bad_scheme] {
        let text = format!("{}{}", stdout(output), stderr(output));
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(
            !text.contains("hunter2") && !text.contains("s3cr3t-query"),
            "a secret part of the URL was printed: {text}"
        );
    }
}

#[test]
fn push_errors_say_what_failed_in_words() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://127.0.0.1:{port}/4DACTION/mobileSessionsRefresh");
    let output = run(
        home.path(),
        &["push", demo.mobile_apps().to_str().unwrap(), "--url", &url],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("127.0.0.1:{port} refused the connection")),
        "{message}"
    );
    assert!(
        !message.contains("os error") && !message.contains("io:"),
        "{message}"
    );
}

#[test]
fn push_test_reaches_the_server_as_a_test_and_does_not_reload() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let (server, reloads) = four_d_method("s3cret", 2);
    let root = demo.mobile_apps().to_str().unwrap();
    let output = run(
        home.path(),
        &[
            "push",
            root,
            "--url",
            &server.url,
            "--secret",
            "s3cret",
            "--test",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("reloaded nothing"),
        "{}",
        stdout(&output)
    );
    assert_eq!(*reloads.lock().unwrap(), 0, "a test reloads nothing");
    let seen = server.seen();
    assert_eq!(
        header(&seen[0], "X-Mobile-Sessions-Test"),
        Some("1"),
        "{}",
        seen[0]
    );
    assert_eq!(header(&seen[0], "Authorization"), Some("Bearer s3cret"));
    // Without --test the same server reloads.
    let output = run(
        home.path(),
        &["push", root, "--url", &server.url, "--secret", "s3cret"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(*reloads.lock().unwrap(), 1);
}

#[test]
fn push_test_against_an_old_method_that_reloads_is_not_called_a_success() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(1, |_| http("200 OK", "", "Sessions reloaded"));
    let output = run(
        home.path(),
        &[
            "push",
            demo.mobile_apps().to_str().unwrap(),
            "--url",
            &server.url,
            "--test",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did not recognise the test"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn test_connection_reaches_the_server_as_a_test_and_does_not_reload() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    let demo = demo();
    let settings = tempfile::tempdir().unwrap();
    let (server, reloads) = four_d_method("s3cret", 1);
    let mut harness = open_window(demo.mobile_apps(), settings.path(), None);
    harness.state_mut().settings_dialog = Some(mobile_sessions::ui::SettingsDialog::new(
        mobile_sessions::push::PushTarget {
            url: server.url.clone(),
            secret: Some("s3cret".into()),
        },
        false,
    ));
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Test connection")
        .click();
    harness.run_ok();
    wait_for(&mut harness, "the test is answered", |app| {
        app.settings_dialog
            .as_ref()
            .is_some_and(|dialog| dialog.test_result.is_some())
    });
    let result = harness
        .state()
        .settings_dialog
        .as_ref()
        .unwrap()
        .test_result
        .clone()
        .unwrap();
    assert!(
        result
            .as_ref()
            .is_ok_and(|text| text.contains("Nothing was reloaded")),
        "{result:?}"
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(header(&seen[0], "X-Mobile-Sessions-Test"), Some("1"));
    assert_eq!(
        *reloads.lock().unwrap(),
        0,
        "Test connection reloads nothing"
    );
}

#[test]
fn settings_and_targets_never_print_the_secret_or_the_urls_password() {
    let target = mobile_sessions::push::PushTarget {
        url: "http://admin:hunter2@host/x?secret=q".into(),
        secret: Some("s3cret".into()),
    };
    let dialog = mobile_sessions::ui::SettingsDialog::new(target.clone(), false);
    for text in [format!("{target:?}"), format!("{dialog:?}")] {
        assert!(
            !text.contains("s3cret") && !text.contains("hunter2") && !text.contains("secret=q"),
            "{text}"
        );
    }
}

#[test]
fn backslash_in_secret_is_escaped_in_the_4d_method() {
    let snippet = mobile_sessions::push::server_snippet(r#"a\b"c"#);
    assert!(
        snippet.contains(r#"var $expected : Text:="Bearer a\\b\"c""#),
        "{snippet}"
    );
}

// ---------------------------------------------------------------------------------------------
// 18.4: the watcher and symbolic links.

#[cfg(unix)]
fn watched_inodes() -> Vec<u64> {
    // Linux lists each inotify watch of the process in /proc/self/fdinfo as `ino:<hex>`.
    let mut inodes = Vec::new();
    for entry in fs::read_dir("/proc/self/fdinfo")
        .into_iter()
        .flatten()
        .flatten()
    {
        let Ok(text) = fs::read_to_string(entry.path()) else {
            continue;
        };
        for line in text.lines().filter(|line| line.starts_with("inotify wd:")) {
            if let Some(hex) = line
                .split_whitespace()
                .find_map(|part| part.strip_prefix("ino:"))
                && let Ok(inode) = u64::from_str_radix(hex, 16)
            {
                inodes.push(inode);
            }
        }
    }
    inodes
}

#[cfg(unix)]
#[test]
fn watcher_does_not_follow_a_linked_app_folder() {
    use std::os::unix::fs::MetadataExt;

    let demo = demo();
    let outside = tempfile::tempdir().unwrap();
    let deep = outside.path().join("a/b/c");
    fs::create_dir_all(&deep).unwrap();
    let (id, _) = write_session(outside.path(), "com.evil.App", 1, Status::Accepted, false);
    std::os::unix::fs::symlink(
        outside.path().join("com.evil.App"),
        demo.mobile_apps().join("com.evil.App"),
    )
    .unwrap();
    let root = Root::locate(demo.mobile_apps()).unwrap();
    let mut index = Index::scan(&root).unwrap();
    let watcher = store::FolderWatcher::start(&root, WatchMode::Native, || {});
    let started = Instant::now();
    let mut messages = Vec::new();
    while !messages
        .iter()
        .any(|message| matches!(message, WatchMessage::Mode(_)))
    {
        assert!(started.elapsed() < Duration::from_secs(5));
        messages.extend(watcher.next_message(Duration::from_millis(20)));
    }
    if cfg!(target_os = "linux") {
        let inodes = watched_inodes();
        for dir in [outside.path().join("com.evil.App"), deep.clone()] {
            let inode = fs::metadata(&dir).unwrap().ino();
            assert!(
                !inodes.contains(&inode),
                "a watch was registered outside the tree: {}",
                dir.display()
            );
        }
    }
    // Changes outside the tree, seen through the link, are not reported.
    let (_, other) = write_session(outside.path(), "com.evil.App", 2, Status::Pending, false);
    fs::write(outside.path().join("com.evil.App").join(&id), "{}").unwrap();
    let mut changes = Vec::new();
    let until = Instant::now() + Duration::from_millis(800);
    while Instant::now() < until {
        if let Some(message) = watcher.next_message(Duration::from_millis(20)) {
            if let WatchMessage::Paths(paths) = &message {
                assert!(
                    !paths
                        .iter()
                        .any(|path| path.starts_with(demo.mobile_apps().join("com.evil.App"))),
                    "an event from outside the tree: {paths:?}"
                );
            }
            changes.extend(store::apply(&mut index, &message).changes);
        }
    }
    assert!(
        changes.iter().all(|change| change.app != "com.evil.App"),
        "{changes:?}"
    );
    assert!(!index.apps.contains_key("com.evil.App"));
    assert!(other.exists());
    assert!(
        index
            .folder_problems
            .iter()
            .any(|problem| problem.folder == "com.evil.App"
                && problem.problem.code == store::ProblemCode::Unsafe)
    );
}

#[cfg(unix)]
#[test]
fn watcher_never_rereads_a_session_through_a_folder_swapped_for_a_link() {
    let demo = demo();
    let outside = tempfile::tempdir().unwrap();
    let root_path = demo.mobile_apps();
    let (id, _) = write_session(root_path, "com.swap.App", 7, Status::Accepted, false);
    let root = Root::locate(root_path).unwrap();
    let mut index = Index::scan(&root).unwrap();
    assert!(
        index.apps["com.swap.App"]
            .sessions
            .contains_key(id.as_str())
    );
    let watcher = store::FolderWatcher::start(&root, WatchMode::Native, || {});
    let started = Instant::now();
    loop {
        assert!(started.elapsed() < Duration::from_secs(5));
        if let Some(WatchMessage::Mode(_)) = watcher.next_message(Duration::from_millis(20)) {
            break;
        }
    }
    // The same session, pending, outside; the app folder becomes a link to it.
    write_session(outside.path(), "com.swap.App", 7, Status::Pending, false);
    fs::rename(root_path.join("com.swap.App"), outside.path().join("moved")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("com.swap.App"),
        root_path.join("com.swap.App"),
    )
    .unwrap();
    let until = Instant::now() + Duration::from_millis(1000);
    while Instant::now() < until {
        if let Some(message) = watcher.next_message(Duration::from_millis(20)) {
            store::apply(&mut index, &message);
        }
    }
    assert!(
        !index.apps.contains_key("com.swap.App"),
        "sessions behind the link were read: {:?}",
        index.apps.get("com.swap.App").map(|app| app.sessions.len())
    );
    assert!(
        index
            .folder_problems
            .iter()
            .any(|problem| problem.folder == "com.swap.App"
                && problem.problem.code == store::ProblemCode::Unsafe)
    );
}

/// A scan reads each app folder's files through the folder's handle, opened once: a folder
/// swapped for a link between the listing and the reading of its files is not followed, by the
/// window's reading or by `check` (before, each file was opened by its path, whose folder part
/// followed the link).
#[cfg(unix)]
#[test]
fn a_scan_never_reads_sessions_through_a_folder_swapped_for_a_link_after_the_listing() {
    let demo = demo();
    let outside = tempfile::tempdir().unwrap();
    let root_path = demo.mobile_apps();
    let (id, _) = write_session(root_path, "com.swap.App", 7, Status::Accepted, false);
    let (kept_id, _) = write_session(root_path, "com.stays.App", 8, Status::Accepted, false);
    let root = Root::locate(root_path).unwrap();
    let mut scan = store::Scan::start(&root).unwrap();
    let check = store::Scan::start(&root).unwrap();
    // Listed; now the folder becomes a link to a folder outside, whose file of the same name
    // is not JSON: a problem only a read through the link can find.
    let (_, behind) = write_session(outside.path(), "com.swap.App", 7, Status::Pending, false);
    fs::write(&behind, b"{ not json").unwrap();
    fs::rename(root_path.join("com.swap.App"), outside.path().join("moved")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("com.swap.App"),
        root_path.join("com.swap.App"),
    )
    .unwrap();

    let mut read = Vec::new();
    while let Some(chunk) = scan.next_chunk(4096) {
        read.extend(chunk);
    }
    let swapped = read
        .iter()
        .find(|(folder, session)| folder == "com.swap.App" && *session.id == *id)
        .map(|(_, session)| session)
        .expect("the listed file is reported, not skipped");
    assert!(swapped.info.is_none());
    assert!(
        swapped.has(store::ProblemCode::Unsafe) && !swapped.has(store::ProblemCode::Syntax),
        "the file behind the link was read: {:?}",
        swapped.problems
    );
    // The other app's session, and the demo's, are read as usual.
    let kept = read
        .iter()
        .find(|(folder, session)| folder == "com.stays.App" && *session.id == *kept_id)
        .map(|(_, session)| session)
        .unwrap();
    assert_eq!(kept.status(), Some(Status::Accepted));
    assert!(
        read.iter()
            .filter(|(_, session)| session.is_listed())
            .count()
            > 1
    );

    let (_, findings, files) = check.check_all();
    assert_eq!(files, read.len());
    let about: Vec<store::ProblemCode> = findings
        .iter()
        .filter(|finding| finding.app == "com.swap.App")
        .map(|finding| finding.problem.code)
        .collect();
    assert_eq!(about, [store::ProblemCode::Unsafe], "{findings:?}");
}

// ---------------------------------------------------------------------------------------------
// 18.5: install and uninstall.

#[cfg(all(unix, not(target_os = "macos")))]
mod install {
    use super::*;

    #[test]
    fn uninstall_leaves_a_foreign_file_alone() {
        let home = tempfile::tempdir().unwrap();
        let script = home.path().join(".local/bin/mobile-sessions");
        let entry = home
            .path()
            .join("data/applications/mobile-sessions.desktop");
        fs::create_dir_all(script.parent().unwrap()).unwrap();
        fs::create_dir_all(entry.parent().unwrap()).unwrap();
        fs::write(&script, "#!/bin/sh\necho my own script\n").unwrap();
        fs::write(&entry, "[Desktop Entry]\nName=Mine\n").unwrap();
        let output = run(home.path(), &["uninstall"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(script.exists() && entry.exists(), "{}", stdout(&output));

        // After an install, a file the user changed is left too, and the rest removed.
        fs::remove_file(&script).unwrap();
        fs::remove_file(&entry).unwrap();
        let output = run(home.path(), &["install"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        fs::write(&entry, "[Desktop Entry]\nName=Changed by hand\n").unwrap();
        let output = run(home.path(), &["uninstall"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(entry.exists(), "the changed entry is left");
        assert!(!script.exists(), "the installed program is removed");
        assert!(stdout(&output).contains("left "), "{}", stdout(&output));
    }

    #[test]
    fn install_never_writes_through_a_symbolic_link() {
        let home = tempfile::tempdir().unwrap();
        let victim = home.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let icon = home
            .path()
            .join("data/icons/hicolor/256x256/apps/mobile-sessions.png");
        fs::create_dir_all(icon.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&victim, &icon).unwrap();
        let output = run(home.path(), &["install"]);
        assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
        assert!(
            stderr(&output).contains("symbolic link") && stderr(&output).contains("256x256"),
            "{}",
            stderr(&output)
        );
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(icon.is_symlink());
        // Uninstall leaves the link and its target alone as well.
        let output = run(home.path(), &["uninstall"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(icon.is_symlink());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[test]
    fn reinstall_while_the_installed_app_runs() {
        let home = tempfile::tempdir().unwrap();
        let demo = demo();
        let output = run(home.path(), &["install"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let installed = home.path().join(".local/bin/mobile-sessions");
        let mut running = std::process::Command::new(&installed)
            .args(["watch", demo.mobile_apps().to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until it really runs (it says so on stderr).
        let mut said = [0u8; 8];
        let _ = running.stderr.as_mut().unwrap().read(&mut said);
        let output = run(home.path(), &["install"]);
        let _ = running.kill();
        let _ = running.wait();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let version = std::process::Command::new(&installed)
            .arg("--version")
            .output()
            .unwrap();
        assert!(stdout(&version).starts_with("mobile-sessions "));
    }

    /// The `Exec` value read back as the Desktop Entry specification says a launcher reads it.
    fn exec_program(entry: &str) -> String {
        let line = entry
            .lines()
            .find_map(|line| line.strip_prefix("Exec="))
            .unwrap();
        // String-value unescaping first, then the Exec quoting rules.
        let mut value = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('s') => value.push(' '),
                    Some('\\') => value.push('\\'),
                    Some(other) => {
                        value.push('\\');
                        value.push(other);
                    }
                    None => value.push('\\'),
                }
            } else {
                value.push(c);
            }
        }
        let mut program = String::new();
        let mut chars = value.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                '\\' if quoted => program.extend(chars.next()),
                '%' if chars.peek() == Some(&'%') => {
                    chars.next();
                    program.push('%');
                }
                ' ' if !quoted => break,
                c => program.push(c),
            }
        }
        program
    }

    #[test]
    fn desktop_entry_exec_is_quoted_for_odd_paths() {
        let base = tempfile::tempdir().unwrap();
        let home = base.path().join(r#"odd home 100% "q" $HOME \b"#);
        fs::create_dir_all(&home).unwrap();
        let output = run(&home, &["install"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let entry_path = home.join("data/applications/mobile-sessions.desktop");
        let entry = fs::read_to_string(&entry_path).unwrap();
        let binary = home.join(".local/bin/mobile-sessions");
        assert_eq!(exec_program(&entry), binary.to_str().unwrap(), "{entry}");
        assert!(entry.contains(" %f"), "{entry}");
        if let Ok(check) = std::process::Command::new("desktop-file-validate")
            .arg(&entry_path)
            .output()
        {
            assert!(
                check.status.success() && check.stdout.is_empty(),
                "{}{}",
                stdout(&check),
                stderr(&check)
            );
        } else {
            assert!(
                std::env::var_os("CI").is_none(),
                "desktop-file-validate must be installed on CI (.ci/run does it)"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 18.6: names from disk never carry terminal escapes to the terminal.

#[cfg(unix)]
#[test]
fn no_output_contains_a_raw_escape_from_a_folder_name() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps();
    let evil = "com.evil\u{1b}[2J\u{1b}]0;pwned\u{7}.App";
    let (id, _) = write_session(root, evil, 3, Status::Accepted, false);
    let (other, _) = write_session(root, evil, 4, Status::Accepted, false);
    let root = root.to_str().unwrap();
    let outputs = [
        run(home.path(), &["set-status", root, evil, &id, "pending"]),
        run(home.path(), &["set-status", root, evil, &id, "pending"]),
        run(home.path(), &["delete", root, evil, &other]),
        run(
            home.path(),
            &["list", root, "--app", "com.nothing\u{1b}[31m"],
        ),
        run(
            home.path(),
            &["set-status", root, "com.evil", &id, "accepted"],
        ),
        run(
            home.path(),
            &[
                "delete",
                root,
                evil,
                "0000000000000000000000000000000000000000",
            ],
        ),
    ];
    for (number, output) in outputs.iter().enumerate() {
        assert!(
            !has_control(&output.stdout) && !has_control(&output.stderr),
            "output {number} holds a control character: {:?} {:?}",
            stdout(output),
            stderr(output)
        );
    }
    assert_eq!(outputs[0].status.code(), Some(0), "{}", stderr(&outputs[0]));
    assert!(
        stdout(&outputs[0]).contains("\\u{1b}[2J"),
        "{}",
        stdout(&outputs[0])
    );
    assert_eq!(outputs[3].status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// 18.7: duplicate status keys.

#[test]
fn duplicate_status_keys_are_a_problem_and_an_edit_sets_every_occurrence() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps();
    let (id, path) = write_session(root, TASKS, 77, Status::Accepted, false);
    let text = fs::read_to_string(&path).unwrap();
    let doubled = text.replacen('{', r#"{"status":"pending","#, 1);
    fs::write(&path, &doubled).unwrap();
    let root = root.to_str().unwrap();

    let output = run(home.path(), &["check", root]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    // (The text output may shorten the path, so the line is found by its message.)
    let line = report
        .lines()
        .find(|line| line.contains("\"status\" appears 2 times"))
        .unwrap_or_else(|| panic!("the file is reported: {report}"));
    assert!(line.contains(": schema: "), "{line}");

    let output = run(home.path(), &["set-status", root, TASKS, &id, "accepted"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stdout(&output).contains("already"), "{}", stdout(&output));
    let edited = fs::read_to_string(&path).unwrap();
    assert_eq!(
        edited.matches(r#""status":"accepted""#).count(),
        2,
        "{edited}"
    );
    assert_eq!(edited, text.replacen('{', r#"{"status":"accepted","#, 1));
    // Now both say accepted: this time it is really "already".
    let output = run(home.path(), &["set-status", root, TASKS, &id, "accepted"]);
    assert!(stdout(&output).contains("already"), "{}", stdout(&output));
}

// ---------------------------------------------------------------------------------------------
// 18.8: --poll values.

#[test]
fn poll_nan_is_a_usage_error() {
    let demo = demo();
    let home = tempfile::tempdir().unwrap();
    let root = demo.mobile_apps().to_str().unwrap();
    for value in ["NaN", "inf", "-1", "0", "-inf", "soon"] {
        let poll = format!("--poll={value}");
        for args in [
            vec!["watch", root, poll.as_str()],
            vec![poll.as_str(), root],
        ] {
            let output = run(home.path(), &args);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{args:?}: {}",
                stderr(&output)
            );
            assert!(
                stderr(&output).starts_with("error: ") && stderr(&output).contains("--poll"),
                "{}",
                stderr(&output)
            );
        }
    }
    assert!(mobile_sessions::cli::poll_seconds("0.5").is_ok());
}
