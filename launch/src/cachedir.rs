//! The per-user cache directory `<cachedir>/.guestfs-<euid>` (checked like libguestfs does,
//! so another user cannot plant an appliance for us), its lock files, and cache keys.

use crate::error::LaunchError;
use std::fs::File;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

pub fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Creates (if needed) and checks `<cachedir>/.guestfs-<euid>`. The directory is opened
/// without following a symlink and checked on the open descriptor before anything is
/// changed: a `.guestfs-<uid>` planted by someone else (a symlink to their file, a
/// directory they own) is refused untouched. Only our own directory gets its mode fixed
/// to 0755 (mkdir's mode is subject to the umask) and its times refreshed.
pub fn user_cache_dir(cachedir: &Path) -> Result<PathBuf, LaunchError> {
    let uid = euid();
    let dir = cachedir.join(format!(".guestfs-{uid}"));
    let _ = std::fs::DirBuilder::new().mode(0o755).create(&dir);
    let d = dir.display();
    let f = match open_dir_nofollow(&dir) {
        Ok(f) => f,
        Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::ENOTDIR)) => {
            // 1.48's words; the mode (from lstat) shows a symlink as 120777.
            let mode = std::fs::symlink_metadata(&dir)
                .map(|m| format!(" (mode {:o})", m.mode()))
                .unwrap_or_default();
            return Err(LaunchError::msg(format!(
                "security: cached appliance {d} is not a directory{mode}"
            )));
        }
        Err(e) => return Err(LaunchError::io(format!("open: {d}"), &e)),
    };
    let md = f.metadata().map_err(|e| LaunchError::io(format!("fstat: {d}"), &e))?;
    if md.uid() != uid {
        return Err(LaunchError::msg(format!(
            "security: cached appliance {d} is not owned by UID {uid}"
        )));
    }
    if !md.is_dir() {
        return Err(LaunchError::msg(format!(
            "security: cached appliance {d} is not a directory (mode {:o})",
            md.mode()
        )));
    }
    if md.mode() & 0o7777 != 0o755 {
        f.set_permissions(std::fs::Permissions::from_mode(0o755))
            .map_err(|e| LaunchError::io(format!("chmod: {d}"), &e))?;
    }
    // SAFETY: futimens on a descriptor we own; a null times pointer means "now".
    unsafe {
        libc::futimens(f.as_raw_fd(), std::ptr::null());
    }
    Ok(dir)
}

/// Opens a directory for fstat/fchmod, failing (ELOOP/ENOTDIR) on a symlink or non-directory.
fn open_dir_nofollow(p: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
        .open(p)
}

/// Sets atime/mtime to now so tmp cleaners leave the file alone.
pub fn touch(p: &Path) {
    if let Ok(c) = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()) {
        // SAFETY: c is a valid NUL-terminated path; a null times pointer means "now".
        unsafe {
            libc::utimes(c.as_ptr(), std::ptr::null());
        }
    }
}

/// An exclusive flock held until dropped.
pub struct Lock {
    _file: File,
}

pub fn lock_exclusive(path: &Path) -> Result<Lock, LaunchError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| LaunchError::io(format!("open: {}", path.display()), &e))?;
    loop {
        // SAFETY: flock on an fd we own.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
        if r == 0 {
            return Ok(Lock { _file: file });
        }
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EINTR) {
            return Err(LaunchError::io(format!("flock: {}", path.display()), &e));
        }
    }
}

/// Accumulates the inputs of a cache entry into a fixed-size key. The key only needs to
/// change when an input changes (not to resist an attacker: the directory is ours alone),
/// so a 128-bit FNV-1a is enough and keeps the crate free of hashing dependencies.
#[derive(Clone)]
pub struct KeyHasher {
    a: u64,
    b: u64,
}

impl Default for KeyHasher {
    fn default() -> Self {
        KeyHasher {
            a: 0xcbf2_9ce4_8422_2325,
            b: 0x6c62_272e_07bb_0142,
        }
    }
}

