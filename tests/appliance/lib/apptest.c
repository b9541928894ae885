/* See apptest.h. */
#define _GNU_SOURCE
#include "apptest.h"

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

char t_tmpdir[64];
static char current_case[128];
static int checks_failed;
static int cases_run;
static regex_t uuid_re;
static int uuid_re_ready;

/* ---- output and normalisation */

/* Replaces every match of `re` in `s` with `repl`, in place (s has room: repl is never
 * longer than what it replaces). */
static void
replace_all (char *s, const regex_t *re, const char *repl)
{
  regmatch_t m;
  char *p = s;
  size_t rl = strlen (repl);
  while (*p && regexec (re, p, 1, &m, 0) == 0) {
    size_t ml = m.rm_eo - m.rm_so;
    if (ml < rl || ml == 0)
      break;
    memcpy (p + m.rm_so, repl, rl);
    memmove (p + m.rm_so + rl, p + m.rm_eo, strlen (p + m.rm_eo) + 1);
    p += m.rm_so + rl;
  }
}

/* Replaces the temp dir path with "$TMP" (its path is random per run). */
static char *
replace_tmpdir (const char *s)
{
  size_t tl = strlen (t_tmpdir), n = 0;
  const char *p;
  char *out, *q;
  if (tl == 0)
    return strdup (s);
  for (p = s; (p = strstr (p, t_tmpdir)) != NULL; p += tl)
    n++;
  out = malloc (strlen (s) + n * 4 + 1);
  if (!out) abort ();
  for (p = s, q = out; *p; ) {
    if (strncmp (p, t_tmpdir, tl) == 0) {
      memcpy (q, "$TMP", 4); q += 4; p += tl;
    } else
      *q++ = *p++;
  }
  *q = 0;
  return out;
}

void
t_out (const char *fmt, ...)
{
  va_list ap;
  char *raw, *s;
  const unsigned char *p;

  va_start (ap, fmt);
  if (vasprintf (&raw, fmt, ap) < 0) abort ();
  va_end (ap);

  if (!uuid_re_ready) {
    if (regcomp (&uuid_re, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                 "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", REG_EXTENDED) != 0)
      abort ();
    uuid_re_ready = 1;
  }
  s = replace_tmpdir (raw);
  free (raw);
  replace_all (s, &uuid_re, "<UUID>");

  /* One transcript line per call: escape newlines and other control bytes. */
  for (p = (const unsigned char *) s; *p; p++) {
    if (*p == '\n') fputs ("\\n", stdout);
    else if (*p == '\\') fputs ("\\\\", stdout);
    else if (*p < 0x20 || *p >= 0x7f) printf ("\\x%02x", *p);
    else putchar (*p);
  }
  putchar ('\n');
  fflush (stdout);
  free (s);
}

/* Seconds since the previous call (stderr timing lines help keep the suite fast). */
static double
lap (void)
{
  static struct timespec last;
  struct timespec now;
  double d;
  clock_gettime (CLOCK_MONOTONIC, &now);
  d = last.tv_sec ? (now.tv_sec - last.tv_sec) + (now.tv_nsec - last.tv_nsec) / 1e9 : 0;
  last = now;
  return d;
}

int
t_case (const char *name)
{
  const char *only = getenv ("APPTEST_ONLY");
  if (only && *only && strstr (name, only) == NULL)
    return 0;
  if (current_case[0])
    fprintf (stderr, "time: %s %.1fs\n", current_case, lap ());
  else
    fprintf (stderr, "time: launch %.1fs\n", lap ());
  snprintf (current_case, sizeof current_case, "%s", name);
  printf ("== CASE %s\n", name);
  fflush (stdout);
  cases_run++;
  return 1;
}

void
t_check_fail (const char *file, int line, const char *fmt, ...)
{
  va_list ap;
  char *msg;
  va_start (ap, fmt);
  if (vasprintf (&msg, fmt, ap) < 0) abort ();
  va_end (ap);
  t_out ("!! CHECK FAILED %s:%d: %s", strrchr (file, '/') ? strrchr (file, '/') + 1 : file,
         line, msg);
  fprintf (stderr, "check failed in %s: %s:%d: %s\n", current_case, file, line, msg);
  free (msg);
  checks_failed++;
}

