#!/usr/bin/env bash
# Wire compatibility both ways between guestfs-rs and libguestfs 1.48 (Debian's libguestfs0):
#   rs-lib+1.48-appliance   our libguestfs.so.0 drives 1.48's supermin appliance
#                           (LIBGUESTFS_PATH=/usr/lib/x86_64-linux-gnu/guestfs)
#   1.48-lib+rs-appliance   1.48's libguestfs.so.0 drives our appliance, exported as a
#                           libguestfs "fixed appliance" (kernel, initrd, root, README.fixed)
# With WIRE_CONTROLS=1 it also runs the controls that tell a protocol difference from a wrong
# assertion: each library with its own appliance (1.48-lib+1.48-appliance must pass everything,
# since the assertions state 1.48's behaviour; rs-lib+rs-appliance). They add 2-3 minutes, so
# CI leaves them out.
#
# One C program (wire-suite.c) is compiled once against the installed guestfs.h and run
# against either libguestfs.so.0 through LD_LIBRARY_PATH, as a drop-in replacement is used.
# Prints "PASS: name" / "FAIL: name - reason" lines and "N passed, M failed"; exits non-zero
# on any failure (CI runs it through scripts/run-with-ledger.sh tests/wire/known-failures.txt).
#   tests/wire/run.sh PREFIX
set -uo pipefail
prefix=$(realpath -m "${1:?usage: tests/wire/run.sh PREFIX}")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
debian_appliance=/usr/lib/x86_64-linux-gnu/guestfs
per_run_timeout=${WIRE_TIMEOUT:-600}

pass=0; fail=0
result() { # result ok|fail NAME [REASON]
  if [ "$1" = ok ]; then echo "PASS: $2"; pass=$((pass+1)); else echo "FAIL: $2${3:+ - $3}"; fail=$((fail+1)); fi
}
finish() { echo "$pass passed, $fail failed"; [ "$fail" = 0 ]; exit $?; }

