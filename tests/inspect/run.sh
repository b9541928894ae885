#!/usr/bin/env bash
# Inspection tests: every inspection result for every root of a set of disk images,
# printed by inspect-dump.c once on Debian's libguestfs 1.48.6 and once on guestfs-rs,
# compared field by field.
#
#   tests/inspect/run.sh PREFIX
#
# Images: libguestfs 1.48's phony guests (debian, ubuntu, archlinux, coreos, windows),
# built with Debian's guestfish by make-phony-images.sh and cached under
# /var/tmp/guestfs-rs-phony/ (keyed by each script's contents), plus "osrelease", built
# by make-osrelease-img.sh with guestfish on OUR library at every run, plus
# "rpmdb-sqlite", "rpmdb-bdb" and "rpmdb-ndb" (an rpm database of each format), built by
# make-rpmdb-images.sh with Debian's guestfish and cached under /var/tmp/guestfs-rs-rpmdb/;
# for these, Debian's virt-inspector's XML on both libraries is compared too.  1.48's
# transcripts of the cached images are cached beside them (keyed by the image and by
# inspect-dump.c), so a second run only launches guestfs-rs for those.
#
# Prints "PASS: image.field" / "FAIL: image.field" (with both values below); a field
# of the second and later roots is named image.rootN.field.  Ends with "N passed, M
# failed"; exits non-zero on any failure.  Known differences are in known-failures.txt
# (run it through scripts/run-with-ledger.sh).
#
# Environment: INSPECT_IMAGES (subset of image names), INSPECT_OUT (transcripts, default
# /tmp/inspect-tests-out), PHONY_CACHE (default /var/tmp/guestfs-rs-phony), RPMDB_CACHE
# (default /var/tmp/guestfs-rs-rpmdb).
set -uo pipefail

