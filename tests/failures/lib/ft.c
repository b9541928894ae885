/* See ft.h. */
#define _GNU_SOURCE
#include "ft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* ---- cases */

static char current[128];
static char *reasons;           /* accumulated failure lines of the current case */
static size_t reasons_len;
static int cases_failed;

void
ft_case (const char *name)
{
  snprintf (current, sizeof current, "%s", name);
  free (reasons);
  reasons = NULL;
  reasons_len = 0;
}

void
ft_fail (const char *fmt, ...)
{
  char line[4096];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (line, sizeof line, fmt, ap);
  va_end (ap);
  size_t n = strlen (line);
  char *r = realloc (reasons, reasons_len + n + 2);
  if (!r)
    abort ();
  reasons = r;
  memcpy (reasons + reasons_len, line, n);
  reasons[reasons_len + n] = '\n';
  reasons_len += n + 1;
  reasons[reasons_len] = '\0';
}

void
ft_note (const char *fmt, ...)
{
  va_list ap;
  if (!getenv ("FT_VERBOSE"))
    return;
  printf ("  [%s] ", current);
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  putchar ('\n');
}

int
ft_end (void)
{
  int ok = reasons_len == 0;
  if (ok)
    printf ("PASS: %s\n", current);
  else {
    printf ("FAIL: %s\n", current);
    /* Indent every reason line under the FAIL line. */
    for (char *p = reasons, *nl; p && *p; p = nl + 1) {
      nl = strchr (p, '\n');
      printf ("    %.*s\n", (int) (nl - p), p);
    }
    cases_failed++;
  }
  fflush (stdout);
  ft_case ("");
  return ok;
}

int
ft_exit_status (void)
{
  return cases_failed ? 1 : 0;
}

void
ft_isolated (const char *name, int timeout_s, void (*fn) (void *), void *arg)
{
  fflush (stdout);
  fflush (stderr);
  pid_t pid = fork ();
  if (pid == -1) {
    ft_case (name);
    ft_fail ("fork: %s", strerror (errno));
    ft_end ();
    return;
  }
  if (pid == 0) {
    alarm (timeout_s);
    fn (arg);
    fflush (stdout);
    _exit (ft_exit_status ());
  }
  int status;
  while (waitpid (pid, &status, 0) == -1 && errno == EINTR)
    ;
  if (WIFSIGNALED (status)) {
    int sig = WTERMSIG (status);
    ft_case (name);
    if (sig == SIGALRM)
      ft_fail ("timed out after %d s (the library hung)", timeout_s);
    else
      ft_fail ("the test process was killed by signal %d (%s)%s", sig, strsignal (sig),
               sig == SIGSEGV || sig == SIGABRT || sig == SIGBUS ? ": the library crashed" : "");
    ft_end ();
  }
  else if (WEXITSTATUS (status) != 0)
    cases_failed++;
}

/* ---- environment */

void
ft_require_library (void)
{
  const char *libdir = getenv ("FT_LIBDIR");
  char line[PATH_MAX + 256], want[PATH_MAX];
  int found = 0, foreign = 0;
  if (!libdir || !realpath (libdir, want)) {
    fprintf (stderr, "FT_LIBDIR is not set to the library directory under test\n");
    exit (2);
  }
  FILE *f = fopen ("/proc/self/maps", "r");
  if (!f)
    exit (2);
  while (fgets (line, sizeof line, f)) {
    char *path = strchr (line, '/');
    if (!path || !strstr (path, "libguestfs.so"))
      continue;
    path[strcspn (path, "\n")] = '\0';
    if (strncmp (path, want, strlen (want)) == 0 && path[strlen (want)] == '/')
      found = 1;
    else
      foreign = 1;
  }
  fclose (f);
  if (!found || foreign) {
    fprintf (stderr, "the libguestfs loaded is not the one in %s\n", want);
    exit (2);
  }
}

double
ft_now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

char *
ft_mkdtemp (const char *stem)
{
  char *d;
  if (asprintf (&d, "/tmp/ft-%s.XXXXXX", stem) == -1 || !mkdtemp (d)) {
    perror ("mkdtemp");
    exit (2);
  }
  return d;
}

void
ft_rm_rf (const char *path)
{
  char *cmd;
  if (path && asprintf (&cmd, "rm -rf '%s'", path) != -1) {
    if (system (cmd) != 0)
      fprintf (stderr, "warning: %s failed\n", cmd);
    free (cmd);
  }
}

int
ft_sparse_file (const char *path, int64_t size)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd == -1)
    return -1;
  int r = ftruncate (fd, size);
  close (fd);
  return r;
}

int
ft_random_file (const char *path, size_t size, unsigned seed)
{
  FILE *f = fopen (path, "we");
  if (!f)
    return -1;
  unsigned x = seed * 2654435761u + 1;
  for (size_t i = 0; i < size; i++) {
    x = x * 1103515245u + 12345u;
    fputc ((x >> 16) & 0xff, f);
  }
  return fclose (f) == 0 ? 0 : -1;
}

