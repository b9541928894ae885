/* Field access for the Sleuth Kit walk (daemon/src/calls/tsk/ffi.rs).
 *
 * libtsk hands its callbacks pointers to large structures (TSK_FS_FILE, TSK_FS_NAME,
 * TSK_FS_META, TSK_FS_INFO) whose layout only its C header knows for sure.  Rather than
 * mirror those layouts by hand in Rust, this file lets the C compiler read them and copies
 * the fields the daemon reports into one flat record.  It makes no decisions: which
 * entries are reported and how they are encoded is decided in Rust. */

#include <stdint.h>
#include <string.h>
#include <tsk/libtsk.h>

/* Keep in step with `Entry` in ffi.rs. */
struct grs_tsk_entry {
  uint64_t meta_addr;
  uint64_t root_inum;
  const char *path;   /* parent directory as libtsk gives it: "" or "dir/sub/" */
  const char *name;
  int32_t name_type;
  int32_t name_flags;
  int32_t has_meta;
  int32_t meta_flags;
  int64_t size;
  int64_t nlink;
  int64_t atime, atime_nano;
  int64_t mtime, mtime_nano;
  int64_t ctime, ctime_nano;
  int64_t crtime, crtime_nano;
  const char *link;   /* symlink target, or NULL */
};

/* Returns TSK_WALK_CONT (0), TSK_WALK_STOP (1) or TSK_WALK_ERROR (2). */
typedef int (*grs_tsk_entry_fn) (const struct grs_tsk_entry *, void *);

struct walk_ctx {
  grs_tsk_entry_fn fn;
  void *data;
};

static TSK_WALK_RET_ENUM
on_entry (TSK_FS_FILE *file, const char *path, void *p)
{
  const struct walk_ctx *ctx = p;
  struct grs_tsk_entry e;

  if (file == NULL || file->name == NULL)
    return TSK_WALK_CONT;

  memset (&e, 0, sizeof e);
  e.meta_addr = file->name->meta_addr;
  e.root_inum = file->fs_info->root_inum;
  e.path = path != NULL ? path : "";
  e.name = file->name->name != NULL ? file->name->name : "";
  e.name_type = (int32_t) file->name->type;
  e.name_flags = (int32_t) file->name->flags;
  if (file->meta != NULL) {
    const TSK_FS_META *m = file->meta;
    e.has_meta = 1;
    e.meta_flags = (int32_t) m->flags;
    e.size = m->size;
    e.nlink = m->nlink;
    e.atime = m->atime;
    e.atime_nano = m->atime_nano;
    e.mtime = m->mtime;
    e.mtime_nano = m->mtime_nano;
    e.ctime = m->ctime;
    e.ctime_nano = m->ctime_nano;
    e.crtime = m->crtime;
    e.crtime_nano = m->crtime_nano;
    e.link = m->link;
  }

  switch (ctx->fn (&e, ctx->data)) {
  case 0: return TSK_WALK_CONT;
  case 1: return TSK_WALK_STOP;
  default: return TSK_WALK_ERROR;
  }
}

/* tsk_fs_dir_walk, whose address the daemon looks up at run time (libtsk is loaded
 * with dlopen, so this file never links against it). */
typedef uint8_t (*grs_tsk_dir_walk_fn) (TSK_FS_INFO *, TSK_INUM_T, TSK_FS_DIR_WALK_FLAG_ENUM,
                                        TSK_FS_DIR_WALK_CB, void *);

/* Walks every name of the filesystem from its root directory, allocated and deleted
 * alike, recursing into subdirectories and leaving out TSK's virtual $OrphanFiles
 * directory.  Returns tsk_fs_dir_walk's result: 0 on success, 1 on error. */
int
grs_tsk_walk (grs_tsk_dir_walk_fn dir_walk, TSK_FS_INFO *fs, grs_tsk_entry_fn fn, void *data)
{
  struct walk_ctx ctx = { fn, data };
  const TSK_FS_DIR_WALK_FLAG_ENUM flags =
    TSK_FS_DIR_WALK_FLAG_ALLOC | TSK_FS_DIR_WALK_FLAG_UNALLOC |
    TSK_FS_DIR_WALK_FLAG_RECURSE | TSK_FS_DIR_WALK_FLAG_NOORPHAN;

  return dir_walk (fs, fs->root_inum, flags, on_entry, &ctx);
}
