//! btrfs through btrfs-progs, worded like 1.48. Calls that take a mountable or a path
//! mount a device on a private temporary directory while they run.

pub use guestfs_guestdata::tool_output::parse_subvolume_line;
use std::path::{Path, PathBuf};

use guestfs_protocol::{FieldValue, RetValue, StructValue};

use super::{hashtable, host_path, str_list, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::mountable::Mountable;
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("mkfs_btrfs", mkfs_btrfs),
    ("btrfs_subvolume_create", subvolume_create),
    ("btrfs_subvolume_snapshot", subvolume_snapshot),
    ("btrfs_subvolume_delete", subvolume_delete),
    ("btrfs_subvolume_list", subvolume_list),
    ("btrfs_subvolume_get_default", subvolume_get_default),
    ("btrfs_subvolume_set_default", subvolume_set_default),
    ("btrfs_subvolume_show", subvolume_show),
    ("btrfs_filesystem_resize", filesystem_resize),
    ("btrfs_filesystem_sync", filesystem_sync),
    ("btrfs_filesystem_balance", filesystem_balance),
    ("btrfs_filesystem_defragment", filesystem_defragment),
    ("btrfs_filesystem_show", filesystem_show),
    ("btrfs_device_add", device_add),
    ("btrfs_device_delete", device_delete),
    ("btrfs_set_seeding", set_seeding),
    ("btrfs_fsck", fsck),
    ("btrfs_quota_enable", quota_enable),
    ("btrfs_quota_rescan", quota_rescan),
    ("btrfs_qgroup_limit", qgroup_limit),
    ("btrfs_qgroup_create", qgroup_create),
    ("btrfs_qgroup_destroy", qgroup_destroy),
    ("btrfs_qgroup_show", qgroup_show),
    ("btrfs_qgroup_assign", qgroup_assign),
    ("btrfs_qgroup_remove", qgroup_remove),
    ("btrfs_scrub_start", scrub_start),
    ("btrfs_scrub_cancel", scrub_cancel),
    ("btrfs_scrub_resume", scrub_resume),
    ("btrfs_scrub_status", scrub_status),
    ("btrfs_balance_pause", balance_pause),
    ("btrfs_balance_cancel", balance_cancel),
    ("btrfs_balance_resume", balance_resume),
    ("btrfs_balance_status", balance_status),
    ("btrfs_rescue_chunk_recover", rescue_chunk_recover),
    ("btrfs_rescue_super_recover", rescue_super_recover),
    ("btrfstune_seeding", btrfstune_seeding),
    ("btrfstune_enable_extended_inode_refs", btrfstune_extended_inode_refs),
    (
        "btrfstune_enable_skinny_metadata_extent_refs",
        btrfstune_skinny_metadata,
    ),
    ("btrfs_image", image),
    ("btrfs_replace", replace),
];

/// Run a program; on failure "<what>: <stderr>".
fn run(c: Cmd, what: &str) -> Result<String> {
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(format!("{what}: {}", o.err_text())));
    }
    Ok(o.out_text())
}

fn btrfs(args: &[&str], path: &Path, what: &str) -> Result<String> {
    run(Cmd::new("btrfs").args(args).arg(path), what)
}

fn pow2(n: i32) -> bool {
    n > 0 && n & (n - 1) == 0
}

