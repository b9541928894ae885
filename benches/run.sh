#!/usr/bin/env bash
# Benchmarks guestfs-rs (installed in PREFIX) against Debian's libguestfs 1.48.6 in one run
# on the same machine, and prints a table plus a machine-readable block.
#
#   benches/run.sh [PREFIX]        (PREFIX defaults to build/prefix, as scripts/test.sh)
#
# Knobs (environment):
#   BENCH_QUICK=1               small smoke run (2 launches, 32 MiB × 1, 200+50 calls × 1)
#   BENCH_SIDES="ours theirs"   which libraries to measure
#   BENCH_LAUNCH_ROUNDS=5  BENCH_TRANSFER_MIB=256  BENCH_TRANSFER_ROUNDS=3
#   BENCH_CALLS=2000 (ping_daemon)  BENCH_IS_FILE_CALLS=200  BENCH_CALLS_ROUNDS=3
#   BENCH_FSWALK_FILES=100000  BENCH_FSWALK_ROUNDS=3 (filesystem_walk of an ext4 with that many files)
#   BENCH_STEPS="first warm transfer calls fswalk"   which steps to run (default all)
#   BENCH_KEEP=1                keep the work directory (logs, raw results)
# Exit status: 0 when every program ran and every check passed, 1 otherwise.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
prefix=$(realpath -m "${1:-$repo/build/prefix}")
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  : "${BENCH_LAUNCH_ROUNDS:=2}" "${BENCH_TRANSFER_MIB:=32}" "${BENCH_TRANSFER_ROUNDS:=1}"
  : "${BENCH_CALLS:=200}" "${BENCH_IS_FILE_CALLS:=50}" "${BENCH_CALLS_ROUNDS:=1}"
  : "${BENCH_FSWALK_FILES:=10000}" "${BENCH_FSWALK_ROUNDS:=1}"
fi
launch_rounds=${BENCH_LAUNCH_ROUNDS:-5}
transfer_mib=${BENCH_TRANSFER_MIB:-256}
transfer_rounds=${BENCH_TRANSFER_ROUNDS:-3}
calls=${BENCH_CALLS:-2000}
is_file_calls=${BENCH_IS_FILE_CALLS:-200}
calls_rounds=${BENCH_CALLS_ROUNDS:-3}
fswalk_files=${BENCH_FSWALK_FILES:-100000}
fswalk_rounds=${BENCH_FSWALK_ROUNDS:-3}
sides=${BENCH_SIDES:-ours theirs}
steps=" ${BENCH_STEPS:-first warm transfer calls fswalk} "
step () { [[ "$steps" == *" $1 "* ]]; }

# The caller's libguestfs settings would skew one side or the other.
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done

work=$(mktemp -d /var/tmp/guestfs-bench.XXXXXX)
cleanup () { [ "${BENCH_KEEP:-0}" = 1 ] && echo "work directory kept: $work" || rm -rf "$work"; }
trap cleanup EXIT
# Per-side cache directories, empty at the start: the first launch builds the appliance
# (and probes qemu) into them, the later ones reuse it. 1.48 needs them to exist.
mkdir -p "$work/logs" "$work/results" "$work/ours-cache" "$work/theirs-cache"
failures=0

# ---- the two prefixes -------------------------------------------------------------------

# shellcheck source=benches/theirs-prefix.sh
. "$here/theirs-prefix.sh"

prefix_of () { if [ "$1" = ours ]; then echo "$prefix"; else echo "$work/theirs-prefix"; fi; }

# Compiles the three programs against one side into $work/<side>/.
compile_side () {
  local side=$1 p flags prog
  p=$(prefix_of "$side")
  flags=$(PKG_CONFIG_PATH="$p/lib/pkgconfig" pkg-config --cflags --libs libguestfs) || return 1
  mkdir -p "$work/$side"
  for prog in launch transfer calls fswalk; do
    # shellcheck disable=SC2086
    cc -O2 -Wall -pthread -o "$work/$side/bench-$prog" "$here/$prog.c" "$here/common.c" $flags -ldl \
      || return 1
  done
}

# ---- running --------------------------------------------------------------------------

