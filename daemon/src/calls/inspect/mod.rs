//! Inspection of guest operating systems: inspect_os and the inspect_get_* getters.
//!
//! inspect_os mounts each filesystem read-only in turn, classifies it (`check`), reads
//! release files (`release`) and fstab (`fstab`), then merges /usr filesystems into
//! their roots. The results stay in the daemon value (`Daemon::inspection`) until the
//! next inspect_os; the daemon's lifetime is the handle's, so closing the handle drops
//! them.

mod check;
mod fstab;
mod guest;
/// The registry hive reader, shared with the library (`guestfs-guestdata`).
use guestfs_guestdata::hive;
mod packages;
mod registry;
mod release;

use crate::daemon::Daemon;
use crate::devices::CallerName;
use crate::error::{Error, Result};
pub use crate::inspection::Fs;
use crate::inspection::{Data, Role};

fn umount_all(d: &mut Daemon) -> Result<()> {
    super::mount::umount_all(d)
}

fn mount_ro_at_root(d: &mut Daemon, m: &CallerName, vfs_type: &str) -> bool {
    let real = d.devices.appliance_name(m);
    if vfs_type == "ufs" {
        // The BSDs' UFS: try UFS2, then 4.4BSD.
        ["ro,ufstype=ufs2", "ro,ufstype=44bsd"]
            .iter()
            .any(|o| super::mount::mount_vfs(d, o, "ufs", &real, "/").is_ok())
    } else if super::mount::mount_ro(d, &real, "/").is_ok() {
        true
    } else {
        vfs_type == "ntfs" && mount_ntfs_3g(d, m)
    }
}

/// The appliance's kernel has no NTFS driver and mount(8) finds no mount.ntfs helper in
/// it, so NTFS is mounted through ntfs-3g itself (read-only, as every inspection mount).
fn mount_ntfs_3g(d: &mut Daemon, m: &CallerName) -> bool {
    if !crate::cmd::program_exists("ntfs-3g") {
        return false;
    }
    let dev = d.devices.appliance_name(m);
    let o = crate::cmd::Cmd::new("ntfs-3g")
        .arg("-o")
        .arg("ro")
        .arg(&dev)
        .arg(d.sysroot.root())
        .run();
    if !o.ok() {
        crate::vlog!("inspect_os: ntfs-3g {dev}: {}", o.err_text());
    }
    o.ok()
}

/// Inspect one filesystem; None when it cannot be mounted.
fn check_for_filesystem_on(d: &mut Daemon, m: CallerName, vfs_type: &str) -> Result<Option<Fs>> {
    if vfs_type == "swap" {
        return Ok(Some(Fs {
            mountable: m,
            role: Role::Swap,
        }));
    }
    if !mount_ro_at_root(d, &m, vfs_type) {
        return Ok(None);
    }
    let role = check::check_filesystem(d, &m);
    umount_all(d)?;
    Ok(Some(Fs { mountable: m, role }))
}

/// 1.48's appliance activates every volume group at boot; ours does not, so LVs that
/// list_filesystems names may have no device node yet. Activate them (as 1.48 has them).
fn activate_lvs(d: &mut Daemon) {
    if !crate::cmd::program_exists("lvm") {
        return;
    }
    let lvs = super::lvm::list_lvs().unwrap_or_default();
    if lvs.iter().any(|lv| !std::path::Path::new(lv).exists()) {
        if let Err(e) = super::lvm::vg_activate_all(d, true) {
            crate::vlog!("inspect_os: vg_activate_all: {}", e.msg);
        }
    }
}

pub fn inspect_os(d: &mut Daemon) -> Result<Vec<CallerName>> {
    umount_all(d)?;
    activate_lvs(d);
    let list = super::devs::list_filesystems(d)?;
    let mut found = Vec::new();
    for (m, t) in list {
        if let Some(fs) = check_for_filesystem_on(d, m, &t)? {
            found.push(fs);
        }
    }
    let found = collect_coreos(found)?;
    let found = drop_duplicated_bsd_root(found);
    let found = merge_linux_usr(found);
    let roots = root_names(&found);
    d.inspection = found;
    Ok(roots)
}

