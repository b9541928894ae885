#!/usr/bin/env bash
# Benchmarks instant launch (the appliance restored from a saved snapshot) in one run on
# the same machine: ours restored, ours booting cold (GUESTFS_RS_SNAPSHOT=0) and Debian's
# libguestfs 1.48.6; the first-launch costs of ours; and the memory (summed PSS) of
# concurrent appliances. Prints progress on stderr, a table and a machine-readable block
# on stdout.
#
#   benches/snapshot.sh [PREFIX]        (PREFIX defaults to build/prefix)
#
# Knobs (environment):
#   BENCH_SNAPSHOT_ROUNDS=10    launch+shutdown rounds per variant (after one warm-up each)
#   BENCH_SNAPSHOT_HANDLES=8    concurrent handles for the memory figures
#   BENCH_KEEP=1                keep the work directory (logs, raw results, cache dirs)
# Exit status: 0 when every program ran and every check passed (restore rounds restored,
# cold rounds booted, no qemu left behind), 1 otherwise.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
prefix=$(realpath -m "${1:-$repo/build/prefix}")
debian_lib=/usr/lib/x86_64-linux-gnu/libguestfs.so.0
rounds=${BENCH_SNAPSHOT_ROUNDS:-10}
handles=${BENCH_SNAPSHOT_HANDLES:-8}

# The caller's libguestfs settings (and a snapshot switch) would skew one side or the other.
for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset GUESTFS_RS_SNAPSHOT

work=$(mktemp -d /var/tmp/guestfs-snapbench.XXXXXX)
failures=0
notes=()
current_tpid=""

