#!/usr/bin/env bash
# Builds the data files that libguestfs 1.48's generated C API tests (tests/c-api/tests.c)
# read, laid out as in a built libguestfs tree, under DEST:
#   DEST/test-data/test.iso                  the read-only 4th disk (/dev/sdd), mkisofs -J -r
#   DEST/test-data/files/...                 helloworld.tar*, minimal, hello.b64, ...
#   DEST/test-data/blank-disks/...           blank-disk-{1s,1K,1M}.{raw,qcow2}, with-backing
#   DEST/COPYING.LIB                         uploaded by the upload/download tests
# Contents follow the recipes in the source's test-data/*/Makefile.am (the files list and
# how each generated file is made); the static files are copied from the source tree.
# A stamp makes it idempotent: the data is built once and reused.
#   make-test-data.sh TREE DEST
set -euo pipefail
tree=${1:?usage: make-test-data.sh TREE DEST}
dest=${2:?usage: make-test-data.sh TREE DEST}
stamp_version=1
stamp=$dest/.complete
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_version" ]; then
  exit 0
fi

for tool in mkisofs qemu-img cpio gzip xz zstd base64; do
  command -v "$tool" >/dev/null || { echo "make-test-data: $tool not found (run scripts/setup-machine.sh)" >&2; exit 1; }
done

mkdir -p "$dest"
work=$(mktemp -d "$dest/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=$tree/test-data
files=$work/test-data/files
blank=$work/test-data/blank-disks
mkdir -p "$files" "$blank"

# Static files shipped in the source.
cp "$src"/files/{helloworld.tar,helloworld.tar.gz,helloworld.tar.xz,empty,known-1,known-2,known-3,known-4,known-5,test-grep.txt,minimal} "$files/"

# Generated files (test-data/files/Makefile.am).
dd if=/dev/zero of="$files/100kallzeroes" bs=1024 count=100 status=none
tr '\0' '\n' <"$files/100kallzeroes" >"$files/100kallnewlines"
tr '\0' ' ' <"$files/100kallzeroes" >"$files/100kallspaces"
dd if=/dev/urandom of="$files/100krandom" bs=1024 count=100 status=none
for ((i = 0; i < 10000; i++)); do echo "${i}abcdefghijklmnopqrstuvwxyz"; done >"$files/10klines"
echo hello | base64 >"$files/hello.b64"
(
  mkdir "$work/initrd.tmp"
  cp "$files"/{empty,known-1,known-2,known-3,known-4,known-5} "$work/initrd.tmp/"
  cd "$work/initrd.tmp"
  ls -1 | cpio --quiet -o -H newc | gzip --best
) >"$files/initrd"
(
  mkdir -p "$work/nash/bin"
  cp "$src/binaries/bin-x86_64-dynamic" "$work/nash/bin/nash"
  cd "$work/nash" && echo bin/nash | cpio --quiet -o -H newc
) >"$files/initrd-x86_64.img"
gzip --best -c "$files/initrd-x86_64.img" >"$files/initrd-x86_64.img.gz"
gzip --best -c "$files/test-grep.txt" >"$files/test-grep.txt.gz"
gzip --best -c "$src/binaries/bin-x86_64-dynamic" >"$files/bin-x86_64-dynamic.gz"
xz -c "$src/binaries/lib-i586.so" >"$files/lib-i586.so.xz"
zstd -q -c "$src/binaries/lib-i586.so" >"$files/lib-i586.so.zst"

# Blank disks (test-data/blank-disks/Makefile.am).
(
  cd "$blank"
  for size in 1s:512 1K:1K 1M:1M; do
    qemu-img create -q -f raw "blank-disk-${size%%:*}.raw" "${size#*:}"
    qemu-img create -q -f qcow2 -o preallocation=metadata "blank-disk-${size%%:*}.qcow2" "${size#*:}"
  done
  qemu-img create -q -f qcow2 -b blank-disk-1M.raw -F raw blank-disk-with-backing.qcow2
)

# The ISO (test-data/Makefile.am): every binary, the files above and the blank disks in
# its root, plus an empty directory and an absolute symlink.
iso=$work/iso
mkdir -p "$iso/directory"
cp "$src"/binaries/{bin,lib}-* "$iso/"
cp "$files"/* "$blank"/* "$iso/"
ln -sf /10klines "$iso/abssymlink"
(cd "$iso" && mkisofs -quiet -J -r -o "$work/test-data/test.iso" .)

cp "$tree/COPYING.LIB" "$work/COPYING.LIB"

# Publish atomically enough for a cache: replace the old contents, then write the stamp.
rm -rf "$dest/test-data" "$dest/COPYING.LIB"
mv "$work/test-data" "$dest/test-data"
mv "$work/COPYING.LIB" "$dest/COPYING.LIB"
echo "$stamp_version" >"$stamp"
