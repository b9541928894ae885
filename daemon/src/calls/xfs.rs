//! XFS administration: xfs_info (parsed into the xfsinfo struct as 1.48 does),
//! xfs_admin, xfs_growfs, xfs_repair.

use guestfs_protocol::{FieldValue, RetValue, StructValue};

use super::{host_path, Handler};
use crate::checks::is_device_parameter;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("xfs_info", xfs_info),
    ("xfs_admin", xfs_admin),
    ("xfs_growfs", xfs_growfs),
    ("xfs_repair", xfs_repair),
];

/// Up to the first space, comma or '=' (1.48's split_strdup).
fn word(s: &str) -> &str {
    let end = s.find([' ', ',', '=']).unwrap_or(s.len());
    &s[..end]
}

fn after<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.find(key).map(|i| word(&line[i + key.len()..]))
}

/// Parse `xfs_info` output. Missing numbers stay at -1 (all ones), as in 1.48.
pub fn parse_xfs_info(out: &str) -> Result<StructValue> {
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
    let g32 = |k: &str| FieldValue::UInt32(*u32s.get(k).unwrap_or(&u32::MAX));
    let g64 = |k: &str| FieldValue::UInt64(*u64s.get(k).unwrap_or(&u64::MAX));
    Ok(StructValue {
        fields: vec![
            FieldValue::Str(s.mntpoint.into_bytes()),
            g32("inodesize"),
            g32("agcount"),
            g32("agsize"),
            g32("sectsize"),
            g32("attr"),
            g32("blocksize"),
            g64("datablocks"),
            g32("imaxpct"),
            g32("sunit"),
            g32("swidth"),
            g32("dirversion"),
            g32("dirblocksize"),
            g32("cimode"),
            FieldValue::Str(s.logname.into_bytes()),
            g32("logblocksize"),
            g32("logblocks"),
            g32("logversion"),
            g32("logsectsize"),
            g32("logsunit"),
            g32("lazycount"),
            FieldValue::Str(s.rtname.into_bytes()),
            g32("rtextsize"),
            g64("rtblocks"),
            g64("rtextents"),
        ],
    })
}

fn target(d: &Daemon, r: &Req, i: usize) -> Result<(String, bool)> {
    let s = r.str(i);
    if is_device_parameter(&s) {
        Ok((s, true))
    } else {
        Ok((host_path(d, r, i, true)?.to_string_lossy().into_owned(), false))
    }
}

fn xfs_info(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (t, _) = target(d, r, 0)?;
    let o = Cmd::new("xfs_info").arg(&t).run();
    if !o.ok() {
        return Err(Error::msg(o.err_or_out()));
    }
    Ok(RetValue::Struct(parse_xfs_info(&o.out_text())?))
}

fn xfs_admin(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let mut c = Cmd::new("xfs_admin");
    for (i, f) in [(0, "-e"), (1, "-f"), (2, "-j"), (3, "-p")] {
        if r.opt_bool(i) == Some(true) {
            c = c.arg(f);
        }
    }
    if let Some(l) = r.opt_bool(4) {
        c = c.args(["-c", if l { "1" } else { "0" }]);
    }
    if let Some(l) = r.opt_str(5) {
        if l.len() > 12 {
            return Err(Error::msg(format!("{l}: xfs labels are limited to 12 bytes")));
        }
        c = c.arg("-L").arg(l);
    }
    if let Some(u) = r.opt_str(6) {
        c = c.arg("-U").arg(u);
    }
    let o = c.arg(&dev).run();
    if !o.ok() {
        return Err(Error::msg(format!("{dev}: {}", o.err_or_out())));
    }
    Ok(RetValue::None)
}

fn xfs_growfs(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let mut c = Cmd::new("xfs_growfs");
    for (i, f) in [(0, "-d"), (1, "-l"), (2, "-r")] {
        if r.opt_bool(i) == Some(true) {
            c = c.arg(f);
        }
    }
    for (i, f, name) in [
        (3, "-D", "datasize"),
        (4, "-L", "logsize"),
        (5, "-R", "rtsize"),
        (6, "-e", "rtextsize"),
    ] {
        if let Some(v) = r.opt_int64(i) {
            if v < 0 {
                return Err(Error::msg(format!("{name} must be >= 0")));
            }
            c = c.arg(f).arg(v.to_string());
        }
    }
    if let Some(m) = r.opt_int(7) {
        if m < 0 {
            return Err(Error::msg("maxpct must be >= 0"));
        }
        c = c.arg("-m").arg(m.to_string());
    }
    let o = c.arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{}: {}", r.str(0), o.err_or_out())));
    }
    Ok(RetValue::None)
}

/// The exit status is the result (1 = corruption found with nomodify).
fn xfs_repair(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mut c = Cmd::new("xfs_repair");
    if r.opt_bool(0) == Some(true) {
        c = c.arg("-L");
    }
    if r.opt_bool(1) == Some(true) {
        c = c.arg("-n");
    }
    if r.opt_bool(2) == Some(true) {
        c = c.arg("-P");
    }
    if r.opt_bool(3) == Some(true) {
        c = c.args(["-o", "force_geometry"]);
    }
    for (i, name, fmt) in [
        (4, "maxmem", "-m"),
        (5, "ihashsize", "ihash="),
        (6, "bhashsize", "bhash="),
        (7, "agstride", "ag_stride="),
    ] {
        if let Some(v) = r.opt_int64(i) {
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
    if let Some(l) = r.opt_str(8) {
        c = c.arg("-l").arg(l);
    }
    if let Some(rt) = r.opt_str(9) {
        c = c.arg("-r").arg(rt);
    }
    let (t, is_dev) = target(d, r, 0)?;
    if !is_dev {
        c = c.arg("-f");
    }
    let o = c.arg(&t).run();
    match o.status {
        Some(n) if n == 0 || n == 1 => Ok(RetValue::Int(n)),
        _ => Err(Error::msg(format!("{}: {}", r.str(0), o.err_or_out()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xfs_info_output() {
        let out = "meta-data=/dev/sda1              isize=512    agcount=4, agsize=65536 blks\n         =                       sectsz=512   attr=2, projid32bit=1\n         =                       crc=1        finobt=1, sparse=1, rmapbt=0\ndata     =                       bsize=4096   blocks=262144, imaxpct=25\n         =                       sunit=0      swidth=0 blks\nnaming   =version 2              bsize=4096   ascii-ci=0, ftype=1\nlog      =internal log           bsize=4096   blocks=16384, version=2\n         =                       sectsz=512   sunit=0 blks, lazy-count=1\nrealtime =none                   extsz=4096   blocks=0, rtextents=0\n";
        let s = parse_xfs_info(out).unwrap();
        assert_eq!(s.fields[0], FieldValue::Str(b"/dev/sda1".to_vec()));
        assert_eq!(s.fields[1], FieldValue::UInt32(512));
        assert_eq!(s.fields[6], FieldValue::UInt32(4096));
        assert_eq!(s.fields[7], FieldValue::UInt64(262144));
        assert_eq!(s.fields[11], FieldValue::UInt32(2));
        assert_eq!(s.fields[14], FieldValue::Str(b"internal".to_vec()));
        assert_eq!(s.fields[16], FieldValue::UInt32(16384));
        assert_eq!(s.fields[17], FieldValue::UInt32(2));
        assert_eq!(s.fields[20], FieldValue::UInt32(1));
        assert_eq!(s.fields[21], FieldValue::Str(b"none".to_vec()));
        assert_eq!(s.fields[22], FieldValue::UInt32(u32::MAX));
    }
}
