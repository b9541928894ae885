/* LVM, commands run in the guest, utsname, umask, and autosync at shutdown. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "apptest.h"

#define AUTOSYNC_MARKER "apptest autosync marker 7f3a9c"

/* Copies host binaries the command tests run (a shell, echo, cat and the C library)
 * into the mounted guest filesystem: commands run chrooted into it. */
static int
install_guest_binaries (guestfs_h *g)
{
  static const char *files[][2] = {
    { "/usr/bin/dash", "/bin/sh" },
    { "/usr/bin/echo", "/bin/echo" },
    { "/usr/bin/cat", "/bin/cat" },
    { "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6" },
    { "/lib64/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2" },
  };
  size_t i;
  int r = 0;
  r |= guestfs_mkdir_p (g, "/bin");
  r |= guestfs_mkdir_p (g, "/lib/x86_64-linux-gnu");
  r |= guestfs_mkdir_p (g, "/lib64");
  r |= guestfs_mkdir_p (g, "/tmp");
  for (i = 0; i < sizeof files / sizeof files[0]; i++) {
    r |= guestfs_upload (g, files[i][0], files[i][1]);
    r |= guestfs_chmod (g, 0755, files[i][1]);
  }
  if (r)
    t_out ("!! FIXTURE FAILED installing guest binaries: %s", guestfs_last_error (g));
  return r ? -1 : 0;
}

/* Reads `len` bytes at `off` of a host file. */
static int
pread_host (const char *path, void *buf, size_t len, off_t off)
{
  int fd = open (path, O_RDONLY);
  ssize_t n;
  if (fd == -1) return -1;
  n = pread (fd, buf, len, off);
  close (fd);
  return n == (ssize_t) len ? 0 : -1;
}

/* Whether `needle` occurs anywhere in the host file. */
static int
host_file_contains (const char *path, const char *needle)
{
  FILE *f = fopen (path, "r");
  size_t nl = strlen (needle), n, keep = 0;
  char buf[65536 + 64];
  int found = 0;
  if (!f) return -1;
  while (!found && (n = fread (buf + keep, 1, 65536, f)) > 0) {
    size_t total = keep + n;
    if (memmem (buf, total, needle, nl)) found = 1;
    keep = total < nl ? total : nl - 1;
    memmove (buf, buf + total - keep, keep);
  }
  fclose (f);
  return found;
}

