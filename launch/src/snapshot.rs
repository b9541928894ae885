//! Instant launch: the first launch of a configuration boots an appliance with no user
//! disks up to the daemon's snapshot point (guestfs_protocol::resume) and saves it; every
//! later launch restores that state with `qemu -incoming` (about 0.1 s instead of a boot),
//! plugs the user's drives in through QMP and sends the daemon its resume record.
//!
//! Guest RAM lives in a file: the snapshot machine maps it shared (so the guest's memory
//! ends up in the file, and the migration stream carries only device state, thanks to
//! `x-ignore-shared`), restored machines map it privately, so concurrent appliances share
//! every page they have not written. Anything that cannot be restored boots cold, saying
//! why in the debug output only.

use crate::cachedir::{self, KeyHasher};
use crate::error::LaunchError;
use crate::qemu_cmd::{self, QemuInputs, SnapshotMachine};
use crate::qmp::Qmp;
use crate::running::{spawn, Machine, Running, Sockets};
use crate::{process, Appliance, ApplianceKind, LaunchConfig, LaunchEvents};
use guestfs_guestdata::json::quote as json_str;
use guestfs_protocol::resume::{ResumeRecord, MAX_RESUME_DISKS, RESUME_VERSION, SNAPSHOT_POINT};
use guestfs_protocol::LAUNCH_FLAG;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Set to `0` (or `off`, `no`, `false`) to boot every appliance cold.
pub const SNAPSHOT_ENV: &str = "GUESTFS_RS_SNAPSHOT";
/// The backend setting that does the same: `snapshot=off` (or `=0`, `=no`, `=false`).
pub const SNAPSHOT_SETTING: &str = "snapshot";

/// How many saved states one appliance keeps (one per configuration: memory size,
/// vCPUs, verbose or not...); the least recently used go first.
const KEEP_STATES: usize = 8;
/// Time for the snapshot boot to reach its snapshot point.
const BOOT_TIMEOUT: Duration = Duration::from_secs(600);
/// Time for qemu's monitor to come up, and for a save or a restore.
const QMP_TIMEOUT: Duration = Duration::from_secs(60);

const CAPS: &str = r#"{"capabilities":[{"capability":"x-ignore-shared","state":true}]}"#;

fn is_off(v: &str) -> bool {
    matches!(v, "0" | "off" | "no" | "false")
}

/// Why this launch cannot be restored from a snapshot (None: it can).
pub fn why_not(cfg: &LaunchConfig, appliance: &Appliance) -> Option<String> {
    if std::env::var(SNAPSHOT_ENV).is_ok_and(|v| is_off(&v)) {
        return Some(format!("turned off by {SNAPSHOT_ENV}"));
    }
    let setting = format!("{SNAPSHOT_SETTING}=");
    if cfg
        .backend_settings
        .iter()
        .any(|s| s.strip_prefix(&setting).is_some_and(is_off))
    {
        return Some("turned off by the backend setting".into());
    }
    if appliance.kind != ApplianceKind::GuestfsRs || appliance.root.is_none() {
        return Some("not a guestfs-rs appliance with a tools disk".into());
    }
    if cfg.network {
        return Some("the network is enabled".into());
    }
    if !cfg.qemu_params.is_empty() {
        return Some("extra qemu parameters are set".into());
    }
    if cfg.direct {
        return Some("direct mode".into());
    }
    // virt-rescue's shell shows the appliance's own devices, where a restored machine's
    // tools disk is vda instead of a boot's sdN.
    if cfg
        .append
        .as_deref()
        .is_some_and(|a| a.split_whitespace().any(|w| w == "guestfs_rescue=1"))
    {
        return Some("rescue mode".into());
    }
    if cfg.backend_settings.iter().any(|s| s == "gdb") {
        return Some("qemu debugging is enabled".into());
    }
    if let Some(d) = cfg
        .drives
        .iter()
        .find(|d| !matches!(d.iface.as_deref(), None | Some("virtio-scsi") | Some("scsi")))
    {
        return Some(format!(
            "a drive has interface {} (only SCSI drives can be plugged in)",
            d.iface.as_deref().unwrap_or("")
        ));
    }
    if cfg.drives.len() > MAX_RESUME_DISKS as usize {
        return Some("too many drives".into());
    }
    let dir = snapshot_dir(appliance);
    if dir.to_string_lossy().contains(',') {
        return Some("the cache directory's name has a comma".into());
    }
    if !is_real_qemu(&cfg.hv) {
        return Some(format!("{} does not say it is qemu", cfg.hv));
    }
    None
}

