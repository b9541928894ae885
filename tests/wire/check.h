/* Small assertion helpers for the wire suite: each case returns 0 or -1 and, on failure,
 * leaves a one-line reason in `why` (the failing condition, the call's error and errno),
 * so a FAIL line says what went wrong without a rerun. */
#ifndef WIRE_CHECK_H
#define WIRE_CHECK_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <guestfs.h>

static char why[1024];

static void set_why(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void set_why(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
}

/* The handle whose last error a failed call is reported with. */
static guestfs_h *check_g;

static const char *last_error(void)
{
  const char *e = check_g ? guestfs_last_error(check_g) : NULL;
  return e ? e : "(no error message)";
}

/* A call returning -1 on error. */
#define CALL(expr)                                                                     \
  do {                                                                                 \
    if ((expr) == -1) {                                                                \
      set_why("%s failed: %s (errno %d)", #expr, last_error(), guestfs_last_errno(check_g)); \
      return -1;                                                                       \
    }                                                                                  \
  } while (0)

/* A call returning a pointer, NULL on error; the result lands in `var`. */
#define CALLP(var, expr)                                                               \
  do {                                                                                 \
    if (((var) = (expr)) == NULL) {                                                    \
      set_why("%s failed: %s (errno %d)", #expr, last_error(), guestfs_last_errno(check_g)); \
      return -1;                                                                       \
    }                                                                                  \
  } while (0)

#define EXPECT(cond, ...)                                                              \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      char detail_[900];                                                               \
      snprintf(detail_, sizeof detail_, __VA_ARGS__);                                  \
      set_why("expected %s: %s", #cond, detail_);                                     \
      return -1;                                                                       \
    }                                                                                  \
  } while (0)

#define EXPECT_STR(got, want)                                                          \
  EXPECT(strcmp((got), (want)) == 0, "got \"%s\", want \"%s\"", (got), (want))

static void free_strings(char **v)
{
  if (!v)
    return;
  for (char **p = v; *p; p++)
    free(*p);
  free(v);
}

static size_t count_strings(char *const *v)
{
  size_t n = 0;
  while (v && v[n])
    n++;
  return n;
}

static int has_string(char *const *v, const char *s)
{
  for (size_t i = 0; v && v[i]; i++)
    if (strcmp(v[i], s) == 0)
      return 1;
  return 0;
}

/* "a, b, c" for failure messages (truncated to fit). */
static const char *join_strings(char *const *v)
{
  static char buf[400];
  buf[0] = 0;
  for (size_t i = 0; v && v[i]; i++) {
    size_t l = strlen(buf);
    snprintf(buf + l, sizeof buf - l, "%s%s", i ? ", " : "", v[i]);
  }
  return buf;
}

/* Value for key in a (key, value, key, value, ..., NULL) list, or NULL. */
static const char *hash_get(char *const *kv, const char *key)
{
  for (size_t i = 0; kv && kv[i] && kv[i + 1]; i += 2)
    if (strcmp(kv[i], key) == 0)
      return kv[i + 1];
  return NULL;
}

#endif
