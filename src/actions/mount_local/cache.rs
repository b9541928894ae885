//! The directory cache of a local mount: the attributes, extended attributes and link
//! targets of a directory's entries, fetched in three calls when the directory is listed
//! (`lstatnslist`, `lxattrlist`, `readlinklist`) because a listing is nearly always
//! followed by a lookup of every entry. Entries expire after the mount's `cachetimeout`
//! and are dropped when the path is changed through the mount.

use guestfs_protocol::structs::{Statns, Xattr};
use std::collections::HashMap;
use std::time::{Duration, Instant};

struct Entry<T> {
    value: T,
    expires: Instant,
}

/// One table per kind of answer, keyed by the full guest path.
pub struct DirCache {
    timeout: Duration,
    stats: HashMap<Vec<u8>, Entry<Statns>>,
    xattrs: HashMap<Vec<u8>, Entry<Vec<Xattr>>>,
    links: HashMap<Vec<u8>, Entry<Vec<u8>>>,
}

/// `dir` + "/" + `name`, without doubling the slash of the root.
pub fn join(dir: &[u8], name: &[u8]) -> Vec<u8> {
    let mut p = Vec::with_capacity(dir.len() + 1 + name.len());
    p.extend_from_slice(dir);
    if !dir.ends_with(b"/") {
        p.push(b'/');
    }
    p.extend_from_slice(name);
    p
}

fn get<'a, T>(m: &'a HashMap<Vec<u8>, Entry<T>>, path: &[u8], now: Instant) -> Option<&'a T> {
    m.get(path).filter(|e| e.expires > now).map(|e| &e.value)
}

