#!/usr/bin/env bash
# Measures speed and size and records them in BENCHMARKS.md: criterion for the core on the host,
# and the built page in Debian Chromium (load, tap-to-grade, redraws, wasm core calls).
# Usage: bash scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
trunk build --release --offline --locked
node tests/bench/report.mjs
