#!/usr/bin/env bash
# Thread stress test (stress.c): 8 threads of mixed calls, closes and cancels on shared
# and private handles, then on one launched appliance shared by every thread.
#   tests/threads/run.sh PREFIX
# Runs the program THREADS_RUNS times in a row (default 10; each run: 8 x 1000 handle-level
# iterations and 8 x THREADS_DAEMON_ITERS daemon round trips, default 150), then once under
# valgrind memcheck (Debian's valgrind), which must report no error: a call racing
# guestfs_close must never touch freed memory.  Prints one PASS/FAIL line per run and
# "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
if [ $# -ne 1 ]; then echo "usage: $0 PREFIX" >&2; exit 2; fi
prefix=$(realpath "$1") || exit 2
here=$(cd "$(dirname "$0")" && pwd)
runs=${THREADS_RUNS:-10}
daemon_iters=${THREADS_DAEMON_ITERS:-150}

build=$(mktemp -d /tmp/threads-tests.XXXXXX)
trap 'rm -rf "$build"' EXIT
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
export LD_LIBRARY_PATH="$prefix/lib"
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export LIBGUESTFS_BACKEND_SETTINGS=force_tcg

passed=0; failed=0
result () {  # result NAME STATUS LOG
  if [ "$2" = 0 ]; then echo "PASS: $1"; passed=$((passed + 1))
  else echo "FAIL: $1"; failed=$((failed + 1)); grep -v '^libguestfs: error: \|^guestfs_close: ' "$3" | tail -n 40 | sed 's/^/    /'; fi
}

if ! command -v valgrind >/dev/null; then
  result valgrind-installed 1 /dev/null; echo "    valgrind missing: run scripts/setup-machine.sh"
fi
# shellcheck disable=SC2046
if ! cc -std=gnu11 -Wall -Wextra -Werror -O1 -g -o "$build/stress" "$here/stress.c" \
     $(pkg-config --cflags --libs libguestfs) -lpthread 2> "$build/cc.log"; then
  result build 1 "$build/cc.log"; echo "$passed passed, $failed failed"; exit 1
fi

for i in $(seq 1 "$runs"); do
  log=$build/run$i.log
  # The library's own error messages of the expected failures go to stderr.
  timeout 300 "$build/stress" 1000 "$daemon_iters" > "$log" 2>&1
  result "stress run $i of $runs" $? "$log"
done

if command -v valgrind >/dev/null; then
  log=$build/valgrind.log
  # Both phases under memcheck: the handle-level races at full size, fewer daemon calls.
  timeout 600 valgrind -q --error-exitcode=99 "$build/stress" 1000 50 > "$log" 2>&1
  result "stress under valgrind memcheck (no invalid access)" $? "$log"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
