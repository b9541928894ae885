//! libaugeas through its C API: the declarations and a safe owner of one `augeas *` handle.
//! Every `unsafe` of the aug_* calls lives here; the methods copy whatever Augeas returns
//! into owned Rust values at once (Augeas's own strings are only valid until the next call).

use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::ptr::{self, NonNull};

/// The opaque `augeas` struct.
#[repr(C)]
struct RawAugeas {
    _private: [u8; 0],
}

#[link(name = "augeas")]
extern "C" {
    fn aug_init(root: *const c_char, loadpath: *const c_char, flags: c_uint) -> *mut RawAugeas;
    fn aug_close(aug: *mut RawAugeas);
    fn aug_defvar(aug: *mut RawAugeas, name: *const c_char, expr: *const c_char) -> c_int;
    fn aug_defnode(
        aug: *mut RawAugeas,
        name: *const c_char,
        expr: *const c_char,
        value: *const c_char,
        created: *mut c_int,
    ) -> c_int;
    fn aug_get(aug: *const RawAugeas, path: *const c_char, value: *mut *const c_char) -> c_int;
    fn aug_label(aug: *const RawAugeas, path: *const c_char, label: *mut *const c_char) -> c_int;
    fn aug_set(aug: *mut RawAugeas, path: *const c_char, value: *const c_char) -> c_int;
    fn aug_setm(aug: *mut RawAugeas, base: *const c_char, sub: *const c_char, value: *const c_char) -> c_int;
    fn aug_insert(aug: *mut RawAugeas, path: *const c_char, label: *const c_char, before: c_int) -> c_int;
    fn aug_rm(aug: *mut RawAugeas, path: *const c_char) -> c_int;
    fn aug_mv(aug: *mut RawAugeas, src: *const c_char, dst: *const c_char) -> c_int;
    fn aug_match(aug: *const RawAugeas, path: *const c_char, matches: *mut *mut *mut c_char) -> c_int;
    fn aug_save(aug: *mut RawAugeas) -> c_int;
    fn aug_load(aug: *mut RawAugeas) -> c_int;
    fn aug_transform(aug: *mut RawAugeas, lens: *const c_char, file: *const c_char, excl: c_int) -> c_int;
    fn aug_error(aug: *mut RawAugeas) -> c_int;
    fn aug_error_message(aug: *mut RawAugeas) -> *const c_char;
    fn aug_error_minor_message(aug: *mut RawAugeas) -> *const c_char;
    fn aug_error_details(aug: *mut RawAugeas) -> *const c_char;
}

/// `AUG_NO_ERR_CLOSE`: aug_init returns the handle even when initialisation failed, so the
/// error can be read from it.
pub const NO_ERR_CLOSE: c_uint = 1 << 8;
/// `AUG_NOERROR` and `AUG_ENOMEM` of `aug_errcode_t`.
pub const NOERROR: c_int = 0;
pub const ENOMEM: c_int = 1;

/// The error state of a handle after a failed call.
pub struct AugError {
    pub code: c_int,
    pub message: Option<Vec<u8>>,
    pub minor: Option<Vec<u8>>,
    pub details: Option<Vec<u8>>,
}

/// Copies a C string that may be NULL.
fn owned(p: *const c_char) -> Option<Vec<u8>> {
    if p.is_null() {
        return None;
    }
    // SAFETY: Augeas hands out NUL-terminated strings that stay valid until the next call
    // on the handle; the bytes are copied before this function returns.
    Some(unsafe { CStr::from_ptr(p) }.to_bytes().to_vec())
}

fn opt_ptr(s: Option<&CStr>) -> *const c_char {
    s.map_or(ptr::null(), CStr::as_ptr)
}

/// One open Augeas handle; closed when dropped.
pub struct Augeas {
    h: NonNull<RawAugeas>,
}

impl Drop for Augeas {
    fn drop(&mut self) {
        // SAFETY: h came from aug_init, is closed only here, and is never used afterwards.
        unsafe { aug_close(self.h.as_ptr()) }
    }
}

impl Augeas {
    /// aug_init. `None` when Augeas could not allocate a handle at all; otherwise the
    /// handle, whose `error()` tells whether initialisation succeeded (the caller passes
    /// NO_ERR_CLOSE in `flags` to get it back on failure).
    pub fn init(root: &CStr, flags: c_uint) -> Option<Augeas> {
        // SAFETY: root is a valid C string; a NULL loadpath means only the built-in one.
        let h = unsafe { aug_init(root.as_ptr(), ptr::null(), flags) };
        NonNull::new(h).map(|h| Augeas { h })
    }

    fn raw(&self) -> *mut RawAugeas {
        self.h.as_ptr()
    }