fn root_names(fses: &[Fs]) -> Vec<CallerName> {
    fses.iter()
        .filter(|f| f.root_data().is_some())
        .map(|f| f.mountable.clone())
        .collect()
}

/// CoreOS keeps its OS in a /usr (several, A/B): the newest one is merged into the root
/// and the /usr filesystems leave the list.
fn collect_coreos(fses: Vec<Fs>) -> Result<Vec<Fs>> {
    let is_coreos = |d: &Data| d.distro == Some("coreos");
    let (mut roots, mut usrs, mut others) = (Vec::new(), Vec::new(), Vec::new());
    for f in fses.iter().cloned() {
        match &f.role {
            Role::Root(d) if is_coreos(d) => roots.push(f),
            Role::Usr(d) if is_coreos(d) => usrs.push(f),
            _ => others.push(f),
        }
    }
    if roots.len() > 1 {
        return Err(Error::msg("multiple CoreOS root filesystems found"));
    }
    let (Some(mut root), false) = (roots.pop(), usrs.is_empty()) else {
        return Ok(fses);
    };
    let version = |f: &Fs| match &f.role {
        Role::Usr(d) => d.version.unwrap_or((0, 0)),
        _ => (0, 0),
    };
    // Newest first; among equals the one found last wins, as in 1.48's list handling.
    usrs.reverse();
    usrs.sort_by_key(|u| std::cmp::Reverse(version(u)));
    if let (Role::Root(rd), Role::Usr(ud)) = (&mut root.role, &usrs[0].role) {
        rd.merge_from(ud);
    }
    // 1.48 builds the others list back to front.
    others.reverse();
    let mut out = vec![root];
    out.extend(others);
    Ok(out)
}

/// A BSD root on an MBR primary partition is dropped when the same OS's root also shows
/// up elsewhere (the disklabel "shadow" of the same filesystem).
fn drop_duplicated_bsd_root(fses: Vec<Fs>) -> Vec<Fs> {
    let is_primary = |m: &str| {
        let Some(rest) = m.strip_prefix("/dev/") else {
            return false;
        };
        let b = rest.as_bytes();
        b.len() == 4 && matches!(b[0], b'h' | b's' | b'v') && b[1] == b'd' && matches!(b[3], b'1'..=b'4')
    };
    let bsd = |d: &Data| matches!(d.os_type, Some("freebsd" | "netbsd" | "openbsd"));
    let Some(i) = fses
        .iter()
        .position(|f| f.root_data().is_some_and(bsd) && is_primary(f.mountable.as_str()))
    else {
        return fses;
    };
    let t = fses[i].root_data().and_then(|d| d.os_type);
    let shadow = fses
        .iter()
        .enumerate()
        .any(|(j, f)| j != i && f.root_data().is_some_and(|d| d.os_type == t));
    if !shadow {
        return fses;
    }
    let mut fses = fses;
    fses.remove(i);
    fses
}

/// A Linux root whose fstab names a /usr filesystem gets that filesystem's findings.
fn merge_linux_usr(mut fses: Vec<Fs>) -> Vec<Fs> {
    let usrs: Vec<(CallerName, Data)> = fses
        .iter()
        .filter_map(|f| match &f.role {
            Role::Usr(d) => Some((f.mountable.clone(), d.clone())),
            _ => None,
        })
        .collect();
    for f in fses.iter_mut() {
        let Role::Root(rd) = &mut f.role else { continue };
        if rd.distro == Some("coreos") {
            continue;
        }
        if let Some((_, ud)) = usrs.iter().find(|(m, _)| rd.fstab.iter().any(|(fm, _)| fm == m)) {
            rd.merge_from(ud);
        }
    }
    fses
}

pub fn inspect_get_roots(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(root_names(&d.inspection))
}

/// The inspection data of `root` (the argument, in the appliance's spelling), and the
/// root's name as inspect_os handed it out.
fn root_data(d: &Daemon, root: &str) -> Result<(CallerName, Data)> {
    let name = d.devices.reverse_mountable(root);
    let fses = &d.inspection;
    if fses.is_empty() {
        return Err(Error::msg("no inspection data: call guestfs_inspect_os first"));
    }
    match fses.iter().find(|f| f.mountable == name).and_then(|f| f.root_data()) {
        Some(data) => Ok((name, data.clone())),
        // The message names the appliance device: it is translated once, when sent.
        None => Err(Error::msg(format!(
            "{root}: root device not found: only call this function with a root device previously returned by \
             guestfs_inspect_os"
        ))),
    }
}

