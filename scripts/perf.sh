#!/usr/bin/env bash
# Measures `check`, `list --json` and the window against the floor (reading and
# serde_json-parsing every file in parallel, examples/floor.rs) on the same tree, in the same
# run, and prints the ratios.
#
#   scripts/perf.sh [DIR] [N] [APPS]     default: a temporary folder, 100000 sessions, 4 apps
#
# Needs GNU time (/usr/bin/time, Debian package `time`) for peak memory. Each command runs
# five times (RUNS) on a warm disk cache; the best time and its peak memory are kept. The window is
# measured when Xvfb is installed: it runs with MOBILE_SESSIONS_TIMING=1, which makes it print
# the milliseconds since its start of its first frame on screen, its first rows on screen, and
# the moment everything was read and it went idle (with its resident memory then), with the
# pointer outside the window; the same window on the demo folder gives the memory the sessions
# add. WINDOW_RUNS (default: RUNS, as many as the floor's, so that neither side's best is
# picked from more tries) sets how many times the window opens the tree; the fastest run is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)}
count=${2:-100000}
apps=${3:-4}
runs=${RUNS:-5}
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }
cargo build --release --quiet --bin mobile-sessions --example gen_sessions --example floor
bin=target/release/mobile-sessions
if [ ! -d "$dir/MobileApps" ]; then
  target/release/examples/gen_sessions "$dir" "$count" "$apps"
fi
root="$dir/MobileApps"
# Warm the cache.
find "$root" -type f -exec cat {} + > /dev/null

measured=$(mktemp)
trap 'rm -f "$measured"' EXIT
best() { # command... -> "seconds peak_kib" of the fastest of $runs runs
  local best_s="" best_m=""
  for _ in $(seq $runs); do
    local out
    # `check` exits 1 when it finds problems; that is a result, not a failure of the run.
    /usr/bin/time -o "$measured" -f "%e %M" "$@" > /dev/null 2>&1 || true
    out=$(tail -1 "$measured")
    local s=${out% *} m=${out#* }
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_m=$m; fi
  done
  echo "$best_s $best_m"
}

read -r floor_s floor_m < <(best target/release/examples/floor "$root")
read -r check_s check_m < <(best "$bin" check "$root")
read -r list_s list_m < <(best "$bin" list "$root" --json)
ratio() { awk "BEGIN{ if ($2 == 0) print \"n/a\"; else printf \"%.2fx\", $1 / $2 }"; }
mib() { awk "BEGIN{ printf \"%.0f MiB\", $1 / 1024 }"; }
echo "tree: $root ($(find "$root" -type f | wc -l) files), $(nproc) cores"
printf '%-22s %8s %8s %10s\n' "command" "seconds" "ratio" "peak"
printf '%-22s %8s %8s %10s\n' "floor (read + parse)" "$floor_s" "1.00x" "$(mib "$floor_m")"
printf '%-22s %8s %8s %10s\n' "check" "$check_s" "$(ratio "$check_s" "$floor_s")" "$(mib "$check_m")"
printf '%-22s %8s %8s %10s\n' "list --json" "$list_s" "$(ratio "$list_s" "$floor_s")" "$(mib "$list_m")"

# The window, when an X server can be started here (Debian: xvfb).
command -v Xvfb > /dev/null || { echo "(no Xvfb: the window was not measured)"; exit 0; }
display=:97
# A screen twice the window's size in each direction: Xvfb puts the pointer at its centre,
# which is then outside the window (at 0,0 without a window manager). On a row, the pointer
# would open a tooltip after half a second and fade it in, frames that have nothing to do
# with reading the folder; moving it out once the window is up (xdotool) would itself be an
# event, and two frames.
Xvfb "$display" -screen 0 2560x1600x24 -nolisten tcp > /dev/null 2>&1 &
xvfb=$!
trap 'rm -f "$measured"; kill "$xvfb" 2> /dev/null || true' EXIT
sleep 1
# One window: opens ARGS, waits until it says it is idle (at most 10 minutes), prints its
# timing lines and closes it.
window() {
  local log
  log=$(mktemp)
  env -u WAYLAND_DISPLAY DISPLAY="$display" MOBILE_SESSIONS_TIMING=1 \
    MOBILE_SESSIONS_CONFIG_DIR="$(mktemp -d)" XDG_CONFIG_HOME="$(mktemp -d)" \
    XDG_DATA_HOME="$(mktemp -d)" "$bin" "$@" > /dev/null 2> "$log" &
  local app=$! waited=0
  while ! grep -q '^timing: idle' "$log" && [ $waited -lt 6000 ] && kill -0 "$app" 2> /dev/null; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  grep '^timing:' "$log" || true
  rm -f "$log"
}
field() { # LINES KIND -> the milliseconds of "timing: KIND N ms"
  echo "$1" | sed -n "s/^timing: $2 \([0-9]*\) ms.*/\1/p" | head -1
}
resident() { echo "$1" | sed -n 's/^timing: idle .* \([0-9]*\) MiB resident.*/\1/p' | head -1; }

demo=$(window --demo)
best_lines="" best_idle=""
for _ in $(seq "${WINDOW_RUNS:-$runs}"); do
  lines=$(window "$root")
  idle=$(field "$lines" idle)
  [ -n "$idle" ] || continue
  if [ -z "$best_idle" ] || [ "$idle" -lt "$best_idle" ]; then best_idle=$idle; best_lines=$lines; fi
done
if [ -z "$best_idle" ]; then
  echo "the window did not report its timing; is this build older than MOBILE_SESSIONS_TIMING?" >&2
  exit 1
fi
floor_ms=$(awk "BEGIN{ printf \"%.0f\", $floor_s * 1000 }")
demo_mib=$(resident "$demo")
big_mib=$(resident "$best_lines")
longest=$(echo "$best_lines" | sed -n 's/.*longest while reading \([0-9.]*\) ms.*/\1/p')
printf '%-22s %8s %8s %10s\n' "window: first frame" "$(field "$best_lines" "first frame")" "ms" ""
printf '%-22s %8s %8s %10s\n' "window: first rows" "$(field "$best_lines" "first rows")" "ms" ""
printf '%-22s %8s %8s %10s\n' "window: all read, idle" "$(awk "BEGIN{ printf \"%.2f\", $best_idle / 1000 }")" \
  "$(ratio "$best_idle" "$floor_ms")" "$big_mib MiB"
printf '%-22s %8s %8s %10s\n' "window: demo folder" "" "" "$demo_mib MiB"
printf '%-22s %8s %8s %10s\n' "sessions add" "" "" "$((big_mib - demo_mib)) MiB"
echo "longest pass of the window while reading: $longest ms (its own drawing; painting comes on top)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
