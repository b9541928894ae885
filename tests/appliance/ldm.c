/* Windows dynamic disks (LDM): the test writes a real LDM disk group on three raw disk
 * images (MBR partition type 0x42, PRIVHEAD, TOCBLOCK, VMDB and VBLK records, laid out
 * as libldm reads them and as the Linux kernel's Documentation/admin-guide/ldm.rst
 * describes), with a simple, a spanned, a striped and a mirrored volume, then checks
 * every ldmtool_* call, list_ldm_volumes/partitions, list_filesystems, and that the
 * volumes the appliance mapped at boot hold data. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include "apptest.h"

#define SECTOR 512
#define DISK_SECTORS 131072             /* 64 MiB */
#define DATA_START 63                   /* the LDM partition, as Windows makes it */
#define CONFIG_SIZE 2048                /* sectors of the metadata area, at the end */
#define CONFIG_START (DISK_SECTORS - CONFIG_SIZE)
#define VMDB_SECTOR 17                  /* config-relative start of the database */
#define VBLK_SIZE 128

static const char dg_guid[] = "c7a9d5b2-1f3e-4d6a-9b8c-0e1f2a3b4c5d";
static const char host_guid[] = "0d6f2a4e-8b1c-4e7d-a5f3-2c9b8e7d6a51";
static const char *disk_guids[3] = {
  "11111111-2222-4333-8444-555555555501",
  "11111111-2222-4333-8444-555555555502",
  "11111111-2222-4333-8444-555555555503",
};

static void
be16 (uint8_t *p, uint16_t v)
{
  p[0] = v >> 8; p[1] = v;
}

static void
be32 (uint8_t *p, uint32_t v)
{
  be16 (p, v >> 16); be16 (p + 2, v);
}

static void
be64 (uint8_t *p, uint64_t v)
{
  be32 (p, v >> 32); be32 (p + 4, v);
}

/* A VBLK record's payload, built field by field. */
struct rec { uint8_t b[VBLK_SIZE]; size_t n; };

static void
put_bytes (struct rec *r, const void *d, size_t len)
{
  memcpy (r->b + r->n, d, len); r->n += len;
}

static void
put_zero (struct rec *r, size_t len)
{
  memset (r->b + r->n, 0, len); r->n += len;
}

/* Variable-length integer: a length byte, then the value big-endian. */
static void
put_var (struct rec *r, uint64_t v)
{
  uint8_t tmp[8];
  int len = 1;
  while (len < 8 && (v >> (8 * len)) != 0) len++;
  for (int i = 0; i < len; i++) tmp[i] = v >> (8 * (len - 1 - i));
  r->b[r->n++] = len;
  put_bytes (r, tmp, len);
}

static void
put_str (struct rec *r, const char *s)
{
  r->b[r->n++] = strlen (s);
  put_bytes (r, s, strlen (s));
}

static void
put_u64 (struct rec *r, uint64_t v)
{
  be64 (r->b + r->n, v); r->n += 8;
}

/* The database: VBLK slots after the VMDB header. */
static uint8_t vmdb[VBLK_SIZE * 64];
static uint32_t n_slots, counts[6];

static void
add_vblk (uint8_t type_rev, uint8_t flags, const struct rec *r)
{
  uint8_t *v = vmdb + 512 + n_slots * VBLK_SIZE;
  n_slots++;
  memcpy (v, "VBLK", 4);
  be32 (v + 4, n_slots + 4);            /* sequence */
  be32 (v + 8, n_slots);                /* record id */
  be16 (v + 12, 0);                     /* entry 0 of 1 */
  be16 (v + 14, 1);
  be16 (v + 16, 0);                     /* status */
  v[18] = flags;
  v[19] = type_rev;
  be32 (v + 20, r->n);
  memcpy (v + 24, r->b, r->n);
  counts[type_rev & 0x0f]++;
}

static void
disk_group (uint32_t id, const char *name)
{
  struct rec r = { .n = 0 };
  put_var (&r, id); put_str (&r, name);
  add_vblk (0x35, 0, &r);
}

static void
disk (uint32_t id, const char *name, const char *guid)
{
  struct rec r = { .n = 0 };
  put_var (&r, id); put_str (&r, name); put_str (&r, guid);
  add_vblk (0x34, 0, &r);
}

