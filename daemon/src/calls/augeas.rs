//! The aug_* calls: one Augeas session over the mounted guest, through libaugeas.
//!
//! As in 1.48 the daemon keeps a single handle: aug_init replaces it, aug_close drops it,
//! and [`close_session`] drops it when the filesystems are unmounted. Every other call
//! fails with "you must call 'aug-init' first" while there is none. Error texts follow
//! 1.48: "<call>: <its arguments>: <augeas message>[: <minor>][: <details>]".

mod ffi;

use std::cell::RefCell;
use std::ffi::{CStr, CString};

use guestfs_protocol::structs::IntBool;

use crate::args::GuestPath;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::AugTransformOpts;
use ffi::Augeas;

thread_local! {
    /// The session. The daemon serves calls on one thread, so the handle never moves.
    static SESSION: RefCell<Option<Augeas>> = const { RefCell::new(None) };
}

/// Closes the Augeas session if there is one (1.48 does so in umount_all, since open files
/// would keep the unmount from succeeding, and at exit).
pub fn close_session() {
    let old = SESSION.with(|s| s.borrow_mut().take());
    drop(old);
}

/// Runs `f` on the session, or fails as 1.48's NEED_AUG does (it names the C function,
/// `do_<call>`).
fn with_aug<T>(call: &str, f: impl FnOnce(&mut Augeas) -> Result<T>) -> Result<T> {
    SESSION.with(|s| match s.borrow_mut().as_mut() {
        Some(aug) => f(aug),
        None => Err(Error::msg(format!(
            "do_{call}: you must call 'aug-init' first to initialize Augeas"
        ))),
    })
}

/// A string argument as Augeas sees it: a C string, so it ends at the first NUL.
fn c_arg(b: &[u8]) -> CString {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    CString::new(&b[..end]).unwrap_or_default()
}

/// An OptString argument (1.48 passes NULL to Augeas when the caller gave none).
fn opt_string_arg(v: Option<&str>) -> Option<CString> {
    v.map(|v| c_arg(v.as_bytes()))
}

fn text(s: &CStr) -> String {
    String::from_utf8_lossy(s.to_bytes()).into_owned()
}

/// An optional string as C's printf prints it.
fn text_or_null(s: Option<&CStr>) -> String {
    s.map_or_else(|| "(null)".to_string(), text)
}

/// 1.48's AUGEAS_ERROR: `what`, then the handle's error message, minor message and details.
fn aug_error(aug: &Augeas, what: String) -> Error {
    let e = aug.error();
    if e.code == ffi::ENOMEM {
        return Error::msg(format!("{what}: augeas out of memory"));
    }
    let part = |p: Option<Vec<u8>>| {
        p.map(|v| format!(": {}", String::from_utf8_lossy(&v)))
            .unwrap_or_default()
    };
    let message = e
        .message
        .map_or_else(|| "(null)".to_string(), |v| String::from_utf8_lossy(&v).into_owned());
    Error::msg(format!("{what}: {message}{}{}", part(e.minor), part(e.details)))
}

/// Fails with the handle's error when `ret` is -1, else passes it on.
fn check(aug: &Augeas, ret: i32, what: impl FnOnce() -> String) -> Result<i32> {
    if ret == -1 {
        Err(aug_error(aug, what()))
    } else {
        Ok(ret)
    }
}

pub fn aug_init(d: &mut Daemon, root: &GuestPath, flags: i32) -> Result<()> {
    close_session();
    let root = c_arg(root.as_bytes());
    // 1.48 prefixes the sysroot to the path as it is (no symlink resolution): Augeas opens
    // the guest's files itself, under that root.
    let mut full = d.sysroot.root().as_os_str().as_encoded_bytes().to_vec();
    while full.last() == Some(&b'/') {
        full.pop();
    }
    full.extend_from_slice(root.to_bytes());
    let full = c_arg(&full);
    // AUG_NO_ERR_CLOSE keeps the handle on failure so that its error can be reported.
    let aug = Augeas::init(&full, flags as u32 | ffi::NO_ERR_CLOSE)
        .ok_or_else(|| Error::msg("augeas initialization failed"))?;
    if aug.error().code != ffi::NOERROR {
        return Err(aug_error(&aug, format!("aug_init: {} (flags {flags})", text(&root))));
    }
    SESSION.with(|s| *s.borrow_mut() = Some(aug));
    Ok(())
}

pub fn aug_close(_d: &mut Daemon) -> Result<()> {
    with_aug("aug_close", |_| Ok(()))?;
    close_session();
    Ok(())
}

pub fn aug_defvar(_d: &mut Daemon, name: &str, expr: Option<&str>) -> Result<i32> {
    let name = c_arg(name.as_bytes());
    let expr = opt_string_arg(expr);
    with_aug("aug_defvar", |aug| {
        let n = aug.defvar(&name, expr.as_deref());
        check(aug, n, || {
            format!("aug_defvar: {}: {}", text(&name), text_or_null(expr.as_deref()))
        })
    })
}

