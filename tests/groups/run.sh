#!/usr/bin/env bash
# Optional daemon groups that Debian's 1.48.6 appliance cannot exercise (its appliance
# lacks setfiles and grub's i386-pc modules): selinux_relabel and grub_install, for real
# on guest filesystems, through the C API.  The program asserts the facts itself
# (CHECK); a case passes when it ran and no "!! " line was printed.
#
#   tests/groups/run.sh PREFIX
#
# With GROUPS_REFERENCE=1 the same program also runs on Debian's libguestfs 1.48.6 and
# its transcript is printed for comparison (never a pass condition: 1.48.6 reports
# these groups unavailable).  GROUPS_OUT: where transcripts go (default a temp dir).
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
split_cases "$out_dir/groups.txt" "$build/cases"
for c in available selinux_relabel grub_install; do
  if ! grep -qxF "$c" "$build/cases/.order"; then
    echo "case did not run" >"$build/$c.log"; fail "groups.$c" "$build/$c.log"
  elif grep -q '^!! ' "$build/cases/$c"; then
    cat "$build/cases/$c" >"$build/$c.log"; fail "groups.$c" "$build/$c.log"
  else
    pass "groups.$c"
  fi
done

if [ "${GROUPS_REFERENCE:-0}" = 1 ]; then
  mkdir -p "$build/ref-lib"
  ln -s /usr/lib/x86_64-linux-gnu/libguestfs.so.0 "$build/ref-lib/libguestfs.so.0"
  (cd "$build" && LD_LIBRARY_PATH="$build/ref-lib" LIBGUESTFS_BACKEND_SETTINGS=force_tcg timeout 900 ./groups) \
    >"$out_dir/groups.ref.txt" 2>&1
  echo "--- libguestfs 1.48.6 on the same program (for the record):"
  diff -u --label libguestfs-1.48 --label ours "$out_dir/groups.ref.txt" "$out_dir/groups.txt" | sed 's/^/    /'
fi
echo "(transcripts in $out_dir)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
