/* guestfs-rs demo: build a disk image from nothing, fill it, and read it back.
 *
 * It creates a 1 GiB qcow2 image, partitions it (GPT, two partitions), makes an ext4 and an
 * xfs filesystem with labels, writes files and directories (including the few files that
 * make the ext4 filesystem a small Debian 12 root), uploads a 64 MiB file and downloads it
 * back while drawing a progress bar from GUESTFS_EVENT_PROGRESS events (checking sha256
 * sums), lists what is there, shuts down, and then reopens the image read-only, inspects it
 * (operating system, version, hostname, architecture, mountpoints, installed packages) and
 * shows that everything was persisted. Any failure ends it with exit status 1.
 *
 *   disk-demo [WORKDIR]     (default: a new directory under $TMPDIR or /tmp, removed at the end)
 *
 * Build: cc -o disk-demo disk-demo.c $(pkg-config --cflags --libs libguestfs)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <guestfs.h>

#define GiB (INT64_C(1) << 30)
#define MiB (INT64_C(1) << 20)
#define IMAGE_SECTORS (GiB / 512)
#define BLOB_SIZE (64 * MiB)

/* ---- narrative and failure ------------------------------------------------------------ */

static guestfs_h *g; /* the handle a failing call is reported from */
static int step_no;
static const char *workdir; /* kept on failure, for a look at what was left */

static void step(const char *what)
{
  printf("\n[%d] %s\n", ++step_no, what);
}

static void die(const char *what)
{
  const char *err = g ? guestfs_last_error(g) : NULL;
  fprintf(stderr, "\ndisk-demo: FAILED: %s%s%s\n", what, err ? ": " : "", err ? err : "");
  if (workdir)
    fprintf(stderr, "disk-demo: work directory kept: %s\n", workdir);
  exit(1);
}

/* Calls returning -1 on error, and calls returning NULL on error. */
#define CHECK(call) do { if ((call) == -1) die(#call); } while (0)
#define CHECKP(var, call) do { if (((var) = (call)) == NULL) die(#call); } while (0)

static void expect(int cond, const char *what)
{
  if (!cond) {
    fprintf(stderr, "\ndisk-demo: FAILED: %s\n", what);
    if (workdir)
      fprintf(stderr, "disk-demo: work directory kept: %s\n", workdir);
    exit(1);
  }
}

static void free_strings(char **v)
{
  for (size_t i = 0; v && v[i]; i++)
    free(v[i]);
  free(v);
}

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- the progress bar ------------------------------------------------------------------ */

/* What the bar is showing and how many progress events arrived for it. */
static struct {
  const char *label; /* NULL between transfers: stray events are not drawn */
  int bytes;         /* position/total are bytes (launch reports steps instead) */
  int events;
  int last_tenth; /* when stdout is not a terminal, one line per 10% instead of redraws */
  int tty;
} bar;

static void draw_bar(uint64_t position, uint64_t total)
{
  const int width = 40;
  double frac = total ? (double)position / (double)total : 0.0;
  if (frac > 1.0)
    frac = 1.0;
  int fill = (int)(frac * width);
  char cells[64];
  for (int i = 0; i < width; i++)
    cells[i] = i < fill ? '#' : '.';
  cells[width] = 0;
  if (bar.tty) {
    printf("\r    %-8s [%s] %3d%%", bar.label, cells, (int)(frac * 100));
    if (bar.bytes)
      printf("  %5.1f / %.1f MiB", (double)position / MiB, (double)total / MiB);
    fflush(stdout);
  } else {
    int tenth = (int)(frac * 10);
    if (tenth > bar.last_tenth) {
      bar.last_tenth = tenth;
      printf("    %-8s [%s] %3d%%\n", bar.label, cells, (int)(frac * 100));
    }
  }
}

/* GUESTFS_EVENT_PROGRESS carries (proc_nr, serial, position, total) in array. */
static void on_progress(guestfs_h *h, void *opaque, uint64_t event, int event_handle, int flags,
                        const char *buf, size_t buf_len, const uint64_t *array, size_t array_len)
{
  (void)h; (void)opaque; (void)event; (void)event_handle; (void)flags; (void)buf; (void)buf_len;
  if (array_len < 4 || !bar.label)
    return;
  bar.events++;
  draw_bar(array[2], array[3]);
}

