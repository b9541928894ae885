/* Bad input: a NULL handle, NULL or invalid arguments, calls in the wrong state, hostile
 * sizes and failing local files.  Every call must return its error value (with a message
 * where there is a handle) and never crash; a launched handle must keep working after
 * each refused call.  Calls without an appliance run in a child process each, so a crash
 * is reported against the call that caused it. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* internal_write is private API: it sends its buffer as one call argument. */
#define GUESTFS_PRIVATE 1
#include <guestfs.h>
#include "lib/ft.h"

static void
dummy_cb (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags, const char *buf,
          size_t len, const uint64_t *array, size_t array_len)
{
  (void) g; (void) opaque; (void) event; (void) eh; (void) flags;
  (void) buf; (void) len; (void) array; (void) array_len;
}

/* ---- 1. NULL handle: each call must return its error value without crashing. */

static char *const cmd_argv[] = { "/bin/true", NULL };

/* Each returns 1 if the call returned its error value. */
#define NH_INT(fn, expr) static int nh_##fn (void) { guestfs_h *g = NULL; return (expr) == -1; }
#define NH_PTR(fn, expr) static int nh_##fn (void) { guestfs_h *g = NULL; return (expr) == NULL; }
#define NH_ANY(fn, expr) static int nh_##fn (void) { guestfs_h *g = NULL; (void) (expr); return 1; }
NH_INT (launch, guestfs_launch (g))
NH_INT (add_drive, guestfs_add_drive (g, "/dev/null"))
NH_INT (add_drive_opts, guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1))
NH_INT (add_drive_scratch, guestfs_add_drive_scratch (g, 1 << 20, -1))
NH_INT (mount, guestfs_mount (g, "/dev/sda", "/"))
NH_PTR (ls, guestfs_ls (g, "/"))
NH_PTR (command, guestfs_command (g, cmd_argv))
NH_INT (upload, guestfs_upload (g, "/etc/passwd", "/passwd"))
NH_INT (get_pid, guestfs_get_pid (g))
NH_INT (get_state, guestfs_get_state (g))
NH_INT (shutdown, guestfs_shutdown (g))
NH_INT (set_verbose, guestfs_set_verbose (g, 1))
NH_PTR (get_hv, guestfs_get_hv (g))
NH_PTR (version, guestfs_version (g))
NH_INT (set_event_callback, guestfs_set_event_callback (g, dummy_cb, GUESTFS_EVENT_ALL, 0, NULL))
NH_PTR (get_private, guestfs_get_private (g, "key"))
NH_PTR (last_error, guestfs_last_error (g))
NH_ANY (last_errno, guestfs_last_errno (g))
NH_ANY (set_error_handler, (guestfs_set_error_handler (g, NULL, NULL), 0))
NH_ANY (push_error_handler, (guestfs_push_error_handler (g, NULL, NULL), 0))
NH_ANY (pop_error_handler, (guestfs_pop_error_handler (g), 0))
NH_ANY (delete_event_callback, (guestfs_delete_event_callback (g, 0), 0))
NH_ANY (set_private, (guestfs_set_private (g, "key", (void *) cmd_argv), 0))
NH_ANY (user_cancel, guestfs_user_cancel (g))
NH_ANY (close, (guestfs_close (g), 0))

static const struct { const char *name; int (*fn) (void); } null_handle_cases[] = {
#define NH(fn) { "null-handle-" #fn, nh_##fn }
  NH (launch), NH (add_drive), NH (add_drive_opts), NH (add_drive_scratch), NH (mount),
  NH (ls), NH (command), NH (upload), NH (get_pid), NH (get_state), NH (shutdown),
  NH (set_verbose), NH (get_hv), NH (version), NH (set_event_callback), NH (get_private),
  NH (last_error), NH (last_errno), NH (set_error_handler), NH (push_error_handler),
  NH (pop_error_handler), NH (delete_event_callback), NH (set_private), NH (user_cancel),
  NH (close),
#undef NH
};

