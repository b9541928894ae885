//! Guest paths: resolved under the sysroot with chroot semantics, done in user space.
//!
//! 1.48 wraps each file operation in chroot(sysroot)…chroot("."). We instead walk the
//! path one component at a time, following symlinks as if the sysroot were `/` (absolute
//! targets restart at the sysroot, `..` stops at it), and hand the resulting host path to
//! ordinary syscalls and tools. The guest is not running, so nothing races the walk.

use std::ffi::{OsStr, OsString};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Linux's limit on symlinks followed in one lookup.
const MAX_SYMLINKS: usize = 40;

#[derive(Debug, Clone)]
pub struct Sysroot {
    root: PathBuf,
    /// `-r`: any directory acts as root, nothing needs mounting and autosync does not unmount.
    pub standalone: bool,
}

impl Sysroot {
    pub fn new(root: impl Into<PathBuf>, standalone: bool) -> Sysroot {
        Sysroot {
            root: root.into(),
            standalone,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The host path for guest path `guest` (which starts with `/`). With `follow_last`
    /// false the final component is not followed if it is a symlink (lstat, readlink,
    /// rm, …). Missing components are kept as they are: the operation then fails with
    /// ENOENT, as it would in a chroot.
    pub fn resolve(&self, guest: &[u8], follow_last: bool) -> io::Result<PathBuf> {
        let mut pending: Vec<OsString> = components(guest).rev().collect();
        let mut done: Vec<OsString> = Vec::new();
        let mut links = 0;
        while let Some(comp) = pending.pop() {
            if comp == ".." {
                done.pop();
                continue;
            }
            let is_last = pending.is_empty();
            let candidate = self.join(&done).join(&comp);
            if is_last && !follow_last {
                done.push(comp);
                break;
            }
            match std::fs::symlink_metadata(&candidate) {
                Ok(m) if m.file_type().is_symlink() => {
                    links += 1;
                    if links > MAX_SYMLINKS {
                        return Err(io::Error::from_raw_os_error(libc::ELOOP));
                    }
                    let target = std::fs::read_link(&candidate)?;
                    let tb = target.as_os_str().as_bytes();
                    if tb.first() == Some(&b'/') {
                        done.clear();
                    }
                    pending.extend(components(tb).rev());
                }
                Ok(_) => done.push(comp),
                Err(_) => {
                    // Not there: keep the rest verbatim minus any `..` tricks (a missing
                    // directory cannot be walked through anyway).
                    done.push(comp);
                    while let Some(c) = pending.pop() {
                        if c == ".." {
                            return Err(io::Error::from_raw_os_error(libc::ENOENT));
                        }
                        done.push(c);
                    }
                }
            }
        }
        Ok(self.join(&done))
    }

    fn join(&self, comps: &[OsString]) -> PathBuf {
        let mut p = self.root.clone();
        for c in comps {
            p.push(c);
        }
        p
    }
}

/// The non-empty, non-`.` components of a path.
fn components(p: &[u8]) -> impl DoubleEndedIterator<Item = OsString> + '_ {
    p.split(|&b| b == b'/')
        .filter(|c| !c.is_empty() && *c != b".")
        .map(|c| OsStr::from_bytes(c).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tmp() -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "guestfsd-sysroot-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn plain_and_dotdot_stay_inside() {
        let d = tmp();
        let s = Sysroot::new(&d, true);
        assert_eq!(s.resolve(b"/", true).unwrap(), d);
        assert_eq!(s.resolve(b"/../../etc", true).unwrap(), d.join("etc"));
        std::fs::create_dir(d.join("a")).unwrap();
        assert_eq!(s.resolve(b"/a/../b", true).unwrap(), d.join("b"));
    }

    #[test]
    fn absolute_symlinks_restart_at_root() {
        let d = tmp();
        let s = Sysroot::new(&d, true);
        std::fs::create_dir(d.join("real")).unwrap();
        symlink("/real", d.join("link")).unwrap();
        symlink("/etc/passwd", d.join("escape")).unwrap();
        symlink("../../../../etc", d.join("real/up")).unwrap();
        assert_eq!(s.resolve(b"/link/x", true).unwrap(), d.join("real/x"));
        assert_eq!(s.resolve(b"/escape", true).unwrap(), d.join("etc/passwd"));
        assert_eq!(s.resolve(b"/escape", false).unwrap(), d.join("escape"));
        assert_eq!(s.resolve(b"/real/up/shadow", true).unwrap(), d.join("etc/shadow"));
    }

    #[test]
    fn symlink_loop_is_eloop() {
        let d = tmp();
        let s = Sysroot::new(&d, true);
        symlink("/l2", d.join("l1")).unwrap();
        symlink("/l1", d.join("l2")).unwrap();
        let e = s.resolve(b"/l1/x", true).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ELOOP));
    }

    #[test]
    fn missing_then_dotdot_is_enoent() {
        let d = tmp();
        let s = Sysroot::new(&d, true);
        let e = s.resolve(b"/nope/../../x", true).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ENOENT));
    }
}
