//! The C ABI. Everything `unsafe` about talking to C lives here: pointer checks,
//! turning C strings into Rust values and back, `malloc`ed results, catching panics.

pub mod call;
pub mod cstr;
pub mod generated;
pub mod handle_fns;
pub mod optargs;
pub mod ret;
pub mod structs;

use crate::Handle;
use parking_lot::Mutex;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The opaque `guestfs_h` of the C API; really a `Handle`.
#[allow(non_camel_case_types)]
pub struct guestfs_h {
    _private: [u8; 0],
}

/// Addresses of live handles: lets every entry point reject a pointer that is not a
/// handle (or was closed) instead of dereferencing it.
static LIVE: Mutex<Option<HashSet<usize>>> = Mutex::new(None);

pub(crate) fn register(h: *const Handle) {
    LIVE.lock().get_or_insert_with(HashSet::new).insert(h as usize);
}

pub(crate) fn unregister(h: *const Handle) -> bool {
    LIVE.lock().as_mut().is_some_and(|s| s.remove(&(h as usize)))
}

pub(crate) fn all_live() -> Vec<usize> {
    LIVE.lock()
        .as_ref()
        .map(|s| s.iter().copied().collect())
        .unwrap_or_default()
}

/// The handle behind `g`, if `g` is a live handle.
pub(crate) fn handle<'a>(g: *mut guestfs_h) -> Option<&'a Handle> {
    if g.is_null() || !LIVE.lock().as_ref().is_some_and(|s| s.contains(&(g as usize))) {
        if !g.is_null() {
            eprintln!("libguestfs: error: invalid or closed guestfs_h pointer {g:p}");
        }
        return None;
    }
    // SAFETY: `g` is in the live set, so it is a Box<Handle> we leaked in guestfs_create
    // and have not yet freed.
    Some(unsafe { &*(g as *const Handle) })
}

/// Runs `f` with the handle behind `g`, turning a panic into `err` plus a recorded error.
pub(crate) fn with_handle<T>(g: *mut guestfs_h, err: T, f: impl FnOnce(&Handle) -> T) -> T {
    let Some(h) = handle(g) else { return err };
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
