#!/usr/bin/env bash
# libvirt domains (add_domain, add_libvirt_dom) through Debian's unmodified tools, run
# over guestfs-rs and over libguestfs 1.48.6 in the same run, outputs compared:
#   tests/tools/libvirt.sh PREFIX
# The suite starts the libvirt daemons it needs (`virtlogd -d`, `libvirtd -d`: no
# systemd here) when qemu:///system does not answer, and stops only those it started.
# It defines three domains (names gfsrs-lvt-PID-*), undefined again at the end:
#   debian   one raw disk: libguestfs's phony Debian guest (tests/inspect's cached image)
#   multi    a qcow2 overlay of that guest, a qcow2 data disk, a raw disk marked
#            <readonly/>, and an empty CD-ROM (no source: skipped, as 1.48 skips it)
#   running  no disks, started under TCG (it sits in the BIOS)
# Cases (each compared with 1.48.6's output and exit status):
#   virt-df / virt-cat / virt-inspector -d debian; guestfish --ro -i -d UUID (allowuuid);
#   guestfish --ro -d multi (every disk visible, files read from the second and third);
#   readonlydisk error/read/write/ignore, read-only and read-write, and the other
#   optional arguments (iface, cachemode, discard, copyonread), shown by debug-drives
#   without a launch; bad input: a domain that does not exist (guestfish, virt-df), the
#   running domain opened for writing, and read-only (it has no disks), then `run` to
#   show nothing was added; a C program handing add_libvirt_dom the virDomainPtr it got
#   from libvirt (libvirt-dom.c); virt-df without -d (every domain of a test:// URI through
#   add_libvirt_dom); credentials asked by libvirt's test driver, answered by a
#   LIBVIRT_AUTH handler (libvirt-auth.c) or, without one, by libvirt's own prompts after
#   1.48's notice. After each guestfs-rs run its TMPDIR must be empty and
#   no qemu of it left. Finally LIBGUESTFS_BACKEND=libvirt must fail at launch with a
#   message naming the direct backend (guestfs-rs only: 1.48 launches through libvirt).
# Prints PASS:/FAIL: lines and "N passed, M failed"; exit status 1 on any failure. A
# missing prerequisite fails under CI=true and skips the suite otherwise.
# Environment: LIBVIRT_TESTS_OUT (work directory, default a fresh mktemp -d, removed at
# the end unless given), PHONY_CACHE (tests/inspect's image cache).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0

# shellcheck source=../lib/suite-start.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib/suite-start.sh"
missing=()
require_tools python3 virsh libvirtd virtlogd virt-df virt-cat virt-inspector guestfish cc pkg-config qemu-img mkfs.ext4 timeout
pkg-config --exists libvirt 2>/dev/null || missing+=("libvirt-dev")
[ -e "$debian_lib" ] || missing+=("$debian_lib")
stop_if_missing

require_prefix "$1"

for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset LIBVIRT_DEFAULT_URI
export LIBGUESTFS_BACKEND=direct
uri=qemu:///system

make_work_dir "${LIBVIRT_TESTS_OUT:-}" /var/tmp/libvirt-tests.XXXXXX
chmod 755 "$work"

passed=0
failed=0
pass () { echo "PASS: $1"; passed=$((passed + 1)); }
fail () { echo "FAIL: $1"; failed=$((failed + 1)); [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; return 0; }

p=gfsrs-lvt-$$
domains=("$p-debian" "$p-multi" "$p-running")
started_daemons=()
cleanup () {
  for d in "${domains[@]}"; do
    virsh -q -c "$uri" destroy "$d" >/dev/null 2>&1
    virsh -q -c "$uri" undefine "$d" >/dev/null 2>&1
  done
  # Only the daemons this run started, by their pid files.
  for pidfile in "${started_daemons[@]}"; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
finish () {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit $?
}

# ---- the libvirt daemons
# A socket left by a daemon of an earlier boot of this machine still exists but refuses
# connections (libvirt then fails to start a domain): so ask whether it answers.
socket_answers () {
  python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])' "$1" 2>/dev/null
}
if ! socket_answers /run/libvirt/virtlogd-sock; then
  virtlogd -d && started_daemons+=(/run/virtlogd.pid)
  for _ in $(seq 20); do
    socket_answers /run/libvirt/virtlogd-sock && break
    sleep 0.25
  done
