//! inotify on guest paths: one instance per daemon, read without blocking.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::Mutex;

use guestfs_protocol::{FieldValue, RetValue, StructValue};

use super::{host_path, Handler};
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("inotify_init", inotify_init),
    ("inotify_add_watch", inotify_add_watch),
    ("inotify_rm_watch", inotify_rm_watch),
    ("inotify_read", inotify_read),
    ("inotify_files", inotify_files),
    ("inotify_close", inotify_close),
];

static FD: Mutex<Option<OwnedFd>> = Mutex::new(None);

fn with_fd<T>(r: &Req, f: impl FnOnce(i32) -> Result<T>) -> Result<T> {
    let g = FD.lock().map_err(|_| Error::msg("inotify state poisoned"))?;
    match g.as_ref() {
        Some(fd) => f(fd.as_raw_fd()),
        None => Err(Error::msg(format!(
            "do_{}: you must call 'inotify_init' first to initialize inotify",
            r.action.name
        ))),
    }
}

fn inotify_init(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let max = r.int(0);
    if max < 0 {
        return Err(Error::msg("max_events < 0"));
    }
    if max > 0 {
        const MQE: &str = "/proc/sys/fs/inotify/max_queued_events";
        std::fs::write(MQE, format!("{max}\n")).map_err(|e| Error::io(&e, MQE))?;
    }
    // SAFETY: inotify_init1 returns a new fd or -1.
    let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
    if fd == -1 {
        return Err(Error::io(&std::io::Error::last_os_error(), "inotify_init1"));
    }
    // SAFETY: fd was just created and is owned by nothing else.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    *FD.lock().map_err(|_| Error::msg("inotify state poisoned"))? = Some(owned);
    Ok(RetValue::None)
}

fn inotify_close(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    let mut g = FD.lock().map_err(|_| Error::msg("inotify state poisoned"))?;
    if g.take().is_none() {
        return Err(Error::msg("handle is not open"));
    }
    Ok(RetValue::None)
}

fn inotify_add_watch(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let c = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()))
        .map_err(|_| Error::with_errno(libc::EINVAL, "path contains NUL"))?;
    with_fd(r, |fd| {
        // SAFETY: valid fd and C string.
        let wd = unsafe { libc::inotify_add_watch(fd, c.as_ptr(), r.int(1) as u32) };
        if wd == -1 {
            return Err(Error::io(&std::io::Error::last_os_error(), r.str(0)));
        }
        Ok(RetValue::Int64(wd as i64))
    })
}

fn inotify_rm_watch(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let wd = r.int(0);
    with_fd(r, |fd| {
        // SAFETY: plain syscall on a valid fd.
        if unsafe { libc::inotify_rm_watch(fd, wd) } == -1 {
            return Err(Error::io(&std::io::Error::last_os_error(), wd));
        }
        Ok(RetValue::None)
    })
}

/// One event: (watch descriptor, mask, cookie, name).
type Event = (i64, u32, u32, Vec<u8>);

/// Parse raw inotify records (wd i32, mask u32, cookie u32, len u32, name[len]).
pub fn parse_events(buf: &[u8]) -> Vec<Event> {
    let mut out = Vec::new();
    let mut n = 0;
    while n + 16 <= buf.len() {
        let u = |o: usize| u32::from_ne_bytes([buf[n + o], buf[n + o + 1], buf[n + o + 2], buf[n + o + 3]]);
        let (wd, mask, cookie, len) = (u(0) as i32, u(4), u(8), u(12) as usize);
        if n + 16 + len > buf.len() {
            break;
        }
        let raw = &buf[n + 16..n + 16 + len];
        let name = raw[..raw.iter().position(|&b| b == 0).unwrap_or(raw.len())].to_vec();
        out.push((wd as i64, mask, cookie, name));
        n += 16 + len;
    }
    out
}

/// Everything queued now (the fd is non-blocking), bounded so the reply fits a message.
fn read_events(r: &Req) -> Result<Vec<Event>> {
    with_fd(r, |fd| {
        let mut all = Vec::new();
        let mut buf = vec![0u8; 65536];
        let mut room: usize = guestfs_protocol::MESSAGE_MAX as usize / 2;
        loop {
            // SAFETY: buf is valid for its length.
            let n = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
            if n < 0 {
                let e = std::io::Error::last_os_error();
                if matches!(e.raw_os_error(), Some(libc::EAGAIN) | Some(libc::EINTR)) {
                    break;
                }
                return Err(Error::io(&e, "read"));
            }
            if n == 0 {
                return Err(Error::msg("unexpected end of file"));
            }
            for ev in parse_events(&buf[..n as usize]) {
                room = room.saturating_sub(28 + ev.3.len());
                all.push(ev);
            }
            if room == 0 {
                break;
            }
        }
        Ok(all)
    })
}

fn inotify_read(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let v = read_events(r)?
        .into_iter()
        .map(|(wd, mask, cookie, name)| StructValue {
            fields: vec![
                FieldValue::Int64(wd),
                FieldValue::UInt32(mask),
                FieldValue::UInt32(cookie),
                FieldValue::Str(name),
            ],
        })
        .collect();
    Ok(RetValue::StructList(v))
}

/// Names of the files events were seen for, sorted, without duplicates.
fn inotify_files(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mut names: Vec<Vec<u8>> = read_events(r)?
        .into_iter()
        .map(|e| e.3)
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    Ok(RetValue::StrList(names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_events() {
        let mut b = Vec::new();
        for (wd, name) in [(1i32, &b"a\0\0\0"[..]), (2, &b""[..])] {
            b.extend_from_slice(&wd.to_ne_bytes());
            b.extend_from_slice(&0x100u32.to_ne_bytes());
            b.extend_from_slice(&0u32.to_ne_bytes());
            b.extend_from_slice(&(name.len() as u32).to_ne_bytes());
            b.extend_from_slice(name);
        }
        let v = parse_events(&b);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].3, b"a");
        assert_eq!(v[1].0, 2);
        assert!(parse_events(&b[..10]).is_empty());
    }
}
