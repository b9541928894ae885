//! The hivex_* calls: one open Windows registry hive, through libhivex.
//!
//! As in 1.48 the daemon keeps a single hive: hivex_open replaces it, hivex_close drops it,
//! and every other call fails with "you must call 'hivex-open' first" while there is none
//! (the message names the C function, `do_hivex_…`, as 1.48's does). Node and value
//! handles are libhivex's offsets, passed through as int64. libhivex failures are
//! reported as 1.48 does: "failed: <strerror>" with the errno.

mod ffi;

use std::cell::RefCell;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

use guestfs_protocol::structs::{HivexNode, HivexValue};

use crate::args::GuestPath;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::HivexOpenOpts;
use ffi::Hive;

thread_local! {
    /// The open hive. The daemon serves calls on one thread, so the handle never moves.
    static HIVE: RefCell<Option<Hive>> = const { RefCell::new(None) };
}

/// Runs `f` on the open hive, or fails as 1.48's NEED_HANDLE does, naming `call`'s C
/// function.
fn with_hive<T>(call: &str, f: impl FnOnce(&mut Hive) -> std::io::Result<T>) -> Result<T> {
    HIVE.with(|h| match h.borrow_mut().as_mut() {
        Some(hive) => f(hive).map_err(|e| Error::io(&e, "failed")),
        None => Err(Error::msg(format!(
            "do_{call}: you must call 'hivex-open' first to initialize the hivex handle"
        ))),
    })
}

/// A string argument as libhivex sees it: a C string, so it ends at the first NUL.
fn c_arg(b: &[u8]) -> CString {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    CString::new(&b[..end]).unwrap_or_default()
}

