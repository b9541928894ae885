//! The FUSE filesystem of a local mount: each kernel request becomes calls of the handle's
//! public actions (`lstatns`, `pread`, `mkdir_mode` …, as 1.48 does, so ENTER events and
//! trace lines show them), made with the handle lock held for that one request. A failed
//! call answers the kernel with the call's errno (EINVAL when the appliance gave none,
//! as 1.48).

use super::cache::{join, split_xattr_groups, DirCache};
use super::nodes::Nodes;
use crate::actions::{nested, reply};
use crate::{Core, Error};
use fuser::{
    FileAttr, FileType, Filesystem, KernelConfig, ReplyAttr, ReplyData, ReplyDirectory, ReplyEmpty, ReplyEntry,
    ReplyOpen, ReplyStatfs, ReplyWrite, ReplyXattr, Request, TimeOrNow,
};
use guestfs_protocol::structs::{Dirent, Statns, Statvfs, Xattr};
use guestfs_protocol::{RetValue, Value};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The most one `pread`/`pwrite` moves (1.48's limit: the protocol's messages are 4 MiB).
const IO_MAX: usize = 2 * 1024 * 1024;

/// What `mount_local`'s arguments and options asked for.
#[derive(Clone, Debug)]
pub struct Settings {
    pub mountpoint: String,
    pub readonly: bool,
    pub debug_calls: bool,
    pub cache_timeout: i32,
    /// How long the kernel may keep names and attributes (libfuse's entry_timeout and
    /// attr_timeout, 1 s unless the options say otherwise).
    pub entry_ttl: Duration,
    pub attr_ttl: Duration,
}

/// A directory listing whose entries the directory cache may be filled for.
struct Listing {
    names: Vec<Vec<u8>>,
    at: Instant,
    stats_done: bool,
    xattrs_done: bool,
}

#[derive(Clone, Copy)]
enum Fetch {
    Stats,
    Xattrs,
}

/// What one setattr request changes.
struct Changes {
    mode: Option<u32>,
    uid: Option<u32>,
    gid: Option<u32>,
    size: Option<u64>,
    atime: Option<TimeOrNow>,
    mtime: Option<TimeOrNow>,
}

/// The last stretch of a file read from the appliance: sequential reads are served in
/// IO_MAX pieces instead of the kernel's 128 KiB requests.
struct ReadAhead {
    path: Vec<u8>,
    offset: u64,
    data: Vec<u8>,
}

pub struct LocalFs<'a> {
    h: &'a Core,
    s: Settings,
    nodes: Nodes,
    cache: DirCache,
    /// Open directories: their listing, read once at the first readdir.
    dirs: HashMap<u64, Vec<Dirent>>,
    /// Directories listed within the cache timeout, and what was fetched about them.
    listed: HashMap<Vec<u8>, Listing>,
    next_fh: u64,
    ahead: Option<ReadAhead>,
}

type R<T> = std::result::Result<T, i32>;

fn s(b: &[u8]) -> Value {
    Value::Str(b.to_vec())
}

/// The errno a failed call leaves, as 1.48's RETURN_ERRNO: 0 (not captured) is EINVAL.
fn errno(e: Error) -> i32 {
    if e.errno > 0 {
        e.errno
    } else {
        libc::EINVAL
    }
}

fn time(sec: i64, nsec: i64) -> SystemTime {
    let ns = nsec.clamp(0, 999_999_999) as u32;
    if sec >= 0 {
        UNIX_EPOCH + Duration::new(sec as u64, ns)
    } else {
        UNIX_EPOCH - Duration::from_secs(sec.unsigned_abs()) + Duration::new(0, ns)
    }
}

fn kind(mode: i64) -> FileType {
    match mode as u32 & libc::S_IFMT {
        libc::S_IFDIR => FileType::Directory,
        libc::S_IFLNK => FileType::Symlink,
        libc::S_IFBLK => FileType::BlockDevice,
        libc::S_IFCHR => FileType::CharDevice,
        libc::S_IFIFO => FileType::NamedPipe,
        libc::S_IFSOCK => FileType::Socket,
        _ => FileType::RegularFile,
    }
}

