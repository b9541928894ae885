/* Compile-time probes that programs rely on: feature macros, event bits, create flags
 * and optarg indexes/bitmasks with their 1.48 values.  Each missing or wrong macro is
 * a compile error naming it, so the failure output says exactly what is absent. */
#include <stdint.h>
#include <guestfs.h>

#define EQUALS(m, v) _Static_assert ((m) == (v), #m " has the wrong value")

/* Feature probes, new and deprecated spellings. */
#if !defined(GUESTFS_HAVE_CREATE_FLAGS) || !defined(LIBGUESTFS_HAVE_CREATE_FLAGS)
#error "GUESTFS_HAVE_CREATE_FLAGS / LIBGUESTFS_HAVE_CREATE_FLAGS"
#endif
#if !defined(GUESTFS_HAVE_SET_EVENT_CALLBACK) || !defined(LIBGUESTFS_HAVE_SET_EVENT_CALLBACK)
#error "GUESTFS_HAVE_SET_EVENT_CALLBACK"
#endif
#if !defined(GUESTFS_HAVE_DELETE_EVENT_CALLBACK) || !defined(GUESTFS_HAVE_EVENT_TO_STRING)
#error "GUESTFS_HAVE_DELETE_EVENT_CALLBACK / GUESTFS_HAVE_EVENT_TO_STRING"
#endif
#if !defined(GUESTFS_HAVE_SET_PRIVATE) || !defined(GUESTFS_HAVE_FIRST_PRIVATE) || !defined(GUESTFS_HAVE_NEXT_PRIVATE)
#error "private data probes"
#endif
#if !defined(GUESTFS_HAVE_LAST_ERRNO) || !defined(GUESTFS_HAVE_PUSH_ERROR_HANDLER) || !defined(GUESTFS_HAVE_USER_CANCEL)
#error "GUESTFS_HAVE_LAST_ERRNO / PUSH_ERROR_HANDLER / USER_CANCEL"
#endif
#if !defined(GUESTFS_HAVE_ADD_DRIVE_OPTS) || !defined(LIBGUESTFS_HAVE_ADD_DRIVE)
#error "GUESTFS_HAVE_ADD_DRIVE_OPTS / LIBGUESTFS_HAVE_ADD_DRIVE"
#endif
#if !defined(GUESTFS_HAVE_MOUNT) || !defined(LIBGUESTFS_HAVE_MOUNT) || !defined(GUESTFS_HAVE_LAUNCH)
#error "GUESTFS_HAVE_MOUNT / LAUNCH"
#endif
#if !defined(GUESTFS_HAVE_MKFS_OPTS) || !defined(GUESTFS_HAVE_IS_FILE_OPTS) || !defined(GUESTFS_HAVE_UMOUNT_OPTS)
#error "_OPTS probes for functions that once had no optargs"
#endif
#if !defined(GUESTFS_HAVE_INSPECT_OS) || !defined(GUESTFS_HAVE_INSPECT_LIST_APPLICATIONS2)
#error "inspection probes"
#endif
#if !defined(GUESTFS_HAVE_DISK_CREATE) || !defined(GUESTFS_HAVE_ADD_DRIVE_SCRATCH) || !defined(GUESTFS_HAVE_PARSE_ENVIRONMENT_LIST)
#error "library-side action probes"
#endif
#if !defined(GUESTFS_HAVE_STRUCT_STAT) || !defined(GUESTFS_HAVE_STRUCT_STATNS) || !defined(GUESTFS_HAVE_STRUCT_VERSION)
#error "GUESTFS_HAVE_STRUCT_* probes"
#endif
#if !defined(GUESTFS_HAVE_STRUCT_APPLICATION2) || !defined(GUESTFS_HAVE_STRUCT_PARTITION)
#error "GUESTFS_HAVE_STRUCT_* probes"
#endif
#if defined(GUESTFS_HAVE_INTERNAL_TEST) && !GUESTFS_PRIVATE
#error "internal_test must only be visible with GUESTFS_PRIVATE"
#endif

