//! Events: registered callbacks (Rust closures) and their dispatch. The C ABI wraps C
//! callbacks, including the five old-style `guestfs_set_*_callback` ones, into closures.

use super::Core;
use std::sync::Arc;

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

/// What a registration runs: the handle, the event, the registration's own number, the
/// message bytes and the array (PROGRESS: proc_nr, serial, position, total).
pub type EventFn = Arc<dyn Fn(&Core, u64, usize, &[u8], &[u64]) + Send + Sync>;

#[derive(Clone)]
pub struct Registration {
    pub bitmask: u64,
    pub callback: EventFn,
    /// For the old-style `guestfs_set_*_callback` registrations: the event they were set
    /// for, which identifies the slot that setting them again replaces.
    pub old_style: Option<u64>,
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
        self.slots
            .iter()
            .position(|s| s.bitmask != 0 && s.old_style == Some(event))
    }
    /// Old-style set: replaces the earlier registration for `event`; `None` removes it.
    pub fn set_old_style(&mut self, event: u64, callback: Option<EventFn>) {
        if let Some(i) = self.old_style_slot(event) {
            self.delete(i);
        }
        if let Some(callback) = callback {
            let _ = self.add(Registration {
                bitmask: event,
                callback,
                old_style: Some(event),
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
            let m: Vec<(usize, EventFn)> = i
                .events
                .slots
                .iter()
                .enumerate()
                .filter(|(_, r)| r.bitmask & event != 0)
                .map(|(idx, r)| (idx, r.callback.clone()))
                .collect();
            (m, i.verbose, i.identifier.clone())
        };
        for (idx, cb) in &matches {
            cb(self, event, *idx, buf, array);
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