/// A dirent's type letter (readdir's ftyp) as the kernel's file type.
fn dirent_kind(t: u8) -> FileType {
    match t {
        b'b' => FileType::BlockDevice,
        b'c' => FileType::CharDevice,
        b'd' => FileType::Directory,
        b'f' => FileType::NamedPipe,
        b'l' => FileType::Symlink,
        b's' => FileType::Socket,
        _ => FileType::RegularFile,
    }
}

fn file_attr(ino: u64, st: &Statns) -> FileAttr {
    FileAttr {
        ino,
        size: st.st_size.max(0) as u64,
        blocks: st.st_blocks.max(0) as u64,
        atime: time(st.st_atime_sec, st.st_atime_nsec),
        mtime: time(st.st_mtime_sec, st.st_mtime_nsec),
        ctime: time(st.st_ctime_sec, st.st_ctime_nsec),
        crtime: UNIX_EPOCH,
        kind: kind(st.st_mode),
        perm: (st.st_mode & 0o7777) as u16,
        nlink: st.st_nlink as u32,
        uid: st.st_uid as u32,
        gid: st.st_gid as u32,
        rdev: st.st_rdev as u32,
        blksize: st.st_blksize as u32,
        flags: 0,
    }
}

fn time_arg(t: Option<TimeOrNow>) -> (i64, i64) {
    match t {
        None => (0, -2),                 // UTIME_OMIT, as 1.48 passes it to utimens
        Some(TimeOrNow::Now) => (0, -1), // UTIME_NOW
        Some(TimeOrNow::SpecificTime(t)) => match t.duration_since(UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos() as i64),
            Err(e) => {
                let d = e.duration();
                let mut sec = -(d.as_secs() as i64);
                let mut ns = d.subsec_nanos() as i64;
                if ns > 0 {
                    sec -= 1;
                    ns = 1_000_000_000 - ns;
                }
                (sec, ns)
            }
        },
    }
}

