//! Byte-level side of the library's connection: reads and writes on the daemon socket that
//! keep draining the console meanwhile, and the receive loop of libguestfs's lib/proto.c
//! (length word or flag, progress messages handled wherever they appear).

use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use super::{CallError, ClientEvents};
use crate::consts::*;
use crate::message::Progress;
use crate::sys::{self, Watch};

/// Terminal "Device Status Report" query SGABIOS writes to the console, and the answer
/// that keeps it from stalling (a fixed size plus padding, as 1.48 sends).
const DSR_QUERY: &[u8] = b"\x1b[6n";
const DSR_REPLY: &[u8] = b"\x1b[24;80R\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08";
/// Console reads are this big (BUFSIZ).
const CONSOLE_BUF: usize = 8192;
/// Bound on console reads done in one go, so a chatty appliance cannot starve the caller.
const CONSOLE_DRAIN_MAX: usize = 256;

/// What arrived where a length word was expected (progress messages are consumed inside).
pub(crate) enum Received {
    Launch,
    Cancel,
    Message(Vec<u8>),
}

pub(crate) struct Wire {
    pub daemon: UnixStream,
    pub console: Option<UnixStream>,
    /// Set once the console reached EOF: it is then no longer polled.
    console_eof: bool,
}

impl Wire {
    pub fn new(daemon: UnixStream, console: Option<UnixStream>) -> Wire {
        Wire {
            daemon,
            console,
            console_eof: false,
        }
    }

    fn console_fd(&self) -> Option<i32> {
        match (&self.console, self.console_eof) {
            (Some(c), false) => Some(c.as_raw_fd()),
            _ => None,
        }
    }

    /// Reads once from the console and passes the bytes on as appliance output.
    pub fn handle_console(&mut self, ev: &dyn ClientEvents) {
        let Some(fd) = self.console_fd() else { return };
        // The emulated 16550 delivers a few bytes at a time; a short pause batches them
        // into fewer, larger events (1.48 does the same).
        std::thread::sleep(Duration::from_millis(1));
        let mut buf = vec![0u8; CONSOLE_BUF];
        match sys::recv(fd, &mut buf) {
            Ok(0) => {
                ev.debug("console socket reached end of file");
                self.console_eof = true;
            }
            Ok(n) => {
                let data = &buf[..n];
                if data.windows(DSR_QUERY.len()).any(|w| w == DSR_QUERY) {
                    ev.debug("responding to serial console Device Status Report");
                    // Only an optimisation: a failed answer is harmless.
                    let _ = sys::send(fd, DSR_REPLY);
                }
                ev.appliance_output(data);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
                ) => {}
            Err(e) => {
                ev.debug(&format!("error reading console messages from the appliance: {e}"));
                self.console_eof = true;
            }
        }
    }

    /// Forwards whatever console output is ready, without waiting.
    pub fn drain_console(&mut self, ev: &dyn ClientEvents) {
        for _ in 0..CONSOLE_DRAIN_MAX {
            let Some(fd) = self.console_fd() else { return };
            match sys::poll(
                &[Watch {
                    fd,
                    read: true,
                    write: false,
                }],
                Some(Duration::ZERO),
            ) {
                Ok(r) if r[0].readable => self.handle_console(ev),
                _ => return,
            }
        }
    }

    /// The daemon went away: collect the console's last words, then report Closed.
    fn closed(&mut self, ev: &dyn ClientEvents) -> CallError {
        self.drain_console(ev);
        CallError::Closed
    }

