//! ext2/3/4 specifics: superblock listing, UUIDs, labels, journals, fsck, file attributes.

use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::{E2fsckOpts, Mke2fsOpts, SetE2attrsOpts, Tune2fsOpts};

fn run_ok(c: Cmd) -> Result<String> {
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(o.out_text())
}

/// `tune2fs -l` as key/value pairs ("<none>" and friends become "").
pub fn parse_tune2fs_l(out: &str) -> Vec<(String, String)> {
    let mut lines = out.lines().peekable();
    if lines
        .peek()
        .is_some_and(|l| l.starts_with("tune2fs ") || l.starts_with("tune4fs "))
    {
        lines.next();
    }
    lines
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(':') {
            Some((k, v)) => {
                let v = v.trim_start();
                let v = if matches!(v, "<none>" | "<not available>" | "(none)") {
                    ""
                } else {
                    v
                };
                (k.to_string(), v.to_string())
            }
            None => (l.to_string(), String::new()),
        })
        .collect()
}

pub fn tune2fs_l(_d: &mut Daemon, device: &str) -> Result<Vec<(String, String)>> {
    let out = run_ok(Cmd::new("tune2fs").arg("-l").arg(device))?;
    Ok(parse_tune2fs_l(&out))
}

pub fn set_e2uuid(_d: &mut Daemon, device: &str, uuid: &str) -> Result<()> {
    run_ok(Cmd::new("tune2fs").arg("-U").arg(uuid).arg(device))?;
    Ok(())
}

pub fn get_e2uuid(_d: &mut Daemon, device: &str) -> Result<String> {
    Ok(super::devs::blkid_tag(device, "UUID")?.unwrap_or_default())
}

pub fn set_e2label(_d: &mut Daemon, device: &str, label: &str) -> Result<()> {
    if label.len() > 16 {
        return Err(Error::msg(format!("{label}: ext2/3/4 labels are limited to 16 bytes")));
    }
    run_ok(Cmd::new("e2label").arg(device).arg(label))?;
    Ok(())
}

pub fn get_e2label(_d: &mut Daemon, device: &str) -> Result<String> {
    Ok(super::devs::blkid_tag(device, "LABEL")?.unwrap_or_default())
}

pub fn mke2journal(_d: &mut Daemon, blocksize: i32, device: &str) -> Result<()> {
    let bs = blocksize.to_string();
    run_ok(
        Cmd::new("mke2fs")
            .args(["-F", "-O", "journal_dev", "-b", &bs])
            .arg(device),
    )?;
    Ok(())
}

fn e2fsck_with(device: &str, correct: bool, forceall: bool) -> Result<()> {
    if correct && forceall {
        return Err(Error::msg(
            "only one of the options 'correct', 'forceall' may be specified",
        ));
    }
    let mut c = Cmd::new("e2fsck").arg("-f");
    if correct {
        c = c.arg("-p");
    }
    if forceall {
        c = c.arg("-y");
    }
    let o = c.arg(device).fold_stdout().run();
    // 0: clean, 1: errors corrected; 2 and up need attention.
    match o.status {
        Some(0) | Some(1) => Ok(()),
        _ => Err(Error::msg(o.err_text())),
    }
}

pub fn e2fsck(_d: &mut Daemon, device: &str, o: E2fsckOpts) -> Result<()> {
    e2fsck_with(device, o.correct.unwrap_or(false), o.forceall.unwrap_or(false))
}

pub fn e2fsck_f(_d: &mut Daemon, device: &str) -> Result<()> {
    e2fsck_with(device, true, false)
}

/// fsck's exit status is the result (a bit mask), not an error.
pub fn fsck(_d: &mut Daemon, fstype: &str, device: &str) -> Result<i32> {
    let o = Cmd::new("fsck").args(["-a", "-t"]).arg(fstype).arg(device).run();
    match o.status {
        Some(n) => Ok(n),
        None => Err(Error::msg(format!("{device}: {}", o.err_text()))),
    }
}

