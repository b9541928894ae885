/* Daemon calls made before launch: each must fail with libguestfs's message, without
 * starting anything.  No appliance is launched here. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

int
main (void)
{
  static const int64_t disks[] = { 64, 0 };
  guestfs_h *g = t_create (disks);
  size_t n;

  if (t_case ("before_launch")) {
    I (guestfs_ping_daemon (g));
    PL (guestfs_list_devices (g));
    PL (guestfs_list_partitions (g));
    PH (guestfs_list_filesystems (g));
    I (guestfs_mount (g, "/dev/sda", "/"));
    I (guestfs_part_disk (g, "/dev/sda", "mbr"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/sda"));
    I (guestfs_mkfs (g, "ext4", "/dev/sda"));
    PS (guestfs_cat (g, "/etc/hostname"));
    free (r_buf (g, "read_file (\"/f\")", guestfs_read_file (g, "/f", &n), n));
    I (guestfs_write (g, "/f", "x", 1));
    I (guestfs_upload (g, "/dev/null", "/f"));
    I (guestfs_download (g, "/f", "/dev/null"));
    I (guestfs_tar_in (g, "/dev/null", "/"));
    I (guestfs_umount_all (g));
    I (guestfs_sync (g));
    PL (guestfs_command_lines (g, (char *[]) { "/bin/true", NULL }));
    I (guestfs_umask (g, 022));
  }

  if (t_case ("available_before_launch")) {
    I (guestfs_available (g, (char *[]) { "lvm2", NULL }));
    I (guestfs_feature_available (g, (char *[]) { "lvm2", NULL }));
  }

  if (t_case ("library_calls_before_launch")) {
    struct guestfs_version *v = guestfs_version (g);
    if (r_ok (g, "version ()", v == NULL)) {
      t_out ("version () = %lld.%lld", (long long) v->major, (long long) v->minor);
      guestfs_free_version (v);
    }
    I (guestfs_get_autosync (g));
    I (guestfs_is_config (g));
    I (guestfs_shutdown (g));
  }

  guestfs_close (g);
  return t_finish (NULL);
}
