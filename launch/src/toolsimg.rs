//! The appliance's read-only "tools disk": everything the daemon needs only after it has
//! started (host tools, their libraries, all kernel modules) goes into an ext2 image that
//! is attached as the last disk, instead of into the initramfs that the kernel must unpack
//! (slowly, under TCG) at every boot. The contract with guestfsd is in launch/README.md.

use crate::error::LaunchError;
use crate::tree::{Entry, Tree};
use std::path::{Path, PathBuf};
use std::process::Command;

/// File at the root of the image whose presence tells guestfsd to bind-mount the image's
/// top-level directories over the initramfs's.
pub const MARKER: &str = ".guestfs-rs-tools";
/// Top-level directories that stay in the initramfs (and never come from the image).
const INITRAMFS_ONLY: &[&str] = &[
    "dev", "etc", "proc", "sys", "run", "tmp", "var", "root", "sysroot", "mnt",
];

/// Where mke2fs is, if anywhere.
pub fn mke2fs() -> Option<&'static str> {
    ["/usr/sbin/mke2fs", "/sbin/mke2fs"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}

fn top_component(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// The part of `full` that goes into the image: every entry under a top-level *directory*
/// (symlinks like `/bin -> usr/bin` stay in the initramfs) that is not initramfs-only.
pub fn tools_tree(full: &Tree) -> Tree {
    let tops: Vec<&str> = full
        .entries
        .iter()
        .filter(|(p, e)| matches!(e, Entry::Dir(_)) && !p.trim_start_matches('/').contains('/'))
        .map(|(p, _)| top_component(p))
        .filter(|t| !t.is_empty() && !INITRAMFS_ONLY.contains(t))
        .collect();
    let mut out = Tree::new();
    for (p, e) in &full.entries {
        if tops.contains(&top_component(p)) && !matches!(e, Entry::CharDev(..)) {
            out.entries.insert(p.clone(), e.clone());
        }
    }
    out.put(
        &format!("/{MARKER}"),
        Entry::Data(b"guestfs-rs tools disk\n".to_vec(), 0o644),
    );
    out
}

/// A filesystem UUID derived from the appliance cache key, so rebuilding the same
/// appliance gives the same UUID.
pub fn uuid_from_key(key: &str) -> String {
    let mut h: String = key
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    while h.len() < 32 {
        h.push('0');
    }
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Copies the tree into `dir` (which must not exist), for `mke2fs -d`.
/// Returns the bytes of file data written.
fn materialize(tree: &Tree, dir: &Path) -> Result<u64, LaunchError> {
    use std::os::unix::fs::PermissionsExt;
    let io = |what: &str, p: &Path| {
        let ctx = format!("tools image {what}: {}", p.display());
        move |e: std::io::Error| LaunchError::io(ctx, &e)
    };
    std::fs::create_dir_all(dir).map_err(io("mkdir", dir))?;
    let mut bytes = 0u64;
    // BTreeMap order: every parent directory comes before its children.
    for (p, e) in &tree.entries {
        let dst = dir.join(p.trim_start_matches('/'));
        let mode = |m: u32| std::fs::Permissions::from_mode(m & 0o7777);
        match e {
            Entry::Dir(m) => {
                std::fs::create_dir_all(&dst).map_err(io("mkdir", &dst))?;
                std::fs::set_permissions(&dst, mode(*m)).map_err(io("chmod", &dst))?;
            }
            Entry::Symlink(t) => std::os::unix::fs::symlink(t, &dst).map_err(io("symlink", &dst))?,
            Entry::Data(d, m) => {
                std::fs::write(&dst, d).map_err(io("write", &dst))?;
                std::fs::set_permissions(&dst, mode(*m)).map_err(io("chmod", &dst))?;
                bytes += d.len() as u64;
            }
            Entry::HostFile(src, m) => {
                bytes += std::fs::copy(src, &dst).map_err(io("copy", &dst))?;
                std::fs::set_permissions(&dst, mode(*m)).map_err(io("chmod", &dst))?;
            }
            Entry::CharDev(..) => {}
        }
    }
    Ok(bytes)
}

/// Writes `tree` as an ext2 image at `img` with the given UUID, staging files in `staging`
/// (removed afterwards).
pub fn write_image(tree: &Tree, staging: &Path, img: &Path, uuid: &str) -> Result<(), LaunchError> {
    let _ = std::fs::remove_dir_all(staging);
    let data = materialize(tree, staging);
    let result = data.and_then(|bytes| {
        let mke2fs = mke2fs().ok_or_else(|| LaunchError::msg("mke2fs not found"))?;
        // Room for every file rounded up to a block, the inode tables and some slack.
        let inodes = tree.entries.len() as u64 + 64;
        let size = (bytes + inodes * 4096) * 5 / 4 + (8 << 20);
        let size = size.div_ceil(1 << 20) << 20;
        let f = std::fs::File::create(img).map_err(|e| LaunchError::io(format!("create: {}", img.display()), &e))?;
        f.set_len(size)
            .map_err(|e| LaunchError::io("truncate tools image", &e))?;
        drop(f);
        let o = Command::new(mke2fs)
            .args([
                "-q",
                "-F",
                "-t",
                "ext2",
                "-b",
                "4096",
                "-m",
                "0",
                "-I",
                "128",
                "-L",
                "guestfs-rs-tools",
            ])
            .arg("-N")
            .arg(inodes.to_string())
            .arg("-U")
            .arg(uuid)
            .arg("-E")
            .arg("root_owner=0:0")
            .arg("-d")
            .arg(staging)
            .arg(img)
            .output()
            .map_err(|e| LaunchError::io(mke2fs, &e))?;
        if !o.status.success() {
            return Err(LaunchError::msg(format!(
                "mke2fs -d {}: {}",
                img.display(),
                String::from_utf8_lossy(&o.stderr).trim()
            )));
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(staging);
    if result.is_err() {
        let _ = std::fs::remove_file(img);
    }
    result
}

/// The image's path inside an appliance directory.
pub fn image_in(dir: &Path) -> PathBuf {
    dir.join("tools.img")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Tree {
        let mut t = Tree::new();
        for d in ["/dev", "/etc", "/usr", "/usr/bin", "/usr/lib", "/tmp"] {
            t.put(d, Entry::Dir(0o755));
        }
        t.put("/bin", Entry::Symlink("usr/bin".into()));
        t.put("/init", Entry::Data(b"x".to_vec(), 0o755));
        t.put("/dev/console", Entry::CharDev(0o600, 5, 1));
        t.put("/etc/passwd", Entry::Data(b"root\n".to_vec(), 0o644));
        t.put("/usr/bin/tool", Entry::Data(b"#!/bin/sh\n".to_vec(), 0o755));
        t.put("/usr/lib/x", Entry::Symlink("y".into()));
        t
    }

    #[test]
    fn only_top_level_directories_go_to_the_image() {
        let t = tools_tree(&sample());
        let paths: Vec<&str> = t.entries.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            vec![
                "/.guestfs-rs-tools",
                "/usr",
                "/usr/bin",
                "/usr/bin/tool",
                "/usr/lib",
                "/usr/lib/x"
            ]
        );
    }

    #[test]
    fn uuid_shape() {
        assert_eq!(
            uuid_from_key("0123456789abcdef0123456789ABCDEF99"),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
        assert_eq!(uuid_from_key("12"), "12000000-0000-0000-0000-000000000000");
    }

    #[test]
    fn image_is_ext2_with_the_uuid() {
        if mke2fs().is_none() {
            eprintln!("skipped: no mke2fs");
            return;
        }
        let dir = std::env::temp_dir().join(format!("guestfs-rs-toolsimg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let img = dir.join("tools.img");
        let uuid = uuid_from_key("feedfacefeedfacefeedfacefeedface");
        write_image(&tools_tree(&sample()), &dir.join("staging"), &img, &uuid).unwrap();
        assert!(!dir.join("staging").exists());
        let head = std::fs::read(&img).unwrap();
        assert_eq!(
            crate::supermin::uuid_from_ext2_superblock(&head[..2048]).as_deref(),
            Some(uuid.as_str())
        );
        // debugfs (same package as mke2fs) can confirm the marker and a tool are inside.
        if let Ok(o) = Command::new("debugfs")
            .arg("-R")
            .arg("ls -l /usr/bin")
            .arg(&img)
            .output()
        {
            let s = String::from_utf8_lossy(&o.stdout);
            assert!(s.contains("tool"), "{s}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