fn lsattr(d: &Daemon, file: &GuestPath, flags: &str) -> Result<String> {
    let p = file.resolve(d, false)?;
    let o = Cmd::new("lsattr").arg(flags).arg("--").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("lsattr: {file}: {}", o.err_text())));
    }
    Ok(o.out_text())
}

pub fn get_e2attrs(d: &mut Daemon, file: &GuestPath) -> Result<Vec<u8>> {
    let out = lsattr(d, file, "-d")?;
    let field = out.split(' ').next().unwrap_or("");
    let mut attrs: Vec<u8> = field.bytes().filter(|&b| b != b'-').collect();
    attrs.sort_unstable();
    Ok(attrs)
}

pub fn set_e2attrs(d: &mut Daemon, file: &GuestPath, attrs: &str, o: SetE2attrsOpts) -> Result<()> {
    if attrs.is_empty() {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    for c in attrs.chars() {
        if matches!(c, '-' | '+' | '=') {
            return Err(Error::msg(format!("bad file attribute '{c}'")));
        }
        if !c.is_ascii_alphabetic() {
            return Err(Error::msg(format!("unknown file attribute '{c}'")));
        }
        if !seen.insert(c) {
            return Err(Error::msg(format!("duplicate file attribute '{c}'")));
        }
    }
    let sign = if o.clear == Some(true) { '-' } else { '+' };
    let p = file.resolve(d, false)?;
    let out = Cmd::new("chattr").arg(format!("{sign}{attrs}")).arg("--").arg(&p).run();
    if !out.ok() {
        return Err(Error::msg(format!("chattr: {file}: {}", out.err_text())));
    }
    Ok(())
}

pub fn get_e2generation(d: &mut Daemon, file: &GuestPath) -> Result<i64> {
    let out = lsattr(d, file, "-dv")?;
    let n: i64 = out
        .split_whitespace()
        .next()
        .and_then(|x| x.parse().ok())
        .ok_or_else(|| Error::msg(format!("cannot parse output from 'lsattr' command: {out}")))?;
    if n < 0 {
        return Err(Error::msg(format!(
            "unexpected negative number from 'lsattr' command: {out}"
        )));
    }
    Ok(n)
}

pub fn set_e2generation(d: &mut Daemon, file: &GuestPath, generation: i64) -> Result<()> {
    let p = file.resolve(d, false)?;
    let g = (generation as u64).to_string();
    let o = Cmd::new("chattr").args(["-v", &g, "--"]).arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("chattr: {file}: {}", o.err_text())));
    }
    Ok(())
}

pub fn tune2fs(_d: &mut Daemon, device: &str, o: Tune2fsOpts) -> Result<()> {
    let mut a: Vec<String> = Vec::new();
    if o.force == Some(true) {
        a.push("-f".into());
    }
    let nonneg = |v: i64, what: &str| -> Result<String> {
        if v < 0 {
            return Err(Error::msg(format!("{what} cannot be negative")));
        }
        Ok(v.to_string())
    };
    if let Some(v) = o.maxmountcount {
        a.extend(["-c".into(), nonneg(v as i64, "maxmountcount")?]);
    }
    if let Some(v) = o.mountcount {
        a.extend(["-C".into(), nonneg(v as i64, "mountcount")?]);
    }
    if let Some(e) = o.errorbehavior {
        if !matches!(e.as_str(), "continue" | "remount-ro" | "panic") {
            return Err(Error::msg(format!("invalid errorbehavior parameter: {e}")));
        }
        a.extend(["-e".into(), e]);
    }
    if let Some(v) = o.group {
        a.extend(["-g".into(), nonneg(v, "group")?]);
    }
    if let Some(v) = o.intervalbetweenchecks {
        let v = nonneg(v as i64, "intervalbetweenchecks")?;
        a.extend(["-i".into(), if v == "0" { v } else { format!("{v}s") }]);
    }
    if let Some(v) = o.reservedblockspercentage {
        a.extend(["-m".into(), nonneg(v as i64, "reservedblockspercentage")?]);
    }
    if let Some(m) = o.lastmounteddirectory {
        a.extend(["-M".into(), m]);
    }
    if let Some(v) = o.reservedblockscount {
        a.extend(["-r".into(), nonneg(v, "reservedblockscount")?]);
    }
    if let Some(v) = o.user {
        a.extend(["-u".into(), nonneg(v, "user")?]);
    }
    let out = Cmd::new("tune2fs").args(&a).arg(device).run();
    if !out.ok() {
        return Err(Error::msg(format!("{device}: {}", out.err_text())));
    }
    Ok(())
}

