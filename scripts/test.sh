#!/usr/bin/env bash
# Sets up the machine (idempotent), builds and installs into a private prefix, checks the
# generated files are fresh, and runs every test suite. Prints a final
# "N passed, M failed" line and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup-machine.sh
export PATH="$HOME/.cargo/bin:$PATH"
prefix=${GUESTFS_RS_TEST_PREFIX:-$here/build/prefix}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
pass=0; fail=0
step() {
  local name=$1; shift
  echo "=== $name"
  if "$@"; then echo "PASS: $name"; pass=$((pass+1)); else echo "FAIL: $name"; fail=$((fail+1)); fi
}
step "install into $prefix" bash scripts/install.sh "$prefix"
regen_status() { "$CARGO_TARGET_DIR/release/guestfs-rs-status" "$prefix/lib/guestfs/guestfsd" > docs/status.md; }
step "regenerate docs/status.md" regen_status
step "generated files are fresh" git diff --exit-code -- include/guestfs.h generated/guestfs.syms docs/status.md docs/api-reference.md
step "cargo fmt --check (workspace and fuzz/)" bash -c 'cargo fmt --all --check && cd fuzz && cargo fmt --check'
step "cargo clippy -D warnings (workspace, all targets)" cargo clippy --release --workspace --all-targets -- -D warnings
step "exported symbols equal libguestfs 1.48.6's" bash scripts/check-symbols.sh "$prefix"
step "cargo test (api, protocol, daemon, launch, library)" cargo test --release --workspace
if [ -x capi-tests/run.sh ]; then
  step "C API tests (known failures in capi-tests/known-failures.txt)" bash scripts/run-with-ledger.sh capi-tests/known-failures.txt -- bash capi-tests/run.sh "$prefix"
fi
step "C API tests under valgrind memcheck (no memcheck error)" env CAPI_TESTS_VALGRIND=1 CAPI_TESTS_OUT=/tmp/capi-tests-valgrind bash capi-tests/run.sh "$prefix"
step "thread stress: closes and cancels racing calls, 10 runs and one under valgrind" bash tests/threads/run.sh "$prefix"
# The public Rust API: the contract program (tests/rust-api, built unchanged) and the cargo examples
# run against the installed appliance.
step "tests/rust-api (Rust API contract program prints 'rust api ok'; upload_progress example)" bash tests/rust-api/run.sh "$prefix"
if [ -x scripts/conformance/run-upstream-handle-tests.sh ]; then
  step "libguestfs handle-level tests" bash scripts/conformance/run-upstream-handle-tests.sh "$prefix"
fi
if [ -x scripts/conformance/run-upstream-launch-tests.sh ]; then
  step "libguestfs launch tests (last-errno, debug-to-file, user-cancel, threads)" bash scripts/conformance/run-upstream-launch-tests.sh "$prefix"
fi
# Suites that launch the appliance; each keeps a ledger of known failures so CI fails
# only on a new one.
for suite in appliance failures wire augeas inspect hostile; do
  if [ -x "tests/$suite/run.sh" ]; then
    step "tests/$suite (known failures in tests/$suite/known-failures.txt)" \
      bash scripts/run-with-ledger.sh "tests/$suite/known-failures.txt" -- bash "tests/$suite/run.sh" "$prefix"
  fi
done
# Optional groups 1.48.6's Debian appliance cannot exercise (selinux_relabel, grub_install).
step "tests/groups (selinux_relabel, grub_install, compared live with 1.48.6)" bash tests/groups/run.sh "$prefix"
# Networking (a host HTTP server and rsync daemon on loopback), rsync and drive interfaces.
if [ -x tests/network/run.sh ]; then
  step "tests/network (set_network, rsync, drive interfaces)" bash tests/network/run.sh "$prefix"
fi
step "tests/inspect/icons.sh: Windows and CirrOS icons, compared with 1.48.6" bash tests/inspect/icons.sh "$prefix"
# Debian's tools over ours and over 1.48.6, transcripts compared: run in a second lane
# beside tests.c and the guestfish scripts. Those keep one TCG vCPU busy at a time and the
# machine has two cores; each tools suite keeps its files, mounts and processes under its
# own work directory. The lane's output is printed, and its steps counted, when it ends.
tools_lane() {
  # libvirt domains: virt-df/virt-cat/virt-inspector/guestfish -d (starts libvirtd itself).
  step "tests/tools/libvirt.sh (add_domain, add_libvirt_dom, compared with 1.48.6)" bash tests/tools/libvirt.sh "$prefix"
  # virt-rescue: pty and pipes, --ro, -i, --scratch, --suggest, killed qemu.
  step "tests/tools/rescue.sh (virt-rescue, compared with 1.48.6)" bash tests/tools/rescue.sh "$prefix"
  # guestmount/guestunmount (FUSE).
  step "tests/tools/guestmount.sh (guestmount/guestunmount, compared with 1.48.6)" bash tests/tools/guestmount.sh "$prefix"
  # Everything else launches restored appliances (the default); tests.c once more on a
  # booted one (its own test-data directory, so it cannot race the other lane's).
  step "libguestfs tests.c with snapshots off (GUESTFS_RS_SNAPSHOT=0: the appliance boots)" \
    env GUESTFS_RS_SNAPSHOT=0 GUESTFS_RS_CAPI_DATA=/var/tmp/guestfs-rs-capi-data-boot \
    bash scripts/run-with-ledger.sh scripts/conformance/capi-known-failures.txt -- bash scripts/conformance/run-upstream-capi-tests.sh "$prefix"
  echo "lane: $pass $fail"
}
lane_log=$(mktemp /tmp/test-tools-lane.XXXXXX)
(pass=0; fail=0; tools_lane) >"$lane_log" 2>&1 &
lane_pid=$!
echo "=== (tests/tools/* running in a second lane: output below, after the guestfish scripts)"
if [ -x scripts/conformance/run-upstream-capi-tests.sh ] && [ -f scripts/conformance/capi-known-failures.txt ]; then
  step "libguestfs tests.c (known failures in scripts/conformance/capi-known-failures.txt)" \
    bash scripts/run-with-ledger.sh scripts/conformance/capi-known-failures.txt -- bash scripts/conformance/run-upstream-capi-tests.sh "$prefix"
fi
if [ -x scripts/conformance/run-upstream-guestfish-tests.sh ]; then
  step "libguestfs guestfish test scripts (known failures in scripts/conformance/guestfish-known-failures.txt)" \
    bash scripts/run-with-ledger.sh scripts/conformance/guestfish-known-failures.txt -- bash scripts/conformance/run-upstream-guestfish-tests.sh "$prefix"
fi
wait "$lane_pid"
cat "$lane_log"
read -r _ lane_pass lane_fail < <(grep '^lane: ' "$lane_log" | tail -n 1) || true
if [ -n "${lane_pass:-}" ]; then pass=$((pass + lane_pass)); fail=$((fail + lane_fail)); else
  echo "FAIL: the tests/tools lane did not finish"; fail=$((fail + 1)); fi
rm -f "$lane_log"
step "fuzz: every target for a bounded time (crash, hang or allocation over the cap fails)" bash fuzz/run.sh "${FUZZ_SECONDS:-30}"
step "demo" bash examples/run-demo.sh "$prefix"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
