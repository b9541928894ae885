#!/usr/bin/env bash
# Builds libguestfs 1.48's generated C API test suite (tests/c-api/tests.c with
# tests-main.c, 550 tests, sources unchanged, fetched by scripts/fetch-libguestfs-source.sh)
# against an installed prefix and runs it: one appliance launch with four disks (2 GiB,
# 2 GiB, 10 MiB scratch and test-data/test.iso read-only), then every test in order.
#   scripts/conformance/run-upstream-capi-tests.sh PREFIX [--only a,b,c] [--log FILE]
# --only takes test names (test_mkdir_0) and/or API names (mkdir: all its tests).
# --log keeps the program's raw output.
# Prints PASS:/FAIL:/SKIP: lines (failure messages indented below), a total, and ends with
# "N passed, M failed".  If the program dies or hangs inside a test, that test fails and
# the program is started again after it.
# Environment: LIBGUESTFS_BACKEND_SETTINGS defaults to force_tcg (set it, even to "", to
# override); GUESTFS_RS_CAPI_DATA is the test data cache (default
# /var/tmp/guestfs-rs-capi-data); CAPI_TEST_TIMEOUT is the per-test limit in seconds
# (default 300; the launch gets 900); CAPI_SAME_MACHINE_IS_NATIVE=0 skips the command
# tests whenever the host's kernel differs from the appliance's, as upstream does.
set -uo pipefail
# The whole script is one brace group, so bash parses it before running anything: editing
# (or pulling) the file during a half-hour run cannot derail the run.
{
usage () { echo "usage: $0 PREFIX [--only a,b,c] [--log FILE]" >&2; exit 2; }
prefix_arg= only= keep_log=
while [ $# -gt 0 ]; do
  case $1 in
    --only) [ $# -ge 2 ] || usage; only=$2; shift 2 ;;
    --only=*) only=${1#--only=}; shift ;;
    --log) [ $# -ge 2 ] || usage; keep_log=$(realpath -m "$2"); shift 2 ;;
    -*) usage ;;
    *) [ -z "$prefix_arg" ] || usage; prefix_arg=$1; shift ;;
  esac
done
[ -n "$prefix_arg" ] || usage

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
conformance_setup "$prefix_arg"
export LIBGUESTFS_BACKEND_SETTINGS=${LIBGUESTFS_BACKEND_SETTINGS-force_tcg}
unset TEST_ONLY
per_test_limit=${CAPI_TEST_TIMEOUT:-300}
launch_limit=900
started=$SECONDS

setup_fail () {
  echo "FAIL: capi-setup ($1)"
  [ -s "${2:-}" ] && tail -n 40 "$2" | sed 's/^/    /'
  echo "0 passed, 1 failed"
  exit 1
}

# The tests run from tests/ of a built tree: ../test-data/test.iso, $srcdir/../COPYING.LIB,
# c-api/test-command, and testdownload.tmp written to the working directory.
data=${GUESTFS_RS_CAPI_DATA:-/var/tmp/guestfs-rs-capi-data}
"$conf_dir/capi/make-test-data.sh" "$tree" "$data" >"$build/data.log" 2>&1 ||
  setup_fail "building test data into $data" "$build/data.log"
root=$build/root
mkdir -p "$root/tests/c-api"
ln -s "$data/test-data" "$root/test-data"
ln -s "$data/COPYING.LIB" "$root/COPYING.LIB"

# test-command and test-pwd are uploaded into the appliance and run there, so they must
# be static; upstream skips the command tests when they are not.
for helper in test-command test-pwd; do
  if ! "$CC" -std=gnu99 -static -I"$conf_dir/shims" "$capi/$helper.c" \
       -o "$root/tests/c-api/$helper" >"$build/$helper.log" 2>&1; then
    echo "note: $helper could not be linked statically; the command tests are skipped"
    export SKIP_TEST_COMMAND=1 SKIP_TEST_COMMAND_LINES=1
  fi
done

