//! Files and directories under the sysroot: tests, creation and removal, metadata,
//! small reads and writes, copies.

use std::ffi::CString;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, DirEntryExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use guestfs_protocol::{FieldValue, RetValue, StructValue};

use super::{host_path, split_lines, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("exists", exists),
    ("is_file", is_file),
    ("is_dir", is_dir),
    ("is_symlink", is_symlink),
    ("mkdir", mkdir),
    ("mkdir_mode", mkdir_mode),
    ("mkdir_p", mkdir_p),
    ("rmdir", rmdir),
    ("rm", rm),
    ("rm_f", rm_f),
    ("rm_rf", rm_rf),
    ("touch", touch),
    ("readdir", readdir),
    ("readlink", readlink),
    ("ll", ll),
    ("chmod", chmod),
    ("chown", chown),
    ("statns", statns),
    ("lstatns", lstatns),
    ("internal_lstatnslist", internal_lstatnslist),
    ("statvfs", statvfs),
    ("filesize", filesize),
    ("internal_write", internal_write),
    ("internal_write_append", internal_write_append),
    ("truncate", truncate),
    ("fill", fill),
    ("cp", cp),
    ("cp_a", cp_a),
    ("cp_r", cp_r),
    ("mv", mv),
    ("ln_s", ln_s),
    ("checksum", checksum),
    ("head", head),
    ("head_n", head_n),
    ("tail", tail),
    ("tail_n", tail_n),
    ("wc_l", wc_l),
    ("du", du),
    ("utimens", utimens),
    ("truncate_size", truncate_size),
    ("fallocate", fallocate),
    ("fallocate64", fallocate64),
    ("ln", ln),
    ("ln_f", ln_f),
    ("ln_sf", ln_sf),
    ("mkfifo", mkfifo),
    ("mknod", mknod),
    ("mknod_b", mknod_b),
    ("mknod_c", mknod_c),
    ("is_chardev", is_chardev),
    ("is_blockdev", is_blockdev),
    ("is_fifo", is_fifo),
    ("is_socket", is_socket),
    ("get_umask", get_umask),
    ("internal_readlinklist", internal_readlinklist),
    ("realpath", realpath),
    ("case_sensitive_path", case_sensitive_path),
    ("copy_file_to_file", copy_file_to_file),
    ("copy_file_to_device", copy_file_to_device),
    ("copy_device_to_file", copy_device_to_file),
    ("copy_device_to_device", copy_device_to_device),
    ("copy_size", copy_size),
    ("dd", dd),
    ("wc_c", wc_c),
    ("wc_w", wc_w),
    ("rename", rename),
    ("mkdtemp", mkdtemp),
    ("mktemp", mktemp),
    ("zero_free_space", zero_free_space),
    ("mklost_and_found", mklost_and_found),
    ("lchown", lchown),
    ("llz", llz),
    ("fill_dir", fill_dir),
    ("copy_attributes", copy_attributes),
    ("write_file", write_file_deprecated),
];

fn exists(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    // lstat, as 1.48: a dangling symlink exists.
    file_test(d, r, false, |_| true)
}

/// is_file / is_dir / is_symlink: a missing path is `false`, other errors are errors.
fn file_test(d: &Daemon, r: &Req, follow: bool, test: fn(&fs::Metadata) -> bool) -> Result<RetValue> {
    let p = match host_path(d, r, 0, follow) {
        Ok(p) => p,
        Err(e) if e.errno == libc::ENOENT || e.errno == libc::ENOTDIR => return Ok(RetValue::Bool(false)),
        Err(e) => return Err(Error::with_errno(e.errno, format!("stat: {}", e.msg))),
    };
    let m = if follow {
        fs::metadata(&p)
    } else {
        fs::symlink_metadata(&p)
    };
    match m {
        Ok(m) => Ok(RetValue::Bool(test(&m))),
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) => Ok(RetValue::Bool(false)),
        Err(e) => Err(Error::io(&e, format!("stat: {}", r.str(0)))),
    }
}

fn is_file(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    file_test(d, r, r.opt_bool(0).unwrap_or(false), |m| m.is_file())
}

fn is_dir(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    file_test(d, r, r.opt_bool(0).unwrap_or(false), |m| m.is_dir())
}

fn is_symlink(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    file_test(d, r, false, |m| m.file_type().is_symlink())
}

fn mkdir_with_mode(d: &Daemon, r: &Req, mode: u32) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    fs::DirBuilder::new()
        .mode(mode)
        .create(&p)
        .map_err(|e| Error::io(&e, r.str(0)))?;
    Ok(RetValue::None)
}

fn mkdir(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    mkdir_with_mode(d, r, 0o777)
}

fn mkdir_mode(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mode = r.int(1);
    if mode < 0 {
        return Err(Error::msg(format!("{}: mode is negative", r.str(0))));
    }
    mkdir_with_mode(d, r, mode as u32)
}

fn mkdir_p(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    match make_dirs(&d.sysroot, r.bytes(0)) {
        Ok(()) => Ok(RetValue::None),
        Err(MkdirPError::NotADirectory) => Err(Error::msg(format!("{}: a path element was not a directory", r.str(0)))),
        Err(MkdirPError::Io(e)) => Err(Error::io(&e, r.str(0))),
    }
}

enum MkdirPError {
    /// Something other than a directory (lstat: a symlink counts) is already at the path.
    NotADirectory,
    Io(std::io::Error),
}

