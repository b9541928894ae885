//! Library-side actions built on daemon calls: reading and writing whole files,
//! listings, stat through statns, and the feature probes.

use super::appliance::daemon;
use super::{nested, reply};
use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::structs::{Stat, Statns, Xattr};
use guestfs_protocol::{RetValue, Value};

/// The largest file `write` sends in one message (above it: upload).
const WRITE_INLINE_MAX: usize = 2 * 1024 * 1024;

fn s(v: &str) -> Value {
    Value::Str(v.as_bytes().to_vec())
}

/// Runs a FileOut daemon call into a temp file and returns the bytes.
pub(super) fn via_temp(h: &Core, call: &str, mut args: Vec<Value>, stem: &str, ext: Option<&str>) -> Result<Vec<u8>> {
    let tmp = super::tmp::temp_path(h, stem, ext)?;
    args.push(Value::Str(tmp.to_string_lossy().as_bytes().to_vec()));
    let r =
        daemon(h, call, &args).and_then(|_| std::fs::read(&tmp).map_err(|e| Error::os(tmp.display().to_string(), &e)));
    let _ = std::fs::remove_file(&tmp);
    r
}

pub fn read_file(h: &Core, path: &str) -> Result<Vec<u8>> {
    via_temp(h, "download", vec![s(path)], "cat", None)
}

pub fn cat(h: &Core, path: &str) -> Result<Vec<u8>> {
    reply::buffer("read_file", nested(h, "read_file", &[s(path)])?)
}

pub fn read_lines(h: &Core, path: &str) -> Result<Vec<Vec<u8>>> {
    let b = reply::buffer("read_file", nested(h, "read_file", &[s(path)])?)?;
    let mut lines: Vec<Vec<u8>> = b
        .split(|c| *c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
        .collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    Ok(lines)
}

/// The sorted names a FileOut listing call (ls0, find0) writes, NUL-separated.
fn listing(h: &Core, call: &str, directory: &str, stem: &str) -> Result<Vec<Vec<u8>>> {
    let mut l = nul_list(&via_temp(h, call, vec![s(directory)], stem, Some("txt"))?);
    l.sort();
    Ok(l)
}

pub fn ls(h: &Core, directory: &str) -> Result<Vec<Vec<u8>>> {
    listing(h, "ls0", directory, "ls")
}

pub fn find(h: &Core, directory: &str) -> Result<Vec<Vec<u8>>> {
    listing(h, "find0", directory, "find")
}

fn nul_list(b: &[u8]) -> Vec<Vec<u8>> {
    b.split(|c| *c == 0)
        .filter(|x| !x.is_empty())
        .map(|x| x.to_vec())
        .collect()
}

pub fn write(h: &Core, path: &str, content: &[u8]) -> Result<()> {
    write_or_append(h, path, content, false)
}

pub fn write_append(h: &Core, path: &str, content: &[u8]) -> Result<()> {
    write_or_append(h, path, content, true)
}

fn write_or_append(h: &Core, path: &str, content: &[u8], append: bool) -> Result<()> {
    if content.len() <= WRITE_INLINE_MAX {
        let call = if append {
            "internal_write_append"
        } else {
            "internal_write"
        };
        return daemon(h, call, &[s(path), Value::Buffer(content.to_vec())]).map(|_| ());
    }
    let tmp = super::tmp::temp_path(h, "write", None)?;
    std::fs::write(&tmp, content).map_err(|e| Error::os(tmp.display().to_string(), &e))?;
    let t = Value::Str(tmp.to_string_lossy().as_bytes().to_vec());
    let r = if append {
        match daemon(h, "filesize", &[s(path)]) {
            Ok(RetValue::Int64(off)) => daemon(h, "upload_offset", &[t, s(path), Value::Int64(off)]),
            Ok(_) => Err(Error::msg("write_append: unexpected filesize reply")),
            Err(e) => Err(e),
        }
    } else {
        daemon(h, "upload", &[t, s(path)])
    };
    let _ = std::fs::remove_file(&tmp);
    r.map(|_| ())
}

/// `struct guestfs_stat` from a `statns` (drops the nanoseconds and spares).
fn stat_from_statns(ns: Statns) -> Stat {
    Stat {
        dev: ns.st_dev,
        ino: ns.st_ino,
        mode: ns.st_mode,
        nlink: ns.st_nlink,
        uid: ns.st_uid,
        gid: ns.st_gid,
        rdev: ns.st_rdev,
        size: ns.st_size,
        blksize: ns.st_blksize,
        blocks: ns.st_blocks,
        atime: ns.st_atime_sec,
        mtime: ns.st_mtime_sec,
        ctime: ns.st_ctime_sec,
    }
}

pub fn stat(h: &Core, path: &str) -> Result<Stat> {
    let ns = reply::one("statns", daemon(h, "statns", &[s(path)])?, Statns::from_value)?;
    Ok(stat_from_statns(ns))
}

pub fn lstat(h: &Core, path: &str) -> Result<Stat> {
    let ns = reply::one("lstatns", daemon(h, "lstatns", &[s(path)])?, Statns::from_value)?;
    Ok(stat_from_statns(ns))
}

pub fn lstatlist(h: &Core, path: &str, names: &[String]) -> Result<Vec<Stat>> {
    let l = nested(h, "lstatnslist", &[s(path), strings(names)])?;
    let l = reply::list("lstatnslist", l, Statns::from_value)?;
    Ok(l.into_iter().map(stat_from_statns).collect())
}

fn strings(l: &[String]) -> Value {
    Value::StrList(l.iter().map(|n| n.as_bytes().to_vec()).collect())
}

/// The daemon's `internal_*list` calls take at most 1000 names a call (a message's
/// worth); the answers of the chunks are joined.
fn in_chunks<T>(
    h: &Core,
    call: &str,
    path: &str,
    names: &[String],
    read: impl Fn(RetValue) -> Result<Vec<T>>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for chunk in names.chunks(1000) {
        out.extend(read(daemon(h, call, &[s(path), strings(chunk)])?)?);
    }
    Ok(out)
}

pub fn lstatnslist(h: &Core, path: &str, names: &[String]) -> Result<Vec<Statns>> {
    let call = "internal_lstatnslist";
    in_chunks(h, call, path, names, |r| reply::list(call, r, Statns::from_value))
}

pub fn lxattrlist(h: &Core, path: &str, names: &[String]) -> Result<Vec<Xattr>> {
    let call = "internal_lxattrlist";
    in_chunks(h, call, path, names, |r| reply::list(call, r, Xattr::from_value))
}

pub fn readlinklist(h: &Core, path: &str, names: &[String]) -> Result<Vec<Vec<u8>>> {
    let call = "internal_readlinklist";
    in_chunks(h, call, path, names, |r| reply::string_list(call, r))
}

fn feature(h: &Core, group: &str) -> Result<i32> {
    if let Some(v) = h.lock().inner().features.get(group).copied() {
        return Ok(v);
    }
    let r = match daemon(h, "internal_feature_available", &[s(group)])? {
        RetValue::Int(n) => n,
        _ => 2,
    };
    h.lock().inner().features.insert(group.to_string(), r);
    Ok(r)
}

pub fn available(h: &Core, groups: &[String]) -> Result<()> {
    for g in groups {
        match feature(h, g)? {
            0 => {}
            1 => return Err(Error::msg(format!("{g}: group not available"))),
            _ => return Err(Error::msg(format!("{g}: unknown group"))),
        }
    }
    Ok(())
}

pub fn feature_available(h: &Core, groups: &[String]) -> Result<bool> {
    for g in groups {
        match feature(h, g)? {
            0 => {}
            1 => return Ok(false),
            _ => return Err(Error::msg(format!("{g}: unknown group"))),
        }
    }
    Ok(true)
}

/// `btrfsvol:<device>/<subvolume>` split into its device and subvolume; `None` for a
/// mountable without the prefix; an error when no subvolume follows the device.
fn split_btrfsvol<'a>(action: &str, mountable: &'a str) -> Result<Option<(&'a str, &'a str)>> {
    let Some(rest) = mountable.strip_prefix("btrfsvol:") else {
        return Ok(None);
    };
    // The device is /dev/<name>: the subvolume starts at the next '/'.
    let after_dev = rest.strip_prefix("/dev/").unwrap_or(rest);
    match after_dev.find('/').map(|i| i + (rest.len() - after_dev.len())) {
        Some(i) => Ok(Some((&rest[..i], &rest[i + 1..]))),
        None => Err(Error::with_errno(
            libc::EINVAL,
            format!("{action}: invalid mountable {mountable}"),
        )),
    }
}

