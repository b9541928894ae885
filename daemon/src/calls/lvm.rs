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
    ("lvm_set_filter", lvm_set_filter),
    ("lvm_clear_filter", lvm_clear_filter),
    ("pvs_full", pvs_full),
    ("vgs_full", vgs_full),
    ("lvs_full", lvs_full),
    ("pvchange_uuid", pvchange_uuid),
    ("pvchange_uuid_all", pvchange_uuid_all),
    ("vgchange_uuid", vgchange_uuid),
    ("vgchange_uuid_all", vgchange_uuid_all),
    ("pvresize_size", pvresize_size),
    ("vgmeta", vgmeta),
    ("pvuuid", pvuuid),
    ("vguuid", vguuid),
    ("lvuuid", lvuuid),
    ("vglvuuids", vglvuuids),
    ("vgpvuuids", vgpvuuids),
];

/// A device filter set by lvm_set_filter, passed to every lvm command with --config
/// (so no configuration file is edited, in the appliance or on a test host).
static FILTER: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn lvm(args: &[&str]) -> Result<String> {
    let mut c = Cmd::new("lvm");
    if let Some((sub, rest)) = args.split_first() {
        c = c.arg(sub);
        if let Some(f) = FILTER.lock().ok().and_then(|g| g.clone()) {
            c = c.arg("--config").arg(format!("devices {{ filter = [ {f} ] }}"));
        }
        c = c.args(rest);
    }
    let o = c.run();
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
    Ok(str_list(convert_lvm_output(
        &lvm(&["pvs", "-o", "pv_name", "--noheadings"])?,
        "",
    )))
}

