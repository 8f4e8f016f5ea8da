#!/usr/bin/env bash
# Installs what icans-calc needs to build and test, skipping what is already there at the right
# version. Safe to run again. Usage: bash scripts/setup.sh [--no-browser]
#
# Versions and why (details in README "Toolchain"):
# - Trunk 0.21.14: Trunk 0.22 needs rustc >= 1.96 and these machines have 1.95.
# - wasm-bindgen-cli = the wasm-bindgen version in Cargo.lock (pinned with "=" in Cargo.toml).
#   Installed without --locked: its lock file wants a webpki-roots version the mirror lacks.
# - wasm-opt from the npm package binaryen@132 (package-lock.json), never Debian's binaryen 108,
#   whose output crashes at start (externref table).
# - Chromium and ChromeDriver from Debian, for wasm-bindgen tests and Playwright (playwright-core
#   never downloads a browser here).
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_BROWSER=1
[ "${1:-}" = "--no-browser" ] && WANT_BROWSER=0
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

export PATH="$HOME/.cargo/bin:$PATH"

if [ "$WANT_BROWSER" = 1 ]; then
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    step "chromium and chromedriver present"
  else
    step "installing Debian chromium and chromium-driver"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown present"
else
  step "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  step "wasm-bindgen-cli ${WASM_BINDGEN_VERSION} present"
else
  step "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --force
fi

if trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then
  step "trunk ${TRUNK_VERSION} present"
else
  step "installing trunk ${TRUNK_VERSION} (about 11 minutes)"
  cargo install --locked trunk --version "${TRUNK_VERSION}" --force
fi

if [ -x node_modules/.bin/wasm-opt ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  step "node packages present"
else
  step "installing node packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

step "fetching crates"
cargo fetch --locked >/dev/null
step "setup done"
