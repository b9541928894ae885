//! rsync, rsync_in and rsync_out (optional group "rsync"): the appliance's rsync between
//! two guest directories, or between a guest directory and a remote rsync server (which
//! needs the network: see net.rs). As 1.48, guest paths are the sysroot plus the path
//! exactly as given (a trailing slash keeps its rsync meaning, symlinks are rsync's
//! business), and a failure reports "'SRC' to 'DEST': " and rsync's stderr.

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::{RsyncInOpts, RsyncOpts, RsyncOutOpts};

/// The optional arguments the three calls share (an unset one is false).
struct Opts {
    archive: bool,
    deletedest: bool,
}

impl Opts {
    fn new(archive: Option<bool>, deletedest: Option<bool>) -> Opts {
        Opts {
            archive: archive.unwrap_or(false),
            deletedest: deletedest.unwrap_or(false),
        }
    }
}

/// The sysroot path of a guest Pathname: the sysroot directory followed by the path
/// byte for byte (1.48's sysroot_path), so "/dir/" stays "…/dir/".
fn sysroot_path(d: &Daemon, guest: &[u8]) -> OsString {
    let mut root = d.sysroot.root().as_os_str().as_bytes().to_vec();
    while root.last() == Some(&b'/') {
        root.pop();
    }
    root.extend_from_slice(guest);
    OsString::from_vec(root)
}

/// The rsync command line: `rsync [--archive] [--delete] SRC DEST`.
fn argv(o: &Opts, src: OsString, dest: OsString) -> Vec<OsString> {
    let mut v: Vec<OsString> = Vec::new();
    if o.archive {
        v.push("--archive".into());
    }
    if o.deletedest {
        v.push("--delete".into());
    }
    v.push(src);
    v.push(dest);
    v
}

fn run(o: &Opts, src: OsString, src_orig: &[u8], dest: OsString, dest_orig: &[u8]) -> Result<()> {
    let out = Cmd::new("rsync").args(argv(o, src, dest)).run();
    if !out.ok() {
        return Err(Error::msg(format!(
            "'{}' to '{}': {}",
            String::from_utf8_lossy(src_orig),
            String::from_utf8_lossy(dest_orig),
            out.err_text()
        )));
    }
    Ok(())
}

pub fn rsync(d: &mut Daemon, src: &GuestPath, dest: &GuestPath, o: RsyncOpts) -> Result<()> {
    let (src, dest) = (src.as_bytes(), dest.as_bytes());
    let o = Opts::new(o.archive, o.deletedest);
    run(&o, sysroot_path(d, src), src, sysroot_path(d, dest), dest)
}

/// A remote string is handed to rsync as an operand; one that starts with '-' would be
/// read as an option (`--rsh=…` runs a program), so it is refused.
fn check_remote(remote: &[u8]) -> Result<()> {
    if remote.first() == Some(&b'-') {
        return Err(Error::with_errno(
            libc::EINVAL,
            format!("{}: remote must not begin with '-'", String::from_utf8_lossy(remote)),
        ));
    }
    Ok(())
}

pub fn rsync_in(d: &mut Daemon, remote: &str, dest: &GuestPath, o: RsyncInOpts) -> Result<()> {
    let (remote, dest) = (remote.as_bytes(), dest.as_bytes());
    check_remote(remote)?;
    run(
        &Opts::new(o.archive, o.deletedest),
        OsString::from_vec(remote.to_vec()),
        remote,
        sysroot_path(d, dest),
        dest,
    )
}

pub fn rsync_out(d: &mut Daemon, src: &GuestPath, remote: &str, o: RsyncOutOpts) -> Result<()> {
    let (src, remote) = (src.as_bytes(), remote.as_bytes());
    check_remote(remote)?;
    run(
        &Opts::new(o.archive, o.deletedest),
        sysroot_path(d, src),
        src,
        OsString::from_vec(remote.to_vec()),
        remote,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines() {
        let s = |v: Vec<OsString>| {
            v.into_iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let o = Opts {
            archive: false,
            deletedest: false,
        };
        assert_eq!(
            s(argv(&o, "/sysroot/a/".into(), "/sysroot/b".into())),
            "/sysroot/a/ /sysroot/b"
        );
        let o = Opts {
            archive: true,
            deletedest: true,
        };
        assert_eq!(
            s(argv(&o, "rsync://h/m/".into(), "/sysroot/d/".into())),
            "--archive --delete rsync://h/m/ /sysroot/d/"
        );
        assert!(check_remote(b"--rsh=sh").is_err());
        assert!(check_remote(b"rsync://169.254.2.2/m/").is_ok());
    }
}
