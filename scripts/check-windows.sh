#!/usr/bin/env bash
# Builds the Windows program from Linux and checks what a Windows user double-clicks: a GUI
# program (no console window) that carries our icon. Installs the Windows target and MinGW
# when they are missing (apt, as root or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
rustup target list --installed | grep -q "$target" || rustup target add "$target"
if ! command -v x86_64-w64-mingw32-gcc > /dev/null; then
  apt_get="apt-get"
  [ "$(id -u)" -eq 0 ] || apt_get="sudo apt-get"
  $apt_get update -qq && $apt_get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64 > /dev/null
fi
cargo build --release --target "$target"
exe="target/$target/release/mobile-sessions.exe"
# Captured first: `grep -q` stops reading early, which would fail a pipeline under pipefail.
headers=$(x86_64-w64-mingw32-objdump -p "$exe")
sections=$(x86_64-w64-mingw32-objdump -h "$exe")
grep -q "Subsystem.*(Windows GUI)" <<< "$headers" || { echo "error: $exe is not a GUI program" >&2; exit 1; }
grep -q "\.rsrc" <<< "$sections" || { echo "error: $exe has no resources (icon)" >&2; exit 1; }
echo "ok: $exe ($(du -h "$exe" | cut -f1)) is a Windows GUI program with our icon embedded"
