//! The few raw socket calls std does not offer: poll(), and send/recv with per-call flags.
//!
//! send() uses MSG_NOSIGNAL because the library runs inside arbitrary C programs that may
//! not ignore SIGPIPE: a dead appliance must give EPIPE, not kill the caller. Both use
//! MSG_DONTWAIT so the caller's sockets keep whatever blocking mode they had.

use std::io;
use std::os::fd::RawFd;
use std::time::Duration;

/// What poll() reported for one fd.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ready {
    /// Data (or EOF, or an error) can be read without blocking.
    pub readable: bool,
    /// Data can be written without blocking (or the peer is gone and a write will say so).
    pub writable: bool,
}

/// One fd to watch.
#[derive(Clone, Copy, Debug)]
pub struct Watch {
    pub fd: RawFd,
    pub read: bool,
    pub write: bool,
}

/// poll() the given fds. `timeout` None waits forever; Some(0) does not wait. Returns one
/// `Ready` per watch; all false means the timeout expired. EINTR is retried.
pub fn poll(watches: &[Watch], timeout: Option<Duration>) -> io::Result<Vec<Ready>> {
    let mut fds: Vec<libc::pollfd> = watches
        .iter()
        .map(|w| libc::pollfd {
            fd: w.fd,
            events: (if w.read { libc::POLLIN } else { 0 }) | (if w.write { libc::POLLOUT } else { 0 }),
            revents: 0,
        })
        .collect();
    let ms: libc::c_int = match timeout {
        None => -1,
        // Round up so a short positive timeout still waits.
        Some(d) => d.as_micros().div_ceil(1000).min(libc::c_int::MAX as u128) as libc::c_int,
    };
    loop {
        // SAFETY: `fds` is a valid, exclusively borrowed array of `fds.len()` pollfd structs.
        let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if r >= 0 {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
    Ok(fds
        .iter()
        .zip(watches)
        .map(|(p, w)| Ready {
            readable: w.read && p.revents & (libc::POLLIN | gone) != 0,
            writable: w.write && p.revents & (libc::POLLOUT | gone) != 0,
        })
        .collect())
}

/// Non-blocking receive. Ok(0) is EOF; WouldBlock means nothing is there yet.
pub fn recv(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: `buf` is valid for writes of `buf.len()` bytes for the duration of the call.
    let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), libc::MSG_DONTWAIT) };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// Non-blocking send without SIGPIPE. Returns the number of bytes taken.
pub fn send(fd: RawFd, buf: &[u8]) -> io::Result<usize> {
    // SAFETY: `buf` is valid for reads of `buf.len()` bytes for the duration of the call.
    let n = unsafe {
        libc::send(
            fd,
            buf.as_ptr().cast(),
            buf.len(),
            libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
        )
    };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// strerror text for an errno, without std's " (os error N)" suffix.
pub fn strerror(errno: i32) -> String {
    let s = io::Error::from_raw_os_error(errno).to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