# run SIDE TAG TIMEOUT PROGRAM ARGS...: runs one program for one side; its RESULT lines go
# to results/SIDE with TAG prepended to each name, its stderr to logs/SIDE-TAG.log.
run () {
  local side=$1 tag=$2 limit=$3 prog=$4; shift 4
  local log=$work/logs/$side-$tag.log env=()
  env+=("LD_LIBRARY_PATH=$(prefix_of "$side")/lib" "LIBGUESTFS_CACHEDIR=$work/$side-cache")
  if [ "$side" = theirs ]; then
    # Nested KVM is broken here and 1.48 would abort on it; ours decides by itself.
    env+=(LIBGUESTFS_BACKEND=direct LIBGUESTFS_BACKEND_SETTINGS=force_tcg)
  fi
  echo "  $side: $prog $* ($tag)" >&2
  env "${env[@]}" timeout -k 10 "$limit" "$work/$side/bench-$prog" "$@" 2>>"$log" \
    | awk -v t="$tag" '$1 == "RESULT" { print t "." $2, $3 }' >> "$work/results/$side"
  local status=${PIPESTATUS[0]}
  if [ "$status" != 0 ]; then
    echo "  $side: $prog $tag FAILED (exit $status); last lines of its log:" >&2
    tail -n 15 "$log" | sed 's/^/    /' >&2
    failures=$((failures + 1))
  fi
}

# The raw ext4 image filesystem_walk reads: FILES empty files, 1000 to a directory, put in
# by mkfs.ext4 -d (both sides read the same image, read-only).
make_fswalk_image () {
  local tree=$work/fswalk-tree img=$work/fswalk.img i
  mkdir -p "$tree"
  for ((i = 0; i < fswalk_files; i++)); do
    ((i % 1000 == 0)) && mkdir "$tree/d$((i / 1000))"
    : >"$tree/d$((i / 1000))/f$i"
  done
  mkfs.ext4 -q -F -N $((fswalk_files + 4096)) -d "$tree" "$img" 1G >&2 || return 1
  rm -rf "$tree"
  echo "$img"
}

# ---- statistics -----------------------------------------------------------------------

values () { [ -f "$work/results/$1" ] && awk -v k="$2" '$1 == k { print $2 }' "$work/results/$1"; }
count () { values "$1" "$2" | wc -l; }
median () {
  values "$1" "$2" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# ratio A B: A/B, empty when either is missing or B is zero.
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b + 0 != 0) printf "%.2f", a / b }'; }
fmt () { [ -n "$1" ] && awk -v v="$1" -v s="$2" 'BEGIN { printf "%.*f", s, v }'; }

# ---- the run --------------------------------------------------------------------------

echo "guestfs-rs benchmarks: ours = $prefix, theirs = Debian libguestfs 1.48.6 ($debian_lib)"
start_load=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%FT%TZ)
for side in $sides; do
  if [ "$side" = theirs ]; then make_theirs_prefix || { echo "cannot set up theirs" >&2; exit 1; }; fi
  [ -f "$(prefix_of "$side")/lib/pkgconfig/libguestfs.pc" ] \
    || { echo "no libguestfs.pc in $(prefix_of "$side") (run scripts/install.sh first)" >&2; exit 1; }
  compile_side "$side" || { echo "compiling the benchmarks against $side failed" >&2; exit 1; }
done

if step first; then
  echo "1/5 first launch with an empty cache directory (appliance build included)" >&2
  for side in $sides; do run "$side" first 1800 launch 1; done
fi

if step warm; then
  echo "2/5 launch + shutdown, $launch_rounds rounds, sides interleaved" >&2
  for _ in $(seq "$launch_rounds"); do
    for side in $sides; do run "$side" warm 600 launch 1; done
  done
fi

if step transfer; then
  echo "3/5 upload/download ${transfer_mib} MiB × $transfer_rounds" >&2
  for side in $sides; do run "$side" transfer 1800 transfer "$transfer_mib" "$transfer_rounds"; done
fi

if step calls; then
  echo "4/5 round trips: ($calls ping_daemon + $is_file_calls is_file) × $calls_rounds" >&2
  for side in $sides; do run "$side" calls 1800 calls "$calls" "$is_file_calls" "$calls_rounds"; done
fi

if step fswalk; then
  echo "5/5 filesystem_walk of an ext4 with $fswalk_files files × $fswalk_rounds" >&2
  if fswalk_img=$(make_fswalk_image); then
    for side in $sides; do run "$side" fswalk 1800 fswalk "$fswalk_img" "$fswalk_files" "$fswalk_rounds"; done
  else
    echo "  making the filesystem_walk image failed" >&2
    failures=$((failures + 1))
  fi
fi
end_load=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ---------------------------------------------------------------------------

