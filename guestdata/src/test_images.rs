//! Builders of well-formed PE files and bitmaps, for the readers' unit and property tests
//! and for the fuzz targets' seed corpus (fuzz/src/bin/make-seeds.rs includes this file).
//! No binary from elsewhere: every byte is laid out here.

const RESOURCE_DIRECTORY: usize = 2;

/// A bottom-up DIB with a 40-byte header: `rows` are top first, already packed.
pub fn make_dib(w: i32, h: i32, bpp: u16, compression: u32, extra: &[u8], rows_top_first: &[Vec<u8>]) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend_from_slice(&40u32.to_le_bytes());
    d.extend_from_slice(&w.to_le_bytes());
    d.extend_from_slice(&h.to_le_bytes());
    d.extend_from_slice(&1u16.to_le_bytes());
    d.extend_from_slice(&bpp.to_le_bytes());
    d.extend_from_slice(&compression.to_le_bytes());
    d.extend_from_slice(&[0; 20]);
    d.extend_from_slice(extra);
    let stride = (w as usize * bpp as usize).div_ceil(32) * 4;
    let order: Vec<&Vec<u8>> = if h > 0 {
        rows_top_first.iter().rev().collect()
    } else {
        rows_top_first.iter().collect()
    };
    for r in order {
        let mut r = r.clone();
        r.resize(stride, 0);
        d.extend_from_slice(&r);
    }
    d
}

