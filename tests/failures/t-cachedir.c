/* A cache directory planted by someone else.  `<cachedir>/.guestfs-<euid>` is where the
 * appliance is built; another user who can write to <cachedir> may create it first.  The
 * launch must refuse it with a clear "security:" error before changing anything: the
 * target of a planted symlink keeps its mode, a directory owned by another user keeps
 * its mode, and nothing is left running.  (1.48.6 and guestfs-rs before the fix chmod'ed
 * the path to 0755 first and checked it afterwards.)
 *
 *   cachedir-symlink-to-file   .guestfs-<euid> -> a mode 0600 file
 *   cachedir-symlink-to-dir    .guestfs-<euid> -> a mode 0700 directory
 *   cachedir-foreign-owner     .guestfs-<euid> is a mode 0777 directory owned by nobody
 *                              (only when run as root, which can chown) */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

/* Launches with `cachedir` and checks the refusal: an error containing `want`, the
 * mode of `victim` still `mode`, nothing leaked. */
static void
launch_refused (const char *cachedir, const char *victim, mode_t mode, const char *want)
{
  struct ft_baseline b;
  ft_baseline_begin (&b);
  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  guestfs_set_cachedir (g, cachedir);
  int r = guestfs_add_drive_scratch (g, 16 << 20, -1);
  if (r == 0)
    r = guestfs_launch (g);
  const char *err = guestfs_last_error (g);
  ft_note ("launch: %d, error: %s", r, err ? err : "(null)");
  if (r != -1)
    ft_fail ("launch succeeded with a planted cache directory");
  else if (!err || !strstr (err, want))
    ft_fail ("launch error \"%s\" does not say \"%s\"", err ? err : "(null)", want);
  struct stat st;
  if (lstat (victim, &st) == -1)
    ft_fail ("%s: %s", victim, strerror (errno));
  else if ((st.st_mode & 07777) != mode)
    ft_fail ("%s: mode changed from %o to %o", victim, (unsigned) mode,
             (unsigned) (st.st_mode & 07777));
  guestfs_close (g);
  ft_baseline_check_closed (&b);
}

static void
run (void *unused)
{
  (void) unused;
  char *base = ft_mkdtemp ("cachedir"), *link, *victim;
  if (asprintf (&link, "%s/.guestfs-%d", base, (int) geteuid ()) == -1
      || asprintf (&victim, "%s/victim", base) == -1)
    exit (2);

  ft_case ("cachedir-symlink-to-file");
  FILE *f = fopen (victim, "w");
  if (!f || fputs ("secret\n", f) == EOF || fclose (f) == EOF || chmod (victim, 0600) == -1
      || symlink (victim, link) == -1)
    ft_fail ("setup: %s", strerror (errno));
  else
    launch_refused (base, victim, 0600, "is not a directory (mode 120777)");
  unlink (link);
  unlink (victim);
  ft_end ();

  ft_case ("cachedir-symlink-to-dir");
  if (mkdir (victim, 0700) == -1 || chmod (victim, 0700) == -1 || symlink (victim, link) == -1)
    ft_fail ("setup: %s", strerror (errno));
  else
    launch_refused (base, victim, 0700, "is not a directory (mode 120777)");
  unlink (link);
  rmdir (victim);
  ft_end ();

  if (geteuid () == 0) {
    ft_case ("cachedir-foreign-owner");
    if (mkdir (link, 0777) == -1 || chmod (link, 0777) == -1 || chown (link, 65534, 65534) == -1)
      ft_fail ("setup: %s", strerror (errno));
    else
      launch_refused (base, link, 0777, "is not owned by UID");
    rmdir (link);
    ft_end ();
  }
  ft_rm_rf (base);
}

int
main (void)
{
  ft_init ();
  /* No appliance is launched here, so there are no socket directories to check
   * (ft_final_checks); ft_baseline_check_closed checks the tmpdir and fds. */
  ft_isolated ("cachedir", 60, run, NULL);
  return ft_exit_status ();
}
