//! Mounting guest filesystems under the sysroot, and what is mounted there.

use std::path::{Path, PathBuf};

use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::devices::CallerName;
use crate::error::{Error, Result};
use crate::mountable::Mountable;
use crate::mounts::mounts_under;
use crate::sysroot::Sysroot;
use crate::table::opts::{FstrimOpts, Mount9pOpts, RemountOpts, UmountOpts};

/// The host directory of a mountpoint argument (resolved inside the sysroot).
fn mountpoint_dir(d: &Daemon, mp: &[u8]) -> Result<PathBuf> {
    let mut g = Vec::with_capacity(mp.len() + 1);
    if mp.first() != Some(&b'/') {
        g.push(b'/');
    }
    g.extend_from_slice(mp);
    d.sysroot
        .resolve(&g, true)
        .map_err(|e| Error::io(&e, String::from_utf8_lossy(mp)))
}

fn do_mount(d: &Daemon, options: &str, vfs: &str, mountable: &str, mp: &[u8]) -> Result<()> {
    let dir = mountpoint_dir(d, mp)?;
    if !dir.is_dir() {
        return Err(Error::msg(format!(
            "mount: {}: mount point is not a directory",
            String::from_utf8_lossy(mp)
        )));
    }
    let m = Mountable::parse(mountable);
    let mut o = do_mount_cmd(options, vfs, &m, &dir);
    // The driver (or one it needs, such as crc32c) may still be loading in the background:
    // retry once the priority modules are in, and once more after all of them.
    if !o.ok() && !crate::init::priority_modules_loaded() {
        crate::init::wait_for_priority_modules();
        o = do_mount_cmd(options, vfs, &m, &dir);
    }
    if !o.ok() && o.err_text().contains("unknown filesystem type") && !crate::init::all_modules_loaded() {
        crate::init::wait_for_modules();
        o = do_mount_cmd(options, vfs, &m, &dir);
    }
    // Without udev nothing registers the members of a multi-device btrfs with the kernel.
    if !o.ok() && std::path::Path::new("/sys/fs/btrfs").exists() {
        let _ = Cmd::new("btrfs").args(["device", "scan"]).run();
        o = do_mount_cmd(options, vfs, &m, &dir);
    }
    if !o.ok() {
        return Err(Error::msg(format!(
            "mount exited with status {}: {}",
            o.status.unwrap_or(-1),
            o.err_text()
        )));
    }
    Ok(())
}

fn do_mount_cmd(options: &str, vfs: &str, m: &Mountable, dir: &Path) -> crate::cmd::Outcome {
    let mut c = Cmd::new("mount");
    let opts = match (m, options) {
        (Mountable::BtrfsVol { volume, .. }, "") => format!("subvol={volume}"),
        (Mountable::BtrfsVol { volume, .. }, o) => format!("subvol={volume},{o}"),
        (_, o) => o.to_string(),
    };
    if !opts.is_empty() {
        c = c.arg("-o").arg(&opts);
    }
    if !vfs.is_empty() {
        c = c.arg("-t").arg(vfs);
    }
    c.arg(m.device()).arg(dir).run()
}

pub fn mount(d: &mut Daemon, mountable: &str, mountpoint: &str) -> Result<()> {
    do_mount(d, "", "", mountable, mountpoint.as_bytes())
}

pub fn mount_ro(d: &mut Daemon, mountable: &str, mountpoint: &str) -> Result<()> {
    do_mount(d, "ro", "", mountable, mountpoint.as_bytes())
}

pub fn mount_options(d: &mut Daemon, options: &str, mountable: &str, mountpoint: &str) -> Result<()> {
    do_mount(d, options, "", mountable, mountpoint.as_bytes())
}

pub fn mount_vfs(d: &mut Daemon, options: &str, vfstype: &str, mountable: &str, mountpoint: &str) -> Result<()> {
    do_mount(d, options, vfstype, mountable, mountpoint.as_bytes())
}

pub fn umount(d: &mut Daemon, pathordevice: &str, o: UmountOpts) -> Result<()> {
    let arg = pathordevice;
    let target: PathBuf = if arg.starts_with("/dev/") && crate::checks::is_device_parameter(arg) {
        PathBuf::from(arg)
    } else {
        GuestPath::new(arg.as_bytes()).resolve(d, true)?
    };
    let mut c = Cmd::new("umount");
    if o.force == Some(true) {
        c = c.arg("-f");
    }
    if o.lazyunmount == Some(true) {
        c = c.arg("-l");
    }
    let o = c.arg(&target).run();
    if !o.ok() {
        // The library puts "umount: " in front; umount(8)'s own text names the program.
        return Err(Error::msg(format!("{}: {}", arg, o.err_text())));
    }
    Ok(())
}

/// Unmount everything at or below the sysroot, deepest (latest) first.
pub fn umount_all_under(s: &Sysroot) -> Result<()> {
    let mut ms = mounts_under(s.root());
    // Longer paths first, so children go before parents; later mounts before earlier ones.
    ms.reverse();
    ms.sort_by_key(|m| std::cmp::Reverse(m.target.len()));
    for m in ms {
        let o = Cmd::new("umount").arg(&m.target).run();
        if !o.ok() {
            return Err(Error::msg(format!("umount: {}: {}", m.target, o.err_text())));
        }
    }
    Ok(())
}

