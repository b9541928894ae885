/* Runs everything inspection offers on one hostile image and checks the library held
 * up: inspect_os, every inspect_get_* of every root, inspect_list_applications2,
 * inspect_get_icon, then find0 / of each root, all read-only.  Calls may fail (the
 * image is hostile), but each with an error message, never "internal error"; the
 * calls after the launch, find0 apart, must take at most HOSTILE_TIMEOUT seconds
 * (default 30; the caller's `timeout` catches a hang); find0 / has its own limit,
 * HOSTILE_FIND0_TIMEOUT (default 120), because its output is legitimately quadratic in
 * the depth of a tree (10 000 nested directories make 100 MB of names), this process's peak memory (its own, not
 * qemu's) must stay under HOSTILE_MAX_RSS_MB (default 200), and the appliance must
 * answer a plain call at the end.
 *
 *   hostile-check IMAGE [EXPECT]
 *
 * EXPECT (optional) is "type/distro" that inspection must find on some root, e.g.
 * "linux/rhel" or "windows/windows", so a test cannot pass by finding nothing.
 * Prints one line per step and "hostile-check: OK" or "hostile-check: FAILED: why". */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <guestfs.h>

static int failed;

static void
bad (const char *fmt, const char *a, const char *b)
{
  printf ("hostile-check: FAILED: ");
  printf (fmt, a, b ? b : "(null)");
  printf ("\n");
  failed = 1;
}

