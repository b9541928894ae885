/* The aug_* calls on a small ext4 filesystem holding a few /etc files (/dev/sda1).
 * Each case starts from a fresh copy of those files and no Augeas session.
 * Built with tests/appliance/lib (transcript helpers and fixtures). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

/* aug_init flags (augeas.h's enum aug_flags). */
#define F_SAVE_BACKUP  (1 << 0)
#define F_SAVE_NEWFILE (1 << 1)
#define F_NO_STDINC    (1 << 3)
#define F_SAVE_NOOP    (1 << 4)
#define F_NO_LOAD      (1 << 5)
#define F_NO_MODL_AUTOLOAD (1 << 6)
#define F_ENABLE_SPAN  (1 << 7)

static const char *etc_files[][2] = {
  { "/etc/hosts", "127.0.0.1 localhost localhost.localdomain\n"
                  "::1 ip6-localhost ip6-loopback\n"
                  "192.168.0.10 server server.example.com\n" },
  { "/etc/fstab", "/dev/sda1 / ext4 defaults 0 1\n"
                  "/dev/sda2 swap swap defaults 0 0\n" },
  { "/etc/resolv.conf", "nameserver 192.168.0.1\nsearch example.com\n" },
  { "/etc/hostname", "guest\n" },
  { "/etc/group", "root:x:0:\nwheel:x:10:alice,bob\n" },
  { "/etc/myhosts", "10.0.0.1 one\n10.0.0.2 two\n" },   /* no lens applies by default */
  { "/sub/etc/hosts", "10.1.1.1 subhost\n" },            /* a second root for aug_init */
  { "/bad/etc/hosts", "this is not a hosts file {{{\n" }, /* a parse error */
};

/* Writes the /etc files afresh. */
static void
fresh_files (guestfs_h *g)
{
  size_t i;
  int r = 0;
  r |= guestfs_rm_rf (g, "/etc");
  r |= guestfs_rm_rf (g, "/sub");
  r |= guestfs_rm_rf (g, "/bad");
  r |= guestfs_mkdir_p (g, "/etc");
  r |= guestfs_mkdir_p (g, "/sub/etc");
  r |= guestfs_mkdir_p (g, "/bad/etc");
  for (i = 0; i < sizeof etc_files / sizeof etc_files[0]; i++)
    r |= guestfs_write (g, etc_files[i][0], etc_files[i][1], strlen (etc_files[i][1]));
  if (r)
    t_out ("!! FIXTURE FAILED writing /etc files: %s", guestfs_last_error (g));
}

/* Begins a case: no session (errors ignored), fresh files. */
static int
begin (guestfs_h *g, const char *name)
{
  if (!t_case (name))
    return 0;
  guestfs_aug_close (g);
  fresh_files (g);
  return 1;
}

static void
print_cat (guestfs_h *g, const char *path)
{
  char what[128], *s, *line, *save = NULL;
  snprintf (what, sizeof what, "cat (\"%s\")", path);
  s = guestfs_cat (g, path);
  if (!r_ok (g, what, s == NULL))
    return;
  t_out ("%s =", what);
  for (line = strtok_r (s, "\n", &save); line; line = strtok_r (NULL, "\n", &save))
    t_out ("  | %s", line);
  free (s);
}

static void
print_defnode (guestfs_h *g, const char *what, struct guestfs_int_bool *r)
{
  char buf[256];
  what = t_clean (what, buf, sizeof buf);
  if (!r_ok (g, what, r == NULL))
    return;
  t_out ("%s = { i=%d, b=%d }", what, r->i, r->b);
  guestfs_free_int_bool (r);
}
#define DEFNODE(call) print_defnode (g, #call, (call))

