//! A minimal read-only reader of Windows registry hive files (the "regf" format), enough
//! for inspection: walk keys by name, read a key's values. Hive files are guest data, so
//! every offset is checked, loops are bounded, and nothing here can panic.
//!
//! Allocation is bounded by the input: a crafted hive can make lists point at the same
//! cell many times (a key listing one value 2^20 times, a big-data value whose segment
//! list names one 16 KiB block 65 535 times). Lists are deduplicated, and all value data
//! handed out over a reader's life totals at most the hive's own size plus
//! `DATA_BUDGET_SLACK`; past that, values read as absent.

/// Hives larger than this are not read (the appliance's memory is small).
pub const MAX_HIVE_SIZE: u64 = 256 * 1024 * 1024;

const HBIN_START: usize = 0x1000;
/// Bound on entries of one list (subkeys, values), against crafted counts.
const MAX_LIST: usize = 1 << 20;
/// Value data beyond the hive's size that a reader may hand out (a legitimate hive never
/// needs it; it only keeps tiny test hives with shared cells readable).
const DATA_BUDGET_SLACK: usize = 1 << 20;
/// The data of one big-data segment ("db" value lists), as Windows writes them.
const DB_SEGMENT: usize = 16344;

pub const REG_SZ: u32 = 1;
pub const REG_EXPAND_SZ: u32 = 2;
pub const REG_BINARY: u32 = 3;
pub const REG_DWORD: u32 = 4;
pub const REG_DWORD_BIG_ENDIAN: u32 = 5;

pub struct Hive {
    data: Vec<u8>,
    /// Bytes of value data this reader may still hand out.
    budget: std::cell::Cell<usize>,
}

/// A key (an "nk" cell), by its offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node(usize);

pub struct Value {
    pub name: String,
    pub typ: u32,
    pub data: Vec<u8>,
}

impl Value {
    /// REG_SZ / REG_EXPAND_SZ as text (UTF-16LE up to the first NUL).
    pub fn string(&self) -> Option<String> {
        if self.typ != REG_SZ && self.typ != REG_EXPAND_SZ {
            return None;
        }
        let units: Vec<u16> = self
            .data
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        Some(String::from_utf16_lossy(&units))
    }

    pub fn dword(&self) -> Option<u32> {
        let b: [u8; 4] = self.data.get(..4)?.try_into().ok()?;
        match self.typ {
            REG_DWORD => Some(u32::from_le_bytes(b)),
            REG_DWORD_BIG_ENDIAN => Some(u32::from_be_bytes(b)),
            _ => None,
        }
    }
}

impl Hive {
    pub fn new(data: Vec<u8>) -> Option<Hive> {
        let budget = std::cell::Cell::new(data.len().saturating_add(DATA_BUDGET_SLACK));
        (data.get(..4)? == b"regf").then_some(Hive { data, budget })
    }

    /// Takes `n` bytes from the data budget; false (and nothing taken) when it is spent.
    fn spend(&self, n: usize) -> bool {
        let left = self.budget.get();
        if n > left {
            self.budget.set(0);
            return false;
        }
        self.budget.set(left - n);
        true
    }

    fn u32_at(&self, o: usize) -> Option<u32> {
        Some(u32::from_le_bytes(
            self.data.get(o..o.checked_add(4)?)?.try_into().ok()?,
        ))
    }

    /// The payload of the cell at hive offset `off` (after its 4-byte size).
    fn cell(&self, off: u32) -> Option<&[u8]> {
        let start = HBIN_START.checked_add(off as usize)?;
        let size = self.u32_at(start)? as i32;
        // Allocated cells have a negative size.
        let len = size.checked_neg().filter(|&l| l >= 4)? as usize;
        self.data.get(start + 4..start.checked_add(len)?)
    }

    pub fn root(&self) -> Option<Node> {
        let off = self.u32_at(0x24)?;
        let c = self.cell(off)?;
        (c.get(..2)? == b"nk").then_some(Node(off as usize))
    }

