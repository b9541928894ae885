#!/usr/bin/env bash
# Builds an install-style prefix from Debian's libguestfs 1.48.6 (header from the source
# package, library copied from libguestfs0), laid out as scripts/install.sh lays ours out.
# It lets the C test suites be validated before our own library exists, and serves as the
# reference side of comparisons.  The library is *copied* (not symlinked) so that
# /proc/self/maps shows a path inside the prefix, which the tests' load check relies on.
# Usage: make-debian-prefix.sh PREFIX
set -euo pipefail
prefix=${1:?usage: make-debian-prefix.sh PREFIX}
here=$(cd "$(dirname "$0")" && pwd)
tree=$("$here/../scripts/fetch-libguestfs-source.sh")
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0.510.0
[ -f "$debian_lib" ] || { echo "make-debian-prefix: $debian_lib missing (install libguestfs0)" >&2; exit 1; }

mkdir -p "$prefix/lib/pkgconfig" "$prefix/include"
prefix=$(cd "$prefix" && pwd)
cp "$tree/include/guestfs.h" "$prefix/include/guestfs.h"
install -m 0755 "$debian_lib" "$prefix/lib/libguestfs.so.0.510.0"
ln -sfn libguestfs.so.0.510.0 "$prefix/lib/libguestfs.so.0"
ln -sfn libguestfs.so.0 "$prefix/lib/libguestfs.so"
cat > "$prefix/lib/pkgconfig/libguestfs.pc" <<PC
prefix=$prefix
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib
includedir=\${prefix}/include

Name: libguestfs
Version: 1.48.6
Description: libguestfs library for accessing and modifying VM images (Debian copy, test prefix)
Requires:
Cflags: -I\${includedir}
Libs: -L\${libdir} -lguestfs
PC
echo "$prefix"
