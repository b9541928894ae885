/* The wire compatibility suite: one C program, built once against guestfs-rs's library and
 * once against libguestfs 1.48's, that launches whatever appliance LIBGUESTFS_PATH names and
 * drives the first wave of calls through it with real assertions. It prints
 * "PASS: PREFIX/case" or "FAIL: PREFIX/case - reason" per case, then "N passed, M failed".
 *
 *   wire-suite PREFIX WORKDIR HELPER
 *
 * WORKDIR holds host-side files (scratch disks live in the library's tmpdir); HELPER is a
 * static program that prints its arguments, uploaded to the guest to test `command` (the
 * guest filesystem is empty, and `command` runs chrooted in it).
 *
 * Cases run in order on one launched handle and build on each other (partitions, then
 * filesystems, then files), as libguestfs's own suite does; a failed launch fails them all. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "host.h"

#define SDA_SECTORS (512 * 2048)  /* 512 MiB scratch disk for partitions (sparse) */
#define SDA1_MB 256
#define SDB_MB 128                /* scratch disk for LVM */
#define BIG_SIZE (4 * 1024 * 1024)

static const char *workdir;
static const char *helper;

static char *host_path(const char *name)
{
  static char buf[4][4096];
  static int i;
  i = (i + 1) % 4;
  snprintf(buf[i], sizeof buf[i], "%s/%s", workdir, name);
  return buf[i];
}

static int case_launch(guestfs_h *g)
{
  CALL(guestfs_add_drive_scratch(g, (int64_t)SDA_SECTORS * 512, -1));
  CALL(guestfs_add_drive_scratch(g, (int64_t)SDB_MB << 20, -1));
  CALL(guestfs_launch(g));
  return 0;
}

static int case_devices(guestfs_h *g)
{
  char **devs;
  CALLP(devs, guestfs_list_devices(g));
  /* The appliance's own root disk (1.48's, or the fixed export's) must be hidden. */
  int ok = count_strings(devs) == 2 && strcmp(devs[0], "/dev/sda") == 0 && strcmp(devs[1], "/dev/sdb") == 0;
  const char *got = join_strings(devs);
  free_strings(devs);
  EXPECT(ok, "list_devices gave [%s]", got);
  int64_t size = guestfs_blockdev_getsize64(g, "/dev/sda");
  EXPECT(size == (int64_t)SDA_SECTORS * 512, "blockdev_getsize64 /dev/sda = %lld", (long long)size);
  return 0;
}

static int case_partition(guestfs_h *g)
{
  CALL(guestfs_part_init(g, "/dev/sda", "gpt"));
  CALL(guestfs_part_add(g, "/dev/sda", "p", 2048, 2048 + SDA1_MB * 2048 - 1));
  CALL(guestfs_part_add(g, "/dev/sda", "p", 2048 + SDA1_MB * 2048, SDA_SECTORS - 2048 - 1));
  char *type;
  CALLP(type, guestfs_part_get_parttype(g, "/dev/sda"));
  int gpt = strcmp(type, "gpt") == 0;
  EXPECT(gpt, "part_get_parttype gave %s", type);
  free(type);
  struct guestfs_partition_list *pl;
  CALLP(pl, guestfs_part_list(g, "/dev/sda"));
  int ok = pl->len == 2 && pl->val[0].part_num == 1 && pl->val[0].part_start == 2048 * 512 &&
           pl->val[0].part_size == SDA1_MB << 20 && pl->val[1].part_num == 2 &&
           pl->val[1].part_end == (uint64_t)(SDA_SECTORS - 2048) * 512 - 1;
  unsigned len = pl->len;
  long long s0 = len ? (long long)pl->val[0].part_start : -1, z0 = len ? (long long)pl->val[0].part_size : -1;
  guestfs_free_partition_list(pl);
  EXPECT(ok, "part_list: %u partitions, first start %lld size %lld", len, s0, z0);
  char **parts;
  CALLP(parts, guestfs_list_partitions(g));
  ok = count_strings(parts) == 2 && has_string(parts, "/dev/sda1") && has_string(parts, "/dev/sda2");
  const char *got = join_strings(parts);
  free_strings(parts);
  EXPECT(ok, "list_partitions gave [%s]", got);
  return 0;
}

