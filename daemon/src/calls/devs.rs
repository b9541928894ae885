//! Devices, partitions and filesystems: listing them, probing types/labels/UUIDs.

use guestfs_protocol::structs::InternalMountable;

use crate::cmd::{program_exists, Cmd};
use crate::daemon::Daemon;
use crate::devices::{split_partition, CallerName};
use crate::error::{Error, Result};
use crate::mountable::Mountable;

pub fn list_devices(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(d.devices.reverse_all(d.devices.disks()))
}

/// Every partition of the caller's disks (appliance names), in disk order.
pub fn all_partitions(d: &Daemon) -> Vec<String> {
    d.devices
        .disks()
        .iter()
        .flat_map(|disk| d.devices.partitions_of(disk))
        .collect()
}

pub fn list_partitions(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(d.devices.reverse_all(&all_partitions(d)))
}

/// `blkid -o value -s TAG`: Ok(None) when the tag is absent (blkid exits 2).
pub fn blkid_tag(device: &str, tag: &str) -> Result<Option<String>> {
    let o = Cmd::new("blkid")
        .args(["-c", "/dev/null", "-o", "value", "-s", tag, device])
        .run();
    match o.status {
        Some(0) => Ok(Some(o.out_text().trim_end_matches('\n').to_string())),
        Some(2) => Ok(None),
        _ => Err(Error::msg(format!("blkid: {device}: {tag}: {}", o.err_text()))),
    }
}

pub fn vfs_type_of(device: &str) -> Result<String> {
    Ok(blkid_tag(device, "TYPE")?.unwrap_or_default())
}

pub fn vfs_type(_d: &mut Daemon, mountable: &str) -> Result<String> {
    let m = Mountable::parse(mountable);
    vfs_type_of(m.device())
}

pub fn vfs_label(_d: &mut Daemon, mountable: &str) -> Result<String> {
    let m = Mountable::parse(mountable);
    Ok(blkid_tag(m.device(), "LABEL")?.unwrap_or_default())
}

pub fn vfs_uuid(_d: &mut Daemon, mountable: &str) -> Result<String> {
    let m = Mountable::parse(mountable);
    Ok(blkid_tag(m.device(), "UUID")?.unwrap_or_default())
}

pub fn blkid(d: &mut Daemon, device: &str) -> Result<Vec<(String, String)>> {
    let o = Cmd::new("blkid")
        .args(["-c", "/dev/null", "-p", "-i", "-o", "export", device])
        .run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    let pairs = parse_blkid_export(&o.out_text())
        .into_iter()
        .map(|(k, v)| {
            if k == "DEVNAME" {
                (k, d.devices.reverse(&v).into_string())
            } else {
                (k, v)
            }
        })
        .collect();
    Ok(pairs)
}

