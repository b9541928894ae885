//! PID 1 duties in the appliance (an initramfs with no udev and no init scripts):
//! kernel filesystems, kernel modules, disks settled, loopback up, and power-off at the end.

use guestfs_guestdata::tool_output::md_members_in_discovery_order;
use std::ffi::CString;
use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

/// Where the appliance builder lists the kernel modules to load, in order.
pub const MODULES_ORDER: &str = "/lib/guestfs-rs/modules.order";

/// Directory of the udev-free LVM configuration (exported as LVM_SYSTEM_DIR).
pub const LVM_SYSTEM_DIR: &str = "/tmp/lvm";

const LVM_CONF: &str = "\
# Written by guestfsd: there is no udev in the guestfs-rs appliance.
devices {
    obtain_device_list_from_udev = 0
    use_devicesfile = 0
}
activation {
    udev_sync = 0
    udev_rules = 0
    verify_udev_operations = 0
    monitoring = 0
}
";

fn mount(src: &str, target: &str, fstype: &str, flags: libc::c_ulong, data: &str) {
    let _ = fs::create_dir_all(target);
    let c = |s: &str| CString::new(s).unwrap_or_default();
    let (s, t, f, d) = (c(src), c(target), c(fstype), c(data));
    // SAFETY: all pointers are valid NUL-terminated strings for the duration of the call.
    let r = unsafe {
        libc::mount(
            s.as_ptr(),
            t.as_ptr(),
            f.as_ptr(),
            flags,
            d.as_ptr() as *const libc::c_void,
        )
    };
    if r == -1 {
        let e = std::io::Error::last_os_error();
        // EBUSY: already mounted (e.g. devtmpfs automounted by the kernel).
        if e.raw_os_error() != Some(libc::EBUSY) {
            eprintln!("guestfsd: mount {fstype} on {target}: {e}");
        }
    }
}

/// A PID 1's first duty: the kernel filesystems (/proc, /sys, /dev ...) and the usual
/// symlinks and directories.
pub fn mount_kernel_filesystems() {
    let nosuid_nodev = libc::MS_NOSUID | libc::MS_NODEV;
    mount("proc", "/proc", "proc", nosuid_nodev | libc::MS_NOEXEC, "");
    mount("sysfs", "/sys", "sysfs", nosuid_nodev | libc::MS_NOEXEC, "");
    mount("devtmpfs", "/dev", "devtmpfs", libc::MS_NOSUID, "mode=0755");
    mount(
        "devpts",
        "/dev/pts",
        "devpts",
        libc::MS_NOSUID | libc::MS_NOEXEC,
        "gid=5,mode=620,ptmxmode=000",
    );
    mount("tmpfs", "/dev/shm", "tmpfs", nosuid_nodev, "mode=1777");
    mount("tmpfs", "/run", "tmpfs", nosuid_nodev, "mode=0755,size=20%");
    mount("tmpfs", "/tmp", "tmpfs", nosuid_nodev, "mode=1777");
    let _ = fs::create_dir_all("/var/tmp");
    let _ = fs::set_permissions("/var/tmp", fs::Permissions::from_mode(0o1777));
    let _ = fs::create_dir_all("/run/lock");
    let _ = symlink("/proc/self/fd", "/dev/fd");
    let _ = symlink("/proc/self/fd/0", "/dev/stdin");
    let _ = symlink("/proc/self/fd/1", "/dev/stdout");
    let _ = symlink("/proc/self/fd/2", "/dev/stderr");
    let _ = fs::create_dir_all("/etc");
    let _ = symlink("/proc/mounts", "/etc/mtab");
    let _ = fs::create_dir_all("/sysroot");
}