int
main (void)
{
  static const int64_t disks[] = { 512, 256, 0 };
  guestfs_h *g = t_create (disks);
  char *img = t_path ("autosync.img"), *s;
  int fd;

  /* A disk image of our own (not a scratch drive) that outlives the appliance. */
  fd = open (img, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd == -1 || ftruncate (fd, 64 << 20) == -1 || close (fd) == -1) {
    perror (img);
    return 2;
  }
  if (guestfs_add_drive_opts (g, img, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == -1) {
    t_out ("!! add_drive_opts: %s", guestfs_last_error (g));
    return 2;
  }
  t_do_launch (g);

  if (t_case ("lvm")) {
    char **l;
    init_empty (g);
    I (guestfs_part_init (g, "/dev/sda", "mbr"));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, 411647));
    I (guestfs_part_add (g, "/dev/sda", "p", 411648, -2048));
    I (guestfs_pvcreate (g, "/dev/sda1"));
    I (guestfs_pvcreate (g, "/dev/sda2"));
    PL (guestfs_pvs (g));
    I (guestfs_vgcreate (g, "VG", (char *[]) { "/dev/sda1", "/dev/sda2", NULL }));
    PL (guestfs_vgs (g));
    I (guestfs_lvcreate (g, "LV1", "VG", 64));
    I (guestfs_lvcreate (g, "LV2", "VG", 32));
    I (guestfs_lvcreate_free (g, "LV3", "VG", 50));
    l = r_list (g, "lvs ()", guestfs_lvs (g));
    CHECK (t_list_len (l) == 3 && t_list_has (l, "/dev/VG/LV1"));
    t_free_list (l);
    CHECK (I64 (guestfs_blockdev_getsize64 (g, "/dev/VG/LV1")) == 64 << 20);
    I64 (guestfs_blockdev_getsize64 (g, "/dev/VG/LV2"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/VG/LV3"));
    I (guestfs_mkfs (g, "ext4", "/dev/VG/LV1"));
    I (guestfs_mount (g, "/dev/VG/LV1", "/"));
    I (guestfs_write (g, "/on-lv", "lvm", 3));
    PS (guestfs_cat (g, "/on-lv"));
    PH (guestfs_list_filesystems (g));
    PS (guestfs_vfs_type (g, "/dev/VG/LV1"));
    PS (guestfs_vfs_type (g, "/dev/mapper/VG-LV1"));
    /* Refused while a filesystem on an LV is mounted. */
    I (guestfs_lvm_remove_all (g));
    PL (guestfs_lvs (g));
    I (guestfs_umount_all (g));
    I (guestfs_lvm_remove_all (g));
    PL (guestfs_lvs (g));
    PL (guestfs_vgs (g));
    PL (guestfs_pvs (g));
    PL (guestfs_mounts (g));
  }

  if (t_case ("lvm_errors")) {
    init_empty (g);
    I (guestfs_part_disk (g, "/dev/sda", "mbr"));
    I (guestfs_pvcreate (g, "/dev/sdz1"));
    I (guestfs_vgcreate (g, "VG", (char *[]) { "/dev/sda1", NULL }));
    I (guestfs_pvcreate (g, "/dev/sda1"));
    I (guestfs_vgcreate (g, "VG", (char *[]) { "/dev/sda1", NULL }));
    I (guestfs_vgcreate (g, "VG", (char *[]) { "/dev/sda1", NULL }));
    I (guestfs_vgcreate (g, "VG2", (char *[]) { NULL }));
    I (guestfs_lvcreate (g, "LV", "NOVG", 8));
    I (guestfs_lvcreate (g, "LV", "VG", 8));
    I (guestfs_lvcreate (g, "LV", "VG", 8));
    I (guestfs_lvcreate (g, "BIG", "VG", 100000));
    I (guestfs_lvcreate_free (g, "FREE", "VG", 101));
    I (guestfs_lvcreate_free (g, "FREE", "VG", 100));
    PL (guestfs_lvs (g));
    I (guestfs_lvm_remove_all (g));
    PL (guestfs_pvs (g));
  }

  if (t_case ("utsname")) {
    struct guestfs_utsname *u = guestfs_utsname (g);
    if (r_ok (g, "utsname ()", u == NULL)) {
      /* The release and version name the appliance kernel. */
      t_out ("utsname () = sysname=%s machine=%s", u->uts_sysname, u->uts_machine);
      CHECK (strcmp (u->uts_sysname, "Linux") == 0 && u->uts_release[0] && u->uts_version[0]);
      guestfs_free_utsname (u);
    }
  }

  if (t_case ("command")) {
    char **l;
    init_basic_fs (g);
    install_guest_binaries (g);
    s = r_str (g, "command ([echo])",
               guestfs_command (g, (char *[]) { "/bin/echo", "hello", "world", NULL }));
    CHECK (s && strcmp (s, "hello world\n") == 0);
    free (s);
    l = r_list (g, "command_lines ([echo -e])",
                guestfs_command_lines (g, (char *[]) { "/bin/echo", "-e", "a\\nb\\n\\nc", NULL }));
    CHECK (t_list_len (l) == 4);
    t_free_list (l);
    PL (guestfs_command_lines (g, (char *[]) { "/bin/echo", "-n", "", NULL }));
    PS (guestfs_command (g, (char *[]) { "/bin/echo", "-n", "no newline", NULL }));
    PS (guestfs_command (g, (char *[]) { "/bin/sh", "-c", "echo out; echo err >&2; exit 3", NULL }));
    PS (guestfs_command (g, (char *[]) { "/bin/sh", "-c", "echo err >&2", NULL }));
    PS (guestfs_command (g, (char *[]) { "/nosuch", NULL }));
    PS (guestfs_command (g, (char *[]) { "relative", NULL }));
    PS (guestfs_command (g, (char *[]) { NULL }));
    PS (guestfs_command (g, (char *[]) { "/bin/cat", "/nosuch", NULL }));
    PS (guestfs_command (g, (char *[]) { "/bin/sh", "-c", "pwd; echo $PATH", NULL }));
    s = r_str (g, "sh (arith)", guestfs_sh (g, "echo $((6 * 7))"));
    CHECK (s && strcmp (s, "42\n") == 0);
    free (s);
    PS (guestfs_sh (g, "echo x > /tmp/f; cat /tmp/f"));
    PS (guestfs_sh (g, "exit 2"));
    PL (guestfs_sh_lines (g, "echo a; echo b"));
  }

  if (t_case ("command_unmounted")) {
    init_empty (g);
    PS (guestfs_command (g, (char *[]) { "/bin/echo", "unmounted", NULL }));
  }

  /* mounts() names an LV as /dev/VG/LV. */
  if (t_case ("mounts_lv")) {
    init_empty (g);
    I (guestfs_pvcreate (g, "/dev/sdb"));
    I (guestfs_vgcreate (g, "VG", (char *[]) { "/dev/sdb", NULL }));
    I (guestfs_lvcreate (g, "LV", "VG", 16));
    I (guestfs_mkfs (g, "ext2", "/dev/VG/LV"));
    I (guestfs_mount (g, "/dev/VG/LV", "/"));
    PL (guestfs_mounts (g));
    PH (guestfs_mountpoints (g));
  }

  if (t_case ("umask")) {
    init_basic_fs (g);
    CHECK (I (guestfs_umask (g, 077)) == 022);
    I (guestfs_touch (g, "/f"));
    I (guestfs_mkdir (g, "/d"));
    {
      struct guestfs_statns *f = guestfs_statns (g, "/f"), *d = guestfs_statns (g, "/d");
      if (f && d) {
        t_out ("modes: /f 0%llo /d 0%llo", (unsigned long long) f->st_mode & 07777,
               (unsigned long long) d->st_mode & 07777);
        CHECK ((f->st_mode & 07777) == 0600 && (d->st_mode & 07777) == 0700);
      }
      guestfs_free_statns (f);
      guestfs_free_statns (d);
    }
    CHECK (I (guestfs_umask (g, 022)) == 077);
    I (guestfs_umask (g, -1));
    I (guestfs_umask (g, 01000));
    I (guestfs_mkdir (g, "/d2"));
    {
      struct guestfs_statns *d = guestfs_statns (g, "/d2");
      CHECK (d && (d->st_mode & 07777) == 0755);
      guestfs_free_statns (d);
    }
  }

  /* Last: shuts the appliance down. */
  if (t_case ("autosync")) {
    unsigned char state[2] = { 0, 0 };
    init_empty (g);
    I (guestfs_mkfs (g, "ext2", "/dev/sdc"));
    I (guestfs_mount (g, "/dev/sdc", "/"));
    I (guestfs_write (g, "/marker", AUTOSYNC_MARKER, strlen (AUTOSYNC_MARKER)));
    CHECK (I (guestfs_get_autosync (g)) == 1);
    /* No umount and no sync: shutdown's autosync must unmount and flush. */
    CHECK (I (guestfs_shutdown (g)) == 0);
    guestfs_close (g);
    g = NULL;
    /* ext2 s_state (superblock at 1024, field at 58): 1 = cleanly unmounted. */
    CHECK (pread_host (img, state, 2, 1024 + 58) == 0);
    t_out ("ext2 s_state after shutdown = %d", state[0] | state[1] << 8);
    t_out ("marker on disk after shutdown = %d", host_file_contains (img, AUTOSYNC_MARKER));
    CHECK ((state[0] | state[1] << 8) == 1);
    CHECK (host_file_contains (img, AUTOSYNC_MARKER) == 1);
  }

  free (img);
  return t_finish (g);
}
