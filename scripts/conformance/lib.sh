# Shared by run-upstream-handle-tests.sh and run-upstream-launch-tests.sh: builds
# libguestfs 1.48's own tests/c-api programs, unchanged, against an installed prefix
# and runs them.  Sourced, not executed.
#
# After `conformance_setup PREFIX`:  $tree (libguestfs source), $build (temp build
# dir, removed on exit), and the functions below.

conformance_setup () {
  if [ $# -ne 1 ]; then
    echo "usage: $0 PREFIX" >&2
    exit 2
  fi
  prefix=$(realpath "$1") || exit 2
  conf_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  repo=$(cd "$conf_dir/../.." && pwd)
  tree=$("$repo/scripts/fetch-libguestfs-source.sh") || exit 2
  capi=$tree/tests/c-api
  CC=${CC:-cc}
  CXX=${CXX:-c++}
  build=$(mktemp -d /tmp/conformance.XXXXXX)
  trap 'rm -rf "$build"' EXIT

  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  export LD_LIBRARY_PATH="$prefix/lib"
  export CAPI_TESTS_LIBDIR="$prefix/lib"
  if ! pkg-config --exists libguestfs; then
    echo "FAIL: pkg-config (no libguestfs.pc under $PKG_CONFIG_PATH)"
    echo "0 passed, 1 failed"
    exit 1
  fi
  # Word-split on purpose: pkg-config output is a flag list.
  # shellcheck disable=SC2206
  pc_cflags=($(pkg-config --cflags libguestfs))
  # shellcheck disable=SC2206
  pc_libs=($(pkg-config --libs libguestfs))
  # The tests include "guestfs.h", config.h and a few helper headers; ours come first
  # only for the helpers, the libguestfs header is PREFIX's.
  inc_flags=(-I"$conf_dir/shims" "${pc_cflags[@]}")
  loadcheck=("$conf_dir/shims/loadcheck.c" "$repo/capi-tests/common/testlib.c" -I"$repo/capi-tests")
  passed=0 failed=0 skipped=0
}

# report NAME STATUS LOG: PASS / FAIL / SKIP (exit 77, automake's convention).
report () {
  case $2 in
    0) echo "PASS: $1"; passed=$((passed + 1)) ;;
    77) echo "SKIP: $1"; skipped=$((skipped + 1))
        [ -s "$3" ] && tail -n 5 "$3" | sed 's/^/    /' ;;
    *) echo "FAIL: $1 (exit status $2)"; failed=$((failed + 1))
       if [ -s "$3" ]; then
         tail -n 60 "$3" | sed 's/^/    /'
       fi ;;
  esac
}

# build_test NAME COMPILER EXTRA_FLAGS...: compiles $capi/NAME.c (or .cpp) into
# $build/NAME, linked with the load check.  Returns non-zero (and reports FAIL) when
# compilation fails.
build_test () {
  local name=$1 compiler=$2; shift 2
  local src=$capi/$name.c
  local log=$build/$name.log
  [ -f "$src" ] || src=$capi/$name.cpp
  local extra=("${loadcheck[@]}")
  if [ "${src##*.}" = cpp ]; then
    # The load check is C: build it separately, then link it into the C++ program.
    "$CC" -c -std=gnu99 -I"$repo/capi-tests" "$conf_dir/shims/loadcheck.c" -o "$build/loadcheck.o" >"$log" 2>&1 &&
    "$CC" -c -std=gnu99 -I"$repo/capi-tests" "$repo/capi-tests/common/testlib.c" -o "$build/testlib.o" >>"$log" 2>&1 ||
      { report "$name" 1 "$log"; return 1; }
    extra=("$build/loadcheck.o" "$build/testlib.o")
  fi
  if ! "$compiler" "${inc_flags[@]}" "$@" "$src" "${extra[@]}" -o "$build/$name" \
       "${pc_libs[@]}" -lpthread -lm >>"$log" 2>&1; then
    report "$name" 1 "$log"
    return 1
  fi
}

# run_test NAME TIMEOUT: runs $build/NAME from a scratch working directory, as
# automake would from tests/c-api.
run_test () {
  local name=$1 limit=$2
  local log=$build/$name.log wd=$build/wd-$name
  mkdir -p "$wd"
  # CONFORMANCE_IGNORE_SIGPIPE=1 starts the test with SIGPIPE ignored: a diagnostic
  # for libraries that let a broken pipe kill their host program (a bug in itself).
  (cd "$wd" && { [ "${CONFORMANCE_IGNORE_SIGPIPE:-0}" = 1 ] && trap '' PIPE; true; } &&
   abs_srcdir=$capi srcdir=$capi abs_builddir=$wd timeout "$limit" "$build/$name") >>"$log" 2>&1
  local rc=$?
  [ $rc -gt 128 ] && [ $rc -ne 124 ] && echo "killed by signal $((rc - 128))" >>"$log"
  [ $rc -eq 124 ] && echo "timed out after ${limit}s" >>"$log"
  report "$name" $rc "$log"
}

conformance_summary () {
  [ "$skipped" -gt 0 ] && echo "($skipped skipped)"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
