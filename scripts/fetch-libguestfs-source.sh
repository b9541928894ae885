#!/usr/bin/env bash
# Fetches Debian's libguestfs 1.48.6 source package (for its test suites and interface
# facts) into a cache outside the repository and prints the tree's path.  Never committed.
set -euo pipefail
cache=${GUESTFS_RS_REFDIR:-/var/cache/guestfs-rs/ref}
tree="$cache/libguestfs-1.48.6"
if [ ! -f "$tree/include/guestfs.h" ]; then
  mkdir -p "$cache"
  (cd "$cache" && apt-get source -qq libguestfs >/dev/null 2>&1) || {
    echo "fetch-libguestfs-source: 'apt-get source libguestfs' failed (deb-src enabled? run scripts/setup-machine.sh)" >&2
    exit 1
  }
fi
echo "$tree"