fi
if ! virsh -q -c "$uri" version >/dev/null 2>&1; then
  libvirtd -d && started_daemons+=(/run/libvirtd.pid)
  for _ in $(seq 60); do
    virsh -q -c "$uri" version >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
if virsh -q -c "$uri" version >/dev/null 2>&1; then
  pass "libvirtd answers on $uri"
else
  fail "libvirtd answers on $uri"
  finish
fi

# ---- images
debian_img=$(PHONY_CACHE=${PHONY_CACHE:-/var/tmp/guestfs-rs-phony} bash "$repo/tests/inspect/make-phony-images.sh" debian | head -1)
if [ ! -s "$debian_img" ]; then
  fail "phony Debian image" "make-phony-images.sh debian gave '$debian_img'"
  finish
fi
mkdir -p "$work/data" "$work/ro"
echo "data disk of the multi-disk domain" > "$work/data/data.txt"
echo "disk marked readonly in the domain XML" > "$work/ro/ro.txt"
if qemu-img create -q -f qcow2 -b "$debian_img" -F raw "$work/multi1.qcow2" &&
   truncate -s 32M "$work/data.raw" && mkfs.ext4 -q -F -L data -d "$work/data" "$work/data.raw" &&
   qemu-img convert -f raw -O qcow2 "$work/data.raw" "$work/multi2.qcow2" && rm -f "$work/data.raw" &&
   truncate -s 32M "$work/multi3.img" && mkfs.ext4 -q -F -L rodisk -d "$work/ro" "$work/multi3.img"; then
  pass "images"
else
  fail "images"
  finish
fi

# ---- domains
uuid=$(cat /proc/sys/kernel/random/uuid)
disk () { # TYPE FORMAT FILE [EXTRA] TARGET
  printf "<disk type='file' device='disk'><driver name='qemu' type='%s'/><source file='%s'/><target dev='%s' bus='virtio'/>%s</disk>\n" "$1" "$2" "$3" "${4:-}"
}
cat > "$work/debian.xml" <<EOF
<domain type='qemu'>
  <name>$p-debian</name>
  <uuid>$uuid</uuid>
  <memory unit='MiB'>256</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <features><acpi/></features>
  <devices>
    $(disk raw "$debian_img" vda)
  </devices>
</domain>
EOF
cat > "$work/multi.xml" <<EOF
<domain type='qemu'>
  <name>$p-multi</name>
  <memory unit='MiB'>256</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <features><acpi/></features>
  <devices>
    $(disk qcow2 "$work/multi1.qcow2" vda)
    $(disk qcow2 "$work/multi2.qcow2" vdb)
    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>
    $(disk raw "$work/multi3.img" vdc "<readonly/>")
  </devices>
</domain>
EOF
# TCG, no disks, no display: it sits in the BIOS until destroyed.
cat > "$work/running.xml" <<EOF
<domain type='qemu'>
  <name>$p-running</name>
  <memory unit='MiB'>32</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <devices><memballoon model='none'/></devices>
</domain>
EOF
ok=1
for d in debian multi running; do
  virsh -q -c "$uri" define "$work/$d.xml" >"$work/define-$d.log" 2>&1 || { ok=0; fail "define $d" "$(cat "$work/define-$d.log")"; }
done
virsh -q -c "$uri" start "$p-running" >"$work/start.log" 2>&1 || { ok=0; fail "start $p-running" "$(cat "$work/start.log")"; }
[ "$ok" = 1 ] || finish
pass "domains defined, $p-running started"

