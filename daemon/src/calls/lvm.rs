//! LVM through the `lvm` tool (configured at start-up to work without udev).

use guestfs_protocol::RetValue;

use super::{str_list, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("pvcreate", pvcreate),
    ("vgcreate", vgcreate),
    ("lvcreate", lvcreate),
    ("lvcreate_free", lvcreate_free),
    ("pvs", pvs),
    ("vgs", vgs),
    ("lvs", lvs),
    ("lvm_remove_all", lvm_remove_all),
    ("lvremove", lvremove),
    ("vgremove", vgremove),
    ("pvremove", pvremove),
    ("lvresize", lvresize),
    ("lvresize_free", lvresize_free),
    ("vg_activate", vg_activate),
    ("vg_activate_all", vg_activate_all),
    ("lvrename", lvrename),
    ("vgrename", vgrename),
    ("pvresize", pvresize),
    ("vgscan", vgscan),
    ("lvm_scan", lvm_scan),
    ("is_lv", is_lv),
    ("lvm_canonical_lv_name", lvm_canonical_lv_name),
];

fn lvm(args: &[&str]) -> Result<String> {
    let o = Cmd::new("lvm").args(args).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(o.out_text())
}

/// Trimmed, non-empty, sorted lines of an lvm report (1.48's convert_lvm_output).
pub fn convert_lvm_output(out: &str, prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "unknown device")
        .map(|l| format!("{prefix}{l}"))
        .collect();
    v.sort();
    v
}

/// Public LVs as /dev/VG/LV, excluding thin pools and LVs skipped at activation.
pub fn list_lvs() -> Result<Vec<String>> {
    let out = lvm(&[
        "lvs",
        "-o",
        "vg_name,lv_name",
        "-S",
        "lv_role=public && lv_skip_activation!=yes",
        "--noheadings",
        "--separator",
        "/",
    ])?;
    Ok(convert_lvm_output(&out, "/dev/"))
}

fn pvcreate(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    lvm(&["pvcreate", "--force", &r.str(0)])?;
    Ok(RetValue::None)
}

fn vgcreate(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let vg = r.str(0);
    let pvs = r.strings(1);
    let mut args = vec!["vgcreate", vg.as_str()];
    args.extend(pvs.iter().map(String::as_str));
    lvm(&args)?;
    Ok(RetValue::None)
}

fn lvcreate(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let size = format!("{}m", r.int(2));
    lvm(&["lvcreate", "--yes", "-L", &size, "-n", &r.str(0), &r.str(1)])?;
    Ok(RetValue::None)
}

fn lvcreate_free(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = r.int(2);
    if !(0..=100).contains(&p) {
        return Err(Error::msg(format!("percentage must be [0..100] (was {p})")));
    }
    lvm(&["lvcreate", "-l", &format!("{p}%FREE"), "-n", &r.str(0), &r.str(1)])?;
    Ok(RetValue::None)
}

fn pvs(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(convert_lvm_output(&lvm(&["pvs", "-o", "pv_name", "--noheadings"])?, "")))
}

fn vgs(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(convert_lvm_output(&lvm(&["vgs", "-o", "vg_name", "--noheadings"])?, "")))
}

fn lvs(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(list_lvs()?))
}

fn lvm_remove_all(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    for lv in list_lvs()? {
        let _ = lvm(&["lvchange", "-an", &lv]);
        lvm(&["lvremove", "-f", &lv]).map_err(|e| Error::msg(format!("lvremove: {lv}: {}", e.msg)))?;
    }
    for vg in convert_lvm_output(&lvm(&["vgs", "-o", "vg_name", "--noheadings"])?, "") {
        let _ = lvm(&["vgchange", "-an", &vg]);
        lvm(&["vgremove", "-f", &vg]).map_err(|e| Error::msg(format!("vgremove: {vg}: {}", e.msg)))?;
    }
    for pv in convert_lvm_output(&lvm(&["pvs", "-o", "pv_name", "--noheadings"])?, "") {
        lvm(&["pvremove", "-f", &pv]).map_err(|e| Error::msg(format!("pvremove: {pv}: {}", e.msg)))?;
    }
    Ok(RetValue::None)
}

