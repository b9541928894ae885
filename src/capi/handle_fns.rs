//! The 23 hand-written functions of the C API: handle creation and closing, errors,
//! events and the old callbacks, and the private data area.

use super::callbacks::{self, ErrorHandlerCb, EventCb, LogMessageCb, ProgressCb, VoidCb};
use super::{cstr, guarded, guestfs_h, handle, with_handle};
use crate::handle::events::{self as ev, EventFn, Registration};
use crate::lifetime::CREATE_NO_CLOSE_ON_EXIT;
use crate::Core;
use std::ffi::{c_char, c_int, c_uint, c_void, CString};
use std::sync::Once;

extern "C" fn close_handles_at_exit() {
    for h in super::all_live() {
        let close_it = handle(h as *mut guestfs_h).is_some_and(|h| h.lock().inner().close_on_exit);
        if close_it {
            guestfs_close(h as *mut guestfs_h);
        }
    }
}

#[no_mangle]
pub extern "C" fn guestfs_create() -> *mut guestfs_h {
    guestfs_rs_int_create_flags(0)
}

/// Called by the C `guestfs_create_flags(unsigned, ...)` in the generated C file.
#[no_mangle]
pub extern "C" fn guestfs_rs_int_create_flags(flags: c_uint) -> *mut guestfs_h {
    guarded(std::ptr::null_mut(), || {
        if flags & CREATE_NO_CLOSE_ON_EXIT == 0 {
            static ATEXIT: Once = Once::new();
            // SAFETY: registering a plain extern "C" fn.
            ATEXIT.call_once(|| unsafe {
                libc::atexit(close_handles_at_exit);
            });
        }
        let initial = callbacks::error_handler(Some(callbacks::default_error_cb), std::ptr::null_mut());
        super::register(Core::create(flags, initial))
    })
}

#[no_mangle]
pub extern "C" fn guestfs_close(g: *mut guestfs_h) {
    if g.is_null() {
        return;
    }
    let Some(h) = handle(g) else {
        eprintln!("guestfs_close: called twice on the same handle");
        return;
    };
    // close takes the handle lock, so it waits for a call running in another thread; the
    // handle stays registered meanwhile, so the close callbacks can still use `g`.
    if !guarded(true, || h.close()) {
        eprintln!("guestfs_close: called twice on the same handle");
        return;
    }
    super::unregister(g);
    // The memory goes with the last reference: ours, or that of a call still returning.
    drop(h);
}

#[no_mangle]
pub extern "C" fn guestfs_last_error(g: *mut guestfs_h) -> *const c_char {
    with_handle(g, std::ptr::null(), |h| {
        let _l = h.lock();
        h.last_error_ptr()
    })
}

#[no_mangle]
pub extern "C" fn guestfs_last_errno(g: *mut guestfs_h) -> c_int {
    with_handle(g, 0, |h| {
        let _l = h.lock();
        h.last_errno()
    })
}

#[no_mangle]
pub extern "C" fn guestfs_set_error_handler(g: *mut guestfs_h, cb: Option<ErrorHandlerCb>, opaque: *mut c_void) {
    with_handle(g, (), |h| {
        let _l = h.lock();
        h.set_error_handler(callbacks::error_handler(cb, opaque))
    })
}

/// # Safety
/// `g` is checked against the live handles; `opaque_rtn` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn guestfs_get_error_handler(
    g: *mut guestfs_h,
    opaque_rtn: *mut *mut c_void,
) -> Option<ErrorHandlerCb> {
    with_handle(g, None, |h| {
        let _l = h.lock();
        let (cb, opaque) = callbacks::error_handler_parts(&h.get_error_handler());
        if !opaque_rtn.is_null() {
            // SAFETY: caller's out pointer.
            unsafe { *opaque_rtn = opaque };
        }
        cb
    })
}

#[no_mangle]
pub extern "C" fn guestfs_push_error_handler(g: *mut guestfs_h, cb: Option<ErrorHandlerCb>, opaque: *mut c_void) {
    with_handle(g, (), |h| {
        let _l = h.lock();
        h.push_error_handler_slot(callbacks::error_handler(cb, opaque))
    })
}

#[no_mangle]
pub extern "C" fn guestfs_pop_error_handler(g: *mut guestfs_h) {
    with_handle(g, (), |h| {
        let _l = h.lock();
        h.pop_error_handler()
    })
}

pub type AbortCb = unsafe extern "C" fn() -> !;

#[no_mangle]
pub extern "C" fn guestfs_set_out_of_memory_handler(g: *mut guestfs_h, cb: Option<AbortCb>) {
    with_handle(g, (), |h| *h.abort_cb.lock() = cb.map(|f| f as usize).unwrap_or(0))
}

#[no_mangle]
pub extern "C" fn guestfs_get_out_of_memory_handler(g: *mut guestfs_h) -> Option<AbortCb> {
    with_handle(g, None, |h| {
        let v = *h.abort_cb.lock();
        // SAFETY: the value was stored from a function pointer of this type (or is abort).
        (v != 0).then(|| unsafe { std::mem::transmute::<usize, AbortCb>(v) })
    })
}

