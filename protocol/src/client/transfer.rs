//! FileIn and FileOut transfers on the library side: chunks of at most 8 KiB ended by an empty one, either side may cancel.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::wire::{Received, Wire};
use super::{CallError, ClientEvents};
use crate::consts::*;
use crate::message::Chunk;
use crate::sys;

/// 1.48's message when the daemon ends a FileOut stream with a cancel chunk.
const DAEMON_CANCELLED: &str = "file receive cancelled by daemon";

/// How a FileIn transfer that did not fail locally ended.
pub(crate) enum Sent {
    Complete,
    /// The daemon sent CANCEL_FLAG; its error reply follows.
    DaemonCancelled,
}

pub(crate) fn local_error(err: &std::io::Error, what: String) -> CallError {
    let errno = err.raw_os_error().unwrap_or(libc::EIO);
    CallError::Local {
        errno,
        message: format!("{what}: {}", sys::strerror(errno)),
    }
}

pub(crate) fn path_of(name: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(name))
}

/// Sends one chunk after checking the daemon has not cancelled. Ok(false) = it had.
fn send_chunk(wire: &mut Wire, ev: &dyn ClientEvents, chunk: &Chunk) -> Result<bool, CallError> {
    if wire.check_daemon_socket(ev)? {
        ev.debug("got daemon cancellation");
        return Ok(false);
    }
    wire.write_all(ev, &chunk.to_frame())?;
    Ok(true)
}

/// Tells the daemon the library gave up. The cancel chunk is sent even when a daemon
/// CANCEL_FLAG is pending (the daemon then waits for exactly this chunk). Errors are
/// secondary to the one being reported, except a dead connection, which the caller must
/// learn about.
fn send_cancellation(wire: &mut Wire, ev: &dyn ClientEvents) -> Result<(), CallError> {
    let sent = wire
        .check_daemon_socket(ev)
        .and_then(|_| wire.write_all(ev, &Chunk::cancel().to_frame()));
    match sent {
        Err(CallError::Closed) => Err(CallError::Closed),
        _ => Ok(()),
    }
}

/// The daemon cancelled: answer with a cancel chunk so its receive loop ends.
fn daemon_cancelled(wire: &mut Wire, ev: &dyn ClientEvents) -> Result<Sent, CallError> {
    send_cancellation(wire, ev)?;
    Ok(Sent::DaemonCancelled)
}

/// Streams a local file to the daemon in MAX_CHUNK_SIZE chunks, then the end chunk.
/// Local failures and user cancellation send a cancel chunk and return the error; the
/// caller must then read and discard the daemon's reply.
pub(crate) fn send_file(
    wire: &mut Wire,
    ev: &dyn ClientEvents,
    name: &[u8],
    cancel: &AtomicBool,
) -> Result<Sent, CallError> {
    cancel.store(false, Ordering::SeqCst);
    let shown = String::from_utf8_lossy(name);
    let mut file = match File::open(path_of(name)) {
        Ok(f) => f,
        Err(e) => {
            send_cancellation(wire, ev)?;
            return Err(local_error(&e, format!("open: {shown}")));
        }
    };
    let mut buf = vec![0u8; MAX_CHUNK_SIZE];
    while !cancel.load(Ordering::SeqCst) {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => {
                send_cancellation(wire, ev)?;
                return Err(local_error(&e, format!("read: {shown}")));
            }
        };
        let chunk = Chunk {
            cancel: false,
            data: buf[..n].to_vec(),
        };
        if !send_chunk(wire, ev, &chunk)? {
            return daemon_cancelled(wire, ev);
        }
    }
    if cancel.load(Ordering::SeqCst) {
        send_cancellation(wire, ev)?;
        return Err(CallError::Cancelled);
    }
    drop(file);
    if !send_chunk(wire, ev, &Chunk::end())? {
        return daemon_cancelled(wire, ev);
    }
    Ok(Sent::Complete)
}

/// Opens the local target of a FileOut. /dev/stdout and /dev/stderr are duplicated so
/// redirections of the caller's stdout/stderr are honoured.
fn open_target(name: &[u8]) -> std::io::Result<File> {
    match name {
        b"/dev/stdout" => Ok(File::from(std::io::stdout().as_fd().try_clone_to_owned()?)),
        b"/dev/stderr" => Ok(File::from(std::io::stderr().as_fd().try_clone_to_owned()?)),
        _ => OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o666)
            // std adds O_CLOEXEC itself.
            .custom_flags(libc::O_NOCTTY)
            .open(path_of(name)),
    }
}

/// One chunk of a FileOut stream: Some(data) (non-empty), or None at the end chunk.
fn receive_chunk(wire: &mut Wire, ev: &dyn ClientEvents, cancel: &AtomicBool) -> Result<Option<Vec<u8>>, CallError> {
    let payload = match wire.recv(ev, None)? {
        Received::Message(m) => m,
        Received::Launch | Received::Cancel => {
            return Err(CallError::Protocol(
                "receive_file_data: unexpected flag received when reading file chunks".to_string(),
            ))
        }
    };
    let chunk =
        Chunk::from_payload(&payload).map_err(|_| CallError::Protocol("failed to parse file chunk".to_string()))?;
    if chunk.cancel {
        return Err(if cancel.load(Ordering::SeqCst) {
            CallError::Cancelled
        } else {
            CallError::Transfer(DAEMON_CANCELLED.to_string())
        });
    }
    Ok(if chunk.data.is_empty() { None } else { Some(chunk.data) })
}

/// Receives a FileOut stream into a local file. On a local failure or user cancel it
/// sends CANCEL_FLAG and discards chunks until the daemon's cancel or end chunk.
pub(crate) fn recv_file(
    wire: &mut Wire,
    ev: &dyn ClientEvents,
    name: &[u8],
    cancel: &AtomicBool,
) -> Result<(), CallError> {
    cancel.store(false, Ordering::SeqCst);
    let shown = String::from_utf8_lossy(name);
    let failure = match open_target(name) {
        Err(e) => local_error(&e, shown.to_string()),
        Ok(mut file) => loop {
            match receive_chunk(wire, ev, cancel)? {
                None => return Ok(()),
                Some(data) => {
                    // The target may be a pipe (copy_out's local tar, a FIFO): a reader
                    // that went away must give EPIPE here, not kill the caller.
                    let written = {
                        let _no_sigpipe = crate::sigpipe::NoSigpipe::new();
                        file.write_all(&data)
                    };
                    if let Err(e) = written {
                        break local_error(&e, format!("{shown}: write"));
                    }
                }
            }
            if cancel.load(Ordering::SeqCst) {
                break CallError::Cancelled;
            }
        },
    };
    ev.debug("recv_file: waiting for daemon to acknowledge cancellation");
    wire.write_all(ev, &CANCEL_FLAG.to_be_bytes())?;
    loop {
        match receive_chunk(wire, ev, cancel) {
            Ok(Some(_)) => {}
            // The daemon acknowledged (cancel chunk) or had already finished (end chunk).
            Ok(None) | Err(CallError::Cancelled) => return Err(failure),
            Err(CallError::Transfer(_)) => return Err(failure),
            // The connection itself failed: that matters more than the local error.
            Err(e) => return Err(e),
        }
    }
}