    /// Waits until the daemon socket is ready (reading or writing) or the deadline passes,
    /// handling console output meanwhile.
    fn wait(&mut self, ev: &dyn ClientEvents, write: bool, deadline: Option<Instant>) -> Result<(), CallError> {
        let daemon = self.daemon.as_raw_fd();
        loop {
            let timeout = match deadline {
                None => None,
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(CallError::Timeout(
                            "timed out waiting for the appliance to respond".to_string(),
                        ));
                    }
                    Some(left)
                }
            };
            let mut watches = vec![Watch {
                fd: daemon,
                read: !write,
                write,
            }];
            if let Some(fd) = self.console_fd() {
                watches.push(Watch {
                    fd,
                    read: true,
                    write: false,
                });
            }
            let ready = sys::poll(&watches, timeout)
                .map_err(|e| CallError::Protocol(format!("poll: {}", sys::strerror(e.raw_os_error().unwrap_or(0)))))?;
            if ready.len() > 1 && ready[1].readable {
                self.handle_console(ev);
            }
            if ready[0].readable || ready[0].writable {
                return Ok(());
            }
        }
    }

    /// Fills `buf` from the daemon socket. EOF or ECONNRESET -> Closed.
    pub fn read_exact(
        &mut self,
        ev: &dyn ClientEvents,
        buf: &mut [u8],
        deadline: Option<Instant>,
    ) -> Result<(), CallError> {
        let mut done = 0;
        while done < buf.len() {
            self.wait(ev, false, deadline)?;
            match sys::recv(self.daemon.as_raw_fd(), &mut buf[done..]) {
                Ok(0) => return Err(self.closed(ev)),
                Ok(n) => done += n,
                Err(e) => match e.kind() {
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted => {}
                    std::io::ErrorKind::ConnectionReset => return Err(self.closed(ev)),
                    _ => {
                        return Err(CallError::Protocol(format!(
                            "read_data: read: {}",
                            sys::strerror(e.raw_os_error().unwrap_or(0))
                        )))
                    }
                },
            }
        }
        Ok(())
    }

    /// Writes all of `buf` to the daemon socket. EPIPE or ECONNRESET -> Closed.
    pub fn write_all(&mut self, ev: &dyn ClientEvents, buf: &[u8]) -> Result<(), CallError> {
        let mut done = 0;
        while done < buf.len() {
            self.wait(ev, true, None)?;
            match sys::send(self.daemon.as_raw_fd(), &buf[done..]) {
                Ok(n) => done += n,
                Err(e) => match e.kind() {
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted => {}
                    std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset => return Err(self.closed(ev)),
                    _ => {
                        return Err(CallError::Protocol(format!(
                            "write_data: write: {}",
                            sys::strerror(e.raw_os_error().unwrap_or(0))
                        )))
                    }
                },
            }
        }
        Ok(())
    }

    pub fn read_u32(&mut self, ev: &dyn ClientEvents, deadline: Option<Instant>) -> Result<u32, CallError> {
        let mut b = [0u8; 4];
        self.read_exact(ev, &mut b, deadline)?;
        Ok(u32::from_be_bytes(b))
    }

    /// Reads the 24 bytes after a PROGRESS_FLAG and raises the event.
    fn read_progress(&mut self, ev: &dyn ClientEvents, deadline: Option<Instant>) -> Result<(), CallError> {
        let mut b = [0u8; PROGRESS_LEN];
        self.read_exact(ev, &mut b, deadline)?;
        ev.progress(&Progress::from_bytes(&b));
        Ok(())
    }

    /// One message, launch flag or cancel flag from the daemon; progress messages on the
    /// way are raised as events and skipped.
    pub fn recv(&mut self, ev: &dyn ClientEvents, deadline: Option<Instant>) -> Result<Received, CallError> {
        loop {
            match self.read_u32(ev, deadline)? {
                LAUNCH_FLAG => {
                    ev.debug("recv_from_daemon: received GUESTFS_LAUNCH_FLAG");
                    return Ok(Received::Launch);
                }
                CANCEL_FLAG => {
                    ev.debug("recv_from_daemon: received GUESTFS_CANCEL_FLAG");
                    return Ok(Received::Cancel);
                }
                PROGRESS_FLAG => self.read_progress(ev, deadline)?,
                len if len > MESSAGE_MAX => {
                    return Err(CallError::Protocol(format!(
                        "message length ({len}) > maximum possible size ({MESSAGE_MAX})"
                    )))
                }
                len => {
                    let mut buf = vec![0u8; len as usize];
                    self.read_exact(ev, &mut buf, deadline)?;
                    return Ok(Received::Message(buf));
                }
            }
        }
    }

    /// Before sending anything: without blocking, consume pending progress messages and
    /// report whether the daemon sent a CANCEL_FLAG. Anything else means the two sides
    /// are out of step.
    pub fn check_daemon_socket(&mut self, ev: &dyn ClientEvents) -> Result<bool, CallError> {
        let fd = self.daemon.as_raw_fd();
        loop {
            let ready = sys::poll(
                &[Watch {
                    fd,
                    read: true,
                    write: false,
                }],
                Some(Duration::ZERO),
            )
            .map_err(|e| CallError::Protocol(format!("can_read_data: poll: {e}")))?;
            if !ready[0].readable {
                return Ok(false);
            }
            match self.read_u32(ev, None)? {
                PROGRESS_FLAG => self.read_progress(ev, None)?,
                CANCEL_FLAG => return Ok(true),
                w => {
                    return Err(CallError::Protocol(format!(
                        "check_daemon_socket: read 0x{w:x} from daemon, expected 0x{CANCEL_FLAG:x}.  Lost protocol synchronization (bad!)\n"
                    )))
                }
            }
        }
    }
}
