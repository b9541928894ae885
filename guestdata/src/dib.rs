//! Decoder for device-independent bitmaps (the body of a .bmp file, and of a PE RT_BITMAP
//! resource), from hostile bytes. Handles the layouts Windows' own bitmaps use: the
//! OS/2 core header and the 40-byte info header (and its V4/V5 extensions), 1/4/8-bit
//! palettes, 16-bit (5-5-5 or bit fields), 24-bit and 32-bit (BGRx or bit fields).
//! Compressed bitmaps (RLE, embedded JPEG/PNG) are refused. Alpha is dropped, as netpbm's
//! bmptopnm does for these bitmaps, so the result is plain RGB.
//!
//! Bounds: every read is checked against the input; a side is at most `MAX_SIDE` pixels
//! and an image at most `MAX_PIXELS`, so the output is at most 12 MiB; the work is one
//! pass over the pixels.

/// Longest side accepted, in pixels.
pub const MAX_SIDE: u32 = 4096;
/// Most pixels accepted in one image.
pub const MAX_PIXELS: u64 = 4 * 1024 * 1024;

/// An RGB image, rows top first, 3 bytes a pixel.
#[derive(Debug, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

impl Image {
    /// The top `rows` rows, or None when the image is shorter (as netpbm's pamcut refuses
    /// a bottom edge below the image).
    pub fn top(mut self, rows: u32) -> Option<Image> {
        if rows > self.height {
            return None;
        }
        self.rgb.truncate(rows as usize * self.width as usize * 3);
        self.height = rows;
        Some(self)
    }
}

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(off..off.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(off..off.checked_add(4)?)?.try_into().ok()?))
}

const BI_RGB: u32 = 0;
const BI_BITFIELDS: u32 = 3;

/// A channel given as a bit mask of the pixel value.
#[derive(Clone, Copy)]
struct Field {
    mask: u32,
    shift: u32,
    max: u32,
}

impl Field {
    fn new(mask: u32) -> Field {
        let shift = if mask == 0 { 0 } else { mask.trailing_zeros() };
        Field {
            mask,
            shift,
            max: mask.checked_shr(shift).unwrap_or(0),
        }
    }

    fn get(self, px: u32) -> u8 {
        if self.max == 0 {
            return 0;
        }
        let v = (px & self.mask) >> self.shift;
        (v as u64 * 255 / self.max as u64) as u8
    }
}

