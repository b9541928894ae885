//! Errors raised by the C variadic entry points (generated C calls back here).

use super::guestfs_h;
use std::ffi::{c_char, c_int};

/// Called by `guestfs_X_va` for an unknown or repeated optional argument index.
///
/// # Safety
/// `name` must be a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn guestfs_rs_int_optarg_error(
    g: *mut guestfs_h,
    name: *const c_char,
    repeated: c_int,
    index: c_int,
) {
    // SAFETY: generated C passes a string literal.
    let name = unsafe { super::cstr::bytes(name) }
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    super::with_handle(g, (), |h| {
        let msg = if repeated != 0 {
            format!("{name}: same optional argument specified more than once")
        } else {
            format!("{name}: unknown option {index} (this can happen if a program is compiled against a newer version of libguestfs, then dynamically linked to an older version)")
        };
        h.set_error(0, &msg);
    })
}
