//! Making filesystems and swap, with 1.48's option mapping and checks.

use std::sync::OnceLock;

use crate::args::GuestPath;
use crate::cmd::{program_exists, Cmd};
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts;

const EXT2_LABEL_MAX: usize = 16;
const XFS_LABEL_MAX: usize = 12;

fn is_extfs(t: &str) -> bool {
    matches!(t, "ext2" | "ext3" | "ext4")
}

fn is_fat(t: &str) -> bool {
    matches!(t, "fat" | "vfat" | "msdos")
}

/// dosfstools ≥ 4.2 writes a bogus MBR on whole disks unless told `--mbr=n`.
fn fat_has_mbr_option() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| {
        let o = Cmd::new("mkfs.fat").run();
        o.status == Some(1) && o.err_text().contains("--mbr[=")
    })
}

/// Remove old signatures so blkid does not see two filesystems afterwards.
fn wipe_before_mkfs(device: &str) {
    if program_exists("wipefs") {
        let _ = Cmd::new("wipefs").args(["-a", "--force", device]).run();
    }
}

/// The argument vector 1.48 builds for `mkfs` (without the device's wipe).
#[allow(clippy::too_many_arguments)]
pub fn mkfs_argv(
    fstype: &str,
    device: &str,
    blocksize: Option<i32>,
    features: Option<&str>,
    inode: Option<i32>,
    sectorsize: Option<i32>,
    label: Option<&str>,
    sector_size_of: &dyn Fn() -> Result<i64>,
) -> Result<Vec<String>> {
    let ext = is_extfs(fstype);
    let mut a: Vec<String> = vec![if ext { "mke2fs" } else { "mkfs" }.into(), "-t".into(), fstype.into()];
    if ext {
        a.push("-F".into());
    }
    if fstype == "ntfs" {
        a.extend(["-Q".into(), "-F".into()]);
    }
    if matches!(fstype, "reiserfs" | "jfs" | "xfs") {
        a.push("-f".into());
    }
    if matches!(fstype, "gfs" | "gfs2") {
        a.extend(["-p", "lock_nolock", "-j", "1", "-O"].map(String::from));
    }
    if is_fat(fstype) {
        a.push("-I".into());
        if fat_has_mbr_option() {
            a.push("--mbr=n".into());
        }
    }
    if let Some(bs) = blocksize {
        if bs <= 0 || (bs & (bs - 1)) != 0 {
            return Err(Error::msg("block size must be > 0 and a power of 2"));
        }
        if fstype == "vfat" || fstype == "msdos" {
            let ss = sector_size_of()?;
            let spc = bs as i64 / ss.max(1);
            if !(1..=128).contains(&spc) {
                return Err(Error::msg(format!(
                    "unsupported cluster size for {fstype} filesystem (requested cluster size = {bs}, sector size = {ss}, trying sectors per cluster = {spc})"
                )));
            }
            a.extend(["-s".into(), spc.to_string()]);
        } else if fstype == "ntfs" {
            a.extend(["-c".into(), bs.to_string()]);
        } else if fstype == "btrfs" {
            return Err(Error::msg(
                "blocksize cannot be set on btrfs filesystems, use 'mkfs-btrfs'",
            ));
        } else if fstype == "xfs" {
            a.extend(["-b".into(), format!("size={bs}")]);
        } else {
            a.extend(["-b".into(), bs.to_string()]);
        }
    }
    if let Some(f) = features {
        a.extend(["-O".into(), f.into()]);
    }
    if let Some(i) = inode {
        if !ext {
            return Err(Error::msg("inode size (-I) can only be set on ext2/3/4 filesystems"));
        }
        if i <= 0 {
            return Err(Error::msg("inode size must be larger than zero"));
        }
        a.extend(["-I".into(), i.to_string()]);
    }
    if let Some(s) = sectorsize {
        if fstype != "ufs" {
            return Err(Error::msg("sector size (-S) can only be set on ufs filesystems"));
        }
        if s <= 0 {
            return Err(Error::msg("sector size must be larger than zero"));
        }
        a.extend(["-S".into(), s.to_string()]);
    }
    if let Some(l) = label {
        let flag = if ext {
            if l.len() > EXT2_LABEL_MAX {
                return Err(Error::msg(format!(
                    "{l}: ext2/3/4 labels are limited to {EXT2_LABEL_MAX} bytes"
                )));
            }
            "-L"
        } else if is_fat(fstype) {
            "-n"
        } else if fstype == "ntfs" || fstype == "btrfs" {
            "-L"
        } else if fstype == "xfs" {
            if l.len() > XFS_LABEL_MAX {
                return Err(Error::msg(format!(
                    "{l}: xfs labels are limited to {XFS_LABEL_MAX} bytes"
                )));
            }
            "-L"
        } else if fstype == "f2fs" {
            "-l"
        } else {
            return Err(Error::msg(format!(
                "don't know how to set the label for '{fstype}' filesystems"
            )));
        };
        a.extend([flag.into(), l.into()]);
    }
    a.push(device.into());
    Ok(a)
}

