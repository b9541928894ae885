/* A full guest filesystem: a 20 MB ext4 filled by uploads and then by writes until the
 * daemon runs out of space.  The failing call must give a clear error with ENOSPC, the
 * handle must stay usable, and the files written before must be intact.
 * (Stricter than 1.48 for upload: its daemon answers "write error: <path>" with no errno;
 * the requirement here is a clear ENOSPC.) */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

static const char keep[] = "precious data, written before the disk filled up\n";

static void
check_enospc (guestfs_h *g, const char *call, int tries)
{
  const char *err = guestfs_last_error (g);
  int errnum = guestfs_last_errno (g);
  ft_note ("%s failed after %d successes: errno %d, error: %s", call, tries, errnum,
           err ? err : "(null)");
  if (errnum != ENOSPC)
    ft_fail ("%s errno is %d (%s), expected ENOSPC; message: %s", call, errnum,
             strerror (errnum), err ? err : "(null)");
  if (!err || !strstr (err, "No space left on device"))
    ft_fail ("%s error \"%s\" does not say \"No space left on device\"", call, err ? err : "(null)");
  if (guestfs_get_state (g) != 2)
    ft_fail ("state after %s failed is %d, expected 2 (READY)", call, guestfs_get_state (g));
}

static void
run (void *unused)
{
  (void) unused;
  struct ft_baseline b;
  char *data = ft_mkdtemp ("enospc-data"), *early, *chunk, *back;
  if (asprintf (&early, "%s/early", data) == -1 || asprintf (&chunk, "%s/chunk", data) == -1
      || asprintf (&back, "%s/back", data) == -1)
    exit (2);
  ft_random_file (early, 1 << 20, 1);
  ft_random_file (chunk, 4 << 20, 2);
  ft_baseline_begin (&b);
  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  int ready = guestfs_add_drive_scratch (g, 20 << 20, -1) == 0 && guestfs_launch (g) == 0;
  if (ready)
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));
  ready = ready && guestfs_mkfs (g, "ext4", "/dev/sda") == 0
    && guestfs_mount (g, "/dev/sda", "/") == 0
    && guestfs_write (g, "/keep", keep, sizeof keep - 1) == 0
    && guestfs_upload (g, early, "/early") == 0;
  const char *setup_error = ready ? NULL : guestfs_last_error (g);

  ft_case ("enospc-upload");
  if (!ready)
    ft_fail ("setting up the 20 MB ext4 failed: %s", setup_error);
  else {
    int i;
    for (i = 0; i < 20; i++) {
      char name[32];
      snprintf (name, sizeof name, "/up%d", i);
      if (guestfs_upload (g, chunk, name) == -1)
        break;
    }
    if (i == 20)
      ft_fail ("20 uploads of 4 MiB into a 20 MB filesystem all succeeded");
    else
      check_enospc (g, "upload", i);
  }
  ft_end ();

  ft_case ("enospc-write");
  if (!ready)
    ft_fail ("skipped: no filesystem");
  else {
    /* Whatever room the failed upload left, 1 MiB writes use it up. */
    char *buf = calloc (1, 1 << 20);
    int i;
    for (i = 0; i < 30; i++) {
      char name[32];
      snprintf (name, sizeof name, "/w%d", i);
      if (guestfs_write (g, name, buf, 1 << 20) == -1)
        break;
    }
    if (i == 30)
      ft_fail ("30 writes of 1 MiB into a full 20 MB filesystem all succeeded");
    else
      check_enospc (g, "write", i);
    free (buf);
  }
  ft_end ();

  ft_case ("enospc-earlier-files-intact");
  if (!ready)
    ft_fail ("skipped: no filesystem");
  else {
    size_t size;
    char *got = guestfs_read_file (g, "/keep", &size);
    if (!got || size != sizeof keep - 1 || memcmp (got, keep, size) != 0)
      ft_fail ("/keep reads back wrong: %s", got ? "different contents" : guestfs_last_error (g));
    free (got);
    if (guestfs_download (g, "/early", back) == -1)
      ft_fail ("download /early: %s", guestfs_last_error (g));
    else if (!ft_same_contents (early, back))
      ft_fail ("/early (1 MiB uploaded before the disk filled) reads back differently");
  }
  ft_end ();

  ft_case ("enospc-handle-usable");
  if (!ready)
    ft_fail ("skipped: no filesystem");
  else {
    /* Free the space again: writing works again. */
    if (guestfs_rm_rf (g, "/up0") == -1 || guestfs_rm_rf (g, "/up1") == -1)
      ft_fail ("rm after ENOSPC: %s", guestfs_last_error (g));
    else if (guestfs_sync (g) == -1 || guestfs_write (g, "/after", keep, sizeof keep - 1) == -1)
      ft_fail ("write after freeing space: %s", guestfs_last_error (g));
    else if (guestfs_upload (g, early, "/early2") == -1)
      ft_fail ("upload after freeing space: %s", guestfs_last_error (g));
    else if (guestfs_umount_all (g) == -1)
      ft_fail ("umount_all: %s", guestfs_last_error (g));
  }
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();
  ft_rm_rf (data);
}

int
main (void)
{
  ft_init ();
  ft_isolated ("enospc", 140, run, NULL);
  ft_final_checks ("enospc");
  return ft_exit_status ();
}
