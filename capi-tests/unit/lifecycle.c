/* Handle lifecycle and state: create/create_flags, the CONFIG state and its
 * predicates, close events, several handles at once, and handles left open at exit
 * (the atexit hook must close them without crashing). */
#include <stdlib.h>
#include <string.h>
#include <guestfs.h>
#include "common/testlib.h"

static int closes;
static void
count_close (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
             const char *buf, size_t len, const uint64_t *arr, size_t alen)
{
  (void) g; (void) opaque; (void) eh; (void) flags; (void) buf; (void) len; (void) arr; (void) alen;
  if (event == GUESTFS_EVENT_CLOSE)
    closes++;
}

int
main (void)
{
  guestfs_h *g, *h[8];

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();

  g = guestfs_create ();
  CHECK (g != NULL);
  CHECK_INT (guestfs_get_state (g), 0);           /* CONFIG */
  CHECK_INT (guestfs_is_config (g), 1);
  CHECK_INT (guestfs_is_launching (g), 0);
  CHECK_INT (guestfs_is_ready (g), 0);
  CHECK_INT (guestfs_is_busy (g), 0);
  CHECK_STR (guestfs_get_program (g), "lifecycle");
  CHECK_INT (guestfs_set_event_callback (g, count_close, GUESTFS_EVENT_CLOSE, 0, NULL), 0);
  guestfs_close (g);
  CHECK_INT (closes, 1);

  /* Flags, including ones this version does not know, give a working handle. */
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT | GUESTFS_CREATE_NO_CLOSE_ON_EXIT);
  CHECK (g != NULL);
  CHECK_INT (guestfs_get_memsize (g) > 0, 1);
  guestfs_close (g);
  g = guestfs_create_flags (0);
  CHECK (g != NULL);
  guestfs_close (g);

  /* Independent handles do not share state. */
  for (int i = 0; i < 8; i++) {
    h[i] = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
    CHECK (h[i] != NULL);
    CHECK_INT (guestfs_set_memsize (h[i], 300 + i), 0);
  }
  for (int i = 0; i < 8; i++)
    CHECK_INT (guestfs_get_memsize (h[i]), 300 + i);
  for (int i = 0; i < 8; i += 2)
    guestfs_close (h[i]);
  for (int i = 1; i < 8; i += 2)
    CHECK_INT (guestfs_get_memsize (h[i]), 300 + i);

  /* Shutdown of a never-launched handle is a harmless no-op. */
  CHECK_INT (guestfs_shutdown (h[1]), 0);
  CHECK_INT (guestfs_get_state (h[1]), 0);

  /* h[1], h[3], h[5], h[7] stay open: the library's atexit handler closes them and
   * must fire their close events. */
  closes = 0;
  CHECK_INT (guestfs_set_event_callback (h[1], count_close, GUESTFS_EVENT_CLOSE, 0, NULL), 0);
  return tl_finish ();
}