static void
volume (uint32_t id, const char *name, uint32_t n_comps, uint64_t size, uint8_t guid_byte,
        const char *hint)
{
  struct rec r = { .n = 0 };
  uint8_t guid[16];
  put_var (&r, id); put_str (&r, name);
  put_str (&r, "gen"); put_str (&r, "");
  put_bytes (&r, "ACTIVE\0\0\0\0\0\0\0\0", 14);
  r.b[r.n++] = 3;                       /* generic volume */
  put_zero (&r, 1);
  r.b[r.n++] = id;                      /* volume number */
  put_zero (&r, 3);
  put_zero (&r, 1);                     /* volume flags */
  put_var (&r, n_comps);
  put_zero (&r, 16);                    /* commit id, id */
  put_var (&r, size);
  put_zero (&r, 4);
  r.b[r.n++] = 0x07;                    /* NTFS */
  memset (guid, guid_byte, sizeof guid);
  put_bytes (&r, guid, 16);
  if (hint) put_str (&r, hint);
  add_vblk (0x51, hint ? 0x02 : 0, &r);
}

/* type: 1 striped, 2 spanned. */
static void
component (uint32_t id, const char *name, uint8_t type, uint32_t n_parts, uint32_t parent,
           uint64_t chunk)
{
  struct rec r = { .n = 0 };
  put_var (&r, id); put_str (&r, name); put_str (&r, "ACTIVE");
  r.b[r.n++] = type;
  put_zero (&r, 4);
  put_var (&r, n_parts);
  put_zero (&r, 16);
  put_var (&r, parent);
  put_zero (&r, 1);
  if (chunk) { put_var (&r, chunk); put_var (&r, n_parts); }
  add_vblk (0x32, chunk ? 0x10 : 0, &r);
}

static void
partition (uint32_t id, const char *name, uint64_t start, uint64_t vol_offset, uint64_t size,
           uint32_t parent, uint32_t disk_id, uint32_t index)
{
  struct rec r = { .n = 0 };
  put_var (&r, id); put_str (&r, name);
  put_zero (&r, 4 + 8);
  put_u64 (&r, start); put_u64 (&r, vol_offset);
  put_var (&r, size); put_var (&r, parent); put_var (&r, disk_id); put_var (&r, index);
  add_vblk (0x33, 0x08, &r);
}

/* The group's database, the same on every member disk. */
static void
build_database (void)
{
  disk_group (1, "TestDg0");
  disk (2, "Disk1", disk_guids[0]);
  disk (3, "Disk2", disk_guids[1]);
  disk (4, "Disk3", disk_guids[2]);
  volume (10, "Volume1", 1, 16384, 0xa1, "E:");
  volume (11, "Volume2", 1, 16384, 0xa2, NULL);
  volume (12, "Volume3", 1, 16384, 0xa3, NULL);
  volume (13, "Volume4", 2, 8192, 0xa4, NULL);
  component (20, "Volume1-01", 2, 1, 10, 0);
  component (21, "Volume2-01", 2, 2, 11, 0);
  component (22, "Volume3-01", 1, 2, 12, 128);
  component (23, "Volume4-01", 2, 1, 13, 0);
  component (24, "Volume4-02", 2, 1, 13, 0);
  partition (30, "Disk1-01", 0, 0, 16384, 20, 2, 0);
  partition (31, "Disk1-02", 16384, 0, 8192, 21, 2, 0);
  partition (32, "Disk2-01", 0, 8192, 8192, 21, 3, 1);
  partition (33, "Disk2-02", 8192, 0, 8192, 22, 3, 0);
  partition (34, "Disk3-01", 0, 0, 8192, 22, 4, 1);
  partition (35, "Disk1-03", 24576, 0, 8192, 23, 2, 0);
  partition (36, "Disk3-02", 8192, 0, 8192, 24, 4, 0);

  memcpy (vmdb, "VMDB", 4);
  be32 (vmdb + 4, n_slots + 4);         /* last VBLK sequence */
  be32 (vmdb + 8, VBLK_SIZE);
  be32 (vmdb + 12, 512);                /* first VBLK offset */
  be16 (vmdb + 16, 1);                  /* update status: clean */
  be16 (vmdb + 18, 4);
  be16 (vmdb + 20, 10);
  memcpy (vmdb + 22, "TestDg0", 7);
  memcpy (vmdb + 53, dg_guid, strlen (dg_guid));
  be64 (vmdb + 117, 9);                 /* committed sequence */
  be64 (vmdb + 125, 9);                 /* pending sequence */
  be32 (vmdb + 133, counts[1]);
  be32 (vmdb + 137, counts[2]);
  be32 (vmdb + 141, counts[3]);
  be32 (vmdb + 145, counts[4]);
}