static int case_mkfs(guestfs_h *g)
{
  CALL(guestfs_mkfs_opts(g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_LABEL, "wire-ext4", -1));
  CALL(guestfs_mkfs_opts(g, "vfat", "/dev/sda2", GUESTFS_MKFS_OPTS_LABEL, "WIREFAT", -1));
  char *s;
  CALLP(s, guestfs_vfs_type(g, "/dev/sda1"));
  EXPECT_STR(s, "ext4");
  free(s);
  CALLP(s, guestfs_vfs_type(g, "/dev/sda2"));
  EXPECT_STR(s, "vfat");
  free(s);
  CALLP(s, guestfs_vfs_label(g, "/dev/sda1"));
  EXPECT_STR(s, "wire-ext4");
  free(s);
  CALLP(s, guestfs_vfs_label(g, "/dev/sda2"));
  EXPECT_STR(s, "WIREFAT");
  free(s);
  CALLP(s, guestfs_vfs_uuid(g, "/dev/sda1"));
  EXPECT(strlen(s) == 36, "vfs_uuid gave \"%s\"", s);
  free(s);
  return 0;
}

static int case_mount(guestfs_h *g)
{
  CALL(guestfs_mount(g, "/dev/sda1", "/"));
  char **m;
  CALLP(m, guestfs_mounts(g));
  int ok = count_strings(m) == 1 && strcmp(m[0], "/dev/sda1") == 0;
  const char *got = join_strings(m);
  free_strings(m);
  EXPECT(ok, "mounts gave [%s]", got);
  CALL(guestfs_mkdir(g, "/dir"));
  CALL(guestfs_mkdir_p(g, "/a/b/c"));
  int r = guestfs_is_dir(g, "/a/b/c");
  EXPECT(r == 1, "is_dir /a/b/c = %d", r);
  return 0;
}

static int case_write_cat(guestfs_h *g)
{
  static const char text[] = "hello, wire\n";
  CALL(guestfs_write(g, "/dir/hello", text, strlen(text)));
  char *s;
  CALLP(s, guestfs_cat(g, "/dir/hello"));
  EXPECT_STR(s, text);
  free(s);
  /* Binary content with NULs and every byte value goes through read_file intact. */
  char bin[512];
  for (int i = 0; i < 512; i++)
    bin[i] = (char)(i * 7);
  CALL(guestfs_write(g, "/dir/binary", bin, sizeof bin));
  CALL(guestfs_write_append(g, "/dir/binary", "tail", 4));
  size_t n;
  CALLP(s, guestfs_read_file(g, "/dir/binary", &n));
  int ok = n == 516 && memcmp(s, bin, 512) == 0 && memcmp(s + 512, "tail", 4) == 0;
  free(s);
  EXPECT(ok, "read_file gave %zu bytes", n);
  char **lines;
  CALLP(lines, guestfs_read_lines(g, "/dir/hello"));
  ok = count_strings(lines) == 1 && strcmp(lines[0], "hello, wire") == 0;
  free_strings(lines);
  EXPECT(ok, "read_lines /dir/hello");
  return 0;
}

static int case_upload_download(guestfs_h *g)
{
  const char *src = host_path("big.src"), *back = host_path("big.back");
  EXPECT(make_pattern_file(src, BIG_SIZE, 42) == 0, "cannot write %s", src);
  CALL(guestfs_upload(g, src, "/big"));
  int64_t size = guestfs_filesize(g, "/big");
  EXPECT(size == BIG_SIZE, "filesize /big = %lld", (long long)size);
  char *want = host_sha256(src), *got;
  EXPECT(want != NULL, "sha256sum of %s failed", src);
  CALLP(got, guestfs_checksum(g, "sha256", "/big"));
  int same = strcmp(got, want) == 0;
  set_why("checksum sha256 /big = %s, host says %s", got, want);
  free(got);
  free(want);
  if (!same)
    return -1;
  CALL(guestfs_download(g, "/big", back));
  EXPECT(same_file_contents(src, back), "downloaded %s differs from %s", back, src);
  /* An empty file both ways. */
  const char *empty = host_path("empty"), *eback = host_path("empty.back");
  FILE *f = fopen(empty, "w");
  EXPECT(f != NULL, "cannot create %s", empty);
  fclose(f);
  CALL(guestfs_upload(g, empty, "/empty"));
  CALL(guestfs_download(g, "/empty", eback));
  EXPECT(same_file_contents(empty, eback), "empty file round trip");
  return 0;
}

