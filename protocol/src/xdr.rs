//! Sun XDR (RFC 4506) as libguestfs uses it: big-endian, every item padded to 4 bytes.
//!
//! The reader never trusts a length or count it reads: lengths are checked against a
//! caller-given maximum and against the bytes actually left, so hostile input can make it
//! fail but never panic or allocate more than the input justifies.

use std::fmt;

/// Why decoding (or, rarely, encoding) failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XdrError {
    /// The input ended before the item did.
    Short,
    /// A length or count above what the protocol allows for this item.
    TooLong { what: &'static str, len: usize, max: usize },
    /// A `bool` that was neither 0 nor 1.
    BadBool(u32),
    /// Bytes that had to be UTF-8 were not.
    BadUtf8,
    /// Anything else (type mismatch against the API table, trailing bytes, ...).
    Other(String),
}

impl fmt::Display for XdrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XdrError::Short => write!(f, "XDR data ends too early"),
            XdrError::TooLong { what, len, max } => {
                write!(f, "XDR {what} too long ({len} > {max})")
            }
            XdrError::BadBool(v) => write!(f, "XDR bool has invalid value {v}"),
            XdrError::BadUtf8 => write!(f, "XDR string is not valid UTF-8"),
            XdrError::Other(s) => write!(f, "{s}"),
        }
    }
}

impl std::error::Error for XdrError {}

/// Number of zero bytes that follow `len` bytes of data to reach a multiple of 4.
fn pad_len(len: usize) -> usize {
    (4 - len % 4) % 4
}

/// Appends XDR items to a byte buffer.
#[derive(Clone, Debug, Default)]
pub struct XdrWriter {
    pub buf: Vec<u8>,
}

impl XdrWriter {
    pub fn new() -> Self {
        XdrWriter { buf: Vec::new() }
    }

    pub fn put_u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn put_i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn put_u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn put_i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn put_bool(&mut self, v: bool) {
        self.put_u32(v as u32);
    }

    pub fn put_f32(&mut self, v: f32) {
        self.put_u32(v.to_bits());
    }

    /// `string<>`: length word, the bytes (no NUL), zero padding.
    pub fn put_string(&mut self, s: &[u8]) {
        self.put_opaque(s);
    }

    /// `opaque x[n]`: exactly the bytes plus padding, no length word.
    pub fn put_opaque_fixed(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
        self.buf.extend(std::iter::repeat_n(0u8, pad_len(b.len())));
    }

    /// `opaque x<>`: length word, the bytes, zero padding.
    pub fn put_opaque(&mut self, b: &[u8]) {
        // Protocol messages are at most 4 MiB, so a length never exceeds u32 in practice;
        // saturate rather than wrap so an absurd input cannot produce a valid-looking frame.
        self.put_u32(u32::try_from(b.len()).unwrap_or(u32::MAX));
        self.put_opaque_fixed(b);
    }

    /// `guestfs_str *x`: discriminant 0 (NULL) or 1 followed by the string.
    pub fn put_opt_string(&mut self, s: Option<&[u8]>) {
        match s {
            None => self.put_u32(0),
            Some(s) => {
                self.put_u32(1);
                self.put_string(s);
            }
        }
    }

    /// `guestfs_str x<>`: count followed by the strings.
    pub fn put_string_list(&mut self, l: &[Vec<u8>]) {
        self.put_u32(u32::try_from(l.len()).unwrap_or(u32::MAX));
        for s in l {
            self.put_string(s);
        }
    }

    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

/// Reads XDR items from a byte slice.
#[derive(Clone, Debug)]
pub struct XdrReader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> XdrReader<'a> {
    pub fn new(b: &'a [u8]) -> Self {
        XdrReader { buf: b, pos: 0 }
    }