impl DirCache {
    pub fn new(timeout_secs: i32) -> DirCache {
        DirCache {
            timeout: Duration::from_secs(timeout_secs.max(0) as u64),
            stats: HashMap::new(),
            xattrs: HashMap::new(),
            links: HashMap::new(),
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    fn entry<T>(&self, value: T, now: Instant) -> Entry<T> {
        Entry {
            value,
            expires: now + self.timeout,
        }
    }

    pub fn put_stat(&mut self, path: Vec<u8>, st: Statns, now: Instant) {
        let e = self.entry(st, now);
        self.stats.insert(path, e);
    }

    pub fn put_xattrs(&mut self, path: Vec<u8>, x: Vec<Xattr>, now: Instant) {
        let e = self.entry(x, now);
        self.xattrs.insert(path, e);
    }

    pub fn put_link(&mut self, path: Vec<u8>, target: Vec<u8>, now: Instant) {
        let e = self.entry(target, now);
        self.links.insert(path, e);
    }

    pub fn stat(&self, path: &[u8]) -> Option<&Statns> {
        get(&self.stats, path, Instant::now())
    }

    pub fn xattrs(&self, path: &[u8]) -> Option<&Vec<Xattr>> {
        get(&self.xattrs, path, Instant::now())
    }

    pub fn link(&self, path: &[u8]) -> Option<&Vec<u8>> {
        get(&self.links, path, Instant::now())
    }

    /// Forgets what is known about `path` (it is being changed through the mount).
    pub fn invalidate(&mut self, path: &[u8]) {
        self.stats.remove(path);
        self.xattrs.remove(path);
        self.links.remove(path);
    }

    /// Drops every expired entry (done before each listing, so the tables stay bounded
    /// by what was listed within one timeout).
    pub fn remove_expired(&mut self, now: Instant) {
        self.stats.retain(|_, e| e.expires > now);
        self.xattrs.retain(|_, e| e.expires > now);
        self.links.retain(|_, e| e.expires > now);
    }

    /// Forgets everything (a rename moves whole subtrees).
    pub fn clear(&mut self) {
        self.stats.clear();
        self.xattrs.clear();
        self.links.clear();
    }
}

/// Splits `lxattrlist`'s flat answer into one list per name asked for. The daemon sends,
/// for each name in order, a marker entry with an empty attribute name whose value is
/// the decimal count (NUL-terminated) of the attributes that follow, then those
/// attributes; a marker with an empty value means the name's attributes could not be
/// read (`None`: nothing to cache). Anything that does not fit that shape (a bad count,
/// a missing marker, more groups than names) ends the split: what was read up to there
/// is kept, the rest ignored, as the cache is only an optimisation. Linear in the input;
/// never allocates more than the input holds.
pub fn split_xattr_groups(flat: Vec<Xattr>, names: usize) -> Vec<Option<Vec<Xattr>>> {
    let mut groups = Vec::new();
    let mut it = flat.into_iter();
    while groups.len() < names {
        let Some(marker) = it.next() else { break };
        if !marker.attrname.as_bytes().is_empty() {
            break;
        }
        if marker.attrval.is_empty() {
            groups.push(None);
            continue;
        }
        let count = std::str::from_utf8(&marker.attrval)
            .ok()
            .map(|s| s.trim_end_matches('\0'))
            .and_then(|s| s.parse::<usize>().ok());
        let Some(count) = count else { break };
        let group: Vec<Xattr> = it.by_ref().take(count).collect();
        if group.len() != count || group.iter().any(|x| x.attrname.as_bytes().is_empty()) {
            break;
        }
        groups.push(Some(group));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use guestfs_protocol::ByteString;

    fn x(name: &str, val: &[u8]) -> Xattr {
        Xattr {
            attrname: ByteString::new(name.as_bytes().to_vec()),
            attrval: val.to_vec(),
        }
    }

    #[test]
    fn groups_follow_their_markers() {
        let flat = vec![
            x("", b"2\0"),
            x("user.a", b"1"),
            x("user.b", b"2"),
            x("", b"0\0"),
            x("", b""),
            x("", b"1"),
            x("security.selinux", b"ctx\0"),
        ];
        let g = split_xattr_groups(flat, 4);
        assert_eq!(g.len(), 4);
        assert_eq!(g[0].as_ref().unwrap().len(), 2);
        assert!(g[1].as_ref().unwrap().is_empty());
        assert!(g[2].is_none());
        assert_eq!(g[3].as_ref().unwrap()[0].attrname.as_bytes(), b"security.selinux");
    }

    #[test]
    fn a_bad_shape_stops_the_split() {
        assert!(split_xattr_groups(vec![x("user.a", b"1")], 1).is_empty());
        assert!(split_xattr_groups(vec![x("", b"x")], 1).is_empty());
        assert!(split_xattr_groups(vec![x("", b"5"), x("user.a", b"")], 1).is_empty());
        assert!(split_xattr_groups(vec![x("", b"1"), x("", b"0")], 1).is_empty());
        assert_eq!(split_xattr_groups(vec![x("", b"0"), x("", b"0")], 1).len(), 1);
        assert!(split_xattr_groups(vec![x("", b"99999999999999999999999")], 1).is_empty());
    }

    /// Random and mutated inputs: never panics, never yields more groups than names or
    /// more attributes than it was given.
    #[test]
    fn random_inputs_are_harmless() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let names = ["", "", "user.a", "trusted.b"];
        let vals: [&[u8]; 6] = [b"0", b"1", b"3", b"-1", b"", b"12x"];
        for _ in 0..5000 {
            let n = (rnd() % 12) as usize;
            let flat: Vec<Xattr> = (0..n)
                .map(|_| x(names[(rnd() % 4) as usize], vals[(rnd() % 6) as usize]))
                .collect();
            let total = flat.len();
            let want = (rnd() % 5) as usize;
            let g = split_xattr_groups(flat, want);
            assert!(g.len() <= want);
            assert!(g.iter().flatten().map(|v| v.len()).sum::<usize>() <= total);
        }
    }

    #[test]
    fn entries_expire_and_are_invalidated() {
        let mut c = DirCache::new(60);
        let now = Instant::now();
        c.put_link(b"/a".to_vec(), b"b".to_vec(), now);
        assert_eq!(c.link(b"/a").unwrap(), b"b");
        c.invalidate(b"/a");
        assert!(c.link(b"/a").is_none());
        let mut z = DirCache::new(0);
        z.put_link(b"/a".to_vec(), b"b".to_vec(), now);
        assert!(z.link(b"/a").is_none());
        z.remove_expired(Instant::now());
        assert!(z.links.is_empty());
        assert_eq!(join(b"/", b"x"), b"/x");
        assert_eq!(join(b"/d", b"x"), b"/d/x");
    }
}