pub fn mountable_device(_h: &Core, mountable: &str) -> Result<String> {
    Ok(match split_btrfsvol("mountable_device", mountable)? {
        Some((device, _)) => device.to_string(),
        None => mountable.to_string(),
    })
}

pub fn mountable_subvolume(_h: &Core, mountable: &str) -> Result<String> {
    match split_btrfsvol("mountable_subvolume", mountable)? {
        Some((_, subvolume)) => Ok(subvolume.to_string()),
        None => Err(Error::with_errno(libc::EINVAL, "mountable is not a subvolume")),
    }
}

/// `/dev/hdX`, `/dev/vdX`, `/dev/xvdX`… become `/dev/sdX`; device-mapper names are asked
/// of the daemon (`lvm_canonical_lv_name`, quietly: on failure the name is returned as
/// given, as 1.48 does); anything else is returned unchanged.
pub fn canonical_device_name(h: &Core, device: &str) -> Result<String> {
    Ok(canonical(h, device))
}

fn canonical(h: &Core, dev: &str) -> String {
    if let Some(rest) = dev.strip_prefix("/dev/") {
        let len = rest.find('d').unwrap_or(rest.len());
        if !rest.contains('/') && !rest.starts_with('m') && len > 0 && len <= 2 && len < rest.len() {
            return format!("/dev/sd{}", &rest[len + 1..]);
        }
    }
    if dev.starts_with("/dev/mapper/") || dev.starts_with("/dev/dm-") {
        h.push_error_handler(None, 0);
        let r = daemon(h, "lvm_canonical_lv_name", &[s(dev)]);
        h.pop_error_handler();
        if let Ok(RetValue::Str(v)) = r {
            return String::from_utf8_lossy(&v).into_owned();
        }
    }
    dev.to_string()
}
