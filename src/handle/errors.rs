//! Last error, errno and error handlers: kept per thread for each handle, as in
//! libguestfs ≥ 1.38 (setting a handler in one thread does not affect another).
//!
//! A handler is a Rust closure. The layer that installs it (the C ABI, the Rust API)
//! decides what a thread starts with (`PerThread::initial`) and may tag its handlers
//! with an `origin` so it can recognise them later (the C ABI keeps the C function and
//! its opaque pointer there, to give them back from `guestfs_get_error_handler`).

use super::Core;
use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::sync::Arc;
use std::thread::ThreadId;

/// What an error handler runs: the handle and the message just recorded.
pub type ErrorHandlerFn = Arc<dyn Fn(&Core, &CStr) + Send + Sync>;

/// One installed error handler (or none: `f == None`).
#[derive(Clone, Default)]
pub struct HandlerSlot {
    pub f: Option<ErrorHandlerFn>,
    /// An identity the installer chose (meaningless to the core).
    pub origin: [usize; 2],
}

/// libguestfs's default handler: `libguestfs: error: <msg>` on stderr.
pub fn print_to_stderr(msg: &CStr) {
    use std::io::Write;
    // stderr may be a pipe whose reader is gone: no SIGPIPE for the caller.
    let _no_sigpipe = guestfs_protocol::sigpipe::NoSigpipe::new();
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(b"libguestfs: error: ");
    let _ = e.write_all(msg.to_bytes());
    let _ = e.write_all(b"\n");
}

#[derive(Default)]
pub struct ErrorData {
    /// Shared so the handler receives the very string `guestfs_last_error` returns.
    pub last_error: Option<Arc<CString>>,
    pub last_errno: i32,
    pub handler: HandlerSlot,
    pub stack: Vec<HandlerSlot>,
}

#[derive(Default)]
pub struct PerThread {
    map: HashMap<ThreadId, ErrorData>,
    /// The handler every thread starts with, and what popping an empty stack restores.
    pub initial: HandlerSlot,
}

impl PerThread {
    pub fn current(&mut self) -> &mut ErrorData {
        let initial = &self.initial;
        self.map
            .entry(std::thread::current().id())
            .or_insert_with(|| ErrorData {
                handler: initial.clone(),
                ..Default::default()
            })
    }
}

impl Core {
    /// Record an error for this thread, then call this thread's error handler.
    pub fn set_error(&self, errno: i32, message: &str) {
        let msg = Arc::new(CString::new(message.replace('\0', "\\0")).unwrap_or_default());
        let (handler, msg) = {
            let mut t = self.errors.lock();
            let d = t.current();
            d.last_errno = errno;
            d.last_error = Some(msg.clone());
            (d.handler.f.clone(), msg)
        };
        if let Some(f) = handler {
            f(self, &msg);
        }
    }

    pub fn report(&self, e: &crate::Error) {
        self.set_error(e.errno, &e.message);
    }

    /// The last error of this thread; the pointer stays valid until the next error.
    pub fn last_error_ptr(&self) -> *const std::ffi::c_char {
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

    /// The handler a new thread starts with (set once, when the handle is created).
    pub fn set_initial_error_handler(&self, slot: HandlerSlot) {
        let mut t = self.errors.lock();
        t.initial = slot.clone();
        t.current().handler = slot;
    }

    pub fn set_error_handler(&self, slot: HandlerSlot) {
        self.errors.lock().current().handler = slot;
    }

    pub fn get_error_handler(&self) -> HandlerSlot {
        self.errors.lock().current().handler.clone()
    }

    /// Installs `f` (`None`: no handler, as the library's internal calls do to keep an
    /// expected failure quiet) until `pop_error_handler`; `opaque` is kept as its origin.
    pub fn push_error_handler(&self, f: Option<ErrorHandlerFn>, opaque: usize) {
        self.push_error_handler_slot(HandlerSlot { f, origin: [0, opaque] })
    }

    pub fn push_error_handler_slot(&self, slot: HandlerSlot) {
        let mut t = self.errors.lock();
        let d = t.current();
        let old = std::mem::replace(&mut d.handler, slot);
        d.stack.push(old);
    }

    /// Popping an empty stack restores the initial handler.
    pub fn pop_error_handler(&self) {
        let mut t = self.errors.lock();
        let initial = t.initial.clone();
        let d = t.current();
        d.handler = d.stack.pop().unwrap_or(initial);
    }
}