# The suite itself, compiled unchanged.  Our own stand-ins (capi/structs-cleanups.h, the
# shims) replace the headers tests.c takes from libguestfs's build tree.  capi/same-machine.c
# lets the command tests run although the host's kernel differs from the appliance's
# (CAPI_SAME_MACHINE_IS_NATIVE=0 restores upstream's strict check).
export CAPI_SAME_MACHINE_IS_NATIVE=${CAPI_SAME_MACHINE_IS_NATIVE-1}
if ! "$CC" -std=gnu99 -DGUESTFS_PRIVATE=1 -I"$conf_dir/capi" "${inc_flags[@]}" \
     "$capi/tests.c" "$capi/tests-main.c" "$conf_dir/capi/same-machine.c" "${loadcheck[@]}" \
     -o "$build/tests" "${pc_libs[@]}" -lpcre2-8 -ldl -lpthread -lm >"$build/compile.log" 2>&1; then
  setup_fail "compiling tests.c and tests-main.c" "$build/compile.log"
fi

# Selection.  Every test not selected (or already run, after a restart) is switched off
# with its own SKIP_TEST_<NAME>=1 variable, which the generated code honours.
mapfile -t all_tests < <(sed -n 's/^ *{ \.name = "\(test_[A-Za-z0-9_]*\)".*/\1/p' "$capi/tests.c")
[ ${#all_tests[@]} -gt 0 ] || setup_fail "no test table found in $capi/tests.c"
declare -A selected=()
if [ -z "$only" ]; then
  for t in "${all_tests[@]}"; do selected[$t]=1; done
else
  IFS=, read -ra wanted <<<"$only"
  for w in "${wanted[@]}"; do
    [ -n "$w" ] || continue
    hit=0
    for t in "${all_tests[@]}"; do
      if [ "$t" = "$w" ] || [[ $t =~ ^test_${w}_[0-9]+$ ]]; then selected[$t]=1; hit=1; fi
    done
    [ $hit = 1 ] || { echo "unknown test or API name: $w" >&2; exit 2; }
  done
fi
skip_var () { local n=${1#test_}; echo "SKIP_TEST_${n^^}"; }

declare -A finished=()
passed=0 failed=0 skipped=0
declare -a failed_names=()
record () {  # record STATUS NAME [REASON]
  finished[$2]=1
  case $1 in
    PASS) echo "PASS: $2"; passed=$((passed + 1)) ;;
    FAIL) echo "FAIL: $2${3:+ ($3)}"; failed=$((failed + 1)); failed_names+=("$2") ;;
    SKIP) echo "SKIP: $2${3:+ ($3)}"; skipped=$((skipped + 1)) ;;
  esac
}

# run_once LOG: runs the program with everything outside the remaining selection skipped,
# in its own session so a hung run can be stopped with everything it started.  Kills it
# when no new test header appears within the limit.  Sets run_status: "exit N",
# "signal N" or "timeout".
run_once () {
  local log=$1 envs=() t
  for t in "${all_tests[@]}"; do
    if [ -z "${selected[$t]:-}" ] || [ -n "${finished[$t]:-}" ]; then
      envs+=("$(skip_var "$t")=1")
    fi
  done
  : >"$log"
  (cd "$root/tests" && exec env "${envs[@]}" srcdir="$root/tests" abs_srcdir="$root/tests" \
     setsid "$build/tests") >"$log" 2>&1 </dev/null &
  local pid=$! last="" since=$SECONDS limit=$launch_limit header shown=$SECONDS
  run_status=
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    header=$(grep -E '^ *[0-9]+/ *[0-9]+ test_' "$log" | tail -n 1)
    if [ "$header" != "$last" ]; then last=$header; since=$SECONDS; limit=$per_test_limit; fi
    # A heartbeat for CI logs: results are only printed when the program ends.
    if [ $((SECONDS - shown)) -ge 120 ]; then
      echo "progress: at ${last:-launch} ($((SECONDS - started)) s)"; shown=$SECONDS
    fi
    if [ $((SECONDS - since)) -ge "$limit" ]; then
      run_status=timeout
      # setsid made the program a session and process-group leader with id $pid.
      kill -TERM -- -"$pid" 2>/dev/null; sleep 5; kill -KILL -- -"$pid" 2>/dev/null
      break
    fi
  done
  wait "$pid"; local rc=$?
  if [ -z "$run_status" ]; then
    if [ $rc -gt 128 ]; then run_status="signal $((rc - 128))"; else run_status="exit $rc"; fi
  fi
  [ -n "$keep_log" ] && cat "$log" >>"$keep_log"
}

[ -n "$keep_log" ] && : >"$keep_log"
echo "running ${#selected[@]} of ${#all_tests[@]} tests (one appliance launch; backend settings: ${LIBGUESTFS_BACKEND_SETTINGS:-none})"
attempt=0
while :; do
  remaining=0
  for t in "${!selected[@]}"; do [ -n "${finished[$t]:-}" ] || remaining=$((remaining + 1)); done
  [ $remaining -gt 0 ] || break
  attempt=$((attempt + 1))
  finished_before=${#finished[@]}
  log=$build/run-$attempt.log
  run_once "$log"
  parsed=$build/run-$attempt.parsed
  awk -f "$conf_dir/capi/parse-tests-log.awk" "$log" >"$parsed"

  # Replay the records: only selected tests not reported by an earlier attempt count.
  declare -A details=()
  open=
  while IFS=$'\t' read -r kind name rest; do
    case $kind in
      DETAIL) details[$name]+="    $rest"$'\n' ;;
      PASS|SKIP|FAIL)
        [ -n "${selected[$name]:-}" ] && [ -z "${finished[$name]:-}" ] || continue
        record "$kind" "$name" "$rest"
        [ "$kind" = FAIL ] && printf '%s' "${details[$name]:-}" | tail -n 12 ;;
      OPEN) open=$name ;;
    esac
  done <"$parsed"

  if [ -n "$open" ] && [ -n "${selected[$open]:-}" ] && [ -z "${finished[$open]:-}" ]; then
    # A normal end is exit 0, or exit 1 after main's "tests FAILED" summary; a test
    # that exits the program itself (error() in a helper) is a failure.
    if [ "$run_status" = "exit 0" ] ||
       { [ "$run_status" = "exit 1" ] && grep -q '^\*\*\*\*\* [0-9]* / [0-9]* tests FAILED' "$log"; }; then
      record PASS "$open"
    else
      # Died or hung inside this test: fail it and start again after it.
      record FAIL "$open" "program ended by $run_status during the test"
      printf '%s' "${details[$open]:-}" | tail -n 12
    fi
    unset 'details'
    continue
  fi
  unset 'details'
  if [ -z "$open" ] && ! grep -q $'^\\(PASS\\|FAIL\\|SKIP\\)\t' "$parsed"; then
    # Nothing ran: launch or the fixture setup before the first test failed.
    echo "FAIL: capi-setup (create_handle/launch: $run_status)"
    grep $'^SETUP\t' "$parsed" | cut -f2- | tail -n 30 | sed 's/^/    /'
    for t in "${all_tests[@]}"; do
      [ -n "${selected[$t]:-}" ] && [ -z "${finished[$t]:-}" ] && record FAIL "$t" "not run: setup failed"
    done
    failed=$((failed + 1))
    break
  fi
  # The program ended but selected tests remain unreported: give up when a run made no
  # progress (or after many restarts) rather than launching forever.
  if [ "$attempt" -ge 20 ] || [ "${#finished[@]}" -eq "$finished_before" ]; then
    echo "giving up after $attempt runs"
    for t in "${all_tests[@]}"; do
      [ -n "${selected[$t]:-}" ] && [ -z "${finished[$t]:-}" ] && record FAIL "$t" "not run"
    done
    break
  fi
done

echo "total: $((passed + failed + skipped)) tests: $passed passed, $failed failed, $skipped skipped;" \
     "$attempt program run(s), $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
exit
}
