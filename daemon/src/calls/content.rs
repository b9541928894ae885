//! Looking at and changing file contents: zero tests, comparisons, dumps, strings, grep,
//! positioned reads and writes, pattern fills, base64 transfers.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{FileExt, OpenOptionsExt};

use guestfs_protocol::MESSAGE_MAX;

use super::split_lines;
use crate::args::{FileIn, FileOut, GuestPath};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts;

fn open_guest(d: &Daemon, path: &GuestPath, ctx: &str) -> Result<File> {
    let p = path.resolve(d, true)?;
    File::open(&p).map_err(|e| Error::io(&e, format!("{ctx}{path}")))
}

fn all_zero(f: &mut File, name: &str) -> Result<bool> {
    let mut buf = vec![0u8; 65536];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(&e, format!("read: {name}")))?;
        if n == 0 {
            return Ok(true);
        }
        if buf[..n].iter().any(|&b| b != 0) {
            return Ok(false);
        }
    }
}

pub fn is_zero(d: &mut Daemon, path: &GuestPath) -> Result<bool> {
    let mut f = open_guest(d, path, "open: ")?;
    all_zero(&mut f, &path.lossy())
}

pub fn is_zero_device(_d: &mut Daemon, device: &str) -> Result<bool> {
    let mut f = File::open(device).map_err(|e| Error::io(&e, format!("open: {device}")))?;
    all_zero(&mut f, device)
}

pub fn equal(d: &mut Daemon, file1: &GuestPath, file2: &GuestPath) -> Result<bool> {
    let a = file1.resolve(d, true)?;
    let b = file2.resolve(d, true)?;
    let o = Cmd::new("cmp").arg("-s").arg(&a).arg(&b).run();
    match o.status {
        Some(0) => Ok(true),
        Some(1) => Ok(false),
        _ => Err(Error::msg(o.err_text())),
    }
}

/// Run a filter over a guest file on stdin (1.48's COMMAND_FLAG_CHROOT_COPY_FILE_TO_STDIN).
fn filter(d: &Daemon, path: &GuestPath, prog: &str, args: &[&str]) -> Result<crate::cmd::Outcome> {
    let f = open_guest(d, path, "")?;
    Ok(Cmd::new(prog).args(args).stdin_file(f).run())
}

pub fn hexdump(d: &mut Daemon, path: &GuestPath) -> Result<Vec<u8>> {
    let o = filter(d, path, "hexdump", &["-C"])?;
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    Ok(o.stdout)
}

fn strings_with(d: &Daemon, enc: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    if enc.len() != 1 || !"sSblBL".contains(enc) {
        return Err(Error::msg(format!("{enc}: invalid encoding")));
    }
    let o = filter(d, path, "strings", &["-a", "-e", enc])?;
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    Ok(split_lines(&o.stdout))
}

pub fn strings(d: &mut Daemon, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    strings_with(d, "s", path)
}

pub fn strings_e(d: &mut Daemon, encoding: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    strings_with(d, encoding, path)
}

fn pread_file(f: &File, count: i32, offset: i64, name: &str) -> Result<Vec<u8>> {
    if count < 0 {
        return Err(Error::msg("count is negative"));
    }
    if offset < 0 {
        return Err(Error::msg("offset is negative"));
    }
    if count as u32 >= MESSAGE_MAX {
        return Err(Error::msg(format!(
            "{name}: count is too large for the protocol, use smaller reads"
        )));
    }
    let mut buf = vec![0u8; count as usize];
    let n = f
        .read_at(&mut buf, offset as u64)
        .map_err(|e| Error::io(&e, format!("pread: {name}")))?;
    buf.truncate(n);
    Ok(buf)
}

pub fn pread(d: &mut Daemon, path: &GuestPath, count: i32, offset: i64) -> Result<Vec<u8>> {
    let f = open_guest(d, path, "open: ")?;
    pread_file(&f, count, offset, &path.lossy())
}

