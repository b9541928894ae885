//! Reads one resource out of a PE (Windows .exe/.dll) image held in memory, from hostile
//! bytes: the resource directory is found through the optional header's data directory
//! and the section table, then the three fixed levels (type, name, language) are walked
//! without recursion. Every offset is checked against the buffer; a directory is looked
//! at for at most `MAX_ENTRIES` entries, so the walk is linear in the input at worst.
//! The caller bounds the input itself (the guest file is downloaded with a size cap).

/// Resource type of a device-independent bitmap.
pub const RT_BITMAP: u32 = 2;

/// Entries examined per resource directory (a real one has a few hundred at most).
const MAX_ENTRIES: usize = 4096;
/// Sections examined (the PE format allows 96; the loader refuses more).
const MAX_SECTIONS: usize = 96;
/// Index of the resource table in the optional header's data directories.
const RESOURCE_DIRECTORY: usize = 2;

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(off..off.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(off..off.checked_add(4)?)?.try_into().ok()?))
}

/// A section's place in memory and in the file.
struct Section {
    rva: u32,
    virtual_size: u32,
    file_offset: u32,
    file_size: u32,
}

/// The parts of a PE image needed to find resources.
struct Pe<'a> {
    data: &'a [u8],
    sections: Vec<Section>,
    /// Where the resource directory is in memory.
    rsrc_rva: u32,
}

impl<'a> Pe<'a> {
    fn parse(data: &'a [u8]) -> Option<Pe<'a>> {
        if data.get(..2)? != b"MZ" {
            return None;
        }
        let pe = u32_at(data, 0x3c)? as usize;
        if data.get(pe..pe.checked_add(4)?)? != b"PE\0\0" {
            return None;
        }
        let coff = pe + 4;
        let nsections = u16_at(data, coff + 2)? as usize;
        let opt_size = u16_at(data, coff + 16)? as usize;
        let opt = coff + 20;
        // Data directories start after the standard and Windows-specific fields.
        let (dirs_count_at, dirs_at) = match u16_at(data, opt)? {
            0x10b => (opt + 92, opt + 96),   // PE32
            0x20b => (opt + 108, opt + 112), // PE32+
            _ => return None,
        };
        let ndirs = u32_at(data, dirs_count_at)? as usize;
        let dir_entry = dirs_at + RESOURCE_DIRECTORY * 8;
        if ndirs <= RESOURCE_DIRECTORY || dir_entry + 8 > opt + opt_size {
            return None;
        }
        let rsrc_rva = u32_at(data, dir_entry)?;
        if rsrc_rva == 0 {
            return None;
        }
        let table = opt + opt_size;
        let mut sections = Vec::new();
        for i in 0..nsections.min(MAX_SECTIONS) {
            let s = table + i * 40;
            sections.push(Section {
                virtual_size: u32_at(data, s + 8)?,
                rva: u32_at(data, s + 12)?,
                file_size: u32_at(data, s + 16)?,
                file_offset: u32_at(data, s + 20)?,
            });
        }
        Some(Pe {
            data,
            sections,
            rsrc_rva,
        })
    }

    /// The file bytes of `len` bytes at `rva`, if they lie within one section's file data.
    fn at_rva(&self, rva: u32, len: u32) -> Option<&'a [u8]> {
        let (rva, len) = (rva as u64, len as u64);
        for s in &self.sections {
            let start = s.rva as u64;
            let size = s.virtual_size.max(s.file_size) as u64;
            if rva >= start && rva + len <= start + size {
                let within = rva - start;
                if within + len > s.file_size as u64 {
                    return None; // in the zero-filled tail: not in the file
                }
                let off = (s.file_offset as u64 + within) as usize;
                return self.data.get(off..off.checked_add(len as usize)?);
            }
        }
        None
    }

    /// The resource section's bytes from its directory's start to its section's end.
    fn rsrc(&self) -> Option<&'a [u8]> {
        let rva = self.rsrc_rva as u64;
        let s = self
            .sections
            .iter()
            .find(|s| rva >= s.rva as u64 && rva < s.rva as u64 + s.file_size as u64)?;
        let off = s.file_offset as u64 + (rva - s.rva as u64);
        let end = (s.file_offset as u64 + s.file_size as u64).min(self.data.len() as u64);
        self.data.get(off as usize..end as usize)
    }
}

/// Which entry of a resource directory to take.
#[derive(Clone, Copy)]
enum Pick {
    Id(u32),
    First,
}

