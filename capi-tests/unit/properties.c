/* Property defaults (with an empty environment) and setter validation. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <guestfs.h>
#include "common/testlib.h"

static void
check_error (guestfs_h *g, const char *want)
{
  CHECK_STR (guestfs_last_error (g), want);
}

#define CHECK_OWNED_STR(expr, want) \
  do { char *s_ = (expr); CHECK_STR (s_, want); free (s_); } while (0)

int
main (void)
{
  guestfs_h *g;

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);

  /* Defaults. */
  CHECK_INT (guestfs_get_verbose (g), 0);
  CHECK_INT (guestfs_get_trace (g), 0);
  CHECK_INT (guestfs_get_autosync (g), 1);
  CHECK_INT (guestfs_get_recovery_proc (g), 1);
  CHECK_INT (guestfs_get_memsize (g), 1280);
  CHECK_INT (guestfs_get_smp (g), 1);
  CHECK_INT (guestfs_get_network (g), 0);
  CHECK_INT (guestfs_get_pgroup (g), 0);
  CHECK_STR (guestfs_get_identifier (g), "");
  CHECK_STR (guestfs_get_append (g), NULL);
  CHECK_STR (guestfs_get_hv (g), "/usr/bin/qemu-system-x86_64");
  CHECK (guestfs_get_path (g) != NULL && guestfs_get_path (g)[0] == '/');
  CHECK_OWNED_STR (guestfs_get_backend (g), "direct");
  CHECK_OWNED_STR (guestfs_get_tmpdir (g), "/tmp");
  CHECK_OWNED_STR (guestfs_get_cachedir (g), "/var/tmp");
  if (geteuid () == 0)
    CHECK_OWNED_STR (guestfs_get_sockdir (g), "/tmp");
  {
    char **l = guestfs_get_backend_settings (g);
    CHECK (l != NULL && l[0] == NULL);
    free (l);
  }

  /* memsize: at least 256. */
  CHECK_INT (guestfs_set_memsize (g, 255), -1);
  check_error (g, "too small value for memsize (must be at least 256)");
  CHECK_INT (guestfs_get_memsize (g), 1280);
  CHECK_INT (guestfs_set_memsize (g, 256), 0);
  CHECK_INT (guestfs_get_memsize (g), 256);

  /* smp: 1..255. */
  CHECK_INT (guestfs_set_smp (g, 0), -1);
  check_error (g, "invalid smp parameter: 0");
  CHECK_INT (guestfs_set_smp (g, 256), -1);
  check_error (g, "unsupported number of smp vcpus: 256");
  CHECK_INT (guestfs_set_smp (g, 255), 0);
  CHECK_INT (guestfs_get_smp (g), 255);

  /* identifier: [A-Za-z0-9_-]* */
  CHECK_INT (guestfs_set_identifier (g, "a-B_9"), 0);
  CHECK_STR (guestfs_get_identifier (g), "a-B_9");
  CHECK_INT (guestfs_set_identifier (g, "no spaces"), -1);
  check_error (g, "identifier must contain only alphanumeric characters, underscore or minus sign");
  CHECK_STR (guestfs_get_identifier (g), "a-B_9");

  /* backend. */
  CHECK_INT (guestfs_set_backend (g, "libvirt:null"), 0);
  CHECK_OWNED_STR (guestfs_get_backend (g), "libvirt:null");
  CHECK_INT (guestfs_set_backend (g, "uml"), -1);
  check_error (g, "invalid backend: uml");
  CHECK_INT (guestfs_set_backend (g, "appliance"), 0);
  CHECK_OWNED_STR (guestfs_get_backend (g), "direct");

  /* hv / qemu. */
  CHECK_INT (guestfs_set_hv (g, "/bin/true"), 0);
  CHECK_STR (guestfs_get_hv (g), "/bin/true");
  CHECK_INT (guestfs_set_qemu (g, NULL), 0);
  CHECK_STR (guestfs_get_hv (g), "/usr/bin/qemu-system-x86_64");

  /* path and append take NULL to reset. */
  CHECK_INT (guestfs_set_path (g, "/a:/b"), 0);
  CHECK_STR (guestfs_get_path (g), "/a:/b");
  CHECK_INT (guestfs_set_path (g, NULL), 0);
  CHECK (guestfs_get_path (g)[0] == '/');
  CHECK_INT (guestfs_set_append (g, "quiet"), 0);
  CHECK_STR (guestfs_get_append (g), "quiet");
  CHECK_INT (guestfs_set_append (g, NULL), 0);
  CHECK_STR (guestfs_get_append (g), NULL);

  /* tmpdir / cachedir are realpath'd and must be directories. */
  CHECK_INT (guestfs_set_tmpdir (g, "/nonexistent/dir"), -1);
  CHECK_INT (guestfs_last_errno (g), ENOENT);
  CHECK_INT (guestfs_set_cachedir (g, "/etc/passwd"), -1);
  CHECK_INT (guestfs_set_tmpdir (g, "/tmp/"), 0);
  CHECK_OWNED_STR (guestfs_get_tmpdir (g), "/tmp");
  CHECK_INT (guestfs_set_cachedir (g, "/"), 0);
  CHECK_OWNED_STR (guestfs_get_cachedir (g), "/");
  CHECK_INT (guestfs_set_cachedir (g, NULL), 0);
  CHECK_OWNED_STR (guestfs_get_cachedir (g), "/var/tmp");

  /* Booleans normalise any non-zero value to 1. */
  CHECK_INT (guestfs_set_verbose (g, 42), 0);
  CHECK_INT (guestfs_get_verbose (g), 1);
  CHECK_INT (guestfs_set_verbose (g, 0), 0);
  CHECK_INT (guestfs_set_autosync (g, 0), 0);
  CHECK_INT (guestfs_get_autosync (g), 0);
  CHECK_INT (guestfs_set_network (g, 9), 0);
  CHECK_INT (guestfs_get_network (g), 1);

  CHECK_INT (guestfs_set_program (g, "other"), 0);
  CHECK_STR (guestfs_get_program (g), "other");

  guestfs_close (g);
  return tl_finish ();
}
