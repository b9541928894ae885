#!/usr/bin/env bash
# Appliance tests through the C API: each program launches one appliance, runs its cases
# and prints a transcript (results, error messages, errnos), which is compared case by
# case with the transcript recorded against Debian's libguestfs 1.48.6 in expected/.
#
#   tests/appliance/run.sh PREFIX            run against PREFIX, compare with expected/
#   tests/appliance/run.sh --record [PREFIX] re-record expected/ against Debian's 1.48
#                                            (PREFIX's header is used to compile; default
#                                            the system's /usr/include when absent)
#
# Prints "PASS: program.case" / "FAIL: program.case" (with the transcript diff indented
# below) and ends with "N passed, M failed"; exits non-zero on any failure.  A case fails
# when its transcript differs from the recorded one, or when one of the program's direct
# assertions ("!! CHECK FAILED") or fixtures ("!! FIXTURE FAILED") failed.
#
# Known differences from 1.48 are listed in known-failures.txt; CI runs this script
# through scripts/run-with-ledger.sh, which fails only on failures outside that list.
#
# Environment: APPTEST_PROGRAMS (space-separated subset), APPTEST_ONLY (substring of case
# names to run), APPTEST_JOBS (programs run at once, default 2), APPTEST_OUT (where
# transcripts and logs are kept, default /tmp/apptests-out).
set -uo pipefail

record=0
if [ "${1:-}" = "--record" ]; then record=1; shift; fi
if [ $record = 0 ] && [ $# -ne 1 ]; then
  echo "usage: $0 [--record] PREFIX" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:+$(realpath "$1")}
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
out_dir=${APPTEST_OUT:-/tmp/apptests-out}
programs=${APPTEST_PROGRAMS:-"prelaunch basics filesystems files lvm_cmds hivex journal rawdata forensics debugcalls ldm devnames devnames_virtio"}
jobs=${APPTEST_JOBS:-2}
CC=${CC:-cc}

# shellcheck source=../lib/transcripts.sh
. "$here/../lib/transcripts.sh"
reset_libguestfs_env

build=$(mktemp -d /tmp/apptests-build.XXXXXX)
trap 'rm -rf "$build"' EXIT
mkdir -p "$out_dir"

if [ -n "$prefix" ]; then
  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  cflags=$(pkg-config --cflags libguestfs) && libs=$(pkg-config --libs libguestfs) || {
    echo "FAIL: build (no libguestfs.pc under $PKG_CONFIG_PATH)"; echo "0 passed, 1 failed"; exit 1; }
else
  cflags=""; libs="-lguestfs"
fi

# ---- which library each run loads
if [ $record = 1 ]; then
  libdir=$build/debian-lib
  mkdir -p "$libdir"
  ln -s "$debian_lib" "$libdir/libguestfs.so.0"
  run_env=(LD_LIBRARY_PATH="$libdir" LIBGUESTFS_BACKEND_SETTINGS=force_tcg)
else
  libdir=$prefix/lib
  run_env=(LD_LIBRARY_PATH="$libdir" APPTEST_LIBDIR="$libdir")
fi

# The hivex and journal programs read libguestfs's own test hives and journal, from its
# source tree (test data, used at test time only).
if [[ " $programs " == *" hivex "* || " $programs " == *" journal "* ]]; then
  src=$(bash "$here/../../scripts/fetch-libguestfs-source.sh" 2>/dev/null) && \
    run_env+=(APPTEST_HIVES="$src/test-data/phony-guests")
fi


# A variant `NAME_virtio` is NAME.c run with its first disk on virtio-blk
# (APPTEST_FIRST_DRIVE_IFACE=virtio) and compared with NAME's transcript: the caller's
# device names must not depend on how the disks are attached. Variants are not recorded
# (1.48.6 cannot launch virtio-blk disks with this qemu).
source_of () { local p=$1; [ -f "$here/$p.c" ] || p=${p%_virtio}; echo "$p"; }
is_variant () { [ "$(source_of "$1")" != "$1" ]; }
if [ $record = 1 ]; then
  recorded=()
  for p in $programs; do is_variant "$p" || recorded+=("$p"); done
  programs=${recorded[*]}
fi

# ---- build
built=()
for p in $programs; do
  # $cflags and $libs are word-split on purpose: pkg-config output is a flag list.
  # shellcheck disable=SC2086
  if "$CC" -std=gnu99 -Wall -Wextra -Werror -I"$here/lib" $cflags "$here/$(source_of "$p").c" \
       "$here/lib/apptest.c" $libs -o "$build/$p" >"$build/$p.cc.log" 2>&1; then
    built+=("$p")
  else
    fail "$p.build" "$build/$p.cc.log"
  fi
done

# ---- run (up to $jobs programs at once; each is one appliance)
run_one () {
  local p=$1 dest
  if [ $record = 1 ]; then dest=$out_dir/$p.ref.txt; else dest=$out_dir/$p.txt; fi
  local iface=
  is_variant "$p" && iface=virtio
  (cd "$build" && env "${run_env[@]}" APPTEST_FIRST_DRIVE_IFACE=$iface timeout 600 "./$p") \
    >"$dest" 2>"$out_dir/$p.stderr"
  echo $? >"$build/$p.rc"
}
running=0
for p in "${built[@]}"; do
  run_one "$p" &
  running=$((running + 1))
  if [ $running -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

# ---- record mode: keep Debian's transcripts as the expected ones
if [ $record = 1 ]; then
  mkdir -p "$here/expected"
  for p in "${built[@]}"; do
    rc=$(cat "$build/$p.rc")
    if [ "$rc" != 0 ]; then
      fail "$p.record (exit status $rc under 1.48)" "$out_dir/$p.stderr"
      continue
    fi
    cp "$out_dir/$p.ref.txt" "$here/expected/$p.txt"
    if grep -q '^!! ' "$out_dir/$p.ref.txt"; then
      grep '^!! ' "$out_dir/$p.ref.txt" >"$build/$p.bad"
      fail "$p.record (assertions fail under 1.48: fix the program)" "$build/$p.bad"
    else
      pass "$p.record"
    fi
  done
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi

# ---- compare, case by case
for p in "${built[@]}"; do
  rc=$(cat "$build/$p.rc")
  if [ "$rc" = 0 ]; then pass "$p.run"; else
    echo "exit status $rc$([ "$rc" = 124 ] && echo ' (timed out)')" >"$build/$p.rc.log"
    tail -n 20 "$out_dir/$p.stderr" >>"$build/$p.rc.log"
    fail "$p.run" "$build/$p.rc.log"
  fi
  exp=$here/expected/$(source_of "$p").txt
  if [ ! -f "$exp" ]; then
    echo "no recorded transcript $exp (run: $0 --record $prefix)" >"$build/$p.noexp"
    fail "$p.expected" "$build/$p.noexp"
    continue
  fi
  compare_cases "$p" "$exp" "$out_dir/$p.txt" "$build"
done

echo "(transcripts in $out_dir)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
