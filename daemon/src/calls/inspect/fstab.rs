//! /etc/fstab → (mountable, mountpoint) pairs, with the guest's device names mapped to
//! the appliance's (UUID=, LABEL=, /dev/mapper, /dev/sdXN by index, /dev/disk/by-id,
//! btrfs subvol=). Our own parser of the fstab format stands in for augeas.

use crate::calls::{devs, md};
use crate::daemon::Daemon;
use crate::devices::CallerName;
pub use guestfs_guestdata::fstab::{canonical_path, mdadm_arrays, parse, parse_md_uuid};

fn skipped_spec(spec: &str) -> bool {
    let digit_at_7 = |p: &str| spec.starts_with(p) && spec.as_bytes().get(7).is_some_and(|b| b.is_ascii_digit());
    digit_at_7("/dev/fd")
        || digit_at_7("/dev/cd")
        || spec == "/dev/floppy"
        || spec == "/dev/cdrom"
        || spec.starts_with("/dev/iso9660/")
}

fn skipped_mountpoint(mp: &str) -> bool {
    let at_or_below = |p: &str| mp == p || mp.strip_prefix(p).is_some_and(|r| r.starts_with('/'));
    at_or_below("/dev")
        || mp.starts_with("/media/")
        || at_or_below("/proc")
        || at_or_below("/selinux")
        || at_or_below("/sys")
}

fn is_partition(d: &Daemon, dev: &str) -> bool {
    devs::all_partitions(d).iter().any(|p| p == dev)
}

/// `/dev/(h|s|v|xv)d<letters><digits>` → (letters, digits).
fn split_xdev(spec: &str) -> Option<(&str, &str)> {
    let rest = spec.strip_prefix("/dev/")?;
    let rest = ["xvd", "hd", "sd", "vd"].iter().find_map(|p| rest.strip_prefix(p))?;
    let n = rest.bytes().take_while(|b| b.is_ascii_lowercase()).count();
    let (letters, digits) = rest.split_at(n);
    (n > 0 && digits.bytes().all(|b| b.is_ascii_digit())).then_some((letters, digits))
}

/// The guest's md device names → the appliance's md devices, matched by array UUID.
pub fn md_map(d: &mut Daemon, conf_texts: &[String]) -> Vec<(String, String)> {
    let arrays: Vec<(String, String)> = conf_texts.iter().flat_map(|t| mdadm_arrays(t)).collect();
    if arrays.is_empty() {
        return Vec::new();
    }
    let mut by_uuid = Vec::new();
    for dev in devs::md_devices() {
        for (k, v) in md::md_detail(d, &dev).unwrap_or_default() {
            if k == "uuid" {
                if let Some(u) = parse_md_uuid(&v) {
                    by_uuid.push((u, dev.clone()));
                }
            }
        }
    }
    arrays
        .into_iter()
        .filter_map(|(dev, u)| by_uuid.iter().find(|(bu, _)| *bu == u).map(|(_, md)| (dev, md.clone())))
        .collect()
}

fn is_md_n(spec: &str) -> bool {
    spec.strip_prefix("/dev/md")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A `/dev/…` spec to the appliance's mountable; unknown ones are kept as written.
fn resolve_device(d: &mut Daemon, spec: &str, md: &[(String, String)]) -> String {
    if spec.starts_with("/dev/mapper") {
        return match super::super::lvm::lv_canonical(spec) {
            Ok(Some(lv)) => lv,
            _ => spec.to_string(),
        };
    }
    if let Some((letters, part)) = split_xdev(spec) {
        let disks = d.devices.disks();
        if let Some(dev) = crate::devices::drive_index(letters).and_then(|i| disks.get(i)) {
            let dev = format!("{dev}{part}");
            if is_partition(d, &dev) {
                return dev;
            }
        }
        return spec.to_string();
    }
    if is_md_n(spec) {
        return md
            .iter()
            .find(|(dev, _)| dev == spec)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| spec.to_string());
    }
    if let Some(rest) = spec.strip_prefix("/dev/disk/by-id/") {
        if let Some((_, n)) = rest.rsplit_once("-part") {
            let numbered = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
            // Only with a single disk, which is then the one the guest's by-id names.
            if let (true, [disk]) = (numbered, d.devices.disks()) {
                let dev = format!("{disk}{n}");
                if is_partition(d, &dev) {
                    return dev;
                }
            }
        }
    }
    spec.to_string()
}

