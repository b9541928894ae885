#!/bin/bash
# Differential check of our XDR encodings against rpcgen's code for libguestfs 1.48's
# guestfs_protocol.x: every sample encoding from examples/dump_samples.rs must be decoded
# by the rpcgen-generated xdr_guestfs_<name>_{args,ret} consuming exactly all bytes, and
# re-encode to the same bytes.
#
# Needs the reference source (REF, default /var/cache/guestfs-rs/ref/libguestfs-1.48.6),
# gcc and libtirpc-dev; skips (exit 0) when they are missing. Nothing of the reference is
# copied: its generated C is compiled in a temporary directory.
set -euo pipefail
REF=${REF:-/var/cache/guestfs-rs/ref/libguestfs-1.48.6}
P=$REF/common/protocol
if [ ! -f "$P/guestfs_protocol.c" ] || ! command -v gcc >/dev/null || [ ! -d /usr/include/tirpc ]; then
    echo "xdr-differential: reference source, gcc or libtirpc-dev missing: skipped"
    exit 0
fi
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$here/.." && cargo run -q -p guestfs-protocol --example dump_samples) > "$tmp/samples.txt"
: > "$tmp/config.h"
{
    cat <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rpc/rpc.h>
#include "guestfs_protocol.h"
struct entry { const char *name, *kind; xdrproc_t proc; size_t size; };
static const struct entry entries[] = {
C
    awk '{print $1, $2}' "$tmp/samples.txt" | sort -u | while read -r n k; do
        echo "  { \"$n\", \"$k\", (xdrproc_t) xdr_guestfs_${n}_${k}, sizeof (guestfs_${n}_${k}) },"
    done
    cat <<'C'
  { NULL, NULL, NULL, 0 }
};
static size_t unhex (const char *h, unsigned char *out)
{
  size_t n = 0;
  unsigned v;
  while (h[0] && h[1] && h[0] != '\n' && sscanf (h, "%2x", &v) == 1) { out[n++] = v; h += 2; }
  return n;
}
int main (void)
{
  static char line[1 << 22];
  static unsigned char in[1 << 21], out[1 << 21];
  int ok = 0, bad = 0;
  while (fgets (line, sizeof line, stdin)) {
    char name[256], kind[16];
    int off;
    if (sscanf (line, "%255s %15s %n", name, kind, &off) < 2) continue;
    size_t len = unhex (line + off, in);
    const struct entry *e;
    for (e = entries; e->name; e++)
      if (!strcmp (e->name, name) && !strcmp (e->kind, kind)) break;
    void *obj = calloc (1, e->size ? e->size : 1);
    XDR x;
    unsigned pos;
    xdrmem_create (&x, (char *) in, len, XDR_DECODE);
    if (!e->proc (&x, obj, 0)) { printf ("decode failed: %s %s\n", name, kind); bad++; continue; }
    pos = xdr_getpos (&x);
    xdr_destroy (&x);
    if (pos != len) { printf ("length: %s %s consumed %u of %zu\n", name, kind, pos, len); bad++; continue; }
    xdrmem_create (&x, (char *) out, sizeof out, XDR_ENCODE);
    if (!e->proc (&x, obj, 0)) { printf ("encode failed: %s %s\n", name, kind); bad++; continue; }
    pos = xdr_getpos (&x);
    xdr_destroy (&x);
    if (pos != len || memcmp (in, out, len)) { printf ("bytes differ: %s %s\n", name, kind); bad++; continue; }
    xdr_free (e->proc, obj);
    free (obj);
    ok++;
  }
  printf ("xdr-differential: %d passed, %d failed\n", ok, bad);
  return bad != 0;
}
C
} > "$tmp/check.c"
gcc -O1 -w -I"$tmp" -I"$P" -I/usr/include/tirpc -o "$tmp/check" "$tmp/check.c" "$P/guestfs_protocol.c" -ltirpc
"$tmp/check" < "$tmp/samples.txt"
