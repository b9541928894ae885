#!/usr/bin/env bash
# Compiles and runs the C API test suite against an installed libguestfs:
#   capi-tests/run.sh PREFIX
# PREFIX is laid out as scripts/install.sh lays it out (lib/libguestfs.so.0,
# include/guestfs.h, lib/pkgconfig/libguestfs.pc).  Everything is compiled through
# `pkg-config --cflags --libs libguestfs` and run with LD_LIBRARY_PATH=PREFIX/lib; each
# program checks at run time that the libguestfs it loaded is PREFIX's (Debian's copy
# is installed system-wide too).  None of these tests launches an appliance.
#
# Prints one "PASS: name" / "FAIL: name" line per test (failure details indented
# below it) and ends with "N passed, M failed".  Exit status 0 only when all pass.
# The differential transcripts are left in $CAPI_TESTS_OUT (default
# /tmp/capi-tests-out) for inspection.
#
# CAPI_TESTS_VALGRIND=1 runs every test program (and our side of the differential) under
# valgrind memcheck; any memcheck error fails that test.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
prefix=$(realpath "$1") || exit 2
here=$(cd "$(dirname "$0")" && pwd)
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
out_dir=${CAPI_TESTS_OUT:-/tmp/capi-tests-out}
CC=${CC:-cc}
CXX=${CXX:-c++}
runner=()
if [ "${CAPI_TESTS_VALGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null || { echo "FAIL: valgrind (not installed: run scripts/setup-machine.sh)"; echo "0 passed, 1 failed"; exit 1; }
  runner=(valgrind -q --error-exitcode=99)
fi

build=$(mktemp -d /tmp/capi-tests-build.XXXXXX)
trap 'rm -rf "$build"' EXIT
mkdir -p "$out_dir"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
export LD_LIBRARY_PATH="$prefix/lib"
export CAPI_TESTS_LIBDIR="$prefix/lib"
# Tests control their own environment; start them from a clean one.
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done

passed=0
failed=0

# report NAME STATUS LOGFILE: one PASS/FAIL line, and the log (indented) on failure.
report () {
  if [ "$2" -eq 0 ]; then
    echo "PASS: $1"
    passed=$((passed + 1))
  else
    echo "FAIL: $1"
    failed=$((failed + 1))
    if [ -s "$3" ]; then
      head -n 150 "$3" | sed 's/^/    /'
      [ "$(wc -l < "$3")" -gt 150 ] && echo "    ... (truncated; $(wc -l < "$3") lines)"
    fi
  fi
}

# ---- pkg-config
log=$build/pkg-config.log
if pkg-config --exists libguestfs 2>"$log"; then
  cflags=$(pkg-config --cflags libguestfs)
  libs=$(pkg-config --libs libguestfs)
  status=0
  # The flags must point into PREFIX, or the build would pick up another copy.
  case " $cflags " in *" -I$prefix/include "*|*" -I$prefix/include/ "*) ;; *)
    [ -f /usr/include/guestfs.h ] && { echo "Cflags ($cflags) do not name $prefix/include" >>"$log"; status=1; } ;;
  esac
  report pkg-config $status "$log"
else
  echo "no libguestfs.pc under $PKG_CONFIG_PATH" >>"$log"
  report pkg-config 1 "$log"
  echo "$passed passed, $failed failed"
  exit 1
fi

# compile_and_run NAME COMPILER FLAGS... -- ARGS: builds $build/NAME and runs it
# from $build.  Compile errors and run output both go to the log.
compile_and_run () {
  local name=$1; shift
  local log=$build/$name.log exe=$build/$name cmd=() args=() seen=0
  for a in "$@"; do
    if [ "$seen" = 0 ] && [ "$a" = "--" ]; then seen=1; continue; fi
    if [ "$seen" = 0 ]; then cmd+=("$a"); else args+=("$a"); fi
  done
  if ! "${cmd[@]}" -o "$exe" >"$log" 2>&1; then
    report "$name" 1 "$log"
    return
  fi
  (cd "$build" && timeout 300 "${runner[@]}" "$exe" "${args[@]}") >>"$log" 2>&1
  local rc=$?
  # 124 is timeout's; above 128 a signal killed the test (a crash, usually).
  [ $rc -ne 0 ] && echo "exit status $rc$([ $rc -eq 124 ] && echo ' (timed out)')$([ $rc -gt 128 ] && echo " (signal $((rc - 128)))")" >>"$log"
  report "$name" $rc "$log"
}

common_flags=(-Wall -Werror -I"$here")
# $cflags and $libs are word-split on purpose: pkg-config output is a flag list.
# shellcheck disable=SC2206
pc_cflags=($cflags)
# shellcheck disable=SC2206
pc_libs=($libs)

# ---- header-only
compile_and_run header-c99 "$CC" -std=c99 "${common_flags[@]}" "${pc_cflags[@]}" \
  "$here/header/just-header.c" "${pc_libs[@]}" --
compile_and_run header-c99-private "$CC" -std=c99 -DGUESTFS_PRIVATE=1 "${common_flags[@]}" \
  "${pc_cflags[@]}" "$here/header/just-header.c" "${pc_libs[@]}" --
compile_and_run header-cxx "$CXX" "${common_flags[@]}" "${pc_cflags[@]}" \
  "$here/header/just-header.cpp" "${pc_libs[@]}" --
