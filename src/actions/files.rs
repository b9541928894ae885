//! Library-side actions built on daemon calls: reading and writing whole files,
//! listings, stat through statns, and the feature probes.

use super::appliance::daemon;
use super::args::*;
use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::{FieldValue, RetValue, StructValue, Value};

pub const NAMES: &[&str] = &[
    "cat",
    "read_file",
    "read_lines",
    "ls",
    "find",
    "write",
    "write_append",
    "stat",
    "lstat",
    "lstatlist",
    "lstatnslist",
    "readlinklist",
    "lxattrlist",
    "available",
    "feature_available",
    "mountable_device",
    "mountable_subvolume",
    "canonical_device_name",
];

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

fn read_file(h: &Core, path: &str) -> Result<Vec<u8>> {
    via_temp(h, "download", vec![s(path)], "cat", None)
}

fn nul_list(b: &[u8]) -> Vec<Vec<u8>> {
    b.split(|c| *c == 0)
        .filter(|x| !x.is_empty())
        .map(|x| x.to_vec())
        .collect()
}

fn write(h: &Core, path: &str, content: &[u8], append: bool) -> Result<()> {
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

/// `struct guestfs_stat` from a `statns` result (drops the nanoseconds and spares).
fn stat_from_statns(v: RetValue) -> Result<RetValue> {
    let RetValue::Struct(sv) = v else {
        return Err(Error::msg("stat: unexpected reply"));
    };
    let f: Vec<i64> = sv
        .fields
        .iter()
        .map(|x| if let FieldValue::Int64(n) = x { *n } else { 0 })
        .collect();
    if f.len() < 16 {
        return Err(Error::msg("stat: unexpected reply"));
    }
    let pick = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14];
    Ok(RetValue::Struct(StructValue {
        fields: pick.iter().map(|&i| FieldValue::Int64(f[i])).collect(),
    }))
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

pub fn run(h: &Core, name: &str, a: &[Value], _o: &[Option<Value>]) -> Option<Result<RetValue>> {
    Some(match name {
        "read_file" => read_file(h, &str(a, 0)).map(RetValue::Buffer),
        "cat" => match super::nested(h, "read_file", &[s(&str(a, 0))]) {
            Ok(RetValue::Buffer(b)) => Ok(RetValue::Str(b)),
            other => other,
        },
        "read_lines" => super::nested(h, "read_file", &[s(&str(a, 0))]).map(|r| {
            let b = if let RetValue::Buffer(b) = r { b } else { vec![] };
            let mut lines: Vec<Vec<u8>> = b
                .split(|c| *c == b'\n')
                .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
                .collect();
            if lines.last().is_some_and(|l| l.is_empty()) {
                lines.pop();
            }
            RetValue::StrList(lines)
        }),
        "ls" => via_temp(h, "ls0", vec![s(&str(a, 0))], "ls", Some("txt")).map(|b| {
            let mut l = nul_list(&b);
            l.sort();
            RetValue::StrList(l)
        }),
        "find" => via_temp(h, "find0", vec![s(&str(a, 0))], "find", Some("txt")).map(|b| {
            let mut l = nul_list(&b);
            l.sort();
            RetValue::StrList(l)
        }),
        "write" => write(h, &str(a, 0), &bytes(a, 1), false).map(|_| RetValue::None),
        "write_append" => write(h, &str(a, 0), &bytes(a, 1), true).map(|_| RetValue::None),
        "stat" => daemon(h, "statns", &[s(&str(a, 0))]).and_then(stat_from_statns),
        "lstat" => daemon(h, "lstatns", &[s(&str(a, 0))]).and_then(stat_from_statns),
        "lstatlist" => match super::nested(
            h,
            "lstatnslist",
            &[
                s(&str(a, 0)),
                Value::StrList(list(a, 1).into_iter().map(String::into_bytes).collect()),
            ],
        ) {
            Ok(RetValue::StructList(v)) => v
                .into_iter()
                .map(|x| match stat_from_statns(RetValue::Struct(x)) {
                    Ok(RetValue::Struct(st)) => Ok(st),
                    _ => Err(Error::msg("lstatlist: unexpected reply")),
                })
                .collect::<Result<Vec<_>>>()
                .map(RetValue::StructList),
            Ok(_) => Err(Error::msg("lstatlist: unexpected reply")),
            Err(e) => Err(e),
        },
        "lstatnslist" | "readlinklist" | "lxattrlist" => {
            let call = format!("internal_{name}");
            let dir = str(a, 0);
            let names = list(a, 1);
            let (mut structs, mut strings) = (Vec::new(), Vec::new());
            for chunk in names.chunks(1000) {
                let l: Vec<Vec<u8>> = chunk.iter().map(|n| n.as_bytes().to_vec()).collect();
                match daemon(h, &call, &[s(&dir), Value::StrList(l)]) {
                    Ok(RetValue::StructList(v)) => structs.extend(v),
                    Ok(RetValue::StrList(v)) => strings.extend(v),
                    Ok(_) => return Some(Err(Error::msg(format!("{name}: unexpected reply")))),
                    Err(e) => return Some(Err(e)),
                }
            }
            Ok(if name == "readlinklist" {
                RetValue::StrList(strings)
            } else {
                RetValue::StructList(structs)
            })
        }
        "available" => {
            for g in list(a, 0) {
                match feature(h, &g) {
                    Ok(0) => {}
                    Ok(1) => return Some(Err(Error::msg(format!("{g}: group not available")))),
                    Ok(_) => return Some(Err(Error::msg(format!("{g}: unknown group")))),
                    Err(e) => return Some(Err(e)),
                }
            }
            Ok(RetValue::None)
        }
        "feature_available" => {
            for g in list(a, 0) {
                match feature(h, &g) {
                    Ok(0) => {}
                    Ok(1) => return Some(Ok(RetValue::Bool(false))),
                    Ok(_) => return Some(Err(Error::msg(format!("{g}: unknown group")))),
                    Err(e) => return Some(Err(e)),
                }
            }
            Ok(RetValue::Bool(true))
        }
        "mountable_device" | "mountable_subvolume" => {
            let m = str(a, 0);
            match m.strip_prefix("btrfsvol:") {
                Some(rest) => {
                    // btrfsvol:<device>/<subvolume>: the device is /dev/<name>.
                    let after_dev = rest.strip_prefix("/dev/").unwrap_or(rest);
                    let split = after_dev.find('/').map(|i| i + (rest.len() - after_dev.len()));
                    match split {
                        Some(i) if name == "mountable_device" => Ok(RetValue::Str(rest.as_bytes()[..i].to_vec())),
                        Some(i) => Ok(RetValue::Str(rest.as_bytes()[i + 1..].to_vec())),
                        None => Err(Error::with_errno(
                            libc::EINVAL,
                            format!("{name}: invalid mountable {m}"),
                        )),
                    }
                }
                None if name == "mountable_device" => Ok(RetValue::Str(m.into_bytes())),
                None => Err(Error::with_errno(libc::EINVAL, "mountable is not a subvolume")),
            }
        }
        "canonical_device_name" => Ok(RetValue::Str(canonical_device_name(h, &str(a, 0)).into_bytes())),
        _ => return None,
    })
}

/// `/dev/hdX`, `/dev/vdX`, `/dev/xvdX`… become `/dev/sdX`; device-mapper names are asked
/// of the daemon (`lvm_canonical_lv_name`, quietly: on failure the name is returned as
/// given, as 1.48 does); anything else is returned unchanged.
fn canonical_device_name(h: &Core, dev: &str) -> String {
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