    fn nk(&self, n: Node) -> Option<&[u8]> {
        let c = self.cell(n.0 as u32)?;
        (c.len() >= 0x4c && &c[..2] == b"nk").then_some(c)
    }

    pub fn node_name(&self, n: Node) -> Option<String> {
        let c = self.nk(n)?;
        let flags = u16::from_le_bytes([c[2], c[3]]);
        let len = u16::from_le_bytes([c[0x48], c[0x49]]) as usize;
        let raw = c.get(0x4c..0x4c + len)?;
        Some(decode_name(raw, flags & 0x20 != 0))
    }

    /// The offsets of a key's subkeys (through lf/lh/li lists and ri indexes).
    pub fn children(&self, n: Node) -> Vec<Node> {
        let mut out = Vec::new();
        let Some(c) = self.nk(n) else { return out };
        let list = u32::from_le_bytes([c[0x1c], c[0x1d], c[0x1e], c[0x1f]]);
        self.collect_list(list, 0, &mut out, &mut std::collections::HashSet::new());
        out
    }

    /// Subkey offsets of an lf/lh/li list or ri index, each once: an index naming one
    /// list many times, or a list naming one key many times, yields it once.
    fn collect_list(&self, off: u32, depth: u32, out: &mut Vec<Node>, seen: &mut std::collections::HashSet<u32>) {
        if depth > 2 || out.len() >= MAX_LIST {
            return;
        }
        let Some(c) = self.cell(off) else { return };
        let Some(sig) = c.get(..2) else { return };
        let count = c
            .get(2..4)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
            .unwrap_or(0);
        let (stride, nested) = match sig {
            b"lf" | b"lh" => (8, false),
            b"li" => (4, false),
            b"ri" => (4, true),
            _ => return,
        };
        for i in 0..count {
            let Some(b) = c.get(4 + i * stride..8 + i * stride) else {
                return;
            };
            let o = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            if !seen.insert(o) {
                continue;
            }
            if nested {
                self.collect_list(o, depth + 1, out, seen);
            } else if out.len() < MAX_LIST {
                out.push(Node(o as usize));
            }
        }
    }

    /// The subkey named `name` (case-insensitive, as hivex).
    pub fn child(&self, n: Node, name: &str) -> Option<Node> {
        self.children(n)
            .into_iter()
            .find(|&c| self.node_name(c).is_some_and(|k| k.eq_ignore_ascii_case(name)))
    }

    pub fn path(&self, path: &[&str]) -> Option<Node> {
        let mut n = self.root()?;
        for p in path {
            n = self.child(n, p)?;
        }
        Some(n)
    }

    pub fn values(&self, n: Node) -> Vec<Value> {
        let mut out = Vec::new();
        let Some(c) = self.nk(n) else { return out };
        let count = (u32::from_le_bytes([c[0x24], c[0x25], c[0x26], c[0x27]]) as usize).min(MAX_LIST);
        let list = u32::from_le_bytes([c[0x28], c[0x29], c[0x2a], c[0x2b]]);
        if count == 0 {
            return out;
        }
        let Some(l) = self.cell(list) else { return out };
        // A value listed twice is read once.
        let mut seen = std::collections::HashSet::new();
        for i in 0..count {
            let Some(b) = l.get(i * 4..i * 4 + 4) else { break };
            let off = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            if !seen.insert(off) {
                continue;
            }
            if let Some(v) = self.value(off) {
                out.push(v);
            }
        }
        out
    }

