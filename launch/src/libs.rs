//! Shared-library closure of host programs: follows PT_INTERP and DT_NEEDED the way the
//! dynamic loader would (RUNPATH/RPATH, ld.so.conf directories, the standard directories).

use crate::elf;
use crate::tree::Tree;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The loader's built-in search path on x86_64 Debian-like and Fedora-like systems.
const STANDARD_DIRS: &[&str] = &[
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/lib64",
    "/usr/lib64",
    "/lib",
    "/usr/lib",
];

pub struct LibResolver {
    dirs: Vec<PathBuf>,
}

impl LibResolver {
    /// Search directories: /etc/ld.so.conf(.d) entries, then the standard ones.
    pub fn from_host() -> Self {
        let mut dirs = Vec::new();
        read_ld_so_conf(Path::new("/etc/ld.so.conf"), &mut dirs, 0);
        for d in STANDARD_DIRS {
            dirs.push(PathBuf::from(d));
        }
        let mut seen = HashSet::new();
        dirs.retain(|d| seen.insert(d.clone()));
        LibResolver { dirs }
    }

    #[cfg(test)]
    pub fn with_dirs(dirs: Vec<PathBuf>) -> Self {
        LibResolver { dirs }
    }

    /// Finds `soname` for an object living in `origin_dir` with the given RUNPATH/RPATH.
    pub fn resolve(&self, soname: &str, origin_dir: &Path, search: &[String]) -> Option<PathBuf> {
        if soname.contains('/') {
            let p = PathBuf::from(soname);
            return p.is_file().then_some(p);
        }
        let expanded = search.iter().map(|s| {
            PathBuf::from(
                s.replace("$ORIGIN", &origin_dir.to_string_lossy())
                    .replace("${ORIGIN}", &origin_dir.to_string_lossy()),
            )
        });
        expanded
            .chain(self.dirs.iter().cloned())
            .map(|d| d.join(soname))
            .find(|p| is_elf64_file(p))
    }
}

fn is_elf64_file(p: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 64];
    std::fs::File::open(p).and_then(|mut f| f.read_exact(&mut head)).is_ok() && elf::is_elf64(&head)
}

fn read_ld_so_conf(path: &Path, out: &mut Vec<PathBuf>, depth: u32) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(pattern) = line.strip_prefix("include ") {
            if depth < 4 {
                for inc in glob_conf(pattern.trim()) {
                    read_ld_so_conf(&inc, out, depth + 1);
                }
            }
        } else if line.starts_with('/') {
            out.push(PathBuf::from(line));
        }
    }
}

/// `include /etc/ld.so.conf.d/*.conf`: only the `dir/*.suffix` form is supported.
fn glob_conf(pattern: &str) -> Vec<PathBuf> {
    let p = Path::new(pattern);
    let (Some(dir), Some(name)) = (p.parent(), p.file_name().map(|n| n.to_string_lossy().into_owned())) else {
        return vec![];
    };
    let suffix = name.strip_prefix('*').unwrap_or(&name).to_string();
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(&suffix))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Adds `programs` (real paths) and every library they need, directly or not, to the tree.
/// Returns the sonames that could not be found (the caller reports them).
pub fn add_closure(tree: &mut Tree, resolver: &LibResolver, programs: &[PathBuf]) -> Vec<String> {
    let mut missing = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut work: Vec<PathBuf> = programs.to_vec();
    while let Some(p) = work.pop() {
        let Ok(real) = tree.add_host_path(&p) else { continue };
        if !seen.insert(real.clone()) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&real) else { continue };
        let Some(info) = elf::dyn_info(&bytes) else { continue };
        if let Some(interp) = info.interp {
            work.push(PathBuf::from(interp));
        }
        let origin = real.parent().unwrap_or(Path::new("/")).to_path_buf();
        for so in &info.needed {
            match resolver.resolve(so, &origin, &info.search) {
                Some(lib) => work.push(lib),
                None => {
                    if !missing.contains(so) {
                        missing.push(so.clone());
                    }
                }
            }
        }
    }
    missing
}

/// The interpreter and direct DT_NEEDED libraries of one program (resolved), for a binary
/// that goes into the appliance under another name (guestfsd as /init).
pub fn direct_deps(program: &Path, resolver: &LibResolver) -> Vec<PathBuf> {
    let Ok(bytes) = std::fs::read(program) else {
        return vec![];
    };
    let Some(info) = elf::dyn_info(&bytes) else {
        return vec![];
    };
    let origin = program.parent().unwrap_or(Path::new("/")).to_path_buf();
    let mut v: Vec<PathBuf> = info.interp.into_iter().map(PathBuf::from).collect();
    v.extend(
        info.needed
            .iter()
            .filter_map(|so| resolver.resolve(so, &origin, &info.search)),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Entry;

    #[test]
    fn bash_closure_has_libc_and_loader() {
        let mut tree = Tree::new();
        let missing = add_closure(&mut tree, &LibResolver::from_host(), &[PathBuf::from("/bin/bash")]);
        assert!(missing.is_empty(), "{missing:?}");
        let files: Vec<&String> = tree
            .entries
            .iter()
            .filter(|(_, e)| matches!(e, Entry::HostFile(..)))
            .map(|(k, _)| k)
            .collect();
        assert!(files.iter().any(|f| f.contains("libc.so.6")), "{files:?}");
        assert!(files.iter().any(|f| f.contains("ld-linux-x86-64")), "{files:?}");
        assert!(files.iter().any(|f| f.ends_with("/bash")), "{files:?}");
        // The interpreter's own path (/lib64/ld-linux-x86-64.so.2) must resolve inside the tree.
        assert!(tree.contains("/lib64") || tree.contains("/lib64/ld-linux-x86-64.so.2"));
    }

    #[test]
    fn origin_is_expanded() {
        let r = LibResolver::with_dirs(vec![]);
        let libc = LibResolver::from_host()
            .resolve("libc.so.6", Path::new("/"), &[])
            .unwrap();
        let dir = libc.parent().unwrap();
        assert_eq!(
            r.resolve("libc.so.6", dir, &["$ORIGIN".to_string()]),
            Some(dir.join("libc.so.6"))
        );
        assert_eq!(r.resolve("libc.so.6", Path::new("/nonexistent"), &[]), None);
    }
}
