/* The debugging calls: debug's sub-commands (help, print, setenv, sh, error, ls, spew,
 * progress, ldd, bmap_file/bmap_device/bmap, device_speed, qtrace, an unknown one), debug_upload into the appliance, and their errors; and
 * the daemon's SELinux context (getcon, setcon). */
#define _GNU_SOURCE
/* getcon and setcon are deprecated. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

static int progress_events;

static void
on_progress (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
             const char *buf, size_t buf_len, const uint64_t *array, size_t array_len)
{
  (void) g; (void) opaque; (void) event; (void) eh; (void) flags; (void) buf; (void) buf_len;
  if (array_len >= 4 && array[2] == array[3])
    progress_events++;
}

#define DEBUG(sub, ...) PS (guestfs_debug (g, sub, (char *[]) { __VA_ARGS__ NULL }))

int
main (void)
{
  static const int64_t disks[] = { 64, 0 };
  guestfs_h *g = t_launch (disks);
  char *local = t_path ("up.txt");

  if (t_case ("subcommands")) {
    DEBUG ("help", "0", );
    DEBUG ("HELP", "0", );
    DEBUG ("print", "a", "b", );
    DEBUG ("setenv", "FOO", "bar", );
    DEBUG ("setenv", "FOO", );
    DEBUG ("sh", "echo $FOO; echo to-stderr >&2; test -d \"$root\" && echo root-is-set", );
    DEBUG ("sh", "exit 3", );
    DEBUG ("sh", );
    DEBUG ("error", "10", );
    DEBUG ("error", "x", );
    DEBUG ("error", "2000000", );
    DEBUG ("nosuch", "", );
    DEBUG ("spew", "2", );
    DEBUG ("spew", "x", );
    DEBUG ("progress", "0", );
    DEBUG ("progress", "1", "0", );
    DEBUG ("ldd", );
    {
      char *s = guestfs_debug (g, "ldd", (char *[]) { "/bin/sh", NULL });
      t_out ("debug ldd /bin/sh mentions libc.so.6: %s", s && strstr (s, "libc.so.6") ? "yes" : "no");
      free (s);
    }
  }

  if (t_case ("progress_events")) {
    int eh = guestfs_set_event_callback (g, on_progress, GUESTFS_EVENT_PROGRESS, 0, NULL);
    DEBUG ("progress", "3", );
    t_out ("final progress events: %d", progress_events);
    guestfs_delete_event_callback (g, eh);
  }

  if (t_case ("debug_upload")) {
    CHECK (t_write_local ("up.txt", "uploaded\n", 9) == 0);
    I (guestfs_debug_upload (g, local, "/tmp/debug-upload-test", 0640));
    DEBUG ("sh", "cat /tmp/debug-upload-test; stat -c %a /tmp/debug-upload-test", );
    I (guestfs_debug_upload (g, local, "/nonexistent/dir/x", 0644));
    I (guestfs_debug_upload (g, "/nonexistent/local", "/tmp/y", 0644));
  }

  if (t_case ("bmap_speed_qtrace")) {
    /* virt-bmap's sequence: open a file, a directory, a device, then read it all. */
    init_basic_fs (g);
    I (guestfs_write (g, "/f", "0123456789", 10));
    I (guestfs_mkdir (g, "/d"));
    DEBUG ("bmap_file", "/f", );
    DEBUG ("bmap", );
    DEBUG ("bmap_file", "/d", );
    DEBUG ("bmap", );
    DEBUG ("bmap", );
    DEBUG ("bmap_device", "/dev/sda1", );
    DEBUG ("bmap", );
    DEBUG ("bmap", "extra", );
    DEBUG ("bmap_file", );
    DEBUG ("bmap_file", "/nonexistent", );
    DEBUG ("bmap_device", );
    DEBUG ("bmap_device", "/dev/nonexistent", );
    {
      char *s = guestfs_debug (g, "device_speed", (char *[]) { "/dev/sda", "r", "1", NULL });
      CHECK (s != NULL && atoll (s) > 0);
      t_out ("debug device_speed /dev/sda r 1: %s", s && atoll (s) > 0 ? "bytes > 0" : "failed");
      free (s);
      s = guestfs_debug (g, "device_speed", (char *[]) { "/dev/sda", "write", "1", NULL });
      CHECK (s != NULL && atoll (s) > 0);
      t_out ("debug device_speed /dev/sda write 1: %s", s && atoll (s) > 0 ? "bytes > 0" : "failed");
      free (s);
    }
    DEBUG ("device_speed", "/dev/sda", "x", "1", );
    DEBUG ("device_speed", "/dev/sda", "r", );
    DEBUG ("device_speed", "/dev/sda", "r", "x", );
    DEBUG ("device_speed", "/dev/nonexistent", "r", "1", );
    DEBUG ("qtrace", "/dev/sda", "on", );
    DEBUG ("qtrace", "/dev/sda", "off", );
    DEBUG ("qtrace", "/dev/sda", "maybe", );
    DEBUG ("qtrace", "/dev/nonexistent", "on", );
  }

  if (t_case ("selinux_context")) {
    PS (guestfs_getcon (g));
    I (guestfs_setcon (g, "system_u:system_r:unconfined_t:s0"));
    PS (guestfs_getcon (g));
  }

  free (local);
  return t_finish (g);
}