# Each figure: KEY | label | scale (divide by) | decimals | better (low/high).
figures=(
  "warm.launch_shutdown_s|launch+shutdown+close (s)|1|2|low"
  "warm.launch_s|  of which launch (s)|1|2|low"
  "warm.boot_s|  of which qemu start to daemon up (s)|1|2|low"
  "warm.qemu_cpu_boot_s|qemu CPU time until daemon up (s)|1|2|low"
  "first.launch_shutdown_s|first launch, empty cache (s)|1|2|low"
  "build_s|  appliance build in it (s)|1|2|low"
  "transfer.upload_mbs|upload ${transfer_mib} MiB (MB/s)|1|1|high"
  "transfer.upload_sync_mbs|upload ${transfer_mib} MiB + sync (MB/s)|1|1|high"
  "transfer.download_mbs|download ${transfer_mib} MiB (MB/s)|1|1|high"
  "transfer.cpu_upload_qemu_s|qemu CPU per upload+sync (s)|1|2|low"
  "transfer.cpu_download_qemu_s|qemu CPU per download (s)|1|2|low"
  "calls.ping_per_s|ping_daemon round trips (/s)|1|0|high"
  "calls.is_file_per_s|is_file round trips (/s)|1|0|high"
  "calls.ping_settled_per_s|ping_daemon, 5 s later (/s)|1|0|high"
  "calls.is_file_settled_per_s|is_file, 5 s later (/s)|1|0|high"
  "fswalk.fswalk_s|filesystem_walk, ${fswalk_files} files (s)|1|2|low"
  "fswalk.fswalk_entries_per_s|filesystem_walk entries (/s)|1|0|high"
  "warm.qemu_hwm_idle_kib|qemu peak RSS, idle (MiB)|1024|0|low"
  "transfer.qemu_hwm_busy_kib|qemu peak RSS, after transfers (MiB)|1024|0|low"
)

# Derived figure: the appliance build of the first launch = how much later its first qemu
# process started than in a warm launch.
for side in $sides; do
  first=$(median "$side" first.qemu_start_s); warm=$(median "$side" warm.qemu_start_s)
  if [ -n "$first" ] && [ -n "$warm" ]; then
    echo "build_s $(awk -v a="$first" -v b="$warm" 'BEGIN { print a - b }')" >> "$work/results/$side"
  fi
done

med () { median "$1" "$2"; }
echo
printf '%-40s %10s %10s %6s %9s\n' figure ours "1.48.6" n "advantage"
printf '%-40s %10s %10s %6s %9s\n' ---------------------------------------- ---------- ---------- ------ ---------
machine=""
for f in "${figures[@]}"; do
  IFS='|' read -r key label scale dec better <<<"$f"
  o=$(med ours "$key"); t=$(med theirs "$key")
  so=$( [ -n "$o" ] && awk -v v="$o" -v s="$scale" 'BEGIN { print v / s }')
  st=$( [ -n "$t" ] && awk -v v="$t" -v s="$scale" 'BEGIN { print v / s }')
  if [ "$better" = low ]; then adv=$(ratio "$t" "$o"); else adv=$(ratio "$o" "$t"); fi
  n="$(count ours "$key")/$(count theirs "$key")"
  # A partial run (BENCH_STEPS) leaves out the rows of the steps it skipped.
  [ -n "${BENCH_STEPS:-}" ] && [ "$n" = 0/0 ] && continue
  printf '%-40s %10s %10s %6s %9s\n' "$label" "$(fmt "$so" "$dec")" "$(fmt "$st" "$dec")" "$n" \
    "${adv:+${adv}x}"
  machine+="ours.$key.median=${o}"$'\n'"theirs.$key.median=${t}"$'\n'"advantage.$key=${adv}"$'\n'
  machine+="ours.$key.n=$(count ours "$key")"$'\n'"theirs.$key.n=$(count theirs "$key")"$'\n'
done
echo
echo "Medians; n = samples ours/theirs; advantage > 1 means ours is better (theirs/ours for"
echo "times and memory, ours/theirs for rates). MB = 10^6 bytes. Load average at start"
echo "$start_load, at end $end_load ($(nproc) CPUs)."
echo
echo "BEGIN GUESTFS-BENCH"
echo "date=$started"
echo "host=$(uname -n) kernel=$(uname -r) cpus=$(nproc)"
echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "qemu=$(qemu-system-x86_64 --version 2>/dev/null | head -n 1)"
echo "repo.commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null)"
echo "loadavg.start=$start_load"
echo "loadavg.end=$end_load"
echo "params=launch_rounds:$launch_rounds transfer_mib:$transfer_mib transfer_rounds:$transfer_rounds calls:$calls is_file_calls:$is_file_calls calls_rounds:$calls_rounds fswalk_files:$fswalk_files fswalk_rounds:$fswalk_rounds steps:$(echo $steps | tr " " ",")"
printf '%s' "$machine"
for side in $sides; do
  sed "s/^/raw.$side./; s/ /=/" "$work/results/$side" 2>/dev/null
done
echo "failures=$failures"
echo "END GUESTFS-BENCH"
[ "$failures" = 0 ]
