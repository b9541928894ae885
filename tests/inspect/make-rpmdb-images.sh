#!/usr/bin/env bash
# Builds small RPM-based guest images, one per rpm database format, for the inspection
# tests (the installed-package list, internal_list_rpm_applications):
#   rpmdb-sqlite  Fedora-36-like root, rpmdb.sqlite in /usr/lib/sysimage/rpm, reached
#                 through the /var/lib/rpm symlink, %_db_backend sqlite;
#   rpmdb-bdb     RHEL-7-like root, a Berkeley DB hash "Packages" in /var/lib/rpm,
#                 %_db_backend bdb (made from the sqlite records with db5.3_load, as
#                 rpm's BDB backend lays them out: key = header number, native-endian,
#                 record 0 = next free number);
#   rpmdb-ndb     openSUSE-Leap-like root, %_db_backend ndb and a Packages.db.  Debian's
#                 rpm can neither write nor read ndb (its librpm has sqlite and bdb_ro
#                 only), so this file only carries ndb's magic: the image checks that
#                 the failure is the same as 1.48.6's.
# The packages are tiny noarch/x86_64 rpms built with Debian's rpmbuild and installed
# --justdb with Debian's rpm: epochs (none, 0, 3, 4294967295), urls, multi-line UTF-8
# descriptions, one over 4 KiB (BDB overflow pages), and two versions of one name.
# Each root carries an rpm configuration as a guest would (/usr/lib/rpm/rpmrc and
# macros): librpm reads the guest's own, chrooted.
#
# The images are made with Debian's guestfish (libguestfs 1.48.6), not ours, and cached
# under $RPMDB_CACHE (default /var/tmp/guestfs-rs-rpmdb), keyed by this script's
# contents.  Prints the path of each image built or found; a failure goes to stderr.
#   make-rpmdb-images.sh [sqlite|bdb|ndb ...]     default: all three
#   make-rpmdb-images.sh --databases DIR           only the databases, into DIR/sqlite,
#                                                  DIR/bdb, DIR/ndb (guestfsd's tests)
set -uo pipefail
src=${LIBGUESTFS_SRC:-/var/cache/guestfs-rs/ref/libguestfs-1.48.6}
bin=$src/test-data/binaries/bin-x86_64-dynamic
cache=${RPMDB_CACHE:-/var/tmp/guestfs-rs-rpmdb}
mkdir -p "$cache"
formats=${*:-sqlite bdb ndb}
key=$(sha256sum < "$0" | cut -c1-16)

tools="rpmbuild rpm db5.3_load sqlite3 python3"
[ "${1:-}" = --databases ] || tools+=" guestfish"
for t in $tools; do
  command -v "$t" > /dev/null || { echo "make-rpmdb-images: $t is missing (scripts/setup-machine.sh)" >&2; exit 1; }
done

# ---- the rpm databases, built once for all formats
build_databases () {
  local w=$1
  mkdir -p "$w/specs" "$w/top" "$w/home"
  spec () { # NAME EPOCH VERSION RELEASE ARCH URL SUMMARY DESCRIPTION
    {
      echo "Name: $1"
      [ "$2" != none ] && echo "Epoch: $2"
      echo "Version: $3"
      echo "Release: $4"
      echo "Summary: $7"
      echo "License: MIT"
      [ -n "$6" ] && echo "URL: $6"
      echo "BuildArch: $5"
      echo "%description"
      printf '%s\n' "$8"
      echo "%files"
    } > "$w/specs/$1-$3.spec"
  }
  spec guestfs-test-alpha 3 1.2.3 4.fc36 noarch https://example.org/alpha \
    "Alpha, a test package for guestfs-rs" \
    "The alpha package.
It has a description of several lines,
with UTF-8: café, Grüße, 日本語."
  spec guestfs-test-beta 4294967295 0.9 1 x86_64 "" "Beta: the largest epoch rpm allows" "Beta."
  spec guestfs-test-beta none 1.0 2.fc36 x86_64 "https://example.org/beta/%{version}" \
    "Beta, second version" "A second beta, installed beside the first."
  spec aardvark 0 2023.10 1 noarch "http://aardvark.example.com" "Explicit epoch zero" \
    "$(for i in $(seq 1 60); do echo "Line $i of a long description, to make the header overflow a BDB page."; done)"
  spec Zebra none 7 0.1.rc1 noarch "" "Capital letters sort first" ""
  for s in "$w"/specs/*.spec; do
    HOME=$w/home rpmbuild --quiet --define "_topdir $w/top" -bb "$s" > "$w/rpmbuild.log" 2>&1 ||
      { cat "$w/rpmbuild.log" >&2; return 1; }
  done
  mkdir -p "$w/sqlite"
  # Debian's rpm warns that it should not install packages: it only writes a database here.
  HOME=$w/home rpm --dbpath "$w/sqlite" --define '_db_backend sqlite' -i --justdb --nodeps --noscripts \
    --ignorearch "$w"/top/RPMS/*/*.rpm 2>&1 | grep -v -e 'should not be used directly' -e 'assuming you know' >&2
  sqlite3 "$w/sqlite/rpmdb.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;' > /dev/null || return 1
  rm -f "$w/sqlite/rpmdb.sqlite-wal" "$w/sqlite/rpmdb.sqlite-shm"
  [ "$(sqlite3 "$w/sqlite/rpmdb.sqlite" 'select count(*) from Packages')" = 5 ] || return 1
  mkdir -p "$w/bdb"
  python3 - "$w/sqlite/rpmdb.sqlite" > "$w/bdb/dump.txt" <<'PY' || return 1
import sqlite3, struct, sys
rows = sqlite3.connect(sys.argv[1]).execute('select hnum, blob from Packages order by hnum').fetchall()
print("VERSION=3\nformat=bytevalue\ntype=hash\nHEADER=END")
print(" " + struct.pack('<I', 0).hex())
print(" " + struct.pack('<I', max(r[0] for r in rows) + 1).hex())
for hnum, blob in rows:
    print(" " + struct.pack('<I', hnum).hex())
    print(" " + bytes(blob).hex())
print("DATA=END")
PY
  db5.3_load -f "$w/bdb/dump.txt" "$w/bdb/Packages" || return 1
  rm "$w/bdb/dump.txt"
  # Check the BDB file with Debian's own reader before shipping it.
  [ "$(HOME=$w/home rpm --dbpath "$w/bdb" --define '_db_backend bdb_ro' -qa 2> /dev/null | wc -l)" = 5 ] || return 1
  mkdir -p "$w/ndb"
  printf 'RpmP\0\0\0\0' > "$w/ndb/Packages.db"
}