    /// The handle's error code and texts (after a call reported failure).
    pub fn error(&self) -> AugError {
        // SAFETY: the handle is open; the returned strings are copied at once by `owned`.
        unsafe {
            AugError {
                code: aug_error(self.raw()),
                message: owned(aug_error_message(self.raw())),
                minor: owned(aug_error_minor_message(self.raw())),
                details: owned(aug_error_details(self.raw())),
            }
        }
    }

    pub fn defvar(&mut self, name: &CStr, expr: Option<&CStr>) -> c_int {
        // SAFETY: open handle; valid C strings; a NULL expr removes the variable.
        unsafe { aug_defvar(self.raw(), name.as_ptr(), opt_ptr(expr)) }
    }

    /// aug_defnode: (return value, created).
    pub fn defnode(&mut self, name: &CStr, expr: &CStr, value: &CStr) -> (c_int, bool) {
        let mut created: c_int = 0;
        // SAFETY: open handle; valid C strings; `created` is a valid out pointer.
        let r = unsafe { aug_defnode(self.raw(), name.as_ptr(), expr.as_ptr(), value.as_ptr(), &mut created) };
        (r, created != 0)
    }

    /// aug_get: (return value, the value when there was exactly one match and it has one).
    pub fn get(&self, path: &CStr) -> (c_int, Option<Vec<u8>>) {
        let mut value: *const c_char = ptr::null();
        // SAFETY: open handle; valid C string; `value` is a valid out pointer, and what it
        // is set to (a string inside the tree) is copied before the next call.
        let r = unsafe { aug_get(self.raw(), path.as_ptr(), &mut value) };
        (r, if r == 1 { owned(value) } else { None })
    }

    /// aug_label: (return value, the label when there was a match).
    pub fn label(&self, path: &CStr) -> (c_int, Option<Vec<u8>>) {
        let mut label: *const c_char = ptr::null();
        // SAFETY: as in `get`.
        let r = unsafe { aug_label(self.raw(), path.as_ptr(), &mut label) };
        (r, if r == 1 { owned(label) } else { None })
    }

    pub fn set(&mut self, path: &CStr, value: Option<&CStr>) -> c_int {
        // SAFETY: open handle; valid C strings; a NULL value clears the node.
        unsafe { aug_set(self.raw(), path.as_ptr(), opt_ptr(value)) }
    }

    pub fn setm(&mut self, base: &CStr, sub: Option<&CStr>, value: &CStr) -> c_int {
        // SAFETY: open handle; valid C strings; a NULL sub means the base nodes themselves.
        unsafe { aug_setm(self.raw(), base.as_ptr(), opt_ptr(sub), value.as_ptr()) }
    }

    pub fn insert(&mut self, path: &CStr, label: &CStr, before: bool) -> c_int {
        // SAFETY: open handle; valid C strings.
        unsafe { aug_insert(self.raw(), path.as_ptr(), label.as_ptr(), c_int::from(before)) }
    }

    pub fn rm(&mut self, path: &CStr) -> c_int {
        // SAFETY: open handle; valid C string.
        unsafe { aug_rm(self.raw(), path.as_ptr()) }
    }

    pub fn mv(&mut self, src: &CStr, dst: &CStr) -> c_int {
        // SAFETY: open handle; valid C strings.
        unsafe { aug_mv(self.raw(), src.as_ptr(), dst.as_ptr()) }
    }

    /// aug_match: Err(()) when Augeas reported an error (read it with `error()`).
    pub fn matches(&self, path: &CStr) -> Result<Vec<Vec<u8>>, ()> {
        let mut arr: *mut *mut c_char = ptr::null_mut();
        // SAFETY: open handle; valid C string; `arr` is a valid out pointer.
        let n = unsafe { aug_match(self.raw(), path.as_ptr(), &mut arr) };
        if n < 0 {
            return Err(());
        }
        let mut out = Vec::with_capacity(n as usize);
        if !arr.is_null() {
            for i in 0..n as usize {
                // SAFETY: on success aug_match filled arr with n malloc'd C strings (the
                // array itself malloc'd too); each is copied, then freed exactly once.
                unsafe {
                    let s = *arr.add(i);
                    if let Some(v) = owned(s) {
                        out.push(v);
                    }
                    libc::free(s as *mut c_void);
                }
            }
            // SAFETY: the array came from malloc in aug_match and is freed once.
            unsafe { libc::free(arr as *mut c_void) };
        }
        Ok(out)
    }

    pub fn save(&mut self) -> c_int {
        // SAFETY: open handle.
        unsafe { aug_save(self.raw()) }
    }

    pub fn load(&mut self) -> c_int {
        // SAFETY: open handle.
        unsafe { aug_load(self.raw()) }
    }

    pub fn transform(&mut self, lens: &CStr, file: &CStr, excl: bool) -> c_int {
        // SAFETY: open handle; valid C strings.
        unsafe { aug_transform(self.raw(), lens.as_ptr(), file.as_ptr(), c_int::from(excl)) }
    }
}