impl<'a> LocalFs<'a> {
    pub fn new(h: &'a Core, s: Settings) -> LocalFs<'a> {
        let cache = DirCache::new(s.cache_timeout);
        LocalFs {
            h,
            s,
            nodes: Nodes::new(),
            cache,
            dirs: HashMap::new(),
            listed: HashMap::new(),
            next_fh: 1,
            ahead: None,
        }
    }

    fn trace(&self, what: std::fmt::Arguments<'_>) {
        if self.s.debug_calls {
            self.h.debug(&format!("{}: {what}", self.s.mountpoint));
        }
    }

    fn call(&self, name: &str, args: &[Value]) -> R<RetValue> {
        nested(self.h, name, args).map_err(errno)
    }

    /// unlink and rmdir: the guest call `action` on the entry, then the node is forgotten.
    fn remove(&mut self, parent: u64, name: &OsStr, action: &str) -> R<()> {
        self.writable()?;
        let p = self.child(parent, name)?;
        self.changed(&p);
        self.call(action, &[s(&p)])?;
        self.nodes.unlinked(&p);
        Ok(())
    }

    fn path(&self, ino: u64) -> R<Vec<u8>> {
        self.nodes.path(ino).map(|p| p.to_vec()).ok_or(libc::ENOENT)
    }

    fn child(&self, parent: u64, name: &OsStr) -> R<Vec<u8>> {
        Ok(join(&self.path(parent)?, name.as_bytes()))
    }

    fn writable(&self) -> R<()> {
        if self.s.readonly {
            Err(libc::EROFS)
        } else {
            Ok(())
        }
    }

    /// A change through the mount: what was cached about `path` is stale.
    fn changed(&mut self, path: &[u8]) {
        self.cache.invalidate(path);
        if self.ahead.as_ref().is_some_and(|a| a.path == path) {
            self.ahead = None;
        }
    }

    fn lstat(&mut self, path: &[u8]) -> R<Statns> {
        if let Some(st) = self.cache.stat(path) {
            return Ok(st.clone());
        }
        if self.fetch_for(path, Fetch::Stats) {
            if let Some(st) = self.cache.stat(path) {
                return Ok(st.clone());
            }
        }
        let r = self.call("lstatns", &[s(path)])?;
        reply::one("lstatns", r, Statns::from_value).map_err(errno)
    }

    /// Looks `path` up for the kernel: its attributes under a (new or known) node id.
    fn entry(&mut self, path: &[u8]) -> R<FileAttr> {
        let st = self.lstat(path)?;
        let ino = self.nodes.lookup(path);
        Ok(file_attr(ino, &st))
    }

    fn attr(&mut self, ino: u64) -> R<FileAttr> {
        let path = self.path(ino)?;
        Ok(file_attr(ino, &self.lstat(&path)?))
    }

    /// Lists `dir`. What the directory cache holds about the entries is fetched for the
    /// whole listing at the first question about one of them (`fetch_for`): a `find`
    /// that knows the entries' types from the listing asks nothing more, an `ls -l` asks
    /// about every entry.
    fn list(&mut self, dir: &[u8]) -> R<Vec<Dirent>> {
        let now = Instant::now();
        self.cache.remove_expired(now);
        let timeout = self.cache.timeout();
        self.listed.retain(|_, l| now.duration_since(l.at) < timeout);
        let r = self.call("readdir", &[s(dir)])?;
        let ents = reply::list("readdir", r, Dirent::from_value).map_err(errno)?;
        let names: Vec<Vec<u8>> = ents.iter().map(|e| e.name.as_bytes().to_vec()).collect();
        if !names.is_empty() {
            let l = Listing {
                names,
                at: now,
                stats_done: false,
                xattrs_done: false,
            };
            self.listed.insert(dir.to_vec(), l);
        }
        Ok(ents)
    }

    /// If `path`'s directory was listed within the cache timeout and `what` was not
    /// fetched for it yet, fetches it for every entry of the listing (attributes with
    /// `lstatnslist` plus the symlinks' targets with `readlinklist`, or extended
    /// attributes with `lxattrlist`). Failures only cost the optimisation. Returns
    /// whether anything was fetched.
    fn fetch_for(&mut self, path: &[u8], what: Fetch) -> bool {
        let Some(slash) = path.iter().rposition(|c| *c == b'/') else {
            return false;
        };
        let dir = if slash == 0 { &path[..1] } else { &path[..slash] };
        let timeout = self.cache.timeout();
        let (names, at) = match self.listed.get_mut(dir) {
            Some(l) if l.at.elapsed() < timeout => {
                let done = match what {
                    Fetch::Stats => &mut l.stats_done,
                    Fetch::Xattrs => &mut l.xattrs_done,
                };
                if *done {
                    return false;
                }
                *done = true;
                (l.names.clone(), l.at)
            }
            _ => return false,
        };
        match what {
            Fetch::Stats => self.fetch_stats(dir, &names, at),
            Fetch::Xattrs => self.fetch_xattrs(dir, &names, at),
        }
        true
    }

    fn fetch_stats(&mut self, dir: &[u8], names: &[Vec<u8>], at: Instant) {
        let Ok(r) = self.call("lstatnslist", &[s(dir), Value::StrList(names.to_vec())]) else {
            return;
        };
        let Ok(l) = reply::list("lstatnslist", r, Statns::from_value) else {
            return;
        };
        // Only symlinks have a target worth asking for.
        let links_of: Vec<Vec<u8>> = names
            .iter()
            .zip(&l)
            .filter(|(_, st)| st.st_ino >= 0 && kind(st.st_mode) == FileType::Symlink)
            .map(|(n, _)| n.clone())
            .collect();
        for (name, st) in names.iter().zip(l) {
            if st.st_ino >= 0 {
                self.cache.put_stat(join(dir, name), st, at);
            }
        }
        if links_of.is_empty() {
            return;
        }
        let Ok(r) = self.call("readlinklist", &[s(dir), Value::StrList(links_of.clone())]) else {
            return;
        };
        if let Ok(links) = reply::string_list("readlinklist", r) {
            for (name, l) in links_of.iter().zip(links) {
                if !l.is_empty() {
                    self.cache.put_link(join(dir, name), l, at);
                }
            }
        }
    }

    fn fetch_xattrs(&mut self, dir: &[u8], names: &[Vec<u8>], at: Instant) {
        let Ok(r) = self.call("lxattrlist", &[s(dir), Value::StrList(names.to_vec())]) else {
            return;
        };
        let Ok(flat) = reply::list("lxattrlist", r, Xattr::from_value) else {
            return;
        };
        for (name, g) in names.iter().zip(split_xattr_groups(flat, names.len())) {
            if let Some(g) = g {
                self.cache.put_xattrs(join(dir, name), g, at);
            }
        }
    }

    fn xattrs(&mut self, path: &[u8]) -> R<Vec<Xattr>> {
        if let Some(x) = self.cache.xattrs(path) {
            return Ok(x.clone());
        }
        if self.fetch_for(path, Fetch::Xattrs) {
            if let Some(x) = self.cache.xattrs(path) {
                return Ok(x.clone());
            }
        }
        let r = self.call("lgetxattrs", &[s(path)])?;
        reply::list("lgetxattrs", r, Xattr::from_value).map_err(errno)
    }

    fn link_target(&mut self, path: &[u8]) -> R<Vec<u8>> {
        if let Some(l) = self.cache.link(path) {
            return Ok(l.clone());
        }
        if self.fetch_for(path, Fetch::Stats) {
            if let Some(l) = self.cache.link(path) {
                return Ok(l.clone());
            }
        }
        let r = self.call("readlink", &[s(path)])?;
        reply::bytes("readlink", r).map_err(errno)
    }

    fn read_at(&mut self, path: &[u8], offset: u64, size: usize) -> R<Vec<u8>> {
        let size = size.min(IO_MAX);
        if let Some(a) = &self.ahead {
            let end = a.offset + a.data.len() as u64;
            if a.path == path && offset >= a.offset && (offset + size as u64 <= end || a.data.len() < IO_MAX) {
                let from = (offset - a.offset).min(a.data.len() as u64) as usize;
                let to = (from + size).min(a.data.len());
                return Ok(a.data[from..to].to_vec());
            }
        }
        // Sequential reads (from the start or where the last piece ended) fetch a whole
        // IO_MAX piece; others fetch only what was asked.
        let sequential = offset == 0
            || self
                .ahead
                .as_ref()
                .is_some_and(|a| a.path == path && a.offset + a.data.len() as u64 == offset);
        let count = if sequential { IO_MAX } else { size };
        let r = self.call(
            "pread",
            &[s(path), Value::Int(count as i32), Value::Int64(offset as i64)],
        )?;
        let data = reply::buffer("pread", r).map_err(errno)?;
        let out = data[..size.min(data.len())].to_vec();
        if sequential {
            self.ahead = Some(ReadAhead {
                path: path.to_vec(),
                offset,
                data,
            });
        }
        Ok(out)
    }

    fn do_setattr(&mut self, ino: u64, c: Changes) -> R<FileAttr> {
        let Changes {
            mode,
            uid,
            gid,
            size,
            atime,
            mtime,
        } = c;
        let path = self.path(ino)?;
        if mode.is_some() || uid.is_some() || gid.is_some() || size.is_some() || atime.is_some() || mtime.is_some() {
            self.writable()?;
        }
        self.changed(&path);
        if let Some(m) = mode {
            self.call("chmod", &[Value::Int((m & 0o7777) as i32), s(&path)])?;
        }
        if uid.is_some() || gid.is_some() {
            let id = |v: Option<u32>| Value::Int(v.map(|n| n as i32).unwrap_or(-1));
            self.call("lchown", &[id(uid), id(gid), s(&path)])?;
        }
        if let Some(n) = size {
            self.call("truncate_size", &[s(&path), Value::Int64(n as i64)])?;
        }
        if atime.is_some() || mtime.is_some() {
            let (asec, ansec) = time_arg(atime);
            let (msec, mnsec) = time_arg(mtime);
            let v = Value::Int64;
            self.call("utimens", &[s(&path), v(asec), v(ansec), v(msec), v(mnsec)])?;
        }
        self.changed(&path);
        self.attr(ino)
    }

    /// Makes `path` with `make`, then answers with its attributes.
    fn made(&mut self, path: &[u8], name: &str, args: &[Value]) -> R<FileAttr> {
        self.writable()?;
        self.changed(path);
        self.call(name, args)?;
        self.entry(path)
    }

    fn access_ok(&mut self, req: &Request<'_>, ino: u64, mask: i32) -> R<()> {
        if self.s.readonly && mask & libc::W_OK != 0 {
            return Err(libc::EROFS);
        }
        let a = self.attr(ino)?;
        if mask == libc::F_OK {
            return Ok(());
        }
        let mode = a.perm as u32;
        let bit = |shift_user: u32| -> bool {
            let shift = if req.uid() == a.uid {
                6
            } else if req.gid() == a.gid {
                3
            } else {
                0
            };
            mode & (shift_user << shift) != 0
        };
        let mut ok = true;
        // Root reads and writes everything; only execute is checked for it (as 1.48).
        if req.uid() != 0 {
            if mask & libc::R_OK != 0 {
                ok &= bit(4);
            }
            if mask & libc::W_OK != 0 {
                ok &= bit(2);
            }
        }
        if mask & libc::X_OK != 0 {
            ok &= bit(1);
        }
        if ok {
            Ok(())
        } else {
            Err(libc::EACCES)
        }
    }
}

/// Runs one request with the handle lock held (other threads' calls wait for it, and
/// the calls made here are not interleaved with theirs).
macro_rules! locked {
    ($self:ident, $body:expr) => {{
        let h = $self.h;
        let _lock = h.lock();
        $body
    }};
}

fn done(r: R<()>, reply: ReplyEmpty) {
    match r {
        Ok(()) => reply.ok(),
        Err(e) => reply.error(e),
    }
}

/// Answers a lookup or a creation: the new entry's attributes, or the errno.
fn entry(r: R<FileAttr>, ttl: &Duration, reply: ReplyEntry) {
    match r {
        Ok(a) => reply.entry(ttl, &a, 0),
        Err(e) => reply.error(e),
    }
}

impl Filesystem for LocalFs<'_> {
    fn init(&mut self, _req: &Request<'_>, config: &mut KernelConfig) -> Result<(), libc::c_int> {
        // Bigger kernel requests mean fewer round trips to the appliance; the kernel
        // answers with its own limit when this is more.
        if let Err(max) = config.set_max_readahead(1024 * 1024) {
            let _ = config.set_max_readahead(max);
        }
        if let Err(max) = config.set_max_write(1024 * 1024) {
            let _ = config.set_max_write(max);
        }
        Ok(())
    }

