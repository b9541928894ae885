//! XFS administration: xfs_info (parsed into the xfsinfo struct as 1.48 does),
//! xfs_admin, xfs_growfs, xfs_repair.

use guestfs_protocol::structs::Xfsinfo;
use guestfs_protocol::ByteString;

use crate::args::GuestPath;
use crate::checks::is_device_parameter;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::{XfsAdminOpts, XfsGrowfsOpts, XfsRepairOpts};

/// Up to the first space, comma or '=' (1.48's split_strdup).
fn word(s: &str) -> &str {
    let end = s.find([' ', ',', '=']).unwrap_or(s.len());
    &s[..end]
}

fn after<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.find(key).map(|i| word(&line[i + key.len()..]))
}

/// Parse `xfs_info` output. Missing numbers stay at -1 (all ones), as in 1.48.
pub fn parse_xfsinfo(out: &str) -> Result<Xfsinfo> {
    #[derive(Default)]
    struct I {
        mntpoint: String,
        logname: String,
        rtname: String,
    }
    let mut s = I::default();
    let mut u32s = std::collections::HashMap::<&str, u32>::new();
    let mut u64s = std::collections::HashMap::<&str, u64>::new();
    let mut section = String::new();
    let p32 = |v: &str| {
        v.parse::<u32>()
            .map_err(|_| Error::msg(format!("cannot parse numeric field from xfs_info: {v}")))
    };
    let p64 = |v: &str| {
        v.parse::<u64>()
            .map_err(|_| Error::msg(format!("cannot parse numeric field from xfs_info: {v}")))
    };
    for line in out.lines() {
        if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            section = word(line).to_string();
        }
        if let Some(v) = after(line, "meta-data=") {
            s.mntpoint = v.to_string();
        }
        for (key, field) in [
            ("isize=", "inodesize"),
            ("agcount=", "agcount"),
            ("agsize=", "agsize"),
            ("attr=", "attr"),
            ("imaxpct=", "imaxpct"),
            ("swidth=", "swidth"),
            ("ascii-ci=", "cimode"),
            ("version=", "logversion"),
            ("lazy-count=", "lazycount"),
        ] {
            if let Some(v) = after(line, key) {
                u32s.insert(field, p32(v)?);
            }
        }
        if let Some(v) = after(line, "sectsz=") {
            match section.as_str() {
                "meta-data" => u32s.insert("sectsize", p32(v)?),
                "log" => u32s.insert("logsectsize", p32(v)?),
                _ => None,
            };
        }
        if let Some(v) = after(line, "bsize=") {
            match section.as_str() {
                "data" => u32s.insert("blocksize", p32(v)?),
                "naming" => u32s.insert("dirblocksize", p32(v)?),
                "log" => u32s.insert("logblocksize", p32(v)?),
                _ => None,
            };
        }
        if let Some(v) = after(line, "blocks=") {
            match section.as_str() {
                "data" => {
                    u64s.insert("datablocks", p64(v)?);
                }
                "log" => {
                    u32s.insert("logblocks", p32(v)?);
                }
                "realtime" => {
                    u64s.insert("rtblocks", p64(v)?);
                }
                _ => {}
            }
        }
        if let Some(v) = after(line, "sunit=") {
            match section.as_str() {
                "data" => u32s.insert("sunit", p32(v)?),
                "log" => u32s.insert("logsunit", p32(v)?),
                _ => None,
            };
        }
        if let Some(i) = line.find("naming   =version ") {
            u32s.insert("dirversion", p32(word(&line[i + 18..]))?);
        }
        if let Some(v) = after(line, "log      =") {
            s.logname = v.to_string();
        }
        if let Some(v) = after(line, "realtime =") {
            s.rtname = v.to_string();
        }
        if let Some(v) = after(line, "rtextents=") {
            u64s.insert("rtextents", p64(v)?);
        }
    }
    let g32 = |k: &str| *u32s.get(k).unwrap_or(&u32::MAX);
    let g64 = |k: &str| *u64s.get(k).unwrap_or(&u64::MAX);
    Ok(Xfsinfo {
        xfs_mntpoint: ByteString::from(s.mntpoint),
        xfs_inodesize: g32("inodesize"),
        xfs_agcount: g32("agcount"),
        xfs_agsize: g32("agsize"),
        xfs_sectsize: g32("sectsize"),
        xfs_attr: g32("attr"),
        xfs_blocksize: g32("blocksize"),
        xfs_datablocks: g64("datablocks"),
        xfs_imaxpct: g32("imaxpct"),
        xfs_sunit: g32("sunit"),
        xfs_swidth: g32("swidth"),
        xfs_dirversion: g32("dirversion"),
        xfs_dirblocksize: g32("dirblocksize"),
        xfs_cimode: g32("cimode"),
        xfs_logname: ByteString::from(s.logname),
        xfs_logblocksize: g32("logblocksize"),
        xfs_logblocks: g32("logblocks"),
        xfs_logversion: g32("logversion"),
        xfs_logsectsize: g32("logsectsize"),
        xfs_logsunit: g32("logsunit"),
        xfs_lazycount: g32("lazycount"),
        xfs_rtname: ByteString::from(s.rtname),
        xfs_rtextsize: g32("rtextsize"),
        xfs_rtblocks: g64("rtblocks"),
        xfs_rtextents: g64("rtextents"),
    })
}

