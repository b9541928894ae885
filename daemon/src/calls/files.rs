//! Files and directories under the sysroot: tests, creation and removal, metadata,
//! small reads and writes, copies.

use std::ffi::CString;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, DirEntryExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use guestfs_protocol::structs::{Dirent, Statns, Statvfs};

use super::split_lines;
use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::{
    CopyAttributesOpts, CopyDeviceToDeviceOpts, CopyDeviceToFileOpts, CopyFileToDeviceOpts, CopyFileToFileOpts,
    IsBlockdevOpts, IsChardevOpts, IsDirOpts, IsFifoOpts, IsFileOpts, IsSocketOpts, MktempOpts,
};

pub fn exists(d: &mut Daemon, path: &GuestPath) -> Result<bool> {
    // lstat, as 1.48: a dangling symlink exists.
    file_test(d, path, false, |_| true)
}

/// is_file / is_dir / is_symlink: a missing path is `false`, other errors are errors.
fn file_test(d: &Daemon, path: &GuestPath, follow: bool, test: fn(&fs::Metadata) -> bool) -> Result<bool> {
    let p = match path.resolve(d, follow) {
        Ok(p) => p,
        Err(e) if e.errno == libc::ENOENT || e.errno == libc::ENOTDIR => return Ok(false),
        Err(e) => return Err(Error::with_errno(e.errno, format!("stat: {}", e.msg))),
    };
    let m = if follow {
        fs::metadata(&p)
    } else {
        fs::symlink_metadata(&p)
    };
    match m {
        Ok(m) => Ok(test(&m)),
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) => Ok(false),
        Err(e) => Err(Error::io(&e, format!("stat: {path}"))),
    }
}

pub fn is_file(d: &mut Daemon, path: &GuestPath, o: IsFileOpts) -> Result<bool> {
    file_test(d, path, o.followsymlinks.unwrap_or(false), |m| m.is_file())
}

pub fn is_dir(d: &mut Daemon, path: &GuestPath, o: IsDirOpts) -> Result<bool> {
    file_test(d, path, o.followsymlinks.unwrap_or(false), |m| m.is_dir())
}

pub fn is_symlink(d: &mut Daemon, path: &GuestPath) -> Result<bool> {
    file_test(d, path, false, |m| m.file_type().is_symlink())
}

fn mkdir_with_mode(d: &Daemon, path: &GuestPath, mode: u32) -> Result<()> {
    let p = path.resolve(d, false)?;
    fs::DirBuilder::new()
        .mode(mode)
        .create(&p)
        .map_err(|e| Error::io(&e, path.lossy()))?;
    Ok(())
}

pub fn mkdir(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    mkdir_with_mode(d, path, 0o777)
}

pub fn mkdir_mode(d: &mut Daemon, path: &GuestPath, mode: i32) -> Result<()> {
    if mode < 0 {
        return Err(Error::msg(format!("{path}: mode is negative")));
    }
    mkdir_with_mode(d, path, mode as u32)
}

