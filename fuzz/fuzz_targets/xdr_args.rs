//! The daemon decoding a call's arguments and optional arguments for any action.
#![no_main]
use guestfs_fuzz::{pick_action, CappedAlloc};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

fuzz_target!(|data: &[u8]| {
    if let Some((action, body)) = pick_action(data) {
        let _ = guestfs_protocol::decode_args(action, body);
    }
});
