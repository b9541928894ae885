//! Running the guest's own programs inside the sysroot (chroot), as 1.48's command and sh.

use std::path::{Path, PathBuf};

use super::split_lines;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

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

/// With the network on, the appliance's /etc/resolv.conf stands in for the guest's while
/// a command runs (so name resolution inside the guest uses qemu's DNS), and the guest's
/// own file (possibly a dangling symlink) is renamed aside and put back afterwards, as
/// 1.48 does.
struct ResolvConf {
    path: PathBuf,
    saved: Option<PathBuf>,
}

impl ResolvConf {
    fn new(root: &Path) -> Result<Option<ResolvConf>> {
        if !crate::net::enabled() {
            return Ok(None);
        }
        let etc = root.join("etc");
        let path = etc.join("resolv.conf");
        let mut saved = None;
        if std::fs::symlink_metadata(&path).is_ok() {
            let aside = (0..100)
                .map(|_| etc.join(random_name()))
                .find(|p| std::fs::symlink_metadata(p).is_err())
                .ok_or_else(|| Error::msg("random_name: no free name"))?;
            crate::vlog!("renaming {} to {}", path.display(), aside.display());
            std::fs::rename(&path, &aside)
                .map_err(|e| Error::io(&e, format!("rename: {} to {}", path.display(), aside.display())))?;
            saved = Some(aside);
        }
        // As 1.48, a copy that fails (no /etc in the guest) is not an error.
        let _ = std::fs::copy("/etc/resolv.conf", &path);
        Ok(Some(ResolvConf { path, saved }))
    }
}

impl Drop for ResolvConf {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        if let Some(saved) = &self.saved {
            if let Err(e) = std::fs::rename(saved, &self.path) {
                eprintln!("error: could not restore /etc/resolv.conf: {e}");
            }
        }
    }
}

/// Eight random alphanumeric characters (1.48's random_name on "etc/XXXXXXXX").
fn random_name() -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut buf = [0u8; 8];
    // SAFETY: getrandom writes at most buf.len() bytes into buf.
    let n = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
    if n != buf.len() as isize {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        buf = (t.as_nanos() as u64 ^ u64::from(std::process::id())).to_le_bytes();
    }
    buf.iter().map(|b| CHARS[*b as usize % CHARS.len()] as char).collect()
}

fn run_in_guest<A: AsRef<[u8]>>(d: &Daemon, argv: &[A]) -> Result<Vec<u8>> {
    // 1.48's command/sh(_lines) all go through do_command, whose name is in the text.
    crate::checks::need_root(d, "do_command")?;
    let Some((prog, args)) = argv.split_first() else {
        return Err(Error::msg("passed an empty list"));
    };
    let root = d.sysroot.root().to_path_buf();
    let _binds = BindMounts::new(&root, !d.sysroot.standalone);
    let _resolv = ResolvConf::new(&root)?;
    use std::os::unix::ffi::OsStrExt;
    let o = Cmd::new(std::ffi::OsStr::from_bytes(prog.as_ref()))
        .args(args.iter().map(|a| std::ffi::OsStr::from_bytes(a.as_ref())))
        .chroot(&root)
        .run();
    if !o.ok() {
        return Err(Error::msg(o.err_or_out()));
    }
    Ok(o.stdout)
}

pub fn command(d: &mut Daemon, arguments: &[String]) -> Result<Vec<u8>> {
    run_in_guest(d, arguments)
}

pub fn command_lines(d: &mut Daemon, arguments: &[String]) -> Result<Vec<Vec<u8>>> {
    Ok(split_lines(&run_in_guest(d, arguments)?))
}

/// `/bin/sh -c COMMAND`, as 1.48's sh runs it.
fn sh_argv(command: &str) -> [&[u8]; 3] {
    [b"/bin/sh", b"-c", command.as_bytes()]
}

pub fn sh(d: &mut Daemon, command: &str) -> Result<Vec<u8>> {
    run_in_guest(d, &sh_argv(command))
}

pub fn sh_lines(d: &mut Daemon, command: &str) -> Result<Vec<Vec<u8>>> {
    Ok(split_lines(&run_in_guest(d, &sh_argv(command))?))
}
