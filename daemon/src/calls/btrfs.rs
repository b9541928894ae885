//! btrfs through btrfs-progs, worded like 1.48. Calls that take a mountable or a path
//! mount a device on a private temporary directory while they run.

pub use guestfs_guestdata::tool_output::parse_subvolume_line;
use std::path::{Path, PathBuf};

use guestfs_protocol::structs::{Btrfsbalance, Btrfsqgroup, Btrfsscrub, Btrfssubvolume};

use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::devices::CallerName;
use crate::error::{Error, Result};
use crate::mountable::Mountable;
use crate::table::opts::{
    BtrfsFilesystemDefragmentOpts, BtrfsFilesystemResizeOpts, BtrfsFsckOpts, BtrfsImageOpts, BtrfsSubvolumeCreateOpts,
    BtrfsSubvolumeSnapshotOpts, MkfsBtrfsOpts,
};

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

/// `btrfs ARGS <path>` on a guest path (the final symlink followed); errors name the path.
fn btrfs_on(d: &Daemon, args: &[&str], path: &GuestPath) -> Result<()> {
    let p = path.resolve(d, true)?;
    btrfs(args, &p, &path.lossy())?;
    Ok(())
}

fn pow2(n: i32) -> bool {
    n > 0 && n & (n - 1) == 0
}

