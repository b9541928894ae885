#!/usr/bin/env bash
# Builds and runs the handle-level demo against an installed prefix.
# (The disk-image demo that launches the appliance replaces it under issue 3.)
set -euo pipefail
prefix=$(realpath "${1:-build/prefix}")
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
cc -Wall -o "$out/demo" "$here/handle-demo.c" $(pkg-config --cflags --libs libguestfs)
LD_LIBRARY_PATH="$prefix/lib" "$out/demo"
