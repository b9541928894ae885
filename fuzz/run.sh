#!/usr/bin/env bash
# Builds every fuzz target on the stable toolchain (libFuzzer from libfuzzer-sys, with
# SanitizerCoverage enabled through rustc's LLVM flags) and runs each for a bounded time.
#   fuzz/run.sh [SECONDS] [TARGET...]       default: 30 s each, every target
# Each run starts from a seed corpus made by make-seeds (well-formed inputs from the
# protocol's own encoders) plus the committed fuzz/corpus/TARGET/ (regression inputs, one
# per crash ever found), in a scratch copy: nothing is written into the repository.
# A crash, a panic, a hang (-timeout), RSS over -rss_limit_mb or a live allocation over
# the cap (src/lib.rs) fails the target; its input is kept in $FUZZ_ARTIFACTS (default
# /tmp/fuzz-artifacts).  Prints "PASS: fuzz TARGET (N execs)" / "FAIL: ..." lines and
# "N passed, M failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-30}
shift || true
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-$here/target}
triple=$(rustc -vV | sed -n 's/^host: //p')
artifacts=${FUZZ_ARTIFACTS:-/tmp/fuzz-artifacts}
mkdir -p "$artifacts"
all=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$here/Cargo.toml" | grep -v -e '^guestfs-fuzz$' -e '^make-seeds$')
targets=${*:-$all}

passed=0; failed=0
fail () { echo "FAIL: $1"; shift; printf '    %s\n' "$@"; failed=$((failed + 1)); }

cd "$here"
# The seed maker is an ordinary program: built without the coverage flags.
if ! cargo build -q --release --bin make-seeds 2> /tmp/fuzz-build.log; then
  fail "fuzz build (make-seeds)" "$(tail -n 20 /tmp/fuzz-build.log)"; echo "$passed passed, $failed failed"; exit 1
fi
bins=(); for t in $targets; do bins+=(--bin "$t"); done
# --target keeps these flags off build scripts (they cannot link the coverage hooks).
if ! RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing" \
  cargo build -q --release --target "$triple" "${bins[@]}" 2> /tmp/fuzz-build.log; then
  fail "fuzz build" "$(tail -n 30 /tmp/fuzz-build.log)"; echo "$passed passed, $failed failed"; exit 1
fi

work=$(mktemp -d /tmp/fuzz-run.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$CARGO_TARGET_DIR/release/make-seeds" "$work/seeds"
for t in $targets; do
  corpus=$work/corpus-$t
  mkdir -p "$corpus"
  [ -d "$work/seeds/$t" ] && cp "$work/seeds/$t"/* "$corpus"/ 2>/dev/null
  [ -d "$here/corpus/$t" ] && cp "$here/corpus/$t"/* "$corpus"/ 2>/dev/null
  log=$work/$t.log
  "$CARGO_TARGET_DIR/$triple/release/$t" "$corpus" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=1024 -max_len=65536 -artifact_prefix="$artifacts/$t-" -print_final_stats=1 \
    > "$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$rc" = 0 ]; then
    echo "PASS: fuzz $t (${execs:-?} execs in ${secs}s)"; passed=$((passed + 1))
  else
    fail "fuzz $t (exit $rc after ${execs:-?} execs)" "$(grep -v '^#' "$log" | tail -n 25)"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
