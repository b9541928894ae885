//! Which appliance to use: walks LIBGUESTFS_PATH like libguestfs 1.48 does, with our own
//! appliance (a directory holding `guestfsd`) as an extra, first-checked kind per element.

use crate::error::LaunchError;
use crate::{builder, cachedir, supermin, Appliance, ApplianceKind, LaunchConfig, LaunchEvents};
use std::path::{Path, PathBuf};

/// Development override: use this daemon binary, whatever the path says.
pub const DAEMON_ENV: &str = "GUESTFS_RS_DAEMON";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Build our appliance around this guestfsd.
    Daemon(PathBuf),
    /// A libguestfs supermin appliance (the directory holding supermin.d).
    Supermin(PathBuf),
    /// A fixed appliance directory (README.fixed, kernel, initrd, root).
    Fixed(PathBuf),
    /// An old-style appliance: vmlinuz.<arch> and initramfs.<arch>.img, no root disk.
    OldStyle(PathBuf),
}

fn old_style_names() -> (String, String) {
    let arch = std::env::consts::ARCH;
    (format!("vmlinuz.{arch}"), format!("initramfs.{arch}.img"))
}

fn has_all(dir: &Path, files: &[&str]) -> bool {
    files.iter().all(|f| dir.join(f).exists())
}

/// What one element of the search path offers, if anything.
pub fn classify(dir: &Path) -> Option<Found> {
    let daemon = dir.join("guestfsd");
    if daemon.is_file() {
        return Some(Found::Daemon(daemon));
    }
    if has_all(dir, &["supermin.d/base.tar.gz", "supermin.d/packages"]) {
        return Some(Found::Supermin(dir.to_path_buf()));
    }
    if has_all(dir, &["README.fixed", "kernel", "initrd", "root"]) {
        return Some(Found::Fixed(dir.to_path_buf()));
    }
    let (k, i) = old_style_names();
    if has_all(dir, &[&k, &i]) {
        return Some(Found::OldStyle(dir.to_path_buf()));
    }
    None
}

/// Walks the colon-separated path (an empty element means ".").
pub fn search(path: &str) -> Result<Found, LaunchError> {
    if let Some(d) = std::env::var_os(DAEMON_ENV).filter(|d| !d.is_empty()) {
        return Ok(Found::Daemon(PathBuf::from(d)));
    }
    for elem in path.split(':') {
        let dir = if elem.is_empty() {
            Path::new(".")
        } else {
            Path::new(elem)
        };
        if let Some(f) = classify(dir) {
            return Ok(f);
        }
    }
    Err(LaunchError::msg(format!(
        "cannot find any suitable libguestfs supermin, fixed or old-style appliance on LIBGUESTFS_PATH (search path: {path})"
    )))
}

/// Finds the appliance and builds it when needed.
pub fn prepare(cfg: &LaunchConfig, ev: &dyn LaunchEvents) -> Result<Appliance, LaunchError> {
    match search(&cfg.path)? {
        Found::Daemon(d) => {
            let cache = cachedir::user_cache_dir(&cfg.cachedir)?;
            builder::build_or_reuse(&cache, &d, ev)
        }
        Found::Supermin(dir) => {
            let cache = cachedir::user_cache_dir(&cfg.cachedir)?;
            supermin::build(&dir, &cache, cfg.verbose, ev)
        }
        Found::Fixed(dir) => Ok(Appliance {
            kernel: dir.join("kernel"),
            initrd: dir.join("initrd"),
            root: Some(dir.join("root")),
            kind: ApplianceKind::Fixed,
        }),
        Found::OldStyle(dir) => {
            let (k, i) = old_style_names();
            Ok(Appliance {
                kernel: dir.join(k),
                initrd: dir.join(i),
                root: None,
                kind: ApplianceKind::Fixed,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_order_and_error() {
        if std::env::var_os(DAEMON_ENV).is_some() {
            return;
        }
        let base = std::env::temp_dir().join(format!("launch-locate-{}", std::process::id()));
        let (a, b) = (base.join("a"), base.join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        for f in ["README.fixed", "kernel", "initrd", "root"] {
            std::fs::write(b.join(f), b"").unwrap();
        }
        let p = format!("{}:{}", a.display(), b.display());
        assert_eq!(search(&p).unwrap(), Found::Fixed(b.clone()));
        std::fs::write(a.join("guestfsd"), b"").unwrap();
        assert_eq!(search(&p).unwrap(), Found::Daemon(a.join("guestfsd")));
        let c = base.join("c");
        std::fs::create_dir_all(&c).unwrap();
        let (k, i) = old_style_names();
        std::fs::write(c.join(k), b"").unwrap();
        std::fs::write(c.join(i), b"").unwrap();
        assert_eq!(search(&c.display().to_string()).unwrap(), Found::OldStyle(c.clone()));
        let e = search("/nonexistent-x").unwrap_err();
        assert_eq!(
            e.message(),
            "cannot find any suitable libguestfs supermin, fixed or old-style appliance on LIBGUESTFS_PATH (search path: /nonexistent-x)"
        );
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn debian_supermin_dir_is_recognised() {
        let d = Path::new("/usr/lib/x86_64-linux-gnu/guestfs");
        if d.join("supermin.d").is_dir() {
            assert_eq!(classify(d), Some(Found::Supermin(d.to_path_buf())));
        }
    }
}
