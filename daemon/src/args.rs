//! Typed argument values the generated dispatch hands to the daemon's functions, beyond
//! plain Rust types: guest paths, and the tokens of streamed file arguments.

use std::fmt;
use std::path::PathBuf;

use crate::daemon::Daemon;
use crate::error::{Error, Result};

/// A Pathname argument: an absolute path in the guest's filesystem (the dispatcher has
/// checked that it is absolute), kept as the caller's exact bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct GuestPath(Vec<u8>);

impl GuestPath {
    pub fn new(bytes: &[u8]) -> GuestPath {
        GuestPath(bytes.to_vec())
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    /// The path as text, for messages and for tools that take a string.
    pub fn lossy(&self) -> String {
        String::from_utf8_lossy(&self.0).into_owned()
    }
    /// The host path of this guest path under the sysroot, following a final symlink or
    /// not; an error names the guest path.
    pub fn resolve(&self, d: &Daemon, follow: bool) -> Result<PathBuf> {
        d.sysroot
            .resolve(&self.0, follow)
            .map_err(|e| Error::io(&e, self.lossy()))
    }
}

impl fmt::Display for GuestPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.0))
    }
}

impl fmt::Debug for GuestPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GuestPath({self})")
    }
}

/// Proof that the request carries a FileIn stream (chunks follow the call): only actions
/// with a FileIn argument receive one, and receiving chunks takes it.
#[derive(Debug)]
pub struct FileIn(());

impl FileIn {
    /// Made by the generated dispatch only.
    pub(crate) fn token() -> FileIn {
        FileIn(())
    }
}

/// Proof that the action sends a FileOut stream before its reply.
#[derive(Debug)]
pub struct FileOut(());

impl FileOut {
    /// Made by the generated dispatch only.
    pub(crate) fn token() -> FileOut {
        FileOut(())
    }
}
