//! Block devices: which disks the caller added (in the order they were added), their
//! partitions, and translation between the caller's `/dev/sdX` names and the real nodes.
//!
//! 1.48 orders disks by `ls -1v /dev/disk/by-path` (udev). We have no udev, so we read
//! sysfs: SCSI disks by their host:channel:target:lun address, virtio-blk disks by the
//! sysfs path of their PCI device. The appliance's own root disk (present only when the
//! stock libguestfs library drives this appliance as a "fixed appliance") is hidden.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Kernel name prefixes of the disks we expose.
const DISK_PREFIXES: [&str; 5] = ["sd", "vd", "hd", "ubd", "sr"];

/// A device or mountable name in the caller's spelling (`/dev/sda1`, `/dev/VG/LV`,
/// `btrfsvol:/dev/sda2/root`): what an action hands back where the table says `device` or
/// `mountable`. Made from an appliance name only by [`Devices::reverse`] or
/// [`Devices::reverse_mountable`], so a name handed back untranslated, or translated
/// twice, shows in the types (under another kernel naming than the caller's disk order,
/// translating `/dev/sda1` twice gives `/dev/sdb1`). No `Display`: error messages are
/// written with appliance names and translated as a whole when they are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerName(String);

impl CallerName {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Unit tests build inspection results from literal names.
#[cfg(test)]
impl From<&str> for CallerName {
    fn from(s: &str) -> CallerName {
        CallerName(s.to_string())
    }
}

impl From<CallerName> for Vec<u8> {
    fn from(n: CallerName) -> Vec<u8> {
        n.0.into_bytes()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Devices {
    /// Real device nodes (`/dev/sda`, `/dev/vdb`, …) in caller order.
    disks: Vec<String>,
    sys: PathBuf,
    /// Device numbers (st_rdev) of the hidden appliance disks (our tools disk, or the
    /// root disk of a libguestfs fixed appliance): never handed to a call.
    hidden: Vec<u64>,
}

impl Devices {
    /// Scan `/sys/block` (given as `sys_block`), hiding the disk whose ext2/3/4 UUID is
    /// `hide_uuid` (the `root=UUID=` of the kernel command line). `ifaces` is the
    /// launch's `guestfs_rs_ifaces=`: one letter per added drive giving its interface
    /// (see [`caller_order`]); without it disks are in bus order.
    pub fn scan(sys_block: &Path, dev: &Path, hide_uuid: Option<&str>, ifaces: Option<&str>) -> Devices {
        let mut hidden = Vec::new();
        let mut found: Vec<(SortKey, String)> = Vec::new();
        if let Ok(rd) = fs::read_dir(sys_block) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !is_disk_name(&name) {
                    continue;
                }
                let node = dev.join(&name);
                // Empty CD-ROM drives (and vanished disks) cannot be opened: skip them as 1.48 does.
                if fs::File::open(&node).is_err() {
                    continue;
                }
                if let Some(u) = hide_uuid {
                    if ext_uuid(&node).is_some_and(|x| x.eq_ignore_ascii_case(u)) {
                        crate::vlog!("guestfsd: hiding appliance root disk {}", node.display());
                        if let Ok(m) = fs::metadata(&node) {
                            use std::os::unix::fs::MetadataExt;
                            hidden.push(m.rdev());
                        }
                        continue;
                    }
                }
                found.push((sort_key(&sys_block.join(&name), &name), format!("/dev/{name}")));
            }
        }
        found.sort();
        let disks = match ifaces {
            Some(letters) => {
                let classed = found.into_iter().map(|(k, d)| (iface_class(&k.path, &d), d)).collect();
                caller_order(letters, classed)
            }
            None => found.into_iter().map(|(_, d)| d).collect(),
        };
        Devices {
            disks,
            sys: sys_block.to_path_buf(),
            hidden,
        }
    }

    /// A fixed list, for tests.
    #[cfg(test)]
    pub fn from_list(disks: &[&str]) -> Devices {
        Devices {
            disks: disks.iter().map(|s| s.to_string()).collect(),
            sys: "/sys/block".into(),
            hidden: Vec::new(),
        }
    }