# The qemu processes this run started and that are still there: every appliance of the
# run has its cache directory, inside $work, on its command line.
leftover_qemus () {
  local d p comm args
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    read -r comm < "$d/comm" 2>/dev/null || continue
    [[ $comm == qemu-system* ]] || continue
    mapfile -d '' args < "$d/cmdline" 2>/dev/null || continue
    [[ "${args[*]}" == *"$work/"* ]] && echo "$p"
  done
}
kill_leftovers () {
  local pids p
  pids=$(leftover_qemus)
  [ -z "$pids" ] && return 0
  for p in $pids; do kill "$p" 2>/dev/null; done
  sleep 2
  for p in $pids; do [ -e "/proc/$p" ] && kill -9 "$p" 2>/dev/null; done
  return 1
}
cleanup () {
  # Interrupted in the middle of a program: stop it (timeout passes the signal on) first.
  if [ -n "$current_tpid" ] && kill -0 "$current_tpid" 2>/dev/null; then
    kill "$current_tpid" 2>/dev/null
    wait "$current_tpid" 2>/dev/null
  fi
  kill_leftovers || echo "killed qemu processes left behind: see above" >&2
  exec {sleep_fd}>&- 2>/dev/null
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir -p "$work/logs" "$work/ours-cache" "$work/first-cache" "$work/theirs-cache"
: > "$work/results"
# A FIFO nobody writes to: `read -t` on it sleeps without starting a process.
mkfifo "$work/sleep.fifo" && exec {sleep_fd}<>"$work/sleep.fifo"

# ---- the two prefixes (as benches/run.sh) -------------------------------------------------

# shellcheck source=benches/theirs-prefix.sh
. "$here/theirs-prefix.sh"

prefix_of () { if [ "$1" = theirs ]; then echo "$work/theirs-prefix"; else echo "$prefix"; fi; }

compile_side () {
  local side=$1 p flags prog
  p=$(prefix_of "$side")
  flags=$(PKG_CONFIG_PATH="$p/lib/pkgconfig" pkg-config --cflags --libs libguestfs) || return 1
  mkdir -p "$work/$side"
  for prog in launch pss; do
    # shellcheck disable=SC2086
    cc -O2 -Wall -pthread -o "$work/$side/bench-$prog" "$here/$prog.c" "$here/common.c" $flags -ldl \
      || return 1
  done
}

# ---- running ------------------------------------------------------------------------------

# watch_qemus PID OUT: until process PID (timeout) ends, notes every qemu appliance its
# child (the benchmark program) starts, as "<pid> restored" (command line has -incoming)
# or "<pid> booted" (has -kernel; the snapshot-taking boot counts here too). Other qemu
# runs (feature probes) are not appliances and are skipped. Polls every 50 ms without
# starting processes; a restored appliance lives at least a few hundred ms.
watch_qemus () {
  local tpid=$1 out=$2 bench="" seen=" " p comm args kids rest
  : > "$out"
  while kill -0 "$tpid" 2>/dev/null; do
    if [ -z "$bench" ]; then
      read -r bench rest < "/proc/$tpid/task/$tpid/children" 2>/dev/null
    fi
    kids=()
    [ -n "$bench" ] && read -r -a kids < "/proc/$bench/task/$bench/children" 2>/dev/null
    for p in "${kids[@]}"; do
      [[ "$seen" == *" $p "* ]] && continue
      read -r comm < "/proc/$p/comm" 2>/dev/null || continue
      # Not qemu (yet: the library forks, then the child runs qemu): look again next time.
      [[ $comm == qemu-system* ]] || continue
      mapfile -d '' args < "/proc/$p/cmdline" 2>/dev/null
      [ "${#args[@]}" = 0 ] && continue          # not exec'd yet: look again next time
      seen+="$p "
      if [[ " ${args[*]} " == *" -incoming "* ]]; then echo "$p restored" >> "$out"
      elif [[ " ${args[*]} " == *" -kernel "* ]]; then echo "$p booted" >> "$out"
      fi
    done
    read -r -t 0.05 -u "$sleep_fd"
  done
}

# run TAG SIDE CACHE LIMIT PROGRAM ARGS...: runs one program; SIDE is ours, cold (ours with
# snapshots off) or theirs. Its RESULT lines go to $work/results as "TAG.name value", its
# stderr to logs/TAG.log, the qemu appliances it started to logs/TAG.qemus; the counts of
# restored and booted appliances are added as TAG.qemu_restored / TAG.qemu_booted.
run () {
  local tag=$1 side=$2 cache=$3 limit=$4 prog=$5; shift 5
  local log=$work/logs/$tag.log env=() tpid status
  env+=("LD_LIBRARY_PATH=$(prefix_of "$side")/lib" "LIBGUESTFS_CACHEDIR=$cache")
  [ "$side" = cold ] && env+=(GUESTFS_RS_SNAPSHOT=0)
  # Nested KVM is broken here and 1.48 would abort on it; ours decides by itself.
  [ "$side" = theirs ] && env+=(LIBGUESTFS_BACKEND=direct LIBGUESTFS_BACKEND_SETTINGS=force_tcg)
  echo "  $tag: $side bench-$prog $*" >&2
  env "${env[@]}" timeout -k 10 "$limit" "$work/$side/bench-$prog" "$@" \
    > "$work/logs/$tag.out" 2>> "$log" &
  tpid=$!; current_tpid=$tpid
  watch_qemus "$tpid" "$work/logs/$tag.qemus"
  wait "$tpid"; status=$?; current_tpid=""
  awk -v t="$tag" '$1 == "RESULT" { print t "." $2, $3 }' "$work/logs/$tag.out" >> "$work/results"
  echo "$tag.qemu_restored $(grep -c ' restored$' "$work/logs/$tag.qemus")" >> "$work/results"
  echo "$tag.qemu_booted $(grep -c ' booted$' "$work/logs/$tag.qemus")" >> "$work/results"
  if [ "$status" != 0 ]; then
    echo "  $tag FAILED (exit $status); last lines of its log:" >&2
    tail -n 15 "$log" | sed 's/^/    /' >&2
    failures=$((failures + 1))
    notes+=("$tag: bench-$prog failed (exit $status)")
  fi
  if ! kill_leftovers; then
    echo "  $tag: qemu processes were left behind (killed)" >&2
    failures=$((failures + 1))
    notes+=("$tag: qemu processes left behind after the program ended")
  fi
  return "$status"
}

# expect TAG RESTORED BOOTED: checks how many appliances a run restored and booted ("-":
# any number).
expect () {
  local r b
  r=$(values "$1.qemu_restored"); b=$(values "$1.qemu_booted")
  if { [ "$2" != - ] && [ "$r" != "$2" ]; } || { [ "$3" != - ] && [ "$b" != "$3" ]; }; then
    echo "  $1: expected $2 restored and $3 booted appliances, saw $r and $b" >&2
    failures=$((failures + 1))
    notes+=("$1: $r appliances restored and $b booted, expected $2 and $3")
  fi
}

# ---- statistics ---------------------------------------------------------------------------

values () { awk -v k="$1" '$1 == k { print $2 }' "$work/results"; }
count () { values "$1" | wc -l; }
median () {
  values "$1" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b + 0 != 0) printf "%.2f", a / b }'; }
