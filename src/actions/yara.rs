//! yara_scan: the daemon scans the file with the loaded rules and streams one
//! `yara_detection` per matching rule, XDR structs back to back, into a FileOut file;
//! this side decodes them into the struct list.

use super::stream::decode_entries;
use crate::error::Result;
use crate::Handle;
use guestfs_protocol::{RetValue, Value};

pub const NAMES: &[&str] = &["yara_scan"];

pub fn run(h: &Handle, name: &str, a: &[Value], _o: &[Option<Value>]) -> Option<Result<RetValue>> {
    match name {
        "yara_scan" => Some(yara_scan(h, a)),
        _ => None,
    }
}

fn yara_scan(h: &Handle, a: &[Value]) -> Result<RetValue> {
    let call = "internal_yara_scan";
    let data = super::files::via_temp(h, call, a[..1].to_vec(), "yara_scan", None)?;
    decode_entries(call, "yara_detection", &data).map(RetValue::StructList)
}