    /// Whether a device node is one of the hidden appliance disks (by device number, so
    /// any alias of the node is caught too).
    pub fn is_hidden(&self, node: &str) -> bool {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        !self.hidden.is_empty()
            && fs::metadata(node).is_ok_and(|m| m.file_type().is_block_device() && self.hidden.contains(&m.rdev()))
    }

    /// Real nodes of the user's disks, in order.
    pub fn disks(&self) -> &[String] {
        &self.disks
    }

    /// Partitions of one real disk (`/dev/sda` → `/dev/sda1`, …) in partition-number order.
    pub fn partitions_of(&self, disk: &str) -> Vec<String> {
        let name = disk.trim_start_matches("/dev/");
        let mut parts: Vec<(u32, String)> = Vec::new();
        if let Ok(rd) = fs::read_dir(self.sys.join(name)) {
            for e in rd.flatten() {
                let p = e.file_name().to_string_lossy().into_owned();
                if p.starts_with(name) && p.len() > name.len() {
                    let n = trailing_number(&p).unwrap_or(0);
                    parts.push((n, format!("/dev/{p}")));
                }
            }
        }
        parts.sort();
        parts.into_iter().map(|(_, p)| p).collect()
    }

    /// Whether a real whole-disk device has partitions.
    pub fn has_partitions(&self, disk: &str) -> bool {
        !self.partitions_of(disk).is_empty()
    }

    /// Caller name → real name, without checking that it exists (`/dev/sdb2` → the
    /// second disk's node plus "2"). Names that are not disk-like pass through.
    pub fn translate(&self, device: &str) -> String {
        if let Some((i, suffix)) = caller_disk_index(device) {
            if let Some(real) = self.disks.get(i) {
                return format!("{real}{suffix}");
            }
        }
        device.to_string()
    }

    /// Whether a disk-like caller name (`/dev/sdX[N]`, `/dev/vdX`, `/dev/hdX`…) points past
    /// the last disk the caller added. Such a name must not fall through to the node of
    /// that name in the appliance: that would be another caller disk under a second name,
    /// or the appliance's own disk.
    pub fn beyond_last_disk(&self, device: &str) -> bool {
        caller_disk_index(device).is_some_and(|(i, _)| i >= self.disks.len())
    }

    /// Real name → caller name: a disk (or disk + digits) becomes `/dev/sd<letters><digits>`;
    /// anything else (LVs, md, /dev/mapper) is left alone.
    pub fn reverse(&self, device: &str) -> CallerName {
        CallerName(self.caller_spelling(device))
    }

    /// Caller name → real name (the inverse of [`Devices::reverse_mountable`]), for a name
    /// this daemon handed out before (inspection keeps its names in the caller's spelling).
    pub fn appliance_name(&self, name: &CallerName) -> String {
        map_mountable_device(name.as_str(), |dev| self.translate(dev))
    }

    /// [`Devices::reverse`] of each name.
    pub fn reverse_all(&self, devices: &[String]) -> Vec<CallerName> {
        devices.iter().map(|x| self.reverse(x)).collect()
    }

    fn caller_spelling(&self, device: &str) -> String {
        for (i, d) in self.disks.iter().enumerate() {
            if let Some(rest) = device.strip_prefix(d.as_str()) {
                if rest.is_empty() || rest.as_bytes()[0].is_ascii_digit() {
                    return format!("/dev/sd{}{}", drive_name(i), rest);
                }
            }
        }
        device.to_string()
    }

    /// Real names → caller names inside a message (`/dev/vdb1: not an ISO file` →
    /// `/dev/sda1: …`), so an error never shows the appliance's own device names. One
    /// pass over the text.
    pub fn reverse_in_text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("/dev/") {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            let len = 5 + tail[5..]
                .bytes()
                .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                .count();
            out.push_str(&self.caller_spelling(&tail[..len]));
            rest = &tail[len..];
        }
        out.push_str(rest);
        out
    }

    /// Reverse-translate the device part of a mountable (`btrfsvol:/dev/vda1/sub` too).
    pub fn reverse_mountable(&self, m: &str) -> CallerName {
        CallerName(map_mountable_device(m, |dev| self.caller_spelling(dev)))
    }
}

