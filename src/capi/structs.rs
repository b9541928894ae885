//! The public structs in C memory: the `guestfs_free_*`, `guestfs_copy_*` and
//! `guestfs_compare_*` helpers (building them from replies is `cstructs`). Layouts come
//! from the API table (`guestfs_api::ctypes::struct_layout`), and the build checks them
//! against the header with static assertions.

use super::cstr::{malloc_bytes, malloc_str, xmalloc};
use guestfs_api::ctypes::{struct_layout, StructLayout};
use guestfs_api::{table, FieldType, Struct};
use std::ffi::{c_char, c_void, CStr};
use std::sync::OnceLock;

fn layouts() -> &'static Vec<StructLayout> {
    static L: OnceLock<Vec<StructLayout>> = OnceLock::new();
    L.get_or_init(|| table().structs.iter().map(struct_layout).collect())
}

pub fn struct_index(name: &str) -> usize {
    table()
        .structs
        .iter()
        .position(|s| s.name == name)
        .expect("struct in table")
}

fn def(si: usize) -> (&'static Struct, &'static StructLayout) {
    (&table().structs[si], &layouts()[si])
}

/// Frees the members of one struct (not the struct itself).
unsafe fn free_members(si: usize, base: *mut u8) {
    let (s, l) = def(si);
    for (f, fl) in s.fields.iter().zip(&l.fields) {
        // SAFETY: reading pointer members of a struct this library laid out.
        unsafe {
            match f.ty {
                FieldType::String => libc::free(*(base.add(fl.offset) as *mut *mut c_void)),
                FieldType::Buffer => libc::free(*(base.add(fl.data_offset) as *mut *mut c_void)),
                _ => {}
            }
        }
    }
}

/// Frees one struct of table struct `si` and its members (`guestfs_free_X`).
///
/// # Safety
/// `p` is NULL or a struct of type `si` allocated by this library and not yet freed.
pub unsafe fn free_one(si: usize, p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: caller passes a struct from this library.
    unsafe {
        free_members(si, p as *mut u8);
        libc::free(p);
    }
}

/// Frees a struct list of table struct `si` (`guestfs_free_X_list`).
///
/// # Safety
/// `p` is NULL or a list of type `si` allocated by this library and not yet freed.
pub unsafe fn free_list(si: usize, p: *mut c_void) {
    if p.is_null() {
        return;
    }
    let (_, l) = def(si);
    // SAFETY: caller passes a list from this library.
    unsafe {
        let len = *(p as *const u32) as usize;
        let arr = *((p as *mut u8).add(8) as *mut *mut u8);
        for i in 0..len {
            free_members(si, arr.add(i * l.size));
        }
        libc::free(arr as *mut c_void);
        libc::free(p);
    }
}

/// Deep copy of one struct's members from `src` into `dst`.
unsafe fn copy_into(si: usize, src: *const u8, dst: *mut u8) {
    let (s, l) = def(si);
    // SAFETY: both point to structs of this layout.
    unsafe {
        std::ptr::copy_nonoverlapping(src, dst, l.size);
        for (f, fl) in s.fields.iter().zip(&l.fields) {
            match f.ty {
                FieldType::String => {
                    let sp = *(src.add(fl.offset) as *const *const c_char);
                    let b = if sp.is_null() {
                        &[][..]
                    } else {
                        CStr::from_ptr(sp).to_bytes()
                    };
                    *(dst.add(fl.offset) as *mut *mut c_char) = malloc_str(b);
                }
                FieldType::Buffer => {
                    let n = *(src.add(fl.offset) as *const u32) as usize;
                    let sp = *(src.add(fl.data_offset) as *const *const u8);
                    let b = if sp.is_null() || n == 0 {
                        &[][..]
                    } else {
                        std::slice::from_raw_parts(sp, n)
                    };
                    *(dst.add(fl.data_offset) as *mut *mut c_char) = malloc_bytes(b);
                }
                _ => {}
            }
        }
    }
}

/// Deep copy of one struct of table struct `si` (`guestfs_copy_X`), `malloc`ed.
///
/// # Safety
/// `p` is NULL or points to a valid struct of type `si` laid out as in the header.
pub unsafe fn copy_one(si: usize, p: *const c_void) -> *mut c_void {
    if p.is_null() {
        return std::ptr::null_mut();
    }
    let (_, l) = def(si);
    let d = xmalloc(l.size);
    // SAFETY: valid source struct from the caller, fresh destination.
    unsafe { copy_into(si, p as *const u8, d) };
    d as *mut c_void
}

