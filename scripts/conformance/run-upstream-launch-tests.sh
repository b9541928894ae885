#!/usr/bin/env bash
# Builds and runs libguestfs 1.48's C API tests that launch an appliance (or hammer a
# handle from threads): test-last-errno, test-debug-to-file, test-user-cancel,
# test-threads.  Sources are unchanged, fetched by scripts/fetch-libguestfs-source.sh.
#   scripts/conformance/run-upstream-launch-tests.sh PREFIX
# KVM is unusable on this project's machines, so LIBGUESTFS_BACKEND_SETTINGS defaults
# to force_tcg; set it (even to "") to override.
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
conformance_setup "$@"
export LIBGUESTFS_BACKEND_SETTINGS=${LIBGUESTFS_BACKEND_SETTINGS-force_tcg}

build_test test-last-errno "$CC" -std=gnu99 -Wall && run_test test-last-errno 1200
# test-debug-to-file writes test.log in its working directory; a launch must have
# produced trace and debug lines in it.
if build_test test-debug-to-file "$CC" -std=gnu99 -Wall; then
  run_test test-debug-to-file 1200
  log=$build/wd-test-debug-to-file/test.log
  if [ -s "$log" ] && grep -q 'launch' "$log"; then
    report test-debug-to-file-log 0 /dev/null
  else
    echo "test.log is empty or does not mention launch" >"$build/debug-log-check.log"
    report test-debug-to-file-log 1 "$build/debug-log-check.log"
  fi
fi
build_test test-user-cancel "$CC" -std=gnu99 -Wall && run_test test-user-cancel 1800
build_test test-threads "$CC" -std=gnu99 -Wall && run_test test-threads 600

conformance_summary
