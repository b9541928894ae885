#!/usr/bin/env bash
# Regenerates the interface facts in api/extracted/ from a libguestfs source tree
# (default: the Debian source package fetched by scripts/fetch-libguestfs-source.sh).
# Needs ocaml-nox and ocaml-findlib.  Development tool only: the build never runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
src=${1:-$("$top/scripts/fetch-libguestfs-source.sh")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen="$src/generator"
cp "$src/common/mlstdutils/"{std_utils,stringMap,stringSet}.ml* "$work/"
sed -e 's/@PACKAGE_NAME@/libguestfs/;s/@PACKAGE_VERSION@/1.48.6/;s/@PACKAGE_VERSION_FULL@/1.48.6/;s/@prefix@//;s/@bindir@//;s/@host_cpu@/x86_64/' \
  "$src/common/mlstdutils/guestfs_config.ml.in" > "$work/guestfs_config.ml"
cp "$src/common/mlstdutils/guestfs_config.mli" "$work/"
for m in memoized_cache types utils structs pr docstrings proc_nr actions_augeas actions_core actions_core_deprecated \
         actions_debug actions_hivex actions_hivex_deprecated actions_inspection actions_inspection_deprecated \
         actions_internal_tests actions_properties actions_properties_deprecated actions_tsk actions_yara \
         actions events; do
  cp "$gen/$m.ml" "$work/"; [ -f "$gen/$m.mli" ] && cp "$gen/$m.mli" "$work/"
done
cp "$here/dump_api.ml" "$work/"
cd "$work"
mods="guestfs_config std_utils stringSet stringMap memoized_cache types utils structs pr docstrings proc_nr actions_augeas actions_core actions_core_deprecated actions_debug actions_hivex actions_hivex_deprecated actions_inspection actions_inspection_deprecated actions_internal_tests actions_properties actions_properties_deprecated actions_tsk actions_yara actions events dump_api"
files=""
for m in $mods; do [ -f "$m.mli" ] && files="$files $m.mli"; files="$files $m.ml"; done
ocamlfind ocamlopt -alert -all -w -a -package str,unix -linkpkg $files -o dump_api >&2
cd "$src" && "$work/dump_api"
