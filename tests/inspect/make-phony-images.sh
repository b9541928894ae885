#!/usr/bin/env bash
# Builds libguestfs 1.48's phony guest images (test-data/phony-guests/make-*-img.sh) with
# Debian's guestfish and caches them under /var/tmp/guestfs-rs-phony/, keyed by the
# script's contents, so later runs reuse them.  Prints the path of each image built or
# found (one line per name; a guest made of several disks prints them all on its line,
# space-separated, in drive order); an image that fails to build is reported on stderr
# and left out.
#   make-phony-images.sh [NAME...]     default: debian ubuntu archlinux coreos windows
#
# The Fedora layouts come from make-fedora-img.pl (Perl, Sys::Guestfs on Debian's
# libguestfs 1.48.6), run with LAYOUT set as 1.48's Makefile does:
#   fedora              LVM root               (LAYOUT=partitions)
#   fedora-md           LVM on an md RAID1 of two disks (fedora-md1.img fedora-md2.img)
#   fedora-btrfs        root and /home on btrfs subvolumes
#   fedora-lvm-on-luks  LVM inside LUKS, passphrase FEDORA
#   fedora-luks-on-lvm  each LV a LUKS device, passphrases FEDORA-Root, FEDORA-LV1...
set -uo pipefail
src=${LIBGUESTFS_SRC:-/var/cache/guestfs-rs/ref/libguestfs-1.48.6}
phony=$src/test-data/phony-guests
cache=${PHONY_CACHE:-/var/tmp/guestfs-rs-phony}
mkdir -p "$cache"
names=${*:-debian ubuntu archlinux coreos windows}

# The Fedora layouts: NAME LAYOUT IMAGE-FILES...
fedora_layouts="fedora:partitions:fedora.img
fedora-md:partitions-md:fedora-md1.img,fedora-md2.img
fedora-btrfs:btrfs:fedora-btrfs.img
fedora-lvm-on-luks:lvm-on-luks:fedora-lvm-on-luks.img
fedora-luks-on-lvm:luks-on-lvm:fedora-luks-on-lvm.img"

build_fedora () {
  local name=$1 layout files key work f out=""
  layout=$(printf '%s\n' "$fedora_layouts" | awk -F: -v n="$name" '$1 == n { print $2 }')
  files=$(printf '%s\n' "$fedora_layouts" | awk -F: -v n="$name" '$1 == n { print $3 }' | tr , ' ')
  # Keyed by the script, its data files and the layout.
  key=$( (cat "$phony/make-fedora-img.pl" "$phony/fedora.db" "$phony/fedora-journal.tar.xz" \
            "$phony/../binaries/bin-x86_64-dynamic"; echo "$layout") | sha256sum | cut -c1-16)
  for f in $files; do out="$out $cache/${f%.img}-$key.img"; done
  out=${out# }
  local have=1
  for f in $out; do [ -s "$f" ] || have=0; done
  if [ "$have" = 0 ]; then
    work=$(mktemp -d "$cache/build-$name.XXXXXX")
    if (cd "$work" && env -u LD_LIBRARY_PATH LIBGUESTFS_BACKEND_SETTINGS=force_tcg SRCDIR="$phony" \
          LAYOUT="$layout" perl "$phony/make-fedora-img.pl") > "$work/log" 2>&1; then
      for f in $files; do
        # An empty fedora-btrfs.img means the appliance had no btrfs: a failure here.
        [ -s "$work/$f" ] || { echo "make-phony-images: $name: no $f, log in $work/log" >&2; return 1; }
      done
      for f in $files; do mv "$work/$f" "$cache/${f%.img}-$key.img"; done
      rm -rf "$work"
    else
      echo "make-phony-images: $name failed, log in $work/log" >&2
      return 1
    fi
  fi
  echo "$out"
}

for name in $names; do
  case $name in
    fedora|fedora-*) build_fedora "$name"; continue ;;
  esac
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
