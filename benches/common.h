/* Shared helpers for the benchmark programs: clocks, result lines, qemu memory.
 *
 * Every figure a program measures is printed on stdout as one line
 *     RESULT <name> <value>
 * which benches/run.sh collects; everything else (progress, errors) goes to stderr.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <guestfs.h>

/* Seconds on the monotonic clock. */
double bench_now (void);

/* Prints "RESULT name value". */
void bench_result (const char *name, double value);

/* Reports the time since `since` as "RESULT step_<name>_s" (setup steps, shown in the
 * detailed log, not in the summary table) and returns the current time. */
double bench_step (const char *name, double since);

/* Prints which libguestfs.so was loaded and its version, so a run's log shows that the
 * side under test really is the library it claims to be (Debian's copy is installed
 * system-wide as well). */
void bench_identify (guestfs_h *g);

/* Peak resident set (VmHWM, KiB) of the qemu process behind a launched handle, read from
 * /proc/<pid>/status; -1 when it cannot be read. */
long bench_qemu_hwm_kib (guestfs_h *g);

/* CPU time (user + system, seconds) used so far by the qemu process behind a launched
 * handle, from /proc/<pid>/stat; -1 when it cannot be read. */
double bench_qemu_cpu_s (guestfs_h *g);

/* CPU time (user + system, seconds) used so far by this process: the library's side. */
double bench_self_cpu_s (void);

/* Watches this process's children from a background thread and notes the first moment a
 * qemu process (comm "qemu-system-*") appears: with an empty cache that is after the
 * appliance build (both libraries build it before running any qemu). */
void bench_qemu_watch_start (void);
/* Stops the watcher; returns seconds from bench_qemu_watch_start to the first qemu child,
 * or -1 if none was seen. */
double bench_qemu_watch_stop (void);

/* Exits with a message naming the failed step; the library has already printed its error
 * through its default handler. */
void bench_fail (const char *what) __attribute__((noreturn));

/* Creates a handle, adds a scratch drive of `bytes` and launches it. */
guestfs_h *bench_launch_scratch (int64_t bytes);

/* Parses a positive integer argument or exits. */
long bench_arg (const char *s, const char *what);

#endif