pub fn mkdir_p(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    match make_dirs(&d.sysroot, path.as_bytes()) {
        Ok(()) => Ok(()),
        Err(MkdirPError::NotADirectory) => Err(Error::msg(format!("{path}: a path element was not a directory"))),
        Err(MkdirPError::Io(e)) => Err(Error::io(&e, path.lossy())),
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

pub fn rmdir(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, false)?;
    fs::remove_dir(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    Ok(())
}

pub fn rm(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, false)?;
    fs::remove_file(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    Ok(())
}

pub fn rm_f(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    let p = match path.resolve(d, false) {
        Ok(p) => p,
        Err(e) if e.errno == libc::ENOENT => return Ok(()),
        Err(e) => return Err(e),
    };
    match fs::remove_file(&p) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(()),
        Err(e) => Err(Error::io(&e, path.lossy())),
    }
}

pub fn rm_rf(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    if path.as_bytes() == b"/" {
        return Err(Error::msg("cannot remove root directory"));
    }
    let p = path.resolve(d, false)?;
    if p == d.sysroot.root() {
        return Err(Error::msg("cannot remove root directory"));
    }
    let o = Cmd::new("rm").arg("-rf").arg("--").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    Ok(())
}

pub fn touch(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, false)?;
    match fs::symlink_metadata(&p) {
        Ok(m) if !m.is_file() => return Err(Error::msg(format!("{path}: touch can only be used on a regular files"))),
        Ok(_) => {}
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
        Err(e) => return Err(Error::io(&e, format!("lstat: {path}"))),
    }
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .mode(0o666)
        .custom_flags(libc::O_NOCTTY)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {path}")))?;
    // Both times, as futimens(fd, NULL) in 1.48: the change is then an attribute change
    // (inotify's IN_ATTRIB), where setting the modification time alone reads as a write.
    let now = std::time::SystemTime::now();
    f.set_times(fs::FileTimes::new().set_accessed(now).set_modified(now))
        .map_err(|e| Error::io(&e, format!("futimens: {path}")))?;
    Ok(())
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

fn dirent(ino: u64, t: u8, name: &[u8]) -> Dirent {
    Dirent {
        ino: ino as i64,
        ftyp: t,
        name: name.into(),
    }
}

pub fn readdir(d: &mut Daemon, dir: &GuestPath) -> Result<Vec<Dirent>> {
    let p = dir.resolve(d, true)?;
    let rd = fs::read_dir(&p).map_err(|e| Error::io(&e, format!("opendir: {dir}")))?;
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
    Ok(out)
}

pub fn readlink(d: &mut Daemon, path: &GuestPath) -> Result<Vec<u8>> {
    // 1.48's message starts with "readlink: " and the library adds the call name again.
    let context = format!("readlink: {path}");
    let p = d
        .sysroot
        .resolve(path.as_bytes(), false)
        .map_err(|e| Error::io(&e, &context))?;
    let t = fs::read_link(&p).map_err(|e| Error::io(&e, &context))?;
    Ok(t.as_os_str().as_bytes().to_vec())
}

pub fn ll(d: &mut Daemon, directory: &GuestPath) -> Result<Vec<u8>> {
    long_listing(d, directory, "-lan")
}

/// ll / llz: 1.48 realpath()s the path first (so a missing path is ENOENT "PATH: …"),
/// then runs ls. Its appliance has no passwd/group entries, so owners print as numbers:
/// `-n` gives the same for every guest.
fn long_listing(d: &Daemon, directory: &GuestPath, flags: &str) -> Result<Vec<u8>> {
    let p = directory.resolve(d, true)?;
    fs::symlink_metadata(&p).map_err(|e| Error::io(&e, directory.lossy()))?;
    let o = Cmd::new("ls").arg(flags).arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(o.stdout)
}

pub fn chmod(d: &mut Daemon, mode: i32, path: &GuestPath) -> Result<()> {
    if mode < 0 {
        return Err(Error::msg(format!("{path}: mode is negative")));
    }
    let p = path.resolve(d, true)?;
    fs::set_permissions(&p, fs::Permissions::from_mode(mode as u32))
        .map_err(|e| Error::io(&e, format!("{path}: 0{mode:o}")))?;
    Ok(())
}

pub fn chown(d: &mut Daemon, owner: i32, group: i32, path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, true)?;
    let c = cpath(&p)?;
    // SAFETY: c is a valid NUL-terminated path; -1 means "leave unchanged" as in chown(2).
    let rc = unsafe { libc::chown(c.as_ptr(), owner as libc::uid_t, group as libc::gid_t) };
    if rc == -1 {
        return Err(Error::io(
            &std::io::Error::last_os_error(),
            format!("{path}: {owner}.{group}"),
        ));
    }
    Ok(())
}

fn cpath(p: &Path) -> Result<CString> {
    CString::new(p.as_os_str().as_bytes()).map_err(|_| Error::with_errno(libc::EINVAL, "path contains NUL"))
}

pub fn statns_of(m: &fs::Metadata) -> Statns {
    Statns {
        st_dev: m.dev() as i64,
        st_ino: m.ino() as i64,
        st_mode: m.mode() as i64,
        st_nlink: m.nlink() as i64,
        st_uid: m.uid() as i64,
        st_gid: m.gid() as i64,
        st_rdev: m.rdev() as i64,
        st_size: m.size() as i64,
        st_blksize: m.blksize() as i64,
        st_blocks: m.blocks() as i64,
        st_atime_sec: m.atime(),
        st_atime_nsec: m.atime_nsec(),
        st_mtime_sec: m.mtime(),
        st_mtime_nsec: m.mtime_nsec(),
        st_ctime_sec: m.ctime(),
        st_ctime_nsec: m.ctime_nsec(),
        ..Statns::default()
    }
}