# ---- one image: a partitioned 64 MiB disk with one ext4 root
make_image () {
  local fmt=$1 w=$2 out=$3 dbpath release_file release_text backend extra
  case $fmt in
    sqlite) dbpath=/usr/lib/sysimage/rpm backend=sqlite release_file=/etc/fedora-release
            release_text='Fedora release 36 (Thirty Six)'
            extra="ln-s ../../usr/lib/sysimage/rpm /var/lib/rpm
write /etc/redhat-release \"$release_text\"
write /etc/hostname \"fedora-rpmdb.invalid\"" ;;
    bdb)    dbpath=/var/lib/rpm backend=bdb release_file=/etc/redhat-release
            release_text='Red Hat Enterprise Linux Server release 7.9 (Maipo)'
            extra="write /etc/hostname \"rhel7-rpmdb.invalid\"" ;;
    ndb)    dbpath=/usr/lib/sysimage/rpm backend=ndb release_file=/etc/os-release
            release_text='NAME="openSUSE Leap"
VERSION="15.4"
ID="opensuse-leap"
ID_LIKE="suse opensuse"
VERSION_ID="15.4"
PRETTY_NAME="openSUSE Leap 15.4"'
            extra="ln-s ../../usr/lib/sysimage/rpm /var/lib/rpm
write /etc/hostname \"suse-rpmdb.invalid\"" ;;
  esac
  printf '%s\n' "%_dbpath $dbpath" "%_db_backend $backend" > "$w/macros"
  printf '/dev/sda1 / ext4 defaults 1 1\n' > "$w/fstab"
  printf '%s\n' "$release_text" > "$w/release"
  local uploads=""
  for f in "$w/$fmt"/*; do uploads+="upload $f $dbpath/$(basename "$f")"$'\n'; done
  env -u LD_LIBRARY_PATH LIBGUESTFS_BACKEND_SETTINGS=force_tcg guestfish -N "$out.tmp"=fs:ext4:64M -m /dev/sda1 <<EOF
mkdir-p /etc
mkdir-p /bin
mkdir-p /usr/lib/rpm
mkdir-p $dbpath
mkdir-p /var/lib
upload $w/fstab /etc/fstab
upload $w/release $release_file
upload $bin /bin/ls
chmod 0755 /bin/ls
touch /usr/lib/rpm/rpmrc
upload $w/macros /usr/lib/rpm/macros
$uploads
$extra
EOF
  mv "$out.tmp" "$out"
}

if [ "${1:-}" = --databases ]; then
  [ $# = 2 ] || { echo "usage: $0 --databases DIR" >&2; exit 2; }
  mkdir -p "$2" && build_databases "$2"
  exit
fi

work=""
for fmt in $formats; do
  case $fmt in sqlite|bdb|ndb) ;; *) echo "make-rpmdb-images: unknown format $fmt" >&2; continue ;; esac
  img=$cache/rpmdb-$fmt-$key.img
  if [ ! -f "$img" ]; then
    if [ -z "$work" ]; then
      work=$(mktemp -d "$cache/build.XXXXXX")
      if ! build_databases "$work" 2> "$work/log"; then
        echo "make-rpmdb-images: building the rpm databases failed, log in $work/log" >&2
        exit 1
      fi
    fi
    if ! make_image "$fmt" "$work" "$img" >> "$work/log" 2>&1; then
      rm -f "$img.tmp"
      echo "make-rpmdb-images: rpmdb-$fmt failed, log in $work/log" >&2; keep=1
      continue
    fi
  fi
  echo "$img"
done
[ -n "$work" ] && [ -z "${keep:-}" ] && rm -rf "$work"
exit 0
