//! Daemon side of the protocol (what guestfsd needs): read calls, send replies, progress
//! messages and file chunks. Synchronous, over any `Read + Write` pair.

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
    Call { header: Header, body: Vec<u8> },
    /// The library closed the connection cleanly (EOF where a message would start).
    Eof,
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
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

pub struct ServerConn<R: Read, W: Write> {
    r: R,
    w: W,
    /// Header of the call being served (set by read_call), for progress messages.
    current: Option<Header>,
    /// Rate limit of progress messages for the current call.
    throttle: ProgressThrottle,
}

impl<R: Read, W: Write> ServerConn<R, W> {
    pub fn new(r: R, w: W) -> Self {
        ServerConn { r, w, current: None, throttle: ProgressThrottle::new() }
    }

    pub fn reader(&mut self) -> &mut R {
        &mut self.r
    }

    pub fn writer(&mut self) -> &mut W {
        &mut self.w
    }

    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.w.flush()
    }

    pub fn send_launch_flag(&mut self) -> io::Result<()> {
        self.send(&LAUNCH_FLAG.to_be_bytes())
    }

    /// Reads a length word; Ok(None) on EOF before its first byte.
    fn read_word(&mut self) -> io::Result<Option<u32>> {
        let mut b = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match self.r.read(&mut b[got..]) {
                Ok(0) if got == 0 => return Ok(None),
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Some(u32::from_be_bytes(b)))
    }

    /// Reads `len` (<= MESSAGE_MAX, checked by callers) bytes, growing the buffer only
    /// as data actually arrives.
    fn read_payload(&mut self, len: u32) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        (&mut self.r).take(len as u64).read_to_end(&mut buf)?;
        if buf.len() != len as usize {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(buf)
    }

    /// Next length word that is not a stray CANCEL_FLAG, checked against MESSAGE_MAX.
    fn read_length(&mut self) -> io::Result<Option<u32>> {
        loop {
            match self.read_word()? {
                None => return Ok(None),
                Some(CANCEL_FLAG) => continue,
                Some(len) if len > MESSAGE_MAX => {
                    return Err(invalid(format!("incoming message is too long ({len} bytes)")))
                }
                Some(len) => return Ok(Some(len)),
            }
        }
    }

    /// Next call. CANCEL_FLAG words are skipped; a length over MESSAGE_MAX or a header that
    /// cannot be decoded is an Err (the daemon should exit, as 1.48's does). The header's
    /// values are not checked: see check_call_header.
    pub fn read_call(&mut self) -> io::Result<Incoming> {
        let Some(len) = self.read_length()? else { return Ok(Incoming::Eof) };
        let msg = self.read_payload(len)?;
        let mut r = XdrReader::new(&msg);
        let header = Header::decode(&mut r).map_err(|_| invalid("could not decode message header".into()))?;
        let body = msg[r.position()..].to_vec();
        // The progress clock starts when a request arrives.
        self.current = Some(header);
        self.throttle = ProgressThrottle::new();
        Ok(Incoming::Call { header, body })
    }

    /// OK reply with an encoded `_ret` body (empty for RErr and before FileOut chunks).
    /// A body too big for one message becomes 1.48's "failed to encode reply body" error.
    pub fn reply_ok(&mut self, call: &Header, body: &[u8]) -> io::Result<()> {
        if HEADER_LEN + body.len() > MESSAGE_MAX as usize {
            return self.reply_error(call, "", REPLY_TOO_BIG);
        }
        self.send(&frame_message(&Header::reply_to(call, STATUS_OK), body))
    }

    /// Error reply; `errno` is a name such as "ENOENT" or "" (see errno_to_name). The
    /// message is cut at ERROR_LEN bytes.
    pub fn reply_error(&mut self, call: &Header, errno: &str, message: &str) -> io::Result<()> {
        let mut w = XdrWriter::new();
        MessageError { errno: errno.to_string(), message: message.to_string() }.encode(&mut w);
        self.send(&frame_message(&Header::reply_to(call, STATUS_ERROR), &w.buf))
    }

    pub fn send_progress(&mut self, p: &Progress) -> io::Result<()> {
        self.send(&p.to_wire())
    }

    /// 1.48's notify_progress: a progress message for the current call, rate-limited by
    /// ProgressThrottle. Does nothing before the first read_call.
    pub fn notify_progress(&mut self, position: u64, total: u64) -> io::Result<()> {
        let Some(h) = self.current else { return Ok(()) };
        if !self.throttle.should_send(position, total) {
            return Ok(());
        }
        self.send_progress(&Progress { proc_nr: h.proc_nr, serial: h.serial, position, total })
    }

    /// The current call's progress_hint (total bytes of the library's FileIn files), 0 if none.
    pub fn progress_hint(&self) -> u64 {
        self.current.map_or(0, |h| h.progress_hint)
    }

    /// receive_file that also reports progress (bytes received / progress_hint) the way
    /// 1.48's upload does, when the hint is > 0.
    pub fn receive_file_with_progress(&mut self, sink: &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<bool> {
        let total = self.progress_hint();
        let mut received = 0u64;
        loop {
            let chunk = self.read_chunk()?;
            if chunk.cancel {
                return Ok(false);
            }
            if chunk.data.is_empty() {
                return Ok(true);
            }
            if let Err(e) = sink(&chunk.data) {
                self.cancel_receive()?;
                return Err(e);
            }
            received += chunk.data.len() as u64;
            if total > 0 {
                self.notify_progress(received, total)?;
            }
        }
    }

    /// Next FileIn chunk (stray CANCEL_FLAG words skipped).
    fn read_chunk(&mut self) -> io::Result<Chunk> {
        let len = self.read_length()?.ok_or(io::ErrorKind::UnexpectedEof)?;
        let payload = self.read_payload(len)?;
        Chunk::from_payload(&payload).map_err(|e| invalid(format!("receive_file: {e}")))
    }

    /// FileIn: feeds chunks to `sink` until the end chunk. Ok(true) = complete,
    /// Ok(false) = the library cancelled (it still expects one error reply). If `sink` fails,
    /// the rest of the stream is cancelled and drained (so the caller can reply with an error
    /// at once) and the sink's error is returned.
    pub fn receive_file(&mut self, sink: &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<bool> {
        loop {
            let chunk = self.read_chunk()?;
            if chunk.cancel {
                return Ok(false);
            }
            if chunk.data.is_empty() {
                return Ok(true);
            }
            if let Err(e) = sink(&chunk.data) {
                self.cancel_receive()?;
                return Err(e);
            }
        }
    }

    /// FileIn refused before reading: send CANCEL_FLAG, then discard chunks up to the
    /// library's end or cancel chunk. Send the error reply after this.
    pub fn cancel_receive(&mut self) -> io::Result<()> {
        self.send(&CANCEL_FLAG.to_be_bytes())?;
        loop {
            let chunk = self.read_chunk()?;
            if chunk.cancel || chunk.data.is_empty() {
                return Ok(());
            }
        }
    }

    fn send_chunk(&mut self, chunk: &Chunk) -> io::Result<()> {
        self.send(&chunk.to_frame())
    }

    /// FileOut, after reply_ok: sends `source` in chunks of at most MAX_CHUNK_SIZE, then the
    /// end chunk. Before each data chunk `cancel_probe` is asked whether the library sent
    /// CANCEL_FLAG; if so a cancel chunk is sent and Ok(false) returned. A read error from
    /// `source` sends a cancel chunk and returns the error.
    pub fn send_file(&mut self, source: &mut dyn Read, cancel_probe: &mut dyn FnMut() -> bool) -> io::Result<bool> {
        self.send_file_with(source, None, &mut |_| cancel_probe())
    }

    /// `progress_total`: Some(total size) to send throttled progress (bytes sent / total)
    /// as 1.48's download does.
    fn send_file_with(
        &mut self,
        source: &mut dyn Read,
        progress_total: Option<u64>,
        probe: &mut dyn FnMut(&mut R) -> bool,
    ) -> io::Result<bool> {
        let mut buf = vec![0u8; MAX_CHUNK_SIZE];
        let mut sent = 0u64;
        loop {
            let n = match source.read(&mut buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.send_file_cancel()?;
                    return Err(e);
                }
            };
            if n == 0 {
                self.send_chunk(&Chunk::end())?;
                return Ok(true);
            }
            if probe(&mut self.r) {
                self.send_file_cancel()?;
                return Ok(false);
            }
            self.send_chunk(&Chunk { cancel: false, data: buf[..n].to_vec() })?;
            sent += n as u64;
            if let Some(total) = progress_total {
                self.notify_progress(sent, total)?;
            }
        }
    }

    /// Cancel chunk: ends a FileOut stream after a read error.
    pub fn send_file_cancel(&mut self) -> io::Result<()> {
        self.send_chunk(&Chunk::cancel())
    }
}