    fn lookup(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEntry) {
        self.trace(format_args!("lookup ({parent}, {name:?})"));
        let r = locked!(self, self.child(parent, name).and_then(|p| self.entry(&p)));
        entry(r, &self.s.entry_ttl, reply)
    }

    fn forget(&mut self, _req: &Request<'_>, ino: u64, nlookup: u64) {
        self.nodes.forget(ino, nlookup);
    }

    fn getattr(&mut self, _req: &Request<'_>, ino: u64, _fh: Option<u64>, reply: ReplyAttr) {
        self.trace(format_args!("getattr ({ino})"));
        match locked!(self, self.attr(ino)) {
            Ok(a) => reply.attr(&self.s.attr_ttl, &a),
            Err(e) => reply.error(e),
        }
    }

    fn setattr(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        mode: Option<u32>,
        uid: Option<u32>,
        gid: Option<u32>,
        size: Option<u64>,
        atime: Option<TimeOrNow>,
        mtime: Option<TimeOrNow>,
        _ctime: Option<SystemTime>,
        _fh: Option<u64>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<u32>,
        reply: ReplyAttr,
    ) {
        self.trace(format_args!(
            "setattr ({ino}, mode {mode:?}, uid {uid:?}, gid {gid:?}, size {size:?})"
        ));
        let c = Changes {
            mode,
            uid,
            gid,
            size,
            atime,
            mtime,
        };
        match locked!(self, self.do_setattr(ino, c)) {
            Ok(a) => reply.attr(&self.s.attr_ttl, &a),
            Err(e) => reply.error(e),
        }
    }