pub fn mkfs(_d: &mut Daemon, fstype: &str, device: &str, o: opts::MkfsOpts) -> Result<()> {
    run_mkfs(
        fstype,
        device,
        o.blocksize,
        o.features.as_deref(),
        o.inode,
        o.sectorsize,
        o.label.as_deref(),
    )
}

pub fn mkfs_b(_d: &mut Daemon, fstype: &str, blocksize: i32, device: &str) -> Result<()> {
    run_mkfs(fstype, device, Some(blocksize), None, None, None, None)
}

fn run_mkfs(
    fstype: &str,
    device: &str,
    blocksize: Option<i32>,
    features: Option<&str>,
    inode: Option<i32>,
    sectorsize: Option<i32>,
    label: Option<&str>,
) -> Result<()> {
    let argv = mkfs_argv(fstype, device, blocksize, features, inode, sectorsize, label, &|| {
        super::blockdev::sector_size(device)
    })?;
    wipe_before_mkfs(device);
    let o = Cmd::new(&argv[0]).args(&argv[1..]).run();
    if !o.ok() {
        return Err(Error::msg(format!("{fstype}: {device}: {}", o.err_text())));
    }
    Ok(())
}

pub fn mkswap(_d: &mut Daemon, device: &str, o: opts::MkswapOpts) -> Result<()> {
    run_mkswap(device, o.label.as_deref(), o.uuid.as_deref())
}

pub fn mkswap_l(_d: &mut Daemon, label: &str, device: &str) -> Result<()> {
    run_mkswap(device, Some(label), None)
}

pub fn mkswap_u(_d: &mut Daemon, uuid: &str, device: &str) -> Result<()> {
    run_mkswap(device, None, Some(uuid))
}

pub fn mkswap_file(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, true)?;
    let o = Cmd::new("mkswap").arg("-f").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    Ok(())
}

fn run_mkswap(device: &str, label: Option<&str>, uuid: Option<&str>) -> Result<()> {
    let mut c = Cmd::new("mkswap").arg("-f");
    if let Some(l) = label {
        if l.len() > 16 {
            return Err(Error::msg(format!("{l}: Linux swap labels are limited to 16 bytes")));
        }
        c = c.arg("-L").arg(l);
    }
    if let Some(u) = uuid {
        c = c.arg("-U").arg(u);
    }
    wipe_before_mkfs(device);
    let o = c.arg(device).run();
    if !o.ok() {
        return Err(Error::msg(format!("{device}: {}", o.err_text())));
    }
    Ok(())
}

fn ext_only(fstype: &str) -> Result<()> {
    if !is_extfs(fstype) {
        return Err(Error::msg(format!("{fstype}: not a valid extended filesystem type")));
    }
    Ok(())
}

fn label_ok(l: &str) -> Result<()> {
    if l.len() > EXT2_LABEL_MAX {
        return Err(Error::msg(format!(
            "{l}: ext2/3/4 labels are limited to {EXT2_LABEL_MAX} bytes"
        )));
    }
    Ok(())
}