pub fn mkfs_btrfs(_d: &mut Daemon, devices: &[String], o: MkfsBtrfsOpts) -> Result<()> {
    if devices.is_empty() {
        return Err(Error::msg("list of devices must be non-empty"));
    }
    let mut c = Cmd::new("mkfs.btrfs").arg("-f");
    // allocstart is accepted and ignored, as in 1.48: btrfs-progs dropped --alloc-start.
    let _ = o.allocstart;
    if let Some(b) = o.bytecount {
        if b <= 0 {
            return Err(Error::msg("bytecount must be > 0"));
        }
        c = c.arg("--byte-count").arg(b.to_string());
    }
    let profile = |v: &str| matches!(v, "raid0" | "raid1" | "raid10" | "single");
    if let Some(t) = o.datatype {
        if !profile(&t) {
            return Err(Error::msg("datatype not one of the allowed values"));
        }
        c = c.arg("--data").arg(t);
    }
    if let Some(l) = o.leafsize {
        if !pow2(l) {
            return Err(Error::msg("leafsize must be > 0 and a power of two"));
        }
        c = c.arg("--nodesize").arg(l.to_string());
    }
    if let Some(l) = o.label {
        c = c.arg("--label").arg(l);
    }
    if let Some(m) = o.metadata {
        if !profile(&m) {
            return Err(Error::msg("metadata not one of the allowed values"));
        }
        c = c.arg("--metadata").arg(m);
    }
    if let Some(n) = o.nodesize {
        if !pow2(n) {
            return Err(Error::msg("nodesize must be > 0 and a power of two"));
        }
        c = c.arg("--nodesize").arg(n.to_string());
    }
    if let Some(s) = o.sectorsize {
        if !pow2(s) {
            return Err(Error::msg("sectorsize must be > 0 and a power of two"));
        }
        c = c.arg("--sectorsize").arg(s.to_string());
    }
    for d in devices {
        let _ = Cmd::new("wipefs").args(["-a", "--force", d]).run();
    }
    run(c.args(devices), &devices[0])?;
    Ok(())
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
fn with_mounted<T>(d: &Daemon, fs: &str, f: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    match Mountable::parse(fs) {
        Mountable::Path(_) => f(&GuestPath::new(fs.as_bytes()).resolve(d, true)?),
        m => {
            let t = TempMount::new(&m)?;
            f(&t.dir)
        }
    }
}

pub fn btrfs_subvolume_create(d: &mut Daemon, dest: &GuestPath, o: BtrfsSubvolumeCreateOpts) -> Result<()> {
    let p = dest.resolve(d, false)?;
    let mut c = Cmd::new("btrfs").args(["subvolume", "create"]);
    if let Some(q) = o.qgroupid {
        c = c.arg("-i").arg(q);
    }
    run(c.arg(&p), &dest.lossy())?;
    Ok(())
}

pub fn btrfs_subvolume_snapshot(
    d: &mut Daemon,
    source: &GuestPath,
    dest: &GuestPath,
    o: BtrfsSubvolumeSnapshotOpts,
) -> Result<()> {
    let (src, dst) = (source.resolve(d, true)?, dest.resolve(d, false)?);
    let mut c = Cmd::new("btrfs").args(["subvolume", "snapshot"]);
    if o.ro == Some(true) {
        c = c.arg("-r");
    }
    if let Some(q) = o.qgroupid {
        c = c.arg("-i").arg(q);
    }
    run(c.arg(&src).arg(&dst), &format!("{source}: {dest}"))?;
    Ok(())
}

pub fn btrfs_subvolume_delete(d: &mut Daemon, subvolume: &GuestPath) -> Result<()> {
    let p = subvolume.resolve(d, false)?;
    btrfs(&["subvolume", "delete"], &p, &subvolume.lossy())?;
    Ok(())
}

pub fn btrfs_subvolume_list(d: &mut Daemon, fs: &str) -> Result<Vec<Btrfssubvolume>> {
    let out = with_mounted(d, fs, |mp| {
        run(Cmd::new("btrfs").args(["subvolume", "list"]).arg(mp), "btrfs")
    })?;
    let mut v = Vec::new();
    for l in out.lines().filter(|l| !l.is_empty()) {
        let (id, top, path) = parse_subvolume_line(l)
            .ok_or_else(|| Error::msg(format!("unexpected output from 'btrfs subvolume list' command: {l}")))?;
        v.push(Btrfssubvolume {
            btrfssubvolume_id: id,
            btrfssubvolume_top_level_id: top,
            btrfssubvolume_path: path.into(),
        });
    }
    Ok(v)
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

pub fn btrfs_subvolume_get_default(d: &mut Daemon, fs: &str) -> Result<i64> {
    let out = with_mounted(d, fs, |mp| {
        run(Cmd::new("btrfs").args(["subvolume", "get-default"]).arg(mp), "btrfs")
    })?;
    out.strip_prefix("ID ")
        .and_then(|x| x.split_whitespace().next())
        .and_then(|x| x.parse::<i64>().ok())
        .ok_or_else(|| Error::msg(format!("unexpected output from 'btrfs subvolume get-default': {out}")))
}

pub fn btrfs_subvolume_set_default(d: &mut Daemon, id: i64, fs: &GuestPath) -> Result<()> {
    btrfs_on(d, &["subvolume", "set-default", &id.to_string()], fs)
}

pub fn btrfs_subvolume_show(d: &mut Daemon, subvolume: &GuestPath) -> Result<Vec<(String, String)>> {
    let p = subvolume.resolve(d, true)?;
    let name = subvolume.lossy();
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
    parse_subvolume_show(&out)
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

pub fn btrfs_filesystem_resize(d: &mut Daemon, mountpoint: &GuestPath, o: BtrfsFilesystemResizeOpts) -> Result<()> {
    let p = mountpoint.resolve(d, true)?;
    let size = match o.size {
        Some(s) if s <= 0 => return Err(Error::msg("size is zero or negative")),
        Some(s) => s.to_string(),
        None => "max".into(),
    };
    btrfs(&["filesystem", "resize", &size], &p, &mountpoint.lossy())?;
    Ok(())
}

pub fn btrfs_filesystem_sync(d: &mut Daemon, fs: &GuestPath) -> Result<()> {
    btrfs_on(d, &["filesystem", "sync"], fs)
}

pub fn btrfs_filesystem_balance(d: &mut Daemon, fs: &GuestPath) -> Result<()> {
    btrfs_on(d, &["balance", "start", "--full-balance"], fs)
}

pub fn btrfs_filesystem_defragment(d: &mut Daemon, path: &GuestPath, o: BtrfsFilesystemDefragmentOpts) -> Result<()> {
    let p = path.resolve(d, true)?;
    let mut a = vec!["filesystem", "defragment", "-r"];
    if o.flush == Some(true) {
        a.push("-f");
    }
    let carg;
    if let Some(c) = &o.compress {
        if c != "zlib" && c != "lzo" {
            return Err(Error::msg(format!("unknown compress method: {c}")));
        }
        carg = format!("-c{c}");
        a.push(&carg);
    }
    btrfs(&a, &p, &path.lossy())?;
    Ok(())
}

pub fn btrfs_filesystem_show(d: &mut Daemon, device: &str) -> Result<Vec<CallerName>> {
    let dev = device;
    let out = run(Cmd::new("btrfs").args(["filesystem", "show", dev]), dev)?;
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
    Ok(v)
}

pub fn btrfs_device_add(d: &mut Daemon, devices: &[String], fs: &GuestPath) -> Result<()> {
    let p = fs.resolve(d, true)?;
    let c = Cmd::new("btrfs").args(["device", "add", "--force"]).args(devices);
    run(c.arg(&p), &fs.lossy())?;
    Ok(())
}

pub fn btrfs_device_delete(d: &mut Daemon, devices: &[String], fs: &GuestPath) -> Result<()> {
    let p = fs.resolve(d, true)?;
    run(
        Cmd::new("btrfs").args(["device", "delete"]).args(devices).arg(&p),
        &fs.lossy(),
    )?;
    Ok(())
}

pub fn btrfs_set_seeding(d: &mut Daemon, device: &str, seeding: bool) -> Result<()> {
    btrfstune_seeding(d, device, seeding)
}

pub fn btrfstune_seeding(_d: &mut Daemon, device: &str, seeding: bool) -> Result<()> {
    let mut c = Cmd::new("btrfstune").args(["-S", if seeding { "1" } else { "0" }]);
    // Clearing the seeding flag needs -f with current btrfs-progs.
    if !seeding {
        c = c.arg("-f");
    }
    run(c.arg(device), device)?;
    Ok(())
}

pub fn btrfstune_enable_extended_inode_refs(_d: &mut Daemon, device: &str) -> Result<()> {
    run(Cmd::new("btrfstune").args(["-r", device]), device)?;
    Ok(())
}

pub fn btrfstune_enable_skinny_metadata_extent_refs(_d: &mut Daemon, device: &str) -> Result<()> {
    run(Cmd::new("btrfstune").args(["-x", device]), device)?;
    Ok(())
}

pub fn btrfs_fsck(_d: &mut Daemon, device: &str, o: BtrfsFsckOpts) -> Result<()> {
    let mut c = Cmd::new("btrfs").args(["check"]);
    if let Some(s) = o.superblock {
        if s < 0 {
            return Err(Error::msg("super block offset must be >= 0"));
        }
        c = c.arg("--super").arg(s.to_string());
    }
    if o.repair == Some(true) {
        c = c.arg("--repair");
    }
    run(c.arg(device), device)?;
    Ok(())
}

pub fn btrfs_quota_enable(d: &mut Daemon, fs: &str, enable: bool) -> Result<()> {
    let on = if enable { "enable" } else { "disable" };
    with_mounted(d, fs, |mp| run(Cmd::new("btrfs").args(["quota", on]).arg(mp), fs))?;
    Ok(())
}

pub fn btrfs_quota_rescan(d: &mut Daemon, fs: &str) -> Result<()> {
    with_mounted(d, fs, |mp| run(Cmd::new("btrfs").args(["quota", "rescan"]).arg(mp), fs))?;
    Ok(())
}

pub fn btrfs_qgroup_limit(d: &mut Daemon, subvolume: &GuestPath, size: i64) -> Result<()> {
    btrfs_on(d, &["qgroup", "limit", &size.to_string()], subvolume)
}

pub fn btrfs_qgroup_create(d: &mut Daemon, qgroupid: &str, subvolume: &GuestPath) -> Result<()> {
    btrfs_on(d, &["qgroup", "create", qgroupid], subvolume)
}

pub fn btrfs_qgroup_destroy(d: &mut Daemon, qgroupid: &str, subvolume: &GuestPath) -> Result<()> {
    btrfs_on(d, &["qgroup", "destroy", qgroupid], subvolume)
}

pub fn btrfs_qgroup_assign(d: &mut Daemon, src: &str, dst: &str, path: &GuestPath) -> Result<()> {
    btrfs_on(d, &["qgroup", "assign", src, dst], path)
}

pub fn btrfs_qgroup_remove(d: &mut Daemon, src: &str, dst: &str, path: &GuestPath) -> Result<()> {
    btrfs_on(d, &["qgroup", "remove", src, dst], path)
}

pub fn btrfs_qgroup_show(d: &mut Daemon, path: &GuestPath) -> Result<Vec<Btrfsqgroup>> {
    let p = path.resolve(d, true)?;
    let out = btrfs(&["qgroup", "show", "--raw"], &p, &path.lossy())?;
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
        v.push(Btrfsqgroup {
            btrfsqgroup_id: (*id).into(),
            btrfsqgroup_rfer: rfer,
            btrfsqgroup_excl: excl,
        });
    }
    Ok(v)
}

pub fn btrfs_scrub_start(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    // -B: wait for the scrub, as 1.48 does.
    btrfs_on(d, &["scrub", "start", "-B"], path)
}

pub fn btrfs_scrub_cancel(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    btrfs_on(d, &["scrub", "cancel"], path)
}

pub fn btrfs_scrub_resume(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    btrfs_on(d, &["scrub", "resume"], path)
}

pub fn btrfs_balance_pause(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    btrfs_on(d, &["balance", "pause"], path)
}

pub fn btrfs_balance_cancel(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    btrfs_on(d, &["balance", "cancel"], path)
}

pub fn btrfs_balance_resume(d: &mut Daemon, path: &GuestPath) -> Result<()> {
    btrfs_on(d, &["balance", "resume"], path)
}

/// The counter of `btrfs scrub status -R` named `key` ("data_extents_scrubbed" ...).
fn scrub_counter<'a>(s: &'a mut Btrfsscrub, key: &str) -> Option<&'a mut u64> {
    Some(match key {
        "data_extents_scrubbed" => &mut s.btrfsscrub_data_extents_scrubbed,
        "tree_extents_scrubbed" => &mut s.btrfsscrub_tree_extents_scrubbed,
        "data_bytes_scrubbed" => &mut s.btrfsscrub_data_bytes_scrubbed,
        "tree_bytes_scrubbed" => &mut s.btrfsscrub_tree_bytes_scrubbed,
        "read_errors" => &mut s.btrfsscrub_read_errors,
        "csum_errors" => &mut s.btrfsscrub_csum_errors,
        "verify_errors" => &mut s.btrfsscrub_verify_errors,
        "no_csum" => &mut s.btrfsscrub_no_csum,
        "csum_discards" => &mut s.btrfsscrub_csum_discards,
        "super_errors" => &mut s.btrfsscrub_super_errors,
        "malloc_errors" => &mut s.btrfsscrub_malloc_errors,
        "uncorrectable_errors" => &mut s.btrfsscrub_uncorrectable_errors,
        "unverified_errors" => &mut s.btrfsscrub_unverified_errors,
        "corrected_errors" => &mut s.btrfsscrub_corrected_errors,
        "last_physical" => &mut s.btrfsscrub_last_physical,
        _ => return None,
    })
}

