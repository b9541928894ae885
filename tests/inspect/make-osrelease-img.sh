#!/usr/bin/env bash
# Builds a small three-root image with guestfish on the library found through
# LD_LIBRARY_PATH (the suite uses ours): a Fedora-like root described by /etc/os-release
# with an fstab using UUID=, LABEL=, a swap partition and entries inspection skips, and
# its logo icon; a Debian-12-like root whose os-release has only a major version (so
# /etc/debian_version decides), /bin a symlink to usr/bin, no fstab, a favicon too small
# to count and a Debian logo; an Alpine-like root with an apk database, /bin/sh an
# absolute symlink to busybox and an fstab naming /dev/sda5 and /dev/sda9.
#   make-osrelease-img.sh OUTPUT
set -euo pipefail
out=$1
bin=${LIBGUESTFS_SRC:-/var/cache/guestfs-rs/ref/libguestfs-1.48.6}/test-data/binaries/bin-x86_64-dynamic
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/fstab" <<'FSTAB'
# /etc/fstab: made up for guestfs-rs's inspection tests
UUID=01234567-0123-0123-0123-0123456789ab /      ext4 defaults 1 1
LABEL=HOME                               /home//  ext4 defaults 1 2
/dev/sda2                                none   swap sw       0 0
tmpfs                                    /tmp   tmpfs defaults 0 0
proc                                     /proc  proc defaults 0 0
/dev/cdrom                               /media/cdrom auto noauto 0 0
/dev/sdz9                                /srv   ext4 defaults 0 0
FSTAB
cat > "$tmp/alpine-fstab" <<'FSTAB'
/dev/sda5 / ext4 rw,relatime 0 1
/dev/sda9 /data ext4 rw 0 2
FSTAB
cat > "$tmp/alpine-os-release" <<'OSR'
NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.18.4
PRETTY_NAME="Alpine Linux v3.18"
OSR
cat > "$tmp/apk-installed" <<'APK'
C:Q1abc=
P:musl
V:1.2.4-r2
A:x86_64
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT

P:busybox
V:1:1.36.1-r5
A:x86_64
T:Size optimized toolbox of many common UNIX utilities
U:https://busybox.net/

P:broken-no-version
A:x86_64

APK
# PNG files of a given size (file(1) reads the size from the IHDR chunk).
png () {
  python3 - "$1" "$2" "$3" <<'PY'
import struct, sys, zlib
out, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\0" + b"\x80\x20\x40" * w for _ in range(h))
data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
open(out, "wb").write(data)
PY
}
png "$tmp/logo48.png" 48 48
png "$tmp/logo16.png" 16 16
png "$tmp/tiny.png" 8 8
cat > "$tmp/os-release" <<'OSR'
NAME="Fedora Linux"
VERSION="38 (Server Edition)"
ID=fedora
VERSION_ID=38
PRETTY_NAME="Fedora Linux 38 (Server Edition)"
# a comment
OSR
cat > "$tmp/deb-os-release" <<'OSR'
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
ID=debian
OSR
guestfish <<EOF
sparse $out.tmp 200M
run
part-init /dev/sda gpt
part-add /dev/sda p 2048 102399
part-add /dev/sda p 102400 122879
part-add /dev/sda p 122880 204799
part-add /dev/sda p 204800 307199
part-add /dev/sda p 307200 -64
mkfs ext4 /dev/sda1
set-e2uuid /dev/sda1 01234567-0123-0123-0123-0123456789ab
mkswap /dev/sda2
mkfs ext4 /dev/sda3 label:HOME
mkfs ext4 /dev/sda4
mkfs ext4 /dev/sda5
mount /dev/sda1 /
mkdir-p /etc
mkdir-p /bin
mkdir-p /usr/bin
upload $tmp/fstab /etc/fstab
upload $tmp/os-release /etc/os-release
write /etc/hostname "# comment\n\nfedora.example.com\n"
upload $bin /bin/ls
touch /usr/bin/dnf
mkdir-p /usr/share/icons/hicolor/96x96/apps
upload $tmp/logo48.png /usr/share/icons/hicolor/96x96/apps/fedora-logo-icon.png
umount /
mount /dev/sda4 /
mkdir-p /etc
mkdir-p /usr/bin
ln-s usr/bin /bin
upload $tmp/deb-os-release /etc/os-release
write /etc/debian_version "12.1\n"
write /etc/hosts "127.0.0.1 localhost\n"
write /etc/HOSTNAME "bookworm\n"
upload $bin /usr/bin/bash
upload $tmp/tiny.png /etc/favicon.png
mkdir-p /usr/share/pixmaps
upload $tmp/logo16.png /usr/share/pixmaps/debian-logo.png
umount /
mount /dev/sda5 /
mkdir-p /etc
mkdir-p /bin
mkdir-p /lib/apk/db
upload $tmp/alpine-fstab /etc/fstab
upload $tmp/alpine-os-release /etc/os-release
write /etc/hostname "alpine.example\n"
upload $tmp/apk-installed /lib/apk/db/installed
upload $bin /bin/busybox
ln-s /bin/busybox /bin/sh
EOF
mv "$out.tmp" "$out"