/// 1.48's order of events: mkdir the whole path; EEXIST is fine for a directory; on
/// ENOENT create the parent (once) and retry; any other failure (ENOTDIR when a file sits
/// in the way, EROFS, …) is the error. Iterative, so a hostile path of millions of
/// components cannot exhaust the stack.
fn make_dirs(s: &crate::sysroot::Sysroot, path: &[u8]) -> std::result::Result<(), MkdirPError> {
    // (guest path, parent already created once)
    let mut todo: Vec<(&[u8], bool)> = vec![(path, false)];
    while let Some(&(cur, retried)) = todo.last() {
        let host = s.resolve(cur, false).map_err(MkdirPError::Io)?;
        match fs::DirBuilder::new().mode(0o777).create(&host) {
            Ok(()) => {
                todo.pop();
            }
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => {
                let m = fs::symlink_metadata(&host).map_err(MkdirPError::Io)?;
                if !m.is_dir() {
                    return Err(MkdirPError::NotADirectory);
                }
                todo.pop();
            }
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) && !retried && !is_root(cur) => {
                if let Some(top) = todo.last_mut() {
                    top.1 = true;
                }
                todo.push((parent_of(cur), false));
            }
            Err(e) => return Err(MkdirPError::Io(e)),
        }
    }
    Ok(())
}

fn is_root(p: &[u8]) -> bool {
    p.iter().all(|&b| b == b'/')
}

/// Everything before the last `/` ("/" for "/a").
fn parent_of(p: &[u8]) -> &[u8] {
    match p.iter().rposition(|&b| b == b'/') {
        Some(0) | None => b"/",
        Some(i) => &p[..i],
    }
}

