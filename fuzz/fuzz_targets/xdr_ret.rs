//! The library decoding a daemon reply body for any action (every return type, every
//! struct list layout of the table).
#![no_main]
use guestfs_fuzz::{pick_action, CappedAlloc};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

fuzz_target!(|data: &[u8]| {
    if let Some((action, body)) = pick_action(data) {
        let _ = guestfs_protocol::decode_ret(action, guestfs_api::table(), body);
    }
});
