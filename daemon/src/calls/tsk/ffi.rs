//! libtsk (The Sleuth Kit) through its C API: opening a filesystem image and walking
//! every name in it. Every `unsafe` of the tsk_* calls lives here. The walk goes through
//! `shim.c`, which copies the fields of libtsk's structures into one flat `#[repr(C)]`
//! record (their layout is read by the C compiler from libtsk's header, not mirrored
//! here); the Rust callback gets that record with its strings borrowed for the call.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;

#[repr(C)]
struct RawImg {
    _private: [u8; 0],
}

#[repr(C)]
struct RawFs {
    _private: [u8; 0],
}

/// `struct grs_tsk_entry` of shim.c, field for field.
#[repr(C)]
struct RawEntry {
    meta_addr: u64,
    root_inum: u64,
    path: *const c_char,
    name: *const c_char,
    name_type: i32,
    name_flags: i32,
    has_meta: i32,
    meta_flags: i32,
    size: i64,
    nlink: i64,
    atime: i64,
    atime_nano: i64,
    mtime: i64,
    mtime_nano: i64,
    ctime: i64,
    ctime_nano: i64,
    crtime: i64,
    crtime_nano: i64,
    link: *const c_char,
}

type EntryFn = extern "C" fn(*const RawEntry, *mut c_void) -> c_int;

// libtsk itself is linked by build.rs, after the shim archive that also uses it.
extern "C" {
    fn tsk_img_open(n: c_int, images: *const *const c_char, ty: c_int, sector_size: u32) -> *mut RawImg;
    fn tsk_img_close(img: *mut RawImg);
    fn tsk_fs_open_img(img: *mut RawImg, offset: i64, ty: c_int) -> *mut RawFs;
    fn tsk_fs_close(fs: *mut RawFs);
    fn tsk_error_get_errno() -> u32;
    fn tsk_error_get() -> *const c_char;
    fn tsk_error_reset();
    fn grs_tsk_walk(fs: *mut RawFs, f: EntryFn, data: *mut c_void) -> c_int;
}

/// TSK_IMG_TYPE_DETECT and TSK_FS_TYPE_DETECT.
const DETECT: c_int = 0;

/// What the walk callback tells libtsk.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Walk {
    Continue,
    /// Stop without an error (the walk returns success).
    Stop,
    /// Stop with an error (the walk returns failure).
    Error,
}

/// Metadata of an entry, when the name points at a metadata structure libtsk could load.
#[derive(Clone, Copy, Debug, Default)]
pub struct Meta<'a> {
    pub flags: u32,
    pub size: i64,
    pub nlink: i64,
    pub atime: (i64, i64),
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
    pub crtime: (i64, i64),
    pub link: Option<&'a [u8]>,
}

/// One name met by the walk (TSK_FS_FILE's name and meta), borrowed for the callback.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub meta_addr: u64,
    /// The filesystem's root directory inode (TSK_FS_INFO's root_inum).
    pub root_inum: u64,
    /// Parent directory as libtsk spells it: empty at the root, otherwise "a/b/".
    pub path: &'a [u8],
    pub name: &'a [u8],
    /// TSK_FS_NAME_TYPE_ENUM.
    pub name_type: u32,
    /// TSK_FS_NAME_FLAG_ENUM.
    pub name_flags: u32,
    pub meta: Option<Meta<'a>>,
}

/// The last libtsk error of this thread, as "text" (or None when libtsk set none).
pub fn last_error() -> Option<String> {
    // SAFETY: both read libtsk's thread-local error state; the string is copied at once.
    unsafe {
        if tsk_error_get_errno() == 0 {
            return None;
        }
        let p = tsk_error_get();
        if p.is_null() {
            return None;
        }
        Some(CStr::from_ptr(p).to_string_lossy().trim_end().to_string())
    }
}

fn reset_error() {
    // SAFETY: resets libtsk's thread-local error state.
    unsafe { tsk_error_reset() };
}

/// An opened disk image (tsk_img_open); closed when dropped.
pub struct Image {
    img: NonNull<RawImg>,
}

impl Drop for Image {
    fn drop(&mut self) {
        // SAFETY: img came from tsk_img_open and is closed only here, after every
        // Filesystem borrowing it was dropped (the borrow checker sees to that).
        unsafe { tsk_img_close(self.img.as_ptr()) };
    }
}