/* Writes disk image NAME (member i of the group) in the test's directory. */
static int
write_disk (const char *name, int i)
{
  static uint8_t sec[SECTOR];
  char *path = t_path (name);
  FILE *f = fopen (path, "w");
  int r = -1;
  free (path);
  if (!f) return -1;
  if (ftruncate (fileno (f), (off_t) DISK_SECTORS * SECTOR) == -1) goto out;

  /* MBR: one partition of type 0x42 over the disk. */
  memset (sec, 0, SECTOR);
  sec[446 + 4] = 0x42;
  sec[446 + 8] = DATA_START;            /* first LBA, little-endian */
  {
    uint32_t n = DISK_SECTORS - DATA_START;
    sec[446 + 12] = n; sec[446 + 13] = n >> 8; sec[446 + 14] = n >> 16; sec[446 + 15] = n >> 24;
  }
  sec[510] = 0x55; sec[511] = 0xaa;
  if (pwrite (fileno (f), sec, SECTOR, 0) != SECTOR) goto out;

  /* PRIVHEAD in sector 6. */
  memset (sec, 0, SECTOR);
  memcpy (sec, "PRIVHEAD", 8);
  be32 (sec + 8, 1);
  be16 (sec + 12, 2); be16 (sec + 14, 11);
  memcpy (sec + 48, disk_guids[i], strlen (disk_guids[i]));
  memcpy (sec + 112, host_guid, strlen (host_guid));
  memcpy (sec + 176, dg_guid, strlen (dg_guid));
  memcpy (sec + 240, "TestDg0", 7);
  be64 (sec + 283, DATA_START);
  be64 (sec + 291, CONFIG_START - DATA_START);
  be64 (sec + 299, CONFIG_START);
  be64 (sec + 307, CONFIG_SIZE);
  be64 (sec + 315, 2); be64 (sec + 323, 1);
  be32 (sec + 331, 1); be32 (sec + 335, 1);
  be64 (sec + 339, 1472); be64 (sec + 347, 224);
  if (pwrite (fileno (f), sec, SECTOR, 6 * SECTOR) != SECTOR) goto out;

  /* TOCBLOCK two sectors into the metadata area: where the database and log are. */
  memset (sec, 0, SECTOR);
  memcpy (sec, "TOCBLOCK", 8);
  be32 (sec + 8, 1); be32 (sec + 16, 1);
  memcpy (sec + 36, "config", 6); be64 (sec + 46, VMDB_SECTOR); be64 (sec + 54, 1472);
  memcpy (sec + 70, "log", 3); be64 (sec + 80, VMDB_SECTOR + 1472); be64 (sec + 88, 224);
  if (pwrite (fileno (f), sec, SECTOR, (off_t) (CONFIG_START + 2) * SECTOR) != SECTOR) goto out;

  if (pwrite (fileno (f), vmdb, sizeof vmdb, (off_t) (CONFIG_START + VMDB_SECTOR) * SECTOR)
      != (ssize_t) sizeof vmdb) goto out;
  r = 0;
 out:
  if (fclose (f) != 0) r = -1;
  return r;
}



