//! Kernel module selection: which modules the appliance needs, their dependencies from
//! `modules.dep`, and a load order where every module comes after what it depends on.

use std::collections::{HashMap, HashSet};

/// Modules the daemon may need, by name (`-` and `_` are equivalent). Missing ones are
/// skipped; built-in ones need no file.
pub const WANTED: &[&str] = &[
    "virtio_pci",
    "virtio_mmio",
    "virtio_scsi",
    "virtio_blk",
    "virtio_console",
    "virtio_rng",
    "virtio_net",
    "virtio_balloon",
    "sd_mod",
    "sr_mod",
    "scsi_mod",
    "ata_piix",
    "ahci",
    "crc32c_generic",
    "crc32c_intel",
    "libcrc32c",
    "xxhash_generic",
    "blake2b_generic",
    "sha256_generic",
    "ext4",
    "xfs",
    "btrfs",
    "vfat",
    "fat",
    "msdos",
    "nls_ascii",
    "nls_cp437",
    "nls_cp850",
    "nls_iso8859_1",
    "nls_iso8859_15",
    "nls_utf8",
    "isofs",
    "udf",
    "squashfs",
    "fuse",
    "loop",
    "ntfs3",
    "f2fs",
    "crc32_generic",
    "dm_mod",
    "dm_crypt",
    "dm_snapshot",
    "dm_thin_pool",
    "dm_raid",
    "dm_mirror",
    "dm_zero",
    "dm_multipath",
    "dm_integrity",
    "dm_verity",
    "md_mod",
    "raid0",
    "raid1",
    "raid10",
    "raid456",
    "linear",
    "multipath",
    "af_packet",
    // The kernel crypto dm-crypt and cryptsetup (through AF_ALG) use for LUKS: modules, not
    // built in, in Debian's kernel; loaded with the others when a LUKS call needs them.
    "xts",
    "ecb",
    "essiv",
    "lrw",
    "aesni_intel",
    "sha512_generic",
    "af_alg",
    "algif_skcipher",
    "algif_hash",
    "serpent_generic",
    "twofish_generic",
];

/// The modules the daemon must load before it can see its disks and its channel (no udev
/// loads device drivers for it). Everything else can wait: the kernel asks /sbin/modprobe
/// for filesystems, device-mapper targets, md personalities and crypto when first used.
/// sd_mod comes before the SCSI host driver, so each disk is probed as the bus scan finds
/// it (in target order) rather than all at once when sd_mod arrives. virtio_rng and
/// virtio_net are not needed to start (the CPU seeds the RNG; nothing configures a network
/// at boot), so they load with the others in the background.
pub const BOOT: &[&str] = &["virtio_pci", "sd_mod", "virtio_scsi", "virtio_blk", "virtio_console"];

/// The driver of the tools disk's filesystem (ext2, served by ext4), loaded at boot
/// when there is a tools disk. ext4 asks the crypto API for crc32c at every mount, and
/// the kernel cannot fetch it through /sbin/modprobe before the tools are mounted.
pub const TOOLS_DISK: &[&str] = &["crc32c_generic", "ext4"];

/// Filesystems the appliance can mount but never loads by itself: their modules are
/// copied (with their dependencies) and listed in the appliance's modules.dep, and the
/// kernel loads one through /sbin/modprobe at its first mount, as does
/// `filesystem_available`. 1.48's appliance carries the whole module tree, so it answers
/// `filesystem_available` for each of these; loading them at boot would cost guest CPU
/// for filesystems a call rarely meets.
pub const ON_DEMAND: &[&str] = &[
    "adfs", "affs", "befs", "bfs", "efs", "erofs", "exfat", "freevxfs", "gfs2", "hfs", "hfsplus", "hpfs", "jfs",
    "minix", "nilfs2", "omfs", "overlay", "qnx4", "qnx6", "reiserfs", "romfs", "sysv", "ufs",
];

/// Every module under these directories of the module tree is wanted too (device-mapper and md).
pub const WANTED_DIRS: &[&str] = &["kernel/drivers/md/"];

pub fn normalize(name: &str) -> String {
    name.replace('-', "_")
}

/// Module name from a path like `kernel/fs/ext4/ext4.ko.xz`.
pub fn name_of(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    let stem = [".ko.xz", ".ko.zst", ".ko.gz", ".ko"]
        .iter()
        .find_map(|s| base.strip_suffix(s))
        .unwrap_or(base);
    normalize(stem)
}

#[derive(Debug, Default)]
pub struct ModDb {
    /// name -> (path relative to the modules dir, dependency paths)
    deps: HashMap<String, (String, Vec<String>)>,
    order: Vec<String>,
    builtin: HashSet<String>,
}

impl ModDb {
    pub fn parse(modules_dep: &str, modules_builtin: &str) -> Self {
        let mut db = ModDb::default();
        for line in modules_dep.lines() {
            let Some((m, rest)) = line.split_once(':') else {
                continue;
            };
            let m = m.trim();
            if m.is_empty() {
                continue;
            }
            let deps = rest.split_whitespace().map(String::from).collect();
            let name = name_of(m);
            db.order.push(name.clone());
            db.deps.insert(name, (m.to_string(), deps));
        }
        db.builtin = modules_builtin.lines().map(name_of).filter(|n| !n.is_empty()).collect();
        db
    }

    #[cfg(test)]
    pub fn is_builtin(&self, name: &str) -> bool {
        self.builtin.contains(&normalize(name))
    }

