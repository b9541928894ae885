#!/usr/bin/env bash
# Debian's unmodified guestmount / guestunmount (FUSE: mount_local, mount_local_run,
# umount_local) over guestfs-rs and over Debian's libguestfs 1.48.6, in the same run, on
# the same test image; the two transcripts of each check are compared.
#   tests/tools/guestmount.sh PREFIX
# The image (built once per run with Debian's guestfish) is a small Debian-like root
# (inspectable, for -i) with a /data tree: files of several modes and owners, a hard
# link, symlinks (one dangling), extended attributes, a 1 MiB file.
# Checks (each library; PASS when both transcripts match and the check's own
# expectations hold):
#   ro       guestmount -a IMG -i --ro: ls -lR, stat, readlink, getfattr, cat, md5sum,
#            df, cp -a out (the copy listed), a write refused with EROFS
#   rw       read-write mount (-m /dev/sda1) of a private copy: cp -a in (a host tree
#            with modes, symlinks, a hard link, xattrs, mtimes), mkdir, mv, rm, ln, ln -s,
#            chmod, chown, truncate, touch -d, setfattr, dd; listed through the mount,
#            then again after unmount and a read-only remount (persistence)
#   busy     guestunmount --no-retry on a busy mount fails and leaves it mounted;
#            guestunmount --retry=5 succeeds once the user is gone
#   umount-thread  (ours only) umount_local from a second thread while mount_local_run
#            serves in the first, twice on one handle (tests/tools/umount-thread.c)
#   bad-*    a mount point that does not exist, is not empty, is a file: guestmount
#            fails (exit 1, an error naming the mount point); the messages may differ
#            from 1.48's (ours are one line), only the exit status is compared
# After every check: no FUSE mount left under the work directory, no guestmount or qemu
# process of the check left, nothing left in the private TMPDIR.
# Prints PASS:/FAIL: lines and "N passed, M failed"; exit status 1 on any failure. A
# missing prerequisite fails under CI=true and skips the suite otherwise.
# Environment: GUESTMOUNT_TESTS_OUT (work directory, default a fresh mktemp -d, removed
# at the end unless given), GUESTMOUNT_TESTS_TIMEOUT (seconds per guestmount, default 300).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi

# shellcheck source=../lib/suite-start.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib/suite-start.sh"
missing=()
require_tools guestmount guestunmount guestfish fusermount getfattr setfattr md5sum timeout gcc
[ -c /dev/fuse ] || missing+=(/dev/fuse)
stop_if_missing

require_prefix "$1"

make_work_dir "${GUESTMOUNT_TESTS_OUT:-}" /tmp/guestmount-tests.XXXXXX
tmo=${GUESTMOUNT_TESTS_TIMEOUT:-300}
export LANG=C LC_ALL=C TZ=UTC
export LIBGUESTFS_BACKEND_SETTINGS=${LIBGUESTFS_BACKEND_SETTINGS-force_tcg}
export LIBGUESTFS_CACHEDIR=$work/cache
mkdir -p "$LIBGUESTFS_CACHEDIR"

pass=0
fail=0
ok() { echo "PASS: $1"; pass=$((pass + 1)); }
ko() { echo "FAIL: $1"; fail=$((fail + 1)); }