static void bar_start(const char *label, int bytes)
{
  bar.label = label;
  bar.bytes = bytes;
  bar.events = 0;
  bar.last_tenth = -1;
}

static void bar_end(double secs, int64_t bytes)
{
  if (bar.tty && bar.events)
    printf("\n");
  if (!bar.bytes)
    printf("    %s: done in %.1f s\n", bar.label, secs);
  else if (bar.events)
    printf("    %s: %d progress events, %.1f MiB in %.1f s\n", bar.label, bar.events,
           (double)bytes / MiB, secs);
  else
    printf("    %s: finished in %.1f s, before the appliance's first progress report (2 s)\n",
           bar.label, secs);
  bar.label = NULL;
}

/* ---- host-side files ------------------------------------------------------------------- */

/* A 64 MiB file of a fixed pseudo-random sequence. */
static void make_blob(const char *path)
{
  FILE *f = fopen(path, "wb");
  expect(f != NULL, "cannot create the local file to upload");
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  static uint64_t chunk[8192];
  for (int64_t done = 0; done < BLOB_SIZE; done += sizeof chunk) {
    for (size_t i = 0; i < 8192; i++) {
      x ^= x << 13; x ^= x >> 7; x ^= x << 17;
      chunk[i] = x;
    }
    expect(fwrite(chunk, sizeof chunk, 1, f) == 1, "cannot write the local file");
  }
  expect(fclose(f) == 0, "cannot write the local file");
}

/* sha256 of a local file through sha256sum (coreutils), malloc'd hex. */
static char *local_sha256(const char *path)
{
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
  FILE *p = popen(cmd, "r");
  expect(p != NULL, "cannot run sha256sum");
  char line[256] = "";
  char *ok = fgets(line, sizeof line, p);
  expect(pclose(p) == 0 && ok != NULL, "sha256sum failed");
  line[strcspn(line, " \n")] = 0;
  return strdup(line);
}

/* ---- the two sessions ------------------------------------------------------------------ */

static const char hello_text[] = "Hello from guestfs-rs!\nThis file was written through the guestfs API.\n";
static const char notes_text[] = "xfs keeps this one.\n";
/* The files that make the ext4 filesystem an operating system root for inspection. */
static const char os_release[] =
  "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
  "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";
static const char fstab_text[] =
  "LABEL=demo-data  /     ext4  defaults  0 1\n"
  "LABEL=demo-xfs   /xfs  xfs   defaults  0 2\n";
static const char dpkg_status[] =
  "Package: hello\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.10-3\n"
  "Description: example package based on GNU hello\n\n"
  "Package: guestfs-demo\nStatus: install ok installed\nArchitecture: all\nVersion: 1.0-1\n"
  "Description: what this demo wrote\n\n";

static guestfs_h *new_handle(void)
{
  guestfs_h *h = guestfs_create();
  if (!h) {
    fprintf(stderr, "disk-demo: FAILED: guestfs_create\n");
    exit(1);
  }
  /* Errors are reported by die() with the failing call; no duplicate from the default handler. */
  guestfs_set_error_handler(h, NULL, NULL);
  return h;
}

static void show_filesystem_summary(void)
{
  char **fs;
  CHECKP(fs, guestfs_list_filesystems(g));
  printf("    list_filesystems:\n");
  for (size_t i = 0; fs[i] && fs[i + 1]; i += 2) {
    char *label, *uuid;
    CHECKP(label, guestfs_vfs_label(g, fs[i]));
    CHECKP(uuid, guestfs_vfs_uuid(g, fs[i]));
    printf("      %-10s %-5s label=%-10s uuid=%s\n", fs[i], fs[i + 1], label, uuid);
    free(label);
    free(uuid);
  }
  free_strings(fs);
}

static void show_statvfs(const char *mountpoint)
{
  struct guestfs_statvfs *v;
  CHECKP(v, guestfs_statvfs(g, mountpoint));
  double size = (double)(v->blocks * v->frsize) / MiB, avail = (double)(v->bavail * v->bsize) / MiB;
  printf("    %-5s %7.1f MiB, %7.1f MiB free, %lld inodes free\n", mountpoint, size, avail,
         (long long)v->ffree);
  guestfs_free_statvfs(v);
}

