//! LVM through the `lvm` tool (configured at start-up to work without udev).

use guestfs_protocol::structs::{LvmLv, LvmPv, LvmVg};
use guestfs_protocol::ByteString;

use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::devices::CallerName;
use crate::error::{Error, Result};

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

pub fn pvcreate(_d: &mut Daemon, device: &str) -> Result<()> {
    lvm(&["pvcreate", "--force", device])?;
    Ok(())
}

pub fn vgcreate(_d: &mut Daemon, volgroup: &str, physvols: &[String]) -> Result<()> {
    let mut args = vec!["vgcreate", volgroup];
    args.extend(physvols.iter().map(String::as_str));
    lvm(&args)?;
    Ok(())
}

pub fn lvcreate(_d: &mut Daemon, logvol: &str, volgroup: &str, mbytes: i32) -> Result<()> {
    let size = format!("{mbytes}m");
    lvm(&["lvcreate", "--yes", "-L", &size, "-n", logvol, volgroup])?;
    Ok(())
}

pub fn lvcreate_free(_d: &mut Daemon, logvol: &str, volgroup: &str, percent: i32) -> Result<()> {
    let p = percent;
    if !(0..=100).contains(&p) {
        return Err(Error::msg(format!("percentage must be [0..100] (was {p})")));
    }
    lvm(&["lvcreate", "-l", &format!("{p}%FREE"), "-n", logvol, volgroup])?;
    Ok(())
}

pub fn pvs(d: &mut Daemon) -> Result<Vec<CallerName>> {
    let pvs = convert_lvm_output(&lvm(&["pvs", "-o", "pv_name", "--noheadings"])?, "");
    // Sorted in the caller's names (1.48 sorts the kernel's, which is the same order
    // only when the kernel names the disks in the order they were added).
    let mut pvs = d.devices.reverse_all(&pvs);
    pvs.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    Ok(pvs)
}

pub fn vgs(_d: &mut Daemon) -> Result<Vec<String>> {
    Ok(convert_lvm_output(&lvm(&["vgs", "-o", "vg_name", "--noheadings"])?, ""))
}

pub fn lvs(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(d.devices.reverse_all(&list_lvs()?))
}

pub fn lvm_remove_all(_d: &mut Daemon) -> Result<()> {
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
    Ok(())
}

pub fn lvremove(_d: &mut Daemon, device: &str) -> Result<()> {
    lvm(&["lvremove", "-f", device])?;
    Ok(())
}

pub fn vgremove(_d: &mut Daemon, vgname: &str) -> Result<()> {
    lvm(&["vgremove", "-f", vgname])?;
    Ok(())
}

pub fn pvremove(_d: &mut Daemon, device: &str) -> Result<()> {
    lvm(&["pvremove", "-ff", device])?;
    Ok(())
}

/// lvresize to the current size is not an error for 1.48.
fn same_size(err: &str) -> bool {
    err.contains("New size (") && err.contains("extents) matches existing size (")
}

pub fn lvresize(_d: &mut Daemon, device: &str, mbytes: i32) -> Result<()> {
    match lvm(&["lvresize", "--force", "-L", &mbytes.to_string(), device]) {
        Err(e) if !same_size(&e.msg) => Err(e),
        _ => Ok(()),
    }
}

pub fn lvresize_free(_d: &mut Daemon, lv: &str, percent: i32) -> Result<()> {
    let p = percent;
    if !(0..=100).contains(&p) {
        return Err(Error::msg(format!("percentage must be [0..100] (was {p})")));
    }
    match lvm(&["lvresize", "-l", &format!("+{p}%FREE"), lv]) {
        Err(e) if !same_size(&e.msg) => Err(e),
        _ => Ok(()),
    }
}

fn vgchange(activate: bool, vgs: &[String]) -> Result<()> {
    let mut args = vec!["vgchange", "-a", if activate { "y" } else { "n" }];
    args.extend(vgs.iter().map(String::as_str));
    lvm(&args).map_err(|e| Error::msg(format!("vgchange: {}", e.msg)))?;
    Ok(())
}

pub fn vg_activate(_d: &mut Daemon, activate: bool, volgroups: &[String]) -> Result<()> {
    vgchange(activate, volgroups)
}