static int case_ls_find(guestfs_h *g)
{
  char **v;
  CALLP(v, guestfs_ls(g, "/dir"));
  int ok = count_strings(v) == 2 && strcmp(v[0], "binary") == 0 && strcmp(v[1], "hello") == 0;
  const char *got = join_strings(v);
  free_strings(v);
  EXPECT(ok, "ls /dir gave [%s]", got);
  /* 1.48 strips only the directory's own path from find's output, so below a
   * subdirectory the names keep a leading '/' (below "/" they do not). */
  CALLP(v, guestfs_find(g, "/a"));
  ok = count_strings(v) == 2 && strcmp(v[0], "/b") == 0 && strcmp(v[1], "/b/c") == 0;
  got = join_strings(v);
  free_strings(v);
  EXPECT(ok, "find /a gave [%s]", got);
  CALLP(v, guestfs_find(g, "/"));
  ok = has_string(v, "lost+found") && has_string(v, "dir/hello") && has_string(v, "a/b/c") && has_string(v, "big");
  got = join_strings(v);
  free_strings(v);
  EXPECT(ok, "find / gave [%s]", got);
  return 0;
}

static int case_stat(guestfs_h *g)
{
  CALL(guestfs_chmod(g, 0640, "/dir/hello"));
  struct guestfs_statns *st;
  CALLP(st, guestfs_statns(g, "/dir/hello"));
  long long size = st->st_size, mode = st->st_mode, nlink = st->st_nlink, mtime = st->st_mtime_sec;
  guestfs_free_statns(st);
  EXPECT(size == 12, "statns size %lld", size);
  EXPECT(mode == (S_IFREG | 0640), "statns mode 0%llo", mode);
  EXPECT(nlink == 1, "statns nlink %lld", nlink);
  EXPECT(mtime > time(NULL) - 86400 * 365, "statns mtime %lld", mtime);
  /* The deprecated stat (second-resolution struct) is still on the wire in 1.48. */
  struct guestfs_stat *old;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  CALLP(old, guestfs_stat(g, "/dir"));
#pragma GCC diagnostic pop
  mode = old->mode;
  guestfs_free_stat(old);
  EXPECT(S_ISDIR(mode), "stat /dir mode 0%llo", mode);
  struct guestfs_statvfs *vfs;
  CALLP(vfs, guestfs_statvfs(g, "/"));
  long long blocks = vfs->blocks, bsize = vfs->bsize, bfree = vfs->bfree;
  guestfs_free_statvfs(vfs);
  EXPECT(blocks * bsize > (SDA1_MB - 28LL) << 20 && blocks * bsize <= (long long)SDA1_MB << 20 && bfree < blocks,
         "statvfs / blocks %lld bsize %lld bfree %lld", blocks, bsize, bfree);
  int r = guestfs_is_file(g, "/dir/hello");
  EXPECT(r == 1, "is_file /dir/hello = %d", r);
  r = guestfs_exists(g, "/nonexistent");
  EXPECT(r == 0, "exists /nonexistent = %d", r);
  return 0;
}

/* Compares the last error with 1.48's text: `want` exactly, or when `want` ends in '*',
 * its prefix (for messages that name a device the guest kernel enumerated). Appends a
 * mismatch to `bad`. */
static void expect_message(const char *call, const char *want, char *bad, size_t badsz)
{
  const char *got = last_error();
  size_t n = strlen(want);
  int ok = n && want[n - 1] == '*' ? strncmp(got, want, n - 1) == 0 : strcmp(got, want) == 0;
  if (!ok) {
    size_t l = strlen(bad);
    snprintf(bad + l, badsz - l, "%s%s gave \"%s\", 1.48 says \"%s\"", l ? "; " : "", call, got, want);
  }
}

/* Errors cross the wire with their errno and 1.48's message texts (the texts below are
 * what libguestfs 1.48's library and appliance produce). */
