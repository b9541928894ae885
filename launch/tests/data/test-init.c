/* A stand-in for guestfsd as the appliance's /init in the boot tests: mounts the pseudo
 * filesystems, loads the boot modules, mounts the tools disk as guestfsd does (the
 * contract of launch/README.md), loads the modules listed in
 * /lib/guestfs-rs/modules.order, reports what it found on the console, runs a dynamically
 * linked host tool, and powers off. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mount.h>
#include <sys/stat.h>
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

/* The ext2/3/4 UUID of a block device, as "xxxxxxxx-xxxx-...". */
static int ext_uuid (const char *dev, char out[37])
{
  unsigned char sb[0x478];
  int fd = open (dev, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  int n = pread (fd, sb, sizeof sb, 0);
  close (fd);
  if (n != (int) sizeof sb || sb[0x438] != 0x53 || sb[0x439] != 0xef) return -1;
  const unsigned char *u = sb + 0x468;
  snprintf (out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
            u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
  return 0;
}

/* The disk named by root=UUID=, mounted read-only on /run/guestfs-rs-tools; when it holds
 * the marker, each top-level directory of it is bound over the same path. */
static void mount_tools_disk (const char *cmdline)
{
  const char *p = strstr (cmdline, "root=UUID=");
  char want[37] = "", got[37], dev[300];
  if (!p) { printf ("TOOLS-DISK none\n"); return; }
  snprintf (want, sizeof want, "%s", p + 10);
  DIR *d = opendir ("/sys/block");
  struct dirent *e;
  dev[0] = 0;
  while (d && (e = readdir (d))) {
    char cand[300];
    if (strncmp (e->d_name, "sd", 2) != 0) continue;
    snprintf (cand, sizeof cand, "/dev/%s", e->d_name);
    if (ext_uuid (cand, got) == 0 && strcasecmp (got, want) == 0) { snprintf (dev, sizeof dev, "%s", cand); break; }
  }
  if (d) closedir (d);
  if (!dev[0]) { printf ("TOOLS-DISK not-found %s\n", want); return; }
  mkdir ("/run/guestfs-rs-tools", 0755);
  if (mount (dev, "/run/guestfs-rs-tools", "ext4", MS_RDONLY | MS_NODEV, NULL) != 0) {
    printf ("TOOLS-DISK mount-failed %s: %s\n", dev, strerror (errno));
    return;
  }
  if (access ("/run/guestfs-rs-tools/.guestfs-rs-tools", F_OK) != 0) {
    printf ("TOOLS-DISK no-marker %s\n", dev);
    umount2 ("/run/guestfs-rs-tools", MNT_DETACH);
    return;
  }
  d = opendir ("/run/guestfs-rs-tools");
  while (d && (e = readdir (d))) {
    char src[300], dst[300];
    if (e->d_type != DT_DIR || e->d_name[0] == '.' || strcmp (e->d_name, "lost+found") == 0) continue;
    snprintf (src, sizeof src, "/run/guestfs-rs-tools/%s", e->d_name);
    snprintf (dst, sizeof dst, "/%s", e->d_name);
    mkdir (dst, 0755);
    if (mount (src, dst, NULL, MS_BIND, NULL) != 0)
      printf ("TOOLS-DISK bind-failed %s: %s\n", dst, strerror (errno));
  }
  if (d) closedir (d);
  printf ("TOOLS-DISK mounted %s\n", dev);
}

int main (void)
{
  setvbuf (stdout, NULL, _IONBF, 0);
  printf ("GUESTFS-RS-TEST-INIT-STARTED\n");
  mount ("proc", "/proc", "proc", 0, NULL);
  mount ("sysfs", "/sys", "sysfs", 0, NULL);
  mount ("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  char cmdline[4096] = "";
  {
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
  mkdir ("/run", 0755);
  mount_tools_disk (cmdline);
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
