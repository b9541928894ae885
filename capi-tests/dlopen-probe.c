/* Opens the library under test by path with dlopen (no link-time dependency) and
 * resolves a list of symbols that programs and language bindings look up at run
 * time: plain actions, the _va/_argv/_opts variants, the handle-level entry points and
 * the struct free/copy/compare helpers.  Then it drives a handle through the resolved
 * pointers to show they are the real functions. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct guestfs_h guestfs_h;

static const char *const symbols[] = {
  /* handle level */
  "guestfs_create", "guestfs_create_flags", "guestfs_close", "guestfs_last_error",
  "guestfs_last_errno", "guestfs_set_error_handler", "guestfs_get_error_handler",
  "guestfs_push_error_handler", "guestfs_pop_error_handler",
  "guestfs_set_out_of_memory_handler", "guestfs_get_out_of_memory_handler",
  "guestfs_set_event_callback", "guestfs_delete_event_callback", "guestfs_event_to_string",
  "guestfs_set_log_message_callback", "guestfs_set_subprocess_quit_callback",
  "guestfs_set_launch_done_callback", "guestfs_set_close_callback",
  "guestfs_set_progress_callback", "guestfs_set_private", "guestfs_get_private",
  "guestfs_first_private", "guestfs_next_private", "guestfs_user_cancel",
  /* plain actions, library side and daemon side */
  "guestfs_launch", "guestfs_shutdown", "guestfs_get_program", "guestfs_set_memsize",
  "guestfs_get_backend_setting", "guestfs_mount", "guestfs_ls", "guestfs_cat",
  "guestfs_inspect_os", "guestfs_inspect_list_applications2", "guestfs_version",
  "guestfs_internal_test",
  /* argv / va / opts variants */
  "guestfs_add_drive", "guestfs_add_drive_opts", "guestfs_add_drive_opts_va",
  "guestfs_add_drive_opts_argv", "guestfs_mkfs", "guestfs_mkfs_opts",
  "guestfs_mkfs_opts_va", "guestfs_mkfs_opts_argv", "guestfs_disk_create_va",
  "guestfs_disk_create_argv", "guestfs_add_drive_scratch_va", "guestfs_umount_opts_argv",
  "guestfs_is_file_opts_va", "guestfs_tar_in_opts_argv", "guestfs_mount_local_argv",
  /* struct helpers */
  "guestfs_free_version", "guestfs_free_stat", "guestfs_free_stat_list",
  "guestfs_free_statns_list", "guestfs_free_dirent_list", "guestfs_free_partition_list",
  "guestfs_free_application2_list", "guestfs_free_int_bool", "guestfs_free_lvm_pv_list",
  "guestfs_copy_version", "guestfs_copy_stat_list", "guestfs_copy_dirent",
  "guestfs_compare_version", "guestfs_compare_statns", "guestfs_compare_dirent_list",
  NULL
};

int
main (int argc, char *argv[])
{
  void *lib;
  int missing = 0;
  guestfs_h *(*create_flags) (unsigned, ...);
  const char *(*get_program) (guestfs_h *);
  int (*set_memsize) (guestfs_h *, int);
  int (*get_memsize) (guestfs_h *);
  void (*close_handle) (guestfs_h *);
  char *(*event_to_string) (unsigned long long);
  guestfs_h *g;
  char *s;

  if (argc != 2) {
    fprintf (stderr, "usage: %s /path/to/libguestfs.so.0\n", argv[0]);
    return 2;
  }
  lib = dlopen (argv[1], RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    printf ("  dlopen %s: %s\n", argv[1], dlerror ());
    return 1;
  }
  /* dlopen by path must give us that very file, not a namesake found elsewhere. */
  {
    Dl_info info;
    char want[PATH_MAX], got[PATH_MAX];
    void *sym = dlsym (lib, "guestfs_create");
    if (sym == NULL || dladdr (sym, &info) == 0 ||
        realpath (argv[1], want) == NULL || realpath (info.dli_fname, got) == NULL ||
        strcmp (want, got) != 0) {
      printf ("  guestfs_create does not come from %s\n", argv[1]);
      return 1;
    }
  }
  for (size_t i = 0; symbols[i]; i++) {
    dlerror ();
    if (dlsym (lib, symbols[i]) == NULL) {
      printf ("  missing symbol %s (%s)\n", symbols[i], dlerror ());
      missing++;
    }
  }
  /* Symbols the version script must keep local. */
  if (dlsym (lib, "guestfs_int_error_errno") != NULL || dlsym (lib, "guestfs_impl_launch") != NULL)
    printf ("  note: internal symbols are exported\n");

  *(void **) &create_flags = dlsym (lib, "guestfs_create_flags");
  *(void **) &get_program = dlsym (lib, "guestfs_get_program");
  *(void **) &set_memsize = dlsym (lib, "guestfs_set_memsize");
  *(void **) &get_memsize = dlsym (lib, "guestfs_get_memsize");
  *(void **) &close_handle = dlsym (lib, "guestfs_close");
  *(void **) &event_to_string = dlsym (lib, "guestfs_event_to_string");
  if (!create_flags || !get_program || !set_memsize || !get_memsize || !close_handle || !event_to_string)
    return 1;
  g = create_flags (1);
  if (g == NULL) {
    printf ("  guestfs_create_flags returned NULL\n");
    return 1;
  }
  if (get_program (g) == NULL || set_memsize (g, 700) != 0 || get_memsize (g) != 700) {
    printf ("  handle calls through dlsym'd pointers misbehaved\n");
    missing++;
  }
  close_handle (g);
  s = event_to_string (0x9);
  if (s == NULL || strcmp (s, "close,progress") != 0) {
    printf ("  event_to_string(0x9) = %s\n", s ? s : "NULL");
    missing++;
  }
  free (s);
  if (dlclose (lib) != 0) {
    printf ("  dlclose: %s\n", dlerror ());
    missing++;
  }
  return missing ? 1 : 0;
}
