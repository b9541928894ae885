#!/usr/bin/env bash
# Builds a small two-root image with guestfish on the library found through
# LD_LIBRARY_PATH (the suite uses ours): a Fedora-like root described by /etc/os-release
# with an fstab using UUID=, LABEL=, a swap partition and entries inspection skips, and a
# Debian-12-like root whose os-release has only a major version (so /etc/debian_version
# decides), /bin a symlink to usr/bin and no fstab.
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
sparse $out.tmp 160M
run
part-init /dev/sda mbr
part-add /dev/sda p 64 102399
part-add /dev/sda p 102400 122879
part-add /dev/sda p 122880 204799
part-add /dev/sda p 204800 -64
mkfs ext4 /dev/sda1
set-e2uuid /dev/sda1 01234567-0123-0123-0123-0123456789ab
mkswap /dev/sda2
mkfs ext4 /dev/sda3 label:HOME
mkfs ext4 /dev/sda4
mount /dev/sda1 /
mkdir-p /etc
mkdir-p /bin
mkdir-p /usr/bin
upload $tmp/fstab /etc/fstab
upload $tmp/os-release /etc/os-release
write /etc/hostname "# comment\n\nfedora.example.com\n"
upload $bin /bin/ls
touch /usr/bin/dnf
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
EOF
mv "$out.tmp" "$out"
