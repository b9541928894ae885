//! Implementations of the daemon calls, one module per family. Each module lists its
//! calls in a `CALLS` table; the dispatcher looks names up here.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use guestfs_protocol::RetValue;

use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub mod augeas;
pub mod blockdev;
pub mod btrfs;
pub mod command;
pub mod content;
pub mod core;
pub mod debug;
pub mod debug_io;
pub mod devs;
pub mod dynlib;
pub mod ext2;
pub mod files;
pub mod filetype;
pub mod glob;
pub mod gpt;
pub mod hivex;
pub mod initrd;
pub mod inotify;
pub mod inspect;
pub mod isoinfo;
pub mod journal;
pub mod ldm;
pub mod luks;
pub mod lvm;
pub mod md;
pub mod misc;
pub mod mkfs;
pub mod mount;
pub mod parted;
pub mod rpm;
pub mod rsync;
pub mod selinux;
pub mod selinux_relabel;
pub mod transfer;
pub mod tsk;
pub mod xattr;
pub mod xfs;
pub mod yara;

pub type Handler = fn(&mut Daemon, &Req) -> Result<RetValue>;

// Every family is typed now: no CALLS table is left (the lead removes this machinery).
const FAMILIES: &[&[(&str, Handler)]] = &[];

/// The implementation of an action, if we have one.
pub fn handler(name: &str) -> Option<Handler> {
    static MAP: OnceLock<HashMap<&'static str, Handler>> = OnceLock::new();
    MAP.get_or_init(|| FAMILIES.iter().flat_map(|f| f.iter().copied()).collect())
        .get(name)
        .copied()
}

/// Names of every implemented call (tests, and `guestfsd --list-implemented`): those of
/// the `CALLS` tables and those of the typed families.
pub fn implemented() -> Vec<&'static str> {
    FAMILIES
        .iter()
        .flat_map(|f| f.iter().map(|(n, _)| *n))
        .chain(crate::table::IMPLEMENTED.iter().copied())
        .collect()
}

/// Whether the daemon implements an action (through a `CALLS` table or a typed function).
pub fn is_implemented(name: &str) -> bool {
    handler(name).is_some() || crate::table::IMPLEMENTED.contains(&name)
}

/// Opens a guest file for writing from the start, as the daemon's write-style calls do:
/// created (mode 0666, less the umask) or truncated, never becoming a controlling tty.
pub fn create_truncated(p: &std::path::Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o666)
        .custom_flags(libc::O_NOCTTY)
        .open(p)
}

/// Host path of Pathname argument `i`, following a final symlink or not.
#[allow(dead_code)] // transitional (issue 10): typed families use GuestPath::resolve
pub fn host_path(d: &Daemon, req: &Req, i: usize, follow: bool) -> Result<PathBuf> {
    d.sysroot
        .resolve(req.bytes(i), follow)
        .map_err(|e| Error::io(&e, req.str(i)))
}

/// Split command output into lines as 1.48 does: no trailing empty line.
pub fn split_lines(s: &[u8]) -> Vec<Vec<u8>> {
    if s.is_empty() {
        return Vec::new();
    }
    let s = s.strip_suffix(b"\n").unwrap_or(s);
    s.split(|&b| b == b'\n').map(|l| l.to_vec()).collect()
}

// Transitional: unused once the last CALLS family is typed (the lead removes it then).
#[allow(dead_code)]
pub fn str_list(v: Vec<String>) -> RetValue {
    RetValue::StrList(v.into_iter().map(String::into_bytes).collect())
}

/// A hashtable reply from (key, value) pairs.
#[allow(dead_code)] // transitional, as str_list
pub fn hashtable(pairs: Vec<(String, String)>) -> RetValue {
    RetValue::Hashtable(
        pairs
            .into_iter()
            .flat_map(|(k, v)| [k.into_bytes(), v.into_bytes()])
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_implemented_call_is_a_daemon_action() {
        let api = guestfs_api::table();
        for n in implemented() {
            let a = api.action(n).unwrap_or_else(|| panic!("{n} not in the table"));
            assert!(a.is_daemon(), "{n} is library-side");
        }
    }

    #[test]
    fn lines_split_like_1_48() {
        assert_eq!(split_lines(b""), Vec::<Vec<u8>>::new());
        assert_eq!(split_lines(b"a\nb\n"), vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(split_lines(b"a\n\nb"), vec![b"a".to_vec(), b"".to_vec(), b"b".to_vec()]);
    }
}