pub fn hivex_open(d: &mut Daemon, filename: &GuestPath, o: HivexOpenOpts) -> Result<()> {
    HIVE.with(|h| h.borrow_mut().take());
    let path = filename.resolve(d, true)?;
    let mut flags = 0;
    for (set, flag) in [
        (o.verbose, ffi::OPEN_VERBOSE),
        (o.debug, ffi::OPEN_DEBUG),
        (o.write, ffi::OPEN_WRITE),
        (o.r#unsafe, ffi::OPEN_UNSAFE),
    ] {
        if set == Some(true) {
            flags |= flag;
        }
    }
    let cpath = c_arg(path.as_os_str().as_bytes());
    let hive = Hive::open(&cpath, flags).map_err(|e| Error::io(&e, format!("hivex failed to open {filename}")))?;
    HIVE.with(|h| *h.borrow_mut() = Some(hive));
    Ok(())
}

pub fn hivex_close(_d: &mut Daemon) -> Result<()> {
    with_hive("hivex_close", |_| Ok(()))?;
    HIVE.with(|h| h.borrow_mut().take());
    Ok(())
}

pub fn hivex_root(_d: &mut Daemon) -> Result<i64> {
    with_hive("hivex_root", |h| h.root()).map(|n| n as i64)
}

pub fn hivex_node_name(_d: &mut Daemon, nodeh: i64) -> Result<Vec<u8>> {
    with_hive("hivex_node_name", |h| h.node_name(nodeh as u64))
}

pub fn hivex_node_children(_d: &mut Daemon, nodeh: i64) -> Result<Vec<HivexNode>> {
    let v = with_hive("hivex_node_children", |h| h.node_children(nodeh as u64))?;
    Ok(v.into_iter().map(|x| HivexNode { hivex_node_h: x as i64 }).collect())
}

pub fn hivex_node_get_child(_d: &mut Daemon, nodeh: i64, name: &str) -> Result<i64> {
    let name = c_arg(name.as_bytes());
    with_hive("hivex_node_get_child", |h| h.node_get_child(nodeh as u64, &name)).map(|n| n as i64)
}

pub fn hivex_node_parent(_d: &mut Daemon, nodeh: i64) -> Result<i64> {
    with_hive("hivex_node_parent", |h| h.node_parent(nodeh as u64)).map(|n| n as i64)
}

pub fn hivex_node_values(_d: &mut Daemon, nodeh: i64) -> Result<Vec<HivexValue>> {
    let v = with_hive("hivex_node_values", |h| h.node_values(nodeh as u64))?;
    Ok(v.into_iter()
        .map(|x| HivexValue {
            hivex_value_h: x as i64,
        })
        .collect())
}

pub fn hivex_node_get_value(_d: &mut Daemon, nodeh: i64, key: &str) -> Result<i64> {
    let key = c_arg(key.as_bytes());
    with_hive("hivex_node_get_value", |h| h.node_get_value(nodeh as u64, &key)).map(|v| v as i64)
}

pub fn hivex_value_key(_d: &mut Daemon, valueh: i64) -> Result<Vec<u8>> {
    with_hive("hivex_value_key", |h| h.value_key(valueh as u64))
}

pub fn hivex_value_type(_d: &mut Daemon, valueh: i64) -> Result<i64> {
    with_hive("hivex_value_type", |h| h.value_type(valueh as u64))
}

pub fn hivex_value_value(_d: &mut Daemon, valueh: i64) -> Result<Vec<u8>> {
    with_hive("hivex_value_value", |h| h.value_value(valueh as u64))
}

pub fn hivex_value_string(_d: &mut Daemon, valueh: i64) -> Result<Vec<u8>> {
    with_hive("hivex_value_string", |h| h.value_string(valueh as u64))
}

/// The same as hivex_value_string (1.48 serves it with do_hivex_value_string, whose name
/// its error message carries).
pub fn hivex_value_utf8(d: &mut Daemon, valueh: i64) -> Result<Vec<u8>> {
    hivex_value_string(d, valueh)
}

pub fn hivex_commit(d: &mut Daemon, filename: Option<&str>) -> Result<()> {
    // With no handle the NEED_HANDLE error comes first, as in 1.48.
    with_hive("hivex_commit", |_| Ok(()))?;
    let Some(f) = filename else {
        return with_hive("hivex_commit", |h| h.commit(None)).map_err(|e| prefixed(e, "commit failed"));
    };
    // There is no optional Pathname type, so 1.48 checks this one by hand.
    if !f.starts_with('/') {
        return Err(Error::msg("do_hivex_commit: path must start with a / character"));
    }
    if !crate::mounts::is_root_mounted(&d.sysroot) {
        return Err(Error::msg(
            "do_hivex_commit: you must call 'mount' first to mount the root filesystem",
        ));
    }
    let host = d.sysroot.resolve(f.as_bytes(), true).map_err(|e| Error::io(&e, f))?;
    let chost = c_arg(host.as_os_str().as_bytes());
    with_hive("hivex_commit", |h| h.commit(Some(&chost))).map_err(|e| prefixed(e, &format!("{f}: commit failed")))
}

/// Replaces with_hive's "failed" context by `context` (1.48's commit messages).
fn prefixed(e: Error, context: &str) -> Error {
    match e.msg.strip_prefix("failed") {
        Some(rest) => Error {
            msg: format!("{context}{rest}"),
            ..e
        },
        None => e,
    }
}

pub fn hivex_node_add_child(_d: &mut Daemon, parent: i64, name: &str) -> Result<i64> {
    let name = c_arg(name.as_bytes());
    with_hive("hivex_node_add_child", |h| h.node_add_child(parent as u64, &name)).map(|n| n as i64)
}

pub fn hivex_node_delete_child(_d: &mut Daemon, nodeh: i64) -> Result<()> {
    with_hive("hivex_node_delete_child", |h| h.node_delete_child(nodeh as u64))
}

pub fn hivex_node_set_value(_d: &mut Daemon, nodeh: i64, key: &str, t: i64, val: &[u8]) -> Result<()> {
    let key = c_arg(key.as_bytes());
    with_hive("hivex_node_set_value", |h| h.node_set_value(nodeh as u64, &key, t, val))
}
