//! The library's whole client path against a hostile daemon: the input (after two bytes
//! choosing the action) is everything the daemon sends on the channel — framing, cancel,
//! launch and progress flags, the reply header and body, and FileOut chunk streams —
//! followed by end of file. The call must end in a result or an error, never a panic, a
//! hang or an allocation over the cap.
#![no_main]
use std::io::Write;
use std::os::unix::net::UnixStream;
use std::sync::atomic::AtomicBool;

use guestfs_fuzz::{pick_action, CappedAlloc};
use guestfs_protocol::{ClientEvents, Connection, Progress, Value};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

struct Quiet;
impl ClientEvents for Quiet {
    fn progress(&self, _p: &Progress) {}
    fn appliance_output(&self, _data: &[u8]) {}
    fn debug(&self, _msg: &str) {}
}

/// Arguments of the right types; FileIn reads /dev/null, FileOut writes /dev/null.
fn args_for(action: &guestfs_api::Action) -> Vec<Value> {
    action
        .args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if a.is_file_transfer() {
                Value::Str(b"/dev/null".to_vec())
            } else {
                guestfs_protocol::samples::sample_arg(&a.ty, i)
            }
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((action, stream)) = pick_action(data) else {
        return;
    };
    let (lib, mut daemon) = UnixStream::pair().expect("socketpair");
    // libFuzzer's inputs are small (max_len), well under the socket buffer: write it all,
    // then end of file, before the call reads.
    let _ = daemon.write_all(stream);
    let _ = daemon.shutdown(std::net::Shutdown::Write);
    let mut conn = Connection::new(lib, None);
    let optargs = vec![None; action.optargs.len()];
    let _ = conn.call(
        &Quiet,
        action,
        guestfs_api::table(),
        &args_for(action),
        &optargs,
        &AtomicBool::new(false),
    );
});
