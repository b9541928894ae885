/* Linked into the generated C API test program (whose sources stay unchanged).
 *
 * tests-main.c skips the command and command_lines tests ("cannot run when appliance
 * and host are different") unless guestfs_compare_utsname finds the appliance's uname
 * equal to the host's in all four fields.  Those tests upload a static x86_64 program
 * built on the host and run it in the appliance, which only needs the same OS and
 * machine.  On this project's machines the host runs a newer kernel than the one in
 * /boot that every appliance boots, so release and version always differ and 24 tests
 * would never run.
 *
 * When CAPI_SAME_MACHINE_IS_NATIVE=1, this definition (the executable's own symbol,
 * which the test program's call binds to) compares the host's utsname with its release
 * and version replaced by the appliance's, through the library's real function, so
 * sysname and machine are still checked.  Otherwise it is a plain pass-through. */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guestfs.h"

typedef int (*compare_fn) (const struct guestfs_utsname *, const struct guestfs_utsname *);

int
guestfs_compare_utsname (const struct guestfs_utsname *u1,
                         const struct guestfs_utsname *u2)
{
  compare_fn real = (compare_fn) dlsym (RTLD_NEXT, "guestfs_compare_utsname");
  if (real == NULL) {
    fprintf (stderr, "same-machine: guestfs_compare_utsname not found in libguestfs\n");
    exit (EXIT_FAILURE);
  }
  const char *flag = getenv ("CAPI_SAME_MACHINE_IS_NATIVE");
  if (flag == NULL || strcmp (flag, "1") != 0 || u1 == NULL || u2 == NULL)
    return real (u1, u2);

  /* tests-main.c passes (appliance, host): take the kernel fields from the first. */
  struct guestfs_utsname host = *u2;
  host.uts_release = u1->uts_release;
  host.uts_version = u1->uts_version;
  return real (u1, &host);
}
