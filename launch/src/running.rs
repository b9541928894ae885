//! The launch sequence and the running appliance: start qemu, wait for it to connect, and
//! later stop it without leaving zombies, sockets or a recovery process behind.

use crate::console::{self, AcceptOutcome, ConsoleWatch};
use crate::error::{exit_status_to_string, LaunchError};
use crate::kcmdline::{self, KernelCmdline};
use crate::qemu_cmd::{self, Accel, QemuInputs};
use crate::{kvm, locate, process, supermin, ApplianceKind, LaunchConfig, LaunchEvents};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;

pub struct Running {
    pub qemu_pid: i32,
    /// Accepted connection from qemu's virtio-serial chardev (blocking mode).
    pub daemon: UnixStream,
    /// Our end of qemu's stdio socketpair (blocking mode).
    pub console: UnixStream,
    recovery_pid: Option<i32>,
    sock_path: PathBuf,
    hv: String,
    verbose: bool,
    /// Raw wait status once qemu has been reaped.
    exited: Option<i32>,
    watch: ConsoleWatch,
    finished: bool,
}

/// Quotes an argument for the debug rendering of the command line.
fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_./=,:+@%".contains(&c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

pub fn launch(cfg: &LaunchConfig, ev: &dyn LaunchEvents) -> Result<Running, LaunchError> {
    if cfg.drives.is_empty() {
        return Err(LaunchError::msg("you must call guestfs_add_drive before guestfs_launch"));
    }
    let appliance = locate::prepare(cfg, ev)?;
    ev.launch_progress(3);
    ev.debug("begin testing qemu features");
    let accel = kvm::choose_accel(&cfg.backend_settings, || kvm::kvm_works(&cfg.hv, &cfg.cachedir), ev)?;
    let root_uuid = match &appliance.root {
        Some(root) => Some(supermin::root_uuid(root, &cfg.tmpdir)?),
        None => None,
    };
    let cmdline = KernelCmdline {
        verbose: cfg.verbose,
        tcg: accel == Accel::Tcg,
        lpj: if accel == Accel::Tcg { kcmdline::host_lpj() } else { None },
        root_uuid: root_uuid.as_deref(),
        selinux: cfg.selinux,
        network: cfg.network,
        term: cfg.term.as_deref(),
        identifier: &cfg.identifier,
        rdinit: appliance.kind == ApplianceKind::GuestfsRs,
        append: cfg.append.as_deref(),
    }
    .render();

    let sock_path = cfg.sockdir.join("guestfsd.sock");
    let _ = std::fs::remove_file(&sock_path);
    let listener = UnixListener::bind(&sock_path).map_err(|e| LaunchError::io("bind", &e))?;
    let cleanup_sock = || {
        let _ = std::fs::remove_file(&sock_path);
    };
    let (ours, theirs) = process::console_pair().inspect_err(|_| cleanup_sock())?;
    let mut console = UnixStream::from(ours);
    ev.debug("finished testing qemu features");

    let argv = qemu_cmd::build(cfg, &QemuInputs { appliance: &appliance, accel, sock_path: &sock_path, kernel_cmdline: cmdline })
        .inspect_err(|_| cleanup_sock())?;
    if cfg.backend_settings.iter().any(|s| s == "gdb") {
        ev.warning("qemu debugging is enabled, connect gdb to tcp::1234 to begin");
    }
    if cfg.verbose {
        ev.debug(&argv.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" "));
    }
    let qemu_pid = process::spawn_qemu(&argv, theirs, cfg.pgroup).inspect_err(|_| cleanup_sock())?;
    let recovery_pid = if cfg.recovery_proc {
        match process::spawn_recovery(qemu_pid) {
            Ok(p) => Some(p),
            Err(e) => {
                process::kill_and_reap(qemu_pid);
                cleanup_sock();
                return Err(e);
            }
        }
    } else {
        None
    };
    let mut running = Running {
        qemu_pid,
        daemon: console.try_clone().map_err(|e| LaunchError::io("dup", &e))?, // replaced below
        console: console.try_clone().map_err(|e| LaunchError::io("dup", &e))?,
        recovery_pid,
        sock_path: sock_path.clone(),
        hv: cfg.hv.clone(),
        verbose: cfg.verbose,
        exited: None,
        watch: ConsoleWatch::default(),
        finished: false,
    };
    match console::accept_daemon(&listener, &mut console, &mut running.watch, qemu_pid, cfg.verbose, ev) {
        Ok(AcceptOutcome::Connected(s)) => {
            running.daemon = s;
            running.console = console;
            Ok(running)
        }
        Ok(AcceptOutcome::QemuExited(status)) => {
            running.exited = Some(status);
            ev.debug(&exit_status_to_string(status, &cfg.hv));
            running.kill();
            Err(LaunchError::launch_failed(cfg.verbose))
        }
        Err(e) => {
            running.kill();
            Err(e)
        }
    }
}

impl Running {
    /// SIGTERM qemu, wait for it (error if it exited non-zero and `check`), log
    /// "qemu maxrss %ldK", kill/reap the recovery process, remove the socket.
    pub fn shutdown(mut self, check: bool, ev: &dyn LaunchEvents) -> Result<(), LaunchError> {
        let status = match self.exited {
            Some(s) => Some(s),
            None => {
                ev.debug(&format!("sending SIGTERM to process {}", self.qemu_pid));
                process::signal(self.qemu_pid, libc::SIGTERM);
                process::reap(self.qemu_pid).map(|(status, maxrss)| {
                    ev.debug(&format!("qemu maxrss {maxrss}K"));
                    status
                })
            }
        };
        self.exited = status.or(Some(0));
        self.finish();
        match status {
            Some(s) if check && s != 0 => Err(LaunchError::command_failed(s, &self.hv, self.verbose)),
            _ => Ok(()),
        }
    }

    /// SIGKILL + reap (launch failure, close).
    pub fn kill(mut self) {
        self.finish();
    }

    /// Call when `console` is readable (or in blocking mode, to wait for output): reads up to
    /// 8 KiB, answers the terminal's cursor query, passes the bytes to
    /// `ev.appliance_output` and reports launch progress 6 ("Linux version") and 9
    /// ("Starting /init script") the first time they appear. Returns the byte count,
    /// 0 at EOF (qemu has gone), or the read error (WouldBlock in non-blocking mode).
    pub fn read_console(&mut self, ev: &dyn LaunchEvents) -> std::io::Result<usize> {
        console::read_console(&mut self.console, &mut self.watch, ev)
    }

    /// Non-blocking: has qemu exited? Returns its raw wait status (reaping it).
    pub fn try_wait(&mut self) -> Option<i32> {
        if self.exited.is_none() {
            self.exited = process::try_reap(self.qemu_pid);
        }
        self.exited
    }

    /// Kills and reaps whatever is still running and removes the socket. Idempotent.
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
        let _ = self.daemon.shutdown(std::net::Shutdown::Both);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.finish();
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
