//! getcon and setcon: the daemon's own SELinux security context, through libselinux.
//! (The appliance boots with selinux=0, so both normally fail, as 1.48's do.)

use std::ffi::{c_char, c_int, CStr, CString};

use crate::daemon::Daemon;
use crate::error::{Error, Result};

#[link(name = "selinux")]
extern "C" {
    #[link_name = "getcon"]
    fn selinux_getcon(con: *mut *mut c_char) -> c_int;
    #[link_name = "setcon"]
    fn selinux_setcon(con: *const c_char) -> c_int;
    fn freecon(con: *mut c_char);
}

fn last_error(what: &str) -> Error {
    Error::io(&std::io::Error::last_os_error(), what)
}

pub fn getcon(_d: &mut Daemon) -> Result<Vec<u8>> {
    let mut con: *mut c_char = std::ptr::null_mut();
    // SAFETY: con is a valid out pointer; on success libselinux stores a string it allocated.
    if unsafe { selinux_getcon(&mut con) } == -1 || con.is_null() {
        return Err(last_error("getcon"));
    }
    // SAFETY: con is a NUL-terminated string owned by us until freecon, called once after the copy.
    let s = unsafe { CStr::from_ptr(con) }.to_bytes().to_vec();
    // SAFETY: as above.
    unsafe { freecon(con) };
    Ok(s)
}

pub fn setcon(_d: &mut Daemon, context: &str) -> Result<()> {
    let b = context.as_bytes();
    let con = CString::new(&b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())]).unwrap_or_default();
    // SAFETY: con is a valid C string for the duration of the call.
    if unsafe { selinux_setcon(con.as_ptr()) } == -1 {
        return Err(last_error("setcon"));
    }
    Ok(())
}