pub fn statns(d: &mut Daemon, path: &GuestPath) -> Result<Statns> {
    let p = path.resolve(d, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    Ok(statns_of(&m))
}

pub fn lstatns(d: &mut Daemon, path: &GuestPath) -> Result<Statns> {
    let p = path.resolve(d, false)?;
    let m = fs::symlink_metadata(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    Ok(statns_of(&m))
}

pub fn internal_lstatnslist(d: &mut Daemon, path: &GuestPath, names: &[Vec<u8>]) -> Result<Vec<Statns>> {
    let dir = path.resolve(d, true)?;
    if !fs::metadata(&dir).map_err(|e| Error::io(&e, path.lossy()))?.is_dir() {
        return Err(Error::perror(libc::ENOTDIR, path.lossy()));
    }
    let mut out = Vec::new();
    for name in names {
        // Names are single components (the library checks for '/'); a missing entry
        // gets st_ino = -1 as in 1.48.
        let m = if name.contains(&b'/') || name.is_empty() {
            None
        } else {
            fs::symlink_metadata(dir.join(std::ffi::OsStr::from_bytes(name))).ok()
        };
        out.push(match m {
            Some(m) => statns_of(&m),
            None => Statns {
                st_ino: -1,
                ..Statns::default()
            },
        });
    }
    Ok(out)
}

pub fn statvfs(d: &mut Daemon, path: &GuestPath) -> Result<Statvfs> {
    let p = path.resolve(d, true)?;
    let c = cpath(&p)?;
    // SAFETY: zeroed statvfs is a valid out-parameter; c is NUL-terminated.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut s) } == -1 {
        return Err(Error::io(&std::io::Error::last_os_error(), format!("statvfs: {path}")));
    }
    Ok(Statvfs {
        bsize: s.f_bsize as i64,
        frsize: s.f_frsize as i64,
        blocks: s.f_blocks as i64,
        bfree: s.f_bfree as i64,
        bavail: s.f_bavail as i64,
        files: s.f_files as i64,
        ffree: s.f_ffree as i64,
        favail: s.f_favail as i64,
        fsid: s.f_fsid as i64,
        flag: s.f_flag as i64,
        namemax: s.f_namemax as i64,
    })
}

pub fn filesize(d: &mut Daemon, file: &GuestPath) -> Result<i64> {
    let p = file.resolve(d, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, file.lossy()))?;
    Ok(m.size() as i64)
}

/// internal_write / internal_write_append: the whole content in one go.
fn write_content(d: &Daemon, path: &GuestPath, content: &[u8], append: bool) -> Result<()> {
    let p = path.resolve(d, true)?;
    let mut o = OpenOptions::new();
    o.write(true).create(true).mode(0o666).custom_flags(libc::O_NOCTTY);
    if append {
        o.append(true);
    } else {
        o.truncate(true);
    }
    let mut f = o.open(&p).map_err(|e| Error::io(&e, format!("open: {path}")))?;
    f.write_all(content).map_err(|e| Error::io(&e, "write"))?;
    f.sync_data().ok();
    Ok(())
}

pub fn internal_write(d: &mut Daemon, path: &GuestPath, content: &[u8]) -> Result<()> {
    write_content(d, path, content, false)
}

pub fn internal_write_append(d: &mut Daemon, path: &GuestPath, content: &[u8]) -> Result<()> {
    write_content(d, path, content, true)
}

pub fn truncate(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, true)?;
    let f = OpenOptions::new()
        .write(true)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {path}")))?;
    f.set_len(0).map_err(|e| Error::io(&e, format!("truncate: {path}")))?;
    Ok(())
}

pub fn fill(d: &mut Daemon, c: i32, len: i32, path: &GuestPath) -> Result<()> {
    if !(0..=255).contains(&c) {
        return Err(Error::msg("c must be in range [0..255]"));
    }
    if len < 0 {
        return Err(Error::msg("len must be >= 0"));
    }
    let p = path.resolve(d, true)?;
    let mut f = super::create_truncated(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    let buf = vec![c as u8; 65536];
    let total = len as u64;
    let mut done: u64 = 0;
    while done < total {
        let n = (total - done).min(buf.len() as u64) as usize;
        f.write_all(&buf[..n])
            .map_err(|e| Error::io(&e, format!("write: {path}")))?;
        done += n as u64;
        d.progress(done, total);
    }
    Ok(())
}

/// The source and destination of cp / mv and how each is resolved.
struct Transfer<'a> {
    src: &'a GuestPath,
    dest: &'a GuestPath,
    follow_src: bool,
    follow_dest: bool,
}

/// cp / mv through the host tools on sysroot paths (the tools' own errors are the message).
fn cpmv(d: &Daemon, t: Transfer, prog: &str, flag: Option<&str>) -> Result<()> {
    let src = t.src.resolve(d, t.follow_src)?;
    let dest = t.dest.resolve(d, t.follow_dest)?;
    let mut c = Cmd::new(prog);
    if let Some(f) = flag {
        c = c.arg(f);
    }
    let o = c.arg(&src).arg(&dest).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(())
}