    fn readlink(&mut self, _req: &Request<'_>, ino: u64, reply: ReplyData) {
        self.trace(format_args!("readlink ({ino})"));
        let r = locked!(self, self.path(ino).and_then(|p| self.link_target(&p)));
        match r {
            Ok(l) => reply.data(&l),
            Err(e) => reply.error(e),
        }
    }

    fn mknod(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        rdev: u32,
        reply: ReplyEntry,
    ) {
        self.trace(format_args!("mknod ({parent}, {name:?}, {mode:o}, {rdev})"));
        let r = locked!(self, {
            self.child(parent, name).and_then(|p| {
                let (maj, min) = (libc::major(rdev as u64) as i32, libc::minor(rdev as u64) as i32);
                self.made(
                    &p,
                    "mknod",
                    &[Value::Int(mode as i32), Value::Int(maj), Value::Int(min), s(&p)],
                )
            })
        });
        entry(r, &self.s.entry_ttl, reply)
    }

    fn mkdir(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, mode: u32, _umask: u32, reply: ReplyEntry) {
        self.trace(format_args!("mkdir ({parent}, {name:?}, {mode:o})"));
        let r = locked!(self, {
            self.child(parent, name)
                .and_then(|p| self.made(&p, "mkdir_mode", &[s(&p), Value::Int((mode & 0o7777) as i32)]))
        });
        entry(r, &self.s.entry_ttl, reply)
    }