/// Whether the hypervisor answers `-version` as qemu does (a wrapper or a test's fake
/// hypervisor may not understand QMP or migration: those boot cold).
fn is_real_qemu(hv: &str) -> bool {
    crate::hv_probe::ask("is qemu", hv, &["-version"], false, |out| {
        out.starts_with(b"QEMU emulator version")
    })
}

fn snapshot_dir(appliance: &Appliance) -> PathBuf {
    appliance.initrd.parent().unwrap_or(Path::new(".")).join("snapshots")
}

/// The files of one saved state: guest RAM and the migration stream.
struct Files {
    dir: PathBuf,
    key: String,
    ram: PathBuf,
    state: PathBuf,
}

impl Files {
    fn new(dir: PathBuf, key: String) -> Files {
        Files {
            ram: dir.join(format!("{key}.ram")),
            state: dir.join(format!("{key}.state")),
            dir,
            key,
        }
    }

    /// The state is renamed into place last, so its presence means both are complete.
    fn complete(&self) -> bool {
        self.state.is_file() && self.ram.is_file()
    }

    fn remove(&self) {
        let _ = std::fs::remove_file(&self.state);
        let _ = std::fs::remove_file(&self.ram);
    }

    /// Where a failed attempt to take this snapshot is remembered (with its reason), so
    /// that later launches of the configuration boot cold at once instead of paying for
    /// the attempt again. It goes with the appliance, like the states.
    fn failed_marker(&self) -> PathBuf {
        self.dir.join(format!("{}.failed", self.key))
    }
}

/// The snapshot machine's qemu command line, with the paths that differ per handle.
fn machine_argv(
    cfg: &LaunchConfig,
    m: &Machine,
    sock: &Path,
    ram: &Path,
    qmp: &Path,
    restore: bool,
) -> Result<Vec<String>, LaunchError> {
    qemu_cmd::build(
        cfg,
        &QemuInputs {
            appliance: m.appliance,
            accel: m.accel,
            sock_path: sock,
            kernel_cmdline: m.cmdline(cfg, true),
            bios: m.bios.clone(),
            // The tools disk is on virtio-blk in a snapshot machine.
            virtio_blk_scsi_off: qemu_cmd::virtio_blk_has_scsi(&cfg.hv),
            snapshot: Some(SnapshotMachine {
                ram,
                share: !restore,
                qmp,
                incoming: restore,
            }),
        },
    )
}

/// Everything the saved guest depends on: the machine's whole command line (memory,
/// vCPUs, CPU model, accelerator, firmware, kernel command line), the files it loads, the
/// qemu binary, the host CPU and the handshake's version.
fn key(cfg: &LaunchConfig, m: &Machine) -> Result<String, LaunchError> {
    let p = Path::new("/");
    let argv = machine_argv(cfg, m, p, p, p, false)?;
    let mut h = KeyHasher::default();
    h.str("guestfs-rs snapshot").str(&RESUME_VERSION.to_string());
    for a in &argv {
        h.str(a);
    }
    if let Some(hv) = crate::hv_probe::resolve_program(&cfg.hv) {
        h.file_meta(&hv);
    }
    h.file_meta(&m.appliance.kernel).file_meta(&m.appliance.initrd);
    if let Some(root) = &m.appliance.root {
        h.file_meta(root);
    }
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    for l in cpuinfo.lines().take_while(|l| !l.is_empty()) {
        if l.starts_with("model name") || l.starts_with("flags") || l.starts_with("vendor_id") {
            h.str(l);
        }
    }
    Ok(h.hex())
}

