#!/usr/bin/env bash
# Measures `check` and `list --json` against the floor (reading and serde_json-parsing every
# file in parallel, examples/floor.rs) on the same tree, in the same run, and prints the ratios.
#
#   scripts/perf.sh [DIR] [N] [APPS]     default: a temporary folder, 100000 sessions, 4 apps
#
# Needs GNU time (/usr/bin/time, Debian package `time`) for peak memory. Each command runs
# five times on a warm disk cache; the best time and its peak memory are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)}
count=${2:-100000}
apps=${3:-4}
runs=5
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

# The window's memory, when an X server can be started here (Debian: xvfb): open the tree, give
# it time to read everything, and read its resident size.
if command -v Xvfb > /dev/null; then
  display=:97
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  env -u WAYLAND_DISPLAY DISPLAY="$display" MOBILE_SESSIONS_CONFIG_DIR="$(mktemp -d)" "$bin" "$root" > /dev/null 2>&1 &
  app=$!
  sleep 20
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$app/status" 2>/dev/null || echo 0)
  kill "$app" "$xvfb" 2> /dev/null || true
  printf '%-22s %8s %8s %10s\n' "window, all read" "" "" "$(mib "$rss")"
fi