/* ---- result printers */

/* "guestfs_mkdir (g, \"/d\")" -> "mkdir (\"/d\")": the call as written in the
 * program, without the noise every call shares. */
const char *
t_clean (const char *what, char *buf, size_t len)
{
  const char *p;
  size_t n = 0;
  if (strncmp (what, "guestfs_", 8) == 0)
    what += 8;
  for (p = what; *p && n + 1 < len; ) {
    if (strncmp (p, "(g, ", 4) == 0) { buf[n++] = '('; p += 4; }
    else if (strncmp (p, "(g)", 3) == 0) { buf[n++] = '('; buf[n++] = ')'; p += 3; }
    else if (strncmp (p, "(char *[]) ", 11) == 0) p += 11;
    else if (strncmp (p, "(char *[])", 10) == 0) p += 10;
    else if (strncmp (p, ", -1)", 5) == 0) { buf[n++] = ')'; p += 5; }
    else buf[n++] = *p++;
  }
  buf[n] = 0;
  return buf;
}
#define CLEAN(what) char what##_buf[512]; what = t_clean (what, what##_buf, sizeof what##_buf)

static void
print_error (guestfs_h *g, const char *what)
{
  CLEAN (what);
  const char *msg = guestfs_last_error (g);
  int e = guestfs_last_errno (g);
  const char *en = e ? strerrorname_np (e) : "0";
  static regex_t dev_re;
  static int dev_re_ready;
  char *m = strdup (msg ? msg : "(no message)");
  if (!m) abort ();
  /* Tools in the appliance name the appliance's own device nodes, whose letters depend
   * on how the appliance orders its disks (1.48 shows them untranslated too). */
  if (!dev_re_ready) {
    if (regcomp (&dev_re, "/dev/[sv]d[a-z]+", REG_EXTENDED) != 0) abort ();
    dev_re_ready = 1;
  }
  replace_all (m, &dev_re, "/dev/sd*");
  t_out ("%s = ERROR errno=%s: %s", what, en ? en : "?", m);
  free (m);
}

int
r_ok (guestfs_h *g, const char *what, int failed)
{
  if (failed) {
    print_error (g, what);
    return 0;
  }
  return 1;
}

int
r_int (guestfs_h *g, const char *what, int r)
{
  CLEAN (what);
  if (r == -1)
    print_error (g, what);
  else
    t_out ("%s = %d", what, r);
  return r;
}

int64_t
r_i64 (guestfs_h *g, const char *what, int64_t r)
{
  CLEAN (what);
  if (r == -1)
    print_error (g, what);
  else
    t_out ("%s = %lld", what, (long long) r);
  return r;
}

char *
r_str (guestfs_h *g, const char *what, char *s)
{
  CLEAN (what);
  if (s == NULL)
    print_error (g, what);
  else
    t_out ("%s = \"%s\"", what, s);
  return s;
}

/* Builds "[a, b, c]" (strings quoted). */
static char *
join_list (char *const *l, int quote)
{
  size_t len = 3, i;
  char *out, *q;
  for (i = 0; l[i]; i++)
    len += strlen (l[i]) + 4;
  out = q = malloc (len);
  if (!out) abort ();
  *q++ = '[';
  for (i = 0; l[i]; i++) {
    q += sprintf (q, "%s%s%s%s", i ? ", " : "", quote ? "\"" : "", l[i], quote ? "\"" : "");
  }
  *q++ = ']';
  *q = 0;
  return out;
}

char **
r_list (guestfs_h *g, const char *what, char **l)
{
  CLEAN (what);
  if (l == NULL)
    print_error (g, what);
  else {
    char *s = join_list (l, 1);
    t_out ("%s = %s", what, s);
    free (s);
  }
  return l;
}

