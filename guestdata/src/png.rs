//! A minimal PNG encoder for the icons this library renders itself (Windows bitmaps,
//! the CirrOS text logo). The image data is zlib-wrapped deflate "stored" blocks: no
//! compression, but no compressor to get wrong either, and icons are small (the largest
//! accepted image, `MAX_PIXELS` RGB, stays under 13 MB). CRC-32 and Adler-32 are computed
//! here, so no new dependency.

/// Pixel layouts the encoder writes (all 8 bits a sample, except `Gray1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// One bit a pixel, 0 = black, 1 = white (what netpbm gives for a bitmap).
    Gray1,
    /// Red, green, blue.
    Rgb,
}

impl Color {
    fn ihdr(self) -> (u8, u8) {
        match self {
            Color::Gray1 => (1, 0),
            Color::Rgb => (8, 2),
        }
    }

    /// Bytes of one packed row (without the filter byte).
    pub fn row_bytes(self, width: u32) -> usize {
        match self {
            Color::Gray1 => (width as usize).div_ceil(8),
            Color::Rgb => width as usize * 3,
        }
    }
}

/// Encodes `rows` (height rows of `color.row_bytes(width)` bytes each, top row first).
/// Panics only on a caller's bug (wrong data length), never on pixel values.
pub fn encode(width: u32, height: u32, color: Color, rows: &[u8]) -> Vec<u8> {
    let row_len = color.row_bytes(width);
    assert_eq!(rows.len(), row_len * height as usize, "png::encode: pixel data size");
    // Raw scanlines: filter type 0 ("None") then the row.
    let mut raw = Vec::with_capacity((row_len + 1) * height as usize);
    for row in rows.chunks(row_len.max(1)).take(height as usize) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    if row_len == 0 {
        raw.resize(height as usize, 0);
    }
    let (depth, kind) = color.ihdr();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, kind, 0, 0, 0]);

    let mut out = Vec::with_capacity(raw.len() + raw.len() / 65535 * 5 + 64);
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream (RFC 1950) holding `data` in deflate stored blocks (RFC 1951 3.2.4).
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    // CMF: deflate, 32K window; FLG: no dictionary, check bits so CMF*256+FLG % 31 == 0.
    let mut z = vec![0x78, 0x01];
    let mut blocks = data.chunks(65535).peekable();
    if blocks.peek().is_none() {
        z.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let last = blocks.peek().is_none();
        let len = block.len() as u16;
        z.push(last as u8);
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    z.extend_from_slice(&adler32(data).to_be_bytes());
    z
}

/// CRC-32 as PNG uses it (ISO 3309 polynomial, reflected), bitwise over a small table.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[n] = c;
            n += 1;
        }
        t
    };
    let mut c = 0xffff_ffffu32;
    for &b in data {
        c = TABLE[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    c ^ 0xffff_ffff
}

/// Adler-32 (RFC 1950 8.2).
pub fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before b could overflow a u32.
    for block in data.chunks(5552) {
        for &x in block {
            a += x as u32;
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

#[cfg(test)]
pub mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
        assert_eq!(adler32(&[]), 1);
        // Long input crosses the 5552-byte reduction boundary.
        let big = vec![0xffu8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &x in &big {
            a = (a + x as u64) % 65521;
            b = (b + a) % 65521;
        }
        assert_eq!(adler32(&big) as u64, (b << 16) | a);
    }

    /// A PNG decoder for this encoder's own output (stored blocks, filter 0 only): returns
    /// (width, height, bit depth, colour type, raw rows). Checks every CRC and the Adler.
    pub fn decode(png: &[u8]) -> (u32, u32, u8, u8, Vec<u8>) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut pos = 8;
        let (mut w, mut h, mut depth, mut kind) = (0, 0, 0, 0);
        let mut idat = Vec::new();
        loop {
            let len = u32::from_be_bytes(png[pos..pos + 4].try_into().unwrap()) as usize;
            let kind_data = &png[pos + 4..pos + 8 + len];
            let crc = u32::from_be_bytes(png[pos + 8 + len..pos + 12 + len].try_into().unwrap());
            assert_eq!(crc32(kind_data), crc, "chunk CRC");
            let data = &kind_data[4..];
            match &kind_data[..4] {
                b"IHDR" => {
                    w = u32::from_be_bytes(data[0..4].try_into().unwrap());
                    h = u32::from_be_bytes(data[4..8].try_into().unwrap());
                    depth = data[8];
                    kind = data[9];
                }
                b"IDAT" => idat.extend_from_slice(data),
                b"IEND" => break,
                other => panic!("unexpected chunk {other:?}"),
            }
            pos += 12 + len;
        }
        assert_eq!(pos + 12, png.len());
        assert_eq!((idat[0] as u32 * 256 + idat[1] as u32) % 31, 0);
        let mut p = 2;
        let mut raw = Vec::new();
        loop {
            let last = idat[p] & 1;
            assert_eq!(idat[p] & 6, 0, "stored block");
            let len = u16::from_le_bytes([idat[p + 1], idat[p + 2]]);
            let nlen = u16::from_le_bytes([idat[p + 3], idat[p + 4]]);
            assert_eq!(len, !nlen);
            raw.extend_from_slice(&idat[p + 5..p + 5 + len as usize]);
            p += 5 + len as usize;
            if last == 1 {
                break;
            }
        }
        assert_eq!(u32::from_be_bytes(idat[p..p + 4].try_into().unwrap()), adler32(&raw));
        let row_len = if kind == 0 {
            (w as usize).div_ceil(8)
        } else {
            w as usize * 3
        } + 1;
        let mut rows = Vec::new();
        for r in raw.chunks(row_len) {
            assert_eq!(r[0], 0, "filter type");
            rows.extend_from_slice(&r[1..]);
        }
        (w, h, depth, kind, rows)
    }

    #[test]
    fn round_trips_rgb_and_gray() {
        let rows: Vec<u8> = (0..3 * 5 * 4).map(|i| i as u8).collect();
        let png = encode(5, 4, Color::Rgb, &rows);
        assert_eq!(decode(&png), (5, 4, 8, 2, rows));
        let rows = vec![0b1010_1010, 0b1100_0000, 0xff, 0x00];
        let png = encode(10, 2, Color::Gray1, &rows);
        assert_eq!(decode(&png), (10, 2, 1, 0, rows));
    }

    #[test]
    fn many_stored_blocks() {
        // 300 x 300 RGB: 270 300 bytes of scanlines, five stored blocks.
        let rows = vec![7u8; 300 * 300 * 3];
        let png = encode(300, 300, Color::Rgb, &rows);
        assert_eq!(decode(&png).4, rows);
    }
}
