//! Read-only access to the filesystem being inspected (mounted at the sysroot), with the
//! guest's paths confined to it. Guest files are hostile: reads are bounded.

use std::fs;
use std::io::Read;
use std::path::PathBuf;

use crate::sysroot::Sysroot;

/// The largest "small file" read (1.48's limit, its odd 1048 included).
pub const SMALL_FILE_MAX: u64 = 2 * 1048 * 1024;

pub struct Guest<'a> {
    pub root: &'a Sysroot,
}

impl Guest<'_> {
    fn host(&self, path: &str, follow: bool) -> Option<PathBuf> {
        self.root.resolve(path.as_bytes(), follow).ok()
    }

    fn meta(&self, path: &str, follow: bool) -> Option<fs::Metadata> {
        let p = self.host(path, follow)?;
        if follow {
            fs::metadata(p)
        } else {
            fs::symlink_metadata(p)
        }
        .ok()
    }

    /// A regular file (`follow`: after symlinks).
    pub fn is_file(&self, path: &str, follow: bool) -> bool {
        self.meta(path, follow).is_some_and(|m| m.is_file())
    }

    pub fn is_dir(&self, path: &str) -> bool {
        self.meta(path, false).is_some_and(|m| m.is_dir())
    }

    pub fn readlink(&self, path: &str) -> Option<String> {
        let p = self.host(path, false)?;
        fs::read_link(p).ok().map(|t| t.to_string_lossy().into_owned())
    }

    /// A regular file no larger than SMALL_FILE_MAX, split into lines (no line ends).
    pub fn read_small(&self, path: &str) -> Option<Vec<String>> {
        let data = self.read_bounded(path, SMALL_FILE_MAX)?;
        let text = String::from_utf8_lossy(&data);
        let mut lines: Vec<String> = text.split('\n').map(|l| l.trim_end_matches('\r').to_string()).collect();
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        Some(lines)
    }

    /// The file's bytes, or None if it is not a regular file (after symlinks) or larger
    /// than `max`.
    pub fn read_bounded(&self, path: &str, max: u64) -> Option<Vec<u8>> {
        let p = self.host(path, true)?;
        let m = fs::metadata(&p).ok()?;
        if !m.is_file() || m.len() > max {
            return None;
        }
        // Sized up front: hives can be large, and the appliance's memory is small.
        let mut out = Vec::with_capacity(m.len() as usize);
        fs::File::open(&p).ok()?.take(max).read_to_end(&mut out).ok()?;
        Some(out)
    }

    /// The guest path with each element matched case-insensitively against what exists
    /// (as case_sensitive_path); None when an element is missing.
    pub fn case_insensitive(&self, path: &str) -> Option<String> {
        let mut cur = String::new();
        for elem in path.split('/').filter(|e| !e.is_empty()) {
            if elem == "." || elem == ".." {
                return None;
            }
            let dir = if cur.is_empty() { "/".to_string() } else { cur.clone() };
            let host = self.host(&dir, true)?;
            let mut found = None;
            for e in fs::read_dir(host).ok()?.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.eq_ignore_ascii_case(elem) {
                    found = Some(name);
                    break;
                }
            }
            cur.push('/');
            cur.push_str(&found?);
        }
        Some(if cur.is_empty() { "/".to_string() } else { cur })
    }
}
