/* NULL where a String/StringList argument is required: "<action>: <arg>: parameter
 * cannot be NULL" (optional arguments: "optional parameter"/"optional list"), while
 * OptString arguments accept NULL. */
#include <stdlib.h>
#include <guestfs.h>
#include "common/testlib.h"

static void
expect (guestfs_h *g, int failed, const char *msg)
{
  CHECK_INT (failed, 1);
  CHECK_STR (guestfs_last_error (g), msg);
}

int
main (void)
{
  guestfs_h *g;

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);

  expect (g, guestfs_add_drive (g, NULL) == -1, "add_drive_opts: filename: parameter cannot be NULL");
  expect (g, guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, NULL, -1) == -1,
          "add_drive_opts: format: optional parameter cannot be NULL");
  expect (g, guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_SERVER, NULL, -1) == -1,
          "add_drive_opts: server: optional list cannot be NULL");
  expect (g, guestfs_mount (g, NULL, "/") == -1, "mount: mountable: parameter cannot be NULL");
  expect (g, guestfs_mount (g, "/dev/sda1", NULL) == -1, "mount: mountpoint: parameter cannot be NULL");
  expect (g, guestfs_set_hv (g, NULL) == -1, "set_hv: hv: parameter cannot be NULL");
  expect (g, guestfs_set_program (g, NULL) == -1, "set_program: program: parameter cannot be NULL");
  expect (g, guestfs_set_backend (g, NULL) == -1, "set_backend: backend: parameter cannot be NULL");
  expect (g, guestfs_set_backend_settings (g, NULL) == -1, "set_backend_settings: settings: parameter cannot be NULL");
  expect (g, guestfs_get_backend_setting (g, NULL) == NULL, "get_backend_setting: name: parameter cannot be NULL");
  expect (g, guestfs_set_backend_setting (g, "n", NULL) == -1, "set_backend_setting: val: parameter cannot be NULL");
  expect (g, guestfs_parse_environment_list (g, NULL) == -1, "parse_environment_list: environment: parameter cannot be NULL");
  expect (g, guestfs_available (g, NULL) == -1, "available: groups: parameter cannot be NULL");
  expect (g, guestfs_write (g, "/x", NULL, 0) == -1, "write: content: parameter cannot be NULL");
  expect (g, guestfs_disk_create (g, "/tmp/x", NULL, 1, -1) == -1, "disk_create: format: parameter cannot be NULL");
  expect (g, guestfs_upload (g, NULL, "/x") == -1, "upload: filename: parameter cannot be NULL");

  CHECK_INT (guestfs_set_append (g, NULL), 0);
  CHECK_INT (guestfs_set_path (g, NULL), 0);
  CHECK_INT (guestfs_set_tmpdir (g, NULL), 0);
  CHECK_INT (guestfs_set_cachedir (g, NULL), 0);
  CHECK_INT (guestfs_set_qemu (g, NULL), 0);
  guestfs_close (g);
  return tl_finish ();
}
