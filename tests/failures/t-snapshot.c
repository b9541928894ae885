/* Instant launch (snapshot restore): what a restored appliance must not share with the
 * snapshot or with its siblings, and what happens when a restore cannot work.  Every
 * handle uses a private cache directory, so the snapshot files can be damaged on purpose.
 * Launches run verbose: the library's debug messages say whether a launch restored
 * ("appliance restored from snapshot"), took a snapshot ("snapshot ... taken") or booted
 * ("booting the appliance: ... (why)").
 *
 *   snapshot-taken-then-restored   first launch takes it, second restores; files 0600, ours
 *   snapshot-uuids-differ          20 restores, mkfs on each: 20 different filesystem UUIDs
 *   snapshot-clock                 a file written after a restore carries the host's time,
 *                                  not the (older) snapshot's
 *   snapshot-truncated-state       state cut in half: the launch boots, the bad files go, the
 *                                  next launch takes a new snapshot
 *   snapshot-foreign-state         the state of another configuration (memsize 1024) put in
 *                                  place of this one's: qemu refuses it, the launch boots
 *   snapshot-qemu-killed-during-restore   qemu SIGKILLed while restoring: the launch boots,
 *                                  nothing is left running
 *   snapshot-hotplug-fails         a drive the monitor cannot plug in (a 1100-byte path): the
 *                                  launch boots and the drive is there
 *   snapshot-opt-out               GUESTFS_RS_SNAPSHOT=0 and the backend setting snapshot=off
 *   snapshot-no-leftovers          no temporary file left in the snapshot directory */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

static char *cache;             /* the private cache directory */
static char *work;              /* scratch files */

/* What the library said about the last launch. */
struct said {
  int restored, taken, booted;
  char why[600];
};

static void
on_library (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
            const char *buf, size_t len, const uint64_t *a, size_t na)
{
  (void) g; (void) event; (void) eh; (void) flags; (void) a; (void) na;
  struct said *s = opaque;
  char line[600];
  snprintf (line, sizeof line, "%.*s", (int) (len < 590 ? len : 590), buf);
  if (strstr (line, "appliance restored from snapshot"))
    s->restored = 1;
  if (strstr (line, "launch: snapshot ") && strstr (line, " taken in "))
    s->taken = 1;
  if (strstr (line, "launch: booting the appliance")) {
    s->booted = 1;
    snprintf (s->why, sizeof s->why, "%s", line);
  }
}

/* A verbose handle on the private cache with one 16 MiB scratch drive (or `drive`). */
static guestfs_h *
handle (struct said *s, const char *drive)
{
  memset (s, 0, sizeof *s);
  guestfs_h *g = guestfs_create ();
  if (!g) {
    ft_fail ("guestfs_create failed");
    return NULL;
  }
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_cachedir (g, cache);
  guestfs_set_verbose (g, 1);
  guestfs_set_event_callback (g, on_library, GUESTFS_EVENT_LIBRARY, 0, s);
  int r = drive ? guestfs_add_drive_opts (g, drive, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1)
                : guestfs_add_drive_scratch (g, 16 << 20, -1);
  if (r == -1)
    ft_fail ("add drive: %s", guestfs_last_error (g));
  return g;
}

static int
launch (guestfs_h *g)
{
  if (guestfs_launch (g) == -1) {
    ft_fail ("launch: %s", guestfs_last_error (g));
    return -1;
  }
  return 0;
}

/* The single file matching `pattern` under the cache's snapshot directory (malloc'd). */
static char *
snapshot_file (const char *suffix)
{
  char *pattern;
  glob_t gl;
  char *r = NULL;
  if (asprintf (&pattern, "%s/.guestfs-%d/rs-appliance-*/snapshots/*%s", cache,
                (int) geteuid (), suffix) == -1)
    exit (2);
  if (glob (pattern, 0, NULL, &gl) == 0) {
    if (gl.gl_pathc == 1)
      r = strdup (gl.gl_pathv[0]);
    else
      ft_fail ("%zu files match %s", gl.gl_pathc, pattern);
    globfree (&gl);
  } else
    ft_fail ("nothing matches %s", pattern);
  free (pattern);
  return r;
}

