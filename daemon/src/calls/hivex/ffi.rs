//! libhivex through its C API: the declarations and a safe owner of one `hive_h *`.
//! Every `unsafe` of the hivex_* calls lives here. libhivex reports failures through errno,
//! so each method returns the errno as an `io::Error` on failure, and copies whatever the
//! library allocated into owned Rust values (freeing the C copy) before returning.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::io;
use std::ptr::NonNull;

#[repr(C)]
struct RawHive {
    _private: [u8; 0],
}

/// `hive_set_value`.
#[repr(C)]
struct SetValue {
    key: *mut c_char,
    t: c_int,
    len: usize,
    value: *mut c_char,
}

#[link(name = "hivex")]
extern "C" {
    fn hivex_open(filename: *const c_char, flags: c_int) -> *mut RawHive;
    fn hivex_close(h: *mut RawHive) -> c_int;
    fn hivex_root(h: *mut RawHive) -> usize;
    fn hivex_node_name(h: *mut RawHive, node: usize) -> *mut c_char;
    fn hivex_node_children(h: *mut RawHive, node: usize) -> *mut usize;
    fn hivex_node_get_child(h: *mut RawHive, node: usize, name: *const c_char) -> usize;
    fn hivex_node_parent(h: *mut RawHive, node: usize) -> usize;
    fn hivex_node_values(h: *mut RawHive, node: usize) -> *mut usize;
    fn hivex_node_get_value(h: *mut RawHive, node: usize, key: *const c_char) -> usize;
    fn hivex_value_key(h: *mut RawHive, val: usize) -> *mut c_char;
    fn hivex_value_type(h: *mut RawHive, val: usize, t: *mut c_int, len: *mut usize) -> c_int;
    fn hivex_value_value(h: *mut RawHive, val: usize, t: *mut c_int, len: *mut usize) -> *mut c_char;
    fn hivex_value_string(h: *mut RawHive, val: usize) -> *mut c_char;
    fn hivex_commit(h: *mut RawHive, filename: *const c_char, flags: c_int) -> c_int;
    fn hivex_node_add_child(h: *mut RawHive, parent: usize, name: *const c_char) -> usize;
    fn hivex_node_delete_child(h: *mut RawHive, node: usize) -> c_int;
    fn hivex_node_set_value(h: *mut RawHive, node: usize, val: *const SetValue, flags: c_int) -> c_int;
}

pub const OPEN_VERBOSE: c_int = 1;
pub const OPEN_DEBUG: c_int = 2;
pub const OPEN_WRITE: c_int = 4;
pub const OPEN_UNSAFE: c_int = 8;

fn clear_errno() {
    // SAFETY: __errno_location returns this thread's errno slot, always valid to write.
    unsafe { *libc::__errno_location() = 0 };
}

fn errno() -> io::Error {
    io::Error::last_os_error()
}

/// Takes ownership of a malloc'ed C string (NULL is the library's failure).
fn take_string(p: *mut c_char) -> io::Result<Vec<u8>> {
    if p.is_null() {
        return Err(errno());
    }
    // SAFETY: p is a NUL-terminated string malloc'ed by libhivex and owned by us; it is
    // copied, then freed exactly once.
    let v = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    // SAFETY: as above.
    unsafe { libc::free(p.cast::<c_void>()) };
    Ok(v)
}

/// Takes ownership of a malloc'ed, 0-terminated array of handles.
fn take_handles(p: *mut usize) -> io::Result<Vec<u64>> {
    if p.is_null() {
        return Err(errno());
    }
    let mut v = Vec::new();
    // SAFETY: libhivex returns an array terminated by a 0 entry; we read up to it, then
    // free the array once.
    unsafe {
        let mut q = p;
        while *q != 0 {
            v.push(*q as u64);
            q = q.add(1);
        }
        libc::free(p.cast::<c_void>());
    }
    Ok(v)
}

/// One open hive; closed when dropped.
pub struct Hive {
    h: NonNull<RawHive>,
}

impl Drop for Hive {
    fn drop(&mut self) {
        // SAFETY: h came from hivex_open and is closed only here.
        unsafe { hivex_close(self.h.as_ptr()) };
    }
}

impl Hive {
    pub fn open(path: &CStr, flags: c_int) -> io::Result<Hive> {
        // SAFETY: path is a valid C string for the duration of the call.
        let h = unsafe { hivex_open(path.as_ptr(), flags) };
        NonNull::new(h).map(|h| Hive { h }).ok_or_else(errno)
    }

    fn raw(&self) -> *mut RawHive {
        self.h.as_ptr()
    }

    /// A handle result where 0 means failure.
    fn nonzero(r: usize) -> io::Result<u64> {
        if r == 0 {
            Err(errno())
        } else {
            Ok(r as u64)
        }
    }