pub fn cp(d: &mut Daemon, src: &GuestPath, dest: &GuestPath) -> Result<()> {
    let t = Transfer {
        src,
        dest,
        follow_src: true,
        follow_dest: true,
    };
    cpmv(d, t, "cp", None)
}

pub fn cp_a(d: &mut Daemon, src: &GuestPath, dest: &GuestPath) -> Result<()> {
    let t = Transfer {
        src,
        dest,
        follow_src: false,
        follow_dest: true,
    };
    cpmv(d, t, "cp", Some("-a"))
}

pub fn cp_r(d: &mut Daemon, src: &GuestPath, dest: &GuestPath) -> Result<()> {
    let t = Transfer {
        src,
        dest,
        follow_src: false,
        follow_dest: true,
    };
    cpmv(d, t, "cp", Some("-rP"))
}

pub fn mv(d: &mut Daemon, src: &GuestPath, dest: &GuestPath) -> Result<()> {
    let t = Transfer {
        src,
        dest,
        follow_src: false,
        follow_dest: false,
    };
    cpmv(d, t, "mv", None)
}

/// ln -s / ln -sf through the tool, as 1.48 does (the tool's message is kept).
fn symlink_tool(d: &Daemon, target: &str, linkname: &GuestPath, flag: &str) -> Result<()> {
    let link = linkname.resolve(d, false)?;
    let o = Cmd::new("ln")
        .arg(flag)
        .arg("--")
        .arg(std::ffi::OsStr::from_bytes(target.as_bytes()))
        .arg(&link)
        .run();
    if !o.ok() {
        return Err(Error::msg(format!("ln {flag}: {target}: {linkname}: {}", o.err_text())));
    }
    Ok(())
}

pub fn ln_s(d: &mut Daemon, target: &str, linkname: &GuestPath) -> Result<()> {
    symlink_tool(d, target, linkname, "-s")
}

pub fn ln_sf(d: &mut Daemon, target: &str, linkname: &GuestPath) -> Result<()> {
    symlink_tool(d, target, linkname, "-sf")
}

/// Hard links: the target is a guest path too (resolved inside the sysroot).
fn hard_link(d: &Daemon, target: &str, linkname: &GuestPath, force: bool) -> Result<()> {
    let context = || format!("link: {target}: {linkname}");
    let target_host = d
        .sysroot
        .resolve(target.as_bytes(), false)
        .map_err(|e| Error::io(&e, context()))?;
    let link = linkname.resolve(d, false)?;
    if force {
        let _ = fs::remove_file(&link);
    }
    fs::hard_link(&target_host, &link).map_err(|e| Error::io(&e, context()))?;
    Ok(())
}

pub fn ln(d: &mut Daemon, target: &str, linkname: &GuestPath) -> Result<()> {
    hard_link(d, target, linkname, false)
}

pub fn ln_f(d: &mut Daemon, target: &str, linkname: &GuestPath) -> Result<()> {
    hard_link(d, target, linkname, true)
}

pub fn utimens(d: &mut Daemon, path: &GuestPath, atsecs: i64, atnsecs: i64, mtsecs: i64, mtnsecs: i64) -> Result<()> {
    let p = path.resolve(d, false)?;
    let ns = |n: i64| match n {
        -1 => libc::UTIME_NOW,
        -2 => libc::UTIME_OMIT,
        n => n,
    };
    let times = [
        libc::timespec {
            tv_sec: atsecs,
            tv_nsec: ns(atnsecs),
        },
        libc::timespec {
            tv_sec: mtsecs,
            tv_nsec: ns(mtnsecs),
        },
    ];
    let c = cpath(&p)?;
    // SAFETY: valid path and a two-element timespec array, as utimensat requires.
    let rc = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
    if rc == -1 {
        return Err(Error::io(
            &std::io::Error::last_os_error(),
            format!("utimensat: {path}"),
        ));
    }
    Ok(())
}

pub fn truncate_size(d: &mut Daemon, path: &GuestPath, size: i64) -> Result<()> {
    let p = path.resolve(d, true)?;
    let f = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {path}")))?;
    if size < 0 {
        return Err(Error::perror(libc::EINVAL, format!("ftruncate: {path}")));
    }
    f.set_len(size as u64)
        .map_err(|e| Error::io(&e, format!("ftruncate: {path}")))?;
    Ok(())
}