int
ft_same_contents (const char *a, const char *b)
{
  FILE *fa = fopen (a, "re"), *fb = fopen (b, "re");
  int same = fa && fb;
  while (same) {
    int ca = fgetc (fa), cb = fgetc (fb);
    if (ca != cb)
      same = 0;
    if (ca == EOF || cb == EOF)
      break;
  }
  if (fa)
    fclose (fa);
  if (fb)
    fclose (fb);
  return same;
}

/* ---- acting in the middle of a transfer */

/* This process's read offset in `path`, -1 if it does not have it open. */
static int64_t
read_offset (const char *path)
{
  DIR *d = opendir ("/proc/self/fd");
  int64_t pos = -1;
  for (struct dirent *e; d && (e = readdir (d)) != NULL;) {
    char link[PATH_MAX], target[PATH_MAX];
    snprintf (link, sizeof link, "/proc/self/fd/%s", e->d_name);
    ssize_t n = readlink (link, target, sizeof target - 1);
    if (n <= 0)
      continue;
    target[n] = '\0';
    if (strcmp (target, path) != 0)
      continue;
    snprintf (link, sizeof link, "/proc/self/fdinfo/%s", e->d_name);
    FILE *f = fopen (link, "re");
    long long p;
    if (f && fscanf (f, "pos: %lld", &p) == 1 && p > pos)
      pos = p;
    if (f)
      fclose (f);
  }
  if (d)
    closedir (d);
  return pos;
}

static void *
trigger_main (void *arg)
{
  struct ft_trigger *t = arg;
  double give_up = ft_now_ms () + 60000;
  while (!t->stop && ft_now_ms () < give_up) {
    int64_t done;
    struct stat st;
    if (t->kind == FT_UPLOADED)
      done = read_offset (t->path);
    else
      done = stat (t->path, &st) == 0 ? st.st_size : -1;
    if (done >= t->threshold) {
      t->action (t->arg);
      t->fired = 1;
      break;
    }
    usleep (2000);
  }
  return NULL;
}

void
ft_trigger_start (struct ft_trigger *t)
{
  pthread_t th;
  t->stop = t->fired = 0;
  if (pthread_create (&th, NULL, trigger_main, t) != 0) {
    perror ("pthread_create");
    exit (2);
  }
  t->thread = (unsigned long) th;
}

int
ft_trigger_join (struct ft_trigger *t)
{
  t->stop = 1;
  pthread_join ((pthread_t) t->thread, NULL);
  return t->fired;
}

/* ---- leak accounting */

int
ft_count_fds (void)
{
  DIR *d = opendir ("/proc/self/fd");
  int n = 0;
  if (!d)
    return -1;
  for (struct dirent *e; (e = readdir (d)) != NULL;)
    if (e->d_name[0] != '.')
      n++;
  closedir (d);
  return n - 1;                 /* the directory stream's own fd */
}

