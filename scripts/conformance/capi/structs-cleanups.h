/* Our stand-in for libguestfs's common/structs/structs-cleanups.h, which the generated
 * tests.c includes: a CLEANUP_FREE_<STRUCT> and CLEANUP_FREE_<STRUCT>_LIST attribute
 * for every public struct, each calling the library's own guestfs_free_<struct>[_list].
 * Written for this project from the public API (guestfs.h), not copied. */
#ifndef CONFORMANCE_STRUCTS_CLEANUPS_H
#define CONFORMANCE_STRUCTS_CLEANUPS_H
#include "guestfs.h"

/* Defines the two cleanup functions for one struct; the pointer may be NULL (the test
 * failed before the call returned anything). */
#define CONFORMANCE_STRUCT_CLEANUPS(name)                                        \
  static inline void                                                             \
  conformance_cleanup_free_##name (void *ptr)                                    \
  {                                                                              \
    struct guestfs_##name *p = *(struct guestfs_##name **) ptr;                  \
    if (p) guestfs_free_##name (p);                                              \
  }                                                                              \
  static inline void                                                             \
  conformance_cleanup_free_##name##_list (void *ptr)                             \
  {                                                                              \
    struct guestfs_##name##_list *p = *(struct guestfs_##name##_list **) ptr;    \
    if (p) guestfs_free_##name##_list (p);                                       \
  }