if [ $# -ne 1 ]; then echo "usage: $0 PREFIX" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(realpath "$1")
out=${INSPECT_OUT:-/tmp/inspect-tests-out}
cache=${PHONY_CACHE:-/var/tmp/guestfs-rs-phony}
images=${INSPECT_IMAGES:-"debian ubuntu archlinux coreos windows osrelease rpmdb-sqlite rpmdb-bdb rpmdb-ndb"}
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0

for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
mkdir -p "$out" "$cache"
build=$(mktemp -d /tmp/inspect-tests.XXXXXX)
trap 'rm -rf "$build"' EXIT

passed=0
failed=0
pass () { echo "PASS: $1"; passed=$((passed + 1)); }
fail () { echo "FAIL: $1"; failed=$((failed + 1)); [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; return 0; }
finish () { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; exit $?; }

# ---- the dump program, compiled against PREFIX's header
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
if ! cflags=$(pkg-config --cflags libguestfs) || ! libs=$(pkg-config --libs libguestfs); then
  fail build "no libguestfs.pc under $PKG_CONFIG_PATH"; finish
fi
# shellcheck disable=SC2086
if ! ${CC:-cc} -Wall -Wno-deprecated-declarations -o "$build/inspect-dump" "$here/inspect-dump.c" $cflags $libs \
     2> "$build/cc.log"; then
  fail build "$(cat "$build/cc.log")"; finish
fi
dump_key=$(sha256sum "$here/inspect-dump.c" | cut -c1-12)

mkdir -p "$build/debian-lib"
ln -s "$debian_lib" "$build/debian-lib/libguestfs.so.0"
run_148 () { LD_LIBRARY_PATH="$build/debian-lib" LIBGUESTFS_BACKEND_SETTINGS=force_tcg "$build/inspect-dump" "$@"; }
run_ours () { LD_LIBRARY_PATH="$prefix/lib" "$build/inspect-dump" "$@"; }

# Turn a transcript into "case<TAB>line" records: each "  field:" line starts a case
# (continuation lines belong to it); fields of root 2, 3... get a rootN. prefix.
cases () {
  awk -v img="$1" '
    /^root / { nroot++; next }
    /^inspect_os:/ { c = "inspect_os"; print img "." c "\t" $0; next }
    /^  [A-Za-z_0-9 ]*: / || /^  [A-Za-z_0-9]*:$/ {
      f = $0; sub(/^  /, "", f); sub(/:.*/, "", f); gsub(/ /, "_", f)
      c = (nroot > 1 ? "root" nroot "." : "") f
    }
    { print img "." c "\t" $0 }'
}

# 1.48's appliance sometimes brings its own root disk up first; its daemon then names a
# caller's /dev/sda as /dev/sdb in error messages (which it does not translate back).
# The not-a-root message is compared with the device letter masked.
normalize () { sed -E 's|^(  not a root: .*ERROR: [a-z_]*: /dev/sd)[a-z]:|\1X:|'; }

compare () {
  local img=$1 want=$2 got=$3
  normalize < "$want" | cases "$img" > "$build/$img.want"
  normalize < "$got" | cases "$img" > "$build/$img.got"
  for c in $(cut -f1 "$build/$img.want" "$build/$img.got" | awk '!seen[$0]++'); do
    w=$(awk -F'\t' -v c="$c" '$1 == c { sub(/^[^\t]*\t/, ""); print }' "$build/$img.want")
    g=$(awk -F'\t' -v c="$c" '$1 == c { sub(/^[^\t]*\t/, ""); print }' "$build/$img.got")
    if [ "$w" = "$g" ]; then pass "$c"; else fail "$c" "$(printf '1.48: %s\nours: %s' "$w" "$g")"; fi
  done
}

for name in $images; do
  if [ "$name" = osrelease ]; then
    img=$build/osrelease.img
    if ! LD_LIBRARY_PATH="$prefix/lib" bash "$here/make-osrelease-img.sh" "$img" > "$out/osrelease-build.log" 2>&1; then
      fail osrelease.build "$(tail -5 "$out/osrelease-build.log")"; continue
    fi
    run_148 "$img" > "$out/osrelease.148" 2> "$out/osrelease.148.err"
  else
    case $name in
      rpmdb-*) img=$(bash "$here/make-rpmdb-images.sh" "${name#rpmdb-}" 2> "$out/$name-build.log") ;;
      *) img=$(bash "$here/make-phony-images.sh" "$name" 2> "$out/$name-build.log") ;;
    esac
    if [ -z "$img" ]; then fail "$name.build" "$(cat "$out/$name-build.log")"; continue; fi
    want_cache=$cache/$(basename "$img" .img)-$dump_key.148
    if [ ! -s "$want_cache" ]; then
      run_148 "$img" > "$want_cache.tmp" 2> "$out/$name.148.err" && mv "$want_cache.tmp" "$want_cache"
    fi
    cp "$want_cache" "$out/$name.148" 2>/dev/null || : > "$out/$name.148"
  fi
  run_ours "$img" > "$out/$name.ours" 2> "$out/$name.ours.err"
  if [ ! -s "$out/$name.148" ]; then fail "$name.reference" "1.48 printed nothing (see $out/$name.148.err)"; continue; fi
  compare "$name" "$out/$name.148" "$out/$name.ours"
  # The rpm images also go through Debian's virt-inspector (guestfs-tools) on both
  # libraries: its XML, <applications> included, must be identical.
  case $name in
    rpmdb-*)
      if ! command -v virt-inspector > /dev/null; then fail "$name.virt-inspector" "virt-inspector is missing (guestfs-tools)"; continue; fi
      xml_cache=$cache/$(basename "$img" .img).virt-inspector.148
      if [ ! -s "$xml_cache" ]; then
        LD_LIBRARY_PATH="$build/debian-lib" LIBGUESTFS_BACKEND_SETTINGS=force_tcg virt-inspector -a "$img" \
          > "$xml_cache.tmp" 2> "$out/$name.virt-inspector.148.err" && mv "$xml_cache.tmp" "$xml_cache"
      fi
      LD_LIBRARY_PATH="$prefix/lib" virt-inspector -a "$img" > "$out/$name.virt-inspector.ours" 2> "$out/$name.virt-inspector.ours.err"
      if [ -s "$xml_cache" ] && cmp -s "$xml_cache" "$out/$name.virt-inspector.ours"; then
        pass "$name.virt-inspector"
      else
        fail "$name.virt-inspector" "$(diff "$xml_cache" "$out/$name.virt-inspector.ours" 2>&1 | head -20)"
      fi ;;
  esac
done
finish