void
ft_describe_fds (char *buf, size_t len)
{
  DIR *d = opendir ("/proc/self/fd");
  size_t used = 0;
  buf[0] = '\0';
  if (!d)
    return;
  for (struct dirent *e; (e = readdir (d)) != NULL;) {
    char link[PATH_MAX], target[PATH_MAX];
    if (e->d_name[0] == '.' || atoi (e->d_name) == dirfd (d))
      continue;
    snprintf (link, sizeof link, "/proc/self/fd/%s", e->d_name);
    ssize_t n = readlink (link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = '\0';
    int w = snprintf (buf + used, len - used, "%s%s->%s", used ? " " : "", e->d_name, target);
    if (w < 0 || (size_t) w >= len - used)
      break;
    used += w;
  }
  closedir (d);
}

/* Reads field 3 (state) and 4 (ppid) of /proc/PID/stat; the command name may hold spaces
 * and parentheses, so parse from the last ')'. */
static int
read_stat (pid_t pid, char *state, pid_t *ppid)
{
  char path[64], buf[1024];
  snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return -1;
  ssize_t n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  char *p = strrchr (buf, ')');
  int pp;
  if (!p || sscanf (p + 1, " %c %d", state, &pp) != 2)
    return -1;
  *ppid = pp;
  return 0;
}

int
ft_children (pid_t *pids, char *states, int max)
{
  DIR *d = opendir ("/proc");
  int n = 0;
  pid_t me = getpid ();
  if (!d)
    return 0;
  for (struct dirent *e; (e = readdir (d)) != NULL && n < max;) {
    pid_t pid = atoi (e->d_name);
    char st;
    pid_t pp;
    if (pid > 0 && read_stat (pid, &st, &pp) == 0 && pp == me) {
      pids[n] = pid;
      states[n] = st;
      n++;
    }
  }
  closedir (d);
  return n;
}

int
ft_alive (pid_t pid)
{
  char st;
  pid_t pp;
  return pid > 0 && read_stat (pid, &st, &pp) == 0 && st != 'Z';
}

char *
ft_sockdir_of (pid_t pid)
{
  char path[64], buf[65536];
  snprintf (path, sizeof path, "/proc/%d/cmdline", (int) pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return NULL;
  ssize_t n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return NULL;
  buf[n] = '\0';
  for (char *a = buf; a < buf + n; a += strlen (a) + 1) {
    if (strncmp (a, "socket,", 7) != 0)
      continue;
    char *p = strstr (a, "path=");
    if (!p)
      continue;
    p += 5;
    char *sock = strndup (p, strcspn (p, ","));
    char *slash = strrchr (sock, '/');
    if (slash && slash != sock)
      *slash = '\0';
    return sock;
  }
  return NULL;
}

int
ft_dir_exists (const char *path)
{
  struct stat st;
  return stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

int
ft_dir_entries (const char *path)
{
  DIR *d = opendir (path);
  int n = 0;
  if (!d)
    return -1;
  for (struct dirent *e; (e = readdir (d)) != NULL;)
    if (strcmp (e->d_name, ".") && strcmp (e->d_name, ".."))
      n++;
  closedir (d);
  return n;
}

void
ft_baseline_begin (struct ft_baseline *b)
{
  memset (b, 0, sizeof *b);
  b->tmpdir = ft_mkdtemp ("handle-tmp");
  b->fds = ft_count_fds ();
}

static char sockdir_log[64];

void
ft_init (void)
{
  ft_require_library ();
  snprintf (sockdir_log, sizeof sockdir_log, "/tmp/ft-sockdirs-%d.txt", (int) getpid ());
  unlink (sockdir_log);
}

void
ft_baseline_note_qemu (struct ft_baseline *b, pid_t pid)
{
  if (pid <= 0) {
    ft_fail ("guestfs_get_pid returned %d after a successful launch", (int) pid);
    return;
  }
  if (b->nqemu < 16)
    b->qemus[b->nqemu++] = pid;
  char *s = ft_sockdir_of (pid);
  if (!s) {
    ft_fail ("could not read the socket path from qemu pid %d's command line", (int) pid);
    return;
  }
  FILE *f = sockdir_log[0] ? fopen (sockdir_log, "ae") : NULL;
  if (f) {
    fprintf (f, "%s\n", s);
    fclose (f);
  }
  free (s);
}

void
ft_final_checks (const char *prog)
{
  char name[128], line[PATH_MAX];
  int seen = 0, left = 0;
  snprintf (name, sizeof name, "%s-socket-dirs-removed", prog);
  ft_case (name);
  FILE *f = fopen (sockdir_log, "re");
  while (f && fgets (line, sizeof line, f)) {
    line[strcspn (line, "\n")] = '\0';
    seen++;
    if (ft_dir_exists (line)) {
      if (left++ < 3)
        ft_fail ("socket directory %s still exists after guestfs_close (%d entries)", line,
                 ft_dir_entries (line));
      rmdir (line);             /* do not let the test itself litter /tmp */
    }
  }
  if (f)
    fclose (f);
  unlink (sockdir_log);
  if (left > 3)
    ft_fail ("... %d of the %d socket directories of this program's launches were left behind",
             left, seen);
  if (seen == 0)
    ft_fail ("no appliance was launched, so nothing was checked");
  ft_end ();
}

void
ft_check_no_processes (struct ft_baseline *b)
{
  pid_t kids[32];
  char st[32];
  int n = ft_children (kids, st, 32);
  for (int i = 0; i < n; i++) {
    char comm[256] = "", path[64];
    snprintf (path, sizeof path, "/proc/%d/comm", (int) kids[i]);
    FILE *f = fopen (path, "re");
    if (f) {
      if (fgets (comm, sizeof comm, f))
        comm[strcspn (comm, "\n")] = '\0';
      fclose (f);
    }
    ft_fail ("child process left behind: pid %d (%s) state %c%s", (int) kids[i], comm, st[i],
             st[i] == 'Z' ? " (zombie: never reaped)" : "");
  }
  for (int i = 0; i < b->nqemu; i++)
    if (ft_alive (b->qemus[i]))
      ft_fail ("qemu pid %d is still running", (int) b->qemus[i]);
}

void
ft_baseline_check_closed (struct ft_baseline *b)
{
  int fds = ft_count_fds ();
  if (fds != b->fds) {
    char desc[4096];
    ft_describe_fds (desc, sizeof desc);
    ft_fail ("open file descriptors: %d before guestfs_create, %d after guestfs_close (%s)",
             b->fds, fds, desc);
  }
  ft_check_no_processes (b);
  int left = ft_dir_entries (b->tmpdir);
  if (left != 0) {
    char names[1024] = "";
    DIR *d = opendir (b->tmpdir);
    for (struct dirent *e; d && (e = readdir (d)) != NULL;)
      if (strcmp (e->d_name, ".") && strcmp (e->d_name, "..")
          && strlen (names) + strlen (e->d_name) + 2 < sizeof names) {
        strcat (names, " ");
        strcat (names, e->d_name);
      }
    if (d)
      closedir (d);
    ft_fail ("the handle's tmpdir %s is not empty after close:%s", b->tmpdir, names);
  }
  ft_rm_rf (b->tmpdir);
  free (b->tmpdir);
  memset (b, 0, sizeof *b);
}