CONFORMANCE_STRUCT_CLEANUPS (application)
#define CLEANUP_FREE_APPLICATION __attribute__((cleanup (conformance_cleanup_free_application)))
#define CLEANUP_FREE_APPLICATION_LIST __attribute__((cleanup (conformance_cleanup_free_application_list)))
CONFORMANCE_STRUCT_CLEANUPS (application2)
#define CLEANUP_FREE_APPLICATION2 __attribute__((cleanup (conformance_cleanup_free_application2)))
#define CLEANUP_FREE_APPLICATION2_LIST __attribute__((cleanup (conformance_cleanup_free_application2_list)))
CONFORMANCE_STRUCT_CLEANUPS (btrfsbalance)
#define CLEANUP_FREE_BTRFSBALANCE __attribute__((cleanup (conformance_cleanup_free_btrfsbalance)))
#define CLEANUP_FREE_BTRFSBALANCE_LIST __attribute__((cleanup (conformance_cleanup_free_btrfsbalance_list)))
CONFORMANCE_STRUCT_CLEANUPS (btrfsqgroup)
#define CLEANUP_FREE_BTRFSQGROUP __attribute__((cleanup (conformance_cleanup_free_btrfsqgroup)))
#define CLEANUP_FREE_BTRFSQGROUP_LIST __attribute__((cleanup (conformance_cleanup_free_btrfsqgroup_list)))
CONFORMANCE_STRUCT_CLEANUPS (btrfsscrub)
#define CLEANUP_FREE_BTRFSSCRUB __attribute__((cleanup (conformance_cleanup_free_btrfsscrub)))
#define CLEANUP_FREE_BTRFSSCRUB_LIST __attribute__((cleanup (conformance_cleanup_free_btrfsscrub_list)))
CONFORMANCE_STRUCT_CLEANUPS (btrfssubvolume)
#define CLEANUP_FREE_BTRFSSUBVOLUME __attribute__((cleanup (conformance_cleanup_free_btrfssubvolume)))
#define CLEANUP_FREE_BTRFSSUBVOLUME_LIST __attribute__((cleanup (conformance_cleanup_free_btrfssubvolume_list)))
CONFORMANCE_STRUCT_CLEANUPS (dirent)
#define CLEANUP_FREE_DIRENT __attribute__((cleanup (conformance_cleanup_free_dirent)))
#define CLEANUP_FREE_DIRENT_LIST __attribute__((cleanup (conformance_cleanup_free_dirent_list)))
CONFORMANCE_STRUCT_CLEANUPS (hivex_node)
#define CLEANUP_FREE_HIVEX_NODE __attribute__((cleanup (conformance_cleanup_free_hivex_node)))
#define CLEANUP_FREE_HIVEX_NODE_LIST __attribute__((cleanup (conformance_cleanup_free_hivex_node_list)))
CONFORMANCE_STRUCT_CLEANUPS (hivex_value)
#define CLEANUP_FREE_HIVEX_VALUE __attribute__((cleanup (conformance_cleanup_free_hivex_value)))
#define CLEANUP_FREE_HIVEX_VALUE_LIST __attribute__((cleanup (conformance_cleanup_free_hivex_value_list)))
CONFORMANCE_STRUCT_CLEANUPS (inotify_event)
#define CLEANUP_FREE_INOTIFY_EVENT __attribute__((cleanup (conformance_cleanup_free_inotify_event)))
#define CLEANUP_FREE_INOTIFY_EVENT_LIST __attribute__((cleanup (conformance_cleanup_free_inotify_event_list)))
CONFORMANCE_STRUCT_CLEANUPS (int_bool)
#define CLEANUP_FREE_INT_BOOL __attribute__((cleanup (conformance_cleanup_free_int_bool)))
#define CLEANUP_FREE_INT_BOOL_LIST __attribute__((cleanup (conformance_cleanup_free_int_bool_list)))
CONFORMANCE_STRUCT_CLEANUPS (isoinfo)
#define CLEANUP_FREE_ISOINFO __attribute__((cleanup (conformance_cleanup_free_isoinfo)))
#define CLEANUP_FREE_ISOINFO_LIST __attribute__((cleanup (conformance_cleanup_free_isoinfo_list)))
CONFORMANCE_STRUCT_CLEANUPS (lvm_lv)
#define CLEANUP_FREE_LVM_LV __attribute__((cleanup (conformance_cleanup_free_lvm_lv)))
#define CLEANUP_FREE_LVM_LV_LIST __attribute__((cleanup (conformance_cleanup_free_lvm_lv_list)))
CONFORMANCE_STRUCT_CLEANUPS (lvm_pv)
#define CLEANUP_FREE_LVM_PV __attribute__((cleanup (conformance_cleanup_free_lvm_pv)))
#define CLEANUP_FREE_LVM_PV_LIST __attribute__((cleanup (conformance_cleanup_free_lvm_pv_list)))
CONFORMANCE_STRUCT_CLEANUPS (lvm_vg)
#define CLEANUP_FREE_LVM_VG __attribute__((cleanup (conformance_cleanup_free_lvm_vg)))
#define CLEANUP_FREE_LVM_VG_LIST __attribute__((cleanup (conformance_cleanup_free_lvm_vg_list)))
CONFORMANCE_STRUCT_CLEANUPS (mdstat)
#define CLEANUP_FREE_MDSTAT __attribute__((cleanup (conformance_cleanup_free_mdstat)))
#define CLEANUP_FREE_MDSTAT_LIST __attribute__((cleanup (conformance_cleanup_free_mdstat_list)))
CONFORMANCE_STRUCT_CLEANUPS (partition)
#define CLEANUP_FREE_PARTITION __attribute__((cleanup (conformance_cleanup_free_partition)))
#define CLEANUP_FREE_PARTITION_LIST __attribute__((cleanup (conformance_cleanup_free_partition_list)))
CONFORMANCE_STRUCT_CLEANUPS (stat)
#define CLEANUP_FREE_STAT __attribute__((cleanup (conformance_cleanup_free_stat)))
#define CLEANUP_FREE_STAT_LIST __attribute__((cleanup (conformance_cleanup_free_stat_list)))
CONFORMANCE_STRUCT_CLEANUPS (statns)
#define CLEANUP_FREE_STATNS __attribute__((cleanup (conformance_cleanup_free_statns)))
#define CLEANUP_FREE_STATNS_LIST __attribute__((cleanup (conformance_cleanup_free_statns_list)))
CONFORMANCE_STRUCT_CLEANUPS (statvfs)
#define CLEANUP_FREE_STATVFS __attribute__((cleanup (conformance_cleanup_free_statvfs)))
#define CLEANUP_FREE_STATVFS_LIST __attribute__((cleanup (conformance_cleanup_free_statvfs_list)))
CONFORMANCE_STRUCT_CLEANUPS (tsk_dirent)
#define CLEANUP_FREE_TSK_DIRENT __attribute__((cleanup (conformance_cleanup_free_tsk_dirent)))
#define CLEANUP_FREE_TSK_DIRENT_LIST __attribute__((cleanup (conformance_cleanup_free_tsk_dirent_list)))
CONFORMANCE_STRUCT_CLEANUPS (utsname)
#define CLEANUP_FREE_UTSNAME __attribute__((cleanup (conformance_cleanup_free_utsname)))
#define CLEANUP_FREE_UTSNAME_LIST __attribute__((cleanup (conformance_cleanup_free_utsname_list)))
CONFORMANCE_STRUCT_CLEANUPS (version)
#define CLEANUP_FREE_VERSION __attribute__((cleanup (conformance_cleanup_free_version)))
#define CLEANUP_FREE_VERSION_LIST __attribute__((cleanup (conformance_cleanup_free_version_list)))
CONFORMANCE_STRUCT_CLEANUPS (xattr)
#define CLEANUP_FREE_XATTR __attribute__((cleanup (conformance_cleanup_free_xattr)))
#define CLEANUP_FREE_XATTR_LIST __attribute__((cleanup (conformance_cleanup_free_xattr_list)))
CONFORMANCE_STRUCT_CLEANUPS (xfsinfo)
#define CLEANUP_FREE_XFSINFO __attribute__((cleanup (conformance_cleanup_free_xfsinfo)))
#define CLEANUP_FREE_XFSINFO_LIST __attribute__((cleanup (conformance_cleanup_free_xfsinfo_list)))
CONFORMANCE_STRUCT_CLEANUPS (yara_detection)
#define CLEANUP_FREE_YARA_DETECTION __attribute__((cleanup (conformance_cleanup_free_yara_detection)))
#define CLEANUP_FREE_YARA_DETECTION_LIST __attribute__((cleanup (conformance_cleanup_free_yara_detection_list)))

#endif