static size_t
count_matching (const char *suffix)
{
  char *pattern;
  glob_t gl;
  size_t n = 0;
  if (asprintf (&pattern, "%s/.guestfs-%d/rs-appliance-*/snapshots/*%s", cache,
                (int) geteuid (), suffix) == -1)
    exit (2);
  if (glob (pattern, 0, NULL, &gl) == 0) {
    n = gl.gl_pathc;
    globfree (&gl);
  }
  free (pattern);
  return n;
}

static time_t taken_at;

static void
case_taken_then_restored (void)
{
  ft_case ("snapshot-taken-then-restored");
  struct said s;
  guestfs_h *g = handle (&s, NULL);
  if (g && launch (g) == 0) {
    FT_CHECK (s.taken && s.restored, "first launch: taken %d restored %d (%s)", s.taken,
              s.restored, s.why);
    taken_at = time (NULL);
  }
  guestfs_close (g);
  g = handle (&s, NULL);
  if (g && launch (g) == 0) {
    FT_CHECK (s.restored && !s.taken && !s.booted, "second launch: restored %d taken %d (%s)",
              s.restored, s.taken, s.why);
    char **devs = guestfs_list_devices (g);
    FT_CHECK (devs && devs[0] && strcmp (devs[0], "/dev/sda") == 0 && !devs[1],
              "list_devices after a restore: %s", devs && devs[0] ? devs[0] : "(none)");
  }
  guestfs_close (g);
  const char *suffixes[] = { ".state", ".ram" };
  for (int i = 0; i < 2; i++) {
    char *f = snapshot_file (suffixes[i]);
    struct stat st;
    if (f && stat (f, &st) == 0) {
      FT_CHECK ((st.st_mode & 07777) == 0600, "%s has mode %o", f, st.st_mode & 07777);
      FT_CHECK (st.st_uid == geteuid (), "%s is owned by %d", f, (int) st.st_uid);
    }
    free (f);
  }
  ft_end ();
}

static void
case_uuids_differ (void)
{
  ft_case ("snapshot-uuids-differ");
  enum { N = 20 };
  char *uuids[N] = { 0 };
  int restored = 0;
  for (int i = 0; i < N; i++) {
    struct said s;
    guestfs_h *g = handle (&s, NULL);
    if (g && launch (g) == 0) {
      restored += s.restored;
      if (guestfs_mkfs (g, "ext4", "/dev/sda") == 0)
        uuids[i] = guestfs_vfs_uuid (g, "/dev/sda");
      if (!uuids[i])
        ft_fail ("mkfs/vfs_uuid %d: %s", i, guestfs_last_error (g));
    }
    guestfs_close (g);
  }
  FT_CHECK (restored == N, "only %d of %d launches were restored", restored, N);
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++)
      if (uuids[i] && uuids[j] && strcmp (uuids[i], uuids[j]) == 0)
        ft_fail ("launches %d and %d made the same UUID %s", i, j, uuids[i]);
  ft_note ("first UUIDs: %s %s", uuids[0] ? uuids[0] : "-", uuids[1] ? uuids[1] : "-");
  for (int i = 0; i < N; i++)
    free (uuids[i]);
  ft_end ();
}

static void
case_clock (void)
{
  ft_case ("snapshot-clock");
  /* Let the snapshot be clearly older than now, so its clock would show. */
  while (time (NULL) - taken_at < 20)
    sleep (1);
  struct said s;
  guestfs_h *g = handle (&s, NULL);
  if (g && launch (g) == 0) {
    FT_CHECK (s.restored, "not restored (%s)", s.why);
    struct guestfs_statns *st = NULL;
    if (guestfs_mkfs (g, "ext4", "/dev/sda") == 0 && guestfs_mount (g, "/dev/sda", "/") == 0
        && guestfs_touch (g, "/f") == 0)
      st = guestfs_statns (g, "/f");
    time_t now = time (NULL);
    if (!st)
      ft_fail ("writing /f: %s", guestfs_last_error (g));
    else {
      ft_note ("mtime %lld, host %lld", (long long) st->st_mtime_sec, (long long) now);
      FT_CHECK (llabs ((long long) (st->st_mtime_sec - now)) <= 5,
                "file written at %lld by the guest clock, host time %lld",
                (long long) st->st_mtime_sec, (long long) now);
      guestfs_free_statns (st);
    }
  }
  guestfs_close (g);
  ft_end ();
}

