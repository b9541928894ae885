//! launch, shutdown, close and the other lifecycle actions.

use super::appliance::{Events, DEBUG_ADVICE};
use crate::error::Result;
use crate::handle::events::{EVENT_CLOSE, EVENT_LAUNCH_DONE, EVENT_PROGRESS};
use crate::handle::{Session, State};
use crate::{Core, Error};
use guestfs_protocol::client::Connection;
use guestfs_protocol::RetValue;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

struct LaunchEv<'a> {
    h: &'a Core,
    start: Instant,
}

impl LaunchEv<'_> {
    /// Launch progress (proc 0, serial 0, N/12), only once launch has taken 5 s, as 1.48.
    fn progress(&self, perdozen: u64) {
        if self.start.elapsed() >= Duration::from_secs(5) {
            self.h.emit(EVENT_PROGRESS, &[], &[0, 0, perdozen, 12]);
        }
    }
}

impl guestfs_launch::LaunchEvents for LaunchEv<'_> {
    fn debug(&self, msg: &str) {
        self.h.debug(msg);
    }
    fn warning(&self, msg: &str) {
        self.h.warning(msg);
    }
    fn appliance_output(&self, buf: &[u8]) {
        self.h.emit(crate::handle::events::EVENT_APPLIANCE, buf, &[]);
    }
    fn launch_progress(&self, perdozen: u64) {
        self.progress(perdozen);
    }
}

fn launch_config(h: &Core) -> Result<guestfs_launch::LaunchConfig> {
    let tmpdir = super::tmp::ensure_tmpdir(h)?;
    let existing = h.lock().inner().sockdir.clone();
    let sockdir = match existing {
        Some(d) => d,
        None => {
            // $XDG_RUNTIME_DIR (non-root) or /tmp: a short path, as unix socket paths are limited.
            // SAFETY: geteuid has no preconditions.
            let base = if unsafe { libc::geteuid() } == 0 {
                None
            } else {
                h.lock().inner().env_runtimedir.clone()
            };
            let d = crate::handle::make_temp_dir(base.as_deref().unwrap_or("/tmp"), "libguestfs")?;
            h.lock().inner().sockdir = Some(d.clone());
            d
        }
    };
    let cachedir = h.cachedir_base();
    let l = h.lock();
    let i = l.inner();
    let drives = i
        .drives
        .iter()
        .map(|d| guestfs_launch::Drive {
            path: d
                .overlay
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|| d.qemu_param()),
            format: if d.overlay.is_some() {
                Some("qcow2".into())
            } else {
                d.format.clone()
            },
            overlay: d.overlay.is_some(),
            cachemode: d.cachemode.clone(),
            discard: d.discard.clone(),
            copyonread: d.copyonread,
            blocksize: (d.blocksize != 0).then_some(d.blocksize as u32),
            iface: d.iface.clone(),
            label: d.label.clone(),
        })
        .collect();
    Ok(guestfs_launch::LaunchConfig {
        hv: i.hv.clone(),
        memsize_mib: i.memsize as u32,
        smp: i.smp as u32,
        append: i.append.clone(),
        network: i.network,
        verbose: i.verbose,
        drives,
        qemu_params: i.qemu_params.clone(),
        backend_settings: i.backend_settings.clone(),
        path: i.path.clone(),
        cachedir: cachedir.into(),
        tmpdir,
        sockdir,
        recovery_proc: i.recovery_proc,
        pgroup: i.pgroup,
        identifier: i.identifier.clone(),
        term: std::env::var("TERM").ok(),
        selinux: i.selinux,
        direct: i.direct_mode,
    })
}

/// Fills in the format of drives added without one (never let qemu guess: CVE-2010-3851).
fn probe_formats(h: &Core) -> Result<()> {
    let todo: Vec<(usize, String)> = h
        .lock()
        .inner()
        .drives
        .iter()
        .enumerate()
        .filter(|(_, d)| d.format.is_none() && d.overlay.is_none() && d.protocol == "file")
        .map(|(n, d)| (n, d.path.clone()))
        .collect();
    for (n, p) in todo {
        let f = super::drives::disk_format(h, &p)?;
        if let Some(d) = h.lock().inner().drives.get_mut(n) {
            d.format = Some(f);
        }
    }
    Ok(())
}

/// Forwards console output as APPLIANCE events and keeps its last lines, which a launch
/// failure quotes (so a hang or crash says where the appliance stopped).
struct ConsoleTail<'a> {
    h: &'a Core,
    tail: std::cell::RefCell<Vec<u8>>,
    /// Launch progress sentinels seen on the console (1.48's points 6 and 9).
    start: Instant,
}

