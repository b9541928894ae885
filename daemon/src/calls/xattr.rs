//! Extended attributes (syscalls) and POSIX ACLs (getfacl/setfacl).

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use guestfs_protocol::structs::Xattr;

use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

/// Linux's limit on one attribute value.
const XATTR_SIZE_MAX: usize = 65536;
/// Used by NTFS for compressed file contents; 1.48 hides it (unreadable anyway).
const HIDDEN: &[u8] = b"user.WofCompressedData";

fn cstr(b: &[u8]) -> Result<CString> {
    CString::new(b).map_err(|_| Error::with_errno(libc::EINVAL, "name contains NUL"))
}

fn last_err() -> std::io::Error {
    std::io::Error::last_os_error()
}

fn list_names(p: &Path, follow: bool) -> std::io::Result<Vec<Vec<u8>>> {
    let c = CString::new(p.as_os_str().as_bytes()).map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    let call = |buf: *mut libc::c_char, len: usize| -> isize {
        // SAFETY: buf is either null with len 0 or points to len writable bytes.
        unsafe {
            if follow {
                libc::listxattr(c.as_ptr(), buf, len)
            } else {
                libc::llistxattr(c.as_ptr(), buf, len)
            }
        }
    };
    let n = call(std::ptr::null_mut(), 0);
    if n < 0 {
        return Err(last_err());
    }
    let mut buf = vec![0u8; n as usize];
    let n = call(buf.as_mut_ptr() as *mut libc::c_char, buf.len());
    if n < 0 {
        return Err(last_err());
    }
    buf.truncate(n as usize);
    Ok(buf
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty() && *s != HIDDEN)
        .map(|s| s.to_vec())
        .collect())
}

fn get_value(p: &Path, name: &[u8], follow: bool) -> Result<Vec<u8>> {
    let c = CString::new(p.as_os_str().as_bytes()).map_err(|_| Error::with_errno(libc::EINVAL, "path contains NUL"))?;
    let n = cstr(name)?;
    let call = |buf: *mut libc::c_void, len: usize| -> isize {
        // SAFETY: buf is either null with len 0 or points to len writable bytes.
        unsafe {
            if follow {
                libc::getxattr(c.as_ptr(), n.as_ptr(), buf, len)
            } else {
                libc::lgetxattr(c.as_ptr(), n.as_ptr(), buf, len)
            }
        }
    };
    let len = call(std::ptr::null_mut(), 0);
    if len < 0 {
        return Err(Error::io(&last_err(), "getxattr"));
    }
    if len as usize > XATTR_SIZE_MAX {
        return Err(Error::msg("extended attribute is too large"));
    }
    let mut buf = vec![0u8; len as usize];
    let len = call(buf.as_mut_ptr() as *mut libc::c_void, buf.len());
    if len < 0 {
        return Err(Error::io(&last_err(), "getxattr"));
    }
    buf.truncate(len as usize);
    Ok(buf)
}

fn xattr(name: Vec<u8>, val: Vec<u8>) -> Xattr {
    Xattr {
        attrname: name.into(),
        attrval: val,
    }
}

fn all_xattrs(p: &Path, follow: bool) -> Result<Vec<Xattr>> {
    let mut names = list_names(p, follow).map_err(|e| Error::io(&e, format!("listxattr: {}", p.display())))?;
    names.sort();
    let mut out = Vec::new();
    for n in names {
        let v = get_value(p, &n, follow).map_err(|e| {
            if e.errno != 0 {
                Error::perror(e.errno, format!("getxattr: {}", String::from_utf8_lossy(&n)))
            } else {
                Error::msg(format!(
                    "{}: extended attribute is too large",
                    String::from_utf8_lossy(&n)
                ))
            }
        })?;
        out.push(xattr(n, v));
    }
    Ok(out)
}

pub fn getxattrs(d: &mut Daemon, path: &GuestPath) -> Result<Vec<Xattr>> {
    let p = path.resolve(d, true)?;
    all_xattrs(&p, true).map_err(|e| rename_listxattr(e, path))
}

pub fn lgetxattrs(d: &mut Daemon, path: &GuestPath) -> Result<Vec<Xattr>> {
    let p = path.resolve(d, false)?;
    all_xattrs(&p, false).map_err(|e| rename_listxattr(e, path))
}

/// Messages name the guest path, not the host one.
fn rename_listxattr(e: Error, path: &GuestPath) -> Error {
    if e.msg.starts_with("listxattr: ") && e.errno != 0 {
        Error::perror(e.errno, format!("listxattr: {path}"))
    } else {
        e
    }
}

pub fn getxattr(d: &mut Daemon, path: &GuestPath, name: &str) -> Result<Vec<u8>> {
    let p = path.resolve(d, true)?;
    get_value(&p, name.as_bytes(), true)
}

pub fn lgetxattr(d: &mut Daemon, path: &GuestPath, name: &str) -> Result<Vec<u8>> {
    let p = path.resolve(d, false)?;
    get_value(&p, name.as_bytes(), false)
}