/// Everything else a PID 1 must do before the daemon can serve (after
/// [`mount_kernel_filesystems`]). `for_snapshot`: this boot will be saved and restored
/// (see crate::resume), so every module is loaded now, once for all restored copies, and
/// the guest's volumes are left for [`assemble_after_resume`].
pub fn setup(for_snapshot: bool) {
    let (boot, rest) = split_modules(Path::new(MODULES_ORDER), Path::new(MODULES_BOOT));
    let t = Instant::now();
    load_modules(&boot);
    wait_for_disks(Duration::from_secs(15));
    crate::vlog!(
        "guestfsd: {} boot modules loaded, disks settled in {:.2} s",
        boot.len(),
        t.elapsed().as_secs_f64()
    );
    mount_tools_disk();
    // IDE drives (launch's guestfs_rs_ifaces has an `i`) need the PIIX IDE driver, which
    // is on the tools disk, before the daemon lists the disks; other launches do not pay
    // for loading it.
    let cmdline = fs::read_to_string("/proc/cmdline").unwrap_or_default();
    let rest = if cmdline
        .split_whitespace()
        .any(|w| w.strip_prefix("guestfs_rs_ifaces=").is_some_and(|v| v.contains('i')))
    {
        let (ide, rest): (Vec<String>, Vec<String>) = rest.into_iter().partition(|m| has_stem(m, IDE_MODULE_STEMS));
        load_modules(&ide);
        wait_for_disks(Duration::from_secs(15));
        rest
    } else {
        rest
    };
    crate::net::loopback_up();
    // With the network on, its modules load now and the interface is configured before the
    // launch flag, as 1.48's init runs dhclient before starting the daemon.
    let rest = if crate::net::enabled() {
        let (net, rest): (Vec<String>, Vec<String>) =
            rest.into_iter().partition(|m| has_stem(m, crate::net::MODULE_STEMS));
        load_modules(&net);
        crate::net::bring_up();
        rest
    } else {
        rest
    };
    if for_snapshot {
        load_all_modules_now(rest);
    } else {
        load_modules_in_background(rest);
    }
}

/// The driver of qemu's PIIX IDE controller (`if=ide` drives), dependencies first.
const IDE_MODULE_STEMS: &[&str] = &["libata", "ata_piix"];

fn has_stem(path: &str, stems: &[&str]) -> bool {
    let s = stem(path).replace('-', "_");
    stems.contains(&s.as_str())
}

/// Where the appliance builder lists the modules needed to reach the disks and the
/// channel; the others (filesystems, device-mapper, …) load in the background.
pub const MODULES_BOOT: &str = "/lib/guestfs-rs/modules.boot";

fn module_list(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The modules to load before serving, and the rest (loaded by a background thread).
pub fn split_modules(order: &Path, boot: &Path) -> (Vec<String>, Vec<String>) {
    let all = module_list(order);
    let first = module_list(boot);
    if first.is_empty() {
        return (all, Vec::new());
    }
    let rest = all.into_iter().filter(|m| !first.contains(m)).collect();
    (first, rest)
}

/// finit_module on one uncompressed .ko; a module already loaded (EEXIST) is fine.
fn load_module(path: &str) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let f = fs::File::open(path)?;
    // SAFETY: finit_module takes an open fd, a NUL-terminated parameter string and flags.
    let r = unsafe { libc::syscall(libc::SYS_finit_module, f.as_raw_fd(), c"".as_ptr(), 0) };
    let e = std::io::Error::last_os_error();
    if r != 0 && e.raw_os_error() != Some(libc::EEXIST) {
        return Err(e);
    }
    Ok(())
}

/// Load modules in order, logging and skipping failures.
pub fn load_modules(list: &[String]) {
    for m in list {
        if let Err(e) = load_module(m) {
            eprintln!("guestfsd: finit_module {m}: {e}");
        }
    }
}

/// Modules most calls need (the common filesystems, device-mapper for LVM), by file stem,
/// in the order they are loaded: before the others, filesystems first, each after its
/// dependencies, so the first mount after launch rarely has to wait.
const PRIORITY_STEMS: &[&str] = &[
    "crc16",
    "mbcache",
    "jbd2",
    "crc32c_generic",
    "libcrc32c",
    "ext4",
    "fat",
    "vfat",
    "msdos",
    "nls_cp437",
    "nls_iso8859-1",
    "nls_utf8",
    "xfs",
    "dm-mod",
    "dm-bufio",
    "dm-bio-prison",
    "dm-persistent-data",
    "dm-snapshot",
    "dm-zero",
    "dm-log",
    "dm-region-hash",
    "dm-mirror",
    "dm-thin-pool",
    "cdrom",
    "isofs",
    "crc-itu-t",
    "udf",
    "fuse",
    "loop",
    "squashfs",
];