fn run_plain(c: Cmd) -> Result<()> {
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(())
}

/// mke2fs with an external journal named by `journal` (a device, LABEL= or UUID=).
fn mke2fs_external(fstype: &str, bs: i32, device: &str, journal: &str) -> Result<()> {
    ext_only(fstype)?;
    run_plain(
        Cmd::new("mke2fs")
            .args(["-F", "-t", fstype, "-J"])
            .arg(format!("device={journal}"))
            .args(["-b", &bs.to_string(), device]),
    )
}

pub fn mke2fs_j(_d: &mut Daemon, fstype: &str, blocksize: i32, device: &str, journal: &str) -> Result<()> {
    mke2fs_external(fstype, blocksize, device, journal)
}

pub fn mke2fs_jl(_d: &mut Daemon, fstype: &str, blocksize: i32, device: &str, label: &str) -> Result<()> {
    label_ok(label)?;
    mke2fs_external(fstype, blocksize, device, &format!("LABEL={label}"))
}

pub fn mke2fs_ju(_d: &mut Daemon, fstype: &str, blocksize: i32, device: &str, uuid: &str) -> Result<()> {
    mke2fs_external(fstype, blocksize, device, &format!("UUID={uuid}"))
}

pub fn mke2journal_l(_d: &mut Daemon, blocksize: i32, label: &str, device: &str) -> Result<()> {
    label_ok(label)?;
    mke2journal(blocksize, "-L", label, device)
}

pub fn mke2journal_u(_d: &mut Daemon, blocksize: i32, uuid: &str, device: &str) -> Result<()> {
    mke2journal(blocksize, "-U", uuid, device)
}

/// An external ext2 journal device (blocksize, label or UUID by `flag`, device).
fn mke2journal(blocksize: i32, flag: &str, value: &str, device: &str) -> Result<()> {
    run_plain(Cmd::new("mke2fs").args([
        "-F",
        "-O",
        "journal_dev",
        "-b",
        &blocksize.to_string(),
        flag,
        value,
        device,
    ]))
}

fn swaponoff(cmd: &str, flag: Option<&str>, value: &str) -> Result<()> {
    let mut c = Cmd::new(cmd);
    if let Some(f) = flag {
        c = c.arg(f);
    }
    let o = c.arg(value).run();
    if !o.ok() {
        return Err(Error::msg(format!("{value}: {}", o.err_text())));
    }
    Ok(())
}

pub fn swapon_device(_d: &mut Daemon, device: &str) -> Result<()> {
    swaponoff("swapon", None, device)
}

pub fn swapoff_device(_d: &mut Daemon, device: &str) -> Result<()> {
    swaponoff("swapoff", None, device)
}

pub fn swapon_file(d: &mut Daemon, file: &GuestPath) -> Result<()> {
    let p = file.resolve(d, true)?;
    swaponoff("swapon", None, &p.to_string_lossy())
}

pub fn swapoff_file(d: &mut Daemon, file: &GuestPath) -> Result<()> {
    let p = file.resolve(d, true)?;
    swaponoff("swapoff", None, &p.to_string_lossy())
}

fn swap_label_ok(l: &str) -> Result<()> {
    if l.len() > 16 {
        return Err(Error::msg(format!("{l}: Linux swap labels are limited to 16 bytes")));
    }
    Ok(())
}

pub fn swapon_label(_d: &mut Daemon, label: &str) -> Result<()> {
    swap_label_ok(label)?;
    swaponoff("swapon", Some("-L"), label)
}

pub fn swapoff_label(_d: &mut Daemon, label: &str) -> Result<()> {
    swap_label_ok(label)?;
    swaponoff("swapoff", Some("-L"), label)
}

pub fn swapon_uuid(_d: &mut Daemon, uuid: &str) -> Result<()> {
    swaponoff("swapon", Some("-U"), uuid)
}

