#!/usr/bin/env bash
# Builds guestfs-rs (release) and installs it under PREFIX (default /usr/local):
#   PREFIX/lib/libguestfs.so.0.510.0 (+ libguestfs.so.0, libguestfs.so symlinks)
#   PREFIX/include/guestfs.h, PREFIX/lib/pkgconfig/libguestfs.pc
#   PREFIX/lib/guestfs/guestfsd (the appliance daemon; the library's default path)
# The shared object is linked here from the Rust static library plus the generated C
# file, through generated/guestfs.syms, so it exports exactly libguestfs 1.48's symbols.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(realpath -m "${1:-/usr/local}")
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
export GUESTFS_RS_DEFAULT_PATH="$prefix/lib/guestfs"
cd "$here"
cargo build --release -p guestfs -p guestfsd
cargo build --release -p guestfs-launch --bin guestfs-rs-build-appliance
rel="$CARGO_TARGET_DIR/release"
mkdir -p "$prefix/lib/pkgconfig" "$prefix/include" "$prefix/lib/guestfs"
gcc -shared -o "$prefix/lib/libguestfs.so.0.510.0.tmp" \
  -Wl,-soname,libguestfs.so.0 -Wl,--version-script="$here/generated/guestfs.syms" \
  -Wl,--whole-archive "$rel/libguestfs.a" -Wl,--no-whole-archive \
  -Wl,--gc-sections -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
mv -f "$prefix/lib/libguestfs.so.0.510.0.tmp" "$prefix/lib/libguestfs.so.0.510.0"
ln -sfn libguestfs.so.0.510.0 "$prefix/lib/libguestfs.so.0"
ln -sfn libguestfs.so.0 "$prefix/lib/libguestfs.so"
install -m 0644 include/guestfs.h "$prefix/include/guestfs.h"
sed -e "s|@prefix@|$prefix|g" guestfs.pc.in > "$prefix/lib/pkgconfig/libguestfs.pc"
install -m 0755 "$rel/guestfsd" "$prefix/lib/guestfs/guestfsd"
# Builds or exports the appliance (e.g. as a fixed appliance for libguestfs 1.48).
install -m 0755 "$rel/guestfs-rs-build-appliance" "$prefix/lib/guestfs/guestfs-rs-build-appliance"
echo "installed guestfs-rs into $prefix"
