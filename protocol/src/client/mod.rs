//! Library side of one connection to a daemon (docs/architecture.md, "The protocol in brief"): the launch
//! handshake and complete RPCs, FileIn/FileOut transfers included.

#[cfg(test)]
mod tests;
mod transfer;
mod wire;

use std::fmt;
use std::os::unix::net::UnixStream;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use guestfs_api::{Action, Api, ArgType, StrKind};

use crate::consts::*;
use crate::errno::name_to_errno;
use crate::message::{frame_message, Header, MessageError};
use crate::value::{decode_ret, encode_args, optargs_bitmask, RetValue, Value};
use crate::xdr::XdrReader;
use transfer::{path_of, Sent};
use wire::{Received, Wire};

/// Where the connection reports what happens while it waits.
pub trait ClientEvents {
    /// A progress message from the daemon (raise GUESTFS_EVENT_PROGRESS).
    fn progress(&self, p: &crate::Progress);
    /// Console bytes (raise GUESTFS_EVENT_APPLIANCE).
    fn appliance_output(&self, data: &[u8]);
    /// A verbose library debug line.
    fn debug(&self, msg: &str);
}

/// Why a call failed. Messages are libguestfs 1.48's texts where it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// An error reply: errno name ("" = none) and the daemon's message. The caller reports
    /// "<action>: <message>" with name_to_errno(errno) when that is > 0.
    Daemon { errno: String, message: String },
    /// EOF/ECONNRESET reading or EPIPE writing: report EPIPE "appliance closed the connection
    /// unexpectedly" and clean up the appliance.
    Closed,
    /// Malformed, oversized or out-of-order input. The string is the complete error message
    /// (no action-name prefix is added), errno 0. The connection should be considered lost.
    Protocol(String),
    /// The call could not be encoded (e.g. over the message size limit); nothing was sent
    /// and the connection is unchanged. Complete message, errno 0.
    NotSent(String),
    /// user_cancel during a transfer: report EINTR "operation cancelled by user".
    Cancelled,
    /// A local file could not be opened, read or written: complete message, and its errno.
    Local { errno: i32, message: String },
    /// A deadline passed (only wait_for_launch has one).
    Timeout(String),
    /// A FileOut stream the daemon ended with a cancel chunk (its read failed mid-way):
    /// "file receive cancelled by daemon". Complete message, errno 0; unlike Protocol the
    /// connection is still in step.
    Transfer(String),
}