/// mke2fs with 1.48's option mapping, in 1.48's argument order.
pub fn mke2fs_argv(o: &Mke2fsOpts, device: &str) -> Result<Vec<String>> {
    // quotatype is accepted and ignored, as in 1.48 (quota is the option that acts).
    let _ = o.quotatype;
    let mut a: Vec<String> = vec!["mke2fs".into()];
    let num = |v: Option<i64>, what: &str| -> Result<Option<String>> {
        match v {
            Some(v) if v < 0 => Err(Error::msg(format!("{what} must be >= 0"))),
            Some(v) => Ok(Some(v.to_string())),
            None => Ok(None),
        }
    };
    let num32 = |v: Option<i32>, what: &str| -> Result<Option<String>> {
        match v {
            Some(v) if v < 0 => Err(Error::msg(format!("{what} must be >= 0"))),
            Some(v) => Ok(Some(v.to_string())),
            None => Ok(None),
        }
    };
    let flag = |a: &mut Vec<String>, f: &str, v: Option<String>| {
        if let Some(v) = v {
            a.push(f.into());
            a.push(v);
        }
    };
    flag(&mut a, "-b", num(o.blocksize, "blocksize")?);
    flag(&mut a, "-f", num(o.fragsize, "fragsize")?);
    if o.forcecreate == Some(true) {
        a.push("-F".into());
    }
    flag(&mut a, "-g", num(o.blockspergroup, "blockspergroup")?);
    flag(&mut a, "-G", num(o.numberofgroups, "numberofgroups")?);
    flag(&mut a, "-i", num(o.bytesperinode, "bytesperinode")?);
    flag(&mut a, "-I", num(o.inodesize, "inodesize")?);
    flag(
        &mut a,
        "-J",
        num(o.journalsize, "journalsize")?.map(|v| format!("size={v}")),
    );
    if let Some(j) = &o.journaldevice {
        // The journal device is a plain string: translate /dev names ourselves.
        flag(&mut a, "-J", Some(format!("device={j}")));
    }
    flag(&mut a, "-L", o.label.clone());
    flag(
        &mut a,
        "-m",
        num32(o.reservedblockspercentage, "reservedblockspercentage")?,
    );
    flag(&mut a, "-M", o.lastmounteddir.clone());
    flag(&mut a, "-N", num(o.numberofinodes, "numberofinodes")?);
    flag(&mut a, "-o", o.creatoros.clone());
    if o.writesbandgrouponly == Some(true) {
        a.push("-S".into());
    }
    if let Some(t) = o.fstype.clone() {
        if !matches!(t.as_str(), "ext2" | "ext3" | "ext4") {
            return Err(Error::msg(format!("{t}: not a valid extended filesystem type")));
        }
        flag(&mut a, "-t", Some(t));
    }
    flag(&mut a, "-T", o.usagetype.clone());
    flag(&mut a, "-U", o.uuid.clone());
    flag(
        &mut a,
        "-E",
        num32(o.mmpupdateinterval, "mmpupdateinterval")?.map(|v| format!("mmp_update_interval={v}")),
    );
    flag(
        &mut a,
        "-E",
        num(o.stridesize, "stridesize")?.map(|v| format!("stride={v}")),
    );
    flag(
        &mut a,
        "-E",
        num(o.stripewidth, "stripewidth")?.map(|v| format!("stripe_width={v}")),
    );
    flag(
        &mut a,
        "-E",
        num(o.maxonlineresize, "maxonlineresize")?.map(|v| format!("resize={v}")),
    );
    let onoff = |b: bool, on: &str, off: &str| if b { on.to_string() } else { off.to_string() };
    flag(
        &mut a,
        "-E",
        o.lazyitableinit
            .map(|b| onoff(b, "lazy_itable_init=1", "lazy_itable_init=0")),
    );
    flag(
        &mut a,
        "-E",
        o.lazyjournalinit
            .map(|b| onoff(b, "lazy_journal_init=1", "lazy_journal_init=0")),
    );
    if o.testfs == Some(true) {
        flag(&mut a, "-E", Some("test_fs".into()));
    }
    flag(&mut a, "-E", o.discard.map(|b| onoff(b, "discard", "nodiscard")));
    for (set, feat) in [
        (o.extent, "extent"),
        (o.filetype, "filetype"),
        (o.flexbg, "flexbg"),
        (o.hasjournal, "has_journal"),
        (o.journaldev, "journal_dev"),
        (o.largefile, "large_file"),
        (o.quota, "quota"),
        (o.resizeinode, "resize_inode"),
        (o.sparsesuper, "sparse_super"),
        (o.uninitbg, "uninit_bg"),
    ] {
        flag(
            &mut a,
            "-O",
            set.map(|b| if b { feat.to_string() } else { format!("^{feat}") }),
        );
    }
    a.push(device.into());
    if let Some(n) = num(o.blockscount, "blockscount")? {
        a.push(n);
    }
    Ok(a)
}

