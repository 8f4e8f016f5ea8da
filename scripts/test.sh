#!/usr/bin/env bash
# Sets up what is missing and runs every test: formatting and lints, host unit/property/golden
# tests, wasm-bindgen tests in headless Chromium, the release build with its checks, and the
# end-to-end tests that drive the built page in Chromium. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=120

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy (host and wasm32)"
cargo clippy --locked --offline --all-targets -- -D warnings
cargo clippy --locked --offline --target wasm32-unknown-unknown --lib --tests -- -D warnings
step "host tests (unit, property, golden, doc)"
cargo test --locked --offline
step "wasm-bindgen tests in headless Chromium"
cargo test --locked --offline --target wasm32-unknown-unknown --test web
step "release build (trunk)"
trunk build --release --offline --locked
step "build checks (CSP, size, no eval)"
node tests/build_checks.mjs
step "TypeScript: the embed and cohort examples type-check against icans-calc.d.ts"
tsc -p tests/types/tsconfig.json
step "end-to-end tests in Chromium"
node --test --test-concurrency=1 tests/e2e/
step "all tests passed"
