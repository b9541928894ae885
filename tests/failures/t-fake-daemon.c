/* A daemon that sends garbage: the hypervisor is fake-qemu ($FT_FAKE_QEMU), which connects
 * to the daemon socket like qemu would and then misbehaves ($FAKE_QEMU_MODE).  Every case
 * must end in an error (never a crash or a hang), the handle must be usable again
 * afterwards (a relaunch against a well-behaved fake answers ping_daemon), and closing it
 * must leave nothing behind.  Each case runs in its own child process so one crash or
 * hang cannot hide the others. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

enum call { NONE, PING, LIST, DOWNLOAD, UPLOAD, DOWNLOAD_KILLED };

struct fcase {
  const char *mode;
  enum call call;               /* NONE: the launch itself must fail */
  int want_errno;               /* -1: any */
  const char *want_text;        /* substring of the error, NULL: any non-empty message */
  int stays_ready;              /* a well-formed error reply: the connection is still good */
  const char *setting;          /* a backend setting name=value for the case, or NULL */
};

static const struct fcase cases[] = {
  { "exit-at-once", NONE, -1, NULL, 0, NULL },
  { "exit-before-flag", NONE, -1, NULL, 0, NULL },
  { "message-before-flag", NONE, -1, NULL, 0, NULL },
  { "garbage-before-flag", NONE, -1, NULL, 0, NULL },
  /* Connected, but the launch flag never comes: the launch timeout must end it. */
  { "hang-before-flag", NONE, -1, "appliance launch timed out", 0, "launch_timeout=3" },
  { "oversized-length", PING, -1, "message length (4194305) > maximum possible size (4194304)", 0, NULL },
  { "huge-length", PING, -1, "message length (4026531840) > maximum possible size", 0, NULL },
  { "wrong-serial", PING, -1, "unexpected serial", 0, NULL },
  { "wrong-proc", PING, -1, "unexpected procedure number", 0, NULL },
  { "wrong-program", PING, -1, "wrong program", 0, NULL },
  { "truncated-reply", PING, EPIPE, "appliance closed the connection unexpectedly", 0, NULL },
  { "short-length", PING, -1, NULL, 0, NULL },
  { "random-bytes", PING, -1, NULL, 0, NULL },
  { "random-body", PING, -1, NULL, 0, NULL },
  { "huge-list-count", LIST, -1, NULL, 0, NULL },
  { "huge-string-length", LIST, -1, NULL, 0, NULL },
  { "huge-error-string", PING, -1, NULL, 0, NULL },
  { "silent-eof", PING, EPIPE, "appliance closed the connection unexpectedly", 0, NULL },
  { "launch-flag-again", PING, -1, NULL, 0, NULL },
  { "progress-then-eof", PING, EPIPE, "appliance closed the connection unexpectedly", 0, NULL },
  { "download-bad-chunk", DOWNLOAD, -1, NULL, 0, NULL },
  { "download-oversized-chunk", DOWNLOAD, -1, NULL, 0, NULL },
  { "download-eof", DOWNLOAD, EPIPE, "appliance closed the connection unexpectedly", 0, NULL },
  /* Well-formed failures: the handle stays launched. */
  { "error-reply", PING, ENOSPC, "ping_daemon: fake failure", 1, NULL },
  { "download-cancel", DOWNLOAD, -1, "file receive cancelled by daemon", 1, NULL },
  { "upload-reject", UPLOAD, ENOSPC, "upload: fake failure", 1, NULL },
  /* The fake streams a download forever and is SIGKILLed after 1 MB. */
  { "download-forever", DOWNLOAD_KILLED, EPIPE, "appliance closed the connection unexpectedly", 0, NULL },
};

static const char *fake_qemu;
static int quit_events;

static void
on_quit (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
         const char *buf, size_t len, const uint64_t *array, size_t array_len)
{
  (void) g; (void) opaque; (void) event; (void) eh; (void) flags;
  (void) buf; (void) len; (void) array; (void) array_len;
  quit_events++;
}

static void
kill_now (void *pid)
{
  kill (*(pid_t *) pid, SIGKILL);
}

static guestfs_h *
new_handle (struct ft_baseline *b, const char *mode)
{
  setenv ("FAKE_QEMU_MODE", mode, 1);
  guestfs_h *g = guestfs_create ();
  if (!g) {
    ft_fail ("guestfs_create failed");
    return NULL;
  }
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_event_callback (g, on_quit, GUESTFS_EVENT_SUBPROCESS_QUIT, 0, NULL);
  if (guestfs_set_tmpdir (g, b->tmpdir) == -1 || guestfs_set_hv (g, fake_qemu) == -1
      || guestfs_add_drive_scratch (g, 16 << 20, -1) == -1)
    ft_fail ("configuring the handle failed: %s", guestfs_last_error (g));
  return g;
}

