//! The JSON reader that parses ldmtool's output (metadata read from guest disks): any
//! input gives a value or an error, with bounded nesting and linear time.
#![no_main]
use guestfs_fuzz::CappedAlloc;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

fuzz_target!(|data: &[u8]| {
    let _ = guestfs_guestdata::json::parse(data);
});
