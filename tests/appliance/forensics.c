/* The Sleuth Kit's walks through libtsk (filesystem_walk, find_inode) on ext4, NTFS and
 * FAT, with deleted files, a symlink and a FIFO; and YARA through libyara (yara_load of
 * source and of yarac-compiled rules, yara_scan, yara_destroy) with their errors.
 *
 * Walk entries are printed sorted by name.  Inode numbers of allocated entries are
 * checked against statns and printed as "stat" (ext4 places directories by a hash
 * seeded at mkfs time); times are checked for range, not printed.
 *
 * Not covered on purpose: results with no entry at all.  1.48.6's library fails on an
 * empty stream (find_inode with no error message, yara_scan with
 * "deserialise_yara_detection_list: Success"), where guestfs-rs returns an empty list. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

#define RULES_SOURCE \
  "rule TestRule\n{\n    strings:\n        $t = \"some text\"\n    condition:\n        $t\n}\n" \
  "rule Hello { strings: $h = \"hello\" condition: $h }\n"

static int
by_name (const void *a, const void *b)
{
  const struct guestfs_tsk_dirent *x = a, *y = b;
  return strcmp (x->tsk_name, y->tsk_name);
}

/* Checks the time fields of an entry for range. */
static void
check_times (const struct guestfs_tsk_dirent *d)
{
  const int64_t nsec[] = { d->tsk_atime_nsec, d->tsk_mtime_nsec, d->tsk_ctime_nsec, d->tsk_crtime_nsec };
  for (size_t i = 0; i < 4; i++)
    CHECK (nsec[i] >= 0 && nsec[i] < 1000000000);
  CHECK (d->tsk_atime_sec >= 0 && d->tsk_mtime_sec >= 0 && d->tsk_ctime_sec >= 0);
  CHECK (d->tsk_spare1 == 0);
}

/* Prints a dirent list sorted by name.  With MOUNTED, allocated entries' inodes are
 * compared with statns of "/NAME" (the filesystem is mounted at /). */
static void
print_dirents (guestfs_h *g, const char *what, struct guestfs_tsk_dirent_list *l, int mounted)
{
  if (!r_ok (g, what, l == NULL))
    return;
  qsort (l->val, l->len, sizeof l->val[0], by_name);
  t_out ("%s = %u entries", what, l->len);
  for (size_t i = 0; i < l->len; i++) {
    const struct guestfs_tsk_dirent *d = &l->val[i];
    char ino[32];
    snprintf (ino, sizeof ino, "%llu", (unsigned long long) d->tsk_inode);
    if (mounted && (d->tsk_flags & 1) && d->tsk_name[0] != '$' && strcmp (d->tsk_name, ".") != 0) {
      char *path;
      struct guestfs_statns *s;
      if (asprintf (&path, "/%s", d->tsk_name) < 0) abort ();
      s = guestfs_lstatns (g, path);
      if (s && (uint64_t) s->st_ino == d->tsk_inode)
        strcpy (ino, "stat");
      guestfs_free_statns (s);
      free (path);
    }
    check_times (d);
    t_out ("  %s inode=%s type=%c flags=%u size=%lld nlink=%lld link=\"%s\"", d->tsk_name, ino, d->tsk_type,
           d->tsk_flags, (long long) d->tsk_size, (long long) d->tsk_nlink, d->tsk_link);
  }
  guestfs_free_tsk_dirent_list (l);
}

/* The inode number of a guest path, or -1. */
static int64_t
inode_of (guestfs_h *g, const char *path)
{
  struct guestfs_statns *s = guestfs_lstatns (g, path);
  int64_t ino = s ? s->st_ino : -1;
  guestfs_free_statns (s);
  return ino;
}

/* FSTYPE on /dev/sda1 with /keep.txt, /sub/other.txt and /sub/gone.txt (deleted), and
 * with EXTRAS a symlink and a FIFO; unmounted at the end.  The sync before the rm puts
 * gone.txt's size on disk (FAT keeps it in the directory entry, written back lazily), so
 * what the deleted entry shows does not depend on writeback timing. */
static int
make_fs (guestfs_h *g, const char *fstype, int extras)
{
  if (init_partition (g) == -1 || guestfs_mkfs (g, fstype, "/dev/sda1") == -1 ||
      guestfs_mount (g, "/dev/sda1", "/") == -1 || guestfs_mkdir (g, "/sub") == -1 ||
      guestfs_write (g, "/keep.txt", "hello", 5) == -1 ||
      guestfs_write (g, "/sub/gone.txt", "bye bye", 7) == -1 ||
      guestfs_write (g, "/sub/other.txt", "other", 5) == -1 ||
      (extras && (guestfs_ln_s (g, "../keep.txt", "/sub/link") == -1 || guestfs_mkfifo (g, 0644, "/fifo") == -1)) ||
      guestfs_sync (g) == -1 || guestfs_rm (g, "/sub/gone.txt") == -1 || guestfs_umount (g, "/") == -1) {
    t_out ("!! FIXTURE FAILED %s: %s", fstype, guestfs_last_error (g));
    return -1;
  }
  return 0;
}

/* Walks /dev/sda1 unmounted, then prints the entries with the filesystem mounted
 * read-only (for the inode comparison). */
static void
walk_and_print (guestfs_h *g)
{
  struct guestfs_tsk_dirent_list *l = guestfs_filesystem_walk (g, "/dev/sda1");
  int mounted = guestfs_mount_ro (g, "/dev/sda1", "/") == 0;
  print_dirents (g, "filesystem_walk (\"/dev/sda1\")", l, mounted);
  if (mounted)
    guestfs_umount (g, "/");
}

