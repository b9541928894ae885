/* guestfs_user_cancel from another thread during a 200 MB upload and a 256 MB download
 * (each takes about 8 s here; the cancel comes once 16 MB have gone through): the transfer fails with EINTR
 * and "operation cancelled by user", the handle stays launched, and the following calls
 * succeed with correct data.  A cancel made while nothing is transferring must not
 * spoil the next transfer (1.48 clears the flag when a transfer starts). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

#define DISK (256LL << 20)

/* The cancel runs in the trigger thread once 16 MB have gone through (the transfers take
 * about 8 s here under TCG), so the test does not depend on the machine's speed. */
struct canceller {
  struct ft_trigger t;
  guestfs_h *g;
  int ret;
  double at;
};

static void
cancel_now (void *arg)
{
  struct canceller *c = arg;
  c->at = ft_now_ms ();
  c->ret = guestfs_user_cancel (c->g);
}

static void
start_canceller (struct canceller *c, guestfs_h *g, const char *path, enum ft_progress kind)
{
  memset (c, 0, sizeof *c);
  c->g = g;
  c->ret = -2;
  c->t = (struct ft_trigger) { .path = path, .kind = kind, .threshold = 16 << 20,
                               .action = cancel_now, .arg = c };
  ft_trigger_start (&c->t);
}

static void
check_cancelled (guestfs_h *g, const char *call, int r, double took, struct canceller *c)
{
  double end = ft_now_ms ();
  if (!ft_trigger_join (&c->t)) {
    ft_fail ("the %s never got 16 MB far, so it was not cancelled (r=%d: %s)", call, r,
             r ? guestfs_last_error (g) : "ok");
    return;
  }
  const char *err = guestfs_last_error (g);
  int errnum = guestfs_last_errno (g);
  ft_note ("%s after %.1f s: errno %d, error: %s", call, took / 1e3, errnum, err ? err : "(null)");
  if (c->ret != 0)
    ft_fail ("guestfs_user_cancel returned %d, expected 0", c->ret);
  if (r == 0) {
    ft_fail ("the %s completed (in %.1f s) although it was cancelled", call, took / 1e3);
    return;
  }
  if (!err || strcmp (err, "operation cancelled by user") != 0)
    ft_fail ("%s error is \"%s\", expected \"operation cancelled by user\"", call, err ? err : "(null)");
  if (errnum != EINTR)
    ft_fail ("%s errno is %d (%s), expected EINTR", call, errnum, strerror (errnum));
  if (end - c->at > 5000)
    ft_fail ("the cancelled %s only returned %.1f s after the cancel", call, (end - c->at) / 1e3);
  if (guestfs_get_state (g) != 2)
    ft_fail ("state after the cancel is %d, expected 2 (READY)", guestfs_get_state (g));
}

/* The handle still works: a small upload to the disk reads back the same. */
static void
check_still_works (guestfs_h *g, const char *data)
{
  char *small, *back;
  if (asprintf (&small, "%s/small", data) == -1 || asprintf (&back, "%s/back", data) == -1)
    exit (2);
  ft_random_file (small, 65536, (unsigned) ft_now_ms ());
  if (guestfs_ping_daemon (g) == -1)
    ft_fail ("ping_daemon after the cancel: %s", guestfs_last_error (g));
  else if (guestfs_blockdev_getsize64 (g, "/dev/sda") != DISK)
    ft_fail ("blockdev_getsize64 after the cancel: %s", guestfs_last_error (g));
  else if (guestfs_upload (g, small, "/dev/sda") == -1)
    ft_fail ("upload after the cancel: %s", guestfs_last_error (g));
  else if (guestfs_download_offset (g, "/dev/sda", back, 0, 65536) == -1)
    ft_fail ("download_offset after the cancel: %s", guestfs_last_error (g));
  else if (!ft_same_contents (small, back))
    ft_fail ("the 64 KiB uploaded after the cancel read back differently");
  unlink (back);
  free (small);
  free (back);
}

static void
run (void *unused)
{
  (void) unused;
  struct ft_baseline b;
  struct canceller c;
  char *data = ft_mkdtemp ("cancel-data"), *big, *out;
  if (asprintf (&big, "%s/big", data) == -1 || asprintf (&out, "%s/out", data) == -1)
    exit (2);
  ft_baseline_begin (&b);
  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  int launched = guestfs_add_drive_scratch (g, DISK, -1) == 0 && guestfs_launch (g) == 0;
  if (launched)
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));

  ft_case ("user-cancel-upload");
  if (!launched)
    ft_fail ("launch failed: %s", guestfs_last_error (g));
  else {
    if (ft_sparse_file (big, 200 << 20) == -1)
      ft_fail ("cannot create %s", big);
    start_canceller (&c, g, big, FT_UPLOADED);
    double t0 = ft_now_ms ();
    int r = guestfs_upload (g, big, "/dev/sda");
    double took = ft_now_ms () - t0;
    check_cancelled (g, "upload", r, took, &c);
    check_still_works (g, data);
  }
  ft_end ();

  ft_case ("user-cancel-download");
  if (!launched)
    ft_fail ("launch failed");
  else {
    unlink (out);               /* the trigger watches this file grow */
    start_canceller (&c, g, out, FT_DOWNLOADED);
    double t0 = ft_now_ms ();
    int r = guestfs_download (g, "/dev/sda", out);
    double took = ft_now_ms () - t0;
    check_cancelled (g, "download", r, took, &c);
    check_still_works (g, data);
  }
  ft_end ();

  ft_case ("user-cancel-while-idle");
  if (!launched)
    ft_fail ("launch failed");
  else {
    if (guestfs_user_cancel (g) != 0)
      ft_fail ("guestfs_user_cancel while idle did not return 0");
    check_still_works (g, data);
  }
  ft_end ();

  ft_case ("user-cancel-close-leaks-nothing");
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();
  ft_rm_rf (data);
}

int
main (void)
{
  ft_init ();
  ft_isolated ("user-cancel", 140, run, NULL);
  ft_final_checks ("user-cancel");
  return ft_exit_status ();
}
