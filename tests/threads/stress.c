/* Thread stress test: 8 threads x ITERS iterations of mixed calls, closes and cancels
 * on shared and private handles.
 *
 *   stress [ITERS [ITERS2]]   (defaults 1000 and ITERS: phase 1 and phase 2 iterations)
 *
 * Phase 1 (no appliance): each thread creates, configures and closes private handles,
 * calls into one shared handle (properties, private data, events, errors, user_cancel),
 * and races calls against closes of handles published in a small table by other
 * threads: a thread may close a handle while others are calling into it, and a call may
 * reach a pointer that was just closed.  The library must never touch freed memory
 * (run it under valgrind to see that), never crash, and a call on a closed pointer must
 * fail cleanly.  1.48 leaves those races undefined, so this runs only against ours.
 *
 * Phase 2 (one appliance): 8 threads share one launched handle with a scratch disk and
 * make ITERS daemon round trips each (ping_daemon, writes and reads of per-thread files,
 * is_file, error-returning calls, user_cancel), then one thread closes the shared handle
 * while the others are still calling: they must get errors, never a crash.
 *
 * Prints "PASS: name" / "FAIL: name" lines; exit status 0 when everything passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <guestfs.h>

#define NTHREADS 8
#define NSLOTS 4

static int iters = 1000;      /* per thread, phase 1 */
static int iters2 = 1000;     /* per thread, phase 2 (daemon round trips) */
static atomic_int failures;
static guestfs_h *shared;

/* Handles published by one thread for others to call into (and to close).  A slot holds
 * a handle pointer until some thread takes it out and closes it; a thread that read the
 * pointer just before may still call into it. */
static _Atomic (guestfs_h *) slots[NSLOTS];

static void
failf (const char *what, const char *detail)
{
  atomic_fetch_add (&failures, 1);
  fprintf (stderr, "stress: %s: %s\n", what, detail ? detail : "(no detail)");
}

/* xorshift: each thread its own deterministic sequence. */
static unsigned
next_rand (unsigned *s)
{
  unsigned x = *s;
  x ^= x << 13; x ^= x >> 17; x ^= x << 5;
  return *s = x;
}

static void
quiet_errors (guestfs_h *g)
{
  guestfs_set_error_handler (g, NULL, NULL);
}

static void
count_event (guestfs_h *g, void *opaque, uint64_t event, int event_handle, int flags,
             const char *buf, size_t buf_len, const uint64_t *array, size_t array_len)
{
  (void) g; (void) event; (void) event_handle; (void) flags;
  (void) buf; (void) buf_len; (void) array; (void) array_len;
  atomic_fetch_add ((atomic_int *) opaque, 1);
}

static void
private_handle_cycle (unsigned *seed)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  if (!g) { failf ("guestfs_create_flags", strerror (errno)); return; }
  quiet_errors (g);
  guestfs_set_verbose (g, 0);
  guestfs_set_memsize (g, 400 + (int) (next_rand (seed) % 100));
  if (guestfs_get_memsize (g) < 400) failf ("get_memsize", "value lost");
  if (guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_READONLY, 1,
                              GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == -1)
    failf ("add_drive_opts /dev/null", guestfs_last_error (g));
  /* A call that must fail in the config state: the error belongs to this thread. */
  if (guestfs_ping_daemon (g) != -1) failf ("ping_daemon before launch", "succeeded");
  guestfs_set_private (g, "k", seed);
  if (guestfs_get_private (g, "k") != seed) failf ("get_private", "wrong pointer");
  /* Publish some handles for others to race on, close the rest ourselves. */
  if (next_rand (seed) % 2) {
    guestfs_h *old = atomic_exchange (&slots[next_rand (seed) % NSLOTS], g);
    if (old) guestfs_close (old);
  } else
    guestfs_close (g);
}

static void
race_on_slot (unsigned *seed)
{
  unsigned i = next_rand (seed) % NSLOTS;
  guestfs_h *g = atomic_load (&slots[i]);
  if (!g) return;
  switch (next_rand (seed) % 4) {
  case 0:                       /* close it while others may be calling into it */
    if (atomic_compare_exchange_strong (&slots[i], &g, NULL))
      guestfs_close (g);
    break;
  default: {                    /* call into it; it may have just been closed */
    /* Returns an error or a value; must not crash or touch freed memory. */
    (void) guestfs_get_memsize (g);
    (void) guestfs_set_trace (g, 0);
    (void) guestfs_get_private (g, "k");
    (void) guestfs_user_cancel (g);
    (void) guestfs_last_error (g);
  }
  }
}

static void
shared_handle_calls (unsigned *seed, atomic_int *events)
{
  char key[32];
  snprintf (key, sizeof key, "t%u", next_rand (seed) % 16);
  guestfs_set_private (shared, key, events);
  (void) guestfs_get_private (shared, key);
  (void) guestfs_set_autosync (shared, 1);
  if (guestfs_get_autosync (shared) != 1) failf ("get_autosync", "value lost");
  int eh = guestfs_set_event_callback (shared, count_event, GUESTFS_EVENT_TRACE, 0, events);
  if (eh == -1) failf ("set_event_callback", guestfs_last_error (shared));
  else guestfs_delete_event_callback (shared, eh);
  if (guestfs_set_memsize (shared, -5) != -1) failf ("set_memsize -5", "accepted");
  else if (guestfs_last_errno (shared) == 0 && guestfs_last_error (shared) == NULL)
    failf ("set_memsize -5", "no error recorded for this thread");
  guestfs_user_cancel (shared);
}

