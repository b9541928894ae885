#!/usr/bin/env bash
# Networking, rsync and drive interfaces, end to end, without internet:
#   tests/network/run.sh PREFIX            # guestfs-rs (PREFIX/lib/libguestfs.so.0)
#   tests/network/run.sh --reference       # Debian's libguestfs 1.48.6, same checks
# Debian's guestfish drives the library. On the host's loopback only, the script starts
# an HTTP server (python3 -m http.server) and an rsync daemon with a private
# configuration; the appliance reaches them through qemu's user network at 169.254.2.2
# (1.48's `-netdev user,net=169.254.0.0/16`). Both servers are started under `timeout`
# and killed on exit. Checks:
#   net-*     set_network: the guest's own wget (busybox in a small test guest) fetches a
#             file over HTTP through `sh`; resolv.conf is the appliance's during the
#             command and the guest's own again afterwards
#   rsync-*   rsync_in / rsync_out against the rsync daemon (archive and deletedest, a
#             single file without archive), rsync between two guest directories, the
#             error message of a failed transfer, feature_available rsync
#   iface-*   add_drive iface ide/virtio/scsi and the deprecated *_with_if calls in one
#             launch: every disk visible, named /dev/sda.. in the order added, nothing
#             past the last one reachable
# Prints PASS:/FAIL: lines and "N passed, M failed"; exit status 1 on any failure. A
# missing prerequisite fails under CI=true and skips the suite otherwise.
# Environment: NETWORK_TESTS_OUT (work directory, default a fresh mktemp -d, removed at
# the end unless given), NETWORK_TESTS_TIMEOUT (seconds per guestfish run, default 600).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX | --reference" >&2
  exit 2
fi

# shellcheck source=../lib/suite-start.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib/suite-start.sh"
missing=()
require_tools guestfish python3 rsync busybox mke2fs timeout
stop_if_missing

if [ "$1" = --reference ]; then
  libdir=
else
  require_prefix "$1"
  libdir=$prefix/lib
fi

make_work_dir "${NETWORK_TESTS_OUT:-}" /tmp/network-tests.XXXXXX
timeout_s=${NETWORK_TESTS_TIMEOUT:-600}
export LANG=C
# KVM is unusable on the project machines; 1.48 needs to be told, ours decides itself.
export LIBGUESTFS_BACKEND_SETTINGS=${LIBGUESTFS_BACKEND_SETTINGS-force_tcg}
export LIBGUESTFS_CACHEDIR=$work/cache
mkdir -p "$LIBGUESTFS_CACHEDIR"

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0 failed=0

# fish LOG: guestfish (Debian's) on the library under test, script on stdin.
fish() {
  if [ -n "$libdir" ]; then
    LD_LIBRARY_PATH=$libdir timeout -k 10 "$timeout_s" guestfish "$@"
  else
    env -u LD_LIBRARY_PATH timeout -k 10 "$timeout_s" guestfish "$@"
  fi
}