fn rmdir(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    fs::remove_dir(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    Ok(RetValue::None)
}

fn rm(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    fs::remove_file(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    Ok(RetValue::None)
}

fn rm_f(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = match host_path(d, r, 0, false) {
        Ok(p) => p,
        Err(e) if e.errno == libc::ENOENT => return Ok(RetValue::None),
        Err(e) => return Err(e),
    };
    match fs::remove_file(&p) {
        Ok(()) => Ok(RetValue::None),
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(RetValue::None),
        Err(e) => Err(Error::io(&e, r.str(0))),
    }
}

fn rm_rf(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    if r.bytes(0) == b"/" {
        return Err(Error::msg("cannot remove root directory"));
    }
    let p = host_path(d, r, 0, false)?;
    if p == d.sysroot.root() {
        return Err(Error::msg("cannot remove root directory"));
    }
    let o = Cmd::new("rm").arg("-rf").arg("--").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{}: {}", r.str(0), o.err_text())));
    }
    Ok(RetValue::None)
}

fn touch(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    match fs::symlink_metadata(&p) {
        Ok(m) if !m.is_file() => {
            return Err(Error::msg(format!(
                "{}: touch can only be used on a regular files",
                r.str(0)
            )))
        }
        Ok(_) => {}
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
        Err(e) => return Err(Error::io(&e, format!("lstat: {}", r.str(0)))),
    }
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .mode(0o666)
        .custom_flags(libc::O_NOCTTY)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?;
    f.set_modified(std::time::SystemTime::now())
        .map_err(|e| Error::io(&e, format!("futimens: {}", r.str(0))))?;
    Ok(RetValue::None)
}

fn ftyp(ft: fs::FileType) -> u8 {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_block_device() {
        b'b'
    } else if ft.is_char_device() {
        b'c'
    } else if ft.is_dir() {
        b'd'
    } else if ft.is_fifo() {
        b'f'
    } else if ft.is_symlink() {
        b'l'
    } else if ft.is_file() {
        b'r'
    } else if ft.is_socket() {
        b's'
    } else {
        b'u'
    }
}

fn dirent(ino: u64, t: u8, name: &[u8]) -> StructValue {
    StructValue {
        fields: vec![
            FieldValue::Int64(ino as i64),
            FieldValue::Char(t),
            FieldValue::Str(name.to_vec()),
        ],
    }
}

fn readdir(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let rd = fs::read_dir(&p).map_err(|e| Error::io(&e, format!("opendir: {}", r.str(0))))?;
    let mut out = Vec::new();
    // std hides "." and ".."; readdir(3) in 1.48 returns them.
    if let Ok(m) = fs::metadata(&p) {
        out.push(dirent(m.ino(), b'd', b"."));
    }
    if let Ok(m) = fs::metadata(p.join("..")) {
        out.push(dirent(m.ino(), b'd', b".."));
    }
    for e in rd {
        let e = e.map_err(|e| Error::io(&e, "readdir"))?;
        let t = e.file_type().map(ftyp).unwrap_or(b'u');
        out.push(dirent(e.ino(), t, e.file_name().as_bytes()));
    }
    Ok(RetValue::StructList(out))
}

fn readlink(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    // 1.48's message starts with "readlink: " and the library adds the call name again.
    let context = format!("readlink: {}", r.str(0));
    let p = d
        .sysroot
        .resolve(r.bytes(0), false)
        .map_err(|e| Error::io(&e, &context))?;
    let t = fs::read_link(&p).map_err(|e| Error::io(&e, &context))?;
    Ok(RetValue::Str(t.as_os_str().as_bytes().to_vec()))
}

fn ll(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    long_listing(d, r, "-lan")
}

/// ll / llz: 1.48 realpath()s the path first (so a missing path is ENOENT "PATH: …"),
/// then runs ls. Its appliance has no passwd/group entries, so owners print as numbers:
/// `-n` gives the same for every guest.
fn long_listing(d: &Daemon, r: &Req, flags: &str) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    fs::symlink_metadata(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    let o = Cmd::new("ls").arg(flags).arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(RetValue::Str(o.stdout))
}

fn chmod(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mode = r.int(0);
    if mode < 0 {
        return Err(Error::msg(format!("{}: mode is negative", r.str(1))));
    }
    let p = host_path(d, r, 1, true)?;
    fs::set_permissions(&p, fs::Permissions::from_mode(mode as u32))
        .map_err(|e| Error::io(&e, format!("{}: 0{:o}", r.str(1), mode)))?;
    Ok(RetValue::None)
}

fn chown(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (owner, group) = (r.int(0), r.int(1));
    let p = host_path(d, r, 2, true)?;
    let c = cpath(&p)?;
    // SAFETY: c is a valid NUL-terminated path; -1 means "leave unchanged" as in chown(2).
    let rc = unsafe { libc::chown(c.as_ptr(), owner as libc::uid_t, group as libc::gid_t) };
    if rc == -1 {
        return Err(Error::io(
            &std::io::Error::last_os_error(),
            format!("{}: {}.{}", r.str(2), owner, group),
        ));
    }
    Ok(RetValue::None)
}

fn cpath(p: &Path) -> Result<CString> {
    CString::new(p.as_os_str().as_bytes()).map_err(|_| Error::with_errno(libc::EINVAL, "path contains NUL"))
}

pub fn statns_of(m: &fs::Metadata) -> StructValue {
    let v: [i64; 22] = [
        m.dev() as i64,
        m.ino() as i64,
        m.mode() as i64,
        m.nlink() as i64,
        m.uid() as i64,
        m.gid() as i64,
        m.rdev() as i64,
        m.size() as i64,
        m.blksize() as i64,
        m.blocks() as i64,
        m.atime(),
        m.atime_nsec(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec(),
        0,
        0,
        0,
        0,
        0,
        0,
    ];
    StructValue {
        fields: v.iter().map(|&x| FieldValue::Int64(x)).collect(),
    }
}

fn statns(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    Ok(RetValue::Struct(statns_of(&m)))
}

fn lstatns(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    let m = fs::symlink_metadata(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    Ok(RetValue::Struct(statns_of(&m)))
}

fn internal_lstatnslist(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = host_path(d, r, 0, true)?;
    if !fs::metadata(&dir).map_err(|e| Error::io(&e, r.str(0)))?.is_dir() {
        return Err(Error::perror(libc::ENOTDIR, r.str(0)));
    }
    let mut out = Vec::new();
    for name in r.list(1) {
        // Names are single components (the library checks for '/'); a missing entry
        // gets st_ino = -1 as in 1.48.
        let m = if name.contains(&b'/') || name.is_empty() {
            None
        } else {
            fs::symlink_metadata(dir.join(std::ffi::OsStr::from_bytes(name))).ok()
        };
        out.push(match m {
            Some(m) => statns_of(&m),
            None => {
                let mut s = StructValue {
                    fields: vec![FieldValue::Int64(0); 22],
                };
                s.fields[1] = FieldValue::Int64(-1);
                s
            }
        });
    }
    Ok(RetValue::StructList(out))
}

fn statvfs(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let c = cpath(&p)?;
    // SAFETY: zeroed statvfs is a valid out-parameter; c is NUL-terminated.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut s) } == -1 {
        return Err(Error::io(
            &std::io::Error::last_os_error(),
            format!("statvfs: {}", r.str(0)),
        ));
    }
    let v = [
        s.f_bsize as i64,
        s.f_frsize as i64,
        s.f_blocks as i64,
        s.f_bfree as i64,
        s.f_bavail as i64,
        s.f_files as i64,
        s.f_ffree as i64,
        s.f_favail as i64,
        s.f_fsid as i64,
        s.f_flag as i64,
        s.f_namemax as i64,
    ];
    Ok(RetValue::Struct(StructValue {
        fields: v.iter().map(|&x| FieldValue::Int64(x)).collect(),
    }))
}

fn filesize(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    Ok(RetValue::Int64(m.size() as i64))
}

fn write_file(d: &Daemon, r: &Req, append: bool) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let mut o = OpenOptions::new();
    o.write(true).create(true).mode(0o666).custom_flags(libc::O_NOCTTY);
    if append {
        o.append(true);
    } else {
        o.truncate(true);
    }
    let mut f = o.open(&p).map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?;
    f.write_all(r.bytes(1)).map_err(|e| Error::io(&e, "write"))?;
    f.sync_data().ok();
    Ok(RetValue::None)
}

fn internal_write(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    write_file(d, r, false)
}

fn internal_write_append(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    write_file(d, r, true)
}

fn truncate(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let f = OpenOptions::new()
        .write(true)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?;
    f.set_len(0)
        .map_err(|e| Error::io(&e, format!("truncate: {}", r.str(0))))?;
    Ok(RetValue::None)
}

fn fill(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (c, len) = (r.int(0), r.int(1));
    if !(0..=255).contains(&c) {
        return Err(Error::msg("c must be in range [0..255]"));
    }
    if len < 0 {
        return Err(Error::msg("len must be >= 0"));
    }
    let p = host_path(d, r, 2, true)?;
    let mut f = super::create_truncated(&p).map_err(|e| Error::io(&e, r.str(2)))?;
    let buf = vec![c as u8; 65536];
    let total = len as u64;
    let mut done: u64 = 0;
    while done < total {
        let n = (total - done).min(buf.len() as u64) as usize;
        f.write_all(&buf[..n])
            .map_err(|e| Error::io(&e, format!("write: {}", r.str(2))))?;
        done += n as u64;
        d.progress(done, total);
    }
    Ok(RetValue::None)
}

/// cp / mv through the host tools on sysroot paths (the tools' own errors are the message).
fn cpmv(d: &Daemon, r: &Req, prog: &str, flag: Option<&str>, follow_src: bool, follow_dest: bool) -> Result<RetValue> {
    let src = host_path(d, r, 0, follow_src)?;
    let dest = host_path(d, r, 1, follow_dest)?;
    let mut c = Cmd::new(prog);
    if let Some(f) = flag {
        c = c.arg(f);
    }
    let o = c.arg(&src).arg(&dest).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(RetValue::None)
}

fn cp(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    cpmv(d, r, "cp", None, true, true)
}

fn cp_a(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    cpmv(d, r, "cp", Some("-a"), false, true)
}

fn cp_r(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    cpmv(d, r, "cp", Some("-rP"), false, true)
}

fn mv(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    cpmv(d, r, "mv", None, false, false)
}

/// ln -s / ln -sf through the tool, as 1.48 does (the tool's message is kept).
fn symlink_tool(d: &Daemon, r: &Req, flag: &str) -> Result<RetValue> {
    let link = host_path(d, r, 1, false)?;
    let o = Cmd::new("ln")
        .arg(flag)
        .arg("--")
        .arg(std::ffi::OsStr::from_bytes(r.bytes(0)))
        .arg(&link)
        .run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "ln {flag}: {}: {}: {}",
            r.str(0),
            r.str(1),
            o.err_text()
        )));
    }
    Ok(RetValue::None)
}