#[no_mangle]
pub extern "C" fn guestfs_set_event_callback(
    g: *mut guestfs_h,
    cb: Option<EventCb>,
    bitmask: u64,
    flags: c_int,
    opaque: *mut c_void,
) -> c_int {
    with_handle(g, -1, |h| {
        let l = h.lock();
        let r = if flags != 0 {
            Err(crate::Error::msg(
                "flags parameter should be passed as 0 to this function",
            ))
        } else {
            match cb {
                None => Err(crate::Error::msg("set_event_callback: cb: parameter cannot be NULL")),
                Some(cb) => l.inner().events.add(Registration {
                    bitmask,
                    callback: callbacks::event(cb, opaque),
                    old_style: None,
                }),
            }
        };
        drop(l);
        match r {
            Ok(i) => i as c_int,
            Err(e) => {
                h.report(&e);
                -1
            }
        }
    })
}

#[no_mangle]
pub extern "C" fn guestfs_delete_event_callback(g: *mut guestfs_h, event_handle: c_int) {
    with_handle(g, (), |h| {
        if event_handle >= 0 {
            h.lock().inner().events.delete(event_handle as usize)
        }
    })
}

#[no_mangle]
pub extern "C" fn guestfs_event_to_string(event: u64) -> *mut c_char {
    guarded(std::ptr::null_mut(), || {
        cstr::malloc_str(ev::event_to_string(event).as_bytes())
    })
}

fn set_old(g: *mut guestfs_h, event: u64, callback: Option<EventFn>) {
    with_handle(g, (), |h| h.lock().inner().events.set_old_style(event, callback))
}

#[no_mangle]
pub extern "C" fn guestfs_set_log_message_callback(g: *mut guestfs_h, cb: Option<LogMessageCb>, opaque: *mut c_void) {
    set_old(g, ev::EVENT_APPLIANCE, cb.map(|c| callbacks::log_message(c, opaque)))
}

#[no_mangle]
pub extern "C" fn guestfs_set_subprocess_quit_callback(g: *mut guestfs_h, cb: Option<VoidCb>, opaque: *mut c_void) {
    set_old(g, ev::EVENT_SUBPROCESS_QUIT, cb.map(|c| callbacks::void(c, opaque)))
}

#[no_mangle]
pub extern "C" fn guestfs_set_launch_done_callback(g: *mut guestfs_h, cb: Option<VoidCb>, opaque: *mut c_void) {
    set_old(g, ev::EVENT_LAUNCH_DONE, cb.map(|c| callbacks::void(c, opaque)))
}

#[no_mangle]
pub extern "C" fn guestfs_set_close_callback(g: *mut guestfs_h, cb: Option<VoidCb>, opaque: *mut c_void) {
    set_old(g, ev::EVENT_CLOSE, cb.map(|c| callbacks::void(c, opaque)))
}

#[no_mangle]
pub extern "C" fn guestfs_set_progress_callback(g: *mut guestfs_h, cb: Option<ProgressCb>, opaque: *mut c_void) {
    set_old(g, ev::EVENT_PROGRESS, cb.map(|c| callbacks::progress(c, opaque)))
}

/// # Safety
/// `g` is checked against the live handles; `key` is a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn guestfs_set_private(g: *mut guestfs_h, key: *const c_char, data: *mut c_void) {
    // SAFETY: C string from the caller.
    let Some(k) = (unsafe { cstr::bytes(key) }) else { return };
    let k = CString::new(k).unwrap_or_default();
    with_handle(g, (), |h| h.lock().inner().private.set(k, data as usize))
}

/// # Safety
/// `g` is checked against the live handles; `key` is a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn guestfs_get_private(g: *mut guestfs_h, key: *const c_char) -> *mut c_void {
    // SAFETY: C string from the caller.
    let Some(k) = (unsafe { cstr::bytes(key) }) else {
        return std::ptr::null_mut();
    };
    with_handle(g, std::ptr::null_mut(), |h| {
        h.lock().inner().private.get(k) as *mut c_void
    })
}

unsafe fn iterate(g: *mut guestfs_h, key_rtn: *mut *const c_char, first: bool) -> *mut c_void {
    with_handle(g, std::ptr::null_mut(), |h| {
        let l = h.lock();
        let mut i = l.inner();
        let r = if first {
            i.private.first()
        } else {
            i.private.next_entry()
        };
        match r {
            Some((k, d)) => {
                if !key_rtn.is_null() {
                    // SAFETY: caller's out pointer; the key lives in the handle.
                    unsafe { *key_rtn = k.as_ptr() };
                }
                d as *mut c_void
            }
            None => std::ptr::null_mut(),
        }
    })
}

/// # Safety
/// `g` is checked against the live handles; `key_rtn` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn guestfs_first_private(g: *mut guestfs_h, key_rtn: *mut *const c_char) -> *mut c_void {
    // SAFETY: forwarded contract.
    unsafe { iterate(g, key_rtn, true) }
}

/// # Safety
/// `g` is checked against the live handles; `key_rtn` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn guestfs_next_private(g: *mut guestfs_h, key_rtn: *mut *const c_char) -> *mut c_void {
    // SAFETY: forwarded contract.
    unsafe { iterate(g, key_rtn, false) }
}
