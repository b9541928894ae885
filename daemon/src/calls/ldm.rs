//! Windows dynamic disks (LDM), through libldm's `ldmtool` in the appliance as 1.48 does:
//! `scan`/`show` print JSON, which is read with our own small parser (`ldm/json.rs`);
//! `create all` maps every volume and partition with device-mapper as
//! /dev/mapper/ldm_vol_* and ldm_part_* (the appliance also does this at boot).

/// ldmtool's JSON, read by the bounded reader shared through `guestfs-guestdata`.
use guestfs_guestdata::json;

use guestfs_protocol::RetValue;

use super::{str_list, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;
use json::Json;

pub const CALLS: &[(&str, Handler)] = &[
    ("ldmtool_create_all", create_all),
    ("ldmtool_remove_all", remove_all),
    ("ldmtool_scan", scan),
    ("ldmtool_scan_devices", scan_devices),
    ("ldmtool_diskgroup_name", diskgroup_name),
    ("ldmtool_diskgroup_volumes", diskgroup_volumes),
    ("ldmtool_diskgroup_disks", diskgroup_disks),
    ("ldmtool_volume_type", volume_type),
    ("ldmtool_volume_hint", volume_hint),
    ("ldmtool_volume_partitions", volume_partitions),
    ("list_ldm_volumes", list_ldm_volumes),
    ("list_ldm_partitions", list_ldm_partitions),
];

/// Runs ldmtool; its stdout, or its stderr as the error (1.48's messages: only the
/// final newline is dropped).
fn ldmtool(args: &[&str]) -> Result<Vec<u8>> {
    let o = Cmd::new("ldmtool").args(args).run();
    if !o.ok() {
        let mut err = o.stderr;
        if err.last() == Some(&b'\n') {
            err.pop();
        }
        return Err(Error::msg(String::from_utf8_lossy(&err).into_owned()));
    }
    Ok(o.stdout)
}

fn parse(out: &[u8]) -> Result<Json> {
    json::parse(out).map_err(|e| Error::msg(format!("parse error: {e}")))
}

fn string_list(out: &[u8], cmd: &str) -> Result<Vec<String>> {
    parse(out)?
        .string_list()
        .ok_or_else(|| Error::msg(format!("output of '{cmd}' was not a JSON array of strings")))
}

/// Member `key` of an object, a string (or, with `null_is_empty`, null as "").
fn object_string(out: &[u8], key: &str, null_is_empty: bool, cmd: &str) -> Result<String> {
    let v = parse(out)?;
    match v.get(key) {
        Some(Json::Str(s)) => Ok(s.clone()),
        Some(Json::Null) if null_is_empty => Ok(String::new()),
        _ => Err(Error::msg(format!(
            "output of '{cmd}' was not a JSON object containing a key '{key}' of type string"
        ))),
    }
}

fn object_string_list(out: &[u8], key: &str, cmd: &str) -> Result<Vec<String>> {
    parse(out)?.get(key).and_then(Json::string_list).ok_or_else(|| {
        Error::msg(format!(
            "output of '{cmd}' was not a JSON object containing a key '{key}' of type array of strings"
        ))
    })
}

fn create_all(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    ldmtool(&["create", "all"])?;
    Ok(RetValue::None)
}

fn remove_all(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    ldmtool(&["remove", "all"])?;
    Ok(RetValue::None)
}

fn scan_with(devices: &[String]) -> Result<RetValue> {
    let mut args = vec!["scan"];
    args.extend(devices.iter().map(String::as_str));
    let out = ldmtool(&args)?;
    Ok(str_list(string_list(&out, "ldmtool scan")?))
}

fn scan(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    scan_with(&[])
}

fn scan_devices(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    scan_with(&r.strings(0))
}

fn show_diskgroup(r: &Req) -> Result<Vec<u8>> {
    ldmtool(&["show", "diskgroup", &r.str(0)])
}

fn show_volume(r: &Req) -> Result<Vec<u8>> {
    ldmtool(&["show", "volume", &r.str(0), &r.str(1)])
}

const SHOW_DG: &str = "ldmtool show diskgroup";
const SHOW_VOL: &str = "ldmtool show volume";

fn diskgroup_name(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(
        object_string(&show_diskgroup(r)?, "name", false, SHOW_DG)?.into_bytes(),
    ))
}

fn diskgroup_volumes(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(str_list(object_string_list(&show_diskgroup(r)?, "volumes", SHOW_DG)?))
}

fn diskgroup_disks(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(str_list(object_string_list(&show_diskgroup(r)?, "disks", SHOW_DG)?))
}

fn volume_type(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(
        object_string(&show_volume(r)?, "type", false, SHOW_VOL)?.into_bytes(),
    ))
}

fn volume_hint(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(
        object_string(&show_volume(r)?, "hint", true, SHOW_VOL)?.into_bytes(),
    ))
}

fn volume_partitions(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(str_list(object_string_list(&show_volume(r)?, "partitions", SHOW_VOL)?))
}

/// /dev/mapper/<prefix>*, sorted (ldmtool cannot name its devices back; 1.48 lists
/// these names the same way). No /dev/mapper at all is an empty list.
pub fn list_mapper(prefix: &str) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir("/dev/mapper") else {
        return Vec::new();
    };
    let mut v: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .map(|n| format!("/dev/mapper/{n}"))
        .collect();
    v.sort();
    v
}

fn list_ldm_volumes(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(list_mapper("ldm_vol_")))
}

fn list_ldm_partitions(_d: &mut Daemon, _r: &Req) -> Result<RetValue> {
    Ok(str_list(list_mapper("ldm_part_")))
}
