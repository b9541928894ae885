/* Daemon basics, devices, partitions and block devices. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

static void
print_parts (guestfs_h *g, const char *dev)
{
  struct guestfs_partition_list *l = guestfs_part_list (g, dev);
  char what[128];
  size_t i;
  snprintf (what, sizeof what, "part_list (\"%s\")", dev);
  if (!r_ok (g, what, l == NULL))
    return;
  t_out ("%s = %u partition(s)", what, l->len);
  for (i = 0; i < l->len; i++)
    t_out ("  #%d start=%lld end=%lld size=%lld", l->val[i].part_num,
           (long long) l->val[i].part_start, (long long) l->val[i].part_end,
           (long long) l->val[i].part_size);
  guestfs_free_partition_list (l);
}

int
main (void)
{
  static const int64_t disks[] = { 1024, 256, 64, 0 };
  guestfs_h *g = t_launch (disks);

  if (t_case ("ping_daemon")) {
    CHECK (I (guestfs_ping_daemon (g)) == 0);
  }

  if (t_case ("version")) {
    struct guestfs_version *v = guestfs_version (g);
    if (r_ok (g, "version ()", v == NULL)) {
      /* release and extra name the build; only the API level must match. */
      t_out ("version () = %lld.%lld", (long long) v->major, (long long) v->minor);
      CHECK (v->major == 1 && v->minor == 48);
      guestfs_free_version (v);
    }
  }

  if (t_case ("available")) {
    CHECK (I (guestfs_available (g, (char *[]) { "lvm2", "linuxfsuuid", NULL })) == 0);
    I (guestfs_available (g, (char *[]) { NULL }));
    I (guestfs_available (g, (char *[]) { "nosuchgroup", NULL }));
    CHECK (I (guestfs_feature_available (g, (char *[]) { "lvm2", NULL })) == 1);
    CHECK (I (guestfs_feature_available (g, (char *[]) { "xfs", "btrfs", NULL })) == 1);
    I (guestfs_feature_available (g, (char *[]) { "nosuchgroup", NULL }));
    I (guestfs_feature_available (g, (char *[]) { "lvm2", "nosuchgroup", NULL }));
  }

  if (t_case ("available_all_groups")) {
    /* What each optional group reports in this appliance, compared with 1.48.6 whose
     * appliance carries rsync (Debian's libguestfs-rsync) and setfiles and grub's
     * modules (setup-machine.sh's supermin.d list): every group 1.48 knows. */
    static const char *groups[] = {
      "acl", "augeas", "blkdiscard", "blkdiscardzeroes", "btrfs", "extlinux", "f2fs", "fstrim",
      "gdisk", "grub", "hivex", "inotify", "journal", "ldm", "libtsk", "libyara",
      "linuxcaps", "linuxfsuuid", "linuxmodules", "linuxxattrs", "luks", "lvm2", "mdadm",
      "mknod", "ntfs3g", "ntfsprogs", "realpath", "rsync", "scrub", "selinux", "selinuxrelabel",
      "sleuthkit", "squashfs", "syslinux", "wipefs", "xfs", "xz", "zerofree", NULL
    };
    size_t i;
    for (i = 0; groups[i]; i++) {
      char *one[] = { (char *) groups[i], NULL };
      char what[64];
      snprintf (what, sizeof what, "feature_available ([\"%s\"])", groups[i]);
      r_int (g, what, guestfs_feature_available (g, one));
    }
  }

  if (t_case ("unpartitioned")) {
    PS (guestfs_part_get_parttype (g, "/dev/sdc"));
    print_parts (g, "/dev/sdc");
    PL (guestfs_list_partitions (g));
    PH (guestfs_list_filesystems (g));
  }

  if (t_case ("list_devices")) {
    char **l;
    init_empty (g);
    l = r_list (g, "list_devices ()", guestfs_list_devices (g));
    CHECK (t_list_len (l) == 3);
    t_free_list (l);
  }

  if (t_case ("list_partitions")) {
    char **l;
    init_partition (g);
    l = r_list (g, "list_partitions ()", guestfs_list_partitions (g));
    CHECK (t_list_has (l, "/dev/sda1"));
    t_free_list (l);
    I (guestfs_part_init (g, "/dev/sdc", "gpt"));
    I (guestfs_part_add (g, "/dev/sdc", "p", 2048, 4095));
    I (guestfs_part_add (g, "/dev/sdc", "p", 4096, 8191));
    PL (guestfs_list_partitions (g));
    I (guestfs_part_init (g, "/dev/sdc", "gpt"));
    PL (guestfs_list_partitions (g));
  }

  if (t_case ("list_filesystems")) {
    init_partition (g);
    PH (guestfs_list_filesystems (g));
    I (guestfs_part_init (g, "/dev/sda", "mbr"));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, 411647));
    I (guestfs_part_add (g, "/dev/sda", "p", 411648, -2048));
    I (guestfs_mkfs (g, "ext4", "/dev/sda1"));
    I (guestfs_mkswap (g, "/dev/sda2"));
    PH (guestfs_list_filesystems (g));
  }

  if (t_case ("part_init_mbr")) {
    init_empty (g);
    I (guestfs_part_init (g, "/dev/sda", "mbr"));
    PS (guestfs_part_get_parttype (g, "/dev/sda"));
    print_parts (g, "/dev/sda");
    I (guestfs_part_add (g, "/dev/sda", "primary", 2048, 206847));
    I (guestfs_part_add (g, "/dev/sda", "p", 206848, 411647));
    I (guestfs_part_add (g, "/dev/sda", "extended", 411648, -2048));
    I (guestfs_part_add (g, "/dev/sda", "logical", 413696, 600000));
    print_parts (g, "/dev/sda");
    PL (guestfs_list_partitions (g));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sda1"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sda5"));
  }

  if (t_case ("part_init_gpt")) {
    init_empty (g);
    I (guestfs_part_init (g, "/dev/sda", "gpt"));
    PS (guestfs_part_get_parttype (g, "/dev/sda"));
    I (guestfs_part_add (g, "/dev/sda", "p", 64, 2047));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, -64));
    print_parts (g, "/dev/sda");
  }

  if (t_case ("part_errors")) {
    init_empty (g);
    I (guestfs_part_init (g, "/dev/sda", "nosuchtype"));
    I (guestfs_part_init (g, "/dev/nosuch", "mbr"));
    I (guestfs_part_init (g, "/dev/sda", "mbr"));
    I (guestfs_part_add (g, "/dev/sda", "q", 2048, 4095));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, 999999999));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, 4095));
    I (guestfs_part_add (g, "/dev/sda", "p", 3000, 5000));
    I (guestfs_part_add (g, "/dev/sda", "logical", 6000, 8000));
    print_parts (g, "/dev/sda");
  }

  if (t_case ("part_disk")) {
    init_empty (g);
    I (guestfs_part_disk (g, "/dev/sda", "mbr"));
    PS (guestfs_part_get_parttype (g, "/dev/sda"));
    print_parts (g, "/dev/sda");
    I (guestfs_part_disk (g, "/dev/sda", "gpt"));
    PS (guestfs_part_get_parttype (g, "/dev/sda"));
    print_parts (g, "/dev/sda");
    I (guestfs_part_disk (g, "/dev/sda", "msdos"));
    PS (guestfs_part_get_parttype (g, "/dev/sda"));
    I (guestfs_part_disk (g, "/dev/sda", "bogus"));
    I (guestfs_part_disk (g, "/dev/sda1", "mbr"));
  }

  if (t_case ("blockdev")) {
    int64_t sz;
    init_empty (g);
    sz = I64 (guestfs_blockdev_getsize64 (g, "/dev/sda"));
    CHECK (sz == 1024LL << 20);
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sdb"));
    CHECK (I (guestfs_blockdev_getss (g, "/dev/sda")) == 512);
    CHECK (I (guestfs_blockdev_getro (g, "/dev/sda")) == 0);
    I (guestfs_blockdev_setro (g, "/dev/sda"));
    CHECK (I (guestfs_blockdev_getro (g, "/dev/sda")) == 1);
    I (guestfs_part_disk (g, "/dev/sda", "mbr"));
    I (guestfs_blockdev_setrw (g, "/dev/sda"));
    CHECK (I (guestfs_blockdev_getro (g, "/dev/sda")) == 0);
    I (guestfs_part_disk (g, "/dev/sda", "mbr"));
    I (guestfs_blockdev_rereadpt (g, "/dev/sda"));
    PL (guestfs_list_partitions (g));
  }

  if (t_case ("bad_device_names")) {
    init_empty (g);
    I64 (guestfs_blockdev_getsize64 (g, "/dev/nosuch"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sdz"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sda9"));
    I64 (guestfs_blockdev_getsize64 (g, "sda"));
    I64 (guestfs_blockdev_getsize64 (g, ""));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/null"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/vda"));
    I (guestfs_blockdev_rereadpt (g, "/dev/sdz"));
    PS (guestfs_vfs_type (g, "/dev/sdz1"));
  }

  /* Each known difference from 1.48 sits in a case of its own, so the ledger entry for
   * it does not hide regressions elsewhere. */
  if (t_case ("getss_not_a_device")) {
    I (guestfs_blockdev_getss (g, "/etc/passwd"));
  }

  if (t_case ("ping_after_errors")) {
    CHECK (I (guestfs_ping_daemon (g)) == 0);
  }

  return t_finish (g);
}