int
main (void)
{
  guestfs_h *g;
  const char *names[3] = { "ldm1.img", "ldm2.img", "ldm3.img" };
  char *vols[4] = { "Volume1", "Volume2", "Volume3", "Volume4" };
  size_t i;

  build_database ();
  g = t_create (NULL);
  for (i = 0; i < 3; i++) {
    char *path = t_path (names[i]);
    CHECK (write_disk (names[i], i) == 0);
    CHECK (guestfs_add_drive_opts (g, path, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == 0);
    free (path);
  }
  t_do_launch (g);

  if (t_case ("available")) {
    CHECK (I (guestfs_feature_available (g, (char *[]) { "ldm", NULL })) == 1);
  }

  if (t_case ("scan")) {
    char **l = r_list (g, "ldmtool_scan ()", guestfs_ldmtool_scan (g));
    CHECK (t_list_len (l) == 1 && t_list_has (l, dg_guid));
    t_free_list (l);
    PL (guestfs_ldmtool_scan_devices (g, (char *[]) { "/dev/sda", NULL }));
    PL (guestfs_ldmtool_scan_devices (g, (char *[]) { NULL }));
    PL (guestfs_ldmtool_scan_devices (g, (char *[]) { "/dev/nosuch", NULL }));
  }

  if (t_case ("diskgroup")) {
    PS (guestfs_ldmtool_diskgroup_name (g, dg_guid));
    PL (guestfs_ldmtool_diskgroup_volumes (g, dg_guid));
    PL (guestfs_ldmtool_diskgroup_disks (g, dg_guid));
    PS (guestfs_ldmtool_diskgroup_name (g, "00000000-0000-0000-0000-000000000000"));
    PL (guestfs_ldmtool_diskgroup_volumes (g, "nosuch"));
    PL (guestfs_ldmtool_diskgroup_disks (g, ""));
  }

  if (t_case ("volumes")) {
    for (i = 0; i < 4; i++) {
      char what[128];
      snprintf (what, sizeof what, "ldmtool_volume_type (dg, \"%s\")", vols[i]);
      free (r_str (g, what, guestfs_ldmtool_volume_type (g, dg_guid, vols[i])));
      snprintf (what, sizeof what, "ldmtool_volume_hint (dg, \"%s\")", vols[i]);
      free (r_str (g, what, guestfs_ldmtool_volume_hint (g, dg_guid, vols[i])));
      snprintf (what, sizeof what, "ldmtool_volume_partitions (dg, \"%s\")", vols[i]);
      t_free_list (r_list (g, what, guestfs_ldmtool_volume_partitions (g, dg_guid, vols[i])));
    }
    PS (guestfs_ldmtool_volume_type (g, dg_guid, "NoSuchVolume"));
    PS (guestfs_ldmtool_volume_hint (g, "nosuch", "Volume1"));
    PL (guestfs_ldmtool_volume_partitions (g, dg_guid, ""));
  }

  if (t_case ("devices")) {
    /* Mapped by the appliance at boot. */
    char **l = r_list (g, "list_ldm_volumes ()", guestfs_list_ldm_volumes (g));
    CHECK (t_list_len (l) == 4);
    t_free_list (l);
    PL (guestfs_list_ldm_partitions (g));
    PL (guestfs_list_partitions (g));
    PH (guestfs_list_filesystems (g));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/mapper/ldm_vol_TestDg0_Volume1"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/mapper/ldm_vol_TestDg0_Volume2"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/mapper/ldm_vol_TestDg0_Volume3"));
    I64 (guestfs_blockdev_getsize64 (g, "/dev/mapper/ldm_vol_TestDg0_Volume4"));
  }

  if (t_case ("data")) {
    /* Each volume holds a filesystem; the spanned and striped ones cross disks. */
    for (i = 0; i < 4; i++) {
      char dev[128], what[160];
      snprintf (dev, sizeof dev, "/dev/mapper/ldm_vol_TestDg0_%s", vols[i]);
      snprintf (what, sizeof what, "mkfs (\"ext2\", \"%s\")", dev);
      r_int (g, what, guestfs_mkfs (g, "ext2", dev));
      snprintf (what, sizeof what, "mount (\"%s\", \"/\")", dev);
      r_int (g, what, guestfs_mount (g, dev, "/"));
      I (guestfs_fill_pattern (g, "ldm", 3 << 20, "/big"));
      I (guestfs_write (g, "/name", vols[i], strlen (vols[i])));
      I (guestfs_umount (g, "/"));
    }
    for (i = 0; i < 4; i++) {
      char dev[128], what[160];
      snprintf (dev, sizeof dev, "/dev/mapper/ldm_vol_TestDg0_%s", vols[i]);
      snprintf (what, sizeof what, "mount_ro (\"%s\", \"/\")", dev);
      r_int (g, what, guestfs_mount_ro (g, dev, "/"));
      PS (guestfs_cat (g, "/name"));
      PS (guestfs_checksum (g, "md5", "/big"));
      I (guestfs_umount (g, "/"));
    }
    PH (guestfs_list_filesystems (g));
  }

  if (t_case ("remove_create")) {
    I (guestfs_ldmtool_remove_all (g));
    PL (guestfs_list_ldm_volumes (g));
    PL (guestfs_list_ldm_partitions (g));
    I (guestfs_ldmtool_create_all (g));
    PL (guestfs_list_ldm_volumes (g));
    PL (guestfs_list_ldm_partitions (g));
  }

  return t_finish (g);
}
