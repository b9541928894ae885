/* Memory of concurrent appliances: N handles in one process, each with a 16 MiB scratch
 * drive, launched one after the other and all kept up; then the proportional set size of
 * each handle's qemu process, read from /proc/<pid>/smaps_rollup (pid from
 * guestfs_get_pid). PSS divides every shared page among the processes that map it, so the
 * sum over the N qemus is the memory the N appliances really cost together: pages that
 * restored appliances share through the snapshot's RAM file count once, where RSS would
 * count them N times.
 *
 *   bench-pss N
 *
 * Results: pss_each_kib (one per handle), pss_sum_kib, rss_sum_kib, restored_count (how
 * many of the qemus were started with -incoming, i.e. restored from a saved state; always
 * 0 for 1.48), launch_s (one per handle: create to launch returning).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* Reads "Pss:" and "Rss:" (kB) of a process from its smaps_rollup; -1 when unreadable. */
static void
read_rollup (int pid, long *pss, long *rss)
{
  char path[64], line[256];
  *pss = *rss = -1;
  snprintf (path, sizeof path, "/proc/%d/smaps_rollup", pid);
  FILE *f = fopen (path, "r");
  if (!f)
    return;
  while (fgets (line, sizeof line, f)) {
    if (strncmp (line, "Pss:", 4) == 0)
      *pss = strtol (line + 4, NULL, 10);
    else if (strncmp (line, "Rss:", 4) == 0)
      *rss = strtol (line + 4, NULL, 10);
  }
  fclose (f);
}

/* Whether a process's command line has the argument "-incoming" (a restored qemu). */
static int
is_incoming (int pid)
{
  char path[64], buf[65536];
  snprintf (path, sizeof path, "/proc/%d/cmdline", pid);
  FILE *f = fopen (path, "r");
  if (!f)
    return 0;
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  for (size_t i = 0; i < n; i += strlen (buf + i) + 1)
    if (strcmp (buf + i, "-incoming") == 0)
      return 1;
  return 0;
}

int
main (int argc, char *argv[])
{
  if (argc != 2) {
    fprintf (stderr, "usage: %s HANDLES\n", argv[0]);
    return 2;
  }
  long n = bench_arg (argv[1], "handle count");
  guestfs_h **g = calloc (n, sizeof *g);
  if (!g)
    bench_fail ("calloc");

  for (long i = 0; i < n; i++) {
    double t0 = bench_now ();
    g[i] = bench_launch_scratch (16 * 1024 * 1024);
    double t1 = bench_now ();
    if (i == 0)
      bench_identify (g[i]);
    fprintf (stderr, "handle %ld: launched in %.2f s\n", i + 1, t1 - t0);
    bench_result ("launch_s", t1 - t0);
  }

  long pss_sum = 0, rss_sum = 0, restored = 0;
  for (long i = 0; i < n; i++) {
    int pid = guestfs_get_pid (g[i]);
    if (pid <= 0)
      bench_fail ("get_pid");
    long pss, rss;
    read_rollup (pid, &pss, &rss);
    if (pss < 0 || rss < 0)
      bench_fail ("reading /proc/<qemu pid>/smaps_rollup");
    restored += is_incoming (pid);
    fprintf (stderr, "handle %ld: qemu pid %d, Pss %ld kB, Rss %ld kB\n", i + 1, pid, pss, rss);
    bench_result ("pss_each_kib", pss);
    pss_sum += pss;
    rss_sum += rss;
  }
  bench_result ("pss_sum_kib", pss_sum);
  bench_result ("rss_sum_kib", rss_sum);
  bench_result ("restored_count", restored);

  for (long i = 0; i < n; i++) {
    if (guestfs_shutdown (g[i]) == -1)
      bench_fail ("shutdown");
    guestfs_close (g[i]);
  }
  free (g);
  return 0;
}
