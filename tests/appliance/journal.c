/* The journal_* calls on a real systemd journal: libguestfs's test journal (from its
 * source, located by run.sh in APPTEST_HIVES's directory) is unpacked into an ext4
 * filesystem and read entry by entry, with skips, timestamps, the data threshold and the
 * calls' errors. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

/* Prints the fields of the current entry (values cut at 60 bytes, as text). */
static void
print_entry (guestfs_h *g)
{
  struct guestfs_xattr_list *l = guestfs_journal_get (g);
  size_t i;
  if (!r_ok (g, "journal_get", l == NULL))
    return;
  t_out ("journal_get = %u fields", l->len);
  for (i = 0; i < l->len; i++) {
    int n = l->val[i].attrval_len > 60 ? 60 : (int) l->val[i].attrval_len;
    t_out ("  %s=%.*s%s", l->val[i].attrname, n, l->val[i].attrval, l->val[i].attrval_len > 60 ? "..." : "");
  }
  guestfs_free_xattr_list (l);
}

int
main (void)
{
  static const int64_t disks[] = { 128, 0 };
  guestfs_h *g = t_launch (disks);
  const char *dir = getenv ("APPTEST_HIVES");
  char *tarball = NULL;

  if (dir && asprintf (&tarball, "%s/fedora-journal.tar.xz", dir) < 0) abort ();

  if (t_case ("no_handle")) {
    I (guestfs_journal_next (g));
    I (guestfs_journal_close (g));
    I64 (guestfs_journal_skip (g, 1));
    I64 (guestfs_journal_get_realtime_usec (g));
    I64 (guestfs_journal_get_data_threshold (g));
    struct guestfs_xattr_list *l = guestfs_journal_get (g);
    r_ok (g, "journal_get", l == NULL);
    guestfs_free_xattr_list (l);
  }

  if (t_case ("read")) {
    init_basic_fs (g);
    I (guestfs_mkdir_p (g, "/var/log/journal"));
    if (!tarball)
      t_out ("!! FIXTURE FAILED APPTEST_HIVES is not set");
    else if (guestfs_tar_in_opts (g, tarball, "/var/log/journal", GUESTFS_TAR_IN_OPTS_COMPRESS, "xz", -1) == -1)
      t_out ("!! FIXTURE FAILED tar_in: %s", guestfs_last_error (g));
    I (guestfs_journal_open (g, "/var/log/journal"));
    I64 (guestfs_journal_get_data_threshold (g));
    I (guestfs_journal_next (g));
    I64 (guestfs_journal_get_realtime_usec (g));
    print_entry (g);
    I64 (guestfs_journal_skip (g, 10));
    I64 (guestfs_journal_get_realtime_usec (g));
    print_entry (g);
    I64 (guestfs_journal_skip (g, -3));
    I64 (guestfs_journal_get_realtime_usec (g));
    I64 (guestfs_journal_skip (g, 0));
    I (guestfs_journal_set_data_threshold (g, 16));
    I64 (guestfs_journal_get_data_threshold (g));
    print_entry (g);
    I (guestfs_journal_set_data_threshold (g, 0));
    /* Count the rest of the entries. */
    {
      long n = 0;
      int r;
      while ((r = guestfs_journal_next (g)) == 1) n++;
      t_out ("remaining entries = %ld, last journal_next = %d", n, r);
    }
    I64 (guestfs_journal_skip (g, 5));
    I (guestfs_journal_close (g));
    I (guestfs_journal_close (g));
  }

  if (t_case ("open_errors")) {
    init_basic_fs (g);
    I (guestfs_journal_open (g, "/nosuch"));
    I (guestfs_journal_next (g));
    I (guestfs_mkdir (g, "/empty"));
    I (guestfs_journal_open (g, "/empty"));
    I (guestfs_journal_next (g));
    I (guestfs_journal_close (g));
  }

  free (tarball);
  return t_finish (g);
}