static int case_errors(guestfs_h *g)
{
  char bad[1000] = "";
  char *s = guestfs_cat(g, "/nonexistent");
  EXPECT(s == NULL, "cat /nonexistent succeeded");
  int e = guestfs_last_errno(g);
  EXPECT(e == ENOENT, "cat /nonexistent errno %d (%s)", e, last_error());
  expect_message("cat", "download: /nonexistent: No such file or directory", bad, sizeof bad);
  int r = guestfs_mkdir(g, "/dir");
  e = guestfs_last_errno(g);
  EXPECT(r == -1 && e == EEXIST, "mkdir of an existing dir: r=%d errno %d", r, e);
  expect_message("mkdir", "mkdir: /dir: File exists", bad, sizeof bad);
  r = guestfs_rmdir(g, "/nonexistent");
  EXPECT(r == -1, "rmdir /nonexistent succeeded");
  expect_message("rmdir", "rmdir: /nonexistent: No such file or directory", bad, sizeof bad);
  char **v = guestfs_ls(g, "/dir/hello");
  EXPECT(v == NULL, "ls of a file succeeded");
  expect_message("ls", "ls0: opendir: /dir/hello: Not a directory", bad, sizeof bad);
  s = guestfs_checksum(g, "nosuchsum", "/dir/hello");
  EXPECT(s == NULL, "checksum nosuchsum succeeded");
  expect_message("checksum", "checksum: unknown checksum type, expecting crc|md5|sha1|sha224|sha256|sha384|sha512",
                 bad, sizeof bad);
  r = guestfs_upload(g, "/nonexistent/local", "/x");
  EXPECT(r == -1, "upload of a missing local file succeeded");
  expect_message("upload", "open: /nonexistent/local: No such file or directory", bad, sizeof bad);
  r = guestfs_download(g, "/nonexistent", "/dev/null");
  EXPECT(r == -1, "download of a missing file succeeded");
  expect_message("download", "download: /nonexistent: No such file or directory", bad, sizeof bad);
  r = guestfs_mount(g, "/dev/sdb", "/dir");
  EXPECT(r == -1, "mount of a blank disk succeeded");
  expect_message("mount", "mount: mount exited with status 32: mount: /sysroot/dir: wrong fs type, "
                 "bad option, bad superblock on /dev/sd*", bad, sizeof bad);
  r = guestfs_part_add(g, "/dev/sda", "p", 10, 20);
  EXPECT(r == -1, "part_add over the GPT header succeeded");
  expect_message("part_add", "part_add: parted: /dev/sd*", bad, sizeof bad);
  /* Replies and arguments bigger than a protocol message. */
  size_t n;
  s = guestfs_pread(g, "/big", 5 << 20, 0, &n);
  EXPECT(s == NULL, "pread of 5 MiB succeeded");
  expect_message("pread", "pread: /big: count is too large for the protocol, use smaller reads", bad, sizeof bad);
  /* write is library-side in 1.48 and takes content bigger than a message. */
  static char huge[5 << 20];
  huge[sizeof huge - 1] = 'z';
  CALL(guestfs_write(g, "/huge", huge, sizeof huge));
  int64_t size = guestfs_filesize(g, "/huge");
  EXPECT(size == (int64_t)sizeof huge, "filesize /huge after a 5 MiB write = %lld", (long long)size);
  CALL(guestfs_rm(g, "/huge"));
  EXPECT(bad[0] == 0, "%s", bad);
  /* The handle still works after errors. */
  CALL(guestfs_ping_daemon(g));
  return 0;
}

static int case_lvm(guestfs_h *g)
{
  char *pvs_arg[] = { (char *)"/dev/sdb", NULL };
  CALL(guestfs_pvcreate(g, "/dev/sdb"));
  CALL(guestfs_vgcreate(g, "wirevg", pvs_arg));
  CALL(guestfs_lvcreate(g, "wirelv", "wirevg", 32));
  char **v;
  CALLP(v, guestfs_pvs(g));
  int ok = count_strings(v) == 1 && strcmp(v[0], "/dev/sdb") == 0;
  const char *got = join_strings(v);
  free_strings(v);
  EXPECT(ok, "pvs gave [%s]", got);
  CALLP(v, guestfs_vgs(g));
  ok = count_strings(v) == 1 && strcmp(v[0], "wirevg") == 0;
  got = join_strings(v);
  free_strings(v);
  EXPECT(ok, "vgs gave [%s]", got);
  CALLP(v, guestfs_lvs(g));
  ok = count_strings(v) == 1 && strcmp(v[0], "/dev/wirevg/wirelv") == 0;
  got = join_strings(v);
  free_strings(v);
  EXPECT(ok, "lvs gave [%s]", got);
  CALL(guestfs_mkfs(g, "ext2", "/dev/wirevg/wirelv"));
  CALL(guestfs_mkdir(g, "/lv"));
  CALL(guestfs_mount(g, "/dev/wirevg/wirelv", "/lv"));
  CALL(guestfs_write(g, "/lv/on-lv", "lvm\n", 4));
  char *s;
  CALLP(s, guestfs_cat(g, "/lv/on-lv"));
  EXPECT_STR(s, "lvm\n");
  free(s);
  return 0;
}

