//! Block device queries and controls through the blockdev tool, and zeroing.

use std::fs::OpenOptions;
use std::os::unix::fs::FileExt;

use guestfs_protocol::RetValue;

use super::Handler;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("blockdev_getsize64", getsize64),
    ("blockdev_getss", getss),
    ("blockdev_getsz", getsz),
    ("blockdev_getbsz", getbsz),
    ("blockdev_getro", getro),
    ("blockdev_setro", setro),
    ("blockdev_setrw", setrw),
    ("blockdev_rereadpt", rereadpt),
    ("blockdev_flushbufs", flushbufs),
    ("zero", zero),
    ("zero_device", zero_device),
    ("blockdev_setra", setra),
    ("blockdev_setbsz", setbsz),
    ("wipefs", wipefs),
];

/// Run `blockdev <switch> <device>`; returns its number output when `want_output`.
fn blockdev(device: &str, switch: &str, want_output: bool) -> Result<i64> {
    let o = Cmd::new("blockdev").arg(switch).arg(device).run();
    if !o.ok() {
        return Err(Error::msg(format!("blockdev: {}", o.err_text())));
    }
    if !want_output {
        return Ok(0);
    }
    let t = o.out_text();
    let t = t.trim();
    if t.is_empty() {
        return Err(Error::msg("blockdev: expected output, but got nothing"));
    }
    t.parse()
        .map_err(|_| Error::msg(format!("blockdev: could not parse output: {t}")))
}

fn getsize64(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Int64(size64(&r.str(0))?))
}

/// Size in bytes of a device, with blockdev_getsize64's errors (debug device_speed uses it).
pub fn size64(device: &str) -> Result<i64> {
    blockdev(device, "--getsize64", true)
}

fn getss(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Int(blockdev(&r.str(0), "--getss", true)? as i32))
}

/// Sector size in bytes of a (real) device, for callers such as mkfs.
pub fn sector_size(device: &str) -> Result<i64> {
    blockdev(device, "--getss", true)
}

fn getsz(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Int64(blockdev(&r.str(0), "--getsz", true)?))
}

fn getbsz(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Int(blockdev(&r.str(0), "--getbsz", true)? as i32))
}

fn getro(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Bool(blockdev(&r.str(0), "--getro", true)? != 0))
}

fn setro(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    blockdev(&r.str(0), "--setro", false)?;
    Ok(RetValue::None)
}

fn setrw(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    blockdev(&r.str(0), "--setrw", false)?;
    Ok(RetValue::None)
}

fn rereadpt(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    blockdev(&r.str(0), "--rereadpt", false)?;
    super::parted::settle(&r.str(0));
    Ok(RetValue::None)
}

fn flushbufs(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    blockdev(&r.str(0), "--flushbufs", false)?;
    Ok(RetValue::None)
}

/// Zero the first 32 × 4 KiB blocks, skipping blocks that are already zero.
fn zero(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(&dev)
        .map_err(|e| Error::io(&e, &dev))?;
    let zeroes = [0u8; 4096];
    let mut buf = [0u8; 4096];
    for i in 0..32u64 {
        let off = i * 4096;
        f.read_exact_at(&mut buf, off)
            .map_err(|e| Error::io(&e, format!("pread: {dev}")))?;
        if buf.iter().any(|&b| b != 0) {
            f.write_all_at(&zeroes, off)
                .map_err(|e| Error::io(&e, format!("pwrite: {dev}")))?;
        }
        d.progress(i, 32);
    }
    f.sync_all().map_err(|e| Error::io(&e, format!("close: {dev}")))?;
    Ok(RetValue::None)
}

fn setra(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let n = r.int(1);
    if n < 0 {
        return Err(Error::msg("readahead sectors must be >= 0"));
    }
    let o = Cmd::new("blockdev")
        .args(["--setra", &n.to_string()])
        .arg(r.str(0))
        .run();
    if !o.ok() {
        return Err(Error::msg(format!("blockdev: {}", o.err_text())));
    }
    Ok(RetValue::None)
}

/// 1.48 made this a no-op (changing the block size of a device was never useful).
fn setbsz(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(RetValue::None)
}

/// Write zeroes over the whole device, skipping blocks that are already zero.
fn zero_device(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let size = blockdev(&dev, "--getsize64", true)? as u64;
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(&dev)
        .map_err(|e| Error::io(&e, &dev))?;
    let mut buf = vec![0u8; 1 << 20];
    let zeroes = vec![0u8; 1 << 20];
    let mut off = 0u64;
    while off < size {
        let n = (size - off).min(buf.len() as u64) as usize;
        f.read_exact_at(&mut buf[..n], off)
            .map_err(|e| Error::io(&e, format!("read: {dev}")))?;
        if buf[..n].iter().any(|&b| b != 0) {
            f.write_all_at(&zeroes[..n], off)
                .map_err(|e| Error::io(&e, format!("write: {dev}")))?;
        }
        off += n as u64;
        d.progress(off, size);
    }
    f.sync_all().map_err(|e| Error::io(&e, format!("fsync: {dev}")))?;
    Ok(RetValue::None)
}

fn wipefs(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let o = Cmd::new("wipefs").args(["-a", "--force"]).arg(r.str(0)).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(RetValue::None)
}
