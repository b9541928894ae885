//! Library-side inspection actions, built on the daemon's inspection calls and file
//! calls as in 1.48: inspect_list_applications(2) (`apps`), inspect_get_osinfo
//! (`osinfo`), inspect_get_icon (`icon`). The readers of guest bytes they use (registry
//! hives, PE resources, bitmaps, the CirrOS logo) and the PNG writer are in the
//! `guestfs-guestdata` crate, shared with the daemon and the fuzz targets.

mod apps;
mod icon;
mod osinfo;
mod windows_apps;

use guestfs_guestdata::{cirros, dib, hive, pe, png};

use super::generated::opts::InspectGetIconOpts;
use super::nested;
use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::structs::{Application, Application2};
use guestfs_protocol::{RetValue, Value};

pub fn inspect_list_applications2(h: &Core, root: &str) -> Result<Vec<Application2>> {
    apps::list2(h, root)
}

pub fn inspect_list_applications(h: &Core, root: &str) -> Result<Vec<Application>> {
    apps::list1(h, root)
}

pub fn inspect_get_osinfo(h: &Core, root: &str) -> Result<String> {
    osinfo::osinfo(h, root)
}

pub fn inspect_get_icon(h: &Core, root: &str, o: InspectGetIconOpts) -> Result<Vec<u8>> {
    icon::icon(h, root, o.favicon, o.highquality)
}

fn s(v: &str) -> Value {
    Value::Str(v.as_bytes().to_vec())
}

/// A public string-returning call made from library code.
fn nested_str(h: &Core, name: &str, args: &[Value]) -> Result<String> {
    match nested(h, name, args)? {
        RetValue::Str(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        _ => Err(Error::msg(format!("{name}: unexpected reply"))),
    }
}

fn nested_int(h: &Core, name: &str, args: &[Value]) -> Result<i64> {
    match nested(h, name, args)? {
        RetValue::Int(n) => Ok(n as i64),
        RetValue::Int64(n) => Ok(n),
        RetValue::Bool(b) => Ok(b as i64),
        _ => Err(Error::msg(format!("{name}: unexpected reply"))),
    }
}

/// A guest file's bytes, refused when larger than `max` (1.48's download_to_tmp: filesize
/// first, then download through a temporary file).
fn download_bounded(h: &Core, path: &str, max: u64, ext: Option<&str>) -> Result<Vec<u8>> {
    let size = nested_int(h, "filesize", &[s(path)])?;
    if size < 0 || size as u64 > max {
        let e = Error::msg(format!("size of {path} is unreasonably large ({size} bytes)"));
        h.report(&e);
        return Err(Error { reported: true, ..e });
    }
    let tmp = super::tmp::temp_path(h, "download", ext)?;
    let local = Value::Str(tmp.to_string_lossy().as_bytes().to_vec());
    let r = nested(h, "download", &[s(path), local]).and_then(|_| {
        // The guest could have grown the file in between: read no more than allowed.
        use std::io::Read;
        let f = std::fs::File::open(&tmp).map_err(|e| Error::os(format!("open: {}", tmp.display()), &e))?;
        let mut buf = Vec::with_capacity(size as usize);
        f.take(max)
            .read_to_end(&mut buf)
            .map_err(|e| Error::os(format!("read: {}", tmp.display()), &e))?;
        Ok(buf)
    });
    let _ = std::fs::remove_file(&tmp);
    r
}