static int
cmp_pair (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

char **
r_hash (guestfs_h *g, const char *what, char **h)
{
  size_t n, i;
  char **pairs;
  CLEAN (what);
  if (h == NULL) {
    print_error (g, what);
    return h;
  }
  n = t_list_len (h) / 2;
  pairs = calloc (n + 1, sizeof *pairs);
  if (!pairs) abort ();
  for (i = 0; i < n; i++) {
    /* Any key naming a UUID holds a random value (PARTUUID, UUID_SUB, …). */
    const char *v = strstr (h[2*i], "UUID") ? "<uuid>" : h[2*i+1];
    /* blkid's device node and major:minor are the appliance's own (see print_error). */
    if (strcmp (h[2*i], "DEVNAME") == 0 || strcmp (h[2*i], "PART_ENTRY_DISK") == 0)
      v = "<appliance device>";
    if (asprintf (&pairs[i], "%s: \"%s\"", h[2*i], v) < 0) abort ();
  }
  qsort (pairs, n, sizeof *pairs, cmp_pair);
  {
    char *s = join_list (pairs, 0);
    s[0] = '{';
    s[strlen (s) - 1] = '}';
    t_out ("%s = %s", what, s);
    free (s);
  }
  t_free_list (pairs);
  return h;
}

char *
r_buf (guestfs_h *g, const char *what, char *b, size_t size)
{
  CLEAN (what);
  if (b == NULL)
    print_error (g, what);
  else if (size <= 200) {
    char *s = malloc (size + 1);
    size_t i;
    if (!s) abort ();
    /* Embedded NULs would cut the line short: show them. */
    for (i = 0; i < size; i++)
      s[i] = b[i] ? b[i] : '\x01';
    s[size] = 0;
    t_out ("%s = %zu bytes \"%s\"", what, size, s);
    free (s);
  } else
    t_out ("%s = %zu bytes", what, size);
  return b;
}

void
t_free_list (char **l)
{
  size_t i;
  if (!l) return;
  for (i = 0; l[i]; i++)
    free (l[i]);
  free (l);
}

size_t
t_list_len (char *const *l)
{
  size_t n = 0;
  while (l && l[n]) n++;
  return n;
}

int
t_list_has (char *const *l, const char *s)
{
  size_t i;
  for (i = 0; l && l[i]; i++)
    if (strcmp (l[i], s) == 0)
      return 1;
  return 0;
}

/* ---- fixtures */

static int
fixture (guestfs_h *g, int ok, const char *step)
{
  if (!ok) {
    const char *msg = guestfs_last_error (g);
    t_out ("!! FIXTURE FAILED %s: %s", step, msg ? msg : "(no message)");
    checks_failed++;
  }
  return ok ? 0 : -1;
}

int
init_empty (guestfs_h *g)
{
  /* Failures are reported but do not stop the other reset steps. */
  int r = 0;
  r |= fixture (g, guestfs_blockdev_setrw (g, "/dev/sda") == 0, "blockdev_setrw /dev/sda");
  r |= fixture (g, guestfs_umount_all (g) == 0, "umount_all");
  r |= fixture (g, guestfs_lvm_remove_all (g) == 0, "lvm_remove_all");
  return r;
}

int
init_partition (guestfs_h *g)
{
  if (init_empty (g) == -1) return -1;
  return fixture (g, guestfs_part_disk (g, "/dev/sda", "mbr") == 0, "part_disk /dev/sda mbr");
}

int
init_gpt (guestfs_h *g)
{
  if (init_empty (g) == -1) return -1;
  return fixture (g, guestfs_part_disk (g, "/dev/sda", "gpt") == 0, "part_disk /dev/sda gpt");
}

int
init_basic_fs (guestfs_h *g)
{
  if (init_partition (g) == -1) return -1;
  if (fixture (g, guestfs_mkfs (g, "ext2", "/dev/sda1") == 0, "mkfs ext2 /dev/sda1") == -1)
    return -1;
  return fixture (g, guestfs_mount (g, "/dev/sda1", "/") == 0, "mount /dev/sda1 /");
}

int
t_make_scratch (guestfs_h *g)
{
  if (fixture (g, guestfs_part_disk (g, "/dev/sdb", "mbr") == 0, "part_disk /dev/sdb mbr") == -1)
    return -1;
  return fixture (g, guestfs_mkfs (g, "ext4", "/dev/sdb1") == 0, "mkfs ext4 /dev/sdb1");
}

int
init_scratch_fs (guestfs_h *g)
{
  if (init_empty (g) == -1) return -1;
  return fixture (g, guestfs_mount (g, "/dev/sdb1", "/") == 0, "mount /dev/sdb1 /");
}

/* ---- host side */

char *
t_path (const char *name)
{
  char *p;
  if (asprintf (&p, "%s/%s", t_tmpdir, name) < 0) abort ();
  return p;
}

int
t_write_local (const char *name, const void *data, size_t len)
{
  char *p = t_path (name);
  FILE *f = fopen (p, "w");
  int r = -1;
  if (f && fwrite (data, 1, len, f) == len)
    r = 0;
  if (f && fclose (f) != 0)
    r = -1;
  free (p);
  return r;
}

char *
t_read_local (const char *name, size_t *len)
{
  char *p = t_path (name), *buf = NULL;
  FILE *f = fopen (p, "r");
  size_t cap = 0, n = 0, got;
  free (p);
  if (!f) return NULL;
  do {
    if (n + 65536 > cap) {
      cap = cap ? cap * 2 : 65536;
      buf = realloc (buf, cap + 1);
      if (!buf) abort ();
    }
    got = fread (buf + n, 1, 65536, f);
    n += got;
  } while (got > 0);
  fclose (f);
  buf[n] = 0;
  *len = n;
  return buf;
}

/* ---- lifecycle */

/* With APPTEST_LIBDIR set, makes sure the libguestfs this process loaded lives there
 * (another copy is installed system-wide). */
static void
check_loaded_library (void)
{
  const char *want = getenv ("APPTEST_LIBDIR");
  char line[4096], real_want[4096];
  FILE *maps;
  int found = 0;
  if (!want || !*want)
    return;
  if (!realpath (want, real_want))
    snprintf (real_want, sizeof real_want, "%s", want);
  maps = fopen ("/proc/self/maps", "r");
  while (maps && fgets (line, sizeof line, maps)) {
    char *path = strchr (line, '/');
    if (path && strstr (path, "/libguestfs.so")) {
      found = 1;
      if (strncmp (path, real_want, strlen (real_want)) != 0) {
        fprintf (stderr, "loaded the wrong libguestfs: %s", path);
        exit (2);
      }
    }
  }
  if (maps) fclose (maps);
  if (!found) {
    fprintf (stderr, "libguestfs.so is not mapped\n");
    exit (2);
  }
}

guestfs_h *
t_create (const int64_t *disk_mib)
{
  check_loaded_library ();
  lap ();
  guestfs_h *g;
  size_t i;

  setvbuf (stdout, NULL, _IOLBF, 0);
  snprintf (t_tmpdir, sizeof t_tmpdir, "/tmp/apptest.XXXXXX");
  if (mkdtemp (t_tmpdir) == NULL) {
    perror ("mkdtemp");
    exit (2);
  }
  g = guestfs_create ();
  if (!g) {
    fprintf (stderr, "guestfs_create failed\n");
    exit (2);
  }
  /* Errors are part of the transcript; the default handler would repeat them on stderr. */
  guestfs_set_error_handler (g, NULL, NULL);
  for (i = 0; disk_mib && disk_mib[i]; i++)
    if (guestfs_add_drive_scratch (g, disk_mib[i] << 20, -1) == -1) {
      t_out ("!! add_drive_scratch: %s", guestfs_last_error (g));
      exit (2);
    }
  return g;
}

void
t_do_launch (guestfs_h *g)
{
  if (guestfs_launch (g) == -1) {
    t_out ("!! launch failed: %s", guestfs_last_error (g));
    exit (2);
  }
}

guestfs_h *
t_launch (const int64_t *disk_mib)
{
  guestfs_h *g = t_create (disk_mib);
  t_do_launch (g);
  return g;
}

int
t_finish (guestfs_h *g)
{
  char *cmd;
  int r = 0;
  if (g) {
    if (guestfs_shutdown (g) == -1) {
      fprintf (stderr, "shutdown: %s\n", guestfs_last_error (g));
      r = 1;
    }
    guestfs_close (g);
  }
  if (current_case[0])
    fprintf (stderr, "time: %s %.1fs\n", current_case, lap ());
  fprintf (stderr, "%d case(s) run, %d check(s) failed\n", cases_run, checks_failed);
  if (t_tmpdir[0] && asprintf (&cmd, "rm -rf '%s'", t_tmpdir) >= 0) {
    if (system (cmd) != 0) r = 1;
    free (cmd);
  }
  return r;
}