/* The call the case is about; returns -1 with the error in the handle. */
static int
do_call (guestfs_h *g, enum call c, const char *tmpdir, pid_t pid)
{
  switch (c) {
  case PING:
    return guestfs_ping_daemon (g);
  case LIST: {
    char **l = guestfs_list_devices (g);
    if (!l)
      return -1;
    ft_fail ("list_devices succeeded on a malformed reply (first entry %s)", l[0] ? l[0] : "none");
    for (size_t i = 0; l[i]; i++)
      free (l[i]);
    free (l);
    return 0;
  }
  case DOWNLOAD: {
    char *out;
    if (asprintf (&out, "%s/download.out", tmpdir) == -1)
      return 0;
    int r = guestfs_download (g, "/dev/sda", out);
    unlink (out);
    free (out);
    return r;
  }
  case UPLOAD: {
    char *in;
    if (asprintf (&in, "%s/upload.in", tmpdir) == -1 || ft_sparse_file (in, 8 << 20) == -1)
      return 0;
    int r = guestfs_upload (g, in, "/file");
    unlink (in);
    free (in);
    return r;
  }
  case DOWNLOAD_KILLED: {
    char *out;
    if (asprintf (&out, "%s/download.out", tmpdir) == -1)
      return 0;
    struct ft_trigger t = { .path = out, .kind = FT_DOWNLOADED, .threshold = 1 << 20,
                            .action = kill_now, .arg = &pid };
    ft_trigger_start (&t);
    int r = guestfs_download (g, "/dev/sda", out);
    if (!ft_trigger_join (&t))
      ft_fail ("the fake qemu was not killed: the download never reached 1 MB");
    unlink (out);
    free (out);
    return r;
  }
  case NONE:
    break;
  }
  return 0;
}

static void
check_error (guestfs_h *g, const struct fcase *c, const char *what)
{
  const char *err = guestfs_last_error (g);
  int errnum = guestfs_last_errno (g);
  ft_note ("%s: errno %d, error: %s", what, errnum, err ? err : "(null)");
  if (!err || !*err)
    ft_fail ("%s failed without an error message", what);
  else if (c->want_text && !strstr (err, c->want_text))
    ft_fail ("%s error is \"%s\", expected it to contain \"%s\"", what, err, c->want_text);
  if (c->want_errno != -1 && errnum != c->want_errno)
    ft_fail ("%s errno is %d (%s), expected %d (%s); message: %s", what, errnum, strerror (errnum),
             c->want_errno, strerror (c->want_errno), err ? err : "(none)");
}

static void
run_case (void *arg)
{
  const struct fcase *c = arg;
  struct ft_baseline b;
  char name[128];
  snprintf (name, sizeof name, "fake-daemon-%s", c->mode);
  ft_case (name);
  ft_baseline_begin (&b);

  guestfs_h *g = new_handle (&b, c->mode);
  if (!g) {
    ft_end ();
    return;
  }
  if (c->setting) {
    char *name = strdup (c->setting), *eq = strchr (name, '=');
    *eq = '\0';
    if (guestfs_set_backend_setting (g, name, eq + 1) == -1)
      ft_fail ("set_backend_setting %s: %s", c->setting, guestfs_last_error (g));
    free (name);
  }
  double t0 = ft_now_ms ();
  int r = guestfs_launch (g);
  if (c->call == NONE) {
    if (r != -1)
      ft_fail ("launch succeeded although the fake daemon never sent a valid launch flag");
    else
      check_error (g, c, "launch");
    if (guestfs_get_state (g) != 0)
      ft_fail ("state after the failed launch is %d, expected 0 (CONFIG)", guestfs_get_state (g));
    ft_check_no_processes (&b);
  }
  else if (r == -1)
    ft_fail ("launch against the fake daemon failed: %s", guestfs_last_error (g));
  else {
    pid_t pid = guestfs_get_pid (g);
    ft_baseline_note_qemu (&b, pid);
    quit_events = 0;
    r = do_call (g, c->call, b.tmpdir, pid);
    if (r != -1)
      ft_fail ("the call succeeded although the reply was malformed");
    else
      check_error (g, c, "the call");
    int state = guestfs_get_state (g);
    if (c->want_errno == EPIPE && quit_events != 1)
      ft_fail ("SUBPROCESS_QUIT fired %d times, expected once", quit_events);
    if (c->stays_ready && state != 2)
      ft_fail ("state after a well-formed error reply is %d, expected 2 (READY)", state);
    if (state == 0)
      ft_check_no_processes (&b);      /* the connection was dropped: fake qemu reaped */
    else if (guestfs_shutdown (g) == -1)
      ft_fail ("shutdown after the error failed: %s", guestfs_last_error (g));
  }
  double took = ft_now_ms () - t0;
  if (took > 15000)
    ft_fail ("the failure took %.1f s to be reported", took / 1e3);

  /* The same handle must work again. */
  setenv ("FAKE_QEMU_MODE", "ok", 1);
  if (guestfs_add_drive_scratch (g, 16 << 20, -1) == -1)
    ft_fail ("add_drive_scratch after the failure: %s", guestfs_last_error (g));
  else if (guestfs_launch (g) == -1)
    ft_fail ("relaunch after the failure: %s", guestfs_last_error (g));
  else {
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));
    if (guestfs_ping_daemon (g) == -1)
      ft_fail ("ping_daemon after relaunch: %s", guestfs_last_error (g));
  }
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();
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
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char name[128];
    snprintf (name, sizeof name, "fake-daemon-%s", cases[i].mode);
    ft_isolated (name, 60, run_case, (void *) &cases[i]);
  }
  ft_final_checks ("fake-daemon");
  return ft_exit_status ();
}