/// Restores the appliance, taking the snapshot first if there is none yet. An Err is
/// the reason to boot cold instead; nothing of the attempt is left running.
pub fn restore(cfg: &LaunchConfig, m: &Machine, ev: &dyn LaunchEvents) -> Result<Running, String> {
    let files = Files::new(
        snapshot_dir(m.appliance),
        key(cfg, m).map_err(|e| e.message().to_string())?,
    );
    if let Ok(why) = std::fs::read_to_string(files.failed_marker()) {
        return Err(format!(
            "an earlier attempt to take this snapshot failed: {}",
            why.trim()
        ));
    }
    if !files.complete() {
        std::fs::create_dir_all(&files.dir).map_err(|e| format!("mkdir {}: {e}", files.dir.display()))?;
        let _lock = cachedir::lock_exclusive(&files.dir.join("lock")).map_err(|e| e.message().to_string())?;
        if !files.complete() {
            let t = Instant::now();
            take(cfg, m, &files, ev).map_err(|e| {
                let _ = std::fs::write(files.failed_marker(), format!("{e}\n"));
                format!("taking the snapshot failed: {e}")
            })?;
            ev.debug(&format!(
                "launch: snapshot {} taken in {} ms",
                files.key,
                t.elapsed().as_millis()
            ));
            prune(&files.dir, KEEP_STATES);
        }
    }
    let t = Instant::now();
    match restore_from(cfg, m, &files, ev) {
        Ok(r) => {
            cachedir::touch(&files.state);
            ev.debug(&format!(
                "launch: appliance restored from snapshot {} in {} ms",
                files.key,
                t.elapsed().as_millis()
            ));
            Ok(r)
        }
        Err(Failure { why, state_unusable }) => {
            if state_unusable {
                // A truncated or foreign state: the next launch takes a new one.
                let _lock = cachedir::lock_exclusive(&files.dir.join("lock"));
                files.remove();
            }
            Err(why)
        }
    }
}

struct Failure {
    why: String,
    /// qemu refused the saved state itself.
    state_unusable: bool,
}

impl From<String> for Failure {
    fn from(why: String) -> Self {
        Failure {
            why,
            state_unusable: false,
        }
    }
}

impl From<LaunchError> for Failure {
    fn from(e: LaunchError) -> Self {
        Failure::from(e.message().to_string())
    }
}

fn restore_from(cfg: &LaunchConfig, m: &Machine, files: &Files, ev: &dyn LaunchEvents) -> Result<Running, Failure> {
    let qmp_path = cfg.sockdir.join("qmp.sock");
    let _ = std::fs::remove_file(&qmp_path);
    let sockets = Sockets::new(cfg)?;
    let argv = machine_argv(cfg, m, &sockets.sock_path, &files.ram, &qmp_path, true)?;
    let spawned = spawn(cfg, &argv, sockets, ev)?;
    let pid = spawned.qemu_pid();
    let plugged = (|| -> Result<Qmp, String> {
        let mut q = Qmp::connect(&qmp_path, pid, QMP_TIMEOUT)?;
        q.execute("migrate-set-capabilities", Some(CAPS))?;
        for c in qemu_cmd::hotplug_commands(cfg).map_err(|e| e.message().to_string())? {
            let expected: &[&str] = if c.starts_with("drive_add") { &["OK"] } else { &[""] };
            q.hmp(&c, expected)?;
        }
        Ok(q)
    })();
    let mut q = plugged?;
    let uri = format!("file:{}", files.state.to_string_lossy());
    let loaded = q
        .execute("migrate-incoming", Some(&format!("{{\"uri\":{}}}", json_str(&uri))))
        .and_then(|_| q.wait_migration(pid, QMP_TIMEOUT));
    drop(q);
    let _ = std::fs::remove_file(&qmp_path);
    if let Err(why) = loaded {
        return Err(Failure {
            why: format!("qemu could not load the saved state: {why}"),
            state_unusable: true,
        });
    }
    let mut running = spawned.connect(cfg, ev)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let record = ResumeRecord {
        realtime_sec: now.as_secs() as i64,
        realtime_nsec: now.subsec_nanos(),
        seed: host_seed()?,
        disks: cfg.drives.len() as u32,
    };
    running
        .daemon
        .write_all(&record.encode())
        .map_err(|e| format!("sending the resume record: {e}"))?;
    Ok(running)
}

