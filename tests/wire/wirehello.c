/* A static guest-side helper for the `command` case: prints its program name (basename)
 * and each argument on its own line; with --fail it writes to stderr and exits 1. It is
 * linked statically because the guest filesystem the suite builds holds no libc. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
  const char *slash = strrchr(argv[0], '/');
  printf("%s\n", slash ? slash + 1 : argv[0]);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--fail") == 0) {
      fprintf(stderr, "wirehello: failing on request\n");
      return 1;
    }
    printf("%s\n", argv[i]);
  }
  return 0;
}