/* Launches once after the state was damaged: it must boot (not restore) and drop the bad
 * files; the next launch must take a new snapshot and restore it. */
static void
expect_recovery (const char *what)
{
  struct said s;
  struct ft_baseline b;
  ft_baseline_begin (&b);
  guestfs_h *g = handle (&s, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  if (g && launch (g) == 0) {
    FT_CHECK (s.booted && !s.restored, "%s: booted %d restored %d", what, s.booted, s.restored);
    FT_CHECK (strstr (s.why, "could not load the saved state") != NULL,
              "%s: the debug output says why: %s", what, s.why);
    ft_note ("%s", s.why);
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));
    char **devs = guestfs_list_devices (g);
    FT_CHECK (devs && devs[0] && !devs[1], "%s: list_devices after the cold boot", what);
  }
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  FT_CHECK (count_matching (".state") == 0 && count_matching (".ram") == 0,
            "%s: the unusable state was not removed", what);
  g = handle (&s, NULL);
  if (g && launch (g) == 0)
    FT_CHECK (s.taken && s.restored, "%s: next launch: taken %d restored %d (%s)", what,
              s.taken, s.restored, s.why);
  guestfs_close (g);
}

static void
case_truncated_state (void)
{
  ft_case ("snapshot-truncated-state");
  char *f = snapshot_file (".state");
  struct stat st;
  if (f && stat (f, &st) == 0 && truncate (f, st.st_size / 2) == 0)
    expect_recovery ("truncated state");
  else
    ft_fail ("setup: %s", strerror (errno));
  free (f);
  ft_end ();
}

static void
case_foreign_state (void)
{
  ft_case ("snapshot-foreign-state");
  char *mine = snapshot_file (".state");
  /* Another configuration's state: same appliance, memsize 1024. */
  struct said s;
  guestfs_h *g = handle (&s, NULL);
  guestfs_set_memsize (g, 1024);
  if (g && launch (g) == 0)
    FT_CHECK (s.taken, "memsize 1024: no snapshot taken (%s)", s.why);
  guestfs_close (g);
  char *pattern = NULL, *other = NULL;
  glob_t gl;
  if (mine && asprintf (&pattern, "%.*s*.state", (int) (strrchr (mine, '/') - mine + 1), mine) != -1
      && glob (pattern, 0, NULL, &gl) == 0) {
    for (size_t i = 0; i < gl.gl_pathc; i++)
      if (strcmp (gl.gl_pathv[i], mine) != 0)
        other = strdup (gl.gl_pathv[i]);
    globfree (&gl);
  }
  if (other && rename (other, mine) == 0) {
    /* The memsize 1024 snapshot's RAM file goes too, so only this configuration's
     * (damaged) state is left. */
    char *ram = strdup (other);
    strcpy (ram + strlen (ram) - strlen (".state"), ".ram");
    unlink (ram);
    free (ram);
    expect_recovery ("foreign state");
  } else
    ft_fail ("setup: no second state (%s)", other ? strerror (errno) : "none");
  free (pattern);
  free (other);
  free (mine);
  ft_end ();
}

static void
case_killed_during_restore (void)
{
  ft_case ("snapshot-qemu-killed-during-restore");
  /* A hypervisor wrapper that runs qemu as usual, except that a restoring qemu is
   * SIGKILLed 0.05 s after it starts (while it loads the state or plugs drives in). The
   * launch may then boot instead, or fail with a clear error if the kill came after the
   * restore: either way nothing is left behind and the next handle works. */
  char *hv;
  if (asprintf (&hv, "%s/qemu-killed-on-restore", work) == -1)
    exit (2);
  FILE *f = fopen (hv, "w");
  if (!f || fprintf (f, "#!/bin/sh\n"
                        "case \" $* \" in *\" -incoming \"*)\n"
                        "  /usr/bin/qemu-system-x86_64 \"$@\" & pid=$!\n"
                        "  sleep 0.05; kill -9 $pid; wait $pid; exit 137;;\n"
                        "esac\n"
                        "exec /usr/bin/qemu-system-x86_64 \"$@\"\n") < 0
      || fclose (f) == EOF || chmod (hv, 0755) == -1) {
    ft_fail ("setup: %s", strerror (errno));
    ft_end ();
    return;
  }
  struct said s;
  struct ft_baseline b;
  ft_baseline_begin (&b);
  guestfs_h *g = handle (&s, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  guestfs_set_hv (g, hv);
  if (g && guestfs_launch (g) == 0) {
    FT_CHECK (s.booted && !s.restored, "booted %d restored %d", s.booted, s.restored);
    ft_note ("%s", s.why);
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));
    FT_CHECK (guestfs_mkfs (g, "ext4", "/dev/sda") == 0, "mkfs after the fallback: %s",
              guestfs_last_error (g));
  } else if (g) {
    const char *err = guestfs_last_error (g);
    ft_note ("launch failed: %s", err ? err : "(null)");
    FT_CHECK (err && strstr (err, "appliance"), "unclear launch error: %s", err ? err : "(null)");
    FT_CHECK (guestfs_get_state (g) == 0, "state %d after the failed launch", guestfs_get_state (g));
  }
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  /* The next handle, with the real qemu, launches. */
  g = handle (&s, NULL);
  if (g)
    launch (g);
  guestfs_close (g);
  free (hv);
  ft_end ();
}

