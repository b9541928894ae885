//! The error type of every library operation: a message and an errno, as libguestfs
//! reports them through `guestfs_last_error` / `guestfs_last_errno`. The public Rust
//! API returns it as is.

use std::fmt;

/// A failed call: 1.48's message and errno (0 when the library sets none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub errno: i32,
    pub message: String,
    #[doc(hidden)]
    /// Already recorded on the handle (and the error handler already ran): set when a
    /// nested public call failed, so the outer call does not report it a second time.
    pub reported: bool,
}

impl Error {
    /// The errno the library reported (`libc::ENOENT` …), or 0 (as `guestfs_last_errno`).
    pub fn errno(&self) -> i32 {
        self.errno
    }

    /// The message (as `guestfs_last_error`), for example
    /// `cat: /missing: No such file or directory`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// An error with no errno (libguestfs's `error()`).
    pub fn msg(message: impl Into<String>) -> Error {
        Error {
            errno: 0,
            message: message.into(),
            reported: false,
        }
    }
    pub fn with_errno(errno: i32, message: impl Into<String>) -> Error {
        Error {
            errno,
            message: message.into(),
            reported: false,
        }
    }
    /// libguestfs's `perrorf`: the message, `": "`, and the strerror text of `errno`.
    pub fn os(message: impl Into<String>, err: &std::io::Error) -> Error {
        let errno = err.raw_os_error().unwrap_or(libc::EIO);
        let text = std::io::Error::from_raw_os_error(errno).to_string();
        // std appends " (os error N)"; libguestfs prints strerror alone.
        let text = text.split(" (os error").next().unwrap_or("").to_string();
        Error {
            errno,
            message: format!("{}: {}", message.into(), text),
            reported: false,
        }
    }
    /// A function that guestfs-rs does not implement yet.
    pub fn not_supported(name: &str) -> Error {
        Error::with_errno(
            libc::ENOTSUP,
            format!("{name}: this function is not implemented in guestfs-rs yet"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
