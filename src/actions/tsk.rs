//! filesystem_walk and find_inode (The Sleuth Kit): the daemon walks the filesystem and
//! streams one `tsk_dirent` per entry, XDR structs back to back, into a FileOut file;
//! this side decodes them into the struct list.

use super::stream::decode_entries;
use crate::error::Result;
use crate::Handle;
use guestfs_protocol::{RetValue, Value};

pub const NAMES: &[&str] = &["filesystem_walk", "find_inode"];

pub fn run(h: &Handle, name: &str, a: &[Value], _o: &[Option<Value>]) -> Option<Result<RetValue>> {
    match name {
        "filesystem_walk" => Some(dirents(
            h,
            "internal_filesystem_walk",
            a[..1].to_vec(),
            "filesystem_walk",
        )),
        "find_inode" => Some(dirents(h, "internal_find_inode", a[..2].to_vec(), "find_inode")),
        _ => None,
    }
}

fn dirents(h: &Handle, call: &str, args: Vec<Value>, stem: &str) -> Result<RetValue> {
    let data = super::files::via_temp(h, call, args, stem, None)?;
    decode_entries(call, "tsk_dirent", &data).map(RetValue::StructList)
}
