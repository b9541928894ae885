//! inspect_get_icon's readers of guest bytes, as the library uses them: a PE file's bitmap
//! resources (Windows XP's and 7's ids) decoded and written as PNG, the input read as a
//! bare bitmap, and the CirrOS logo renderer on inputs up to its 1 KiB download cap.
//! The readers are the library's own, from the guestfs-guestdata crate.
#![no_main]
use guestfs_fuzz::CappedAlloc;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

use guestfs_guestdata::{cirros, dib, pe, png};

fn to_png(img: dib::Image) {
    assert_eq!(img.rgb.len(), img.width as usize * img.height as usize * 3);
    let _ = png::encode(img.width, img.height, png::Color::Rgb, &img.rgb);
}

fuzz_target!(|data: &[u8]| {
    for (id, rows) in [(143, None), (6801, Some(55))] {
        if let Some(img) = pe::resource(data, pe::RT_BITMAP, id).and_then(dib::decode) {
            match rows {
                Some(n) => {
                    if let Some(top) = img.top(n) {
                        to_png(top)
                    }
                }
                None => to_png(img),
            }
        }
    }
    if let Some(img) = dib::decode(data) {
        to_png(img);
    }
    if data.len() <= 1024 {
        let _ = cirros::render(data);
    }
});