# Anything still mounted below the work directory is unmounted (lazily) on exit.
cleanup() {
  awk -v w="$work" '$2 ~ "^"w {print $2}' /proc/mounts | while read -r m; do
    fusermount -u -z "$m" 2>/dev/null
  done
  for f in "$work"/*/pid "$work"/*/*.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

# ---------------------------------------------------------------- the test image
img=$work/guest.img
hostsrc=$work/hostsrc
mkdir -p "$hostsrc/tree/sub"
printf 'from the host\n' >"$hostsrc/tree/a.txt"
printf 'private\n' >"$hostsrc/tree/sub/secret"
chmod 0600 "$hostsrc/tree/sub/secret"
chmod 0750 "$hostsrc/tree/sub"
ln -s a.txt "$hostsrc/tree/link-a"
ln -s /nowhere "$hostsrc/tree/dangling"
ln "$hostsrc/tree/a.txt" "$hostsrc/tree/hard-a"
head -c 300000 /dev/urandom >"$hostsrc/tree/blob"
setfattr -n user.origin -v host "$hostsrc/tree/a.txt"
touch -h -d '2021-03-04 05:06:07' "$hostsrc"/tree/* "$hostsrc/tree/sub/secret" "$hostsrc/tree/sub" "$hostsrc/tree"

LD_LIBRARY_PATH= timeout "$tmo" guestfish -N "$img"=fs:ext4:128M -m /dev/sda1 >"$work/mkimg.log" 2>&1 <<'EOF'
mkdir-p /etc
mkdir-p /usr/bin
ln-s usr/bin /bin
write /etc/os-release "ID=debian\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
write /etc/debian_version "12.5\n"
write /etc/hostname "fusetest\n"
write /etc/fstab "/dev/sda1 / ext4 defaults 0 1\n"
mkdir-p /data/sub/deeper
write /data/hello.txt "hello, world\n"
write /data/sub/deeper/deep.txt "deep\n"
write /data/secret "s3cret\n"
chmod 0600 /data/secret
chown 1000 1000 /data/secret
touch /data/empty
ln-s hello.txt /data/link
ln-s /no/such/target /data/dangling
ln /data/hello.txt /data/hard
setxattr user.colour blue 4 /data/hello.txt
setxattr user.note "a note" 6 /data/sub
fallocate64 /data/mib 1048576
pwrite /data/mib "tail" 1048572
mknod-c 0644 1 3 /data/null
mkfifo 0644 /data/fifo
chmod 0755 /data/sub/deeper
utimens /data/hello.txt 1600000000 0 1600000000 123
EOF
if [ $? -ne 0 ] || [ ! -s "$img" ]; then
  ko "setup (could not build the test image; see below)"
  cat "$work/mkimg.log"
  echo "$pass passed, $fail failed"
  exit 1
fi

# ---------------------------------------------------------------- helpers
# libenv LIB: the environment that selects the library ("ours" or "ref").
libpath() { if [ "$1" = ours ]; then echo "$prefix/lib"; else echo ""; fi; }

# gm LIB DIR ARGS...: guestmount in the background (as users run it), its pid in DIR/pid.
gm() {
  local lib=$1 dir=$2
  shift 2
  LD_LIBRARY_PATH=$(libpath "$lib") TMPDIR=$dir/tmp timeout "$tmo" \
    guestmount --pid-file "$dir/pid" "$@"
}

# gu LIB DIR ARGS...: guestunmount.
gu() {
  local lib=$1 dir=$2
  shift 2
  LD_LIBRARY_PATH=$(libpath "$lib") guestunmount "$@"
}

# wait_gone DIR: waits (up to the timeout: 1.48's guestmount takes over a minute to shut
# its appliance down on a loaded machine) for DIR/pid's guestmount to exit after an
# unmount.
wait_gone() {
  local dir=$1 pid i
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  for i in $(seq $((tmo * 10))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

# leftovers DIR: prints what a check left behind (mounts, processes, temp files).
leftovers() {
  local dir=$1
  awk -v d="$dir" '$2 ~ "^"d {print "mount: " $2}' /proc/mounts
  for f in "$dir"/pid "$dir"/*.pid; do
    if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
      echo "process: guestmount $(cat "$f") still running"
    fi
  done
  pgrep -f -- "$dir/" | while read -r p; do
    [ "$p" = $$ ] || echo "process: $(tr '\0' ' ' </proc/"$p"/cmdline 2>/dev/null)"
  done
  if [ -d "$dir/tmp" ] && [ -n "$(ls -A "$dir/tmp")" ]; then
    echo "temp: $(ls -A "$dir/tmp" | tr '\n' ' ')"
  fi
}

# The listings: everything but inode and device numbers, which are the FUSE library's
# own (libfuse 2 numbers nodes in lookup order, so do we).
listing() {
  local root=$1
  (cd "$root" && ls -lRAn --time-style=full-iso .)
}
stats() {
  local root=$1
  (cd "$root" && find . -print0 | sort -z | xargs -0 stat -c '%n|%s|%b|%f|%u|%g|%h|%X|%Y|%N')
}

# ---------------------------------------------------------------- the checks, per library
run_ro() {
  local lib=$1 dir=$work/$1-ro
  mkdir -p "$dir/mp" "$dir/tmp" "$dir/out"
  local mp=$dir/mp
  {
    gm "$lib" "$dir" -a "$img" -i --ro "$mp" 2>&1
    echo "guestmount: exit $?"
    awk -v m="$mp" '$2 == m {print "mounted: " $1, $3, $4}' /proc/mounts | sed 's/,user_id=0,group_id=0//'
    echo "== ls -lR"
    listing "$mp"
    echo "== stat"
    stats "$mp/data"
    echo "== readlink"
    readlink "$mp/data/link" "$mp/data/dangling" "$mp/bin"
    echo "== getfattr"
    (cd "$mp" && getfattr -h -d -m - data/hello.txt data/sub data/empty 2>&1)
    getfattr -n user.none "$mp/data/hello.txt" 2>&1 | sed "s|$mp|MP|"
    echo "== cat"
    cat "$mp/data/hello.txt" "$mp/data/sub/deeper/deep.txt" "$mp/data/link" "$mp/etc/hostname"
    echo "== md5sum"
    (cd "$mp" && md5sum data/mib data/hello.txt)
    echo "== df"
    df -k --output=source,fstype,size,used,avail "$mp"
    echo "== cp -a out"
    cp -a "$mp/data" "$dir/out/" 2>&1 | sed "s|$dir|DIR|g"
    echo "cp: exit ${PIPESTATUS[0]}"
    listing "$dir/out"
    (cd "$dir/out" && getfattr -h -d -m - data/hello.txt 2>&1)
    echo "== writes refused"
    touch "$mp/data/new" 2>&1 | sed "s|$mp|MP|"
    (echo x >>"$mp/data/hello.txt") 2>&1 | sed "s|$mp|MP|; s|^.*line [0-9]*: ||"
    mkdir "$mp/data/newdir" 2>&1 | sed "s|$mp|MP|"
    echo "== unmount (idle)"
    gu "$lib" "$dir" "$mp" 2>&1
    echo "guestunmount: exit $?"
    wait_gone "$dir" || echo "guestmount did not exit"
  } >"$dir/transcript" 2>&1
  leftovers "$dir" >"$dir/leftovers"
}

run_rw() {
  local lib=$1 dir=$work/$1-rw
  mkdir -p "$dir/mp" "$dir/tmp"
  local mp=$dir/mp
  cp --sparse=always "$img" "$dir/disk.img"
  {
    gm "$lib" "$dir" -a "$dir/disk.img" -m /dev/sda1 "$mp" 2>&1
    echo "guestmount: exit $?"
    echo "== cp -a in"
    cp -a "$hostsrc/tree" "$mp/new" 2>&1 | sed "s|$mp|MP|g"
    echo "cp: exit ${PIPESTATUS[0]}"
    echo "== changes"
    mkdir "$mp/new/made" && echo made
    mkdir -m 0700 "$mp/new/made/private" && echo private
    printf 'written through FUSE\n' >"$mp/new/made/w.txt" && echo written
    mv "$mp/new/made/w.txt" "$mp/new/made/moved.txt" && echo moved
    mv "$mp/new/made" "$mp/new/renamed-dir" && echo renamed-dir
    ln "$mp/new/renamed-dir/moved.txt" "$mp/new/renamed-dir/hard" && echo linked
    ln -s moved.txt "$mp/new/renamed-dir/sym" && echo symlinked
    chmod 0640 "$mp/new/renamed-dir/moved.txt" && echo chmod
    chown 1234:5678 "$mp/new/renamed-dir/hard" && echo chown
    chown -h 42:43 "$mp/new/renamed-dir/sym" && echo chown-h
    truncate -s 5 "$mp/new/a.txt" && echo truncate
    touch -d '2020-01-02 03:04:05.5' "$mp/new/renamed-dir/moved.txt" && echo touch
    setfattr -n user.added -v yes "$mp/new/blob" && echo setfattr
    setfattr -x user.origin "$mp/new/hard-a" && echo removexattr
    dd if=/dev/zero of="$mp/new/zero" bs=64k count=40 status=none && echo dd
    printf 'appended\n' >>"$mp/data/hello.txt" && echo appended
    rm "$mp/data/empty" && echo rm
    rmdir "$mp/new/renamed-dir/private" && echo rmdir
    rm "$mp/data/sub/deeper/deep.txt" && rmdir "$mp/data/sub/deeper" && echo rm-tree
    rmdir "$mp/data" 2>&1 | sed "s|$mp|MP|"
    ln "$mp/new" "$mp/new-hard" 2>&1 | sed "s|$mp|MP|"
    cat "$mp/nonexistent" 2>&1 | sed "s|$mp|MP|"
    echo "== through the mount"
    # Past the kernel's one-second attribute cache (libfuse 2's attr_timeout, and ours):
    # a name of a hard link changed through another name shows the change after it.
    sleep 1.2
    (cd "$mp" && ls -lRan --time-style=+ new data | sed 's/^total .*/total/')
    (cd "$mp" && stat -c '%n|%s|%f|%u|%g|%h' new/a.txt new/hard-a new/blob new/sub/secret new/renamed-dir/moved.txt new/zero)
    (cd "$mp" && stat -c '%n|%Y|%y' new/blob new/sub/secret new/renamed-dir/moved.txt)
    (cd "$mp" && getfattr -h -d -m - new/a.txt new/hard-a new/blob 2>&1)
    (cd "$mp" && md5sum new/blob new/zero data/hello.txt new/renamed-dir/hard)
    readlink "$mp/new/renamed-dir/sym" "$mp/new/link-a" "$mp/new/dangling"
    sync
    echo "== unmount"
    gu "$lib" "$dir" "$mp" 2>&1
    echo "guestunmount: exit $?"
    wait_gone "$dir" || echo "guestmount did not exit"
    if [ -f "$dir/pid" ]; then mv "$dir/pid" "$dir/first.pid"; fi
    echo "== after a read-only remount"
    gm "$lib" "$dir" -a "$dir/disk.img" -m /dev/sda1 --ro "$mp" 2>&1
    echo "guestmount: exit $?"
    (cd "$mp" && ls -lRan --time-style=+ new data | sed 's/^total .*/total/')
    (cd "$mp" && md5sum new/blob new/zero data/hello.txt)
    gu "$lib" "$dir" "$mp" 2>&1
    echo "guestunmount: exit $?"
    wait_gone "$dir" || echo "guestmount did not exit"
  } >"$dir/transcript" 2>&1
  leftovers "$dir" >"$dir/leftovers"
}