impl Image {
    /// Opens one raw image (a device); on failure the libtsk error text is returned.
    pub fn open(path: &CStr) -> Result<Image, Option<String>> {
        reset_error();
        let images = [path.as_ptr()];
        // SAFETY: images is an array of one valid C string, alive during the call.
        let img = unsafe { tsk_img_open(1, images.as_ptr(), DETECT, 0) };
        NonNull::new(img).map(|img| Image { img }).ok_or_else(last_error)
    }

    /// Detects and opens the filesystem at offset 0.
    pub fn open_fs(&self) -> Result<Filesystem<'_>, Option<String>> {
        reset_error();
        // SAFETY: self.img is a live image; the filesystem borrows it (lifetime 'a).
        let fs = unsafe { tsk_fs_open_img(self.img.as_ptr(), 0, DETECT) };
        NonNull::new(fs).map(|fs| Filesystem { fs, _img: self }).ok_or_else(last_error)
    }
}

/// An opened filesystem (tsk_fs_open_img); closed when dropped, before its image.
pub struct Filesystem<'a> {
    fs: NonNull<RawFs>,
    _img: &'a Image,
}

impl Drop for Filesystem<'_> {
    fn drop(&mut self) {
        // SAFETY: fs came from tsk_fs_open_img and is closed only here.
        unsafe { tsk_fs_close(self.fs.as_ptr()) };
    }
}

struct Callback<'f> {
    f: &'f mut dyn FnMut(&Entry) -> Walk,
    panicked: bool,
}

extern "C" fn trampoline(raw: *const RawEntry, data: *mut c_void) -> c_int {
    // SAFETY: data is the &mut Callback that Filesystem::walk passed to grs_tsk_walk; it
    // outlives the walk and nothing else touches it during the call.
    let cb = unsafe { &mut *data.cast::<Callback>() };
    // SAFETY: raw points at the shim's record, valid for this call; its strings are
    // NUL-terminated strings owned by libtsk (or NULL for link), valid for this call too.
    let e = unsafe {
        let r = &*raw;
        let s = |p: *const c_char| {
            if p.is_null() {
                &b""[..]
            } else {
                CStr::from_ptr(p).to_bytes()
            }
        };
        Entry {
            meta_addr: r.meta_addr,
            root_inum: r.root_inum,
            path: s(r.path),
            name: s(r.name),
            name_type: r.name_type as u32,
            name_flags: r.name_flags as u32,
            meta: (r.has_meta != 0).then(|| Meta {
                flags: r.meta_flags as u32,
                size: r.size,
                nlink: r.nlink,
                atime: (r.atime, r.atime_nano),
                mtime: (r.mtime, r.mtime_nano),
                ctime: (r.ctime, r.ctime_nano),
                crtime: (r.crtime, r.crtime_nano),
                link: (!r.link.is_null()).then(|| CStr::from_ptr(r.link).to_bytes()),
            }),
        }
    };
    // A panic must not unwind into libtsk's C++ frames: stop the walk and report it.
    match catch_unwind(AssertUnwindSafe(|| (cb.f)(&e))) {
        Ok(Walk::Continue) => 0,
        Ok(Walk::Stop) => 1,
        Ok(Walk::Error) => 2,
        Err(_) => {
            cb.panicked = true;
            2
        }
    }
}

impl Filesystem<'_> {
    /// Walks every name from the root directory down, allocated and deleted, without
    /// TSK's virtual orphan directory, calling `f` for each. Err carries libtsk's error
    /// text when the walk failed (including when `f` returned `Walk::Error`).
    pub fn walk(&self, f: &mut dyn FnMut(&Entry) -> Walk) -> Result<(), Option<String>> {
        reset_error();
        let mut cb = Callback { f, panicked: false };
        // SAFETY: fs is live; trampoline and &mut cb stay valid for the whole call.
        let r = unsafe { grs_tsk_walk(self.fs.as_ptr(), trampoline, (&mut cb as *mut Callback).cast()) };
        if cb.panicked {
            return Err(Some("internal error in the walk callback".into()));
        }
        if r == 0 {
            Ok(())
        } else {
            Err(last_error())
        }
    }
}