/// Without blocking: has the library written CANCEL_FLAG on `r`? Consumes the word if
/// something is there. Any other word is logged by 1.48 and ignored; here too (false).
pub fn library_cancel_pending<R: Read + AsRawFd>(r: &mut R) -> bool {
    let ready = sys::poll(&[Watch { fd: r.as_raw_fd(), read: true, write: false }], Some(Duration::ZERO));
    if !matches!(ready.as_deref(), Ok([x]) if x.readable) {
        return false;
    }
    let mut b = [0u8; 4];
    r.read_exact(&mut b).is_ok() && u32::from_be_bytes(b) == CANCEL_FLAG
}

impl<R: Read + AsRawFd, W: Write> ServerConn<R, W> {
    /// send_file with the cancel check done by polling the reader's fd.
    pub fn send_file_checking_fd(&mut self, source: &mut dyn Read) -> io::Result<bool> {
        self.send_file_with(source, None, &mut |r| library_cancel_pending(r))
    }

    /// send_file_checking_fd that also reports progress against `total` (e.g. the file size).
    pub fn send_file_checking_fd_with_progress(&mut self, source: &mut dyn Read, total: u64) -> io::Result<bool> {
        self.send_file_with(source, Some(total), &mut |r| library_cancel_pending(r))
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
        ProgressThrottle { last: Instant::now(), sent: 0 }
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

    fn call_bytes(proc_nr: u32, serial: u32, body: &[u8]) -> Vec<u8> {
        frame_message(&Header::call(proc_nr, serial, 0, 0), body)
    }

    #[test]
    fn read_call_skips_cancel_and_reports_eof() {
        let mut input = CANCEL_FLAG.to_be_bytes().to_vec();
        input.extend(call_bytes(92, 7, &[1, 2, 3, 4]));
        let mut s = ServerConn::new(Cursor::new(input), Vec::new());
        match s.read_call().unwrap() {
            Incoming::Call { header, body } => {
                assert_eq!((header.proc_nr, header.serial), (92, 7));
                assert_eq!(body, [1, 2, 3, 4]);
                check_call_header(&header).unwrap();
            }
            Incoming::Eof => panic!("eof"),
        }
        assert!(matches!(s.read_call().unwrap(), Incoming::Eof));
    }

    #[test]
    fn read_call_rejects_hostile_input() {
        let mut s = ServerConn::new(Cursor::new((MESSAGE_MAX + 1).to_be_bytes().to_vec()), Vec::new());
        assert!(s.read_call().is_err());
        // Length claims more than is there.
        let mut s = ServerConn::new(Cursor::new(vec![0, 0, 0, 100, 1, 2]), Vec::new());
        assert!(s.read_call().is_err());
        // Too short for a header.
        let mut s = ServerConn::new(Cursor::new(vec![0, 0, 0, 4, 1, 2, 3, 4]), Vec::new());
        assert!(s.read_call().is_err());
        // Half a length word.
        let mut s = ServerConn::new(Cursor::new(vec![0, 0]), Vec::new());
        assert!(s.read_call().is_err());
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
        let mut s = ServerConn::new(Cursor::new(Vec::new()), Vec::new());
        s.reply_ok(&call, &[]).unwrap();
        assert_eq!(s.w, frame_message(&Header::reply_to(&call, STATUS_OK), &[]));
        s.w.clear();
        s.reply_error(&call, "ENOENT", "no such file").unwrap();
        let mut r = XdrReader::new(&s.w[4..]);
        assert_eq!(Header::decode(&mut r).unwrap().status, STATUS_ERROR);
        let e = MessageError::decode(&mut r).unwrap();
        assert_eq!((e.errno.as_str(), e.message.as_str()), ("ENOENT", "no such file"));
        s.w.clear();
        s.reply_ok(&call, &vec![0; MESSAGE_MAX as usize]).unwrap();
        let mut r = XdrReader::new(&s.w[4..]);
        Header::decode(&mut r).unwrap();
        assert_eq!(MessageError::decode(&mut r).unwrap().message, REPLY_TOO_BIG);
    }

    #[test]
    fn receive_file_complete_cancelled_and_sink_error() {
        let data = vec![9u8; MAX_CHUNK_SIZE + 10];
        let mut input = Vec::new();
        for part in data.chunks(MAX_CHUNK_SIZE) {
            input.extend(Chunk { cancel: false, data: part.to_vec() }.to_frame());
            input.extend(CANCEL_FLAG.to_be_bytes()); // stray flags are ignored
        }
        input.extend(Chunk::end().to_frame());
        input.extend(Chunk { cancel: false, data: vec![1] }.to_frame());
        input.extend(Chunk::cancel().to_frame());
        let mut s = ServerConn::new(Cursor::new(input), Vec::new());
        let mut got = Vec::new();
        assert!(s.receive_file(&mut |b| { got.extend_from_slice(b); Ok(()) }).unwrap());
        assert_eq!(got, data);
        assert!(!s.receive_file(&mut |_| Ok(())).unwrap());

        // A failing sink cancels and drains to the library's final chunk.
        let mut input = Vec::new();
        input.extend(Chunk { cancel: false, data: vec![1] }.to_frame());
        input.extend(Chunk { cancel: false, data: vec![2] }.to_frame());
        input.extend(Chunk::cancel().to_frame());
        let mut s = ServerConn::new(Cursor::new(input), Vec::new());
        let r = s.receive_file(&mut |_| Err(io::Error::other("disk full")));
        assert_eq!(r.unwrap_err().to_string(), "disk full");
        assert_eq!(s.w, CANCEL_FLAG.to_be_bytes());
        assert_eq!(s.r.position() as usize, s.r.get_ref().len());
    }

    #[test]
    fn send_file_and_cancel() {
        let data = vec![5u8; MAX_CHUNK_SIZE * 2 + 1];
        let mut s = ServerConn::new(Cursor::new(Vec::new()), Vec::new());
        assert!(s.send_file(&mut Cursor::new(data.clone()), &mut || false).unwrap());
        let mut r = ServerConn::new(Cursor::new(s.w.clone()), Vec::new());
        let mut got = Vec::new();
        assert!(r.receive_file(&mut |b| { got.extend_from_slice(b); Ok(()) }).unwrap());
        assert_eq!(got, data);

        let mut s = ServerConn::new(Cursor::new(Vec::new()), Vec::new());
        let mut n = 0;
        assert!(!s.send_file(&mut Cursor::new(data), &mut || { n += 1; n == 2 }).unwrap());
        let mut r = ServerConn::new(Cursor::new(s.w.clone()), Vec::new());
        assert!(!r.receive_file(&mut |_| Ok(())).unwrap());
    }

    #[test]
    fn notify_progress_is_throttled_per_call() {
        let mut s = ServerConn::new(Cursor::new(call_bytes(66, 9, &[])), Vec::new());
        s.notify_progress(1, 2).unwrap();
        assert!(s.w.is_empty(), "no call yet");
        let _ = s.read_call().unwrap();
        s.notify_progress(1, 2).unwrap();
        assert!(s.w.is_empty(), "within the first 2 s");
        s.throttle.last -= Duration::from_secs(3);
        s.notify_progress(1, 2).unwrap();
        s.notify_progress(2, 2).unwrap();
        let mut want = Progress { proc_nr: 66, serial: 9, position: 1, total: 2 }.to_wire();
        want.extend(Progress { proc_nr: 66, serial: 9, position: 2, total: 2 }.to_wire());
        assert_eq!(s.w, want);
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
            let mut s = ServerConn::new(Cursor::new(input.clone()), Vec::new());
            if let Ok(Incoming::Call { header, body }) = s.read_call() {
                let _ = crate::dispatch::decode_call(api, &header, &body);
            }
            let mut s = ServerConn::new(Cursor::new(input), Vec::new());
            let _ = s.receive_file(&mut |_| Ok(()));
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
