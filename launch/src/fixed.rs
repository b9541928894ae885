//! Exporting our appliance as a libguestfs "fixed appliance" directory (README.fixed,
//! kernel, initrd, root), so libguestfs 1.48's own library can boot guestfsd too. Our
//! appliance's tools disk is what 1.48 calls the root (it passes root=UUID= and attaches it
//! as the last disk); an appliance without one gets a tiny empty ext2 image the daemon hides.

use crate::error::LaunchError;
use crate::Appliance;
use std::path::Path;
use std::process::Command;

const README: &str = "This is a guestfs-rs appliance exported as a libguestfs fixed appliance.\n\
kernel and initrd boot guestfsd directly from the initramfs (rdinit=/init);\n\
root is the tools disk (ext2, mounted read-only by the daemon), or an empty\n\
ext2 image when the appliance has no tools disk.\n\
Point LIBGUESTFS_PATH at this directory to use it.\n";

pub fn export_fixed(app: &Appliance, dir: &Path) -> Result<(), LaunchError> {
    let io = |what: &str, p: &Path| {
        let ctx = format!("{what}: {}", p.display());
        move |e: std::io::Error| LaunchError::io(ctx, &e)
    };
    std::fs::create_dir_all(dir).map_err(io("mkdir", dir))?;
    for (src, name) in [(&app.kernel, "kernel"), (&app.initrd, "initrd")] {
        let dst = dir.join(name);
        let _ = std::fs::remove_file(&dst);
        // A hard link is instant and shares the cache's copy; copy across filesystems.
        if std::fs::hard_link(src, &dst).is_err() {
            std::fs::copy(src, &dst).map_err(io("copy", &dst))?;
        }
    }
    let root = dir.join("root");
    let _ = std::fs::remove_file(&root);
    if let Some(tools) = &app.root {
        // Our tools disk is the root libguestfs wants: it attaches it last (snapshot=on)
        // with root=UUID=, which is exactly how guestfsd finds, hides and mounts it.
        if std::fs::hard_link(tools, &root).is_err() {
            std::fs::copy(tools, &root).map_err(io("copy", &root))?;
        }
        std::fs::write(dir.join("README.fixed"), README).map_err(io("write", &dir.join("README.fixed")))?;
        return Ok(());
    }
    let f = std::fs::File::create(&root).map_err(io("create", &root))?;
    f.set_len(1 << 20).map_err(io("truncate", &root))?;
    drop(f);
    let mke2fs = ["/usr/sbin/mke2fs", "/sbin/mke2fs"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("mke2fs");
    let o = Command::new(mke2fs)
        .args(["-q", "-F", "-t", "ext2", "-L", "guestfs-rs-root"])
        .arg(&root)
        .output()
        .map_err(|e| LaunchError::io(mke2fs, &e))?;
    if !o.status.success() {
        return Err(LaunchError::msg(format!(
            "mke2fs {}: {}",
            root.display(),
            String::from_utf8_lossy(&o.stderr).trim()
        )));
    }
    std::fs::write(dir.join("README.fixed"), README).map_err(io("write", &dir.join("README.fixed")))?;
    Ok(())
}
