//! inotify on guest paths: one instance per daemon, read without blocking.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::Mutex;

use guestfs_protocol::structs::InotifyEvent;
use guestfs_protocol::ByteString;

use crate::args::GuestPath;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

static FD: Mutex<Option<OwnedFd>> = Mutex::new(None);

/// Runs `f` on the instance's fd; `action` names the call in the "not initialized" error.
fn with_fd<T>(action: &str, f: impl FnOnce(i32) -> Result<T>) -> Result<T> {
    let g = FD.lock().map_err(|_| Error::msg("inotify state poisoned"))?;
    match g.as_ref() {
        Some(fd) => f(fd.as_raw_fd()),
        None => Err(not_initialized(action)),
    }
}

/// 1.48's error for a call made before inotify_init (or after inotify_close).
fn not_initialized(action: &str) -> Error {
    Error::msg(format!(
        "do_{action}: you must call 'inotify_init' first to initialize inotify"
    ))
}

pub fn inotify_init(d: &mut Daemon, maxevents: i32) -> Result<()> {
    // 1.48 wants a mounted root before anything else (watched paths are in the guest).
    crate::checks::need_root(d, "do_inotify_init")?;
    let max = maxevents;
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
    Ok(())
}

pub fn inotify_close(_d: &mut Daemon) -> Result<()> {
    let mut g = FD.lock().map_err(|_| Error::msg("inotify state poisoned"))?;
    if g.take().is_none() {
        return Err(not_initialized("inotify_close"));
    }
    Ok(())
}

pub fn inotify_add_watch(d: &mut Daemon, path: &GuestPath, mask: i32) -> Result<i64> {
    let p = path.resolve(d, true)?;
    let c = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()))
        .map_err(|_| Error::with_errno(libc::EINVAL, "path contains NUL"))?;
    with_fd("inotify_add_watch", |fd| {
        // SAFETY: valid fd and C string.
        let wd = unsafe { libc::inotify_add_watch(fd, c.as_ptr(), mask as u32) };
        if wd == -1 {
            return Err(Error::io(&std::io::Error::last_os_error(), path));
        }
        Ok(wd as i64)
    })
}

pub fn inotify_rm_watch(_d: &mut Daemon, wd: i32) -> Result<()> {
    with_fd("inotify_rm_watch", |fd| {
        // SAFETY: plain syscall on a valid fd.
        if unsafe { libc::inotify_rm_watch(fd, wd) } == -1 {
            return Err(Error::io(&std::io::Error::last_os_error(), wd));
        }
        Ok(())
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
fn read_events(action: &str) -> Result<Vec<Event>> {
    with_fd(action, |fd| {
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

pub fn inotify_read(_d: &mut Daemon) -> Result<Vec<InotifyEvent>> {
    Ok(read_events("inotify_read")?
        .into_iter()
        .map(|(wd, mask, cookie, name)| InotifyEvent {
            in_wd: wd,
            in_mask: mask,
            in_cookie: cookie,
            in_name: ByteString::from(name),
        })
        .collect())
}

/// Names of the files events were seen for, sorted, without duplicates.
pub fn inotify_files(_d: &mut Daemon) -> Result<Vec<Vec<u8>>> {
    let mut names: Vec<Vec<u8>> = read_events("inotify_files")?
        .into_iter()
        .map(|e| e.3)
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
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
