/* Prints every inspection result for every root of the disk images given on the command
 * line (added read-only, in order: a guest of several disks gives them all), so the same
 * program run against libguestfs 1.48 and against guestfs-rs gives two transcripts that
 * must be identical.  Errors print as "ERROR: msg".
 *   inspect-dump [--key PASSPHRASE]... IMAGE...
 * With keys, LUKS devices are opened before inspect_os the way virt-inspector --key
 * does it: partitions first, then (after an LVM rescan) logical volumes, each under the
 * name luks-UUID, trying every key in turn.  md arrays are listed with their names
 * ("md /dev/mdN: NAME") before inspect_os.
 */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <guestfs.h>

static void
print_str (const char *what, char *s, guestfs_h *g)
{
  if (s) {
    printf ("  %s: %s\n", what, s);
    free (s);
  }
  else
    printf ("  %s: ERROR: %s\n", what, guestfs_last_error (g));
}

static void
print_int (const char *what, int n, guestfs_h *g)
{
  if (n == -1)
    printf ("  %s: ERROR: %s\n", what, guestfs_last_error (g));
  else
    printf ("  %s: %d\n", what, n);
}

static void
free_strings (char **l)
{
  for (size_t i = 0; l[i]; ++i)
    free (l[i]);
  free (l);
}

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Hash tables come as key, value pairs; they print sorted by key. */
static void
print_hash (const char *what, char **h, guestfs_h *g)
{
  if (!h) {
    printf ("  %s: ERROR: %s\n", what, guestfs_last_error (g));
    return;
  }
  size_t n = 0;
  while (h[n]) n++;
  char **lines = calloc (n / 2 + 1, sizeof (char *));
  for (size_t i = 0; i + 1 < n; i += 2) {
    if (asprintf (&lines[i / 2], "%s=%s", h[i], h[i + 1]) == -1) abort ();
  }
  qsort (lines, n / 2, sizeof (char *), cmp_str);
  printf ("  %s:", what);
  for (size_t i = 0; i < n / 2; ++i) {
    printf (" %s", lines[i]);
    free (lines[i]);
  }
  printf ("\n");
  free (lines);
  free_strings (h);
}

static void
print_list (const char *what, char **l, guestfs_h *g)
{
  if (!l) {
    printf ("  %s: ERROR: %s\n", what, guestfs_last_error (g));
    return;
  }
  printf ("  %s:", what);
  for (size_t i = 0; l[i]; ++i)
    printf (" %s", l[i]);
  printf ("\n");
  free_strings (l);
}

static int
cmp_mp_len (const void *a, const void *b)
{
  /* Mount parents first: shorter mountpoints first. */
  const char *const *x = a, *const *y = b;
  size_t lx = strlen (x[0]), ly = strlen (y[0]);
  return lx < ly ? -1 : lx > ly ? 1 : strcmp (x[0], y[0]);
}

static void
mount_root (guestfs_h *g, const char *root)
{
  char **mps = guestfs_inspect_get_mountpoints (g, root);
  if (!mps) return;
  size_t n = 0;
  while (mps[n]) n++;
  qsort (mps, n / 2, 2 * sizeof (char *), cmp_mp_len);
  for (size_t i = 0; i + 1 < n; i += 2) {
    guestfs_push_error_handler (g, NULL, NULL);
    guestfs_mount_ro (g, mps[i + 1], mps[i]);
    guestfs_pop_error_handler (g);
  }
  free_strings (mps);
}