/// `KEY=VALUE` lines of `blkid -o export` (the DEVNAME line included, as in 1.48).
pub fn parse_blkid_export(s: &str) -> Vec<(String, String)> {
    s.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn part_to_dev(d: &mut Daemon, partition: &str) -> Result<CallerName> {
    let (dev, n) = split_partition(partition);
    if n == 0 {
        return Err(Error::msg("device name is not a partition"));
    }
    Ok(d.devices.reverse(&dev))
}

pub fn part_to_partnum(_d: &mut Daemon, partition: &str) -> Result<i32> {
    let (_, n) = split_partition(partition);
    if n == 0 {
        return Err(Error::msg("device name is not a partition"));
    }
    Ok(n as i32)
}

pub fn set_label(_d: &mut Daemon, mountable: &str, label: &str) -> Result<()> {
    let m = Mountable::parse(mountable);
    let dev = m.device().to_string();
    let t = vfs_type_of(&dev)?;
    let o = match t.as_str() {
        "btrfs" => Cmd::new("btrfs").args(["filesystem", "label", &dev, label]).run(),
        "msdos" | "fat" | "vfat" => Cmd::new("fatlabel").args([&dev, label]).run(),
        "ext2" | "ext3" | "ext4" => {
            if label.len() > 16 {
                return Err(Error::msg(format!("{label}: ext2/3/4 labels are limited to 16 bytes")));
            }
            Cmd::new("e2label").args([&dev, label]).run()
        }
        "xfs" => {
            if label == "---" {
                return Err(Error::msg("xfs: invalid new label"));
            }
            Cmd::new("xfs_admin").args(["-L", label, &dev]).run()
        }
        "swap" => Cmd::new("swaplabel").args(["-L", label, &dev]).run(),
        "ntfs" => Cmd::new("ntfslabel").args([&dev, label]).run(),
        _ => {
            return Err(Error::with_errno(
                libc::ENOTSUP,
                format!("don't know how to set the label for '{t}' filesystems"),
            ))
        }
    };
    if !o.ok() {
        return Err(Error::msg(o.err_or_out()));
    }
    Ok(())
}

/// MBR extended partitions and GPT partition types that never hold a filesystem.
fn partition_can_hold_fs(part: &str) -> bool {
    let (disk, n) = split_partition(part);
    let o = Cmd::new("sfdisk").args(["--part-type", &disk, &n.to_string()]).run();
    if !o.ok() {
        return true;
    }
    let t = o.out_text().trim().to_ascii_uppercase();
    !matches!(
        t.as_str(),
        "5" | "F"
            | "85"
            // MBR type 0x42: a Windows dynamic disk (LDM) partition, as sgdisk maps it.
            | "42"
            | "5808C8AA-7E8F-42E0-85D2-E1E90434CFB3"
            | "AF9B60A0-1431-4F62-BC68-3311714A69AD"
            | "E3C9E316-0B5C-4DB8-817D-F92DF00215AE"
            | "CADDEBF1-4400-4DE8-B103-12117DCF3CCF"
    )
}

pub fn list_filesystems(d: &mut Daemon) -> Result<Vec<(CallerName, String)>> {
    let mut cands: Vec<String> = Vec::new();
    for disk in d.devices.disks() {
        if !d.devices.has_partitions(disk) {
            cands.push(disk.clone());
        }
    }
    // Device-mapper devices that are not LVs (opened LUKS volumes holding a filesystem
    // directly, LDM volumes and partitions ...), between the disks and the partitions as
    // in 1.48 (LDM volumes come again at the end, as in 1.48).
    cands.extend(dm_devices().into_iter().filter(|dm| !dm_has_partitions(dm)));
    cands.extend(all_partitions(d).into_iter().filter(|p| partition_can_hold_fs(p)));
    // md arrays: their partitions if they have some, else the array itself (as 1.48).
    for md in md_devices() {
        let parts = md_partitions(&md);
        if parts.is_empty() {
            cands.push(md);
        } else {
            cands.extend(parts.into_iter().filter(|p| partition_can_hold_fs(p)));
        }
    }
    if program_exists("lvm") {
        cands.extend(super::lvm::list_lvs().unwrap_or_default());
    }
    // Windows dynamic disk volumes (their member partitions are left out above).
    // (Listed twice with the device-mapper devices, as 1.48 does.)
    if program_exists("ldmtool") {
        cands.extend(super::ldm::list_mapper("ldm_vol_"));
    }
    let mut out = Vec::new();
    for dev in cands {
        let t = match vfs_type_of(&dev) {
            Ok(t) => t,
            Err(e) => {
                crate::vlog!("check_with_vfs_type: {dev}: {}", e.msg);
                String::new()
            }
        };
        let key = d.devices.reverse(&dev);
        if t.is_empty() {
            out.push((key, "unknown".to_string()));
        } else if t.ends_with("_member") || t == "crypto_LUKS" || t == "BitLocker" {
            continue;
        } else if t == "btrfs" {
            // The whole device is the default subvolume; every other subvolume is a
            // filesystem of its own (btrfsvol:DEVICE/PATH).
            let vols = super::btrfs::non_default_subvolumes(&dev).unwrap_or_else(|e| {
                crate::vlog!("list_filesystems: {dev}: {}", e.msg);
                Vec::new()
            });
            out.push((key.clone(), t));
            out.extend(vols.into_iter().map(|v| {
                let vol = d.devices.reverse_mountable(&format!("btrfsvol:{dev}/{v}"));
                (vol, "btrfs".to_string())
            }));
        } else {
            out.push((key, t));
        }
    }
    Ok(out)
}

pub fn nr_devices(d: &mut Daemon) -> Result<i32> {
    Ok(d.devices.disks().len() as i32)
}

pub fn is_whole_device(_d: &mut Daemon, device: &str) -> Result<bool> {
    let name = device.trim_start_matches("/dev/");
    Ok(std::path::Path::new("/sys/block").join(name).join("device").exists())
}

/// The SCSI serial (qemu's serial=, libguestfs's drive label) of a disk, from sysfs.
fn scsi_serial(disk: &str) -> Option<String> {
    let name = disk.trim_start_matches("/dev/");
    let raw = std::fs::read(format!("/sys/block/{name}/device/vpd_pg80")).ok()?;
    let len = *raw.get(3)? as usize;
    let s = String::from_utf8_lossy(raw.get(4..4 + len)?).trim().to_string();
    (!s.is_empty()).then_some(s)
}

pub fn list_disk_labels(d: &mut Daemon) -> Result<Vec<(String, CallerName)>> {
    let mut out = Vec::new();
    for disk in d.devices.disks() {
        if let Some(label) = scsi_serial(disk) {
            out.push((label.clone(), d.devices.reverse(disk)));
            for p in d.devices.partitions_of(disk) {
                let (_, n) = split_partition(&p);
                out.push((format!("{label}{n}"), d.devices.reverse(&p)));
            }
        }
    }
    Ok(out)
}

fn partnum_ok(n: i32) -> Result<()> {
    if n <= 0 {
        return Err(Error::msg("partition number must be >= 1"));
    }
    Ok(())
}

pub fn mbr_id(device: &str, partnum: i32) -> Result<i32> {
    partnum_ok(partnum)?;
    let o = Cmd::new("sfdisk")
        .args(["--part-type", device, &partnum.to_string()])
        .run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "sfdisk exited with status {}: {}",
            o.status.unwrap_or(-1),
            o.err_text()
        )));
    }
    let t = o.out_text();
    i32::from_str_radix(t.trim(), 16).map_err(|_| Error::msg(format!("sfdisk: cannot parse the MBR id: {}", t.trim())))
}

