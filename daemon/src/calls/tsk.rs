//! The libtsk group: internal_filesystem_walk and internal_find_inode, through The Sleuth
//! Kit's library (`ffi.rs`).
//!
//! Both open the device's filesystem without mounting it, walk every name from the root
//! (deleted ones too), and send one `tsk_dirent` per entry as FileOut data: the XDR of the
//! struct, entries back to back, which is 1.48's format (its library reads structs until
//! the data ends). The library's filesystem_walk and find_inode decode it.

mod ffi;

use std::ffi::CString;

use guestfs_protocol::structs::TskDirent;
use guestfs_protocol::ByteString;

use crate::args::FileOut;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::mountable::Mountable;
use crate::stream::FileOutStream;
use ffi::{Entry, Walk};

/// Whether libtsk can be loaded (the libtsk group's availability).
pub fn library_available() -> bool {
    ffi::available()
}

/// tsk_flags bits (1.48's documented values).
const DIRENT_ALLOC: u32 = 0x01;
const DIRENT_REALLOC: u32 = 0x02;
const DIRENT_COMPRESSED: u32 = 0x04;

/// TSK_FS_NAME_FLAG_UNALLOC, TSK_FS_META_FLAG_ALLOC, TSK_FS_META_FLAG_COMP.
const NAME_FLAG_UNALLOC: u32 = 0x02;
const META_FLAG_ALLOC: u32 = 0x01;
const META_FLAG_COMP: u32 = 0x10;

pub fn internal_filesystem_walk(d: &mut Daemon, device: &str, filename: FileOut) -> Result<()> {
    walk_and_send(d, device, filename, |_| true)
}

pub fn internal_find_inode(d: &mut Daemon, device: &str, inode: i64, filename: FileOut) -> Result<()> {
    // 1.48 compares the argument as an unsigned 64-bit number: a negative one finds nothing.
    let inode = inode as u64;
    walk_and_send(d, device, filename, move |e| e.meta_addr == inode)
}

/// Opens the filesystem of the Mountable `device` (errors are normal replies), then
/// sends every entry `wanted` accepts, except "." and ".." (but the root's own ".").
fn walk_and_send(d: &mut Daemon, device: &str, file: FileOut, wanted: impl Fn(&Entry) -> bool) -> Result<()> {
    let device = Mountable::parse(device).device().to_string();
    let cdev = CString::new(device).map_err(|_| Error::with_errno(libc::EINVAL, "device name contains NUL"))?;
    let tsk_error =
        |what: &str, e: Option<String>| Error::msg(format!("{what}: {}", e.as_deref().unwrap_or("unknown error")));
    let img = ffi::Image::open(&cdev).map_err(|e| match e {
        ffi::OpenError::NoLibrary(why) => super::dynlib::unavailable("libtsk", why),
        ffi::OpenError::Tsk(e) => tsk_error("tsk_image_open", e),
    })?;
    let fs = img.open_fs().map_err(|e| tsk_error("tsk_fs_open_img", e))?;

    let mut out = FileOutStream::begin(d, file)?;
    let mut failed: Option<Error> = None;
    let mut cancelled = false;
    let walked = fs.walk(&mut |e| {
        if !wanted(e) || is_dot(e) {
            return Walk::Continue;
        }
        let bytes = match guestfs_protocol::encode_struct(d.api, TskDirent::NAME, &dirent(e).into_value()) {
            Ok(b) => b,
            Err(err) => {
                crate::log::line(format!("tsk_dirent: {err}"));
                return Walk::Error;
            }
        };
        match out.write(d, &bytes) {
            Ok(true) => Walk::Continue,
            Ok(false) => {
                cancelled = true;
                Walk::Stop
            }
            Err(err) => {
                failed = Some(err);
                Walk::Error
            }
        }
    });
    if let Some(err) = failed {
        // The connection is gone: nothing more can be sent.
        return Err(err);
    }
    if cancelled {
        // The library cancelled; the cancel chunk has gone out already.
        return Ok(());
    }
    match walked {
        Ok(()) => out.finish(d, false)?,
        Err(e) => {
            // After the OK reply the protocol can only cancel the file.
            crate::log::line(format!("tsk_fs_dir_walk: {}", e.as_deref().unwrap_or("unknown error")));
            out.abort(d)?;
        }
    }
    Ok(())
}

/// "." and ".." entries are left out, except the root directory's own "." (which stands
/// for the root itself); the ".." of every directory is left out with them.
fn is_dot(e: &Entry) -> bool {
    let dot = e.name == b"." || e.name == b"..";
    dot && !(e.meta_addr == e.root_inum && e.name == b".")
}