    fn unlink(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        self.trace(format_args!("unlink ({parent}, {name:?})"));
        let r = locked!(self, self.remove(parent, name, "rm"));
        done(r, reply)
    }

    fn rmdir(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        self.trace(format_args!("rmdir ({parent}, {name:?})"));
        let r = locked!(self, self.remove(parent, name, "rmdir"));
        done(r, reply)
    }

    fn symlink(&mut self, _req: &Request<'_>, parent: u64, link_name: &OsStr, target: &Path, reply: ReplyEntry) {
        self.trace(format_args!("symlink ({parent}, {link_name:?}, {target:?})"));
        let r = locked!(self, {
            self.child(parent, link_name)
                .and_then(|p| self.made(&p, "ln_s", &[s(target.as_os_str().as_bytes()), s(&p)]))
        });
        entry(r, &self.s.entry_ttl, reply)
    }

    fn rename(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        newparent: u64,
        newname: &OsStr,
        flags: u32,
        reply: ReplyEmpty,
    ) {
        self.trace(format_args!(
            "rename ({parent}, {name:?}, {newparent}, {newname:?}, {flags})"
        ));
        let r = locked!(self, {
            self.writable().and_then(|()| {
                // 1.48's rename knows no RENAME_NOREPLACE / RENAME_EXCHANGE.
                if flags != 0 {
                    return Err(libc::EINVAL);
                }
                let from = self.child(parent, name)?;
                let to = self.child(newparent, newname)?;
                // Whole subtrees move: forget every cached answer.
                self.cache.clear();
                self.listed.clear();
                self.ahead = None;
                self.call("rename", &[s(&from), s(&to)])?;
                self.nodes.renamed(&from, &to);
                Ok(())
            })
        });
        done(r, reply)
    }

    fn link(&mut self, _req: &Request<'_>, ino: u64, newparent: u64, newname: &OsStr, reply: ReplyEntry) {
        self.trace(format_args!("link ({ino}, {newparent}, {newname:?})"));
        // The answer names the linked inode itself (not a node of the new path), so the
        // kernel refreshes its attributes (the link count) at once.
        let r = locked!(self, {
            self.path(ino).and_then(|from| {
                self.writable()?;
                let to = self.child(newparent, newname)?;
                self.changed(&from);
                self.changed(&to);
                self.call("ln", &[s(&from), s(&to)])?;
                let st = self.lstat(&from)?;
                self.nodes.add_lookup(ino);
                Ok(file_attr(ino, &st))
            })
        });
        entry(r, &self.s.entry_ttl, reply)
    }