static void
run_null_handle (void *arg)
{
  size_t i = (size_t) (intptr_t) arg;
  ft_case (null_handle_cases[i].name);
  if (!null_handle_cases[i].fn ())
    ft_fail ("the call with a NULL handle did not return its error value");
  ft_end ();
}

/* ---- 2. A handle in CONFIG: invalid arguments and calls that need an appliance. */

struct config_case {
  const char *name;
  int (*call) (guestfs_h *g);   /* returns -1 for "the call failed" */
  const char *want;             /* substring of the error message */
};

static int c_add_drive_null (guestfs_h *g) { return guestfs_add_drive (g, NULL); }
static int c_add_drive_missing (guestfs_h *g) { return guestfs_add_drive (g, "/nonexistent/disk.img"); }
static int c_format_null (guestfs_h *g)
{ return guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, NULL, -1); }
static int c_format_bad (guestfs_h *g)
{ return guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw;rm -rf /", -1); }
static int c_unknown_optarg (guestfs_h *g)
{
  struct guestfs_add_drive_opts_argv o = { .bitmask = UINT64_C (1) << 62 };
  return guestfs_add_drive_opts_argv (g, "/dev/null", &o);
}
static int c_scratch_negative (guestfs_h *g) { return guestfs_add_drive_scratch (g, -1, -1); }
static int c_set_hv_null (guestfs_h *g) { return guestfs_set_hv (g, NULL); }
static int c_memsize_small (guestfs_h *g) { return guestfs_set_memsize (g, 10); }
static int c_backend_bad (guestfs_h *g) { return guestfs_set_backend (g, "no-such-backend"); }
static int c_backend_settings_null (guestfs_h *g) { return guestfs_set_backend_settings (g, NULL); }
static int c_identifier_bad (guestfs_h *g) { return guestfs_set_identifier (g, "bad id!"); }
static int c_event_flags (guestfs_h *g)
{ return guestfs_set_event_callback (g, dummy_cb, GUESTFS_EVENT_ALL, 1, NULL); }
static int c_config_forbidden (guestfs_h *g) { return guestfs_config (g, "-kernel", "/boot/x"); }
static int c_config_null (guestfs_h *g) { return guestfs_config (g, NULL, NULL); }
static int c_launch_no_drives (guestfs_h *g) { return guestfs_launch (g); }
static int c_mount_unlaunched (guestfs_h *g) { return guestfs_mount (g, "/dev/sda", "/"); }
static int c_upload_unlaunched (guestfs_h *g) { return guestfs_upload (g, "/etc/passwd", "/p"); }
static int c_get_pid_unlaunched (guestfs_h *g) { return guestfs_get_pid (g); }
static int c_ls_unlaunched (guestfs_h *g)
{
  char **l = guestfs_ls (g, "/");
  if (!l)
    return -1;
  free (l);
  return 0;
}
static int c_command_null (guestfs_h *g)
{
  char *r = guestfs_command (g, NULL);
  free (r);
  return r ? 0 : -1;
}
static int c_write_null (guestfs_h *g) { return guestfs_write (g, "/x", NULL, 0) == -1 ? -1 : 0; }
static int c_mount_null (guestfs_h *g) { return guestfs_mount (g, NULL, "/"); }

static const struct config_case config_cases[] = {
  /* guestfs_add_drive is add_drive_opts without optargs: 1.48 names add_drive_opts. */
  { "null-arg-add_drive", c_add_drive_null, "add_drive_opts: filename: parameter cannot be NULL" },
  { "add_drive-missing-file", c_add_drive_missing, "/nonexistent/disk.img" },
  { "null-optarg-format", c_format_null, "cannot be NULL" },
  { "bad-optarg-format", c_format_bad, "format" },
  { "unknown-optarg-bit", c_unknown_optarg, "add_drive_opts: unknown option in guestfs_add_drive_opts_argv->bitmask" },
  { "negative-scratch-size", c_scratch_negative, "invalid size: -1" },
  { "null-arg-set_hv", c_set_hv_null, "parameter cannot be NULL" },
  { "memsize-too-small", c_memsize_small, "too small value for memsize" },
  { "invalid-backend", c_backend_bad, "invalid backend" },
  { "null-arg-set_backend_settings", c_backend_settings_null, "parameter cannot be NULL" },
  { "invalid-identifier", c_identifier_bad, "" },
  { "event-callback-flags", c_event_flags, "flags parameter should be passed as 0" },
  { "config-forbidden-param", c_config_forbidden, "isn't allowed" },
  { "null-arg-config", c_config_null, "parameter cannot be NULL" },
  { "null-arg-mount", c_mount_null, "parameter cannot be NULL" },
  { "null-arg-command", c_command_null, "parameter cannot be NULL" },
  { "null-arg-write", c_write_null, "" },
  { "launch-without-drives", c_launch_no_drives, "you must call guestfs_add_drive before guestfs_launch" },
  { "mount-before-launch", c_mount_unlaunched, "mount: call launch before using this function" },
  { "ls-before-launch", c_ls_unlaunched, "call launch before using this function" },
  { "upload-before-launch", c_upload_unlaunched, "upload: call launch before using this function" },
  { "get_pid-before-launch", c_get_pid_unlaunched, "get-pid can only be called after launch" },
};

static void
run_config_case (void *arg)
{
  const struct config_case *c = arg;
  struct ft_baseline b;
  ft_case (c->name);
  ft_baseline_begin (&b);
  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  int r = c->call (g);
  const char *err = guestfs_last_error (g);
  ft_note ("errno %d, error: %s", guestfs_last_errno (g), err ? err : "(null)");
  if (r != -1)
    ft_fail ("the call succeeded (returned %d)", r);
  else if (!err || !*err)
    ft_fail ("the call failed without an error message");
  else if (!strstr (err, c->want))
    ft_fail ("error \"%s\" does not contain \"%s\"", err, c->want);
  if (guestfs_get_state (g) != 0)
    ft_fail ("state is %d, expected 0 (CONFIG)", guestfs_get_state (g));
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();
}

/* ---- 3. A launched handle: refused calls leave it working. */

static void
still_works (guestfs_h *g)
{
  if (guestfs_get_state (g) != 2)
    ft_fail ("state is %d, expected 2 (READY)", guestfs_get_state (g));
  else if (guestfs_ping_daemon (g) == -1)
    ft_fail ("ping_daemon afterwards failed: %s", guestfs_last_error (g));
}

static void
expect_error (guestfs_h *g, int failed, const char *want, int want_errno)
{
  const char *err = guestfs_last_error (g);
  int errnum = guestfs_last_errno (g);
  ft_note ("errno %d, error: %s", errnum, err ? err : "(null)");
  if (!failed)
    ft_fail ("the call succeeded");
  else if (!err || !strstr (err, want))
    ft_fail ("error \"%s\" does not contain \"%s\"", err ? err : "(null)", want);
  else if (want_errno != -1 && errnum != want_errno)
    ft_fail ("errno is %d (%s), expected %d (%s)", errnum, strerror (errnum), want_errno,
             strerror (want_errno));
  still_works (g);
}

static void
run_launched (void *unused)
{
  (void) unused;
  struct ft_baseline b;
  char *data = ft_mkdtemp ("bad-input-data"), *out;
  if (asprintf (&out, "%s/out", data) == -1)
    exit (2);
  ft_baseline_begin (&b);
  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  int ready = guestfs_add_drive_scratch (g, 64 << 20, -1) == 0 && guestfs_launch (g) == 0;
  if (ready)
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));
  ready = ready && guestfs_mkfs (g, "ext4", "/dev/sda") == 0 && guestfs_mount (g, "/dev/sda", "/") == 0;
  const char *setup = ready ? NULL : strdup (guestfs_last_error (g) ? guestfs_last_error (g) : "?");

