//! Looking at and changing file contents: zero tests, comparisons, dumps, strings, grep,
//! positioned reads and writes, pattern fills, base64 transfers.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{FileExt, OpenOptionsExt};

use guestfs_protocol::{RetValue, MESSAGE_MAX};

use super::{host_path, split_lines, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("is_zero", is_zero),
    ("is_zero_device", is_zero_device),
    ("equal", equal),
    ("hexdump", hexdump),
    ("strings", strings),
    ("strings_e", strings_e),
    ("pread", pread),
    ("pread_device", pread_device),
    ("pwrite", pwrite),
    ("pwrite_device", pwrite_device),
    ("fill_pattern", fill_pattern),
    ("grep", grep),
    ("grepi", grepi),
    ("egrep", egrep),
    ("egrepi", egrepi),
    ("fgrep", fgrep),
    ("fgrepi", fgrepi),
    ("zgrep", zgrep),
    ("zgrepi", zgrepi),
    ("zegrep", zegrep),
    ("zegrepi", zegrepi),
    ("zfgrep", zfgrep),
    ("zfgrepi", zfgrepi),
    ("checksum_device", checksum_device),
    ("base64_in", base64_in),
    ("base64_out", base64_out),
];

fn open_guest(d: &Daemon, r: &Req, i: usize, ctx: &str) -> Result<File> {
    let p = host_path(d, r, i, true)?;
    File::open(&p).map_err(|e| Error::io(&e, format!("{ctx}{}", r.str(i))))
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

fn is_zero(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mut f = open_guest(d, r, 0, "open: ")?;
    Ok(RetValue::Bool(all_zero(&mut f, &r.str(0))?))
}

fn is_zero_device(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let mut f = File::open(&dev).map_err(|e| Error::io(&e, format!("open: {dev}")))?;
    Ok(RetValue::Bool(all_zero(&mut f, &dev)?))
}

fn equal(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let a = host_path(d, r, 0, true)?;
    let b = host_path(d, r, 1, true)?;
    let o = Cmd::new("cmp").arg("-s").arg(&a).arg(&b).run();
    match o.status {
        Some(0) => Ok(RetValue::Bool(true)),
        Some(1) => Ok(RetValue::Bool(false)),
        _ => Err(Error::msg(o.err_text())),
    }
}

/// Run a filter over a guest file on stdin (1.48's COMMAND_FLAG_CHROOT_COPY_FILE_TO_STDIN).
fn filter(d: &Daemon, r: &Req, path_arg: usize, prog: &str, args: &[&str]) -> Result<crate::cmd::Outcome> {
    let f = open_guest(d, r, path_arg, "")?;
    Ok(Cmd::new(prog).args(args).stdin_file(f).run())
}

fn hexdump(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let o = filter(d, r, 0, "hexdump", &["-C"])?;
    if !o.ok() {
        return Err(Error::msg(format!("{}: {}", r.str(0), o.err_text())));
    }
    Ok(RetValue::Str(o.stdout))
}

fn strings_with(d: &Daemon, r: &Req, enc: &str, path_arg: usize) -> Result<RetValue> {
    if enc.len() != 1 || !"sSblBL".contains(enc) {
        return Err(Error::msg(format!("{enc}: invalid encoding")));
    }
    let o = filter(d, r, path_arg, "strings", &["-a", "-e", enc])?;
    if !o.ok() {
        return Err(Error::msg(format!("{}: {}", r.str(path_arg), o.err_text())));
    }
    Ok(RetValue::StrList(split_lines(&o.stdout)))
}

fn strings(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    strings_with(d, r, "s", 0)
}

fn strings_e(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    strings_with(d, r, &r.str(0), 1)
}

fn pread_file(f: &File, count: i32, offset: i64, name: &str) -> Result<RetValue> {
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
    Ok(RetValue::Buffer(buf))
}

fn pread(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let f = open_guest(d, r, 0, "open: ")?;
    pread_file(&f, r.int(1), r.int64(2), &r.str(0))
}

fn pread_device(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let f = File::open(&dev).map_err(|e| Error::io(&e, format!("open: {dev}")))?;
    pread_file(&f, r.int(1), r.int64(2), &dev)
}

fn pwrite_file(f: &File, data: &[u8], offset: i64, name: &str) -> Result<RetValue> {
    let n = f
        .write_at(data, offset as u64)
        .map_err(|e| Error::io(&e, format!("pwrite: {name}")))?;
    Ok(RetValue::Int(n as i32))
}

fn pwrite(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let offset = r.int64(2);
    if offset < 0 {
        return Err(Error::msg("offset is negative"));
    }
    let p = host_path(d, r, 0, true)?;
    let f = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&p)
        .map_err(|e| Error::io(&e, format!("open: {}", r.str(0))))?;
    pwrite_file(&f, r.bytes(1), offset, &r.str(0))
}

