/* Helpers shared by the appliance test programs.
 *
 * Each program launches ONE appliance and runs a list of cases against it.  Everything
 * a case observes (results, error messages, errnos) goes to stdout as a transcript,
 * which run.sh compares with the transcript recorded against libguestfs 1.48.  Things
 * that legitimately differ between runs (UUIDs, the temp directory) are normalised here,
 * in one place, before printing.
 *
 * Transcript layout:
 *   == CASE name                 starts a case (run.sh splits on these lines)
 *   call(args) = result          one line per observed call
 *   call(args) = ERROR errno=ENOENT: message
 *   !! CHECK FAILED ...          a direct assertion failed (fails the case even when
 *                                the transcript matches)
 *   !! FIXTURE FAILED ...        the case's setup failed
 */
#ifndef APPTEST_H
#define APPTEST_H

#include <stddef.h>
#include <stdint.h>
#include <guestfs.h>

/* The directory (on the host) private to this run; local files for upload/download
 * live there.  Printed as "$TMP". */
extern char t_tmpdir[];

/* Creates the handle, adds the scratch disks with the given sizes in MiB (a 0 ends the
 * list) and launches.  Exits the program (printing the error) when launch fails. */
guestfs_h *t_launch (const int64_t *disk_mib);
/* The two halves of t_launch, for programs that add more drives in between. */
guestfs_h *t_create (const int64_t *disk_mib);
void t_do_launch (guestfs_h *g);

/* Starts a case: prints its header.  Returns 1 when the case should run (the variable
 * APPTEST_ONLY, when set, is a substring that case names must contain). */
int t_case (const char *name);

/* Prints one transcript line (printf-style), normalised. */
void t_out (const char *fmt, ...) __attribute__((format (printf, 1, 2)));

/* Direct assertions. */
void t_check_fail (const char *file, int line, const char *fmt, ...)
  __attribute__((format (printf, 3, 4)));
#define CHECK(cond) \
  do { if (!(cond)) t_check_fail (__FILE__, __LINE__, "%s", #cond); } while (0)
#define CHECK_STR(got, want) \
  do { const char *g_ = (got), *w_ = (want); \
       if (!g_ || strcmp (g_, w_) != 0) \
         t_check_fail (__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", #got, \
                       g_ ? g_ : "(null)", w_); } while (0)

/* Result printers: print "what = value" or "what = ERROR errno=E: msg", and return the
 * value unchanged so the caller can also assert on it.  `what` describes the call. */
int r_int (guestfs_h *g, const char *what, int r);        /* RErr / RInt / RBool: -1 is error */
int64_t r_i64 (guestfs_h *g, const char *what, int64_t r);
char *r_str (guestfs_h *g, const char *what, char *s);     /* not freed */
char **r_list (guestfs_h *g, const char *what, char **l);  /* not freed */
char **r_hash (guestfs_h *g, const char *what, char **h);  /* sorted by key for printing */
char *r_buf (guestfs_h *g, const char *what, char *b, size_t size);
/* Prints only the error line (the caller prints results itself); returns 0 on error. */
int r_ok (guestfs_h *g, const char *what, int failed);

/* Shorthands: the call's own text is the transcript label. */
#define I(call)   r_int (g, #call, (call))
#define I64(call) r_i64 (g, #call, (call))
#define PS(call)  free (r_str (g, #call, (call)))
#define PL(call)  t_free_list (r_list (g, #call, (call)))
#define PH(call)  t_free_list (r_hash (g, #call, (call)))

/* The transcript label for a call's text (drops "guestfs_", "g, " and such). */
const char *t_clean (const char *what, char *buf, size_t len);

void t_free_list (char **l);
size_t t_list_len (char *const *l);
int t_list_has (char *const *l, const char *s);

/* Fixtures, as in libguestfs's tests-main.c.  Failures print "!! FIXTURE FAILED". */
int init_empty (guestfs_h *g);        /* setrw, umount_all, lvm_remove_all */
int init_partition (guestfs_h *g);    /* init_empty + part_disk /dev/sda mbr */
int init_gpt (guestfs_h *g);          /* init_empty + part_disk /dev/sda gpt */
int init_basic_fs (guestfs_h *g);     /* init_partition + mkfs ext2 /dev/sda1 + mount / */
int init_scratch_fs (guestfs_h *g);   /* init_empty + mount /dev/sdb1 / (made by t_make_scratch) */
int t_make_scratch (guestfs_h *g);    /* part_disk /dev/sdb mbr + mkfs ext4 /dev/sdb1 */

/* Host-side helpers. */
char *t_path (const char *name);                        /* $TMP/name, malloc'd */
int t_write_local (const char *name, const void *data, size_t len);
char *t_read_local (const char *name, size_t *len);     /* malloc'd, NULL if missing */

/* Ends the program: shuts the appliance down, prints a summary to stderr, removes the
 * temp directory.  Returns the exit status (0: the program ran to its end). */
int t_finish (guestfs_h *g);

#endif