fn ln_s(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    symlink_tool(d, r, "-s")
}

fn ln_sf(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    symlink_tool(d, r, "-sf")
}

/// Hard links: the target is a guest path too (resolved inside the sysroot).
fn hard_link(d: &Daemon, r: &Req, force: bool) -> Result<RetValue> {
    let target = d
        .sysroot
        .resolve(r.bytes(0), false)
        .map_err(|e| Error::io(&e, format!("link: {}: {}", r.str(0), r.str(1))))?;
    let link = host_path(d, r, 1, false)?;
    if force {
        let _ = fs::remove_file(&link);
    }
    fs::hard_link(&target, &link).map_err(|e| Error::io(&e, format!("link: {}: {}", r.str(0), r.str(1))))?;
    Ok(RetValue::None)
}

fn ln(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    hard_link(d, r, false)
}

fn ln_f(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    hard_link(d, r, true)
}

fn utimens(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    let ns = |n: i64| match n {
        -1 => libc::UTIME_NOW,
        -2 => libc::UTIME_OMIT,
        n => n,
    };
    let times = [
        libc::timespec {
            tv_sec: r.int64(1),
            tv_nsec: ns(r.int64(2)),
        },
        libc::timespec {
            tv_sec: r.int64(3),
            tv_nsec: ns(r.int64(4)),
        },
    ];
    let c = cpath(&p)?;
    // SAFETY: valid path and a two-element timespec array, as utimensat requires.
    let rc = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
    if rc == -1 {
        return Err(Error::io(
            &std::io::Error::last_os_error(),
            format!("utimensat: {}", r.str(0)),
        ));
    }
    Ok(RetValue::None)
}

fn truncate_size(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let size = r.int64(1);
    let f = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?;
    if size < 0 {
        return Err(Error::perror(libc::EINVAL, format!("ftruncate: {}", r.str(0))));
    }
    f.set_len(size as u64)
        .map_err(|e| Error::io(&e, format!("ftruncate: {}", r.str(0))))?;
    Ok(RetValue::None)
}

fn do_fallocate(d: &Daemon, r: &Req, len: i64) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let f = super::create_truncated(&p).map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?;
    use std::os::fd::AsRawFd;
    // SAFETY: a valid open fd; posix_fallocate returns an errno value instead of setting errno.
    let rc = unsafe { libc::posix_fallocate(f.as_raw_fd(), 0, len) };
    if rc != 0 {
        return Err(Error::perror(rc, r.str(0)));
    }
    Ok(RetValue::None)
}

fn fallocate(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let len = r.int(1);
    if len < 0 {
        return Err(Error::msg("length < 0"));
    }
    do_fallocate(d, r, len as i64)
}

fn fallocate64(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    do_fallocate(d, r, r.int64(1))
}

fn make_node(
    d: &Daemon,
    r: &Req,
    kind: u32,
    mode_arg: usize,
    dev: Option<(i32, i32)>,
    path_arg: usize,
) -> Result<RetValue> {
    let mode = r.int(mode_arg);
    if kind != 0 && (mode & !0o7777) != 0 {
        return Err(Error::msg(format!(
            "{:o}: mode must specify only file permission bits",
            mode as u32
        )));
    }
    if mode < 0 {
        return Err(Error::msg(format!("{}: mode is negative", r.str(path_arg))));
    }
    let p = host_path(d, r, path_arg, false)?;
    let c = cpath(&p)?;
    let (maj, min) = dev.unwrap_or((0, 0));
    // SAFETY: valid path; makedev/mknod are plain computations and a syscall.
    let rc = unsafe {
        libc::mknod(
            c.as_ptr(),
            (mode as u32 | kind) as libc::mode_t,
            libc::makedev(maj as u32, min as u32),
        )
    };
    if rc == -1 {
        return Err(Error::io(&std::io::Error::last_os_error(), r.str(path_arg)));
    }
    Ok(RetValue::None)
}

