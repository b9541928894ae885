//! Minimal ELF64 little-endian reader: what an appliance builder needs to know about a host
//! binary (its interpreter and DT_NEEDED libraries) and about a kernel image (does it have a
//! PVH entry point). Every offset is bounds-checked; malformed input gives `None`/empty.

const PT_LOAD: u32 = 1;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;
const PT_NOTE: u32 = 4;
const DT_NULL: u64 = 0;
const DT_NEEDED: u64 = 1;
const DT_STRTAB: u64 = 5;
const DT_RPATH: u64 = 15;
const DT_RUNPATH: u64 = 29;
/// XEN_ELFNOTE_PHYS32_ENTRY: the 32-bit entry point that qemu's PVH boot uses.
const XEN_ELFNOTE_PHYS32_ENTRY: u32 = 18;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DynInfo {
    pub interp: Option<String>,
    pub needed: Vec<String>,
    /// DT_RUNPATH, or DT_RPATH when there is no RUNPATH, split on ':'.
    pub search: Vec<String>,
}

struct Phdr {
    p_type: u32,
    offset: u64,
    vaddr: u64,
    filesz: u64,
}

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(o..o.checked_add(2)?)?.try_into().ok()?))
}
fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(o..o.checked_add(4)?)?.try_into().ok()?))
}
fn u64_at(b: &[u8], o: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(o..o.checked_add(8)?)?.try_into().ok()?))
}

/// True when `b` starts like an ELF64 little-endian file.
pub fn is_elf64(b: &[u8]) -> bool {
    b.len() >= 64 && &b[..4] == b"\x7fELF" && b[4] == 2 && b[5] == 1
}

fn phdrs(b: &[u8]) -> Option<Vec<Phdr>> {
    if !is_elf64(b) {
        return None;
    }
    let phoff = usize::try_from(u64_at(b, 0x20)?).ok()?;
    let phentsize = u16_at(b, 0x36)? as usize;
    let phnum = u16_at(b, 0x38)? as usize;
    if phentsize < 56 {
        return None;
    }
    let mut v = Vec::with_capacity(phnum.min(256));
    for i in 0..phnum {
        let o = phoff.checked_add(i.checked_mul(phentsize)?)?;
        v.push(Phdr {
            p_type: u32_at(b, o)?,
            offset: u64_at(b, o + 8)?,
            vaddr: u64_at(b, o + 16)?,
            filesz: u64_at(b, o + 32)?,
        });
    }
    Some(v)
}

fn segment<'a>(b: &'a [u8], p: &Phdr) -> Option<&'a [u8]> {
    let start = usize::try_from(p.offset).ok()?;
    let end = start.checked_add(usize::try_from(p.filesz).ok()?)?;
    b.get(start..end)
}

fn vaddr_to_offset(ph: &[Phdr], vaddr: u64) -> Option<usize> {
    ph.iter()
        .filter(|p| p.p_type == PT_LOAD)
        .find(|p| vaddr >= p.vaddr && vaddr - p.vaddr < p.filesz)
        .and_then(|p| usize::try_from(p.offset + (vaddr - p.vaddr)).ok())
}

fn cstr_at(b: &[u8], o: usize) -> Option<String> {
    let rest = b.get(o..)?;
    let len = rest.iter().take(4096).position(|&c| c == 0)?;
    Some(String::from_utf8_lossy(&rest[..len]).into_owned())
}

/// Interpreter and dynamic dependencies of an ELF64 executable or library.
/// A static binary gives an empty `DynInfo`; a non-ELF file gives `None`.
pub fn dyn_info(b: &[u8]) -> Option<DynInfo> {
    let ph = phdrs(b)?;
    let mut info = DynInfo::default();
    if let Some(p) = ph.iter().find(|p| p.p_type == PT_INTERP) {
        let seg = segment(b, p)?;
        let len = seg.iter().position(|&c| c == 0).unwrap_or(seg.len());
        info.interp = Some(String::from_utf8_lossy(&seg[..len]).into_owned());
    }
    let Some(dynp) = ph.iter().find(|p| p.p_type == PT_DYNAMIC) else {
        return Some(info);
    };
    let dynseg = segment(b, dynp)?;
    let mut strtab = None;
    let mut needed = Vec::new();
    let (mut rpath, mut runpath) = (None, None);
    for e in dynseg.chunks_exact(16) {
        let tag = u64::from_le_bytes(e[..8].try_into().ok()?);
        let val = u64::from_le_bytes(e[8..].try_into().ok()?);
        match tag {
            DT_NULL => break,
            DT_NEEDED => needed.push(val),
            DT_STRTAB => strtab = Some(val),
            DT_RPATH => rpath = Some(val),
            DT_RUNPATH => runpath = Some(val),
            _ => {}
        }
    }
    let Some(strtab) = strtab.and_then(|v| vaddr_to_offset(&ph, v)) else {
        return Some(info);
    };
    let name = |off: u64| {
        usize::try_from(off)
            .ok()
            .and_then(|o| strtab.checked_add(o))
            .and_then(|o| cstr_at(b, o))
    };
    info.needed = needed.into_iter().filter_map(name).collect();
    if let Some(s) = runpath.or(rpath).and_then(name) {
        info.search = s.split(':').filter(|x| !x.is_empty()).map(String::from).collect();
    }
    Some(info)
}