pub fn vg_activate_all(_d: &mut Daemon, activate: bool) -> Result<()> {
    vgchange(activate, &[])
}

pub fn lvrename(_d: &mut Daemon, logvol: &str, newlogvol: &str) -> Result<()> {
    let (a, b) = (logvol, newlogvol);
    lvm(&["lvrename", a, b]).map_err(|e| Error::msg(format!("{a} -> {b}: {}", e.msg)))?;
    Ok(())
}

pub fn vgrename(_d: &mut Daemon, volgroup: &str, newvolgroup: &str) -> Result<()> {
    let (a, b) = (volgroup, newvolgroup);
    lvm(&["vgrename", a, b]).map_err(|e| Error::msg(format!("{a} -> {b}: {}", e.msg)))?;
    Ok(())
}

pub fn pvresize(_d: &mut Daemon, device: &str) -> Result<()> {
    lvm(&["pvresize", device]).map_err(|e| Error::msg(format!("{device}: {}", e.msg)))?;
    Ok(())
}

pub fn vgscan(_d: &mut Daemon) -> Result<()> {
    lvm(&["vgscan"])?;
    Ok(())
}

pub fn lvm_scan(_d: &mut Daemon, activate: bool) -> Result<()> {
    let mut args = vec!["pvscan", "--cache"];
    if activate {
        args.extend(["--activate", "ay"]);
    }
    lvm(&args)?;
    Ok(())
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

pub fn is_lv(_d: &mut Daemon, mountable: &str) -> Result<bool> {
    match crate::mountable::Mountable::parse(mountable) {
        crate::mountable::Mountable::Device(d) => Ok(lv_canonical(&d)?.is_some()),
        _ => Ok(false),
    }
}

pub fn lvm_canonical_lv_name(d: &mut Daemon, lvname: &str) -> Result<CallerName> {
    let dev = lvname;
    if !dev.starts_with("/dev/") {
        return Err(Error::msg(format!("{dev}: not a device name")));
    }
    match lv_canonical(dev)? {
        Some(lv) => Ok(d.devices.reverse(&lv)),
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

fn set_filter(f: Option<String>) -> Result<()> {
    lvm(&["vgchange", "-an"]).map_err(|e| Error::msg(format!("vgchange -an: {}", e.msg)))?;
    if let Ok(mut g) = FILTER.lock() {
        *g = f;
    }
    lvm(&["vgscan"]).map_err(|e| Error::msg(format!("vgscan: {}", e.msg)))?;
    lvm(&["vgchange", "-ay"]).map_err(|e| Error::msg(format!("vgchange -ay: {}", e.msg)))?;
    Ok(())
}

pub fn lvm_set_filter(_d: &mut Daemon, devices: &[String]) -> Result<()> {
    set_filter(Some(filter_strings(devices)))
}

pub fn lvm_clear_filter(_d: &mut Daemon) -> Result<()> {
    set_filter(None)
}

/// Columns of `lvm pvs/vgs/lvs -o ...` for the *_full calls: the fields of the table's
/// lvm_pv, lvm_vg and lvm_lv structs, in their order (a test checks them against the table).
const PV_COLS: &[&str] = &[
    "pv_name",
    "pv_uuid",
    "pv_fmt",
    "pv_size",
    "dev_size",
    "pv_free",
    "pv_used",
    "pv_attr",
    "pv_pe_count",
    "pv_pe_alloc_count",
    "pv_tags",
    "pe_start",
    "pv_mda_count",
    "pv_mda_free",
];
const VG_COLS: &[&str] = &[
    "vg_name",
    "vg_uuid",
    "vg_fmt",
    "vg_attr",
    "vg_size",
    "vg_free",
    "vg_sysid",
    "vg_extent_size",
    "vg_extent_count",
    "vg_free_count",
    "max_lv",
    "max_pv",
    "pv_count",
    "lv_count",
    "snap_count",
    "vg_seqno",
    "vg_tags",
    "vg_mda_count",
    "vg_mda_free",
];
const LV_COLS: &[&str] = &[
    "lv_name",
    "lv_uuid",
    "lv_attr",
    "lv_major",
    "lv_minor",
    "lv_kernel_major",
    "lv_kernel_minor",
    "lv_size",
    "seg_count",
    "origin",
    "snap_percent",
    "copy_percent",
    "move_pv",
    "lv_tags",
    "mirror_log",
    "modules",
];

/// One row of `lvm {pvs,vgs,lvs} --separator '\r' --units b --nosuffix`: its trimmed
/// tokens by column name. Values are read in the struct's field order, so the first bad
/// token is the one reported, as 1.48 does.
struct Row<'a> {
    cols: &'static [&'static str],
    toks: Vec<&'a str>,
}

impl<'a> Row<'a> {
    fn parse(cols: &'static [&'static str], line: &'a str) -> Result<Row<'a>> {
        let toks: Vec<&str> = line.split('\r').map(str::trim).collect();
        if toks.len() < cols.len() {
            return Err(Error::msg(format!("failed to parse lvm output: {line}")));
        }
        Ok(Row { cols, toks })
    }

    fn tok(&self, col: &str) -> &'a str {
        self.cols
            .iter()
            .position(|c| *c == col)
            .and_then(|i| self.toks.get(i).copied())
            .unwrap_or("")
    }

    fn text(&self, col: &str) -> ByteString {
        ByteString::from(self.tok(col))
    }

    fn uuid(&self, col: &str) -> Result<[u8; 32]> {
        let t = self.tok(col);
        let u: Vec<u8> = t.bytes().filter(|&b| b != b'-').collect();
        u.get(..32)
            .and_then(|x| x.try_into().ok())
            .ok_or_else(|| Error::msg(format!("failed to parse UUID from '{t}'")))
    }

    /// A number; empty is 0.
    fn int(&self, col: &str) -> Result<i64> {
        let t = self.tok(col);
        if t.is_empty() {
            return Ok(0);
        }
        t.parse::<i64>()
            .map_err(|_| Error::msg(format!("failed to parse size '{t}' from token {col}")))
    }

    fn size(&self, col: &str) -> Result<u64> {
        Ok(self.int(col)? as u64)
    }

    /// A percentage; empty (not applicable) or unparsable is -1.
    fn percent(&self, col: &str) -> f32 {
        let t = self.tok(col);
        if t.is_empty() {
            -1.0
        } else {
            t.parse().unwrap_or(-1.0)
        }
    }
}