/// A Dev_or_Path argument (devices already translated by the dispatcher): the device
/// itself, or the host path of the guest path under the sysroot; true for a device.
fn target(d: &Daemon, arg: &str) -> Result<(String, bool)> {
    if is_device_parameter(arg) {
        Ok((arg.to_string(), true))
    } else {
        let p = d
            .sysroot
            .resolve(arg.as_bytes(), true)
            .map_err(|e| Error::io(&e, arg))?;
        Ok((p.to_string_lossy().into_owned(), false))
    }
}

pub fn xfs_info(d: &mut Daemon, pathordevice: &str) -> Result<Xfsinfo> {
    let (t, _) = target(d, pathordevice)?;
    let o = Cmd::new("xfs_info").arg(&t).run();
    if !o.ok() {
        return Err(Error::msg(o.err_or_out()));
    }
    parse_xfsinfo(&o.out_text())
}

pub fn xfs_admin(_d: &mut Daemon, device: &str, o: XfsAdminOpts) -> Result<()> {
    let dev = device;
    let mut c = Cmd::new("xfs_admin");
    for (set, f) in [
        (o.extunwritten, "-e"),
        (o.imgfile, "-f"),
        (o.v2log, "-j"),
        (o.projid32bit, "-p"),
    ] {
        if set == Some(true) {
            c = c.arg(f);
        }
    }
    if let Some(l) = o.lazycounter {
        c = c.args(["-c", if l { "1" } else { "0" }]);
    }
    if let Some(l) = o.label {
        if l.len() > 12 {
            return Err(Error::msg(format!("{l}: xfs labels are limited to 12 bytes")));
        }
        c = c.arg("-L").arg(l);
    }
    if let Some(u) = o.uuid {
        c = c.arg("-U").arg(u);
    }
    // stdout folded into stderr, as 1.48 does: xfs_admin's progress and xfs_repair's
    // complaints both belong in the error.
    let out = c.arg(dev).fold_stdout().run();
    if !out.ok() {
        return Err(Error::msg(format!("{dev}: {}", out.err_text())));
    }
    Ok(())
}

