#!/usr/bin/env bash
# Failure tests: what happens when things go wrong (qemu killed mid-call, a daemon that
# sends garbage, a missing kernel, user_cancel mid-transfer, a full guest filesystem, bad
# arguments).  Each failure must give a clear error, lose nothing and leak nothing.
#   tests/failures/run.sh PREFIX
# PREFIX is laid out as scripts/install.sh lays it out.  Prints "PASS: name" /
# "FAIL: name" lines (reasons indented below) and "N passed, M failed"; exits non-zero
# on any failure.  Known failures are listed in known-failures.txt (see
# scripts/run-with-ledger.sh).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
prefix=$(realpath "$1") || exit 2
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-cc}

build=$(mktemp -d /tmp/failures-build.XXXXXX)
trap 'rm -rf "$build"' EXIT

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
export LD_LIBRARY_PATH="$prefix/lib"
export FT_LIBDIR="$prefix/lib"
# The tests choose their own settings; start from a clean environment.
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset SUPERMIN_KERNEL SUPERMIN_MODULES SUPERMIN_KERNEL_VERSION
# KVM does not work on the project machines; the tests are about failures, not speed.
export LIBGUESTFS_BACKEND_SETTINGS=${FT_BACKEND_SETTINGS:-force_tcg}

passed=0
failed=0
count () {
  # count LOG: adds the PASS/FAIL lines of a finished program to the totals.
  local p f
  p=$(grep -c '^PASS: ' "$1")
  f=$(grep -c '^FAIL: ' "$1")
  passed=$((passed + p))
  failed=$((failed + f))
}
fail_line () {
  echo "FAIL: $1"
  shift
  printf '    %s\n' "$@"
  failed=$((failed + 1))
}

cflags=$(pkg-config --cflags libguestfs) && libs=$(pkg-config --libs libguestfs) || {
  fail_line failures-build "no libguestfs.pc under $PKG_CONFIG_PATH"
  echo "$passed passed, $failed failed"
  exit 1
}

# Helpers: the fake hypervisor and a static program that sleeps (run inside the guest,
# whose filesystem holds nothing else).
$CC -O1 -Wall -o "$build/fake-qemu" "$here/fake-qemu.c" >"$build/fake-qemu.log" 2>&1 ||
  fail_line failures-build-fake-qemu "$(cat "$build/fake-qemu.log")"
$CC -O1 -static -o "$build/sleeper" "$here/sleeper.c" >"$build/sleeper.log" 2>&1 ||
  fail_line failures-build-sleeper "$(cat "$build/sleeper.log")"
export FT_FAKE_QEMU="$build/fake-qemu" FT_SLEEPER="$build/sleeper"

# run NAME TIMEOUT: compiles t-NAME.c with the shared helpers and runs it.
run () {
  local name=$1 limit=$2 log=$build/$1.log status
  if ! $CC -O1 -g -Wall -Wextra -pthread $cflags -o "$build/$name" "$here/t-$name.c" \
       "$here/lib/ft.c" $libs >"$log" 2>&1; then
    fail_line "$name" "does not compile:" "$(cat "$log")"
    return
  fi
  local t0=$SECONDS
  timeout -k 10 "$limit" "$build/$name" >"$log" 2>"$log.err"
  status=$?
  cat "$log"
  echo "($name: $((SECONDS - t0)) s)"
  count "$log"
  if [ "$status" -ge 124 ] || { [ "$status" -ne 0 ] && ! grep -q '^FAIL: ' "$log"; }; then
    local why="exit status $status"
    [ "$status" = 124 ] && why="timed out after $limit s"
    [ "$status" -gt 128 ] && why="killed by signal $((status - 128))"
    fail_line "$name-program" "$why" "$(tail -n 20 "$log.err")"
  fi
}

start=$(date +%s)
run bad-input 120
run missing-kernel 120
run fake-daemon 200
run kill-qemu 180
run user-cancel 150
run enospc 150
run sigpipe 180
run cachedir 60
run snapshot 900
echo "($(($(date +%s) - start)) s)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