fn do_fallocate(d: &Daemon, path: &GuestPath, len: i64) -> Result<()> {
    let p = path.resolve(d, true)?;
    let f = super::create_truncated(&p).map_err(|e| Error::io(&e, format!("open: {path}")))?;
    use std::os::fd::AsRawFd;
    // SAFETY: a valid open fd; posix_fallocate returns an errno value instead of setting errno.
    let rc = unsafe { libc::posix_fallocate(f.as_raw_fd(), 0, len) };
    if rc != 0 {
        return Err(Error::perror(rc, path.lossy()));
    }
    Ok(())
}

pub fn fallocate(d: &mut Daemon, path: &GuestPath, len: i32) -> Result<()> {
    if len < 0 {
        return Err(Error::msg("length < 0"));
    }
    do_fallocate(d, path, len as i64)
}

pub fn fallocate64(d: &mut Daemon, path: &GuestPath, len: i64) -> Result<()> {
    do_fallocate(d, path, len)
}

/// mkfifo / mknod*: `kind` is the file type bits added to `mode` (0: mode carries them).
fn make_node(d: &Daemon, kind: u32, mode: i32, dev: Option<(i32, i32)>, path: &GuestPath) -> Result<()> {
    if kind != 0 && (mode & !0o7777) != 0 {
        return Err(Error::msg(format!(
            "{:o}: mode must specify only file permission bits",
            mode as u32
        )));
    }
    if mode < 0 {
        return Err(Error::msg(format!("{path}: mode is negative")));
    }
    let p = path.resolve(d, false)?;
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
        return Err(Error::io(&std::io::Error::last_os_error(), path.lossy()));
    }
    Ok(())
}

pub fn mkfifo(d: &mut Daemon, mode: i32, path: &GuestPath) -> Result<()> {
    make_node(d, libc::S_IFIFO, mode, None, path)
}

pub fn mknod(d: &mut Daemon, mode: i32, devmajor: i32, devminor: i32, path: &GuestPath) -> Result<()> {
    make_node(d, 0, mode, Some((devmajor, devminor)), path)
}

pub fn mknod_b(d: &mut Daemon, mode: i32, devmajor: i32, devminor: i32, path: &GuestPath) -> Result<()> {
    make_node(d, libc::S_IFBLK, mode, Some((devmajor, devminor)), path)
}

pub fn mknod_c(d: &mut Daemon, mode: i32, devmajor: i32, devminor: i32, path: &GuestPath) -> Result<()> {
    make_node(d, libc::S_IFCHR, mode, Some((devmajor, devminor)), path)
}

pub fn is_chardev(d: &mut Daemon, path: &GuestPath, o: IsChardevOpts) -> Result<bool> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, path, o.followsymlinks.unwrap_or(false), |m| {
        m.file_type().is_char_device()
    })
}

pub fn is_blockdev(d: &mut Daemon, path: &GuestPath, o: IsBlockdevOpts) -> Result<bool> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, path, o.followsymlinks.unwrap_or(false), |m| {
        m.file_type().is_block_device()
    })
}

pub fn is_fifo(d: &mut Daemon, path: &GuestPath, o: IsFifoOpts) -> Result<bool> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, path, o.followsymlinks.unwrap_or(false), |m| m.file_type().is_fifo())
}

pub fn is_socket(d: &mut Daemon, path: &GuestPath, o: IsSocketOpts) -> Result<bool> {
    use std::os::unix::fs::FileTypeExt;
    file_test(d, path, o.followsymlinks.unwrap_or(false), |m| {
        m.file_type().is_socket()
    })
}

pub fn get_umask(_d: &mut Daemon) -> Result<i32> {
    // SAFETY: umask swaps the mask; the second call restores it.
    let old = unsafe { libc::umask(0o022) };
    unsafe { libc::umask(old) };
    Ok(old as i32)
}

pub fn internal_readlinklist(d: &mut Daemon, path: &GuestPath, names: &[Vec<u8>]) -> Result<Vec<Vec<u8>>> {
    let dir = path.resolve(d, true)?;
    if !fs::metadata(&dir)
        .map_err(|e| Error::io(&e, format!("open: {path}")))?
        .is_dir()
    {
        return Err(Error::perror(libc::ENOTDIR, format!("open: {path}")));
    }
    let out = names
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
    Ok(out)
}

pub fn realpath(d: &mut Daemon, path: &GuestPath) -> Result<Vec<u8>> {
    let p = path.resolve(d, true)?;
    // Every component must exist, as with realpath(3).
    fs::symlink_metadata(&p).map_err(|e| Error::io(&e, format!("realpath: {path}")))?;
    let rest = p.strip_prefix(d.sysroot.root()).unwrap_or(&p);
    let mut out = b"/".to_vec();
    out.extend_from_slice(rest.as_os_str().as_bytes());
    Ok(out)
}