impl CallError {
    /// The errno a caller should set for this error (0 for none).
    pub fn errno(&self) -> i32 {
        match self {
            CallError::Daemon { errno, .. } => name_to_errno(errno),
            CallError::Closed => libc::EPIPE,
            CallError::Cancelled => libc::EINTR,
            CallError::Local { errno, .. } => *errno,
            CallError::Protocol(_) | CallError::Timeout(_) | CallError::Transfer(_) | CallError::NotSent(_) => 0,
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Daemon { message, .. } => write!(f, "{message}"),
            CallError::Closed => write!(f, "appliance closed the connection unexpectedly"),
            CallError::Protocol(m) | CallError::Timeout(m) | CallError::Transfer(m) | CallError::NotSent(m) => {
                write!(f, "{m}")
            }
            CallError::Cancelled => write!(f, "operation cancelled by user"),
            CallError::Local { message, .. } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for CallError {}

/// One connection to a daemon: the daemon socket and optionally the console socket.
pub struct Connection {
    wire: Wire,
    next_serial: u32,
}

/// The local file names of an action's FileIn or FileOut arguments.
fn file_names<'a>(action: &Action, args: &'a [Value], kind: StrKind) -> Result<Vec<&'a [u8]>, CallError> {
    let mut names = Vec::new();
    for (a, v) in action.args.iter().zip(args) {
        if a.ty == ArgType::String(kind) {
            match v {
                Value::Str(s) => names.push(s.as_slice()),
                _ => {
                    return Err(CallError::Protocol(format!(
                        "{}: {}: expected a file name",
                        action.name, a.name
                    )))
                }
            }
        }
    }
    Ok(names)
}

/// progress_hint: the total size of the FileIn files that are regular files.
fn progress_hint(names: &[&[u8]]) -> u64 {
    names
        .iter()
        .filter_map(|n| std::fs::metadata(path_of(n)).ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

impl Connection {
    pub fn new(daemon: UnixStream, console: Option<UnixStream>) -> Connection {
        Connection {
            wire: Wire::new(daemon, console),
            next_serial: FIRST_SERIAL,
        }
    }

    /// Reads until LAUNCH_FLAG, forwarding console output meanwhile. EOF -> Closed; no flag
    /// before `timeout` -> Timeout; any other message -> Protocol.
    pub fn wait_for_launch(&mut self, ev: &dyn ClientEvents, timeout: Option<Duration>) -> Result<(), CallError> {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            match self.wire.recv(ev, deadline) {
                Ok(Received::Launch) => return Ok(()),
                Ok(Received::Cancel) => continue,
                Ok(Received::Message(m)) => {
                    return Err(CallError::Protocol(format!(
                        "unexpected {}-byte message from the daemon while waiting for it to start",
                        m.len()
                    )))
                }
                Err(CallError::Timeout(_)) => {
                    return Err(CallError::Timeout(
                        "launch timed out waiting for the appliance".to_string(),
                    ))
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// One complete RPC for a daemon action; the steps are in docs/architecture.md.
    /// `args` are all of the action's args (FileIn/FileOut carry local file names as Str);
    /// `optargs` as for `encode_args`. `cancel` is user_cancel: cleared when each transfer
    /// starts and polled between chunks.
    pub fn call(
        &mut self,
        ev: &dyn ClientEvents,
        action: &Action,
        api: &Api,
        args: &[Value],
        optargs: &[Option<Value>],
        cancel: &AtomicBool,
    ) -> Result<RetValue, CallError> {
        let name = action.name.as_str();
        let proc_nr = action
            .proc_nr
            .ok_or_else(|| CallError::Protocol(format!("{name}: not a daemon function")))?;
        if args.len() != action.args.len() {
            return Err(CallError::Protocol(format!(
                "{name}: {} arguments given, expected {}",
                args.len(),
                action.args.len()
            )));
        }
        let files_in = file_names(action, args, StrKind::FileIn)?;
        let files_out = file_names(action, args, StrKind::FileOut)?;

        let serial = self.next_serial;
        self.next_serial = self.next_serial.wrapping_add(1);
        let marshal_failed = || CallError::NotSent("dispatch failed to marshal args".to_string());
        let body = encode_args(action, args, optargs).map_err(|e| {
            ev.debug(&format!("{name}: {e}"));
            marshal_failed()
        })?;
        if HEADER_LEN + body.len() > MESSAGE_MAX as usize {
            return Err(marshal_failed());
        }
        let header = Header::call(proc_nr, serial, progress_hint(&files_in), optargs_bitmask(optargs));

        // Stray cancellations from earlier calls are dropped here.
        self.wire.check_daemon_socket(ev)?;
        self.wire.write_all(ev, &frame_message(&header, &body))?;

        for file in &files_in {
            match transfer::send_file(&mut self.wire, ev, file, cancel) {
                Ok(Sent::Complete) => {}
                Ok(Sent::DaemonCancelled) => break,
                Err(e @ (CallError::Local { .. } | CallError::Cancelled)) => {
                    // The daemon still answers a cancelled upload; read and drop that reply.
                    self.recv_reply(ev, name)?;
                    return Err(e);
                }
                Err(e) => return Err(e),
            }
        }

        let reply = self.recv_reply(ev, name)?;
        let mut r = XdrReader::new(&reply);
        let hdr =
            Header::decode(&mut r).map_err(|_| CallError::Protocol(format!("{name}: failed to parse reply header")))?;
        let body = &reply[r.position()..];
        let outcome = if hdr.status == STATUS_ERROR {
            let mut r = XdrReader::new(body);
            let err = MessageError::decode(&mut r)
                .map_err(|_| CallError::Protocol(format!("{name}: failed to parse reply error")))?;
            Err(CallError::Daemon {
                errno: err.errno,
                message: err.message,
            })
        } else {
            decode_ret(action, api, body).map_err(|_| CallError::Protocol(format!("{name}: failed to parse reply")))
        };
        check_reply_header(&hdr, proc_nr, serial)?;
        let ret = outcome?;

        for file in &files_out {
            transfer::recv_file(&mut self.wire, ev, file, cancel)?;
        }
        Ok(ret)
    }

    /// Reads the next reply message, skipping cancel flags left over from a FileIn.
    fn recv_reply(&mut self, ev: &dyn ClientEvents, name: &str) -> Result<Vec<u8>, CallError> {
        loop {
            match self.wire.recv(ev, None)? {
                Received::Cancel => continue,
                Received::Launch => {
                    return Err(CallError::Protocol(format!(
                        "{name}: received unexpected launch flag from daemon when expecting reply"
                    )))
                }
                Received::Message(m) => return Ok(m),
            }
        }
    }

    /// The console socket, still owned by the connection (`internal_get_console_socket`
    /// lends it to the caller: virt-rescue reads and writes it directly).
    pub fn console_fd(&self) -> Option<std::os::fd::RawFd> {
        use std::os::fd::AsRawFd;
        self.wire.console.as_ref().map(|c| c.as_raw_fd())
    }

    /// Forwards console output that is ready now, without blocking.
    pub fn poll_console(&mut self, ev: &dyn ClientEvents) {
        self.wire.drain_console(ev);
    }

    /// The serial number the next call will use.
    pub fn next_serial(&self) -> u32 {
        self.next_serial
    }

    pub fn into_streams(self) -> (UnixStream, Option<UnixStream>) {
        (self.wire.daemon, self.wire.console)
    }
}

/// 1.48's reply header checks, in its order and with its messages.
fn check_reply_header(h: &Header, proc_nr: u32, serial: u32) -> Result<(), CallError> {
    let err = |m: String| Err(CallError::Protocol(m));
    if h.prog != PROGRAM {
        return err(format!("wrong program ({}/{})", h.prog, PROGRAM as i32));
    }
    if h.vers != PROTOCOL_VERSION {
        return err(format!("wrong protocol version ({}/{})", h.vers, PROTOCOL_VERSION));
    }
    if h.direction != DIRECTION_REPLY {
        return err(format!(
            "unexpected message direction ({}/{})",
            h.direction as i32, DIRECTION_REPLY
        ));
    }
    if h.proc_nr != proc_nr {
        return err(format!(
            "unexpected procedure number ({}/{})",
            h.proc_nr as i32, proc_nr
        ));
    }
    if h.serial != serial {
        return err(format!("unexpected serial ({}/{})", h.serial, serial));
    }
    Ok(())
}
