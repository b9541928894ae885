//! The one way file data crosses the connection inside a call: a FileIn file is received
//! with [`receive`], a FileOut file is sent through a [`FileOutStream`]. Both take the
//! action's `FileIn`/`FileOut` token, so only actions declared with such an argument can
//! stream, and each request can do so once.

use std::io::{self, Read};

use guestfs_protocol::server::{Received, Sent};
use guestfs_protocol::MAX_CHUNK_SIZE;

use crate::args::{FileIn, FileOut};
use crate::cmd::Cmd;
use crate::daemon::{Daemon, Transport};
use crate::error::{Error, Result};

/// Why a FileIn file was not received to its end.
#[derive(Debug)]
pub enum ReceiveError {
    /// The library cancelled the upload (its remaining chunks were consumed). Callers
    /// that feed a child process kill it rather than wait for it.
    Cancelled,
    /// The sink failed (the rest of the file was refused) or the connection failed.
    Failed(Error),
}

impl From<ReceiveError> for Error {
    fn from(e: ReceiveError) -> Error {
        match e {
            ReceiveError::Cancelled => Error::msg("file upload cancelled"),
            ReceiveError::Failed(e) => e,
        }
    }
}

/// Receives the FileIn file, handing each chunk to `sink`. A sink error refuses the rest
/// of the file and is returned as [`ReceiveError::Failed`].
pub fn receive(
    d: &mut Daemon,
    _file: FileIn,
    sink: &mut dyn FnMut(&[u8]) -> Result<()>,
) -> std::result::Result<(), ReceiveError> {
    d.file_in_pending = false;
    let hint = d.cur.as_ref().map_or(0, |h| h.progress_hint);
    let mut written: u64 = 0;
    loop {
        match d.t.receive_chunk(|data| sink(data).map(|()| data.len())) {
            Ok(Received::Data(Ok(n))) => {
                written += n as u64;
                if hint > 0 {
                    d.progress(written, hint);
                }
            }
            Ok(Received::Data(Err(e))) => {
                if let Err(ioe) = d.t.cancel_receive() {
                    return Err(ReceiveError::Failed(d.conn_failed(ioe)));
                }
                return Err(ReceiveError::Failed(e));
            }
            Ok(Received::End) => return Ok(()),
            Ok(Received::Cancelled) => return Err(ReceiveError::Cancelled),
            Err(e) => return Err(ReceiveError::Failed(d.conn_failed(e))),
        }
    }
}

/// A FileOut file being sent. [`FileOutStream::begin`] sends the call's OK reply (after
/// it no error reply is possible, only a cancelled file); data written is packed into
/// full chunks; [`FileOutStream::finish`] ends the file. When the library cancels, the
/// cancel chunk goes out at once, the write returns `Ok(false)` and the stream is over.
#[must_use = "a FileOut file must be finished"]
pub struct FileOutStream {
    /// Data not yet sent (less than one chunk).
    buf: Vec<u8>,
    /// The end or cancel chunk has gone out.
    ended: bool,
}

impl FileOutStream {
    /// Sends the OK reply: from now on only chunks follow.
    pub fn begin(d: &mut Daemon, _file: FileOut) -> Result<FileOutStream> {
        let Some(h) = d.cur else {
            return Err(Error::msg("no current request"));
        };
        d.replied = true;
        d.t.reply_ok(&h, &[]).map_err(|e| d.conn_failed(e))?;
        Ok(FileOutStream {
            buf: Vec::new(),
            ended: false,
        })
    }

    /// Adds a piece of the file, sending every chunk that fills up. Ok(false): the
    /// library cancelled (the transfer is over).
    pub fn write(&mut self, d: &mut Daemon, piece: &[u8]) -> Result<bool> {
        if self.ended {
            return Ok(false);
        }
        self.buf.extend_from_slice(piece);
        let mut sent = 0;
        while self.buf.len() - sent >= MAX_CHUNK_SIZE {
            let chunk = self.buf[sent..sent + MAX_CHUNK_SIZE].to_vec();
            if !self.send_chunk(d, &chunk)? {
                return Ok(false);
            }
            sent += MAX_CHUNK_SIZE;
        }
        self.buf.drain(..sent);
        Ok(true)
    }

    /// Sends the pieces one after the other and ends the file (the whole file at once).
    pub fn send_all(mut self, d: &mut Daemon, pieces: impl IntoIterator<Item = Vec<u8>>) -> Result<()> {
        for p in pieces {
            if !self.write(d, &p)? {
                return Ok(());
            }
        }
        self.finish(d, false)
    }