static void
case_not_mounted (guestfs_h *g)
{
  if (!t_case ("init_not_mounted"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_init (g, "etc", 0));
}

static void
case_no_session (guestfs_h *g)
{
  if (!begin (g, "no_session"))
    return;
  I (guestfs_aug_close (g));
  PS (guestfs_aug_get (g, "/files/etc/hosts/1/ipaddr"));
  I (guestfs_aug_set (g, "/files/etc/hosts/1/ipaddr", "1.2.3.4"));
  I (guestfs_aug_clear (g, "/files/etc/hosts/1/ipaddr"));
  I (guestfs_aug_setm (g, "/files/etc/hosts/*", "ipaddr", "1.2.3.4"));
  I (guestfs_aug_insert (g, "/files/etc/hosts/1", "x", 1));
  I (guestfs_aug_rm (g, "/files/etc/hosts/1"));
  I (guestfs_aug_mv (g, "/files/etc/hosts/1", "/files/etc/hosts/9"));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  PL (guestfs_aug_ls (g, "/files/etc"));
  PL (guestfs_aug_ls (g, "/files/etc/"));
  PS (guestfs_aug_label (g, "/files/etc/hosts"));
  I (guestfs_aug_defvar (g, "v", "/files"));
  DEFNODE (guestfs_aug_defnode (g, "n", "/files/x", "y"));
  I (guestfs_aug_save (g));
  I (guestfs_aug_load (g));
  I (guestfs_aug_transform (g, "Hosts", "/etc/myhosts", -1));
}

static void
case_init_flags (guestfs_h *g)
{
  if (!begin (g, "init_flags"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  PS (guestfs_aug_get (g, "/augeas/root"));
  PS (guestfs_aug_get (g, "/augeas/save"));
  I (guestfs_aug_init (g, "/", F_NO_LOAD));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  PS (guestfs_aug_get (g, "/augeas/load/Hosts/lens"));
  I (guestfs_aug_load (g));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  I (guestfs_aug_init (g, "/", F_NO_STDINC));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  PL (guestfs_aug_match (g, "/augeas/load/*"));
  I (guestfs_aug_init (g, "/", F_NO_STDINC | F_NO_LOAD));
  PL (guestfs_aug_match (g, "/files//*"));
  I (guestfs_aug_init (g, "/", F_NO_MODL_AUTOLOAD));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  PL (guestfs_aug_match (g, "/augeas/load/*"));
  I (guestfs_aug_init (g, "/", F_SAVE_BACKUP));
  PS (guestfs_aug_get (g, "/augeas/save"));
  I (guestfs_aug_init (g, "/", F_SAVE_NEWFILE));
  PS (guestfs_aug_get (g, "/augeas/save"));
  I (guestfs_aug_init (g, "/", F_SAVE_NOOP));
  PS (guestfs_aug_get (g, "/augeas/save"));
  I (guestfs_aug_init (g, "/", F_ENABLE_SPAN));
  PS (guestfs_aug_get (g, "/augeas/span"));
  I (guestfs_aug_init (g, "/", 0));
  PS (guestfs_aug_get (g, "/augeas/span"));
  I (guestfs_aug_close (g));
}

static void
case_init_roots (guestfs_h *g)
{
  if (!begin (g, "init_roots"))
    return;
  I (guestfs_aug_init (g, "/sub", 0));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/1/canonical"));
  I (guestfs_aug_init (g, "/sub/", 0));
  PS (guestfs_aug_get (g, "/files/etc/hosts/1/canonical"));
  I (guestfs_aug_init (g, "/nonexistent", 0));
  PL (guestfs_aug_match (g, "/files/*"));
  I (guestfs_aug_init (g, "/etc/hosts", 0));
  PL (guestfs_aug_match (g, "/files/*"));
  I (guestfs_aug_init (g, "relative", 0));
  /* The failed aug_init above left no session behind. */
  PS (guestfs_aug_get (g, "/augeas/root"));
  I (guestfs_aug_init (g, "/bad", 0));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  PL (guestfs_aug_match (g, "/augeas//error"));
  PS (guestfs_aug_get (g, "/augeas/files/etc/hosts/error"));
  PS (guestfs_aug_get (g, "/augeas/files/etc/hosts/error/message"));
}

static void
case_get_set (guestfs_h *g)
{
  if (!begin (g, "get_set"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  PS (guestfs_aug_get (g, "/files/etc/hosts/1/ipaddr"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/3/alias[2]"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/*[canonical = 'server']/ipaddr"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/*/ipaddr"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/9/ipaddr"));
  PS (guestfs_aug_get (g, "/files/etc/hosts"));
  PS (guestfs_aug_get (g, "/augeas"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/[["));
  PS (guestfs_aug_get (g, "/files/etc/hostname/hostname"));
  PS (guestfs_aug_get (g, "/files/etc/resolv.conf/nameserver"));
  PS (guestfs_aug_get (g, "/files/etc/group/wheel/user[1]"));
  PS (guestfs_aug_get (g, "/files/etc/fstab/2/vfstype"));
  I (guestfs_aug_set (g, "/files/etc/hosts/1/ipaddr", "127.0.0.2"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/1/ipaddr"));
  I (guestfs_aug_set (g, "/files/etc/hosts/*/ipaddr", "1.1.1.1"));
  I (guestfs_aug_set (g, "/files/etc/hosts/[[", "x"));
  I (guestfs_aug_set (g, "/files/etc/hosts/01/ipaddr", "10.9.9.9"));
  I (guestfs_aug_set (g, "/files/etc/hosts/01/canonical", "newhost"));
  I (guestfs_aug_set (g, "/files/etc/hostname/hostname", "renamed"));
  I (guestfs_aug_clear (g, "/files/etc/hosts/2/alias[2]"));
  PS (guestfs_aug_get (g, "/files/etc/hosts/2/alias[2]"));
  I (guestfs_aug_clear (g, "/files/etc/hosts/*"));
  I (guestfs_aug_clear (g, "/files/etc/hosts/(("));
  I (guestfs_aug_save (g));
  print_cat (g, "/etc/hosts");
  print_cat (g, "/etc/hostname");
  PL (guestfs_aug_match (g, "/augeas/events/saved"));
}

static void
case_match_ls (guestfs_h *g)
{
  if (!begin (g, "match_ls"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  PL (guestfs_aug_match (g, "/files/etc/hosts/*"));
  PL (guestfs_aug_match (g, "/files/etc/hosts/*/alias"));
  PL (guestfs_aug_match (g, "/files/etc/hosts/*[ipaddr =~ regexp('192\\..*')]"));
  PL (guestfs_aug_match (g, "/files/etc/nothing"));
  PL (guestfs_aug_match (g, "/files/etc/hosts/["));
  PL (guestfs_aug_match (g, "/files/etc/group/*/user"));
  PL (guestfs_aug_match (g, "/files/etc/fstab/*/file"));
  PL (guestfs_aug_ls (g, "/"));
  PL (guestfs_aug_ls (g, "/files/etc"));
  PL (guestfs_aug_ls (g, "/files/etc/hosts/3"));
  PL (guestfs_aug_ls (g, "/files/etc/"));
  PL (guestfs_aug_ls (g, "/files/etc/hosts/*"));
  PL (guestfs_aug_ls (g, "/files/etc/hosts[1]"));
  PL (guestfs_aug_ls (g, "/files/etc/nothing"));
  PL (guestfs_aug_ls (g, "/files/etc/hosts/(("));
  PL (guestfs_aug_ls (g, ""));
  I (guestfs_aug_defvar (g, "h", "/files/etc/hosts"));
  PL (guestfs_aug_ls (g, "$h"));
  PL (guestfs_aug_match (g, "$h/*/ipaddr"));
  PL (guestfs_aug_ls (g, "$undefined"));
}

static void
case_insert (guestfs_h *g)
{
  if (!begin (g, "insert"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_insert (g, "/files/etc/hosts/1", "0", 1));
  I (guestfs_aug_set (g, "/files/etc/hosts/0/ipaddr", "10.0.0.99"));
  I (guestfs_aug_set (g, "/files/etc/hosts/0/canonical", "first"));
  I (guestfs_aug_insert (g, "/files/etc/hosts/3/alias[1]", "alias", 0));
  I (guestfs_aug_set (g, "/files/etc/hosts/3/alias[2]", "inserted"));
  PL (guestfs_aug_match (g, "/files/etc/hosts/3/*"));
  I (guestfs_aug_insert (g, "/files/etc/hosts/*", "x", 1));
  I (guestfs_aug_insert (g, "/files/etc/hosts/99", "x", 0));
  I (guestfs_aug_insert (g, "/files/etc/hosts/1", "a/b", 0));
  I (guestfs_aug_insert (g, "/", "x", 0));
  I (guestfs_aug_insert (g, "/files/etc/hosts/[[", "x", 0));
  I (guestfs_aug_save (g));
  print_cat (g, "/etc/hosts");
}

static void
case_rm_mv (guestfs_h *g)
{
  if (!begin (g, "rm_mv"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_rm (g, "/files/etc/hosts/2"));
  I (guestfs_aug_rm (g, "/files/etc/hosts/*/alias"));
  I (guestfs_aug_rm (g, "/files/etc/hosts/99"));
  I (guestfs_aug_rm (g, "/files/etc/hosts/[["));
  I (guestfs_aug_mv (g, "/files/etc/hosts/3", "/files/etc/hosts/7"));
  PL (guestfs_aug_match (g, "/files/etc/hosts/*"));
  I (guestfs_aug_mv (g, "/files/etc/hosts/99", "/files/etc/hosts/8"));
  I (guestfs_aug_mv (g, "/files/etc/hosts/*", "/files/etc/hosts/8"));
  I (guestfs_aug_mv (g, "/files/etc/hosts", "/files/etc/hosts/1/x"));
  I (guestfs_aug_mv (g, "/files/etc/hosts/1", "/files/etc/hosts/[["));
  I (guestfs_aug_save (g));
  print_cat (g, "/etc/hosts");
  I (guestfs_aug_rm (g, "/files/etc/resolv.conf"));
  I (guestfs_aug_save (g));
  I (guestfs_exists (g, "/etc/resolv.conf"));
  I (guestfs_aug_rm (g, "/files"));
  PL (guestfs_aug_ls (g, "/"));
}

static void
case_defvar_defnode (guestfs_h *g)
{
  if (!begin (g, "defvar_defnode"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_defvar (g, "hosts", "/files/etc/hosts/*"));
  PL (guestfs_aug_match (g, "$hosts"));
  I (guestfs_aug_defvar (g, "none", "/files/etc/nothing"));
  PL (guestfs_aug_match (g, "$none"));
  I (guestfs_aug_defvar (g, "bad", "/files/etc/[["));
  I (guestfs_aug_defvar (g, "hosts", NULL));
  PL (guestfs_aug_match (g, "$hosts"));
  I (guestfs_aug_defvar (g, "1x", "/files"));
  DEFNODE (guestfs_aug_defnode (g, "n", "/files/etc/hosts/4/ipaddr", "10.4.4.4"));
  PS (guestfs_aug_get (g, "$n"));
  DEFNODE (guestfs_aug_defnode (g, "n", "/files/etc/hosts/4/ipaddr", "10.5.5.5"));
  PS (guestfs_aug_get (g, "$n"));
  DEFNODE (guestfs_aug_defnode (g, "m", "/files/etc/hosts/*/ipaddr", "x"));
  PS (guestfs_aug_get (g, "$m[1]"));
  DEFNODE (guestfs_aug_defnode (g, "b", "/files/etc/[[", "x"));
  I (guestfs_aug_set (g, "$n/../canonical", "four"));
  I (guestfs_aug_save (g));
  print_cat (g, "/etc/hosts");
}

static void
case_setm_label (guestfs_h *g)
{
  if (!begin (g, "setm_label"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_setm (g, "/files/etc/hosts/*", "canonical", "same"));
  PL (guestfs_aug_match (g, "/files/etc/hosts/*[canonical = 'same']"));
  I (guestfs_aug_setm (g, "/files/etc/hosts/*/alias", NULL, "al"));
  I (guestfs_aug_setm (g, "/files/etc/hosts/*", "newsub", "v"));
  I (guestfs_aug_setm (g, "/files/etc/nothing/*", "x", "v"));
  I (guestfs_aug_setm (g, "/files/etc/[[", "x", "v"));
  I (guestfs_aug_setm (g, "/files/etc/hosts/*", "[[", "v"));
  I (guestfs_aug_setm (g, "/files/etc/hosts/*", NULL, "v"));
  PS (guestfs_aug_label (g, "/files/etc/hosts"));
  PS (guestfs_aug_label (g, "/files/etc/hosts/1"));
  PS (guestfs_aug_label (g, "/files/etc/hosts/1/ipaddr"));
  PS (guestfs_aug_label (g, "/files/etc/hosts/*"));
  PS (guestfs_aug_label (g, "/files/etc/nothing"));
  PS (guestfs_aug_label (g, "/files/etc/[["));
  PS (guestfs_aug_label (g, "/"));
  I (guestfs_aug_save (g));
  print_cat (g, "/etc/hosts");
}

static void
case_save_load (guestfs_h *g)
{
  if (!begin (g, "save_load"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_save (g));
  PL (guestfs_aug_match (g, "/augeas/events/saved"));
  I (guestfs_aug_set (g, "/files/etc/resolv.conf/nameserver", "8.8.8.8"));
  I (guestfs_aug_load (g));
  PS (guestfs_aug_get (g, "/files/etc/resolv.conf/nameserver"));
  I (guestfs_aug_set (g, "/files/etc/resolv.conf/nameserver", "8.8.4.4"));
  I (guestfs_aug_set (g, "/files/etc/newfile/x", "y"));
  I (guestfs_aug_save (g));
  PL (guestfs_aug_match (g, "/augeas//error"));
  PS (guestfs_aug_get (g, "/augeas/files/etc/newfile/error"));
  print_cat (g, "/etc/resolv.conf");
  I (guestfs_aug_rm (g, "/files/etc/newfile"));

  /* New files from the save modes. */
  I (guestfs_aug_init (g, "/", F_SAVE_NEWFILE));
  I (guestfs_aug_set (g, "/files/etc/hostname/hostname", "newname"));
  I (guestfs_aug_save (g));
  print_cat (g, "/etc/hostname");
  print_cat (g, "/etc/hostname.augnew");
  I (guestfs_aug_init (g, "/", F_SAVE_BACKUP));
  I (guestfs_aug_set (g, "/files/etc/hostname/hostname", "backedup"));
  I (guestfs_aug_save (g));
  print_cat (g, "/etc/hostname");
  print_cat (g, "/etc/hostname.augsave");
  I (guestfs_aug_init (g, "/", F_SAVE_NOOP));
  I (guestfs_aug_set (g, "/files/etc/hostname/hostname", "noop"));
  I (guestfs_aug_save (g));
  PL (guestfs_aug_match (g, "/augeas/events/saved"));
  print_cat (g, "/etc/hostname");

  /* Saving onto a read-only filesystem. */
  I (guestfs_aug_close (g));
  I (guestfs_umount_all (g));
  I (guestfs_mount_ro (g, "/dev/sda1", "/"));
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_set (g, "/files/etc/hostname/hostname", "ro"));
  I (guestfs_aug_save (g));
  PL (guestfs_aug_match (g, "/augeas//error"));
  PS (guestfs_aug_get (g, "/augeas/files/etc/hostname/error"));
  I (guestfs_aug_close (g));
  I (guestfs_umount_all (g));
  I (guestfs_mount (g, "/dev/sda1", "/"));
}

static void
case_transform (guestfs_h *g)
{
  if (!begin (g, "transform"))
    return;
  I (guestfs_aug_init (g, "/", F_NO_LOAD));
  I (guestfs_aug_transform (g, "Hosts", "/etc/myhosts", -1));
  PL (guestfs_aug_match (g, "/augeas/load/Hosts/incl"));
  I (guestfs_aug_load (g));
  PL (guestfs_aug_match (g, "/files/etc/myhosts/*"));
  PS (guestfs_aug_get (g, "/files/etc/myhosts/2/canonical"));
  I (guestfs_aug_transform (g, "Hosts", "/etc/hosts", GUESTFS_AUG_TRANSFORM_REMOVE, 1, -1));
  PL (guestfs_aug_match (g, "/augeas/load/Hosts/excl"));
  I (guestfs_aug_load (g));
  PL (guestfs_aug_match (g, "/files/etc/*"));
  I (guestfs_aug_transform (g, "Hosts", "/etc/other", GUESTFS_AUG_TRANSFORM_REMOVE, 0, -1));
  PL (guestfs_aug_match (g, "/augeas/load/Hosts/incl"));
  I (guestfs_aug_transform (g, "Hosts.lns", "/etc/third", -1));
  I (guestfs_aug_transform (g, "NoSuchLens", "/etc/hosts", -1));
  PL (guestfs_aug_match (g, "/augeas/load/NoSuchLens/*"));
  I (guestfs_aug_load (g));
  PL (guestfs_aug_match (g, "/augeas//error"));
  I (guestfs_aug_transform (g, "", "/etc/hosts", -1));
  I (guestfs_aug_transform (g, "Hosts", "", -1));
  I (guestfs_aug_transform (g, "Hosts", "/etc/[[", -1));
}

static void
case_close_and_umount (guestfs_h *g)
{
  if (!begin (g, "close"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_defvar (g, "v", "/files/etc/hosts"));
  I (guestfs_aug_close (g));
  PS (guestfs_aug_get (g, "/files/etc/hosts/1/ipaddr"));
  I (guestfs_aug_close (g));
  /* aug_init replaces the session: the variable is gone. */
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_aug_defvar (g, "v", "/files/etc/hosts"));
  I (guestfs_aug_init (g, "/", 0));
  PL (guestfs_aug_match (g, "$v"));

  if (!begin (g, "umount_closes"))
    return;
  I (guestfs_aug_init (g, "/", 0));
  I (guestfs_umount_all (g));
  PS (guestfs_aug_get (g, "/augeas/root"));
  I (guestfs_aug_close (g));
  I (guestfs_mount (g, "/dev/sda1", "/"));
}

int
main (void)
{
  static const int64_t disks[] = { 64, 0 };
  guestfs_h *g = t_launch (disks);

  case_not_mounted (g);
  if (guestfs_part_disk (g, "/dev/sda", "mbr") == -1 ||
      guestfs_mkfs (g, "ext4", "/dev/sda1") == -1 ||
      guestfs_mount (g, "/dev/sda1", "/") == -1) {
    t_out ("!! FIXTURE FAILED making the filesystem: %s", guestfs_last_error (g));
    return t_finish (g) || 1;
  }
  case_no_session (g);
  case_init_flags (g);
  case_init_roots (g);
  case_get_set (g);
  case_match_ls (g);
  case_insert (g);
  case_rm_mv (g);
  case_defvar_defnode (g);
  case_setm_label (g);
  case_save_load (g);
  case_transform (g);
  case_close_and_umount (g);
  return t_finish (g);
}