static void
case_hotplug_fails (void)
{
  ft_case ("snapshot-hotplug-fails");
  /* A path longer than the human monitor's 1024-byte argument buffer. */
  char path[1400];
  snprintf (path, sizeof path, "%s", work);
  while (strlen (path) < 1100) {
    strcat (path, "/ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
    if (mkdir (path, 0700) == -1 && errno != EEXIST)
      ft_fail ("mkdir: %s", strerror (errno));
  }
  strcat (path, "/disk.img");
  size_t states = count_matching (".state");
  if (ft_sparse_file (path, 16 << 20) != 0)
    ft_fail ("setup: %s", strerror (errno));
  struct said s;
  guestfs_h *g = handle (&s, path);
  if (g && launch (g) == 0) {
    FT_CHECK (s.booted && !s.restored && strstr (s.why, "drive_add"),
              "booted %d restored %d: %s", s.booted, s.restored, s.why);
    ft_note ("%s", s.why);
    char **devs = guestfs_list_devices (g);
    FT_CHECK (devs && devs[0] && strcmp (devs[0], "/dev/sda") == 0, "list_devices");
    FT_CHECK (guestfs_mkfs (g, "ext4", "/dev/sda") == 0, "mkfs: %s", guestfs_last_error (g));
  }
  guestfs_close (g);
  FT_CHECK (count_matching (".state") == states, "the (good) state was kept");
  ft_end ();
}

static void
case_opt_out (void)
{
  ft_case ("snapshot-opt-out");
  struct said s;
  setenv ("GUESTFS_RS_SNAPSHOT", "0", 1);
  guestfs_h *g = handle (&s, NULL);
  if (g && launch (g) == 0)
    FT_CHECK (s.booted && !s.restored && strstr (s.why, "GUESTFS_RS_SNAPSHOT"),
              "GUESTFS_RS_SNAPSHOT=0: booted %d restored %d: %s", s.booted, s.restored, s.why);
  guestfs_close (g);
  unsetenv ("GUESTFS_RS_SNAPSHOT");
  g = handle (&s, NULL);
  guestfs_set_backend_setting (g, "snapshot", "off");
  if (g && launch (g) == 0)
    FT_CHECK (s.booted && !s.restored && strstr (s.why, "backend setting"),
              "snapshot=off: booted %d restored %d: %s", s.booted, s.restored, s.why);
  guestfs_close (g);
  ft_end ();
}

static void
run (void *unused)
{
  (void) unused;
  case_taken_then_restored ();
  case_uuids_differ ();
  case_clock ();
  case_truncated_state ();
  case_foreign_state ();
  case_killed_during_restore ();
  case_hotplug_fails ();
  case_opt_out ();
  ft_case ("snapshot-no-leftovers");
  FT_CHECK (count_matching (".tmp*") == 0, "temporary files left in the snapshot directory");
  ft_end ();
}

int
main (void)
{
  ft_init ();
  unsetenv ("GUESTFS_RS_SNAPSHOT");
  cache = ft_mkdtemp ("snapcache");
  work = ft_mkdtemp ("snapwork");
  ft_isolated ("snapshot", 900, run, NULL);
  ft_rm_rf (cache);
  ft_rm_rf (work);
  ft_final_checks ("snapshot");
  return ft_exit_status ();
}