pub fn mke2fs(d: &mut Daemon, device: &str, o: Mke2fsOpts) -> Result<()> {
    let mut argv = mke2fs_argv(&o, device)?;
    // Translate a /dev journal device name (OString args are not translated by the stubs).
    for a in argv.iter_mut() {
        if let Some(j) = a.strip_prefix("device=/dev/") {
            let j = format!("/dev/{j}");
            *a = format!("device={}", crate::checks::resolve_device(d, "mke2fs_stub", &j)?);
        }
    }
    let out = Cmd::new(&argv[0]).args(&argv[1..]).run();
    if !out.ok() {
        return Err(Error::msg(format!("{device}: {}", out.err_text())));
    }
    Ok(())
}

/// Smallest size the filesystem could be shrunk to, in bytes.
pub fn vfs_minimum_size(d: &mut Daemon, mountable: &str) -> Result<i64> {
    let m = crate::mountable::Mountable::parse(mountable);
    let dev = m.device().to_string();
    let t = super::devs::vfs_type_of(&dev)?;
    match t.as_str() {
        "ext2" | "ext3" | "ext4" => ext_minimum_size(&dev),
        "ntfs" => ntfs_minimum_size(&dev),
        "btrfs" => {
            let mp = mount_point(d, &dev)?;
            let o = Cmd::new("btrfs")
                .args(["inspect-internal", "min-dev-size"])
                .arg(&mp)
                .run();
            if !o.ok() {
                return Err(Error::msg(o.err_text()));
            }
            o.out_text()
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<i64>().ok())
                .ok_or_else(|| Error::msg("cannot parse minimum size"))
        }
        "xfs" => {
            // XFS cannot shrink: its current size is the minimum.
            let mp = mount_point(d, &dev)?;
            let o = Cmd::new("xfs_info").arg(&mp).run();
            if !o.ok() {
                return Err(Error::msg(o.err_or_out()));
            }
            let info = super::xfs::parse_xfsinfo(&o.out_text())?;
            (info.xfs_blocksize as i64)
                .checked_mul(info.xfs_datablocks as i64)
                .ok_or_else(|| Error::msg("filesystem size too big: overflow"))
        }
        _ => Err(Error::with_errno(
            libc::ENOTSUP,
            format!("don't know how to get minimum size of '{t}' filesystems"),
        )),
    }
}

