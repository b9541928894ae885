/* Transfer benchmark: upload a file from the host into an ext4 filesystem in the
 * appliance and download it back, several times, checking the bytes that come back.
 *
 *   bench-transfer MIB ROUNDS
 *
 * The source is MIB MiB of pseudo-random (incompressible) bytes in $TMPDIR (or /tmp). The
 * appliance has one 1 GiB scratch disk, partitioned (mbr) with ext4 on /dev/sda1 mounted
 * on /. Results per round: upload_mbs and download_mbs (10^6 bytes per second, wall
 * clock around the single guestfs_upload / guestfs_download call) and upload_sync_mbs
 * (upload followed by guestfs_sync, so data on the virtual disk), and the CPU seconds the
 * library's process and qemu used during each: cpu_{upload,download}_{lib,qemu}_s (the
 * upload figures include the sync). After the last round:
 * qemu_hwm_busy_kib (qemu's peak RSS, read just before shutdown).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

#define BLOCK (1024 * 1024)

/* Writes `mib` MiB of xorshift64 output to `path`. */
static void
make_source (const char *path, long mib)
{
  FILE *f = fopen (path, "wb");
  if (!f)
    bench_fail ("create source file");
  uint64_t *buf = malloc (BLOCK);
  if (!buf)
    bench_fail ("malloc");
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (long m = 0; m < mib; m++) {
    for (size_t i = 0; i < BLOCK / sizeof *buf; i++) {
      x ^= x << 13; x ^= x >> 7; x ^= x << 17;
      buf[i] = x;
    }
    if (fwrite (buf, 1, BLOCK, f) != BLOCK)
      bench_fail ("write source file");
  }
  free (buf);
  if (fclose (f) != 0)
    bench_fail ("close source file");
}

/* True when the two files have the same bytes. */
static int
same_bytes (const char *a, const char *b)
{
  FILE *fa = fopen (a, "rb"), *fb = fopen (b, "rb");
  char *ba = malloc (BLOCK), *bb = malloc (BLOCK);
  int same = fa && fb && ba && bb;
  while (same) {
    size_t na = fread (ba, 1, BLOCK, fa), nb = fread (bb, 1, BLOCK, fb);
    if (na != nb || memcmp (ba, bb, na) != 0)
      same = 0;
    if (na < BLOCK)
      break;
  }
  if (fa) fclose (fa);
  if (fb) fclose (fb);
  free (ba);
  free (bb);
  return same;
}

int
main (int argc, char *argv[])
{
  if (argc != 3) {
    fprintf (stderr, "usage: %s MIB ROUNDS\n", argv[0]);
    return 2;
  }
  long mib = bench_arg (argv[1], "size in MiB");
  long rounds = bench_arg (argv[2], "round count");
  double bytes = (double) mib * BLOCK;

  const char *tmp = getenv ("TMPDIR");
  if (!tmp || !*tmp)
    tmp = "/tmp";
  char src[4096], dst[4096];
  snprintf (src, sizeof src, "%s/bench-transfer-src.%d", tmp, (int) getpid ());
  snprintf (dst, sizeof dst, "%s/bench-transfer-dst.%d", tmp, (int) getpid ());
  make_source (src, mib);

  double t = bench_now ();
  guestfs_h *g = bench_launch_scratch (INT64_C (1024) * 1024 * 1024);
  t = bench_step ("launch", t);
  bench_identify (g);
  if (guestfs_part_disk (g, "/dev/sda", "mbr") == -1)
    bench_fail ("part_disk");
  t = bench_step ("part_disk", t);
  if (guestfs_mkfs (g, "ext4", "/dev/sda1") == -1)
    bench_fail ("mkfs ext4");
  t = bench_step ("mkfs_ext4", t);
  if (guestfs_mount (g, "/dev/sda1", "/") == -1)
    bench_fail ("mount");
  bench_step ("mount", t);

  int status = 0;
  for (long i = 0; i < rounds; i++) {
    double q0 = bench_qemu_cpu_s (g), c0 = bench_self_cpu_s ();
    double t0 = bench_now ();
    if (guestfs_upload (g, src, "/file") == -1)
      bench_fail ("upload");
    double t1 = bench_now ();
    /* Our daemon fsyncs the file at the end of upload, 1.48's does not: a sync right
     * after gives both the same durable end point. */
    if (guestfs_sync (g) == -1)
      bench_fail ("sync");
    double t1s = bench_now ();
    double q1 = bench_qemu_cpu_s (g), c1 = bench_self_cpu_s ();
    if (guestfs_download (g, "/file", dst) == -1)
      bench_fail ("download");
    double t2 = bench_now ();
    double q2 = bench_qemu_cpu_s (g), c2 = bench_self_cpu_s ();

    fprintf (stderr, "round %ld: upload %.2f s, sync %.2f s, download %.2f s\n",
             i + 1, t1 - t0, t1s - t1, t2 - t1s);
    bench_result ("upload_mbs", bytes / 1e6 / (t1 - t0));
    bench_result ("upload_sync_mbs", bytes / 1e6 / (t1s - t0));
    bench_result ("download_mbs", bytes / 1e6 / (t2 - t1s));
    /* Where the CPU went: the library's process and qemu (the guest under TCG). */
    bench_result ("cpu_upload_lib_s", c1 - c0);
    bench_result ("cpu_download_lib_s", c2 - c1);
    if (q0 >= 0 && q2 >= 0) {
      bench_result ("cpu_upload_qemu_s", q1 - q0);
      bench_result ("cpu_download_qemu_s", q2 - q1);
    }
    if (!same_bytes (src, dst)) {
      fprintf (stderr, "round %ld: downloaded file differs from the uploaded one\n", i + 1);
      status = 1;
    }
    unlink (dst);
  }

  long hwm = bench_qemu_hwm_kib (g);
  if (hwm > 0)
    bench_result ("qemu_hwm_busy_kib", hwm);
  if (guestfs_shutdown (g) == -1)
    bench_fail ("shutdown");
  guestfs_close (g);
  unlink (src);
  return status;
}
