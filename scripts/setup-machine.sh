#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (run as root) for building and testing guestfs-rs.
# Idempotent: every step checks before it changes anything.
set -euo pipefail

log() { printf 'setup: %s\n' "$*" >&2; }

if [ "$(id -u)" != 0 ]; then
  echo "setup: must run as root (it installs Debian packages)" >&2
  exit 1
fi

src=/etc/apt/sources.list.d/debian.sources
# qemu-utils 10 on these machines comes from bookworm-backports, so qemu-system-x86 must too;
# deb-src lets the conformance scripts fetch libguestfs's test suites with `apt-get source`.
need_update=0
if [ -f "$src" ]; then
  if ! grep -q bookworm-backports "$src"; then
    sed -i '0,/^Suites: bookworm bookworm-updates$/s//Suites: bookworm bookworm-updates bookworm-backports/' "$src"
    need_update=1
  fi
  if ! grep -q '^Types: deb deb-src' "$src"; then
    sed -i '0,/^Types: deb$/s//Types: deb deb-src/' "$src"
    need_update=1
  fi
fi
stamp=/var/lib/apt/periodic/guestfs-rs-update
if [ "$need_update" = 1 ] || [ ! -e "$stamp" ]; then
  log "apt-get update"
  apt-get update -qq
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi

export DEBIAN_FRONTEND=noninteractive
# The emulator, from the same suite as the preinstalled qemu-utils.
backports=(qemu-system-x86)
# Kernel and modules for the appliance; host tools the daemon runs inside it; build/test tools.
packages=(
  linux-image-amd64
  pkg-config dpkg-dev
  # C compiler for the C tests and the daemon's libtsk shim; C++ for libFuzzer (fuzz/)
  gcc g++
  e2fsprogs xfsprogs btrfs-progs dosfstools mtools parted gdisk fdisk lvm2 mdadm cryptsetup-bin
  util-linux mount kmod tar gzip xz-utils zstd cpio file attr acl psmisc procps
  libpcre2-dev genisoimage
  libaugeas-dev augeas-lenses libhivex-dev libsystemd-dev libselinux1-dev
  ntfs-3g sleuthkit f2fs-tools python3
  # memory checker for the C API and thread stress tests
  valgrind
  # rsync: inside the appliance (rsync calls) and the host daemon of tests/network; busybox: wget/sh of its test guest
  rsync busybox
  # tests/inspect/icons.sh: wrestool and netpbm for 1.48.6's side of the icon comparison
  # only (guestfs-rs runs no host tool on guest files); hivexregedit to make its hives (tests/hostile too)
  icoutils netpbm libwin-hivex-perl
)
# Optional daemon groups: Windows dynamic disks (ldmtool), selinux_relabel (setfiles),
# grub_install's i386-pc modules (grub-install itself is grub2-common, a libguestfs0 dependency).
packages+=(ldmtool policycoreutils grub-pc-bin)
# librpm for the daemon's rpm package list (internal_list_rpm_applications, linked
# against librpm.so); rpm, db5.3-util and sqlite3 build the rpm-database test images
# (tests/inspect/make-rpmdb-images.sh).
packages+=(librpm-dev rpm db5.3-util sqlite3)
# Debian's rsync support for 1.48.6's appliance: with it, 1.48.6 reports the rsync group
# as ours does, so tests/appliance compares that group too.
packages+=(libguestfs-rsync)
# mkfs.exfat and mkfs.reiserfs for the appliance (1.48.6's appliance has both: exfatprogs,
# and reiserfsprogs through Debian's libguestfs-reiserfs).
packages+=(exfatprogs reiserfsprogs libguestfs-reiserfs)
# Debian's virt-inspector (guestfs-tools) and the Perl bindings (libguestfs's
# make-fedora-img.pl) for the inspection comparisons; both run on 1.48.6 or on ours.
reference_tools=(guestfs-tools libguestfs-perl)
# The daemon links libtsk (filesystem_walk, find_inode) and libyara (yara_*); yara's
# yarac makes the compiled rules the tests load.
packages+=(libtsk-dev libyara-dev yara)
# tests/tools/libvirt.sh: a libvirt daemon for qemu:///system (started by the test with
# `libvirtd -d` and `virtlogd -d`: no systemd here), virsh, and libvirt's headers for the
# suite's C check of add_libvirt_dom (the library itself dlopens libvirt.so.0).
packages+=(libvirt-daemon-system libvirt-daemon-driver-qemu libvirt-clients libvirt-dev)
# virt-rescue (tests/tools/rescue.sh): Debian's libguestfs-rescue adds ping, arping,
# tracepath, lsof, strace and vim-tiny to 1.48.6's rescue appliance; guestfs-rs's appliance
# copies the same programs (daemon/appliance-tools.txt), so both shells offer the same tools.
packages+=(libguestfs-rescue)
# Perl's Expect, with which libguestfs's rescue/test-virt-rescue.pl drives virt-rescue.
packages+=(libexpect-perl)
# FUSE (mount_local): fuse3's fusermount3 mounts for a non-root user and its fusermount
# is what guestunmount runs; Debian's guestmount and guestunmount (umount_local runs
# guestunmount, as 1.48 does) for tests/tools/guestmount.sh and benches/fuse.sh; bc for
# the benchmark's arithmetic. (attr and psmisc, which the suite also uses, are above.)
packages+=(fuse3 guestmount bc)
missing=()
for p in "${backports[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing from bookworm-backports: ${missing[*]}"
  apt-get install -y -qq -t bookworm-backports "${missing[@]}" >/dev/null