work=$(mktemp -d /var/tmp/guestfs-rs-wire.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- build the suite and its guest-side helper ------------------------------------------
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
if ! cc -std=gnu11 -Wall -o "$work/wire-suite" "$here/wire-suite.c" \
     $(pkg-config --cflags --libs libguestfs) -ldl 2> "$work/cc.log"; then
  result fail wire/build-suite "$(head -c 2000 "$work/cc.log")"; finish
fi
if ! cc -static -O2 -o "$work/wirehello" "$here/wirehello.c" 2> "$work/cc.log"; then
  result fail wire/build-helper "static link failed: $(head -c 500 "$work/cc.log")"; finish
fi

# --- libguestfs.so.0 directories: ours, and 1.48's through a symlink ----------------------
mkdir -p "$work/lib-1.48"
ln -s "$debian_lib" "$work/lib-1.48/libguestfs.so.0"

# --- our appliance exported as a fixed appliance ---------------------------------------
# The exporter is the launch crate's guestfs-rs-build-appliance: GUESTFS_RS_BUILD_APPLIANCE
# names one, else the prefix's when installed there, else it is built (a small crate) into
# the workspace's target dir.
export_fixed() {
  local tool=${GUESTFS_RS_BUILD_APPLIANCE:-$prefix/lib/guestfs/guestfs-rs-build-appliance}
  if [ ! -x "$tool" ]; then
    local target=${CARGO_TARGET_DIR:-$repo/target}
    (cd "$repo" && PATH="$HOME/.cargo/bin:$PATH" CARGO_TARGET_DIR="$target" \
       cargo build -q --release -p guestfs-launch --bin guestfs-rs-build-appliance) > "$work/export.log" 2>&1 || return 1
    tool="$target/release/guestfs-rs-build-appliance"
  fi
  # LIBGUESTFS_PATH names the directory holding guestfsd, as the library's default path does.
  LIBGUESTFS_PATH="$prefix/lib/guestfs" "$tool" --fixed "$work/fixed" >> "$work/export.log" 2>&1 || return 1
  for f in kernel initrd root README.fixed; do [ -e "$work/fixed/$f" ] || return 1; done
}

# --- one run of the suite -----------------------------------------------------------------
# run_suite NAME LIBDIR EXPECTED_LIBRARY [ENV=VALUE...]
run_suite() {
  local name=$1 libdir=$2 want_lib=$3; shift 3
  local dir="$work/$name"; mkdir -p "$dir"
  echo "=== $name"
  local t0=$SECONDS
  env -u LIBGUESTFS_PATH -u LIBGUESTFS_BACKEND_SETTINGS LD_LIBRARY_PATH="$libdir" "$@" \
    timeout -k 10 "$per_run_timeout" "$work/wire-suite" "$name" "$dir" "$work/wirehello" \
    > "$dir/out" 2> "$dir/err"
  local rc=$?
  grep -E '^(PASS: |FAIL: |# )' "$dir/out"
  pass=$((pass + $(grep -c '^PASS: ' "$dir/out")))
  fail=$((fail + $(grep -c '^FAIL: ' "$dir/out")))
  # The suite must have loaded the library this run is about (a drop-in test that silently
  # loads the other one would prove nothing).
  local got_lib; got_lib=$(sed -n 's/^# library: //p' "$dir/out")
  if [ -n "$got_lib" ] && [ "$(realpath "$got_lib")" = "$(realpath "$want_lib")" ]; then
    result ok "$name/loaded-library"
  else
    result fail "$name/loaded-library" "wanted $(realpath "$want_lib"), loaded '${got_lib}'"
  fi
  if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$dir/out"; then
    result fail "$name/completed" "exit status $rc$([ $rc = 124 ] && echo " (timed out after ${per_run_timeout}s)"); stderr: $(tail -c 1500 "$dir/err")"
  else
    result ok "$name/completed"
    [ $rc = 0 ] || { echo "--- $name stderr (last lines):"; tail -n 15 "$dir/err"; }
  fi
  echo "    ($name took $((SECONDS - t0))s)"
}

# WIRE_ONLY=ours-lib or WIRE_ONLY=1.48-lib runs one direction, WIRE_ONLY=controls (with
# WIRE_CONTROLS=1) only the controls (for debugging).
only=${WIRE_ONLY:-}
ours="$prefix/lib/libguestfs.so.0"
if [ "$only" = 1.48-lib ] || [ "$only" = controls ]; then :
elif [ -d "$debian_appliance" ] && command -v supermin > /dev/null; then
  run_suite rs-lib+1.48-appliance "$prefix/lib" "$ours" LIBGUESTFS_PATH="$debian_appliance"
else
  result fail rs-lib+1.48-appliance/setup "needs $debian_appliance (libguestfs-appliance... libguestfs0) and supermin"
fi

if [ "$only" = ours-lib ] || [ "$only" = controls ]; then :
elif [ ! -e "$debian_lib" ]; then
  result fail 1.48-lib+rs-appliance/setup "needs $debian_lib (Debian's libguestfs0)"
elif ! export_fixed; then
  result fail 1.48-lib+rs-appliance/export-fixed "$(tail -c 1500 "$work/export.log")"
else
  result ok 1.48-lib+rs-appliance/export-fixed
  run_suite 1.48-lib+rs-appliance "$work/lib-1.48" "$debian_lib" \
    LIBGUESTFS_PATH="$work/fixed" LIBGUESTFS_BACKEND_SETTINGS=force_tcg
fi

if [ "${WIRE_CONTROLS:-0}" = 1 ]; then
  run_suite rs-lib+rs-appliance "$prefix/lib" "$ours"
  [ -e "$debian_lib" ] && run_suite 1.48-lib+1.48-appliance "$work/lib-1.48" "$debian_lib" \
    LIBGUESTFS_PATH="$debian_appliance" LIBGUESTFS_BACKEND_SETTINGS=force_tcg
fi
finish