fn mkfifo(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    make_node(d, r, libc::S_IFIFO, 0, None, 1)
}

fn mknod(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    make_node(d, r, 0, 0, Some((r.int(1), r.int(2))), 3)
}

fn mknod_b(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    make_node(d, r, libc::S_IFBLK, 0, Some((r.int(1), r.int(2))), 3)
}

fn mknod_c(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    make_node(d, r, libc::S_IFCHR, 0, Some((r.int(1), r.int(2))), 3)
}

fn is_chardev(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, r, r.opt_bool(0).unwrap_or(false), |m| m.file_type().is_char_device())
}

fn is_blockdev(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, r, r.opt_bool(0).unwrap_or(false), |m| {
        m.file_type().is_block_device()
    })
}

fn is_fifo(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, r, r.opt_bool(0).unwrap_or(false), |m| m.file_type().is_fifo())
}

fn is_socket(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, r, r.opt_bool(0).unwrap_or(false), |m| m.file_type().is_socket())
}

fn get_umask(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    // SAFETY: umask swaps the mask; the second call restores it.
    let old = unsafe { libc::umask(0o022) };
    unsafe { libc::umask(old) };
    Ok(RetValue::Int(old as i32))
}

fn internal_readlinklist(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = host_path(d, r, 0, true)?;
    if !fs::metadata(&dir)
        .map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?
        .is_dir()
    {
        return Err(Error::perror(libc::ENOTDIR, format!("open: {}", r.str(0))));
    }
    let out = r
        .list(1)
        .iter()
        .map(|name| {
            if name.contains(&b'/') || name.is_empty() {
                return Vec::new();
            }
            fs::read_link(dir.join(std::ffi::OsStr::from_bytes(name)))
                .map(|t| t.as_os_str().as_bytes().to_vec())
                .unwrap_or_default()
        })
        .collect();
    Ok(RetValue::StrList(out))
}

fn realpath(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    // Every component must exist, as with realpath(3).
    fs::symlink_metadata(&p).map_err(|e| Error::io(&e, format!("realpath: {}", r.str(0))))?;
    let rest = p.strip_prefix(d.sysroot.root()).unwrap_or(&p);
    let mut out = b"/".to_vec();
    out.extend_from_slice(rest.as_os_str().as_bytes());
    Ok(RetValue::Str(out))
}

fn case_sensitive_path(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let path = r.bytes(0).to_vec();
    // As 1.48: split on '/', skip empty elements, match each case-insensitively; every
    // element but the very last (even if followed only by an empty one) is entered like
    // a directory, and a missing last element is returned as given.
    let elems: Vec<&[u8]> = path.split(|&b| b == b'/').skip(1).collect();
    let mut cur: Vec<u8> = Vec::new();
    for (i, elem) in elems.iter().enumerate() {
        let last = i + 1 == elems.len();
        if elem.is_empty() {
            continue;
        }
        if last && (*elem == b"." || *elem == b"..") {
            return Err(Error::msg("path contains \".\" or \"..\" elements"));
        }
        let dir_guest = if cur.is_empty() { b"/".to_vec() } else { cur.clone() };
        let dir = d
            .sysroot
            .resolve(&dir_guest, true)
            .map_err(|e| Error::io(&e, r.str(0)))?;
        let lc = elem.to_ascii_lowercase();
        let found = fs::read_dir(&dir)
            .map_err(|e| Error::io(&e, String::from_utf8_lossy(&dir_guest)))?
            .flatten()
            .map(|e| e.file_name().as_bytes().to_vec())
            .find(|n| n.to_ascii_lowercase() == lc);
        let name = match found {
            Some(n) => n,
            None if last => elem.to_vec(),
            None => return Err(Error::msg(format!("{}: not found", String::from_utf8_lossy(elem)))),
        };
        cur.push(b'/');
        cur.extend_from_slice(&name);
        if !last {
            let host = d.sysroot.resolve(&cur, true).map_err(|e| Error::io(&e, r.str(0)))?;
            if !host.is_dir() {
                return Err(Error::perror(
                    libc::ENOTDIR,
                    format!("chdir: {}", String::from_utf8_lossy(&name)),
                ));
            }
        }
    }
    if cur.is_empty() {
        cur.push(b'/');
    }
    Ok(RetValue::Str(cur))
}

/// The copy_* family: (source, destination) as host paths or devices, with 1.48's optargs.
fn copy_common(
    d: &mut Daemon,
    r: &Req,
    src: std::path::PathBuf,
    dest: std::path::PathBuf,
    dest_is_file: bool,
) -> Result<RetValue> {
    let srcoff = r.opt_int64(0).unwrap_or(0);
    let destoff = r.opt_int64(1).unwrap_or(0);
    if srcoff < 0 {
        return Err(Error::msg("srcoffset is negative"));
    }
    if destoff < 0 {
        return Err(Error::msg("destoffset is negative"));
    }
    let size = match r.opt_int64(2) {
        Some(s) if s < 0 => return Err(Error::msg("size is negative")),
        Some(s) => Some(s as u64),
        None => None,
    };
    let sparse = r.opt_bool(3).unwrap_or(false);
    let append = r.opt_bool(4).unwrap_or(false);
    if append && !dest_is_file {
        return Err(Error::msg("the append flag cannot be set for this call"));
    }
    copy_bytes(
        d,
        &src,
        &r.str(0),
        &dest,
        &r.str(1),
        dest_is_file,
        srcoff as u64,
        destoff as u64,
        size,
        sparse,
        append,
    )
}