    /// A handle result where 0 means "none" unless errno was set.
    fn zero_or_found(r: usize) -> io::Result<u64> {
        let e = errno();
        if r == 0 && e.raw_os_error().unwrap_or(0) != 0 {
            Err(e)
        } else {
            Ok(r as u64)
        }
    }

    pub fn root(&self) -> io::Result<u64> {
        // SAFETY: a live handle; libhivex validates node offsets itself.
        Self::nonzero(unsafe { hivex_root(self.raw()) })
    }

    pub fn node_name(&self, node: u64) -> io::Result<Vec<u8>> {
        // SAFETY: a live handle; libhivex checks the node offset and returns NULL if bad.
        take_string(unsafe { hivex_node_name(self.raw(), node as usize) })
    }

    pub fn node_children(&self, node: u64) -> io::Result<Vec<u64>> {
        // SAFETY: as in node_name.
        take_handles(unsafe { hivex_node_children(self.raw(), node as usize) })
    }

    pub fn node_get_child(&self, node: u64, name: &CStr) -> io::Result<u64> {
        clear_errno();
        // SAFETY: a live handle and a valid C string.
        Self::zero_or_found(unsafe { hivex_node_get_child(self.raw(), node as usize, name.as_ptr()) })
    }

    pub fn node_parent(&self, node: u64) -> io::Result<u64> {
        // SAFETY: as in node_name.
        Self::nonzero(unsafe { hivex_node_parent(self.raw(), node as usize) })
    }

    pub fn node_values(&self, node: u64) -> io::Result<Vec<u64>> {
        // SAFETY: as in node_name.
        take_handles(unsafe { hivex_node_values(self.raw(), node as usize) })
    }

    pub fn node_get_value(&self, node: u64, key: &CStr) -> io::Result<u64> {
        clear_errno();
        // SAFETY: a live handle and a valid C string.
        Self::zero_or_found(unsafe { hivex_node_get_value(self.raw(), node as usize, key.as_ptr()) })
    }

    pub fn value_key(&self, val: u64) -> io::Result<Vec<u8>> {
        // SAFETY: as in node_name, for a value offset.
        take_string(unsafe { hivex_value_key(self.raw(), val as usize) })
    }

    pub fn value_type(&self, val: u64) -> io::Result<i64> {
        let mut t: c_int = 0;
        // SAFETY: a live handle; t is a valid out pointer; len may be NULL.
        let r = unsafe { hivex_value_type(self.raw(), val as usize, &mut t, std::ptr::null_mut()) };
        if r == -1 {
            Err(errno())
        } else {
            Ok(i64::from(t))
        }
    }

    pub fn value_value(&self, val: u64) -> io::Result<Vec<u8>> {
        let mut len: usize = 0;
        // SAFETY: a live handle; len is a valid out pointer, t may be NULL.
        let p = unsafe { hivex_value_value(self.raw(), val as usize, std::ptr::null_mut(), &mut len) };
        if p.is_null() {
            return Err(errno());
        }
        // SAFETY: p points to len bytes malloc'ed by libhivex; copied, then freed once.
        let v = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) }.to_vec();
        // SAFETY: as above.
        unsafe { libc::free(p.cast::<c_void>()) };
        Ok(v)
    }

    pub fn value_string(&self, val: u64) -> io::Result<Vec<u8>> {
        // SAFETY: as in node_name, for a value offset.
        take_string(unsafe { hivex_value_string(self.raw(), val as usize) })
    }

    pub fn commit(&mut self, path: Option<&CStr>) -> io::Result<()> {
        let p = path.map_or(std::ptr::null(), CStr::as_ptr);
        // SAFETY: a live handle; p is NULL (write back to the file opened) or a C string.
        if unsafe { hivex_commit(self.raw(), p, 0) } == -1 {
            return Err(errno());
        }
        Ok(())
    }

    pub fn node_add_child(&mut self, parent: u64, name: &CStr) -> io::Result<u64> {
        // SAFETY: a live handle and a valid C string.
        Self::nonzero(unsafe { hivex_node_add_child(self.raw(), parent as usize, name.as_ptr()) })
    }

    pub fn node_delete_child(&mut self, node: u64) -> io::Result<()> {
        // SAFETY: a live handle; libhivex checks the offset.
        if unsafe { hivex_node_delete_child(self.raw(), node as usize) } == -1 {
            return Err(errno());
        }
        Ok(())
    }

    pub fn node_set_value(&mut self, node: u64, key: &CStr, t: i64, value: &[u8]) -> io::Result<()> {
        let v = SetValue {
            key: key.as_ptr().cast_mut(),
            t: t as c_int,
            len: value.len(),
            value: value.as_ptr().cast::<c_char>().cast_mut(),
        };
        // SAFETY: v points at key and value, which outlive the call; libhivex only reads
        // through these pointers (the C struct is not const-qualified).
        if unsafe { hivex_node_set_value(self.raw(), node as usize, &v, 0) } == -1 {
            return Err(errno());
        }
        Ok(())
    }
}
