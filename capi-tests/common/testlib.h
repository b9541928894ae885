/* Small helpers shared by the C API tests: the check that the library under test is
 * the one loaded, assertion macros that count failures instead of aborting, stderr
 * capture, and temporary directories.  Kept free of libguestfs types so that every
 * test (and the dlopen probe) can use it. */
#ifndef CAPI_TESTLIB_H
#define CAPI_TESTLIB_H

#include <stddef.h>

/* Exits with status 2 unless every mapped libguestfs.so* file is the one found in the
 * directory named by $CAPI_TESTS_LIBDIR.  Debian's copy is installed system-wide, so a
 * test that silently ran against it would prove nothing. */
void tl_require_library_from_libdir (void);

/* Removes every LIBGUESTFS_* variable and TMPDIR/XDG_RUNTIME_DIR from the environment
 * so defaults are deterministic. */
void tl_clear_guestfs_env (void);

/* Failure bookkeeping.  The CHECK macros print a line for each failure and go on. */
extern int tl_failures;
void tl_fail (const char *file, int line, const char *fmt, ...)
  __attribute__((format (printf, 3, 4)));
/* Returns the process exit status: 0 when nothing failed. */
int tl_finish (void);

#define CHECK(cond) \
  do { if (!(cond)) tl_fail (__FILE__, __LINE__, "check failed: %s", #cond); } while (0)
#define CHECK_INT(got, want) \
  do { long long g_ = (got), w_ = (want); \
       if (g_ != w_) tl_fail (__FILE__, __LINE__, "%s: got %lld, expected %lld", #got, g_, w_); \
  } while (0)
/* NULL-safe string comparison: want == NULL means "expected NULL". */
#define CHECK_STR(got, want) tl_check_str (__FILE__, __LINE__, #got, (got), (want))
void tl_check_str (const char *file, int line, const char *expr,
                   const char *got, const char *want);

/* Redirects fd 2 into a temporary file until tl_capture_stderr_end, which restores it
 * and returns what was written (malloc'd, NUL-terminated). */
void tl_capture_stderr_begin (void);
char *tl_capture_stderr_end (void);

/* Creates a fresh directory under /tmp; the caller removes it with tl_rm_rf. */
char *tl_make_tmpdir (void);
void tl_rm_rf (const char *dir);
/* Runs a shell command (e.g. qemu-img create) and fails the test when it fails. */
int tl_system (const char *fmt, ...) __attribute__((format (printf, 1, 2)));

#endif
