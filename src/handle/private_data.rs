//! The private data area: caller-owned pointers stored under string keys, with
//! first/next iteration that skips NULL values. Keys starting with `_` are reserved
//! for language bindings (nothing here enforces that, as in libguestfs).

use std::ffi::CString;

#[derive(Default)]
pub struct PrivateData {
    entries: Vec<(CString, usize)>,
    /// Iteration cursor; any `set` ends an iteration in progress.
    cursor: usize,
}

impl PrivateData {
    pub fn set(&mut self, key: CString, data: usize) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(e) => {
                // Replace the whole entry, so a key pointer returned earlier is not reused.
                *e = (key, data);
            }
            None => self.entries.push((key, data)),
        }
        self.cursor = self.entries.len();
    }
    pub fn get(&self, key: &[u8]) -> usize {
        self.entries
            .iter()
            .find(|(k, _)| k.as_bytes() == key)
            .map(|e| e.1)
            .unwrap_or(0)
    }
    fn from(&mut self, start: usize) -> Option<(&CString, usize)> {
        let mut i = start;
        while i < self.entries.len() {
            if self.entries[i].1 != 0 {
                self.cursor = i + 1;
                let e = &self.entries[i];
                return Some((&e.0, e.1));
            }
            i += 1;
        }
        self.cursor = self.entries.len();
        None
    }
    pub fn first(&mut self) -> Option<(&CString, usize)> {
        self.from(0)
    }
    /// The entry after the one `first`/`next_entry` last returned.
    pub fn next_entry(&mut self) -> Option<(&CString, usize)> {
        let c = self.cursor;
        self.from(c)
    }
}