# ---- running a command over both libraries
# both NAME CMD...: runs CMD over guestfs-rs and over 1.48.6 (stdout and stderr, then the
# exit status), each with a private TMPDIR, and compares the two transcripts.
normalise () {
  grep -v 'falling back to software emulation' "$1" | sed -e "s|$work/tmp-[a-z0-9]*|TMPDIR|g"
}
run_one () { # LIB NAME CMD...
  local lib=$1 name=$2 tmp=$work/tmp-$1
  shift 2
  rm -rf "$tmp" && mkdir -p "$tmp"
  if [ "$lib" = ours ]; then
    (export TMPDIR=$tmp LIBGUESTFS_CACHEDIR=/var/tmp LD_LIBRARY_PATH=$prefix/lib
     timeout 900 "$@"; echo "exit status $?") > "$work/$name.$lib" 2>&1 < "${stdin:-/dev/null}"
  else
    (export TMPDIR=$tmp LIBGUESTFS_CACHEDIR=/var/tmp LIBGUESTFS_BACKEND_SETTINGS=force_tcg
     unset LD_LIBRARY_PATH
     timeout 900 "$@"; echo "exit status $?") > "$work/$name.$lib" 2>&1 < "${stdin:-/dev/null}"
  fi
}
both () { # NAME CMD...
  local name=$1
  run_one ours "$@"
  # Nothing left behind by guestfs-rs: its TMPDIR empty, no qemu of it running.
  local left
  left=$(find "$work/tmp-ours" -mindepth 1 2>/dev/null; pgrep -f "$work/tmp-ours" 2>/dev/null)
  run_one 148 "$@"
  if [ -n "$left" ]; then
    fail "$name: nothing left behind" "$left"
  fi
  local d
  if d=$(diff <(normalise "$work/$name.148") <(normalise "$work/$name.ours")); then
    pass "$name"
  else
    fail "$name" "$(printf '%s\n--- 1.48.6 (<) against guestfs-rs (>)\n' "$(normalise "$work/$name.ours")"; echo "$d")"
  fi
}
# expect NAME REGEX: guestfs-rs's transcript of case NAME contains REGEX (so that a case
# where both libraries failed the same way cannot pass unnoticed).
expect () {
  if grep -qE -- "$2" "$work/$1.ours"; then pass "$1 shows: $2"; else fail "$1 shows: $2" "$(cat "$work/$1.ours")"; fi
}

# ---- Debian's tools with -d
both virt-df virt-df -c "$uri" -d "$p-debian"
expect virt-df "$p-debian:/dev/debian/root"
both virt-cat virt-cat -c "$uri" -d "$p-debian" /etc/debian_version
expect virt-cat '^5\.0\.1'
both virt-inspector virt-inspector -c "$uri" -d "$p-debian"
expect virt-inspector '<distro>debian</distro>'
stdin=$work/uuid.fish
printf 'cat /etc/debian_version\nmountpoints\nlist-filesystems\n' > "$stdin"
both guestfish-uuid guestfish -c "$uri" --ro -i -d "$uuid"
expect guestfish-uuid '^/dev/debian/root: /$'
stdin=$work/multi.fish
cat > "$stdin" <<'EOF'
run
list-devices
list-filesystems
mount-ro /dev/sdb /
cat /data.txt
umount /
mount-ro /dev/sdc /
cat /ro.txt
EOF
both guestfish-multi guestfish -c "$uri" --ro -d "$p-multi"
expect guestfish-multi '^disk marked readonly in the domain XML$'
expect guestfish-multi '^/dev/sdc$'
unset stdin

# ---- readonlydisk and the other optional arguments, without a launch
for mode in error read write ignore; do
  for ro in false true; do
    stdin=$work/rod-$mode-$ro.fish
    printf -- '-domain %s libvirturi:%s readonly:%s readonlydisk:%s\ndebug-drives\n' "$p-multi" "$uri" "$ro" "$mode" > "$stdin"
    # After a refused add, `run` shows the handle has no drive (without launching anything).
    [ "$mode-$ro" = error-false ] && printf '%s\n' -run >> "$stdin"
    both "readonlydisk-$mode-ro-$ro" guestfish
  done
done
expect readonlydisk-error-ro-false 'readonlydisk was set to "error"'
expect readonlydisk-error-ro-false 'you must call guestfs_add_drive before guestfs_launch'
expect readonlydisk-ignore-ro-false '^3$'
expect readonlydisk-write-ro-false 'multi3.img format=raw protocol=file$'
expect readonlydisk-read-ro-false 'multi3.img readonly format=raw'
stdin=$work/optargs.fish
printf -- 'domain %s libvirturi:%s readonly:true iface:virtio cachemode:unsafe discard:besteffort copyonread:true\ndebug-drives\n' "$p-debian" "$uri" > "$stdin"
both optargs guestfish
expect optargs 'readonly format=raw protocol=file iface=virtio cache=unsafe discard=besteffort copyonread'