pub fn aug_defnode(_d: &mut Daemon, name: &str, expr: &str, val: &str) -> Result<IntBool> {
    let (name, expr, val) = (c_arg(name.as_bytes()), c_arg(expr.as_bytes()), c_arg(val.as_bytes()));
    with_aug("aug_defnode", |aug| {
        let (n, created) = aug.defnode(&name, &expr, &val);
        check(aug, n, || {
            format!("aug_defnode: {}: {}: {}", text(&name), text(&expr), text(&val))
        })?;
        Ok(IntBool {
            i: n,
            b: i32::from(created),
        })
    })
}

pub fn aug_get(_d: &mut Daemon, augpath: &str) -> Result<Vec<u8>> {
    let path = c_arg(augpath.as_bytes());
    with_aug("aug_get", |aug| match aug.get(&path) {
        (0, _) => Err(Error::msg("no matching node")),
        (1, Some(v)) => Ok(v),
        // One match without a value (e.g. "/augeas").
        (1, None) => Err(Error::msg("Augeas returned NULL match")),
        _ => Err(aug_error(aug, format!("aug_get: {}", text(&path)))),
    })
}

pub fn aug_set(_d: &mut Daemon, augpath: &str, val: &str) -> Result<()> {
    let (path, val) = (c_arg(augpath.as_bytes()), c_arg(val.as_bytes()));
    with_aug("aug_set", |aug| {
        let n = aug.set(&path, Some(&val));
        check(aug, n, || format!("aug_set: {}: {}", text(&path), text(&val)))
    })?;
    Ok(())
}

pub fn aug_clear(_d: &mut Daemon, augpath: &str) -> Result<()> {
    let path = c_arg(augpath.as_bytes());
    with_aug("aug_clear", |aug| {
        let n = aug.set(&path, None);
        check(aug, n, || format!("aug_clear: {}", text(&path)))
    })?;
    Ok(())
}

pub fn aug_setm(_d: &mut Daemon, base: &str, sub: Option<&str>, val: &str) -> Result<i32> {
    let base = c_arg(base.as_bytes());
    let sub = opt_string_arg(sub);
    let val = c_arg(val.as_bytes());
    with_aug("aug_setm", |aug| {
        let n = aug.setm(&base, sub.as_deref(), &val);
        check(aug, n, || {
            format!(
                "aug_setm: {}: {}: {}",
                text(&base),
                text_or_null(sub.as_deref()),
                text(&val)
            )
        })
    })
}

pub fn aug_insert(_d: &mut Daemon, augpath: &str, label: &str, before: bool) -> Result<()> {
    let (path, label) = (c_arg(augpath.as_bytes()), c_arg(label.as_bytes()));
    with_aug("aug_insert", |aug| {
        let n = aug.insert(&path, &label, before);
        check(aug, n, || {
            format!(
                "aug_insert: {}: {} [before={}]",
                text(&path),
                text(&label),
                i32::from(before)
            )
        })
    })?;
    Ok(())
}

pub fn aug_rm(_d: &mut Daemon, augpath: &str) -> Result<i32> {
    let path = c_arg(augpath.as_bytes());
    with_aug("aug_rm", |aug| {
        let n = aug.rm(&path);
        check(aug, n, || format!("aug_rm: {}", text(&path)))
    })
}

pub fn aug_mv(_d: &mut Daemon, src: &str, dest: &str) -> Result<()> {
    let (src, dest) = (c_arg(src.as_bytes()), c_arg(dest.as_bytes()));
    with_aug("aug_mv", |aug| {
        let n = aug.mv(&src, &dest);
        check(aug, n, || format!("aug_mv: {}: {}", text(&src), text(&dest)))
    })?;
    Ok(())
}

/// aug_match on an open session, with 1.48's error text.
fn match_paths(aug: &Augeas, path: &CStr) -> Result<Vec<Vec<u8>>> {
    aug.matches(path)
        .map_err(|()| aug_error(aug, format!("aug_match: {}", text(path))))
}

pub fn aug_match(_d: &mut Daemon, augpath: &str) -> Result<Vec<Vec<u8>>> {
    let path = c_arg(augpath.as_bytes());
    with_aug("aug_match", |aug| match_paths(aug, &path))
}

/// aug_match of the children (`PATH/*`), sorted. The path may also be a variable.
pub fn aug_ls(_d: &mut Daemon, augpath: &str) -> Result<Vec<Vec<u8>>> {
    let path = c_arg(augpath.as_bytes());
    with_aug("aug_ls", |aug| {
        let p = path.to_bytes();
        if p.len() > 1 && matches!(p.last(), Some(b'/' | b']' | b'*')) {
            return Err(Error::msg("don't use aug-ls with a path that ends with / ] *"));
        }
        let pattern = if p == b"/" {
            c_arg(b"/*")
        } else {
            c_arg(&[p, b"/*"].concat())
        };
        let mut v = match_paths(aug, &pattern)?;
        v.sort();
        Ok(v)
    })
}

