#!/usr/bin/env bash
# Builds libguestfs 1.48's handle-level C API tests (tests/c-api, sources unchanged,
# fetched by scripts/fetch-libguestfs-source.sh and never committed) against an
# installed prefix, runs them, and compiles every program in its examples/.
#   scripts/conformance/run-upstream-handle-tests.sh PREFIX
# Prints PASS/FAIL lines and ends with "N passed, M failed".  None of this launches
# an appliance.
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
conformance_setup "$@"

# Plain C tests, as upstream builds them (gnu99; no -Werror, except the header tests).
for t in test-create-handle test-config test-private-data test-event-string \
         test-environment test-backend-settings test-add-drive-opts; do
  build_test "$t" "$CC" -std=gnu99 -Wall && run_test "$t" 300
done

# The header must stand alone and compile cleanly as C and C++.
build_test test-just-header "$CC" -std=gnu99 -Wall -Werror && run_test test-just-header 60
build_test test-just-header-cxx "$CXX" -Wall -Werror && run_test test-just-header-cxx 60

# test-dlopen opens the library by the path given in -DLIBRARY, so it needs neither
# linking nor the load check: the path is PREFIX's by construction.
log=$build/test-dlopen.log
if "$CC" -std=gnu99 -Wall "${inc_flags[@]}" -DLIBRARY="\"$prefix/lib/libguestfs.so.0\"" \
     "$capi/test-dlopen.c" -o "$build/test-dlopen" -ldl >"$log" 2>&1; then
  run_test test-dlopen 60
else
  report test-dlopen 1 "$log"
fi

# Examples: compile and link only.  Reported separately from the tests above.
echo "-- examples (compile and link only)"
for src in "$tree"/examples/*.c; do
  name=example-$(basename "$src" .c)
  log=$build/$name.log
  if "$CC" -std=gnu99 -Wall "${inc_flags[@]}" "$src" -o "$build/$name" "${pc_libs[@]}" -lpthread >"$log" 2>&1; then
    report "$name" 0 "$log"
  else
    report "$name" 1 "$log"
  fi
done

conformance_summary
