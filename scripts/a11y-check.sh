#!/usr/bin/env bash
# What a screen reader sees, checked with a real AT-SPI client (issue 19): starts Xvfb, a private
# session D-Bus and the AT-SPI bus, turns accessibility on, opens the window (the debug build
# that `cargo test` made) on a copy of the demo folder, and runs scripts/a11y_client.py, which
# reads the window through AT-SPI as Orca would and accepts a pending device through the status
# drop-down's actions. Linux only. On CI (CI=true) it fails when it cannot run; elsewhere it
# skips with a message. Needs: xvfb, dbus, at-spi2-core, python3-pyatspi (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  if [ "${CI:-}" = "true" ]; then
    echo "a11y-check: cannot run on CI: $1" >&2
    exit 1
  fi
  echo "a11y-check: skipped: $1"
  exit 0
}

[ "$(uname -s)" = "Linux" ] || skip "AT-SPI is Linux's accessibility bus"
for tool in Xvfb dbus-run-session dbus-send; do
  command -v "$tool" > /dev/null || skip "$tool is missing (apt-get install xvfb dbus)"
done
launcher=/usr/libexec/at-spi-bus-launcher
[ -x "$launcher" ] || skip "$launcher is missing (apt-get install at-spi2-core)"
/usr/bin/python3 -c 'import pyatspi' 2> /dev/null || skip "python3-pyatspi is missing"
binary="${CARGO_TARGET_DIR:-target}/debug/mobile-sessions"
[ -x "$binary" ] || skip "$binary is missing (run cargo build or cargo test first)"
binary="$(realpath "$binary")"

work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the demo, and a home of its own, so nothing of the user's is read or changed.
cp -R assets/demo/MobileApps "$work/MobileApps"
mkdir -p "$work/home"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data"
export XDG_RUNTIME_DIR="$work/home/run" MOBILE_SESSIONS_CONFIG_DIR="$work/home/settings"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY

# A free display number: the first without a lock file.
display=91
while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

# Inside a private session bus: the AT-SPI bus, accessibility on, the window, the client.
export A11Y_BINARY="$binary" A11Y_WORK="$work"
started=$(date +%s)
dbus-run-session -- bash -c '
  set -euo pipefail
  /usr/libexec/at-spi-bus-launcher --launch-immediately > "$A11Y_WORK/bus.log" 2>&1 &
  bus=$!
  for _ in $(seq 50); do
    dbus-send --session --dest=org.a11y.Bus --print-reply /org/a11y/bus \
      org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled \
      variant:boolean:true > /dev/null 2>&1 && break
    sleep 0.1
  done
  "$A11Y_BINARY" "$A11Y_WORK/MobileApps" > "$A11Y_WORK/app.log" 2>&1 &
  app=$!
  status=0
  timeout 120 /usr/bin/python3 scripts/a11y_client.py "$A11Y_WORK/MobileApps" || status=$?
  kill "$app" "$bus" 2> /dev/null || true
  if [ "$status" -ne 0 ]; then
    echo "--- the window said:" >&2
    tail -n 20 "$A11Y_WORK/app.log" >&2
  fi
  exit "$status"
' 2> >(grep -v -e "Failed to set fd limit" -e "Activating service" -e "Successfully activated" \
  -e "SpiRegistry daemon" >&2)
echo "a11y-check: passed in $(($(date +%s) - started)) s"