pub fn case_sensitive_path(d: &mut Daemon, path: &GuestPath) -> Result<Vec<u8>> {
    let arg = path;
    let path = path.as_bytes();
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
            .map_err(|e| Error::io(&e, arg.lossy()))?;
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
            let host = d.sysroot.resolve(&cur, true).map_err(|e| Error::io(&e, arg.lossy()))?;
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
    Ok(cur)
}

/// The optional arguments the four copy_* calls share (each has its own generated type).
struct CopyOpts {
    srcoffset: Option<i64>,
    destoffset: Option<i64>,
    size: Option<i64>,
    sparse: Option<bool>,
    append: Option<bool>,
}

macro_rules! copy_opts {
    ($o:expr) => {{
        let o = $o;
        CopyOpts {
            srcoffset: o.srcoffset,
            destoffset: o.destoffset,
            size: o.size,
            sparse: o.sparse,
            append: o.append,
        }
    }};
}

/// One end of a copy: the host path (or device) and the name messages use.
struct CopyEnd {
    path: std::path::PathBuf,
    name: String,
}

impl CopyEnd {
    fn guest(d: &Daemon, p: &GuestPath) -> Result<CopyEnd> {
        Ok(CopyEnd {
            path: p.resolve(d, true)?,
            name: p.lossy(),
        })
    }

    fn device(dev: &str) -> CopyEnd {
        CopyEnd {
            path: std::path::PathBuf::from(dev),
            name: dev.to_string(),
        }
    }
}

/// The copy_* family: (source, destination) as host paths or devices, with 1.48's optargs.
fn copy_common(d: &mut Daemon, src: CopyEnd, dest: CopyEnd, dest_is_file: bool, o: CopyOpts) -> Result<()> {
    let srcoff = o.srcoffset.unwrap_or(0);
    let destoff = o.destoffset.unwrap_or(0);
    if srcoff < 0 {
        return Err(Error::msg("srcoffset is negative"));
    }
    if destoff < 0 {
        return Err(Error::msg("destoffset is negative"));
    }
    let size = match o.size {
        Some(s) if s < 0 => return Err(Error::msg("size is negative")),
        Some(s) => Some(s as u64),
        None => None,
    };
    let sparse = o.sparse.unwrap_or(false);
    let append = o.append.unwrap_or(false);
    if append && !dest_is_file {
        return Err(Error::msg("the append flag cannot be set for this call"));
    }
    copy_bytes(
        d,
        &src.path,
        &src.name,
        &dest.path,
        &dest.name,
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
) -> Result<()> {
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
    Ok(())
}

pub fn copy_file_to_file(d: &mut Daemon, src: &GuestPath, dest: &GuestPath, o: CopyFileToFileOpts) -> Result<()> {
    let (s, t) = (CopyEnd::guest(d, src)?, CopyEnd::guest(d, dest)?);
    copy_common(d, s, t, true, copy_opts!(o))
}

pub fn copy_file_to_device(d: &mut Daemon, src: &GuestPath, dest: &str, o: CopyFileToDeviceOpts) -> Result<()> {
    let s = CopyEnd::guest(d, src)?;
    copy_common(d, s, CopyEnd::device(dest), false, copy_opts!(o))
}

pub fn copy_device_to_file(d: &mut Daemon, src: &str, dest: &GuestPath, o: CopyDeviceToFileOpts) -> Result<()> {
    let t = CopyEnd::guest(d, dest)?;
    copy_common(d, CopyEnd::device(src), t, true, copy_opts!(o))
}

pub fn copy_device_to_device(d: &mut Daemon, src: &str, dest: &str, o: CopyDeviceToDeviceOpts) -> Result<()> {
    copy_common(d, CopyEnd::device(src), CopyEnd::device(dest), false, copy_opts!(o))
}

pub fn rename(d: &mut Daemon, oldpath: &GuestPath, newpath: &GuestPath) -> Result<()> {
    let (a, b) = (oldpath.resolve(d, false)?, newpath.resolve(d, false)?);
    fs::rename(&a, &b).map_err(|e| Error::io(&e, format!("rename: {oldpath}: {newpath}")))?;
    Ok(())
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
    template: &GuestPath,
    suffix: &[u8],
    make: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Result<Vec<u8>> {
    let tmpl = template.as_bytes();
    for _ in 0..100 {
        let Some(name) = fill_template(tmpl, suffix) else {
            let mut shown = tmpl.to_vec();
            shown.extend_from_slice(suffix);
            return Err(Error::perror(libc::EINVAL, String::from_utf8_lossy(&shown)));
        };
        let host = d
            .sysroot
            .resolve(&name, false)
            .map_err(|e| Error::io(&e, template.lossy()))?;
        match make(&host) {
            Ok(()) => return Ok(name),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&e, template.lossy())),
        }
    }
    Err(Error::perror(libc::EEXIST, template.lossy()))
}