/// Decodes a DIB (no BITMAPFILEHEADER): header, optional masks, palette, pixels.
pub fn decode(dib: &[u8]) -> Option<Image> {
    let header_len = u32_at(dib, 0)? as usize;
    let (width, height, bpp, compression, colors_used, palette_entry);
    if header_len == 12 {
        width = u16_at(dib, 4)? as i64;
        height = u16_at(dib, 6)? as i16 as i64;
        bpp = u16_at(dib, 10)?;
        compression = BI_RGB;
        colors_used = 0;
        palette_entry = 3;
    } else if (40..=1024).contains(&header_len) {
        width = u32_at(dib, 4)? as i32 as i64;
        height = u32_at(dib, 8)? as i32 as i64;
        bpp = u16_at(dib, 14)?;
        compression = u32_at(dib, 16)?;
        colors_used = u32_at(dib, 32)?;
        palette_entry = 4;
    } else {
        return None;
    }
    if dib.len() < header_len {
        return None;
    }
    let top_down = height < 0;
    let (w, h) = (width, height.abs());
    if w <= 0 || h == 0 || w > MAX_SIDE as i64 || h > MAX_SIDE as i64 || (w * h) as u64 > MAX_PIXELS {
        return None;
    }
    let (w, h) = (w as usize, h as usize);
    let mut pos = header_len;

    // Bit fields: in the header from V4 (52+ bytes), else three masks after it.
    let fields = match (compression, bpp) {
        (BI_BITFIELDS, 16 | 32) => {
            let at = if header_len >= 52 { 40 } else { header_len };
            let masks = [u32_at(dib, at)?, u32_at(dib, at + 4)?, u32_at(dib, at + 8)?];
            if header_len < 52 {
                pos += 12;
            }
            Some(masks.map(Field::new))
        }
        (BI_RGB, 16) => Some([0x7c00, 0x03e0, 0x001f].map(Field::new)),
        (BI_RGB, 1 | 4 | 8 | 24 | 32) => None,
        _ => return None,
    };

    let palette: Vec<[u8; 3]> = if bpp <= 8 {
        let count = if colors_used == 0 {
            1usize << bpp
        } else {
            colors_used as usize
        };
        if count > 256 {
            return None;
        }
        let bytes = dib.get(pos..pos.checked_add(count * palette_entry)?)?;
        pos += count * palette_entry;
        bytes.chunks(palette_entry).map(|c| [c[2], c[1], c[0]]).collect()
    } else {
        Vec::new()
    };

    let stride = (w * bpp as usize).div_ceil(32) * 4;
    let pixels = dib.get(pos..pos.checked_add(stride.checked_mul(h)?)?)?;
    let mut rgb = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        let src_row = if top_down { y } else { h - 1 - y };
        let row = &pixels[src_row * stride..(src_row + 1) * stride];
        for x in 0..w {
            let px = match bpp {
                1 | 4 | 8 => {
                    let bits = bpp as usize;
                    let bit = x * bits;
                    let byte = row[bit / 8];
                    let index = (byte >> (8 - bits - bit % 8)) & ((1u16 << bits) - 1) as u8;
                    // An index past the palette is drawn black.
                    palette.get(index as usize).copied().unwrap_or([0, 0, 0])
                }
                24 => [row[x * 3 + 2], row[x * 3 + 1], row[x * 3]],
                16 | 32 => {
                    let v = if bpp == 16 {
                        u16::from_le_bytes([row[x * 2], row[x * 2 + 1]]) as u32
                    } else {
                        u32::from_le_bytes(row[x * 4..x * 4 + 4].try_into().ok()?)
                    };
                    match fields {
                        Some([r, g, b]) => [r.get(v), g.get(v), b.get(v)],
                        None => [(v >> 16) as u8, (v >> 8) as u8, v as u8],
                    }
                }
                _ => return None,
            };
            rgb.extend_from_slice(&px);
        }
    }
    Some(Image {
        width: w as u32,
        height: h as u32,
        rgb,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_images::make_dib;

    #[test]
    fn decodes_24_and_32_bit() {
        let rows = vec![vec![1, 2, 3, 4, 5, 6], vec![7, 8, 9, 10, 11, 12]];
        let img = decode(&make_dib(2, 2, 24, BI_RGB, &[], &rows)).unwrap();
        assert_eq!(img.rgb, vec![3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10]);
        // Top-down (negative height) keeps the order.
        let img = decode(&make_dib(2, -2, 24, BI_RGB, &[], &rows)).unwrap();
        assert_eq!(&img.rgb[..3], &[3, 2, 1]);
        let rows = vec![vec![10, 20, 30, 0x80, 40, 50, 60, 0xff]];
        let img = decode(&make_dib(2, 1, 32, BI_RGB, &[], &rows)).unwrap();
        assert_eq!(img.rgb, vec![30, 20, 10, 60, 50, 40]);
    }

    #[test]
    fn decodes_palettes() {
        let mut pal = Vec::new();
        for c in [[0u8, 0, 0xff, 0], [0, 0xff, 0, 0], [0xff, 0, 0, 0], [9, 9, 9, 0]] {
            pal.extend_from_slice(&c);
        }
        // 1 bit: first two palette entries (colors_used 0 => 2 entries).
        let img = decode(&make_dib(9, 1, 1, BI_RGB, &pal[..8], &[vec![0b0100_0000, 0b1000_0000]])).unwrap();
        assert_eq!(&img.rgb[..6], &[255, 0, 0, 0, 255, 0]);
        assert_eq!(&img.rgb[24..27], &[0, 255, 0]);
        // 4 bit: 16 entries expected.
        let mut pal16 = pal.clone();
        pal16.resize(64, 0);
        let img = decode(&make_dib(3, 1, 4, BI_RGB, &pal16, &[vec![0x23, 0x10]])).unwrap();
        assert_eq!(img.rgb, vec![0, 0, 255, 9, 9, 9, 0, 255, 0]);
        // 8 bit.
        let mut pal256 = pal.clone();
        pal256.resize(1024, 0);
        let img = decode(&make_dib(2, 1, 8, BI_RGB, &pal256, &[vec![2, 200]])).unwrap();
        assert_eq!(img.rgb, vec![0, 0, 255, 0, 0, 0]);
    }

    #[test]
    fn decodes_bitfields_and_555() {
        let masks: Vec<u8> = [0xf800u32, 0x07e0, 0x001f]
            .iter()
            .flat_map(|m| m.to_le_bytes())
            .collect();
        let img = decode(&make_dib(1, 1, 16, BI_BITFIELDS, &masks, &[vec![0x00, 0xf8]])).unwrap();
        assert_eq!(img.rgb, vec![255, 0, 0]);
        let img = decode(&make_dib(1, 1, 16, BI_RGB, &[], &[vec![0xe0, 0x03]])).unwrap();
        assert_eq!(img.rgb, vec![0, 255, 0]);
    }

    #[test]
    fn five_bit_channels_scale_as_netpbm() {
        // netpbm 11's bmptopnm maps 5-bit v to floor(v * 255 / 31): 0, 8, 16, 24, 32, 41 ...
        let row: Vec<u8> = (0..32u16)
            .flat_map(|v| ((v << 10) | (v << 5) | v).to_le_bytes())
            .collect();
        let img = decode(&make_dib(32, 1, 16, BI_RGB, &[], &[row])).unwrap();
        let reds: Vec<u8> = img.rgb.chunks(3).map(|p| p[0]).collect();
        assert_eq!(&reds[..6], &[0, 8, 16, 24, 32, 41]);
        assert_eq!(&reds[29..], &[238, 246, 255]);
        assert!(img.rgb.chunks(3).all(|p| p[0] == p[1] && p[1] == p[2]));
    }

    #[test]
    fn refuses_bad_headers() {
        assert_eq!(decode(&[]), None);
        let rows = vec![vec![0; 6]; 2];
        let good = make_dib(2, 2, 24, BI_RGB, &[], &rows);
        assert!(decode(&good[..good.len() - 1]).is_none(), "truncated pixels");
        assert!(decode(&make_dib(2, 2, 24, 1, &[], &rows)).is_none(), "RLE");
        assert!(decode(&make_dib(0, 2, 24, BI_RGB, &[], &rows)).is_none(), "zero width");
        assert!(decode(&make_dib(5000, 1, 24, BI_RGB, &[], &[])).is_none(), "too wide");
        assert!(decode(&make_dib(2, 2, 7, BI_RGB, &[], &rows)).is_none(), "odd depth");
        let img = decode(&good).unwrap();
        assert!(img.top(3).is_none());
    }
}
