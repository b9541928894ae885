//! Devices, partitions and filesystems: listing them, probing types/labels/UUIDs.

use guestfs_protocol::RetValue;

use super::{hashtable, str_list, Handler};
use crate::cmd::{program_exists, Cmd};
use crate::daemon::Daemon;
use crate::devices::split_partition;
use crate::error::{Error, Result};
use crate::mountable::Mountable;
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("list_devices", list_devices),
    ("list_partitions", list_partitions),
    ("list_filesystems", list_filesystems),
    ("part_to_dev", part_to_dev),
    ("part_to_partnum", part_to_partnum),
    ("blkid", blkid),
    ("vfs_type", vfs_type),
    ("vfs_label", vfs_label),
    ("vfs_uuid", vfs_uuid),
    ("set_label", set_label),
];

fn list_devices(d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(d.devices.disks().to_vec()))
}

fn all_partitions(d: &Daemon) -> Vec<String> {
    d.devices.disks().iter().flat_map(|disk| d.devices.partitions_of(disk)).collect()
}

fn list_partitions(d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(all_partitions(d)))
}

/// `blkid -o value -s TAG`: Ok(None) when the tag is absent (blkid exits 2).
pub fn blkid_tag(device: &str, tag: &str) -> Result<Option<String>> {
    let o = Cmd::new("blkid").args(["-c", "/dev/null", "-o", "value", "-s", tag, device]).run();
    match o.status {
        Some(0) => Ok(Some(o.out_text().trim_end_matches('\n').to_string())),
        Some(2) => Ok(None),
        _ => Err(Error::msg(format!("blkid: {device}: {tag}: {}", o.err_text()))),
    }
}

pub fn vfs_type_of(device: &str) -> Result<String> {
    Ok(blkid_tag(device, "TYPE")?.unwrap_or_default())
}

fn vfs_type(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let m = Mountable::parse(&r.str(0));
    Ok(RetValue::Str(vfs_type_of(m.device())?.into_bytes()))
}

fn vfs_label(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let m = Mountable::parse(&r.str(0));
    Ok(RetValue::Str(blkid_tag(m.device(), "LABEL")?.unwrap_or_default().into_bytes()))
}

fn vfs_uuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let m = Mountable::parse(&r.str(0));
    Ok(RetValue::Str(blkid_tag(m.device(), "UUID")?.unwrap_or_default().into_bytes()))
}

fn blkid(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let o = Cmd::new("blkid").args(["-c", "/dev/null", "-p", "-i", "-o", "export", &dev]).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    let pairs = parse_blkid_export(&o.out_text())
        .into_iter()
        .map(|(k, v)| if k == "DEVNAME" { (k, d.devices.reverse(&v)) } else { (k, v) })
        .collect();
    Ok(hashtable(pairs))
}

/// `KEY=VALUE` lines of `blkid -o export` (the DEVNAME line included, as in 1.48).
pub fn parse_blkid_export(s: &str) -> Vec<(String, String)> {
    s.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn part_to_dev(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (dev, n) = split_partition(&r.str(0));
    if n == 0 {
        return Err(Error::msg("device name is not a partition"));
    }
    Ok(RetValue::Str(dev.into_bytes()))
}

fn part_to_partnum(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (_, n) = split_partition(&r.str(0));
    if n == 0 {
        return Err(Error::msg("device name is not a partition"));
    }
    Ok(RetValue::Int(n as i32))
}

fn set_label(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let m = Mountable::parse(&r.str(0));
    let dev = m.device().to_string();
    let label = r.str(1);
    let t = vfs_type_of(&dev)?;
    let o = match t.as_str() {
        "btrfs" => Cmd::new("btrfs").args(["filesystem", "label", &dev, &label]).run(),
        "msdos" | "fat" | "vfat" => Cmd::new("fatlabel").args([&dev, &label]).run(),
        "ext2" | "ext3" | "ext4" => {
            if label.len() > 16 {
                return Err(Error::msg(format!("{label}: ext2 labels are limited to 16 bytes")));
            }
            Cmd::new("e2label").args([&dev, &label]).run()
        }
        "xfs" => {
            if label == "---" {
                return Err(Error::msg("xfs: invalid new label"));
            }
            Cmd::new("xfs_admin").args(["-L", &label, &dev]).run()
        }
        "swap" => Cmd::new("swaplabel").args(["-L", &label, &dev]).run(),
        "ntfs" => Cmd::new("ntfslabel").args([&dev, &label]).run(),
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
    Ok(RetValue::None)
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
        "5" | "F" | "85"
            | "5808C8AA-7E8F-42E0-85D2-E1E90434CFB3"
            | "AF9B60A0-1431-4F62-BC68-3311714A69AD"
            | "E3C9E316-0B5C-4DB8-817D-F92DF00215AE"
            | "CADDEBF1-4400-4DE8-B103-12117DCF3CCF"
    )
}

fn list_filesystems(d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    let mut cands: Vec<String> = Vec::new();
    for disk in d.devices.disks() {
        if !d.devices.has_partitions(disk) {
            cands.push(disk.clone());
        }
    }
    cands.extend(all_partitions(d).into_iter().filter(|p| partition_can_hold_fs(p)));
    if program_exists("lvm") {
        cands.extend(super::lvm::list_lvs().unwrap_or_default());
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
        } else {
            out.push((key, t));
        }
    }
    Ok(hashtable(out))
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
