//! Starting qemu (console on a socketpair, clean fds and signal mask, optional process
//! group) and the recovery process that kills qemu if we die; waiting with rusage.

use crate::error::LaunchError;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Starts qemu with fds 0, 1 and 2 on `console_child` and every other fd closed at exec.
/// Without `console_child` (direct mode, `set_direct true`) qemu keeps the caller's stdio,
/// so the serial console is the caller's terminal, as in 1.48.
pub fn spawn_qemu(argv: &[String], console_child: Option<OwnedFd>, pgroup: bool) -> Result<i32, LaunchError> {
    let (hv, args) = argv
        .split_first()
        .ok_or_else(|| LaunchError::msg("empty qemu command line"))?;
    let mut cmd = Command::new(hv);
    cmd.args(args).env("LC_ALL", "C").env("QEMU_AUDIO_DRV", "none");
    if let Some(console_child) = console_child {
        let out = console_child.try_clone().map_err(|e| LaunchError::io("dup", &e))?;
        let err = console_child.try_clone().map_err(|e| LaunchError::io("dup", &e))?;
        cmd.stdin(Stdio::from(console_child))
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err));
    }
    if pgroup {
        cmd.process_group(0);
    }
    // std already resets the signal mask and SIGPIPE in the child. Descriptors that the
    // application opened without O_CLOEXEC must not leak into qemu: mark them all
    // close-on-exec (not closed, so std's own exec-error pipe keeps working).
    // SAFETY: the closure only makes a raw syscall, which is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            const CLOSE_RANGE_CLOEXEC: libc::c_uint = 1 << 2;
            libc::syscall(
                libc::SYS_close_range,
                3 as libc::c_uint,
                libc::c_uint::MAX,
                CLOSE_RANGE_CLOEXEC,
            );
            Ok(())
        });
    }
    let child = cmd.spawn().map_err(|e| LaunchError::io(hv, &e))?;
    // We reap qemu ourselves with wait4 (for maxrss); the Child handle is just dropped.
    Ok(child.id() as i32)
}

/// Forks a process that kills qemu with SIGKILL if this process goes away, and exits by
/// itself when qemu exits (libguestfs's "recovery process").
pub fn spawn_recovery(qemu_pid: i32) -> Result<i32, LaunchError> {
    // SAFETY: getpid cannot fail.
    let parent = unsafe { libc::getpid() };
    // SAFETY: between fork and _exit the child only makes async-signal-safe calls
    // (signal, syscall, nanosleep, kill, _exit) and touches no Rust-managed state.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(LaunchError::io("fork", &std::io::Error::last_os_error()));
    }
    if pid == 0 {
        // SAFETY: the child of fork (see above): signal dispositions and the mask are
        // reset with async-signal-safe calls on a zeroed sigset_t (plain C data).
        unsafe {
            for sig in 1..65 {
                libc::signal(sig, libc::SIG_DFL);
            }
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
            libc::syscall(
                libc::SYS_close_range,
                0 as libc::c_uint,
                libc::c_uint::MAX,
                0 as libc::c_uint,
            );
            let ts = libc::timespec { tv_sec: 2, tv_nsec: 0 };
            loop {
                libc::nanosleep(&ts, std::ptr::null_mut());
                if libc::kill(qemu_pid, 0) == -1 {
                    libc::_exit(0);
                }
                if libc::kill(parent, 0) == -1 {
                    libc::kill(qemu_pid, libc::SIGKILL);
                    libc::_exit(0);
                }
            }
        }
    }
    Ok(pid)
}

/// Non-blocking, without reaping: whether our child `pid` has exited (or is not ours).
pub fn is_gone(pid: i32) -> bool {
    // SAFETY: siginfo_t is plain old data, valid when all zeroes.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: waitid fills in `info`, a valid siginfo_t we own; WNOWAIT leaves the child
    // to be reaped later by whoever owns its exit status.
    let r = unsafe {
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        )
    };
    // SAFETY: si_pid is valid to read after a successful waitid (0 when none exited).
    r != 0 || unsafe { info.si_pid() } != 0
}

/// Non-blocking: the raw wait status if `pid` has exited (and is now reaped).
pub fn try_reap(pid: i32) -> Option<i32> {
    let mut status = 0;
    // SAFETY: waitpid on our own child with a valid out pointer.
    let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
    (r == pid).then_some(status)
}

fn wait4(pid: i32, flags: i32) -> Result<Option<(i32, i64)>, ()> {
    loop {
        let mut status = 0;
        // SAFETY: rusage is plain old data; wait4 fills it in.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, flags, &mut ru) };
        if r == pid {
            return Ok(Some((status, ru.ru_maxrss)));
        }
        if r == 0 {
            return Ok(None);
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return Err(());
        }
    }
}

/// Blocking wait with resource usage: (raw status, maxrss in KiB). `None` if not our child.
pub fn reap(pid: i32) -> Option<(i32, i64)> {
    wait4(pid, 0).ok().flatten()
}

/// Like `reap`, but a process still alive after `grace` gets SIGKILL first (a qemu that
/// ignores SIGTERM must not hang shutdown).
pub fn reap_within(pid: i32, grace: Duration) -> Option<(i32, i64)> {
    let start = std::time::Instant::now();
    loop {
        match wait4(pid, libc::WNOHANG) {
            Err(()) => return None,
            Ok(Some(r)) => return Some(r),
            Ok(None) if start.elapsed() >= grace => {
                signal(pid, libc::SIGKILL);
                return reap(pid);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

pub fn signal(pid: i32, sig: i32) {
    if pid > 0 {
        // SAFETY: kill has no memory-safety preconditions.
        unsafe {
            libc::kill(pid, sig);
        }
    }
}

/// SIGKILL and reap, giving up the wait after a while only if the pid is not ours.
pub fn kill_and_reap(pid: i32) {
    signal(pid, libc::SIGKILL);
    let _ = reap(pid);
}

/// A connected pair of close-on-exec stream sockets: (ours, qemu's).
pub fn console_pair() -> Result<(OwnedFd, OwnedFd), LaunchError> {
    let (a, b) = std::os::unix::net::UnixStream::pair().map_err(|e| LaunchError::io("socketpair", &e))?;
    debug_assert!(a.as_raw_fd() >= 0);
    Ok((OwnedFd::from(a), OwnedFd::from(b)))
}

pub const POLL_SLICE: Duration = Duration::from_millis(200);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::zombie_processes)] // reaped by pid
    fn stubborn_process_is_killed_after_grace() {
        let c = Command::new("sh")
            .args(["-c", "trap '' TERM; sleep 30"])
            .spawn()
            .unwrap();
        let pid = c.id() as i32;
        std::thread::sleep(Duration::from_millis(200)); // let the trap be installed
        signal(pid, libc::SIGTERM);
        let t = std::time::Instant::now();
        let (status, _) = reap_within(pid, Duration::from_millis(300)).unwrap();
        assert!(libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGKILL);
        assert!(t.elapsed() < Duration::from_secs(5));
        assert_eq!(reap(pid), None, "already reaped");
    }
}
