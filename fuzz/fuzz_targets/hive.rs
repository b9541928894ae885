//! The registry hive reader (inspection's Windows registry, in the daemon; Windows
//! application lists, on the host): open the input as a hive and walk it the way its
//! users do — every key's name, subkeys and values, every value as a string and a dword,
//! and the paths inspection looks up — bounded by a visit budget, since a crafted hive
//! can make its key graph cyclic.
#![no_main]
use guestfs_fuzz::CappedAlloc;
use guestfs_guestdata::hive::Hive;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

const VISITS: usize = 2000;

fuzz_target!(|data: &[u8]| {
    let Some(h) = Hive::new(data.to_vec()) else { return };
    let Some(root) = h.root() else { return };
    let mut stack = vec![(root, 0u32)];
    let mut visits = 0;
    while let Some((n, depth)) = stack.pop() {
        visits += 1;
        if visits > VISITS {
            break;
        }
        let _ = h.node_name(n);
        for v in h.values(n) {
            let _ = v.string();
            let _ = v.dword();
        }
        if depth < 64 {
            stack.extend(h.children(n).into_iter().map(|c| (c, depth + 1)));
        }
    }
    for path in [
        &["Microsoft", "Windows NT", "CurrentVersion"][..],
        &["Microsoft", "Windows", "CurrentVersion", "Uninstall"][..],
        &["Select"][..],
        &["MountedDevices"][..],
    ] {
        if let Some(n) = h.path(path) {
            let _ = h.values(n);
            let _ = h.children(n);
        }
    }
});
