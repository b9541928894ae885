//! mount_local, mount_local_run, umount_local: the guest's mounted filesystems shown at
//! a host directory through FUSE (the `fuser` crate: see docs/design-decisions.md).
//!
//! `mount_local` checks the mount point and mounts; the kernel then queues requests
//! until `mount_local_run` serves them, in the caller's thread, until the mount goes
//! (`umount_local`, or `fusermount -u` / `guestunmount` from outside). `mount_local_run`
//! and `umount_local` run without the handle lock (table flag `body_unlocked`): the
//! serving loop takes it for each request only, so another thread can call
//! `umount_local` (or anything else) while it waits.

mod cache;
mod fs;
mod nodes;
mod options;

use super::generated::opts::{MountLocalOpts, UmountLocalOpts};
use crate::error::Result;
use crate::handle::LocalMount;
use crate::{Core, Error};
use fs::{LocalFs, Settings};
use fuser::{Filesystem, MountOption, Session, SessionACL};
use std::os::fd::AsFd;

/// The filesystem the session is mounted with until `mount_local_run` serves it with a
/// `LocalFs` on the same FUSE descriptor. Never asked anything: nothing reads the
/// descriptor through it.
struct Waiting;

impl Filesystem for Waiting {}

/// What `mount_local` leaves for `mount_local_run`.
struct Mounted {
    session: Session<Waiting>,
    settings: Settings,
    acl: SessionACL,
}

/// Whether `dir` holds anything besides "." and "..".
fn has_entries(dir: &str) -> std::io::Result<bool> {
    Ok(std::fs::read_dir(dir)?.next().is_some())
}

/// The mount point must be an empty directory (libfuse 2's rule, which 1.48 inherits,
/// unless the `nonempty` option is given).
fn check_mountpoint(dir: &str, nonempty: bool) -> Result<()> {
    let fail = |why: String| Err(Error::msg(format!("fuse_mount failed: {dir}: {why}")));
    let prefix = format!("fuse_mount failed: {dir}: failed to access mountpoint");
    let md = std::fs::metadata(dir).map_err(|e| Error::os(prefix.clone(), &e))?;
    if !md.is_dir() {
        return fail("mountpoint is not a directory".into());
    }
    match has_entries(dir) {
        Ok(true) if !nonempty => fail(
            "mountpoint is not empty (use the \u{2018}nonempty\u{2019} mount option if you are sure this is safe)"
                .into(),
        ),
        Ok(_) => Ok(()),
        Err(e) => Err(Error::os(prefix, &e)),
    }
}

pub fn mount_local(h: &Core, localmountpoint: &str, o: MountLocalOpts) -> Result<()> {
    let mut slot = h.local_mount.lock();
    // You can only mount each handle in one place in one thread (as 1.48).
    if slot.is_some() {
        return Err(Error::msg("filesystem is already mounted in another thread"));
    }
    let opts = options::parse(o.options.as_deref().unwrap_or(""))?;
    check_mountpoint(localmountpoint, opts.nonempty)?;
    let settings = Settings {
        mountpoint: localmountpoint.to_string(),
        readonly: o.readonly.unwrap_or(false),
        debug_calls: o.debugcalls.unwrap_or(false),
        cache_timeout: o.cachetimeout.unwrap_or(60),
        entry_ttl: opts.entry_ttl,
        attr_ttl: opts.attr_ttl,
    };
    let acl = if opts.mount.contains(&MountOption::AllowOther) {
        SessionACL::All
    } else if opts.mount.contains(&MountOption::AllowRoot) {
        SessionACL::RootAndOwner
    } else {
        SessionACL::Owner
    };
    h.debug(&format!("mount_local: fuse_mount {localmountpoint}"));
    let session = Session::new(Waiting, localmountpoint, &opts.mount).map_err(|e| {
        let what = format!("fuse_mount failed: {localmountpoint}");
        match e.raw_os_error() {
            Some(_) => Error::os(what, &e),
            None => Error::msg(format!("{what}: {e}")),
        }
    })?;
    h.debug("mount_local: leaving fuse_mount_local");
    *slot = Some(LocalMount {
        mountpoint: localmountpoint.to_string(),
        session: Some(Box::new(Mounted { session, settings, acl })),
    });
    Ok(())
}

