/* Backend settings: list semantics, name lookup ("1" for a bare name), ESRCH for a
 * missing setting, replacement and clearing. */
#include <errno.h>
#include <stdlib.h>
#include <guestfs.h>
#include "common/testlib.h"

static void
free_strings (char **l)
{
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
}

int
main (void)
{
  guestfs_h *g;
  char **l, *s;
  const char *settings[] = { "foo", "foo=1", "foo=bar", "bar", "baz=value", NULL };

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);

  CHECK_INT (guestfs_set_backend_settings (g, (char **) settings), 0);
  l = guestfs_get_backend_settings (g);
  CHECK (l != NULL);
  if (l) {
    for (int i = 0; i < 5; i++)
      CHECK_STR (l[i], settings[i]);
    CHECK (l[5] == NULL);
  }
  free_strings (l);

  s = guestfs_get_backend_setting (g, "foo");
  CHECK_STR (s, "1");                   /* the first match wins */
  free (s);
  s = guestfs_get_backend_setting (g, "baz");
  CHECK_STR (s, "value");
  free (s);
  s = guestfs_get_backend_setting (g, "missing");
  CHECK (s == NULL);
  CHECK_INT (guestfs_last_errno (g), ESRCH);
  CHECK_STR (guestfs_last_error (g), "setting not found");

  CHECK_INT (guestfs_clear_backend_setting (g, "foo"), 3);
  CHECK_INT (guestfs_clear_backend_setting (g, "foo"), 0);
  CHECK_INT (guestfs_set_backend_setting (g, "bar", "x=y"), 0);
  s = guestfs_get_backend_setting (g, "bar");
  CHECK_STR (s, "x=y");
  free (s);
  l = guestfs_get_backend_settings (g);
  CHECK (l && l[0] && l[1] && !l[2]);
  if (l && l[0] && l[1]) {
    CHECK_STR (l[0], "baz=value");
    CHECK_STR (l[1], "bar=x=y");
  }
  free_strings (l);

  CHECK_INT (guestfs_set_backend_settings (g, (char *[]) { NULL }), 0);
  l = guestfs_get_backend_settings (g);
  CHECK (l != NULL && l[0] == NULL);
  free_strings (l);
  guestfs_close (g);
  return tl_finish ();
}