/// `btrfs scrub status -R` → its counters ("key: number" lines; others are ignored).
fn parse_scrub_status(out: &str) -> Btrfsscrub {
    let mut s = Btrfsscrub::default();
    for l in out.lines() {
        let Some((k, v)) = l.trim().split_once(':') else {
            continue;
        };
        if let (Some(field), Ok(n)) = (scrub_counter(&mut s, k.trim()), v.trim().parse::<u64>()) {
            *field = n;
        }
    }
    s
}

pub fn btrfs_scrub_status(d: &mut Daemon, path: &GuestPath) -> Result<Btrfsscrub> {
    let p = path.resolve(d, true)?;
    let out = btrfs(&["scrub", "status", "-R"], &p, &path.lossy())?;
    Ok(parse_scrub_status(&out))
}

pub fn btrfs_balance_status(d: &mut Daemon, path: &GuestPath) -> Result<Btrfsbalance> {
    let p = path.resolve(d, true)?;
    let o = Cmd::new("btrfs").args(["balance", "status"]).arg(&p).run();
    let out = o.out_text();
    // btrfs balance status exits 1 when a balance is running; only 2+ is an error.
    if o.status.unwrap_or(2) >= 2 {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    let lines: Vec<&str> = out.lines().collect();
    let first = lines.first().copied().unwrap_or("");
    if first.contains("No balance found on") {
        return Ok(Btrfsbalance {
            btrfsbalance_status: "none".into(),
            ..Btrfsbalance::default()
        });
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
    Ok(Btrfsbalance {
        btrfsbalance_status: st.into(),
        btrfsbalance_total: nums[1],
        btrfsbalance_balanced: nums[0],
        btrfsbalance_considered: nums[2],
        btrfsbalance_left: nums[3],
    })
}

pub fn btrfs_rescue_chunk_recover(_d: &mut Daemon, device: &str) -> Result<()> {
    run(
        Cmd::new("btrfs").args(["rescue", "chunk-recover", "-y", device]),
        device,
    )?;
    Ok(())
}

pub fn btrfs_rescue_super_recover(_d: &mut Daemon, device: &str) -> Result<()> {
    run(
        Cmd::new("btrfs").args(["rescue", "super-recover", "-y", device]),
        device,
    )?;
    Ok(())
}

pub fn btrfs_image(d: &mut Daemon, source: &[String], image: &GuestPath, o: BtrfsImageOpts) -> Result<()> {
    if source.is_empty() {
        return Err(Error::msg("list of sources must be non-empty"));
    }
    let img = image.resolve(d, true)?;
    let mut c = Cmd::new("btrfs-image");
    if let Some(l) = o.compresslevel {
        if !(0..=9).contains(&l) {
            return Err(Error::msg("compresslevel must be in the range 0 to 9"));
        }
        c = c.arg("-c").arg(l.to_string());
    }
    run(c.args(source).arg(&img), &format!("{} {image}", source[0]))?;
    Ok(())
}

pub fn btrfs_replace(d: &mut Daemon, srcdev: &str, targetdev: &str, mntpoint: &GuestPath) -> Result<()> {
    let p = mntpoint.resolve(d, true)?;
    run(
        Cmd::new("btrfs")
            .args(["replace", "start", "-B", "-f", srcdev, targetdev])
            .arg(&p),
        &mntpoint.lossy(),
    )?;
    Ok(())
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
        for bytes in crate::test_inputs::mutated(base.as_bytes(), alphabet, 0x2545_f491_4f6c_dd1d, 5000, 80, 6) {
            let line = String::from_utf8_lossy(&bytes);
            if let Some((_, _, path)) = parse_subvolume_line(&line) {
                assert!(line.ends_with(&path));
            }
        }
    }

    #[test]
    fn scrub_status_counters_by_name() {
        let s = parse_scrub_status(
            "scrub status for abc\n\tdata_extents_scrubbed: 12\n\tcsum_errors: 3\n\tlast_physical: 99\n\tbogus: 7\n\tno_csum: x\n",
        );
        assert_eq!(s.btrfsscrub_data_extents_scrubbed, 12);
        assert_eq!(s.btrfsscrub_csum_errors, 3);
        assert_eq!(s.btrfsscrub_last_physical, 99);
        assert_eq!(s.btrfsscrub_no_csum, 0);
    }

    /// Every counter of the table's btrfsscrub struct is read by its name.
    #[test]
    fn scrub_status_knows_every_counter() {
        let api = guestfs_api::table();
        for f in &api.structure("btrfsscrub").unwrap().fields {
            let key = f.name.strip_prefix("btrfsscrub_").unwrap();
            assert!(scrub_counter(&mut Btrfsscrub::default(), key).is_some(), "{key}");
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
