//! The C ABI: a thin layer over the core (`crate::call`). Everything `unsafe` about
//! talking to C lives here: pointer checks, turning C strings into Rust values and back,
//! `malloc`ed results, C callbacks wrapped into the core's closures, catching panics.

pub mod call;
pub mod callbacks;
pub mod cstr;
pub mod generated;
pub mod handle_fns;
pub mod optargs;
pub mod ret;
pub mod structs;

use crate::Core;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// The opaque `guestfs_h` of the C API; really a `Core`.
#[allow(non_camel_case_types)]
pub struct guestfs_h {
    _private: [u8; 0],
}

/// The live handles, by the address C callers hold. Every entry point looks its `g` up
/// here instead of dereferencing it, so a pointer that is not a handle (or was closed) is
/// rejected. Each call holds its own `Arc` for its duration: a `guestfs_close` racing a
/// call in another thread removes the entry, but the memory is freed only when the last
/// call holding it returns (1.48 leaves that race undefined).
static LIVE: Mutex<Option<HashMap<usize, Arc<Core>>>> = Mutex::new(None);

/// The pointer C callers hold for `h` (callbacks receive it).
pub(crate) fn g_of(h: &Core) -> *mut guestfs_h {
    h.c_ptr() as *mut guestfs_h
}

/// Adds a new handle to the live set and returns the pointer C callers will hold.
pub(crate) fn register(h: Arc<Core>) -> *mut guestfs_h {
    let p = Arc::as_ptr(&h) as *mut guestfs_h;
    LIVE.lock().get_or_insert_with(HashMap::new).insert(p as usize, h);
    p
}

/// Takes a handle off the live set; later lookups of `g` fail.
pub(crate) fn unregister(g: *mut guestfs_h) -> Option<Arc<Core>> {
    LIVE.lock().as_mut().and_then(|s| s.remove(&(g as usize)))
}

pub(crate) fn all_live() -> Vec<usize> {
    LIVE.lock()
        .as_ref()
        .map(|s| s.keys().copied().collect())
        .unwrap_or_default()
}

/// The handle behind `g`, if `g` is a live handle.
pub(crate) fn handle(g: *mut guestfs_h) -> Option<Arc<Core>> {
    let found = if g.is_null() {
        None
    } else {
        LIVE.lock().as_ref().and_then(|s| s.get(&(g as usize)).cloned())
    };
    if found.is_none() && !g.is_null() {
        eprintln!("libguestfs: error: invalid or closed guestfs_h pointer {g:p}");
    }
    found
}

/// Runs `f` with the handle behind `g`, turning a panic into `err` plus a recorded error.
pub(crate) fn with_handle<T>(g: *mut guestfs_h, err: T, f: impl FnOnce(&Core) -> T) -> T {
    let Some(h) = handle(g) else { return err };
    let h = &*h;
    // A call that raced guestfs_close in another thread and lost: the handle is closed (or
    // closing) under it. The close's own callbacks run in the closing thread, which holds
    // the handle lock, and may still use the handle.
    if h.is_closing() && !h.lock_held_by_current_thread() {
        let _ = catch_unwind(AssertUnwindSafe(|| {
            h.set_error(libc::EINVAL, "handle is being closed by another thread")
        }));
        return err;
    }
    match catch_unwind(AssertUnwindSafe(|| f(h))) {
        Ok(v) => v,
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let _ = catch_unwind(AssertUnwindSafe(|| {
                h.set_error(
                    libc::EIO,
                    &format!("internal error in guestfs-rs (please report it): {what}"),
                )
            }));
            err
        }
    }
}

/// Like `with_handle` for functions that take no handle (panics become `err`).
pub(crate) fn guarded<T>(err: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(err)
}