fn stem(path: &str) -> &str {
    let base = path.rsplit('/').next().unwrap_or(path);
    base.strip_suffix(".ko").unwrap_or(base)
}

fn priority_rank(path: &str) -> Option<usize> {
    let s = stem(path).replace('-', "_");
    PRIORITY_STEMS.iter().position(|p| p.replace('-', "_") == s)
}

/// Split the background list into (priority, rest): the priority ones in
/// [`PRIORITY_STEMS`] order, the rest in the builder's order.
pub fn prioritise(rest: Vec<String>) -> (Vec<String>, Vec<String>) {
    let (mut first, rest): (Vec<String>, Vec<String>) = rest.into_iter().partition(|m| priority_rank(m).is_some());
    first.sort_by_key(|m| priority_rank(m));
    (first, rest)
}

#[derive(Default)]
struct LoaderState {
    priority_done: bool,
    /// A call needs the other modules too: the loader goes on with them.
    all_wanted: bool,
    all_done: bool,
}

static LOADER: (std::sync::Mutex<LoaderState>, std::sync::Condvar) = (
    std::sync::Mutex::new(LoaderState {
        priority_done: true,
        all_wanted: true,
        all_done: true,
    }),
    std::sync::Condvar::new(),
);

fn set_state(f: impl FnOnce(&mut LoaderState)) {
    if let Ok(mut g) = LOADER.0.lock() {
        f(&mut g);
    }
    LOADER.1.notify_all();
}

fn wait_state(done: impl Fn(&LoaderState) -> bool) {
    let Ok(mut g) = LOADER.0.lock() else { return };
    while !done(&g) {
        match LOADER.1.wait(g) {
            Ok(n) => g = n,
            Err(_) => return,
        }
    }
}

/// Load the non-boot modules on a thread, so the launch flag goes out sooner: the
/// priority ones at once, the others (btrfs, md, the rarer device-mapper targets, ...)
/// only when a call asks for them ([`wait_for_modules`]), since loading them all costs
/// about two seconds of guest CPU under TCG that would slow down the first calls. The
/// kernel also loads filesystems and device-mapper targets on demand through modprobe.
pub fn load_modules_in_background(rest: Vec<String>) {
    if rest.is_empty() {
        return;
    }
    set_state(|s| *s = LoaderState::default());
    std::thread::spawn(move || {
        // The appliance usually has one vCPU: at the lowest priority this thread (and the
        // module initialisation it runs in the kernel) gets the CPU only when the daemon's
        // main thread waits, so it does not delay the launch flag or the first calls.
        // SAFETY: setpriority on this thread's own tid.
        unsafe { libc::setpriority(libc::PRIO_PROCESS, libc::syscall(libc::SYS_gettid) as libc::id_t, 19) };
        let t = Instant::now();
        let (first, others) = prioritise(rest);
        // A failure here is retried with the others, after their dependencies.
        let failed: Vec<String> = first.iter().filter(|m| load_module(m).is_err()).cloned().collect();
        assemble_guest_volumes();
        set_state(|s| s.priority_done = true);
        crate::vlog!(
            "guestfsd: {} priority modules loaded in {:.2} s",
            first.len(),
            t.elapsed().as_secs_f64()
        );
        wait_state(|s| s.all_wanted);
        let t = Instant::now();
        load_modules(&others);
        load_modules(&failed);
        set_state(|s| s.all_done = true);
        crate::vlog!(
            "guestfsd: {} more modules loaded in {:.2} s",
            others.len(),
            t.elapsed().as_secs_f64()
        );
    });
}

/// The snapshot boot's module loading: everything, in the foreground (the launch that
/// takes the snapshot waits anyway, and every restored copy then starts with them all).
fn load_all_modules_now(rest: Vec<String>) {
    let t = Instant::now();
    // Not the IDE driver, as on a cold boot without IDE drives (its ports would be probed).
    let rest: Vec<String> = rest.into_iter().filter(|m| !has_stem(m, IDE_MODULE_STEMS)).collect();
    let (first, others) = prioritise(rest);
    let failed: Vec<String> = first.iter().filter(|m| load_module(m).is_err()).cloned().collect();
    load_modules(&others);
    load_modules(&failed);
    // Both stay false until the guest's volumes are assembled after the restore: callers
    // that wait for modules wait for that too, as they do on a boot.
    set_state(|s| {
        s.priority_done = false;
        s.all_wanted = true;
        s.all_done = false;
    });
    crate::vlog!(
        "guestfsd: {} modules loaded for the snapshot in {:.2} s",
        first.len() + others.len(),
        t.elapsed().as_secs_f64()
    );
}

