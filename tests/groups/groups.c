/* Optional groups whose calls need tools that Debian's 1.48.6 appliance does not carry
 * (setfiles from policycoreutils, grub-install's i386-pc modules from grub-pc-bin):
 * selinux_relabel and grub_install, checked for real on guest filesystems.  1.48.6
 * cannot run these, so the facts are asserted directly (CHECK) rather than compared
 * with a recorded transcript; run.sh still prints what 1.48.6 gives, for the record. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

static const char spec[] =
  "/.*\tsystem_u:object_r:default_t:s0\n"
  "/etc(/.*)?\tsystem_u:object_r:etc_t:s0\n"
  "/usr/bin(/.*)?\tsystem_u:object_r:bin_t:s0\n"
  "/etc/shadow\tsystem_u:object_r:shadow_t:s0\n";

#define SPEC "/etc/selinux/targeted/contexts/files/file_contexts"

/* The security.selinux label of PATH, printed and returned (malloc'd, NUL-terminated). */
static char *
label (guestfs_h *g, const char *path)
{
  size_t n = 0;
  char what[256];
  char *v = guestfs_getxattr (g, path, "security.selinux", &n);
  snprintf (what, sizeof what, "getxattr (\"%s\", \"security.selinux\")", path);
  if (v == NULL) {
    r_str (g, what, NULL);
    return NULL;
  }
  char *s = strndup (v, n);
  free (v);
  /* Labels are stored with their NUL; print without it. */
  t_out ("%s = \"%s\"", what, s);
  return s;
}

#define LABEL_IS(path, want) \
  do { char *l_ = label (g, path); CHECK_STR (l_, want); free (l_); } while (0)

int
main (void)
{
  static const int64_t disks[] = { 256, 0 };
  guestfs_h *g = t_launch (disks);

  if (t_case ("available")) {
    CHECK (I (guestfs_feature_available (g, (char *[]) { "selinuxrelabel", NULL })) == 1);
    CHECK (I (guestfs_feature_available (g, (char *[]) { "grub", NULL })) == 1);
  }

  if (t_case ("selinux_relabel")) {
    init_basic_fs (g);
    I (guestfs_mkdir_p (g, "/etc/selinux/targeted/contexts/files"));
    I (guestfs_write (g, SPEC, spec, sizeof spec - 1));
    I (guestfs_mkdir_p (g, "/usr/bin"));
    I (guestfs_touch (g, "/usr/bin/ls"));
    I (guestfs_touch (g, "/etc/shadow"));
    I (guestfs_touch (g, "/other"));
    I (guestfs_mkdir (g, "/dev"));
    I (guestfs_touch (g, "/dev/null-file"));
    CHECK (I (guestfs_selinux_relabel_argv (g, SPEC, "/", NULL)) == 0);
    LABEL_IS ("/", "system_u:object_r:default_t:s0");
    LABEL_IS ("/etc/shadow", "system_u:object_r:shadow_t:s0");
    LABEL_IS ("/etc/selinux", "system_u:object_r:etc_t:s0");
    LABEL_IS ("/usr/bin/ls", "system_u:object_r:bin_t:s0");
    LABEL_IS ("/other", "system_u:object_r:default_t:s0");
    /* /dev is excluded, as in 1.48: its contents keep no label. */
    {
      char *l = label (g, "/dev/null-file");
      CHECK (l == NULL);
      free (l);
    }
    /* A label that differs only in its user part is kept unless force is set. */
    I (guestfs_setxattr (g, "security.selinux", "unconfined_u:object_r:bin_t:s0", 30, "/usr/bin/ls"));
    CHECK (I (guestfs_selinux_relabel_argv (g, SPEC, "/usr", NULL)) == 0);
    LABEL_IS ("/usr/bin/ls", "unconfined_u:object_r:bin_t:s0");
    {
      struct guestfs_selinux_relabel_argv o = { .bitmask = GUESTFS_SELINUX_RELABEL_FORCE_BITMASK, .force = 1 };
      CHECK (I (guestfs_selinux_relabel_argv (g, SPEC, "/usr", &o)) == 0);
    }
    LABEL_IS ("/usr/bin/ls", "system_u:object_r:bin_t:s0");
    /* Only the given subtree is relabelled. */
    I (guestfs_touch (g, "/etc/new"));
    CHECK (I (guestfs_selinux_relabel_argv (g, SPEC, "/usr", NULL)) == 0);
    {
      char *l = label (g, "/etc/new");
      CHECK (l == NULL);
      free (l);
    }
    /* Errors: no spec file, no such path. */
    CHECK (I (guestfs_selinux_relabel_argv (g, "/nonexistent/file_contexts", "/", NULL)) == -1);
    CHECK (I (guestfs_selinux_relabel_argv (g, SPEC, "/nonexistent", NULL)) == -1);
  }

  if (t_case ("grub_install")) {
    size_t n = 0;
    char *mbr;
    init_empty (g);
    I (guestfs_part_init (g, "/dev/sda", "mbr"));
    I (guestfs_part_add (g, "/dev/sda", "p", 2048, -1));
    I (guestfs_mkfs (g, "ext4", "/dev/sda1"));
    I (guestfs_mount (g, "/dev/sda1", "/"));
    I (guestfs_mkdir_p (g, "/boot/grub"));
    CHECK (I (guestfs_grub_install (g, "/", "/dev/sda")) == 0);
    CHECK (I (guestfs_is_file (g, "/boot/grub/i386-pc/core.img")) == 1);
    CHECK (I (guestfs_is_file (g, "/boot/grub/i386-pc/normal.mod")) == 1);
    /* The boot code in the MBR is GRUB's (it carries the string "GRUB"). */
    mbr = guestfs_pread_device (g, "/dev/sda", 512, 0, &n);
    CHECK (mbr != NULL && n == 512 && memmem (mbr, 440, "GRUB", 4) != NULL);
    t_out ("MBR boot code is GRUB's: %s", mbr && memmem (mbr, 440, "GRUB", 4) ? "yes" : "no");
    free (mbr);
    CHECK (I (guestfs_grub_install (g, "/", "/dev/nonexistent")) == -1);
  }

  return t_finish (g);
}
