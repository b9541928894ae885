/* Sleeps for argv[1] seconds (default 30).  Built static: the guest filesystem it runs in
 * holds no shared libraries. */
#include <stdlib.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  sleep (argc > 1 ? (unsigned) atoi (argv[1]) : 30);
  return 0;
}