fn text(s: Option<&str>) -> String {
    s.unwrap_or("unknown").to_string()
}

pub fn inspect_get_type(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.os_type))
}

pub fn inspect_get_distro(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.distro))
}

pub fn inspect_get_package_format(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.package_format))
}

pub fn inspect_get_package_management(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.package_management))
}

pub fn inspect_get_product_name(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.product_name.as_deref()))
}

pub fn inspect_get_product_variant(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.product_variant.as_deref()))
}

pub fn inspect_get_arch(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.arch.as_deref()))
}

pub fn inspect_get_hostname(d: &mut Daemon, root: &str) -> Result<String> {
    Ok(text(root_data(d, root)?.1.hostname.as_deref()))
}

pub fn inspect_get_major_version(d: &mut Daemon, root: &str) -> Result<i32> {
    Ok(root_data(d, root)?.1.version.map(|v| v.0).unwrap_or(0))
}

pub fn inspect_get_minor_version(d: &mut Daemon, root: &str) -> Result<i32> {
    Ok(root_data(d, root)?.1.version.map(|v| v.1).unwrap_or(0))
}

pub fn inspect_get_mountpoints(d: &mut Daemon, root: &str) -> Result<Vec<(String, CallerName)>> {
    let (root, data) = root_data(d, root)?;
    if data.fstab.is_empty() {
        return Ok(vec![("/".to_string(), root)]);
    }
    Ok(data
        .fstab
        .into_iter()
        .filter(|(_, mp)| mp.starts_with('/'))
        .map(|(m, mp)| (mp, m))
        .collect())
}

pub fn inspect_get_filesystems(d: &mut Daemon, root: &str) -> Result<Vec<CallerName>> {
    let (root, data) = root_data(d, root)?;
    if data.fstab.is_empty() {
        return Ok(vec![root]);
    }
    Ok(data.fstab.into_iter().map(|(m, _)| m).collect())
}

pub fn inspect_get_drive_mappings(d: &mut Daemon, root: &str) -> Result<Vec<(String, CallerName)>> {
    Ok(root_data(d, root)?.1.drive_mappings)
}

fn windows_value(v: Option<String>, what: &str) -> Result<String> {
    v.ok_or_else(|| Error::msg(format!("not a Windows guest, or {what}")))
}

pub fn inspect_get_windows_systemroot(d: &mut Daemon, root: &str) -> Result<String> {
    windows_value(
        root_data(d, root)?.1.windows_systemroot,
        "systemroot could not be determined",
    )
}

pub fn inspect_get_windows_system_hive(d: &mut Daemon, root: &str) -> Result<String> {
    windows_value(root_data(d, root)?.1.windows_system_hive, "system hive not found")
}

pub fn inspect_get_windows_software_hive(d: &mut Daemon, root: &str) -> Result<String> {
    windows_value(root_data(d, root)?.1.windows_software_hive, "software hive not found")
}

pub fn inspect_get_windows_current_control_set(d: &mut Daemon, root: &str) -> Result<String> {
    windows_value(
        root_data(d, root)?.1.windows_current_control_set,
        "CurrentControlSet could not be determined",
    )
}

/// Deprecated: 1.48 answers "installed" for any argument.
pub fn inspect_get_format(_d: &mut Daemon, _root: &str) -> Result<String> {
    Ok("installed".to_string())
}

/// Deprecated: always false in 1.48.
pub fn inspect_is_live(_d: &mut Daemon, _root: &str) -> Result<bool> {
    Ok(false)
}

/// Deprecated: always false in 1.48.
pub fn inspect_is_netinst(_d: &mut Daemon, _root: &str) -> Result<bool> {
    Ok(false)
}

/// Deprecated: always false in 1.48.
pub fn inspect_is_multipart(_d: &mut Daemon, _root: &str) -> Result<bool> {
    Ok(false)
}
