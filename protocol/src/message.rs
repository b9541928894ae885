//! Message header, error body, file chunks, progress messages and framing.

use crate::consts::*;
use crate::xdr::{XdrError, XdrReader, XdrWriter};

/// `guestfs_message_header`, 40 bytes on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub prog: u32,
    pub vers: u32,
    pub proc_nr: u32,
    pub direction: u32,
    pub serial: u32,
    pub progress_hint: u64,
    pub optargs_bitmask: u64,
    pub status: u32,
}

impl Header {
    /// Header of a call from the library (status is always OK in calls).
    pub fn call(proc_nr: u32, serial: u32, progress_hint: u64, optargs_bitmask: u64) -> Self {
        Header {
            prog: PROGRAM,
            vers: PROTOCOL_VERSION,
            proc_nr,
            direction: DIRECTION_CALL,
            serial,
            progress_hint,
            optargs_bitmask,
            status: STATUS_OK,
        }
    }

    /// Header of the daemon's reply to `call`: same proc and serial, hint and bitmask zeroed.
    pub fn reply_to(call: &Header, status: u32) -> Self {
        Header {
            prog: PROGRAM,
            vers: PROTOCOL_VERSION,
            proc_nr: call.proc_nr,
            direction: DIRECTION_REPLY,
            serial: call.serial,
            progress_hint: 0,
            optargs_bitmask: 0,
            status,
        }
    }

    pub fn encode(&self, w: &mut XdrWriter) {
        w.put_u32(self.prog);
        w.put_u32(self.vers);
        w.put_u32(self.proc_nr);
        w.put_u32(self.direction);
        w.put_u32(self.serial);
        w.put_u64(self.progress_hint);
        w.put_u64(self.optargs_bitmask);
        w.put_u32(self.status);
    }

    /// Decodes the 40 header bytes. Field values are not checked here: callers compare them
    /// with what they expect so they can produce libguestfs's own messages.
    pub fn decode(r: &mut XdrReader) -> Result<Header, XdrError> {
        Ok(Header {
            prog: r.get_u32()?,
            vers: r.get_u32()?,
            proc_nr: r.get_u32()?,
            direction: r.get_u32()?,
            serial: r.get_u32()?,
            progress_hint: r.get_u64()?,
            optargs_bitmask: r.get_u64()?,
            status: r.get_u32()?,
        })
    }
}

/// `guestfs_message_error`: the body of an error reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageError {
    /// Symbolic errno name ("ENOENT"), or "" for none.
    pub errno: String,
    pub message: String,
}

impl MessageError {
    /// Encodes with 1.48's limits: the errno name must fit in 32 bytes (otherwise it is sent
    /// as ""), and the message is cut at 65536 bytes.
    pub fn encode(&self, w: &mut XdrWriter) {
        let errno = if self.errno.len() <= ERRNO_STRING_MAX {
            self.errno.as_bytes()
        } else {
            b""
        };
        w.put_string(errno);
        let msg = self.message.as_bytes();
        w.put_string(&msg[..msg.len().min(ERROR_LEN)]);
    }

    /// Invalid UTF-8 is replaced rather than rejected: the message is only shown to people.
    pub fn decode(r: &mut XdrReader) -> Result<MessageError, XdrError> {
        let errno = r.get_string(ERRNO_STRING_MAX)?;
        let message = r.get_string(ERROR_LEN)?;
        Ok(MessageError {
            errno: String::from_utf8_lossy(&errno).into_owned(),
            message: String::from_utf8_lossy(&message).into_owned(),
        })
    }
}

/// `guestfs_chunk`: one piece of a FileIn/FileOut transfer. `cancel=false` with no data ends
/// the transfer; `cancel=true` aborts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub cancel: bool,
    pub data: Vec<u8>,
}

impl Chunk {
    pub fn end() -> Chunk {
        Chunk {
            cancel: false,
            data: Vec::new(),
        }
    }

    pub fn cancel() -> Chunk {
        Chunk {
            cancel: true,
            data: Vec::new(),
        }
    }

    pub fn is_end(&self) -> bool {
        !self.cancel && self.data.is_empty()
    }

    /// Data beyond MAX_CHUNK_SIZE is the caller's bug; it is cut rather than sent invalid.
    pub fn encode(&self, w: &mut XdrWriter) {
        w.put_i32(self.cancel as i32);
        w.put_opaque(&self.data[..self.data.len().min(MAX_CHUNK_SIZE)]);
    }

    pub fn decode(r: &mut XdrReader) -> Result<Chunk, XdrError> {
        let (cancel, data) = Chunk::decode_ref(r)?;
        Ok(Chunk {
            cancel,
            data: data.to_vec(),
        })
    }

    /// [`Chunk::decode`] without copying the data out of the input.
    pub fn decode_ref<'a>(r: &mut XdrReader<'a>) -> Result<(bool, &'a [u8]), XdrError> {
        let cancel = match r.get_i32()? {
            0 => false,
            1 => true,
            v => {
                return Err(XdrError::Other(format!(
                    "chunk.cancel is {v}, not 0 or 1: lost synchronization"
                )))
            }
        };
        Ok((cancel, r.get_opaque_ref(MAX_CHUNK_SIZE)?))
    }

    /// The complete framed chunk (length word included).
    pub fn to_frame(&self) -> Vec<u8> {
        let mut w = XdrWriter::new();
        self.encode(&mut w);
        frame(&w.buf)
    }

    /// Decodes a whole chunk payload, rejecting trailing bytes.
    pub fn from_payload(payload: &[u8]) -> Result<Chunk, XdrError> {
        let mut r = XdrReader::new(payload);
        let c = Chunk::decode(&mut r)?;
        r.finish()?;
        Ok(c)
    }
}