/// Deep copy of a struct list of table struct `si` (`guestfs_copy_X_list`), `malloc`ed.
///
/// # Safety
/// `p` is NULL or points to a valid list of type `si` laid out as in the header.
pub unsafe fn copy_list(si: usize, p: *const c_void) -> *mut c_void {
    if p.is_null() {
        return std::ptr::null_mut();
    }
    let (_, l) = def(si);
    // SAFETY: valid source list from the caller.
    unsafe {
        let len = *(p as *const u32) as usize;
        let arr = *((p as *const u8).add(8) as *const *const u8);
        let list = xmalloc(16);
        let darr = xmalloc(l.size * len);
        for i in 0..len {
            copy_into(si, arr.add(i * l.size), darr.add(i * l.size));
        }
        *(list as *mut u32) = len as u32;
        *(list.add(8) as *mut *mut u8) = darr;
        list as *mut c_void
    }
}

fn ord<T: PartialOrd>(a: T, b: T) -> i32 {
    if a < b {
        -1
    } else if a > b {
        1
    } else {
        0
    }
}

/// Field-by-field comparison with libguestfs's rules (strcmp, length then memcmp, <,>).
unsafe fn compare_at(si: usize, a: *const u8, b: *const u8) -> i32 {
    let (s, l) = def(si);
    for (f, fl) in s.fields.iter().zip(&l.fields) {
        // SAFETY: both point to structs of this layout.
        let r = unsafe {
            let (pa, pb) = (a.add(fl.offset), b.add(fl.offset));
            match f.ty {
                FieldType::String => libc::strcmp(*(pa as *const *const c_char), *(pb as *const *const c_char)),
                FieldType::Buffer => {
                    let (na, nb) = (*(pa as *const u32), *(pb as *const u32));
                    match ord(na, nb) {
                        0 => libc::memcmp(
                            *(a.add(fl.data_offset) as *const *const c_void),
                            *(b.add(fl.data_offset) as *const *const c_void),
                            na as usize,
                        ),
                        r => r,
                    }
                }
                FieldType::Uuid => libc::memcmp(pa as *const c_void, pb as *const c_void, 32),
                FieldType::Char => ord(*(pa as *const i8), *(pb as *const i8)),
                FieldType::UInt32 => ord(*(pa as *const u32), *(pb as *const u32)),
                FieldType::Int32 => ord(*(pa as *const i32), *(pb as *const i32)),
                FieldType::UInt64 | FieldType::Bytes => ord(*(pa as *const u64), *(pb as *const u64)),
                FieldType::Int64 => ord(*(pa as *const i64), *(pb as *const i64)),
                FieldType::OptPercent => ord(*(pa as *const f32), *(pb as *const f32)),
            }
        };
        if r != 0 {
            return r;
        }
    }
    0
}

/// Orders two structs of table struct `si` as libguestfs's `guestfs_compare_X` does.
///
/// # Safety
/// `a` and `b` point to valid structs of type `si` laid out as in the header.
pub unsafe fn compare_one(si: usize, a: *const c_void, b: *const c_void) -> i32 {
    // SAFETY: callers pass valid structs, as in libguestfs (which does not check NULL either).
    unsafe { compare_at(si, a as *const u8, b as *const u8) }
}

/// Orders two struct lists of table struct `si` as `guestfs_compare_X_list` does.
///
/// # Safety
/// `a` and `b` point to valid lists of type `si` laid out as in the header.
pub unsafe fn compare_list(si: usize, a: *const c_void, b: *const c_void) -> i32 {
    let (_, l) = def(si);
    // SAFETY: valid lists from the caller.
    unsafe {
        let (la, lb) = (*(a as *const u32), *(b as *const u32));
        if la != lb {
            return ord(la, lb);
        }
        let aa = *((a as *const u8).add(8) as *const *const u8);
        let ab = *((b as *const u8).add(8) as *const *const u8);
        for i in 0..la as usize {
            let r = compare_at(si, aa.add(i * l.size), ab.add(i * l.size));
            if r != 0 {
                return r;
            }
        }
    }
    0
}
