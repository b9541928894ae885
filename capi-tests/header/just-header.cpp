// The installed header must compile as C++ (extern "C" guards, no C-only constructs)
// with -Wall -Werror, and a C++ program must link against the library.
#include <guestfs.h>

int
main ()
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  if (g == nullptr)
    return 1;
  // Optargs through the _argv struct, the idiomatic route from C++.
  struct guestfs_add_drive_opts_argv optargs = {};
  optargs.bitmask = GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK;
  optargs.format = "raw";
  (void) optargs;
  guestfs_close (g);
  return 0;
}