static int case_list_filesystems(guestfs_h *g)
{
  char **kv;
  CALLP(kv, guestfs_list_filesystems(g));
  const char *a = hash_get(kv, "/dev/sda1"), *b = hash_get(kv, "/dev/sda2"),
             *c = hash_get(kv, "/dev/wirevg/wirelv");
  int ok = a && strcmp(a, "ext4") == 0 && b && strcmp(b, "vfat") == 0 && c && strcmp(c, "ext2") == 0;
  const char *got = join_strings(kv);
  free_strings(kv);
  EXPECT(ok, "list_filesystems gave [%s]", got);
  return 0;
}

static int case_tar(guestfs_h *g)
{
  char cmd[8192];
  const char *tree = host_path("tree"), *in = host_path("in.tar"), *out = host_path("out.tar"),
             *outgz = host_path("out.tar.gz");
  snprintf(cmd, sizeof cmd,
           "set -e; rm -rf '%s'; mkdir -p '%s/sub'; echo one > '%s/one'; echo two > '%s/sub/two';"
           " tar -C '%s' -cf '%s' .",
           tree, tree, tree, tree, tree, in);
  EXPECT(system(cmd) == 0, "host tar failed: %.300s", cmd);
  CALL(guestfs_mkdir(g, "/fromhost"));
  CALL(guestfs_tar_in(g, in, "/fromhost"));
  char *s;
  CALLP(s, guestfs_cat(g, "/fromhost/sub/two"));
  EXPECT_STR(s, "two\n");
  free(s);
  CALL(guestfs_tar_out(g, "/fromhost", out));
  snprintf(cmd, sizeof cmd, "tar -tf '%s' | sort | tr '\\n' ' '", out);
  char *list = host_output(cmd);
  EXPECT(list != NULL, "host tar -tf %s failed", out);
  int ok = strstr(list, "./one ") && strstr(list, "./sub/two ");
  set_why("tar_out listing: %s", list);
  free(list);
  if (!ok)
    return -1;
  CALL(guestfs_tar_out_opts(g, "/fromhost", outgz, GUESTFS_TAR_OUT_OPTS_COMPRESS, "gzip", -1));
  snprintf(cmd, sizeof cmd, "tar -xzOf '%s' ./sub/two", outgz);
  s = host_output(cmd);
  EXPECT(s != NULL, "host tar -xzOf of the gzip tar_out failed");
  ok = strcmp(s, "two\n") == 0;
  free(s);
  EXPECT(ok, "gzip tar_out content");
  return 0;
}

static int case_command(guestfs_h *g)
{
  CALL(guestfs_mkdir(g, "/bin"));
  CALL(guestfs_upload(g, helper, "/bin/wirehello"));
  CALL(guestfs_chmod(g, 0755, "/bin/wirehello"));
  char *args[] = { (char *)"/bin/wirehello", (char *)"x", (char *)"y z", NULL };
  char *s;
  CALLP(s, guestfs_command(g, args));
  EXPECT_STR(s, "wirehello\nx\ny z\n");
  free(s);
  char **lines;
  CALLP(lines, guestfs_command_lines(g, args));
  int ok = count_strings(lines) == 3 && strcmp(lines[2], "y z") == 0;
  const char *got = join_strings(lines);
  free_strings(lines);
  EXPECT(ok, "command_lines gave [%s]", got);
  /* A failing command is an error carrying its output. */
  char *fail[] = { (char *)"/bin/wirehello", (char *)"--fail", NULL };
  s = guestfs_command(g, fail);
  EXPECT(s == NULL, "a command exiting 1 succeeded: %s", s);
  return 0;
}

/* Progress messages: what arrived for one transfer. */
static struct {
  int events, malformed;
  uint64_t proc_nr, position, total;
} prog;

static void on_progress(guestfs_h *h, void *opaque, uint64_t event, int event_handle, int flags,
                        const char *buf, size_t buf_len, const uint64_t *array, size_t array_len)
{
  (void)h; (void)opaque; (void)event; (void)event_handle; (void)flags; (void)buf; (void)buf_len;
  if (array_len != 4 || array[2] > array[3]) {
    prog.malformed++;
    return;
  }
  prog.events++;
  prog.proc_nr = array[0];
  prog.position = array[2];
  prog.total = array[3];
}

/* One transfer with progress watched. The daemon reports nothing in a call's first 2 s, so
 * a transfer faster than that may legitimately have no events; a slower one must end with
 * position == total == the file's size, tagged with the call's procedure number. */
