//! Bytes the daemon reads from processes that parsed guest data: the librpm child's
//! record stream (the child runs a C library on a hostile database), `mdadm --examine`
//! output and `btrfs subvolume list` lines. The first byte picks the parser.
#![no_main]
use guestfs_fuzz::CappedAlloc;
use guestfs_guestdata::{rpm_records, tool_output};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 3 {
        0 => {
            let _ = rpm_records::decode(rest);
        }
        1 => {
            let _ = tool_output::md_members_in_discovery_order(&String::from_utf8_lossy(rest));
        }
        _ => {
            for line in String::from_utf8_lossy(rest).lines() {
                let _ = tool_output::parse_subvolume_line(line);
            }
        }
    }
});
