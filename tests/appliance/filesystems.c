/* mkfs (each type, with optargs), mkswap, labels, UUIDs, blkid, and mounting. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

/* vfat volume ids are random "XXXX-XXXX": keep only their shape. */
static void
print_vfat_uuid (guestfs_h *g, const char *dev)
{
  char what[96];
  char *u = guestfs_vfs_uuid (g, dev);
  snprintf (what, sizeof what, "vfs_uuid (\"%s\")", dev);
  if (!r_ok (g, what, u == NULL))
    return;
  t_out ("%s = \"%s\"", what,
         strlen (u) == 9 && u[4] == '-' ? "XXXX-XXXX" : u);
  free (u);
}

static void
print_statvfs (guestfs_h *g, const char *path)
{
  char what[96];
  struct guestfs_statvfs *s = guestfs_statvfs (g, path);
  snprintf (what, sizeof what, "statvfs (\"%s\")", path);
  if (!r_ok (g, what, s == NULL))
    return;
  t_out ("%s = bsize=%lld frsize=%lld blocks=%lld namemax=%lld", what,
         (long long) s->bsize, (long long) s->frsize, (long long) s->blocks,
         (long long) s->namemax);
  CHECK (s->blocks > 0 && s->bfree <= s->blocks && s->bavail <= s->bfree);
  guestfs_free_statvfs (s);
}

/* Formats /dev/sda1 as `type`, and checks type, label and that it mounts and holds a
 * file.  `label` may be NULL. */
static void
mkfs_roundtrip (guestfs_h *g, const char *type, const char *label)
{
  char *t, *content;
  init_partition (g);
  if (label)
    r_int (g, "mkfs_opts (type, \"/dev/sda1\", LABEL, label)",
           guestfs_mkfs_opts (g, type, "/dev/sda1", GUESTFS_MKFS_OPTS_LABEL, label, -1));
  else
    r_int (g, "mkfs (type, \"/dev/sda1\")", guestfs_mkfs (g, type, "/dev/sda1"));
  t = r_str (g, "vfs_type (\"/dev/sda1\")", guestfs_vfs_type (g, "/dev/sda1"));
  if (t) CHECK (strcmp (t, type) == 0 ||
                ((strcmp (type, "fat") == 0 || strcmp (type, "msdos") == 0) && strcmp (t, "vfat") == 0));
  free (t);
  PS (guestfs_vfs_label (g, "/dev/sda1"));
  I (guestfs_mount (g, "/dev/sda1", "/"));
  I (guestfs_write (g, "/hello", "hello, world\n", 13));
  content = guestfs_cat (g, "/hello");
  CHECK (content && strcmp (content, "hello, world\n") == 0);
  free (content);
  I (guestfs_umount (g, "/"));
}