/// The (mountable, mountpoint) pairs of the guest's fstab text. `root` stands for
/// `/dev/root` (and for `/` on the BSDs). Specs are resolved to appliance names, then
/// translated once into the caller's.
/// `md` maps the guest's /dev/mdN names to the appliance's (see `md_map`).
pub fn mountpoints(
    d: &mut Daemon,
    text: &str,
    root: &CallerName,
    bsd: bool,
    md: &[(String, String)],
) -> Vec<(CallerName, String)> {
    let mut out = Vec::new();
    for e in parse(text) {
        if skipped_spec(&e.spec) {
            continue;
        }
        let mp = canonical_path(&e.file);
        if skipped_mountpoint(&mp) {
            continue;
        }
        let spec = &e.spec;
        let mountable = if let Some(uuid) = spec.strip_prefix("UUID=") {
            let uuid = super::release::shell_unquote(uuid);
            devs::findfs("UUID", &uuid).ok()
        } else if let Some(label) = spec.strip_prefix("LABEL=") {
            let label = super::release::shell_unquote(label);
            devs::findfs("LABEL", &label).ok()
        } else if spec == "/dev/root" || (bsd && mp == "/") {
            Some(d.devices.appliance_name(root))
        } else if spec.starts_with("/dev/") {
            Some(resolve_device(d, spec, md))
        } else {
            None
        };
        let Some(mut mountable) = mountable else { continue };
        if e.vfstype == "btrfs" && !mountable.starts_with("btrfsvol:") {
            if let Some((_, Some(vol))) = e.opts.iter().find(|(k, v)| k == "subvol" && v.is_some()) {
                mountable = format!("btrfsvol:{mountable}/{vol}");
            }
        }
        out.push((d.devices.reverse_mountable(&mountable), mp));
    }
    // 1.48 hands the entries back last first (inspect_get_filesystems shows that order).
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines() {
        let e = parse("# c\nLABEL=BOOT /boot ext2 default 0 0\n\nUUID=x / btrfs subvol=root,ro 0 1\nbad line\n");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].spec, "LABEL=BOOT");
        assert_eq!(e[1].opts[0], ("subvol".to_string(), Some("root".to_string())));
        assert_eq!(e[1].opts[1], ("ro".to_string(), None));
    }

    #[test]
    fn filters() {
        assert!(skipped_mountpoint("/proc"));
        assert!(skipped_mountpoint("/sys/kernel"));
        assert!(skipped_mountpoint("/media/cdrom"));
        assert!(!skipped_mountpoint("/media"));
        assert!(!skipped_mountpoint("/devel"));
        assert!(skipped_spec("/dev/fd0"));
        assert!(!skipped_spec("/dev/fdisk"));
        assert_eq!(canonical_path("//usr//local/"), "/usr/local");
        assert_eq!(split_xdev("/dev/xvda1"), Some(("a", "1")));
        assert_eq!(split_xdev("/dev/sdb"), Some(("b", "")));
        assert_eq!(split_xdev("/dev/sda1x"), None);
        assert!(is_md_n("/dev/md0") && !is_md_n("/dev/md") && !is_md_n("/dev/md/0"));
    }

    #[test]
    fn mdadm_conf() {
        let t = "DEVICE partitions\nARRAY /dev/md0 metadata=1.2 name=h:0 UUID=0123abcd:4567ef01:89abcdef:01234567\n\
ARRAY /dev/md1 uuid=bad\n# ARRAY /dev/md2 UUID=0123abcd:4567ef01:89abcdef:01234567\n";
        assert_eq!(
            mdadm_arrays(t),
            vec![("/dev/md0".to_string(), "0123abcd4567ef0189abcdef01234567".to_string())]
        );
        assert_eq!(parse_md_uuid("0123ABCD-4567-ef01-89ab-cdef01234567").unwrap().len(), 32);
        assert_eq!(parse_md_uuid("0123"), None);
    }
}