    fn value(&self, off: u32) -> Option<Value> {
        let c = self.cell(off)?;
        if c.len() < 0x14 || &c[..2] != b"vk" {
            return None;
        }
        let name_len = u16::from_le_bytes([c[2], c[3]]) as usize;
        let size = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
        let data_off = u32::from_le_bytes([c[8], c[9], c[10], c[11]]);
        let typ = u32::from_le_bytes([c[12], c[13], c[14], c[15]]);
        let flags = u16::from_le_bytes([c[16], c[17]]);
        let name = decode_name(c.get(0x14..0x14 + name_len)?, flags & 1 != 0);
        let data = if size & 0x8000_0000 != 0 {
            // Up to 4 bytes stored in the offset field itself.
            let n = (size & 0x7fff_ffff).min(4) as usize;
            c[8..8 + n].to_vec()
        } else {
            let d = self.cell(data_off)?;
            let n = size as usize;
            if d.get(..2) == Some(b"db") && n > d.len() {
                self.big_data(d, n)?
            } else {
                let bytes = d.get(..n)?;
                if !self.spend(n) {
                    return None;
                }
                bytes.to_vec()
            }
        };
        Some(Value { name, typ, data })
    }

    /// Data over ~16 KB: a "db" cell naming a list of segment cells. The size is taken
    /// from the budget before anything is allocated, so a claimed size the hive cannot
    /// back is refused rather than assembled from one block repeated.
    fn big_data(&self, db: &[u8], size: usize) -> Option<Vec<u8>> {
        let count = u16::from_le_bytes(db.get(2..4)?.try_into().ok()?) as usize;
        let list = self.cell(u32::from_le_bytes(db.get(4..8)?.try_into().ok()?))?;
        if size > count.saturating_mul(DB_SEGMENT) || !self.spend(size) {
            return None;
        }
        let mut out = Vec::with_capacity(size);
        let mut seen = std::collections::HashSet::new();
        for i in 0..count {
            let b = list.get(i * 4..i * 4 + 4)?;
            let off = u32::from_le_bytes(b.try_into().ok()?);
            // Each segment is its own block: one named twice is a crafted hive.
            if !seen.insert(off) {
                return None;
            }
            let seg = self.cell(off)?;
            let want = (size - out.len()).min(DB_SEGMENT).min(seg.len());
            out.extend_from_slice(&seg[..want]);
            if out.len() >= size {
                break;
            }
        }
        Some(out)
    }
}

