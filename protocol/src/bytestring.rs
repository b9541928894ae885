//! `ByteString`: a string that came from a guest or a caller and is not promised to be
//! UTF-8 (file names, labels, command output). It keeps the exact bytes, so nothing is
//! lost between the C API, the wire and the guest, and it still reads like text in Rust:
//! it compares equal to `&str` and `String`, prints lossily, and converts with
//! [`ByteString::to_str`] or [`ByteString::to_string_lossy`].

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteString(Vec<u8>);

impl ByteString {
    pub fn new(bytes: Vec<u8>) -> ByteString {
        ByteString(bytes)
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
    /// The text, when the bytes are valid UTF-8.
    pub fn to_str(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(&self.0)
    }
    /// The text with every invalid UTF-8 sequence replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }
}

impl Deref for ByteString {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for ByteString {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for ByteString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

impl fmt::Debug for ByteString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_str() {
            Ok(s) => fmt::Debug::fmt(s, f),
            Err(_) => write!(f, "b\"{}\"", self.0.escape_ascii()),
        }
    }
}

impl From<Vec<u8>> for ByteString {
    fn from(v: Vec<u8>) -> ByteString {
        ByteString(v)
    }
}
impl From<&[u8]> for ByteString {
    fn from(v: &[u8]) -> ByteString {
        ByteString(v.to_vec())
    }
}
impl From<String> for ByteString {
    fn from(s: String) -> ByteString {
        ByteString(s.into_bytes())
    }
}
impl From<&str> for ByteString {
    fn from(s: &str) -> ByteString {
        ByteString(s.as_bytes().to_vec())
    }
}
impl From<&String> for ByteString {
    fn from(s: &String) -> ByteString {
        ByteString(s.as_bytes().to_vec())
    }
}
impl From<ByteString> for Vec<u8> {
    fn from(s: ByteString) -> Vec<u8> {
        s.0
    }
}

impl PartialEq<str> for ByteString {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}
impl PartialEq<&str> for ByteString {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}
impl PartialEq<String> for ByteString {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_bytes()
    }
}
impl PartialEq<ByteString> for &str {
    fn eq(&self, other: &ByteString) -> bool {
        self.as_bytes() == other.0
    }
}
impl PartialEq<ByteString> for str {
    fn eq(&self, other: &ByteString) -> bool {
        self.as_bytes() == other.0
    }
}
impl PartialEq<[u8]> for ByteString {
    fn eq(&self, other: &[u8]) -> bool {
        self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::ByteString;

    #[test]
    fn compares_with_text_and_keeps_bytes() {
        let s = ByteString::from("label");
        assert_eq!(s, "label");
        assert_eq!("label", s);
        assert_eq!(s, String::from("label"));
        let raw = ByteString::from(vec![b'a', 0xff]);
        assert!(raw.to_str().is_err());
        assert_eq!(raw.to_string_lossy(), "a\u{fffd}");
        assert_eq!(format!("{raw:?}"), "b\"a\\xff\"");
        assert_eq!(raw.into_bytes(), vec![b'a', 0xff]);
    }
}