/// The tsk_type letter of an entry, from the type its name records.
fn type_letter(name_type: u32) -> u8 {
    match name_type {
        1 => b'f', // FIFO
        2 => b'c', // character device
        3 => b'd', // directory
        4 => b'b', // block device
        5 => b'r', // regular file
        6 => b'l', // symbolic link
        7 => b's', // socket
        8 => b'h', // shadow inode (Solaris)
        9 => b'w', // whiteout (BSD)
        _ => b'u', // undefined, and TSK's virtual files and directories
    }
}

/// tsk_flags: allocated, or deleted with the metadata reallocated since; compressed.
fn dirent_flags(e: &Entry) -> u32 {
    let meta_flags = e.meta.map_or(0, |m| m.flags);
    let mut flags = 0;
    if e.name_flags & NAME_FLAG_UNALLOC != 0 {
        if meta_flags & META_FLAG_ALLOC != 0 {
            flags |= DIRENT_REALLOC;
        }
    } else {
        flags |= DIRENT_ALLOC;
    }
    if meta_flags & META_FLAG_COMP != 0 {
        flags |= DIRENT_COMPRESSED;
    }
    flags
}

/// The tsk_dirent of an entry. Without metadata the size is -1 and the times, link
/// count and link are empty.
fn dirent(e: &Entry) -> TskDirent {
    let mut name = e.path.to_vec();
    name.extend_from_slice(e.name);
    let m = e.meta.unwrap_or_default();
    let size = if e.meta.is_some() { m.size } else { -1 };
    TskDirent {
        tsk_inode: e.meta_addr,
        tsk_type: type_letter(e.name_type),
        tsk_size: size,
        tsk_name: ByteString::from(name),
        tsk_flags: dirent_flags(e),
        tsk_atime_sec: m.atime.0,
        tsk_atime_nsec: m.atime.1,
        tsk_mtime_sec: m.mtime.0,
        tsk_mtime_nsec: m.mtime.1,
        tsk_ctime_sec: m.ctime.0,
        tsk_ctime_nsec: m.ctime.1,
        tsk_crtime_sec: m.crtime.0,
        tsk_crtime_nsec: m.crtime.1,
        tsk_nlink: m.nlink,
        tsk_link: ByteString::from(m.link.unwrap_or_default()),
        tsk_spare1: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ffi::Meta;

    fn entry<'a>(name: &'a [u8], meta_addr: u64, name_flags: u32, meta: Option<Meta<'a>>) -> Entry<'a> {
        Entry {
            meta_addr,
            root_inum: 2,
            path: b"dir/",
            name,
            name_type: 5,
            name_flags,
            meta,
        }
    }

    #[test]
    fn dots_are_skipped_but_the_roots_own() {
        assert!(is_dot(&entry(b".", 12, 1, None)));
        assert!(is_dot(&entry(b"..", 2, 1, None)));
        assert!(!is_dot(&entry(b".", 2, 1, None)));
        assert!(!is_dot(&entry(b".x", 12, 1, None)));
    }

    #[test]
    fn flags_follow_allocation() {
        let alloc = Meta {
            flags: META_FLAG_ALLOC,
            ..Meta::default()
        };
        let comp = Meta {
            flags: META_FLAG_COMP | 2,
            ..Meta::default()
        };
        assert_eq!(dirent_flags(&entry(b"a", 12, 1, Some(alloc))), DIRENT_ALLOC);
        assert_eq!(dirent_flags(&entry(b"a", 12, NAME_FLAG_UNALLOC, None)), 0);
        assert_eq!(
            dirent_flags(&entry(b"a", 12, NAME_FLAG_UNALLOC, Some(alloc))),
            DIRENT_REALLOC
        );
        assert_eq!(
            dirent_flags(&entry(b"a", 12, 1, Some(comp))),
            DIRENT_ALLOC | DIRENT_COMPRESSED
        );
    }

    #[test]
    fn dirent_without_metadata_has_size_minus_one() {
        let d = dirent(&entry(b"gone", 0, NAME_FLAG_UNALLOC, None));
        assert_eq!(d.tsk_size, -1);
        assert_eq!(d.tsk_name, "dir/gone");
        assert_eq!(d.tsk_link, "");
        assert_eq!(type_letter(10), b'u');
        assert_eq!(type_letter(6), b'l');
        let api = guestfs_api::table();
        guestfs_protocol::encode_struct(api, TskDirent::NAME, &d.into_value()).unwrap();
    }
}
