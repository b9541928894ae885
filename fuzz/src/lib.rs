//! Shared by the fuzz targets: an allocator that turns an allocation over the documented
//! cap into a crash (libFuzzer then saves the input), and helpers to pick an action from
//! the first bytes of an input.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// No decoder may hold more than this at once: the protocol caps a message at 4 MiB
/// (MESSAGE_MAX) and the guest-data parsers document caps of the same order, so 64 MiB
/// live is far beyond anything an input of libFuzzer's sizes justifies.
pub const LIVE_CAP: usize = 64 << 20;

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// The global allocator of every target: the system allocator plus a live-bytes count.
pub struct CappedAlloc;

fn over_cap(size: usize) -> ! {
    let msg = b"guestfs-fuzz: allocation over the cap (LIVE_CAP)\n";
    // SAFETY: writing a static buffer to fd 2; no allocation on this path.
    unsafe { libc::write(2, msg.as_ptr().cast(), msg.len()) };
    let _ = size;
    std::process::abort()
}

// SAFETY: every method forwards to the system allocator with the caller's layout; the
// counter only observes sizes.
unsafe impl GlobalAlloc for CappedAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        if now > LIVE_CAP {
            over_cap(layout.size());
        }
        // SAFETY: same layout contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc`/`realloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let grow = new_size - layout.size();
            if LIVE.fetch_add(grow, Ordering::Relaxed) + grow > LIVE_CAP {
                over_cap(new_size);
            }
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Every daemon action of the table, in table order (what the wire can carry).
pub fn daemon_actions() -> Vec<&'static guestfs_api::Action> {
    guestfs_api::table()
        .actions
        .iter()
        .filter(|a| a.proc_nr.is_some())
        .collect()
}

/// Splits an input into (an action chosen by its first two bytes, the rest).
pub fn pick_action(data: &[u8]) -> Option<(&'static guestfs_api::Action, &[u8])> {
    if data.len() < 2 {
        return None;
    }
    let actions = daemon_actions();
    let i = u16::from_be_bytes([data[0], data[1]]) as usize % actions.len();
    Some((actions[i], &data[2..]))
}