# ---- bad input
stdin=$work/nosuch.fish
printf -- '-domain no-such-domain-%s libvirturi:%s readonly:true\n-run\n' "$p" "$uri" > "$stdin"
both no-such-domain guestfish
expect no-such-domain "no libvirt domain called ‘no-such-domain-$p’"
unset stdin
both virt-df-no-such-domain virt-df -c "$uri" -d "no-such-domain-$p"
stdin=$work/running.fish
printf -- '-domain %s libvirturi:%s\n-domain %s libvirturi:%s readonly:true\n-run\n' "$p-running" "$uri" "$p-running" "$uri" > "$stdin"
both running-domain guestfish
expect running-domain 'domain is a live virtual machine'
expect running-domain 'libvirt domain has no disks'
unset stdin
both guestfish-running-write guestfish -c "$uri" -d "$p-running" run
expect guestfish-running-write 'Writing to the disks of a running virtual machine can cause disk corruption'

# ---- C: add_libvirt_dom with the caller's virDomainPtr
# shellcheck disable=SC2046
if cc -Wall -o "$work/libvirt-dom" "$here/libvirt-dom.c" -I"$prefix/include" $(pkg-config --cflags --libs libvirt) \
     -L"$prefix/lib" -lguestfs > "$work/cc.log" 2>&1; then
  both c-add-libvirt-dom "$work/libvirt-dom" "$uri" "$p-debian" "$p-running" "$p-multi"
  expect c-add-libvirt-dom "caller's domain still valid: $p-debian"
  expect c-add-libvirt-dom '^NULL domain: r=-1 error=add_libvirt_dom: dom: parameter cannot be NULL$'
  expect c-add-libvirt-dom '^root: /dev/debian/root distro=debian$'
  expect c-add-libvirt-dom '^multi readonlydisk=error: 0 drives$'
  expect c-add-libvirt-dom '^running, read-write: r=-1 error=error: domain is a live virtual machine'
else
  fail "compile libvirt-dom.c" "$(cat "$work/cc.log")"
fi

# ---- virt-df without -d: it lists every domain itself and hands each virDomainPtr to
# add_libvirt_dom (a domain without disks is reported and skipped); libvirt's test driver.
# test_domain NAME [DEVICE-XML]: one domain of libvirt's test driver.
test_domain() {
  printf "  <domain type='test'>\n    <name>%s</name>\n    <memory>65536</memory>\n" "$1"
  printf "    <os><type>hvm</type></os>\n    <devices>%s</devices>\n  </domain>\n" "${2:-}"
}
{
  echo "<node>"
  test_domain alpha "$(disk raw "$work/multi3.img" vda)"
  test_domain beta
  echo "</node>"
} > "$work/two.xml"
both virt-df-all-domains virt-df -c "test://$work/two.xml"
expect virt-df-all-domains '^alpha:/dev/sda '

# ---- credentials: libvirt's test driver with an <auth> section (no daemon involved)
{
  echo "<node>"
  test_domain authdom "$(disk raw "$work/multi3.img" vda)"
  echo '  <auth><user password="s3cret">alice</user><user>bob</user></auth>'
  echo "</node>"
} > "$work/auth.xml"
if cc -Wall -o "$work/libvirt-auth" "$here/libvirt-auth.c" -I"$prefix/include" -L"$prefix/lib" -lguestfs > "$work/cc-auth.log" 2>&1; then
  both c-libvirt-auth "$work/libvirt-auth" "test://$work/auth.xml" authdom
  expect c-libvirt-auth 'handler: credential 0: passphrase'
  expect c-libvirt-auth 'add_domain: error: could not connect to libvirt \(code 45'
  expect c-libvirt-auth 'add_domain: 1 disk'
else
  fail "compile libvirt-auth.c" "$(cat "$work/cc-auth.log")"
fi
# Without a handler: libvirt's own prompts (stdin is empty here), after 1.48's notice.
both auth-default-prompt guestfish -c "test://$work/auth.xml" -d authdom --ro debug-drives
expect auth-default-prompt '^libvirt needs authentication to connect to libvirt URI test://'

# ---- the libvirt backend: a clear failure naming the direct backend (guestfs-rs)
(export TMPDIR=$work LD_LIBRARY_PATH=$prefix/lib LIBGUESTFS_BACKEND=libvirt
 guestfish -a "$work/multi3.img" --ro run) > "$work/backend-libvirt.ours" 2>&1
expect backend-libvirt 'libvirt backend is not supported by guestfs-rs; use LIBGUESTFS_BACKEND=direct'

finish