pub fn part_get_mbr_id(_d: &mut Daemon, device: &str, partnum: i32) -> Result<i32> {
    mbr_id(device, partnum)
}

pub fn part_set_mbr_id(_d: &mut Daemon, device: &str, partnum: i32, idbyte: i32) -> Result<()> {
    partnum_ok(partnum)?;
    let o = Cmd::new("sfdisk")
        .args(["--part-type", device, &partnum.to_string(), &format!("{idbyte:x}")])
        .run();
    super::parted::settle(device);
    if !o.ok() {
        return Err(Error::msg(format!("sfdisk: {}", o.err_text())));
    }
    Ok(())
}

pub fn part_get_mbr_part_type(_d: &mut Daemon, device: &str, partnum: i32) -> Result<String> {
    let n = partnum;
    let parttype = super::parted::parttype(device)?;
    let id = mbr_id(device, n)?;
    let t = match (parttype.as_str(), n) {
        ("msdos", 1..=4) if id == 0x05 || id == 0x0f => "extended",
        ("msdos", 1..=4) => "primary",
        ("msdos", _) => "logical",
        _ => "primary",
    };
    Ok(t.to_string())
}

/// md devices (/dev/mdN) present in sysfs.
pub fn list_md_devices(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(d.devices.reverse_all(&md_devices()))
}

