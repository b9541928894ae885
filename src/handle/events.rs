//! Events: registered callbacks and their dispatch, including the five old-style
//! `guestfs_set_*_callback` functions, which are ordinary registrations here.

use super::Core;
use crate::capi::guestfs_h;
use std::ffi::{c_char, c_int, c_void};

pub const EVENT_CLOSE: u64 = 0x0001;
pub const EVENT_SUBPROCESS_QUIT: u64 = 0x0002;
pub const EVENT_LAUNCH_DONE: u64 = 0x0004;
pub const EVENT_PROGRESS: u64 = 0x0008;
pub const EVENT_APPLIANCE: u64 = 0x0010;
pub const EVENT_LIBRARY: u64 = 0x0020;
pub const EVENT_TRACE: u64 = 0x0040;
pub const EVENT_ENTER: u64 = 0x0080;
pub const EVENT_LIBVIRT_AUTH: u64 = 0x0100;
pub const EVENT_WARNING: u64 = 0x0200;
pub const EVENT_ALL: u64 = 0x03ff;

/// libguestfs allows this many registrations per handle.
pub const MAX_CALLBACKS: usize = 1000;

pub type EventCb =
    unsafe extern "C" fn(*mut guestfs_h, *mut c_void, u64, c_int, c_int, *const c_char, usize, *const u64, usize);
pub type LogMessageCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void, *mut c_char, c_int);
pub type VoidCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void);
pub type ProgressCb = unsafe extern "C" fn(*mut guestfs_h, *mut c_void, c_int, c_int, u64, u64);

/// What a registration calls.
#[derive(Clone, Copy)]
pub enum Target {
    Event(EventCb),
    /// Old-style callbacks; the `u64` is the event they were registered for, which
    /// identifies the slot that setting them again replaces.
    Log(LogMessageCb),
    Void(VoidCb, u64),
    Progress(ProgressCb),
}

#[derive(Clone, Copy)]
pub struct Registration {
    pub bitmask: u64,
    pub target: Target,
    pub opaque: usize,
}

#[derive(Default)]
pub struct Registry {
    pub slots: Vec<Registration>,
}

impl Registry {
    /// Adds a registration in the first slot past the last live one, as libguestfs does
    /// (deleting the last entry shrinks the array; other deletions leave a hole).
    pub fn add(&mut self, r: Registration) -> Result<usize, crate::Error> {
        if self.slots.len() >= MAX_CALLBACKS {
            return Err(crate::Error::msg("too many event callbacks registered"));
        }
        self.slots.push(r);
        Ok(self.slots.len() - 1)
    }
    pub fn delete(&mut self, idx: usize) {
        if idx < self.slots.len() {
            self.slots[idx].bitmask = 0;
            while self.slots.last().is_some_and(|s| s.bitmask == 0) {
                self.slots.pop();
            }
        }
    }
    fn old_style_slot(&self, event: u64) -> Option<usize> {
        self.slots.iter().position(|s| {
            s.bitmask != 0
                && match s.target {
                    Target::Log(_) => event == super::events::EVENT_APPLIANCE,
                    Target::Void(_, e) => e == event,
                    Target::Progress(_) => event == super::events::EVENT_PROGRESS,
                    Target::Event(_) => false,
                }
        })
    }
    /// Old-style set: replaces the earlier registration of that kind; `None` removes it.
    pub fn set_old_style(&mut self, event: u64, target: Option<Target>, opaque: usize) {
        if let Some(i) = self.old_style_slot(event) {
            self.delete(i);
        }
        if let Some(t) = target {
            let _ = self.add(Registration {
                bitmask: event,
                target: t,
                opaque,
            });
        }
    }
}

const NAMES: &[(u64, &str)] = &[
    (EVENT_APPLIANCE, "appliance"),
    (EVENT_CLOSE, "close"),
    (EVENT_ENTER, "enter"),
    (EVENT_LAUNCH_DONE, "launch_done"),
    (EVENT_LIBRARY, "library"),
    (EVENT_LIBVIRT_AUTH, "libvirt_auth"),
    (EVENT_PROGRESS, "progress"),
    (EVENT_SUBPROCESS_QUIT, "subprocess_quit"),
    (EVENT_TRACE, "trace"),
    (EVENT_WARNING, "warning"),
];

