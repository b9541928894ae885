//! glob_expand: shell-style patterns (with braces) matched inside the sysroot, one path
//! component at a time so symlinks are resolved within the guest.

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;

use crate::args::GuestPath;
use crate::daemon::Daemon;
use crate::error::Result;
use crate::table::opts::GlobExpandOpts;

/// Expand `{a,b}` alternatives (nested, left to right), as GLOB_BRACE does.
pub fn expand_braces(p: &[u8]) -> Vec<Vec<u8>> {
    let Some(open) = p.iter().position(|&b| b == b'{') else {
        return vec![p.to_vec()];
    };
    // Find the matching close brace and the top-level commas inside.
    let mut depth = 0;
    let mut commas = Vec::new();
    let mut close = None;
    for (i, &b) in p.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            b',' if depth == 1 => commas.push(i),
            _ => {}
        }
    }
    let Some(close) = close else { return vec![p.to_vec()] };
    let (pre, post) = (&p[..open], &p[close + 1..]);
    let mut bounds = vec![open];
    bounds.extend(&commas);
    bounds.push(close);
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let mut alt = pre.to_vec();
        alt.extend_from_slice(&p[w[0] + 1..w[1]]);
        alt.extend_from_slice(post);
        out.extend(expand_braces(&alt));
    }
    out
}

fn has_magic(s: &[u8]) -> bool {
    s.iter().any(|b| matches!(b, b'*' | b'?' | b'['))
}

fn fnmatch(pat: &[u8], name: &[u8]) -> bool {
    let (Ok(p), Ok(n)) = (CString::new(pat), CString::new(name)) else {
        return false;
    };
    // SAFETY: both are valid NUL-terminated strings.
    unsafe { libc::fnmatch(p.as_ptr(), n.as_ptr(), libc::FNM_PERIOD) == 0 }
}

/// Guest paths matching one brace-free absolute pattern, sorted.
fn glob_one(d: &Daemon, pattern: &[u8]) -> Vec<Vec<u8>> {
    let comps: Vec<&[u8]> = pattern.split(|&b| b == b'/').filter(|c| !c.is_empty()).collect();
    let mut found: Vec<Vec<u8>> = vec![Vec::new()];
    for (i, comp) in comps.iter().enumerate() {
        let last = i + 1 == comps.len();
        let mut next = Vec::new();
        for base in &found {
            let dir_guest = if base.is_empty() { b"/".to_vec() } else { base.clone() };
            if has_magic(comp) {
                let Ok(dir) = d.sysroot.resolve(&dir_guest, true) else {
                    continue;
                };
                let Ok(rd) = fs::read_dir(&dir) else { continue };
                let mut names: Vec<Vec<u8>> = rd
                    .flatten()
                    .map(|e| e.file_name().as_bytes().to_vec())
                    .filter(|n| fnmatch(comp, n))
                    .collect();
                names.sort();
                for n in names {
                    let mut p = base.clone();
                    p.push(b'/');
                    p.extend_from_slice(&n);
                    next.push(p);
                }
            } else {
                let mut p = base.clone();
                p.push(b'/');
                p.extend_from_slice(comp);
                let exists = d
                    .sysroot
                    .resolve(&p, !last)
                    .map(|h| fs::symlink_metadata(h).is_ok())
                    .unwrap_or(false);
                if exists {
                    next.push(p);
                }
            }
        }
        found = next;
        if !last {
            // Only directories can be walked into.
            found.retain(|p| d.sysroot.resolve(p, true).map(|h| h.is_dir()).unwrap_or(false));
        }
    }
    if comps.is_empty() {
        return vec![b"/".to_vec()];
    }
    found
}

pub fn glob_expand(d: &mut Daemon, pattern: &GuestPath, o: GlobExpandOpts) -> Result<Vec<Vec<u8>>> {
    let mark = o.directoryslash.unwrap_or(true);
    let mut out = Vec::new();
    for p in expand_braces(pattern.as_bytes()) {
        if p.first() != Some(&b'/') {
            continue;
        }
        for mut m in glob_one(d, &p) {
            if mark && m != b"/" && d.sysroot.resolve(&m, true).map(|h| h.is_dir()).unwrap_or(false) {
                m.push(b'/');
            }
            out.push(m);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces() {
        let v: Vec<String> = expand_braces(b"/a/{b,c{d,e}}/f")
            .into_iter()
            .map(|x| String::from_utf8(x).unwrap())
            .collect();
        assert_eq!(v, ["/a/b/f", "/a/cd/f", "/a/ce/f"]);
        assert_eq!(expand_braces(b"/x/{y"), vec![b"/x/{y".to_vec()]);
    }

    #[test]
    fn fnmatch_hides_dotfiles() {
        assert!(fnmatch(b"*", b"file"));
        assert!(!fnmatch(b"*", b".hidden"));
        assert!(fnmatch(b"f?le", b"file"));
        assert!(fnmatch(b"[a-c]x", b"bx"));
    }
}
