# Shared by the benchmark scripts (sourced): Debian's libguestfs 1.48.6 laid out as an
# install prefix. Expects $repo (this checkout), $work (the run's work directory) and
# $debian_lib (Debian's libguestfs.so.0).

# Debian's library laid out like an install prefix, with 1.48.6's own header, so both
# sides are compiled the same way (through pkg-config).
make_theirs_prefix () {
  local p=$work/theirs-prefix tree
  tree=$(bash "$repo/scripts/fetch-libguestfs-source.sh") || return 1
  [ -e "$debian_lib" ] || { echo "missing $debian_lib (install libguestfs0)" >&2; return 1; }
  mkdir -p "$p/lib/pkgconfig" "$p/include"
  cp "$tree/include/guestfs.h" "$p/include/"
  ln -s "$debian_lib" "$p/lib/libguestfs.so.0"
  ln -s libguestfs.so.0 "$p/lib/libguestfs.so"
  printf '%s\n' "prefix=$p" 'libdir=${prefix}/lib' 'includedir=${prefix}/include' '' \
    'Name: libguestfs' 'Version: 1.48.6' 'Description: Debian libguestfs 1.48.6 (benchmark prefix)' \
    'Cflags: -I${includedir}' 'Libs: -L${libdir} -lguestfs' > "$p/lib/pkgconfig/libguestfs.pc"
}
