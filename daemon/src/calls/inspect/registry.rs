//! What Windows inspection reads from the registry hives (through `hive`): product name,
//! variant and version from SOFTWARE; control set, hostname and drive letters from
//! SYSTEM.

use super::guest::Guest;
use super::hive::{Hive, MAX_HIVE_SIZE, REG_BINARY};
use super::release::version_from_major_minor;
use crate::calls::{devs, gpt, parted};
use crate::daemon::Daemon;
use crate::devices::CallerName;
use crate::inspection::Data;

fn open(g: &Guest, path: &str) -> Option<Hive> {
    Hive::new(g.read_bounded(path, MAX_HIVE_SIZE)?)
}

pub fn read_software(g: &Guest, path: &str, data: &mut Data) {
    let Some(h) = open(g, path) else { return };
    let Some(node) = h.path(&["Microsoft", "Windows NT", "CurrentVersion"]) else {
        return;
    };
    let values = h.values(node);
    // Value names are matched exactly, as 1.48 does.
    let get = |name: &str| values.iter().find(|v| v.name == name);
    if let Some(s) = get("ProductName").and_then(|v| v.string()) {
        data.product_name = Some(s);
    }
    let major = get("CurrentMajorVersionNumber").and_then(|v| v.dword());
    let minor = get("CurrentMinorVersionNumber").and_then(|v| v.dword());
    match (major, minor) {
        (Some(ma), Some(mi)) => data.version = Some((ma as i32, mi as i32)),
        _ => {
            if let Some(v) = get("CurrentVersion")
                .and_then(|v| v.string())
                .and_then(|s| version_from_major_minor(&s))
            {
                data.version = Some(v);
            }
        }
    }
    if let Some(s) = get("InstallationType").and_then(|v| v.string()) {
        data.product_variant = Some(s);
    }
}

pub fn read_system(d: &mut Daemon, g: &Guest, path: &str, data: &mut Data) {
    let Some(h) = open(g, path) else { return };
    data.drive_mappings = drive_mappings(d, &h);
    let ccs = h
        .path(&["Select"])
        .and_then(|n| h.values(n).into_iter().find(|v| v.name.eq_ignore_ascii_case("Current")))
        .and_then(|v| v.dword())
        .map(|n| format!("ControlSet{n:03}"));
    if let Some(ccs) = &ccs {
        let params = h.path(&[ccs, "Services", "Tcpip", "Parameters"]);
        if let Some(n) = params {
            if let Some(s) = h
                .values(n)
                .into_iter()
                .find(|v| v.name == "Hostname")
                .and_then(|v| v.string())
            {
                data.hostname = Some(s);
            }
        }
    }
    data.windows_current_control_set = ccs;
}

/// `\DosDevices\X:` values of \MountedDevices → (letter, partition).
fn drive_mappings(d: &mut Daemon, h: &Hive) -> Vec<(String, CallerName)> {
    let Some(node) = h.path(&["MountedDevices"]) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in h.values(node) {
        let Some(letter) = dos_device_letter(&v.name) else {
            continue;
        };
        if v.typ != REG_BINARY {
            continue;
        }
        let letter = letter.to_string();
        let dev = if v.data.len() >= 24 && v.data.starts_with(b"DMIO:ID:") {
            gpt_partition(d, &v.data)
        } else if v.data.len() == 12 {
            mbr_partition(d, &v.data)
        } else {
            None
        };
        if let Some(dev) = dev {
            out.push((letter, d.devices.reverse(&dev)));
        }
    }
    out
}

/// The drive letter of a `\DosDevices\X:` value name (case-insensitive). Compared as
/// bytes: value names are guest data and may hold any character at any offset.
fn dos_device_letter(name: &str) -> Option<char> {
    let k = name.as_bytes();
    let (prefix, rest) = (k.get(..12)?, &k[12..]);
    if !prefix.eq_ignore_ascii_case(b"\\dosdevices\\") {
        return None;
    }
    match rest {
        [l, b':', ..] if l.is_ascii_alphabetic() => Some(*l as char),
        _ => None,
    }
}

/// Partition table type of a disk (appliance name).
fn parttype(d: &mut Daemon, disk: &str) -> Option<String> {
    parted::part_get_parttype(d, disk).ok()
}

/// MBR: a 4-byte disk signature (MBR offset 0x1b8) and the partition's byte offset.
fn mbr_partition(d: &mut Daemon, blob: &[u8]) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let start = u64::from_le_bytes(blob[4..12].try_into().ok()?);
    for real in d.devices.disks().to_vec() {
        if parttype(d, &real).as_deref() != Some("msdos") {
            continue;
        }
        let mut sig = [0u8; 4];
        let ok = std::fs::File::open(&real)
            .and_then(|mut f| f.seek(SeekFrom::Start(0x1b8)).and_then(|_| f.read_exact(&mut sig)))
            .is_ok();
        if !ok || sig != blob[..4] {
            continue;
        }
        let parts = parted::part_list(d, &real).ok()?;
        for p in parts {
            if p.part_start == start {
                return Some(format!("{real}{}", p.part_num));
            }
        }
        return None;
    }
    None
}

/// GPT: `DMIO:ID:` and the partition GUID (first three fields LE, the last 8 bytes BE).
fn gpt_partition(d: &mut Daemon, blob: &[u8]) -> Option<String> {
    let g = &blob[8..24];
    let guid = format!(
        "{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{}",
        u32::from_le_bytes(g[0..4].try_into().ok()?),
        u16::from_le_bytes(g[4..6].try_into().ok()?),
        u16::from_le_bytes(g[6..8].try_into().ok()?),
        g[8],
        g[9],
        g[10..16].iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    for part in devs::all_partitions(d) {
        let (disk, num) = crate::devices::split_partition(&part);
        if parttype(d, &disk).as_deref() != Some("gpt") {
            continue;
        }
        if gpt::part_get_gpt_guid(d, &disk, num as i32).is_ok_and(|x| x.to_ascii_lowercase() == guid) {
            return Some(part);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dos_device_names() {
        assert_eq!(dos_device_letter("\\DosDevices\\C:"), Some('C'));
        assert_eq!(dos_device_letter("\\dosdevices\\d:"), Some('d'));
        assert_eq!(dos_device_letter("\\??\\Volume{x}"), None);
        assert_eq!(dos_device_letter("\\DosDevices\\1:"), None);
        // The review's reproducer: a multibyte character across byte 12.
        assert_eq!(dos_device_letter(&format!("a{}", "é".repeat(10))), None);
        assert_eq!(dos_device_letter(&format!("\\DosDevices{}", "é".repeat(4))), None);
        assert_eq!(dos_device_letter("\\DosDevices\\é"), None);
        for n in 0..40 {
            let _ = dos_device_letter(&"é".repeat(n));
            let _ = dos_device_letter(&format!("a{}", "€".repeat(n)));
        }
    }
}
