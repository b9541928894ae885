/* Daemon calls before launch fail with the documented message and leave the handle
 * in the config state; launch without drives fails without starting anything. */
#include <stdio.h>
#include <stdlib.h>
#include <guestfs.h>
#include "common/testlib.h"

static void
expect_not_launched (guestfs_h *g, int failed, const char *name)
{
  char want[512];
  snprintf (want, sizeof want,
            "%s: call launch before using this function\n"
            "(in guestfish, don't forget to use the 'run' command)", name);
  CHECK_INT (failed, 1);
  CHECK_STR (guestfs_last_error (g), want);
}

int
main (void)
{
  guestfs_h *g;

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);

  expect_not_launched (g, guestfs_mount (g, "/dev/sda1", "/") == -1, "mount");
  expect_not_launched (g, guestfs_sync (g) == -1, "sync");
  expect_not_launched (g, guestfs_mkfs (g, "ext4", "/dev/sda1") == -1, "mkfs");
  expect_not_launched (g, guestfs_is_file_opts (g, "/", GUESTFS_IS_FILE_OPTS_FOLLOWSYMLINKS, 1, -1) == -1, "is_file");
  expect_not_launched (g, guestfs_list_devices (g) == NULL, "list_devices");
  expect_not_launched (g, guestfs_inspect_os (g) == NULL, "inspect_os");
  expect_not_launched (g, guestfs_filesize (g, "/x") == -1, "filesize");
  expect_not_launched (g, guestfs_upload (g, "/dev/null", "/x") == -1, "upload");
  expect_not_launched (g, guestfs_download (g, "/x", "/dev/null") == -1, "download");
  /* Library-side actions report the daemon call they make. */
  expect_not_launched (g, guestfs_ls (g, "/") == NULL, "ls0");
  expect_not_launched (g, guestfs_cat (g, "/x") == NULL, "download");
  expect_not_launched (g, guestfs_write (g, "/x", "a", 1) == -1, "internal_write");
  expect_not_launched (g, guestfs_available (g, (char *[]) { "lvm2", NULL }) == -1,
                       "internal_feature_available");
  CHECK_INT (guestfs_last_errno (g), 0);

  CHECK_INT (guestfs_get_pid (g), -1);
  CHECK_STR (guestfs_last_error (g), "get-pid can only be called after launch");

  CHECK_INT (guestfs_launch (g), -1);
  CHECK_STR (guestfs_last_error (g), "you must call guestfs_add_drive before guestfs_launch");
  CHECK_INT (guestfs_get_state (g), 0);
  CHECK_INT (guestfs_is_config (g), 1);
  guestfs_close (g);
  return tl_finish ();
}