    /// Sends everything `src` yields, read straight into the outgoing chunks (full-sized
    /// even from pipes), with progress messages against `total` when it is known.
    /// Ok(false): the library cancelled. A read error ends the file with a cancel chunk
    /// (the library reports "file receive cancelled by daemon") and is returned for the log.
    pub fn copy_from(&mut self, d: &mut Daemon, src: &mut dyn Read, total: Option<u64>) -> Result<bool> {
        if self.ended {
            return Ok(false);
        }
        let pending = std::mem::take(&mut self.buf);
        if !pending.is_empty() && !self.send_chunk(d, &pending)? {
            return Ok(false);
        }
        let mut sent: u64 = 0;
        let mut read_failed = None;
        loop {
            let r = d.t.send_data_with(&mut Transport::library_cancelled, &mut |buf| {
                read_full(src, buf).map_err(|e| {
                    let kind = e.kind();
                    read_failed = Some(e);
                    io::Error::from(kind)
                })
            });
            match r {
                Ok(Sent::Queued(n)) => {
                    sent += n as u64;
                    if let Some(t) = total {
                        d.progress(sent, t);
                    }
                }
                Ok(Sent::Empty) => return Ok(true),
                Ok(Sent::Cancelled) => {
                    self.end(d, true)?;
                    return Ok(false);
                }
                Err(e) => {
                    self.ended = true;
                    if let Some(re) = read_failed {
                        let _ = d.t.send_end(true);
                        return Err(Error::io(&re, "read"));
                    }
                    return Err(d.conn_failed(e));
                }
            }
        }
    }

    /// Ends the file: what is left and the end chunk, or, when the data is known to be
    /// incomplete (`failed`), what is left and the cancel chunk, which the library reports
    /// as a failure. Nothing more is sent after the library cancelled.
    pub fn finish(mut self, d: &mut Daemon, failed: bool) -> Result<()> {
        if self.ended {
            return Ok(());
        }
        let rest = std::mem::take(&mut self.buf);
        if !rest.is_empty() && !self.send_chunk(d, &rest)? {
            return Ok(());
        }
        self.end(d, failed)
    }

    /// Ends the file at once with the cancel chunk (data not yet sent is dropped): after
    /// the OK reply this is the only way left to report a failure.
    pub fn abort(mut self, d: &mut Daemon) -> Result<()> {
        if self.ended {
            return Ok(());
        }
        self.end(d, true)
    }

    /// Sends one data chunk, first checking whether the library cancelled (then the
    /// cancel chunk ends the transfer and Ok(false) is returned).
    fn send_chunk(&mut self, d: &mut Daemon, mut data: &[u8]) -> Result<bool> {
        while !data.is_empty() {
            let r = d.t.send_data_with(&mut Transport::library_cancelled, &mut |buf| {
                let n = buf.len().min(data.len());
                buf[..n].copy_from_slice(&data[..n]);
                data = &data[n..];
                Ok(n)
            });
            match r {
                Ok(Sent::Queued(_) | Sent::Empty) => {}
                Ok(Sent::Cancelled) => {
                    self.end(d, true)?;
                    return Ok(false);
                }
                Err(e) => {
                    self.ended = true;
                    return Err(d.conn_failed(e));
                }
            }
        }
        Ok(true)
    }

    fn end(&mut self, d: &mut Daemon, cancel: bool) -> Result<()> {
        self.ended = true;
        d.t.send_end(cancel).map_err(|e| d.conn_failed(e))
    }
}

/// Streams a command's standard output as the FileOut file. Errors starting it are
/// normal error replies; after the OK reply, a command that fails ends the file with a
/// cancel chunk, its standard error logged after `log_prefix` if one is given.
pub fn command_output(d: &mut Daemon, file: FileOut, c: Cmd, log_prefix: Option<&str>) -> Result<()> {
    let mut child = c.spawn_streaming(false, true)?;
    let mut out = FileOutStream::begin(d, file)?;
    let mut stdout = child.child.stdout.take();
    let sent = match stdout.as_mut() {
        Some(o) => out.copy_from(d, o, None),
        None => Ok(true),
    };
    drop(stdout);
    match sent {
        Ok(true) => {
            let (status, err) = child.finish();
            if let (Some(p), true) = (log_prefix, status != Some(0)) {
                eprintln!("{p}: {err}");
            }
            out.finish(d, status != Some(0))
        }
        Ok(false) => {
            child.kill();
            Ok(())
        }
        Err(e) => {
            child.kill();
            Err(e)
        }
    }
}

/// Fill `buf` as far as the source allows (fewer bytes only at end of file), so chunks
/// are full-sized even from pipes.
fn read_full(src: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match src.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}
