/* Helpers shared by the failure tests: per-case PASS/FAIL reporting, and the checks that
 * a failure "leaks nothing" (file descriptors, child processes, qemu, temp and socket
 * directories).  Each test program runs several named cases; every case prints exactly
 * one "PASS: name" or "FAIL: name" line, with the reasons indented below a FAIL. */
#ifndef FT_H
#define FT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- cases */

/* Starts a case: later ft_check failures are attributed to it. */
void ft_case (const char *name);
/* Records a failed expectation of the current case (printed when the case ends). */
void ft_fail (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
/* With $FT_VERBOSE set, prints an informational line (e.g. the error text seen). */
void ft_note (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
/* Ends the current case and prints its PASS/FAIL line.  Returns 1 if it passed. */
int ft_end (void);
/* Process exit status: 0 when every case passed. */
int ft_exit_status (void);

/* Runs fn(arg) in a child process limited to timeout_s seconds.  The child reports its own
 * case lines; if it dies by a signal or runs out of time (a hang), a FAIL line for
 * `name` is printed here.  Either way the calling process carries on. */
void ft_isolated (const char *name, int timeout_s, void (*fn) (void *), void *arg);

#define FT_CHECK(cond, ...) \
  do { if (!(cond)) { ft_fail ("%s:%d: check failed: %s", __FILE__, __LINE__, #cond); \
                      ft_fail ("  " __VA_ARGS__); } } while (0)

/* ---- environment */

/* Call first in main: checks the library (ft_require_library) and sets up the list of
 * socket directories that ft_final_checks examines. */
void ft_init (void);
/* Call last in main: a case "<prog>-socket-dirs-removed" checking that every socket
 * directory a launch created (in this process or its ft_isolated children) is gone. */
void ft_final_checks (const char *prog);

/* Exits with status 2 unless the libguestfs.so mapped in this process lives in the
 * directory named by $FT_LIBDIR (Debian's copy is installed system-wide). */
void ft_require_library (void);
/* Milliseconds since an arbitrary start (monotonic). */
double ft_now_ms (void);
/* Creates a fresh directory under /tmp (malloc'd name). */
char *ft_mkdtemp (const char *stem);
/* rm -rf (best effort). */
void ft_rm_rf (const char *path);
/* Writes a sparse file of `size` bytes; returns 0 on success. */
int ft_sparse_file (const char *path, int64_t size);
/* Writes `size` pseudo-random bytes (seeded) to `path`; returns 0 on success. */
int ft_random_file (const char *path, size_t size, unsigned seed);
/* 1 if the two files have identical contents. */
int ft_same_contents (const char *a, const char *b);

/* ---- acting in the middle of a transfer, whatever the speed of the machine */

/* A thread that runs action(arg) once a transfer has got `threshold` bytes far: for
 * FT_UPLOADED, once this process has read that far into the local file `path` (the
 * library's read offset, from /proc/self/fdinfo); for FT_DOWNLOADED, once `path` has
 * grown that big.  It gives up after 60 s. */
enum ft_progress { FT_UPLOADED, FT_DOWNLOADED };
struct ft_trigger {
  const char *path;
  enum ft_progress kind;
  int64_t threshold;
  void (*action) (void *);
  void *arg;
  volatile int stop, fired;
  unsigned long thread;
};
void ft_trigger_start (struct ft_trigger *t);
/* Stops the thread if it has not fired yet and waits for it; returns t->fired. */
int ft_trigger_join (struct ft_trigger *t);

/* ---- leak accounting */

/* Number of open file descriptors of this process (/proc/self/fd). */
int ft_count_fds (void);
/* Appends "fd N -> target" lines for every open fd to `buf` (for failure reports). */
void ft_describe_fds (char *buf, size_t len);
/* Children of this process (living or zombie), up to `max`; returns how many. */
int ft_children (pid_t *pids, char *states, int max);
/* 1 if `pid` exists and is not a zombie. */
int ft_alive (pid_t pid);
/* The directory holding the daemon socket of the qemu (or fake qemu) `pid`, read from
 * its "-chardev socket,path=..." argument; NULL if not found.  Malloc'd. */
char *ft_sockdir_of (pid_t pid);
/* 1 if the directory exists. */
int ft_dir_exists (const char *path);
/* Number of entries (besides . and ..) in a directory; -1 if it cannot be read. */
int ft_dir_entries (const char *path);

/* What a handle left behind must be compared against: taken before guestfs_create. */
struct ft_baseline {
  int fds;
  char *tmpdir;                 /* the handle's LIBGUESTFS tmpdir, empty at start */
  pid_t qemus[16];              /* every qemu pid seen, to check it is gone */
  int nqemu;
};

/* Takes the fd count and creates a private tmpdir for the handle. */
void ft_baseline_begin (struct ft_baseline *b);
/* Remembers a launched appliance: its pid for the checks at close, its socket dir for
 * ft_final_checks (reported apart, so that one leak does not mask every other case). */
void ft_baseline_note_qemu (struct ft_baseline *b, pid_t pid);
/* After guestfs_close: fds back to the baseline, no child processes, every qemu seen
 * gone, the tmpdir empty.  Records failures in the current
 * case; removes the tmpdir. */
void ft_baseline_check_closed (struct ft_baseline *b);
/* No child processes now, no qemu seen still running (after the appliance died or was
 * shut down, while the handle stays open). */
void ft_check_no_processes (struct ft_baseline *b);

#endif
