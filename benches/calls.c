/* Round-trip benchmark: many small calls on one launched appliance.
 *
 *   bench-calls PINGS IS_FILES ROUNDS
 *
 * Each round makes PINGS guestfs_ping_daemon calls, then IS_FILES guestfs_is_file calls
 * on a file of a mounted ext2 filesystem (a call that does work in the daemon: path
 * checks in the sysroot, stat; 1.48's daemon forks a process per call for its chroot,
 * hence a separate, smaller count). Results per round: ping_per_s and is_file_per_s
 * (calls per second).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"

int
main (int argc, char *argv[])
{
  if (argc != 4) {
    fprintf (stderr, "usage: %s PINGS IS_FILES ROUNDS\n", argv[0]);
    return 2;
  }
  long pings = bench_arg (argv[1], "ping count");
  long is_files = bench_arg (argv[2], "is_file count");
  long rounds = bench_arg (argv[3], "round count");

  double t = bench_now ();
  guestfs_h *g = bench_launch_scratch (64 * 1024 * 1024);
  t = bench_step ("launch", t);
  bench_identify (g);
  if (guestfs_mkfs (g, "ext2", "/dev/sda") == -1)
    bench_fail ("mkfs ext2");
  t = bench_step ("mkfs_ext2", t);
  if (guestfs_mount (g, "/dev/sda", "/") == -1)
    bench_fail ("mount");
  t = bench_step ("mount", t);
  if (guestfs_touch (g, "/f") == -1)
    bench_fail ("touch");
  bench_step ("touch", t);

  /* The rounds run twice: at once after the setup steps (what a program that launches and
   * starts working sees, including whatever the appliance still does after launch), and
   * after a 5 s pause (the steady state). */
  for (long r = 0; r < 2 * rounds; r++) {
    int settled = r >= rounds;
    if (r == rounds)
      sleep (5);
    double t0 = bench_now ();
    for (long i = 0; i < pings; i++)
      if (guestfs_ping_daemon (g) == -1)
        bench_fail ("ping_daemon");
    double t1 = bench_now ();
    for (long i = 0; i < is_files; i++)
      if (guestfs_is_file (g, "/f") != 1)
        bench_fail ("is_file (expected 1)");
    double t2 = bench_now ();

    fprintf (stderr, "round %ld%s: %ld pings %.2f s, %ld is_file %.2f s\n",
             r % rounds + 1, settled ? " (settled)" : "", pings, t1 - t0, is_files, t2 - t1);
    bench_result (settled ? "ping_settled_per_s" : "ping_per_s", pings / (t1 - t0));
    bench_result (settled ? "is_file_settled_per_s" : "is_file_per_s", is_files / (t2 - t1));
  }

  if (guestfs_shutdown (g) == -1)
    bench_fail ("shutdown");
  guestfs_close (g);
  return 0;
}