/// A mountable with `f` applied to its device: the whole name, or the `/dev/<name>` of a
/// `btrfsvol:/dev/<name>/<volume>` (the volume follows the next slash). A btrfsvol without
/// a /dev device is left alone.
fn map_mountable_device(m: &str, f: impl Fn(&str) -> String) -> String {
    let Some(rest) = m.strip_prefix("btrfsvol:") else {
        return f(m);
    };
    match rest.strip_prefix("/dev/") {
        Some(after_dev) => {
            let cut = after_dev.find('/').map(|i| i + 5).unwrap_or(rest.len());
            format!("btrfsvol:{}{}", f(&rest[..cut]), &rest[cut..])
        }
        None => m.to_string(),
    }
}

/// The disk index and the rest (partition number) of a caller's disk-like name: one or
/// two letters, `d`, the drive letters (1.48's rule: not /dev/md…, not a path below /dev).
fn caller_disk_index(device: &str) -> Option<(usize, &str)> {
    let rest = device.strip_prefix("/dev/")?;
    if rest.contains('/') || rest.starts_with('m') {
        return None;
    }
    let dpos = rest.find('d').filter(|p| (1..=2).contains(p))?;
    let after = &rest[dpos + 1..];
    let nletters = after.bytes().take_while(|b| b.is_ascii_lowercase()).count();
    drive_index(&after[..nletters]).map(|i| (i, &after[nletters..]))
}

fn is_disk_name(name: &str) -> bool {
    DISK_PREFIXES.iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

/// Sort key: SCSI disks by numeric H:C:T:L, others by their device path in sysfs
/// (PCI bus order for virtio-blk), then by name as a tie-breaker (shorter first, as
/// version sort puts sdz before sdaa).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct SortKey {
    class: u8,
    scsi: Vec<u64>,
    path: String,
    name_len: usize,
    name: String,
}

