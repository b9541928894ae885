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
    if lines.peek().is_some_and(|l| l.starts_with("tune2fs ") || l.starts_with("tune4fs ")) {
        lines.next();
    }
    lines
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(':') {
            Some((k, v)) => {
                let v = v.trim_start();
                let v = if matches!(v, "<none>" | "<not available>" | "(none)") { "" } else { v };
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
    Ok(RetValue::Str(super::devs::blkid_tag(&r.str(0), "UUID")?.unwrap_or_default().into_bytes()))
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
    Ok(RetValue::Str(super::devs::blkid_tag(&r.str(0), "LABEL")?.unwrap_or_default().into_bytes()))
}

fn mke2journal(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let bs = r.int(0).to_string();
    run_ok(Cmd::new("mke2fs").args(["-F", "-O", "journal_dev", "-b", &bs]).arg(r.str(1)))?;
    Ok(RetValue::None)
}

fn e2fsck_with(device: &str, correct: bool, forceall: bool) -> Result<RetValue> {
    if correct && forceall {
        return Err(Error::msg("only one of the options 'correct', 'forceall' may be specified"));
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
    e2fsck_with(&r.str(0), r.opt_bool(0).unwrap_or(false), r.opt_bool(1).unwrap_or(false))
}

fn e2fsck_f(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    e2fsck_with(&r.str(0), false, false)
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
        return Err(Error::msg(format!("unexpected negative number from 'lsattr' command: {out}")));
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