/// The rows of a report (not `.lines()`: it would eat the separator before an empty last
/// field), each made into a struct by `make`.
fn parse_rows<T>(cols: &'static [&'static str], out: &str, make: impl Fn(&Row) -> Result<T>) -> Result<Vec<T>> {
    out.split('\n')
        .map(str::trim_start)
        .filter(|l| !l.is_empty())
        .map(|line| make(&Row::parse(cols, line)?))
        .collect()
}

fn pv_row(row: &Row) -> Result<LvmPv> {
    Ok(LvmPv {
        pv_name: row.text("pv_name"),
        pv_uuid: row.uuid("pv_uuid")?,
        pv_fmt: row.text("pv_fmt"),
        pv_size: row.size("pv_size")?,
        dev_size: row.size("dev_size")?,
        pv_free: row.size("pv_free")?,
        pv_used: row.size("pv_used")?,
        pv_attr: row.text("pv_attr"),
        pv_pe_count: row.int("pv_pe_count")?,
        pv_pe_alloc_count: row.int("pv_pe_alloc_count")?,
        pv_tags: row.text("pv_tags"),
        pe_start: row.size("pe_start")?,
        pv_mda_count: row.int("pv_mda_count")?,
        pv_mda_free: row.size("pv_mda_free")?,
    })
}

fn vg_row(row: &Row) -> Result<LvmVg> {
    Ok(LvmVg {
        vg_name: row.text("vg_name"),
        vg_uuid: row.uuid("vg_uuid")?,
        vg_fmt: row.text("vg_fmt"),
        vg_attr: row.text("vg_attr"),
        vg_size: row.size("vg_size")?,
        vg_free: row.size("vg_free")?,
        vg_sysid: row.text("vg_sysid"),
        vg_extent_size: row.size("vg_extent_size")?,
        vg_extent_count: row.int("vg_extent_count")?,
        vg_free_count: row.int("vg_free_count")?,
        max_lv: row.int("max_lv")?,
        max_pv: row.int("max_pv")?,
        pv_count: row.int("pv_count")?,
        lv_count: row.int("lv_count")?,
        snap_count: row.int("snap_count")?,
        vg_seqno: row.int("vg_seqno")?,
        vg_tags: row.text("vg_tags"),
        vg_mda_count: row.int("vg_mda_count")?,
        vg_mda_free: row.size("vg_mda_free")?,
    })
}

