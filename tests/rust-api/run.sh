#!/usr/bin/env bash
# The public Rust API, for real: builds the contract program (src/main.rs,
# unchanged; dependencies `guestfs` and `libc` only) and the cargo examples, makes a
# 64 MiB raw disk, runs the program against the appliance installed in PREFIX and checks
# it prints "rust api ok"; then runs examples/upload_progress.rs on the same disk and
# checks it saw PROGRESS events and the uploaded size.
#   tests/rust-api/run.sh PREFIX
# A Rust program finds the appliance as the C library does: LIBGUESTFS_PATH here.
set -uo pipefail
if [ $# -ne 1 ]; then echo "usage: $0 PREFIX" >&2; exit 2; fi
prefix=$(realpath "$1") || exit 2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
export PATH="$HOME/.cargo/bin:$PATH"
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export LIBGUESTFS_BACKEND_SETTINGS=force_tcg

passed=0; failed=0
result () {  # result NAME STATUS LOG
  if [ "$2" = 0 ]; then echo "PASS: $1"; passed=$((passed + 1))
  else echo "FAIL: $1"; failed=$((failed + 1)); tail -n 40 "$3" | sed 's/^/    /'; fi
}
work=$(mktemp -d /tmp/rust-api-tests.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ ! -x "$prefix/lib/guestfs/guestfsd" ]; then
  echo "FAIL: no appliance daemon in $prefix/lib/guestfs (run scripts/install.sh $prefix)"
  echo "0 passed, 1 failed"; exit 1
fi

cargo build --release --manifest-path "$here/Cargo.toml" > "$work/build.log" 2>&1
result "contract program builds (guestfs + libc only)" $? "$work/build.log"
(cd "$repo" && cargo build --release -p guestfs --examples) > "$work/examples.log" 2>&1
result "cargo examples build (inspect_disk, upload_progress)" $? "$work/examples.log"

truncate -s 64M "$work/disk.img"
export LIBGUESTFS_PATH="$prefix/lib/guestfs"
"$CARGO_TARGET_DIR/release/rust-api-contract" "$work/disk.img" > "$work/contract.log" 2>&1
st=$?
if [ "$st" = 0 ] && ! grep -qx 'rust api ok' "$work/contract.log"; then st=1; fi
result "contract program prints 'rust api ok'" "$st" "$work/contract.log"

# Progress events come only for transfers longer than 2 s (1.48's rule): upload 384 MiB
# straight onto a device (sparse files, so the host side costs nothing).
truncate -s 512M "$work/big.img"
truncate -s 384M "$work/payload"
"$CARGO_TARGET_DIR/release/examples/upload_progress" "$work/big.img" "$work/payload" /dev/sda \
  > "$work/upload.log" 2>&1
st=$?
# "(N progress events, last at 402653184)" with N > 0: the events reached the closure,
# the last one at the end of the transfer.
if [ "$st" = 0 ] && ! grep -Eq '^uploaded 402653184 bytes to /dev/sda in .* \([1-9][0-9]* progress events, last at 402653184\)$' "$work/upload.log"; then st=1; fi
result "examples/upload_progress: 384 MiB upload with PROGRESS events" "$st" "$work/upload.log"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
