//! guestfs-launch: finds or builds the appliance and runs it under qemu (the "direct"
//! backend of libguestfs 1.48). The library calls [`launch`] from `guestfs_launch` and gets
//! back the running qemu with the daemon connection and the console socket.

mod builder;
mod cachedir;
mod console;
mod cpio;
mod elf;
mod error;
mod fixed;
mod hv_probe;
mod kcmdline;
mod kernel;
mod kvm;
mod libs;
mod locate;
mod modules;
mod process;
mod qemu_cmd;
mod qmp;
mod running;
mod snapshot;
mod start;
mod supermin;
mod toolsimg;
mod tree;

#[cfg(test)]
mod tests_support;

pub use builder::{MODULES_BOOT, MODULES_ORDER, NO_PVH_ENV, NO_TOOLS_DISK_ENV};
pub use error::LaunchError;
pub use locate::DAEMON_ENV;
pub use qemu_cmd::SEABIOS_ENV;
pub use running::Running;
pub use snapshot::{SNAPSHOT_ENV, SNAPSHOT_SETTING};
pub use toolsimg::MARKER as TOOLS_DISK_MARKER;

use std::path::{Path, PathBuf};

/// One drive as the library hands it over (already validated, format already probed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drive {
    /// Absolute file name (or the overlay when `overlay` is set).
    pub path: String,
    /// Always Some when handed to us: the library probes it.
    pub format: Option<String>,
    /// Read-only drive: `path` is a qcow2 overlay (cache=unsafe, locking off on backing).
    pub overlay: bool,
    /// "writeback" (default) | "unsafe".
    pub cachemode: Option<String>,
    /// "disable" | "enable" | "besteffort".
    pub discard: Option<String>,
    pub copyonread: bool,
    /// 512 | 4096.
    pub blocksize: Option<u32>,
    /// None = virtio-scsi; "virtio" = virtio-blk; other = if=<iface>.
    pub iface: Option<String>,
    /// -> scsi-hd serial=
    pub label: Option<String>,
}

impl Drive {
    /// A raw image on the default interface (virtio-scsi), every other option at its default.
    pub fn raw_file(path: &str) -> Drive {
        Drive {
            path: path.into(),
            format: Some("raw".into()),
            overlay: false,
            cachemode: None,
            discard: None,
            copyonread: false,
            blocksize: None,
            iface: None,
            label: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct LaunchConfig {
    pub hv: String,
    pub memsize_mib: u32,
    pub smp: u32,
    pub append: Option<String>,
    pub network: bool,
    pub verbose: bool,
    pub drives: Vec<Drive>,
    /// guestfs_config parameters, appended last.
    pub qemu_params: Vec<(String, Option<String>)>,
    /// "force_tcg", "force_kvm", "gdb", "name=value" ...
    pub backend_settings: Vec<String>,
    /// LIBGUESTFS_PATH search path (colon separated).
    pub path: String,
    /// The appliance cache goes in `<cachedir>/.guestfs-<euid>/`.
    pub cachedir: PathBuf,
    /// The handle's private temp dir (exists).
    pub tmpdir: PathBuf,
    /// The handle's private socket dir (exists, short path).
    pub sockdir: PathBuf,
    pub recovery_proc: bool,
    pub pgroup: bool,
    pub identifier: String,
    pub term: Option<String>,
    pub selinux: bool,
    /// Direct mode (`set_direct`): qemu inherits the caller's stdin/stdout/stderr, so the
    /// appliance's serial console is the caller's terminal instead of `Running::console`.
    pub direct: bool,
}

impl LaunchConfig {
    /// libguestfs's defaults for everything but the hypervisor; paths point at /var/tmp and
    /// /tmp, drives and path are empty.
    pub fn new(hv: &str) -> Self {
        LaunchConfig {
            hv: hv.to_string(),
            memsize_mib: 1280,
            smp: 1,
            append: None,
            network: false,
            verbose: false,
            drives: Vec::new(),
            qemu_params: Vec::new(),
            backend_settings: Vec::new(),
            path: String::new(),
            cachedir: PathBuf::from("/var/tmp"),
            tmpdir: PathBuf::from("/tmp"),
            sockdir: PathBuf::from("/tmp"),
            recovery_proc: true,
            pgroup: false,
            identifier: String::new(),
            term: std::env::var("TERM").ok(),
            selinux: false,
            direct: false,
        }
    }
}

/// Callbacks into the library during launch.
pub trait LaunchEvents {
    /// Library debug (only shown when verbose).
    fn debug(&self, msg: &str);
    fn warning(&self, msg: &str);
    /// Console bytes before the daemon connects.
    fn appliance_output(&self, buf: &[u8]);
    /// 3 (appliance ready), 6 ("Linux version"), 9 ("Starting /init script"); the library
    /// sends 0 and 12 itself and applies the 5 s rule.
    fn launch_progress(&self, perdozen: u64);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplianceKind {
    /// Our initramfs appliance built around guestfsd.
    GuestfsRs,
    /// libguestfs's supermin appliance, built with `supermin --build`.
    Supermin,
    /// A fixed appliance directory (README.fixed), or an old-style one (vmlinuz.<arch> and
    /// initramfs.<arch>.img, `root` None).
    Fixed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appliance {
    pub kernel: PathBuf,
    pub initrd: PathBuf,
    /// The root disk image (supermin and fixed appliances), attached as the last disk.
    pub root: Option<PathBuf>,
    pub kind: ApplianceKind,
}

/// The appliance that launch would use (building it if needed).
pub fn prepare_appliance(cfg: &LaunchConfig, ev: &dyn LaunchEvents) -> Result<Appliance, LaunchError> {
    locate::prepare(cfg, ev)
}

/// KVM usable here? Quick probe, cached per qemu binary (size+mtime) in
/// `<cachedir>/.guestfs-<euid>/`.
pub fn kvm_works(hv: &str, cachedir: &Path) -> bool {
    kvm::kvm_works(hv, cachedir)
}

/// Writes `app` as a libguestfs fixed appliance directory (README.fixed, kernel, initrd and
/// an empty ext2 `root`), usable by libguestfs 1.48 itself through LIBGUESTFS_PATH.
pub fn export_fixed_appliance(app: &Appliance, dir: &Path) -> Result<(), LaunchError> {
    fixed::export_fixed(app, dir)
}

/// Starts the appliance and returns once qemu has connected to the daemon socket (the
/// library then waits for GUESTFS_LAUNCH_FLAG on `Running::daemon`).
pub fn launch(cfg: &LaunchConfig, ev: &dyn LaunchEvents) -> Result<Running, LaunchError> {
    start::launch(cfg, ev)
}