fn set(d: &Daemon, xattr: &str, val: &str, vallen: i32, path: &GuestPath, follow: bool) -> Result<()> {
    let val = val.as_bytes();
    if vallen as usize > XATTR_SIZE_MAX {
        return Err(Error::msg("extended attribute is too large"));
    }
    if vallen < 0 || vallen as usize > val.len() {
        return Err(Error::msg("vallen is larger than the value string"));
    }
    let p = path.resolve(d, follow)?;
    let c = CString::new(p.as_os_str().as_bytes()).map_err(|_| Error::with_errno(libc::EINVAL, "path contains NUL"))?;
    let n = cstr(xattr.as_bytes())?;
    let v = &val[..vallen as usize];
    // SAFETY: valid C strings and a value buffer of the given length.
    let rc = unsafe {
        if follow {
            libc::setxattr(c.as_ptr(), n.as_ptr(), v.as_ptr() as *const libc::c_void, v.len(), 0)
        } else {
            libc::lsetxattr(c.as_ptr(), n.as_ptr(), v.as_ptr() as *const libc::c_void, v.len(), 0)
        }
    };
    if rc == -1 {
        return Err(Error::io(&last_err(), "setxattr"));
    }
    Ok(())
}

pub fn setxattr(d: &mut Daemon, xattr: &str, val: &str, vallen: i32, path: &GuestPath) -> Result<()> {
    set(d, xattr, val, vallen, path, true)
}

pub fn lsetxattr(d: &mut Daemon, xattr: &str, val: &str, vallen: i32, path: &GuestPath) -> Result<()> {
    set(d, xattr, val, vallen, path, false)
}

fn remove(d: &Daemon, xattr: &str, path: &GuestPath, follow: bool) -> Result<()> {
    let p = path.resolve(d, follow)?;
    let c = CString::new(p.as_os_str().as_bytes()).map_err(|_| Error::with_errno(libc::EINVAL, "path contains NUL"))?;
    let n = cstr(xattr.as_bytes())?;
    // SAFETY: valid C strings.
    let rc = unsafe {
        if follow {
            libc::removexattr(c.as_ptr(), n.as_ptr())
        } else {
            libc::lremovexattr(c.as_ptr(), n.as_ptr())
        }
    };
    if rc == -1 {
        return Err(Error::io(&last_err(), "removexattr"));
    }
    Ok(())
}

pub fn removexattr(d: &mut Daemon, xattr: &str, path: &GuestPath) -> Result<()> {
    remove(d, xattr, path, true)
}

pub fn lremovexattr(d: &mut Daemon, xattr: &str, path: &GuestPath) -> Result<()> {
    remove(d, xattr, path, false)
}

/// For each name: an entry "" whose value is the count (as "N\0"), then the attributes.
pub fn internal_lxattrlist(d: &mut Daemon, path: &GuestPath, names: &[Vec<u8>]) -> Result<Vec<Xattr>> {
    let dir = path.resolve(d, true)?;
    let mut out = Vec::new();
    for name in names {
        let at = out.len();
        out.push(xattr(Vec::new(), Vec::new()));
        if name.is_empty() || name.contains(&b'/') {
            continue;
        }
        let p = dir.join(std::ffi::OsStr::from_bytes(name));
        let Ok(mut names) = list_names(&p, false) else { continue };
        names.sort();
        for n in &names {
            let v = get_value(&p, n, false).map_err(|e| {
                Error::perror(
                    e.errno.max(libc::EIO),
                    format!("getxattr: {}", String::from_utf8_lossy(n)),
                )
            })?;
            out.push(xattr(n.clone(), v));
        }
        let mut count = names.len().to_string().into_bytes();
        count.push(0);
        out[at] = xattr(Vec::new(), count);
    }
    Ok(out)
}

fn acl_flag(t: &str) -> Result<bool> {
    match t {
        "access" => Ok(false),
        "default" => Ok(true),
        _ => Err(Error::msg(format!("invalid acltype parameter: {t}"))),
    }
}

pub fn acl_get_file(d: &mut Daemon, path: &GuestPath, acltype: &str) -> Result<String> {
    let default = acl_flag(acltype)?;
    let p = path.resolve(d, true)?;
    let mut c = Cmd::new("getfacl").args(["--omit-header", "--absolute-names", "--no-effective", "-n"]);
    if default {
        c = c.arg("-d");
    }
    let o = c.arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    // acl_to_text's long form: one entry per line, no blank line at the end.
    let mut t = o.out_text().trim_end().to_string();
    if !t.is_empty() {
        t.push('\n');
    }
    Ok(t)
}

pub fn acl_set_file(d: &mut Daemon, path: &GuestPath, acltype: &str, acl: &str) -> Result<()> {
    let default = acl_flag(acltype)?;
    let p = path.resolve(d, true)?;
    let text = acl.replace(',', "\n");
    if !acl_valid(&text) {
        return Err(Error::perror(libc::EINVAL, path.lossy()));
    }
    let mut c = Cmd::new("setfacl");
    if default {
        c = c.arg("-d");
    }
    let o = c.arg("--set-file=-").arg(&p).stdin_bytes(text.into_bytes()).run();
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    Ok(())
}

/// libacl refuses an ACL with named user/group entries but no mask (setfacl would add
/// one silently); 1.48 reports EINVAL for it.
fn acl_valid(text: &str) -> bool {
    let mut named = false;
    let mut mask = false;
    for e in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut f = e.split(':');
        let tag = f.next().unwrap_or("");
        let qual = f.next().unwrap_or("");
        match tag {
            "u" | "user" | "g" | "group" if !qual.is_empty() => named = true,
            "m" | "mask" => mask = true,
            _ => {}
        }
    }
    !named || mask
}

pub fn acl_delete_def_file(d: &mut Daemon, dir: &GuestPath) -> Result<()> {
    let p = dir.resolve(d, true)?;
    let o = Cmd::new("setfacl").arg("-k").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{dir}: {}", o.err_text())));
    }
    Ok(())
}
