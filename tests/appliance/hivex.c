/* The hivex_* calls on Windows registry hives: libguestfs's own test hives (from its
 * source, located by run.sh in APPTEST_HIVES) are uploaded to an ext2 filesystem,
 * read, modified, committed and reopened.  Node and value handles are libhivex's file
 * offsets, the same on both sides for the same hive. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apptest.h"

/* Uploads DIR/NAME from the test hives to PATH in the guest. */
static int
upload_hive (guestfs_h *g, const char *name, const char *path)
{
  const char *dir = getenv ("APPTEST_HIVES");
  char *src;
  int r;
  if (!dir) {
    t_out ("!! FIXTURE FAILED APPTEST_HIVES is not set");
    return -1;
  }
  if (asprintf (&src, "%s/%s", dir, name) < 0) abort ();
  r = guestfs_upload (g, src, path);
  if (r == -1)
    t_out ("!! FIXTURE FAILED upload %s: %s", name, guestfs_last_error (g));
  free (src);
  return r;
}

/* Prints the names of a node's children. */
static void
print_children (guestfs_h *g, int64_t node)
{
  struct guestfs_hivex_node_list *l = guestfs_hivex_node_children (g, node);
  size_t i;
  if (!r_ok (g, "hivex_node_children", l == NULL))
    return;
  t_out ("hivex_node_children (%lld) = %u nodes", (long long) node, l->len);
  for (i = 0; i < l->len; i++) {
    char *name = guestfs_hivex_node_name (g, l->val[i].hivex_node_h);
    t_out ("  %lld %s", (long long) l->val[i].hivex_node_h, name ? name : "(error)");
    free (name);
  }
  guestfs_free_hivex_node_list (l);
}

/* Prints a node's values: key, type, length and string form where there is one. */
static void
print_values (guestfs_h *g, int64_t node)
{
  struct guestfs_hivex_value_list *l = guestfs_hivex_node_values (g, node);
  size_t i;
  if (!r_ok (g, "hivex_node_values", l == NULL))
    return;
  t_out ("hivex_node_values (%lld) = %u values", (long long) node, l->len);
  for (i = 0; i < l->len; i++) {
    int64_t v = l->val[i].hivex_value_h;
    char *key = guestfs_hivex_value_key (g, v);
    int64_t t = guestfs_hivex_value_type (g, v);
    size_t size = 0;
    char *val = guestfs_hivex_value_value (g, v, &size);
    t_out ("  %lld key=\"%s\" type=%lld len=%zu", (long long) v, key ? key : "(error)", (long long) t, size);
    if (t == 1 || t == 2) {
      char *s = guestfs_hivex_value_string (g, v);
      t_out ("    string \"%s\"", s ? s : guestfs_last_error (g));
      free (s);
    }
    free (key);
    free (val);
  }
  guestfs_free_hivex_value_list (l);
}

int
main (void)
{
  static const int64_t disks[] = { 64, 0 };
  guestfs_h *g = t_launch (disks);
  int64_t root, a, b;

  if (t_case ("no_handle")) {
    I64 (guestfs_hivex_root (g));
    I (guestfs_hivex_close (g));
    PS (guestfs_hivex_node_name (g, 4128));
    PS (guestfs_hivex_value_string (g, 4128));
    I (guestfs_hivex_commit (g, NULL));
  }

  if (t_case ("read_software")) {
    init_basic_fs (g);
    if (upload_hive (g, "windows-software", "/software") == 0) {
      I (guestfs_hivex_open (g, "/software", -1));
      root = I64 (guestfs_hivex_root (g));
      PS (guestfs_hivex_node_name (g, root));
      print_children (g, root);
      a = I64 (guestfs_hivex_node_get_child (g, root, "Microsoft"));
      I64 (guestfs_hivex_node_get_child (g, root, "nosuch"));
      if (a > 0) {
        print_children (g, a);
        b = I64 (guestfs_hivex_node_get_child (g, a, "Windows NT"));
        if (b > 0) {
          b = I64 (guestfs_hivex_node_get_child (g, b, "CurrentVersion"));
          if (b > 0) {
            print_values (g, b);
            I64 (guestfs_hivex_node_get_value (g, b, "ProductName"));
            I64 (guestfs_hivex_node_get_value (g, b, "nosuch"));
            CHECK (I64 (guestfs_hivex_node_parent (g, a)) == root);
          }
        }
      }
      I64 (guestfs_hivex_node_parent (g, root));
      PS (guestfs_hivex_node_name (g, 1));
      I (guestfs_hivex_close (g));
      I (guestfs_hivex_close (g));
    }
  }

  if (t_case ("modify_minimal")) {
    init_basic_fs (g);
    if (upload_hive (g, "minimal-hive", "/hive") == 0) {
      I (guestfs_hivex_open (g, "/hive", GUESTFS_HIVEX_OPEN_WRITE, 1, -1));
      root = I64 (guestfs_hivex_root (g));
      print_children (g, root);
      a = I64 (guestfs_hivex_node_add_child (g, root, "NewKey"));
      b = I64 (guestfs_hivex_node_add_child (g, a, "Sub"));
      /* REG_SZ "abc" in UTF-16LE with its terminator, and a REG_DWORD. */
      I (guestfs_hivex_node_set_value (g, a, "text", 1, "a\0b\0c\0\0\0", 8));
      I (guestfs_hivex_node_set_value (g, a, "num", 4, "\x2a\0\0\0", 4));
      print_values (g, a);
      print_children (g, root);
      I (guestfs_hivex_commit (g, NULL));
      I (guestfs_hivex_commit (g, "/hive2"));
      I (guestfs_hivex_commit (g, "hive3"));
      I (guestfs_hivex_node_delete_child (g, b));
      print_children (g, a);
      I (guestfs_hivex_close (g));
      /* The committed copy has the new key; the read-only open refuses changes. */
      I (guestfs_hivex_open (g, "/hive2", -1));
      root = I64 (guestfs_hivex_root (g));
      a = I64 (guestfs_hivex_node_get_child (g, root, "NewKey"));
      print_values (g, a);
      print_children (g, a);
      I64 (guestfs_hivex_node_add_child (g, root, "Refused"));
      I (guestfs_hivex_close (g));
    }
  }

  if (t_case ("open_errors")) {
    init_basic_fs (g);
    I (guestfs_hivex_open (g, "/nosuch", -1));
    I (guestfs_write (g, "/notahive", "hello", 5));
    I (guestfs_hivex_open (g, "/notahive", -1));
    I64 (guestfs_hivex_root (g));
  }

  return t_finish (g);
}