fn lv_row(row: &Row) -> Result<LvmLv> {
    Ok(LvmLv {
        lv_name: row.text("lv_name"),
        lv_uuid: row.uuid("lv_uuid")?,
        lv_attr: row.text("lv_attr"),
        lv_major: row.int("lv_major")?,
        lv_minor: row.int("lv_minor")?,
        lv_kernel_major: row.int("lv_kernel_major")?,
        lv_kernel_minor: row.int("lv_kernel_minor")?,
        lv_size: row.size("lv_size")?,
        seg_count: row.int("seg_count")?,
        origin: row.text("origin"),
        snap_percent: row.percent("snap_percent"),
        copy_percent: row.percent("copy_percent"),
        move_pv: row.text("move_pv"),
        lv_tags: row.text("lv_tags"),
        mirror_log: row.text("mirror_log"),
        modules: row.text("modules"),
    })
}

/// `lvm <cmd>` reporting `cols` in the *_full calls' format.
fn full_report(cmd: &str, cols: &[&str]) -> Result<String> {
    lvm(&[
        cmd,
        "-o",
        &cols.join(","),
        "--unbuffered",
        "--noheadings",
        "--nosuffix",
        "--separator",
        "\r",
        "--units",
        "b",
    ])
}

pub fn pvs_full(d: &mut Daemon) -> Result<Vec<LvmPv>> {
    let mut rows = parse_rows(PV_COLS, &full_report("pvs", PV_COLS)?, pv_row)?;
    for row in &mut rows {
        row.pv_name = d.devices.reverse(&row.pv_name.to_string_lossy()).into_string().into();
    }
    Ok(rows)
}

pub fn vgs_full(_d: &mut Daemon) -> Result<Vec<LvmVg>> {
    parse_rows(VG_COLS, &full_report("vgs", VG_COLS)?, vg_row)
}

pub fn lvs_full(_d: &mut Daemon) -> Result<Vec<LvmLv>> {
    parse_rows(LV_COLS, &full_report("lvs", LV_COLS)?, lv_row)
}

pub fn pvchange_uuid(_d: &mut Daemon, device: &str) -> Result<()> {
    lvm(&["pvchange", "-u", device]).map_err(|e| Error::msg(format!("{device}: {}", e.msg)))?;
    Ok(())
}

pub fn pvchange_uuid_all(_d: &mut Daemon) -> Result<()> {
    lvm(&["pvchange", "-u", "-a"])?;
    Ok(())
}

pub fn vgchange_uuid(_d: &mut Daemon, vg: &str) -> Result<()> {
    lvm(&["vgchange", "-u", vg]).map_err(|e| Error::msg(format!("{vg}: {}", e.msg)))?;
    Ok(())
}

pub fn vgchange_uuid_all(_d: &mut Daemon) -> Result<()> {
    lvm(&["vgchange", "-u"])?;
    Ok(())
}

pub fn pvresize_size(_d: &mut Daemon, device: &str, size: i64) -> Result<()> {
    let size = format!("{size}b");
    lvm(&["pvresize", "--yes", "--setphysicalvolumesize", &size, device])
        .map_err(|e| Error::msg(format!("{device}: {}", e.msg)))?;
    Ok(())
}

pub fn vgmeta(_d: &mut Daemon, vgname: &str) -> Result<Vec<u8>> {
    let vg = vgname;
    let tmp = std::env::temp_dir().join(format!("vgmeta-{}-{}", std::process::id(), vg.len()));
    let res = lvm(&["vgcfgbackup", "-f", &tmp.to_string_lossy(), vg])
        .map_err(|e| Error::msg(format!("vgcfgbackup: {}", e.msg)))
        .and_then(|_| std::fs::read(&tmp).map_err(|e| Error::io(&e, tmp.display())));
    let _ = std::fs::remove_file(&tmp);
    res
}

/// One field of one object: `lvm <cmd> --unbuffered --noheadings -o <field> <name>`.
fn get_field(cmd: &str, field: &str, name: &str) -> Result<String> {
    let out = lvm(&[cmd, "--unbuffered", "--noheadings", "-o", field, name])
        .map_err(|e| Error::msg(format!("{name}: {}", e.msg)))?;
    Ok(out.trim().to_string())
}

