#!/usr/bin/env bash
# Runs libguestfs 1.48's own shell test scripts (fish/test-*.sh and tests/*/*.sh) through
# Debian's guestfish (/usr/bin/guestfish, 1.48.6) loading PREFIX's libguestfs.so.0.
#   scripts/conformance/run-upstream-guestfish-tests.sh PREFIX
#   scripts/conformance/run-upstream-guestfish-tests.sh --reference   # Debian's 1.48.6 itself
# The scripts are run unchanged from a scratch copy of the unpacked source (they write next
# to themselves), fetched by scripts/fetch-libguestfs-source.sh; nothing is committed.
# Prints PASS:/FAIL:/SKIP: lines and "N passed, M failed"; exit status 1 on any failure.
# Environment: GUESTFISH_TESTS_TIMEOUT (seconds per script, default 300),
# GUESTFISH_TESTS_ONLY (extended regexp on dir/script names), GUESTFISH_TESTS_KEEP=1 (keep
# the scratch tree), LIBGUESTFS_BACKEND_SETTINGS (default force_tcg: KVM is unusable here).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX | --reference" >&2
  exit 2
fi
conf_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$conf_dir/../.." && pwd)
tree=$("$repo/scripts/fetch-libguestfs-source.sh") || exit 2
work=$(mktemp -d /tmp/guestfish-tests.XXXXXX)
[ "${GUESTFISH_TESTS_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
if [ "$1" = --reference ]; then
  # A prefix whose only library is Debian's: the same runner then measures 1.48.6 itself.
  prefix=$work/reference
  mkdir -p "$prefix/lib"
  ln -s "$debian_lib" "$prefix/lib/libguestfs.so.0"
else
  prefix=$(realpath "$1") || exit 2
fi
timeout_s=${GUESTFISH_TESTS_TIMEOUT:-300}
only=${GUESTFISH_TESTS_ONLY:-}
export LIBGUESTFS_BACKEND_SETTINGS=${LIBGUESTFS_BACKEND_SETTINGS-force_tcg}
export LANG=C

# guestfish must map PREFIX's library, not the system-wide copy.
mapped=$(LD_LIBRARY_PATH="$prefix/lib" ldd /usr/bin/guestfish | awk '$1 == "libguestfs.so.0" {print $3}')
if [ "$(realpath "$mapped" 2>/dev/null)" != "$(realpath "$prefix/lib/libguestfs.so.0" 2>/dev/null)" ]; then
  echo "FAIL: setup (guestfish maps '$mapped', not $prefix/lib/libguestfs.so.0)"
  echo "0 passed, 1 failed"
  exit 1
fi

# Scratch source tree: the test directories and the data they read.  Built-tree files the
# scripts look for (config.sh, test-data/test.iso, phony guests) are provided below.
src=$work/src
mkdir -p "$src/fish"
cp -r "$tree/tests" "$tree/test-data" "$src/"
cp "$tree"/fish/test-*.sh "$src/fish/"
mkdir -p "$src/rescue"
cp "$tree"/rescue/test-virt-rescue.pl "$tree"/rescue/test-virt-rescue-suggest.sh "$src/rescue/"
: >"$src/config.sh"
# fish/test-mount-local.sh unmounts with the built tree's ../fuse/guestunmount (not
# installed here); fusermount -u does the same job for the test.
mkdir -p "$src/fuse"
printf '#!/bin/sh\nexec fusermount -u -- "$@"\n' >"$src/fuse/guestunmount"
chmod +x "$src/fuse/guestunmount"

# test-data/test.iso: the built tree's ISO holds generated files too; the scripts only read
# the source files (helloworld.tar, known-*), so the ISO is made from those.
iso_dir=$work/iso
mkdir -p "$iso_dir/directory"
cp "$tree"/test-data/binaries/* \
   "$tree"/test-data/files/{helloworld.tar*,empty,known-*,test-grep.txt,minimal} "$iso_dir/"
ln -s /10klines "$iso_dir/abssymlink"
(cd "$iso_dir" && genisoimage -quiet -J -r -o "$src/test-data/test.iso" .) || echo "warning: genisoimage failed" >&2

# lib/libvirt-is-version MAJOR MINOR MICRO, a helper program of the built tree that the
# libvirt scripts ask: true when the host's libvirt (virsh --version) is at least that.
mkdir -p "$src/lib"
cat >"$src/lib/libvirt-is-version" <<'SH'
#!/bin/sh
v=$(virsh --version 2>/dev/null) || exit 1
a=${v%%.*}; r=${v#*.}; b=${r%%.*}; c=${r#*.}
[ $((a * 1000000 + b * 1000 + c)) -ge $(($1 * 1000000 + $2 * 1000 + $3)) ]
SH
chmod +x "$src/lib/libvirt-is-version"

# tests/disks/test-qemu-drive-libvirt.xml, which configure makes from its .in (each
# @abs_builddir@ is the file's own directory), and the blank raw disks of test-data/ it
# names.
sed -e "s|@abs_builddir@|$src/tests/disks|g" -e "s|@abs_top_builddir@|$src|g" -e "s|@configure_input@|generated|g" \
  "$tree/tests/disks/test-qemu-drive-libvirt.xml.in" >"$src/tests/disks/test-qemu-drive-libvirt.xml"
mkdir -p "$src/test-data/blank-disks"
truncate -s 512 "$src/test-data/blank-disks/blank-disk-1s.raw"
truncate -s 1K "$src/test-data/blank-disks/blank-disk-1K.raw"
truncate -s 1M "$src/test-data/blank-disks/blank-disk-1M.raw"

# Phony guests that guestfish scripts can make (fedora*.img need the Perl bindings): built
# once with Debian's 1.48.6, independent of PREFIX, and cached across runs.
fixtures=${GUESTFISH_TESTS_FIXTURES:-/var/tmp/guestfs-rs-guestfish-fixtures}
mkdir -p "$fixtures"
phony=$tree/test-data/phony-guests
if [ ! -s "$fixtures/blank-fs.img" ]; then
  (cd "$fixtures" && env -u LD_LIBRARY_PATH guestfish -N blank-fs.img-t=fs exit && mv blank-fs.img-t blank-fs.img) \
    >"$work/fixture-blank-fs.log" 2>&1 ||
    { echo "warning: could not make blank-fs.img" >&2; rm -f "$fixtures/blank-fs.img"; }
fi
if [ ! -s "$fixtures/windows.img" ]; then
  (cd "$fixtures" && env -u LD_LIBRARY_PATH SRCDIR="$phony" bash "$phony/make-windows-img.sh") \
    >"$work/fixture-windows.log" 2>&1 ||
    { echo "warning: could not make windows.img" >&2; rm -f "$fixtures/windows.img"; }
fi
for img in blank-fs.img windows.img; do
  [ -s "$fixtures/$img" ] && ln -sf "$fixtures/$img" "$src/test-data/phony-guests/$img"
done
# The Fedora layouts of make-fedora-img.pl (Perl bindings of Debian's 1.48.6) and
# debian.img, built and cached by tests/inspect's builder (PHONY_CACHE, keyed by the
# script and its data), then linked under the names the scripts use (fedora.img,
# fedora-md1.img ...).
for name in debian fedora fedora-md fedora-btrfs fedora-lvm-on-luks fedora-luks-on-lvm; do
  for img in $(bash "$repo/tests/inspect/make-phony-images.sh" "$name" 2>>"$work/fixture-fedora.log"); do
    base=$(basename "$img")
    ln -sf "$img" "$src/test-data/phony-guests/${base%-*}.img"
  done
done

# disks/test-add-disks, the C helper of test-27-disks.sh and test-add-lots-of-disks.sh,
# compiled unchanged from the source; the few libguestfs-internal helpers it includes are
# our own stand-ins (shims/ plus the header written here).
mkdir -p "$work/inc"
cat >"$work/inc/getprogname.h" <<'HEADER'
#include <errno.h>
#define getprogname() program_invocation_short_name
#define PACKAGE_VERSION_FULL PACKAGE_VERSION
#define STRSUFFIX(a, b) (strlen (a) >= strlen (b) && strcmp ((a) + strlen (a) - strlen (b), (b)) == 0)
static inline size_t
guestfs_int_count_strings (char *const *argv)
{
  size_t n = 0;
  while (argv[n] != NULL)
    n++;
  return n;
}
/* Drive index to its name: 0 -> "a", 25 -> "z", 26 -> "aa" (writes ret, returns its end). */
static inline char *
guestfs_int_drive_name (size_t index, char *ret)
{
  if (index >= 26)
    ret = guestfs_int_drive_name (index / 26 - 1, ret);
  *ret++ = 'a' + index % 26;
  *ret = '\0';
  return ret;
}
HEADER
headers=$prefix/include
[ -f "$headers/guestfs.h" ] || headers=$tree/include
${CC:-cc} -std=gnu99 -I"$conf_dir/shims" -I"$work/inc" -I"$headers" "$tree/tests/disks/test-add-disks.c" \
  -o "$src/tests/disks/test-add-disks" "$prefix/lib/libguestfs.so.0" >"$work/test-add-disks.log" 2>&1 ||
  { echo "warning: could not compile disks/test-add-disks:" >&2; cat "$work/test-add-disks.log" >&2; }

passed=0 failed=0 skipped=0
skip () {
  [ -n "$only" ] && ! [[ $1 =~ $only ]] && return
  echo "SKIP: $1 ($2)"; skipped=$((skipped + 1))
}

# run_script DIR/SCRIPT: runs it as automake would, from its Makefile's directory
# (fish/ for fish tests, tests/ for tests/*), with $TEST_FUNCTIONS pointing at the
# scratch tree and guestfish loading PREFIX's library.
run_script () {
  local name=$1 dir rel
  [ -n "$only" ] && ! [[ $name =~ $only ]] && return
  case $name in
    fish/*) dir=$src/fish rel=${name#fish/} ;;
    rescue/*) dir=$src/rescue rel=${name#rescue/} ;;
    *) dir=$src/tests rel=${name#tests/} ;;
  esac
  local log=$work/log.$(echo "$name" | tr / _)
  local tf="source $src/tests/test-functions.sh abs_srcdir=$dir abs_builddir=$dir srcdir=. builddir=."
  tf+=" top_srcdir=.. top_builddir=.. abs_top_srcdir=$src abs_top_builddir=$src"
  local start=$SECONDS interp=bash
  [[ $rel == *.pl ]] && interp=perl
  (cd "$dir" && TEST_FUNCTIONS=$tf VG= srcdir=. abs_srcdir=$dir abs_builddir=$dir \
     top_srcdir=.. top_builddir=.. abs_top_srcdir=$src abs_top_builddir=$src \
     LD_LIBRARY_PATH="$prefix/lib" timeout -k 10 "$timeout_s" "$interp" "./$rel") >"$log" 2>&1 </dev/null
  local rc=$? secs=$((SECONDS - start))
  case $rc in
    0) echo "PASS: $name (${secs}s)"; passed=$((passed + 1)) ;;
    77) echo "SKIP: $name (the script skipped itself: $(grep -m1 'skipped because\|only runs if' "$log" |
          sed 's/^[^:]*: //'))"; skipped=$((skipped + 1)) ;;
    *) [ $rc -eq 124 ] && echo "timed out after ${timeout_s}s" >>"$log"
       echo "FAIL: $name (exit status $rc, ${secs}s)"; failed=$((failed + 1))
       tail -n 30 "$log" | sed 's/^/    /' ;;
  esac
}

# --- fish/ (1.48's fish/Makefile.am TESTS) ---
run_script fish/test-a.sh
run_script fish/test-add-domain.sh
run_script fish/test-add-uri.sh
run_script fish/test-d.sh
skip fish/test-docs.sh "needs podcheck.pl and the generated POD of a built tree"
run_script fish/test-copy.sh
run_script fish/test-edit.sh
run_script fish/test-escapes.sh
run_script fish/test-events.sh
run_script fish/test-file-attrs.sh
run_script fish/test-find0.sh
run_script fish/test-glob.sh
run_script fish/test-inspect.sh
run_script fish/test-invalid-params.sh
run_script fish/test-mount-local.sh
run_script fish/test-prep.sh
run_script fish/test-read-file.sh
run_script fish/test-remote.sh
run_script fish/test-remote-events.sh
run_script fish/test-reopen.sh
run_script fish/test-run.sh
run_script fish/test-stringlist.sh
run_script fish/test-tilde.sh
run_script fish/test-upload-to-dir.sh

# --- rescue/ (1.48's rescue/Makefile.am TESTS with the appliance; test-virt-rescue.pl
# drives virt-rescue through Expect) ---
run_script rescue/test-virt-rescue.pl
run_script rescue/test-virt-rescue-suggest.sh

# --- tests/ (1.48's tests/Makefile.am TESTS, shell scripts only) ---
run_script tests/btrfs/test-btrfs-devices.sh
run_script tests/btrfs/test-btrfs-replace.sh
run_script tests/create/test-disk-create.sh
run_script tests/disks/test-qemu-drive.sh
run_script tests/disks/test-27-disks.sh
skip tests/disks/test-255-disks.sh "libvirt backend only"
run_script tests/disks/test-add-lots-of-disks.sh
run_script tests/disks/test-add-drive-with-blocksize.sh
run_script tests/disks/test-qemu-drive-libvirt.sh
run_script tests/disks/test-qemu-drive-with-blocksize-libvirt.sh
skip tests/disks/test-max-disks.sh "slow test"
run_script tests/luks/test-luks.sh
run_script tests/luks/test-luks-list.sh
run_script tests/luks/test-key-option.sh
run_script tests/luks/test-key-option-inspect-luks-on-lvm.sh
run_script tests/luks/test-key-option-inspect-lvm-on-luks.sh
run_script tests/lvm/test-lvm-filtering.sh
run_script tests/md/test-inspect-fstab.sh
run_script tests/md/test-inspect-fstab-md.sh
run_script tests/md/test-list-filesystems.sh
run_script tests/md/test-list-md-devices.sh
run_script tests/md/test-lvm-on-md-device.sh
run_script tests/md/test-md-and-lvm-devices.sh
run_script tests/md/test-mdadm.sh
run_script tests/md/test-partitioned-md-devices.sh
run_script tests/mountable/test-mountable-inspect.sh
run_script tests/network/test-network.sh
run_script tests/ntfs/test-ntfscat.sh
run_script tests/ntfs/test-ntfsclone.sh
run_script tests/protocol/test-both-ends-cancel.sh
run_script tests/protocol/test-cancellation-download-librarycancels.sh
run_script tests/protocol/test-cancellation-upload-daemoncancels.sh
run_script tests/protocol/test-qemudie-killsub.sh
run_script tests/protocol/test-qemudie-midcommand.sh
run_script tests/protocol/test-qemudie-synch.sh
run_script tests/qemu/qemu-liveness.sh
run_script tests/qemu/qemu-snapshot-isolation-add-drive-opts-readonly.sh
run_script tests/qemu/qemu-snapshot-isolation-add-drive-ro.sh
run_script tests/qemu/qemu-snapshot-isolation-qcow2.sh
run_script tests/qemu/qemu-force-tcg.sh
run_script tests/regressions/rhbz503169c13.sh
run_script tests/regressions/rhbz557655.sh
run_script tests/regressions/rhbz563450.sh
run_script tests/regressions/rhbz563450b.sh
run_script tests/regressions/rhbz576879.sh
run_script tests/regressions/rhbz578407.sh
run_script tests/regressions/rhbz580246.sh
run_script tests/regressions/rhbz602997.sh
run_script tests/regressions/rhbz690819.sh
run_script tests/regressions/rhbz789960.sh
run_script tests/regressions/rhbz811649.sh
run_script tests/regressions/rhbz895904.sh
skip tests/regressions/rhbz909624.sh "slow test"
run_script tests/regressions/rhbz957772.sh
run_script tests/regressions/rhbz975797.sh
run_script tests/regressions/rhbz1001875.sh
run_script tests/regressions/rhbz1011907-1165785.sh
skip tests/regressions/rhbz1044014.sh "libvirt backend only (guestfs-rs launches with the direct backend)"
run_script tests/regressions/rhbz1054761.sh
run_script tests/regressions/rhbz1091803.sh
run_script tests/regressions/rhbz1174551.sh
run_script tests/regressions/rhbz1175196.sh
run_script tests/regressions/rhbz1370424.sh
run_script tests/regressions/rhbz1477623.sh
run_script tests/regressions/rhbz1930996.sh
run_script tests/relative-paths/test-relative-paths.sh
run_script tests/rsync/test-rsync.sh
run_script tests/selinux/test-xattrs-direct.sh
run_script tests/selinux/test-selinux-direct.sh
run_script tests/syslinux/test-syslinux.sh
run_script tests/syslinux/test-extlinux.sh
run_script tests/tsk/test-download-inode.sh
run_script tests/tsk/test-download-blocks.sh
run_script tests/tsk/test-filesystem-walk.sh
run_script tests/tsk/test-find-inode.sh
run_script tests/yara/test-yara-scan.sh

[ "$skipped" -gt 0 ] && echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