#[allow(clippy::too_many_arguments)]
fn copy_bytes(
    d: &mut Daemon,
    src: &Path,
    src_name: &str,
    dest: &Path,
    dest_name: &str,
    dest_is_file: bool,
    srcoff: u64,
    destoff: u64,
    size: Option<u64>,
    sparse: bool,
    append: bool,
) -> Result<RetValue> {
    use std::io::{Read, Seek, SeekFrom};
    let mut sf = File::open(src).map_err(|e| Error::io(&e, src_name))?;
    let mut o = OpenOptions::new();
    o.write(true).custom_flags(libc::O_NOCTTY);
    if dest_is_file {
        o.create(true).mode(0o666);
        if append {
            o.append(true);
        } else {
            o.truncate(true);
        }
    }
    let mut df = o.open(dest).map_err(|e| Error::io(&e, dest_name))?;
    sf.seek(SeekFrom::Start(srcoff))
        .map_err(|e| Error::io(&e, format!("lseek: {src_name}")))?;
    if !append {
        df.seek(SeekFrom::Start(destoff))
            .map_err(|e| Error::io(&e, format!("lseek: {dest_name}")))?;
    }
    let mut buf = vec![0u8; 65536];
    let mut left = size;
    let mut done = 0u64;
    loop {
        let want = match left {
            Some(0) => break,
            Some(l) => l.min(buf.len() as u64) as usize,
            None => buf.len(),
        };
        let n = sf
            .read(&mut buf[..want])
            .map_err(|e| Error::io(&e, format!("read: {src_name}")))?;
        if n == 0 {
            if left.is_some() {
                return Err(Error::msg(format!("{src_name}: input too short")));
            }
            break;
        }
        if sparse && buf[..n].iter().all(|&b| b == 0) {
            df.seek(SeekFrom::Current(n as i64))
                .map_err(|e| Error::io(&e, format!("{dest_name}: seek (because of sparse flag)")))?;
        } else {
            df.write_all(&buf[..n])
                .map_err(|e| Error::io(&e, format!("{dest_name}: write")))?;
        }
        done += n as u64;
        if let Some(l) = left.as_mut() {
            *l -= n as u64;
            d.progress(done, size.unwrap_or(done));
        }
    }
    // A sparse tail must still extend a file to its full size.
    if sparse && dest_is_file {
        let pos = df.stream_position().map_err(|e| Error::io(&e, dest_name))?;
        if df.metadata().map(|m| m.len() < pos).unwrap_or(false) {
            df.set_len(pos).map_err(|e| Error::io(&e, dest_name))?;
        }
    }
    Ok(RetValue::None)
}

fn dev_path(r: &Req, i: usize) -> std::path::PathBuf {
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(r.bytes(i)))
}

fn copy_file_to_file(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (s, t) = (host_path(d, r, 0, true)?, host_path(d, r, 1, true)?);
    copy_common(d, r, s, t, true)
}

fn copy_file_to_device(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let s = host_path(d, r, 0, true)?;
    copy_common(d, r, s, dev_path(r, 1), false)
}

fn copy_device_to_file(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let t = host_path(d, r, 1, true)?;
    copy_common(d, r, dev_path(r, 0), t, true)
}

fn copy_device_to_device(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    copy_common(d, r, dev_path(r, 0), dev_path(r, 1), false)
}

fn rename(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (a, b) = (host_path(d, r, 0, false)?, host_path(d, r, 1, false)?);
    fs::rename(&a, &b).map_err(|e| Error::io(&e, format!("rename: {}: {}", r.str(0), r.str(1))))?;
    Ok(RetValue::None)
}

/// Replace the trailing "XXXXXX" of a template (EINVAL without one), as mkstemp(3) does.
fn fill_template(tmpl: &[u8], suffix: &[u8]) -> Option<Vec<u8>> {
    if !tmpl.ends_with(b"XXXXXX") {
        return None;
    }
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
        ^ (std::process::id() as u128) << 64;
    let chars = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut v = tmpl[..tmpl.len() - 6].to_vec();
    for _ in 0..6 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        v.push(chars[((seed >> 64) % chars.len() as u128) as usize]);
    }
    v.extend_from_slice(suffix);
    Some(v)
}

/// Create a unique name from a template inside the sysroot; `make` creates it (failing
/// with EEXIST when taken).
fn unique_from_template(
    d: &Daemon,
    r: &Req,
    suffix: &[u8],
    make: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Result<RetValue> {
    let tmpl = r.bytes(0);
    for _ in 0..100 {
        let Some(name) = fill_template(tmpl, suffix) else {
            let mut shown = tmpl.to_vec();
            shown.extend_from_slice(suffix);
            return Err(Error::perror(libc::EINVAL, String::from_utf8_lossy(&shown)));
        };
        let host = d.sysroot.resolve(&name, false).map_err(|e| Error::io(&e, r.str(0)))?;
        match make(&host) {
            Ok(()) => return Ok(RetValue::Str(name)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&e, r.str(0))),
        }
    }
    Err(Error::perror(libc::EEXIST, r.str(0)))
}

fn mkdtemp(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    unique_from_template(d, r, b"", &|p| fs::DirBuilder::new().mode(0o700).create(p))
}