pub fn pread_device(_d: &mut Daemon, device: &str, count: i32, offset: i64) -> Result<Vec<u8>> {
    let f = File::open(device).map_err(|e| Error::io(&e, format!("open: {device}")))?;
    pread_file(&f, count, offset, device)
}

fn pwrite_file(f: &File, data: &[u8], offset: i64, name: &str) -> Result<i32> {
    let n = f
        .write_at(data, offset as u64)
        .map_err(|e| Error::io(&e, format!("pwrite: {name}")))?;
    Ok(n as i32)
}

pub fn pwrite(d: &mut Daemon, path: &GuestPath, content: &[u8], offset: i64) -> Result<i32> {
    if offset < 0 {
        return Err(Error::msg("offset is negative"));
    }
    let p = path.resolve(d, true)?;
    let f = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {path}")))?;
    pwrite_file(&f, content, offset, &path.lossy())
}

pub fn pwrite_device(_d: &mut Daemon, device: &str, content: &[u8], offset: i64) -> Result<i32> {
    if offset < 0 {
        return Err(Error::msg("offset is negative"));
    }
    let f = OpenOptions::new()
        .write(true)
        .open(device)
        .map_err(|e| Error::io(&e, format!("open: {device}")))?;
    pwrite_file(&f, content, offset, device)
}

pub fn fill_pattern(d: &mut Daemon, pattern: &str, len: i32, path: &GuestPath) -> Result<()> {
    let pattern = pattern.as_bytes();
    if pattern.is_empty() {
        return Err(Error::msg("pattern string must be non-empty"));
    }
    if len < 0 {
        return Err(Error::msg("len must be >= 0"));
    }
    let p = path.resolve(d, true)?;
    let mut f = super::create_truncated(&p).map_err(|e| Error::io(&e, format!("open: {path}")))?;
    let block: Vec<u8> = pattern.iter().cycle().take(65536.max(pattern.len())).copied().collect();
    let total = len as u64;
    let mut done = 0u64;
    while done < total {
        // Keep the pattern's phase: each write starts where the last one ended.
        let start = (done % pattern.len() as u64) as usize;
        let n = (total - done).min((block.len() - start) as u64) as usize;
        f.write_all(&block[start..start + n])
            .map_err(|e| Error::io(&e, format!("write: {path}")))?;
        done += n as u64;
        d.progress(done, total);
    }
    Ok(())
}

/// grep's flags, as the grep family's names and grep's optargs select them.
#[derive(Clone, Copy, Default)]
struct GrepFlags {
    extended: bool,
    fixed: bool,
    insensitive: bool,
    compressed: bool,
}

fn grep_with(d: &Daemon, regex: &str, path: &GuestPath, g: GrepFlags) -> Result<Vec<Vec<u8>>> {
    if g.extended && g.fixed {
        return Err(Error::msg("can't use 'extended' and 'fixed' flags at the same time"));
    }
    let mut args: Vec<&str> = Vec::new();
    if g.extended {
        args.push("-E");
    }
    if g.fixed {
        args.push("-F");
    }
    if g.insensitive {
        args.push("-i");
    }
    args.push("--");
    args.push(regex);
    let o = filter(d, path, if g.compressed { "zgrep" } else { "grep" }, &args)?;
    match o.status {
        Some(0) | Some(1) => Ok(split_lines(&o.stdout)),
        _ => Err(Error::msg(format!("{regex}: {}", o.err_text()))),
    }
}

pub fn grep(d: &mut Daemon, regex: &str, path: &GuestPath, o: opts::GrepOpts) -> Result<Vec<Vec<u8>>> {
    let g = GrepFlags {
        extended: o.extended.unwrap_or(false),
        fixed: o.fixed.unwrap_or(false),
        insensitive: o.insensitive.unwrap_or(false),
        compressed: o.compressed.unwrap_or(false),
    };
    grep_with(d, regex, path, g)
}

const E: GrepFlags = GrepFlags {
    extended: true,
    fixed: false,
    insensitive: false,
    compressed: false,
};
const F: GrepFlags = GrepFlags {
    extended: false,
    fixed: true,
    insensitive: false,
    compressed: false,
};
const PLAIN: GrepFlags = GrepFlags {
    extended: false,
    fixed: false,
    insensitive: false,
    compressed: false,
};