#define LAUNCHED_CASE(name) \
  ft_case (name); \
  if (!ready) ft_fail ("launch/mkfs/mount failed: %s", setup); else

  LAUNCHED_CASE ("launch-twice")
    expect_error (g, guestfs_launch (g) == -1, "this function can only be called in the config state", -1);
  ft_end ();

  LAUNCHED_CASE ("add_drive-after-launch")
    expect_error (g, guestfs_add_drive (g, "/dev/null") == -1, "hotplugging support was removed", -1);
  ft_end ();

  LAUNCHED_CASE ("config-setting-after-launch")
    expect_error (g, guestfs_set_memsize (g, 2048) == -1, "this function can only be called in the config state", -1);
  ft_end ();

  LAUNCHED_CASE ("mount-missing-device")
    expect_error (g, guestfs_mount (g, "/dev/sdz", "/mnt") == -1, "/dev/sdz", -1);
  ft_end ();

  LAUNCHED_CASE ("command-empty-list") {
    char *empty[] = { NULL };
    char *r = guestfs_command (g, empty);
    expect_error (g, r == NULL, "command", -1);
    free (r);
  }
  ft_end ();

  LAUNCHED_CASE ("upload-missing-local-file")
    expect_error (g, guestfs_upload (g, "/nonexistent/local", "/x") == -1, "/nonexistent/local", ENOENT);
  ft_end ();

  LAUNCHED_CASE ("upload-missing-remote-dir")
    expect_error (g, guestfs_upload (g, "/etc/passwd", "/nonexistent/x") == -1, "/nonexistent/x", ENOENT);
  ft_end ();

  LAUNCHED_CASE ("download-missing-remote-file")
    expect_error (g, guestfs_download (g, "/nonexistent", out) == -1, "/nonexistent", ENOENT);
  ft_end ();

  LAUNCHED_CASE ("download-unwritable-local-file") {
    if (guestfs_fill (g, 'x', 1 << 20, "/filled") == -1)
      ft_fail ("fill: %s", guestfs_last_error (g));
    expect_error (g, guestfs_download (g, "/filled", "/nonexistent/dir/out") == -1,
                  "/nonexistent/dir/out", ENOENT);
    /* And the next download works. */
    if (guestfs_download (g, "/filled", out) == -1)
      ft_fail ("download after the failed one: %s", guestfs_last_error (g));
  }
  ft_end ();

  LAUNCHED_CASE ("oversized-argument") {
    /* Last: if the library wrongly drops the appliance here, no other case suffers.
     * internal_write sends its buffer as one call argument (guestfs_write may take
     * another way).  Nothing is sent in either case, so the handle must stay READY:
     *  - 4 MiB - 16 bytes passes 1.48's rough size check but not the message limit
     *    once the header and path are added: "dispatch failed to marshal args";
     *  - 5 MiB is caught by the rough check: "<name>: size of input buffer too large". */
    size_t n = 5 << 20;
    char *buf = calloc (1, n);
    expect_error (g, guestfs_internal_write (g, "/big", buf, (4 << 20) - 16) == -1,
                  "dispatch failed to marshal args", -1);
    if (guestfs_get_state (g) == 2)
      expect_error (g, guestfs_internal_write (g, "/big", buf, n) == -1,
                    "internal_write: size of input buffer too large", -1);
    free (buf);
  }
  ft_end ();

  ft_case ("bad-input-close-leaks-nothing");
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();
  ft_rm_rf (data);
}

int
main (void)
{
  ft_init ();
  for (size_t i = 0; i < sizeof null_handle_cases / sizeof null_handle_cases[0]; i++)
    ft_isolated (null_handle_cases[i].name, 20, run_null_handle, (void *) (intptr_t) i);
  for (size_t i = 0; i < sizeof config_cases / sizeof config_cases[0]; i++)
    ft_isolated (config_cases[i].name, 30, run_config_case, (void *) &config_cases[i]);
  ft_isolated ("bad-input-launched", 100, run_launched, NULL);
  ft_final_checks ("bad-input");
  return ft_exit_status ();
}
