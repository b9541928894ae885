//! Results into the C return conventions (error values: -1 or NULL).

use super::{cstr, cstructs, guestfs_h, with_handle};
use guestfs_protocol::structs::StructMismatch;
use guestfs_protocol::RetValue;
use std::ffi::{c_char, c_int, c_void, CString};

pub fn ret_err(r: Option<RetValue>) -> c_int {
    if r.is_some() {
        0
    } else {
        -1
    }
}

pub fn ret_int(r: Option<RetValue>) -> c_int {
    match r {
        Some(RetValue::Int(i)) => i,
        Some(RetValue::Bool(b)) => b as c_int,
        Some(_) => 0,
        None => -1,
    }
}

pub fn ret_bool(r: Option<RetValue>) -> c_int {
    match r {
        Some(RetValue::Bool(b)) => b as c_int,
        Some(RetValue::Int(i)) => (i != 0) as c_int,
        Some(_) => 0,
        None => -1,
    }
}

pub fn ret_int64(r: Option<RetValue>) -> i64 {
    match r {
        Some(RetValue::Int64(i)) => i,
        Some(RetValue::Int(i)) => i as i64,
        Some(_) => 0,
        None => -1,
    }
}

/// RConstString: the handle keeps the string (valid until the next call of the same
/// kind); RConstOptString may be NULL without an error.
pub fn ret_const_string(g: *mut guestfs_h, r: Option<RetValue>) -> *const c_char {
    match r {
        Some(RetValue::Str(s)) => with_handle(g, std::ptr::null(), |h| {
            let c = CString::new(s).unwrap_or_default();
            let l = h.lock();
            let mut i = l.inner();
            // Keyed by content: a returned pointer stays valid for the handle's lifetime
            // unless the same text is returned again (which yields the same pointer).
            let key: &'static str = Box::leak(String::from_utf8_lossy(c.as_bytes()).into_owned().into_boxed_str());
            let e = i.const_strings.entry(key).or_insert(c);
            e.as_ptr()
        }),
        _ => std::ptr::null(),
    }
}

pub fn ret_string(r: Option<RetValue>) -> *mut c_char {
    match r {
        Some(RetValue::Str(s)) => cstr::malloc_str(&s),
        _ => std::ptr::null_mut(),
    }
}

pub fn ret_string_list(r: Option<RetValue>) -> *mut *mut c_char {
    match r {
        Some(RetValue::StrList(l)) | Some(RetValue::Hashtable(l)) => cstr::malloc_str_list(&l),
        _ => std::ptr::null_mut(),
    }
}

/// A struct reply in C memory; a reply of another shape than the table's struct is an
/// error reported on the handle (NULL), never a misread.
pub fn ret_struct(g: *mut guestfs_h, idx: usize, r: Option<RetValue>) -> *mut c_void {
    match (r, &guestfs_api::table().actions[idx].ret.ty) {
        (Some(RetValue::Struct(v)), guestfs_api::RetType::Struct(name)) => {
            checked(g, idx, cstructs::struct_to_c(name, v))
        }
        _ => std::ptr::null_mut(),
    }
}

pub fn ret_struct_list(g: *mut guestfs_h, idx: usize, r: Option<RetValue>) -> *mut c_void {
    match (r, &guestfs_api::table().actions[idx].ret.ty) {
        (Some(RetValue::StructList(v)), guestfs_api::RetType::StructList(name)) => {
            checked(g, idx, cstructs::struct_list_to_c(name, v))
        }
        _ => std::ptr::null_mut(),
    }
}

fn checked(g: *mut guestfs_h, idx: usize, r: Result<*mut c_void, StructMismatch>) -> *mut c_void {
    r.unwrap_or_else(|e| {
        let name = &guestfs_api::table().actions[idx].name;
        with_handle(g, (), |h| h.report(&crate::Error::msg(format!("{name}: {e}"))));
        std::ptr::null_mut()
    })
}

/// RBufferOut: `malloc`ed bytes and their length in `*size_r`.
///
/// # Safety
/// `size_r` is NULL or points to writable memory for one `size_t` (the C caller's).
pub unsafe fn ret_buffer(r: Option<RetValue>, size_r: *mut usize) -> *mut c_char {
    match r {
        Some(RetValue::Buffer(b)) => {
            if !size_r.is_null() {
                // SAFETY: caller-provided out pointer.
                unsafe { *size_r = b.len() };
            }
            cstr::malloc_bytes(&b)
        }
        _ => std::ptr::null_mut(),
    }
}
