#!/usr/bin/env bash
# The Windows build, run for real (issue 13): cross-builds the store, CLI and watch test
# programs for x86_64-pc-windows-gnu with MinGW and runs them under Wine, then starts the real
# .exe window under Xvfb and checks that it draws. Installs what is missing (the Rust target,
# Debian's MinGW, Wine, Xvfb and ImageMagick; apt as root or with sudo). When the Windows
# target cannot be installed it says so loudly, and fails only on CI (CI=true).
#
# Tests that cannot pass under Wine for a reason of Wine's are skipped BY NAME below, each with
# its reason; every other test must pass. Everything Wine needs lives in a Wine prefix under
# the target folder ($CARGO_TARGET_DIR or target/), nothing in the user's ~/.wine.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
target=x86_64-pc-windows-gnu
export CARGO_TERM_COLOR=never

# Says loudly that the Windows build was not tested, then fails on CI and not elsewhere.
unavailable() {
  {
    echo "!!"
    echo "!! WINDOWS BUILD NOT TESTED: $1"
    echo "!!"
  } >&2
  [ "${CI:-}" = true ] && exit 1
  exit 0
}

apt_install() {
  local apt_get="apt-get"
  [ "$(id -u)" -eq 0 ] || apt_get="sudo apt-get"
  echo "== installing $*"
  $apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq \
    --no-install-recommends "$@" > /dev/null
}

# --- What is missing ------------------------------------------------------------------------
if ! rustup target list --installed 2> /dev/null | grep -qx "$target"; then
  echo "== rustup target add $target"
  rustup target add "$target" || unavailable "the Rust target $target cannot be installed"
fi
packages=()
command -v x86_64-w64-mingw32-gcc > /dev/null || packages+=(gcc-mingw-w64-x86-64)
command -v wine > /dev/null || packages+=(wine64 wine)
command -v Xvfb > /dev/null || packages+=(xvfb)
command -v import > /dev/null || packages+=(imagemagick)
if [ ${#packages[@]} -gt 0 ]; then
  apt_install "${packages[@]}" || unavailable "cannot install ${packages[*]}"
fi

# --- A Wine prefix of our own, with the ProcessPrng stand-in ---------------------------------
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
export WINEPREFIX="$target_dir/wine"
export WINEDEBUG=-all
# No Mono or Gecko: nothing here needs .NET or a browser, and installing them needs a network.
export WINEDLLOVERRIDES="mscoree=;mshtml="
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "== making the Wine prefix $WINEPREFIX"
  wineboot -i > /dev/null 2>&1
  timeout 30 wineserver -w || true
fi
# A test fixture, not part of the program: see scripts/wine/bcryptprimitives.c. Wine 8 lacks
# ProcessPrng, without which every Rust program exits at once with status 53.
standin="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$standin" ] || [ scripts/wine/bcryptprimitives.c -nt "$standin" ]; then
  echo "== building the ProcessPrng stand-in (test fixture) into the Wine prefix"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$standin" scripts/wine/bcryptprimitives.c -ladvapi32
fi

# --- The tests, under Wine -------------------------------------------------------------------
# Each skip names one test and says why it cannot pass under Wine. Remove a skip when its
# reason is gone.
skips=(
  # Wine reports no change notification for a new file in an existing sub-folder of a
  # recursive watch (Windows does). The watcher's sweep (src/store/sweep.rs) catches it within
  # seconds, proven under Wine by windows_tests::a_new_file_in_an_existing_app_folder_is_reported,
  # but not within this test's half second.
  a_session_written_by_rename_or_in_place_is_added_once
  # The same: a file written into an app folder renamed under the recursive watch is caught
  # by the sweep under Wine (1.8 s in the run that found it), not by a notification within
  # half a second. The test is there for Linux's watch of each app folder.
  a_file_changed_in_a_renamed_app_folder_is_seen_under_the_new_name
)
skip_args=()
for name in "${skips[@]}"; do
  skip_args+=(--skip "$name")
done
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
# The test programs that run under Wine: the store, the command line, the watcher, the
# read-changes watch (its answer on other systems) and what is Windows' own.
wine_tests=(--test store_tests --test cli_tests --test watch_tests --test windows_tests --test read_changes_tests)
echo "== cargo test --target $target (store, CLI, watch, read-changes and Windows tests, under Wine)"
build_started=$SECONDS
cargo test --locked --target "$target" --no-run "${wine_tests[@]}"
echo "   built in $((SECONDS - build_started)) s"
# A skip that names no test (after a rename) would skip nothing and say nothing: refuse it.
listed=$(cargo test --locked --target "$target" "${wine_tests[@]}" \
  -- --list --format terse 2> /dev/null)
for name in "${skips[@]}"; do
  grep -qx "$name: test" <<< "$listed" \
    || { echo "error: the skipped test $name does not exist; update scripts/test-windows.sh" >&2; exit 1; }
done
run_started=$SECONDS
cargo test --locked --target "$target" "${wine_tests[@]}" \
  -- --exact "${skip_args[@]}"
echo "   ran in $((SECONDS - run_started)) s; skipped under Wine: ${skips[*]}"

# --- The real window, under Xvfb ---------------------------------------------------------------
# The debug .exe the CLI tests ran. WGPU_BACKEND=gl: wgpu's default DX12 path fails in Wine's
# shader compiler, while GL draws.
exe="$target_dir/$target/debug/mobile-sessions.exe"
shot="$target_dir/windows-window.png"
# Xvfb picks a free display itself and writes its number to descriptor 3.
display_file="$target_dir/windows-xvfb-display"
: > "$display_file"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3> "$display_file" 2> /dev/null &
xvfb=$!
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2> /dev/null || true; fi
  kill "$xvfb" 2> /dev/null || true
  # Only this script's own Wine prefix: its server and whatever still runs in it.
  wineserver -k 2> /dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
  [ -s "$display_file" ] && break
  sleep 0.1
done
[ -s "$display_file" ] || { echo "error: Xvfb did not start" >&2; exit 1; }
display=:$(head -n 1 "$display_file")
echo "== the window under Xvfb ($display), drawing with WGPU_BACKEND=gl"
# Starts the window and waits until a screenshot shows it drawn: a blank screen has one
# colour, drawn text, icons and anti-aliasing give hundreds.
colours=0
draws() {
  # The test run's Wine server lingers a few seconds after its last program; start on a
  # quiet prefix.
  timeout 30 wineserver -w || true
  DISPLAY=$display WGPU_BACKEND=gl wine "$exe" --demo > "$target_dir/windows-window.log" 2>&1 &
  app=$!
  for _ in $(seq 60); do
    sleep 1
    kill -0 "$app" 2> /dev/null || return 1
    if import -display "$display" -window root "$shot" 2> /dev/null; then
      colours=$(identify -format '%k' "$shot")
      [ "$colours" -gt 64 ] && return 0
    fi
  done
  return 1
}
if ! draws; then
  # Once in the first six runs here, right after the tests, the window stayed blank although the
  # same .exe draws within 3 s every other time: a second start says whether it was that.
  echo "   the window did not draw within 60 s ($colours colours); starting it once more" >&2
  cat "$target_dir/windows-window.log" >&2
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  if ! draws; then
    cat "$target_dir/windows-window.log" >&2
    echo "error: the window did not draw: $shot has only $colours colours" >&2
    exit 1
  fi
fi
echo "   the window draws: $shot has $colours colours"
echo "ok: the Windows build passes under Wine, in $((SECONDS - started)) s"