/// `guestfs_progress`: follows a bare PROGRESS_FLAG word, 24 bytes, no length word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub proc_nr: u32,
    pub serial: u32,
    pub position: u64,
    pub total: u64,
}

impl Progress {
    pub fn encode(&self, w: &mut XdrWriter) {
        w.put_u32(self.proc_nr);
        w.put_u32(self.serial);
        w.put_u64(self.position);
        w.put_u64(self.total);
    }

    pub fn decode(r: &mut XdrReader) -> Result<Progress, XdrError> {
        Ok(Progress {
            proc_nr: r.get_u32()?,
            serial: r.get_u32()?,
            position: r.get_u64()?,
            total: r.get_u64()?,
        })
    }

    /// The 28 bytes the daemon writes: PROGRESS_FLAG then the struct.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut w = XdrWriter::new();
        w.put_u32(PROGRESS_FLAG);
        self.encode(&mut w);
        w.buf
    }

    /// Decodes the 24 bytes after the flag.
    pub fn from_bytes(b: &[u8; PROGRESS_LEN]) -> Progress {
        // Exactly 24 bytes always decode.
        let mut r = XdrReader::new(b);
        Progress::decode(&mut r).unwrap_or(Progress {
            proc_nr: 0,
            serial: 0,
            position: 0,
            total: 0,
        })
    }
}

/// A complete framed message: 4-byte length word + payload.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + payload.len());
    out.extend_from_slice(&u32::try_from(payload.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// Encodes header + body into one framed message.
pub fn frame_message(header: &Header, body: &[u8]) -> Vec<u8> {
    let mut w = XdrWriter::new();
    w.buf.reserve(4 + HEADER_LEN + body.len());
    w.put_u32(0); // length word, patched below
    header.encode(&mut w);
    w.buf.extend_from_slice(body);
    let len = u32::try_from(w.buf.len() - 4).unwrap_or(u32::MAX);
    w.buf[..4].copy_from_slice(&len.to_be_bytes());
    w.buf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.chunks(4)
            .map(|c| c.iter().map(|x| format!("{x:02x}")).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn ping_daemon_call_bytes() {
        let h = Header::call(92, FIRST_SERIAL, 0, 0);
        let m = frame_message(&h, &[]);
        assert_eq!(
            hex(&m),
            "00000028 2000f5f5 00000004 0000005c 00000000 00123400 00000000 00000000 00000000 00000000 00000000"
        );
        let reply = frame_message(&Header::reply_to(&h, STATUS_OK), &[]);
        assert_eq!(
            hex(&reply),
            "00000028 2000f5f5 00000004 0000005c 00000001 00123400 00000000 00000000 00000000 00000000 00000000"
        );
        let mut r = XdrReader::new(&m[4..]);
        assert_eq!(Header::decode(&mut r).unwrap(), h);
        r.finish().unwrap();
    }

    #[test]
    fn reply_zeroes_hint_and_bitmask() {
        let h = Header::call(1, 7, 99, 3);
        let r = Header::reply_to(&h, STATUS_ERROR);
        assert_eq!((r.proc_nr, r.serial, r.progress_hint, r.optargs_bitmask), (1, 7, 0, 0));
        assert_eq!((r.direction, r.status), (DIRECTION_REPLY, STATUS_ERROR));
    }

    #[test]
    fn error_body_limits() {
        let e = MessageError {
            errno: "ENOENT".into(),
            message: "x".repeat(ERROR_LEN + 10),
        };
        let mut w = XdrWriter::new();
        e.encode(&mut w);
        let mut r = XdrReader::new(&w.buf);
        let d = MessageError::decode(&mut r).unwrap();
        r.finish().unwrap();
        assert_eq!(d.errno, "ENOENT");
        assert_eq!(d.message.len(), ERROR_LEN);
        // An errno name over 32 bytes is refused by the decoder.
        let mut w = XdrWriter::new();
        w.put_string(&[b'E'; 33]);
        w.put_string(b"m");
        assert!(MessageError::decode(&mut XdrReader::new(&w.buf)).is_err());
    }

    #[test]
    fn chunk_bytes() {
        assert_eq!(hex(&Chunk::end().to_frame()), "00000008 00000000 00000000");
        assert_eq!(hex(&Chunk::cancel().to_frame()), "00000008 00000001 00000000");
        let full = Chunk {
            cancel: false,
            data: vec![7; MAX_CHUNK_SIZE],
        }
        .to_frame();
        assert_eq!(hex(&full[..12]), "00002008 00000000 00002000");
        assert_eq!(full.len(), 4 + 8200);
        assert_eq!(Chunk::from_payload(&full[4..]).unwrap().data.len(), MAX_CHUNK_SIZE);
        // cancel=2 is a sync loss; oversize data is refused.
        assert!(Chunk::from_payload(&[0, 0, 0, 2, 0, 0, 0, 0]).is_err());
        assert!(Chunk::from_payload(&[0, 0, 0, 0, 0, 0, 0x20, 1]).is_err());
    }

    #[test]
    fn progress_round_trip() {
        let p = Progress {
            proc_nr: 66,
            serial: 0x123401,
            position: 5,
            total: 10,
        };
        let wire = p.to_wire();
        assert_eq!(wire.len(), 4 + PROGRESS_LEN);
        assert_eq!(&wire[..4], &PROGRESS_FLAG.to_be_bytes());
        let b: [u8; PROGRESS_LEN] = wire[4..].try_into().unwrap();
        assert_eq!(Progress::from_bytes(&b), p);
    }
}
