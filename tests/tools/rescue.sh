#!/usr/bin/env bash
# Debian's unmodified virt-rescue over guestfs-rs and over libguestfs 1.48.6, in the same
# run, compared:
#   tests/tools/rescue.sh PREFIX        # ours is PREFIX/lib/libguestfs.so.0
# Every case runs twice, once with LD_LIBRARY_PATH=PREFIX/lib (ours) and once with the
# system's /usr/lib/x86_64-linux-gnu/libguestfs.so.0 (1.48.6); the answers of the rescue
# shell (what each typed command printed) must be equal, and must be what the case
# expects. The shell is driven by tests/tools/rescue-drive.py, through a pseudo-terminal
# it owns ("pty") or through util-linux script(1) whose stdin and stdout are pipes
# ("script"). Cases:
#   rw        pty, -a DISK: the guest's disks and the rescue tools (libguestfs-rescue's
#             vim.tiny, lsof, strace, ping) in the shell; a file written on the disk
#             from the shell is read back afterwards with guestfish
#   ro        script, --ro -a DISK: the same write goes to the overlay, the disk keeps
#             nothing (guestfish finds no file)
#   inspect   pty, --ro -i -a GUEST: the guest under /sysroot, read-only, /dev bound in
#   scratch   pty, --scratch --smp 2: a 10 GiB scratch disk next to the guest's, 2 vCPUs
#   suggest   --suggest -a GUEST: the suggested mount commands (no shell)
#   escape    pty, the escape sequence ^] q ends the session, exit status 0
#   stdin     stdin a pipe (not a terminal): virt-rescue's own tcgetattr error, exit 1
#   direct    guestfish set-direct true: the console is the caller's stdout
#   killed    pty, qemu killed with SIGKILL mid-session: virt-rescue exits 1 naming the
#             signal; no qemu, recovery process or temp file is left (the case runs in a
#             private mount namespace with its own /tmp, so the check is exact)
# Prints PASS:/FAIL: lines and "N passed, M failed"; exit status 1 on any failure. A
# missing prerequisite fails under CI=true and skips the suite otherwise.
# Environment: RESCUE_TESTS_OUT (work directory, not under /tmp, which the killed case
# replaces; default a fresh directory under /var/tmp, removed at the end unless given),
# RESCUE_TESTS_TIMEOUT (seconds per session, default 600).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
drive=$here/rescue-drive.py
reflib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0

# shellcheck source=../lib/suite-start.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib/suite-start.sh"
missing=()
require_tools virt-rescue guestfish python3 script mke2fs unshare timeout
[ -e "$reflib" ] || missing+=("$reflib")
stop_if_missing

require_prefix "$1"
ourlib=$prefix/lib