static void
print_apps (guestfs_h *g, const char *root)
{
  struct guestfs_application2_list *apps = guestfs_inspect_list_applications2 (g, root);
  if (!apps) {
    printf ("  applications2: ERROR: %s\n", guestfs_last_error (g));
    return;
  }
  printf ("  applications2: %u\n", apps->len);
  for (size_t i = 0; i < apps->len; ++i) {
    struct guestfs_application2 *a = &apps->val[i];
    printf ("    %s|%s|%d|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n",
            a->app2_name, a->app2_display_name, a->app2_epoch, a->app2_version,
            a->app2_release, a->app2_arch, a->app2_install_path, a->app2_trans_path,
            a->app2_publisher, a->app2_url, a->app2_source_package, a->app2_summary,
            a->app2_description, a->app2_spare1, a->app2_spare4);
  }
  guestfs_free_application2_list (apps);

  struct guestfs_application_list *v1 = guestfs_inspect_list_applications (g, root);
  if (!v1) {
    printf ("  applications: ERROR: %s\n", guestfs_last_error (g));
    return;
  }
  printf ("  applications: %u\n", v1->len);
  for (size_t i = 0; i < v1->len; ++i) {
    struct guestfs_application *a = &v1->val[i];
    printf ("    %s|%s|%d|%s|%s|%s|%s|%s|%s|%s\n",
            a->app_name, a->app_display_name, a->app_epoch, a->app_version, a->app_release,
            a->app_install_path, a->app_trans_path, a->app_publisher, a->app_url,
            a->app_description);
  }
  guestfs_free_application_list (v1);
}

/* Opens the LUKS devices among DEVS with the first of KEYS that works; prints one line
 * per LUKS device.  Returns whether any was opened. */
static int
open_luks (guestfs_h *g, char **devs, char **keys, size_t nkeys)
{
  int opened = 0;
  for (size_t i = 0; devs && devs[i]; ++i) {
    guestfs_push_error_handler (g, NULL, NULL);
    char *type = guestfs_vfs_type (g, devs[i]);
    guestfs_pop_error_handler (g);
    if (!type || strcmp (type, "crypto_LUKS") != 0) {
      free (type);
      continue;
    }
    free (type);
    char *uuid = guestfs_luks_uuid (g, devs[i]);
    if (!uuid) {
      printf ("luks %s: ERROR: %s\n", devs[i], guestfs_last_error (g));
      continue;
    }
    char *mapname;
    if (asprintf (&mapname, "luks-%s", uuid) == -1) abort ();
    size_t k;
    for (k = 0; k < nkeys; ++k)
      if (guestfs_cryptsetup_open (g, devs[i], keys[k], mapname, -1) == 0)
        break;
    if (k < nkeys) {
      printf ("luks %s: opened as %s with key %zu\n", devs[i], mapname, k + 1);
      opened = 1;
    }
    else
      printf ("luks %s: ERROR: no key opens it\n", devs[i]);
    free (mapname);
    free (uuid);
  }
  return opened;
}

static void
decrypt (guestfs_h *g, char **keys, size_t nkeys)
{
  char **parts = guestfs_list_partitions (g);
  int rescan = open_luks (g, parts, keys, nkeys);
  if (parts) free_strings (parts);
  if (rescan && guestfs_lvm_scan (g, 1) == -1)
    printf ("lvm_scan: ERROR: %s\n", guestfs_last_error (g));
  char **lvs = guestfs_lvs (g);
  open_luks (g, lvs, keys, nkeys);
  if (lvs) free_strings (lvs);
}