/// Where (on the host) a device is mounted under the sysroot.
fn mount_point(d: &Daemon, dev: &str) -> Result<std::path::PathBuf> {
    crate::mounts::mounts_under(d.sysroot.root())
        .into_iter()
        .find(|m| m.source == dev)
        .map(|m| std::path::PathBuf::from(m.target))
        .ok_or_else(|| Error::msg(format!("device not mounted: {dev}")))
}

fn ext_minimum_size(dev: &str) -> Result<i64> {
    let o = Cmd::new("resize2fs").args(["-P", "-f", dev]).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    let out = o.out_text();
    let blocks: i64 = out
        .lines()
        .find_map(|l| l.strip_prefix("Estimated minimum size of the filesystem:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| Error::msg(format!("minimum size not found. Check output format:\n{out}")))?;
    let tl = run_ok(Cmd::new("tune2fs").arg("-l").arg(dev))?;
    let bs: i64 = parse_tune2fs_l(&tl)
        .into_iter()
        .find(|(k, _)| k == "Block size")
        .and_then(|(_, v)| v.parse().ok())
        .ok_or_else(|| Error::msg("missing 'Block size' in tune2fs_l output"))?;
    blocks
        .checked_mul(bs)
        .ok_or_else(|| Error::msg("filesystem size too big: overflow"))
}

/// From `ntfsresize --info`: "You might resize at N bytes", or for a full volume its
/// size rounded up to a cluster.
fn ntfs_minimum_size(dev: &str) -> Result<i64> {
    let o = Cmd::new("ntfsresize").args(["--info", "-ff", dev]).run();
    let out = o.out_text();
    if o.ok() {
        return out
            .lines()
            .find_map(|l| l.strip_prefix("You might resize at "))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|n| n.parse::<i64>().ok())
            .ok_or_else(|| Error::msg("cannot parse minimum size"));
    }
    if out.contains("Volume is full") {
        let num_after = |pat: &str| {
            out.lines().find_map(|l| l.strip_prefix(pat)).and_then(|v| {
                v.trim_start_matches([' ', ':'])
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<i64>().ok())
            })
        };
        let cluster = num_after("Cluster size")
            .filter(|c| *c > 0)
            .ok_or_else(|| Error::msg("bad cluster size"))?;
        let vol = num_after("Current volume size:").ok_or_else(|| Error::msg("cannot parse volume size"))?;
        return Ok((vol + cluster - 1) / cluster * cluster);
    }
    Err(Error::msg(o.err_text()))
}

pub fn resize2fs(_d: &mut Daemon, device: &str) -> Result<()> {
    run_ok(Cmd::new("resize2fs").arg(device))?;
    Ok(())
}

pub fn resize2fs_m(_d: &mut Daemon, device: &str) -> Result<()> {
    run_ok(Cmd::new("resize2fs").arg("-M").arg(device))?;
    Ok(())
}

pub fn resize2fs_size(_d: &mut Daemon, device: &str, size: i64) -> Result<()> {
    if size & 1023 != 0 {
        return Err(Error::msg(format!("{size}: size must be a round number of kilobytes")));
    }
    run_ok(Cmd::new("resize2fs").arg(device).arg(format!("{}K", size / 1024)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tune2fs_output() {
        let out = "tune2fs 1.47.0 (5-Feb-2023)\nFilesystem volume name:   <none>\nInode count:              65536\nFilesystem features:      has_journal ext_attr\n";
        let v = parse_tune2fs_l(out);
        assert_eq!(v[0], ("Filesystem volume name".into(), "".into()));
        assert_eq!(v[1], ("Inode count".into(), "65536".into()));
        assert_eq!(v.len(), 3);
    }
}
