//! ext2/3/4 specifics: superblock listing, UUIDs, labels, journals, fsck, file attributes.

use guestfs_protocol::RetValue;

use super::{hashtable, host_path, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("tune2fs_l", tune2fs_l),
    ("set_e2uuid", set_e2uuid),
    ("get_e2uuid", get_e2uuid),
    ("set_e2label", set_e2label),
    ("get_e2label", get_e2label),
    ("mke2journal", mke2journal),
    ("e2fsck", e2fsck),
    ("e2fsck_f", e2fsck_f),
    ("fsck", fsck),
    ("get_e2attrs", get_e2attrs),
    ("set_e2attrs", set_e2attrs),
    ("get_e2generation", get_e2generation),
    ("set_e2generation", set_e2generation),
    ("tune2fs", tune2fs),
    ("mke2fs", mke2fs),
    ("vfs_minimum_size", vfs_minimum_size),
    ("resize2fs", resize2fs),
    ("resize2fs_M", resize2fs_m),
    ("resize2fs_size", resize2fs_size),
];

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

fn tune2fs_l(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let out = run_ok(Cmd::new("tune2fs").arg("-l").arg(r.str(0)))?;
    Ok(hashtable(parse_tune2fs_l(&out)))
}

fn set_e2uuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    run_ok(Cmd::new("tune2fs").arg("-U").arg(r.str(1)).arg(r.str(0)))?;
    Ok(RetValue::None)
}

fn get_e2uuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(
        super::devs::blkid_tag(&r.str(0), "UUID")?
            .unwrap_or_default()
            .into_bytes(),
    ))
}

fn set_e2label(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let label = r.str(1);
    if label.len() > 16 {
        return Err(Error::msg(format!("{label}: ext2/3/4 labels are limited to 16 bytes")));
    }
    run_ok(Cmd::new("e2label").arg(r.str(0)).arg(&label))?;
    Ok(RetValue::None)
}

fn get_e2label(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(
        super::devs::blkid_tag(&r.str(0), "LABEL")?
            .unwrap_or_default()
            .into_bytes(),
    ))
}

fn mke2journal(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let bs = r.int(0).to_string();
    run_ok(
        Cmd::new("mke2fs")
            .args(["-F", "-O", "journal_dev", "-b", &bs])
            .arg(r.str(1)),
    )?;
    Ok(RetValue::None)
}

fn e2fsck_with(device: &str, correct: bool, forceall: bool) -> Result<RetValue> {
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
        Some(0) | Some(1) => Ok(RetValue::None),
        _ => Err(Error::msg(o.err_text())),
    }
}

fn e2fsck(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    e2fsck_with(
        &r.str(0),
        r.opt_bool(0).unwrap_or(false),
        r.opt_bool(1).unwrap_or(false),
    )
}

fn e2fsck_f(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    e2fsck_with(&r.str(0), true, false)
}

/// fsck's exit status is the result (a bit mask), not an error.
fn fsck(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let device = r.str(1);
    let o = Cmd::new("fsck").args(["-a", "-t"]).arg(r.str(0)).arg(&device).run();
    match o.status {
        Some(n) => Ok(RetValue::Int(n)),
        None => Err(Error::msg(format!("{device}: {}", o.err_text()))),
    }
}

fn lsattr(d: &Daemon, r: &Req, flags: &str) -> Result<String> {
    let p = host_path(d, r, 0, false)?;
    let o = Cmd::new("lsattr").arg(flags).arg("--").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("lsattr: {}: {}", r.str(0), o.err_text())));
    }
    Ok(o.out_text())
}

fn get_e2attrs(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let out = lsattr(d, r, "-d")?;
    let field = out.split(' ').next().unwrap_or("");
    let mut attrs: Vec<u8> = field.bytes().filter(|&b| b != b'-').collect();
    attrs.sort_unstable();
    Ok(RetValue::Str(attrs))
}

fn set_e2attrs(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let attrs = r.str(1);
    if attrs.is_empty() {
        return Ok(RetValue::None);
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
    let sign = if r.opt_bool(0) == Some(true) { '-' } else { '+' };
    let p = host_path(d, r, 0, false)?;
    let o = Cmd::new("chattr").arg(format!("{sign}{attrs}")).arg("--").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("chattr: {}: {}", r.str(0), o.err_text())));
    }
    Ok(RetValue::None)
}

fn get_e2generation(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let out = lsattr(d, r, "-dv")?;
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
    Ok(RetValue::Int64(n))
}

fn set_e2generation(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    let g = (r.int64(1) as u64).to_string();
    let o = Cmd::new("chattr").args(["-v", &g, "--"]).arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("chattr: {}: {}", r.str(0), o.err_text())));
    }
    Ok(RetValue::None)
}