fi
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# What libvirt-daemon-system's maintainer scripts create, in case they could not: the
# user and group qemu:///system runs guests as, and libvirtd's log directory.
if dpkg -s libvirt-daemon-system >/dev/null 2>&1; then
  getent group kvm >/dev/null || groupadd --system kvm
  getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
  id libvirt-qemu >/dev/null 2>&1 ||
    useradd --system --gid kvm --groups libvirt-qemu --home-dir /var/lib/libvirt --no-create-home \
      --shell /usr/sbin/nologin libvirt-qemu
  mkdir -p /var/log/libvirt/qemu
fi

# Debian's libguestfs 1.48.6 is the reference for the differential and wire-compatibility
# tests. It is installed, but every test of ours loads our library by explicit path.
# guestfish (1.48's, on that library) builds libguestfs's phony guest images for the
# inspection tests.
if [ "${GUESTFS_RS_NO_REFERENCE:-0}" != 1 ] && ! dpkg -s libguestfs0 guestfish >/dev/null 2>&1; then
  log "installing the reference libguestfs0 and guestfish (tests load them by explicit path only)"
  apt-get install -y -qq libguestfs0 guestfish >/dev/null
fi
if [ "${GUESTFS_RS_NO_REFERENCE:-0}" != 1 ]; then
  missing=()
  for p in "${reference_tools[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
# 1.48's appliance is extended the way Debian's libguestfs-rsync/-xfs packages do it: a
# package list dropped into its supermin.d. Debian has no such package for setfiles
# (selinuxrelabel) or grub's i386-pc modules (grub_install); with this one, 1.48.6 carries
# them as Fedora's build does, and tests/groups and tests/appliance compare those groups
# live with it. 1.48.6 rebuilds its appliance when the list changes.
if [ "${GUESTFS_RS_NO_REFERENCE:-0}" != 1 ]; then
  dropin=/usr/lib/x86_64-linux-gnu/guestfs/supermin.d/packages-guestfs-rs-groups
  if [ "$(cat "$dropin" 2>/dev/null)" != "$(printf 'policycoreutils\ngrub-pc-bin')" ]; then
    log "adding policycoreutils and grub-pc-bin to 1.48.6's appliance ($dropin)"
    printf 'policycoreutils\ngrub-pc-bin\n' >"$dropin"
  fi
fi
log "machine ready"