static double
now (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* A failed call must say why, and not with a daemon panic. */
static void
check_error (guestfs_h *g, const char *call)
{
  const char *e = guestfs_last_error (g);
  printf ("  %s: error: %s\n", call, e ? e : "(null)");
  if (!e || !*e)
    bad ("%s failed without a message%s", call, "");
  else if (strstr (e, "internal error"))
    bad ("%s: %s", call, e);
}

#define STR(call, ...) do { \
    char *s_ = guestfs_##call (g, __VA_ARGS__); \
    if (s_) { printf ("  %s: %.80s%s\n", #call, s_, strlen (s_) > 80 ? "..." : ""); free (s_); } \
    else check_error (g, #call); \
  } while (0)
#define INT(call, ...) do { \
    int v_ = guestfs_##call (g, __VA_ARGS__); \
    if (v_ != -1) printf ("  %s: %d\n", #call, v_); else check_error (g, #call); \
  } while (0)
#define LIST(call, ...) do { \
    char **l_ = guestfs_##call (g, __VA_ARGS__); \
    if (l_) { size_t n_ = 0; for (; l_[n_]; n_++) free (l_[n_]); free (l_); \
              printf ("  %s: %zu strings\n", #call, n_); } \
    else check_error (g, #call); \
  } while (0)

int
main (int argc, char **argv)
{
  if (argc < 2) {
    fprintf (stderr, "usage: hostile-check IMAGE [TYPE/DISTRO]\n");
    return 2;
  }
  const char *lim = getenv ("HOSTILE_MAX_RSS_MB");
  long max_mb = lim ? atol (lim) : 200;
  const char *tlim = getenv ("HOSTILE_TIMEOUT");
  double max_s = tlim ? atof (tlim) : 30;
  const char *flim = getenv ("HOSTILE_FIND0_TIMEOUT");
  double max_find0 = flim ? atof (flim) : 120, find0_s = 0;
  double t0 = now ();
  guestfs_h *g = guestfs_create ();
  if (!g)
    return 2;
  guestfs_set_error_handler (g, NULL, NULL);
  if (guestfs_add_drive_opts (g, argv[1], GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1) == -1
      || guestfs_launch (g) == -1) {
    bad ("launch: %s%s", guestfs_last_error (g), "");
    return 1;
  }
  double t1 = now ();
  int found = argc < 3 || strcmp (argv[2], "-") == 0;
  char **roots = guestfs_inspect_os (g);
  if (!roots)
    check_error (g, "inspect_os");
  printf ("inspect_os: %.1f s\n", now () - t1);
  for (size_t i = 0; roots && roots[i]; i++) {
    const char *r = roots[i];
    printf ("root %s\n", r);
    char *type = guestfs_inspect_get_type (g, r), *distro = guestfs_inspect_get_distro (g, r);
    char want[256];
    snprintf (want, sizeof want, "%s/%s", type ? type : "", distro ? distro : "");
    printf ("  type/distro: %s\n", want);
    if (argc >= 3 && strcmp (want, argv[2]) == 0)
      found = 1;
    free (type);
    free (distro);
    STR (inspect_get_product_name, r);
    STR (inspect_get_product_variant, r);
    INT (inspect_get_major_version, r);
    INT (inspect_get_minor_version, r);
    STR (inspect_get_arch, r);
    STR (inspect_get_hostname, r);
    STR (inspect_get_package_format, r);
    STR (inspect_get_package_management, r);
    STR (inspect_get_format, r);
    INT (inspect_is_live, r);
    INT (inspect_is_netinst, r);
    INT (inspect_is_multipart, r);
    LIST (inspect_get_mountpoints, r);
    LIST (inspect_get_filesystems, r);
    LIST (inspect_get_drive_mappings, r);
    STR (inspect_get_windows_systemroot, r);
    STR (inspect_get_windows_current_control_set, r);
    STR (inspect_get_windows_system_hive, r);
    STR (inspect_get_windows_software_hive, r);
    STR (inspect_get_osinfo, r);

    /* Mount the root's filesystems read-only, shortest mountpoint first (as
     * virt-inspector does), for the calls that read files. */
    char **mps = guestfs_inspect_get_mountpoints (g, r);
    size_t n = 0;
    while (mps && mps[n])
      n += 2;
    for (size_t len = 1; len < 4096 && mps; len++)
      for (size_t j = 0; j < n; j += 2)
        if (strlen (mps[j]) == len && guestfs_mount_ro (g, mps[j + 1], mps[j]) == -1)
          printf ("  mount_ro %s on %s: %s\n", mps[j + 1], mps[j], guestfs_last_error (g));
    for (size_t j = 0; mps && mps[j]; j++)
      free (mps[j]);
    free (mps);

    struct guestfs_application2_list *apps = guestfs_inspect_list_applications2 (g, r);
    if (apps) {
      printf ("  inspect_list_applications2: %u applications\n", apps->len);
      guestfs_free_application2_list (apps);
    }
    else
      check_error (g, "inspect_list_applications2");
    size_t size;
    char *icon = guestfs_inspect_get_icon (g, r, &size, -1);
    if (icon) {
      printf ("  inspect_get_icon: %zu bytes\n", size);
      free (icon);
    }
    else
      check_error (g, "inspect_get_icon");
    char tmp[] = "/tmp/hostile-find0.XXXXXX";
    int fd = mkstemp (tmp);
    if (fd >= 0) {
      double tf = now ();
      int r = guestfs_find0 (g, "/", tmp);
      printf ("  find0 /: %.1f s\n", now () - tf);
      find0_s += now () - tf;
      if (r == -1)
        check_error (g, "find0");
      else {
        FILE *f = fopen (tmp, "r");
        long bytes = 0;
        if (f) {
          fseek (f, 0, SEEK_END);
          bytes = ftell (f);
          fclose (f);
        }
        printf ("  find0 /: %ld bytes of names\n", bytes);
      }
      unlink (tmp);
    }
    if (guestfs_umount_all (g) == -1)
      check_error (g, "umount_all");
  }
  for (size_t i = 0; roots && roots[i]; i++)
    free (roots[i]);
  free (roots);

  /* The appliance still answers. */
  char **devs = guestfs_list_devices (g);
  if (!devs)
    bad ("appliance unusable afterwards: list_devices: %s%s", guestfs_last_error (g), "");
  for (size_t i = 0; devs && devs[i]; i++)
    free (devs[i]);
  free (devs);
  if (!found)
    bad ("inspection did not find %s%s", argv[2], "");

  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  long rss_mb = ru.ru_maxrss / 1024;
  printf ("launch %.1f s, calls %.1f s of which find0 %.1f s, peak RSS %ld MiB (limit %ld)\n",
          t1 - t0, now () - t1, find0_s, rss_mb, max_mb);
  if (now () - t1 - find0_s > max_s) {
    char m[64];
    snprintf (m, sizeof m, "%.1f s", now () - t1 - find0_s);
    bad ("the calls (find0 apart) took %s, over the limit%s", m, "");
  }
  if (find0_s > max_find0) {
    char m[64];
    snprintf (m, sizeof m, "%.1f s", find0_s);
    bad ("find0 took %s, over its limit%s", m, "");
  }
  if (rss_mb > max_mb) {
    char m[64];
    snprintf (m, sizeof m, "%ld MiB", rss_mb);
    bad ("peak memory of the calling process %s over the limit%s", m, "");
  }
  guestfs_close (g);
  printf (failed ? "" : "hostile-check: OK\n");
  return failed;
}