pub fn mkdtemp(d: &mut Daemon, tmpl: &GuestPath) -> Result<Vec<u8>> {
    unique_from_template(d, tmpl, b"", &|p| fs::DirBuilder::new().mode(0o700).create(p))
}

pub fn mktemp(d: &mut Daemon, tmpl: &GuestPath, o: MktempOpts) -> Result<Vec<u8>> {
    let suffix = o.suffix.unwrap_or_default();
    if !suffix.is_empty() && !tmpl.as_bytes().ends_with(b"X") {
        return Err(Error::msg(format!("template {tmpl} must end in X")));
    }
    unique_from_template(d, tmpl, suffix.as_bytes(), &|p| {
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
pub fn zero_free_space(d: &mut Daemon, directory: &GuestPath) -> Result<()> {
    let dir = directory.resolve(d, true)?;
    let name = dir.join(format!(".guestfs-zero-free-space-{}", std::process::id()));
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&name)
        .map_err(|e| Error::io(&e, directory.lossy()))?;
    let zeroes = vec![0u8; 1 << 20];
    let res = loop {
        match f.write(&zeroes) {
            Ok(0) => break Ok(()),
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => break Err(Error::io(&e, format!("write: {directory}"))),
        }
    };
    let _ = f.sync_all();
    drop(f);
    let _ = fs::remove_file(&name);
    // SAFETY: sync takes no arguments.
    unsafe { libc::sync() };
    res
}

pub fn mklost_and_found(d: &mut Daemon, mountpoint: &GuestPath) -> Result<()> {
    let dir = mountpoint.resolve(d, true)?;
    let o = Cmd::new("mklost+found").chdir(&dir).run();
    if !o.ok() {
        return Err(Error::msg(format!("mklost+found: {}", o.err_or_out())));
    }
    Ok(())
}

pub fn lchown(d: &mut Daemon, owner: i32, group: i32, path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, false)?;
    let c = cpath(&p)?;
    // SAFETY: valid path; -1 leaves an id unchanged.
    if unsafe { libc::lchown(c.as_ptr(), owner as libc::uid_t, group as libc::gid_t) } == -1 {
        return Err(Error::io(
            &std::io::Error::last_os_error(),
            format!("{path}: {owner}.{group}"),
        ));
    }
    Ok(())
}

pub fn llz(d: &mut Daemon, directory: &GuestPath) -> Result<Vec<u8>> {
    long_listing(d, directory, "-lanZ")
}

pub fn fill_dir(d: &mut Daemon, dir: &GuestPath, nr: i32) -> Result<()> {
    let dir = dir.lossy();
    for i in 0..nr.max(0) {
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
    Ok(())
}

pub fn copy_attributes(d: &mut Daemon, src: &GuestPath, dest: &GuestPath, o: CopyAttributesOpts) -> Result<()> {
    let all = o.all == Some(true);
    let pick = |v: Option<bool>| v.unwrap_or(all);
    let (mode, xattrs, owner) = (pick(o.mode), pick(o.xattributes), pick(o.ownership));
    let (src_name, dest_name) = (src, dest);
    let src = src_name.resolve(d, true)?;
    let dest = dest_name.resolve(d, true)?;
    let sm = fs::metadata(&src).map_err(|e| Error::io(&e, format!("stat: {src_name}")))?;
    let dm = fs::metadata(&dest).map_err(|e| Error::io(&e, format!("stat: {dest_name}")))?;
    if mode && (sm.mode() & 0o7777) != (dm.mode() & 0o7777) {
        fs::set_permissions(&dest, fs::Permissions::from_mode(sm.mode() & 0o7777))
            .map_err(|e| Error::io(&e, format!("chmod: {dest_name}")))?;
    }
    if owner && (sm.uid() != dm.uid() || sm.gid() != dm.gid()) {
        std::os::unix::fs::chown(&dest, Some(sm.uid()), Some(sm.gid()))
            .map_err(|e| Error::io(&e, format!("chown: {dest_name}")))?;
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
                return Err(Error::msg(format!("setfattr: {dest_name}: {}", o2.err_text())));
            }
        }
    }
    Ok(())
}