/// Builds a PE32 (or PE32+) image with one `.rsrc` section holding the given
/// resources, (type, id, data), each in language 0x409.
pub fn make_pe(resources: &[(u32, u32, Vec<u8>)], pe32_plus: bool) -> Vec<u8> {
    const SECTION_RVA: u32 = 0x1000;
    const FILE_ALIGN: usize = 0x200;
    // Resource section layout: root dir, one type dir per type, one name dir per
    // resource, one language dir per resource, data entries, then data.
    let mut types: Vec<u32> = resources.iter().map(|r| r.0).collect();
    types.sort();
    types.dedup();
    let dir_len = |n: usize| 16 + 8 * n;
    let mut rsrc = Vec::new();
    let root_len = dir_len(types.len());
    let type_dirs_at = root_len;
    let per_type: Vec<Vec<usize>> = types
        .iter()
        .map(|t| (0..resources.len()).filter(|&i| resources[i].0 == *t).collect())
        .collect();
    let mut type_dir_offsets = Vec::new();
    let mut off = type_dirs_at;
    for list in &per_type {
        type_dir_offsets.push(off);
        off += dir_len(list.len());
    }
    let lang_dirs_at = off;
    let lang_dir_len = dir_len(1);
    let entries_at = lang_dirs_at + lang_dir_len * resources.len();
    let data_at = entries_at + 16 * resources.len();
    let mut data_offsets = Vec::new();
    let mut d = data_at;
    for r in resources {
        data_offsets.push(d);
        d += r.2.len().div_ceil(4) * 4;
    }
    rsrc.resize(d, 0);
    let put_dir = |rsrc: &mut Vec<u8>, at: usize, entries: &[(u32, u32)]| {
        rsrc[at + 14..at + 16].copy_from_slice(&(entries.len() as u16).to_le_bytes());
        for (i, (name, target)) in entries.iter().enumerate() {
            let e = at + 16 + i * 8;
            rsrc[e..e + 4].copy_from_slice(&name.to_le_bytes());
            rsrc[e + 4..e + 8].copy_from_slice(&target.to_le_bytes());
        }
    };
    let root: Vec<(u32, u32)> = types
        .iter()
        .zip(&type_dir_offsets)
        .map(|(t, o)| (*t, *o as u32 | 0x8000_0000))
        .collect();
    put_dir(&mut rsrc, 0, &root);
    for (list, at) in per_type.iter().zip(&type_dir_offsets) {
        let names: Vec<(u32, u32)> = list
            .iter()
            .map(|&i| (resources[i].1, (lang_dirs_at + i * lang_dir_len) as u32 | 0x8000_0000))
            .collect();
        put_dir(&mut rsrc, *at, &names);
    }
    for (i, r) in resources.iter().enumerate() {
        put_dir(
            &mut rsrc,
            lang_dirs_at + i * lang_dir_len,
            &[(0x409, (entries_at + i * 16) as u32)],
        );
        let e = entries_at + i * 16;
        let rva = SECTION_RVA + data_offsets[i] as u32;
        rsrc[e..e + 4].copy_from_slice(&rva.to_le_bytes());
        rsrc[e + 4..e + 8].copy_from_slice(&(r.2.len() as u32).to_le_bytes());
        rsrc[data_offsets[i]..data_offsets[i] + r.2.len()].copy_from_slice(&r.2);
    }
    let raw_size = rsrc.len().div_ceil(FILE_ALIGN) * FILE_ALIGN;
    rsrc.resize(raw_size, 0);

    // Headers: DOS stub, PE signature, COFF header, optional header, one section.
    let mut f = vec![0u8; 0x80];
    f[0..2].copy_from_slice(b"MZ");
    f[0x3c..0x40].copy_from_slice(&0x80u32.to_le_bytes());
    f.extend_from_slice(b"PE\0\0");
    let opt_size: u16 = if pe32_plus { 240 } else { 224 };
    let machine: u16 = if pe32_plus { 0x8664 } else { 0x14c };
    f.extend_from_slice(&machine.to_le_bytes());
    f.extend_from_slice(&1u16.to_le_bytes()); // sections
    f.extend_from_slice(&[0; 12]); // time, symbols
    f.extend_from_slice(&opt_size.to_le_bytes());
    f.extend_from_slice(&0x0102u16.to_le_bytes()); // executable, 32-bit
    let opt = f.len();
    f.resize(opt + opt_size as usize, 0);
    let magic: u16 = if pe32_plus { 0x20b } else { 0x10b };
    f[opt..opt + 2].copy_from_slice(&magic.to_le_bytes());
    let (align_at, image_size_at, headers_size_at, subsys_at, ndirs_at) = if pe32_plus {
        (opt + 32, opt + 56, opt + 60, opt + 68, opt + 108)
    } else {
        (opt + 32, opt + 56, opt + 60, opt + 68, opt + 92)
    };
    if !pe32_plus {
        f[opt + 28..opt + 32].copy_from_slice(&0x40_0000u32.to_le_bytes()); // image base
    } else {
        f[opt + 24..opt + 32].copy_from_slice(&0x1_4000_0000u64.to_le_bytes());
    }
    f[align_at..align_at + 4].copy_from_slice(&0x1000u32.to_le_bytes());
    f[align_at + 4..align_at + 8].copy_from_slice(&(FILE_ALIGN as u32).to_le_bytes());
    f[opt + 40..opt + 42].copy_from_slice(&4u16.to_le_bytes()); // OS version
    f[opt + 48..opt + 50].copy_from_slice(&4u16.to_le_bytes()); // subsystem version
    let image_size = SECTION_RVA + (raw_size as u32).div_ceil(0x1000) * 0x1000;
    f[image_size_at..image_size_at + 4].copy_from_slice(&image_size.to_le_bytes());
    f[headers_size_at..headers_size_at + 4].copy_from_slice(&(FILE_ALIGN as u32).to_le_bytes());
    f[subsys_at..subsys_at + 2].copy_from_slice(&2u16.to_le_bytes()); // GUI
    f[ndirs_at..ndirs_at + 4].copy_from_slice(&16u32.to_le_bytes());
    let res_dir = ndirs_at + 4 + RESOURCE_DIRECTORY * 8;
    f[res_dir..res_dir + 4].copy_from_slice(&SECTION_RVA.to_le_bytes());
    f[res_dir + 4..res_dir + 8].copy_from_slice(&(d as u32).to_le_bytes());
    let mut section = [0u8; 40];
    section[..5].copy_from_slice(b".rsrc");
    section[8..12].copy_from_slice(&(d as u32).to_le_bytes());
    section[12..16].copy_from_slice(&SECTION_RVA.to_le_bytes());
    section[16..20].copy_from_slice(&(raw_size as u32).to_le_bytes());
    section[20..24].copy_from_slice(&(FILE_ALIGN as u32).to_le_bytes());
    section[36..40].copy_from_slice(&0x4000_0040u32.to_le_bytes()); // initialised, readable
    f.extend_from_slice(&section);
    f.resize(FILE_ALIGN, 0);
    f.extend_from_slice(&rsrc);
    f
}

