#!/usr/bin/env bash
# Renders the README's screenshots (docs/*.png) from the real window over the demo folder,
# with egui_kittest's renderer: no display or window manager needed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --test screenshots -- --ignored update_readme_screenshots
ls -l docs/*.png