pub fn swapoff_uuid(_d: &mut Daemon, uuid: &str) -> Result<()> {
    swaponoff("swapoff", Some("-U"), uuid)
}

/// Set a filesystem UUID with the tool for its type (`None` = a random one).
fn change_uuid(device: &str, uuid: Option<&str>) -> Result<()> {
    let t = super::devs::vfs_type_of(device)?;
    let c = match (t.as_str(), uuid) {
        ("ext2" | "ext3" | "ext4", Some(u)) => Cmd::new("tune2fs").args(["-f", "-U", u, device]),
        ("ext2" | "ext3" | "ext4", None) => Cmd::new("tune2fs").args(["-f", "-U", "random", device]),
        ("xfs", Some(u)) => Cmd::new("xfs_admin").args(["-U", u, device]),
        ("xfs", None) => Cmd::new("xfs_admin").args(["-U", "generate", device]),
        ("swap", Some(u)) => Cmd::new("swaplabel").args(["-U", u, device]),
        ("swap", None) => Cmd::new("swaplabel").args(["-U", &random_uuid(), device]),
        ("btrfs", Some(u)) => Cmd::new("btrfstune").args(["-f", "-U", u, device]),
        ("btrfs", None) => Cmd::new("btrfstune").args(["-f", "-u", device]),
        (_, Some(_)) => {
            return Err(Error::with_errno(
                libc::ENOTSUP,
                format!("don't know how to set the UUID for '{t}' filesystems"),
            ))
        }
        (_, None) => {
            return Err(Error::with_errno(
                libc::ENOTSUP,
                format!("don't know how to set the random UUID for '{t}' filesystems"),
            ))
        }
    };
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(o.err_or_out()));
    }
    Ok(())
}

fn random_uuid() -> String {
    let b = std::fs::read("/proc/sys/kernel/random/uuid").unwrap_or_default();
    String::from_utf8_lossy(&b).trim().to_string()
}

pub fn set_uuid(_d: &mut Daemon, device: &str, uuid: &str) -> Result<()> {
    change_uuid(device, Some(uuid))
}

pub fn set_uuid_random(_d: &mut Daemon, device: &str) -> Result<()> {
    change_uuid(device, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ss() -> Result<i64> {
        Ok(512)
    }

    #[test]
    fn ext4_with_options() {
        let a = mkfs_argv(
            "ext4",
            "/dev/sda1",
            Some(4096),
            None,
            Some(256),
            None,
            Some("root"),
            &ss,
        )
        .unwrap();
        assert_eq!(
            a,
            [
                "mke2fs",
                "-t",
                "ext4",
                "-F",
                "-b",
                "4096",
                "-I",
                "256",
                "-L",
                "root",
                "/dev/sda1"
            ]
        );
    }

    #[test]
    fn xfs_blocksize_and_checks() {
        let a = mkfs_argv("xfs", "/dev/sda1", Some(4096), None, None, None, None, &ss).unwrap();
        assert_eq!(a, ["mkfs", "-t", "xfs", "-f", "-b", "size=4096", "/dev/sda1"]);
        let e = mkfs_argv("xfs", "/d", None, None, Some(256), None, None, &ss).unwrap_err();
        assert_eq!(e.msg, "inode size (-I) can only be set on ext2/3/4 filesystems");
        let e = mkfs_argv("ext2", "/d", Some(3000), None, None, None, None, &ss).unwrap_err();
        assert_eq!(e.msg, "block size must be > 0 and a power of 2");
        let e = mkfs_argv("btrfs", "/d", Some(4096), None, None, None, None, &ss).unwrap_err();
        assert!(e.msg.starts_with("blocksize cannot be set on btrfs"));
    }

    #[test]
    fn ext_label_limit() {
        let e = mkfs_argv("ext2", "/d", None, None, None, None, Some("12345678901234567"), &ss).unwrap_err();
        assert_eq!(e.msg, "12345678901234567: ext2/3/4 labels are limited to 16 bytes");
    }
}
