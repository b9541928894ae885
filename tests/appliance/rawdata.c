/* Reading filesystems below the file level: download_inode and download_blocks (The
 * Sleuth Kit's icat and blkls), ntfscat_i, and f2fs_expand; with their argument errors.
 * Also the deprecated sfdisk, sfdisk_N and sfdiskM. */
#define _GNU_SOURCE
/* The deprecated sfdisk calls are tested too. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

#define PATTERN "guestfs-rs raw data test pattern\n"

/* Prints the size of a local file and whether it holds PATTERN. */
static void
print_local (const char *name)
{
  size_t len = 0;
  char *data = t_read_local (name, &len);
  t_out ("local %s: %s, %zu bytes, pattern %s", name, data ? "present" : "missing", len,
         data && memmem (data, len, PATTERN, strlen (PATTERN)) ? "found" : "absent");
  free (data);
}

/* The inode number of a guest file. */
static int64_t
inode_of (guestfs_h *g, const char *path)
{
  struct guestfs_statns *s = guestfs_statns (g, path);
  int64_t ino = s ? s->st_ino : -1;
  guestfs_free_statns (s);
  return ino;
}

/* Makes a FSTYPE filesystem on /dev/sda1 holding /f = PATTERN, unmounted again;
 * returns the inode number of /f. */
static int64_t
fs_with_file (guestfs_h *g, const char *fstype)
{
  int64_t ino;
  init_partition (g);
  I (guestfs_mkfs (g, fstype, "/dev/sda1"));
  I (guestfs_mount (g, "/dev/sda1", "/"));
  I (guestfs_write (g, "/f", PATTERN, strlen (PATTERN)));
  ino = inode_of (g, "/f");
  CHECK (ino > 0);
  I (guestfs_umount (g, "/"));
  return ino;
}

int
main (void)
{
  static const int64_t disks[] = { 256, 0 };
  guestfs_h *g = t_launch (disks);
  char *out = t_path ("out");

  if (t_case ("ext4_inode_and_blocks")) {
    int64_t ino = fs_with_file (g, "ext4");
    CHECK (guestfs_download_inode (g, "/dev/sda1", ino, out) == 0);
    print_local ("out");
    I (guestfs_download_inode (g, "/dev/sda1", -1, out));
    I (guestfs_download_blocks (g, "/dev/sda1", 0, 64, out, -1));
    print_local ("out");
    I (guestfs_download_blocks (g, "/dev/sda1", 0, 64, out, GUESTFS_DOWNLOAD_BLOCKS_UNALLOCATED, 1, -1));
    I (guestfs_download_blocks (g, "/dev/sda1", -1, 64, out, -1));
    I (guestfs_download_blocks (g, "/dev/sda1", 10, 10, out, -1));
    I (guestfs_download_inode (g, "/dev/sda1", 999999, out));
  }

  if (t_case ("ntfscat_i")) {
    int64_t ino = fs_with_file (g, "ntfs");
    CHECK (guestfs_ntfscat_i (g, "/dev/sda1", ino, out) == 0);
    print_local ("out");
    I (guestfs_ntfscat_i (g, "/dev/sda1", -1, out));
  }

  if (t_case ("f2fs_expand")) {
    init_empty (g);
    I (guestfs_part_init (g, "/dev/sda", "mbr"));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, 204799));
    I (guestfs_mkfs (g, "f2fs", "/dev/sda1"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sda1"));
    I (guestfs_part_del (g, "/dev/sda", 1));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, -2048));
    I (guestfs_f2fs_expand (g, "/dev/sda1"));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    PS (guestfs_vfs_type (g, "/dev/sda1"));
    I (guestfs_umount (g, "/"));
    I (guestfs_f2fs_expand (g, "/dev/sda"));
  }

  if (t_case ("sfdisk_deprecated")) {
    struct guestfs_partition_list *l;
    init_empty (g);
    I (guestfs_sfdisk (g, "/dev/sda", 0, 0, 0, (char *[]) { ",204800,L", ",,L", NULL }));
    l = guestfs_part_list (g, "/dev/sda");
    if (r_ok (g, "part_list", l == NULL)) {
      for (size_t i = 0; i < l->len; i++)
        t_out ("  part %d start %lld size %lld", l->val[i].part_num, (long long) l->val[i].part_start,
               (long long) l->val[i].part_size);
      guestfs_free_partition_list (l);
    }
    I (guestfs_sfdisk_N (g, "/dev/sda", 2, 0, 0, 0, ",102400,L"));
    PL (guestfs_list_partitions (g));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sda2"));
    I (guestfs_sfdiskM (g, "/dev/sda", (char *[]) { ",50", ",", NULL }));
    I (guestfs_sfdisk (g, "/dev/sda", 0, 0, 0, (char *[]) { "garbage", NULL }));
  }

  free (out);
  return t_finish (g);
}
