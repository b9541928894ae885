/* qemu killed with SIGKILL (pid from guestfs_get_pid) in the middle of a long upload, in
 * the middle of a long call (a 30 s sleep inside the guest), and while idle.  The call
 * must fail with EPIPE and "appliance closed the connection unexpectedly",
 * SUBPROCESS_QUIT must fire once, the handle must be back in CONFIG with qemu reaped and
 * no fd lost, and add_drive + launch on the same handle must work again. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <guestfs.h>
#include "lib/ft.h"

static const char *sleeper;     /* static program uploaded into the guest */
/* Error texts kept for the comparison with 1.48's exact wording (a separate case, so a
 * wording difference does not hide a behaviour failure). */
static char *launch_error, *upload_error;
static int quit_events;

static void
on_quit (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
         const char *buf, size_t len, const uint64_t *array, size_t array_len)
{
  (void) g; (void) opaque; (void) event; (void) eh; (void) flags;
  (void) buf; (void) len; (void) array; (void) array_len;
  quit_events++;
}

struct killer {
  pthread_t thread;
  pid_t pid;
  int delay_ms;
};

static void *
killer_main (void *arg)
{
  struct killer *k = arg;
  usleep (k->delay_ms * 1000);
  kill (k->pid, SIGKILL);
  return NULL;
}

static void
kill_now (void *pid)
{
  kill (*(pid_t *) pid, SIGKILL);
}

static void
start_killer (struct killer *k, pid_t pid, int delay_ms)
{
  k->pid = pid;
  k->delay_ms = delay_ms;
  if (pthread_create (&k->thread, NULL, killer_main, k) != 0) {
    perror ("pthread_create");
    exit (2);
  }
}

/* Finds the qemu this process started (a child named qemu-system-*), waits `delay_ms`
 * more, and kills it: the launch is then still waiting for the daemon. */
struct launch_killer {
  pthread_t thread;
  int delay_ms;
  pid_t killed;
};

static void *
launch_killer_main (void *arg)
{
  struct launch_killer *k = arg;
  double give_up = ft_now_ms () + 60000;
  while (ft_now_ms () < give_up) {
    pid_t kids[32];
    char st[32];
    int n = ft_children (kids, st, 32);
    for (int i = 0; i < n; i++) {
      char path[64], comm[64] = "";
      snprintf (path, sizeof path, "/proc/%d/comm", (int) kids[i]);
      FILE *f = fopen (path, "re");
      if (f) {
        if (!fgets (comm, sizeof comm, f))
          comm[0] = '\0';
        fclose (f);
      }
      if (strncmp (comm, "qemu-system", 11) == 0) {
        usleep (k->delay_ms * 1000);
        kill (kids[i], SIGKILL);
        k->killed = kids[i];
        return NULL;
      }
    }
    usleep (5000);
  }
  return NULL;
}

/* Launches with one fresh scratch disk; returns qemu's pid or -1. */
static pid_t
launch_image (guestfs_h *g, struct ft_baseline *b, int64_t scratch_size, const char *image)
{
  int added = image ? guestfs_add_drive_opts (g, image, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1)
                    : guestfs_add_drive_scratch (g, scratch_size, -1);
  if (added == -1 || guestfs_launch (g) == -1) {
    ft_fail ("launch failed: %s", guestfs_last_error (g));
    return -1;
  }
  pid_t pid = guestfs_get_pid (g);
  ft_baseline_note_qemu (b, pid);
  return pid;
}

static pid_t
launch (guestfs_h *g, struct ft_baseline *b, int64_t scratch_size)
{
  return launch_image (g, b, scratch_size, NULL);
}

static const char keep[] = "written and synced before qemu was killed\n";

/* What a call interrupted by qemu's death must leave: the error, the event, the state,
 * no processes, the fds of a handle that never launched. */
static void
check_appliance_died (guestfs_h *g, struct ft_baseline *b, const char *call, int failed,
                      pid_t pid, int fds_unlaunched)
{
  const char *err = guestfs_last_error (g);
  int errnum = guestfs_last_errno (g);
  ft_note ("%s: errno %d, error: %s", call, errnum, err ? err : "(null)");
  if (!failed)
    ft_fail ("%s succeeded although qemu was killed during it", call);
  else {
    if (!err || !strstr (err, "appliance closed the connection unexpectedly"))
      ft_fail ("%s error is \"%s\", expected \"appliance closed the connection unexpectedly\"",
               call, err ? err : "(null)");
    if (errnum != EPIPE)
      ft_fail ("%s errno is %d (%s), expected EPIPE", call, errnum, strerror (errnum));
  }
  if (quit_events != 1)
    ft_fail ("SUBPROCESS_QUIT fired %d times, expected once", quit_events);
  if (guestfs_get_state (g) != 0)
    ft_fail ("state is %d after the appliance died, expected 0 (CONFIG)", guestfs_get_state (g));
  if (ft_alive (pid))
    ft_fail ("qemu (pid %d) is still running", (int) pid);
  ft_check_no_processes (b);
  int fds = ft_count_fds ();
  if (fds != fds_unlaunched) {
    char desc[4096];
    ft_describe_fds (desc, sizeof desc);
    ft_fail ("%d fds open after the appliance died, %d before launch (%s)", fds, fds_unlaunched, desc);
  }
}

