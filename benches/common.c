/* See common.h. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

double
bench_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

void
bench_result (const char *name, double value)
{
  printf ("RESULT %s %.6g\n", name, value);
  fflush (stdout);
}

double
bench_step (const char *name, double since)
{
  double now = bench_now ();
  char key[128];
  snprintf (key, sizeof key, "step_%s_s", name);
  bench_result (key, now - since);
  return now;
}

void
bench_identify (guestfs_h *g)
{
  Dl_info info;
  char real[PATH_MAX];
  const char *path = "?";

  if (dladdr ((void *) guestfs_create, &info) && info.dli_fname) {
    path = info.dli_fname;
    /* Resolve symlinks so a prefix that links to Debian's copy shows it. */
    if (realpath (info.dli_fname, real))
      path = real;
  }
  struct guestfs_version *v = guestfs_version (g);
  if (v) {
    fprintf (stderr, "library: %s (version %" PRIi64 ".%" PRIi64 ".%" PRIi64 " extra \"%s\")\n",
             path, v->major, v->minor, v->release, v->extra);
    guestfs_free_version (v);
  }
  else
    fprintf (stderr, "library: %s\n", path);
}

long
bench_qemu_hwm_kib (guestfs_h *g)
{
  int pid = guestfs_get_pid (g);
  if (pid <= 0)
    return -1;

  char path[64];
  snprintf (path, sizeof path, "/proc/%d/status", pid);
  FILE *f = fopen (path, "r");
  if (!f)
    return -1;

  char line[256];
  long kib = -1;
  while (fgets (line, sizeof line, f))
    if (strncmp (line, "VmHWM:", 6) == 0) {
      kib = strtol (line + 6, NULL, 10);
      break;
    }
  fclose (f);
  return kib;
}

double
bench_qemu_cpu_s (guestfs_h *g)
{
  int pid = guestfs_get_pid (g);
  if (pid <= 0)
    return -1;

  char path[64], buf[1024];
  snprintf (path, sizeof path, "/proc/%d/stat", pid);
  FILE *f = fopen (path, "r");
  if (!f)
    return -1;
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';

  /* The command name (field 2) may hold spaces: count fields after its closing ')'.
   * utime and stime are fields 14 and 15, i.e. the 12th and 13th after it. */
  char *p = strrchr (buf, ')');
  if (!p)
    return -1;
  unsigned long long utime = 0, stime = 0;
  if (sscanf (p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
              &utime, &stime) != 2)
    return -1;
  return (double) (utime + stime) / sysconf (_SC_CLK_TCK);
}

double
bench_self_cpu_s (void)
{
  struct rusage ru;
  if (getrusage (RUSAGE_SELF, &ru) == -1)
    return -1;
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6
    + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static pthread_t watcher;
static atomic_int watch_stop;
static double watch_start, watch_seen;

/* True when one of the pids in /proc/self/task/<tid>/children runs qemu. */
static int
qemu_child_running (void)
{
  char path[64], pids[4096], comm[64];
  snprintf (path, sizeof path, "/proc/self/task/%d/children", (int) getpid ());
  FILE *f = fopen (path, "r");
  if (!f)
    return 0;
  size_t n = fread (pids, 1, sizeof pids - 1, f);
  fclose (f);
  pids[n] = '\0';

  int found = 0;
  for (char *tok = strtok (pids, " \n"); tok && !found; tok = strtok (NULL, " \n")) {
    snprintf (path, sizeof path, "/proc/%s/comm", tok);
    FILE *c = fopen (path, "r");
    if (!c)
      continue;
    if (fgets (comm, sizeof comm, c) && strncmp (comm, "qemu-system", 11) == 0)
      found = 1;
    fclose (c);
  }
  return found;
}

static void *
watch_children (void *arg)
{
  (void) arg;
  const struct timespec pause = { 0, 5 * 1000 * 1000 };
  while (!atomic_load (&watch_stop)) {
    if (qemu_child_running ()) {
      watch_seen = bench_now ();
      break;
    }
    nanosleep (&pause, NULL);
  }
  return NULL;
}

void
bench_qemu_watch_start (void)
{
  atomic_store (&watch_stop, 0);
  watch_seen = -1;
  watch_start = bench_now ();
  if (pthread_create (&watcher, NULL, watch_children, NULL) != 0)
    bench_fail ("pthread_create");
}

double
bench_qemu_watch_stop (void)
{
  atomic_store (&watch_stop, 1);
  pthread_join (watcher, NULL);
  return watch_seen < 0 ? -1 : watch_seen - watch_start;
}

void
bench_fail (const char *what)
{
  fprintf (stderr, "benchmark step failed: %s\n", what);
  exit (EXIT_FAILURE);
}

guestfs_h *
bench_launch_scratch (int64_t bytes)
{
  guestfs_h *g = guestfs_create ();
  if (!g)
    bench_fail ("guestfs_create");
  if (guestfs_add_drive_scratch (g, bytes, -1) == -1)
    bench_fail ("add_drive_scratch");
  if (guestfs_launch (g) == -1)
    bench_fail ("launch");
  return g;
}

long
bench_arg (const char *s, const char *what)
{
  char *end;
  errno = 0;
  long v = strtol (s, &end, 10);
  if (errno || *end || v <= 0) {
    fprintf (stderr, "bad %s: %s\n", what, s);
    exit (2);
  }
  return v;
}