pub fn xfs_growfs(d: &mut Daemon, path: &GuestPath, o: XfsGrowfsOpts) -> Result<()> {
    let p = path.resolve(d, true)?;
    let mut c = Cmd::new("xfs_growfs");
    for (set, f) in [(o.datasec, "-d"), (o.logsec, "-l"), (o.rtsec, "-r")] {
        if set == Some(true) {
            c = c.arg(f);
        }
    }
    for (val, f, name) in [
        (o.datasize, "-D", "datasize"),
        (o.logsize, "-L", "logsize"),
        (o.rtsize, "-R", "rtsize"),
        (o.rtextsize, "-e", "rtextsize"),
    ] {
        if let Some(v) = val {
            if v < 0 {
                return Err(Error::msg(format!("{name} must be >= 0")));
            }
            c = c.arg(f).arg(v.to_string());
        }
    }
    if let Some(m) = o.maxpct {
        if m < 0 {
            return Err(Error::msg("maxpct must be >= 0"));
        }
        c = c.arg("-m").arg(m.to_string());
    }
    let out = c.arg(&p).run();
    if !out.ok() {
        return Err(Error::msg(format!("{path}: {}", out.err_or_out())));
    }
    Ok(())
}

/// The exit status is the result (1 = corruption found with nomodify).
pub fn xfs_repair(d: &mut Daemon, device: &str, o: XfsRepairOpts) -> Result<i32> {
    let mut c = Cmd::new("xfs_repair");
    if o.forcelogzero == Some(true) {
        c = c.arg("-L");
    }
    if o.nomodify == Some(true) {
        c = c.arg("-n");
    }
    if o.noprefetch == Some(true) {
        c = c.arg("-P");
    }
    if o.forcegeometry == Some(true) {
        c = c.args(["-o", "force_geometry"]);
    }
    for (val, name, fmt) in [
        (o.maxmem, "maxmem", "-m"),
        (o.ihashsize, "ihashsize", "ihash="),
        (o.bhashsize, "bhashsize", "bhash="),
        (o.agstride, "agstride", "ag_stride="),
    ] {
        if let Some(v) = val {
            if v < 0 {
                return Err(Error::msg(format!("{name} must be >= 0")));
            }
            c = if fmt == "-m" {
                c.arg("-m").arg(v.to_string())
            } else {
                c.arg("-o").arg(format!("{fmt}{v}"))
            };
        }
    }
    if let Some(l) = o.logdev {
        c = c.arg("-l").arg(l);
    }
    if let Some(rt) = o.rtdev {
        c = c.arg("-r").arg(rt);
    }
    let (t, is_dev) = target(d, device)?;
    if !is_dev {
        c = c.arg("-f");
    }
    let out = c.arg(&t).run();
    match out.status {
        Some(n) if n == 0 || n == 1 => Ok(n),
        _ => Err(Error::msg(format!("{device}: {}", out.err_or_out()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xfs_info_output() {
        let out = "meta-data=/dev/sda1              isize=512    agcount=4, agsize=65536 blks\n         =                       sectsz=512   attr=2, projid32bit=1\n         =                       crc=1        finobt=1, sparse=1, rmapbt=0\ndata     =                       bsize=4096   blocks=262144, imaxpct=25\n         =                       sunit=0      swidth=0 blks\nnaming   =version 2              bsize=4096   ascii-ci=0, ftype=1\nlog      =internal log           bsize=4096   blocks=16384, version=2\n         =                       sectsz=512   sunit=0 blks, lazy-count=1\nrealtime =none                   extsz=4096   blocks=0, rtextents=0\n";
        let s = parse_xfsinfo(out).unwrap();
        assert_eq!(s.xfs_mntpoint, "/dev/sda1");
        assert_eq!(s.xfs_inodesize, 512);
        assert_eq!(s.xfs_blocksize, 4096);
        assert_eq!(s.xfs_datablocks, 262144);
        assert_eq!(s.xfs_dirversion, 2);
        assert_eq!(s.xfs_logname, "internal");
        assert_eq!(s.xfs_logblocks, 16384);
        assert_eq!(s.xfs_logversion, 2);
        assert_eq!(s.xfs_lazycount, 1);
        assert_eq!(s.xfs_rtname, "none");
        assert_eq!(s.xfs_rtextsize, u32::MAX);
    }
}
