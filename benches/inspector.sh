#!/usr/bin/env bash
# virt-inspector end to end: Debian's unmodified virt-inspector (guestfs-tools) over
# guestfs-rs (PREFIX) and over Debian's libguestfs 1.48.6, alternately, on libguestfs's
# phony Fedora (LVM root, rpm database) and Windows guests (built and cached by
# tests/inspect/make-phony-images.sh). Prints each run's wall time, then the medians and
# the ratio per image; checks both sides printed the same XML.
#
#   benches/inspector.sh [PREFIX]      BENCH_INSPECTOR_ROUNDS=3  BENCH_INSPECTOR_IMAGES="fedora windows"
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
prefix=$(realpath -m "${1:-$repo/build/prefix}")
rounds=${BENCH_INSPECTOR_ROUNDS:-3}
images=${BENCH_INSPECTOR_IMAGES:-"fedora windows"}
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
command -v virt-inspector > /dev/null || { echo "virt-inspector missing (scripts/setup-machine.sh)" >&2; exit 1; }
work=$(mktemp -d /tmp/bench-inspector.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/theirs"
ln -s /usr/lib/x86_64-linux-gnu/libguestfs.so.0 "$work/theirs/libguestfs.so.0"

median () { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
status=0
for name in $images; do
  img=$(bash "$repo/tests/inspect/make-phony-images.sh" "$name" 2> "$work/$name.build.log") || true
  [ -n "$img" ] || { echo "$name: image build failed (see $work/$name.build.log)" >&2; status=1; continue; }
  : > "$work/$name.ours.t"; : > "$work/$name.theirs.t"
  for ((r = 1; r <= rounds; r++)); do
    for side in theirs ours; do
      lib=$prefix/lib; [ "$side" = theirs ] && lib=$work/theirs
      t0=$(date +%s.%N)
      LD_LIBRARY_PATH=$lib LIBGUESTFS_BACKEND_SETTINGS=force_tcg virt-inspector --format=raw -a "$img" \
        > "$work/$name.$side.xml" 2> "$work/$name.$side.err" || { echo "$name $side: virt-inspector failed" >&2; status=1; }
      t1=$(date +%s.%N)
      awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }' >> "$work/$name.$side.t"
      printf '%-8s %-6s round %d: %6.2f s\n' "$name" "$side" "$r" "$(tail -n 1 "$work/$name.$side.t")"
    done
  done
  cmp -s "$work/$name.ours.xml" "$work/$name.theirs.xml" || { echo "$name: the XML differs" >&2; status=1; }
  mo=$(median < "$work/$name.ours.t"); mt=$(median < "$work/$name.theirs.t")
  printf '%-8s median: guestfs-rs %.2f s, 1.48.6 %.2f s, %.2fx\n' "$name" "$mo" "$mt" "$(awk -v a="$mt" -v b="$mo" 'BEGIN { print a / b }')"
done
exit $status
