//! The I/O sub-commands of `debug` that virt-bmap and libguestfs's alignment tools use:
//! `bmap_file`/`bmap_device` open a file, directory or device, `bmap` then reads it
//! whole with the caches dropped (so a tracing qemu sees every block), `device_speed`
//! measures raw read or write throughput, `qtrace` reads the marker pattern that tells a
//! tracing qemu to start or stop.

use std::fs::{File, OpenOptions, ReadDir};
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::{FileExt, FileTypeExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::blockdev;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

/// What `bmap_file`/`bmap_device` opened, waiting for `bmap` (one at a time, as in 1.48).
enum Target {
    File { f: File, len: u64 },
    Dir(ReadDir),
}

static TARGET: Mutex<Option<Target>> = Mutex::new(None);

/// 1.48's buffer size for these loops (glibc's BUFSIZ).
const BUF: usize = 8192;

fn set_target(t: Option<Target>) {
    *TARGET.lock().unwrap_or_else(|p| p.into_inner()) = t;
}

fn io_err(e: &std::io::Error, what: impl std::fmt::Display) -> Error {
    Error::io(e, what)
}

/// Opens `host` (named `shown` in messages) for a later `bmap`.
fn prepare(host: &Path, shown: &str) -> Result<String> {
    set_target(None);
    let meta = std::fs::metadata(host).map_err(|e| io_err(&e, shown))?;
    let t = if meta.is_dir() {
        Target::Dir(std::fs::read_dir(host).map_err(|e| io_err(&e, format!("opendir: {shown}")))?)
    } else {
        let f = File::open(host).map_err(|e| io_err(&e, shown))?;
        // SAFETY: posix_fadvise on an open fd only gives the kernel a hint.
        unsafe {
            libc::posix_fadvise(
                std::os::fd::AsRawFd::as_raw_fd(&f),
                0,
                0,
                libc::POSIX_FADV_SEQUENTIAL | libc::POSIX_FADV_NOREUSE | libc::POSIX_FADV_DONTNEED,
            )
        };
        let len = if meta.file_type().is_block_device() {
            device_len(&f).map_err(|e| io_err(&e, "lseek"))?
        } else {
            meta.len()
        };
        Target::File { f, len }
    };
    set_target(Some(t));
    Ok("ok".into())
}

/// Size of an open block device (seeking to its end gives what BLKGETSIZE64 would).
fn device_len(mut f: &File) -> std::io::Result<u64> {
    let n = f.seek(SeekFrom::End(0))?;
    f.seek(SeekFrom::Start(0))?;
    Ok(n)
}

/// sync, then drop the page, dentry and inode caches (1.48's drop_caches 3).
fn drop_caches() -> Result<()> {
    // SAFETY: sync takes no arguments.
    unsafe { libc::sync() };
    std::fs::write("/proc/sys/vm/drop_caches", "3").map_err(|e| io_err(&e, "/proc/sys/vm/drop_caches"))
}

pub fn bmap_file(d: &mut Daemon, a: &[String]) -> Result<String> {
    let [path] = a else {
        return Err(Error::msg("bmap-file: missing path"));
    };
    let host = d.sysroot.resolve(path.as_bytes(), true).map_err(|e| io_err(&e, path))?;
    prepare(&host, path)
}

pub fn bmap_device(d: &mut Daemon, a: &[String]) -> Result<String> {
    let [device] = a else {
        return Err(Error::msg("bmap-device: missing device"));
    };
    prepare(Path::new(&real_device(d, device)), device)
}

/// The appliance's node for a caller's device name. 1.48 uses the name as given, which
/// in its appliance is the same node; ours may order its disks differently (the tools
/// disk can be probed first), so names are translated as for any Device argument.
fn real_device(d: &Daemon, device: &str) -> String {
    d.devices.translate(device)
}

/// Reads what bmap_file/bmap_device opened, whole, then forgets it.
pub fn bmap(_d: &mut Daemon, a: &[String]) -> Result<String> {
    if !a.is_empty() {
        return Err(Error::msg("bmap: extra parameters on command line"));
    }
    drop_caches()?;
    let t = TARGET.lock().unwrap_or_else(|p| p.into_inner()).take();
    match t {
        Some(Target::File { mut f, len }) => {
            let mut buf = vec![0u8; BUF];
            let mut left = len;
            while left > 0 {
                let want = left.min(BUF as u64) as usize;
                match f.read(&mut buf[..want]) {
                    Ok(0) => break,
                    Ok(n) => left -= n as u64,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(io_err(&e, "read")),
                }
            }
        }
        Some(Target::Dir(rd)) => {
            for e in rd {
                e.map_err(|e| io_err(&e, "readdir"))?;
            }
        }
        None => {}
    }
    Ok("ok".into())
}

/// Page-aligned buffer for O_DIRECT I/O.
struct Aligned {
    ptr: *mut u8,
    layout: std::alloc::Layout,
}

impl Aligned {
    fn new(len: usize, fill: u8) -> Aligned {
        let layout = std::alloc::Layout::from_size_align(len, 4096).expect("constant layout");
        // SAFETY: layout has a non-zero size.
        let ptr = unsafe { std::alloc::alloc(layout) };
        if ptr.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: ptr points to len writable bytes just allocated.
        unsafe { std::ptr::write_bytes(ptr, fill, len) };
        Aligned { ptr, layout }
    }
    fn as_mut(&mut self) -> &mut [u8] {
        // SAFETY: ptr is valid for layout.size() bytes for as long as self lives.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.layout.size()) }
    }
}

impl Drop for Aligned {
    fn drop(&mut self) {
        // SAFETY: ptr was allocated with this layout and is freed once.
        unsafe { std::alloc::dealloc(self.ptr, self.layout) };
    }
}

/// `device_speed <device> <r|w> <secs>`: reads or writes the device with O_DIRECT,
/// wrapping at its end, for `secs` seconds; the result is the number of bytes moved.
pub fn device_speed(d: &mut Daemon, a: &[String]) -> Result<String> {
    let usage = || Error::msg("device_speed <device> <r|w> <secs>");
    let [device, mode, secs] = a else {
        return Err(usage());
    };
    let real = real_device(d, device);
    let writing = match mode.as_str() {
        "r" | "read" => false,
        "w" | "write" => true,
        _ => return Err(usage()),
    };
    let secs: u32 = leading_unsigned(secs).ok_or_else(usage)?;
    let size = blockdev::size64(&real)?;
    if size < BUF as i64 {
        return Err(Error::msg(format!("{device}: device is too small")));
    }
    let mut buf = Aligned::new(BUF, 100);
    let f = OpenOptions::new()
        .read(!writing)
        .write(writing)
        .custom_flags(libc::O_DIRECT)
        .open(&real)
        .map_err(|e| io_err(&e, format!("open: {device}")))?;
    let end = Instant::now() + Duration::from_secs(secs.into());
    let (mut position, mut copied) = (0i64, 0i64);
    while Instant::now() <= end {
        if size - position < BUF as i64 {
            position = 0;
        }
        let n = if writing {
            f.write_at(buf.as_mut(), position as u64)
                .map_err(|e| io_err(&e, format!("write: {device}")))?
        } else {
            let n = f
                .read_at(buf.as_mut(), position as u64)
                .map_err(|e| io_err(&e, format!("read: {device}")))?;
            if n == 0 {
                return Err(Error::msg("unexpected end of file while reading"));
            }
            n
        };
        position += BUF as i64;
        copied += n as i64;
    }
    Ok(copied.to_string())
}

/// sscanf("%u") as 1.48 parses the seconds: leading digits after optional spaces.
fn leading_unsigned(s: &str) -> Option<u32> {
    let t = s.trim_start();
    let t = t.strip_prefix('+').unwrap_or(t);
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// `qtrace <device> <on|off>`: reads 512-byte sectors in the order a patched, tracing
/// qemu recognises as "start" (2 21 15 2) or "stop" (2 15 21 2), caches dropped around.
pub fn qtrace(d: &mut Daemon, a: &[String]) -> Result<String> {
    let usage = || Error::msg("qtrace <device> <on|off>");
    let [device, onoff] = a else {
        return Err(usage());
    };
    let real = real_device(d, device);
    let pattern: &[u64] = match onoff.as_str() {
        "on" => &[2, 21, 15, 2],
        "off" => &[2, 15, 21, 2],
        _ => return Err(usage()),
    };
    drop_caches()?;
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECT)
        .open(&real)
        .map_err(|e| io_err(&e, format!("qtrace: {device}: open")))?;
    let mut buf = Aligned::new(4096, 0);
    for &sector in pattern {
        f.read_at(&mut buf.as_mut()[..512], sector * 512)
            .map_err(|e| io_err(&e, format!("qtrace: {device}: read")))?;
    }
    drop(f);
    drop_caches()?;
    Ok("ok".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_parse_like_scanf() {
        assert_eq!(leading_unsigned("3"), Some(3));
        assert_eq!(leading_unsigned(" 7x"), Some(7));
        assert_eq!(leading_unsigned("x"), None);
        assert_eq!(leading_unsigned(""), None);
    }
}