static int watched_transfer(guestfs_h *g, int upload, const char *local, const char *remote,
                            uint64_t size, uint64_t proc_nr)
{
  memset(&prog, 0, sizeof prog);
  int eh = guestfs_set_event_callback(g, on_progress, GUESTFS_EVENT_PROGRESS, 0, NULL);
  EXPECT(eh >= 0, "set_event_callback: %s", last_error());
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int r = upload ? guestfs_upload(g, local, remote) : guestfs_download(g, remote, local);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  guestfs_delete_event_callback(g, eh);
  EXPECT(r == 0, "%s failed: %s", upload ? "upload" : "download", last_error());
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  const char *what = upload ? "upload" : "download";
  EXPECT(prog.malformed == 0, "%d malformed progress events in %s", prog.malformed, what);
  if (prog.events == 0) {
    EXPECT(secs < 3.0, "no progress events during a %.1f s %s", secs, what);
    printf("# %s took %.1f s: too fast for progress events\n", what, secs);
    return 0;
  }
  EXPECT(prog.proc_nr == proc_nr && prog.position == size && prog.total == size,
         "%d %s events, last: proc %llu position %llu total %llu", prog.events, what,
         (unsigned long long)prog.proc_nr, (unsigned long long)prog.position,
         (unsigned long long)prog.total);
  return 0;
}

static int case_progress(guestfs_h *g)
{
  const uint64_t size = 96 << 20;
  const char *src = host_path("progress.src"), *back = host_path("progress.back");
  EXPECT(make_pattern_file(src, size, 7) == 0, "cannot write %s", src);
  if (watched_transfer(g, 1, src, "/progress.bin", size, 66) == -1)
    return -1;
  if (watched_transfer(g, 0, back, "/progress.bin", size, 67) == -1)
    return -1;
  EXPECT(same_file_contents(src, back), "downloaded %s differs", back);
  unlink(back);
  return 0;  /* the cancel case reuses progress.src and /progress.bin */
}

/* guestfs_user_cancel from the progress callback, at the first event: the transfer stops
 * with EINTR (the cancel chunk crosses the wire and the daemon answers it) and the
 * handle keeps working. */
static void cancel_on_progress(guestfs_h *h, void *opaque, uint64_t event, int event_handle,
                               int flags, const char *buf, size_t buf_len, const uint64_t *array,
                               size_t array_len)
{
  (void)opaque; (void)event; (void)event_handle; (void)flags; (void)buf; (void)buf_len;
  (void)array; (void)array_len;
  if (prog.events++ == 0)
    guestfs_user_cancel(h);
}

static int cancelled_transfer(guestfs_h *g, int upload, const char *local, const char *remote)
{
  memset(&prog, 0, sizeof prog);
  int eh = guestfs_set_event_callback(g, cancel_on_progress, GUESTFS_EVENT_PROGRESS, 0, NULL);
  EXPECT(eh >= 0, "set_event_callback: %s", last_error());
  int r = upload ? guestfs_upload(g, local, remote) : guestfs_download(g, remote, local);
  int e = guestfs_last_errno(g);
  guestfs_delete_event_callback(g, eh);
  const char *what = upload ? "upload" : "download";
  if (prog.events == 0) {
    EXPECT(r == 0, "%s failed: %s", what, last_error());
    printf("# %s: no progress event to cancel from\n", what);
    return 0;
  }
  EXPECT(r == -1 && e == EINTR, "cancelled %s: r=%d errno %d (%s)", what, r, e, r ? last_error() : "");
  printf("# cancelled %s: %s\n", what, last_error());
  CALL(guestfs_ping_daemon(g));
  char *s;
  CALLP(s, guestfs_cat(g, "/dir/hello"));
  int ok = strcmp(s, "hello, wire\n") == 0;
  free(s);
  EXPECT(ok, "cat after a cancelled %s", what);
  return 0;
}

static int case_cancel(guestfs_h *g)
{
  const char *src = host_path("progress.src"), *back = host_path("cancel.back");
  if (cancelled_transfer(g, 0, back, "/progress.bin") == -1)
    return -1;
  if (cancelled_transfer(g, 1, src, "/cancelled.bin") == -1)
    return -1;
  unlink(src);
  unlink(back);
  CALL(guestfs_rm(g, "/progress.bin"));
  CALL(guestfs_rm_f(g, "/cancelled.bin"));
  return 0;
}

