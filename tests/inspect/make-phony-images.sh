#!/usr/bin/env bash
# Builds libguestfs 1.48's phony guest images (test-data/phony-guests/make-*-img.sh) with
# Debian's guestfish and caches them under /var/tmp/guestfs-rs-phony/, keyed by the
# script's contents, so later runs reuse them.  Prints the path of each image built or
# found; an image that fails to build is reported on stderr and left out.
#   make-phony-images.sh [NAME...]     default: debian ubuntu archlinux coreos windows
set -uo pipefail
src=${LIBGUESTFS_SRC:-/var/cache/guestfs-rs/ref/libguestfs-1.48.6}
phony=$src/test-data/phony-guests
cache=${PHONY_CACHE:-/var/tmp/guestfs-rs-phony}
mkdir -p "$cache"
names=${*:-debian ubuntu archlinux coreos windows}

for name in $names; do
  script=$phony/make-$name-img.sh
  [ -f "$script" ] || { echo "make-phony-images: no $script" >&2; continue; }
  key=$(cat "$script" | sha256sum | cut -c1-16)
  img=$cache/$name-$key.img
  if [ ! -f "$img" ]; then
    work=$(mktemp -d "$cache/build-$name.XXXXXX")
    # The scripts write NAME.img into the current directory and find their data through
    # $SRCDIR (and $SRCDIR/../binaries).  Debian's library and guestfish build them.
    if (cd "$work" && env -u LD_LIBRARY_PATH LIBGUESTFS_BACKEND_SETTINGS=force_tcg SRCDIR="$phony" \
          bash "$script") > "$work/log" 2>&1 && [ -f "$work/$name.img" ]; then
      mv "$work/$name.img" "$img"
      rm -rf "$work"
    else
      echo "make-phony-images: $name failed, log in $work/log" >&2
      continue
    fi
  fi
  echo "$img"
done