impl ConsoleTail<'_> {
    const KEEP: usize = 2048;
    fn tail(&self) -> String {
        let t = self.tail.borrow();
        let text = String::from_utf8_lossy(&t);
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }
}

impl guestfs_protocol::client::ClientEvents for ConsoleTail<'_> {
    fn progress(&self, p: &guestfs_protocol::Progress) {
        Events(self.h).progress(p)
    }
    fn appliance_output(&self, data: &[u8]) {
        {
            let mut t = self.tail.borrow_mut();
            t.extend_from_slice(data);
            let excess = t.len().saturating_sub(Self::KEEP);
            t.drain(..excess);
        }
        let ev = LaunchEv {
            h: self.h,
            start: self.start,
        };
        let contains = |needle: &[u8]| data.windows(needle.len()).any(|w| w == needle);
        if contains(b"Linux version") {
            ev.progress(6);
        }
        if contains(b"Starting /init script") || contains(b"guestfsd: starting") {
            ev.progress(9);
        }
        Events(self.h).appliance_output(data)
    }
    fn debug(&self, msg: &str) {
        self.h.debug(msg)
    }
}

/// How long to wait for the daemon after qemu started: backend setting
/// `launch_timeout=SECONDS`, default 600 s (software emulation is slow, but a launch
/// must never hang forever).
fn launch_timeout(h: &Core) -> Duration {
    let secs = h
        .lock()
        .inner()
        .backend_settings
        .iter()
        .find_map(|s| s.strip_prefix("launch_timeout=").and_then(|v| v.parse::<u64>().ok()));
    Duration::from_secs(secs.unwrap_or(600))
}

pub fn launch(h: &Core) -> Result<()> {
    let (state, ndrives, backend) = {
        let l = h.lock();
        let i = l.inner();
        (i.state, i.drives.len(), i.backend.clone())
    };
    if state != State::Config {
        return Err(Error::msg(
            "launch: this function can only be called in the config state",
        ));
    }
    // Like 1.48: ask the backend's limit through the public API, quietly.
    h.push_error_handler(None, 0);
    let max = super::nested(h, "max_disks", &[]);
    h.pop_error_handler();
    let max = match max {
        Ok(RetValue::Int(n)) => n as usize,
        _ => 255,
    };
    if ndrives > max {
        return Err(Error::msg(format!(
            "too many drives have been added, the current backend only supports {max} drives"
        )));
    }
    if ndrives == 0 {
        return Err(Error::msg("you must call guestfs_add_drive before guestfs_launch"));
    }
    if backend.starts_with("libvirt") {
        return Err(Error::with_errno(
            libc::ENOTSUP,
            "launch: the libvirt backend is not supported by guestfs-rs; use LIBGUESTFS_BACKEND=direct",
        ));
    }
    let ev = LaunchEv {
        h,
        start: Instant::now(),
    };
    ev.progress(0);
    probe_formats(h)?;
    let cfg = launch_config(h)?;
    h.debug(&format!("launch: program={}", h.lock().inner().program));
    {
        let l = h.lock();
        let mut i = l.inner();
        i.state = State::Launching;
        i.qemu_death = None;
    }
    let fail = |h: &Core, msg: String, errno: i32| {
        h.lock().inner().state = State::Config;
        Error::with_errno(errno, msg)
    };
    let running = guestfs_launch::launch(&cfg, &ev).map_err(|e| {
        let guestfs_launch::LaunchError::Msg { errno, message } = e;
        fail(h, message, errno)
    })?;
    let daemon = running
        .daemon
        .try_clone()
        .map_err(|e| fail(h, format!("launch: {e}"), libc::EIO))?;
    // Direct mode: the console is the caller's own stdio; the handle has none.
    let console = if cfg.direct {
        None
    } else {
        running.console.try_clone().ok()
    };
    let mut conn = Connection::new(daemon, console);
    let watch = ConsoleTail {
        h,
        tail: std::cell::RefCell::new(Vec::new()),
        start: ev.start,
    };
    match conn.wait_for_launch(&watch, Some(launch_timeout(h))) {
        Ok(()) => {}
        Err(e) => {
            running.kill();
            let verbose = h.lock().inner().verbose;
            let tail = watch.tail();
            let detail = match &e {
                guestfs_protocol::client::CallError::Timeout(_) => format!("appliance launch timed out.\nThis usually means the kernel or appliance hung during launch.\n{DEBUG_ADVICE}"),
                _ if verbose => format!("{e}"),
                _ => format!("guestfs_launch failed.\nThis usually means the libguestfs appliance failed to start or crashed.\n{DEBUG_ADVICE}"),
            };
            let tail = if tail.is_empty() {
                String::new()
            } else {
                format!("\nLast lines of the appliance console:\n{tail}")
            };
            return Err(fail(h, format!("{detail}{tail}"), e.errno()));
        }
    }
    {
        let l = h.lock();
        let mut i = l.inner();
        i.state = State::Ready;
        i.appliance = Some(Session { running, conn });
    }
    h.debug("appliance is up");
    ev.progress(12);
    h.emit(EVENT_LAUNCH_DONE, &[], &[]);
    Ok(())
}