static int case_offsets(guestfs_h *g)
{
  CALL(guestfs_write(g, "/dir/off", "0123456789abcdef", 16));
  int n = guestfs_pwrite(g, "/dir/off", "XXXX", 4, 10);
  EXPECT(n == 4, "pwrite returned %d: %s", n, last_error());
  size_t len;
  char *s;
  CALLP(s, guestfs_pread(g, "/dir/off", 8, 6, &len));
  int ok = len == 8 && memcmp(s, "6789XXXX", 8) == 0;
  free(s);
  EXPECT(ok, "pread gave %zu bytes", len);
  const char *src = host_path("offset.src"), *back = host_path("offset.back");
  FILE *f = fopen(src, "w");
  EXPECT(f != NULL, "cannot create %s", src);
  fputs("HELLO", f);
  fclose(f);
  CALL(guestfs_upload_offset(g, src, "/dir/off", 3));
  CALL(guestfs_download_offset(g, "/dir/off", back, 2, 7));
  f = fopen(back, "r");
  EXPECT(f != NULL, "download_offset left no %s", back);
  char buf[32] = "";
  size_t r = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  EXPECT(r == 7 && memcmp(buf, "2HELLO8", 7) == 0, "download_offset gave %zu bytes \"%.*s\"", r, (int)r, buf);
  return 0;
}

#define MANY 1500

/* Long replies: ls0/find0 streams and a struct list for many names. */
static int case_many_files(guestfs_h *g)
{
  char cmd[8192];
  const char *tree = host_path("many"), *tar = host_path("many.tar");
  snprintf(cmd, sizeof cmd,
           "set -e; rm -rf '%s'; mkdir '%s'; cd '%s'; i=0; while [ $i -lt %d ]; do"
           " printf '%%04d\\n' $i > f$(printf %%04d $i); i=$((i+1)); done; tar -cf '%s' .",
           tree, tree, tree, MANY, tar);
  EXPECT(system(cmd) == 0, "making %d host files failed", MANY);
  CALL(guestfs_mkdir(g, "/many"));
  CALL(guestfs_tar_in(g, tar, "/many"));
  char **names;
  CALLP(names, guestfs_ls(g, "/many"));
  size_t n = count_strings(names);
  int ok = n == MANY && strcmp(names[0], "f0000") == 0 && strcmp(names[MANY - 1], "f1499") == 0;
  if (!ok) {
    free_strings(names);
    EXPECT(ok, "ls /many gave %zu names", n);
  }
  /* lstatnslist is library-side in 1.48, over internal_lstatnslist. */
  struct guestfs_statns_list *sl = guestfs_lstatnslist(g, "/many", names);
  free_strings(names);
  EXPECT(sl != NULL, "lstatnslist: %s", last_error());
  ok = sl->len == MANY;
  for (uint32_t i = 0; ok && i < sl->len; i++)
    ok = sl->val[i].st_size == 5 && S_ISREG(sl->val[i].st_mode);
  uint32_t len = sl->len;
  guestfs_free_statns_list(sl);
  EXPECT(ok, "lstatnslist gave %u entries (or a wrong size/mode)", len);
  CALLP(names, guestfs_find(g, "/many"));
  n = count_strings(names);
  free_strings(names);
  EXPECT(n == MANY, "find /many gave %zu names", n);
  char *ll;
  CALLP(ll, guestfs_ll(g, "/many"));
  ok = strstr(ll, "f1499") != NULL && strlen(ll) > MANY * 20;
  size_t lllen = strlen(ll);
  free(ll);
  EXPECT(ok, "ll /many gave %zu bytes", lllen);
  return 0;
}

/* Optional groups whose tools both appliances carry (the lvm case above used them). */
static int case_features(guestfs_h *g)
{
  static const char *const groups[] = { "lvm2", "linuxfsuuid", "xz" };
  char missing[256] = "";
  for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
    char *one[] = { (char *)groups[i], NULL };
    if (guestfs_feature_available(g, one) != 1) {
      size_t l = strlen(missing);
      snprintf(missing + l, sizeof missing - l, " %s", groups[i]);
    }
  }
  EXPECT(missing[0] == 0, "not available:%s", missing);
  char *bogus[] = { (char *)"no-such-group", NULL };
  int r = guestfs_feature_available(g, bogus);
  EXPECT(r == -1, "feature_available of an unknown group = %d", r);
  return 0;
}

