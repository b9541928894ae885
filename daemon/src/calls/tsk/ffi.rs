//! libtsk (The Sleuth Kit) through its C API: opening a filesystem image and walking
//! every name in it. Every `unsafe` of the tsk_* calls lives here. libtsk is loaded at
//! first use (`dynlib`), not linked. The walk goes through `shim.c`, which copies the
//! fields of libtsk's structures into one flat `#[repr(C)]` record (their layout is read
//! by the C compiler from libtsk's header, not mirrored here); the Rust callback gets that
//! record with its strings borrowed for the call.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::sync::OnceLock;

use crate::calls::dynlib::Library;

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

/// `tsk_fs_dir_walk`, called by the shim.
type DirWalkFn = unsafe extern "C" fn(*mut RawFs, u64, c_int, *const c_void, *mut c_void) -> u8;

extern "C" {
    /// shim.c (compiled into the daemon by build.rs).
    fn grs_tsk_walk(dir_walk: DirWalkFn, fs: *mut RawFs, f: EntryFn, data: *mut c_void) -> c_int;
}

/// The libtsk functions the daemon calls (declarations from tsk/libtsk.h).
struct Tsk {
    img_open: unsafe extern "C" fn(c_int, *const *const c_char, c_int, u32) -> *mut RawImg,
    img_close: unsafe extern "C" fn(*mut RawImg),
    fs_open_img: unsafe extern "C" fn(*mut RawImg, i64, c_int) -> *mut RawFs,
    fs_close: unsafe extern "C" fn(*mut RawFs),
    fs_dir_walk: DirWalkFn,
    error_get_errno: unsafe extern "C" fn() -> u32,
    error_get: unsafe extern "C" fn() -> *const c_char,
    error_reset: unsafe extern "C" fn(),
}

/// The soname of Debian 12's libtsk (libtsk19).
const SONAME: &CStr = c"libtsk.so.19";

fn load() -> Result<Tsk, String> {
    let lib = Library::open(SONAME)?;
    // SAFETY: each type below is the C declaration of that function in tsk/libtsk.h.
    let tsk = unsafe {
        Tsk {
            img_open: lib.function(c"tsk_img_open")?,
            img_close: lib.function(c"tsk_img_close")?,
            fs_open_img: lib.function(c"tsk_fs_open_img")?,
            fs_close: lib.function(c"tsk_fs_close")?,
            fs_dir_walk: lib.function(c"tsk_fs_dir_walk")?,
            error_get_errno: lib.function(c"tsk_error_get_errno")?,
            error_get: lib.function(c"tsk_error_get")?,
            error_reset: lib.function(c"tsk_error_reset")?,
        }
    };
    // `lib` is never closed (Library has no Drop), so the pointers stay valid.
    Ok(tsk)
}

/// libtsk, loaded at the first call; Err is why it cannot be (kept: not retried).
fn tsk() -> Result<&'static Tsk, &'static str> {
    static TSK: OnceLock<Result<Tsk, String>> = OnceLock::new();
    TSK.get_or_init(load).as_ref().map_err(String::as_str)
}

/// Whether libtsk can be loaded (the libtsk group's availability).
pub fn available() -> bool {
    tsk().is_ok()
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
fn last_error(t: &Tsk) -> Option<String> {
    // SAFETY: both read libtsk's thread-local error state; the string is copied at once.
    unsafe {
        if (t.error_get_errno)() == 0 {
            return None;
        }
        let p = (t.error_get)();
        if p.is_null() {
            return None;
        }
        Some(CStr::from_ptr(p).to_string_lossy().trim_end().to_string())
    }
}

fn reset_error(t: &Tsk) {
    // SAFETY: resets libtsk's thread-local error state.
    unsafe { (t.error_reset)() };
}

/// Why an image or filesystem could not be opened.
pub enum OpenError {
    /// libtsk could not be loaded (the message is the dynamic loader's).
    NoLibrary(&'static str),
    /// libtsk's error text, when it set one.
    Tsk(Option<String>),
}

/// An opened disk image (tsk_img_open); closed when dropped.
pub struct Image {
    t: &'static Tsk,
    img: NonNull<RawImg>,
}

impl Drop for Image {
    fn drop(&mut self) {
        // SAFETY: img came from tsk_img_open and is closed only here, after every
        // Filesystem borrowing it was dropped (the borrow checker sees to that).
        unsafe { (self.t.img_close)(self.img.as_ptr()) };
    }
}

impl Image {
    /// Opens one raw image (a device).
    pub fn open(path: &CStr) -> Result<Image, OpenError> {
        let t = tsk().map_err(OpenError::NoLibrary)?;
        reset_error(t);
        let images = [path.as_ptr()];
        // SAFETY: images is an array of one valid C string, alive during the call.
        let img = unsafe { (t.img_open)(1, images.as_ptr(), DETECT, 0) };
        NonNull::new(img)
            .map(|img| Image { t, img })
            .ok_or_else(|| OpenError::Tsk(last_error(t)))
    }

    /// Detects and opens the filesystem at offset 0; Err is libtsk's error text.
    pub fn open_fs(&self) -> Result<Filesystem<'_>, Option<String>> {
        reset_error(self.t);
        // SAFETY: self.img is a live image; the filesystem borrows it (lifetime 'a).
        let fs = unsafe { (self.t.fs_open_img)(self.img.as_ptr(), 0, DETECT) };
        NonNull::new(fs)
            .map(|fs| Filesystem { fs, img: self })
            .ok_or_else(|| last_error(self.t))
    }
}

/// An opened filesystem (tsk_fs_open_img); closed when dropped, before its image.
pub struct Filesystem<'a> {
    fs: NonNull<RawFs>,
    img: &'a Image,
}

impl Drop for Filesystem<'_> {
    fn drop(&mut self) {
        // SAFETY: fs came from tsk_fs_open_img and is closed only here.
        unsafe { (self.img.t.fs_close)(self.fs.as_ptr()) };
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
        let t = self.img.t;
        reset_error(t);
        let mut cb = Callback { f, panicked: false };
        // SAFETY: fs is live; fs_dir_walk is libtsk's tsk_fs_dir_walk; trampoline and
        // &mut cb stay valid for the whole call.
        let r = unsafe {
            grs_tsk_walk(
                t.fs_dir_walk,
                self.fs.as_ptr(),
                trampoline,
                (&mut cb as *mut Callback).cast(),
            )
        };
        if cb.panicked {
            return Err(Some("internal error in the walk callback".into()));
        }
        if r == 0 {
            Ok(())
        } else {
            Err(last_error(t))
        }
    }
}
