//! The daemon's end of the protocol: reads calls and FileIn chunks, writes replies,
//! progress messages and FileOut chunks. Synchronous, over a reader and a writer (in the
//! appliance, two handles of the virtio-serial port).
//!
//! Why it buffers: under TCG every guest syscall and every byte the guest copies is
//! expensive, and a read of a virtio-serial port returns at most one 4 KiB port buffer.
//! Incoming bytes go into one 64 KiB buffer and FileIn chunks are decoded in place, so
//! upload data is copied once (into the destination file). FileOut chunks are gathered
//! and written three at a time (virtio_console takes up to 32 KiB per write), so fewer
//! notifications reach qemu.
//!
//! The library may write CANCEL_FLAG at any time during a FileOut transfer; bytes already
//! buffered are looked at before the fd is polled, so buffering hides nothing.

use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use crate::consts::*;
use crate::message::{frame_message, Chunk, Header, MessageError, Progress};
use crate::sys::{self, Watch};
use crate::xdr::{XdrReader, XdrWriter};

/// 1.48's text when a reply does not fit in a message.
pub const REPLY_TOO_BIG: &str =
    "guestfsd: failed to encode reply body\n(maybe the reply exceeds the maximum message size in the protocol?)";

/// What read_call found.
#[derive(Debug)]
pub enum Incoming {
    Call {
        header: Header,
        body: Vec<u8>,
    },
    /// The library closed the connection cleanly (EOF where a message would start).
    Eof,
}

/// One FileIn chunk, as `receive_chunk` saw it.
#[derive(Debug, PartialEq, Eq)]
pub enum Received<T> {
    /// A data chunk, and what the caller's handler made of it.
    Data(T),
    /// The zero-length chunk that ends the file.
    End,
    /// The library cancelled the transfer.
    Cancelled,
}

/// What `send_data_with` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// A chunk of this many bytes is on its way.
    Queued(usize),
    /// The source had nothing more; nothing was queued.
    Empty,
    /// The library has cancelled the transfer; nothing was queued.
    Cancelled,
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

fn eof() -> io::Error {
    io::ErrorKind::UnexpectedEof.into()
}

/// 1.48's checks of an incoming call header; Err is the message to reply with.
pub fn check_call_header(h: &Header) -> Result<(), String> {
    if h.prog != PROGRAM {
        return Err(format!("wrong program ({})", h.prog));
    }
    if h.vers != PROTOCOL_VERSION {
        return Err(format!("wrong protocol version ({})", h.vers));
    }
    if h.direction != DIRECTION_CALL {
        return Err(format!("unexpected message direction ({})", h.direction as i32));
    }
    if h.status != STATUS_OK {
        return Err(format!("unexpected message status ({})", h.status as i32));
    }
    Ok(())
}

const IN_CAPACITY: usize = 64 * 1024;
/// Payload of a full chunk: cancel word, data length word, data (8192 needs no padding).
const CHUNK_PAYLOAD_MAX: usize = 8 + MAX_CHUNK_SIZE;
/// A full chunk on the wire: length word and payload.
const CHUNK_FRAME_MAX: usize = 4 + CHUNK_PAYLOAD_MAX;
/// FileOut chunks written together: three full ones stay under virtio_console's 32 KiB.
const OUT_CAPACITY: usize = 3 * CHUNK_FRAME_MAX;

pub struct ServerConn<R: Read, W: Write> {
    r: R,
    w: W,
    /// Bytes from the library not consumed yet are `inbuf[head..tail]`.
    inbuf: Box<[u8]>,
    head: usize,
    tail: usize,
    /// FileOut chunks not written yet are `out[..out_len]`.
    out: Box<[u8]>,
    out_len: usize,
}

impl<R: Read, W: Write> ServerConn<R, W> {
    pub fn new(r: R, w: W) -> Self {
        ServerConn {
            r,
            w,
            inbuf: vec![0; IN_CAPACITY].into_boxed_slice(),
            head: 0,
            tail: 0,
            out: vec![0; OUT_CAPACITY].into_boxed_slice(),
            out_len: 0,
        }
    }

