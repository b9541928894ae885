//! Fuzz-style property tests of the readers of guest bytes behind inspect_get_icon: random
//! and mutated PE files and bitmaps must never panic, must finish quickly and must not
//! produce more than the documented caps. (Coverage-guided fuzzing lives in fuzz/; this
//! runs in every `cargo test`.)

use crate::dib;
use crate::pe;
use crate::png;
use crate::test_images::{make_dib, make_pe};
use std::time::{Duration, Instant};

use crate::test_rng::Rng;

/// One of: flip bits, overwrite a word with an interesting value, truncate, duplicate a
/// slice, or insert random bytes.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    const INTERESTING: [u32; 9] = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x8000_0000, 0xffff_ffff, 0x7fff_ffff];
    for _ in 0..1 + rng.below(4) {
        if data.is_empty() {
            data.push(rng.next_u64() as u8);
        }
        let at = rng.below(data.len());
        match rng.below(5) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => {
                let v = INTERESTING[rng.below(INTERESTING.len())].to_le_bytes();
                let end = (at + 4).min(data.len());
                data[at..end].copy_from_slice(&v[..end - at]);
            }
            2 => data.truncate(at),
            3 => {
                let len = rng.below(64).min(data.len() - at);
                let piece = data[at..at + len].to_vec();
                let to = rng.below(data.len());
                data.splice(to..to, piece);
            }
            _ => {
                let n = rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                data.splice(at..at, bytes);
            }
        }
    }
}

/// The whole extraction as inspect_get_icon does it, on `exe`.
fn extract(exe: &[u8], id: u32) -> Option<Vec<u8>> {
    let img = dib::decode(pe::resource(exe, pe::RT_BITMAP, id)?)?;
    assert!(img.width <= dib::MAX_SIDE && img.height <= dib::MAX_SIDE);
    assert!(img.width as u64 * img.height as u64 <= dib::MAX_PIXELS);
    assert_eq!(img.rgb.len(), img.width as usize * img.height as usize * 3);
    Some(png::encode(img.width, img.height, png::Color::Rgb, &img.rgb))
}

fn seeds() -> Vec<Vec<u8>> {
    let pal: Vec<u8> = (0..256u32).flat_map(|i| [i as u8, 255 - i as u8, 7, 0]).collect();
    let rows = |w: usize, h: usize, bpp: usize| -> Vec<Vec<u8>> {
        (0..h)
            .map(|y| (0..(w * bpp).div_ceil(8)).map(|x| (x * 31 + y * 7) as u8).collect())
            .collect()
    };
    let bitmaps = [
        make_dib(16, 60, 24, 0, &[], &rows(16, 60, 24)),
        make_dib(8, -8, 32, 0, &[], &rows(8, 8, 32)),
        make_dib(9, 5, 8, 0, &pal, &rows(9, 5, 8)),
        make_dib(9, 5, 4, 0, &pal[..64], &rows(9, 5, 4)),
        make_dib(17, 3, 1, 0, &pal[..8], &rows(17, 3, 1)),
    ];
    let mut seeds = Vec::new();
    for (i, b) in bitmaps.iter().enumerate() {
        seeds.push(make_pe(
            &[(pe::RT_BITMAP, 143, b.clone()), (3, 1, vec![9; 40])],
            i % 2 == 0,
        ));
    }
    seeds
}

#[test]
fn seeds_decode() {
    for s in seeds() {
        let png = extract(&s, 143).expect("seed must decode");
        png::tests::decode(&png);
    }
}

#[test]
fn mutated_pe_files_never_panic() {
    let seeds = seeds();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = Instant::now();
    let mut decoded = 0;
    for i in 0..20_000 {
        let mut data = seeds[i % seeds.len()].clone();
        mutate(&mut rng, &mut data);
        let t = Instant::now();
        if extract(&data, 143).is_some() {
            decoded += 1;
        }
        assert!(t.elapsed() < Duration::from_millis(500), "iteration {i} too slow");
    }
    // The mutations must leave many inputs readable, or this tests only the first checks.
    assert!(decoded > 2_000, "only {decoded} mutated files decoded");
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn mutated_bitmaps_never_panic() {
    let mut rng = Rng(42);
    let bitmaps: Vec<Vec<u8>> = seeds()
        .iter()
        .map(|pe| pe::resource(pe, 2, 143).unwrap().to_vec())
        .collect();
    for i in 0..50_000 {
        let mut data = bitmaps[i % bitmaps.len()].clone();
        mutate(&mut rng, &mut data);
        if let Some(img) = dib::decode(&data) {
            assert_eq!(img.rgb.len(), img.width as usize * img.height as usize * 3);
            // Pixels are read, never invented: the input holds at least a bit per pixel.
            assert!(img.width as usize * img.height as usize <= data.len() * 8);
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(7);
    for _ in 0..20_000 {
        let len = rng.below(2048);
        let mut data: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        // Half the time, look like a PE so the deeper checks are reached.
        if len > 0x90 && rng.below(2) == 0 {
            data[..2].copy_from_slice(b"MZ");
            data[0x3c..0x40].copy_from_slice(&0x80u32.to_le_bytes());
            data[0x80..0x84].copy_from_slice(b"PE\0\0");
        }
        let _ = extract(&data, 143);
        let _ = dib::decode(&data);
    }
}