pub fn umount_all(d: &mut Daemon) -> Result<()> {
    // As 1.48: files Augeas holds open would keep the unmount from succeeding.
    super::augeas::close_session();
    umount_all_under(&d.sysroot)
}

/// A mounted device as 1.48 names it: device-mapper names of LVs become /dev/VG/LV
/// (other dm devices, e.g. LUKS, keep their /dev/mapper name).
fn canonical_source(source: String) -> Result<String> {
    if source.starts_with("/dev/mapper/") || source.starts_with("/dev/dm-") {
        if let Some(lv) = super::lvm::lv_canonical(&source)? {
            return Ok(lv);
        }
    }
    Ok(source)
}

pub fn mounts(d: &mut Daemon) -> Result<Vec<CallerName>> {
    mounts_under(d.sysroot.root())
        .into_iter()
        .map(|m| Ok(d.devices.reverse_mountable(&canonical_source(m.source)?)))
        .collect()
}

pub fn mountpoints(d: &mut Daemon) -> Result<Vec<(CallerName, String)>> {
    let root = d.sysroot.root().to_string_lossy().trim_end_matches('/').to_string();
    let mut v = Vec::new();
    for m in mounts_under(d.sysroot.root()) {
        let mp = m.target[root.len()..].to_string();
        let mp = if mp.is_empty() { "/".to_string() } else { mp };
        v.push((d.devices.reverse_mountable(&canonical_source(m.source)?), mp));
    }
    Ok(v)
}

pub fn remount(d: &mut Daemon, mountpoint: &GuestPath, o: RemountOpts) -> Result<()> {
    let Some(rw) = o.rw else {
        return Err(Error::msg("parameter 'rw' must be specified"));
    };
    let options = if rw { "remount,rw" } else { "remount,ro" };
    let mp = mountpoint.resolve(d, true)?;
    let o = Cmd::new("mount").args(["-o", options]).arg(&mp).run();
    if !o.ok() {
        return Err(Error::msg(format!("{mountpoint}: {options}: {}", o.err_text())));
    }
    Ok(())
}

/// mkmountpoint/rmmountpoint: plain mkdir/rmdir under the sysroot, no checks (used to
/// mount several filesystems in a tree, as for live CDs).
pub fn mkmountpoint(d: &mut Daemon, exemptpath: &str) -> Result<()> {
    let p = mountpoint_dir(d, exemptpath.as_bytes())?;
    std::fs::create_dir(&p).map_err(|e| Error::io(&e, exemptpath))
}

pub fn rmmountpoint(d: &mut Daemon, exemptpath: &str) -> Result<()> {
    let p = mountpoint_dir(d, exemptpath.as_bytes())?;
    std::fs::remove_dir(&p).map_err(|e| Error::io(&e, exemptpath))
}

pub fn fstrim(d: &mut Daemon, mountpoint: &GuestPath, opts: FstrimOpts) -> Result<()> {
    let mut c = Cmd::new("fstrim");
    if let Some(o) = opts.offset {
        if o < 0 {
            return Err(Error::msg("offset < 0"));
        }
        c = c.arg("-o").arg(o.to_string());
    }
    if let Some(l) = opts.length {
        if l <= 0 {
            return Err(Error::msg("length <= 0"));
        }
        c = c.arg("-l").arg(l.to_string());
    }
    if let Some(m) = opts.minimumfreeextent {
        if m <= 0 {
            return Err(Error::msg("minimumfreeextent <= 0"));
        }
        c = c.arg("-m").arg(m.to_string());
    }
    // Dirty pages must reach the filesystem before it can be trimmed.
    // SAFETY: sync takes no arguments.
    unsafe { libc::sync() };
    let p = mountpoint.resolve(d, true)?;
    let o = c.arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{mountpoint}: {}", o.err_text())));
    }
    Ok(())
}

pub fn mount_loop(d: &mut Daemon, file: &GuestPath, mountpoint: &GuestPath) -> Result<()> {
    let f = file.resolve(d, true)?;
    let mp = mountpoint.resolve(d, true)?;
    let o = Cmd::new("mount").args(["-o", "loop"]).arg(&f).arg(&mp).run();
    if !o.ok() {
        return Err(Error::msg(format!("{file} on {mountpoint}: {}", o.err_text())));
    }
    Ok(())
}

pub fn df_h(_d: &mut Daemon) -> Result<Vec<u8>> {
    let o = Cmd::new("df").arg("-h").run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(o.stdout)
}

/// 9p support was removed from libguestfs; 1.48 fails these calls the same way.
pub fn list_9p(_d: &mut Daemon) -> Result<Vec<String>> {
    Err(Error::with_errno(
        libc::ENOTSUP,
        "9p support was removed in libguestfs 1.48",
    ))
}

pub fn mount_9p(_d: &mut Daemon, _mounttag: &str, _mountpoint: &str, o: Mount9pOpts) -> Result<()> {
    // 1.48 kept the call (and its options) but no longer mounts anything.
    let _ = o.options;
    Err(Error::with_errno(
        libc::ENOTSUP,
        "9p support was removed in libguestfs 1.48",
    ))
}

pub fn df(_d: &mut Daemon) -> Result<Vec<u8>> {
    let o = Cmd::new("df").run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(o.stdout)
}
