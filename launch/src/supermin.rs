//! Driving libguestfs's own supermin appliance: `supermin --build` into the cache as 1.48
//! does, and reading the root filesystem UUID for `root=UUID=`.

use crate::error::LaunchError;
use crate::{Appliance, ApplianceKind, LaunchEvents};
use std::path::Path;
use std::process::Command;

pub fn build(dir: &Path, user_cache: &Path, verbose: bool, ev: &dyn LaunchEvents) -> Result<Appliance, LaunchError> {
    let supermin = ["/usr/bin/supermin", "/usr/local/bin/supermin", "/usr/bin/supermin5"]
        .into_iter()
        .find(|p| Path::new(p).is_file())
        .ok_or_else(|| {
            LaunchError::msg(format!(
                "{}: this is a supermin appliance but the supermin program is not installed",
                dir.display()
            ))
        })?;
    let out = user_cache.join("appliance.d");
    let mut cmd = Command::new(supermin);
    cmd.arg("--build");
    if verbose {
        cmd.arg("--verbose");
    }
    cmd.arg("--if-newer")
        .arg("--lock")
        .arg(user_cache.join("lock"))
        .arg("--copy-kernel")
        .args(["-f", "ext2", "--host-cpu", std::env::consts::ARCH])
        .arg(dir.join("supermin.d"))
        .arg("-o")
        .arg(&out);
    ev.debug(&format!("run supermin: {cmd:?}"));
    let o = cmd.output().map_err(|e| LaunchError::io(supermin, &e))?;
    for line in String::from_utf8_lossy(&o.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&o.stderr).lines())
    {
        ev.debug(line);
    }
    if !o.status.success() {
        use std::os::unix::process::ExitStatusExt;
        return Err(LaunchError::command_failed(o.status.into_raw(), supermin, verbose));
    }
    for f in ["kernel", "initrd", "root"] {
        crate::cachedir::touch(&out.join(f));
    }
    Ok(Appliance {
        kernel: out.join("kernel"),
        initrd: out.join("initrd"),
        root: Some(out.join("root")),
        kind: ApplianceKind::Supermin,
    })
}

/// UUID of an ext2/3/4 image (superblock magic 0xEF53 at 0x438, UUID at 0x468). A qcow2
/// root is read through `qemu-img dd` first, as libguestfs does.
pub fn root_uuid(root: &Path, tmpdir: &Path) -> Result<String, LaunchError> {
    use std::io::Read;
    let mut head = vec![0u8; 2048];
    let mut f = std::fs::File::open(root).map_err(|e| LaunchError::io(format!("open: {}", root.display()), &e))?;
    let n = f
        .read(&mut head)
        .map_err(|e| LaunchError::io(format!("read: {}", root.display()), &e))?;
    head.truncate(n);
    if head.starts_with(b"QFI\xfb") {
        let tmp = tmpdir.join("root-head.img");
        let st = Command::new("qemu-img")
            .arg("dd")
            .arg(format!("if={}", root.display()))
            .arg(format!("of={}", tmp.display()))
            .args(["bs=256k", "count=1"])
            .status()
            .map_err(|e| LaunchError::io("qemu-img dd", &e))?;
        if !st.success() {
            use std::os::unix::process::ExitStatusExt;
            return Err(LaunchError::command_failed(st.into_raw(), "qemu-img dd", false));
        }
        head = std::fs::read(&tmp).map_err(|e| LaunchError::io("read qemu-img dd output", &e))?;
        let _ = std::fs::remove_file(&tmp);
    }
    uuid_from_ext2_superblock(&head).ok_or_else(|| {
        LaunchError::msg(format!(
            "{}: appliance root is not an ext2/3/4 filesystem image",
            root.display()
        ))
    })
}

pub fn uuid_from_ext2_superblock(b: &[u8]) -> Option<String> {
    if b.get(0x438..0x43a)? != [0x53, 0xef] {
        return None;
    }
    let u = b.get(0x468..0x478)?;
    let h: Vec<String> = u.iter().map(|x| format!("{x:02x}")).collect();
    Some(format!(
        "{}-{}-{}-{}-{}",
        h[..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..].concat()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ext2_uuid() {
        let mut b = vec![0u8; 2048];
        b[0x438] = 0x53;
        b[0x439] = 0xef;
        for i in 0..16 {
            b[0x468 + i] = i as u8 * 17;
        }
        assert_eq!(
            uuid_from_ext2_superblock(&b).unwrap(),
            "00112233-4455-6677-8899-aabbccddeeff"
        );
        assert_eq!(uuid_from_ext2_superblock(&b[..100]), None);
        b[0x438] = 0;
        assert_eq!(uuid_from_ext2_superblock(&b), None);
    }
}