fn lvremove(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    lvm(&["lvremove", "-f", &r.str(0)])?;
    Ok(RetValue::None)
}

fn vgremove(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    lvm(&["vgremove", "-f", &r.str(0)])?;
    Ok(RetValue::None)
}

fn pvremove(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    lvm(&["pvremove", "-ff", &r.str(0)])?;
    Ok(RetValue::None)
}

/// lvresize to the current size is not an error for 1.48.
fn same_size(err: &str) -> bool {
    err.contains("New size (") && err.contains("extents) matches existing size (")
}

fn lvresize(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    match lvm(&["lvresize", "--force", "-L", &r.int(1).to_string(), &r.str(0)]) {
        Err(e) if !same_size(&e.msg) => Err(e),
        _ => Ok(RetValue::None),
    }
}

fn lvresize_free(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = r.int(1);
    if !(0..=100).contains(&p) {
        return Err(Error::msg(format!("percentage must be [0..100] (was {p})")));
    }
    match lvm(&["lvresize", "-l", &format!("+{p}%FREE"), &r.str(0)]) {
        Err(e) if !same_size(&e.msg) => Err(e),
        _ => Ok(RetValue::None),
    }
}

fn vgchange(activate: bool, vgs: &[String]) -> Result<RetValue> {
    let mut args = vec!["vgchange", "-a", if activate { "y" } else { "n" }];
    args.extend(vgs.iter().map(String::as_str));
    lvm(&args).map_err(|e| Error::msg(format!("vgchange: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn vg_activate(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    vgchange(r.bool(0), &r.strings(1))
}

fn vg_activate_all(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    vgchange(r.bool(0), &[])
}

fn lvrename(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (a, b) = (r.str(0), r.str(1));
    lvm(&["lvrename", &a, &b]).map_err(|e| Error::msg(format!("{a} -> {b}: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn vgrename(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (a, b) = (r.str(0), r.str(1));
    lvm(&["vgrename", &a, &b]).map_err(|e| Error::msg(format!("{a} -> {b}: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn pvresize(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    lvm(&["pvresize", &dev]).map_err(|e| Error::msg(format!("{dev}: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn vgscan(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    lvm(&["vgscan"])?;
    Ok(RetValue::None)
}

fn lvm_scan(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mut args = vec!["pvscan", "--cache"];
    if r.bool(0) {
        args.extend(["--activate", "ay"]);
    }
    lvm(&args)?;
    Ok(RetValue::None)
}

/// The /dev/VG/LV name of an LV given by any of its names (compared by device number).
fn lv_canonical(device: &str) -> Result<Option<String>> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(device).map_err(|e| Error::io(&e, format!("stat: {device}")))?;
    for lv in list_lvs()? {
        let m2 = std::fs::metadata(&lv).map_err(|e| Error::io(&e, format!("stat: {lv}")))?;
        if m.rdev() == m2.rdev() {
            return Ok(Some(lv));
        }
    }
    Ok(None)
}

fn is_lv(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let m = crate::mountable::Mountable::parse(&r.str(0));
    match m {
        crate::mountable::Mountable::Device(d) => Ok(RetValue::Bool(lv_canonical(&d)?.is_some())),
        _ => Ok(RetValue::Bool(false)),
    }
}

fn lvm_canonical_lv_name(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    if !dev.starts_with("/dev/") {
        return Err(Error::msg(format!("{dev}: not a device name")));
    }
    match lv_canonical(&dev)? {
        Some(lv) => Ok(RetValue::Str(lv.into_bytes())),
        None => Err(Error::with_errno(libc::EINVAL, format!("{dev}: not a logical volume"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lvm_output_is_trimmed_and_sorted() {
        let v = convert_lvm_output("  VG/lv2\n  VG/lv1\n\n  unknown device\n", "/dev/");
        assert_eq!(v, ["/dev/VG/lv1", "/dev/VG/lv2"]);
    }
}
