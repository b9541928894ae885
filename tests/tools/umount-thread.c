/* umount_local from a second thread while mount_local_run serves in the first (1.48's
 * mount_local_run holds the handle lock for the whole run, so there the second thread
 * blocks forever; ours takes the lock per request). The second thread lists the mount
 * (served by the first), then calls umount_local; both calls must return 0 and a second
 * mount_local / umount_local round on the same handle must work too.
 *   umount-thread DISK MOUNTPOINT       (DISK: partition 1 holds a filesystem)
 * Prints one line per step; exit status 0 when every step worked. */
#include <dirent.h>
#include <guestfs.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static guestfs_h *g;
static const char *mp;

static void *
other (void *arg)
{
  int *ret = arg;
  DIR *d;
  int n = 0;

  sleep (1);
  d = opendir (mp);
  if (d) {
    while (readdir (d))
      n++;
    closedir (d);
  }
  printf ("listed: %s\n", n > 2 ? "yes" : "no");
  *ret = guestfs_umount_local (g, GUESTFS_UMOUNT_LOCAL_RETRY, 1, -1);
  printf ("umount_local: %d\n", *ret);
  fflush (stdout);
  return NULL;
}

static int
round_trip (int round)
{
  pthread_t t;
  int other_ret = -1, r;

  if (guestfs_mount_local (g, mp, GUESTFS_MOUNT_LOCAL_READONLY, 1, -1) == -1)
    return -1;
  if (pthread_create (&t, NULL, other, &other_ret) != 0)
    return -1;
  r = guestfs_mount_local_run (g);
  printf ("round %d: mount_local_run: %d\n", round, r);
  fflush (stdout);
  pthread_join (t, NULL);
  return r == 0 && other_ret == 0 ? 0 : -1;
}

int
main (int argc, char **argv)
{
  int bad = 0;

  if (argc != 3) {
    fprintf (stderr, "usage: umount-thread DISK MOUNTPOINT\n");
    exit (2);
  }
  mp = argv[2];
  g = guestfs_create ();
  if (g == NULL ||
      guestfs_add_drive_opts (g, argv[1], GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1) == -1 ||
      guestfs_launch (g) == -1 ||
      guestfs_mount_ro (g, "/dev/sda1", "/") == -1)
    exit (1);
  bad |= round_trip (1);
  bad |= round_trip (2);
  /* Nothing is mounted any more: umount_local says so. */
  guestfs_push_error_handler (g, NULL, NULL);
  if (guestfs_umount_local (g, -1) != -1)
    bad = 1;
  printf ("umount_local with nothing mounted: %s\n", guestfs_last_error (g));
  guestfs_pop_error_handler (g);
  guestfs_close (g);
  return bad ? 1 : 0;
}
