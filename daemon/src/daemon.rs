//! The daemon's state across calls, and the transfer helpers implementations use
//! (FileIn chunks in, FileOut chunks out, progress messages).

use std::fs::File;
use std::io::{self, Read};

use guestfs_api::Api;
use guestfs_protocol::server::{ProgressThrottle, Received, Sent, ServerConn};
use guestfs_protocol::Header;
use guestfs_protocol::Progress;

use crate::devices::Devices;
use crate::error::{Error, Result};
use crate::sysroot::Sysroot;

/// The connection to the library: two handles of the channel.
pub type Transport = ServerConn<File, File>;

pub struct Daemon {
    pub t: Transport,
    pub api: &'static Api,
    pub sysroot: Sysroot,
    pub devices: Devices,
    /// The request being served.
    pub cur: Option<Header>,
    pub throttle: ProgressThrottle,
    /// A FileIn request whose chunks nobody has read yet: on error they must be refused
    /// (cancel_receive) before the error reply.
    pub file_in_pending: bool,
    /// A FileOut request already got its OK reply: no second reply may follow.
    pub replied: bool,
    /// internal_exit was called.
    pub exit_requested: bool,
    /// The connection failed mid-request; the main loop stops.
    pub broken: Option<io::Error>,
    /// The filesystems the last inspect_os found (empty: no inspection yet), which the
    /// inspect_get_* calls answer from.
    pub inspection: Vec<crate::inspection::Fs>,
}

impl Daemon {
    pub fn new(t: Transport, sysroot: Sysroot, devices: Devices) -> Daemon {
        Daemon {
            t,
            api: guestfs_api::table(),
            sysroot,
            devices,
            cur: None,
            throttle: ProgressThrottle::new(),
            file_in_pending: false,
            replied: false,
            exit_requested: false,
            broken: None,
            inspection: Vec::new(),
        }
    }

    /// Record a connection failure and turn it into a call error.
    pub fn conn_failed(&mut self, e: io::Error) -> Error {
        let err = Error::msg(format!("connection to library failed: {e}"));
        self.broken = Some(e);
        err
    }

    /// Send a progress message for the current request if the rate limit allows.
    pub fn progress(&mut self, position: u64, total: u64) {
        let Some(h) = self.cur.as_ref() else { return };
        if !self.throttle.should_send(position, total) {
            return;
        }
        let p = Progress {
            proc_nr: h.proc_nr,
            serial: h.serial,
            position,
            total,
        };
        if let Err(e) = self.t.send_progress(&p) {
            self.broken = Some(e);
        }
    }

    fn progress_hint(&self) -> u64 {
        self.cur.as_ref().map(|h| h.progress_hint).unwrap_or(0)
    }

    /// Receive the FileIn file, handing each chunk to `sink`. A sink error refuses the
    /// rest of the file and is returned; a library cancel gives "file upload cancelled".
    pub fn receive_file(&mut self, sink: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        self.file_in_pending = false;
        let hint = self.progress_hint();
        let mut written: u64 = 0;
        loop {
            let got = self.t.receive_chunk(|data| sink(data).map(|()| data.len()));
            match got {
                Ok(Received::Data(Ok(n))) => {
                    written += n as u64;
                    if hint > 0 {
                        self.progress(written, hint);
                    }
                }
                Ok(Received::Data(Err(e))) => {
                    if let Err(ioe) = self.t.cancel_receive() {
                        return Err(self.conn_failed(ioe));
                    }
                    return Err(e);
                }
                Ok(Received::End) => return Ok(()),
                Ok(Received::Cancelled) => return Err(Error::msg("file upload cancelled")),
                Err(e) => return Err(self.conn_failed(e)),
            }
        }
    }

    /// Start a FileOut transfer: the OK reply goes first, after which only chunks follow.
    pub fn begin_file_out(&mut self) -> Result<()> {
        let Some(h) = self.cur else {
            return Err(Error::msg("no current request"));
        };
        self.replied = true;
        self.t.reply_ok(&h, &[]).map_err(|e| self.conn_failed(e))
    }

    /// Stream `src` as FileOut chunks and the end chunk. Returns Ok(false) if the library
    /// cancelled. A read error ends the transfer with a cancel chunk (the library reports
    /// "file receive cancelled by daemon") and is returned for logging.
    pub fn send_stream(&mut self, src: &mut dyn Read, total: Option<u64>) -> Result<bool> {
        if !self.send_stream_body(src, total)? {
            return Ok(false);
        }
        self.t.send_end(false).map_err(|e| self.conn_failed(e))?;
        Ok(true)
    }

    /// [`Daemon::send_stream`] without the end chunk (the caller decides how to end).
    pub fn send_stream_body(&mut self, src: &mut dyn Read, total: Option<u64>) -> Result<bool> {
        let mut sent: u64 = 0;
        let mut read_failed = None;
        loop {
            // The source is read straight into the outgoing chunk.
            let r = self.t.send_data_with(&mut Transport::library_cancelled, &mut |buf| {
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
                        self.progress(sent, t);
                    }
                }
                Ok(Sent::Empty) => return Ok(true),
                Ok(Sent::Cancelled) => {
                    self.t.send_end(true).map_err(|e| self.conn_failed(e))?;
                    return Ok(false);
                }
                Err(e) => {
                    if let Some(re) = read_failed {
                        let _ = self.t.send_end(true);
                        return Err(Error::io(&re, "read"));
                    }
                    return Err(self.conn_failed(e));
                }
            }
        }
    }

    /// Send one piece of FileOut data (split into chunks as needed), first checking
    /// whether the library cancelled (then a cancel chunk ends the transfer and Ok(false)
    /// is returned).
    pub fn send_data(&mut self, mut data: &[u8]) -> Result<bool> {
        while !data.is_empty() {
            let r = self.t.send_data_with(&mut Transport::library_cancelled, &mut |buf| {
                let n = buf.len().min(data.len());
                buf[..n].copy_from_slice(&data[..n]);
                data = &data[n..];
                Ok(n)
            });
            match r {
                Ok(Sent::Queued(_) | Sent::Empty) => {}
                Ok(Sent::Cancelled) => {
                    self.t.send_end(true).map_err(|e| self.conn_failed(e))?;
                    return Ok(false);
                }
                Err(e) => return Err(self.conn_failed(e)),
            }
        }
        Ok(true)
    }

    /// Finish a FileOut transfer built from [`Daemon::send_data`] pieces.
    pub fn end_file_out(&mut self, cancel: bool) -> Result<()> {
        self.t.send_end(cancel).map_err(|e| self.conn_failed(e))
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
