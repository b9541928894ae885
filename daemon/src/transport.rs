//! Protocol v4 framing on the daemon side of the channel, one message at a time.
//!
//! Reads are unbuffered (exact-length reads of the raw fd) so that a zero-timeout poll of
//! the fd tells truthfully whether the library has sent a CANCEL_FLAG during a FileOut
//! transfer. Each frame is written with a single write_all, so progress messages can be
//! interleaved between chunks at message boundaries.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;

use guestfs_protocol::{
    frame_message, Chunk, Header, MessageError, Progress, XdrReader, XdrWriter, CANCEL_FLAG,
    LAUNCH_FLAG, MAX_CHUNK_SIZE, MESSAGE_MAX, STATUS_ERROR, STATUS_OK,
};

pub enum Incoming {
    Call { header: Header, body: Vec<u8> },
    Eof,
}

pub struct Transport {
    rd: File,
    wr: File,
}

fn proto_err(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

impl Transport {
    pub fn new(rd: File, wr: File) -> Transport {
        Transport { rd, wr }
    }

    fn read_word(&mut self) -> io::Result<Option<u32>> {
        let mut b = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match self.rd.read(&mut b[got..]) {
                Ok(0) if got == 0 => return Ok(None),
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Some(u32::from_be_bytes(b)))
    }

    fn read_payload(&mut self, len: u32) -> io::Result<Vec<u8>> {
        if len > MESSAGE_MAX {
            return Err(proto_err(format!("message length ({len}) > maximum possible size ({MESSAGE_MAX})")));
        }
        let mut buf = vec![0u8; len as usize];
        self.rd.read_exact(&mut buf)?;
        Ok(buf)
    }

    fn write_frame(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.wr.write_all(bytes)
    }

    pub fn send_launch_flag(&mut self) -> io::Result<()> {
        self.write_frame(&LAUNCH_FLAG.to_be_bytes())
    }

    /// The next request. CANCEL_FLAG words between requests are skipped (a late cancel
    /// from a transfer that already ended). An oversized length or an undecodable header
    /// is an error: the caller stops serving, as 1.48 does.
    pub fn read_call(&mut self) -> io::Result<Incoming> {
        loop {
            let Some(w) = self.read_word()? else { return Ok(Incoming::Eof) };
            if w == CANCEL_FLAG {
                continue;
            }
            let payload = self.read_payload(w)?;
            let mut r = XdrReader::new(&payload);
            let header = Header::decode(&mut r).map_err(|e| proto_err(format!("message header: {e}")))?;
            let body = payload[payload.len() - r.remaining()..].to_vec();
            return Ok(Incoming::Call { header, body });
        }
    }

    pub fn reply_ok(&mut self, call: &Header, body: &[u8]) -> io::Result<()> {
        let h = Header::reply_to(call, STATUS_OK);
        self.write_frame(&frame_message(&h, body))
    }

    pub fn reply_error(&mut self, call: &Header, errno: &str, message: &str) -> io::Result<()> {
        let h = Header::reply_to(call, STATUS_ERROR);
        let mut w = XdrWriter::new();
        MessageError { errno: errno.to_string(), message: message.to_string() }.encode(&mut w);
        self.write_frame(&frame_message(&h, &w.buf))
    }

    pub fn send_progress(&mut self, p: &Progress) -> io::Result<()> {
        self.write_frame(&p.to_wire())
    }

    /// One FileIn chunk from the library (CANCEL_FLAG words inside the stream are skipped).
    pub fn receive_chunk(&mut self) -> io::Result<Chunk> {
        loop {
            let w = self.read_word()?.ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
            if w == CANCEL_FLAG {
                continue;
            }
            let payload = self.read_payload(w)?;
            return Chunk::from_payload(&payload).map_err(|e| proto_err(format!("file chunk: {e}")));
        }
    }

    /// Refuse a FileIn transfer: tell the library, then drop its chunks up to its last one.
    pub fn cancel_receive(&mut self) -> io::Result<()> {
        self.write_frame(&CANCEL_FLAG.to_be_bytes())?;
        loop {
            let c = self.receive_chunk()?;
            if c.cancel || c.data.is_empty() {
                return Ok(());
            }
        }
    }

    /// One FileOut data chunk (at most MAX_CHUNK_SIZE bytes; longer data is split).
    pub fn send_chunk(&mut self, data: &[u8]) -> io::Result<()> {
        for piece in data.chunks(MAX_CHUNK_SIZE) {
            self.write_frame(&Chunk { cancel: false, data: piece.to_vec() }.to_frame())?;
        }
        Ok(())
    }

    /// End a FileOut transfer: normally, or with a cancel chunk.
    pub fn send_end(&mut self, cancel: bool) -> io::Result<()> {
        let c = if cancel { Chunk::cancel() } else { Chunk::end() };
        self.write_frame(&c.to_frame())
    }

    /// Non-blocking: has the library sent a CANCEL_FLAG? Any other word there means the
    /// two sides lost synchronization, which is an error.
    pub fn library_cancelled(&mut self) -> io::Result<bool> {
        let mut pfd = libc::pollfd { fd: self.rd.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd, zero timeout.
        let r = unsafe { libc::poll(&mut pfd, 1, 0) };
        if r <= 0 || pfd.revents & (libc::POLLIN | libc::POLLHUP) == 0 {
            return Ok(false);
        }
        match self.read_word()? {
            Some(CANCEL_FLAG) => Ok(true),
            Some(w) => Err(proto_err(format!(
                "check_for_library_cancellation: read 0x{w:x} from library, expected 0x{CANCEL_FLAG:x}"
            ))),
            None => Err(io::ErrorKind::UnexpectedEof.into()),
        }
    }
}
