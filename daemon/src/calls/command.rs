//! Running the guest's own programs inside the sysroot (chroot), as 1.48's command and sh.

use std::path::{Path, PathBuf};

use guestfs_protocol::RetValue;

use super::{split_lines, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("command", command),
    ("command_lines", command_lines),
    ("sh", sh),
    ("sh_lines", sh_lines),
];

/// Bind-mount the appliance's /dev, /dev/pts, /proc and /sys into the guest while a
/// command runs (only in the appliance, and only where the guest has the directory).
struct BindMounts(Vec<PathBuf>);

impl BindMounts {
    fn new(root: &Path, enabled: bool) -> BindMounts {
        let mut done = Vec::new();
        if enabled {
            for src in ["/dev", "/dev/pts", "/proc", "/sys"] {
                let dst = root.join(&src[1..]);
                if std::fs::symlink_metadata(&dst).map(|m| m.is_dir()).unwrap_or(false) {
                    let o = Cmd::new("mount").args(["--bind", src]).arg(&dst).run();
                    if o.ok() {
                        done.push(dst);
                    }
                }
            }
        }
        BindMounts(done)
    }
}

impl Drop for BindMounts {
    fn drop(&mut self) {
        for dst in self.0.iter().rev() {
            let _ = Cmd::new("umount").arg(dst).run();
        }
    }
}

fn run_in_guest(d: &Daemon, argv: &[Vec<u8>]) -> Result<Vec<u8>> {
    // 1.48's command/sh(_lines) all go through do_command, whose name is in the text.
    crate::dispatch::need_root(d, "do_command")?;
    let Some((prog, args)) = argv.split_first() else {
        return Err(Error::msg("passed an empty list"));
    };
    let root = d.sysroot.root().to_path_buf();
    let _binds = BindMounts::new(&root, !d.sysroot.standalone);
    use std::os::unix::ffi::OsStrExt;
    let o = Cmd::new(std::ffi::OsStr::from_bytes(prog))
        .args(args.iter().map(|a| std::ffi::OsStr::from_bytes(a)))
        .chroot(&root)
        .run();
    if !o.ok() {
        return Err(Error::msg(o.err_or_out()));
    }
    Ok(o.stdout)
}

fn command(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(run_in_guest(d, r.list(0))?))
}

fn command_lines(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::StrList(split_lines(&run_in_guest(d, r.list(0))?)))
}

fn sh_argv(r: &Req) -> Vec<Vec<u8>> {
    vec![b"/bin/sh".to_vec(), b"-c".to_vec(), r.bytes(0).to_vec()]
}

fn sh(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(run_in_guest(d, &sh_argv(r))?))
}

fn sh_lines(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::StrList(split_lines(&run_in_guest(d, &sh_argv(r))?)))
}
