//! The real window opens with the renderer that suits the system, and with the other one when
//! that one cannot open it (issue 17: on Linux glow, whose frames cost a fifth of wgpu's on a
//! software renderer). Runs the real binary under Xvfb; Linux only. On CI (CI=true) a missing
//! Xvfb fails the test (.ci/run installs it); elsewhere the test says so and passes.
#![cfg(target_os = "linux")]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// An X server of the test's own, stopped when dropped.
struct Xvfb {
    child: Child,
    display: String,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts Xvfb on a free display it picks itself, or says why it cannot.
fn xvfb() -> Option<Xvfb> {
    let spawned = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("Xvfb cannot start on CI ({error}); .ci/run installs it")
        }
        Err(error) => {
            eprintln!("skipped: Xvfb cannot start here ({error}); apt-get install xvfb");
            return None;
        }
    };
    // Xvfb writes its display number once it accepts clients; a thread reads it, so that an
    // Xvfb that never says fails the test instead of hanging it.
    let mut out = child.stdout.take().expect("Xvfb's output is piped");
    let (said, number) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let mut byte = [0u8; 1];
        while out.read(&mut byte).is_ok_and(|read| read == 1) && byte[0] != b'\n' {
            line.push(byte[0] as char);
        }
        let _ = said.send(line);
    });
    // Owned from here on, so that a failed assertion below stops it too.
    let mut x = Xvfb {
        child,
        display: String::new(),
    };
    let number = number
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_default();
    assert!(
        !number.is_empty(),
        "Xvfb did not say within 30 s which display it took"
    );
    x.display = format!(":{number}");
    Some(x)
}

/// Opens the window on a copy of the demo with `env` set, waits until its first frame is on
/// screen (or two minutes, for a debug build on a busy machine), closes it and returns what
/// it wrote to standard error.
fn open_window(x: &Xvfb, env: &[(&str, &str)]) -> String {
    let demo = demo();
    let home = tempfile::tempdir().expect("a temporary home");
    let mut command = bin(home.path());
    command
        .arg(demo.mobile_apps())
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("LIBGL_ALWAYS_INDIRECT")
        .env_remove("LIBGL_ALWAYS_SOFTWARE")
        .env_remove(mobile_sessions::ui::RENDERER_VAR)
        .env("DISPLAY", &x.display)
        .env(mobile_sessions::ui::TIMING_VAR, "1")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut window = command.spawn().expect("the binary starts");
    let stderr = window.stderr.take().expect("standard error is piped");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut said = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = received.recv_timeout(left) else {
            break;
        };
        said.push_str(&line);
        said.push('\n');
        if line.starts_with("timing: first frame") {
            break;
        }
    }
    let _ = window.kill();
    let _ = window.wait();
    said
}

#[test]
fn the_window_opens_with_glow_on_linux_and_falls_back_to_wgpu_when_opengl_cannot_open_it() {
    let Some(x) = xvfb() else { return };

    let said = open_window(&x, &[]);
    assert!(said.contains("timing: renderer glow\n"), "{said}");
    assert!(said.contains("timing: first frame"), "{said}");
    assert!(!said.contains("could not open the window"), "{said}");

    // Indirect GLX offers no OpenGL 3 context, so glow cannot open the window; wgpu (OpenGL
    // through EGL here) can, and the user is told which renderer failed and why.
    let said = open_window(&x, &[("LIBGL_ALWAYS_INDIRECT", "1")]);
    assert!(
        said.contains("The glow renderer could not open the window ("),
        "{said}"
    );
    assert!(said.contains("; trying another.\n"), "{said}");
    assert!(said.contains("timing: renderer wgpu\n"), "{said}");
    assert!(said.contains("timing: first frame"), "{said}");

    // The variable chooses; a name that is no renderer is said back, and the default opens.
    let said = open_window(&x, &[("MOBILE_SESSIONS_RENDERER", "wgpu")]);
    assert!(said.contains("timing: renderer wgpu\n"), "{said}");
    assert!(said.contains("timing: first frame"), "{said}");
    assert!(!said.contains("could not open the window"), "{said}");
    let said = open_window(&x, &[("MOBILE_SESSIONS_RENDERER", "vulkan")]);
    assert!(
        said.contains("MOBILE_SESSIONS_RENDERER=\"vulkan\" is not a renderer this app has"),
        "{said}"
    );
    assert!(said.contains("timing: renderer glow\n"), "{said}");
}

#[test]
fn with_no_display_the_window_says_so_once_without_blaming_a_renderer() {
    let home = tempfile::tempdir().expect("a temporary home");
    let output = bin(home.path())
        .arg("--demo")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .expect("the binary runs");
    let said = stderr(&output);
    assert!(!output.status.success(), "{said}");
    assert!(
        said.contains("the window could not be opened: ") && said.contains("DISPLAY"),
        "{said}"
    );
    // No renderer can open a window without a display: neither is named as the culprit.
    assert!(!said.contains("renderer"), "{said}");
    assert_eq!(said.trim().lines().count(), 1, "{said}");
}
