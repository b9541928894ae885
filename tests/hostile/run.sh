#!/usr/bin/env bash
# Hostile images: inspection (and find0 /) of images crafted to hurt the library, under a
# time limit and a memory limit for the calling process, with the appliance still usable
# afterwards.  See README.md.
#
#   tests/hostile/run.sh PREFIX
#
# Environment: HOSTILE_IMAGES (subset of image names), HOSTILE_TIMEOUT (seconds for the
# calls on one image after its launch, find0 apart, default 30), HOSTILE_FIND0_TIMEOUT
# (find0 /, default 120: its output is quadratic in a tree's depth),
# HOSTILE_MAX_RSS_MB (default 200), HOSTILE_COMPARE=1 to
# also run each image on Debian's libguestfs 1.48.6 (informative, not a pass/fail).
# Prints "PASS: hostile-NAME" / "FAIL: hostile-NAME" and "N passed, M failed".
set -uo pipefail
if [ $# -ne 1 ]; then echo "usage: $0 PREFIX" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(realpath "$1")
export HOSTILE_TIMEOUT=${HOSTILE_TIMEOUT:-30}
export HOSTILE_FIND0_TIMEOUT=${HOSTILE_FIND0_TIMEOUT:-120}
limit=$((HOSTILE_TIMEOUT + HOSTILE_FIND0_TIMEOUT + 120))
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export LIBGUESTFS_BACKEND_SETTINGS=force_tcg
build=$(mktemp -d /tmp/hostile-tests.XXXXXX)
trap 'rm -rf "$build"' EXIT
passed=0
failed=0
fail () { echo "FAIL: $1"; shift; printf '    %s\n' "$@"; failed=$((failed + 1)); }

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
# shellcheck disable=SC2046
if ! cc -O1 -Wall -Wno-deprecated-declarations -o "$build/hostile-check" "$here/hostile-check.c" \
     $(pkg-config --cflags --libs libguestfs) 2> "$build/cc.log"; then
  fail hostile-build "$(cat "$build/cc.log")"
  echo "$passed passed, $failed failed"
  exit 1
fi
start=$(date +%s)
# shellcheck disable=SC2086
if ! LD_LIBRARY_PATH=$prefix/lib bash "$here/make-images.sh" "$build/img" ${HOSTILE_IMAGES:-} \
     > "$build/images" 2> "$build/images.log"; then
  fail hostile-images "building the images failed:" "$(tail -n 20 "$build/images.log")"
fi
echo "(images built in $(($(date +%s) - start)) s)"

while read -r name expect; do
  t0=$(date +%s)
  LD_LIBRARY_PATH=$prefix/lib timeout -k 5 "$limit" "$build/hostile-check" "$build/img/$name.img" "$expect" \
    > "$build/$name.log" 2>&1
  status=$?
  took=$(($(date +%s) - t0))
  if [ "$status" = 0 ] && grep -q '^hostile-check: OK' "$build/$name.log"; then
    echo "PASS: hostile-$name ($took s; $(grep '^launch ' "$build/$name.log"))"
    passed=$((passed + 1))
  else
    why="exit status $status"
    [ "$status" = 124 ] && why="hung: killed after $limit s"
    [ "$status" -gt 128 ] && why="killed by signal $((status - 128))"
    fail "hostile-$name" "$why after $took s" "$(grep -E 'FAILED|error' "$build/$name.log" | head -n 10)"
  fi
  if [ "${HOSTILE_COMPARE:-0}" = 1 ]; then
    t0=$(date +%s)
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu timeout -k 5 120 "$build/hostile-check" \
      "$build/img/$name.img" "$expect" > "$build/$name.148.log" 2>&1
    echo "    (1.48.6: exit status $?, $(($(date +%s) - t0)) s; $(grep -E '^launch |FAILED' "$build/$name.148.log" | head -n 2 | tr '\n' ' '))"
  fi
done < "$build/images"
echo "($(($(date +%s) - start)) s)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