/// `guestfs_event_to_string`: names in alphabetical order joined by commas.
pub fn event_to_string(bitmask: u64) -> String {
    NAMES
        .iter()
        .filter(|(b, _)| bitmask & b != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(",")
}

/// Escapes bytes for stderr output of messages nobody handled (libguestfs's rules).
fn escaped(buf: &[u8], keep_newlines: bool) -> Vec<u8> {
    let mut o = Vec::with_capacity(buf.len());
    for &c in buf {
        match c {
            b'\n' | b'\r' if keep_newlines => o.push(c),
            0x20..=0x7e => o.push(c),
            0 => o.extend_from_slice(b"\\0"),
            7 => o.extend_from_slice(b"\\a"),
            8 => o.extend_from_slice(b"\\b"),
            12 => o.extend_from_slice(b"\\f"),
            b'\n' => o.extend_from_slice(b"\\n"),
            b'\r' => o.extend_from_slice(b"\\r"),
            b'\t' => o.extend_from_slice(b"\\t"),
            11 => o.extend_from_slice(b"\\v"),
            _ => o.extend_from_slice(format!("\\x{c:x}").as_bytes()),
        }
    }
    o
}

impl Core {
    /// Calls every callback registered for `event`, in registration order, with only
    /// the API lock held. When none is registered, message events go to stderr by
    /// libguestfs's rules.
    pub fn emit(&self, event: u64, buf: &[u8], array: &[u64]) {
        let l = self.lock();
        let (matches, verbose, identifier) = {
            let i = l.inner();
            let m: Vec<(usize, Registration)> = i
                .events
                .slots
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, r)| r.bitmask & event != 0)
                .collect();
            (m, i.verbose, i.identifier.clone())
        };
        let g = self.c_ptr();
        for (idx, r) in &matches {
            let opaque = r.opaque as *mut c_void;
            // SAFETY: callbacks registered by the C caller, invoked with the documented
            // signature; buffers are valid for the duration of the call.
            unsafe {
                match r.target {
                    Target::Event(cb) => {
                        // A NUL after the bytes (not counted in the length), as 1.48's
                        // buffers have: callers such as guestfish print them as C strings.
                        let mut copy = buf.to_vec();
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
                        cb(g, opaque, event, *idx as c_int, 0, b, buf.len(), a, array.len());
                    }
                    Target::Log(cb) => {
                        let mut copy = buf.to_vec();
                        copy.push(0);
                        cb(g, opaque, copy.as_mut_ptr() as *mut c_char, buf.len() as c_int);
                    }
                    Target::Void(cb, _) => cb(g, opaque),
                    Target::Progress(cb) => {
                        if array.len() >= 4 {
                            cb(g, opaque, array[0] as c_int, array[1] as c_int, array[2], array[3]);
                        }
                    }
                }
            }
        }
        if !matches.is_empty() {
            return;
        }
        use std::io::Write;
        // stderr may be a pipe whose reader is gone: no SIGPIPE for the caller.
        let _no_sigpipe = guestfs_protocol::sigpipe::NoSigpipe::new();
        let mut err = std::io::stderr().lock();
        match event {
            EVENT_APPLIANCE if verbose => {
                let _ = err.write_all(&escaped(buf, true));
            }
            EVENT_LIBRARY if verbose => {
                let _ = err.write_all(b"libguestfs: ");
                let _ = err.write_all(&escaped(buf, false));
                let _ = err.write_all(b"\n");
            }
            EVENT_WARNING => {
                let _ = err.write_all(b"libguestfs: warning: ");
                let _ = err.write_all(&escaped(buf, false));
                let _ = err.write_all(b"\n");
            }
            EVENT_TRACE => {
                let _ = err.write_all(b"libguestfs: trace: ");
                if !identifier.is_empty() {
                    let _ = write!(err, "{identifier}: ");
                }
                let _ = err.write_all(&escaped(buf, false));
                let _ = err.write_all(b"\n");
            }
            _ => {}
        }
    }

    /// A library debug message (LIBRARY event), only when verbose.
    pub fn debug(&self, msg: &str) {
        if self.lock().inner().verbose {
            self.emit(EVENT_LIBRARY, msg.as_bytes(), &[]);
        }
    }

    pub fn warning(&self, msg: &str) {
        self.emit(EVENT_WARNING, msg.as_bytes(), &[]);
    }

    pub fn trace_line(&self, line: &str) {
        self.emit(EVENT_TRACE, line.as_bytes(), &[]);
    }
}
