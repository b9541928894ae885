#!/usr/bin/env bash
# Builds examples/disk-demo.c against an installed guestfs-rs through pkg-config and runs it:
# a 1 GiB qcow2 image is created, partitioned, formatted, filled and read back (see the
# comment at the top of disk-demo.c). Exits non-zero when the demo fails.
#   examples/run-demo.sh PREFIX      (default: build/prefix)
set -euo pipefail
prefix=$(realpath "${1:-build/prefix}")
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
# Keep the work directory when the demo fails, so the image can be looked at.
trap 'rc=$?; if [ $rc = 0 ]; then rm -rf "$out"; else echo "run-demo: kept $out" >&2; fi' EXIT
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
cc -std=gnu11 -Wall -o "$out/disk-demo" "$here/disk-demo.c" $(pkg-config --cflags --libs libguestfs)
# The program links to libguestfs.so.0 by soname: make sure it is this prefix's, not a
# system libguestfs that may be installed too.
LD_LIBRARY_PATH="$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$out/disk-demo" "$out/work"
