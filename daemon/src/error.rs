//! The error a call replies with: an errno (0 = none) and a message worded like 1.48's.

use std::fmt;
use std::io;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// errno number sent as its symbolic name; 0 sends an empty errno string.
    pub errno: i32,
    pub msg: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error without an errno (1.48's `reply_with_error`).
    pub fn msg(msg: impl Into<String>) -> Error {
        Error {
            errno: 0,
            msg: msg.into(),
        }
    }
    /// An error with an errno and a ready message (1.48's `reply_with_error_errno`).
    pub fn with_errno(errno: i32, msg: impl Into<String>) -> Error {
        Error { errno, msg: msg.into() }
    }
    /// `context: strerror(errno)` (1.48's `reply_with_perror`).
    pub fn perror(errno: i32, context: impl fmt::Display) -> Error {
        Error {
            errno,
            msg: format!("{}: {}", context, strerror(errno)),
        }
    }
    /// Like [`Error::perror`] from an `io::Error`; errors without an OS code become EIO.
    pub fn io(e: &io::Error, context: impl fmt::Display) -> Error {
        match e.raw_os_error() {
            Some(n) => Error::perror(n, context),
            None => Error::with_errno(libc::EIO, format!("{}: {}", context, e)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

/// The C library's text for an errno, as 1.48's messages print it (no "(os error N)").
pub fn strerror(errno: i32) -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; the GNU strerror_r returns a pointer to
    // a NUL-terminated string (either into buf or a static string).
    let p = unsafe { libc::strerror_r(errno, buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
    // libc's crate binds the XSI variant (returns int) and fills buf.
    let _ = p;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    let s = String::from_utf8_lossy(&buf[..end]).into_owned();
    if s.is_empty() {
        format!("Unknown error {errno}")
    } else {
        s
    }
}

/// Text of an `io::Error` without Rust's "(os error N)" suffix.
pub fn io_text(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => strerror(n),
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strerror_matches_libc_wording() {
        assert_eq!(strerror(libc::ENOENT), "No such file or directory");
        assert_eq!(strerror(libc::EEXIST), "File exists");
    }

    #[test]
    fn perror_formats_like_1_48() {
        let e = Error::perror(libc::EEXIST, "/foo");
        assert_eq!(e.msg, "/foo: File exists");
        assert_eq!(e.errno, libc::EEXIST);
    }
}