pub fn aug_label(_d: &mut Daemon, augpath: &str) -> Result<Vec<u8>> {
    let path = c_arg(augpath.as_bytes());
    with_aug("aug_label", |aug| match aug.label(&path) {
        (-1, _) => Err(aug_error(aug, format!("aug_label: {}", text(&path)))),
        (0, _) => Err(Error::msg("no matching nodes found")),
        (_, Some(l)) => Ok(l),
        (n, None) => Err(Error::msg(format!("internal error: expected label != NULL (r = {n})"))),
    })
}

pub fn aug_save(_d: &mut Daemon) -> Result<()> {
    with_aug("aug_save", |aug| {
        let n = aug.save();
        check(aug, n, || "aug_save".to_string())
    })?;
    Ok(())
}

pub fn aug_load(_d: &mut Daemon) -> Result<()> {
    with_aug("aug_load", |aug| {
        let n = aug.load();
        check(aug, n, || "aug_load".to_string())
    })?;
    Ok(())
}

pub fn aug_transform(_d: &mut Daemon, lens: &str, file: &str, o: AugTransformOpts) -> Result<()> {
    let (lens, file) = (c_arg(lens.as_bytes()), c_arg(file.as_bytes()));
    // Without the optarg the lens is added for the file (1.48 reads `remove` only when set).
    let excl = o.remove.unwrap_or(false);
    with_aug("aug_transform", |aug| {
        let n = aug.transform(&lens, &file, excl);
        let mode = if excl { "excl" } else { "incl" };
        check(aug, n, || {
            format!("aug_transform: {}: {}: {mode}", text(&lens), text(&file))
        })
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A handle on the host's root that loads nothing (no files, no lenses): cheap.
    fn bare() -> Augeas {
        let flags = ffi::NO_ERR_CLOSE | (1 << 3) | (1 << 5); // | AUG_NO_STDINC | AUG_NO_LOAD
        let aug = Augeas::init(&c_arg(b"/"), flags).expect("aug_init");
        assert_eq!(aug.error().code, ffi::NOERROR);
        aug
    }

    #[test]
    fn arguments_end_at_the_first_nul_as_in_c() {
        assert_eq!(c_arg(b"/files/etc\0/hosts").to_bytes(), b"/files/etc");
        assert_eq!(c_arg(b"").to_bytes(), b"");
    }

    #[test]
    fn tree_calls_and_values() {
        let mut aug = bare();
        assert_eq!(aug.set(&c_arg(b"/t/a"), Some(&c_arg(b"1"))), 0);
        assert_eq!(aug.set(&c_arg(b"/t/b"), Some(&c_arg(b"2"))), 0);
        assert_eq!(aug.get(&c_arg(b"/t/b")), (1, Some(b"2".to_vec())));
        assert_eq!(aug.get(&c_arg(b"/t/none")).0, 0);
        assert_eq!(
            aug.matches(&c_arg(b"/t/*")).unwrap(),
            vec![b"/t/a".to_vec(), b"/t/b".to_vec()]
        );
        assert_eq!(aug.matches(&c_arg(b"/t/none")).unwrap(), Vec::<Vec<u8>>::new());
        assert_eq!(aug.label(&c_arg(b"/t/a")), (1, Some(b"a".to_vec())));
        assert_eq!(aug.defvar(&c_arg(b"v"), Some(&c_arg(b"/t/*"))), 2);
        assert_eq!(aug.rm(&c_arg(b"$v")), 2);
        assert_eq!(aug.defnode(&c_arg(b"n"), &c_arg(b"/t/c"), &c_arg(b"3")), (1, true));
        assert_eq!(aug.defnode(&c_arg(b"n"), &c_arg(b"/t/c"), &c_arg(b"4")), (1, false));
    }

    #[test]
    fn errors_are_worded_like_1_48() {
        let mut aug = bare();
        let bad = c_arg(b"/t/[[");
        assert_eq!(aug.set(&bad, Some(&c_arg(b"x"))), -1);
        let e = aug_error(&aug, format!("aug_set: {}: x", text(&bad)));
        assert_eq!(
            e.msg,
            "aug_set: /t/[[: x: Invalid path expression: empty name: /t/|=|[["
        );
        assert_eq!(e.errno, 0);
        assert!(aug.matches(&bad).is_err());
        aug.set(&c_arg(b"/t/a"), None);
        aug.set(&c_arg(b"/t/b"), None);
        assert_eq!(aug.get(&c_arg(b"/t/*")).0, -1);
        let e = aug_error(&aug, "aug_get: /t/*".to_string());
        assert_eq!(
            e.msg,
            "aug_get: /t/*: Too many matches for path expression: There are 2 nodes matching /t/*"
        );
    }
}
