//! The handle's temporary files: `<tmpdir>/libguestfsXXXXXX/<name><N>[.<ext>]`. The
//! directory is made on first need; like libguestfs, that asks `get_tmpdir` through the
//! public API (so it shows in traces).

use super::nested;
use crate::error::Result;
use crate::handle::make_temp_dir;
use crate::Core;
use guestfs_protocol::RetValue;
use std::path::PathBuf;

pub fn ensure_tmpdir(h: &Core) -> Result<PathBuf> {
    if let Some(d) = h.lock().inner().handle_tmpdir.clone() {
        return Ok(d);
    }
    let base = match nested(h, "get_tmpdir", &[])? {
        RetValue::Str(s) => String::from_utf8_lossy(&s).into_owned(),
        _ => "/tmp".into(),
    };
    let d = make_temp_dir(&base, "libguestfs")?;
    h.lock().inner().handle_tmpdir = Some(d.clone());
    Ok(d)
}

pub fn temp_path(h: &Core, stem: &str, ext: Option<&str>) -> Result<PathBuf> {
    let dir = ensure_tmpdir(h)?;
    let l = h.lock();
    let mut i = l.inner();
    i.unique += 1;
    Ok(dir.join(match ext {
        Some(e) => format!("{stem}{}.{e}", i.unique),
        None => format!("{stem}{}", i.unique),
    }))
}
