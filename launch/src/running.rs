//! The launch sequence and the running appliance: start qemu, wait for it to connect, and
//! later stop it without leaving zombies, sockets or a recovery process behind.

use crate::console::{self, AcceptOutcome, ConsoleWatch};
use crate::error::{exit_status_to_string, LaunchError};
use crate::kcmdline::{self, KernelCmdline};
use crate::qemu_cmd::Accel;
use crate::{process, Appliance, ApplianceKind, LaunchConfig, LaunchEvents};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;

/// How long qemu gets to exit after SIGTERM before it is killed.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

pub struct Running {
    pub qemu_pid: i32,
    /// Accepted connection from qemu's virtio-serial chardev (blocking mode).
    pub daemon: UnixStream,
    /// Our end of qemu's stdio socketpair (blocking mode).
    pub console: UnixStream,
    procs: Processes,
    watch: ConsoleWatch,
    hv: String,
    verbose: bool,
}

/// qemu, the recovery process and the socket file: whatever is still there when this is
/// finished or dropped gets killed, reaped and removed.
struct Processes {
    qemu_pid: i32,
    recovery_pid: Option<i32>,
    sock_path: PathBuf,
    /// Raw wait status once qemu has been reaped.
    exited: Option<i32>,
    finished: bool,
}

impl Processes {
    fn try_wait(&mut self) -> Option<i32> {
        if self.exited.is_none() {
            self.exited = process::try_reap(self.qemu_pid);
        }
        self.exited
    }

    /// Idempotent.
    fn finish(&mut self) {
        if self.finished {
            return;
        }
        self.finished = true;
        if self.exited.is_none() {
            process::kill_and_reap(self.qemu_pid);
        }
        if let Some(r) = self.recovery_pid.take() {
            process::kill_and_reap(r);
        }
        let _ = std::fs::remove_file(&self.sock_path);
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Quotes an argument for the debug rendering of the command line.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-_./=,:+@%".contains(&c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// What every qemu of one launch shares, cold or restored: the appliance, the
/// accelerator, the firmware and the kernel command line's inputs.
pub(crate) struct Machine<'a> {
    pub appliance: &'a Appliance,
    pub accel: Accel,
    pub bios: Option<String>,
    pub root_uuid: Option<String>,
    pub ifaces: Option<String>,
}

impl Machine<'_> {
    /// The kernel command line; `snapshot` marks the boot a snapshot is taken of.
    pub fn cmdline(&self, cfg: &LaunchConfig, snapshot: bool) -> String {
        KernelCmdline {
            verbose: cfg.verbose,
            tcg: self.accel == Accel::Tcg,
            lpj: if self.accel == Accel::Tcg {
                kcmdline::host_lpj()
            } else {
                None
            },
            root_uuid: self.root_uuid.as_deref(),
            selinux: cfg.selinux,
            network: cfg.network,
            drive_ifaces: self.ifaces.as_deref(),
            term: cfg.term.as_deref(),
            identifier: &cfg.identifier,
            rdinit: self.appliance.kind == ApplianceKind::GuestfsRs,
            snapshot,
            append: cfg.append.as_deref(),
        }
        .render()
    }
}

/// The daemon's socket (bound, in the handle's socket directory) and the console pair.
/// The socket file goes when this is dropped, or with the qemu it is handed to.
pub(crate) struct Sockets {
    pub sock_path: PathBuf,
    listener: UnixListener,
    console: UnixStream,
    console_child: std::os::fd::OwnedFd,
}

impl Sockets {
    pub fn new(cfg: &LaunchConfig) -> Result<Sockets, LaunchError> {
        let sock_path = cfg.sockdir.join("guestfsd.sock");
        let _ = std::fs::remove_file(&sock_path);
        let listener = UnixListener::bind(&sock_path).map_err(|e| LaunchError::io("bind", &e))?;
        let (ours, theirs) = process::console_pair().inspect_err(|_| {
            let _ = std::fs::remove_file(&sock_path);
        })?;
        Ok(Sockets {
            sock_path,
            listener,
            console: UnixStream::from(ours),
            console_child: theirs,
        })
    }
}

/// qemu started, the daemon not connected yet.
pub(crate) struct Spawned {
    procs: Processes,
    listener: UnixListener,
    console: UnixStream,
}