/// A list-valued field of one object (comma separated).
fn get_fields(cmd: &str, field: &str, name: &str) -> Result<Vec<String>> {
    let out = lvm(&[cmd, "--unbuffered", "--noheadings", "-o", field, name])
        .map_err(|e| Error::msg(format!("{name}: {}", e.msg)))?;
    Ok(out
        .split([',', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect())
}

pub fn pvuuid(_d: &mut Daemon, device: &str) -> Result<String> {
    get_field("pvs", "pv_uuid", device)
}

pub fn vguuid(_d: &mut Daemon, vgname: &str) -> Result<String> {
    get_field("vgs", "vg_uuid", vgname)
}

pub fn lvuuid(_d: &mut Daemon, device: &str) -> Result<String> {
    get_field("lvs", "lv_uuid", device)
}

pub fn vglvuuids(_d: &mut Daemon, vgname: &str) -> Result<Vec<String>> {
    get_fields("vgs", "lv_uuid", vgname)
}

pub fn vgpvuuids(_d: &mut Daemon, vgname: &str) -> Result<Vec<String>> {
    get_fields("vgs", "pv_uuid", vgname)
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
    fn full_columns_are_the_table_fields() {
        let api = guestfs_api::table();
        for (name, cols) in [("lvm_pv", PV_COLS), ("lvm_vg", VG_COLS), ("lvm_lv", LV_COLS)] {
            let fields: Vec<&str> = api
                .structure(name)
                .unwrap()
                .fields
                .iter()
                .map(|f| f.name.as_str())
                .collect();
            assert_eq!(fields, cols, "{name}");
        }
    }

    #[test]
    fn full_rows_parse_into_structs() {
        let line =
            "  lv1\rabcdef-ghij-klmn-opqr-stuv-wxyz-123456\r-wi-a-----\r-1\r-1\r253\r0\r67108864\r1\r\r\r\r\r\r\r\n";
        let rows = parse_rows(LV_COLS, line, lv_row).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].lv_name, "lv1");
        assert_eq!(&rows[0].lv_uuid, b"abcdefghijklmnopqrstuvwxyz123456");
        assert_eq!(rows[0].lv_major, -1);
        assert_eq!(rows[0].lv_kernel_major, 253);
        assert_eq!(rows[0].lv_size, 67108864);
        assert_eq!(rows[0].snap_percent, -1.0);
        assert_eq!(rows[0].modules, "");
        let bad = "lv1\rshort-uuid\r-wi-a-----\r-1\r-1\r253\r0\rX\r1\r\r\r\r\r\r\r\n";
        assert_eq!(
            parse_rows(LV_COLS, bad, lv_row).unwrap_err().msg,
            "failed to parse UUID from 'short-uuid'"
        );
        assert!(parse_rows(LV_COLS, "lv1\rtoo few\n", lv_row).is_err());
    }

    /// lvm's report carries guest-controlled names and tags: random and mutated rows never
    /// panic, and a row that parses has every column.
    #[test]
    fn full_rows_fuzz() {
        let base = "  pv\rabcdef-ghij-klmn-opqr-stuv-wxyz-123456\rlvm2\r1048576\r1048576\r0\r1048576\ra--\r255\r255\t\r\r1048576\r1\r0\n";
        let alphabet: &[u8] = b"\r\n -0123456789abc,\xc3\xa9";
        for bytes in crate::test_inputs::mutated(base.as_bytes(), alphabet, 0x9e37_79b9_7f4a_7c15, 5000, 120, 6) {
            let out = String::from_utf8_lossy(&bytes);
            let _ = parse_rows(PV_COLS, &out, pv_row);
            let _ = parse_rows(VG_COLS, &out, vg_row);
            let _ = parse_rows(LV_COLS, &out, lv_row);
        }
    }

    #[test]
    fn lvm_output_is_trimmed_and_sorted() {
        let v = convert_lvm_output("  VG/lv2\n  VG/lv1\n\n  unknown device\n", "/dev/");
        assert_eq!(v, ["/dev/VG/lv1", "/dev/VG/lv2"]);
    }
}