/* Event bits. */
EQUALS (GUESTFS_EVENT_CLOSE, 0x0001);
EQUALS (GUESTFS_EVENT_SUBPROCESS_QUIT, 0x0002);
EQUALS (GUESTFS_EVENT_LAUNCH_DONE, 0x0004);
EQUALS (GUESTFS_EVENT_PROGRESS, 0x0008);
EQUALS (GUESTFS_EVENT_APPLIANCE, 0x0010);
EQUALS (GUESTFS_EVENT_LIBRARY, 0x0020);
EQUALS (GUESTFS_EVENT_TRACE, 0x0040);
EQUALS (GUESTFS_EVENT_ENTER, 0x0080);
EQUALS (GUESTFS_EVENT_LIBVIRT_AUTH, 0x0100);
EQUALS (GUESTFS_EVENT_WARNING, 0x0200);
EQUALS (GUESTFS_EVENT_ALL, 0x03ff);

/* Create flags. */
EQUALS (GUESTFS_CREATE_NO_ENVIRONMENT, 1);
EQUALS (GUESTFS_CREATE_NO_CLOSE_ON_EXIT, 2);

/* Optarg indexes and bitmasks. */
EQUALS (GUESTFS_ADD_DRIVE_OPTS_READONLY, 0);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_FORMAT, 1);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_IFACE, 2);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_NAME, 3);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_LABEL, 4);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, 5);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_SERVER, 6);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_USERNAME, 7);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_SECRET, 8);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, 9);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_DISCARD, 10);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_COPYONREAD, 11);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 12);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_READONLY_BITMASK, UINT64_C(1) << 0);
EQUALS (GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE_BITMASK, UINT64_C(1) << 12);
EQUALS (GUESTFS_MKFS_OPTS_BLOCKSIZE, 0);
EQUALS (GUESTFS_MKFS_OPTS_FEATURES, 1);
EQUALS (GUESTFS_MKFS_OPTS_INODE, 2);
EQUALS (GUESTFS_MKFS_OPTS_SECTORSIZE, 3);
EQUALS (GUESTFS_MKFS_OPTS_LABEL, 4);
EQUALS (GUESTFS_ADD_DRIVE_SCRATCH_NAME, 0);
EQUALS (GUESTFS_ADD_DRIVE_SCRATCH_LABEL, 1);
EQUALS (GUESTFS_ADD_DRIVE_SCRATCH_BLOCKSIZE, 2);
EQUALS (GUESTFS_DISK_CREATE_BACKINGFILE, 0);
EQUALS (GUESTFS_DISK_CREATE_BACKINGFORMAT, 1);
EQUALS (GUESTFS_DISK_CREATE_PREALLOCATION, 2);
EQUALS (GUESTFS_DISK_CREATE_COMPAT, 3);
EQUALS (GUESTFS_DISK_CREATE_CLUSTERSIZE, 4);
EQUALS (GUESTFS_IS_FILE_OPTS_FOLLOWSYMLINKS, 0);

/* The optargs structs have the 1.48 members. */
static const struct guestfs_add_drive_opts_argv add_drive_argv = {
  .bitmask = 0, .readonly = 0, .format = 0, .iface = 0, .name = 0, .label = 0,
  .protocol = 0, .server = 0, .username = 0, .secret = 0, .cachemode = 0,
  .discard = 0, .copyonread = 0, .blocksize = 0,
};

/* Callback and handler types. */
static guestfs_event_callback event_cb;
static guestfs_error_handler_cb error_cb;
static guestfs_abort_cb abort_cb;
static guestfs_close_cb close_cb;
static guestfs_progress_cb progress_cb;
static guestfs_log_message_cb log_cb;

int
main (void)
{
  (void) add_drive_argv;
  (void) event_cb; (void) error_cb; (void) abort_cb; (void) close_cb;
  (void) progress_cb; (void) log_cb;
  return 0;
}