    fn open(&mut self, _req: &Request<'_>, ino: u64, flags: i32, reply: ReplyOpen) {
        self.trace(format_args!("open ({ino}, {flags:#o})"));
        if self.s.readonly && flags & libc::O_ACCMODE != libc::O_RDONLY {
            return reply.error(libc::EROFS);
        }
        // What was read ahead before this open may be stale by now.
        if let Ok(p) = self.path(ino) {
            self.changed(&p);
        }
        reply.opened(0, 0)
    }

    fn read(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        size: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyData,
    ) {
        self.trace(format_args!("read ({ino}, {size}, {offset})"));
        let r = locked!(
            self,
            self.path(ino)
                .and_then(|p| self.read_at(&p, offset.max(0) as u64, size as usize))
        );
        match r {
            Ok(d) => reply.data(&d),
            Err(e) => reply.error(e),
        }
    }

    fn write(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        data: &[u8],
        _write_flags: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyWrite,
    ) {
        self.trace(format_args!("write ({ino}, {}, {offset})", data.len()));
        let r = locked!(self, {
            self.writable().and_then(|()| self.path(ino)).and_then(|p| {
                self.changed(&p);
                let data = &data[..data.len().min(IO_MAX)];
                let r = self.call("pwrite", &[s(&p), Value::Buffer(data.to_vec()), Value::Int64(offset)])?;
                reply::int("pwrite", r).map_err(errno)
            })
        });
        match r {
            Ok(n) => reply.written(n.max(0) as u32),
            Err(e) => reply.error(e),
        }
    }

    fn flush(&mut self, _req: &Request<'_>, _ino: u64, _fh: u64, _lock_owner: u64, reply: ReplyEmpty) {
        // Nothing is buffered here: every write went to the appliance already.
        reply.ok()
    }

    fn fsync(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, _datasync: bool, reply: ReplyEmpty) {
        self.trace(format_args!("fsync ({ino})"));
        let r = locked!(self, self.call("sync", &[]).map(|_| ()));
        done(r, reply)
    }

    fn opendir(&mut self, _req: &Request<'_>, ino: u64, _flags: i32, reply: ReplyOpen) {
        self.trace(format_args!("opendir ({ino})"));
        let fh = self.next_fh;
        self.next_fh += 1;
        reply.opened(fh, 0)
    }

    fn readdir(&mut self, _req: &Request<'_>, ino: u64, fh: u64, offset: i64, mut reply: ReplyDirectory) {
        self.trace(format_args!("readdir ({ino}, {offset})"));
        if offset == 0 || !self.dirs.contains_key(&fh) {
            match locked!(self, self.path(ino).and_then(|p| self.list(&p))) {
                Ok(l) => {
                    self.dirs.insert(fh, l);
                }
                Err(e) => return reply.error(e),
            }
        }
        let ents = &self.dirs[&fh];
        for (i, e) in ents.iter().enumerate().skip(offset.max(0) as usize) {
            let ino = if e.ino > 0 { e.ino as u64 } else { u64::MAX };
            if reply.add(
                ino,
                i as i64 + 1,
                dirent_kind(e.ftyp),
                OsStr::from_bytes(e.name.as_bytes()),
            ) {
                break;
            }
        }
        reply.ok()
    }

    fn releasedir(&mut self, _req: &Request<'_>, _ino: u64, fh: u64, _flags: i32, reply: ReplyEmpty) {
        self.dirs.remove(&fh);
        reply.ok()
    }

