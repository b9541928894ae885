//! C strings and `malloc`ed memory handed to C callers, who `free()` it.

use std::ffi::{c_char, CStr};

/// Bytes of a C string (`None` for NULL).
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string.
pub unsafe fn bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: guaranteed by the caller.
        Some(unsafe { CStr::from_ptr(p) }.to_bytes())
    }
}

/// NULL-terminated array of C strings into a Vec (`None` for NULL).
///
/// # Safety
/// `p` must be NULL or a NULL-terminated array of NUL-terminated strings.
pub unsafe fn string_list(p: *const *const c_char) -> Option<Vec<Vec<u8>>> {
    if p.is_null() {
        return None;
    }
    let mut v = Vec::new();
    let mut i = 0;
    loop {
        // SAFETY: the array is NULL-terminated (caller's guarantee).
        let s = unsafe { *p.add(i) };
        if s.is_null() {
            break;
        }
        // SAFETY: each element is a C string.
        v.push(unsafe { CStr::from_ptr(s) }.to_bytes().to_vec());
        i += 1;
    }
    Some(v)
}

/// `malloc` that honours the handle's out-of-memory rule (abort).
pub fn xmalloc(n: usize) -> *mut u8 {
    // SAFETY: plain malloc; a NULL result is handled right here.
    let p = unsafe { libc::malloc(n.max(1)) } as *mut u8;
    if p.is_null() {
        // SAFETY: libguestfs's default out-of-memory handler is abort().
        unsafe { libc::abort() };
    }
    p
}

/// A `malloc`ed NUL-terminated copy of `s`.
pub fn malloc_str(s: &[u8]) -> *mut c_char {
    let p = xmalloc(s.len() + 1);
    // SAFETY: p has room for len+1 bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
    }
    p as *mut c_char
}

/// A `malloc`ed copy of `s` with no terminator (RBufferOut); `malloc(1)` when empty.
pub fn malloc_bytes(s: &[u8]) -> *mut c_char {
    let p = xmalloc(s.len());
    // SAFETY: p has room for len bytes.
    unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len()) };
    p as *mut c_char
}

/// A `malloc`ed NULL-terminated array of `malloc`ed strings.
pub fn malloc_str_list(l: &[Vec<u8>]) -> *mut *mut c_char {
    let arr = xmalloc((l.len() + 1) * std::mem::size_of::<*mut c_char>()) as *mut *mut c_char;
    for (i, s) in l.iter().enumerate() {
        // SAFETY: arr has l.len()+1 slots.
        unsafe { *arr.add(i) = malloc_str(s) };
    }
    // SAFETY: last slot.
    unsafe { *arr.add(l.len()) = std::ptr::null_mut() };
    arr
}
