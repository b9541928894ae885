//! The one error type of this crate: an errno plus a message, as libguestfs reports them.

use std::fmt;

/// Advice appended to some 1.48 error messages (same wording so scripts that grep keep working).
pub(crate) const DEBUG_ADVICE: &str = "Do:\n  export LIBGUESTFS_DEBUG=1 LIBGUESTFS_TRACE=1\nand run the command again.  For further information, read:\n  http://libguestfs.org/guestfs-faq.1.html#debugging-libguestfs\nYou can also run 'libguestfs-test-tool' and post the *complete* output\ninto a bug report or message to the libguestfs mailing list.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchError {
    Msg { errno: i32, message: String },
}

impl LaunchError {
    /// An error with no errno (libguestfs `error()`).
    pub fn msg(message: impl Into<String>) -> Self {
        LaunchError::Msg {
            errno: 0,
            message: message.into(),
        }
    }

    /// An error from a failed system call (libguestfs `perrorf()`: "context: strerror").
    pub fn io(context: impl AsRef<str>, err: &std::io::Error) -> Self {
        match err.raw_os_error() {
            Some(errno) => LaunchError::Msg {
                errno,
                message: format!("{}: {}", context.as_ref(), strerror(errno)),
            },
            // Errors std makes up itself (eg. a socket path longer than sun_path) carry no errno.
            None => LaunchError::Msg {
                errno: libc::EINVAL,
                message: format!("{}: {}", context.as_ref(), err),
            },
        }
    }

    /// An error with an explicit errno.
    pub fn with_errno(errno: i32, message: impl Into<String>) -> Self {
        LaunchError::Msg {
            errno,
            message: message.into(),
        }
    }

    pub fn errno(&self) -> i32 {
        match self {
            LaunchError::Msg { errno, .. } => *errno,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            LaunchError::Msg { message, .. } => message,
        }
    }

    /// 1.48's `guestfs_int_launch_failed_error`.
    pub(crate) fn launch_failed(verbose: bool) -> Self {
        if verbose {
            Self::msg("guestfs_launch failed, see earlier error messages")
        } else {
            Self::msg(format!(
                "guestfs_launch failed.\nThis usually means the libguestfs appliance failed to start or crashed.\n{DEBUG_ADVICE}"
            ))
        }
    }

    /// 1.48's `guestfs_int_launch_timeout`.
    pub(crate) fn launch_timeout(verbose: bool) -> Self {
        if verbose {
            Self::msg("appliance launch timed out, see earlier error messages")
        } else {
            Self::msg(format!(
                "appliance launch timed out.\nThis usually means the kernel or appliance hung during launch.\n{DEBUG_ADVICE}"
            ))
        }
    }

    /// 1.48's `guestfs_int_external_command_failed` with no `extra`.
    pub(crate) fn command_failed(status: i32, cmd: &str, verbose: bool) -> Self {
        let s = exit_status_to_string(status, cmd);
        if verbose {
            Self::msg(format!("{s}, see debug messages above"))
        } else {
            Self::msg(format!(
                "{s}.\nTo see full error messages you may need to enable debugging.\n{DEBUG_ADVICE}"
            ))
        }
    }
}

impl fmt::Display for LaunchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for LaunchError {}

pub(crate) fn strerror(errno: i32) -> String {
    // std's Display appends " (os error N)"; libguestfs prints the bare strerror text.
    let s = std::io::Error::from_raw_os_error(errno).to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn signal_name(sig: i32) -> String {
    // SAFETY: strsignal returns a pointer to a static or thread-local string, never freed by us.
    unsafe {
        let p = libc::strsignal(sig);
        if p.is_null() {
            return format!("Unknown signal {sig}");
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// Same wording as libguestfs's `guestfs_int_exit_status_to_string`.
pub(crate) fn exit_status_to_string(status: i32, cmd: &str) -> String {
    if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            0 => format!("{cmd} exited successfully"),
            n => format!("{cmd} exited with error status {n}"),
        }
    } else if libc::WIFSIGNALED(status) {
        let s = libc::WTERMSIG(status);
        format!("{cmd} killed by signal {s} ({})", signal_name(s))
    } else if libc::WIFSTOPPED(status) {
        let s = libc::WSTOPSIG(status);
        format!("{cmd} stopped by signal {s} ({})", signal_name(s))
    } else {
        format!("{cmd} exited for an unknown reason (status {status})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_strings() {
        assert_eq!(exit_status_to_string(0, "qemu"), "qemu exited successfully");
        assert_eq!(exit_status_to_string(1 << 8, "qemu"), "qemu exited with error status 1");
        assert_eq!(exit_status_to_string(9, "qemu"), "qemu killed by signal 9 (Killed)");
    }

    #[test]
    fn io_message_is_bare_strerror() {
        let e = LaunchError::io("bind", &std::io::Error::from_raw_os_error(libc::EACCES));
        assert_eq!(e.message(), "bind: Permission denied");
        assert_eq!(e.errno(), libc::EACCES);
    }
}
