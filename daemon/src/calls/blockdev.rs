//! Block device queries and controls through the blockdev tool, and zeroing.

use std::fs::OpenOptions;
use std::os::unix::fs::FileExt;

use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

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

pub fn blockdev_getsize64(_d: &mut Daemon, device: &str) -> Result<i64> {
    size64(device)
}

/// Size in bytes of a device, with blockdev_getsize64's errors (debug device_speed uses it).
pub fn size64(device: &str) -> Result<i64> {
    blockdev(device, "--getsize64", true)
}

pub fn blockdev_getss(_d: &mut Daemon, device: &str) -> Result<i32> {
    Ok(blockdev(device, "--getss", true)? as i32)
}

/// Sector size in bytes of a (real) device, for callers such as mkfs.
pub fn sector_size(device: &str) -> Result<i64> {
    blockdev(device, "--getss", true)
}

pub fn blockdev_getsz(_d: &mut Daemon, device: &str) -> Result<i64> {
    blockdev(device, "--getsz", true)
}

pub fn blockdev_getbsz(_d: &mut Daemon, device: &str) -> Result<i32> {
    Ok(blockdev(device, "--getbsz", true)? as i32)
}

pub fn blockdev_getro(_d: &mut Daemon, device: &str) -> Result<bool> {
    Ok(blockdev(device, "--getro", true)? != 0)
}

pub fn blockdev_setro(_d: &mut Daemon, device: &str) -> Result<()> {
    blockdev(device, "--setro", false)?;
    Ok(())
}

pub fn blockdev_setrw(_d: &mut Daemon, device: &str) -> Result<()> {
    blockdev(device, "--setrw", false)?;
    Ok(())
}

pub fn blockdev_rereadpt(_d: &mut Daemon, device: &str) -> Result<()> {
    blockdev(device, "--rereadpt", false)?;
    super::parted::settle(device);
    Ok(())
}

pub fn blockdev_flushbufs(_d: &mut Daemon, device: &str) -> Result<()> {
    blockdev(device, "--flushbufs", false)?;
    Ok(())
}

/// Zero the first 32 × 4 KiB blocks, skipping blocks that are already zero.
pub fn zero(d: &mut Daemon, device: &str) -> Result<()> {
    let dev = device;
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(dev)
        .map_err(|e| Error::io(&e, dev))?;
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
    Ok(())
}

pub fn blockdev_setra(_d: &mut Daemon, device: &str, sectors: i32) -> Result<()> {
    let n = sectors;
    if n < 0 {
        return Err(Error::msg("readahead sectors must be >= 0"));
    }
    let o = Cmd::new("blockdev").args(["--setra", &n.to_string()]).arg(device).run();
    if !o.ok() {
        return Err(Error::msg(format!("blockdev: {}", o.err_text())));
    }
    Ok(())
}

/// 1.48 made this a no-op (changing the block size of a device was never useful).
pub fn blockdev_setbsz(_d: &mut Daemon, _device: &str, _blocksize: i32) -> Result<()> {
    Ok(())
}

/// Write zeroes over the whole device, skipping blocks that are already zero.
pub fn zero_device(d: &mut Daemon, device: &str) -> Result<()> {
    let dev = device;
    let size = blockdev(dev, "--getsize64", true)? as u64;
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(dev)
        .map_err(|e| Error::io(&e, dev))?;
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
    Ok(())
}

pub fn wipefs(_d: &mut Daemon, device: &str) -> Result<()> {
    let o = Cmd::new("wipefs").args(["-a", "--force"]).arg(device).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(())
}