make_work_dir "${RESCUE_TESTS_OUT:-}" /var/tmp/rescue-tests.XXXXXX
case $work/ in
  /tmp/*) echo "$0: RESCUE_TESTS_OUT must not be under /tmp" >&2; exit 2 ;;
esac
timeout_s=${RESCUE_TESTS_TIMEOUT:-600}
export LANG=C
# KVM is unusable on the project machines; 1.48 needs to be told, ours decides itself.
export LIBGUESTFS_BACKEND_SETTINGS=${LIBGUESTFS_BACKEND_SETTINGS-force_tcg}
export LIBGUESTFS_CACHEDIR=$work/cache
mkdir -p "$LIBGUESTFS_CACHEDIR"
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0 failed=0
# The library of a side: "ours" or "ref".
libpath() { if [ "$1" = ours ]; then echo "$ourlib"; else echo ""; fi; }

# Test disks: a blank ext4 disk, and a small Debian-like guest (whole-disk ext4) that
# inspection recognises, with /dev, /proc and /sys to bind the appliance's onto.
blank=$work/blank.img
guest=$work/guest.img
groot=$work/groot
mkdir -p "$groot"/{etc,usr/bin,root,dev,proc,sys,var/lib/dpkg} && ln -s usr/bin "$groot/bin"
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n' \
  > "$groot/etc/os-release"
echo 12.5 > "$groot/etc/debian_version"
echo 'LABEL=rescueroot / ext4 defaults 0 1' > "$groot/etc/fstab"
echo rescuehost > "$groot/etc/hostname"
echo 'a guest secret' > "$groot/root/secret.txt"
: > "$groot/var/lib/dpkg/status"
if ! { truncate -s 64M "$blank" && mke2fs -q -t ext4 -L rescuetest -F "$blank" &&
       truncate -s 64M "$guest" && mke2fs -q -t ext4 -L rescueroot -d "$groot" -F "$guest"; } \
     >"$work/mkimg.log" 2>&1; then
  fail "make the test disks" "$work/mkimg.log"
  echo "$passed passed, $failed failed"
  exit 1
fi

# session SIDE CASE [driver options] -- virt-rescue args: commands on stdin; writes
# CASE.SIDE.answers, .transcript, .err
session() {
  local side=$1 case=$2; shift 2
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  LD_LIBRARY_PATH=$(libpath "$side") timeout "$((timeout_s + 60))" \
    python3 "$drive" --timeout "$timeout_s" --transcript "$work/$case.$side.transcript" "${opts[@]}" \
    -- virt-rescue "$@" >"$work/$case.$side.answers" 2>"$work/$case.$side.err"
}
# exit status virt-rescue had in a session (from the driver's stderr)
status_of() { sed -n 's/^virt-rescue exit status //p' "$work/$1.$2.err"; }
# compare CASE EXPECTED-ANSWERS: both sides' answers equal the expectation, and exit 0
compare() {
  local case=$1 side
  for side in ours ref; do
    if [ "$(status_of "$case" "$side")" != 0 ]; then
      cat "$work/$case.$side.err" "$work/$case.$side.transcript" > "$work/$case.$side.why" 2>/dev/null
      fail "$case-$side-session" "$work/$case.$side.why"
    else
      check "$case-$side-answers" "$work/$case.$side.answers" "$2"
    fi
  done
  if cmp -s "$work/$case.ours.answers" "$work/$case.ref.answers"; then
    pass "$case-same-as-1.48.6"
  else
    diff -u "$work/$case.ref.answers" "$work/$case.ours.answers" > "$work/$case.diff"
    fail "$case-same-as-1.48.6" "$work/$case.diff"
  fi
}
# guestfish_on SIDE ARGS...: Debian's guestfish over that side's library
guestfish_on() { LD_LIBRARY_PATH=$(libpath "$1") timeout "$timeout_s" guestfish "${@:2}"; }

# The write, in commands short enough not to wrap on the 80-column terminal.
# The disk is mounted by label: 1.48.6's appliance names its disks in probing order, which
# is not always the order they were added in (its own root disk was /dev/sda once).
write_cmds=('mount -L rescuetest /sysroot' 'echo rescue-wrote-this > /sysroot/hello.txt'
  'umount /sysroot && echo written')
write_expected='$ mount -L rescuetest /sysroot
$ echo rescue-wrote-this > /sysroot/hello.txt
$ umount /sysroot && echo written
written'

# --- rw: the disks in the shell, a write that lasts -------------------------------------
# Programs of a rescue shell, libguestfs-rescue's among them, are in both appliances.
tools_cmd='command -v vim.tiny lsof strace ping less >/dev/null && echo ok'
for side in ours ref; do
  cp "$blank" "$work/rw.$side.img"
  printf '%s\n' 'ls /dev/sd*' "$tools_cmd" "${write_cmds[@]}" \
    | session "$side" rw -- -a "$work/rw.$side.img"
done
cat > "$work/rw.expected" <<EOF
\$ ls /dev/sd*
/dev/sda  /dev/sdb
\$ $tools_cmd
ok
$write_expected
EOF
compare rw "$work/rw.expected"
for side in ours ref; do
  got=$(guestfish_on "$side" --ro -a "$work/rw.$side.img" -m /dev/sda cat /hello.txt 2>&1)
  if [ "$got" = rescue-wrote-this ]; then pass "rw-$side-write-kept"; else
    echo "$got" > "$work/rw.$side.check"; fail "rw-$side-write-kept" "$work/rw.$side.check"; fi
done

# --- ro (through script's pipes): the write goes to the overlay only --------------------
for side in ours ref; do
  cp "$blank" "$work/ro.$side.img"
  printf '%s\n' "${write_cmds[@]}" 'cat /sysroot/hello.txt 2>&1 || echo unmounted' \
    | session "$side" ro --via script -- --ro -a "$work/ro.$side.img"
done
cat > "$work/ro.expected" <<EOF
$write_expected
\$ cat /sysroot/hello.txt 2>&1 || echo unmounted
cat: /sysroot/hello.txt: No such file or directory
unmounted
EOF
compare ro "$work/ro.expected"
for side in ours ref; do
  got=$(guestfish_on "$side" --ro -a "$work/ro.$side.img" -m /dev/sda exists /hello.txt 2>&1)
  if [ "$got" = false ]; then pass "ro-$side-disk-untouched"; else
    echo "$got" > "$work/ro.$side.check"; fail "ro-$side-disk-untouched" "$work/ro.$side.check"; fi
done

# --- inspect: -i mounts the guest under /sysroot (read-only with --ro), /dev bound in -----
for side in ours ref; do
  printf '%s\n' 'cat /sysroot/root/secret.txt /sysroot/etc/hostname' 'ls /sysroot/dev/sda' \
    'touch /sysroot/new 2>&1 | sed "s/.*: //"' \
    | session "$side" inspect -- --ro -i -a "$guest"
done
cat > "$work/inspect.expected" <<'EOF'
$ cat /sysroot/root/secret.txt /sysroot/etc/hostname
a guest secret
rescuehost
$ ls /sysroot/dev/sda
/sysroot/dev/sda
$ touch /sysroot/new 2>&1 | sed "s/.*: //"
Read-only file system
EOF
compare inspect "$work/inspect.expected"

# --- scratch: a 10 GiB scratch disk, 2 vCPUs ---------------------------------------------
# Sizes, not names: 1.48.6's appliance (udev, asynchronous SCSI probing) showed the scratch
# disk as /dev/sda here although virt-rescue adds it second; ours keeps the caller's order.
sizes_cmd='blockdev --getsize64 /dev/sd? | grep -cx -e 10737418240 -e 67108864'
for side in ours ref; do
  printf '%s\n' "$sizes_cmd" 'grep -c ^processor /proc/cpuinfo' \
    | session "$side" scratch -- --ro -a "$blank" --scratch --smp 2
done
cat > "$work/scratch.expected" <<'EOF'
$ blockdev --getsize64 /dev/sd? | grep -cx -e 10737418240 -e 67108864
2
$ grep -c ^processor /proc/cpuinfo
2
EOF
compare scratch "$work/scratch.expected"

# --- suggest: no shell, the mount commands for the guest -----------------------------------
for side in ours ref; do
  LD_LIBRARY_PATH=$(libpath "$side") timeout "$timeout_s" virt-rescue --suggest -a "$guest" \
    >"$work/suggest.$side.out" 2>"$work/suggest.$side.err"
  echo "exit $?" >> "$work/suggest.$side.out"
done
if grep -q 'mount /dev/sda /sysroot/' "$work/suggest.ref.out"; then pass suggest-ref-mounts; else
  fail suggest-ref-mounts "$work/suggest.ref.out"; fi
check suggest-same-as-1.48.6 "$work/suggest.ours.out" "$work/suggest.ref.out"

# --- escape: ^] q ends the session -------------------------------------------------------
for side in ours ref; do
  echo 'echo before-escape' | session "$side" escape --escape-quit -- --ro -a "$blank"
done
printf '$ echo before-escape\nbefore-escape\n' > "$work/escape.expected"
compare escape "$work/escape.expected"

# --- stdin: not a terminal ---------------------------------------------------------------
for side in ours ref; do
  echo exit | LD_LIBRARY_PATH=$(libpath "$side") timeout "$timeout_s" virt-rescue --ro -a "$blank" \
    >/dev/null 2>"$work/stdin.$side.err"
  echo "exit $?" >> "$work/stdin.$side.err"
done
printf 'tcgetattr: stdin: Inappropriate ioctl for device\nexit 1\n' > "$work/stdin.expected"
check stdin-ours "$work/stdin.ours.err" "$work/stdin.expected"
check stdin-ref "$work/stdin.ref.err" "$work/stdin.expected"

# --- killed: qemu dies mid-session -------------------------------------------------------
# In a private mount namespace whose /tmp is a fresh tmpfs (the sockets directory of both
# libraries is under /tmp for root), with TMPDIR inside it: whatever is left is ours.
for side in ours ref; do
  cp "$blank" "$work/killed.$side.img"
  echo 'echo alive' | unshare --mount --propagation private bash -c '
    mount -t tmpfs tmpfs /tmp || exit 1
    mkdir /tmp/t && export TMPDIR=/tmp/t
    "$@"
    echo "left in /tmp: $(cd /tmp && find . -mindepth 1 ! -path ./t | sort | tr "\n" " ")" >&2
    echo "left in TMPDIR: $(ls -A /tmp/t | tr "\n" " ")" >&2
  ' _ env LD_LIBRARY_PATH="$(libpath "$side")" timeout "$((timeout_s + 60))" \
      python3 "$drive" --timeout "$timeout_s" --kill-qemu --transcript "$work/killed.$side.transcript" \
      -- virt-rescue -a "$work/killed.$side.img" \
      >"$work/killed.$side.answers" 2>"$work/killed.$side.err"
  sleep 1
  left=$(pgrep -f "killed\.$side\.img" | tr '\n' ' ')
  echo "processes left: $left" >> "$work/killed.$side.err"
  tr -d '\r' < "$work/killed.$side.transcript" | grep -o 'libguestfs: error: .*' >> "$work/killed.$side.err"
  grep -v '^killed qemu' "$work/killed.$side.err" > "$work/killed.$side.got"
done
cat > "$work/killed.expected" <<'EOF'
virt-rescue exit status 1
left in /tmp: 
left in TMPDIR: 
processes left: 
libguestfs: error: /usr/bin/qemu-system-x86_64 killed by signal 9 (Killed).
EOF
check killed-ours "$work/killed.ours.got" "$work/killed.expected"
check killed-ref "$work/killed.ref.got" "$work/killed.expected"

# --- direct: set_direct true puts the serial console on the caller's stdio ---------------
# guestfish -v: the kernel's messages reach guestfish's stdout directly (without direct
# mode they would come as appliance events, printed on stderr).
for side in ours ref; do
  guestfish_on "$side" -v -- set-direct true : add-ro "$blank" : run : get-direct \
    >"$work/direct.$side.out" 2>"$work/direct.$side.err"
  st=$?
  { echo "exit $st"; grep -x -m1 true "$work/direct.$side.out"
    grep -q 'Linux version' "$work/direct.$side.out" && echo "console on stdout"
    grep -q 'Linux version' "$work/direct.$side.err" && echo "console on stderr"
  } > "$work/direct.$side.got"
done
printf 'exit 0\ntrue\nconsole on stdout\n' > "$work/direct.expected"
check direct-ours "$work/direct.ours.got" "$work/direct.expected"
check direct-ref "$work/direct.ref.got" "$work/direct.expected"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
