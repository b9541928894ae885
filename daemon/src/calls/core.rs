//! Daemon housekeeping: ping, exit, autosync, feature probing, and small system queries.

use std::fs::File;

use guestfs_protocol::structs::Utsname;
use guestfs_protocol::ByteString;

use super::mount;
use crate::cmd::{program_exists, Cmd};
use crate::daemon::Daemon;
use crate::error::{Error, Result};

pub fn ping_daemon(_d: &mut Daemon) -> Result<()> {
    Ok(())
}

pub fn internal_exit(d: &mut Daemon) -> Result<()> {
    d.exit_requested = true;
    Ok(())
}

/// Unmount everything (except in standalone mode), then flush all caches and devices.
pub fn internal_autosync(d: &mut Daemon) -> Result<()> {
    if !d.sysroot.standalone {
        mount::umount_all_under(&d.sysroot)?;
    }
    sync_disks(d);
    Ok(())
}

/// sync(2), then fsync each user disk so the host sees the data (1.48's sync_disks).
pub fn sync_disks(d: &Daemon) {
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
    for dev in d.devices.disks() {
        if let Ok(f) = File::open(dev) {
            let _ = f.sync_all();
        }
    }
}

/// Tools each optional group needs besides its calls being implemented.
const GROUP_TOOLS: &[(&str, &[&str])] = &[
    ("lvm2", &["lvm"]),
    ("xfs", &["mkfs.xfs", "xfs_admin"]),
    ("btrfs", &["btrfs"]),
    ("gdisk", &["sgdisk"]),
    ("linuxfsuuid", &["tune2fs", "mkswap"]),
    ("mdadm", &["mdadm"]),
    ("luks", &["cryptsetup"]),
    ("wipefs", &["wipefs"]),
    ("acl", &["getfacl", "setfacl"]),
    ("xz", &["xz"]),
    ("fstrim", &["fstrim"]),
    ("linuxmodules", &["modprobe"]),
    ("scrub", &["scrub"]),
    ("zerofree", &["zerofree"]),
    ("linuxcaps", &["getcap", "setcap"]),
    ("ntfs3g", &["ntfs-3g.probe", "ntfsfix", "ntfsclone", "ntfscat"]),
    ("sleuthkit", &["icat", "blkls"]),
    ("f2fs", &["resize.f2fs"]),
    ("ntfsprogs", &["ntfsresize"]),
    ("blkdiscard", &["blkdiscard"]),
    ("squashfs", &["mksquashfs"]),
    ("extlinux", &["extlinux"]),
    ("syslinux", &["syslinux"]),
    ("grub", &["grub-install"]),
    ("selinuxrelabel", &["setfiles"]),
    ("ldm", &["ldmtool"]),
    ("rsync", &["rsync"]),
];

/// Whether a library the daemon loads at first use (dlopen) can be loaded.
type LibraryLoads = fn() -> bool;

/// Groups whose calls need such a library.
const GROUP_LIBRARIES: &[(&str, LibraryLoads)] = &[
    ("libtsk", super::tsk::library_available),
    ("libyara", super::yara::library_available),
];

/// 0 = available, 1 = not available, 2 = no such group. A group is available when every
/// call in it is implemented here and the tools it needs are installed, so callers (and
/// the test suite) skip what cannot work instead of meeting ENOTSUP.
pub fn internal_feature_available(d: &mut Daemon, group: &str) -> Result<i32> {
    if !d.api.optgroups().iter().any(|g| g == group) {
        return Ok(2);
    }
    Ok(if group_available(d, group) { 0 } else { 1 })
}

pub fn group_available(d: &Daemon, group: &str) -> bool {
    let calls_done = d
        .api
        .actions
        .iter()
        .filter(|a| a.is_daemon() && a.optional.as_deref() == Some(group))
        .all(|a| super::is_implemented(&a.name));
    let tools_ok = GROUP_TOOLS
        .iter()
        .find(|(g, _)| *g == group)
        .is_none_or(|(_, tools)| tools.iter().all(|t| program_exists(t)));
    let libraries_ok = GROUP_LIBRARIES
        .iter()
        .find(|(g, _)| *g == group)
        .is_none_or(|(_, loads)| loads());
    // Groups 1.48 retired but still reports as available (augeas, realpath: their calls
    // are no longer optional).
    let has_calls = d.api.actions.iter().any(|a| a.optional.as_deref() == Some(group));
    !has_calls || (calls_done && tools_ok && libraries_ok)
}

/// Every optional group name, available or not.
pub fn available_all_groups(d: &mut Daemon) -> Result<Vec<String>> {
    Ok(d.api.optgroups())
}

pub fn modprobe(_d: &mut Daemon, modulename: &str) -> Result<()> {
    let o = Cmd::new("modprobe").arg(modulename).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(())
}

pub fn sleep(_d: &mut Daemon, secs: i32) -> Result<()> {
    std::thread::sleep(std::time::Duration::from_secs(secs.max(0) as u64));
    Ok(())
}

pub fn drop_caches(_d: &mut Daemon, whattodrop: i32) -> Result<()> {
    let what = whattodrop;
    if !(0..=3).contains(&what) {
        return Err(Error::msg("whattodrop must be 0, 1, 2 or 3"));
    }
    // SAFETY: sync takes no arguments.
    unsafe { libc::sync() };
    std::fs::write("/proc/sys/vm/drop_caches", format!("{what}\n"))
        .map_err(|e| Error::io(&e, "/proc/sys/vm/drop_caches"))?;
    Ok(())
}

pub fn echo_daemon(_d: &mut Daemon, words: &[String]) -> Result<String> {
    Ok(words.join(" "))
}

pub fn sync(d: &mut Daemon) -> Result<()> {
    sync_disks(d);
    Ok(())
}

pub fn utsname(_d: &mut Daemon) -> Result<Utsname> {
    // SAFETY: utsname is plain C data (char arrays), for which all-zero bytes are valid.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: u is a valid, writable utsname.
    if unsafe { libc::uname(&mut u) } == -1 {
        return Err(Error::io(&std::io::Error::last_os_error(), "utsname"));
    }
    let field = |f: &[libc::c_char]| {
        let b: Vec<u8> = f.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
        ByteString::from(b)
    };
    Ok(Utsname {
        uts_sysname: field(&u.sysname),
        uts_release: field(&u.release),
        uts_version: field(&u.version),
        uts_machine: field(&u.machine),
    })
}

pub fn umask(_d: &mut Daemon, mask: i32) -> Result<i32> {
    if !(0..=0o777).contains(&mask) {
        return Err(Error::msg(format!("0{mask:o}: mask negative or out of range")));
    }
    // SAFETY: umask only swaps the process's file creation mask.
    let old = unsafe { libc::umask(mask as libc::mode_t) };
    Ok(old as i32)
}

pub fn dmesg(_d: &mut Daemon) -> Result<Vec<u8>> {
    let o = Cmd::new("dmesg").run();
    if !o.ok() {
        return Err(Error::msg(format!("dmesg: {}", o.err_text())));
    }
    Ok(o.stdout)
}
