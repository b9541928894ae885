/* Device names handed back by every kind of call: lists, single names, hashtables,
 * structs, inspection, error messages.  The caller names its disks /dev/sda, /dev/sdb,
 * /dev/sdc in the order it added them, whatever the appliance's kernel calls them.
 *
 * run.sh runs this program twice against the one transcript recorded with 1.48.6:
 *   devnames         three SCSI disks (the kernel's names are the caller's);
 *   devnames_virtio  the first disk on virtio-blk (APPTEST_FIRST_DRIVE_IFACE=virtio):
 *                    the kernel calls the disks vda, sda, sdb, so the caller's /dev/sda
 *                    is the kernel's vda and the kernel's sda is the caller's /dev/sdb.
 * A name translated twice, or not at all, then names another disk, and the second run's
 * transcript differs.  (1.48.6 itself cannot run the second form here: its virtio-blk
 * command line sets a property that qemu 10 no longer has.)
 *
 * 1.48.6's appliance disk is often the kernel's first disk here, so its kernel names
 * differ from the caller's too, and some of its calls then hand back kernel names
 * (list_filesystems' btrfsvol: entries, pvs_full, mountable_device, md_stat).  Those
 * results are not in the transcript; OURS_CHECK asserts them when the library under
 * test is ours (run.sh sets APPTEST_LIBDIR for it, not when recording 1.48.6). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "apptest.h"

#define OURS_CHECK(cond) do { if (getenv ("APPTEST_LIBDIR")) CHECK (cond); } while (0)

static void
add_disk (guestfs_h *g, const char *name, int64_t mib, const char *iface)
{
  char *p = t_path (name);
  FILE *f = fopen (p, "w");
  if (!f || ftruncate (fileno (f), mib << 20) == -1 || fclose (f) != 0) {
    t_out ("!! create %s", name);
    exit (2);
  }
  struct guestfs_add_drive_opts_argv o = {
    .bitmask = GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK, .format = "raw",
  };
  if (iface && *iface) {
    o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_IFACE_BITMASK;
    o.iface = iface;
  }
  if (guestfs_add_drive_opts_argv (g, p, &o) == -1) {
    t_out ("!! add_drive %s: %s", name, guestfs_last_error (g));
    exit (2);
  }
  free (p);
}

/* pvs_full's names, in the caller's spelling (not printed: see the top). */
static void
check_pvs_full (guestfs_h *g)
{
  struct guestfs_lvm_pv_list *l = guestfs_pvs_full (g);
  CHECK (l && l->len == 2);
  if (l && l->len == 2) {
    OURS_CHECK (strcmp (l->val[0].pv_name, "/dev/sda1") == 0);
    OURS_CHECK (strcmp (l->val[1].pv_name, "/dev/sdb1") == 0);
  }
  if (l) guestfs_free_lvm_pv_list (l);
}

/* md_stat's member names (not printed: see the top). */
static void
check_mdstat (guestfs_h *g, const char *md)
{
  struct guestfs_mdstat_list *l = guestfs_md_stat (g, md);
  CHECK (l && l->len == 2);
  if (l && l->len == 2) {
    int a = strcmp (l->val[0].mdstat_device, "/dev/sda1") == 0
      || strcmp (l->val[1].mdstat_device, "/dev/sda1") == 0;
    int b = strcmp (l->val[0].mdstat_device, "/dev/sdb1") == 0
      || strcmp (l->val[1].mdstat_device, "/dev/sdb1") == 0;
    OURS_CHECK (a && b);
  }
  if (l) guestfs_free_mdstat_list (l);
}

static void
write_text (guestfs_h *g, const char *path, const char *text)
{
  char what[128];
  snprintf (what, sizeof what, "write (\"%s\")", path);
  r_int (g, what, guestfs_write (g, path, text, strlen (text)));
}

/* Wipes the signatures of the three partitions (the cases build on each other's
 * partitions). */
static void
wipe (guestfs_h *g)
{
  init_empty (g);
  guestfs_wipefs (g, "/dev/sda1");
  guestfs_wipefs (g, "/dev/sdb1");
}