/// Starts qemu on `argv` with its console on the pair (unless direct mode) and the
/// recovery process; from here on whatever was started is killed and reaped when the
/// result is dropped.
pub(crate) fn spawn(
    cfg: &LaunchConfig,
    argv: &[String],
    s: Sockets,
    ev: &dyn LaunchEvents,
) -> Result<Spawned, LaunchError> {
    if cfg.verbose {
        ev.debug(&argv.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" "));
    }
    let Sockets {
        sock_path,
        listener,
        console,
        console_child,
    } = s;
    // Direct mode: qemu's serial console stays on the caller's stdio; our end of the pair
    // then only ever sees end of file.
    let console_child = (!cfg.direct).then_some(console_child);
    let qemu_pid = match process::spawn_qemu(argv, console_child, cfg.pgroup) {
        Ok(p) => p,
        Err(e) => {
            let _ = std::fs::remove_file(&sock_path);
            return Err(e);
        }
    };
    let mut procs = Processes {
        qemu_pid,
        recovery_pid: None,
        sock_path,
        exited: None,
        finished: false,
    };
    if cfg.recovery_proc {
        procs.recovery_pid = Some(process::spawn_recovery(qemu_pid)?);
    }
    Ok(Spawned {
        procs,
        listener,
        console,
    })
}

impl Spawned {
    pub fn qemu_pid(&self) -> i32 {
        self.procs.qemu_pid
    }

    /// Waits for qemu to connect to the daemon socket, forwarding the console meanwhile.
    pub fn connect(self, cfg: &LaunchConfig, ev: &dyn LaunchEvents) -> Result<Running, LaunchError> {
        let Spawned {
            mut procs,
            listener,
            mut console,
        } = self;
        let qemu_pid = procs.qemu_pid;
        let mut watch = ConsoleWatch::default();
        match console::accept_daemon(&listener, &mut console, &mut watch, qemu_pid, cfg.verbose, ev)? {
            AcceptOutcome::Connected(daemon) => Ok(Running {
                qemu_pid,
                daemon,
                console,
                procs,
                watch,
                hv: cfg.hv.clone(),
                verbose: cfg.verbose,
            }),
            AcceptOutcome::QemuExited(status) => {
                procs.exited = Some(status);
                ev.debug(&exit_status_to_string(status, &cfg.hv));
                Err(LaunchError::launch_failed(cfg.verbose))
            }
        }
    }
}

impl Running {
    /// SIGTERM qemu, wait for it (SIGKILL after 30 s; error if it exited non-zero and
    /// `check`), log "qemu maxrss %ldK", kill/reap the recovery process, remove the socket.
    pub fn shutdown(mut self, check: bool, ev: &dyn LaunchEvents) -> Result<(), LaunchError> {
        if self.procs.exited.is_none() {
            ev.debug(&format!("sending SIGTERM to process {}", self.qemu_pid));
            process::signal(self.qemu_pid, libc::SIGTERM);
            // None: not our child any more (someone else reaped it); nothing to report.
            self.procs.exited = Some(match process::reap_within(self.qemu_pid, SHUTDOWN_GRACE) {
                Some((status, maxrss)) => {
                    ev.debug(&format!("qemu maxrss {maxrss}K"));
                    status
                }
                None => 0,
            });
        }
        let status = self.procs.exited.unwrap_or(0);
        self.procs.finish();
        if check && status != 0 {
            return Err(LaunchError::command_failed(status, &self.hv, self.verbose));
        }
        Ok(())
    }

    /// SIGKILL + reap (launch failure, close).
    pub fn kill(mut self) {
        self.procs.finish();
    }

    /// Like [`Running::kill`], for an appliance that went away by itself: when qemu had
    /// already ended other than by a clean exit (killed by a signal, a non-zero status),
    /// returns 1.48's message for it ("… killed by signal 9 (Killed).").
    pub fn kill_noting_death(mut self) -> Option<String> {
        let status = self.procs.try_wait();
        self.procs.finish();
        match status {
            Some(st) if !(libc::WIFEXITED(st) && libc::WEXITSTATUS(st) == 0) => Some(
                LaunchError::command_failed(st, &self.hv, self.verbose)
                    .message()
                    .to_string(),
            ),
            _ => None,
        }
    }

    /// Non-blocking: has qemu exited? Returns its raw wait status (reaping it).
    pub fn try_wait(&mut self) -> Option<i32> {
        self.procs.try_wait()
    }

    /// Call when `console` is readable (or in blocking mode, to wait for output): reads up to
    /// 8 KiB, answers the terminal's cursor query, passes the bytes to
    /// `ev.appliance_output` and reports launch progress 6 ("Linux version") and 9
    /// ("Starting /init script") the first time they appear. Returns the byte count,
    /// 0 at EOF (qemu has gone), or the read error (WouldBlock in non-blocking mode).
    pub fn read_console(&mut self, ev: &dyn LaunchEvents) -> std::io::Result<usize> {
        console::read_console(&mut self.console, &mut self.watch, ev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("-m"), "-m");
        assert_eq!(shell_quote("panic=1 quiet"), "'panic=1 quiet'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }
}
