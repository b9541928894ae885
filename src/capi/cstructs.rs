//! The table's structs in C memory, written from their typed values
//! (`guestfs_protocol::structs`) through generated `#[repr(C)]` mirrors of the header's
//! structs (generator/cstructs.rs). A reply struct of the wrong shape is a
//! `StructMismatch` before any C memory is written.

use super::cstr::{malloc_bytes, malloc_str, xmalloc};
use guestfs_protocol::structs::{self, StructMismatch};
use guestfs_protocol::StructValue;
use std::ffi::{c_char, c_void};

include!(concat!(env!("OUT_DIR"), "/cstructs.rs"));

/// A `malloc`ed copy of `v` (its pointer members already `malloc`ed).
fn one<T>(v: T) -> *mut c_void {
    let p = xmalloc(std::mem::size_of::<T>()) as *mut T;
    // SAFETY: p is a fresh allocation of T's size; malloc's alignment suits every mirror
    // (their members are at most 8-byte aligned).
    unsafe { p.write(v) };
    p as *mut c_void
}

/// `struct guestfs_X_list { uint32_t len; struct guestfs_X *val; }`.
#[repr(C)]
struct CList<T> {
    len: u32,
    val: *mut T,
}

/// A `malloc`ed list of the given structs.
fn list<T>(v: Vec<T>) -> *mut c_void {
    let n = v.len();
    let arr = xmalloc(std::mem::size_of::<T>() * n) as *mut T;
    for (i, x) in v.into_iter().enumerate() {
        // SAFETY: arr has room for n structs of T; i < n.
        unsafe { arr.add(i).write(x) };
    }
    one(CList {
        len: n as u32,
        val: arr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use guestfs_api::ctypes::struct_layout;
    use guestfs_api::table;

    #[test]
    fn mirrors_match_the_header_layouts() {
        // The table's layouts are checked against the header by static assertions in the
        // build; the mirrors must agree with them field by field.
        for (name, size, offsets) in mirror_layouts() {
            let s = table().structs.iter().find(|s| s.name == name).unwrap();
            let l = struct_layout(s);
            assert_eq!(size, l.size, "size of struct guestfs_{name}");
            let want: Vec<usize> = l.fields.iter().map(|f| f.offset).collect();
            assert_eq!(offsets, want, "offsets of struct guestfs_{name}");
        }
    }

    #[test]
    fn a_struct_of_the_wrong_shape_is_refused() {
        use guestfs_protocol::FieldValue;
        let bad = StructValue {
            fields: vec![FieldValue::Int32(1); 4],
        };
        assert!(struct_to_c(
            "int_bool",
            StructValue {
                fields: vec![FieldValue::Str(b"x".to_vec()), FieldValue::Int32(0)]
            }
        )
        .is_err());
        assert!(struct_list_to_c("utsname", vec![bad]).is_err());
    }
}