/// Key and value names: Latin-1 when the "compressed" flag is set, else UTF-16LE.
fn decode_name(raw: &[u8], latin1: bool) -> String {
    if latin1 {
        raw.iter().map(|&b| b as char).collect()
    } else {
        let u: Vec<u16> = raw.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_images::{tiny_hive as tiny, HiveBuilder as Builder};

    /// Root → "K" whose values are `make`'s vk cells.
    fn key_with_values(make: impl FnOnce(&mut Builder) -> Vec<u32>) -> Hive {
        let mut b = Builder::default();
        let vals = make(&mut b);
        let vlist = b.offsets(&vals);
        let k = b.nk("K", 0, 0, vlist, vals.len() as u32);
        let lf = b.list(b"lf", &[k]);
        let root = b.nk("ROOT", lf, 1, 0, 0);
        Hive::new(b.finish(root)).unwrap()
    }

    fn data_total(values: &[Value]) -> usize {
        values.iter().map(|v| v.data.len()).sum()
    }

    #[test]
    fn reads_keys_and_values() {
        let h = Hive::new(tiny()).unwrap();
        let n = h.path(&["select"]).unwrap();
        let v = h.values(n);
        assert_eq!(v[0].name, "Current");
        assert_eq!(v[0].dword(), Some(1));
        assert_eq!(v[1].string().as_deref(), Some("ab"));
        assert!(h.path(&["Nope"]).is_none());
    }

    #[test]
    fn big_data_from_distinct_segments_is_read() {
        let h = key_with_values(|b| {
            let s1 = b.cell(&vec![1u8; DB_SEGMENT]);
            let s2 = b.cell(&vec![2u8; DB_SEGMENT]);
            let segs = b.offsets(&[s1, s2]);
            let mut db = b"db".to_vec();
            db.extend_from_slice(&2u16.to_le_bytes());
            db.extend_from_slice(&segs.to_le_bytes());
            let db = b.cell(&db);
            vec![b.vk("Big", REG_BINARY, (DB_SEGMENT + 100) as u32, db)]
        });
        let v = h.values(h.path(&["K"]).unwrap());
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].data.len(), DB_SEGMENT + 100);
        assert_eq!(v[0].data[DB_SEGMENT], 2);
    }

    /// The review's reproducer: one value whose segment list names the same 16 KiB block
    /// 65 535 times (about 1 GiB from a ~300 KB hive).
    #[test]
    fn big_data_repeating_one_segment_is_refused() {
        let t = std::time::Instant::now();
        let h = key_with_values(|b| {
            let seg = b.cell(&vec![7u8; DB_SEGMENT]);
            let segs = b.offsets(&vec![seg; 65535]);
            let mut db = b"db".to_vec();
            db.extend_from_slice(&65535u16.to_le_bytes());
            db.extend_from_slice(&segs.to_le_bytes());
            let db = b.cell(&db);
            vec![b.vk("Bomb", REG_BINARY, (65535 * DB_SEGMENT) as u32, db)]
        });
        let v = h.values(h.path(&["K"]).unwrap());
        assert!(data_total(&v) <= h.data.len(), "{} bytes of value data", data_total(&v));
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
    }

    /// A key listing the same value 16 384 times, and 4 096 values sharing one 8 KiB data
    /// cell: what is handed out stays within the hive's size plus the slack.
    #[test]
    fn shared_value_cells_are_bounded() {
        let h = key_with_values(|b| {
            let data = b.cell(&vec![1u8; 8192]);
            let one = b.vk("One", REG_BINARY, 8192, data);
            vec![one; 16384]
        });
        let v = h.values(h.path(&["K"]).unwrap());
        assert_eq!(v.len(), 1);
        let h = key_with_values(|b| {
            let data = b.cell(&vec![1u8; 8192]);
            (0..4096)
                .map(|i| b.vk(&format!("v{i}"), REG_BINARY, 8192, data))
                .collect()
        });
        let v = h.values(h.path(&["K"]).unwrap());
        assert!(
            data_total(&v) <= h.data.len() + DATA_BUDGET_SLACK,
            "{} bytes",
            data_total(&v)
        );
        assert!(!v.is_empty());
    }

    /// An ri index naming one lf list 4 096 times, which names one key 4 096 times.
    #[test]
    fn repeated_subkeys_are_listed_once() {
        let mut b = Builder::default();
        let k = b.nk("K", 0, 0, 0, 0);
        let lf = b.list(b"li", &vec![k; 4096]);
        let ri = b.list(b"ri", &vec![lf; 4096]);
        let root = b.nk("ROOT", ri, 1, 0, 0);
        let h = Hive::new(b.finish(root)).unwrap();
        assert_eq!(h.children(h.root().unwrap()).len(), 1);
    }

    /// Random mutations of a small hive: the reader never panics, and what it hands out
    /// stays within its budget.
    #[test]
    fn mutated_hives_stay_bounded() {
        let base = tiny();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let mut d = base.clone();
            for _ in 0..(rand() % 16 + 1) {
                let i = 0x1000 + (rand() as usize) % (d.len() - 0x1000);
                d[i] = rand() as u8;
            }
            let Some(h) = Hive::new(d) else { continue };
            let limit = h.data.len() + DATA_BUDGET_SLACK;
            let mut total = 0;
            if let Some(r) = h.root() {
                for c in h.children(r).into_iter().chain([r]) {
                    let _ = h.node_name(c);
                    total += data_total(&h.values(c));
                    let _ = h.children(c);
                }
            }
            assert!(total <= limit);
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        let mut d = tiny();
        for i in (0x1000..d.len()).step_by(3) {
            d[i] = d[i].wrapping_mul(31).wrapping_add(7);
        }
        if let Some(h) = Hive::new(d) {
            if let Some(r) = h.root() {
                for c in h.children(r) {
                    let _ = h.values(c);
                    let _ = h.node_name(c);
                }
            }
        }
        assert!(Hive::new(b"nope".to_vec()).is_none());
    }
}
