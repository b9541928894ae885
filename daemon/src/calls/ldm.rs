//! Windows dynamic disks (LDM), through libldm's `ldmtool` in the appliance as 1.48 does:
//! `scan`/`show` print JSON, which is read with our own small parser (`ldm/json.rs`);
//! `create all` maps every volume and partition with device-mapper as
//! /dev/mapper/ldm_vol_* and ldm_part_* (the appliance also does this at boot).

/// ldmtool's JSON, read by the bounded reader shared through `guestfs-guestdata`.
use guestfs_guestdata::json;

use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::devices::CallerName;
use crate::error::{Error, Result};
use json::Json;

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

pub fn ldmtool_create_all(_d: &mut Daemon) -> Result<()> {
    ldmtool(&["create", "all"])?;
    Ok(())
}

pub fn ldmtool_remove_all(_d: &mut Daemon) -> Result<()> {
    ldmtool(&["remove", "all"])?;
    Ok(())
}

fn scan_with(devices: &[String]) -> Result<Vec<String>> {
    let mut args = vec!["scan"];
    args.extend(devices.iter().map(String::as_str));
    let out = ldmtool(&args)?;
    string_list(&out, "ldmtool scan")
}

pub fn ldmtool_scan(_d: &mut Daemon) -> Result<Vec<String>> {
    scan_with(&[])
}

pub fn ldmtool_scan_devices(_d: &mut Daemon, devices: &[String]) -> Result<Vec<String>> {
    scan_with(devices)
}

fn show_diskgroup(diskgroup: &str) -> Result<Vec<u8>> {
    ldmtool(&["show", "diskgroup", diskgroup])
}

fn show_volume(diskgroup: &str, volume: &str) -> Result<Vec<u8>> {
    ldmtool(&["show", "volume", diskgroup, volume])
}

const SHOW_DG: &str = "ldmtool show diskgroup";
const SHOW_VOL: &str = "ldmtool show volume";

pub fn ldmtool_diskgroup_name(_d: &mut Daemon, diskgroup: &str) -> Result<String> {
    object_string(&show_diskgroup(diskgroup)?, "name", false, SHOW_DG)
}

pub fn ldmtool_diskgroup_volumes(_d: &mut Daemon, diskgroup: &str) -> Result<Vec<String>> {
    object_string_list(&show_diskgroup(diskgroup)?, "volumes", SHOW_DG)
}

pub fn ldmtool_diskgroup_disks(d: &mut Daemon, diskgroup: &str) -> Result<Vec<CallerName>> {
    let disks = object_string_list(&show_diskgroup(diskgroup)?, "disks", SHOW_DG)?;
    Ok(d.devices.reverse_all(&disks))
}

pub fn ldmtool_volume_type(_d: &mut Daemon, diskgroup: &str, volume: &str) -> Result<String> {
    object_string(&show_volume(diskgroup, volume)?, "type", false, SHOW_VOL)
}

pub fn ldmtool_volume_hint(_d: &mut Daemon, diskgroup: &str, volume: &str) -> Result<String> {
    object_string(&show_volume(diskgroup, volume)?, "hint", true, SHOW_VOL)
}

pub fn ldmtool_volume_partitions(d: &mut Daemon, diskgroup: &str, volume: &str) -> Result<Vec<CallerName>> {
    let parts = object_string_list(&show_volume(diskgroup, volume)?, "partitions", SHOW_VOL)?;
    Ok(d.devices.reverse_all(&parts))
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

pub fn list_ldm_volumes(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(d.devices.reverse_all(&list_mapper("ldm_vol_")))
}

pub fn list_ldm_partitions(d: &mut Daemon) -> Result<Vec<CallerName>> {
    Ok(d.devices.reverse_all(&list_mapper("ldm_part_")))
}