fn mkfs_btrfs(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let devices = r.strings(0);
    if devices.is_empty() {
        return Err(Error::msg("list of devices must be non-empty"));
    }
    let mut c = Cmd::new("mkfs.btrfs").arg("-f");
    // optarg 0 (allocstart) is ignored: btrfs-progs dropped --alloc-start.
    if let Some(b) = r.opt_int64(1) {
        if b <= 0 {
            return Err(Error::msg("bytecount must be > 0"));
        }
        c = c.arg("--byte-count").arg(b.to_string());
    }
    let profile = |v: &str| matches!(v, "raid0" | "raid1" | "raid10" | "single");
    if let Some(t) = r.opt_str(2) {
        if !profile(&t) {
            return Err(Error::msg("datatype not one of the allowed values"));
        }
        c = c.arg("--data").arg(t);
    }
    if let Some(l) = r.opt_int(3) {
        if !pow2(l) {
            return Err(Error::msg("leafsize must be > 0 and a power of two"));
        }
        c = c.arg("--nodesize").arg(l.to_string());
    }
    if let Some(l) = r.opt_str(4) {
        c = c.arg("--label").arg(l);
    }
    if let Some(m) = r.opt_str(5) {
        if !profile(&m) {
            return Err(Error::msg("metadata not one of the allowed values"));
        }
        c = c.arg("--metadata").arg(m);
    }
    if let Some(n) = r.opt_int(6) {
        if !pow2(n) {
            return Err(Error::msg("nodesize must be > 0 and a power of two"));
        }
        c = c.arg("--nodesize").arg(n.to_string());
    }
    if let Some(s) = r.opt_int(7) {
        if !pow2(s) {
            return Err(Error::msg("sectorsize must be > 0 and a power of two"));
        }
        c = c.arg("--sectorsize").arg(s.to_string());
    }
    for d in &devices {
        let _ = Cmd::new("wipefs").args(["-a", "--force", d]).run();
    }
    run(c.args(&devices), &devices[0])?;
    Ok(RetValue::None)
}

/// A temporary mount of a device (or btrfs subvolume) for calls given a mountable.
struct TempMount {
    dir: PathBuf,
}

impl TempMount {
    fn new(m: &Mountable) -> Result<TempMount> {
        let dir = std::env::temp_dir().join(format!(
            "btrfs-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&e, "mkdtemp"))?;
        let mut c = Cmd::new("mount");
        if let Mountable::BtrfsVol { volume, .. } = m {
            c = c.arg("-o").arg(format!("subvol={volume}"));
        }
        let o = c.arg(m.device()).arg(&dir).run();
        if !o.ok() {
            let _ = std::fs::remove_dir(&dir);
            return Err(Error::msg(format!(
                "mount exited with status {}: {}",
                o.status.unwrap_or(-1),
                o.err_text()
            )));
        }
        Ok(TempMount { dir })
    }
}

impl Drop for TempMount {
    fn drop(&mut self) {
        let _ = Cmd::new("umount").arg(&self.dir).run();
        let _ = std::fs::remove_dir(&self.dir);
    }
}

/// Run `f` on the host directory of a mountable_or_path argument.
fn with_mounted<T>(d: &Daemon, r: &Req, i: usize, f: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let s = r.str(i);
    match Mountable::parse(&s) {
        Mountable::Path(_) => f(&host_path(d, r, i, true)?),
        m => {
            let t = TempMount::new(&m)?;
            f(&t.dir)
        }
    }
}

fn subvolume_create(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dest = host_path(d, r, 0, false)?;
    let mut c = Cmd::new("btrfs").args(["subvolume", "create"]);
    if let Some(q) = r.opt_str(0) {
        c = c.arg("-i").arg(q);
    }
    run(c.arg(&dest), &r.str(0))?;
    Ok(RetValue::None)
}

fn subvolume_snapshot(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (src, dest) = (host_path(d, r, 0, true)?, host_path(d, r, 1, false)?);
    let mut c = Cmd::new("btrfs").args(["subvolume", "snapshot"]);
    if r.opt_bool(0) == Some(true) {
        c = c.arg("-r");
    }
    if let Some(q) = r.opt_str(1) {
        c = c.arg("-i").arg(q);
    }
    run(c.arg(&src).arg(&dest), &format!("{}: {}", r.str(0), r.str(1)))?;
    Ok(RetValue::None)
}

fn subvolume_delete(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, false)?;
    btrfs(&["subvolume", "delete"], &p, &r.str(0))?;
    Ok(RetValue::None)
}

fn subvolume_list(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let out = with_mounted(d, r, 0, |mp| {
        run(Cmd::new("btrfs").args(["subvolume", "list"]).arg(mp), "btrfs")
    })?;
    let mut v = Vec::new();
    for l in out.lines().filter(|l| !l.is_empty()) {
        let (id, top, path) = parse_subvolume_line(l)
            .ok_or_else(|| Error::msg(format!("unexpected output from 'btrfs subvolume list' command: {l}")))?;
        v.push(StructValue {
            fields: vec![
                FieldValue::UInt64(id),
                FieldValue::UInt64(top),
                FieldValue::Str(path.into_bytes()),
            ],
        });
    }
    Ok(RetValue::StructList(v))
}

/// The subvolumes of the btrfs on `device` other than its default one, by path (for
/// list_filesystems: the whole device stands for the default subvolume). One temporary
/// mount serves both btrfs commands.
pub fn non_default_subvolumes(device: &str) -> Result<Vec<String>> {
    let t = TempMount::new(&Mountable::Device(device.to_string()))?;
    let list = run(Cmd::new("btrfs").args(["subvolume", "list"]).arg(&t.dir), "btrfs")?;
    let default = run(
        Cmd::new("btrfs").args(["subvolume", "get-default"]).arg(&t.dir),
        "btrfs",
    )?;
    let default_id = default
        .strip_prefix("ID ")
        .and_then(|x| x.split_whitespace().next())
        .and_then(|x| x.parse().ok());
    Ok(list
        .lines()
        .filter_map(parse_subvolume_line)
        .filter(|(id, _, _)| Some(*id) != default_id)
        .map(|(_, _, path)| path)
        .collect())
}

fn subvolume_get_default(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let out = with_mounted(d, r, 0, |mp| {
        run(Cmd::new("btrfs").args(["subvolume", "get-default"]).arg(mp), "btrfs")
    })?;
    out.strip_prefix("ID ")
        .and_then(|x| x.split_whitespace().next())
        .and_then(|x| x.parse::<i64>().ok())
        .map(RetValue::Int64)
        .ok_or_else(|| Error::msg(format!("unexpected output from 'btrfs subvolume get-default': {out}")))
}

fn subvolume_set_default(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 1, true)?;
    btrfs(&["subvolume", "set-default", &r.int64(0).to_string()], &p, &r.str(1))?;
    Ok(RetValue::None)
}