fn vgs(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(convert_lvm_output(
        &lvm(&["vgs", "-o", "vg_name", "--noheadings"])?,
        "",
    )))
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
pub fn lv_canonical(device: &str) -> Result<Option<String>> {
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

/// 1.48's filter: each device accepted exactly, whole disks with their partitions too.
pub fn filter_strings(devices: &[String]) -> String {
    let mut v: Vec<String> = Vec::new();
    for d in devices {
        v.push(format!("\"a|^{d}$|\""));
        if !d.ends_with(|c: char| c.is_ascii_digit()) {
            v.push(format!("\"a|^{d}[0-9]|\""));
        }
    }
    v.push("\"r|.*|\"".into());
    v.join(", ")
}

fn set_filter(f: Option<String>) -> Result<RetValue> {
    lvm(&["vgchange", "-an"]).map_err(|e| Error::msg(format!("vgchange -an: {}", e.msg)))?;
    if let Ok(mut g) = FILTER.lock() {
        *g = f;
    }
    lvm(&["vgscan"]).map_err(|e| Error::msg(format!("vgscan: {}", e.msg)))?;
    lvm(&["vgchange", "-ay"]).map_err(|e| Error::msg(format!("vgchange -ay: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn lvm_set_filter(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    set_filter(Some(filter_strings(&r.strings(0))))
}

fn lvm_clear_filter(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    set_filter(None)
}

/// Parse `lvm {pvs,vgs,lvs} --separator '\r' --units b --nosuffix` rows into structs,
/// field types taken from the API table.
pub fn parse_full(fields: &[guestfs_api::Field], out: &str) -> Result<Vec<guestfs_protocol::StructValue>> {
    use guestfs_api::FieldType as T;
    use guestfs_protocol::FieldValue as V;
    let mut rows = Vec::new();
    // Not .lines(): it would eat the separator before an empty last field.
    for line in out.split('\n').map(|l| l.trim_start()).filter(|l| !l.is_empty()) {
        let toks: Vec<&str> = line.split('\r').collect();
        if toks.len() < fields.len() {
            return Err(Error::msg(format!("failed to parse lvm output: {line}")));
        }
        let mut vals = Vec::new();
        for (f, t) in fields.iter().zip(&toks) {
            let t = t.trim();
            let num = || -> Result<i64> {
                if t.is_empty() {
                    return Ok(0);
                }
                t.parse::<i64>()
                    .map_err(|_| Error::msg(format!("failed to parse size '{t}' from token {}", f.name)))
            };
            vals.push(match f.ty {
                T::String => V::Str(t.as_bytes().to_vec()),
                T::Uuid => {
                    let u: Vec<u8> = t.bytes().filter(|&b| b != b'-').collect();
                    let arr: [u8; 32] = u
                        .get(..32)
                        .and_then(|x| x.try_into().ok())
                        .ok_or_else(|| Error::msg(format!("failed to parse UUID from '{t}'")))?;
                    V::Uuid(arr)
                }
                T::Bytes | T::UInt64 => V::UInt64(num()? as u64),
                T::Int64 => V::Int64(num()?),
                T::Int32 => V::Int32(num()? as i32),
                T::UInt32 => V::UInt32(num()? as u32),
                T::OptPercent => V::OptPercent(if t.is_empty() { -1.0 } else { t.parse().unwrap_or(-1.0) }),
                T::Char => V::Char(t.bytes().next().unwrap_or(b' ')),
                T::Buffer => V::Buffer(t.as_bytes().to_vec()),
            });
        }
        rows.push(guestfs_protocol::StructValue { fields: vals });
    }
    Ok(rows)
}

fn full(d: &Daemon, cmd: &str, sname: &str) -> Result<Vec<guestfs_protocol::StructValue>> {
    let st = d
        .api
        .structure(sname)
        .ok_or_else(|| Error::msg(format!("no struct {sname}")))?;
    let cols: Vec<&str> = st.fields.iter().map(|f| f.name.as_str()).collect();
    let cols = cols.join(",");
    let out = lvm(&[
        cmd,
        "-o",
        &cols,
        "--unbuffered",
        "--noheadings",
        "--nosuffix",
        "--separator",
        "\r",
        "--units",
        "b",
    ])?;
    parse_full(&st.fields, &out)
}

fn pvs_full(d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    let mut rows = full(d, "pvs", "lvm_pv")?;
    for row in &mut rows {
        if let Some(guestfs_protocol::FieldValue::Str(n)) = row.fields.get_mut(0) {
            *n = d.devices.reverse(&String::from_utf8_lossy(n)).into_bytes();
        }
    }
    Ok(RetValue::StructList(rows))
}

fn vgs_full(d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(RetValue::StructList(full(d, "vgs", "lvm_vg")?))
}

fn lvs_full(d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(RetValue::StructList(full(d, "lvs", "lvm_lv")?))
}

fn pvchange_uuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    lvm(&["pvchange", "-u", &dev]).map_err(|e| Error::msg(format!("{dev}: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn pvchange_uuid_all(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    lvm(&["pvchange", "-u", "-a"])?;
    Ok(RetValue::None)
}

fn vgchange_uuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let vg = r.str(0);
    lvm(&["vgchange", "-u", &vg]).map_err(|e| Error::msg(format!("{vg}: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn vgchange_uuid_all(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    lvm(&["vgchange", "-u"])?;
    Ok(RetValue::None)
}

fn pvresize_size(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let size = format!("{}b", r.int64(1));
    lvm(&["pvresize", "--yes", "--setphysicalvolumesize", &size, &dev])
        .map_err(|e| Error::msg(format!("{dev}: {}", e.msg)))?;
    Ok(RetValue::None)
}

fn vgmeta(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let vg = r.str(0);
    let tmp = std::env::temp_dir().join(format!("vgmeta-{}-{}", std::process::id(), vg.len()));
    let res = lvm(&["vgcfgbackup", "-f", &tmp.to_string_lossy(), &vg])
        .map_err(|e| Error::msg(format!("vgcfgbackup: {}", e.msg)))
        .and_then(|_| std::fs::read(&tmp).map_err(|e| Error::io(&e, tmp.display())));
    let _ = std::fs::remove_file(&tmp);
    Ok(RetValue::Buffer(res?))
}

/// One field of one object: `lvm <cmd> --unbuffered --noheadings -o <field> <name>`.
fn get_field(cmd: &str, field: &str, name: &str) -> Result<String> {
    let out = lvm(&[cmd, "--unbuffered", "--noheadings", "-o", field, name])
        .map_err(|e| Error::msg(format!("{name}: {}", e.msg)))?;
    Ok(out.trim().to_string())
}

fn get_fields(cmd: &str, field: &str, name: &str) -> Result<RetValue> {
    let out = lvm(&[cmd, "--unbuffered", "--noheadings", "-o", field, name])
        .map_err(|e| Error::msg(format!("{name}: {}", e.msg)))?;
    let v: Vec<String> = out
        .split([',', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Ok(str_list(v))
}

fn pvuuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(get_field("pvs", "pv_uuid", &r.str(0))?.into_bytes()))
}

fn vguuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(get_field("vgs", "vg_uuid", &r.str(0))?.into_bytes()))
}

fn lvuuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(get_field("lvs", "lv_uuid", &r.str(0))?.into_bytes()))
}

fn vglvuuids(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    get_fields("vgs", "lv_uuid", &r.str(0))
}

fn vgpvuuids(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    get_fields("vgs", "pv_uuid", &r.str(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_like_1_48() {
        assert_eq!(
            filter_strings(&["/dev/sda".into(), "/dev/sdb1".into()]),
            "\"a|^/dev/sda$|\", \"a|^/dev/sda[0-9]|\", \"a|^/dev/sdb1$|\", \"r|.*|\""
        );
    }

    #[test]
    fn full_rows_parse_by_table_types() {
        let api = guestfs_api::table();
        let st = api.structure("lvm_lv").unwrap();
        let line =
            "  lv1\rabcdef-ghij-klmn-opqr-stuv-wxyz-123456\r-wi-a-----\r-1\r-1\r253\r0\r67108864\r1\r\r\r\r\r\r\r\n";
        let rows = parse_full(&st.fields, line).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].fields[7], guestfs_protocol::FieldValue::UInt64(67108864));
        assert_eq!(rows[0].fields[10], guestfs_protocol::FieldValue::OptPercent(-1.0));
    }

    #[test]
    fn lvm_output_is_trimmed_and_sorted() {
        let v = convert_lvm_output("  VG/lv2\n  VG/lv1\n\n  unknown device\n", "/dev/");
        assert_eq!(v, ["/dev/VG/lv1", "/dev/VG/lv2"]);
    }
}
