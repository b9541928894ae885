//! The kernel's mount table (/proc/mounts) as the daemon reads it: what is mounted at or
//! below the sysroot. Below the call families and the argument checks, which both ask
//! whether the guest root is mounted.

use std::path::Path;

use crate::sysroot::Sysroot;

/// One line of /proc/mounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountEntry {
    pub source: String,
    pub target: String,
    pub fstype: String,
}

/// Undo /proc/mounts' octal escapes (`\040` for space, …).
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            let v = (b[i + 1] - b'0') as u32 * 64 + (b[i + 2] - b'0') as u32 * 8 + (b[i + 3] - b'0') as u32;
            out.push(v as u8);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn parse_mounts(text: &str) -> Vec<MountEntry> {
    text.lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (s, t, ty) = (f.next()?, f.next()?, f.next()?);
            Some(MountEntry {
                source: unescape(s),
                target: unescape(t),
                fstype: ty.to_string(),
            })
        })
        .collect()
}

fn proc_mounts() -> Vec<MountEntry> {
    parse_mounts(&std::fs::read_to_string("/proc/mounts").unwrap_or_default())
}

/// Mounts at or below the sysroot, in mount order.
pub fn mounts_under(root: &Path) -> Vec<MountEntry> {
    let r = root.to_string_lossy();
    let r = r.trim_end_matches('/');
    proc_mounts()
        .into_iter()
        .filter(|m| m.target == r || m.target.strip_prefix(r).is_some_and(|rest| rest.starts_with('/')))
        .collect()
}

pub fn is_root_mounted(s: &Sysroot) -> bool {
    s.standalone || !mounts_under(s.root()).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_mounts_with_escapes() {
        let t = "/dev/sda1 /sysroot ext4 rw 0 0\n/dev/sda2 /sysroot/my\\040dir xfs ro 0 0\n";
        let m = parse_mounts(t);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].target, "/sysroot/my dir");
        assert_eq!(m[0].fstype, "ext4");
    }
}