fn tune2fs(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let device = r.str(0);
    let mut a: Vec<String> = Vec::new();
    if r.opt_bool(0) == Some(true) {
        a.push("-f".into());
    }
    let nonneg = |v: i64, what: &str| -> Result<String> {
        if v < 0 {
            return Err(Error::msg(format!("{what} cannot be negative")));
        }
        Ok(v.to_string())
    };
    if let Some(v) = r.opt_int(1) {
        a.extend(["-c".into(), nonneg(v as i64, "maxmountcount")?]);
    }
    if let Some(v) = r.opt_int(2) {
        a.extend(["-C".into(), nonneg(v as i64, "mountcount")?]);
    }
    if let Some(e) = r.opt_str(3) {
        if !matches!(e.as_str(), "continue" | "remount-ro" | "panic") {
            return Err(Error::msg(format!("invalid errorbehavior parameter: {e}")));
        }
        a.extend(["-e".into(), e]);
    }
    if let Some(v) = r.opt_int64(4) {
        a.extend(["-g".into(), nonneg(v, "group")?]);
    }
    if let Some(v) = r.opt_int(5) {
        let v = nonneg(v as i64, "intervalbetweenchecks")?;
        a.extend(["-i".into(), if v == "0" { v } else { format!("{v}s") }]);
    }
    if let Some(v) = r.opt_int(6) {
        a.extend(["-m".into(), nonneg(v as i64, "reservedblockspercentage")?]);
    }
    if let Some(m) = r.opt_str(7) {
        a.extend(["-M".into(), m]);
    }
    if let Some(v) = r.opt_int64(8) {
        a.extend(["-r".into(), nonneg(v, "reservedblockscount")?]);
    }
    if let Some(v) = r.opt_int64(9) {
        a.extend(["-u".into(), nonneg(v, "user")?]);
    }
    let o = Cmd::new("tune2fs").args(&a).arg(&device).run();
    if !o.ok() {
        return Err(Error::msg(format!("{device}: {}", o.err_text())));
    }
    Ok(RetValue::None)
}