fn subvolume_show(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let name = r.str(0);
    let o = Cmd::new("btrfs").args(["subvolume", "show"]).arg(&p).run();
    let out = o.out_text();
    if out.contains("is btrfs root") || out.contains("is toplevel subvolume") {
        return Err(Error::msg(format!("{name} is btrfs root")));
    }
    if o.err_text().contains("is not a subvolume") {
        return Err(Error::msg(format!("{name} is not a subvolume")));
    }
    if !o.ok() {
        return Err(Error::msg(format!("{name}: {}", o.err_text())));
    }
    Ok(hashtable(parse_subvolume_show(&out)?))
}

/// `btrfs subvolume show` → key/value pairs: the first line is the path; "-" values are
/// empty; the snapshot list is joined with commas.
pub fn parse_subvolume_show(out: &str) -> Result<Vec<(String, String)>> {
    let mut lines = out.lines().map(str::trim).filter(|l| !l.is_empty()).peekable();
    let first = lines
        .next()
        .ok_or_else(|| Error::msg(format!("truncated output: {out}")))?;
    let mut v = vec![("path".to_string(), first.to_string())];
    while let Some(l) = lines.next() {
        let (k, val) = match l.split_once(':') {
            Some((k, val)) => (k.trim(), val.trim()),
            None => continue,
        };
        if k.starts_with("Snapshot(s)") {
            let mut snaps = Vec::new();
            while let Some(n) = lines.peek() {
                if n.contains(':') {
                    break;
                }
                snaps.push(n.to_string());
                lines.next();
            }
            v.push((k.to_string(), snaps.join(",")));
        } else {
            v.push((k.to_string(), if val == "-" { String::new() } else { val.to_string() }));
        }
    }
    Ok(v)
}

fn filesystem_resize(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let size = match r.opt_int64(0) {
        Some(s) if s <= 0 => return Err(Error::msg("size is zero or negative")),
        Some(s) => s.to_string(),
        None => "max".into(),
    };
    btrfs(&["filesystem", "resize", &size], &p, &r.str(0))?;
    Ok(RetValue::None)
}

fn filesystem_sync(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    btrfs(&["filesystem", "sync"], &p, &r.str(0))?;
    Ok(RetValue::None)
}

