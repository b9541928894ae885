/* Events: registration indexes, the flags!=0 error, deletion, the 1000-callback limit,
 * ENTER and TRACE payloads, callback order, opaque pointers, close events,
 * old-style callbacks and event_to_string. */
#include <stdlib.h>
#include <string.h>
#include <guestfs.h>
#include "common/testlib.h"

#define MAX_LOG 64
static struct { uint64_t event; int handle; int flags; char buf[256]; const char *who; } log_[MAX_LOG];
static int nlog;

static void
record (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
        const char *buf, size_t len, const uint64_t *arr, size_t alen)
{
  (void) g; (void) arr; (void) alen;
  if (nlog >= MAX_LOG)
    return;
  log_[nlog].event = event;
  log_[nlog].handle = eh;
  log_[nlog].flags = flags;
  log_[nlog].who = opaque;
  if (len >= sizeof log_[nlog].buf)
    len = sizeof log_[nlog].buf - 1;
  memcpy (log_[nlog].buf, buf ? buf : "", buf ? len : 0);
  log_[nlog].buf[buf ? len : 0] = '\0';
  nlog++;
}

static void
nothing (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
         const char *buf, size_t len, const uint64_t *arr, size_t alen)
{
  (void) g; (void) opaque; (void) event; (void) eh; (void) flags; (void) buf; (void) len;
  (void) arr; (void) alen;
}

static int old_close_calls;
static void old_close (guestfs_h *g, void *opaque) { (void) g; (void) opaque; old_close_calls++; }

static void
check_event_string (uint64_t mask, const char *want)
{
  char *s = guestfs_event_to_string (mask);
  CHECK_STR (s, want);
  free (s);
}