/// mke2fs with 1.48's option mapping, in 1.48's argument order.
pub fn mke2fs_argv(r: &Req, device: &str) -> Result<Vec<String>> {
    let mut a: Vec<String> = vec!["mke2fs".into()];
    let num = |i: usize, what: &str| -> Result<Option<String>> {
        match r.opt_int64(i) {
            Some(v) if v < 0 => Err(Error::msg(format!("{what} must be >= 0"))),
            Some(v) => Ok(Some(v.to_string())),
            None => Ok(None),
        }
    };
    let num32 = |i: usize, what: &str| -> Result<Option<String>> {
        match r.opt_int(i) {
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
    flag(&mut a, "-b", num(1, "blocksize")?);
    flag(&mut a, "-f", num(2, "fragsize")?);
    if r.opt_bool(21) == Some(true) {
        a.push("-F".into());
    }
    flag(&mut a, "-g", num(3, "blockspergroup")?);
    flag(&mut a, "-G", num(4, "numberofgroups")?);
    flag(&mut a, "-i", num(5, "bytesperinode")?);
    flag(&mut a, "-I", num(6, "inodesize")?);
    flag(&mut a, "-J", num(7, "journalsize")?.map(|v| format!("size={v}")));
    if let Some(j) = r.opt_str(14) {
        // The journal device is a plain string: translate /dev names ourselves.
        flag(&mut a, "-J", Some(format!("device={j}")));
    }
    flag(&mut a, "-L", r.opt_str(15));
    flag(&mut a, "-m", num32(12, "reservedblockspercentage")?);
    flag(&mut a, "-M", r.opt_str(16));
    flag(&mut a, "-N", num(8, "numberofinodes")?);
    flag(&mut a, "-o", r.opt_str(17));
    if r.opt_bool(22) == Some(true) {
        a.push("-S".into());
    }
    if let Some(t) = r.opt_str(18) {
        if !matches!(t.as_str(), "ext2" | "ext3" | "ext4") {
            return Err(Error::msg(format!("{t}: not a valid extended filesystem type")));
        }
        flag(&mut a, "-t", Some(t));
    }
    flag(&mut a, "-T", r.opt_str(19));
    flag(&mut a, "-U", r.opt_str(20));
    flag(
        &mut a,
        "-E",
        num32(13, "mmpupdateinterval")?.map(|v| format!("mmp_update_interval={v}")),
    );
    flag(&mut a, "-E", num(9, "stridesize")?.map(|v| format!("stride={v}")));
    flag(
        &mut a,
        "-E",
        num(10, "stripewidth")?.map(|v| format!("stripe_width={v}")),
    );
    flag(&mut a, "-E", num(11, "maxonlineresize")?.map(|v| format!("resize={v}")));
    let onoff = |b: bool, on: &str, off: &str| if b { on.to_string() } else { off.to_string() };
    flag(
        &mut a,
        "-E",
        r.opt_bool(23)
            .map(|b| onoff(b, "lazy_itable_init=1", "lazy_itable_init=0")),
    );
    flag(
        &mut a,
        "-E",
        r.opt_bool(24)
            .map(|b| onoff(b, "lazy_journal_init=1", "lazy_journal_init=0")),
    );
    if r.opt_bool(25) == Some(true) {
        flag(&mut a, "-E", Some("test_fs".into()));
    }
    flag(&mut a, "-E", r.opt_bool(26).map(|b| onoff(b, "discard", "nodiscard")));
    for (i, feat) in [
        (28, "extent"),
        (29, "filetype"),
        (30, "flexbg"),
        (31, "has_journal"),
        (32, "journal_dev"),
        (33, "large_file"),
        (34, "quota"),
        (35, "resize_inode"),
        (36, "sparse_super"),
        (37, "uninit_bg"),
    ] {
        flag(
            &mut a,
            "-O",
            r.opt_bool(i)
                .map(|b| if b { feat.to_string() } else { format!("^{feat}") }),
        );
    }
    a.push(device.into());
    if let Some(n) = num(0, "blockscount")? {
        a.push(n);
    }
    Ok(a)
}

fn mke2fs(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let device = r.str(0);
    let mut argv = mke2fs_argv(r, &device)?;
    // Translate a /dev journal device name (OString args are not translated by the stubs).
    for a in argv.iter_mut() {
        if let Some(j) = a.strip_prefix("device=/dev/") {
            let j = format!("/dev/{j}");
            *a = format!("device={}", crate::checks::resolve_device(d, &r.stub(), &j)?);
        }
    }
    let o = Cmd::new(&argv[0]).args(&argv[1..]).run();
    if !o.ok() {
        return Err(Error::msg(format!("{device}: {}", o.err_text())));
    }
    Ok(RetValue::None)
}

/// Smallest size the filesystem could be shrunk to, in bytes.
fn vfs_minimum_size(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let m = crate::mountable::Mountable::parse(&r.str(0));
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
                .map(RetValue::Int64)
                .ok_or_else(|| Error::msg("cannot parse minimum size"))
        }
        "xfs" => {
            // XFS cannot shrink: its current size is the minimum.
            let mp = mount_point(d, &dev)?;
            let o = Cmd::new("xfs_info").arg(&mp).run();
            if !o.ok() {
                return Err(Error::msg(o.err_or_out()));
            }
            let info = super::xfs::parse_xfs_info(&o.out_text())?;
            let (bs, blocks) = match (&info.fields[6], &info.fields[7]) {
                (guestfs_protocol::FieldValue::UInt32(b), guestfs_protocol::FieldValue::UInt64(n)) => {
                    (*b as i64, *n as i64)
                }
                _ => return Err(Error::msg("cannot parse xfs_info output")),
            };
            bs.checked_mul(blocks)
                .map(RetValue::Int64)
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
    super::mount::mounts_under(d.sysroot.root())
        .into_iter()
        .find(|m| m.source == dev)
        .map(|m| std::path::PathBuf::from(m.target))
        .ok_or_else(|| Error::msg(format!("device not mounted: {dev}")))
}

fn ext_minimum_size(dev: &str) -> Result<RetValue> {
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
        .map(RetValue::Int64)
        .ok_or_else(|| Error::msg("filesystem size too big: overflow"))
}

/// From `ntfsresize --info`: "You might resize at N bytes", or for a full volume its
/// size rounded up to a cluster.
fn ntfs_minimum_size(dev: &str) -> Result<RetValue> {
    let o = Cmd::new("ntfsresize").args(["--info", "-ff", dev]).run();
    let out = o.out_text();
    if o.ok() {
        return out
            .lines()
            .find_map(|l| l.strip_prefix("You might resize at "))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|n| n.parse::<i64>().ok())
            .map(RetValue::Int64)
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
        return Ok(RetValue::Int64((vol + cluster - 1) / cluster * cluster));
    }
    Err(Error::msg(o.err_text()))
}

fn resize2fs(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    run_ok(Cmd::new("resize2fs").arg(r.str(0)))?;
    Ok(RetValue::None)
}

fn resize2fs_m(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    run_ok(Cmd::new("resize2fs").arg("-M").arg(r.str(0)))?;
    Ok(RetValue::None)
}

fn resize2fs_size(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let size = r.int64(1);
    if size & 1023 != 0 {
        return Err(Error::msg(format!("{size}: size must be a round number of kilobytes")));
    }
    run_ok(Cmd::new("resize2fs").arg(r.str(0)).arg(format!("{}K", size / 1024)))?;
    Ok(RetValue::None)
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
