/* Drives an appliance through an installed libguestfs.so.0 (Debian's 1.48 in the launch
 * tests) using only the few entry points declared here, so no guestfs.h is needed.
 * Usage: drive-with-libguestfs PATH [verbose]  -> prints LAUNCHED-BY-LIBGUESTFS and devices. */
#include <stdio.h>
#include <stdint.h>
typedef struct guestfs_h guestfs_h;
extern guestfs_h *guestfs_create (void);
extern int guestfs_set_path (guestfs_h *, const char *);
extern int guestfs_set_verbose (guestfs_h *, int);
extern int guestfs_add_drive_scratch (guestfs_h *, int64_t, ...);
extern int guestfs_launch (guestfs_h *);
extern int guestfs_shutdown (guestfs_h *);
extern void guestfs_close (guestfs_h *);
extern char **guestfs_list_devices (guestfs_h *);
int main (int argc, char **argv)
{
  guestfs_h *g = guestfs_create ();
  if (!g) return 1;
  guestfs_set_path (g, argv[1]);
  if (argc > 2) guestfs_set_verbose (g, 1);
  if (guestfs_add_drive_scratch (g, 1<<20, -1) == -1) return 2;
  if (guestfs_launch (g) == -1) return 3;
  printf ("LAUNCHED-BY-LIBGUESTFS\n");
  char **d = guestfs_list_devices (g);
  for (size_t i = 0; d && d[i]; i++) printf ("device %s\n", d[i]);
  if (guestfs_shutdown (g) == -1) return 4;
  guestfs_close (g);
  return 0;
}