int
main (void)
{
  const char *iface = getenv ("APPTEST_FIRST_DRIVE_IFACE");
  guestfs_h *g = t_create (NULL);
  add_disk (g, "a.img", 512, iface);
  add_disk (g, "b.img", 256, NULL);
  add_disk (g, "c.img", 64, NULL);
  t_do_launch (g);

  if (t_case ("disks")) {
    char **l = r_list (g, "list_devices ()", guestfs_list_devices (g));
    CHECK (l && t_list_len (l) == 3 && strcmp (l[0], "/dev/sda") == 0
           && strcmp (l[2], "/dev/sdc") == 0);
    t_free_list (l);
    I (guestfs_part_disk (g, "/dev/sda", "mbr"));
    I (guestfs_part_disk (g, "/dev/sdb", "mbr"));
    I (guestfs_part_disk (g, "/dev/sdc", "gpt"));
    l = r_list (g, "list_partitions ()", guestfs_list_partitions (g));
    CHECK (l && t_list_len (l) == 3 && strcmp (l[1], "/dev/sdb1") == 0);
    t_free_list (l);
    char *s = r_str (g, "part_to_dev (\"/dev/sdb1\")", guestfs_part_to_dev (g, "/dev/sdb1"));
    CHECK_STR (s, "/dev/sdb");
    free (s);
    I (guestfs_part_to_partnum (g, "/dev/sdc1"));
    I (guestfs_blockdev_getsize64 (g, "/dev/sda") == 512 << 20);
    I (guestfs_blockdev_getsize64 (g, "/dev/sdb") == 256 << 20);
    PS (guestfs_part_get_parttype (g, "/dev/sdc"));
    PL (guestfs_list_dm_devices (g));
    PL (guestfs_list_md_devices (g));
  }

  if (t_case ("btrfs")) {
    I (guestfs_mkfs_btrfs (g, (char *[]) { "/dev/sda1", NULL }, -1));
    char **l = r_list (g, "btrfs_filesystem_show (\"/dev/sda1\")",
                       guestfs_btrfs_filesystem_show (g, "/dev/sda1"));
    CHECK (l && t_list_len (l) == 1 && strcmp (l[0], "/dev/sda1") == 0);
    t_free_list (l);
    I (guestfs_mkfs_btrfs (g, (char *[]) { "/dev/sda1", "/dev/sdb1", NULL }, -1));
    l = r_list (g, "btrfs_filesystem_show (\"/dev/sdb1\")",
                guestfs_btrfs_filesystem_show (g, "/dev/sdb1"));
    CHECK (l && t_list_len (l) == 2 && strcmp (l[0], "/dev/sda1") == 0
           && strcmp (l[1], "/dev/sdb1") == 0);
    t_free_list (l);
    I (guestfs_mount (g, "/dev/sda1", "/"));
    I (guestfs_btrfs_subvolume_create (g, "/sub"));
    I (guestfs_umount_all (g));
    I (guestfs_mkfs_opts (g, "ext4", "/dev/sdc1", GUESTFS_MKFS_OPTS_LABEL, "small", -1));
    char *s = r_str (g, "findfs_label (\"small\")", guestfs_findfs_label (g, "small"));
    CHECK_STR (s, "/dev/sdc1");
    free (s);
    char *uuid = guestfs_vfs_uuid (g, "/dev/sdc1");
    if (uuid) {
      s = r_str (g, "findfs_uuid (<uuid of /dev/sdc1>)", guestfs_findfs_uuid (g, uuid));
      CHECK_STR (s, "/dev/sdc1");
      free (s);
      free (uuid);
    }
    char **h = guestfs_list_filesystems (g);
    CHECK (h && t_list_has (h, "/dev/sda1") && t_list_has (h, "/dev/sdc1"));
    OURS_CHECK (h && t_list_has (h, "btrfsvol:/dev/sda1/sub"));
    t_free_list (h);
    PH (guestfs_blkid (g, "/dev/sdc1"));
    I (guestfs_is_whole_device (g, "/dev/sdb"));
  }

  if (t_case ("mounts")) {
    I (guestfs_mount (g, "/dev/sdc1", "/"));
    I (guestfs_mkdir (g, "/sub"));
    I (guestfs_mkdir (g, "/top"));
    I (guestfs_mount (g, "btrfsvol:/dev/sda1/sub", "/sub"));
    I (guestfs_mount (g, "/dev/sdb1", "/top"));
    char **l = r_list (g, "mounts ()", guestfs_mounts (g));
    CHECK (l && t_list_len (l) == 3 && strcmp (l[0], "/dev/sdc1") == 0);
    t_free_list (l);
    PH (guestfs_mountpoints (g));
    char *s = guestfs_mountable_device (g, "btrfsvol:/dev/sda1/sub");
    OURS_CHECK (s && strcmp (s, "/dev/sda1") == 0);
    free (s);
    I (guestfs_umount_all (g));
  }

  if (t_case ("errors")) {
    /* Tool messages name the kernel's devices: the caller must see its own names. */
    I (guestfs_mount (g, "/dev/sdc", "/"));
    PL (guestfs_btrfs_filesystem_show (g, "/dev/sdc"));
    PS (guestfs_part_to_dev (g, "/dev/sdb"));
  }

  if (t_case ("lvm")) {
    wipe (g);
    I (guestfs_pvcreate (g, "/dev/sda1"));
    I (guestfs_pvcreate (g, "/dev/sdb1"));
    I (guestfs_vgcreate (g, "VG", (char *[]) { "/dev/sda1", "/dev/sdb1", NULL }));
    I (guestfs_lvcreate (g, "LV", "VG", 64));
    char **l = r_list (g, "pvs ()", guestfs_pvs (g));
    CHECK (l && t_list_len (l) == 2 && strcmp (l[0], "/dev/sda1") == 0);
    t_free_list (l);
    check_pvs_full (g);
    PL (guestfs_lvs (g));
    PS (guestfs_lvm_canonical_lv_name (g, "/dev/mapper/VG-LV"));
    I (guestfs_lvm_remove_all (g));
  }

  if (t_case ("md")) {
    wipe (g);
    I (guestfs_md_create (g, "r1", (char *[]) { "/dev/sda1", "/dev/sdb1", NULL },
                          GUESTFS_MD_CREATE_LEVEL, "raid1", -1));
    char **l = r_list (g, "list_md_devices ()", guestfs_list_md_devices (g));
    CHECK (l && t_list_len (l) == 1);
    if (l && l[0])
      check_mdstat (g, l[0]);
    t_free_list (l);
    I (guestfs_md_stop (g, "/dev/md/r1"));
  }

  if (t_case ("inspect")) {
    wipe (g);
    I (guestfs_mkfs_opts (g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_LABEL, "ROOT", -1));
    I (guestfs_mkfs (g, "ext4", "/dev/sdb1"));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    I (guestfs_mkdir (g, "/etc"));
    I (guestfs_mkdir (g, "/bin"));
    write_text (g, "/etc/fstab",
                "LABEL=ROOT / ext4 defaults 0 1\n"
                "/dev/sdb1 /data ext4 defaults 0 2\n"
                "LABEL=small /small ext4 defaults 0 2\n");
    write_text (g, "/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
    write_text (g, "/etc/debian_version", "12.1\n");
    write_text (g, "/etc/hostname", "names\n");
    I (guestfs_umount_all (g));
    char **l = r_list (g, "inspect_os ()", guestfs_inspect_os (g));
    CHECK (l && t_list_len (l) == 1 && strcmp (l[0], "/dev/sda1") == 0);
    t_free_list (l);
    PL (guestfs_inspect_get_roots (g));
    PS (guestfs_inspect_get_distro (g, "/dev/sda1"));
    char **h = r_hash (g, "inspect_get_mountpoints (\"/dev/sda1\")",
                       guestfs_inspect_get_mountpoints (g, "/dev/sda1"));
    CHECK (h && t_list_has (h, "/dev/sdb1") && t_list_has (h, "/dev/sdc1"));
    t_free_list (h);
    PL (guestfs_inspect_get_filesystems (g, "/dev/sda1"));
    PS (guestfs_inspect_get_type (g, "/dev/sdb1"));
  }

  return t_finish (g);
}