run_busy() {
  local lib=$1 dir=$work/$1-busy
  mkdir -p "$dir/mp" "$dir/tmp"
  local mp=$dir/mp holder
  {
    gm "$lib" "$dir" -a "$img" -m /dev/sda1 --ro "$mp" 2>&1
    echo "guestmount: exit $?"
    # A process with its working directory inside the mount keeps it busy for 4 s.
    (cd "$mp/data" && exec sleep 4) &
    holder=$!
    sleep 1
    gu "$lib" "$dir" --no-retry -q "$mp" 2>&1
    echo "guestunmount --no-retry: exit $?"
    awk -v m="$mp" '$2 == m {print "still mounted"}' /proc/mounts
    gu "$lib" "$dir" --retry=5 "$mp" 2>&1
    echo "guestunmount --retry=5: exit $?"
    wait "$holder"
    awk -v m="$mp" '$2 == m {print "still mounted"}' /proc/mounts
    wait_gone "$dir" || echo "guestmount did not exit"
  } >"$dir/transcript" 2>&1
  leftovers "$dir" >"$dir/leftovers"
}

# run_bad LIB NAME: a bad mount point; the transcript keeps the exit status only, the
# messages go to DIR/stderr (checked for the mount point's name).
run_bad() {
  local lib=$1 name=$2 dir=$work/$1-bad-$2
  mkdir -p "$dir/tmp"
  local mp
  case $name in
    missing) mp=$dir/does-not-exist ;;
    nonempty) mkdir -p "$dir/mp" && echo keep >"$dir/mp/file" && mp=$dir/mp ;;
    file) echo keep >"$dir/file" && mp=$dir/file ;;
  esac
  gm "$lib" "$dir" -a "$img" -m /dev/sda1 --ro "$mp" >"$dir/stderr" 2>&1
  echo "guestmount: exit $?" >"$dir/transcript"
  case $name in
    nonempty) cat "$dir/mp/file" >>"$dir/transcript" ;;
    file) cat "$dir/file" >>"$dir/transcript" ;;
  esac
  leftovers "$dir" >"$dir/leftovers"
  if ! grep -q -- "$mp" "$dir/stderr"; then
    echo "message does not name the mount point" >>"$dir/leftovers"
  fi
}