fn mktemp(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let suffix = r.opt_str(0).unwrap_or_default();
    if !suffix.is_empty() && !r.bytes(0).ends_with(b"X") {
        return Err(Error::msg(format!("template {} must end in X", r.str(0))));
    }
    unique_from_template(d, r, suffix.as_bytes(), &|p| {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(p)
            .map(|_| ())
    })
}

/// Fill a directory's filesystem with zeroes, then delete the filler (so the free space
/// compresses or sparsifies well).
fn zero_free_space(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = host_path(d, r, 0, true)?;
    let name = dir.join(format!(".guestfs-zero-free-space-{}", std::process::id()));
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&name)
        .map_err(|e| Error::io(&e, r.str(0)))?;
    let zeroes = vec![0u8; 1 << 20];
    let res = loop {
        match f.write(&zeroes) {
            Ok(0) => break Ok(()),
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => break Err(Error::io(&e, format!("write: {}", r.str(0)))),
        }
    };
    let _ = f.sync_all();
    drop(f);
    let _ = fs::remove_file(&name);
    // SAFETY: sync takes no arguments.
    unsafe { libc::sync() };
    res.map(|_| RetValue::None)
}

fn mklost_and_found(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = host_path(d, r, 0, true)?;
    let o = Cmd::new("mklost+found").chdir(&dir).run();
    if !o.ok() {
        return Err(Error::msg(format!("mklost+found: {}", o.err_or_out())));
    }
    Ok(RetValue::None)
}

fn lchown(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (owner, group) = (r.int(0), r.int(1));
    let p = host_path(d, r, 2, false)?;
    let c = cpath(&p)?;
    // SAFETY: valid path; -1 leaves an id unchanged.
    if unsafe { libc::lchown(c.as_ptr(), owner as libc::uid_t, group as libc::gid_t) } == -1 {
        return Err(Error::io(
            &std::io::Error::last_os_error(),
            format!("{}: {}.{}", r.str(2), owner, group),
        ));
    }
    Ok(RetValue::None)
}

fn llz(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    long_listing(d, r, "-lanZ")
}

fn fill_dir(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = r.str(0);
    for i in 0..r.int(1).max(0) {
        let name = format!("{dir}/{i:08}");
        let p = d
            .sysroot
            .resolve(name.as_bytes(), false)
            .map_err(|e| Error::io(&e, format!("create: {name}")))?;
        OpenOptions::new()
            .write(true)
            .create(true)
            .mode(0o666)
            .custom_flags(libc::O_NOCTTY)
            .open(&p)
            .map_err(|e| Error::io(&e, format!("create: {name}")))?;
    }
    Ok(RetValue::None)
}

fn copy_attributes(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let all = r.opt_bool(0) == Some(true);
    let pick = |i: usize, default_all: bool| r.opt_bool(i).unwrap_or(all && default_all);
    let (mode, xattrs, owner) = (pick(1, true), pick(2, true), pick(3, true));
    let src = host_path(d, r, 0, true)?;
    let dest = host_path(d, r, 1, true)?;
    let sm = fs::metadata(&src).map_err(|e| Error::io(&e, format!("stat: {}", r.str(0))))?;
    let dm = fs::metadata(&dest).map_err(|e| Error::io(&e, format!("stat: {}", r.str(1))))?;
    if mode && (sm.mode() & 0o7777) != (dm.mode() & 0o7777) {
        fs::set_permissions(&dest, fs::Permissions::from_mode(sm.mode() & 0o7777))
            .map_err(|e| Error::io(&e, format!("chmod: {}", r.str(1))))?;
    }
    if owner && (sm.uid() != dm.uid() || sm.gid() != dm.gid()) {
        std::os::unix::fs::chown(&dest, Some(sm.uid()), Some(sm.gid()))
            .map_err(|e| Error::io(&e, format!("chown: {}", r.str(1))))?;
    }
    if xattrs {
        let o = Cmd::new("getfattr")
            .args(["-d", "-m", "-", "--absolute-names"])
            .arg(&src)
            .run();
        if o.ok() && !o.stdout.is_empty() {
            // Rewrite the "# file:" header to the destination and restore.
            let text = o.out_text();
            let body: String = text
                .lines()
                .filter(|l| !l.starts_with("# file:"))
                .map(|l| format!("{l}\n"))
                .collect();
            let input = format!("# file: {}\n{body}", dest.display());
            let o2 = Cmd::new("setfattr")
                .arg("--restore=-")
                .stdin_bytes(input.into_bytes())
                .run();
            if !o2.ok() {
                return Err(Error::msg(format!("setfattr: {}: {}", r.str(1), o2.err_text())));
            }
        }
    }
    Ok(RetValue::None)
}

/// Deprecated write_file: size 0 means "strlen(content)".
fn write_file_deprecated(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let content = r.bytes(1);
    let size = r.int(2);
    if size < 0 {
        return Err(Error::msg("size cannot be negative"));
    }
    let n = if size == 0 { content.len() } else { size as usize };
    if n > content.len() {
        return Err(Error::msg("size parameter is larger than string content"));
    }
    let p = host_path(d, r, 0, true)?;
    let mut f = super::create_truncated(&p).map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?;
    f.write_all(&content[..n]).map_err(|e| Error::io(&e, "write"))?;
    Ok(RetValue::None)
}

/// A Dev_or_Path argument as a host path.
fn dev_or_path(d: &Daemon, r: &Req, i: usize) -> Result<(std::path::PathBuf, bool)> {
    if r.bytes(i).starts_with(b"/dev/") && crate::checks::is_device_parameter(&r.str(i)) {
        Ok((dev_path(r, i), false))
    } else {
        Ok((host_path(d, r, i, true)?, true))
    }
}