/// True when the ELF image carries a Xen PHYS32_ENTRY note, i.e. qemu can boot it directly
/// with `-kernel` through the PVH entry point.
pub fn has_pvh_note(b: &[u8]) -> bool {
    let Some(ph) = phdrs(b) else { return false };
    ph.iter()
        .filter(|p| p.p_type == PT_NOTE)
        .filter_map(|p| segment(b, p))
        .any(|seg| {
            let mut o = 0usize;
            while o + 12 <= seg.len() {
                let (Some(namesz), Some(descsz), Some(ntype)) =
                    (u32_at(seg, o), u32_at(seg, o + 4), u32_at(seg, o + 8))
                else {
                    return false;
                };
                let name_start = o + 12;
                let desc_start = name_start + (namesz as usize).next_multiple_of(4);
                let next = desc_start + (descsz as usize).next_multiple_of(4);
                let name = seg.get(name_start..name_start + namesz as usize).unwrap_or(&[]);
                if ntype == XEN_ELFNOTE_PHYS32_ENTRY && name.starts_with(b"Xen") {
                    return true;
                }
                if next <= o || next > seg.len() {
                    break;
                }
                o = next;
            }
            false
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_host_shell() {
        let b = std::fs::read("/bin/sh").unwrap();
        let d = dyn_info(&b).unwrap();
        assert!(d.interp.as_deref().unwrap_or("").contains("ld-linux"), "{d:?}");
        assert!(d.needed.iter().any(|n| n.starts_with("libc.so")), "{d:?}");
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(dyn_info(b"not an elf"), None);
        let mut fake = vec![0u8; 64];
        fake[..6].copy_from_slice(b"\x7fELF\x02\x01");
        // phnum=1 but phoff points past the end: no panic, no info.
        fake[0x20] = 0xff;
        fake[0x36] = 56;
        fake[0x38] = 1;
        assert_eq!(dyn_info(&fake), None);
        assert!(!has_pvh_note(&fake));
    }

    /// Builds a tiny ELF with one PT_NOTE segment holding the given note.
    fn elf_with_note(name: &[u8], ntype: u32) -> Vec<u8> {
        let mut b = vec![0u8; 64 + 56];
        b[..6].copy_from_slice(b"\x7fELF\x02\x01");
        b[0x20..0x28].copy_from_slice(&64u64.to_le_bytes());
        b[0x36..0x38].copy_from_slice(&56u16.to_le_bytes());
        b[0x38..0x3a].copy_from_slice(&1u16.to_le_bytes());
        let mut note = Vec::new();
        note.extend_from_slice(&(name.len() as u32).to_le_bytes());
        note.extend_from_slice(&4u32.to_le_bytes());
        note.extend_from_slice(&ntype.to_le_bytes());
        note.extend_from_slice(name);
        while note.len() % 4 != 0 {
            note.push(0);
        }
        note.extend_from_slice(&0x100_0000u32.to_le_bytes());
        let off = b.len() as u64;
        b[64..68].copy_from_slice(&PT_NOTE.to_le_bytes());
        b[64 + 8..64 + 16].copy_from_slice(&off.to_le_bytes());
        b[64 + 32..64 + 40].copy_from_slice(&(note.len() as u64).to_le_bytes());
        b.extend_from_slice(&note);
        b
    }

    #[test]
    fn pvh_note() {
        assert!(has_pvh_note(&elf_with_note(b"Xen\0", 18)));
        assert!(!has_pvh_note(&elf_with_note(b"Xen\0", 17)));
        assert!(!has_pvh_note(&elf_with_note(b"GNU\0", 18)));
    }
}
