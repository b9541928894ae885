//! Writing to pipes without dying of SIGPIPE.
//!
//! The library runs inside C programs that may keep SIGPIPE's default action (terminate).
//! A write into a pipe whose reader is gone (a local `tar` that exited early, a closed
//! stderr, a FIFO given as a download target) raises SIGPIPE in the writing thread.
//! Sockets use send(MSG_NOSIGNAL) (see `sys`); for everything else, `NoSigpipe` blocks
//! SIGPIPE in the calling thread for the duration of the writes, and on drop consumes a
//! SIGPIPE that the writes raised (one that was already pending before is left alone)
//! and restores the thread's mask. The process-wide disposition is never changed, so
//! the caller's own SIGPIPE handling is untouched; the write itself fails with EPIPE.

use std::mem::MaybeUninit;

/// While alive, SIGPIPE is blocked in this thread.
pub struct NoSigpipe {
    old_mask: libc::sigset_t,
    /// A SIGPIPE was already pending when the guard was made: not ours to consume.
    was_pending: bool,
}

fn sigpipe_set() -> libc::sigset_t {
    let mut set = MaybeUninit::<libc::sigset_t>::uninit();
    // SAFETY: sigemptyset initialises the set it is given; sigaddset then adds a valid
    // signal number to the initialised set.
    unsafe {
        libc::sigemptyset(set.as_mut_ptr());
        libc::sigaddset(set.as_mut_ptr(), libc::SIGPIPE);
        set.assume_init()
    }
}

fn sigpipe_pending() -> bool {
    let mut pending = MaybeUninit::<libc::sigset_t>::uninit();
    // SAFETY: sigpending fills the set it is given (on failure we do not read it).
    unsafe {
        if libc::sigpending(pending.as_mut_ptr()) != 0 {
            return false;
        }
        libc::sigismember(pending.as_ptr(), libc::SIGPIPE) == 1
    }
}

impl NoSigpipe {
    pub fn new() -> NoSigpipe {
        let set = sigpipe_set();
        let mut old = MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: both sets are valid; pthread_sigmask only affects the calling thread and
        // fills `old` with the previous mask (it cannot fail with these arguments).
        let old_mask = unsafe {
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, old.as_mut_ptr());
            old.assume_init()
        };
        NoSigpipe {
            old_mask,
            was_pending: sigpipe_pending(),
        }
    }
}

impl Default for NoSigpipe {
    fn default() -> Self {
        NoSigpipe::new()
    }
}

impl Drop for NoSigpipe {
    fn drop(&mut self) {
        if !self.was_pending && sigpipe_pending() {
            let set = sigpipe_set();
            let zero = libc::timespec { tv_sec: 0, tv_nsec: 0 };
            // SAFETY: valid set and timeout; with a zero timeout sigtimedwait only takes an
            // already pending SIGPIPE (ours, raised by a write in this guard's scope).
            unsafe {
                libc::sigtimedwait(&set, std::ptr::null_mut(), &zero);
            }
        }
        // SAFETY: restores the mask saved in new(), for this thread only.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &self.old_mask, std::ptr::null_mut());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::fd::FromRawFd;

    /// A write into a pipe without a reader fails with EPIPE and leaves no SIGPIPE
    /// pending or blocked behind. (Runs in a child process: without the guard the test
    /// process itself would be killed.)
    #[test]
    fn write_to_closed_pipe_gives_epipe() {
        // SAFETY: fork in a test; the child only makes raw syscalls and _exits.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            // SAFETY: restoring the default action in the child, as a C program has it.
            unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
            let mut fds = [0; 2];
            // SAFETY: fds is a valid array of two ints.
            unsafe { libc::pipe(fds.as_mut_ptr()) };
            // SAFETY: closing the read end we own; the write end becomes a File we own.
            unsafe { libc::close(fds[0]) };
            let mut w = unsafe { std::fs::File::from_raw_fd(fds[1]) };
            let r = {
                let _g = NoSigpipe::new();
                w.write_all(b"x")
            };
            let ok = r.err().and_then(|e| e.raw_os_error()) == Some(libc::EPIPE) && !sigpipe_pending();
            // SAFETY: leaving the forked child without running the test harness.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        let mut status = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        assert!(
            libc::WIFEXITED(status),
            "child killed by signal {}",
            libc::WTERMSIG(status)
        );
        assert_eq!(libc::WEXITSTATUS(status), 0);
    }
}