/// The entry chosen in the directory at `dir` (offset within `rsrc`): its raw offset
/// field (high bit set: a subdirectory).
fn entry(rsrc: &[u8], dir: usize, pick: Pick) -> Option<u32> {
    let named = u16_at(rsrc, dir + 12)? as usize;
    let ids = u16_at(rsrc, dir + 14)? as usize;
    let count = (named + ids).min(MAX_ENTRIES);
    for i in 0..count {
        let e = dir + 16 + i * 8;
        let name = u32_at(rsrc, e)?;
        let target = u32_at(rsrc, e + 4)?;
        let wanted = match pick {
            Pick::First => true,
            // Names with the high bit set are strings; ids are numbers.
            Pick::Id(id) => name & 0x8000_0000 == 0 && name == id,
        };
        if wanted {
            return Some(target);
        }
    }
    None
}

/// The data of resource type `kind`, numeric name `id`, first language listed: what
/// `wrestool -x --type=KIND --name=ID` extracts (without the file header it adds).
pub fn resource(data: &[u8], kind: u32, id: u32) -> Option<&[u8]> {
    let pe = Pe::parse(data)?;
    let rsrc = pe.rsrc()?;
    const SUBDIR: u32 = 0x8000_0000;
    // Type and name levels are directories; the language level points at a data entry.
    let mut dir = 0usize;
    for pick in [Pick::Id(kind), Pick::Id(id)] {
        let target = entry(rsrc, dir, pick)?;
        if target & SUBDIR == 0 {
            return None;
        }
        dir = (target & !SUBDIR) as usize;
    }
    let target = entry(rsrc, dir, Pick::First)?;
    if target & SUBDIR != 0 {
        return None;
    }
    let data_entry = target as usize;
    let rva = u32_at(rsrc, data_entry)?;
    let size = u32_at(rsrc, data_entry + 4)?;
    pe.at_rva(rva, size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_images::make_pe;

    #[test]
    fn finds_resources_by_type_and_id() {
        let res = vec![
            (RT_BITMAP, 143, b"xp bitmap".to_vec()),
            (RT_BITMAP, 6801, b"seven".to_vec()),
            (3, 1, b"an icon".to_vec()),
        ];
        for plus in [false, true] {
            let pe = make_pe(&res, plus);
            assert_eq!(resource(&pe, RT_BITMAP, 143), Some(&b"xp bitmap"[..]));
            assert_eq!(resource(&pe, RT_BITMAP, 6801), Some(&b"seven"[..]));
            assert_eq!(resource(&pe, 3, 1), Some(&b"an icon"[..]));
            assert_eq!(resource(&pe, RT_BITMAP, 1), None);
            assert_eq!(resource(&pe, 14, 1), None);
        }
    }

    #[test]
    fn refuses_non_pe_and_truncated() {
        assert_eq!(resource(b"", RT_BITMAP, 143), None);
        assert_eq!(resource(b"MZ", RT_BITMAP, 143), None);
        let pe = make_pe(&[(RT_BITMAP, 143, vec![1; 100])], false);
        let data_at = pe.windows(100).position(|w| w == [1; 100]).unwrap();
        for cut in [0x40, 0x90, 0x200, 0x230, data_at + 99] {
            assert_eq!(resource(&pe[..cut], RT_BITMAP, 143), None, "cut at {cut}");
        }
        // Data RVA pointing outside every section.
        let mut bad = pe.clone();
        let entry_rva_at = bad.windows(4).position(|w| w == 0x409u32.to_le_bytes()).unwrap() + 4;
        let e = u32::from_le_bytes(bad[entry_rva_at..entry_rva_at + 4].try_into().unwrap()) as usize + 0x200;
        bad[e..e + 4].copy_from_slice(&0xffff_0000u32.to_le_bytes());
        assert_eq!(resource(&bad, RT_BITMAP, 143), None);
    }

    #[test]
    fn self_referencing_directories_end() {
        // The root's type entry points back at the root: the walk has fixed depth.
        let mut pe = make_pe(&[(RT_BITMAP, RT_BITMAP, vec![1; 4])], false);
        let root_entry_target = 0x200 + 16 + 4;
        pe[root_entry_target..root_entry_target + 4].copy_from_slice(&0x8000_0000u32.to_le_bytes());
        assert_eq!(resource(&pe, RT_BITMAP, RT_BITMAP), None);
    }
}