fn filesystem_balance(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    btrfs(&["balance", "start", "--full-balance"], &p, &r.str(0))?;
    Ok(RetValue::None)
}

fn filesystem_defragment(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let mut a = vec!["filesystem", "defragment", "-r"];
    if r.opt_bool(0) == Some(true) {
        a.push("-f");
    }
    let comp = r.opt_str(1);
    let carg;
    if let Some(c) = &comp {
        if c != "zlib" && c != "lzo" {
            return Err(Error::msg(format!("unknown compress method: {c}")));
        }
        carg = format!("-c{c}");
        a.push(&carg);
    }
    btrfs(&a, &p, &r.str(0))?;
    Ok(RetValue::None)
}

fn filesystem_show(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let out = run(Cmd::new("btrfs").args(["filesystem", "show", &dev]), &dev)?;
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() < 3 {
        return Err(Error::msg("truncated output from 'btrfs filesystem show' command"));
    }
    let mut v = Vec::new();
    for l in lines {
        if l.starts_with("Label: ") || l.starts_with("\tTotal devices ") || l.trim().is_empty() {
            continue;
        } else if l.starts_with("\tdevid ") {
            if let Some(at) = l.find(" path ") {
                v.push(d.devices.reverse(l[at + 6..].trim()));
            }
        } else if l.starts_with("\t*** Some devices missing") {
            return Err(Error::with_errno(libc::ENODEV, format!("{dev}: missing devices")));
        } else if !(l.starts_with("btrfs-progs v") || l.starts_with("Btrfs v")) {
            return Err(Error::msg(format!(
                "unrecognized line in output from 'btrfs filesystem show': {l}"
            )));
        }
    }
    Ok(str_list(v))
}

fn device_add(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 1, true)?;
    let devs = r.strings(0);
    let mut c = Cmd::new("btrfs").args(["device", "add", "--force"]);
    c = c.args(&devs);
    run(c.arg(&p), &r.str(1))?;
    Ok(RetValue::None)
}

fn device_delete(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 1, true)?;
    let devs = r.strings(0);
    run(
        Cmd::new("btrfs").args(["device", "delete"]).args(&devs).arg(&p),
        &r.str(1),
    )?;
    Ok(RetValue::None)
}

fn set_seeding(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    btrfstune_seeding(d, r)
}

fn btrfstune_seeding(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let mut c = Cmd::new("btrfstune").args(["-S", if r.bool(1) { "1" } else { "0" }]);
    // Clearing the seeding flag needs -f with current btrfs-progs.
    if !r.bool(1) {
        c = c.arg("-f");
    }
    run(c.arg(&dev), &dev)?;
    Ok(RetValue::None)
}

fn btrfstune_extended_inode_refs(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    run(Cmd::new("btrfstune").args(["-r", &dev]), &dev)?;
    Ok(RetValue::None)
}

fn btrfstune_skinny_metadata(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    run(Cmd::new("btrfstune").args(["-x", &dev]), &dev)?;
    Ok(RetValue::None)
}

fn fsck(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let mut c = Cmd::new("btrfs").args(["check"]);
    if let Some(s) = r.opt_int64(0) {
        if s < 0 {
            return Err(Error::msg("super block offset must be >= 0"));
        }
        c = c.arg("--super").arg(s.to_string());
    }
    if r.opt_bool(1) == Some(true) {
        c = c.arg("--repair");
    }
    run(c.arg(&dev), &dev)?;
    Ok(RetValue::None)
}

fn quota_enable(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let on = if r.bool(1) { "enable" } else { "disable" };
    let name = r.str(0);
    with_mounted(d, r, 0, |mp| run(Cmd::new("btrfs").args(["quota", on]).arg(mp), &name))?;
    Ok(RetValue::None)
}

fn quota_rescan(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let name = r.str(0);
    with_mounted(d, r, 0, |mp| {
        run(Cmd::new("btrfs").args(["quota", "rescan"]).arg(mp), &name)
    })?;
    Ok(RetValue::None)
}

fn qgroup_limit(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    btrfs(&["qgroup", "limit", &r.int64(1).to_string()], &p, &r.str(0))?;
    Ok(RetValue::None)
}

