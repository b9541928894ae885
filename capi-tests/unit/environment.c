/* Environment: LIBGUESTFS_* variables are read by guestfs_create, not by
 * create_flags(NO_ENVIRONMENT), and again by parse_environment /
 * parse_environment_list; bad values give the documented errors. */
#include <stdlib.h>
#include <string.h>
#include <guestfs.h>
#include "common/testlib.h"

static void
free_strings (char **l)
{
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
}

static void
quiet (guestfs_h *g, void *o, uint64_t e, int h, int f, const char *b, size_t l,
       const uint64_t *a, size_t al)
{
  (void) g; (void) o; (void) e; (void) h; (void) f; (void) b; (void) l; (void) a; (void) al;
}

int
main (void)
{
  guestfs_h *g;
  char **l, *s, *out;

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();

  setenv ("LIBGUESTFS_MEMSIZE", "799", 1);
  setenv ("LIBGUESTFS_TRACE", "yes", 1);
  setenv ("LIBGUESTFS_DEBUG", "0", 1);
  setenv ("LIBGUESTFS_BACKEND_SETTINGS", "force_tcg:a=b", 1);
  setenv ("LIBGUESTFS_HV", "/bin/hv", 1);
  setenv ("LIBGUESTFS_PATH", "/p1:/p2", 1);
  setenv ("LIBGUESTFS_APPEND", "", 1);
  setenv ("LIBGUESTFS_CACHEDIR", "/", 1);
  setenv ("TMPDIR", "/var", 1);
  tl_capture_stderr_begin ();   /* trace lines go to stderr until a callback exists */
  g = guestfs_create ();
  guestfs_set_event_callback (g, quiet, GUESTFS_EVENT_ALL, 0, NULL);
  out = tl_capture_stderr_end ();
  free (out);
  CHECK (g != NULL);
  CHECK_INT (guestfs_get_memsize (g), 799);
  CHECK_INT (guestfs_get_trace (g), 1);
  CHECK_INT (guestfs_get_verbose (g), 0);
  CHECK_STR (guestfs_get_hv (g), "/bin/hv");
  CHECK_STR (guestfs_get_path (g), "/p1:/p2");
  CHECK_STR (guestfs_get_append (g), "");
  s = guestfs_get_cachedir (g);
  CHECK_STR (s, "/");
  free (s);
  s = guestfs_get_tmpdir (g);
  CHECK_STR (s, "/var");
  free (s);
  l = guestfs_get_backend_settings (g);
  CHECK (l && l[0] && l[1] && !l[2]);
  if (l && l[0] && l[1]) {
    CHECK_STR (l[0], "force_tcg");
    CHECK_STR (l[1], "a=b");
  }
  free_strings (l);
  s = guestfs_get_backend_setting (g, "force_tcg");
  CHECK_STR (s, "1");
  free (s);
  guestfs_close (g);

  /* NO_ENVIRONMENT ignores it until parse_environment is called. */
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_event_callback (g, quiet, GUESTFS_EVENT_ALL, 0, NULL);
  CHECK_INT (guestfs_get_memsize (g), 1280);
  CHECK_INT (guestfs_get_trace (g), 0);
  setenv ("LIBGUESTFS_MEMSIZE", "600", 1);
  CHECK_INT (guestfs_parse_environment (g), 0);
  CHECK_INT (guestfs_get_memsize (g), 600);
  CHECK_INT (guestfs_get_trace (g), 1);
  guestfs_close (g);
  tl_clear_guestfs_env ();

  /* parse_environment_list ignores the process environment and unrelated names. */
  setenv ("LIBGUESTFS_MEMSIZE", "700", 1);
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);
  CHECK_INT (guestfs_parse_environment_list (g, (char *[]) {
      "LIBGUESTFS_MEMSIZE=793", "LIBGUESTFS_MEMSIZE_NOT=1", "FOO=bar", "BLAH",
      "LIBGUESTFS_BACKEND=", "LIBGUESTFS_ATTACH_METHOD=libvirt:null", NULL }), 0);
  CHECK_INT (guestfs_get_memsize (g), 793);
  s = guestfs_get_backend (g);
  CHECK_STR (s, "libvirt:null");
  free (s);

  /* Errors. */
  CHECK_INT (guestfs_parse_environment_list (g, (char *[]) { "LIBGUESTFS_TRACE=maybe", NULL }), -1);
  CHECK_STR (guestfs_last_error (g), "LIBGUESTFS_TRACE=maybe: non-boolean value");
  CHECK_INT (guestfs_parse_environment_list (g, (char *[]) { "LIBGUESTFS_MEMSIZE=abc", NULL }), -1);
  CHECK_STR (guestfs_last_error (g), "non-numeric value for LIBGUESTFS_MEMSIZE");
  CHECK_INT (guestfs_parse_environment_list (g, (char *[]) { "LIBGUESTFS_MEMSIZE=10", NULL }), -1);
  CHECK_STR (guestfs_last_error (g), "too small value for memsize (must be at least 256)");
  CHECK_INT (guestfs_parse_environment_list (g, (char *[]) { "LIBGUESTFS_BACKEND=bogus", NULL }), -1);
  CHECK_STR (guestfs_last_error (g), "invalid backend: bogus");
  /* Booleans are case-insensitive. */
  CHECK_INT (guestfs_parse_environment_list (g, (char *[]) { "LIBGUESTFS_DEBUG=On", NULL }), 0);
  CHECK_INT (guestfs_get_verbose (g), 1);
  CHECK_INT (guestfs_parse_environment_list (g, (char *[]) { "LIBGUESTFS_DEBUG=N", NULL }), 0);
  CHECK_INT (guestfs_get_verbose (g), 0);
  guestfs_close (g);

  /* create() reports a bad environment on stderr but still returns a handle. */
  setenv ("LIBGUESTFS_MEMSIZE", "bad", 1);
  tl_capture_stderr_begin ();
  g = guestfs_create ();
  out = tl_capture_stderr_end ();
  CHECK (g != NULL);
  CHECK_STR (out, "libguestfs: error: non-numeric value for LIBGUESTFS_MEMSIZE\n");
  free (out);
  if (g)
    guestfs_close (g);
  tl_clear_guestfs_env ();
  return tl_finish ();
}
