//! Implementations of the daemon calls, one module per family: one typed `pub fn` per
//! action, named as the action, in the module the table's `impl` line names. The
//! generated dispatch (`crate::generated`) calls them; nothing here is registered by hand.

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

/// Names of every implemented daemon action (tests, and `guestfsd --list-implemented`).
pub fn implemented() -> &'static [&'static str] {
    crate::table::IMPLEMENTED
}

/// Whether the daemon implements an action (every table row that is not `unimplemented`).
pub fn is_implemented(name: &str) -> bool {
    crate::table::IMPLEMENTED.contains(&name)
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

/// Split command output into lines as 1.48 does: no trailing empty line.
pub fn split_lines(s: &[u8]) -> Vec<Vec<u8>> {
    if s.is_empty() {
        return Vec::new();
    }
    let s = s.strip_suffix(b"\n").unwrap_or(s);
    s.split(|&b| b == b'\n').map(|l| l.to_vec()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_daemon_action_is_implemented_once_or_listed_unimplemented() {
        // The generated lists come from the table; the compiler has already checked that
        // each implemented action has exactly one typed function of the right type.
        let api = guestfs_api::table();
        for a in api.actions.iter().filter(|a| a.is_daemon()) {
            let n = a.name.as_str();
            let implemented = crate::table::IMPLEMENTED.iter().filter(|x| **x == n).count();
            let unimplemented = crate::table::UNIMPLEMENTED.iter().filter(|x| **x == n).count();
            assert_eq!(
                implemented + unimplemented,
                1,
                "{n}: {implemented} implementations, {unimplemented} entries in UNIMPLEMENTED"
            );
        }
        for n in implemented().iter().chain(crate::table::UNIMPLEMENTED) {
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
