# Shared by the transcript-comparing suites (tests/appliance, tests/augeas): result lines,
# splitting a transcript into cases, and comparing ours with libguestfs 1.48's case by case.
# Source it after setting out_dir (where transcripts are kept); it sets passed/failed.

# Tests control their own environment; start from a clean one.
reset_libguestfs_env () {
  local v
  for v in $(env | sed -n 's/^\(LIBGUESTFS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
}

passed=0
failed=0
pass () { echo "PASS: $1"; passed=$((passed + 1)); }
# fail NAME [LOG]: prints the first 60 lines of LOG indented below the FAIL line.
fail () {
  echo "FAIL: $1"; failed=$((failed + 1))
  if [ -n "${2:-}" ] && [ -s "$2" ]; then
    head -n 60 "$2" | sed 's/^/    /'
    [ "$(wc -l < "$2")" -gt 60 ] && echo "    ... ($(wc -l < "$2") lines, see $out_dir)"
  fi
  return 0
}

# split_cases TRANSCRIPT DIR: one file per case (named by the case), in order, plus DIR/.order
split_cases () {
  mkdir -p "$2"
  awk -v dir="$2" '
    /^== CASE / { name = $3; print name >> (dir "/.order"); next }
    name != "" { print > (dir "/" name) }
  ' "$1"
  touch "$2/.order"
}

# compare_cases PROGRAM EXPECTED GOT WORKDIR: every case of the expected (1.48) transcript,
# then any case only ours printed, each passing when the two are identical and neither has
# a "!! " line (a failed CHECK or fixture). APPTEST_ONLY, when set, selects case names.
compare_cases () {
  local p=$1 exp=$2 got=$3 work=$4 c name e g log
  split_cases "$exp" "$work/$p.exp"
  split_cases "$got" "$work/$p.got"
  for c in $(cat "$work/$p.exp/.order"; grep -vxF -f "$work/$p.exp/.order" "$work/$p.got/.order"); do
    name=$p.$c
    if [ -n "${APPTEST_ONLY:-}" ] && [[ $c != *"$APPTEST_ONLY"* ]]; then continue; fi
    e=$work/$p.exp/$c; g=$work/$p.got/$c; log=$work/$name.diff
    if ! grep -qxF "$c" "$work/$p.got/.order"; then
      echo "case did not run (program stopped before it?)" >"$log"; fail "$name" "$log"; continue
    fi
    [ -f "$e" ] || : >"$e"
    [ -f "$g" ] || : >"$g"
    if ! diff -u --label "libguestfs-1.48" --label "ours" "$e" "$g" >"$log"; then
      fail "$name" "$log"
    elif grep -q '^!! ' "$g" "$e"; then
      grep -h '^!! ' "$g" "$e" >"$log"; fail "$name" "$log"
    else
      pass "$name"
    fi
  done
}
