/* Writes into pipes whose reader is gone.  This program keeps SIGPIPE's default action
 * (terminate), as most C programs do; the library must never die of a SIGPIPE it raised
 * itself: the call fails with a clear error (EPIPE), the process lives on, the handle
 * stays usable.  (1.48 dies with status 141 in the copy_out cases.)
 *
 *   copy-out-tar-rejects   copy_out whose local tar rejects the stream and exits at once
 *                          (a `tar` earlier on PATH that reads 512 bytes and exits 2,
 *                          as tar does with a stream it cannot read)
 *   copy-out-tar-killed    copy_out whose (real) local tar is SIGKILLed mid-stream
 *   download-closed-pipe   download into /dev/fd/N, a pipe whose read end is closed
 *   tar-out-closed-pipe    tar_out into the same
 *   trace-closed-stderr    trace messages printed on a stderr whose reader is gone */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

#define BIG (64LL << 20)

/* The handle is usable: a call after the failure works and sees the guest's data. */
static void
check_usable (guestfs_h *g, const char *after)
{
  char *s = guestfs_cat (g, "/d/small");
  if (!s || strcmp (s, "hello\n") != 0)
    ft_fail ("after %s: cat /d/small gave %s (%s)", after, s ? s : "(null)",
             s ? "" : guestfs_last_error (g));
  free (s);
  if (guestfs_get_state (g) != 2)
    ft_fail ("after %s: state is %d, expected 2 (READY)", after, guestfs_get_state (g));
}

/* The failed call reported an error (and the process got here: no SIGPIPE death). */
static void
check_failed (guestfs_h *g, const char *call, int r, const char *want)
{
  const char *err = guestfs_last_error (g);
  ft_note ("%s: returned %d, errno %d, error: %s", call, r, guestfs_last_errno (g),
           err ? err : "(null)");
  if (r != -1)
    ft_fail ("%s succeeded although its reader went away", call);
  else if (!err || !strstr (err, want))
    ft_fail ("%s error \"%s\" does not mention \"%s\"", call, err ? err : "(null)", want);
}

/* A pipe with its read end closed; returns the write end. */
static int
widowed_pipe (void)
{
  int fds[2];
  if (pipe (fds) == -1)
    return -1;
  close (fds[0]);
  return fds[1];
}

static void
kill_tar (void *unused)
{
  (void) unused;
  pid_t kids[32];
  char st[32], comm[64], path[64];
  int n = ft_children (kids, st, 32);
  for (int i = 0; i < n; i++) {
    snprintf (path, sizeof path, "/proc/%d/comm", (int) kids[i]);
    FILE *f = fopen (path, "r");
    if (f && fgets (comm, sizeof comm, f) && strncmp (comm, "tar", 3) == 0)
      kill (kids[i], SIGKILL);
    if (f)
      fclose (f);
  }
}

