#!/usr/bin/env bash
# Sets up what is missing, builds the calculator and serves it on http://127.0.0.1:${PORT:-8080}/
# Usage: bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --offline --locked
PORT="${PORT:-8080}"
printf '\nicans-calc is at http://127.0.0.1:%s/  (Ctrl+C stops it)\n' "$PORT"
printf 'The dist/ folder can be copied to any static web server, under any sub-path.\n\n'
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
