//! The public Rust API: [`Handle`], one method per action of the API table, one
//! options struct per action with optional arguments, typed structs, events as closures.
//!
//! It is the library itself, not a binding over the C ABI: a method turns its typed
//! arguments into protocol values and runs the same call path as `guestfs_*` C calls
//! (lock, ENTER event, checks, trace, the action, error recording), then turns the
//! result into its Rust type.
//!
//! # Strings and non-UTF-8 bytes
//!
//! Guest strings (file names, labels, command output …) are bytes: nothing guarantees
//! they are UTF-8. Arguments take `impl AsRef<[u8]>` (so `&str`, `String`, `&[u8]` and
//! `Vec<u8>` all work) and results come back as [`ByteString`], which keeps the exact
//! bytes, compares equal to `&str`, derefs to `[u8]`, and offers `to_str()` (checked)
//! and `to_string_lossy()` (U+FFFD for invalid sequences). Host file names (upload and
//! download ends) are `impl AsRef<Path>`; buffers are `&[u8]` / `Vec<u8>`.
//!
//! # Errors
//!
//! Every method returns `Result<T, `[`Error`]`>`, carrying 1.48's message and errno
//! ([`Error::errno`], [`Error::message`]). Unlike a C handle, a Rust handle prints
//! nothing on stderr when a call fails.
//!
//! # Finding the appliance
//!
//! As with the C library: the installed default path (the `lib/guestfs` directory of the
//! prefix the library was installed into), or `LIBGUESTFS_PATH` (read by
//! [`Handle::new`], like every `LIBGUESTFS_*` variable), or [`Handle::set_path`].
//!
//! # Threads
//!
//! A `Handle` is `Send` and `Sync`; calls on one handle are serialised (one at a time),
//! as in libguestfs. [`Handle::user_cancel`] may be called from another thread while a
//! transfer runs.

mod convert;
mod generated;

use crate::error::Result;
use crate::handle::errors::HandlerSlot;
use crate::handle::events::{self as ev, Registration};
use crate::Core;
use std::sync::Arc;

pub use crate::handle::events::{
    EVENT_ALL, EVENT_APPLIANCE, EVENT_CLOSE, EVENT_ENTER, EVENT_LAUNCH_DONE, EVENT_LIBRARY, EVENT_LIBVIRT_AUTH,
    EVENT_PROGRESS, EVENT_SUBPROCESS_QUIT, EVENT_TRACE, EVENT_WARNING,
};
pub use crate::lifetime::CREATE_NO_ENVIRONMENT;
pub use generated::*;

/// A libguestfs handle: one appliance (once launched) and its configuration.
///
/// Dropping it closes it, as `guestfs_close` does: the appliance is shut down, the
/// CLOSE callbacks run and temporary files go.
pub struct Handle {
    core: Arc<Core>,
}

/// The number of an event callback registration, for [`Handle::delete_event_callback`].
pub type EventHandle = i32;

/// One PROGRESS event: how far a long-running action (upload, download, fill, …) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The action's procedure number and the call's serial number.
    pub proc_nr: u64,
    pub serial: u64,
    /// Done so far and the total, in the action's unit (bytes for transfers).
    pub position: u64,
    pub total: u64,
}

impl Handle {
    /// A new handle, as `guestfs_create`: in the config state, with the `LIBGUESTFS_*`
    /// environment variables applied (`LIBGUESTFS_PATH`, `LIBGUESTFS_DEBUG`,
    /// `LIBGUESTFS_TRACE`, `LIBGUESTFS_BACKEND` …). A bad value there is ignored, as in
    /// 1.48 (the C library only prints it).
    pub fn new() -> Result<Handle> {
        Handle::create_flags(0)
    }

    /// A new handle, as `guestfs_create_flags`: `flags` is 0 or [`CREATE_NO_ENVIRONMENT`]
    /// (then call `parse_environment` or `parse_environment_list` yourself if you want
    /// them). Other bits are refused.
    pub fn create_flags(flags: u32) -> Result<Handle> {
        if flags & !CREATE_NO_ENVIRONMENT != 0 {
            return Err(crate::Error::with_errno(
                libc::EINVAL,
                format!("create_flags: unknown flags {flags:#x}"),
            ));
        }
        // The Rust API returns errors as values: no handler prints them.
        Ok(Handle {
            core: Core::create(flags, HandlerSlot::default()),
        })
    }

    /// Registers `callback` for the events in `events` (a bitmask of `EVENT_*`). It is
    /// called with the event, this registration's number, the message bytes and the
    /// numbers of the event (PROGRESS: proc_nr, serial, position, total). Callbacks run
    /// in the thread making the call, with the handle busy: they must not call the
    /// handle's methods.
    pub fn set_event_callback<F>(&self, callback: F, events: u64) -> Result<EventHandle>
    where
        F: Fn(u64, EventHandle, &[u8], &[u64]) + Send + Sync + 'static,
    {
        let r = Registration {
            bitmask: events,
            callback: Arc::new(move |_core: &Core, event, idx, buf, array| {
                callback(event, idx as EventHandle, buf, array)
            }),
            old_style: None,
        };
        let idx = self.core.lock().inner().events.add(r)?;
        Ok(idx as EventHandle)
    }

    /// Registers `callback` for PROGRESS events (a convenience over
    /// [`set_event_callback`](Handle::set_event_callback)).
    pub fn set_progress_callback<F>(&self, callback: F) -> Result<EventHandle>
    where
        F: Fn(Progress) + Send + Sync + 'static,
    {
        self.set_event_callback(
            move |_event, _h, _buf, a| {
                if let [proc_nr, serial, position, total, ..] = *a {
                    callback(Progress {
                        proc_nr,
                        serial,
                        position,
                        total,
                    })
                }
            },
            EVENT_PROGRESS,
        )
    }

    /// Removes a registration made by [`set_event_callback`](Handle::set_event_callback);
    /// an unknown number is ignored.
    pub fn delete_event_callback(&self, event_handle: EventHandle) {
        if event_handle >= 0 {
            self.core.lock().inner().events.delete(event_handle as usize)
        }
    }
}

/// The names of the events in `events`, comma-separated (`guestfs_event_to_string`).
pub fn event_to_string(events: u64) -> String {
    ev::event_to_string(events)
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.core.close();
    }
}