impl KeyHasher {
    pub fn bytes(&mut self, data: &[u8]) -> &mut Self {
        for &x in data {
            self.a = (self.a ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3);
            self.b = (self.b ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(5);
        }
        // Separate fields so ("ab","c") and ("a","bc") differ.
        self.a = (self.a ^ 0xff).wrapping_mul(0x0000_0100_0000_01b3);
        self.b = (self.b ^ 0xfe).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(5);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    /// A file's identity: path, size, mtime (ns), inode. Missing files hash as "absent".
    pub fn file_meta(&mut self, p: &Path) -> &mut Self {
        self.bytes(p.as_os_str().as_encoded_bytes());
        match std::fs::metadata(p) {
            Ok(m) => self.str(&format!(
                "{} {} {} {} {}",
                m.len(),
                m.mtime(),
                m.mtime_nsec(),
                m.ino(),
                m.dev()
            )),
            Err(_) => self.str("absent"),
        }
    }

    pub fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.a, self.b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_changes_with_inputs() {
        let k = |parts: &[&str]| {
            let mut h = KeyHasher::default();
            for p in parts {
                h.str(p);
            }
            h.hex()
        };
        assert_eq!(k(&["a", "b"]), k(&["a", "b"]));
        assert_ne!(k(&["ab", "c"]), k(&["a", "bc"]));
        assert_ne!(k(&["a"]), k(&["b"]));
        assert_eq!(k(&[]).len(), 32);
    }

    #[test]
    fn key_follows_file_changes() {
        let dir = std::env::temp_dir().join(format!("launch-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("x");
        std::fs::write(&f, b"1").unwrap();
        let k1 = KeyHasher::default().file_meta(&f).hex();
        std::fs::write(&f, b"22").unwrap();
        let k2 = KeyHasher::default().file_meta(&f).hex();
        assert_ne!(k1, k2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn cache_dir_checks() {
        let base = std::env::temp_dir().join(format!("launch-cache-{}", std::process::id()));
        std::fs::create_dir_all(&base).unwrap();
        let d = user_cache_dir(&base).unwrap();
        assert!(d.ends_with(format!(".guestfs-{}", euid())));
        // A lock can be taken twice in sequence.
        drop(lock_exclusive(&d.join("lock")).unwrap());
        drop(lock_exclusive(&d.join("lock")).unwrap());
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// The review's reproducer: `.guestfs-<uid>` planted as a symlink to a mode 0600
    /// file. The cache directory is refused with a clear error, and the target keeps its
    /// mode (it used to be chmod'ed to 0755 before the check).
    #[test]
    fn planted_symlink_is_refused_untouched() {
        let base = std::env::temp_dir().join(format!("launch-cache-link-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).unwrap();
        let target = base.join("victim");
        std::fs::write(&target, b"secret").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink(&target, base.join(format!(".guestfs-{}", euid()))).unwrap();
        let e = user_cache_dir(&base).unwrap_err().to_string();
        assert!(e.contains("is not a directory (mode 120777)"), "{e}");
        let mode = std::fs::metadata(&target).unwrap().mode() & 0o7777;
        assert_eq!(mode, 0o600, "target mode changed to {mode:o}");
        // A symlink to a directory is refused as well, and the directory is untouched.
        let tdir = base.join("victim-dir");
        std::fs::create_dir(&tdir).unwrap();
        std::fs::set_permissions(&tdir, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::remove_file(base.join(format!(".guestfs-{}", euid()))).unwrap();
        std::os::unix::fs::symlink(&tdir, base.join(format!(".guestfs-{}", euid()))).unwrap();
        assert!(user_cache_dir(&base).is_err());
        assert_eq!(std::fs::metadata(&tdir).unwrap().mode() & 0o7777, 0o700);
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// Our own directory with a umask-reduced or too-open mode is set to 0755.
    #[test]
    fn own_directory_mode_is_fixed() {
        let base = std::env::temp_dir().join(format!("launch-cache-mode-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let d = base.join(format!(".guestfs-{}", euid()));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert_eq!(user_cache_dir(&base).unwrap(), d);
        assert_eq!(std::fs::metadata(&d).unwrap().mode() & 0o7777, 0o755);
        std::fs::remove_dir_all(&base).unwrap();
    }
}
