//! A private session D-Bus for the tests that need one (notifications, the keychain, the dock
//! badge): a `dbus-daemon` of our own, listening in a temporary folder, with a configuration
//! that activates no service, so nothing installed on this machine answers on it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Runs `command` under a shell that kills it when our standard input closes, that is when
/// this test program ends, however it ends. Returns the child and its first line of output.
pub fn start_tied(command: &str, args: &[&str], env: &[(&str, &Path)]) -> (Child, String) {
    let mut child = Command::new("sh");
    child
        .arg("-c")
        .arg(format!("{command} & pid=$!; read _; kill $pid"))
        .arg("sh")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (name, value) in env {
        child.env(name, value);
    }
    let mut child = child.spawn().expect("sh runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // Keep our end of its standard input open for as long as this program runs.
    std::mem::forget(child.stdin.take());
    (child, line.trim().to_owned())
}

/// Starts a private session bus listening in `dir`; returns the daemon and its address.
pub fn start_bus_daemon(dir: &Path) -> (Child, String) {
    let config = dir.join("bus.conf");
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
            dir.join("bus").display()
        ),
    )
    .unwrap();
    let config = config.to_string_lossy().into_owned();
    let (daemon, address) = start_tied(
        r#"dbus-daemon --nofork --print-address=1 --config-file="$1""#,
        &[&config],
        &[],
    );
    assert!(
        !address.is_empty(),
        "dbus-daemon printed no address: is it installed? (Debian package dbus-daemon; .ci/run installs it)"
    );
    (daemon, address)
}

/// Points this test program at the bus at `address`.
///
/// # Safety
/// No other thread of the program may read the environment meanwhile: call it with the lock
/// that runs the program's tests one at a time.
pub unsafe fn use_bus(address: &str) {
    // SAFETY: as the caller promised.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", address) };
}
