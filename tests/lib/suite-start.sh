# Shared start of the suites that drive Debian's tools over PREFIX's library (tests/tools/*,
# tests/network): what to do about missing prerequisites, the prefix check and the work
# directory. Source it; each function exits the suite on failure.

# require_tools NAME...: appends every program not on PATH to the array `missing`.
require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
}

# stop_if_missing: with anything in `missing`, the suite fails under CI=true (a test whose
# prerequisite is missing must not pass there) and is skipped otherwise.
stop_if_missing() {
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "${CI:-}" = true ]; then
    echo "FAIL: prerequisites missing: ${missing[*]} (run scripts/setup-machine.sh)"
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "SKIP: prerequisites missing: ${missing[*]} (run scripts/setup-machine.sh)"
  exit 0
}

# require_prefix PREFIX: sets `prefix` to its absolute path; fails the suite when it holds
# no libguestfs.so.0.
require_prefix() {
  prefix=$(realpath "$1") || exit 2
  if [ ! -e "$prefix/lib/libguestfs.so.0" ]; then
    echo "FAIL: no $prefix/lib/libguestfs.so.0"
    echo "0 passed, 1 failed"
    exit 1
  fi
}

# make_work_dir OVERRIDE TEMPLATE: sets `work` (absolute) and `keep`. A non-empty OVERRIDE
# (the suite's *_TESTS_OUT) is emptied and kept afterwards; otherwise a fresh directory
# from the mktemp TEMPLATE, removed by the suite when it ends.
make_work_dir() {
  if [ -n "$1" ]; then
    work=$1
    rm -rf "$work" && mkdir -p "$work" || exit 2
    keep=1
  else
    work=$(mktemp -d "$2") || exit 2
    keep=0
  fi
  work=$(realpath "$work")
}

# Result lines: pass NAME; fail NAME [LOG] (the LOG's last 30 lines, indented); the
# counters `passed` and `failed` are the caller's.
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); [ -n "${2:-}" ] && sed 's/^/    /' "$2" | tail -n 30; }
# check NAME GOT EXPECTED-FILE: the file GOT must equal the expected text (diff kept in $work).
check() {
  if diff -u "$3" "$2" >"$work/diff.$1" 2>&1; then pass "$1"; else fail "$1" "$work/diff.$1"; fi
}
