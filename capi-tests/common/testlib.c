/* See testlib.h. */
#define _GNU_SOURCE
#include "testlib.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int tl_failures;

void
tl_fail (const char *file, int line, const char *fmt, ...)
{
  va_list ap;
  fprintf (stdout, "  FAILED %s:%d: ", file, line);
  va_start (ap, fmt);
  vfprintf (stdout, fmt, ap);
  va_end (ap);
  fputc ('\n', stdout);
  fflush (stdout);
  tl_failures++;
}

int
tl_finish (void)
{
  if (tl_failures)
    printf ("  %d check(s) failed\n", tl_failures);
  return tl_failures ? 1 : 0;
}

void
tl_check_str (const char *file, int line, const char *expr,
              const char *got, const char *want)
{
  if (got == NULL && want == NULL)
    return;
  if (got == NULL || want == NULL || strcmp (got, want) != 0)
    tl_fail (file, line, "%s: got %s%s%s, expected %s%s%s", expr,
             got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
             want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
}

/* Basename starts with "libguestfs.so": matches .so, .so.0 and .so.0.510.0. */
static int
is_libguestfs_path (const char *path)
{
  const char *base = strrchr (path, '/');
  base = base ? base + 1 : path;
  return strncmp (base, "libguestfs.so", 13) == 0;
}

void
tl_require_library_from_libdir (void)
{
  const char *libdir = getenv ("CAPI_TESTS_LIBDIR");
  char want_path[PATH_MAX], expected[PATH_MAX], actual[PATH_MAX];
  char line[PATH_MAX + 256];
  FILE *maps;
  int found = 0, foreign = 0;

  if (libdir == NULL) {
    fprintf (stderr, "CAPI_TESTS_LIBDIR is not set: cannot tell which library must be loaded\n");
    exit (2);
  }
  snprintf (want_path, sizeof want_path, "%s/libguestfs.so.0", libdir);
  if (realpath (want_path, expected) == NULL) {
    fprintf (stderr, "%s: %s\n", want_path, strerror (errno));
    exit (2);
  }
  maps = fopen ("/proc/self/maps", "r");
  if (maps == NULL) {
    perror ("/proc/self/maps");
    exit (2);
  }
  while (fgets (line, sizeof line, maps)) {
    char *path = strchr (line, '/');
    if (path == NULL)
      continue;
    path[strcspn (path, "\n")] = '\0';
    /* The kernel appends " (deleted)" to files removed since they were mapped. */
    if (!is_libguestfs_path (path))
      continue;
    if (realpath (path, actual) != NULL && strcmp (actual, expected) == 0)
      found = 1;
    else if (!foreign) {      /* one line is enough: a library has several mappings */
      fprintf (stderr, "a different libguestfs is mapped: %s (expected %s)\n", path, expected);
      foreign = 1;
    }
  }
  fclose (maps);
  if (!found || foreign) {
    if (!found)
      fprintf (stderr, "%s is not mapped into this process\n", expected);
    exit (2);
  }
}

void
tl_clear_guestfs_env (void)
{
  extern char **environ;
  int again = 1;
  /* Unsetting while walking environ is unsafe, so restart after each removal. */
  while (again) {
    again = 0;
    for (char **e = environ; e && *e; e++) {
      if (strncmp (*e, "LIBGUESTFS_", 11) == 0) {
        char name[256];
        size_t n = strcspn (*e, "=");
        if (n >= sizeof name) continue;
        memcpy (name, *e, n);
        name[n] = '\0';
        unsetenv (name);
        again = 1;
        break;
      }
    }
  }
  unsetenv ("TMPDIR");
  unsetenv ("XDG_RUNTIME_DIR");
}

static int saved_stderr = -1;
static FILE *capture_file;

void
tl_capture_stderr_begin (void)
{
  fflush (stderr);
  capture_file = tmpfile ();
  if (capture_file == NULL) {
    perror ("tmpfile");
    exit (2);
  }
  saved_stderr = dup (2);
  dup2 (fileno (capture_file), 2);
}

char *
tl_capture_stderr_end (void)
{
  struct stat st;
  long size;
  char *buf;

  fflush (stderr);
  dup2 (saved_stderr, 2);
  close (saved_stderr);
  saved_stderr = -1;
  /* Writes went through fd 2, so ask the file, not the stdio stream, how big it is. */
  size = fstat (fileno (capture_file), &st) == 0 ? (long) st.st_size : 0;
  buf = calloc (1, (size_t) size + 1);
  if (buf == NULL) exit (2);
  rewind (capture_file);
  if (size > 0 && fread (buf, 1, (size_t) size, capture_file) != (size_t) size)
    buf[0] = '\0';
  fclose (capture_file);
  capture_file = NULL;
  return buf;
}

char *
tl_make_tmpdir (void)
{
  char *dir = strdup ("/tmp/capi-testsXXXXXX");
  if (dir == NULL || mkdtemp (dir) == NULL) {
    perror ("mkdtemp");
    exit (2);
  }
  return dir;
}

void
tl_rm_rf (const char *dir)
{
  if (dir && strncmp (dir, "/tmp/capi-tests", 15) == 0)
    tl_system ("rm -rf '%s'", dir);
}

int
tl_system (const char *fmt, ...)
{
  char cmd[4096];
  va_list ap;
  int r;

  va_start (ap, fmt);
  vsnprintf (cmd, sizeof cmd, fmt, ap);
  va_end (ap);
  r = system (cmd);
  if (r != 0) {
    tl_fail (__FILE__, __LINE__, "command failed (%d): %s", r, cmd);
    return -1;
  }
  return 0;
}