int
main (void)
{
  static const int64_t disks[] = { 1024, 256, 64, 0 };
  guestfs_h *g = t_launch (disks);

  if (t_case ("mkfs_ext2")) mkfs_roundtrip (g, "ext2", NULL);
  if (t_case ("mkfs_ext3")) mkfs_roundtrip (g, "ext3", "EXT3LABEL");
  if (t_case ("mkfs_ext4")) mkfs_roundtrip (g, "ext4", "ext4label");
  if (t_case ("mkfs_xfs")) mkfs_roundtrip (g, "xfs", "xfslabel");
  if (t_case ("mkfs_vfat")) {
    mkfs_roundtrip (g, "vfat", "VFATLABEL");
    print_vfat_uuid (g, "/dev/sda1");
  }
  if (t_case ("mkfs_btrfs")) mkfs_roundtrip (g, "btrfs", "btrfslabel");
  /* The rarer filesystems 1.48's appliance can make and mount: their tools and modules
   * (loaded on demand) must be in ours too. */
  if (t_case ("mkfs_msdos")) mkfs_roundtrip (g, "msdos", NULL);
  if (t_case ("mkfs_minix")) mkfs_roundtrip (g, "minix", NULL);
  if (t_case ("mkfs_exfat")) mkfs_roundtrip (g, "exfat", NULL);
  if (t_case ("mkfs_bfs")) mkfs_roundtrip (g, "bfs", NULL);
  if (t_case ("filesystem_available")) {
    static const char *fs[] = {
      "adfs", "affs", "befs", "bfs", "btrfs", "cramfs", "efs", "erofs", "exfat", "ext2",
      "ext4", "freevxfs", "gfs2", "hfs", "hfsplus", "hpfs", "iso9660", "jfs", "minix",
      "msdos", "nilfs2", "ntfs", "ntfs3", "omfs", "qnx4", "qnx6", "reiserfs", "romfs",
      "squashfs", "sysv", "udf", "ufs", "vfat", "xfs", "zfs", NULL
    };
    size_t i;
    for (i = 0; fs[i]; i++) {
      char what[64];
      snprintf (what, sizeof what, "filesystem_available (\"%s\")", fs[i]);
      r_int (g, what, guestfs_filesystem_available (g, fs[i]));
    }
  }

  if (t_case ("mkfs_optargs")) {
    init_partition (g);
    I (guestfs_mkfs_opts (g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_BLOCKSIZE, 1024,
                          GUESTFS_MKFS_OPTS_INODE, 256, -1));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    print_statvfs (g, "/");
    I (guestfs_umount_all (g));
    I (guestfs_mkfs_opts (g, "ext2", "/dev/sda1", GUESTFS_MKFS_OPTS_BLOCKSIZE, 4096,
                          GUESTFS_MKFS_OPTS_FEATURES, "^has_journal", -1));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    print_statvfs (g, "/");
    I (guestfs_umount_all (g));
    I (guestfs_mkfs_opts (g, "vfat", "/dev/sda1", GUESTFS_MKFS_OPTS_BLOCKSIZE, 4096, -1));
    I (guestfs_mkfs_opts (g, "xfs", "/dev/sda1", GUESTFS_MKFS_OPTS_BLOCKSIZE, 4096, -1));
    I (guestfs_mkfs_opts (g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_BLOCKSIZE, 1000, -1));
    I (guestfs_mkfs_opts (g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_SECTORSIZE, 512, -1));
    I (guestfs_mkfs_opts (g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_LABEL,
                          "a-label-that-is-much-too-long-for-ext", -1));
  }

  if (t_case ("mkfs_errors")) {
    init_partition (g);
    I (guestfs_mkfs (g, "nosuchfs", "/dev/sda1"));
    I (guestfs_mkfs (g, "ext4", "/dev/sdz1"));
    I (guestfs_mkfs (g, "ext4", "/dev/sda1"));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    I (guestfs_mkfs (g, "ext4", "/dev/sda1"));
  }

  if (t_case ("mkswap")) {
    init_partition (g);
    I (guestfs_mkswap (g, "/dev/sda1"));
    PS (guestfs_vfs_type (g, "/dev/sda1"));
    PS (guestfs_vfs_label (g, "/dev/sda1"));
    PS (guestfs_vfs_uuid (g, "/dev/sda1"));
    I (guestfs_mkswap_opts (g, "/dev/sda1", GUESTFS_MKSWAP_OPTS_LABEL, "swaplabel",
                            GUESTFS_MKSWAP_OPTS_UUID, "12345678-1234-1234-1234-123456789012", -1));
    PS (guestfs_vfs_label (g, "/dev/sda1"));
    {
      char *u = r_str (g, "vfs_uuid (\"/dev/sda1\") [given]", guestfs_vfs_uuid (g, "/dev/sda1"));
      CHECK (u && strcmp (u, "12345678-1234-1234-1234-123456789012") == 0);
      free (u);
    }
    I (guestfs_mkswap (g, "/dev/sdz"));
  }

  if (t_case ("set_label")) {
    static const char *types[] = { "ext4", "xfs", "vfat", "btrfs", NULL };
    size_t i;
    for (i = 0; types[i]; i++) {
      char *l;
      init_partition (g);
      r_int (g, "mkfs (type, \"/dev/sda1\")", guestfs_mkfs (g, types[i], "/dev/sda1"));
      I (guestfs_set_label (g, "/dev/sda1", "NEWLABEL"));
      l = r_str (g, "vfs_label (\"/dev/sda1\")", guestfs_vfs_label (g, "/dev/sda1"));
      CHECK (l && strcmp (l, "NEWLABEL") == 0);
      free (l);
    }
    I (guestfs_mkswap (g, "/dev/sda1"));
    I (guestfs_set_label (g, "/dev/sda1", "swapper"));
    PS (guestfs_vfs_label (g, "/dev/sda1"));
    I (guestfs_set_label (g, "/dev/sdz1", "x"));
  }

  if (t_case ("set_label_too_long")) {
    init_partition (g);
    I (guestfs_mkfs (g, "ext4", "/dev/sda1"));
    I (guestfs_set_label (g, "/dev/sda1", "a-label-that-is-much-too-long-for-ext"));
  }

  if (t_case ("vfs_uuid_blkid")) {
    char *u;
    init_partition (g);
    I (guestfs_mkfs_opts (g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_LABEL, "blk", -1));
    u = r_str (g, "vfs_uuid (\"/dev/sda1\")", guestfs_vfs_uuid (g, "/dev/sda1"));
    CHECK (u && strlen (u) == 36);
    free (u);
    PH (guestfs_blkid (g, "/dev/sda1"));
    PH (guestfs_blkid (g, "/dev/sda"));
    PH (guestfs_blkid (g, "/dev/sdz"));
    PS (guestfs_vfs_type (g, "/dev/sdc"));
    PS (guestfs_vfs_label (g, "/dev/sdc"));
    PS (guestfs_vfs_uuid (g, "/dev/sdc"));
  }

  if (t_case ("mount_umount")) {
    init_basic_fs (g);
    PL (guestfs_mounts (g));
    PH (guestfs_mountpoints (g));
    I (guestfs_mkdir (g, "/mnt"));
    I (guestfs_mkfs (g, "ext4", "/dev/sdc"));
    I (guestfs_mount (g, "/dev/sdc", "/mnt"));
    PL (guestfs_mounts (g));
    PH (guestfs_mountpoints (g));
    I (guestfs_write (g, "/mnt/f", "on sdc", 6));
    I (guestfs_umount (g, "/mnt"));
    CHECK (I (guestfs_exists (g, "/mnt/f")) == 0);
    I (guestfs_mount (g, "/dev/sdc", "/mnt"));
    CHECK (I (guestfs_exists (g, "/mnt/f")) == 1);
    I (guestfs_umount (g, "/dev/sdc"));
    PL (guestfs_mounts (g));
    I (guestfs_umount_all (g));
    PL (guestfs_mounts (g));
    PH (guestfs_mountpoints (g));
  }

  if (t_case ("mount_errors")) {
    init_partition (g);
    I (guestfs_mount (g, "/dev/sda1", "/"));
    I (guestfs_mkfs (g, "ext4", "/dev/sda1"));
    I (guestfs_mount (g, "/dev/sda1", "/nosuchdir"));
    I (guestfs_mount (g, "/dev/sdz1", "/"));
    I (guestfs_mount (g, "/dev/sda1", "relative"));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    I (guestfs_umount (g, "/"));
    I (guestfs_umount (g, "/"));
    I (guestfs_umount_all (g));
  }

  if (t_case ("umount_errors")) {
    init_basic_fs (g);
    I (guestfs_umount (g, "/nosuchdir"));
    I (guestfs_umount (g, "/dev/sdc"));
  }

  if (t_case ("mount_ro")) {
    init_basic_fs (g);
    I (guestfs_write (g, "/f", "data", 4));
    I (guestfs_umount (g, "/"));
    I (guestfs_mount_ro (g, "/dev/sda1", "/"));
    PS (guestfs_cat (g, "/f"));
    I (guestfs_touch (g, "/g"));
    I (guestfs_write (g, "/f", "new", 3));
    I (guestfs_mkdir (g, "/d"));
    PL (guestfs_mounts (g));
  }

  if (t_case ("mount_options")) {
    init_basic_fs (g);
    I (guestfs_umount (g, "/"));
    I (guestfs_mount_options (g, "ro", "/dev/sda1", "/"));
    I (guestfs_touch (g, "/g"));
    I (guestfs_umount (g, "/"));
    I (guestfs_mount_options (g, "", "/dev/sda1", "/"));
    I (guestfs_touch (g, "/g"));
    I (guestfs_umount (g, "/"));
    I (guestfs_mount_options (g, "noatime,nodev", "/dev/sda1", "/"));
    CHECK (I (guestfs_exists (g, "/g")) == 1);
    I (guestfs_umount (g, "/"));
    I (guestfs_mount_options (g, "nosuchoption", "/dev/sda1", "/"));
    PL (guestfs_mounts (g));
  }

  if (t_case ("mount_vfs")) {
    init_basic_fs (g);
    I (guestfs_umount (g, "/"));
    I (guestfs_mount_vfs (g, "ro", "ext2", "/dev/sda1", "/"));
    I (guestfs_touch (g, "/g"));
    I (guestfs_umount (g, "/"));
    I (guestfs_mount_vfs (g, "", "ext4", "/dev/sda1", "/"));
    I (guestfs_umount_all (g));
    I (guestfs_mount_vfs (g, "", "xfs", "/dev/sda1", "/"));
    I (guestfs_mount_vfs (g, "", "nosuchfs", "/dev/sda1", "/"));
    PL (guestfs_mounts (g));
  }

  if (t_case ("sync")) {
    init_basic_fs (g);
    I (guestfs_write (g, "/f", "x", 1));
    I (guestfs_sync (g));
  }

  if (t_case ("no_root_mounted")) {
    init_empty (g);
    I (guestfs_touch (g, "/f"));
    PS (guestfs_cat (g, "/f"));
    PL (guestfs_ls (g, "/"));
    I (guestfs_umount_all (g));
    PL (guestfs_mounts (g));
  }

  return t_finish (g);
}
