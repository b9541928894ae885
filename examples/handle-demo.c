/* guestfs-rs demo: what a handle does before an appliance exists. */
#include <stdio.h>
#include <stdlib.h>
#include <guestfs.h>

static void
on_event (guestfs_h *g, void *opaque, uint64_t event, int h, int flags,
          const char *buf, size_t len, const uint64_t *array, size_t n)
{
  char *name = guestfs_event_to_string (event);
  printf ("  event %s: %.*s\n", name, (int) len, buf);
  free (name);
}

int
main (void)
{
  guestfs_h *g = guestfs_create ();
  if (g == NULL) { perror ("guestfs_create"); return 1; }
  struct guestfs_version *v = guestfs_version (g);
  printf ("libguestfs API %ld.%ld.%ld (%s)\n", (long) v->major, (long) v->minor, (long) v->release, v->extra);
  guestfs_free_version (v);
  guestfs_set_event_callback (g, on_event, GUESTFS_EVENT_TRACE, 0, NULL);
  guestfs_set_trace (g, 1);
  printf ("memsize %d MiB, smp %d, backend %s\n", guestfs_get_memsize (g), guestfs_get_smp (g), guestfs_get_backend (g));
  if (guestfs_add_drive_scratch (g, 64 * 1024 * 1024, -1) == -1) return 1;
  char **drives = guestfs_debug_drives (g);
  for (size_t i = 0; drives && drives[i]; ++i) { printf ("drive: %s\n", drives[i]); free (drives[i]); }
  free (drives);
  guestfs_push_error_handler (g, NULL, NULL);
  if (guestfs_mkdir (g, "/x") == -1)
    printf ("before launch: %s (errno %d)\n", guestfs_last_error (g), guestfs_last_errno (g));
  guestfs_pop_error_handler (g);
  guestfs_close (g);
  return 0;
}
