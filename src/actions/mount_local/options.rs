//! mount_local's `options` string: libfuse 2's comma-separated `-o` options (a comma or
//! backslash inside a value escaped with a backslash, as guestmount writes them). Kernel
//! mount options go to the mount; libfuse's own options that mean something here
//! (`entry_timeout`, `attr_timeout`, `nonempty`) are applied; the libfuse options that
//! only tune its internals are accepted and ignored; anything else is refused, as
//! libfuse 2 refuses an unknown option.

use crate::error::Result;
use crate::Error;
use fuser::MountOption;
use std::time::Duration;

pub struct Parsed {
    pub mount: Vec<MountOption>,
    pub nonempty: bool,
    pub entry_ttl: Duration,
    pub attr_ttl: Duration,
}

/// libfuse 2 options that change nothing in this implementation.
const ACCEPTED: &[&str] = &[
    "use_ino",
    "readdir_ino",
    "direct_io",
    "kernel_cache",
    "auto_cache",
    "noauto_cache",
    "hard_remove",
    "intr",
    "big_writes",
    "async_read",
    "sync_read",
    "atomic_o_trunc",
    "no_remote_lock",
    "no_remote_flock",
    "no_remote_posix_lock",
    "large_read",
    "debug",
    "splice_read",
    "splice_write",
    "splice_move",
    "no_splice_read",
    "no_splice_write",
    "no_splice_move",
];

const ACCEPTED_WITH_VALUE: &[&str] = &[
    "negative_timeout",
    "ac_attr_timeout",
    "intr_signal",
    "modules",
    "umask",
    "uid",
    "gid",
    "max_write",
    "max_readahead",
    "max_background",
    "congestion_threshold",
    "max_read",
    "blksize",
];

/// Splits at unescaped commas and removes the escapes.
fn split(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            ',' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.retain(|o| !o.is_empty());
    out
}

fn seconds(name: &str, v: &str) -> Result<Duration> {
    v.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite() && *f >= 0.0 && *f < 1e9)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| Error::msg(format!("fuse: invalid value for option \u{2018}{name}\u{2019}: {v}")))
}

pub fn parse(s: &str) -> Result<Parsed> {
    let mut p = Parsed {
        mount: Vec::new(),
        nonempty: false,
        entry_ttl: Duration::from_secs(1),
        attr_ttl: Duration::from_secs(1),
    };
    for o in split(s) {
        let (name, value) = match o.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (o.as_str(), None),
        };
        let m = match (name, value) {
            ("entry_timeout", Some(v)) => {
                p.entry_ttl = seconds(name, v)?;
                continue;
            }
            ("attr_timeout", Some(v)) => {
                p.attr_ttl = seconds(name, v)?;
                continue;
            }
            ("nonempty", None) => {
                p.nonempty = true;
                continue;
            }
            ("fsname", Some(v)) => MountOption::FSName(v.to_string()),
            ("subtype", Some(v)) => MountOption::Subtype(v.to_string()),
            ("allow_other", None) => MountOption::AllowOther,
            ("allow_root", None) => MountOption::AllowRoot,
            ("default_permissions", None) => MountOption::DefaultPermissions,
            ("ro", None) => MountOption::RO,
            ("rw", None) => MountOption::RW,
            ("dev", None) => MountOption::Dev,
            ("nodev", None) => MountOption::NoDev,
            ("suid", None) => MountOption::Suid,
            ("nosuid", None) => MountOption::NoSuid,
            ("exec", None) => MountOption::Exec,
            ("noexec", None) => MountOption::NoExec,
            ("atime", None) => MountOption::Atime,
            ("noatime", None) => MountOption::NoAtime,
            ("dirsync", None) => MountOption::DirSync,
            ("sync", None) => MountOption::Sync,
            ("async", None) => MountOption::Async,
            (n, None) if ACCEPTED.contains(&n) => continue,
            (n, Some(_)) if ACCEPTED_WITH_VALUE.contains(&n) => continue,
            _ => return Err(Error::msg(format!("fuse: unknown option \u{2018}{o}\u{2019}"))),
        };
        p.mount.push(m);
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_split_applied_and_checked() {
        let p = parse("allow_other,attr_timeout=2.5,fsname=a\\,b,nonempty,use_ino,ro").unwrap();
        assert_eq!(
            p.mount,
            vec![
                MountOption::AllowOther,
                MountOption::FSName("a,b".into()),
                MountOption::RO
            ]
        );
        assert!(p.nonempty);
        assert_eq!(p.attr_ttl, Duration::from_millis(2500));
        assert_eq!(p.entry_ttl, Duration::from_secs(1));
        assert!(parse("").unwrap().mount.is_empty());
        assert!(parse("bogus").is_err());
        assert!(parse("attr_timeout=x").is_err());
        assert!(parse("attr_timeout=-1").is_err());
    }
}
