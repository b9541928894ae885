/* See common.h. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
