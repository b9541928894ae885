//! C callbacks wrapped into the core's closures: error handlers, event callbacks and the
//! five old-style `guestfs_set_*_callback` kinds. Each closure calls the C function with
//! the caller's `guestfs_h *` and opaque pointer, as libguestfs does.

use super::{g_of, guestfs_h};
use crate::handle::errors::{print_to_stderr, HandlerSlot};
use crate::handle::events::EventFn;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::Arc;

pub type ErrorHandlerCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void, *const c_char);
pub type EventCb =
    unsafe extern "C" fn(*mut guestfs_h, *mut c_void, u64, c_int, c_int, *const c_char, usize, *const u64, usize);
pub type LogMessageCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void, *mut c_char, c_int);
pub type VoidCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void);
pub type ProgressCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void, c_int, c_int, u64, u64);

/// The default handler prints `libguestfs: error: <msg>` on stderr. It is a real
/// function so `guestfs_get_error_handler` can return it, as libguestfs does.
///
/// # Safety
/// `msg` is NULL or a NUL-terminated string; the other arguments are not used.
pub unsafe extern "C" fn default_error_cb(_g: *mut guestfs_h, _opaque: *mut c_void, msg: *const c_char) {
    if msg.is_null() {
        return;
    }
    // SAFETY: the library passes a NUL-terminated message it owns.
    print_to_stderr(unsafe { CStr::from_ptr(msg) });
}

/// A C error handler (or none) as the core's handler slot; `origin` keeps the function
/// and its opaque pointer for `guestfs_get_error_handler`.
pub fn error_handler(cb: Option<ErrorHandlerCb>, opaque: *mut c_void) -> HandlerSlot {
    let opaque = opaque as usize;
    HandlerSlot {
        f: cb.map(|cb| {
            Arc::new(move |h: &crate::Core, msg: &CStr| {
                // SAFETY: a handler the C caller installed, called as libguestfs calls it;
                // the message stays valid until the next error.
                unsafe { cb(g_of(h), opaque as *mut c_void, msg.as_ptr()) }
            }) as crate::handle::errors::ErrorHandlerFn
        }),
        origin: [cb.map(|f| f as usize).unwrap_or(0), opaque],
    }
}

/// The C function and opaque pointer behind a handler slot.
pub fn error_handler_parts(s: &HandlerSlot) -> (Option<ErrorHandlerCb>, *mut c_void) {
    let cb = (s.origin[0] != 0).then(|| {
        // SAFETY: `origin[0]` was stored from an `ErrorHandlerCb` by `error_handler`
        // (the only way the C ABI installs handlers).
        unsafe { std::mem::transmute::<usize, ErrorHandlerCb>(s.origin[0]) }
    });
    (cb, s.origin[1] as *mut c_void)
}

/// A `guestfs_set_event_callback` registration.
pub fn event(cb: EventCb, opaque: *mut c_void) -> EventFn {
    let opaque = opaque as usize;
    Arc::new(move |h, event, idx, buf, array| {
        // A NUL after the bytes (not counted in the length), as 1.48's buffers have:
        // callers such as guestfish print them as C strings.
        let mut copy = Vec::with_capacity(buf.len() + 1);
        copy.extend_from_slice(buf);
        copy.push(0);
        let b = if buf.is_empty() {
            std::ptr::null()
        } else {
            copy.as_ptr() as *const c_char
        };
        let a = if array.is_empty() {
            std::ptr::null()
        } else {
            array.as_ptr()
        };
        // SAFETY: the caller's callback, called with the documented signature; the
        // buffers are valid for the duration of the call.
        unsafe {
            cb(
                g_of(h),
                opaque as *mut c_void,
                event,
                idx as c_int,
                0,
                b,
                buf.len(),
                a,
                array.len(),
            )
        }
    })
}

/// `guestfs_set_log_message_callback`.
pub fn log_message(cb: LogMessageCb, opaque: *mut c_void) -> EventFn {
    let opaque = opaque as usize;
    Arc::new(move |h, _event, _idx, buf, _array| {
        let mut copy = Vec::with_capacity(buf.len() + 1);
        copy.extend_from_slice(buf);
        copy.push(0);
        // SAFETY: the caller's callback with a NUL-terminated copy of the message.
        unsafe {
            cb(
                g_of(h),
                opaque as *mut c_void,
                copy.as_mut_ptr() as *mut c_char,
                buf.len() as c_int,
            )
        }
    })
}

/// `guestfs_set_{subprocess_quit,launch_done,close}_callback`.
pub fn void(cb: VoidCb, opaque: *mut c_void) -> EventFn {
    let opaque = opaque as usize;
    // SAFETY: the caller's callback, called with its documented signature.
    Arc::new(move |h, _event, _idx, _buf, _array| unsafe { cb(g_of(h), opaque as *mut c_void) })
}

/// `guestfs_set_progress_callback`: the four numbers of a PROGRESS event.
pub fn progress(cb: ProgressCb, opaque: *mut c_void) -> EventFn {
    let opaque = opaque as usize;
    Arc::new(move |h, _event, _idx, _buf, array| {
        if array.len() >= 4 {
            // SAFETY: the caller's callback, called with its documented signature.
            unsafe {
                cb(
                    g_of(h),
                    opaque as *mut c_void,
                    array[0] as c_int,
                    array[1] as c_int,
                    array[2],
                    array[3],
                )
            }
        }
    })
}
