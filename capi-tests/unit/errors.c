/* Errors: last_error/last_errno before and after errors, errno values, the default
 * handler's stderr format, NULL handler, push/pop, and per-thread error state. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <guestfs.h>
#include "common/testlib.h"

static char handler_saw[512];
static char handler_last_error[512];
static void
my_handler (guestfs_h *g, void *opaque, const char *msg)
{
  const char *e = guestfs_last_error (g);
  snprintf (handler_saw, sizeof handler_saw, "%s:%s", (const char *) opaque, msg);
  snprintf (handler_last_error, sizeof handler_last_error, "%s", e ? e : "NULL");
}

struct thread_result { int had_error; int errnum; char *stderr_text; char *own_error; };

static void *
other_thread (void *gv)
{
  guestfs_h *g = gv;
  static struct thread_result r;
  const char *e;
  r.had_error = guestfs_last_error (g) != NULL;
  r.errnum = guestfs_last_errno (g);
  tl_capture_stderr_begin ();
  guestfs_set_smp (g, 0);           /* this thread still has the default handler */
  r.stderr_text = tl_capture_stderr_end ();
  e = guestfs_last_error (g);
  r.own_error = strdup (e ? e : "NULL");
  return &r;
}

int
main (void)
{
  guestfs_h *g;
  char *out;
  void *opaque = NULL;
  pthread_t t;
  struct thread_result *r;

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);

  CHECK (guestfs_last_error (g) == NULL);
  CHECK_INT (guestfs_last_errno (g), 0);

  /* Default handler: "libguestfs: error: <msg>\n" on stderr. */
  tl_capture_stderr_begin ();
  CHECK_INT (guestfs_set_memsize (g, 1), -1);
  out = tl_capture_stderr_end ();
  CHECK_STR (out, "libguestfs: error: too small value for memsize (must be at least 256)\n");
  free (out);
  CHECK_STR (guestfs_last_error (g), "too small value for memsize (must be at least 256)");
  CHECK_INT (guestfs_last_errno (g), 0);

  /* A success does not clear the last error. */
  CHECK_INT (guestfs_set_memsize (g, 500), 0);
  CHECK_STR (guestfs_last_error (g), "too small value for memsize (must be at least 256)");

  /* NULL handler: silence. */
  guestfs_set_error_handler (g, NULL, NULL);
  CHECK (guestfs_get_error_handler (g, &opaque) == NULL);
  tl_capture_stderr_begin ();
  guestfs_set_smp (g, 0);
  out = tl_capture_stderr_end ();
  CHECK_STR (out, "");
  free (out);

  /* errno is carried: ESRCH from a missing backend setting, ENOENT from realpath. */
  free (guestfs_get_backend_setting (g, "nope"));
  CHECK_INT (guestfs_last_errno (g), ESRCH);
  CHECK_INT (guestfs_set_tmpdir (g, "/no/such/dir"), -1);
  CHECK_INT (guestfs_last_errno (g), ENOENT);
  CHECK_INT (guestfs_set_smp (g, 0), -1);
  CHECK_INT (guestfs_last_errno (g), 0);

  /* The handler runs after last_error is set, with its opaque. */
  guestfs_push_error_handler (g, my_handler, (void *) "A");
  guestfs_push_error_handler (g, my_handler, (void *) "B");
  guestfs_set_smp (g, 0);
  CHECK_STR (handler_saw, "B:invalid smp parameter: 0");
  CHECK_STR (handler_last_error, "invalid smp parameter: 0");
  CHECK (guestfs_get_error_handler (g, &opaque) == my_handler);
  CHECK_STR ((const char *) opaque, "B");
  guestfs_pop_error_handler (g);
  guestfs_set_smp (g, -1);
  CHECK_STR (handler_saw, "A:invalid smp parameter: -1");
  guestfs_pop_error_handler (g);
  CHECK (guestfs_get_error_handler (g, NULL) == NULL);   /* back to the NULL we set */
  guestfs_pop_error_handler (g);                        /* empty stack: default handler */
  CHECK (guestfs_get_error_handler (g, NULL) != NULL);
  CHECK (guestfs_get_error_handler (g, NULL) != my_handler);
  tl_capture_stderr_begin ();
  guestfs_set_smp (g, 0);
  out = tl_capture_stderr_end ();
  CHECK_STR (out, "libguestfs: error: invalid smp parameter: 0\n");
  free (out);

  /* Per-thread: another thread sees no error and has its own handler stack. */
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_memsize (g, 1);
  pthread_create (&t, NULL, other_thread, g);
  pthread_join (t, (void **) &r);
  CHECK_INT (r->had_error, 0);
  CHECK_INT (r->errnum, 0);
  CHECK_STR (r->stderr_text, "libguestfs: error: invalid smp parameter: 0\n");
  CHECK_STR (r->own_error, "invalid smp parameter: 0");
  free (r->stderr_text);
  free (r->own_error);
  CHECK_STR (guestfs_last_error (g), "too small value for memsize (must be at least 256)");

  guestfs_close (g);
  return tl_finish ();
}