fn qgroup_create(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 1, true)?;
    btrfs(&["qgroup", "create", &r.str(0)], &p, &r.str(1))?;
    Ok(RetValue::None)
}

fn qgroup_destroy(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 1, true)?;
    btrfs(&["qgroup", "destroy", &r.str(0)], &p, &r.str(1))?;
    Ok(RetValue::None)
}

fn qgroup_assign(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 2, true)?;
    btrfs(&["qgroup", "assign", &r.str(0), &r.str(1)], &p, &r.str(2))?;
    Ok(RetValue::None)
}

fn qgroup_remove(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 2, true)?;
    btrfs(&["qgroup", "remove", &r.str(0), &r.str(1)], &p, &r.str(2))?;
    Ok(RetValue::None)
}

fn qgroup_show(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let out = btrfs(&["qgroup", "show", "--raw"], &p, &r.str(0))?;
    let mut v = Vec::new();
    for l in out.lines().skip(2).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = l.split_whitespace().collect();
        let parsed = (|| {
            Some((
                f.first()?,
                f.get(1)?.parse::<u64>().ok()?,
                f.get(2)?.parse::<u64>().ok()?,
            ))
        })();
        let (id, rfer, excl) =
            parsed.ok_or_else(|| Error::msg(format!("cannot parse output of qgroup show command: {l}")))?;
        v.push(StructValue {
            fields: vec![
                FieldValue::Str(id.as_bytes().to_vec()),
                FieldValue::UInt64(rfer),
                FieldValue::UInt64(excl),
            ],
        });
    }
    Ok(RetValue::StructList(v))
}

fn simple(d: &Daemon, r: &Req, args: &[&str]) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    btrfs(args, &p, &r.str(0))?;
    Ok(RetValue::None)
}

fn scrub_start(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    // -B: wait for the scrub, as 1.48 does.
    simple(d, r, &["scrub", "start", "-B"])
}
fn scrub_cancel(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    simple(d, r, &["scrub", "cancel"])
}
fn scrub_resume(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    simple(d, r, &["scrub", "resume"])
}
fn balance_pause(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    simple(d, r, &["balance", "pause"])
}
fn balance_cancel(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    simple(d, r, &["balance", "cancel"])
}
fn balance_resume(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    simple(d, r, &["balance", "resume"])
}

fn scrub_status(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let st = d
        .api
        .structure("btrfsscrub")
        .ok_or_else(|| Error::msg("no btrfsscrub struct"))?;
    let p = host_path(d, r, 0, true)?;
    let out = btrfs(&["scrub", "status", "-R"], &p, &r.str(0))?;
    let mut vals = vec![0u64; st.fields.len()];
    for l in out.lines() {
        let Some((k, v)) = l.trim().split_once(':') else {
            continue;
        };
        let name = format!("btrfsscrub_{}", k.trim());
        if let (Some(i), Ok(n)) = (st.fields.iter().position(|f| f.name == name), v.trim().parse::<u64>()) {
            vals[i] = n;
        }
    }
    Ok(RetValue::Struct(StructValue {
        fields: vals.into_iter().map(FieldValue::UInt64).collect(),
    }))
}

fn balance_status(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let o = Cmd::new("btrfs").args(["balance", "status"]).arg(&p).run();
    let out = o.out_text();
    // btrfs balance status exits 1 when a balance is running; only 2+ is an error.
    if o.status.unwrap_or(2) >= 2 {
        return Err(Error::msg(format!("{}: {}", r.str(0), o.err_text())));
    }
    let lines: Vec<&str> = out.lines().collect();
    let status = |s: &str, n: [u64; 4]| {
        RetValue::Struct(StructValue {
            fields: vec![
                FieldValue::Str(s.as_bytes().to_vec()),
                FieldValue::UInt64(n[0]),
                FieldValue::UInt64(n[1]),
                FieldValue::UInt64(n[2]),
                FieldValue::UInt64(n[3]),
            ],
        })
    };
    let first = lines.first().copied().unwrap_or("");
    if first.contains("No balance found on") {
        return Ok(status("none", [0; 4]));
    }
    let st = if first.contains(" is running") {
        "running"
    } else if first.contains(" is paused") {
        "paused"
    } else {
        return Err(Error::msg(format!(
            "unexpected output from 'btrfs balance status' command: {first}"
        )));
    };
    // "N out of about M chunks balanced (C considered), L% left"
    let l = lines
        .get(1)
        .ok_or_else(|| Error::msg("truncated output from 'btrfs balance status' command"))?;
    let nums: Vec<u64> = l
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|x| x.parse().ok())
        .collect();
    if nums.len() < 4 {
        return Err(Error::msg(format!(
            "unexpected output from 'btrfs balance status' command: {l}"
        )));
    }
    // struct order: total, balanced, considered, left.
    Ok(status(st, [nums[1], nums[0], nums[2], nums[3]]))
}