fn host_seed() -> Result<[u8; 32], String> {
    let mut seed = [0u8; 32];
    // SAFETY: getrandom writes at most 32 bytes into `seed`.
    let n = unsafe { libc::getrandom(seed.as_mut_ptr().cast(), seed.len(), 0) };
    if n != seed.len() as isize {
        return Err("getrandom failed".into());
    }
    Ok(seed)
}

/// Boots the snapshot machine, waits for the daemon's snapshot point, saves the machine
/// and publishes the two files (RAM first, the state last, each renamed into place).
fn take(cfg: &LaunchConfig, m: &Machine, files: &Files, ev: &dyn LaunchEvents) -> Result<(), String> {
    let suffix = format!("tmp{}", std::process::id());
    let ram = files.dir.join(format!("{}.ram.{suffix}", files.key));
    let state = files.dir.join(format!("{}.state.{suffix}", files.key));
    let r = take_into(cfg, m, &ram, &state, ev).and_then(|()| {
        for f in [&ram, &state] {
            std::fs::File::open(f)
                .and_then(|f| f.sync_all())
                .map_err(|e| format!("fsync {}: {e}", f.display()))?;
        }
        std::fs::rename(&ram, &files.ram).map_err(|e| format!("rename: {e}"))?;
        std::fs::rename(&state, &files.state).map_err(|e| format!("rename: {e}"))
    });
    let _ = std::fs::remove_file(&ram);
    let _ = std::fs::remove_file(&state);
    if r.is_err() {
        files.remove();
    }
    r
}

fn take_into(cfg: &LaunchConfig, m: &Machine, ram: &Path, state: &Path, ev: &dyn LaunchEvents) -> Result<(), String> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(ram)
        .and_then(|f| f.set_len(u64::from(cfg.memsize_mib) << 20))
        .map_err(|e| format!("{}: {e}", ram.display()))?;
    // The state file too is created here, so that it is ours and 0600 before qemu writes.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(state)
        .map_err(|e| format!("{}: {e}", state.display()))?;
    let qmp_path = cfg.sockdir.join("qmp.sock");
    let _ = std::fs::remove_file(&qmp_path);
    let sockets = Sockets::new(cfg).map_err(|e| e.message().to_string())?;
    let argv = machine_argv(cfg, m, &sockets.sock_path, ram, &qmp_path, false).map_err(|e| e.message().to_string())?;
    let spawned = spawn(cfg, &argv, sockets, ev).map_err(|e| e.message().to_string())?;
    let pid = spawned.qemu_pid();
    let result = (|| {
        let mut q = Qmp::connect(&qmp_path, pid, QMP_TIMEOUT)?;
        let mut running = spawned.connect(cfg, ev).map_err(|e| e.message().to_string())?;
        wait_for_point(&mut running, ev)?;
        q.execute("migrate-set-capabilities", Some(CAPS))?;
        let uri = format!("file:{}", state.to_string_lossy());
        q.execute("migrate", Some(&format!("{{\"uri\":{}}}", json_str(&uri))))?;
        q.wait_migration(pid, QMP_TIMEOUT)?;
        let _ = q.execute("quit", None);
        running.shutdown(false, ev).map_err(|e| e.message().to_string())
    })();
    let _ = std::fs::remove_file(&qmp_path);
    result
}

