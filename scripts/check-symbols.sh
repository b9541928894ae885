#!/usr/bin/env bash
# Compares the dynamic symbols our libguestfs.so.0 exports with Debian's libguestfs 1.48.6.
set -euo pipefail
prefix=$1
ours=$(mktemp); theirs=$(mktemp); trap 'rm -f "$ours" "$theirs"' EXIT
nm -D --defined-only "$prefix/lib/libguestfs.so.0" | awk '{print $3}' | sort > "$ours"
ref=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
nm -D --defined-only "$ref" | awk '{print $3}' | sort > "$theirs"
soname=$(objdump -p "$prefix/lib/libguestfs.so.0" | awk '/SONAME/{print $2}')
[ "$soname" = libguestfs.so.0 ] || { echo "soname is $soname"; exit 1; }
if ! diff -u "$theirs" "$ours"; then echo "symbol sets differ"; exit 1; fi
echo "$(wc -l < "$ours") symbols, identical to libguestfs 1.48.6"