/// `g` with -i.
const fn i(g: GrepFlags) -> GrepFlags {
    GrepFlags { insensitive: true, ..g }
}

/// `g` through zgrep.
const fn z(g: GrepFlags) -> GrepFlags {
    GrepFlags { compressed: true, ..g }
}

pub fn grepi(d: &mut Daemon, regex: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, regex, path, i(PLAIN))
}
pub fn egrep(d: &mut Daemon, regex: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, regex, path, E)
}
pub fn egrepi(d: &mut Daemon, regex: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, regex, path, i(E))
}
pub fn fgrep(d: &mut Daemon, pattern: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, pattern, path, F)
}
pub fn fgrepi(d: &mut Daemon, pattern: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, pattern, path, i(F))
}
pub fn zgrep(d: &mut Daemon, regex: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, regex, path, z(PLAIN))
}
pub fn zgrepi(d: &mut Daemon, regex: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, regex, path, z(i(PLAIN)))
}
pub fn zegrep(d: &mut Daemon, regex: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, regex, path, z(E))
}
pub fn zegrepi(d: &mut Daemon, regex: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, regex, path, z(i(E)))
}
pub fn zfgrep(d: &mut Daemon, pattern: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, pattern, path, z(F))
}
pub fn zfgrepi(d: &mut Daemon, pattern: &str, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    grep_with(d, pattern, path, z(i(F)))
}

pub fn checksum_device(_d: &mut Daemon, csumtype: &str, device: &str) -> Result<Vec<u8>> {
    let prog = super::files::checksum_program(csumtype)?;
    let f = File::open(device).map_err(|e| Error::io(&e, device))?;
    let o = Cmd::new(prog).stdin_file(f).run();
    if !o.ok() {
        return Err(Error::msg(format!("{prog}: {}", o.err_text())));
    }
    Ok(o.stdout
        .split(|b| b.is_ascii_whitespace())
        .next()
        .unwrap_or(&[])
        .to_vec())
}

/// FileIn of base64 text, decoded into a guest file.
pub fn base64_in(d: &mut Daemon, base64file: FileIn, filename: &GuestPath) -> Result<()> {
    let p = filename.resolve(d, true)?;
    let out = super::create_truncated(&p).map_err(|e| Error::io(&e, filename.lossy()))?;
    let mut child = Cmd::new("base64")
        .arg("-d")
        .arg("-i")
        .stdout_file(out)
        .spawn_streaming(true, false)?;
    let mut stdin = child.child.stdin.take();
    let res = crate::stream::receive(d, base64file, &mut |data: &[u8]| match stdin.as_mut() {
        Some(s) => s.write_all(data).map_err(|e| Error::io(&e, "write")),
        None => Ok(()),
    });
    drop(stdin);
    if let Err(e) = res {
        child.kill();
        return Err(e.into());
    }
    let (status, err) = child.finish();
    if status != Some(0) {
        return Err(Error::msg(format!("{filename}: {err}")));
    }
    Ok(())
}

/// A guest file sent as base64 text (FileOut).
pub fn base64_out(d: &mut Daemon, filename: &GuestPath, base64file: FileOut) -> Result<()> {
    let f = open_guest(d, filename, "")?;
    let mut child = Cmd::new("base64").stdin_file(f).spawn_streaming(false, true)?;
    let mut file = crate::stream::FileOutStream::begin(d, base64file)?;
    let mut out = child.child.stdout.take();
    let sent = match out.as_mut() {
        Some(o) => file.copy_from(d, o, None),
        None => Ok(true),
    };
    drop(out);
    match sent {
        Ok(true) => {
            let (status, _) = child.finish();
            file.finish(d, status != Some(0))?;
        }
        Ok(false) => child.kill(),
        Err(e) => {
            child.kill();
            return Err(e);
        }
    }
    Ok(())
}