compile_and_run header-cxx-private "$CXX" -DGUESTFS_PRIVATE=1 "${common_flags[@]}" \
  "${pc_cflags[@]}" "$here/header/just-header.cpp" "${pc_libs[@]}" --
compile_and_run header-macros "$CC" -std=c11 "${common_flags[@]}" "${pc_cflags[@]}" \
  "$here/header/macros.c" "${pc_libs[@]}" --
compile_and_run header-macros-private "$CC" -std=c11 -DGUESTFS_PRIVATE=1 "${common_flags[@]}" \
  "${pc_cflags[@]}" "$here/header/macros.c" "${pc_libs[@]}" --

# ---- header macro set and values against libguestfs 1.48's own header
log=$build/header-macro-set.log
if ref_tree=$("$here/../scripts/fetch-libguestfs-source.sh" 2>>"$log"); then
  "$here/header/compare-macros.sh" "$ref_tree/include" "${pc_cflags[@]}" >>"$log" 2>&1
  report header-macro-set $? "$log"
else
  report header-macro-set 1 "$log"
fi

# ---- function prototypes, callback typedefs and struct layouts against 1.48's header
log=$build/header-abi.log
if [ -n "${ref_tree:-}" ]; then
  python3 "$here/header/compare-abi.py" "$ref_tree/include" "$build/abi" "$CC" "${pc_cflags[@]}" >>"$log" 2>&1
  report header-abi $? "$log"
else
  echo "libguestfs source tree unavailable" >"$log"
  report header-abi 1 "$log"
fi

# ---- exported symbols and soname against Debian's libguestfs 1.48
log=$build/exported-symbols.log
ours=$(realpath "$prefix/lib/libguestfs.so.0" 2>/dev/null)
if [ -z "$ours" ] || [ ! -f "$ours" ]; then
  echo "$prefix/lib/libguestfs.so.0 missing" >"$log"
  report exported-symbols 1 "$log"
else
  status=0
  nm -D --defined-only "$debian_lib" | awk '$2 ~ /^[TWDBRV]$/ {print $3}' | sed 's/@.*//' | sort -u >"$build/syms.ref"
  nm -D --defined-only "$ours" | awk '$2 ~ /^[TWDBRV]$/ {print $3}' | sed 's/@.*//' | sort -u >"$build/syms.ours"
  if ! diff "$build/syms.ref" "$build/syms.ours" >"$build/syms.diff"; then
    { echo "exported symbols differ from 1.48 (< only in 1.48, > only in ours):"
      grep '^[<>]' "$build/syms.diff"; } >>"$log"
    status=1
  fi
  soname=$(objdump -p "$ours" | awk '$1 == "SONAME" {print $2}')
  if [ "$soname" != "libguestfs.so.0" ]; then
    echo "SONAME is '$soname', expected libguestfs.so.0" >>"$log"
    status=1
  fi
  echo "$(wc -l < "$build/syms.ours") symbols exported, 1.48 has $(wc -l < "$build/syms.ref")" >>"$log"
  report exported-symbols $status "$log"
fi

# ---- dlopen probe (no link-time dependency on the library)
compile_and_run dlopen-probe "$CC" -std=gnu99 "${common_flags[@]}" "$here/dlopen-probe.c" -ldl \
  -- "$prefix/lib/libguestfs.so.0"

# ---- handle-level tests
unit_flags=(-std=gnu99 "${common_flags[@]}" -Wextra -Wno-deprecated-declarations)
for src in "$here"/unit/*.c; do
  name=$(basename "$src" .c)
  compile_and_run "$name" "$CC" "${unit_flags[@]}" "${pc_cflags[@]}" "$src" \
    "$here/common/testlib.c" "${pc_libs[@]}" -lpthread --
done

# ---- differential transcript: PREFIX versus Debian's libguestfs 1.48
log=$build/differential.log
exe=$build/differential
if ! "$CC" "${unit_flags[@]}" -Wno-format-zero-length "${pc_cflags[@]}" "$here/differential.c" \
     "$here/common/testlib.c" "${pc_libs[@]}" -lpthread -o "$exe" >"$log" 2>&1; then
  report differential 1 "$log"
else
  refdir=$build/debian-lib
  mkdir -p "$refdir"
  ln -s "$debian_lib" "$refdir/libguestfs.so.0"
  (cd "$build" && timeout 300 "${runner[@]}" "$exe") >"$out_dir/differential.ours.txt" 2>"$out_dir/differential.ours.stderr"
  s1=$?
  (cd "$build" && CAPI_TESTS_LIBDIR=$refdir LD_LIBRARY_PATH=$refdir timeout 300 "$exe") \
    >"$out_dir/differential.ref.txt" 2>"$out_dir/differential.ref.stderr"
  s2=$?
  status=0
  if [ $s1 -ne 0 ] || [ $s2 -ne 0 ]; then
    echo "exit status: ours $s1, reference $s2" >>"$log"
    tail -n 20 "$out_dir/differential.ours.stderr" >>"$log"
    status=1
  fi
  if ! diff -u --label "libguestfs-1.48 (Debian)" --label "$prefix" \
       "$out_dir/differential.ref.txt" "$out_dir/differential.ours.txt" >"$out_dir/differential.diff"; then
    cat "$out_dir/differential.diff" >>"$log"
    status=1
  fi
  echo "(transcripts and diff in $out_dir)" >>"$log"
  report differential $status "$log"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