/// Deprecated write_file: size 0 means "strlen(content)".
pub fn write_file(d: &mut Daemon, path: &GuestPath, content: &str, size: i32) -> Result<()> {
    let content = content.as_bytes();
    if size < 0 {
        return Err(Error::msg("size cannot be negative"));
    }
    let n = if size == 0 { content.len() } else { size as usize };
    if n > content.len() {
        return Err(Error::msg("size parameter is larger than string content"));
    }
    let p = path.resolve(d, true)?;
    let mut f = super::create_truncated(&p).map_err(|e| Error::io(&e, format!("open: {path}")))?;
    f.write_all(&content[..n]).map_err(|e| Error::io(&e, "write"))?;
    Ok(())
}

/// A Dev_or_Path argument (a device the dispatcher translated, or a guest path) as a copy
/// end, and whether it is a file.
fn dev_or_path(d: &Daemon, arg: &str) -> Result<(CopyEnd, bool)> {
    if arg.starts_with("/dev/") && crate::checks::is_device_parameter(arg) {
        Ok((CopyEnd::device(arg), false))
    } else {
        Ok((CopyEnd::guest(d, &GuestPath::new(arg.as_bytes()))?, true))
    }
}

pub fn copy_size(d: &mut Daemon, src: &str, dest: &str, size: i64) -> Result<()> {
    let (s, _) = dev_or_path(d, src)?;
    let (t, is_file) = dev_or_path(d, dest)?;
    if size < 0 {
        return Err(Error::msg("size is negative"));
    }
    copy_bytes(
        d,
        &s.path,
        &s.name,
        &t.path,
        &t.name,
        is_file,
        0,
        0,
        Some(size as u64),
        false,
        false,
    )
}

pub fn dd(d: &mut Daemon, src: &str, dest: &str) -> Result<()> {
    let (s, _) = dev_or_path(d, src)?;
    let (t, is_file) = dev_or_path(d, dest)?;
    copy_bytes(d, &s.path, &s.name, &t.path, &t.name, is_file, 0, 0, None, false, false)
}

fn open_guest(d: &Daemon, path: &GuestPath) -> Result<File> {
    let p = path.resolve(d, true)?;
    File::open(&p).map_err(|e| Error::io(&e, path.lossy()))
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

pub fn checksum(d: &mut Daemon, csumtype: &str, path: &GuestPath) -> Result<Vec<u8>> {
    let prog = checksum_program(csumtype)?;
    let f = open_guest(d, path)?;
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
    Ok(first)
}

fn headtail(d: &Daemon, path: &GuestPath, prog: &str, n: String) -> Result<Vec<Vec<u8>>> {
    let f = open_guest(d, path)?;
    let o = Cmd::new(prog).arg("-n").arg(&n).stdin_file(f).run();
    if !o.ok() {
        return Err(Error::msg(format!("{prog} -n {n}: {}", o.err_text())));
    }
    Ok(split_lines(&o.stdout))
}

pub fn head(d: &mut Daemon, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    headtail(d, path, "head", "10".into())
}

pub fn tail(d: &mut Daemon, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    headtail(d, path, "tail", "10".into())
}

pub fn head_n(d: &mut Daemon, nrlines: i32, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    headtail(d, path, "head", nrlines.to_string())
}

pub fn tail_n(d: &mut Daemon, nrlines: i32, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    let n = nrlines;
    let s = if n >= 0 {
        n.to_string()
    } else {
        format!("+{}", -(n as i64))
    };
    headtail(d, path, "tail", s)
}

pub fn wc_l(d: &mut Daemon, path: &GuestPath) -> Result<i32> {
    wc(d, path, "-l")
}

pub fn wc_c(d: &mut Daemon, path: &GuestPath) -> Result<i32> {
    wc(d, path, "-c")
}

pub fn wc_w(d: &mut Daemon, path: &GuestPath) -> Result<i32> {
    wc(d, path, "-w")
}

fn wc(d: &Daemon, path: &GuestPath, flag: &str) -> Result<i32> {
    let p = path.resolve(d, true)?;
    let f = File::open(&p).map_err(|e| Error::io(&e, format!("wc {flag}: {path}")))?;
    let o = Cmd::new("wc").arg(flag).stdin_file(f).run();
    if !o.ok() {
        return Err(Error::msg(format!("wc {flag}: {}", o.err_text())));
    }
    let t = o.out_text();
    t.trim()
        .parse::<i32>()
        .map_err(|_| Error::msg(format!("cannot parse number: {t}")))
}

pub fn du(d: &mut Daemon, path: &GuestPath) -> Result<i64> {
    let p = path.resolve(d, false)?;
    let o = Cmd::new("du").arg("-s").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    let t = o.out_text();
    t.split_whitespace()
        .next()
        .and_then(|n| n.parse::<i64>().ok())
        .ok_or_else(|| Error::msg(format!("{path}: could not read output: {t}")))
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
