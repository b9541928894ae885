#!/usr/bin/env bash
# Builds the hostile images into DIR with guestfish on the library found through
# LD_LIBRARY_PATH (the suite passes ours), and prints "NAME EXPECT" per image built
# (EXPECT: the type/distro inspection must still find).
#
#   release64k     a Linux root whose /etc/redhat-release is one 64 KiB line crafted to
#                  make a backtracking matcher of the release patterns take cubic time
#                  (it matches "Red Hat.*release (N)" greedily: RHEL 2)
#   windows-mbname libguestfs's phony Windows guest with a \MountedDevices value named
#                  "a" + eight "é" (a multibyte character across byte 12 of the name)
#   windows-bomb   the phony Windows guest with a crafted SOFTWARE hive: an application
#                  whose Comments value is a "hive bomb" (make-hive-bomb.py)
#   linux-mess     symlink loops and absolute symlinks to / in /etc, a million-line
#                  fstab, names with newlines and invalid UTF-8, 10 000 nested
#                  directories, a 1 TiB sparse file (make-linux-mess.py; packed with
#                  mke2fs -d, no appliance needed)
#   truncated-ext4 an ext4 holding a small Linux root, cut to its first 2 MiB (inspection
#                  may find nothing; it must fail cleanly)
#
#   make-images.sh DIR [NAME...]
set -euo pipefail
dir=$1
shift
names=${*:-release64k windows-mbname windows-bomb linux-mess truncated-ext4}
here=$(cd "$(dirname "$0")" && pwd)
phony=${LIBGUESTFS_SRC:-/var/cache/guestfs-rs/ref/libguestfs-1.48.6}/test-data/phony-guests
mkdir -p "$dir"

# libguestfs's phony Windows image (built once with Debian's guestfish, cached).
phony_windows () {
  env -u LD_LIBRARY_PATH bash "$here/../inspect/make-phony-images.sh" windows | tail -n 1
}

for name in $names; do
  img=$dir/$name.img
  case $name in
    release64k)
      python3 -c '
import sys
unit = "Red Hat release 1 Update CentOS release 2."
open(sys.argv[1], "w").write((unit * (65536 // len(unit) + 1))[:65536] + "\n")
' "$dir/redhat-release"
      guestfish -N "$img"=fs:ext4:64M -m /dev/sda1 -- \
        mkdir-p /etc : mkdir-p /bin : mkdir-p /usr/bin : touch /bin/sh : \
        write /etc/fstab "/dev/sda1 / ext4 defaults 0 1" : \
        upload "$dir/redhat-release" /etc/redhat-release
      echo "$name linux/rhel"
      ;;
    windows-mbname)
      base=$(phony_windows)
      cp "$phony/windows-system" "$dir/SYSTEM"
      printf 'Windows Registry Editor Version 5.00\n\n[\\MountedDevices]\n"a%s"=hex(3):34,12,00,00,00,7e,00,00,00,00,00,00\n' \
        "$(printf 'é%.0s' 1 2 3 4 5 6 7 8)" > "$dir/md.reg"
      hivexregedit --merge "$dir/SYSTEM" "$dir/md.reg"
      qemu-img create -q -f qcow2 -F raw -b "$base" "$img"
      guestfish -a "$img" -m /dev/sda2 upload "$dir/SYSTEM" /Windows/System32/Config/SYSTEM
      echo "$name windows/windows"
      ;;
    windows-bomb)
      base=$(phony_windows)
      python3 "$here/make-hive-bomb.py" "$dir/SOFTWARE"
      qemu-img create -q -f qcow2 -F raw -b "$base" "$img"
      guestfish -a "$img" -m /dev/sda2 upload "$dir/SOFTWARE" /Windows/System32/Config/SOFTWARE
      echo "$name windows/windows"
      ;;
    linux-mess)
      python3 "$here/make-linux-mess.py" "$dir/mess"
      mke2fs -q -t ext4 -d "$dir/mess" -F "$img" 256M >&2
      rm -rf "$dir/mess"
      echo "$name linux/debian"
      ;;
    truncated-ext4)
      mkdir -p "$dir/small/etc" "$dir/small/bin" "$dir/small/usr/bin"
      echo 12.1 > "$dir/small/etc/debian_version"
      head -c 4M /dev/urandom > "$dir/small/usr/bin/filler"
      mke2fs -q -t ext4 -d "$dir/small" -F "$img" 64M >&2
      truncate -s 2M "$img"
      echo "$name -"
      ;;
    *) echo "make-images: unknown image $name" >&2; exit 2 ;;
  esac
done