static void
run (void *unused)
{
  (void) unused;
  struct ft_baseline b;
  struct killer k;
  char *data = ft_mkdtemp ("kill-data"), *big, *back, *image;
  if (asprintf (&big, "%s/big", data) == -1 || asprintf (&back, "%s/back", data) == -1
      || asprintf (&image, "%s/disk.img", data) == -1)
    exit (2);
  ft_baseline_begin (&b);

  guestfs_h *g = guestfs_create ();
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_tmpdir (g, b.tmpdir);
  guestfs_set_event_callback (g, on_quit, GUESTFS_EVENT_SUBPROCESS_QUIT, 0, NULL);
  int fds_unlaunched = ft_count_fds ();

  /* 0. During launch, a second after qemu started (a boot takes about 3 s here). A
   * restored appliance is up sooner than that (t-snapshot.c kills qemu during a restore),
   * so this launch boots: GUESTFS_RS_SNAPSHOT=0 (1.48 ignores the variable). */
  ft_case ("kill-qemu-during-launch");
  {
    struct launch_killer lk = { .delay_ms = 1000 };
    setenv ("GUESTFS_RS_SNAPSHOT", "0", 1);
    if (guestfs_add_drive_scratch (g, 64 << 20, -1) == -1)
      ft_fail ("add_drive_scratch: %s", guestfs_last_error (g));
    if (pthread_create (&lk.thread, NULL, launch_killer_main, &lk) != 0)
      exit (2);
    int r = guestfs_launch (g);
    pthread_join (lk.thread, NULL);
    unsetenv ("GUESTFS_RS_SNAPSHOT");
    const char *err = guestfs_last_error (g);
    ft_note ("launch: errno %d, error: %s", guestfs_last_errno (g), err ? err : "(null)");
    launch_error = err ? strdup (err) : NULL;
    if (!lk.killed)
      ft_fail ("no qemu child process was found to kill");
    else {
      b.qemus[b.nqemu++] = lk.killed;
      if (r == 0)
        ft_fail ("launch succeeded although qemu was killed during it");
      else if (!err || !strstr (err, "launch"))
        ft_fail ("the launch error does not say the launch failed: %s", err ? err : "(null)");
    }
    if (guestfs_get_state (g) != 0)
      ft_fail ("state after the failed launch is %d, expected 0 (CONFIG)", guestfs_get_state (g));
    if (r == 0)
      guestfs_shutdown (g);
    ft_check_no_processes (&b);
    int fds = ft_count_fds ();
    if (fds != fds_unlaunched)
      ft_fail ("%d fds open after the failed launch, %d before", fds, fds_unlaunched);
  }
  ft_end ();

  /* 1. During a 200 MB upload (about 8 s here under TCG): the kill comes once the
   * library has read 16 MB of the file, however fast the machine. */
  ft_case ("kill-qemu-during-upload");
  pid_t pid = launch (g, &b, 256 << 20);
  if (pid > 0) {
    if (ft_sparse_file (big, 200 << 20) == -1)
      ft_fail ("cannot create %s", big);
    quit_events = 0;
    struct ft_trigger t = { .path = big, .kind = FT_UPLOADED, .threshold = 16 << 20,
                            .action = kill_now, .arg = &pid };
    ft_trigger_start (&t);
    double t0 = ft_now_ms ();
    int r = guestfs_upload (g, big, "/dev/sda");
    double took = ft_now_ms () - t0;
    if (!ft_trigger_join (&t))
      ft_fail ("qemu was never killed: the library did not read 16 MB of the file");
    if (r == 0)
      ft_fail ("the upload completed in %.1f s, before qemu was killed", took / 1e3);
    else if (guestfs_last_error (g))
      upload_error = strdup (guestfs_last_error (g));
    check_appliance_died (g, &b, "upload", r == -1, pid, fds_unlaunched);
  }
  ft_end ();

  /* 2. The same handle launches again; prepare the guest for the long call, on a disk
   * image that outlives the appliance, with data synced before the kill. */
  ft_case ("relaunch-after-kill-during-upload");
  if (ft_sparse_file (image, 64 << 20) == -1)
    ft_fail ("cannot create %s", image);
  pid = launch_image (g, &b, 0, image);
  if (pid > 0) {
    if (guestfs_mkfs (g, "ext4", "/dev/sda") == -1 || guestfs_mount (g, "/dev/sda", "/") == -1
        || guestfs_upload (g, sleeper, "/sleeper") == -1 || guestfs_chmod (g, 0755, "/sleeper") == -1
        || guestfs_write (g, "/keep", keep, sizeof keep - 1) == -1 || guestfs_sync (g) == -1
        || guestfs_download (g, "/sleeper", back) == -1)
      ft_fail ("working with the relaunched appliance failed: %s", guestfs_last_error (g));
    else if (!ft_same_contents (sleeper, back))
      ft_fail ("a file uploaded and downloaded again differs");
  }
  ft_end ();

  /* 3. During a call: the guest sleeps 30 s, qemu is killed after 2 s. */
  ft_case ("kill-qemu-during-call");
  if (pid > 0) {
    char *argv[] = { "/sleeper", "30", NULL };
    quit_events = 0;
    start_killer (&k, pid, 2000);
    double t0 = ft_now_ms ();
    char *out = guestfs_command (g, argv);
    double took = ft_now_ms () - t0;
    pthread_join (k.thread, NULL);
    if (out == NULL && took > 20000)
      ft_fail ("the call only returned after %.1f s: qemu's death was not noticed", took / 1e3);
    check_appliance_died (g, &b, "command", out == NULL, pid, fds_unlaunched);
    free (out);
  }
  else
    ft_fail ("skipped: no appliance");
  ft_end ();

  /* 4. Again the same handle; then qemu dies while the handle is idle: the next call
   * reports it. */
  ft_case ("relaunch-after-kill-during-call");
  pid = launch_image (g, &b, 0, image);
  if (pid > 0) {
    char **devs = guestfs_list_devices (g);
    if (!devs || !devs[0] || strcmp (devs[0], "/dev/sda") != 0 || devs[1])
      ft_fail ("list_devices after relaunch: %s", devs ? (devs[0] ? devs[0] : "empty") : guestfs_last_error (g));
    for (size_t i = 0; devs && devs[i]; i++)
      free (devs[i]);
    free (devs);
  }
  ft_end ();

  /* What was synced before qemu died is still there (the filesystem mounts, the files
   * read back the same). */
  ft_case ("kill-qemu-loses-nothing");
  if (pid > 0) {
    size_t size;
    char *got = NULL;
    unlink (back);
    if (guestfs_mount (g, "/dev/sda", "/") == -1)
      ft_fail ("mounting the filesystem of the killed appliance: %s", guestfs_last_error (g));
    else if (!(got = guestfs_read_file (g, "/keep", &size)))
      ft_fail ("/keep: %s", guestfs_last_error (g));
    else if (size != sizeof keep - 1 || memcmp (got, keep, size) != 0)
      ft_fail ("/keep reads back differently");
    else if (guestfs_download (g, "/sleeper", back) == -1 || !ft_same_contents (sleeper, back))
      ft_fail ("/sleeper reads back differently");
    else if (guestfs_umount_all (g) == -1)
      ft_fail ("umount_all: %s", guestfs_last_error (g));
    free (got);
  }
  else
    ft_fail ("skipped: no appliance");
  ft_end ();

  ft_case ("kill-qemu-while-idle");
  if (pid > 0) {
    quit_events = 0;
    kill (pid, SIGKILL);
    usleep (300 * 1000);
    int r = guestfs_ping_daemon (g);
    check_appliance_died (g, &b, "ping_daemon", r == -1, pid, fds_unlaunched);
  }
  else
    ft_fail ("skipped: no appliance");
  ft_end ();

  /* 5. qemu dies and nobody calls: close must still clean up. */
  ft_case ("kill-qemu-then-close");
  pid = launch (g, &b, 64 << 20);
  if (pid > 0) {
    kill (pid, SIGKILL);
    usleep (300 * 1000);
  }
  guestfs_close (g);
  ft_baseline_check_closed (&b);
  ft_end ();

  /* libguestfs 1.48.6 (checked with Debian's build on this test) reports these without
   * the action's name in front. */
  ft_case ("kill-qemu-error-texts-as-1.48");
  static const char launch_text[] = "guestfs_launch failed.\nThis usually means the libguestfs appliance failed to start or crashed.\n";
  static const char upload_text[] = "appliance closed the connection unexpectedly.\nThis usually means the libguestfs appliance crashed.\n";
  if (launch_error && strncmp (launch_error, launch_text, sizeof launch_text - 1) != 0)
    ft_fail ("launch killed: error starts \"%.40s...\", 1.48 says \"guestfs_launch failed.\\nThis usually...\"", launch_error);
  if (upload_error && strncmp (upload_error, upload_text, sizeof upload_text - 1) != 0)
    ft_fail ("upload killed: error starts \"%.40s...\", 1.48 says \"appliance closed the connection unexpectedly.\\nThis usually...\"", upload_error);
  if (!launch_error || !upload_error)
    ft_fail ("no error text recorded (see the cases above)");
  ft_end ();
  ft_rm_rf (data);
}

int
main (void)
{
  ft_init ();
  sleeper = getenv ("FT_SLEEPER");
  if (!sleeper) {
    fprintf (stderr, "FT_SLEEPER is not set\n");
    return 2;
  }
  ft_isolated ("kill-qemu", 170, run, NULL);
  ft_final_checks ("kill-qemu");
  return ft_exit_status ();
}