static void *
phase1_thread (void *arg)
{
  unsigned seed = 2463534242u + (unsigned) (uintptr_t) arg * 7919u;
  atomic_int events = 0;
  for (int i = 0; i < iters; ++i) {
    switch (next_rand (&seed) % 3) {
    case 0: private_handle_cycle (&seed); break;
    case 1: race_on_slot (&seed); break;
    default: shared_handle_calls (&seed, &events); break;
    }
  }
  return NULL;
}

/* ---- phase 2: one launched handle shared by every thread */
static atomic_int closed_shared;

static void *
phase2_thread (void *arg)
{
  int t = (int) (uintptr_t) arg;
  unsigned seed = 88172645u + (unsigned) t * 104729u;
  char path[64], content[64];
  snprintf (path, sizeof path, "/t%d", t);
  for (int i = 0; i < iters2; ++i) {
    if (atomic_load (&closed_shared)) {
      /* After the close, calls must fail cleanly (the pointer is no longer live). */
      if (guestfs_ping_daemon (shared) != -1) failf ("ping_daemon after close", "succeeded");
      break;
    }
    switch (next_rand (&seed) % 5) {
    case 0:
      if (guestfs_ping_daemon (shared) == -1 && !atomic_load (&closed_shared))
        failf ("ping_daemon", guestfs_last_error (shared));
      break;
    case 1:
      snprintf (content, sizeof content, "thread %d iteration %d\n", t, i);
      if (guestfs_write (shared, path, content, strlen (content)) == -1) {
        if (!atomic_load (&closed_shared)) failf ("write", guestfs_last_error (shared));
        break;
      }
      {
        size_t n;
        char *got = guestfs_read_file (shared, path, &n);
        if (!got) {
          if (!atomic_load (&closed_shared)) failf ("read_file", guestfs_last_error (shared));
        } else {
          if (n != strlen (content) || memcmp (got, content, n) != 0)
            failf ("read_file", "another thread's data");
          free (got);
        }
      }
      break;
    case 2:
      if (guestfs_is_file (shared, "/nonexistent") != 0 && !atomic_load (&closed_shared))
        failf ("is_file /nonexistent", "not 0");
      break;
    case 3:
      /* An error from the daemon: ENOENT, recorded for this thread only. */
      if (guestfs_cat (shared, "/nonexistent") != NULL) failf ("cat /nonexistent", "succeeded");
      break;
    default:
      guestfs_user_cancel (shared);
      break;
    }
    /* Thread 0 closes the shared handle near the end while the others are calling. */
    if (t == 0 && i == iters2 - iters2 / 10) {
      atomic_store (&closed_shared, 1);
      guestfs_close (shared);
      break;
    }
  }
  return NULL;
}

static int
run_threads (void *(*fn) (void *))
{
  pthread_t th[NTHREADS];
  for (int i = 0; i < NTHREADS; ++i)
    if (pthread_create (&th[i], NULL, fn, (void *) (uintptr_t) i) != 0) {
      perror ("pthread_create");
      return -1;
    }
  for (int i = 0; i < NTHREADS; ++i) pthread_join (th[i], NULL);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc > 1) iters = atoi (argv[1]);
  if (iters < 10) iters = 10;
  iters2 = argc > 2 ? atoi (argv[2]) : iters;
  if (iters2 < 10) iters2 = 10;

  /* ---- phase 1 */
  shared = guestfs_create ();
  if (!shared) { perror ("guestfs_create"); return 1; }
  quiet_errors (shared);
  atomic_store (&failures, 0);
  if (run_threads (phase1_thread) == -1) return 1;
  for (int i = 0; i < NSLOTS; ++i) {
    guestfs_h *g = atomic_exchange (&slots[i], NULL);
    if (g) guestfs_close (g);
  }
  guestfs_close (shared);
  int f1 = atomic_load (&failures);
  printf ("%s: threads-no-appliance (%d threads x %d iterations, %d failures)\n",
          f1 ? "FAIL" : "PASS", NTHREADS, iters, f1);

  if (getenv ("STRESS_SKIP_APPLIANCE")) return f1 ? 1 : 0;

  /* ---- phase 2 */
  atomic_store (&failures, 0);
  shared = guestfs_create ();
  if (!shared) { perror ("guestfs_create"); return 1; }
  quiet_errors (shared);
  if (guestfs_add_drive_scratch (shared, 64 << 20, -1) == -1 ||
      guestfs_launch (shared) == -1 ||
      guestfs_mkfs (shared, "ext4", "/dev/sda") == -1 ||
      guestfs_mount (shared, "/dev/sda", "/") == -1) {
    printf ("FAIL: threads-shared-appliance (setup: %s)\n", guestfs_last_error (shared));
    return 1;
  }
  if (run_threads (phase2_thread) == -1) return 1;
  if (!atomic_load (&closed_shared)) guestfs_close (shared);
  int f2 = atomic_load (&failures);
  printf ("%s: threads-shared-appliance (%d threads x up to %d daemon calls, %d failures)\n",
          f2 ? "FAIL" : "PASS", NTHREADS, iters2, f2);
  return (f1 || f2) ? 1 : 0;
}