int
main (int argc, char *argv[])
{
  char *keys[argc];
  size_t nkeys = 0;
  int first = 1;
  while (first + 1 < argc && strcmp (argv[first], "--key") == 0) {
    keys[nkeys++] = argv[first + 1];
    first += 2;
  }

  guestfs_h *g = guestfs_create ();
  if (!g) return 1;
  guestfs_set_error_handler (g, NULL, NULL);
  for (int i = first; i < argc; ++i)
    if (guestfs_add_drive_opts (g, argv[i], GUESTFS_ADD_DRIVE_OPTS_READONLY, 1,
                                GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == -1) {
      fprintf (stderr, "add_drive: %s\n", guestfs_last_error (g));
      return 1;
    }
  if (guestfs_launch (g) == -1) {
    fprintf (stderr, "launch: %s\n", guestfs_last_error (g));
    return 1;
  }

  /* Before inspect_os, getters fail. */
  print_str ("before inspect_os: type", guestfs_inspect_get_type (g, "/dev/sda1"), g);

  if (nkeys > 0)
    decrypt (g, keys, nkeys);

  /* md arrays by name: run.sh compares arrays by these names, since 1.48's appliance
   * numbers them in whatever order udev assembles them. */
  char **mds = guestfs_list_md_devices (g);
  for (size_t i = 0; mds && mds[i]; ++i) {
    char **detail = guestfs_md_detail (g, mds[i]);
    const char *name = "?";
    for (size_t j = 0; detail && detail[j] && detail[j + 1]; j += 2)
      if (strcmp (detail[j], "name") == 0)
        name = detail[j + 1];
    printf ("md %s: %s\n", mds[i], name);
    if (detail) free_strings (detail);
  }
  if (mds) free_strings (mds);

  char **roots = guestfs_inspect_os (g);
  if (!roots) {
    printf ("inspect_os: ERROR: %s\n", guestfs_last_error (g));
    return 0;
  }
  printf ("inspect_os:");
  for (size_t i = 0; roots[i]; ++i) printf (" %s", roots[i]);
  printf ("\n");
  print_list ("get_roots", guestfs_inspect_get_roots (g), g);
  print_str ("not a root: type", guestfs_inspect_get_type (g, "/dev/sda"), g);

  for (size_t i = 0; roots[i]; ++i) {
    const char *r = roots[i];
    printf ("root %s\n", r);
    print_str ("type", guestfs_inspect_get_type (g, r), g);
    print_str ("distro", guestfs_inspect_get_distro (g, r), g);
    print_str ("product_name", guestfs_inspect_get_product_name (g, r), g);
    print_str ("product_variant", guestfs_inspect_get_product_variant (g, r), g);
    print_int ("major_version", guestfs_inspect_get_major_version (g, r), g);
    print_int ("minor_version", guestfs_inspect_get_minor_version (g, r), g);
    print_str ("arch", guestfs_inspect_get_arch (g, r), g);
    print_str ("hostname", guestfs_inspect_get_hostname (g, r), g);
    print_str ("package_format", guestfs_inspect_get_package_format (g, r), g);
    print_str ("package_management", guestfs_inspect_get_package_management (g, r), g);
    print_str ("format", guestfs_inspect_get_format (g, r), g);
    print_int ("is_live", guestfs_inspect_is_live (g, r), g);
    print_int ("is_netinst", guestfs_inspect_is_netinst (g, r), g);
    print_int ("is_multipart", guestfs_inspect_is_multipart (g, r), g);
    print_hash ("mountpoints", guestfs_inspect_get_mountpoints (g, r), g);
    print_list ("filesystems", guestfs_inspect_get_filesystems (g, r), g);
    print_hash ("drive_mappings", guestfs_inspect_get_drive_mappings (g, r), g);
    print_str ("windows_systemroot", guestfs_inspect_get_windows_systemroot (g, r), g);
    print_str ("windows_current_control_set",
               guestfs_inspect_get_windows_current_control_set (g, r), g);
    print_str ("windows_system_hive", guestfs_inspect_get_windows_system_hive (g, r), g);
    print_str ("windows_software_hive", guestfs_inspect_get_windows_software_hive (g, r), g);
    print_str ("osinfo", guestfs_inspect_get_osinfo (g, r), g);

    mount_root (g, r);
    size_t size;
    char *icon = guestfs_inspect_get_icon (g, r, &size, -1);
    if (icon) {
      printf ("  icon: %zu bytes\n", size);
      free (icon);
    }
    else
      printf ("  icon: ERROR: %s\n", guestfs_last_error (g));
    print_apps (g, r);
    guestfs_umount_all (g);
  }
  free_strings (roots);
  guestfs_close (g);
  return 0;
}
