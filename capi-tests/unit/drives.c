/* add_drive validation and debug_drives, with small raw and qcow2 images made by
 * qemu-img in a temporary directory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <guestfs.h>
#include "common/testlib.h"

static char raw[512], qcow[512];

static void
expect_error (guestfs_h *g, int r, const char *msg)
{
  CHECK_INT (r, -1);
  CHECK_STR (guestfs_last_error (g), msg);
}

/* debug_drives lines start with the path, which we rewrite to a short tag. */
static char *
tagged (const char *line, char *buf, size_t len)
{
  const char *rest = line;
  const char *tag = "";
  if (strncmp (line, raw, strlen (raw)) == 0) { tag = "RAW"; rest = line + strlen (raw); }
  else if (strncmp (line, qcow, strlen (qcow)) == 0) { tag = "QCOW"; rest = line + strlen (qcow); }
  snprintf (buf, len, "%s%s", tag, rest);
  return buf;
}

int
main (void)
{
  guestfs_h *g;
  char *dir, **l, buf[1024], missing[512];
  const char *servers[] = { "localhost:10809", NULL };
  static const char *const want[] = {
    "RAW protocol=file",
    "QCOW format=qcow2 protocol=file",
    "RAW readonly protocol=file",
    "QCOW readonly format=qcow2 protocol=file",
    "RAW format=raw protocol=file iface=virtio name=hda label=mylabel cache=unsafe discard=besteffort copyonread blocksize=4096",
    "export format=raw protocol=nbd",
    NULL
  };

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  dir = tl_make_tmpdir ();
  snprintf (raw, sizeof raw, "%s/disk.raw", dir);
  snprintf (qcow, sizeof qcow, "%s/disk.qcow2", dir);
  snprintf (missing, sizeof missing, "%s/missing.img", dir);
  tl_system ("qemu-img create -q -f raw '%s' 1M && qemu-img create -q -f qcow2 '%s' 1M", raw, qcow);

  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);
  CHECK_INT (guestfs_add_drive (g, raw), 0);
  CHECK_INT (guestfs_add_drive_opts (g, qcow, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1), 0);
  CHECK_INT (guestfs_add_drive_ro (g, raw), 0);
  CHECK_INT (guestfs_add_drive_opts (g, qcow, GUESTFS_ADD_DRIVE_OPTS_READONLY, 1,
                                     GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1), 0);
  CHECK_INT (guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw",
            GUESTFS_ADD_DRIVE_OPTS_IFACE, "virtio", GUESTFS_ADD_DRIVE_OPTS_NAME, "hda",
            GUESTFS_ADD_DRIVE_OPTS_LABEL, "mylabel", GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, "unsafe",
            GUESTFS_ADD_DRIVE_OPTS_DISCARD, "besteffort", GUESTFS_ADD_DRIVE_OPTS_COPYONREAD, 1,
            GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 4096, -1), 0);
  CHECK_INT (guestfs_add_drive_opts (g, "export", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw",
            GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd", GUESTFS_ADD_DRIVE_OPTS_SERVER, servers, -1), 0);

  /* Invalid drives leave the list alone. */
  CHECK_INT (guestfs_add_drive (g, missing), -1);
  CHECK_INT (guestfs_last_errno (g), ENOENT);
  {
    char msg[600];
    snprintf (msg, sizeof msg, "%s: No such file or directory", missing);
    CHECK_STR (guestfs_last_error (g), msg);
  }
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "bad!", -1),
                "format parameter is empty or contains disallowed characters");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_IFACE, "x y", -1),
                "iface parameter is empty or contains disallowed characters");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_LABEL, "abc1", -1),
                "label parameter is empty, too long, or contains disallowed characters");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_LABEL, "abcdefghijklmnopqrstu", -1),
                "label parameter is empty, too long, or contains disallowed characters");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, "none", -1),
                "cachemode parameter must be ‘writeback’ (default) or ‘unsafe’");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_DISCARD, "yes", -1),
                "discard parameter must be ‘disable’, ‘enable’ or ‘besteffort’");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_DISCARD, "enable",
                                           GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1),
                "discard support cannot be enabled on read-only drives");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 1000, -1),
                "blocksize parameter is invalid");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "bogus", -1),
                "unknown protocol ‘bogus’");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_SERVER, servers, -1),
                "you cannot specify a server with file-backed disks");
  expect_error (g, guestfs_add_drive_opts (g, "x", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd", -1),
                "nbd: you must specify exactly one server");
  expect_error (g, guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1),
                "for device ‘/dev/null’, format must be ‘raw’");
  expect_error (g, guestfs_add_drive_opts (g, raw, 99, -1),
                "add_drive: unknown option 99 (this can happen if a program is compiled against a newer version of libguestfs, then dynamically linked to an older version)");
  expect_error (g, guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw",
                                           GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1),
                "add_drive: same optional argument specified more than once");
  expect_error (g, guestfs_remove_drive (g, "hda"),
                "hotplugging support was removed in libguestfs 1.48");

  l = guestfs_debug_drives (g);
  CHECK (l != NULL);
  for (size_t i = 0; l && (l[i] || want[i]); i++) {
    CHECK_STR (l[i] ? tagged (l[i], buf, sizeof buf) : NULL, want[i]);
    if (!l[i] || !want[i])
      break;
  }
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
  guestfs_close (g);

  /* add_drive_scratch and /dev/null make their own images in the handle's tmpdir. */
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);
  CHECK_INT (guestfs_set_tmpdir (g, dir), 0);
  CHECK_INT (guestfs_add_drive_scratch (g, 1024 * 1024, -1), 0);
  CHECK_INT (guestfs_add_drive (g, "/dev/null"), 0);
  expect_error (g, guestfs_add_drive_scratch (g, -1, -1), "invalid size: -1");
  l = guestfs_debug_drives (g);
  CHECK (l && l[0] && l[1] && !l[2]);
  if (l && l[0] && l[1]) {
    CHECK (strstr (l[0], "/scratch1.img format=raw protocol=file cache=unsafe") != NULL);
    CHECK (strstr (l[1], "/devnull2.img format=raw protocol=file") != NULL);
    CHECK (strncmp (l[0], dir, strlen (dir)) == 0);
  }
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
  guestfs_close (g);

  tl_rm_rf (dir);
  free (dir);
  return tl_finish ();
}