fn pwrite_device(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let offset = r.int64(2);
    if offset < 0 {
        return Err(Error::msg("offset is negative"));
    }
    let dev = r.str(0);
    let f = OpenOptions::new()
        .write(true)
        .open(&dev)
        .map_err(|e| Error::io(&e, format!("open: {dev}")))?;
    pwrite_file(&f, r.bytes(1), offset, &dev)
}

fn fill_pattern(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let pattern = r.bytes(0).to_vec();
    let len = r.int(1);
    if pattern.is_empty() {
        return Err(Error::msg("pattern string must be non-empty"));
    }
    if len < 0 {
        return Err(Error::msg("len must be >= 0"));
    }
    let p = host_path(d, r, 2, true)?;
    let mut f = super::create_truncated(&p).map_err(|e| Error::io(&e, format!("open: {}", r.str(2))))?;
    let block: Vec<u8> = pattern.iter().cycle().take(65536.max(pattern.len())).copied().collect();
    let total = len as u64;
    let mut done = 0u64;
    while done < total {
        // Keep the pattern's phase: each write starts where the last one ended.
        let start = (done % pattern.len() as u64) as usize;
        let n = (total - done).min((block.len() - start) as u64) as usize;
        f.write_all(&block[start..start + n])
            .map_err(|e| Error::io(&e, format!("write: {}", r.str(2))))?;
        done += n as u64;
        d.progress(done, total);
    }
    Ok(RetValue::None)
}

fn grep_with(
    d: &Daemon,
    r: &Req,
    extended: bool,
    fixed: bool,
    insensitive: bool,
    compressed: bool,
) -> Result<RetValue> {
    if extended && fixed {
        return Err(Error::msg("can't use 'extended' and 'fixed' flags at the same time"));
    }
    let mut args: Vec<&str> = Vec::new();
    if extended {
        args.push("-E");
    }
    if fixed {
        args.push("-F");
    }
    if insensitive {
        args.push("-i");
    }
    let regex = r.str(0);
    args.push("--");
    args.push(&regex);
    let o = filter(d, r, 1, if compressed { "zgrep" } else { "grep" }, &args)?;
    match o.status {
        Some(0) | Some(1) => Ok(RetValue::StrList(split_lines(&o.stdout))),
        _ => Err(Error::msg(format!("{regex}: {}", o.err_text()))),
    }
}

fn grep(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let f = |i| r.opt_bool(i).unwrap_or(false);
    grep_with(d, r, f(0), f(1), f(2), f(3))
}

fn grepi(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, false, false, true, false)
}
fn egrep(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, true, false, false, false)
}
fn egrepi(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, true, false, true, false)
}
fn fgrep(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, false, true, false, false)
}
fn fgrepi(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, false, true, true, false)
}
fn zgrep(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, false, false, false, true)
}
fn zgrepi(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, false, false, true, true)
}
fn zegrep(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, true, false, false, true)
}
fn zegrepi(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, true, false, true, true)
}
fn zfgrep(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, false, true, false, true)
}
fn zfgrepi(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    grep_with(d, r, false, true, true, true)
}

fn checksum_device(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let prog = super::files::checksum_program(&r.str(0))?;
    let dev = r.str(1);
    let f = File::open(&dev).map_err(|e| Error::io(&e, &dev))?;
    let o = Cmd::new(prog).stdin_file(f).run();
    if !o.ok() {
        return Err(Error::msg(format!("{prog}: {}", o.err_text())));
    }
    Ok(RetValue::Str(
        o.stdout
            .split(|b| b.is_ascii_whitespace())
            .next()
            .unwrap_or(&[])
            .to_vec(),
    ))
}

/// FileIn of base64 text, decoded into a guest file.
fn base64_in(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 1, true)?;
    let out = super::create_truncated(&p).map_err(|e| Error::io(&e, r.str(1)))?;
    let mut child = Cmd::new("base64")
        .arg("-d")
        .arg("-i")
        .stdout_file(out)
        .spawn_streaming(true, false)?;
    let mut stdin = child.child.stdin.take();
    let upload = crate::args::FileIn::token();
    let res = crate::stream::receive(d, upload, &mut |data: &[u8]| match stdin.as_mut() {
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
        return Err(Error::msg(format!("{}: {err}", r.str(1))));
    }
    Ok(RetValue::None)
}

/// A guest file sent as base64 text (FileOut).
fn base64_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let f = open_guest(d, r, 0, "")?;
    let mut child = Cmd::new("base64").stdin_file(f).spawn_streaming(false, true)?;
    let mut file = crate::stream::FileOutStream::begin(d, crate::args::FileOut::token())?;
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
    Ok(RetValue::None)
}