    /// Bytes not consumed yet.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Fails when bytes are left over: every message must be consumed exactly.
    pub fn finish(&self) -> Result<(), XdrError> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(XdrError::Other(format!("{n} unexpected trailing bytes in XDR data"))),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], XdrError> {
        if n > self.remaining() {
            return Err(XdrError::Short);
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn take_array<const N: usize>(&mut self) -> Result<[u8; N], XdrError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    pub fn get_u32(&mut self) -> Result<u32, XdrError> {
        Ok(u32::from_be_bytes(self.take_array()?))
    }

    pub fn get_i32(&mut self) -> Result<i32, XdrError> {
        Ok(i32::from_be_bytes(self.take_array()?))
    }

    pub fn get_u64(&mut self) -> Result<u64, XdrError> {
        Ok(u64::from_be_bytes(self.take_array()?))
    }

    pub fn get_i64(&mut self) -> Result<i64, XdrError> {
        Ok(i64::from_be_bytes(self.take_array()?))
    }

    /// Strict: only 0 and 1 are booleans.
    pub fn get_bool(&mut self) -> Result<bool, XdrError> {
        match self.get_u32()? {
            0 => Ok(false),
            1 => Ok(true),
            v => Err(XdrError::BadBool(v)),
        }
    }

    pub fn get_f32(&mut self) -> Result<f32, XdrError> {
        Ok(f32::from_bits(self.get_u32()?))
    }

    /// `string<max>`. The bytes are returned as they are (no UTF-8 or NUL check).
    pub fn get_string(&mut self, max: usize) -> Result<Vec<u8>, XdrError> {
        self.get_counted("string", max)
    }

    /// `opaque<max>`.
    pub fn get_opaque(&mut self, max: usize) -> Result<Vec<u8>, XdrError> {
        self.get_counted("opaque", max)
    }

    /// `opaque<max>`, borrowed from the input instead of copied (bulk file data).
    pub fn get_opaque_ref(&mut self, max: usize) -> Result<&'a [u8], XdrError> {
        let len = self.get_u32()? as usize;
        if len > max {
            return Err(XdrError::TooLong {
                what: "opaque",
                len,
                max,
            });
        }
        self.get_fixed_ref(len)
    }

    fn get_counted(&mut self, what: &'static str, max: usize) -> Result<Vec<u8>, XdrError> {
        let len = self.get_u32()? as usize;
        if len > max {
            return Err(XdrError::TooLong { what, len, max });
        }
        self.get_opaque_fixed(len)
    }

    /// `opaque x[n]`: n bytes plus padding.
    pub fn get_opaque_fixed(&mut self, n: usize) -> Result<Vec<u8>, XdrError> {
        self.get_fixed_ref(n).map(<[u8]>::to_vec)
    }

    fn get_fixed_ref(&mut self, n: usize) -> Result<&'a [u8], XdrError> {
        // Check data and padding together before taking anything.
        let padded = n.checked_add(pad_len(n)).ok_or(XdrError::Short)?;
        if padded > self.remaining() {
            return Err(XdrError::Short);
        }
        let data = self.take(n)?;
        self.take(pad_len(n))?;
        Ok(data)
    }

    /// `guestfs_str *x`: discriminant 0 or 1, then the string when 1.
    pub fn get_opt_string(&mut self) -> Result<Option<Vec<u8>>, XdrError> {
        match self.get_u32()? {
            0 => Ok(None),
            1 => Ok(Some(self.get_string(usize::MAX)?)),
            v => Err(XdrError::Other(format!(
                "XDR optional pointer has invalid discriminant {v}"
            ))),
        }
    }

    /// Reads a list count and checks that `count` elements of at least `min_elem` bytes
    /// each can fit in what is left, so callers may allocate for it.
    pub fn get_count(&mut self, what: &'static str, min_elem: usize) -> Result<usize, XdrError> {
        let count = self.get_u32()? as usize;
        let max = self.remaining() / min_elem.max(1);
        if count > max {
            return Err(XdrError::TooLong { what, len: count, max });
        }
        Ok(count)
    }

    /// `guestfs_str x<>`: count then strings.
    pub fn get_string_list(&mut self) -> Result<Vec<Vec<u8>>, XdrError> {
        let count = self.get_count("string list", 4)?;
        let mut list = Vec::with_capacity(count);
        for _ in 0..count {
            list.push(self.get_string(usize::MAX)?);
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_is_padded() {
        let mut w = XdrWriter::new();
        w.put_string(b"/dev/sda1");
        assert_eq!(
            w.buf,
            [0, 0, 0, 9, b'/', b'd', b'e', b'v', b'/', b's', b'd', b'a', b'1', 0, 0, 0]
        );
        let mut r = XdrReader::new(&w.buf);
        assert_eq!(r.get_string(100).unwrap(), b"/dev/sda1");
        r.finish().unwrap();
    }

    #[test]
    fn primitives_round_trip() {
        let mut w = XdrWriter::new();
        w.put_u32(0xdead_beef);
        w.put_i32(-2);
        w.put_u64(u64::MAX - 1);
        w.put_i64(i64::MIN);
        w.put_bool(true);
        w.put_f32(-1.0);
        w.put_opaque_fixed(&[1, 2, 3]);
        w.put_opt_string(None);
        w.put_opt_string(Some(b"ab"));
        w.put_string_list(&[b"x".to_vec(), Vec::new()]);
        w.put_opaque(b"");
        let b = w.into_bytes();
        let mut r = XdrReader::new(&b);
        assert_eq!(r.get_u32().unwrap(), 0xdead_beef);
        assert_eq!(r.get_i32().unwrap(), -2);
        assert_eq!(r.get_u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.get_i64().unwrap(), i64::MIN);
        assert!(r.get_bool().unwrap());
        assert_eq!(r.get_f32().unwrap(), -1.0);
        assert_eq!(r.get_opaque_fixed(3).unwrap(), [1, 2, 3]);
        assert_eq!(r.get_opt_string().unwrap(), None);
        assert_eq!(r.get_opt_string().unwrap(), Some(b"ab".to_vec()));
        assert_eq!(r.get_string_list().unwrap(), vec![b"x".to_vec(), Vec::new()]);
        assert_eq!(r.get_opaque(0).unwrap(), b"");
        r.finish().unwrap();
    }

    #[test]
    fn hostile_inputs_fail_cleanly() {
        assert_eq!(XdrReader::new(&[0, 0, 1]).get_u32(), Err(XdrError::Short));
        assert_eq!(XdrReader::new(&[0, 0, 0, 2]).get_bool(), Err(XdrError::BadBool(2)));
        // Huge string length: rejected without allocating.
        let huge = [0xff, 0xff, 0xff, 0xf0];
        assert_eq!(XdrReader::new(&huge).get_string(usize::MAX), Err(XdrError::Short));
        assert!(matches!(
            XdrReader::new(&huge).get_string(32),
            Err(XdrError::TooLong { what: "string", .. })
        ));
        // Huge list count.
        assert!(matches!(
            XdrReader::new(&huge).get_string_list(),
            Err(XdrError::TooLong { .. })
        ));
        // Data present but padding missing.
        assert_eq!(XdrReader::new(&[0, 0, 0, 1, b'a']).get_string(10), Err(XdrError::Short));
        // Bad optional discriminant.
        assert!(XdrReader::new(&[0, 0, 0, 7]).get_opt_string().is_err());
        // Trailing bytes.
        let mut r = XdrReader::new(&[0, 0, 0, 1, 9]);
        r.get_u32().unwrap();
        assert!(r.finish().is_err());
    }
}
