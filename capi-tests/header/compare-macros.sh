#!/usr/bin/env bash
# Compares the GUESTFS_* / LIBGUESTFS_* macros of the header under test with
# libguestfs 1.48's header: the same names must be defined (with and without
# GUESTFS_PRIVATE) and every numeric macro must have the same value.  Values are
# compared by evaluating them in a C program, so `(1 << 0)` and `1` are equal.
#   compare-macros.sh REF_INCLUDE_DIR CFLAGS...   (CFLAGS locate the header under test)
set -uo pipefail
ref_inc=$1; shift
CC=${CC:-cc}
work=$(mktemp -d /tmp/capi-macros.XXXXXX)
trap 'rm -rf "$work"' EXIT
status=0

# defines SIDE PRIVATE FLAGS...: "NAME<TAB>VALUE" for each object-like macro.
defines () {
  local side=$1 private=$2; shift 2
  echo '#include <guestfs.h>' |
    "$CC" -E -dM -DGUESTFS_PRIVATE="$private" "$@" -x c - 2>"$work/$side.err" |
    sed -n 's/^#define \(_*\(LIB\)\{0,1\}GUESTFS_[A-Za-z0-9_]*\)\([ (]\)\(.*\)$/\1\3\4/p' |
    grep -v '^[A-Z_]*GUESTFS_H_\{0,1\}[ (]' |     # include guards are private business
    sort
}

for private in 0 1; do
  defines ref $private -I"$ref_inc" >"$work/ref.defs" || { cat "$work/ref.err"; exit 1; }
  defines ours $private "$@" >"$work/ours.defs" || { cat "$work/ours.err"; exit 1; }
  sed 's/[ (].*//' "$work/ref.defs" | sort -u >"$work/ref.names"
  sed 's/[ (].*//' "$work/ours.defs" | sort -u >"$work/ours.names"
  echo "GUESTFS_PRIVATE=$private: $(wc -l < "$work/ours.names") macros, 1.48 has $(wc -l < "$work/ref.names")"
  if ! diff "$work/ref.names" "$work/ours.names" >"$work/names.diff"; then
    echo "macro names differ (< only in 1.48, > only in ours):"
    grep '^[<>]' "$work/names.diff" | head -n 100
    status=1
  fi
  # Numeric object-like macros present on both sides.
  grep -E '^[A-Za-z0-9_]+ ' "$work/ref.defs" |
    grep -vE '__attribute__|__GNUC__|__deprecated__| $' |
    sed 's/ .*//' | sort -u | comm -12 - "$work/ours.names" >"$work/numeric"
  {
    echo '#include <stdio.h>'
    echo '#include <guestfs.h>'
    echo 'int main (void) {'
    sed 's/.*/  printf ("%s %lld\\n", "&", (long long) (&));/' "$work/numeric"
    echo '  return 0; }'
  } >"$work/values.c"
  for side in ref ours; do
    if [ $side = ref ]; then flags=(-I"$ref_inc"); else flags=("$@"); fi
    if ! "$CC" -w -DGUESTFS_PRIVATE=$private "${flags[@]}" "$work/values.c" -o "$work/values.$side" 2>"$work/cc.$side"; then
      echo "cannot evaluate macro values with the $side header:"
      head -n 30 "$work/cc.$side"
      status=1
      continue
    fi
    "$work/values.$side" >"$work/values.$side.txt"
  done
  if [ -f "$work/values.ref.txt" ] && [ -f "$work/values.ours.txt" ] &&
     ! diff "$work/values.ref.txt" "$work/values.ours.txt" >"$work/values.diff"; then
    echo "macro values differ (< 1.48, > ours):"
    grep '^[<>]' "$work/values.diff" | head -n 100
    status=1
  fi
  rm -f "$work"/values.*.txt
done
exit $status
