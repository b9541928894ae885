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

use guestfs_protocol::{FieldValue, RetValue, StructValue, Value};

use super::Handler;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;
use ffi::Hive;

pub const CALLS: &[(&str, Handler)] = &[
    ("hivex_open", hivex_open),
    ("hivex_close", hivex_close),
    ("hivex_root", hivex_root),
    ("hivex_node_name", hivex_node_name),
    ("hivex_node_children", hivex_node_children),
    ("hivex_node_get_child", hivex_node_get_child),
    ("hivex_node_parent", hivex_node_parent),
    ("hivex_node_values", hivex_node_values),
    ("hivex_node_get_value", hivex_node_get_value),
    ("hivex_value_key", hivex_value_key),
    ("hivex_value_type", hivex_value_type),
    ("hivex_value_value", hivex_value_value),
    ("hivex_value_string", hivex_value_string),
    ("hivex_value_utf8", hivex_value_string),
    ("hivex_commit", hivex_commit),
    ("hivex_node_add_child", hivex_node_add_child),
    ("hivex_node_delete_child", hivex_node_delete_child),
    ("hivex_node_set_value", hivex_node_set_value),
];

thread_local! {
    /// The open hive. The daemon serves calls on one thread, so the handle never moves.
    static HIVE: RefCell<Option<Hive>> = const { RefCell::new(None) };
}

/// Runs `f` on the open hive, or fails as 1.48's NEED_HANDLE does.
fn with_hive<T>(r: &Req, f: impl FnOnce(&mut Hive) -> std::io::Result<T>) -> Result<T> {
    HIVE.with(|h| match h.borrow_mut().as_mut() {
        Some(hive) => f(hive).map_err(|e| Error::io(&e, "failed")),
        None => Err(Error::msg(format!(
            "do_{}: you must call 'hivex-open' first to initialize the hivex handle",
            // hivex_value_utf8 is served by do_hivex_value_string in 1.48.
            if r.action.name == "hivex_value_utf8" {
                "hivex_value_string"
            } else {
                r.action.name.as_str()
            }
        ))),
    })
}

/// A string argument as libhivex sees it: a C string, so it ends at the first NUL.
fn c_arg(b: &[u8]) -> CString {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    CString::new(&b[..end]).unwrap_or_default()
}

fn handle_list(v: Vec<u64>) -> RetValue {
    RetValue::StructList(
        v.into_iter()
            .map(|x| StructValue {
                fields: vec![FieldValue::Int64(x as i64)],
            })
            .collect(),
    )
}

fn hivex_open(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    HIVE.with(|h| h.borrow_mut().take());
    let path = super::host_path(d, r, 0, true)?;
    let mut flags = 0;
    for (i, flag) in [
        (0, ffi::OPEN_VERBOSE),
        (1, ffi::OPEN_DEBUG),
        (2, ffi::OPEN_WRITE),
        (3, ffi::OPEN_UNSAFE),
    ] {
        if r.opt_bool(i) == Some(true) {
            flags |= flag;
        }
    }
    let cpath = c_arg(path.as_os_str().as_bytes());
    let hive = Hive::open(&cpath, flags).map_err(|e| Error::io(&e, format!("hivex failed to open {}", r.str(0))))?;
    HIVE.with(|h| *h.borrow_mut() = Some(hive));
    Ok(RetValue::None)
}

fn hivex_close(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |_| Ok(()))?;
    HIVE.with(|h| h.borrow_mut().take());
    Ok(RetValue::None)
}

fn hivex_root(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.root()).map(|n| RetValue::Int64(n as i64))
}

fn hivex_node_name(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.node_name(r.int64(0) as u64)).map(RetValue::Str)
}

fn hivex_node_children(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.node_children(r.int64(0) as u64)).map(handle_list)
}

fn hivex_node_get_child(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let name = c_arg(r.bytes(1));
    with_hive(r, |h| h.node_get_child(r.int64(0) as u64, &name)).map(|n| RetValue::Int64(n as i64))
}

fn hivex_node_parent(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.node_parent(r.int64(0) as u64)).map(|n| RetValue::Int64(n as i64))
}

fn hivex_node_values(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.node_values(r.int64(0) as u64)).map(handle_list)
}

fn hivex_node_get_value(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let key = c_arg(r.bytes(1));
    with_hive(r, |h| h.node_get_value(r.int64(0) as u64, &key)).map(|v| RetValue::Int64(v as i64))
}

fn hivex_value_key(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.value_key(r.int64(0) as u64)).map(RetValue::Str)
}

fn hivex_value_type(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.value_type(r.int64(0) as u64)).map(RetValue::Int64)
}

fn hivex_value_value(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.value_value(r.int64(0) as u64)).map(RetValue::Buffer)
}

fn hivex_value_string(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.value_string(r.int64(0) as u64)).map(RetValue::Str)
}

fn hivex_commit(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let target = match r.args.first() {
        Some(Value::OptStr(Some(f))) => Some(f.clone()),
        _ => None,
    };
    // With no handle the NEED_HANDLE error comes first, as in 1.48.
    with_hive(r, |_| Ok(()))?;
    let Some(f) = target else {
        return with_hive(r, |h| h.commit(None))
            .map_err(|e| prefixed(e, "commit failed"))
            .map(|()| RetValue::None);
    };
    // There is no optional Pathname type, so 1.48 checks this one by hand.
    if f.first() != Some(&b'/') {
        return Err(Error::msg("do_hivex_commit: path must start with a / character"));
    }
    if !super::mount::is_root_mounted(&d.sysroot) {
        return Err(Error::msg(
            "do_hivex_commit: you must call 'mount' first to mount the root filesystem",
        ));
    }
    let host = d
        .sysroot
        .resolve(&f, true)
        .map_err(|e| Error::io(&e, String::from_utf8_lossy(&f)))?;
    let chost = c_arg(host.as_os_str().as_bytes());
    let name = String::from_utf8_lossy(&f).into_owned();
    with_hive(r, |h| h.commit(Some(&chost)))
        .map_err(|e| prefixed(e, &format!("{name}: commit failed")))
        .map(|()| RetValue::None)
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

fn hivex_node_add_child(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let name = c_arg(r.bytes(1));
    with_hive(r, |h| h.node_add_child(r.int64(0) as u64, &name)).map(|n| RetValue::Int64(n as i64))
}

fn hivex_node_delete_child(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_hive(r, |h| h.node_delete_child(r.int64(0) as u64)).map(|()| RetValue::None)
}

fn hivex_node_set_value(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let key = c_arg(r.bytes(1));
    let value = r.bytes(3).to_vec();
    with_hive(r, |h| h.node_set_value(r.int64(0) as u64, &key, r.int64(2), &value)).map(|()| RetValue::None)
}
