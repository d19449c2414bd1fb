#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS each (default 60), one after the other, and fails
# on the first crash (issue 14). Needs the nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz --locked
# The seed corpus is made fresh from the demo folder and the test fixtures; what the fuzzer
# finds is kept in fuzz/corpus/<target> (git-ignored) for the next run, a crash input in
# fuzz/artifacts/<target>. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(session_file status_edit token folder_name)

# The seeds: every session file of the demo and the fixtures, their tokens and folder names.
seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{session_file,status_edit,token,folder_name}
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  cp "$file" "$seeds/session_file/$n"
  # status_edit reads one byte (which status to set) before the file.
  { printf '\0'; cat "$file"; } > "$seeds/status_edit/$n-accepted"
  { printf '\1'; cat "$file"; } > "$seeds/status_edit/$n-pending"
  # Tokens hold base64 only, so a plain pattern finds them.
  grep -o '"token"[[:space:]]*:[[:space:]]*"[^"]*"' "$file" | sed 's/.*"\([^"]*\)"$/\1/' \
    | head -n 1 | tr -d '\n' > "$seeds/token/$n" || true
  basename "$(dirname "$file")" | tr -d '\n' > "$seeds/folder_name/$n"
done < <(find assets/demo/MobileApps tests/fixtures -type f ! -name '*.md' -print0)
# A byte order mark and CRLF, which the demo files lack.
printf '\0\xef\xbb\xbf{\r\n  "status": "pending",\r\n  "a": 1\r\n}\r\n' > "$seeds/status_edit/bom-crlf"

echo "fuzz: $n seed files; $seconds s per target: ${targets[*]}"
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  echo "== $target"
  start=$(date +%s)
  # -max_len: session files are limited to 1 MiB, but small inputs find bugs faster; 64 KiB
  # still holds deep nesting and long fields. A crash stops the run with a non-zero status.
  cargo +nightly fuzz run "$target" "$PWD/fuzz/corpus/$target" "$PWD/$seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1
  echo "== $target: $(( $(date +%s) - start )) s, no crash"
done