# compare NAME: PASS if ours and 1.48's transcripts match and neither left anything.
compare() {
  local name=$1 o=$work/ours-$1 r=$work/ref-$1 bad=0
  if ! diff -u "$r/transcript" "$o/transcript" >"$work/$name.diff"; then
    bad=1
  fi
  if [ -s "$o/leftovers" ] || [ -s "$r/leftovers" ]; then
    bad=1
  fi
  if [ $bad = 0 ]; then
    ok "$name"
  else
    ko "$name"
    sed 's/^/    /' "$work/$name.diff" | head -60
    [ -s "$o/leftovers" ] && sed 's/^/    ours left: /' "$o/leftovers"
    [ -s "$r/leftovers" ] && sed 's/^/    1.48 left: /' "$r/leftovers"
  fi
}

for lib in ref ours; do
  run_ro "$lib"
  run_rw "$lib"
  run_busy "$lib"
  for b in missing nonempty file; do
    run_bad "$lib" "$b"
  done
done

compare ro
compare rw
compare busy
for b in missing nonempty file; do
  compare "bad-$b"
done

# umount_local from a second thread while mount_local_run serves (ours only: 1.48's
# run holds the handle lock throughout, so there the second thread waits forever).
ut=$work/umount-thread
mkdir -p "$ut/mp"
if ! gcc -o "$ut/prog" "$(dirname "$0")/umount-thread.c" -I "$(dirname "$0")/../../include" \
  -L "$prefix/lib" -lguestfs -lpthread >"$ut/build.log" 2>&1; then
  ko "umount-thread (does not build)"
  sed 's/^/    /' "$ut/build.log"
elif LD_LIBRARY_PATH=$prefix/lib timeout "$tmo" "$ut/prog" "$img" "$ut/mp" >"$ut/out" 2>&1 &&
  [ "$(grep -c '^listed: yes' "$ut/out")" = 2 ] && grep -q 'with nothing mounted: no filesystem is mounted' "$ut/out" &&
  [ -z "$(awk -v d="$ut" '$2 ~ "^"d' /proc/mounts)" ]; then
  ok "umount-thread"
else
  ko "umount-thread"
  sed 's/^/    /' "$ut/out"
fi

# Sanity of what was compared: the read-only listing saw the guest's files, the busy
# check saw the refusal, the rw check persisted the copy.
grep -q 'hello, world' "$work/ours-ro/transcript" && grep -q '^guestunmount --no-retry: exit [1-9]' "$work/ours-busy/transcript" &&
  grep -q 'written through FUSE\|moved.txt' "$work/ours-rw/transcript" &&
  ok "transcripts-meaningful" || ko "transcripts-meaningful"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