fn rescue_chunk_recover(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    run(Cmd::new("btrfs").args(["rescue", "chunk-recover", "-y", &dev]), &dev)?;
    Ok(RetValue::None)
}

fn rescue_super_recover(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    run(Cmd::new("btrfs").args(["rescue", "super-recover", "-y", &dev]), &dev)?;
    Ok(RetValue::None)
}

fn image(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let srcs = r.strings(0);
    if srcs.is_empty() {
        return Err(Error::msg("list of sources must be non-empty"));
    }
    let img = host_path(d, r, 1, true)?;
    let mut c = Cmd::new("btrfs-image");
    if let Some(l) = r.opt_int(0) {
        if !(0..=9).contains(&l) {
            return Err(Error::msg("compresslevel must be in the range 0 to 9"));
        }
        c = c.arg("-c").arg(l.to_string());
    }
    run(c.args(&srcs).arg(&img), &format!("{} {}", srcs[0], r.str(1)))?;
    Ok(RetValue::None)
}

fn replace(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 2, true)?;
    run(
        Cmd::new("btrfs")
            .args(["replace", "start", "-B", "-f", &r.str(0), &r.str(1)])
            .arg(&p),
        &r.str(2),
    )?;
    Ok(RetValue::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subvolume_list_lines() {
        assert_eq!(
            parse_subvolume_line("ID 257 gen 30 top level 5 path dir/test 2"),
            Some((257, 5, "dir/test 2".to_string()))
        );
        assert_eq!(parse_subvolume_line("garbage"), None);
    }

    /// Subvolume names are the guest's (list_filesystems lists them for inspection):
    /// random and mutated lines never panic, and a parsed path is a suffix of its line.
    #[test]
    fn subvolume_line_fuzz() {
        let base = "ID 257 gen 30 top level 5 path dir/test 2";
        let alphabet: &[u8] = b"ID 0123456789 gen top level path /\xc3\xa9";
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for i in 0..5000 {
            let mut bytes: Vec<u8> = if i % 2 == 0 {
                base.as_bytes().to_vec()
            } else {
                (0..(rnd() % 80))
                    .map(|_| alphabet[(rnd() % alphabet.len() as u64) as usize])
                    .collect()
            };
            for _ in 0..(rnd() % 6) {
                if bytes.is_empty() {
                    break;
                }
                let at = (rnd() % bytes.len() as u64) as usize;
                match rnd() % 3 {
                    0 => bytes[at] = (rnd() % 256) as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, alphabet[(rnd() % alphabet.len() as u64) as usize]),
                }
            }
            let line = String::from_utf8_lossy(&bytes);
            if let Some((_, _, path)) = parse_subvolume_line(&line) {
                assert!(line.ends_with(&path));
            }
        }
    }

    #[test]
    fn subvolume_show_output() {
        let out = "sub\n\tName: \t\tsub\n\tUUID: \t\tabc\n\tParent UUID: \t\t-\n\tSnapshot(s):\n\t\t\t\tsnap1\n\t\t\t\tsnap2\n\tQuota group:\t\t0/256\n";
        let v = parse_subvolume_show(out).unwrap();
        assert_eq!(v[0], ("path".into(), "sub".into()));
        assert!(v.contains(&("Parent UUID".into(), "".into())));
        assert!(v.contains(&("Snapshot(s)".into(), "snap1,snap2".into())));
        assert!(v.contains(&("Quota group".into(), "0/256".into())));
    }
}