/// Forwards the console until the daemon sends its snapshot point.
fn wait_for_point(r: &mut Running, ev: &dyn LaunchEvents) -> Result<(), String> {
    let start = Instant::now();
    let mut got = Vec::with_capacity(4);
    while got.len() < 4 {
        if start.elapsed() >= BOOT_TIMEOUT {
            return Err("the appliance did not reach its snapshot point".into());
        }
        let mut fds = [
            libc::pollfd {
                fd: r.daemon.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: r.console.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two initialised pollfd structs.
        unsafe { libc::poll(fds.as_mut_ptr(), 2, process::POLL_SLICE.as_millis() as i32) };
        if fds[1].revents & (libc::POLLIN | libc::POLLHUP) != 0 {
            match r.read_console(ev) {
                Ok(0) => return Err("qemu exited during the snapshot boot".into()),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(format!("console: {e}")),
            }
        }
        if fds[0].revents & (libc::POLLIN | libc::POLLHUP) != 0 {
            let mut b = [0u8; 4];
            let n = r
                .daemon
                .read(&mut b[..4 - got.len()])
                .map_err(|e| format!("daemon: {e}"))?;
            if n == 0 {
                return Err("the appliance closed its channel during the snapshot boot".into());
            }
            got.extend_from_slice(&b[..n]);
        }
        if r.try_wait().is_some() {
            return Err("qemu exited during the snapshot boot".into());
        }
    }
    match u32::from_be_bytes([got[0], got[1], got[2], got[3]]) {
        SNAPSHOT_POINT => Ok(()),
        LAUNCH_FLAG => Err("the appliance's daemon does not stop for snapshots".into()),
        w => Err(format!("unexpected word {w:#010x} from the appliance")),
    }
}

/// Keeps the `keep` most recently used states of one appliance (and removes leftovers of
/// interrupted snapshots and the marks of failed ones).
fn prune(dir: &Path, keep: usize) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut states: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.contains(".tmp") || name.ends_with(".failed") {
            // Leftovers: a snapshot in progress would hold the lock we hold. A failed
            // attempt gets another chance once a snapshot has worked again.
            let _ = std::fs::remove_file(&p);
        } else if name.ends_with(".state") {
            let t = e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
            states.push((t, p));
        }
    }
    states.sort();
    states.reverse();
    for (_, p) in states.into_iter().skip(keep) {
        let _ = std::fs::remove_file(&p);
        let _ = std::fs::remove_file(p.with_extension("ram"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Drive;

    fn app() -> Appliance {
        Appliance {
            kernel: "/c/rs-appliance-k/vmlinux".into(),
            initrd: "/c/rs-appliance-k/initrd".into(),
            root: Some("/c/rs-appliance-k/tools.img".into()),
            kind: ApplianceKind::GuestfsRs,
        }
    }

    fn cfg() -> LaunchConfig {
        let mut c = LaunchConfig::new("/usr/bin/qemu-system-x86_64");
        c.drives.push(Drive::raw_file("/a"));
        c
    }

    #[test]
    fn what_boots_cold() {
        assert_eq!(why_not(&cfg(), &app()), None);
        assert_eq!(snapshot_dir(&app()), PathBuf::from("/c/rs-appliance-k/snapshots"));
        let mut c = cfg();
        c.network = true;
        assert!(why_not(&c, &app()).unwrap().contains("network"));
        let mut c = cfg();
        c.drives[0].iface = Some("ide".into());
        assert!(why_not(&c, &app()).unwrap().contains("interface ide"));
        let mut c = cfg();
        c.drives[0].iface = Some("scsi".into());
        assert_eq!(why_not(&c, &app()), None);
        let mut c = cfg();
        c.backend_settings.push("snapshot=off".into());
        assert!(why_not(&c, &app()).unwrap().contains("backend setting"));
        let mut c = cfg();
        c.qemu_params.push(("-S".into(), None));
        assert!(why_not(&c, &app()).is_some());
        let mut c = cfg();
        c.append = Some("guestfs_rescue=1 TERM=xterm".into());
        assert!(why_not(&c, &app()).unwrap().contains("rescue"));
        let mut a = app();
        a.kind = ApplianceKind::Supermin;
        assert!(why_not(&cfg(), &a).is_some());
    }

    #[test]
    fn prune_keeps_the_newest() {
        let dir = std::env::temp_dir().join(format!("launch-prune-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (i, k) in ["a", "b", "c"].iter().enumerate() {
            for ext in ["ram", "state"] {
                let p = dir.join(format!("{k}.{ext}"));
                std::fs::write(&p, b"x").unwrap();
                let t = std::time::UNIX_EPOCH + Duration::from_secs(1000 * (i as u64 + 1));
                std::fs::File::options()
                    .write(true)
                    .open(&p)
                    .unwrap()
                    .set_modified(t)
                    .unwrap();
            }
        }
        std::fs::write(dir.join("d.ram.tmp1"), b"x").unwrap();
        prune(&dir, 2);
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["b.ram", "b.state", "c.ram", "c.state"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