fmt () { [ -n "$1" ] && awk -v v="$1" -v s="$2" 'BEGIN { printf "%.*f", s, v }'; }
mib () { [ -n "$1" ] && awk -v v="$1" 'BEGIN { printf "%.0f", v / 1024 }'; }
minus () { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
raw () { values "$1" | awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 }'; }

# ---- the run ------------------------------------------------------------------------------

echo "guestfs-rs snapshot benchmark: ours = $prefix, theirs = Debian libguestfs 1.48.6 ($debian_lib)" >&2
start_load=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%FT%TZ)
t_start=$SECONDS
make_theirs_prefix || { echo "cannot set up the 1.48.6 prefix" >&2; exit 1; }
[ -f "$prefix/lib/pkgconfig/libguestfs.pc" ] \
  || { echo "no libguestfs.pc in $prefix (install ours first)" >&2; exit 1; }
compile_side ours && compile_side theirs \
  || { echo "compiling the benchmarks failed" >&2; exit 1; }
ln -s ours "$work/cold"     # the same programs, run with GUESTFS_RS_SNAPSHOT=0

echo "1/5 ours, first launches in a fresh cache directory" >&2
run first-fresh ours "$work/first-cache" 1800 launch 1 && expect first-fresh 1 1
snapdirs=("$work"/first-cache/.guestfs-*/rs-appliance-*/snapshots)
if [ "${#snapdirs[@]}" = 1 ] && [ -d "${snapdirs[0]}" ]; then
  ram=$(ls "${snapdirs[0]}"/*.ram 2>/dev/null | head -n 1)
  if [ -n "$ram" ]; then
    echo "snapshot_ram_bytes $(stat -c %s "$ram")" >> "$work/results"
    echo "snapshot_ram_alloc_kib $(du -k "$ram" | cut -f1)" >> "$work/results"
    echo "snapshot_state_bytes $(stat -c %s "${ram%.ram}.state" 2>/dev/null)" >> "$work/results"
  fi
  rm -rf "${snapdirs[0]}"
  run first-nosnap ours "$work/first-cache" 1800 launch 1 && expect first-nosnap 1 1
  [ -n "$(ls "${snapdirs[0]}"/*.ram 2>/dev/null)" ] \
    || { failures=$((failures + 1)); notes+=("first-nosnap: no snapshot was saved again"); }
else
  echo "  expected one appliance with a snapshots directory in the fresh cache, found ${snapdirs[*]}" >&2
  failures=$((failures + 1))
  notes+=("first-fresh: no single appliance snapshots directory to remove; first-nosnap skipped")
fi

echo "2/5 ours restored: 1 warm-up + $rounds launches" >&2
# The cache directory is new: this builds the appliance and takes the snapshot.
run restore-warmup ours "$work/ours-cache" 1800 launch 1 && expect restore-warmup 1 -
run restore ours "$work/ours-cache" 1800 launch "$rounds" && expect restore "$rounds" 0

echo "3/5 ours cold (GUESTFS_RS_SNAPSHOT=0): 1 warm-up + $rounds launches" >&2
run cold-warmup cold "$work/ours-cache" 1800 launch 1 && expect cold-warmup 0 1
run cold cold "$work/ours-cache" 1800 launch "$rounds" && expect cold 0 "$rounds"

echo "4/5 1.48.6 (force_tcg): 1 warm-up (supermin build) + $rounds launches" >&2
run theirs-warmup theirs "$work/theirs-cache" 1800 launch 1
run theirs theirs "$work/theirs-cache" 3600 launch "$rounds"

echo "5/5 memory of $handles concurrent appliances: ours restored, ours cold, 1.48.6" >&2
run pss-restore ours "$work/ours-cache" 1800 pss "$handles" && expect pss-restore "$handles" 0
run pss-cold cold "$work/ours-cache" 1800 pss "$handles" && expect pss-cold 0 "$handles"
run pss-theirs theirs "$work/theirs-cache" 3600 pss "$handles"
end_load=$(cut -d' ' -f1-3 /proc/loadavg)
duration=$((SECONDS - t_start))

# ---- report -------------------------------------------------------------------------------

ls_r=$(median restore.launch_shutdown_s); ls_c=$(median cold.launch_shutdown_s)
ls_t=$(median theirs.launch_shutdown_s)
l_r=$(median restore.launch_s); l_c=$(median cold.launch_s); l_t=$(median theirs.launch_s)
s_r=$(median restore.shutdown_s); s_c=$(median cold.shutdown_s); s_t=$(median theirs.shutdown_s)
cpu_r=$(median restore.qemu_cpu_boot_s); cpu_c=$(median cold.qemu_cpu_boot_s)
cpu_t=$(median theirs.qemu_cpu_boot_s)
adv_theirs=$(ratio "$ls_t" "$ls_r"); adv_cold=$(ratio "$ls_c" "$ls_r")
first_fresh=$(median first-fresh.launch_shutdown_s); first_nosnap=$(median first-nosnap.launch_shutdown_s)
first_fresh_l=$(median first-fresh.launch_s); first_nosnap_l=$(median first-nosnap.launch_s)
pss_r=$(median pss-restore.pss_sum_kib); pss_c=$(median pss-cold.pss_sum_kib)
pss_t=$(median pss-theirs.pss_sum_kib)
rss_r=$(median pss-restore.rss_sum_kib); rss_c=$(median pss-cold.rss_sum_kib)
rss_t=$(median pss-theirs.rss_sum_kib)
pss_share=$(ratio "$pss_r" "$pss_t")

# target NAME VALUE OP LIMIT: "met" or "missed" (empty value: "no figure").
target () {
  [ -z "$2" ] && { echo "no figure"; return; }
  awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
    ok = (op == ">=") ? (v >= l) : (v <= l); print ok ? "met" : "MISSED" }'
}

row () { printf '%-44s %9s %9s %9s %7s\n' "$@"; }
echo
echo "Launch (median seconds of $rounds rounds each, after one warm-up launch)"
row figure "restored" "cold" "1.48.6" n
row -------------------------------------------- --------- --------- --------- -------
row "launch+shutdown+close (s)" "$(fmt "$ls_r" 3)" "$(fmt "$ls_c" 2)" "$(fmt "$ls_t" 2)" \
  "$(count restore.launch_shutdown_s)/$(count cold.launch_shutdown_s)/$(count theirs.launch_shutdown_s)"
row "  of which launch (s)" "$(fmt "$l_r" 3)" "$(fmt "$l_c" 2)" "$(fmt "$l_t" 2)" ""
row "  of which shutdown+close (s)" "$(fmt "$s_r" 3)" "$(fmt "$s_c" 2)" "$(fmt "$s_t" 2)" ""
row "qemu CPU until launch returned (s)" "$(fmt "$cpu_r" 3)" "$(fmt "$cpu_c" 2)" "$(fmt "$cpu_t" 2)" ""
row "appliances restored / booted" \
  "$(values restore.qemu_restored)/$(values restore.qemu_booted)" \
  "$(values cold.qemu_restored)/$(values cold.qemu_booted)" \
  "$(values theirs.qemu_restored)/$(values theirs.qemu_booted)" ""
echo
echo "First launch of ours (one round each, launch+shutdown+close; launch alone in brackets)"
printf '  %-58s %7s s (%s)\n' "fresh cache dir: appliance build + snapshot + restore" \
  "$(fmt "$first_fresh" 2)" "$(fmt "$first_fresh_l" 2)"
printf '  %-58s %7s s (%s)\n' "appliance built, snapshots/ removed: snapshot + restore" \
  "$(fmt "$first_nosnap" 2)" "$(fmt "$first_nosnap_l" 2)"
printf '  %-58s %7s s\n' "  snapshot cost (that minus the restored median)" "$(minus "$first_nosnap" "$ls_r")"
printf '  %-58s %7s s\n' "  appliance build (fresh minus snapshots removed)" "$(minus "$first_fresh" "$first_nosnap")"
printf '  %-58s %7s MiB (%s MiB allocated), state %s KiB\n' "saved state: RAM file" \
  "$(mib "$(awk -v v="$(values snapshot_ram_bytes)" 'BEGIN { if (v != "") print v / 1024 }')")" \
  "$(mib "$(values snapshot_ram_alloc_kib)")" \
  "$(awk -v v="$(values snapshot_state_bytes)" 'BEGIN { if (v != "") printf "%.0f", v / 1024 }')"
echo
echo "Memory of $handles concurrent appliances (qemu processes, MiB, from smaps_rollup)"
row figure "restored" "cold" "1.48.6" ""
row -------------------------------------------- --------- --------- --------- -------
row "summed PSS (MiB)" "$(mib "$pss_r")" "$(mib "$pss_c")" "$(mib "$pss_t")" ""
row "summed RSS (MiB)" "$(mib "$rss_r")" "$(mib "$rss_c")" "$(mib "$rss_t")" ""
row "PSS per appliance, median (MiB)" "$(mib "$(median pss-restore.pss_each_kib)")" \
  "$(mib "$(median pss-cold.pss_each_kib)")" "$(mib "$(median pss-theirs.pss_each_kib)")" ""
row "appliances restored / booted" \
  "$(values pss-restore.qemu_restored)/$(values pss-restore.qemu_booted)" \
  "$(values pss-cold.qemu_restored)/$(values pss-cold.qemu_booted)" \
  "$(values pss-theirs.qemu_restored)/$(values pss-theirs.qemu_booted)" ""
echo
echo "Targets"
printf '  %-52s %8s  %s\n' "1.48.6 / restored, launch+shutdown (>= 25x)" "${adv_theirs:+${adv_theirs}x}" \
  "$(target a "$adv_theirs" ">=" 25)"
printf '  %-52s %8s  %s\n' "cold / restored, launch+shutdown (>= 5x)" "${adv_cold:+${adv_cold}x}" \
  "$(target a "$adv_cold" ">=" 5)"
printf '  %-52s %8s  %s\n' "restored launch+shutdown median (<= 0.4 s)" "$(fmt "$ls_r" 3)" \
  "$(target a "$ls_r" "<=" 0.4)"
printf '  %-52s %8s  %s\n' "restored launch alone, median (<= 0.4 s)" "$(fmt "$l_r" 3)" \
  "$(target a "$l_r" "<=" 0.4)"
printf '  %-52s %8s  %s\n' "summed PSS restored / 1.48.6 (<= 0.33)" "$pss_share" \
  "$(target a "$pss_share" "<=" 0.3334)"
echo
echo "Raw launch+shutdown rounds (s): restored $(raw restore.launch_shutdown_s);"
echo "  cold $(raw cold.launch_shutdown_s); 1.48.6 $(raw theirs.launch_shutdown_s)."
echo "Warm-ups (not counted): restored $(raw restore-warmup.launch_shutdown_s)," \
  "cold $(raw cold-warmup.launch_shutdown_s), 1.48.6 $(raw theirs-warmup.launch_shutdown_s) s."
echo "Load average at start $start_load, at end $end_load ($(nproc) CPUs). Run took" \
  "$((duration / 60)) min $((duration % 60)) s. failures=$failures"
for n in "${notes[@]}"; do echo "NOTE: $n"; done
echo
echo "BEGIN GUESTFS-SNAPSHOT-BENCH"
echo "date=$started"
echo "host=$(uname -n) kernel=$(uname -r) cpus=$(nproc)"
echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "qemu=$(qemu-system-x86_64 --version 2>/dev/null | head -n 1)"
echo "repo.commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null)"
echo "loadavg.start=$start_load"
echo "loadavg.end=$end_load"
echo "duration_s=$duration"
echo "params=rounds:$rounds handles:$handles"
echo "restore.launch_shutdown_s.median=$ls_r"
echo "cold.launch_shutdown_s.median=$ls_c"
echo "theirs.launch_shutdown_s.median=$ls_t"
echo "restore.launch_s.median=$l_r"
echo "cold.launch_s.median=$l_c"
echo "theirs.launch_s.median=$l_t"
echo "ratio.theirs_over_restore=$adv_theirs"
echo "ratio.cold_over_restore=$adv_cold"
echo "first_fresh.launch_shutdown_s=$first_fresh"
echo "first_nosnap.launch_shutdown_s=$first_nosnap"
echo "pss_sum_kib.restore=$pss_r"
echo "pss_sum_kib.cold=$pss_c"
echo "pss_sum_kib.theirs=$pss_t"
echo "ratio.pss_restore_over_theirs=$pss_share"
sed 's/^/raw./; s/ /=/' "$work/results"
echo "failures=$failures"
echo "END GUESTFS-SNAPSHOT-BENCH"
[ "$failures" = 0 ]