# A free TCP port on 127.0.0.1 (asked of the kernel; the servers bind it right after).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_port PORT: until something listens on 127.0.0.1:PORT (10 s at most).
wait_port() {
  local i
  for i in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# --- servers on the host's loopback ---
www=$work/www
mkdir -p "$www"
echo "hello from the host over HTTP" >"$www/hello.txt"
http_port=$(free_port)
timeout 1800 python3 -m http.server --bind 127.0.0.1 --directory "$www" "$http_port" \
  >"$work/http.log" 2>&1 &
pids+=($!)

src=$work/rsync-src dest=$work/rsync-dest
mkdir -p "$src/sub" "$dest"
echo "first file" >"$src/a.txt"
echo "second file" >"$src/sub/b.txt"
printf 'binary\0data\n' >"$src/sub/c.bin"
ln -s a.txt "$src/link"
chmod 0640 "$src/a.txt"
chmod 0750 "$src/sub"
touch -d '2001-02-03 04:05:06 UTC' "$src/a.txt" "$src/sub/b.txt"
rsync_port=$(free_port)
cat >"$work/rsyncd.conf" <<EOF
address = 127.0.0.1
port = $rsync_port
pid file = $work/rsyncd.pid
log file = $work/rsyncd.log
use chroot = false
uid = $(id -un)
gid = $(id -gn)
[src]
  path = $src
  read only = true
[dest]
  path = $dest
  read only = false
  munge symlinks = false
EOF
timeout 1800 rsync --daemon --no-detach --config="$work/rsyncd.conf" >"$work/rsyncd.out" 2>&1 &
pids+=($!)

if ! wait_port "$http_port" || ! wait_port "$rsync_port"; then
  fail "servers start" "$work/rsyncd.out"
  cat "$work/http.log"
  echo "$passed passed, $failed failed"
  exit 1
fi
host=169.254.2.2
rsync_url=rsync://$host:$rsync_port

# --- a small guest with the guest's own /bin/sh and wget (busybox and its libraries) ---
root=$work/guest-root
mkdir -p "$root/bin" "$root/etc" "$root/tmp"
cp /usr/bin/busybox "$root/bin/busybox"
for l in $(ldd /usr/bin/busybox | grep -o '/[^ ]*'); do
  mkdir -p "$root$(dirname "$l")"
  cp -L "$l" "$root$l"
done
for a in sh wget cat ls; do ln -s busybox "$root/bin/$a"; done
echo "# the guest's own resolv.conf" >"$root/etc/resolv.conf"
guest=$work/guest.img
truncate -s 64M "$guest"
mke2fs -q -t ext4 -d "$root" -F "$guest" || { fail "make the test guest"; exit 1; }

# --- networking: the guest's wget over HTTP, resolv.conf during and after ---
fish --network -a "$guest" -m /dev/sda >"$work/net.log" 2>&1 <<EOF
get-network
sh "wget -q -O - http://$host:$http_port/hello.txt"
sh "cat /etc/resolv.conf"
cat /etc/resolv.conf
EOF
# The appliance's resolv.conf may carry comments and search lines (ours has a comment,
# 1.48's comes from dhclient): its nameserver line is what counts.
# (guestfish adds an empty line after output that ends in a newline: dropped.)
net_log=$work/net.got
grep -v '^$' "$work/net.log" >"$net_log"
if [ "$(sed -n 1p "$net_log")" = true ] &&
   grep -qx 'hello from the host over HTTP' "$net_log" &&
   grep -qx 'nameserver 169.254.2.3' "$net_log" &&
   [ "$(tail -n 1 "$net_log")" = "# the guest's own resolv.conf" ]; then
  pass net-wget-and-resolv
else
  fail net-wget-and-resolv "$net_log"
fi

# --- rsync ---
disk=$work/rsync.img
truncate -s 256M "$disk"
fish --network -a "$disk" >"$work/rsync.log" 2>&1 <<EOF
run
feature-available rsync
mkfs ext4 /dev/sda
mount /dev/sda /
mkdir /in
write /in/stale "left over"
rsync-in "$rsync_url/src/" /in/ archive:true deletedest:true
ls /in
ls /in/sub
readlink /in/link
cat /in/sub/b.txt
mkdir /single
rsync-in "$rsync_url/src/a.txt" /single/
cat /single/a.txt
mkdir /copy
write /copy/extra "not in /in"
rsync /in/ /copy/ archive:true deletedest:true
ls /copy
rsync /in/sub/ /copy/plain/ archive:true
ls /copy/plain
write /in/sub/new.txt "made in the guest"
rsync-out /in/ "$rsync_url/dest/" archive:true deletedest:true
-rsync-in "$rsync_url/nosuchmodule/" /in/
-rsync-out /in/ "$rsync_url/src/" archive:true
EOF
cat >"$work/rsync.expected" <<EOF
true
a.txt
link
sub
b.txt
c.bin
a.txt
second file
first file
a.txt
link
sub
b.txt
c.bin
EOF
# Output up to the first (expected) error, without guestfish's empty lines.
sed '/^\*stdin\*/,$d' "$work/rsync.log" | grep -v '^$\|^libguestfs: warning' >"$work/rsync.got"
check rsync-calls "$work/rsync.got" "$work/rsync.expected"

# What the guest sent back: the source tree plus the file made in the guest, with
# archive's modes, times and symlink; the stale file it had before is gone (deletedest).
# (Directory times are left out: writing new.txt in the guest changed sub's.)
listing() {
  (cd "$1" && find . -mindepth 1 -printf '%P %y %m %s %TY-%Tm-%Td_%TH:%TM\n' |
    sed 's/^\([^ ]* d [^ ]* [^ ]*\) .*/\1 -/' | LC_ALL=C sort)
}
listing "$src" >"$work/tree.src"
echo "sub/new.txt f 644 17 x" >>"$work/tree.src"
listing "$dest" | sed 's#^\(sub/new.txt f 644 17\) .*#\1 x#' | LC_ALL=C sort >"$work/tree.dest"
LC_ALL=C sort -o "$work/tree.src" "$work/tree.src"
check rsync-out-tree "$work/tree.dest" "$work/tree.src"
if cmp -s "$src/sub/c.bin" "$dest/sub/c.bin" && [ "$(readlink "$dest/link")" = a.txt ]; then
  pass rsync-out-contents
else
  fail rsync-out-contents
fi

# The errors: 1.48's "'SRC' to 'DEST': " then rsync's own message.
if grep -q "rsync_in: '$rsync_url/nosuchmodule/' to '/in/': @ERROR: Unknown module 'nosuchmodule'" "$work/rsync.log" &&
   grep -q "rsync_out: '/in/' to '$rsync_url/src/': ERROR: module is read only" "$work/rsync.log"; then
  pass rsync-errors
else
  fail rsync-errors "$work/rsync.log"
fi

# deletedest on the host side: a second rsync_out after a file was removed in the guest.
fish --network -a "$disk" -m /dev/sda >"$work/rsync2.log" 2>&1 <<EOF
rm /in/sub/new.txt
rsync-out /in/ "$rsync_url/dest/" archive:true deletedest:true
EOF
if [ ! -e "$dest/sub/new.txt" ] && [ -e "$dest/sub/b.txt" ]; then
  pass rsync-out-deletedest
else
  fail rsync-out-deletedest "$work/rsync2.log"
fi

# --- drive interfaces: one launch with every kind, sizes tell the disks apart ---
for i in 1 2 3 4 5; do truncate -s "$((100 + i))M" "$work/if$i.img"; done
fish >"$work/iface.log" 2>&1 <<EOF
add-drive $work/if1.img iface:virtio format:raw
add-drive $work/if2.img iface:ide format:raw
add-drive $work/if3.img format:raw
add-drive $work/if4.img iface:scsi format:raw
add-drive-with-if $work/if5.img ide
run
list-devices
blockdev-getsize64 /dev/sda
blockdev-getsize64 /dev/sdb
blockdev-getsize64 /dev/sdc
blockdev-getsize64 /dev/sdd
blockdev-getsize64 /dev/sde
mkfs ext3 /dev/sdb
mount /dev/sdb /
-blockdev-getsize64 /dev/sdf
-blockdev-getsize64 /dev/vdf
EOF
{
  printf '/dev/sd%s\n' a b c d e
  for i in 1 2 3 4 5; do echo $(((100 + i) * 1048576)); done
} >"$work/iface.expected"
grep -v '^libguestfs: \|^\*stdin\*' "$work/iface.log" >"$work/iface.got"
check iface-mix-order "$work/iface.got" "$work/iface.expected"
if [ "$(grep -c 'No such file or directory' "$work/iface.log")" = 2 ]; then
  pass iface-nothing-past-last-disk
else
  fail iface-nothing-past-last-disk "$work/iface.log"
fi

# libguestfs's rhbz690819: mkfs and mount on a lone IDE disk.
fish >"$work/ide.log" 2>&1 <<EOF
add-drive-ro-with-if $work/if1.img ide
add $work/if2.img iface:ide format:raw
run
list-devices
mkfs ext3 /dev/sdb
mount /dev/sdb /
touch /ok
-mkfs ext3 /dev/sdc
EOF
printf '/dev/sda\n/dev/sdb\n' >"$work/ide.expected"
grep -v '^libguestfs: \|^\*stdin\*' "$work/ide.log" >"$work/ide.got"
if diff -q "$work/ide.got" "$work/ide.expected" >/dev/null && grep -q 'mkfs.*/dev/sdc: No such file or directory' "$work/ide.log"; then
  pass iface-ide-only
else
  fail iface-ide-only "$work/ide.log"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