    fn statfs(&mut self, _req: &Request<'_>, ino: u64, reply: ReplyStatfs) {
        self.trace(format_args!("statfs ({ino})"));
        let r = locked!(self, {
            let p = self.path(ino).unwrap_or_else(|_| b"/".to_vec());
            self.call("statvfs", &[s(&p)])
                .and_then(|r| reply::one("statvfs", r, Statvfs::from_value).map_err(errno))
        });
        match r {
            Ok(v) => reply.statfs(
                v.blocks as u64,
                v.bfree as u64,
                v.bavail as u64,
                v.files as u64,
                v.ffree as u64,
                v.bsize as u32,
                v.namemax as u32,
                v.frsize as u32,
            ),
            Err(e) => reply.error(e),
        }
    }

    fn setxattr(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        name: &OsStr,
        value: &[u8],
        _flags: i32,
        _position: u32,
        reply: ReplyEmpty,
    ) {
        self.trace(format_args!("setxattr ({ino}, {name:?}, {})", value.len()));
        let r = locked!(self, {
            self.writable().and_then(|()| self.path(ino)).and_then(|p| {
                self.changed(&p);
                let args = [s(name.as_bytes()), s(value), Value::Int(value.len() as i32), s(&p)];
                self.call("lsetxattr", &args).map(|_| ())
            })
        });
        done(r, reply)
    }

    fn getxattr(&mut self, _req: &Request<'_>, ino: u64, name: &OsStr, size: u32, reply: ReplyXattr) {
        self.trace(format_args!("getxattr ({ino}, {name:?}, {size})"));
        let r = locked!(self, self.path(ino).and_then(|p| self.xattrs(&p)));
        let list = match r {
            Ok(l) => l,
            Err(e) => return reply.error(e),
        };
        let Some(x) = list.iter().find(|x| x.attrname.as_bytes() == name.as_bytes()) else {
            return reply.error(libc::ENODATA);
        };
        if size == 0 {
            reply.size(x.attrval.len() as u32)
        } else if x.attrval.len() <= size as usize {
            reply.data(&x.attrval)
        } else {
            reply.error(libc::ERANGE)
        }
    }

    fn listxattr(&mut self, _req: &Request<'_>, ino: u64, size: u32, reply: ReplyXattr) {
        self.trace(format_args!("listxattr ({ino}, {size})"));
        let r = locked!(self, self.path(ino).and_then(|p| self.xattrs(&p)));
        let list = match r {
            Ok(l) => l,
            Err(e) => return reply.error(e),
        };
        let mut names = Vec::new();
        for x in &list {
            names.extend_from_slice(x.attrname.as_bytes());
            names.push(0);
        }
        if size == 0 {
            reply.size(names.len() as u32)
        } else if names.len() <= size as usize {
            reply.data(&names)
        } else {
            reply.error(libc::ERANGE)
        }
    }

    fn removexattr(&mut self, _req: &Request<'_>, ino: u64, name: &OsStr, reply: ReplyEmpty) {
        self.trace(format_args!("removexattr ({ino}, {name:?})"));
        let r = locked!(self, {
            self.writable().and_then(|()| self.path(ino)).and_then(|p| {
                self.changed(&p);
                self.call("lremovexattr", &[s(name.as_bytes()), s(&p)]).map(|_| ())
            })
        });
        done(r, reply)
    }

    fn access(&mut self, req: &Request<'_>, ino: u64, mask: i32, reply: ReplyEmpty) {
        self.trace(format_args!("access ({ino}, {mask})"));
        let r = locked!(self, self.access_ok(req, ino, mask));
        done(r, reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_kinds() {
        assert_eq!(time(1, 5), UNIX_EPOCH + Duration::new(1, 5));
        assert_eq!(time(-1, 0), UNIX_EPOCH - Duration::from_secs(1));
        assert_eq!(time_arg(None), (0, -2));
        assert_eq!(time_arg(Some(TimeOrNow::Now)), (0, -1));
        let t = UNIX_EPOCH - Duration::new(1, 500);
        assert_eq!(time_arg(Some(TimeOrNow::SpecificTime(t))), (-2, 999_999_500));
        assert_eq!(kind(0o120777), FileType::Symlink);
        assert_eq!(kind(0o040755), FileType::Directory);
        assert_eq!(dirent_kind(b'r'), FileType::RegularFile);
        assert_eq!(errno(Error::msg("x")), libc::EINVAL);
    }
}
