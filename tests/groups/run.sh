#!/usr/bin/env bash
# Optional daemon groups whose tools Debian's 1.48.6 appliance carries only with
# scripts/setup-machine.sh's supermin.d package list (setfiles, grub's i386-pc modules):
# selinux_relabel and grub_install, for real on guest filesystems, through the C API.
# The same program runs on PREFIX's library and on Debian's libguestfs 1.48.6 in the same
# run; a case passes when both transcripts are identical and neither printed a "!! " line
# (a failed CHECK).
#
#   tests/groups/run.sh PREFIX
#
# GROUPS_OUT: where transcripts go (default a temp dir).
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(realpath "$1")
out_dir=${GROUPS_OUT:-$(mktemp -d /tmp/groups-tests.XXXXXX)}
mkdir -p "$out_dir"
# shellcheck source=../lib/transcripts.sh
. "$here/../lib/transcripts.sh"
reset_libguestfs_env

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
build=$(mktemp -d /tmp/groups-build.XXXXXX)
trap 'rm -rf "$build"' EXIT
# pkg-config output is a flag list: word-split on purpose.
# shellcheck disable=SC2046
if ! ${CC:-cc} -std=gnu99 -Wall -Wextra -Werror -I"$here/../appliance/lib" $(pkg-config --cflags libguestfs) \
     "$here/groups.c" "$here/../appliance/lib/apptest.c" $(pkg-config --libs libguestfs) \
     -o "$build/groups" >"$build/cc.log" 2>&1; then
  fail groups.build "$build/cc.log"; echo "$passed passed, $failed failed"; exit 1
fi

(cd "$build" && LD_LIBRARY_PATH="$prefix/lib" APPTEST_LIBDIR="$prefix/lib" timeout 900 ./groups) \
  >"$out_dir/groups.txt" 2>"$out_dir/groups.stderr"
rc=$?
if [ $rc = 0 ]; then pass groups.run; else
  { echo "exit status $rc"; tail -n 20 "$out_dir/groups.stderr"; } >"$build/rc.log"; fail groups.run "$build/rc.log"
fi
dropin=/usr/lib/x86_64-linux-gnu/guestfs/supermin.d/packages-guestfs-rs-groups
if [ ! -f "$dropin" ]; then
  echo "$dropin is missing: run scripts/setup-machine.sh" >"$build/ref.log"
  fail groups.reference "$build/ref.log"; echo "$passed passed, $failed failed"; exit 1
fi
mkdir -p "$build/ref-lib"
ln -s /usr/lib/x86_64-linux-gnu/libguestfs.so.0 "$build/ref-lib/libguestfs.so.0"
(cd "$build" && LD_LIBRARY_PATH="$build/ref-lib" LIBGUESTFS_BACKEND_SETTINGS=force_tcg timeout 900 ./groups) \
  >"$out_dir/groups.ref.txt" 2>"$out_dir/groups.ref.stderr"
rc=$?
if [ $rc = 0 ]; then pass groups.reference; else
  { echo "exit status $rc under 1.48.6"; tail -n 20 "$out_dir/groups.ref.stderr"; } >"$build/ref.log"
  fail groups.reference "$build/ref.log"
fi
compare_cases groups "$out_dir/groups.ref.txt" "$out_dir/groups.txt" "$build"
echo "(transcripts in $out_dir)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
