#!/usr/bin/env bash
# Fuzzes the pure core with cargo-fuzz (libFuzzer). NOT part of CI (.ci/run and scripts/test.sh
# never call it): it needs minutes per target and nightly-only compiler flags, which it gets on
# the stable toolchain through RUSTC_BOOTSTRAP=1.
#
# Usage: bash scripts/fuzz.sh [MINUTES_PER_TARGET] [TARGET...]
#   MINUTES_PER_TARGET  default 10; TARGET default: every target, one after the other.
#   Targets: number_parser paste_parser case_import api_inputs (see FUZZING.md for each property).
#   FUZZ_SANITIZER=address bash scripts/fuzz.sh ... adds AddressSanitizer (default none: the crate
#   forbids unsafe code, so the sanitizer would only halve the executions per second).
#
# Runs one target at a time (the machine has 2 cores). Stops at the first crash, prints where the
# reproducer is and how to replay and minimise it, and exits 1. The corpus each run grows is kept
# in fuzz/corpus/TARGET (git-ignored); the committed seeds are in fuzz/seeds/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-10}"
shift || true
if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ]; then
  echo "usage: bash scripts/fuzz.sh [MINUTES_PER_TARGET] [TARGET...]" >&2
  exit 2
fi
all_targets=(number_parser paste_parser case_import api_inputs)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi
sanitizer="${FUZZ_SANITIZER:-none}"

export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
# cargo-fuzz passes -Z flags (sanitizer coverage) that only nightly accepts; this lets the
# stable toolchain accept them for this command only.
export RUSTC_BOOTSTRAP=1

dict_for() {
  case "$1" in
    number_parser | paste_parser) echo fuzz/dict/text.dict ;;
    case_import | api_inputs) echo fuzz/dict/json.dict ;;
    *) echo "unknown fuzz target: $1" >&2; return 1 ;;
  esac
}
max_len_for() {
  case "$1" in
    number_parser | paste_parser) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

logs=fuzz/target/fuzz-logs
mkdir -p "$logs"
echo "==> building the fuzz targets (sanitizer: $sanitizer)"
cargo fuzz build --sanitizer "$sanitizer"

for t in "${targets[@]}"; do
  dict="$(dict_for "$t")"
  corpus="fuzz/corpus/$t"
  artifacts="fuzz/artifacts/$t"
  log="$logs/$t.log"
  mkdir -p "$corpus" "$artifacts"
  stamp="$(mktemp)"
  echo
  echo "==> $t: $minutes min ($(date -u +%Y-%m-%dT%H:%MZ)), log in $log"
  status=0
  # The first corpus directory receives new inputs; fuzz/seeds/$t is read only.
  cargo fuzz run --sanitizer "$sanitizer" "$t" "$corpus" "fuzz/seeds/$t" -- \
    -max_total_time=$((minutes * 60)) -timeout=30 -max_len="$(max_len_for "$t")" \
    -dict="$dict" -print_final_stats=1 >"$log" 2>&1 || status=$?
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)"
  units="$(grep -o 'corp: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)"
  echo "    executions: ${execs:-?}; corpus: ${units:-?} inputs kept by libFuzzer ($(find "$corpus" -type f | wc -l) files in $corpus); exit status $status"
  new_artifacts="$(find "$artifacts" -maxdepth 1 -type f -newer "$stamp" | sort)"
  rm -f "$stamp"
  if [ "$status" -ne 0 ] || [ -n "$new_artifacts" ]; then
    echo
    echo "!!! $t found a crash (exit status $status). Last lines of $log:"
    tail -n 40 "$log"
    echo
    echo "Reproducer(s) in $artifacts:"
    echo "${new_artifacts:-    (none written: see the log)}" | sed 's/^/    /'
    echo "Replay:    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer $sanitizer $t $artifacts/<file>"
    echo "Minimise:  RUSTC_BOOTSTRAP=1 cargo fuzz tmin --sanitizer $sanitizer $t $artifacts/<file>"
    echo "Then keep it as a named test in tests/fuzz_regressions.rs (see FUZZING.md)."
    exit 1
  fi
done
echo
echo "==> no crash in: ${targets[*]}"
