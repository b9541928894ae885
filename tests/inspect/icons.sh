#!/usr/bin/env bash
# inspect_get_icon for the guests where 1.48 runs host tools (wrestool and netpbm for
# Windows, pbmtext for CirrOS), compared live between Debian's libguestfs 1.48.6 and
# guestfs-rs, both driven by Debian's guestfish, on the image make-icons-img.sh builds
# (Windows 7, XP and 8 roots and a CirrOS root; cached under PHONY_CACHE, keyed by the
# scripts that make it).
#
#   tests/inspect/icons.sh PREFIX
#
# Windows: the PNGs must show the same pixels at the same size (png-pixels.py decodes
# both; the encodings differ: netpbm picks palettes and filters, guestfs-rs writes RGB).
# Windows 8's PNG is the guest's file itself: same bytes. highquality gives no Windows
# icon in either. CirrOS: both must be valid 1-bit grayscale PNGs; the sizes differ (the
# fonts differ), so they are printed, not compared.
# 1.48.6 needs wrestool (icoutils) and netpbm on the host for its side of the comparison.
#
# Prints PASS:/FAIL: lines and "N passed, M failed"; exits non-zero on any failure.
# Environment: ICONS_OUT (default /tmp/inspect-icons-out), PHONY_CACHE.
set -uo pipefail

if [ $# -ne 1 ]; then echo "usage: $0 PREFIX" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(realpath "$1")
out=${ICONS_OUT:-/tmp/inspect-icons-out}
cache=${PHONY_CACHE:-/var/tmp/guestfs-rs-phony}
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
mkdir -p "$out" "$cache"
rm -f "$out"/*.png

passed=0
failed=0
pass () { echo "PASS: $1"; passed=$((passed + 1)); }
fail () { echo "FAIL: $1"; failed=$((failed + 1)); [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; return 0; }
finish () { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; exit $?; }

for tool in guestfish wrestool bmptopnm pamcut pnmtopng pbmtext hivexregedit python3; do
  command -v "$tool" > /dev/null || { fail "prerequisite.$tool" "not installed (scripts/setup-machine.sh)"; finish; }
done

key=$(cat "$here/make-icons-img.sh" "$here/make-explorer-exe.py" | sha256sum | cut -c1-16)
img=$cache/icons-$key.img
if [ ! -f "$img" ]; then
  if ! env -u LD_LIBRARY_PATH LIBGUESTFS_BACKEND_SETTINGS=force_tcg bash "$here/make-icons-img.sh" "$img.tmp" \
       > "$out/build.log" 2>&1; then
    rm -f "$img.tmp"; fail build "$(tail -5 "$out/build.log")"; finish
  fi
  mv "$img.tmp" "$img"
fi

mkdir -p "$out/debian-lib"
ln -sf "$debian_lib" "$out/debian-lib/libguestfs.so.0"

# One appliance per library: every root's icon, into $out/LIB-ROOT.png.
icons () {
  local lib=$1
  guestfish --ro -a "$img" <<EOF
run
inspect-os
mount-ro /dev/sda1 /
inspect-get-icon /dev/sda1 | cat > $out/$lib-win7.png
inspect-get-icon /dev/sda1 highquality:true | cat > $out/$lib-win7-hq.png
umount-all
mount-ro /dev/sda2 /
inspect-get-icon /dev/sda2 | cat > $out/$lib-winxp.png
umount-all
mount-ro /dev/sda3 /
inspect-get-icon /dev/sda3 | cat > $out/$lib-win8.png
umount-all
mount-ro /dev/sda4 /
inspect-get-icon /dev/sda4 | cat > $out/$lib-cirros.png
umount-all
EOF
}
LD_LIBRARY_PATH="$out/debian-lib" LIBGUESTFS_BACKEND_SETTINGS=force_tcg icons 148 > "$out/148.log" 2>&1 ||
  fail "1.48 run" "$(tail -5 "$out/148.log")"
LD_LIBRARY_PATH="$prefix/lib" icons ours > "$out/ours.log" 2>&1 || fail "guestfs-rs run" "$(tail -5 "$out/ours.log")"

pixels () { python3 "$here/png-pixels.py" "$1" 2>&1; }
# "W x H TYPE/DEPTH DIGEST" without the encoding: what the picture is.
picture () { pixels "$1" | awk '{ print $1, $2, $3, $5 }'; }

for root in win7 winxp; do
  want=$(picture "$out/148-$root.png") got=$(picture "$out/ours-$root.png")
  case $want in
    [0-9]*" x "[0-9]*) if [ "$want" = "$got" ]; then pass "$root.pixels ($want)"; else fail "$root.pixels" "1.48: $want"$'\n'"ours: $got"; fi ;;
    *) fail "$root.reference" "1.48 gave no icon: $want" ;;
  esac
done
if [ -s "$out/148-win8.png" ] && cmp -s "$out/148-win8.png" "$out/ours-win8.png"; then
  pass "win8.bytes ($(stat -c %s "$out/ours-win8.png") bytes)"
else
  fail win8.bytes "1.48: $(stat -c %s "$out/148-win8.png" 2>&1), ours: $(stat -c %s "$out/ours-win8.png" 2>&1)"
fi
for lib in 148 ours; do
  if [ -f "$out/$lib-win7-hq.png" ] && [ ! -s "$out/$lib-win7-hq.png" ]; then pass "win7.highquality.$lib (empty)"
  else fail "win7.highquality.$lib" "expected an empty buffer"; fi
done
for lib in 148 ours; do
  p=$(pixels "$out/$lib-cirros.png")
  case $p in
    *" 0/1 "*) pass "cirros.$lib ($(stat -c %s "$out/$lib-cirros.png") bytes, $(echo "$p" | cut -d' ' -f1-4))" ;;
    *) fail "cirros.$lib" "not a 1-bit grayscale PNG: $p" ;;
  esac
done
finish
