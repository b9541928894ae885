/* Linked into each upstream test (whose sources stay untouched): before main runs,
 * check that the libguestfs this process mapped is the one in $CAPI_TESTS_LIBDIR and
 * exit 2 otherwise.  Debian's copy is installed system-wide, so without this a test
 * could pass against the wrong library. */
#include "common/testlib.h"

__attribute__((constructor)) static void
conformance_loadcheck (void)
{
  tl_require_library_from_libdir ();
}
