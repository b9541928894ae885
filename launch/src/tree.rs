//! The set of entries that will go into the initramfs, with host paths replicated faithfully:
//! adding `/sbin/mkfs.ext4` records every symlink met on the way (`/sbin -> usr/sbin`,
//! `mkfs.ext4 -> mke2fs`) and the real file, so the appliance has the host's layout.

use std::collections::BTreeMap;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir(u32),
    Symlink(String),
    /// A regular file copied from this host path (mode bits from the host).
    HostFile(PathBuf, u32),
    Data(Vec<u8>, u32),
    CharDev(u32, u32, u32),
}

#[derive(Default)]
pub struct Tree {
    /// Absolute appliance path -> entry; BTreeMap order puts parents before children.
    pub entries: BTreeMap<String, Entry>,
}

const MAX_SYMLINKS: usize = 40;

impl Tree {
    pub fn new() -> Self {
        Tree::default()
    }

    /// Adds a directory and all its parents (not following host symlinks).
    pub fn mkdir_p(&mut self, path: &str, perm: u32) {
        let mut cur = String::new();
        for comp in path.split('/').filter(|c| !c.is_empty()) {
            cur.push('/');
            cur.push_str(comp);
            self.entries.entry(cur.clone()).or_insert(Entry::Dir(perm));
        }
    }

    fn parent_dirs(&mut self, path: &str) {
        if let Some(i) = path.rfind('/') {
            if i > 0 {
                self.mkdir_p(&path[..i], 0o755);
            }
        }
    }

    /// Puts an entry at `path`, creating parent directories. An existing entry is replaced.
    pub fn put(&mut self, path: &str, e: Entry) {
        self.parent_dirs(path);
        self.entries.insert(path.to_string(), e);
    }

    #[cfg(test)]
    pub fn contains(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }

    /// Copies a host path (file or directory itself, not its contents) into the tree,
    /// recording the symlinks met while resolving it. Returns the resolved real path.
    pub fn add_host_path(&mut self, path: &Path) -> io::Result<PathBuf> {
        let mut todo: Vec<std::ffi::OsString> = Vec::new();
        push_components(&mut todo, path);
        let mut cur = PathBuf::from("/");
        let mut links = 0;
        while let Some(comp) = todo.pop() {
            if comp == ".." {
                cur.pop();
                continue;
            }
            let next = cur.join(&comp);
            let md = std::fs::symlink_metadata(&next)?;
            let key = next.to_string_lossy().into_owned();
            if md.file_type().is_symlink() {
                links += 1;
                if links > MAX_SYMLINKS {
                    return Err(io::Error::from_raw_os_error(libc::ELOOP));
                }
                let target = std::fs::read_link(&next)?;
                self.put(&key, Entry::Symlink(target.to_string_lossy().into_owned()));
                if target.is_absolute() {
                    cur = PathBuf::from("/");
                }
                push_components(&mut todo, &target);
            } else if md.is_dir() {
                self.entries
                    .entry(key)
                    .or_insert(Entry::Dir(md.permissions().mode() & 0o7777));
                cur = next;
            } else if md.is_file() {
                if !todo.is_empty() {
                    return Err(io::Error::from_raw_os_error(libc::ENOTDIR));
                }
                self.put(&key, Entry::HostFile(next.clone(), md.mode() & 0o7777));
                cur = next;
            } else {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{key}: not a file, directory or symlink"),
                ));
            }
        }
        Ok(cur)
    }

    /// Copies a host directory recursively (files, symlinks and subdirectories).
    pub fn add_host_dir_recursive(&mut self, dir: &Path) -> io::Result<()> {
        let real = self.add_host_path(dir)?;
        for ent in std::fs::read_dir(&real)? {
            let ent = ent?;
            let p = ent.path();
            let ft = ent.file_type()?;
            if ft.is_dir() {
                self.add_host_dir_recursive(&p)?;
            } else if ft.is_symlink() {
                let t = std::fs::read_link(&p)?;
                self.put(&p.to_string_lossy(), Entry::Symlink(t.to_string_lossy().into_owned()));
            } else if ft.is_file() {
                let mode = ent.metadata()?.mode() & 0o7777;
                self.put(&p.to_string_lossy(), Entry::HostFile(p.clone(), mode));
            }
        }
        Ok(())
    }
}

/// Pushes path components onto a stack so that popping yields them in order.
fn push_components(stack: &mut Vec<std::ffi::OsString>, p: &Path) {
    let comps: Vec<_> = p
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_os_string()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect();
    stack.extend(comps.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn records_symlinks_on_the_way() {
        let t = std::env::temp_dir().join(format!("launch-tree-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        std::fs::create_dir_all(t.join("usr/bin")).unwrap();
        std::fs::write(t.join("usr/bin/real"), b"x").unwrap();
        symlink("usr/bin", t.join("bin")).unwrap();
        symlink("real", t.join("usr/bin/alias")).unwrap();
        symlink("../../bin/alias", t.join("usr/bin/up")).unwrap();
        let mut tree = Tree::new();
        let real = tree.add_host_path(&t.join("usr/bin/up")).unwrap();
        assert_eq!(real, t.join("usr/bin/real"));
        let k = |p: &str| t.join(p).to_string_lossy().into_owned();
        assert_eq!(tree.entries.get(&k("bin")), Some(&Entry::Symlink("usr/bin".into())));
        assert_eq!(
            tree.entries.get(&k("usr/bin/alias")),
            Some(&Entry::Symlink("real".into()))
        );
        assert_eq!(
            tree.entries.get(&k("usr/bin/up")),
            Some(&Entry::Symlink("../../bin/alias".into()))
        );
        assert!(matches!(
            tree.entries.get(&k("usr/bin/real")),
            Some(Entry::HostFile(..))
        ));
        assert!(matches!(tree.entries.get(&k("usr")), Some(Entry::Dir(_))));
        std::fs::remove_dir_all(&t).unwrap();
    }

    #[test]
    fn symlink_loop_is_an_error() {
        let t = std::env::temp_dir().join(format!("launch-tree-loop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        std::fs::create_dir_all(&t).unwrap();
        symlink("b", t.join("a")).unwrap();
        symlink("a", t.join("b")).unwrap();
        assert!(Tree::new().add_host_path(&t.join("a")).is_err());
        std::fs::remove_dir_all(&t).unwrap();
    }
}