int
main (void)
{
  static const int64_t disks[] = { 128, 0 };
  guestfs_h *g = t_launch (disks);

  if (t_case ("available")) {
    CHECK (I (guestfs_feature_available (g, (char *[]) { "libtsk", "libyara", "sleuthkit", NULL })) == 1);
    I (guestfs_available (g, (char *[]) { "libtsk", "libyara", NULL }));
  }

  if (t_case ("ext4_walk")) {
    if (make_fs (g, "ext4", 1) == 0) {
      int64_t ino;
      walk_and_print (g);
      I (guestfs_mount_ro (g, "/dev/sda1", "/"));
      ino = inode_of (g, "/sub/other.txt");
      I (guestfs_umount (g, "/"));
      CHECK (ino > 0);
      {
        struct guestfs_tsk_dirent_list *l = guestfs_find_inode (g, "/dev/sda1", ino);
        CHECK (l != NULL && l->len == 1 && strcmp (l->val[0].tsk_name, "sub/other.txt") == 0);
        print_dirents (g, "find_inode (\"/dev/sda1\", <sub/other.txt>)", l, 0);
      }
      print_dirents (g, "find_inode (\"/dev/sda1\", 2)", guestfs_find_inode (g, "/dev/sda1", 2), 0);
    }
  }

  if (t_case ("ntfs_walk_deleted")) {
    if (make_fs (g, "ntfs", 0) == 0) {
      struct guestfs_tsk_dirent_list *l;
      walk_and_print (g);
      l = guestfs_find_inode (g, "/dev/sda1", 0);
      CHECK (l != NULL && l->len == 1 && strcmp (l->val[0].tsk_name, "$MFT") == 0);
      print_dirents (g, "find_inode (\"/dev/sda1\", 0)", l, 0);
    }
  }

  if (t_case ("fat_walk_deleted")) {
    if (make_fs (g, "vfat", 0) == 0)
      walk_and_print (g);
  }

  if (t_case ("walk_errors")) {
    init_partition (g);
    I (guestfs_zero (g, "/dev/sda1"));
    print_dirents (g, "filesystem_walk (\"/dev/sda1\")", guestfs_filesystem_walk (g, "/dev/sda1"), 0);
    print_dirents (g, "find_inode (\"/dev/sda1\", 2)", guestfs_find_inode (g, "/dev/sda1", 2), 0);
    print_dirents (g, "filesystem_walk (\"/dev/sdz1\")", guestfs_filesystem_walk (g, "/dev/sdz1"), 0);
    print_dirents (g, "filesystem_walk (\"/dev/sda9\")", guestfs_filesystem_walk (g, "/dev/sda9"), 0);
  }

  if (t_case ("yara")) {
    char *src = t_path ("rules.yar"), *compiled = t_path ("rules.yarc"), *bad = t_path ("bad.yar"), *cmd;
    const char *bad_rules = "rule Bad { condition: nosuch and $x }\nrule Bad2 { strings: $a = \"x\" condition: }\n";
    init_basic_fs (g);
    I (guestfs_write (g, "/text.txt", "some text", 9));
    I (guestfs_write (g, "/both.txt", "hello, some text", 16));
    I (guestfs_mkdir (g, "/dir"));
    CHECK (t_write_local ("rules.yar", RULES_SOURCE, strlen (RULES_SOURCE)) == 0);
    CHECK (t_write_local ("bad.yar", bad_rules, strlen (bad_rules)) == 0);
    /* Compiled rules come from the host's yarac (the same libyara release). */
    if (asprintf (&cmd, "yarac '%s' '%s'", src, compiled) < 0) abort ();
    CHECK (system (cmd) == 0);
    free (cmd);

    I (guestfs_yara_destroy (g));
    {
      struct guestfs_yara_detection_list *l = guestfs_yara_scan (g, "/text.txt");
      r_ok (g, "yara_scan (\"/text.txt\")", l == NULL);
      guestfs_free_yara_detection_list (l);
    }
    for (int round = 0; round < 2; round++) {
      const char *files[] = { "/text.txt", "/both.txt", NULL };
      CHECK (r_int (g, round ? "yara_load (<compiled rules>)" : "yara_load (<source rules>)",
                    guestfs_yara_load (g, round ? compiled : src)) == 0);
      for (size_t f = 0; files[f]; f++) {
        struct guestfs_yara_detection_list *l = guestfs_yara_scan (g, files[f]);
        char what[64];
        snprintf (what, sizeof what, "yara_scan (\"%s\")", files[f]);
        if (!r_ok (g, what, l == NULL))
          continue;
        CHECK (l->len >= 1);
        t_out ("%s = %u detections", what, l->len);
        for (size_t i = 0; i < l->len; i++)
          t_out ("  %s %s", l->val[i].yara_name, l->val[i].yara_rule);
        guestfs_free_yara_detection_list (l);
      }
    }
    {
      struct guestfs_yara_detection_list *l = guestfs_yara_scan (g, "/nonexistent");
      r_ok (g, "yara_scan (\"/nonexistent\")", l == NULL);
      guestfs_free_yara_detection_list (l);
      l = guestfs_yara_scan (g, "/dir");
      r_ok (g, "yara_scan (\"/dir\")", l == NULL);
      guestfs_free_yara_detection_list (l);
    }
    I (guestfs_yara_load (g, bad));
    {
      /* A failed load leaves no rules behind. */
      struct guestfs_yara_detection_list *l = guestfs_yara_scan (g, "/text.txt");
      r_ok (g, "yara_scan (\"/text.txt\") after a failed load", l == NULL);
      guestfs_free_yara_detection_list (l);
    }
    I (guestfs_yara_load (g, src));
    I (guestfs_yara_destroy (g));
    I (guestfs_yara_destroy (g));
    free (src);
    free (compiled);
    free (bad);
  }

  return t_finish (g);
}
