/* Launch benchmark: N times create a handle, add a small scratch drive, launch, shut down
 * and close, timing each round.
 *
 *   bench-launch N
 *
 * Results per round: launch_shutdown_s (the whole round), launch_s (create to launch
 * returning), shutdown_s (shutdown + close), qemu_start_s (create to the first qemu child
 * process: setup, plus the appliance build when the cache is empty), boot_s (qemu start
 * to launch returning), qemu_cpu_boot_s (CPU seconds qemu used until launch returned: the
 * boot's work, which machine load does not inflate the way it inflates wall time), and
 * qemu_hwm_idle_kib (qemu's peak RSS with the appliance up and idle, read just before
 * shutdown).
 */
#include <stdio.h>
#include <stdlib.h>

#include "common.h"

int
main (int argc, char *argv[])
{
  if (argc != 2) {
    fprintf (stderr, "usage: %s ROUNDS\n", argv[0]);
    return 2;
  }
  long rounds = bench_arg (argv[1], "round count");

  for (long i = 0; i < rounds; i++) {
    double t0 = bench_now ();
    bench_qemu_watch_start ();
    guestfs_h *g = bench_launch_scratch (16 * 1024 * 1024);
    double t1 = bench_now ();
    double qemu_start = bench_qemu_watch_stop ();
    double qemu_cpu = bench_qemu_cpu_s (g);
    if (i == 0)
      bench_identify (g);
    long hwm = bench_qemu_hwm_kib (g);
    if (guestfs_shutdown (g) == -1)
      bench_fail ("shutdown");
    guestfs_close (g);
    double t2 = bench_now ();

    fprintf (stderr, "round %ld: launch %.2f s, shutdown+close %.2f s\n",
             i + 1, t1 - t0, t2 - t1);
    bench_result ("launch_shutdown_s", t2 - t0);
    bench_result ("launch_s", t1 - t0);
    bench_result ("shutdown_s", t2 - t1);
    if (qemu_start >= 0) {
      bench_result ("qemu_start_s", qemu_start);
      bench_result ("boot_s", t1 - t0 - qemu_start);
    }
    if (qemu_cpu >= 0)
      bench_result ("qemu_cpu_boot_s", qemu_cpu);
    if (hwm > 0)
      bench_result ("qemu_hwm_idle_kib", hwm);
  }
  return 0;
}