fn copy_size(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (s, _) = dev_or_path(d, r, 0)?;
    let (t, is_file) = dev_or_path(d, r, 1)?;
    let size = r.int64(2);
    if size < 0 {
        return Err(Error::msg("size is negative"));
    }
    copy_bytes(
        d,
        &s,
        &r.str(0),
        &t,
        &r.str(1),
        is_file,
        0,
        0,
        Some(size as u64),
        false,
        false,
    )
}

fn dd(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (s, _) = dev_or_path(d, r, 0)?;
    let (t, is_file) = dev_or_path(d, r, 1)?;
    copy_bytes(d, &s, &r.str(0), &t, &r.str(1), is_file, 0, 0, None, false, false)
}

fn open_guest(d: &Daemon, r: &Req, i: usize) -> Result<File> {
    let p = host_path(d, r, i, true)?;
    File::open(&p).map_err(|e| Error::io(&e, r.str(i)))
}

pub fn checksum_program(csumtype: &str) -> Result<&'static str> {
    Ok(match csumtype.to_ascii_lowercase().as_str() {
        "crc" => "cksum",
        "md5" => "md5sum",
        "sha1" => "sha1sum",
        "sha224" => "sha224sum",
        "sha256" => "sha256sum",
        "sha384" => "sha384sum",
        "sha512" => "sha512sum",
        _ => {
            return Err(Error::msg(
                "unknown checksum type, expecting crc|md5|sha1|sha224|sha256|sha384|sha512",
            ))
        }
    })
}

fn checksum(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let prog = checksum_program(&r.str(0))?;
    let f = open_guest(d, r, 1)?;
    let o = Cmd::new(prog).stdin_file(f).run();
    if !o.ok() {
        return Err(Error::msg(format!("{prog}: {}", o.err_text())));
    }
    let first = o
        .stdout
        .split(|b| b.is_ascii_whitespace())
        .next()
        .unwrap_or(&[])
        .to_vec();
    Ok(RetValue::Str(first))
}

fn headtail(d: &Daemon, r: &Req, prog: &str, n: String, path_arg: usize) -> Result<RetValue> {
    let f = open_guest(d, r, path_arg)?;
    let o = Cmd::new(prog).arg("-n").arg(&n).stdin_file(f).run();
    if !o.ok() {
        return Err(Error::msg(format!("{prog} -n {n}: {}", o.err_text())));
    }
    Ok(RetValue::StrList(split_lines(&o.stdout)))
}

fn head(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    headtail(d, r, "head", "10".into(), 0)
}

fn tail(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    headtail(d, r, "tail", "10".into(), 0)
}

fn head_n(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    headtail(d, r, "head", r.int(0).to_string(), 1)
}

fn tail_n(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let n = r.int(0);
    let s = if n >= 0 {
        n.to_string()
    } else {
        format!("+{}", -(n as i64))
    };
    headtail(d, r, "tail", s, 1)
}

fn wc_l(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    wc(d, r, "-l")
}

fn wc_c(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    wc(d, r, "-c")
}

fn wc_w(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    wc(d, r, "-w")
}

fn wc(d: &Daemon, r: &Req, flag: &str) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let f = File::open(&p).map_err(|e| Error::io(&e, format!("wc {flag}: {}", r.str(0))))?;
    let o = Cmd::new("wc").arg(flag).stdin_file(f).run();
    if !o.ok() {
        return Err(Error::msg(format!("wc {flag}: {}", o.err_text())));
    }
    let t = o.out_text();
    t.trim()
        .parse::<i32>()
        .map(RetValue::Int)
        .map_err(|_| Error::msg(format!("cannot parse number: {t}")))
}

fn du(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    let o = Cmd::new("du").arg("-s").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{}: {}", r.str(0), o.err_text())));
    }
    let t = o.out_text();
    t.split_whitespace()
        .next()
        .and_then(|n| n.parse::<i64>().ok())
        .map(RetValue::Int64)
        .ok_or_else(|| Error::msg(format!("{}: could not read output: {t}", r.str(0))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sysroot::Sysroot;

    fn tmp_root() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!(
            "guestfsd-mkdirp-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn parent_of_cuts_at_the_last_slash() {
        assert_eq!(parent_of(b"/a/b/c"), b"/a/b");
        assert_eq!(parent_of(b"/a"), b"/");
        assert_eq!(parent_of(b"/a/b/"), b"/a/b");
        assert!(is_root(b"/") && is_root(b"//") && !is_root(b"/a"));
    }

    #[test]
    fn make_dirs_as_1_48() {
        let d = tmp_root();
        let s = Sysroot::new(&d, true);
        assert!(make_dirs(&s, b"/x/y/z").is_ok());
        assert!(d.join("x/y/z").is_dir());
        assert!(make_dirs(&s, b"/x/y/z/").is_ok());
        fs::write(d.join("file"), b"").unwrap();
        // An existing non-directory at the path itself.
        assert!(matches!(make_dirs(&s, b"/file"), Err(MkdirPError::NotADirectory)));
        // A file in the way further up: mkdir's own ENOTDIR.
        match make_dirs(&s, b"/file/sub/deeper") {
            Err(MkdirPError::Io(e)) => assert_eq!(e.raw_os_error(), Some(libc::ENOTDIR)),
            _ => panic!("expected ENOTDIR"),
        }
        let _ = fs::remove_dir_all(&d);
    }
}