static void show_tree(const char *dir)
{
  char **files;
  CHECKP(files, guestfs_find(g, dir));
  printf("    find %s:\n", dir);
  for (size_t i = 0; files[i]; i++)
    printf("      %s\n", files[i]);
  free_strings(files);
}

/* Session 1: create, partition, format, fill. */
static void build_image(const char *image, const char *blob, const char *blob_back)
{
  step("Creating a 1 GiB qcow2 image");
  g = new_handle();
  CHECK(guestfs_disk_create(g, image, "qcow2", GiB, -1));
  char *fmt;
  CHECKP(fmt, guestfs_disk_format(g, image));
  int64_t vsize = guestfs_disk_virtual_size(g, image);
  expect(strcmp(fmt, "qcow2") == 0 && vsize == GiB, "disk_format/disk_virtual_size disagree");
  printf("    %s: format %s, virtual size %lld bytes\n", image, fmt, (long long)vsize);
  free(fmt);

  step("Adding it and launching the appliance");
  CHECK(guestfs_add_drive_opts(g, image, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1));
  CHECK(guestfs_set_event_callback(g, on_progress, GUESTFS_EVENT_PROGRESS, 0, NULL));
  bar_start("launch", 0);
  double t = now();
  CHECK(guestfs_launch(g));
  bar_end(now() - t, 0);

  step("Partitioning: GPT with a 512 MiB and a ~511 MiB partition");
  CHECK(guestfs_part_init(g, "/dev/sda", "gpt"));
  CHECK(guestfs_part_add(g, "/dev/sda", "p", 2048, 2048 + 512 * 2048 - 1));
  /* Stop 1 MiB short of the end: GPT keeps a backup header there. */
  CHECK(guestfs_part_add(g, "/dev/sda", "p", 2048 + 512 * 2048, IMAGE_SECTORS - 2048 - 1));
  struct guestfs_partition_list *parts;
  CHECKP(parts, guestfs_part_list(g, "/dev/sda"));
  expect(parts->len == 2, "part_list should show two partitions");
  for (uint32_t i = 0; i < parts->len; i++)
    printf("    partition %d: start %llu, size %.1f MiB\n", parts->val[i].part_num,
           (unsigned long long)parts->val[i].part_start, (double)parts->val[i].part_size / MiB);
  guestfs_free_partition_list(parts);

  step("Making filesystems: ext4 \"demo-data\" on /dev/sda1, xfs \"demo-xfs\" on /dev/sda2");
  CHECK(guestfs_mkfs_opts(g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_LABEL, "demo-data", -1));
  CHECK(guestfs_mkfs_opts(g, "xfs", "/dev/sda2", GUESTFS_MKFS_OPTS_LABEL, "demo-xfs", -1));

  step("Mounting /dev/sda1 on / and /dev/sda2 on /xfs, creating directories and files");
  CHECK(guestfs_mount(g, "/dev/sda1", "/"));
  CHECK(guestfs_mkdir_p(g, "/docs/notes/2026"));
  CHECK(guestfs_mkdir(g, "/xfs"));
  CHECK(guestfs_mount(g, "/dev/sda2", "/xfs"));
  CHECK(guestfs_write(g, "/docs/hello.txt", hello_text, strlen(hello_text)));
  CHECK(guestfs_write(g, "/xfs/notes.txt", notes_text, strlen(notes_text)));
  CHECK(guestfs_touch(g, "/docs/notes/2026/empty"));
  char *back;
  CHECKP(back, guestfs_cat(g, "/docs/hello.txt"));
  expect(strcmp(back, hello_text) == 0, "cat /docs/hello.txt returned different text");
  printf("    cat /docs/hello.txt:\n      %.*s\n", (int)strcspn(back, "\n"), back);
  free(back);

  step("Making / look like a small Debian 12 system (for inspection later)");
  CHECK(guestfs_mkdir_p(g, "/etc"));
  CHECK(guestfs_mkdir_p(g, "/bin"));
  CHECK(guestfs_mkdir_p(g, "/var/lib/dpkg"));
  CHECK(guestfs_write(g, "/etc/os-release", os_release, strlen(os_release)));
  CHECK(guestfs_write(g, "/etc/debian_version", "12.8\n", 5));
  CHECK(guestfs_write(g, "/etc/hostname", "demo-host\n", 10));
  CHECK(guestfs_write(g, "/etc/fstab", fstab_text, strlen(fstab_text)));
  CHECK(guestfs_write(g, "/var/lib/dpkg/status", dpkg_status, strlen(dpkg_status)));
  /* A real binary, so that inspection can tell the architecture. */
  CHECK(guestfs_upload(g, "/bin/ls", "/bin/ls"));
  printf("    wrote /etc/os-release, /etc/hostname, /etc/fstab, /var/lib/dpkg/status, /bin/ls\n");

  step("Uploading a 64 MiB file to /xfs/blob.bin");
  make_blob(blob);
  char *want = local_sha256(blob);
  printf("    local sha256  %s\n", want);
  bar_start("upload", 1);
  t = now();
  CHECK(guestfs_upload(g, blob, "/xfs/blob.bin"));
  bar_end(now() - t, BLOB_SIZE);
  char *got;
  CHECKP(got, guestfs_checksum(g, "sha256", "/xfs/blob.bin"));
  printf("    guest sha256  %s\n", got);
  expect(strcmp(got, want) == 0, "the uploaded file's sha256 differs");
  free(got);

  step("Downloading it back");
  bar_start("download", 1);
  t = now();
  CHECK(guestfs_download(g, "/xfs/blob.bin", blob_back));
  bar_end(now() - t, BLOB_SIZE);
  got = local_sha256(blob_back);
  printf("    copy sha256   %s\n", got);
  expect(strcmp(got, want) == 0, "the downloaded file's sha256 differs");
  free(got);
  free(want);

  step("What is on the disk now");
  char **names;
  CHECKP(names, guestfs_ls(g, "/"));
  printf("    ls /:");
  for (size_t i = 0; names[i]; i++)
    printf(" %s", names[i]);
  printf("\n");
  free_strings(names);
  show_tree("/");
  show_statvfs("/");
  show_statvfs("/xfs");
  show_filesystem_summary();

  step("Unmounting and shutting down (this flushes everything to the image)");
  CHECK(guestfs_umount_all(g));
  CHECK(guestfs_shutdown(g));
  guestfs_close(g);
  g = NULL;
}

