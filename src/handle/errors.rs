//! Last error, errno and error handlers: kept per thread for each handle, as in
//! libguestfs ≥ 1.38 (setting a handler in one thread does not affect another).

use super::Core;
use crate::capi::guestfs_h;
use std::collections::HashMap;
use std::ffi::{c_char, c_void, CString};
use std::thread::ThreadId;

pub type ErrorHandlerCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void, *const c_char);

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
    let m = unsafe { std::ffi::CStr::from_ptr(msg) };
    use std::io::Write;
    // stderr may be a pipe whose reader is gone: no SIGPIPE for the caller.
    let _no_sigpipe = guestfs_protocol::sigpipe::NoSigpipe::new();
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(b"libguestfs: error: ");
    let _ = e.write_all(m.to_bytes());
    let _ = e.write_all(b"\n");
}

#[derive(Clone, Copy)]
pub struct HandlerSlot {
    pub cb: Option<ErrorHandlerCb>,
    pub opaque: usize,
}

impl Default for HandlerSlot {
    fn default() -> Self {
        HandlerSlot {
            cb: Some(default_error_cb),
            opaque: 0,
        }
    }
}

#[derive(Default)]
pub struct ErrorData {
    pub last_error: Option<CString>,
    pub last_errno: i32,
    pub handler: HandlerSlot,
    pub stack: Vec<HandlerSlot>,
}

#[derive(Default)]
pub struct PerThread {
    map: HashMap<ThreadId, ErrorData>,
}

impl PerThread {
    pub fn current(&mut self) -> &mut ErrorData {
        self.map.entry(std::thread::current().id()).or_default()
    }
}

impl Core {
    /// Record an error for this thread, then call this thread's error handler.
    pub fn set_error(&self, errno: i32, message: &str) {
        let msg = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
        let (slot, ptr) = {
            let mut t = self.errors.lock();
            let d = t.current();
            d.last_errno = errno;
            d.last_error = Some(msg);
            (
                d.handler,
                d.last_error.as_ref().map(|c| c.as_ptr()).unwrap_or(std::ptr::null()),
            )
        };
        if let Some(cb) = slot.cb {
            // SAFETY: a handler installed by the caller through the C API, called as
            // libguestfs calls it; the message stays valid until the next error.
            unsafe { cb(self.c_ptr(), slot.opaque as *mut c_void, ptr) };
        }
    }

    pub fn report(&self, e: &crate::Error) {
        self.set_error(e.errno, &e.message);
    }

    pub fn last_error_ptr(&self) -> *const c_char {
        let mut t = self.errors.lock();
        t.current()
            .last_error
            .as_ref()
            .map(|c| c.as_ptr())
            .unwrap_or(std::ptr::null())
    }

    pub fn last_errno(&self) -> i32 {
        self.errors.lock().current().last_errno
    }

    pub fn set_error_handler(&self, cb: Option<ErrorHandlerCb>, opaque: usize) {
        self.errors.lock().current().handler = HandlerSlot { cb, opaque };
    }

    pub fn get_error_handler(&self) -> HandlerSlot {
        self.errors.lock().current().handler
    }

    pub fn push_error_handler(&self, cb: Option<ErrorHandlerCb>, opaque: usize) {
        let mut t = self.errors.lock();
        let d = t.current();
        let old = d.handler;
        d.stack.push(old);
        d.handler = HandlerSlot { cb, opaque };
    }

    /// Popping an empty stack restores the default handler.
    pub fn pop_error_handler(&self) {
        let mut t = self.errors.lock();
        let d = t.current();
        d.handler = d.stack.pop().unwrap_or_default();
    }
}