fn sort_key(sys_dev: &Path, name: &str) -> SortKey {
    let link = fs::read_link(sys_dev.join("device")).ok();
    let last = link
        .as_ref()
        .and_then(|l| l.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let scsi = parse_scsi_address(&last);
    let real = fs::canonicalize(sys_dev)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    SortKey {
        class: if scsi.is_some() { 0 } else { 1 },
        scsi: scsi.unwrap_or_default(),
        path: real,
        name_len: name.len(),
        name: name.to_string(),
    }
}

/// The interface letter of a disk (as in launch's `guestfs_rs_ifaces`): `v` virtio-blk
/// (vdX), `i` IDE (a SCSI disk under a libata port), `s` virtio-scsi (any other SCSI
/// disk under a virtio device), `x` anything else. `sys_path` is the disk's canonical
/// sysfs path.
fn iface_class(sys_path: &str, node: &str) -> char {
    if node.starts_with("/dev/vd") {
        'v'
    } else if sys_path
        .split('/')
        .any(|c| c.starts_with("ata") && c[3..].bytes().all(|b| b.is_ascii_digit()))
    {
        'i'
    } else if sys_path.split('/').any(|c| c.starts_with("virtio")) {
        's'
    } else {
        'x'
    }
}

/// The disks in the order the caller added them: `letters` has one interface letter per
/// added drive; each class's disks (already in bus order, which within one interface is
/// the order qemu got them) are handed out in turn. Disks of a class that ran out
/// (a drive the guest did not see) leave no gap; disks left over come last, in bus order.
pub fn caller_order(letters: &str, disks: Vec<(char, String)>) -> Vec<String> {
    let mut pool: Vec<Option<(char, String)>> = disks.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(pool.len());
    for l in letters.chars() {
        if let Some(slot) = pool.iter_mut().find(|s| s.as_ref().is_some_and(|(c, _)| *c == l)) {
            if let Some((_, d)) = slot.take() {
                out.push(d);
            }
        }
    }
    out.extend(pool.into_iter().flatten().map(|(_, d)| d));
    out
}

/// "0:0:1:0" → [0,0,1,0].
pub fn parse_scsi_address(s: &str) -> Option<Vec<u64>> {
    let v: Option<Vec<u64>> = s.split(':').map(|p| p.parse().ok()).collect();
    v.filter(|v| v.len() == 4)
}

/// "a" → 0, "z" → 25, "aa" → 26, … (the inverse of [`drive_name`]).
pub fn drive_index(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 6 {
        return None;
    }
    let mut r: usize = 0;
    for b in letters.bytes() {
        if !b.is_ascii_lowercase() {
            return None;
        }
        r = r * 26 + (b - b'a') as usize + 1;
    }
    Some(r - 1)
}

/// 0 → "a", 25 → "z", 26 → "aa", …
pub fn drive_name(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The digits at the end of a name ("sda12" → 12).
pub fn trailing_number(s: &str) -> Option<u32> {
    let n = s.bytes().rev().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    s[s.len() - n..].parse().ok()
}

/// Split a partition name into (disk, number): "/dev/sda1" → ("/dev/sda", 1),
/// "/dev/nvme0n1p2" → ("/dev/nvme0n1", 2); number 0 means "not a partition".
pub fn split_partition(dev: &str) -> (String, u32) {
    let n = dev.bytes().rev().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 || n == dev.len() {
        return (dev.to_string(), 0);
    }
    let (head, num) = dev.split_at(dev.len() - n);
    let num: u32 = num.parse().unwrap_or(0);
    // "…N" + "p" + number, where the disk name itself ends in a digit.
    if let Some(h) = head.strip_suffix('p') {
        if h.bytes().last().is_some_and(|b| b.is_ascii_digit()) {
            return (h.to_string(), num);
        }
    }
    // Disks whose own names end in digits (nvme0n1, mmcblk0, md0, loop0) name their
    // partitions with a "p" separator, handled above; without one it is the whole disk.
    let base = dev.trim_start_matches("/dev/");
    if ["nvme", "mmcblk", "md", "loop", "nbd"]
        .iter()
        .any(|p| base.starts_with(p))
        || head.bytes().last().is_some_and(|b| b.is_ascii_digit())
    {
        return (dev.to_string(), 0);
    }
    (head.to_string(), num)
}

/// The UUID of an ext2/3/4 filesystem at the start of `dev` (lower-case, dashed).
pub fn ext_uuid(dev: &Path) -> Option<String> {
    let mut f = fs::File::open(dev).ok()?;
    let mut sb = [0u8; 0x478];
    f.read_exact(&mut sb).ok()?;
    ext_uuid_from_superblock(&sb)
}

pub fn ext_uuid_from_superblock(buf: &[u8]) -> Option<String> {
    if buf.len() < 0x478 || buf[0x438] != 0x53 || buf[0x439] != 0xEF {
        return None;
    }
    let u = &buf[0x468..0x478];
    let h: String = u.iter().map(|b| format!("{b:02x}")).collect();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drive_names_round_trip() {
        assert_eq!(drive_index("a"), Some(0));
        assert_eq!(drive_index("z"), Some(25));
        assert_eq!(drive_index("aa"), Some(26));
        assert_eq!(drive_index("ab"), Some(27));
        assert_eq!(drive_index("zz"), Some(701));
        assert_eq!(drive_index("aaa"), Some(702));
        for i in [0, 1, 25, 26, 27, 51, 52, 701, 702, 18277] {
            assert_eq!(drive_index(&drive_name(i)), Some(i), "{i}");
        }
        assert_eq!(drive_name(26), "aa");
        assert_eq!(drive_index(""), None);
    }

    #[test]
    fn forward_translation() {
        let d = Devices::from_list(&["/dev/vda", "/dev/vdb"]);
        assert_eq!(d.translate("/dev/sda"), "/dev/vda");
        assert_eq!(d.translate("/dev/sdb1"), "/dev/vdb1");
        assert_eq!(d.translate("/dev/hda2"), "/dev/vda2");
        assert_eq!(d.translate("/dev/xvdb"), "/dev/vdb");
        // Out of range, LVs, md and non-disk names pass through.
        assert_eq!(d.translate("/dev/sdc"), "/dev/sdc");
        assert_eq!(d.translate("/dev/VG/LV"), "/dev/VG/LV");
        assert_eq!(d.translate("/dev/md0"), "/dev/md0");
        assert_eq!(d.translate("/dev/mapper/x"), "/dev/mapper/x");
        assert_eq!(d.translate("/dev/dm-0"), "/dev/dm-0");
        assert!(d.beyond_last_disk("/dev/sdc"));
        assert!(d.beyond_last_disk("/dev/vdc1"));
        assert!(!d.beyond_last_disk("/dev/sdb1"));
        assert!(!d.beyond_last_disk("/dev/md0"));
        assert!(!d.beyond_last_disk("/dev/VG/LV"));
        assert!(!d.beyond_last_disk("/dev/dm-0"));
        assert!(!d.beyond_last_disk("/dev/nbd0"));
    }

    #[test]
    fn reverse_translation() {
        let d = Devices::from_list(&["/dev/vda", "/dev/vdb"]);
        assert_eq!(d.reverse("/dev/vda").as_str(), "/dev/sda");
        assert_eq!(d.reverse("/dev/vdb12").as_str(), "/dev/sdb12");
        assert_eq!(
            d.reverse_in_text("/dev/vdb12: not /dev/vdbx or /dev/mapper/x, /dev/"),
            "/dev/sdb12: not /dev/vdbx or /dev/mapper/x, /dev/"
        );
        assert_eq!(d.reverse("/dev/vdbx").as_str(), "/dev/vdbx");
        assert_eq!(d.reverse("/dev/VG/LV").as_str(), "/dev/VG/LV");
        assert_eq!(
            d.reverse_mountable("btrfsvol:/dev/vdb1/a/b").as_str(),
            "btrfsvol:/dev/sdb1/a/b"
        );
    }

    /// The kernel named the disks in another order than the caller added them (a
    /// virtio-blk disk first, or SCSI disks probed out of order): the caller's names and
    /// the kernel's overlap, so translating a name twice gives another disk.
    #[test]
    fn names_when_the_kernel_order_differs() {
        let d = Devices::from_list(&["/dev/sdb", "/dev/sda"]);
        assert_eq!(d.translate("/dev/sda1"), "/dev/sdb1");
        assert_eq!(d.reverse("/dev/sdb1").as_str(), "/dev/sda1");
        assert_eq!(d.reverse("/dev/sda2").as_str(), "/dev/sdb2");
        for caller in ["/dev/sda1", "/dev/sdb", "btrfsvol:/dev/sdb2/root", "/dev/VG/LV"] {
            let real = d.appliance_name(&CallerName::from(caller));
            assert_eq!(d.reverse_mountable(&real).as_str(), caller);
        }
        assert_eq!(d.reverse_in_text("/dev/sdb1 and /dev/sda1"), "/dev/sda1 and /dev/sdb1");
    }

    #[test]
    fn partition_split() {
        assert_eq!(split_partition("/dev/sda1"), ("/dev/sda".into(), 1));
        assert_eq!(split_partition("/dev/sdab12"), ("/dev/sdab".into(), 12));
        assert_eq!(split_partition("/dev/sda"), ("/dev/sda".into(), 0));
        assert_eq!(split_partition("/dev/nvme0n1p3"), ("/dev/nvme0n1".into(), 3));
        assert_eq!(split_partition("/dev/nvme0n1"), ("/dev/nvme0n1".into(), 0));
    }

    #[test]
    fn scsi_addresses_sort_numerically() {
        assert_eq!(parse_scsi_address("0:0:10:0"), Some(vec![0, 0, 10, 0]));
        assert_eq!(parse_scsi_address("virtio1"), None);
        assert!(vec![0u64, 0, 2, 0] < vec![0u64, 0, 10, 0]);
    }

    #[test]
    fn disks_in_caller_order() {
        let v = |x: &[(char, &str)]| x.iter().map(|(c, d)| (*c, d.to_string())).collect::<Vec<_>>();
        // Bus order: the IDE disk (lower PCI slot) and the SCSI disk, then virtio-blk.
        let bus = v(&[('i', "/dev/sda"), ('s', "/dev/sdb"), ('v', "/dev/vda")]);
        assert_eq!(caller_order("vis", bus.clone()), ["/dev/vda", "/dev/sda", "/dev/sdb"]);
        assert_eq!(
            caller_order("sss", v(&[('s', "/dev/sda"), ('s', "/dev/sdb")])),
            ["/dev/sda", "/dev/sdb"]
        );
        // A drive the guest did not see leaves no gap; unknown extras come last.
        assert_eq!(caller_order("iv", bus.clone()), ["/dev/sda", "/dev/vda", "/dev/sdb"]);
        assert_eq!(caller_order("", bus), ["/dev/sda", "/dev/sdb", "/dev/vda"]);
    }

    #[test]
    fn interface_classes() {
        let ide = "/sys/devices/pci0000:00/0000:00:01.1/ata1/host1/target1:0:0/1:0:0:0/block/sdb";
        let vscsi = "/sys/devices/pci0000:00/0000:00:03.0/virtio1/host0/target0:0:0/0:0:0:0/block/sda";
        let vblk = "/sys/devices/pci0000:00/0000:00:04.0/virtio2/block/vda";
        assert_eq!(iface_class(ide, "/dev/sdb"), 'i');
        assert_eq!(iface_class(vscsi, "/dev/sda"), 's');
        assert_eq!(iface_class(vblk, "/dev/vda"), 'v');
        assert_eq!(iface_class("/sys/devices/platform/x/block/sdc", "/dev/sdc"), 'x');
    }

    #[test]
    fn caller_order_property() {
        // Random letter strings and disk sets: every disk comes out exactly once.
        let mut rng = crate::test_inputs::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut next = move || rng.next();
        for _ in 0..500 {
            let n = (next() % 8) as usize;
            let disks: Vec<(char, String)> = (0..n)
                .map(|i| (b"sivx"[(next() % 4) as usize] as char, format!("/dev/d{i}")))
                .collect();
            let letters: String = (0..(next() % 10))
                .map(|_| b"sivxq"[(next() % 5) as usize] as char)
                .collect();
            let mut out = caller_order(&letters, disks.clone());
            out.sort();
            let mut want: Vec<String> = disks.into_iter().map(|(_, d)| d).collect();
            want.sort();
            assert_eq!(out, want);
        }
    }

    #[test]
    fn device_name_parsing_property() {
        // Random names: no panic; a disk-like name is translated when in range and
        // refused when beyond the last disk; anything else passes through untouched.
        let d = Devices::from_list(&["/dev/vda", "/dev/sdb"]);
        let mut rng = crate::test_inputs::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = move || rng.next();
        let alphabet = b"/devsdhxvabcmz019p\xff";
        for _ in 0..5000 {
            let len = (next() % 14) as usize;
            let mut name = if next() % 2 == 0 { b"/dev/".to_vec() } else { Vec::new() };
            name.extend((0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
            let name = String::from_utf8_lossy(&name).into_owned();
            let t = d.translate(&name);
            let beyond = d.beyond_last_disk(&name);
            match caller_disk_index(&name) {
                Some((i, suffix)) if i < 2 => {
                    assert!(!beyond, "{name}");
                    assert_eq!(t, format!("{}{suffix}", d.disks()[i]), "{name}");
                }
                Some(_) => assert!(beyond && t == name, "{name}"),
                None => assert!(!beyond && t == name, "{name}"),
            }
        }
    }

    #[test]
    fn disk_names() {
        assert!(is_disk_name("sda"));
        assert!(is_disk_name("vdaa"));
        assert!(!is_disk_name("sda1"));
        assert!(!is_disk_name("loop0"));
        assert!(!is_disk_name("sd"));
    }

    #[test]
    fn superblock_uuid() {
        let mut sb = vec![0u8; 0x478];
        sb[0x438] = 0x53;
        sb[0x439] = 0xEF;
        for i in 0..16 {
            sb[0x468 + i] = i as u8 * 17;
        }
        assert_eq!(
            ext_uuid_from_superblock(&sb).unwrap(),
            "00112233-4455-6677-8899-aabbccddeeff"
        );
        sb[0x438] = 0;
        assert_eq!(ext_uuid_from_superblock(&sb), None);
    }
}
