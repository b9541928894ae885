/* Private data: set/get/replace, missing keys, and iteration with first/next that
 * visits every key exactly once and skips NULL data. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <guestfs.h>
#include "common/testlib.h"

static int values[100];

int
main (void)
{
  guestfs_h *g;
  const char *key;
  void *data;
  int seen[100] = { 0 }, n = 0;
  char name[32];

  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);

  CHECK (guestfs_get_private (g, "nothing") == NULL);
  CHECK (guestfs_first_private (g, &key) == NULL);

  /* Enough keys to force any hash table to grow. */
  for (int i = 0; i < 100; i++) {
    snprintf (name, sizeof name, "key%d", i);
    guestfs_set_private (g, name, &values[i]);
  }
  /* Keys are copied: reusing the buffer must not disturb them. */
  strcpy (name, "garbage");
  for (int i = 0; i < 100; i++) {
    snprintf (name, sizeof name, "key%d", i);
    CHECK (guestfs_get_private (g, name) == &values[i]);
  }
  guestfs_set_private (g, "key7", &values[8]);     /* replace */
  CHECK (guestfs_get_private (g, "key7") == &values[8]);
  guestfs_set_private (g, "key7", &values[7]);
  for (int i = 0; i < 100; i += 10) {              /* NULL data is skipped by iteration */
    snprintf (name, sizeof name, "key%d", i);
    guestfs_set_private (g, name, NULL);
    CHECK (guestfs_get_private (g, name) == NULL);
  }

  for (data = guestfs_first_private (g, &key); data != NULL;
       data = guestfs_next_private (g, &key)) {
    int i = (int) ((int *) data - values);
    CHECK (i >= 0 && i < 100);
    if (i < 0 || i >= 100)
      break;
    snprintf (name, sizeof name, "key%d", i);
    CHECK_STR (key, name);
    seen[i]++;
    if (++n > 200)
      break;
  }
  for (int i = 0; i < 100; i++)
    CHECK_INT (seen[i], i % 10 == 0 ? 0 : 1);
  CHECK_INT (n, 90);
  guestfs_close (g);
  return tl_finish ();
}