    /// Paths of the modules to install, dependencies first. Names that are neither modules
    /// nor built in are returned separately.
    pub fn select(&self, wanted: &[&str], wanted_dirs: &[&str]) -> (Vec<String>, Vec<String>) {
        let mut roots: Vec<String> = Vec::new();
        let mut absent = Vec::new();
        for w in wanted {
            let n = normalize(w);
            if self.deps.contains_key(&n) {
                roots.push(n);
            } else if !self.builtin.contains(&n) {
                absent.push(n);
            }
        }
        for n in &self.order {
            let path = &self.deps[n].0;
            if wanted_dirs.iter().any(|d| path.starts_with(d)) {
                roots.push(n.clone());
            }
        }
        let mut out = Vec::new();
        let mut done = HashSet::new();
        for r in roots {
            self.visit(&r, &mut done, &mut HashSet::new(), &mut out);
        }
        (out, absent)
    }

    /// Depth-first, post-order: dependencies are emitted before the module itself.
    /// `on_stack` breaks cycles (which a sane modules.dep never has).
    fn visit(&self, name: &str, done: &mut HashSet<String>, on_stack: &mut HashSet<String>, out: &mut Vec<String>) {
        if done.contains(name) || !on_stack.insert(name.to_string()) {
            return;
        }
        if let Some((path, deps)) = self.deps.get(name) {
            for d in deps {
                self.visit(&name_of(d), done, on_stack, out);
            }
            out.push(path.clone());
        }
        on_stack.remove(name);
        done.insert(name.to_string());
    }
}
/// Trailer of a module with an appended signature (scripts/sign-file in the kernel tree).
const SIG_MAGIC: &[u8] = b"~Module signature appended~\n";
/// `struct module_signature`: algo, hash, id_type, signer_len, key_id_len, pad[3], be32 sig_len.
const SIG_INFO_LEN: usize = 12;

/// The module without its appended signature (unchanged if it has none or the trailer
/// does not add up). The appliance kernel does not enforce signatures, but it still
/// checks any signature it finds: a SHA-256 of the whole module and an RSA verification,
/// which under TCG cost more than the rest of loading the module. An unsigned module only
/// makes the kernel print one "tainting kernel" line.
pub fn strip_signature(mut data: Vec<u8>) -> Vec<u8> {
    let Some(body) = data.len().checked_sub(SIG_MAGIC.len()) else {
        return data;
    };
    if &data[body..] != SIG_MAGIC || body < SIG_INFO_LEN {
        return data;
    }
    let info = &data[body - SIG_INFO_LEN..body];
    let sig_len = u32::from_be_bytes([info[8], info[9], info[10], info[11]]) as usize;
    let extra = sig_len + info[3] as usize + info[4] as usize;
    if let Some(end) = (body - SIG_INFO_LEN).checked_sub(extra) {
        data.truncate(end);
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_stripped() {
        let mut m = b"\x7fELF module".to_vec();
        let plain = m.clone();
        m.extend([7u8; 5]); // the signature
        m.extend([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
        m.extend(SIG_MAGIC);
        assert_eq!(strip_signature(m), plain);
        assert_eq!(strip_signature(plain.clone()), plain);
        // A trailer claiming more than the file holds leaves the file alone.
        let mut bad = b"x".to_vec();
        bad.extend([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        bad.extend(SIG_MAGIC);
        assert_eq!(strip_signature(bad.clone()), bad);
        assert_eq!(strip_signature(SIG_MAGIC.to_vec()), SIG_MAGIC);
    }

    const DEP: &str = "kernel/fs/ext4/ext4.ko.xz: kernel/fs/mbcache.ko kernel/fs/jbd2/jbd2.ko kernel/lib/crc16.ko\n\
kernel/fs/mbcache.ko:\n\
kernel/fs/jbd2/jbd2.ko: kernel/lib/crc16.ko\n\
kernel/lib/crc16.ko:\n\
kernel/drivers/md/dm-crypt.ko: kernel/drivers/md/dm-mod.ko\n\
kernel/drivers/md/dm-mod.ko:\n\
kernel/drivers/scsi/virtio_scsi.ko:\n";

    #[test]
    fn names() {
        assert_eq!(name_of("kernel/drivers/md/dm-mod.ko.zst"), "dm_mod");
        assert_eq!(name_of("kernel/fs/ext4/ext4.ko"), "ext4");
    }

    #[test]
    fn dependencies_come_first() {
        let db = ModDb::parse(DEP, "kernel/drivers/virtio/virtio.ko\n");
        let (order, absent) = db.select(&["ext4", "virtio", "nosuch"], &[]);
        assert_eq!(absent, vec!["nosuch"]);
        let pos = |m: &str| order.iter().position(|p| p.ends_with(m)).unwrap();
        assert!(pos("crc16.ko") < pos("jbd2.ko"));
        assert!(pos("jbd2.ko") < pos("ext4.ko.xz"));
        assert!(pos("mbcache.ko") < pos("ext4.ko.xz"));
        assert_eq!(order.len(), 4);
        assert!(db.is_builtin("virtio"));
    }

    #[test]
    fn wanted_dirs_and_no_duplicates() {
        let db = ModDb::parse(DEP, "");
        let (order, _) = db.select(&["dm-mod", "virtio_scsi"], &["kernel/drivers/md/"]);
        assert_eq!(
            order,
            vec![
                "kernel/drivers/md/dm-mod.ko",
                "kernel/drivers/scsi/virtio_scsi.ko",
                "kernel/drivers/md/dm-crypt.ko"
            ]
        );
    }

    #[test]
    fn cycles_terminate() {
        let db = ModDb::parse("a.ko: b.ko\nb.ko: a.ko\n", "");
        let (order, _) = db.select(&["a"], &[]);
        assert_eq!(order.len(), 2);
    }
}
