#!/usr/bin/env bash
# The aug_* calls through the C API, compared live with Debian's libguestfs 1.48.6.
#
#   tests/augeas/run.sh PREFIX
#
# Builds aug.c (with tests/appliance/lib) against PREFIX, runs it once on PREFIX's library
# and once on Debian's (/usr/lib/x86_64-linux-gnu/libguestfs.so.0, with force_tcg), both
# at once, and compares the two transcripts case by case. Prints "PASS: aug.case" /
# "FAIL: aug.case" (with the transcript diff indented below) and ends with
# "N passed, M failed"; exits non-zero on any failure. A case also fails on a
# "!! CHECK FAILED" / "!! FIXTURE FAILED" line in either transcript.
#
# Known differences from 1.48 are listed in known-failures.txt (for
# scripts/run-with-ledger.sh). Environment: APPTEST_ONLY (substring of case names to run),
# AUGTEST_OUT (where transcripts and logs are kept, default /tmp/augtests-out),
# AUGTEST_TIMEOUT (seconds each program may run, default 600; a loaded machine needs more).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
lib=$here/../appliance/lib
prefix=$(realpath "$1")
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
out_dir=${AUGTEST_OUT:-/tmp/augtests-out}
CC=${CC:-cc}

# shellcheck source=../lib/transcripts.sh
. "$here/../lib/transcripts.sh"
reset_libguestfs_env

build=$(mktemp -d /tmp/augtests-build.XXXXXX)
trap 'rm -rf "$build"' EXIT
mkdir -p "$out_dir"

finish () { echo "(transcripts in $out_dir)"; echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
if ! cflags=$(pkg-config --cflags libguestfs) || ! libs=$(pkg-config --libs libguestfs); then
  echo "no libguestfs.pc under $PKG_CONFIG_PATH" >"$build/pc.log"; fail aug.build "$build/pc.log"; finish
fi
# $cflags and $libs are word-split on purpose: pkg-config output is a flag list.
# shellcheck disable=SC2086
if ! "$CC" -std=gnu99 -Wall -Wextra -Werror -I"$lib" $cflags "$here/aug.c" "$lib/apptest.c" $libs \
     -o "$build/aug" >"$build/cc.log" 2>&1; then
  fail aug.build "$build/cc.log"; finish
fi

# ---- run on both libraries at once (one appliance each)
mkdir -p "$build/debian-lib"
ln -s "$debian_lib" "$build/debian-lib/libguestfs.so.0"
(cd "$build" && env LD_LIBRARY_PATH="$prefix/lib" APPTEST_LIBDIR="$prefix/lib" timeout "${AUGTEST_TIMEOUT:-600}" ./aug \
   >"$out_dir/aug.txt" 2>"$out_dir/aug.stderr"; echo $? >"$build/ours.rc") &
(cd "$build" && env LD_LIBRARY_PATH="$build/debian-lib" LIBGUESTFS_BACKEND_SETTINGS=force_tcg timeout "${AUGTEST_TIMEOUT:-600}" ./aug \
   >"$out_dir/aug.ref.txt" 2>"$out_dir/aug.ref.stderr"; echo $? >"$build/ref.rc") &
wait

for side in ours ref; do
  rc=$(cat "$build/$side.rc")
  if [ "$side" = ours ]; then name=aug.run; err=$out_dir/aug.stderr; else name=aug.run-1.48; err=$out_dir/aug.ref.stderr; fi
  if [ "$rc" = 0 ]; then pass "$name"; else
    { echo "exit status $rc$([ "$rc" = 124 ] && echo ' (timed out)')"; tail -n 20 "$err"; } >"$build/$side.rc.log"
    fail "$name" "$build/$side.rc.log"
  fi
done

compare_cases aug "$out_dir/aug.ref.txt" "$out_dir/aug.txt" "$build"

finish