/// Takes the mounted session out of the handle for serving.
fn take_mounted(h: &Core) -> Result<(String, Box<Mounted>)> {
    let mut slot = h.local_mount.lock();
    let Some(m) = slot.as_mut() else {
        return Err(Error::msg("you must call guestfs_mount_local first"));
    };
    let Some(s) = m.session.take() else {
        return Err(Error::msg(
            "mount_local_run is already serving this mount in another thread",
        ));
    };
    match s.downcast::<Mounted>() {
        Ok(b) => Ok((m.mountpoint.clone(), b)),
        Err(_) => Err(Error::msg("mount_local: internal error: unexpected session type")),
    }
}

/// Whether something is mounted on "/" in the appliance (1.48 asks `exists "/"`, whose
/// root check fails otherwise), without reporting the failure.
fn root_is_mounted(h: &Core) -> bool {
    let _lock = h.lock();
    let Some(a) = guestfs_api::table().action("exists") else {
        return false;
    };
    super::appliance::call(h, a, &[guestfs_protocol::Value::Str(b"/".to_vec())], &[]).is_ok()
}

/// Raises the appliance's read-ahead on every disk to 4 MiB for the time the mount is
/// served: under TCG each block request the guest kernel makes is costly, and the 128 KiB
/// default makes a file read through the mount (2 MiB `pread`s) several times slower than
/// the disk allows. Only the appliance's kernel sees the setting; the disks are not
/// touched, and a failure only costs the speed-up.
fn raise_readahead(h: &Core) {
    let _lock = h.lock();
    let t = guestfs_api::table();
    let (Some(list), Some(setra)) = (t.action("list_devices"), t.action("blockdev_setra")) else {
        return;
    };
    let Ok(guestfs_protocol::RetValue::StrList(devs)) = super::appliance::call(h, list, &[], &[]) else {
        return;
    };
    for d in devs {
        let args = [guestfs_protocol::Value::Str(d), guestfs_protocol::Value::Int(8192)];
        let _ = super::appliance::call(h, setra, &args, &[]);
    }
}

pub fn mount_local_run(h: &Core) -> Result<()> {
    let (mountpoint, mounted) = take_mounted(h)?;
    if !root_is_mounted(h) {
        // Leave the mount for a later run (or guestunmount), as 1.48 does.
        if let Some(m) = h.local_mount.lock().as_mut() {
            m.session = Some(mounted);
        }
        return Err(Error::msg(format!(
            "you must call \u{2018}guestfs_mount\u{2019} first to mount a filesystem on '/'.\nNote: \u{2018}{mountpoint}\u{2019} is still mounted.  Use \u{2018}guestunmount {mountpoint}\u{2019} to clean up."
        )));
    }
    let Mounted {
        session: waiting,
        settings,
        acl,
    } = *mounted;
    raise_readahead(h);
    h.debug("mount_local_run: entering fuse_loop");
    let r = waiting
        .as_fd()
        .try_clone_to_owned()
        .and_then(|fd| Session::from_fd(LocalFs::new(h, settings), fd, acl).run());
    h.debug("mount_local_run: leaving fuse_loop");
    // Dropping the waiting session unmounts only if the mount is still there (the loop
    // failed); a mount removed from outside is left alone.
    drop(waiting);
    *h.local_mount.lock() = None;
    r.map_err(|e| Error::msg(format!("fuse_loop: {mountpoint}: {e}")))
}

pub fn umount_local(h: &Core, o: UmountLocalOpts) -> Result<()> {
    let retry = if o.retry.unwrap_or(false) {
        "--retry=5"
    } else {
        "--no-retry"
    };
    // A copy: the serving thread clears the slot when the mount goes.
    let mountpoint = h.local_mount.lock().as_ref().map(|m| m.mountpoint.clone());
    let Some(mountpoint) = mountpoint else {
        return Err(Error::msg("no filesystem is mounted"));
    };
    // As 1.48: guestunmount does the retries and tells a busy mount from a missing one.
    h.debug(&format!("umount_local: guestunmount {retry} {mountpoint}"));
    let out = std::process::Command::new("guestunmount")
        .arg(retry)
        .arg(&mountpoint)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::os("umount_local: guestunmount", &e))?;
    if !out.stdout.is_empty() {
        h.debug(&String::from_utf8_lossy(&out.stdout));
    }
    if out.status.success() {
        // The thread in mount_local_run sees the mount go and cleans up.
        return Ok(());
    }
    let why = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
    Err(Error::msg(format!(
        "umount_local: guestunmount {mountpoint} failed ({}){}{why}",
        out.status,
        if why.is_empty() { "" } else { ": " }
    )))
}