/// After a restore, once the disks are in: what the background loader does after its
/// priority modules (the guest's md arrays, volume groups and dynamic disks), on a
/// thread, with callers waiting for it as on a cold boot.
pub fn assemble_after_resume() {
    std::thread::spawn(|| {
        assemble_guest_volumes();
        set_state(|s| {
            s.priority_done = true;
            s.all_done = true;
        });
    });
}

/// As 1.48's appliance does at boot: the guest's md arrays are assembled (degraded ones
/// started too), its volume groups active and its Windows dynamic disks mapped, so
/// /dev/mdN, /dev/VG/LV and /dev/mapper/ldm_* exist from the first call on (callers of
/// such names wait for this).
fn assemble_guest_volumes() {
    // Complete arrays first, since LVs may sit on them; then, with the LVs active, every
    // array, degraded or built on LVs.
    assemble_md_in_device_order();
    let _ = crate::cmd::Cmd::new("mdadm")
        .args(["-As", "--auto=yes", "--no-degraded"])
        .run();
    let _ = crate::cmd::Cmd::new("lvm")
        .args(["vgchange", "-aay", "--sysinit"])
        .run();
    let _ = crate::cmd::Cmd::new("mdadm").args(["-As", "--auto=yes", "--run"]).run();
    // The first pass leaves a degraded array assembled but inactive, and the --run
    // pass does not start an array already assembled: start those now (degraded).
    run_inactive_md_arrays();
    if crate::cmd::program_exists("ldmtool") {
        let _ = crate::cmd::Cmd::new("ldmtool").args(["create", "all"]).run();
    }
}

/// 1.48's appliance runs udev, whose rules hand each md member to `mdadm --incremental`
/// as the kernel discovers it, so arrays get their /dev/mdN numbers (127 downwards) in
/// the order of their first member device. A plain `mdadm -As` numbers them in another
/// order; feeding the members in device order first gives the same names as 1.48 (the
/// guest's fstab and mdadm.conf name arrays, inspection reports the appliance's names).
/// One `mdadm --examine --scan` finds the members (nothing more runs when there are
/// none); arrays still incomplete afterwards are left to the `mdadm -As` runs that follow.
fn assemble_md_in_device_order() {
    let o = crate::cmd::Cmd::new("mdadm")
        .args(["--examine", "--scan", "--verbose"])
        .run();
    if !o.ok() {
        return;
    }
    for dev in md_members_in_discovery_order(&o.out_text()) {
        let _ = crate::cmd::Cmd::new("mdadm").args(["--incremental", &dev]).run();
    }
}

/// Starts every md array /proc/mdstat lists as inactive ("md127 : inactive sdb3[1](S) ...").
fn run_inactive_md_arrays() {
    let Ok(stat) = std::fs::read_to_string("/proc/mdstat") else {
        return;
    };
    for line in stat.lines() {
        let mut w = line.split_whitespace();
        if let (Some(md), Some(":"), Some("inactive")) = (w.next(), w.next(), w.next()) {
            let _ = crate::cmd::Cmd::new("mdadm")
                .args(["--run", &format!("/dev/{md}")])
                .run();
        }
    }
}

/// Block until device-mapper and the common filesystems are loaded and the volume
/// groups activated (md arrays assembled, LDM volumes mapped).
pub fn wait_for_priority_modules() {
    wait_state(|s| s.priority_done || s.all_done);
}

/// Load every module now (if not done yet) and block until they are.
pub fn wait_for_modules() {
    set_state(|s| s.all_wanted = true);
    wait_state(|s| s.all_done);
}

fn state_now(f: impl Fn(&LoaderState) -> bool) -> bool {
    LOADER.0.lock().map(|g| f(&g)).unwrap_or(true)
}

