#!/usr/bin/env bash
# Runs a test suite that prints "PASS: name" / "FAIL: name" lines and compares its
# failures with a ledger of known failures (one test name per line, '#' comments, each
# with the reason in docs/status.md). Fails when a test outside the ledger fails, and
# reports ledger entries that now pass so the ledger can shrink.
#   run-with-ledger.sh LEDGER -- COMMAND...
set -uo pipefail
ledger=$1; shift; [ "$1" = "--" ] && shift
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
known=$(grep -v '^#' "$ledger" 2>/dev/null | awk 'NF{print $1}' | sort -u)
failed=$(sed -n 's/^FAIL: \([^ ]*\).*/\1/p' "$out" | sort -u)
new=$(comm -13 <(echo "$known") <(echo "$failed") | grep . || true)
fixed=$(comm -12 <(echo "$known") <(sed -n 's/^PASS: \([^ ]*\).*/\1/p' "$out" | sort -u) | grep . || true)
[ -n "$fixed" ] && echo "ledger: now passing (remove from $ledger): $fixed"
if [ -n "$new" ]; then echo "ledger: unexpected failures: $new"; exit 1; fi
# A suite that failed without naming a failing test (a crash, a build error) fails here.
if [ "$status" != 0 ] && [ -z "$failed" ]; then echo "ledger: the suite exited with status $status without naming a failure"; exit 1; fi
if ! grep -qE '^[0-9]+ passed, [0-9]+ failed' "$out"; then echo "ledger: the suite printed no result line"; exit 1; fi
echo "ledger: only known failures ($(echo "$failed" | grep -c .))"