pub fn shutdown(h: &Core) -> Result<()> {
    shutdown_backend(h, true)
}

/// Like 1.48, this is shutdown without the error checks; in CONFIG it does nothing.
pub fn kill_subprocess(h: &Core) -> Result<()> {
    let _ = shutdown_backend(h, false);
    Ok(())
}

/// libguestfs's shutdown_backend: autosync, stop qemu, forget drives, back to CONFIG.
fn shutdown_backend(h: &Core, check: bool) -> Result<()> {
    let (state, autosync) = {
        let l = h.lock();
        let i = l.inner();
        (i.state, i.autosync)
    };
    let mut result = Ok(());
    if state == State::Ready && autosync {
        if let Err(e) = super::appliance::daemon(h, "internal_autosync", &[]) {
            if check {
                // The appliance died before this shutdown (qemu killed while virt-rescue
                // read its console, say): as in 1.48, how qemu ended is the error the
                // caller sees, not the autosync's EPIPE (which virt-rescue ignores).
                let death = h.lock().inner().qemu_death.take();
                result = Err(match death {
                    Some(msg) => {
                        h.debug(&format!("shutdown: {e}"));
                        Error::msg(msg)
                    }
                    None => e,
                });
            }
        }
    }
    let s = h.lock().inner().appliance.take();
    if let Some(s) = s {
        let Session { running, conn } = s;
        drop(conn);
        let ev = LaunchEv {
            h,
            start: Instant::now(),
        };
        if let Err(guestfs_launch::LaunchError::Msg { errno, message }) = running.shutdown(check, &ev) {
            if check && result.is_ok() {
                result = Err(Error::with_errno(errno, message));
            }
        }
    }
    let l = h.lock();
    let mut i = l.inner();
    i.drives.clear();
    i.features.clear();
    i.state = State::Config;
    result
}

/// guestfs_close's work (the C layer frees the handle afterwards).
pub fn close(h: &Core) {
    let _l = h.lock();
    if h.lock().inner().trace {
        h.trace_line("close");
    }
    h.debug(&format!(
        "closing guestfs handle {:p} (state {})",
        h.c_ptr(),
        h.state() as i32
    ));
    if h.state() != State::Config {
        let _ = shutdown_backend(h, false);
    }
    h.emit(EVENT_CLOSE, &[], &[]);
    let _ = super::bindtests::internal_test_close_output(h);
    let dirs = {
        let l = h.lock();
        let mut i = l.inner();
        [i.handle_tmpdir.take(), i.sockdir.take()]
    };
    for d in dirs.into_iter().flatten() {
        let _ = std::fs::remove_dir_all(d);
    }
}

pub fn get_pid(h: &Core) -> Result<i32> {
    let l = h.lock();
    let i = l.inner();
    match (&i.state, &i.appliance) {
        (State::Ready, Some(s)) => Ok(s.running.qemu_pid),
        _ => Err(Error::msg("get-pid can only be called after launch")),
    }
}

pub fn wait_ready(h: &Core) -> Result<()> {
    if h.state() == State::Ready {
        Ok(())
    } else {
        Err(Error::msg("wait_ready: called when in CONFIG state"))
    }
}

/// qemu parameters a caller may not set: the library sets them itself.
const FORBIDDEN_QEMU_PARAMS: &[&str] = &[
    "-kernel",
    "-initrd",
    "-nographic",
    "-display",
    "-serial",
    "-full-screen",
    "-std-vga",
    "-vnc",
];

pub fn config(h: &Core, hvparam: &str, hvvalue: Option<&str>) -> Result<()> {
    if FORBIDDEN_QEMU_PARAMS.contains(&hvparam) {
        return Err(Error::msg(format!("parameter \u{2018}{hvparam}\u{2019} isn't allowed")));
    }
    if !hvparam.starts_with('-') {
        return Err(Error::msg(format!(
            "config: parameter \u{2018}{hvparam}\u{2019} must begin with a dash"
        )));
    }
    h.lock()
        .inner()
        .qemu_params
        .push((hvparam.to_string(), hvvalue.map(str::to_string)));
    Ok(())
}

/// Runs without the handle lock (`no_wrapper`): a transfer in progress sees the flag
/// between chunks.
pub fn user_cancel(h: &Core) -> Result<()> {
    h.user_cancel.store(true, Ordering::SeqCst);
    Ok(())
}