pub fn priority_modules_loaded() -> bool {
    state_now(|s| s.priority_done || s.all_done)
}

pub fn all_modules_loaded() -> bool {
    state_now(|s| s.all_done)
}

/// SCSI disks are probed asynchronously: wait until every SCSI disk/CD device the
/// kernel found has its block device and its /dev node (or the timeout passes).
pub fn wait_for_disks(timeout: Duration) {
    let deadline = Instant::now() + timeout;
    loop {
        let pending = pending_scsi_disks(Path::new("/sys/bus/scsi/devices"));
        if pending.is_empty() {
            return;
        }
        if Instant::now() >= deadline {
            eprintln!("guestfsd: SCSI devices without a block device: {}", pending.join(" "));
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// After a restore: ask the SCSI hosts to scan targets 0..count (the disks were plugged in
/// while the machine was saved, so no hot-plug event announced them; a full "- - -" scan
/// would probe all 256 targets, seconds under TCG), then wait until `count` SCSI disks
/// have their block devices. False if they did not all appear in time.
pub fn scan_for_plugged_disks(count: usize, timeout: Duration) -> bool {
    if let Ok(rd) = fs::read_dir("/sys/class/scsi_host") {
        for e in rd.flatten() {
            // Only virtio-scsi's: the disks are there; probing an IDE port costs ~0.2 s.
            let driver = fs::read_to_string(e.path().join("proc_name")).unwrap_or_default();
            if driver.trim() != "virtio_scsi" {
                continue;
            }
            for target in 0..count {
                // "channel target lun"; the write returns once that target is scanned.
                if let Err(err) = fs::write(e.path().join("scan"), format!("0 {target} 0")) {
                    eprintln!("guestfsd: scanning {} target {target}: {err}", e.path().display());
                }
            }
        }
    }
    let deadline = Instant::now() + timeout;
    let dir = Path::new("/sys/bus/scsi/devices");
    loop {
        if pending_scsi_disks(dir).is_empty() && scsi_disks_with_block(dir) >= count {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn scsi_disks_with_block(dir: &Path) -> usize {
    let Ok(rd) = fs::read_dir(dir) else { return 0 };
    rd.flatten()
        .filter(|e| crate::devices::parse_scsi_address(&e.file_name().to_string_lossy()).is_some())
        .filter(|e| block_node_ready(&e.path(), Path::new("/dev")))
        .count()
}

/// Whether the SCSI device at `scsi_dev` (a /sys/bus/scsi/devices entry) has its block
/// device and that device's node under `dev`. The kernel creates the sysfs entry first
/// and the devtmpfs node a moment later (after the entry's attributes), so a disk seen
/// only in sysfs cannot be opened yet and the device scan would leave it out. (Opening
/// the node waits for the partition scan, so partitions need no wait of their own.)
fn block_node_ready(scsi_dev: &Path, dev: &Path) -> bool {
    let Ok(mut rd) = fs::read_dir(scsi_dev.join("block")) else {
        return false;
    };
    rd.next()
        .and_then(|e| e.ok())
        .is_some_and(|e| dev.join(e.file_name()).exists())
}

fn pending_scsi_disks(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(rd) = fs::read_dir(dir) else { return out };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if crate::devices::parse_scsi_address(&name).is_none() {
            continue;
        }
        let ty = fs::read_to_string(e.path().join("type")).unwrap_or_default();
        // 0 = disk, 5 = CD-ROM, 7 = optical, 14 = RBC: the types sd/sr bind to.
        if !matches!(ty.trim(), "0" | "5" | "7" | "14") {
            continue;
        }
        if !block_node_ready(&e.path(), Path::new("/dev")) {
            out.push(name);
        }
    }
    out
}

/// Where the appliance's tools disk is mounted (see launch/README.md, "Tools disk").
const TOOLS_MOUNT: &str = "/run/guestfs-rs-tools";
/// The file at the root of a tools disk.
const TOOLS_MARKER: &str = ".guestfs-rs-tools";

/// The guestfs-rs appliance keeps only what starting needs in the initramfs; the tools,
/// their libraries and the other modules are on an ext2 disk attached last, named by the
/// kernel command line's root=UUID= (the disk Devices::scan hides). Mount it read-only and
/// bind each of its top-level directories over the initramfs's (/usr on merged-/usr hosts).
/// A root disk without the marker file (libguestfs's own appliances) is left alone.
fn mount_tools_disk() {
    let cmdline = fs::read_to_string("/proc/cmdline").unwrap_or_default();
    let Some(uuid) = cmdline.split_whitespace().find_map(|w| w.strip_prefix("root=UUID=")) else {
        return;
    };
    let Ok(rd) = fs::read_dir("/sys/block") else { return };
    let disk = rd
        .flatten()
        .map(|e| format!("/dev/{}", e.file_name().to_string_lossy()))
        .find(|d| {
            (d.starts_with("/dev/sd") || d.starts_with("/dev/vd"))
                && crate::devices::ext_uuid(Path::new(d)).is_some_and(|u| u.eq_ignore_ascii_case(uuid))
        });
    let Some(disk) = disk else { return };
    if !try_mount(&disk, TOOLS_MOUNT, "ext4", libc::MS_RDONLY | libc::MS_NODEV) {
        return;
    }
    if !Path::new(TOOLS_MOUNT).join(TOOLS_MARKER).is_file() {
        let c = CString::new(TOOLS_MOUNT).unwrap_or_default();
        // SAFETY: umount2 with a valid NUL-terminated path.
        unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) };
        return;
    }
    let Ok(tops) = fs::read_dir(TOOLS_MOUNT) else { return };
    for e in tops.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "lost+found" || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        try_mount(&format!("{TOOLS_MOUNT}/{name}"), &format!("/{name}"), "", libc::MS_BIND);
    }
    crate::vlog!("guestfsd: tools disk {disk} mounted");
}

/// mount(2) creating the target; logs and returns false on failure.
fn try_mount(src: &str, target: &str, fstype: &str, flags: libc::c_ulong) -> bool {
    let _ = fs::create_dir_all(target);
    let c = |s: &str| CString::new(s).unwrap_or_default();
    let (s, t, f) = (c(src), c(target), c(fstype));
    let fptr = if fstype.is_empty() {
        std::ptr::null()
    } else {
        f.as_ptr()
    };
    // SAFETY: valid NUL-terminated strings (or NULL fstype for a bind mount), no data.
    let r = unsafe { libc::mount(s.as_ptr(), t.as_ptr(), fptr, flags, std::ptr::null()) };
    if r == -1 {
        eprintln!("guestfsd: mount {src} on {target}: {}", std::io::Error::last_os_error());
    }
    r == 0
}

/// Environment every daemon (PID 1 or not) runs its tools with.
pub fn environment(pid1: bool) {
    std::env::set_var("PATH", "/sbin:/usr/sbin:/bin:/usr/bin");
    std::env::set_var("SHELL", "/bin/sh");
    std::env::set_var("LC_ALL", "C");
    std::env::set_var("TERM", "dumb");
    // SAFETY: umask only sets the process's file creation mask.
    unsafe { libc::umask(0o022) };
    if pid1
        && fs::create_dir_all(LVM_SYSTEM_DIR).is_ok()
        && fs::write(Path::new(LVM_SYSTEM_DIR).join("lvm.conf"), LVM_CONF).is_ok()
    {
        std::env::set_var("LVM_SYSTEM_DIR", LVM_SYSTEM_DIR);
    }
}

/// Reap children that were orphaned onto PID 1. Called only between requests, when the
/// daemon waits for none of its own children, so no exit status is stolen.
pub fn reap_zombies() {
    loop {
        let mut status = 0;
        // SAFETY: waitpid with WNOHANG on any child.
        let r = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
        if r <= 0 {
            return;
        }
    }
}

/// End of the appliance: flush and power off (qemu runs with -no-reboot, so either a
/// power-off or the panic after PID 1 exits ends it).
pub fn power_off() -> ! {
    power_off_with("")
}

/// [`power_off`], telling the console first (the rescue shell's user is watching it).
pub fn power_off_with(message: &str) -> ! {
    if !message.is_empty() {
        if let Ok(mut con) = fs::OpenOptions::new().write(true).open("/dev/console") {
            let _ = std::io::Write::write_all(&mut con, message.as_bytes());
        }
    }
    // SAFETY: sync and reboot are plain syscalls; reboot only returns on failure.
    unsafe {
        libc::sync();
        libc::reboot(libc::RB_POWER_OFF);
    }
    std::process::exit(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A disk is ready only once its /dev node exists, not when sysfs first shows it.
    #[test]
    fn block_node_ready_needs_the_dev_node() {
        let base = std::env::temp_dir().join(format!("guestfsd-block-node-{}", std::process::id()));
        let (scsi, dev) = (base.join("0:0:0:0"), base.join("dev"));
        fs::create_dir_all(&dev).unwrap();
        fs::create_dir_all(&scsi).unwrap();
        assert!(!block_node_ready(&scsi, &dev), "no block entry yet");
        fs::create_dir_all(scsi.join("block/sda")).unwrap();
        assert!(!block_node_ready(&scsi, &dev), "sysfs entry but no node yet");
        fs::write(dev.join("sda"), b"").unwrap();
        assert!(block_node_ready(&scsi, &dev));
        fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn md_members_sorted_by_discovery() {
        let out = "ARRAY /dev/md/rootdev level=raid1 metadata=1.2 num-devices=2 UUID=a:b:c:d name=x:rootdev\n   \
                   devices=/dev/sdb2,/dev/sda2\nARRAY /dev/md/bootdev level=raid1 num-devices=2 UUID=e:f:0:1\n   \
                   devices=/dev/sdb1,/dev/sda1,/dev/sdaa1,/dev/sda10,/dev/../x,devices=\n";
        assert_eq!(
            md_members_in_discovery_order(out),
            [
                "/dev/sda1",
                "/dev/sda2",
                "/dev/sda10",
                "/dev/sdb1",
                "/dev/sdb2",
                "/dev/sdaa1"
            ]
        );
        assert!(md_members_in_discovery_order("").is_empty());
    }

    /// Random and mutated `mdadm --examine` output: no panic, output no longer than the
    /// input's device names, every name a plain /dev/ node.
    #[test]
    fn md_members_fuzz() {
        let base = "ARRAY /dev/md/r level=raid1 UUID=1:2:3:4\n devices=/dev/sdb2,/dev/sda2,/dev/vda1\n";
        let alphabet: &[u8] = b"devices=/dev/sda1,2 \n\xc3\xa9md0";
        for bytes in crate::test_inputs::mutated(base.as_bytes(), alphabet, 0x9e37_79b9_7f4a_7c15, 3000, 200, 8) {
            let text = String::from_utf8_lossy(&bytes);
            let got = md_members_in_discovery_order(&text);
            assert!(got.len() <= text.matches("/dev/").count());
            assert!(got
                .iter()
                .all(|d| d.starts_with("/dev/") && d.len() > 5 && !d[5..].contains('/')));
        }
    }

    #[test]
    fn priority_modules_come_in_priority_order() {
        let v: Vec<String> = [
            "/m/kernel/fs/btrfs/btrfs.ko",
            "/m/kernel/drivers/md/dm-mod.ko",
            "/m/kernel/fs/ext4/ext4.ko",
            "/m/kernel/fs/jbd2/jbd2.ko",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (p, r) = prioritise(v);
        assert_eq!(
            p,
            [
                "/m/kernel/fs/jbd2/jbd2.ko",
                "/m/kernel/fs/ext4/ext4.ko",
                "/m/kernel/drivers/md/dm-mod.ko"
            ]
        );
        assert_eq!(r, ["/m/kernel/fs/btrfs/btrfs.ko"]);
    }

    #[test]
    fn module_lists_split_on_boot_file() {
        let d = std::env::temp_dir().join(format!("guestfsd-mods-{}", std::process::id()));
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("order"), "/a.ko\n/b.ko\n# c\n/c.ko\n").unwrap();
        fs::write(d.join("boot"), "/b.ko\n").unwrap();
        let (b, r) = split_modules(&d.join("order"), &d.join("boot"));
        assert_eq!(b, ["/b.ko"]);
        assert_eq!(r, ["/a.ko", "/c.ko"]);
        let (b, r) = split_modules(&d.join("order"), &d.join("missing"));
        assert_eq!(b, ["/a.ko", "/b.ko", "/c.ko"]);
        assert!(r.is_empty());
    }
}
