//! The kernel's node ids and the guest paths they stand for. FUSE names files by node ids
//! it learnt from our lookups; the appliance names them by path. An id lives until the
//! kernel forgets every lookup of it; the root is id 1 for the whole mount.

use std::collections::HashMap;

pub const ROOT: u64 = 1;

struct Node {
    path: Vec<u8>,
    lookups: u64,
}

pub struct Nodes {
    by_id: HashMap<u64, Node>,
    by_path: HashMap<Vec<u8>, u64>,
    next: u64,
}

impl Nodes {
    pub fn new() -> Nodes {
        let mut n = Nodes {
            by_id: HashMap::new(),
            by_path: HashMap::new(),
            next: ROOT + 1,
        };
        n.by_id.insert(
            ROOT,
            Node {
                path: b"/".to_vec(),
                lookups: 1,
            },
        );
        n.by_path.insert(b"/".to_vec(), ROOT);
        n
    }

    pub fn path(&self, id: u64) -> Option<&[u8]> {
        self.by_id.get(&id).map(|n| n.path.as_slice())
    }

    /// The id of `path`, made if new; counts one kernel lookup of it.
    pub fn lookup(&mut self, path: &[u8]) -> u64 {
        if let Some(&id) = self.by_path.get(path) {
            if let Some(n) = self.by_id.get_mut(&id) {
                n.lookups += 1;
            }
            return id;
        }
        let id = self.next;
        self.next += 1;
        self.by_id.insert(
            id,
            Node {
                path: path.to_vec(),
                lookups: 1,
            },
        );
        self.by_path.insert(path.to_vec(), id);
        id
    }

    /// One more kernel lookup of a known id (a hard link answered with its inode).
    pub fn add_lookup(&mut self, id: u64) {
        if let Some(n) = self.by_id.get_mut(&id) {
            n.lookups += 1;
        }
    }

    /// The kernel dropped `count` lookups of `id`; at zero the id goes.
    pub fn forget(&mut self, id: u64, count: u64) {
        if id == ROOT {
            return;
        }
        let gone = match self.by_id.get_mut(&id) {
            Some(n) => {
                n.lookups = n.lookups.saturating_sub(count);
                n.lookups == 0
            }
            None => false,
        };
        if gone {
            if let Some(n) = self.by_id.remove(&id) {
                if self.by_path.get(&n.path) == Some(&id) {
                    self.by_path.remove(&n.path);
                }
            }
        }
    }

    /// The name was removed: later lookups of the same path get a fresh id.
    pub fn unlinked(&mut self, path: &[u8]) {
        self.by_path.remove(path);
    }

    /// `from` (and everything below it) is now called `to`.
    pub fn renamed(&mut self, from: &[u8], to: &[u8]) {
        self.by_path.remove(to);
        let mut moved = Vec::new();
        for (id, n) in self.by_id.iter_mut() {
            let below = n.path.len() > from.len() && n.path.starts_with(from) && n.path[from.len()] == b'/';
            if n.path == from || below {
                let mut p = to.to_vec();
                p.extend_from_slice(&n.path[from.len()..]);
                moved.push((n.path.clone(), p.clone(), *id));
                n.path = p;
            }
        }
        for (old, new, id) in moved {
            if self.by_path.get(&old) == Some(&id) {
                self.by_path.remove(&old);
            }
            self.by_path.insert(new, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_lookups_renames_and_forgets() {
        let mut n = Nodes::new();
        assert_eq!(n.path(ROOT), Some(&b"/"[..]));
        let d = n.lookup(b"/d");
        let f = n.lookup(b"/d/f");
        assert_eq!(n.lookup(b"/d"), d);
        n.renamed(b"/d", b"/e");
        assert_eq!(n.path(f), Some(&b"/e/f"[..]));
        assert_eq!(n.lookup(b"/e/f"), f);
        n.forget(f, 2);
        assert_eq!(n.path(f), None);
        n.unlinked(b"/e");
        assert_ne!(n.lookup(b"/e"), d);
        n.forget(ROOT, 10);
        assert!(n.path(ROOT).is_some());
        // A sibling with the renamed name as a prefix is not moved.
        let g = n.lookup(b"/ee");
        n.renamed(b"/e", b"/x");
        assert_eq!(n.path(g), Some(&b"/ee"[..]));
    }
}