    /// The raw writer, bypassing the protocol (tests that play a misbehaving daemon).
    pub fn writer(&mut self) -> &mut W {
        &mut self.w
    }

    fn buffered(&self) -> usize {
        self.tail - self.head
    }

    /// Makes `n` (at most the buffer's capacity) bytes available. Ok(false): the library
    /// closed the connection with nothing buffered; EOF within the bytes is an error.
    fn ensure(&mut self, n: usize) -> io::Result<bool> {
        if self.head + n > self.inbuf.len() {
            self.inbuf.copy_within(self.head..self.tail, 0);
            self.tail -= self.head;
            self.head = 0;
        }
        while self.buffered() < n {
            match self.r.read(&mut self.inbuf[self.tail..]) {
                Ok(0) if self.buffered() == 0 => return Ok(false),
                Ok(0) => return Err(eof()),
                Ok(got) => self.tail += got,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(true)
    }

    /// The next big-endian word; None at a clean EOF.
    fn read_word(&mut self) -> io::Result<Option<u32>> {
        if !self.ensure(4)? {
            return Ok(None);
        }
        let mut b = [0u8; 4];
        b.copy_from_slice(&self.inbuf[self.head..self.head + 4]);
        self.head += 4;
        Ok(Some(u32::from_be_bytes(b)))
    }

    fn read_payload(&mut self, len: u32) -> io::Result<Vec<u8>> {
        if len > MESSAGE_MAX {
            return Err(invalid(format!(
                "message length ({len}) > maximum possible size ({MESSAGE_MAX})"
            )));
        }
        let len = len as usize;
        if len <= self.inbuf.len() {
            if !self.ensure(len)? {
                return Err(eof());
            }
            let v = self.inbuf[self.head..self.head + len].to_vec();
            self.head += len;
            return Ok(v);
        }
        // Larger than the buffer: what is buffered, then the rest straight from the fd.
        let mut v = vec![0u8; len];
        let have = self.buffered();
        v[..have].copy_from_slice(&self.inbuf[self.head..self.tail]);
        self.head = self.tail;
        self.r.read_exact(&mut v[have..])?;
        Ok(v)
    }

    /// The next request. CANCEL_FLAG words between requests are skipped (a late cancel
    /// from a transfer that already ended). An oversized length or an undecodable header
    /// is an error: the caller stops serving, as 1.48 does.
    pub fn read_call(&mut self) -> io::Result<Incoming> {
        loop {
            let Some(w) = self.read_word()? else {
                return Ok(Incoming::Eof);
            };
            if w == CANCEL_FLAG {
                continue;
            }
            let payload = self.read_payload(w)?;
            let mut r = XdrReader::new(&payload);
            let header = Header::decode(&mut r).map_err(|e| invalid(format!("message header: {e}")))?;
            let body = payload[payload.len() - r.remaining()..].to_vec();
            return Ok(Incoming::Call { header, body });
        }
    }

    /// One FileIn chunk; a data chunk is handed to `on_data` straight from the buffer.
    /// CANCEL_FLAG words inside the stream are skipped.
    pub fn receive_chunk<T>(&mut self, on_data: impl FnOnce(&[u8]) -> T) -> io::Result<Received<T>> {
        loop {
            let w = self.read_word()?.ok_or_else(eof)?;
            if w == CANCEL_FLAG {
                continue;
            }
            let len = w as usize;
            if len > CHUNK_PAYLOAD_MAX {
                return Err(invalid(format!(
                    "file chunk: length {len} is over the maximum {CHUNK_PAYLOAD_MAX}"
                )));
            }
            if !self.ensure(len)? {
                return Err(eof());
            }
            let mut r = XdrReader::new(&self.inbuf[self.head..self.head + len]);
            let (cancel, data) = Chunk::decode_ref(&mut r)
                .and_then(|c| r.finish().map(|()| c))
                .map_err(|e| invalid(format!("file chunk: {e}")))?;
            let got = if cancel {
                Received::Cancelled
            } else if data.is_empty() {
                Received::End
            } else {
                Received::Data(on_data(data))
            };
            self.head += len;
            return Ok(got);
        }
    }

    /// Refuse a FileIn transfer: tell the library, then drop its chunks up to its last one.
    pub fn cancel_receive(&mut self) -> io::Result<()> {
        self.send_now(&CANCEL_FLAG.to_be_bytes())?;
        while let Received::Data(()) = self.receive_chunk(|_| ())? {}
        Ok(())
    }

    /// Writes any queued chunks.
    pub fn flush(&mut self) -> io::Result<()> {
        let n = std::mem::take(&mut self.out_len);
        if n > 0 {
            self.w.write_all(&self.out[..n])?;
        }
        Ok(())
    }

    /// Writes one whole message (after any queued chunks, to keep the order).
    fn send_now(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.flush()?;
        self.w.write_all(bytes)
    }

    pub fn send_launch_flag(&mut self) -> io::Result<()> {
        self.send_now(&LAUNCH_FLAG.to_be_bytes())
    }

    pub fn reply_ok(&mut self, call: &Header, body: &[u8]) -> io::Result<()> {
        let h = Header::reply_to(call, STATUS_OK);
        self.send_now(&frame_message(&h, body))
    }

    pub fn reply_error(&mut self, call: &Header, errno: &str, message: &str) -> io::Result<()> {
        let h = Header::reply_to(call, STATUS_ERROR);
        let mut w = XdrWriter::new();
        MessageError {
            errno: errno.to_string(),
            message: message.to_string(),
        }
        .encode(&mut w);
        self.send_now(&frame_message(&h, &w.buf))
    }

    pub fn send_progress(&mut self, p: &Progress) -> io::Result<()> {
        self.send_now(&p.to_wire())
    }

    /// Queues one FileOut data chunk whose bytes `fill` writes into the slice it is given
    /// (MAX_CHUNK_SIZE long), returning how many it wrote (0: nothing left to send).
    /// Written to the fd three chunks at a time; `cancelled` is asked before each batch.
    pub fn send_data_with(
        &mut self,
        cancelled: &mut dyn FnMut(&mut Self) -> io::Result<bool>,
        fill: &mut dyn FnMut(&mut [u8]) -> io::Result<usize>,
    ) -> io::Result<Sent> {
        if self.out_len == 0 && cancelled(self)? {
            return Ok(Sent::Cancelled);
        }
        let at = self.out_len;
        let n = fill(&mut self.out[at + 12..at + CHUNK_FRAME_MAX])?.min(MAX_CHUNK_SIZE);
        if n == 0 {
            return Ok(Sent::Empty);
        }
        let padded = n.next_multiple_of(4);
        self.out[at + 12 + n..at + 12 + padded].fill(0);
        self.out[at..at + 4].copy_from_slice(&((8 + padded) as u32).to_be_bytes());
        self.out[at + 4..at + 8].copy_from_slice(&0u32.to_be_bytes());
        self.out[at + 8..at + 12].copy_from_slice(&(n as u32).to_be_bytes());
        self.out_len = at + 12 + padded;
        if self.out.len() - self.out_len < CHUNK_FRAME_MAX {
            self.flush()?;
        }
        Ok(Sent::Queued(n))
    }

    /// End a FileOut transfer: normally, or with a cancel chunk.
    pub fn send_end(&mut self, cancel: bool) -> io::Result<()> {
        let c = if cancel { Chunk::cancel() } else { Chunk::end() };
        self.send_now(&c.to_frame())
    }
}

impl<R: Read + AsRawFd, W: Write> ServerConn<R, W> {
    /// Without blocking: has the library sent a CANCEL_FLAG? Any other word there means
    /// the two sides lost synchronization, which is an error.
    pub fn library_cancelled(&mut self) -> io::Result<bool> {
        if self.buffered() == 0 {
            let ready = sys::poll(
                &[Watch {
                    fd: self.r.as_raw_fd(),
                    read: true,
                    write: false,
                }],
                Some(Duration::ZERO),
            )?;
            if !ready.first().is_some_and(|r| r.readable) {
                return Ok(false);
            }
        }
        match self.read_word()? {
            Some(CANCEL_FLAG) => Ok(true),
            Some(w) => Err(invalid(format!(
                "check_for_library_cancellation: read 0x{w:x} from library, expected 0x{CANCEL_FLAG:x}"
            ))),
            None => Err(eof()),
        }
    }
}

/// 1.48's progress rate limit: nothing during the first 2 s after the request arrived,
/// then at most one every 333333 µs, and always a final one at position == total once
/// any has been sent.
#[derive(Clone, Debug)]
pub struct ProgressThrottle {
    last: Instant,
    sent: u64,
}

const INITIAL_DELAY: Duration = Duration::from_micros(2_000_000);
const PERIOD: Duration = Duration::from_micros(333_333);

impl Default for ProgressThrottle {
    fn default() -> Self {
        Self::new()
    }
}

impl ProgressThrottle {
    /// Starts the clock: create one when each request arrives.
    pub fn new() -> Self {
        ProgressThrottle {
            last: Instant::now(),
            sent: 0,
        }
    }

    pub fn should_send(&mut self, position: u64, total: u64) -> bool {
        self.should_send_at(position, total, Instant::now())
    }

    fn should_send_at(&mut self, position: u64, total: u64, now: Instant) -> bool {
        let send = if self.sent > 0 && position == total {
            true
        } else {
            let elapsed = now.saturating_duration_since(self.last);
            elapsed >= if self.sent == 0 { INITIAL_DELAY } else { PERIOD }
        };
        if send {
            self.sent += 1;
            self.last = now;
        }
        send
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;
    use std::os::unix::net::UnixStream;

    type Conn = ServerConn<Cursor<Vec<u8>>, Vec<u8>>;

    fn conn(input: Vec<u8>) -> Conn {
        ServerConn::new(Cursor::new(input), Vec::new())
    }

    fn call_bytes(proc_nr: u32, serial: u32, body: &[u8]) -> Vec<u8> {
        frame_message(&Header::call(proc_nr, serial, 0, 0), body)
    }

    fn never(_: &mut Conn) -> io::Result<bool> {
        Ok(false)
    }

    /// Sends `data` as FileOut chunks through `s`; false if `cancelled` said so.
    fn send_all(s: &mut Conn, data: &[u8], cancelled: &mut dyn FnMut(&mut Conn) -> io::Result<bool>) -> bool {
        let mut src = data;
        loop {
            let sent = s
                .send_data_with(cancelled, &mut |buf| {
                    let n = buf.len().min(src.len());
                    buf[..n].copy_from_slice(&src[..n]);
                    src = &src[n..];
                    Ok(n)
                })
                .unwrap();
            match sent {
                Sent::Queued(_) => {}
                Sent::Empty => {
                    s.send_end(false).unwrap();
                    return true;
                }
                Sent::Cancelled => {
                    s.send_end(true).unwrap();
                    return false;
                }
            }
        }
    }

    /// Receives a FileIn file; Ok(Some(data)) when complete, Ok(None) when cancelled.
    fn receive_all(s: &mut Conn) -> io::Result<Option<Vec<u8>>> {
        let mut got = Vec::new();
        loop {
            match s.receive_chunk(|d| got.extend_from_slice(d))? {
                Received::Data(()) => {}
                Received::End => return Ok(Some(got)),
                Received::Cancelled => return Ok(None),
            }
        }
    }

    #[test]
    fn read_call_skips_cancel_and_reports_eof() {
        let mut input = CANCEL_FLAG.to_be_bytes().to_vec();
        input.extend(call_bytes(92, 7, &[1, 2, 3, 4]));
        input.extend(call_bytes(93, 8, &vec![6; IN_CAPACITY + 100]));
        let mut s = conn(input);
        match s.read_call().unwrap() {
            Incoming::Call { header, body } => {
                assert_eq!((header.proc_nr, header.serial), (92, 7));
                assert_eq!(body, [1, 2, 3, 4]);
                check_call_header(&header).unwrap();
            }
            Incoming::Eof => panic!("eof"),
        }
        match s.read_call().unwrap() {
            Incoming::Call { header, body } => {
                assert_eq!(header.proc_nr, 93);
                assert_eq!(body, vec![6; IN_CAPACITY + 100]);
            }
            Incoming::Eof => panic!("eof"),
        }
        assert!(matches!(s.read_call().unwrap(), Incoming::Eof));
    }

    #[test]
    fn read_call_rejects_hostile_input() {
        assert!(conn((MESSAGE_MAX + 1).to_be_bytes().to_vec()).read_call().is_err());
        // Length claims more than is there.
        assert!(conn(vec![0, 0, 0, 100, 1, 2]).read_call().is_err());
        // Too short for a header.
        assert!(conn(vec![0, 0, 0, 4, 1, 2, 3, 4]).read_call().is_err());
        // Half a length word.
        assert!(conn(vec![0, 0]).read_call().is_err());
    }

    #[test]
    fn header_checks_use_1_48_texts() {
        let mut h = Header::call(1, 1, 0, 0);
        h.vers = 3;
        assert_eq!(check_call_header(&h).unwrap_err(), "wrong protocol version (3)");
        let mut h = Header::call(1, 1, 0, 0);
        h.status = 1;
        assert_eq!(check_call_header(&h).unwrap_err(), "unexpected message status (1)");
    }

    #[test]
    fn replies() {
        let call = Header::call(92, FIRST_SERIAL, 5, 1);
        let mut s = conn(Vec::new());
        s.reply_ok(&call, &[]).unwrap();
        assert_eq!(s.w, frame_message(&Header::reply_to(&call, STATUS_OK), &[]));
        s.w.clear();
        s.reply_error(&call, "ENOENT", "no such file").unwrap();
        let mut r = XdrReader::new(&s.w[4..]);
        assert_eq!(Header::decode(&mut r).unwrap().status, STATUS_ERROR);
        let e = MessageError::decode(&mut r).unwrap();
        assert_eq!((e.errno.as_str(), e.message.as_str()), ("ENOENT", "no such file"));
    }

    #[test]
    fn receive_file_complete_cancelled_and_refused() {
        let data: Vec<u8> = (0..MAX_CHUNK_SIZE * 9 + 10).map(|i| i as u8).collect();
        let mut input = Vec::new();
        for part in data.chunks(MAX_CHUNK_SIZE) {
            input.extend(
                Chunk {
                    cancel: false,
                    data: part.to_vec(),
                }
                .to_frame(),
            );
            input.extend(CANCEL_FLAG.to_be_bytes()); // stray flags are ignored
        }
        input.extend(Chunk::end().to_frame());
        input.extend(
            Chunk {
                cancel: false,
                data: vec![1],
            }
            .to_frame(),
        );
        input.extend(Chunk::cancel().to_frame());
        let mut s = conn(input);
        assert_eq!(receive_all(&mut s).unwrap(), Some(data));
        assert_eq!(receive_all(&mut s).unwrap(), None);

        // Refusing: CANCEL_FLAG to the library, its chunks drained up to its last one.
        let mut input = Vec::new();
        input.extend(
            Chunk {
                cancel: false,
                data: vec![1],
            }
            .to_frame(),
        );
        input.extend(
            Chunk {
                cancel: false,
                data: vec![2],
            }
            .to_frame(),
        );
        input.extend(Chunk::cancel().to_frame());
        input.extend(call_bytes(1, 2, &[]));
        let mut s = conn(input);
        s.cancel_receive().unwrap();
        assert_eq!(s.w, CANCEL_FLAG.to_be_bytes());
        assert!(matches!(s.read_call().unwrap(), Incoming::Call { .. }));
    }

    #[test]
    fn bad_chunks_are_errors() {
        // Oversized length, cancel word 2, data longer than the payload says, cut short.
        let mut long = (CHUNK_PAYLOAD_MAX as u32 + 4).to_be_bytes().to_vec();
        long.extend(vec![0; CHUNK_PAYLOAD_MAX + 4]);
        for input in [
            long,
            vec![0, 0, 0, 8, 0, 0, 0, 2, 0, 0, 0, 0],
            vec![0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 9],
            vec![0, 0, 0, 8, 0, 0],
        ] {
            assert!(conn(input).receive_chunk(|_| ()).is_err());
        }
    }

    #[test]
    fn send_file_and_cancel() {
        let data: Vec<u8> = (0..MAX_CHUNK_SIZE * 7 + 3).map(|i| (i * 7) as u8).collect();
        let mut s = conn(Vec::new());
        assert!(send_all(&mut s, &data, &mut never));
        assert_eq!(receive_all(&mut conn(s.w.clone())).unwrap(), Some(data.clone()));
        // Chunks are full-sized and written in batches of three.
        assert_eq!(&s.w[..12], &[0, 0, 0x20, 8, 0, 0, 0, 0, 0, 0, 0x20, 0]);

        let mut s = conn(Vec::new());
        let mut asked = 0;
        assert!(!send_all(&mut s, &data, &mut |_| {
            asked += 1;
            Ok(asked == 2)
        }));
        assert_eq!(receive_all(&mut conn(s.w.clone())).unwrap(), None);
        // Asked once per batch: the first batch of three chunks went out before the cancel.
        assert_eq!(s.w.len(), 3 * CHUNK_FRAME_MAX + 12);
    }

    #[test]
    fn library_cancel_is_seen_buffered_or_on_the_fd() {
        let (mut lib, daemon) = UnixStream::pair().unwrap();
        let mut s = ServerConn::new(daemon, Vec::new());
        assert!(!s.library_cancelled().unwrap());
        lib.write_all(&CANCEL_FLAG.to_be_bytes()).unwrap();
        assert!(s.library_cancelled().unwrap());
        assert!(!s.library_cancelled().unwrap());
        // A flag that arrived together with earlier bytes is found in the buffer.
        let mut two = CANCEL_FLAG.to_be_bytes().to_vec();
        two.extend(CANCEL_FLAG.to_be_bytes());
        lib.write_all(&two).unwrap();
        assert!(s.library_cancelled().unwrap());
        assert_eq!(s.buffered(), 4);
        assert!(s.library_cancelled().unwrap());
        lib.write_all(&[0, 0, 0, 1]).unwrap();
        assert!(s.library_cancelled().is_err());
    }

    #[test]
    fn random_input_never_panics() {
        let api = guestfs_api::table();
        let mut rng = crate::value_tests::XorShift(0xfeed_f00d_dead_beef);
        for i in 0..5000 {
            let n = (rng.next() % 96) as usize;
            let mut input = rng.bytes(n);
            // Plausible small length words reach the decoders more often.
            if n >= 4 && i % 2 == 0 {
                input[..4].copy_from_slice(&((n as u32 - 4) & 0xff).to_be_bytes());
            }
            if let Ok(Incoming::Call { header, body }) = conn(input.clone()).read_call() {
                let _ = crate::dispatch::decode_call(api, &header, &body);
            }
            let _ = receive_all(&mut conn(input));
        }
    }

    #[test]
    fn throttle_follows_1_48_rule() {
        let mut t = ProgressThrottle::new();
        let t0 = t.last;
        assert!(!t.should_send_at(1, 10, t0 + Duration::from_millis(1999)));
        assert!(t.should_send_at(2, 10, t0 + Duration::from_millis(2000)));
        assert!(!t.should_send_at(3, 10, t0 + Duration::from_millis(2300)));
        assert!(t.should_send_at(4, 10, t0 + Duration::from_micros(2_333_333)));
        assert!(t.should_send_at(10, 10, t0 + Duration::from_micros(2_333_400)));
        // Nothing sent yet: no forced final message.
        let mut t = ProgressThrottle::new();
        let t0 = t.last;
        assert!(!t.should_send_at(10, 10, t0 + Duration::from_millis(10)));
    }
}
