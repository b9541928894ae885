/* Our stand-in for gnulib's cloexec.h. */
#ifndef CONFORMANCE_CLOEXEC_H
#define CONFORMANCE_CLOEXEC_H
#include <fcntl.h>
#include <stdbool.h>

static inline int
set_cloexec_flag (int desc, bool value)
{
  int flags = fcntl (desc, F_GETFD, 0);
  if (flags < 0)
    return -1;
  flags = value ? (flags | FD_CLOEXEC) : (flags & ~FD_CLOEXEC);
  return fcntl (desc, F_SETFD, flags);
}
#endif
