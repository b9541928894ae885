/* Sleuth Kit walk benchmark: filesystem_walk of a large ext4 filesystem.
 *
 *   bench-fswalk IMAGE FILES ROUNDS
 *
 * IMAGE (raw, made by benches/run.sh with mkfs.ext4 -d) holds FILES regular files; it is
 * added read-only and never mounted.  Each round walks it with guestfs_filesystem_walk
 * (the daemon reads the filesystem with libtsk and streams one tsk_dirent per entry; the
 * library decodes the list) and checks that at least FILES entries came back.  Results
 * per round: fswalk_s (seconds for the call) and fswalk_entries_per_s.
 */
#include <stdio.h>
#include <stdlib.h>

#include "common.h"

int
main (int argc, char *argv[])
{
  if (argc != 4) {
    fprintf (stderr, "usage: %s IMAGE FILES ROUNDS\n", argv[0]);
    return 2;
  }
  const char *image = argv[1];
  long files = bench_arg (argv[2], "file count");
  long rounds = bench_arg (argv[3], "round count");

  double t = bench_now ();
  guestfs_h *g = guestfs_create ();
  if (g == NULL)
    bench_fail ("guestfs_create");
  if (guestfs_add_drive_opts (g, image, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw",
                              GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1) == -1)
    bench_fail ("add_drive_ro");
  if (guestfs_launch (g) == -1)
    bench_fail ("launch");
  bench_step ("launch", t);
  bench_identify (g);

  for (long r = 0; r < rounds; r++) {
    double t0 = bench_now ();
    struct guestfs_tsk_dirent_list *l = guestfs_filesystem_walk (g, "/dev/sda");
    double t1 = bench_now ();
    if (l == NULL)
      bench_fail ("filesystem_walk");
    if ((long) l->len < files) {
      fprintf (stderr, "filesystem_walk returned %u entries, expected at least %ld\n", l->len, files);
      bench_fail ("filesystem_walk (too few entries)");
    }
    fprintf (stderr, "round %ld: %u entries in %.2f s\n", r + 1, l->len, t1 - t0);
    bench_result ("fswalk_s", t1 - t0);
    bench_result ("fswalk_entries_per_s", l->len / (t1 - t0));
    guestfs_free_tsk_dirent_list (l);
  }

  if (guestfs_shutdown (g) == -1)
    bench_fail ("shutdown");
  guestfs_close (g);
  return 0;
}