/* Prints what inspection found for one operating system root. */
static void show_inspection(const char *root)
{
  char *v;
#define SHOW(label, call)                                   \
  do {                                                      \
    CHECKP(v, call);                                        \
    printf("    %-16s %s\n", label, v);                     \
    free(v);                                                \
  } while (0)
  printf("    root %s:\n", root);
  SHOW("type", guestfs_inspect_get_type(g, root));
  SHOW("distro", guestfs_inspect_get_distro(g, root));
  SHOW("product name", guestfs_inspect_get_product_name(g, root));
  printf("    %-16s %d.%d\n", "version", guestfs_inspect_get_major_version(g, root),
         guestfs_inspect_get_minor_version(g, root));
  SHOW("hostname", guestfs_inspect_get_hostname(g, root));
  SHOW("architecture", guestfs_inspect_get_arch(g, root));
  SHOW("package format", guestfs_inspect_get_package_format(g, root));
  SHOW("osinfo", guestfs_inspect_get_osinfo(g, root));
#undef SHOW
  char **mps;
  CHECKP(mps, guestfs_inspect_get_mountpoints(g, root));
  for (size_t i = 0; mps[i] && mps[i + 1]; i += 2)
    printf("    mountpoint       %-6s <- %s\n", mps[i], mps[i + 1]);
  free_strings(mps);
}