static int case_daemon_misc(guestfs_h *g)
{
  char *words[] = { (char *)"hello", (char *)"wire", (char *)"", (char *)"world", NULL };
  char *s;
  CALLP(s, guestfs_echo_daemon(g, words));
  EXPECT_STR(s, "hello wire  world");
  free(s);
  struct guestfs_utsname *u;
  CALLP(u, guestfs_utsname(g));
  int ok = strcmp(u->uts_sysname, "Linux") == 0 && strcmp(u->uts_machine, "x86_64") == 0 && *u->uts_release;
  guestfs_free_utsname(u);
  EXPECT(ok, "utsname");
  return 0;
}

/* mount_options and umount_opts carry options and optargs; the vfat needs the kernel's
 * FAT and NLS modules in the appliance. */
static int case_vfat_mount_options(guestfs_h *g)
{
  int r, ok;
  CALL(guestfs_mkdir(g, "/fat"));
  CALL(guestfs_mount_options(g, "ro", "/dev/sda2", "/fat"));
  r = guestfs_touch(g, "/fat/x");
  int e = guestfs_last_errno(g);
  EXPECT(r == -1 && e == EROFS, "touch on a ro mount: r=%d errno %d", r, e);
  CALL(guestfs_umount_opts(g, "/fat", GUESTFS_UMOUNT_OPTS_FORCE, 0, -1));
  char **m;
  CALLP(m, guestfs_mountpoints(g));
  ok = !has_string(m, "/fat");
  free_strings(m);
  EXPECT(ok, "/fat still mounted after umount_opts");
  return 0;
}

static int case_shutdown(guestfs_h *g)
{
  CALL(guestfs_sync(g));
  CALL(guestfs_umount_all(g));
  char **m;
  CALLP(m, guestfs_mounts(g));
  size_t n = count_strings(m);
  free_strings(m);
  EXPECT(n == 0, "%zu mounts left after umount_all", n);
  CALL(guestfs_shutdown(g));
  return 0;
}

struct wire_case {
  const char *name;
  int (*run)(guestfs_h *g);
};

static const struct wire_case cases[] = {
  { "launch", case_launch },
  { "devices", case_devices },
  { "partition", case_partition },
  { "mkfs", case_mkfs },
  { "mount", case_mount },
  { "write-cat", case_write_cat },
  { "upload-download", case_upload_download },
  { "ls-find", case_ls_find },
  { "stat", case_stat },
  { "errors", case_errors },
  { "lvm", case_lvm },
  { "list-filesystems", case_list_filesystems },
  { "tar", case_tar },
  { "command", case_command },
  { "progress", case_progress },
  { "cancel", case_cancel },
  { "offsets", case_offsets },
  { "many-files", case_many_files },
  { "daemon-misc", case_daemon_misc },
  { "features", case_features },
  { "vfat-mount-options", case_vfat_mount_options },
  { "shutdown", case_shutdown },
};

int main(int argc, char **argv)
{
  if (argc != 4) {
    fprintf(stderr, "usage: wire-suite PREFIX WORKDIR HELPER\n");
    return 2;
  }
  const char *prefix = argv[1];
  workdir = argv[2];
  helper = argv[3];
  setvbuf(stdout, NULL, _IOLBF, 0);
  /* Which libguestfs.so.0 the loader picked: run.sh checks it is the one it meant. */
  Dl_info info;
  if (dladdr((void *)guestfs_create, &info) && info.dli_fname)
    printf("# library: %s\n", info.dli_fname);
  guestfs_h *g = guestfs_create();
  if (!g) {
    printf("FAIL: %s/create - guestfs_create returned NULL\n0 passed, 1 failed\n", prefix);
    return 1;
  }
  check_g = g;
  /* Errors are reported in the FAIL lines, not printed by the default handler. */
  guestfs_set_error_handler(g, NULL, NULL);
  int passed = 0, failed = 0, launched = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int r;
    if (i > 0 && !launched) {
      set_why("not run: launch failed");
      r = -1;
    } else {
      why[0] = 0;
      r = cases[i].run(g);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (i == 0)
      launched = r == 0;
    if (r == 0) {
      printf("PASS: %s/%s (%.1fs)\n", prefix, cases[i].name, secs);
      passed++;
    } else {
      /* One line per result: multi-line error messages are folded. */
      for (char *c = why; *c; c++)
        if (*c == '\n')
          *c = ' ';
      printf("FAIL: %s/%s - %s\n", prefix, cases[i].name, why);
      failed++;
    }
  }
  guestfs_close(g);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
