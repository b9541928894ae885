/* The installed header must compile on its own, warning-free, as strict C99 (run.sh
 * builds this with -std=c99 -Wall -Werror, with and without GUESTFS_PRIVATE=1), and a
 * program using only its declarations must link against the library. */
#include <guestfs.h>

int
main (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  if (g == NULL)
    return 1;
  guestfs_close (g);
  return 0;
}