/// /dev/mdN for every md array the kernel has, sorted.
pub fn md_devices() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("/sys/block")
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.len() >= 3 && n.starts_with("md") && n.as_bytes()[2].is_ascii_digit())
                .map(|n| format!("/dev/{n}"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The partitions of an md array (/dev/mdNpM), sorted; empty when it has none.
fn md_partitions(md: &str) -> Vec<String> {
    let name = md.trim_start_matches("/dev/");
    let mut v: Vec<String> = std::fs::read_dir(format!("/sys/block/{name}"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(name) && n[name.len()..].starts_with('p'))
                .map(|n| format!("/dev/{n}"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Whether a device-mapper device has partitions (sysfs lists them under its dm-N).
fn dm_has_partitions(dm: &str) -> bool {
    let Ok(real) = std::fs::canonicalize(dm) else {
        return false;
    };
    let Some(name) = real.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return false;
    };
    std::fs::read_dir(format!("/sys/block/{name}"))
        .map(|rd| rd.flatten().any(|e| e.file_name().to_string_lossy().starts_with(&name)))
        .unwrap_or(false)
}

/// Device-mapper devices that are not LVs, as /dev/mapper/NAME.
pub fn list_dm_devices(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(d.devices.reverse_all(&dm_devices()))
}

/// /dev/mapper/NAME of every device-mapper device but LVs (and the control node), sorted.
fn dm_devices() -> Vec<String> {
    let lvs: Vec<std::path::PathBuf> = if program_exists("lvm") {
        super::lvm::list_lvs()
            .unwrap_or_default()
            .iter()
            .filter_map(|l| std::fs::canonicalize(l).ok())
            .collect()
    } else {
        Vec::new()
    };
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir("/dev/mapper") {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name == "control" {
                continue;
            }
            let p = e.path();
            let real = std::fs::canonicalize(&p).unwrap_or(p.clone());
            if !lvs.contains(&real) {
                v.push(format!("/dev/mapper/{name}"));
            }
        }
    }
    v.sort();
    v
}

/// The device holding a filesystem with this LABEL/UUID (blkid's search, cache off).
pub fn findfs(tag: &str, value: &str) -> Result<String> {
    let o = Cmd::new("findfs").arg(format!("{tag}={value}")).run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "findfs exited with status {}: {}",
            o.status.unwrap_or(-1),
            o.err_text()
        )));
    }
    let out = o.out_text().trim().to_string();
    // A device-mapper answer that is an LV gets its /dev/VG/LV name, as in 1.48.
    if out.starts_with("/dev/mapper/") || out.starts_with("/dev/dm-") {
        if let Ok(Some(lv)) = super::lvm::lv_canonical(&out) {
            return Ok(lv);
        }
    }
    Ok(out)
}

pub fn findfs_label(d: &mut Daemon, label: &str) -> Result<CallerName> {
    Ok(d.devices.reverse(&findfs("LABEL", label)?))
}

pub fn findfs_uuid(d: &mut Daemon, uuid: &str) -> Result<CallerName> {
    Ok(d.devices.reverse(&findfs("UUID", uuid)?))
}

/// {im_type (0 device, 1 btrfsvol, 2 path), im_device, im_volume}, device reverse-translated.
pub fn internal_parse_mountable(d: &mut Daemon, mountable: &str) -> Result<InternalMountable> {
    let (t, dev, vol) = match Mountable::parse(mountable) {
        Mountable::Device(dv) => (0, d.devices.reverse(&dv).into_string(), String::new()),
        Mountable::BtrfsVol { device, volume } => (1, d.devices.reverse(&device).into_string(), volume),
        Mountable::Path(p) => (2, p, String::new()),
    };
    Ok(InternalMountable {
        im_type: t,
        im_device: dev.into(),
        im_volume: vol.into(),
    })
}

fn proc_filesystems_has(fs: &str) -> bool {
    std::fs::read_to_string("/proc/filesystems")
        .unwrap_or_default()
        .lines()
        .any(|l| l.split_whitespace().last() == Some(fs))
}

pub fn filesystem_available(_d: &mut Daemon, filesystem: &str) -> Result<bool> {
    let fs = filesystem;
    if !fs.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(Error::msg("filesystem name contains non-alphanumeric characters"));
    }
    crate::init::wait_for_modules();
    if proc_filesystems_has(fs) {
        return Ok(true);
    }
    let _ = Cmd::new("modprobe").arg(fs).run();
    Ok(proc_filesystems_has(fs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blkid_export_parsing() {
        let v = parse_blkid_export("DEVNAME=/dev/sda1\nUUID=abc\nTYPE=ext2\nUSAGE=filesystem\n");
        assert_eq!(v[0], ("DEVNAME".into(), "/dev/sda1".into()));
        assert_eq!(v[2], ("TYPE".into(), "ext2".into()));
        assert_eq!(v.len(), 4);
    }
}
