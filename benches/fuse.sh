#!/usr/bin/env bash
# FUSE benchmark: Debian's guestmount over guestfs-rs (PREFIX) against the same
# guestmount over Debian's libguestfs 1.48.6, in one run on the same image.
#
#   benches/fuse.sh [PREFIX]        (PREFIX defaults to build/prefix)
#
# Per round and side: a fresh read-only guestmount (not timed), then, timed,
#   find      `find MP/files` over 10 000 files (100 directories of 100), counted
#   read      `cat MP/big` of a 256 MiB file of random bytes (its md5 checked)
# and an unmount. Prints the median of each and the ratio 1.48 / ours (above 1: ours
# is faster).
# Knobs: BENCH_FUSE_ROUNDS (default 3), BENCH_FUSE_FILES (default 10000),
# BENCH_FUSE_MIB (default 256), BENCH_KEEP=1 (keep the work directory).
# Exit status: 0 when every run worked and every check passed, 1 otherwise.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
prefix=$(realpath -m "${1:-$repo/build/prefix}")
rounds=${BENCH_FUSE_ROUNDS:-3}
nfiles=${BENCH_FUSE_FILES:-10000}
mib=${BENCH_FUSE_MIB:-256}

for t in guestmount guestunmount guestfish; do
  command -v "$t" >/dev/null || { echo "benches/fuse.sh: $t not installed" >&2; exit 1; }
done
[ -e "$prefix/lib/libguestfs.so.0" ] || { echo "benches/fuse.sh: no $prefix/lib/libguestfs.so.0" >&2; exit 1; }

for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export LIBGUESTFS_BACKEND_SETTINGS=force_tcg LANG=C

work=$(mktemp -d /var/tmp/guestfs-bench-fuse.XXXXXX)
cleanup() {
  awk -v w="$work" '$2 ~ "^"w {print $2}' /proc/mounts | while read -r m; do fusermount -u -z "$m"; done
  [ "${BENCH_KEEP:-0}" = 1 ] && echo "work directory kept: $work" || rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/src/files" "$work/mp" "$work/ours-cache" "$work/theirs-cache"

# The image: the tree is made on the host and put in with tar-in (one launch, ours).
per_dir=100
dirs=$(((nfiles + per_dir - 1) / per_dir))
for d in $(seq -w 1 "$dirs"); do
  mkdir "$work/src/files/d$d"
  (cd "$work/src/files/d$d" && for f in $(seq -w 1 "$per_dir"); do printf '%s\n' "$d/$f" >"f$f"; done)
done
head -c $((mib * 1024 * 1024)) /dev/urandom >"$work/src/big"
want_md5=$(md5sum <"$work/src/big" | cut -d' ' -f1)
tar -C "$work/src" -cf "$work/src.tar" files big
rm -rf "$work/src"
size_mib=$((mib + 400))
if ! LD_LIBRARY_PATH=$prefix/lib LIBGUESTFS_CACHEDIR=$work/ours-cache guestfish \
  -N "$work/disk.img=fs:ext4:${size_mib}M" -m /dev/sda1 tar-in "$work/src.tar" / >"$work/mkimg.log" 2>&1; then
  echo "benches/fuse.sh: could not build the image:" >&2
  cat "$work/mkimg.log" >&2
  exit 1
fi
rm -f "$work/src.tar"

failures=0
now() { date +%s.%N; }

# one SIDE ROUND: mount, time find and read, unmount.
one() {
  local side=$1 lib=
  [ "$side" = ours ] && lib=$prefix/lib
  LD_LIBRARY_PATH=$lib LIBGUESTFS_CACHEDIR=$work/$side-cache guestmount --pid-file "$work/pid" \
    -a "$work/disk.img" -m /dev/sda1 --ro "$work/mp" || { failures=$((failures + 1)); return; }
  local t0 t1 t2 n sum
  t0=$(now)
  n=$(find "$work/mp/files" -type f | wc -l)
  t1=$(now)
  sum=$(md5sum <"$work/mp/big" | cut -d' ' -f1)
  t2=$(now)
  LD_LIBRARY_PATH=$lib guestunmount "$work/mp" || failures=$((failures + 1))
  local pid
  pid=$(cat "$work/pid")
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  if [ "$n" != "$nfiles" ] || [ "$sum" != "$want_md5" ]; then
    echo "$side: wrong results (files $n of $nfiles, md5 $sum)" >&2
    failures=$((failures + 1))
  fi
  echo "$(echo "$t1 - $t0" | bc) $(echo "$t2 - $t1" | bc)" >>"$work/$side.times"
}

for r in $(seq "$rounds"); do
  for side in ours theirs; do
    one "$side"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-28s %12s %12s %8s\n' "benchmark ($rounds rounds)" "ours (s)" "1.48 (s)" "ratio"
for col in 1 2; do
  label=$([ $col = 1 ] && echo "find $nfiles files" || echo "read $mib MiB file")
  o=$(cut -d' ' -f$col "$work/ours.times" 2>/dev/null | median)
  t=$(cut -d' ' -f$col "$work/theirs.times" 2>/dev/null | median)
  ratio=$(awk -v o="$o" -v t="$t" 'BEGIN {if (o > 0) printf "%.2f", t / o; else print "nan"}')
  printf '%-28s %12.2f %12.2f %7sx\n' "$label" "$o" "$t" "$ratio"
  if [ $col = 2 ]; then
    awk -v o="$o" -v t="$t" -v m="$mib" 'BEGIN {printf "%-28s %12.0f %12.0f  MB/s\n", "  throughput", m*1.048576/o, m*1.048576/t}'
  fi
done
[ "$failures" -eq 0 ]
