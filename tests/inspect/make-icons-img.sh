#!/usr/bin/env bash
# Builds a four-root image for the inspect_get_icon tests with guestfish on the library
# found through LD_LIBRARY_PATH (icons.sh uses Debian's), each root shaped for one of
# 1.48's icon rules:
#   sda1 NTFS  Windows 7 (6.1): 32-bit bitmap in /Windows/SysWOW64/explorer.exe, which is
#              preferred over the 8-bit one in /Windows/explorer.exe
#   sda2 NTFS  Windows XP (5.1): 4-bit bitmap in /WINDOWS/Explorer.EXE (case differs)
#   sda3 NTFS  Windows 8 (6.2): "/ProgramData/Microsoft/Windows Live/WLive48x48.png"
#   sda4 ext4  CirrOS: /etc/cirros/version and its ASCII-art /usr/share/cirros/logo
# The hives are 1.48's phony Windows ones, with CurrentVersion changed by hivexregedit;
# cmd.exe (which inspection needs) is its win32 test binary.
# The explorer.exe files are written by make-explorer-exe.py (no Windows binary used).
#   make-icons-img.sh OUTPUT
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
phony=${LIBGUESTFS_SRC:-/var/cache/guestfs-rs/ref/libguestfs-1.48.6}/test-data/phony-guests
cmd=$phony/../binaries/bin-win32.exe
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for d in 32 8 4 24; do python3 "$here/make-explorer-exe.py" "$d" "$tmp/explorer-$d.exe"; done
# A small 48x48 RGB PNG for Windows 8, written with python's zlib.
python3 - "$tmp/wlive.png" <<'PY'
import struct, sys, zlib
w = h = 48
raw = b"".join(b"\0" + bytes(v for x in range(w) for v in (x * 5 % 256, y * 5 % 256, 200)) for y in range(h))
def chunk(k, d):
    return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
for v in 6.1 5.1 6.2; do
  cp "$phony/windows-software" "$tmp/software-$v"
  printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\n"CurrentVersion"="%s"\n' \
    "$v" > "$tmp/version-$v.reg"
  hivexregedit --merge --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$tmp/software-$v" "$tmp/version-$v.reg"
done
cat > "$tmp/logo" <<'LOGO'
  ____               ____  ____
 / __/ __ ____ ____ / __ \/ __/
/ /__ / // __// __// /_/ /\ \ 
\___//_//_/  /_/   \____/___/ 
   http://cirros-cloud.net
LOGO

guestfish <<EOF
sparse $out 600M
run
part-init /dev/sda mbr
part-add /dev/sda p 64 262143
part-add /dev/sda p 262144 524287
part-add /dev/sda p 524288 786431
part-add /dev/sda p 786432 -64
mkfs ntfs /dev/sda1
mkfs ntfs /dev/sda2
mkfs ntfs /dev/sda3
mkfs ext4 /dev/sda4

mount /dev/sda1 /
mkdir-p /Windows/System32/Config
mkdir-p /Windows/SysWOW64
upload $tmp/software-6.1 /Windows/System32/Config/SOFTWARE
upload $phony/windows-system /Windows/System32/Config/SYSTEM
upload $cmd /Windows/System32/cmd.exe
upload $tmp/explorer-32.exe /Windows/SysWOW64/explorer.exe
upload $tmp/explorer-8.exe /Windows/explorer.exe
umount-all

mount /dev/sda2 /
mkdir-p /WINDOWS/system32/config
upload $tmp/software-5.1 /WINDOWS/system32/config/software
upload $phony/windows-system /WINDOWS/system32/config/system
upload $cmd /WINDOWS/system32/cmd.exe
upload $tmp/explorer-4.exe /WINDOWS/Explorer.EXE
umount-all

mount /dev/sda3 /
mkdir-p /Windows/System32/Config
upload $tmp/software-6.2 /Windows/System32/Config/SOFTWARE
upload $phony/windows-system /Windows/System32/Config/SYSTEM
upload $cmd /Windows/System32/cmd.exe
upload $tmp/explorer-24.exe /Windows/explorer.exe
mkdir-p "/ProgramData/Microsoft/Windows Live"
upload $tmp/wlive.png "/ProgramData/Microsoft/Windows Live/WLive48x48.png"
umount-all

mount /dev/sda4 /
mkdir-p /etc/cirros
mkdir-p /bin
mkdir-p /usr/share/cirros
write /etc/cirros/version "0.5.2\n"
write /etc/fstab "/dev/sda4 / ext4 defaults 0 0\n"
upload $tmp/logo /usr/share/cirros/logo
umount-all
EOF