/// Builds hives cell by cell (the bin starts at file offset 0x1000).
#[derive(Default)]
pub struct HiveBuilder {
    bin: Vec<u8>,
}

impl HiveBuilder {
    pub fn cell(&mut self, payload: &[u8]) -> u32 {
        let off = self.bin.len() as u32;
        let len = (payload.len() + 4 + 7) & !7;
        self.bin.extend_from_slice(&(-(len as i32)).to_le_bytes());
        self.bin.extend_from_slice(payload);
        self.bin.resize(off as usize + len, 0);
        off
    }

    pub fn nk(&mut self, name: &str, subs: u32, nsubs: u32, vals: u32, nvals: u32) -> u32 {
        let mut c = vec![0u8; 0x4c];
        c[..2].copy_from_slice(b"nk");
        c[2..4].copy_from_slice(&0x20u16.to_le_bytes());
        c[0x14..0x18].copy_from_slice(&nsubs.to_le_bytes());
        c[0x1c..0x20].copy_from_slice(&subs.to_le_bytes());
        c[0x24..0x28].copy_from_slice(&nvals.to_le_bytes());
        c[0x28..0x2c].copy_from_slice(&vals.to_le_bytes());
        c[0x48..0x4a].copy_from_slice(&(name.len() as u16).to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.cell(&c)
    }

    pub fn vk(&mut self, name: &str, typ: u32, size: u32, off: u32) -> u32 {
        let mut c = vec![0u8; 0x14];
        c[..2].copy_from_slice(b"vk");
        c[2..4].copy_from_slice(&(name.len() as u16).to_le_bytes());
        c[4..8].copy_from_slice(&size.to_le_bytes());
        c[8..12].copy_from_slice(&off.to_le_bytes());
        c[12..16].copy_from_slice(&typ.to_le_bytes());
        c[16..18].copy_from_slice(&1u16.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.cell(&c)
    }

    /// An lf/li/ri list (`sig`) of `offs`; lf entries get a 4-byte hash after each.
    pub fn list(&mut self, sig: &[u8; 2], offs: &[u32]) -> u32 {
        let mut c = sig.to_vec();
        c.extend_from_slice(&(offs.len() as u16).to_le_bytes());
        for o in offs {
            c.extend_from_slice(&o.to_le_bytes());
            if sig == b"lf" {
                c.extend_from_slice(b"hash");
            }
        }
        self.cell(&c)
    }

    pub fn offsets(&mut self, offs: &[u32]) -> u32 {
        self.cell(&offs.iter().flat_map(|o| o.to_le_bytes()).collect::<Vec<u8>>())
    }

    pub fn finish(self, root: u32) -> Vec<u8> {
        let mut h = vec![0u8; 0x1000];
        h[..4].copy_from_slice(b"regf");
        h[0x24..0x28].copy_from_slice(&root.to_le_bytes());
        h.extend_from_slice(&self.bin);
        h
    }
}

/// A hive with root → "Select" holding DWORD Current=1 and SZ Name="ab".
pub fn tiny_hive() -> Vec<u8> {
    let mut b = HiveBuilder::default();
    let sdata = b.cell(&[b'a', 0, b'b', 0, 0, 0]);
    let v1 = b.vk("Current", crate::hive::REG_DWORD, 0x8000_0004, 1);
    let v2 = b.vk("Name", crate::hive::REG_SZ, 6, sdata);
    let vlist = b.offsets(&[v1, v2]);
    let select = b.nk("Select", 0, 0, vlist, 2);
    let lf = b.list(b"lf", &[select]);
    let root = b.nk("ROOT", lf, 1, 0, 0);
    b.finish(root)
}
