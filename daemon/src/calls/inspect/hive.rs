//! A minimal read-only reader of Windows registry hive files (the "regf" format), enough
//! for inspection: walk keys by name, read a key's values. Hive files are guest data, so
//! every offset is checked, loops are bounded, and nothing here can panic.

/// Hives larger than this are not read (the appliance's memory is small).
pub const MAX_HIVE_SIZE: u64 = 256 * 1024 * 1024;

const HBIN_START: usize = 0x1000;
/// Bound on entries of one list (subkeys, values), against crafted counts.
const MAX_LIST: usize = 1 << 20;

pub const REG_SZ: u32 = 1;
pub const REG_EXPAND_SZ: u32 = 2;
pub const REG_BINARY: u32 = 3;
pub const REG_DWORD: u32 = 4;
pub const REG_DWORD_BIG_ENDIAN: u32 = 5;

pub struct Hive {
    data: Vec<u8>,
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
        (data.get(..4)? == b"regf").then_some(Hive { data })
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
        self.collect_list(list, 0, &mut out);
        out
    }

    fn collect_list(&self, off: u32, depth: u32, out: &mut Vec<Node>) {
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
            if nested {
                self.collect_list(o, depth + 1, out);
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
        for i in 0..count {
            let Some(b) = l.get(i * 4..i * 4 + 4) else { break };
            if let Some(v) = self.value(u32::from_le_bytes([b[0], b[1], b[2], b[3]])) {
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
                d.get(..n)?.to_vec()
            }
        };
        Some(Value { name, typ, data })
    }

    /// Data over ~16 KB: a "db" cell naming a list of segment cells.
    fn big_data(&self, db: &[u8], size: usize) -> Option<Vec<u8>> {
        let count = u16::from_le_bytes(db.get(2..4)?.try_into().ok()?) as usize;
        let list = self.cell(u32::from_le_bytes(db.get(4..8)?.try_into().ok()?))?;
        let mut out = Vec::with_capacity(size.min(1 << 24));
        for i in 0..count {
            let b = list.get(i * 4..i * 4 + 4)?;
            let seg = self.cell(u32::from_le_bytes(b.try_into().ok()?))?;
            let want = (size - out.len()).min(16344).min(seg.len());
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

    /// A hive with root → "Select" holding DWORD Current=1 and SZ Name="ab".
    fn tiny() -> Vec<u8> {
        let mut h = vec![0u8; 0x1000];
        h[..4].copy_from_slice(b"regf");
        let mut bin: Vec<u8> = Vec::new();
        let mut cell = |payload: Vec<u8>| -> u32 {
            let off = bin.len() as u32;
            let len = (payload.len() + 4 + 7) & !7;
            bin.extend_from_slice(&(-(len as i32)).to_le_bytes());
            bin.extend_from_slice(&payload);
            bin.resize(off as usize + len, 0);
            off
        };
        let nk = |name: &str, subs: u32, nsubs: u32, vals: u32, nvals: u32| {
            let mut c = vec![0u8; 0x4c];
            c[..2].copy_from_slice(b"nk");
            c[2..4].copy_from_slice(&0x20u16.to_le_bytes());
            c[0x14..0x18].copy_from_slice(&nsubs.to_le_bytes());
            c[0x1c..0x20].copy_from_slice(&subs.to_le_bytes());
            c[0x24..0x28].copy_from_slice(&nvals.to_le_bytes());
            c[0x28..0x2c].copy_from_slice(&vals.to_le_bytes());
            c[0x48..0x4a].copy_from_slice(&(name.len() as u16).to_le_bytes());
            c.extend_from_slice(name.as_bytes());
            c
        };
        let vk = |name: &str, typ: u32, size: u32, off: u32| {
            let mut c = vec![0u8; 0x14];
            c[..2].copy_from_slice(b"vk");
            c[2..4].copy_from_slice(&(name.len() as u16).to_le_bytes());
            c[4..8].copy_from_slice(&size.to_le_bytes());
            c[8..12].copy_from_slice(&off.to_le_bytes());
            c[12..16].copy_from_slice(&typ.to_le_bytes());
            c[16..18].copy_from_slice(&1u16.to_le_bytes());
            c.extend_from_slice(name.as_bytes());
            c
        };
        let sdata = cell(vec![b'a', 0, b'b', 0, 0, 0]);
        let v1 = cell(vk("Current", REG_DWORD, 0x8000_0004, 1));
        let v2 = cell(vk("Name", REG_SZ, 6, sdata));
        let vlist = cell([v1.to_le_bytes(), v2.to_le_bytes()].concat());
        let select = cell(nk("Select", 0, 0, vlist, 2));
        let mut lf = b"lf".to_vec();
        lf.extend_from_slice(&1u16.to_le_bytes());
        lf.extend_from_slice(&select.to_le_bytes());
        lf.extend_from_slice(b"Sele");
        let lf = cell(lf);
        let root = cell(nk("ROOT", lf, 1, 0, 0));
        h[0x24..0x28].copy_from_slice(&root.to_le_bytes());
        h.extend_from_slice(&bin);
        h
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
