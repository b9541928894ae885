//! The library decoding a daemon reply body for any action (every return type, every
//! struct list layout of the table), and the same bytes as a stream of structs of the
//! action's struct type, as filesystem_walk, find_inode and yara_scan read the files
//! their internal calls send.
#![no_main]
use guestfs_fuzz::{pick_action, CappedAlloc};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

fuzz_target!(|data: &[u8]| {
    if let Some((action, body)) = pick_action(data) {
        let _ = guestfs_protocol::decode_ret(action, guestfs_api::table(), body);
        if let guestfs_api::RetType::StructList(name) | guestfs_api::RetType::Struct(name) = &action.ret.ty {
            let _ = guestfs_protocol::decode_struct_stream(guestfs_api::table(), name, body);
        }
    }
});