static void
run (void *unused)
{
  (void) unused;
  struct ft_baseline b;
  char *out = ft_mkdtemp ("sigpipe-out"), *bin = ft_mkdtemp ("sigpipe-bin");
  char *faketar, *path, *grown, *arg;
  if (asprintf (&faketar, "%s/tar", bin) == -1 || asprintf (&grown, "%s/d/big", out) == -1)
    exit (2);
  FILE *f = fopen (faketar, "w");
  if (!f)
    exit (2);
  fputs ("#!/bin/sh\nhead -c 512 >/dev/null\n"
         "echo 'tar: This does not look like a tar archive' >&2\nexit 2\n", f);
  fclose (f);
  chmod (faketar, 0755);

  ft_baseline_begin (&b);
  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  int ready = guestfs_add_drive_scratch (g, 256 << 20, -1) == 0 && guestfs_launch (g) == 0;
  if (ready)
    ft_baseline_note_qemu (&b, guestfs_get_pid (g));
  ready = ready && guestfs_mkfs (g, "ext4", "/dev/sda") == 0
    && guestfs_mount (g, "/dev/sda", "/") == 0 && guestfs_mkdir (g, "/d") == 0
    && guestfs_write (g, "/d/small", "hello\n", 6) == 0
    && guestfs_fallocate64 (g, "/d/big", BIG) == 0;
  const char *setup_error = ready ? NULL : guestfs_last_error (g);

  ft_case ("sigpipe-copy-out-tar-rejects");
  if (!ready)
    ft_fail ("setting up the guest failed: %s", setup_error);
  else {
    const char *old = getenv ("PATH");
    char *saved = strdup (old ? old : "/usr/bin:/bin");
    if (asprintf (&path, "%s:%s", bin, saved) == -1)
      exit (2);
    setenv ("PATH", path, 1);
    int r = guestfs_copy_out (g, "/d", out);
    setenv ("PATH", saved, 1);
    check_failed (g, "copy_out", r, "does not look like a tar archive");
    check_usable (g, "copy_out");
    ft_rm_rf (out);
    mkdir (out, 0700);
  }
  ft_end ();

  ft_case ("sigpipe-copy-out-tar-killed");
  if (!ready)
    ft_fail ("skipped: no guest");
  else {
    struct ft_trigger t = { .path = grown, .kind = FT_DOWNLOADED, .threshold = 4 << 20,
                            .action = kill_tar, .arg = NULL };
    ft_trigger_start (&t);
    int r = guestfs_copy_out (g, "/d", out);
    if (!ft_trigger_join (&t))
      ft_fail ("tar was not killed (the copy never got 4 MiB far)");
    check_failed (g, "copy_out", r, "tar subprocess failed");
    check_usable (g, "copy_out");
    /* The next copy_out, with nothing killed, works. */
    ft_rm_rf (out);
    mkdir (out, 0700);
    if (guestfs_copy_out (g, "/d", out) == -1)
      ft_fail ("copy_out after the failure: %s", guestfs_last_error (g));
    else {
      struct stat st;
      if (stat (grown, &st) == -1 || st.st_size != BIG)
        ft_fail ("copy_out after the failure: %s is not %lld bytes", grown, BIG);
    }
  }
  ft_end ();

  const char *calls[] = { "download", "tar_out" };
  for (int i = 0; i < 2; i++) {
    char name[64];
    snprintf (name, sizeof name, "sigpipe-%s-closed-pipe", i == 0 ? "download" : "tar-out");
    ft_case (name);
    int w = widowed_pipe ();
    if (!ready || w == -1)
      ft_fail ("skipped: no guest or no pipe");
    else {
      if (asprintf (&arg, "/dev/fd/%d", w) == -1)
        exit (2);
      int r = i == 0 ? guestfs_download (g, "/d/big", arg) : guestfs_tar_out (g, "/d", arg);
      close (w);
      check_failed (g, calls[i], r, "Broken pipe");
      if (r == -1 && guestfs_last_errno (g) != EPIPE)
        ft_fail ("%s errno is %d, expected EPIPE", calls[i], guestfs_last_errno (g));
      check_usable (g, calls[i]);
      free (arg);
    }
    ft_end ();
  }

  ft_case ("sigpipe-trace-closed-stderr");
  int w = widowed_pipe (), saved_stderr = dup (2);
  if (!ready || w == -1 || saved_stderr == -1)
    ft_fail ("skipped: no guest or no pipe");
  else {
    dup2 (w, 2);
    close (w);
    guestfs_set_trace (g, 1);
    char *s = guestfs_cat (g, "/d/small");
    guestfs_set_trace (g, 0);
    dup2 (saved_stderr, 2);
    if (!s)
      ft_fail ("cat with trace on a closed stderr failed: %s", guestfs_last_error (g));
    free (s);
    check_usable (g, "tracing into a closed stderr");
  }
  if (saved_stderr != -1)
    close (saved_stderr);
  ft_end ();

  ft_case ("sigpipe-close");
  if (ready && guestfs_shutdown (g) == -1)
    ft_fail ("shutdown: %s", guestfs_last_error (g));
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();
  ft_rm_rf (out);
  ft_rm_rf (bin);
}

int
main (void)
{
  ft_init ();
  /* A C program's default: SIGPIPE terminates. */
  signal (SIGPIPE, SIG_DFL);
  ft_isolated ("sigpipe", 150, run, NULL);
  ft_final_checks ("sigpipe");
  return ft_exit_status ();
}