int
main (void)
{
  guestfs_h *g;
  int h0, h1, h2, n;

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);

  h0 = guestfs_set_event_callback (g, record, GUESTFS_EVENT_ENTER, 0, (void *) "enter");
  h1 = guestfs_set_event_callback (g, record, GUESTFS_EVENT_TRACE, 0, (void *) "trace");
  h2 = guestfs_set_event_callback (g, record, GUESTFS_EVENT_CLOSE, 0, (void *) "close");
  CHECK_INT (h0, 0);
  CHECK_INT (h1, 1);
  CHECK_INT (h2, 2);
  CHECK_INT (guestfs_set_event_callback (g, record, GUESTFS_EVENT_ALL, 1, NULL), -1);
  CHECK_STR (guestfs_last_error (g), "flags parameter should be passed as 0 to this function");

  /* ENTER carries the bare action name; TRACE only fires when trace is on. */
  nlog = 0;
  guestfs_set_memsize (g, 512);
  CHECK_INT (nlog, 1);
  CHECK_INT (log_[0].event, GUESTFS_EVENT_ENTER);
  CHECK_STR (log_[0].buf, "set_memsize");
  CHECK_STR (log_[0].who, "enter");
  CHECK_INT (log_[0].flags, 0);
  CHECK_INT (log_[0].handle, 0);

  guestfs_set_trace (g, 1);
  nlog = 0;
  guestfs_set_memsize (g, 513);
  CHECK_INT (nlog, 3);
  CHECK_STR (log_[0].buf, "set_memsize");
  CHECK_INT (log_[1].event, GUESTFS_EVENT_TRACE);
  CHECK_STR (log_[1].buf, "set_memsize 513");
  CHECK_STR (log_[2].buf, "set_memsize = 0");
  CHECK_INT (log_[2].handle, 1);

  nlog = 0;
  guestfs_set_memsize (g, 1);
  CHECK_INT (nlog, 3);
  CHECK_STR (log_[2].buf, "set_memsize = -1 (error)");

  nlog = 0;
  guestfs_set_backend_settings (g, (char *[]) { "a", "b=c", NULL });
  CHECK_STR (log_[1].buf, "set_backend_settings \"a b=c\"");
  nlog = 0;
  { char **l = guestfs_get_backend_settings (g); for (size_t i = 0; l && l[i]; i++) free (l[i]); free (l); }
  CHECK_STR (log_[2].buf, "get_backend_settings = [\"a\", \"b=c\"]");
  nlog = 0;
  guestfs_set_append (g, NULL);
  CHECK_STR (log_[1].buf, "set_append null");
  nlog = 0;
  guestfs_set_autosync (g, 1);
  CHECK_STR (log_[1].buf, "set_autosync true");
  nlog = 0;
  CHECK_INT (guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw",
                                     GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1), 0);
  CHECK_STR (log_[0].buf, "add_drive");      /* the base name of an optargs function */
  CHECK_STR (log_[1].buf, "add_drive \"/dev/null\" \"readonly:true\" \"format:raw\"");
  guestfs_set_trace (g, 0);

  /* Deleting stops delivery; the slot is not reused while later slots exist. */
  guestfs_delete_event_callback (g, h0);
  nlog = 0;
  guestfs_get_memsize (g);
  CHECK_INT (nlog, 0);
  CHECK_INT (guestfs_set_event_callback (g, nothing, GUESTFS_EVENT_ENTER, 0, NULL), 3);
  guestfs_delete_event_callback (g, 3);
  guestfs_delete_event_callback (g, 999999);       /* unknown: harmless */

  /* At most 1000 registrations per handle (deleted slots included). */
  for (n = 0; n < 1100; n++)
    if (guestfs_set_event_callback (g, nothing, GUESTFS_EVENT_CLOSE, 0, NULL) == -1)
      break;
  CHECK_INT (n, 997);
  CHECK_STR (guestfs_last_error (g), "too many event callbacks registered");

  nlog = 0;
  guestfs_close (g);
  CHECK_INT (nlog, 1);
  CHECK_INT (log_[0].event, GUESTFS_EVENT_CLOSE);
  CHECK_STR (log_[0].who, "close");
  CHECK_INT (log_[0].handle, 2);

  /* Callbacks for the same event run in registration order. */
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_event_callback (g, record, GUESTFS_EVENT_ALL, 0, (void *) "first");
  guestfs_set_event_callback (g, record, GUESTFS_EVENT_ENTER, 0, (void *) "second");
  nlog = 0;
  guestfs_get_verbose (g);
  CHECK_INT (nlog, 2);
  CHECK_STR (log_[0].who, "first");
  CHECK_STR (log_[1].who, "second");
  guestfs_close (g);

  /* Old-style close callback: set twice replaces, NULL removes. */
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_close_callback (g, old_close, NULL);
  guestfs_set_close_callback (g, old_close, NULL);
  CHECK_INT (guestfs_set_event_callback (g, nothing, GUESTFS_EVENT_CLOSE, 0, NULL), 1);
  guestfs_close (g);
  CHECK_INT (old_close_calls, 1);
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_close_callback (g, old_close, NULL);
  guestfs_set_close_callback (g, NULL, NULL);
  guestfs_close (g);
  CHECK_INT (old_close_calls, 1);

  check_event_string (0, "");
  check_event_string (GUESTFS_EVENT_CLOSE, "close");
  check_event_string (GUESTFS_EVENT_CLOSE | GUESTFS_EVENT_PROGRESS, "close,progress");
  check_event_string (GUESTFS_EVENT_ENTER | GUESTFS_EVENT_SUBPROCESS_QUIT | GUESTFS_EVENT_WARNING,
                      "enter,subprocess_quit,warning");
  check_event_string (GUESTFS_EVENT_ALL, "appliance,close,enter,launch_done,library,"
                      "libvirt_auth,progress,subprocess_quit,trace,warning");
  check_event_string (0x400, "");
  check_event_string (UINT64_MAX, "appliance,close,enter,launch_done,library,"
                      "libvirt_auth,progress,subprocess_quit,trace,warning");
  return tl_finish ();
}
