/* A stand-in for guestfsd as the appliance's /init in the boot tests: mounts the pseudo
 * filesystems, loads the modules listed in /lib/guestfs-rs/modules.order, reports what it
 * found on the console, runs a dynamically linked host tool, and powers off. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void load_modules (const char *list)
{
  FILE *f = fopen (list, "r");
  char line[512];
  int ok = 0, failed = 0;
  if (!f) { printf ("MODULES missing %s\n", list); return; }
  while (fgets (line, sizeof line, f)) {
    line[strcspn (line, "\n")] = 0;
    int fd = open (line, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || (syscall (SYS_finit_module, fd, "", 0) != 0 && errno != EEXIST)) {
      printf ("MODULE-FAIL %s: %s\n", line, strerror (errno));
      failed++;
    } else
      ok++;
    if (fd >= 0) close (fd);
  }
  fclose (f);
  printf ("MODULES %s ok=%d failed=%d\n", list, ok, failed);
}

static void list_ports (void)
{
  DIR *d = opendir ("/sys/class/virtio-ports");
  struct dirent *e;
  if (!d) { printf ("PORTS none\n"); return; }
  while ((e = readdir (d))) {
    char p[300], name[128] = "";
    if (e->d_name[0] == '.') continue;
    snprintf (p, sizeof p, "/sys/class/virtio-ports/%s/name", e->d_name);
    FILE *f = fopen (p, "r");
    if (f) { if (fgets (name, sizeof name, f)) name[strcspn (name, "\n")] = 0; fclose (f); }
    printf ("PORT %s %s\n", e->d_name, name);
  }
  closedir (d);
}

int main (void)
{
  setvbuf (stdout, NULL, _IONBF, 0);
  printf ("GUESTFS-RS-TEST-INIT-STARTED\n");
  mount ("proc", "/proc", "proc", 0, NULL);
  mount ("sysfs", "/sys", "sysfs", 0, NULL);
  mount ("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  {
    char cmdline[4096] = "";
    FILE *f = fopen ("/proc/cmdline", "r");
    if (f) { if (fgets (cmdline, sizeof cmdline, f)) cmdline[strcspn (cmdline, "\n")] = 0; fclose (f); }
    printf ("CMDLINE %s\n", cmdline);
    if (strstr (cmdline, "test_hang=1")) {
      printf ("HANGING\n");
      sleep (600);
    }
  }
  load_modules ("/lib/guestfs-rs/modules.boot");
  usleep (300000); /* let the virtio devices probe */
  list_ports ();
  /* The kernel loads a filesystem module on demand through /sbin/modprobe. */
  mount ("none", "/mnt", "btrfs", MS_RDONLY, NULL);
  {
    FILE *f = fopen ("/proc/filesystems", "r");
    char l[128];
    int found = 0;
    while (f && fgets (l, sizeof l, f))
      if (strstr (l, "btrfs")) found = 1;
    if (f) fclose (f);
    printf ("AUTOLOAD btrfs %s\n", found ? "yes" : "no");
  }
  load_modules ("/lib/guestfs-rs/modules.order");
  pid_t pid = fork ();
  if (pid == 0) {
    execl ("/bin/sh", "sh", "-c", "echo SHELL-OK; ls /sys/block", NULL);
    _exit (127);
  }
  int st;
  waitpid (pid, &st, 0);
  printf ("GUESTFS-RS-TEST-INIT-DONE\n");
  sync ();
  reboot (RB_POWER_OFF);
  return 0;
}