/* Session 2: the image again, read-only. */
static void verify_image(const char *image, const char *blob_sha)
{
  step("Reopening the image read-only (add_drive_ro) to check it was persisted");
  g = new_handle();
  CHECK(guestfs_add_drive_ro(g, image));
  double t = now();
  CHECK(guestfs_launch(g));
  printf("    launched in %.1f s\n", now() - t);

  step("Inspecting it: which operating system is on this disk?");
  char **roots;
  CHECKP(roots, guestfs_inspect_os(g));
  expect(roots[0] != NULL, "inspection found no operating system");
  for (size_t i = 0; roots[i]; i++)
    show_inspection(roots[i]);
  char *distro;
  CHECKP(distro, guestfs_inspect_get_distro(g, roots[0]));
  expect(strcmp(distro, "debian") == 0, "inspection did not find Debian");
  free(distro);
  /* Listing applications reads the guest's files: mount its filesystems where its fstab
   * puts them (shortest mountpoint first), read-only, as virt-inspector does. */
  char **mps;
  CHECKP(mps, guestfs_inspect_get_mountpoints(g, roots[0]));
  for (size_t len = 1; len < 4096; len++)
    for (size_t i = 0; mps[i] && mps[i + 1]; i += 2)
      if (strlen(mps[i]) == len)
        CHECK(guestfs_mount_ro(g, mps[i + 1], mps[i]));
  free_strings(mps);
  struct guestfs_application2_list *apps = guestfs_inspect_list_applications2(g, roots[0]);
  expect(apps != NULL, "inspect_list_applications2 failed");
  printf("    installed packages (from /var/lib/dpkg/status):\n");
  for (size_t i = 0; i < apps->len; i++)
    printf("      %-12s %s\n", apps->val[i].app2_name, apps->val[i].app2_version);
  expect(apps->len == 2, "expected the 2 packages of the dpkg status file");
  guestfs_free_application2_list(apps);
  free_strings(roots);

  step("Checking that everything written in session 1 persisted");
  char *s;
  CHECKP(s, guestfs_cat(g, "/docs/hello.txt"));
  expect(strcmp(s, hello_text) == 0, "/docs/hello.txt did not persist");
  free(s);
  CHECKP(s, guestfs_cat(g, "/xfs/notes.txt"));
  expect(strcmp(s, notes_text) == 0, "/xfs/notes.txt did not persist");
  free(s);
  expect(guestfs_is_file(g, "/docs/notes/2026/empty") == 1, "/docs/notes/2026/empty did not persist");
  CHECKP(s, guestfs_checksum(g, "sha256", "/xfs/blob.bin"));
  expect(strcmp(s, blob_sha) == 0, "/xfs/blob.bin did not persist intact");
  free(s);
  printf("    /docs/hello.txt, /xfs/notes.txt and /docs/notes/2026/empty are there;\n"
         "    /xfs/blob.bin still has sha256 %.16s...\n", blob_sha);
  char *label;
  CHECKP(label, guestfs_vfs_label(g, "/dev/sda2"));
  expect(strcmp(label, "demo-xfs") == 0, "the xfs label did not persist");
  free(label);
  /* The drive is read-only: writes must fail. */
  int r = guestfs_write(g, "/docs/new.txt", "x", 1);
  expect(r == -1, "writing to a read-only mount succeeded");
  printf("    writing to it fails as it should: %s\n", guestfs_last_error(g));
  CHECK(guestfs_umount_all(g));
  CHECK(guestfs_shutdown(g));
  guestfs_close(g);
  g = NULL;
}

int main(int argc, char **argv)
{
  char dir[4096];
  int own_dir = argc < 2;
  if (own_dir) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/guestfs-demo.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    expect(mkdtemp(dir) != NULL, "cannot make a temporary directory");
  } else {
    snprintf(dir, sizeof dir, "%s", argv[1]);
    expect(mkdir(dir, 0755) == 0 || errno == EEXIST, "cannot make the work directory");
  }
  workdir = dir;
  bar.tty = isatty(STDOUT_FILENO);
  setvbuf(stdout, NULL, _IOLBF, 0);

  char image[4200], blob[4200], blob_back[4200];
  snprintf(image, sizeof image, "%s/demo.qcow2", dir);
  snprintf(blob, sizeof blob, "%s/blob.bin", dir);
  snprintf(blob_back, sizeof blob_back, "%s/blob.back", dir);
  unlink(image);

  printf("guestfs-rs disk demo (libguestfs API)\nwork directory: %s\n", dir);
  double t0 = now();
  build_image(image, blob, blob_back);
  char *sha = local_sha256(blob);
  verify_image(image, sha);
  free(sha);

  unlink(blob);
  unlink(blob_back);
  if (own_dir) {
    unlink(image);
    rmdir(dir);
  }
  printf("\nDemo finished successfully in %.1f s.\n", now() - t0);
  return 0;
}
