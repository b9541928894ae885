/* Launch failures before the appliance runs: a missing kernel (SUPERMIN_KERNEL with a
 * fresh LIBGUESTFS cache directory), a file that is not a kernel, a missing modules
 * directory, no appliance on the path, a missing or non-executable hypervisor.  Each
 * launch must fail quickly with an error that names what is wrong, leave the handle in
 * CONFIG with no process and no half-built appliance behind, and the same handle must
 * then launch (against the fake hypervisor, which is enough to prove it). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

static const char *fake_qemu;

/* Names in the fresh cache directory (recursively one level into .guestfs-<uid>) that
 * look like a build left half-way: anything but the lock and probe-cache files. */
static void
check_cache_clean (const char *cachedir)
{
  char sub[4096];
  snprintf (sub, sizeof sub, "%s/.guestfs-%d", cachedir, (int) geteuid ());
  DIR *d = opendir (sub);
  for (struct dirent *e; d && (e = readdir (d)) != NULL;) {
    const char *n = e->d_name;
    if (strstr (n, ".tmp") || strstr (n, "tmp."))
      ft_fail ("half-built appliance left in the cache: %s/%s", sub, n);
  }
  if (d)
    closedir (d);
}

/* Launch must fail; `want` (any of the '|'-separated words, all required) in the error. */
static void
expect_launch_failure (guestfs_h *g, struct ft_baseline *b, const char *want1, const char *want2)
{
  if (guestfs_add_drive_scratch (g, 16 << 20, -1) == -1) {
    ft_fail ("add_drive_scratch: %s", guestfs_last_error (g));
    return;
  }
  double t0 = ft_now_ms ();
  int r = guestfs_launch (g);
  double took = ft_now_ms () - t0;
  const char *err = guestfs_last_error (g);
  ft_note ("launch failed after %.1f s: errno %d, error: %s", took / 1e3, guestfs_last_errno (g),
           err ? err : "(null)");
  if (r != -1) {
    ft_fail ("launch succeeded");
    guestfs_shutdown (g);
    return;
  }
  if (!err || !*err)
    ft_fail ("launch failed without an error message");
  else {
    if (want1 && !strstr (err, want1))
      ft_fail ("the error does not mention \"%s\": %s", want1, err);
    if (want2 && !strcasestr (err, want2))
      ft_fail ("the error does not mention \"%s\": %s", want2, err);
  }
  if (took > 30000)
    ft_fail ("the failure took %.1f s to be reported", took / 1e3);
  if (guestfs_get_state (g) != 0)
    ft_fail ("state after the failed launch is %d, expected 0 (CONFIG)", guestfs_get_state (g));
  ft_check_no_processes (b);
}

static char *
newest_host_kernel (void)
{
  glob_t gl;
  char *k = NULL;
  if (glob ("/boot/vmlinuz-*", 0, NULL, &gl) == 0 && gl.gl_pathc > 0)
    k = strdup (gl.gl_pathv[gl.gl_pathc - 1]);
  globfree (&gl);
  return k;
}

static void
run (void *unused)
{
  (void) unused;
  struct ft_baseline b;
  char *cachedir = ft_mkdtemp ("fresh-cache");
  ft_baseline_begin (&b);
  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  char *default_cachedir = guestfs_get_cachedir (g);
  char *default_path = guestfs_get_path (g) ? strdup (guestfs_get_path (g)) : NULL;
  char *default_hv = guestfs_get_hv (g);

  ft_case ("missing-kernel");
  guestfs_set_cachedir (g, cachedir);
  setenv ("SUPERMIN_KERNEL", "/nonexistent/vmlinuz", 1);
  expect_launch_failure (g, &b, "/nonexistent/vmlinuz", NULL);
  check_cache_clean (cachedir);
  ft_end ();

  /* The advice must fit the problem: a file that does not exist cannot be chmod'ed. */
  ft_case ("missing-kernel-advice");
  {
    const char *err = guestfs_last_error (g);
    if (err && strstr (err, "chmod"))
      ft_fail ("for a kernel that does not exist, the error advises chmod: %s", err);
  }
  ft_end ();

  ft_case ("kernel-not-a-kernel");
  setenv ("SUPERMIN_KERNEL", "/etc/passwd", 1);
  expect_launch_failure (g, &b, "/etc/passwd", "kernel");
  check_cache_clean (cachedir);
  ft_end ();

  ft_case ("missing-kernel-modules");
  char *kernel = newest_host_kernel ();
  if (!kernel)
    ft_fail ("no /boot/vmlinuz-* on this machine to test with");
  else {
    setenv ("SUPERMIN_KERNEL", kernel, 1);
    setenv ("SUPERMIN_MODULES", "/nonexistent/modules", 1);
    expect_launch_failure (g, &b, "/nonexistent/modules", NULL);
    check_cache_clean (cachedir);
  }
  free (kernel);
  unsetenv ("SUPERMIN_KERNEL");
  unsetenv ("SUPERMIN_MODULES");
  guestfs_set_cachedir (g, default_cachedir);
  ft_end ();

  ft_case ("no-appliance-on-path");
  guestfs_set_path (g, "/nonexistent/appliance");
  expect_launch_failure (g, &b, "/nonexistent/appliance", "appliance");
  guestfs_set_path (g, default_path);
  ft_end ();

  ft_case ("missing-hypervisor");
  guestfs_set_hv (g, "/nonexistent/qemu-system-x86_64");
  expect_launch_failure (g, &b, "/nonexistent/qemu-system-x86_64", NULL);
  ft_end ();

  ft_case ("hypervisor-not-executable");
  guestfs_set_hv (g, "/etc/passwd");
  expect_launch_failure (g, &b, "/etc/passwd", NULL);
  guestfs_set_hv (g, default_hv);
  ft_end ();

  ft_case ("launch-after-launch-failures");
  setenv ("FAKE_QEMU_MODE", "ok", 1);
  guestfs_set_hv (g, fake_qemu);
  if (guestfs_add_drive_scratch (g, 16 << 20, -1) == -1 || guestfs_launch (g) == -1)
    ft_fail ("launch on the same handle after the failures: %s", guestfs_last_error (g));
  else {
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));
    if (guestfs_ping_daemon (g) == -1)
      ft_fail ("ping_daemon: %s", guestfs_last_error (g));
  }
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();
  free (default_cachedir);
  free (default_path);
  free (default_hv);
  ft_rm_rf (cachedir);
  free (cachedir);
}

int
main (void)
{
  ft_init ();
  fake_qemu = getenv ("FT_FAKE_QEMU");
  if (!fake_qemu) {
    fprintf (stderr, "FT_FAKE_QEMU is not set\n");
    return 2;
  }
  ft_isolated ("missing-kernel", 100, run, NULL);
  ft_final_checks ("missing-kernel");
  return ft_exit_status ();
}
