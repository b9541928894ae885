//! One place that turns a request into a reply: header and bitmask checks, argument
//! decoding, the generic argument checks and device-name translation driven by each
//! argument's kind in the API table, the implementation, reverse translation of returned
//! device names, and the reply (or error, after refusing any FileIn chunks).

use std::panic::{self, AssertUnwindSafe};
use std::time::Instant;

use guestfs_api::Action;
use guestfs_protocol::dispatch::decode_call;
use guestfs_protocol::server::{ProgressThrottle, REPLY_TOO_BIG};
use guestfs_protocol::{encode_ret, errno_to_name, Header, RetValue, Value, HEADER_LEN, MESSAGE_MAX};

use crate::checks::check_args;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

/// Serve one request. Connection failures are left in `d.broken` for the main loop.
pub fn handle(d: &mut Daemon, header: Header, body: Vec<u8>) {
    let started = Instant::now();
    let action = d.api.by_proc(header.proc_nr);
    let name = action.map(|a| a.name.as_str()).unwrap_or("(unknown)");
    crate::vlog!(
        "guestfsd: <= {} (0x{:x}) request length {} bytes",
        name,
        header.proc_nr,
        body.len() + HEADER_LEN
    );
    d.cur = Some(header);
    d.throttle = ProgressThrottle::new();
    d.replied = false;
    d.file_in_pending = action.is_some_and(|a| a.file_in_args().next().is_some());

    let mut caller_spelled = false;
    let result = run(d, &header, body, &mut caller_spelled);
    finish(d, &header, action, result, caller_spelled);

    if let Some(a) = action {
        crate::vlog!(
            "guestfsd: => {} (0x{:x}) took {:.2} secs",
            a.name,
            header.proc_nr,
            started.elapsed().as_secs_f64()
        );
    }
    d.cur = None;
}

/// `caller_spelled` is set when the error (if any) comes from decoding or checking the
/// arguments: those messages already name devices as the caller did, so they must not be
/// translated back a second time (caller /dev/sdc, past the last disk, would otherwise
/// become /dev/sdb when the appliance's /dev/sdc is the caller's second disk).
fn run(d: &mut Daemon, h: &Header, body: Vec<u8>, caller_spelled: &mut bool) -> Result<RetValue> {
    *caller_spelled = true;
    // Header, procedure number, optargs bitmask and argument decoding, in 1.48's order
    // (protocol::dispatch, the code the `message` fuzz target exercises).
    let call = decode_call(d.api, h, &body).map_err(|rej| Error::msg(rej.message))?;
    let action: &'static Action = call.action;
    let mut req = Req {
        header: *h,
        action,
        args: with_file_placeholders(action, call.args),
        optargs: call.optargs,
    };
    check_args(d, &mut req)?;
    *caller_spelled = false;

    if crate::table::UNIMPLEMENTED.contains(&action.name.as_str()) {
        return Err(Error::with_errno(
            libc::ENOTSUP,
            format!("{}: not implemented in guestfs-rs daemon", action.name),
        ));
    }
    wait_for_modules_needed_by(&action.name);
    // A bug in one implementation must not take the appliance down (we may be PID 1).
    let run = |d: &mut Daemon| crate::generated::call(d, &req);
    match panic::catch_unwind(AssertUnwindSafe(|| run(d))) {
        Ok(r) => r,
        Err(p) => {
            let what = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(Error::msg(format!(
                "{}: internal error in guestfsd: {what}",
                action.name
            )))
        }
    }
}

/// Calls that may need device-mapper drivers wait for the priority modules; the rarer
/// subsystems wait for all of them. Mounts do not wait up front: the filesystem's driver
/// is usually loaded by then, and a mount that fails while modules are still loading is
/// retried after them (calls/mount.rs).
fn wait_for_modules_needed_by(name: &str) {
    let prefix = |p: &[&str]| p.iter().any(|x| name.starts_with(x));
    if prefix(&["lv", "vg", "pv", "mount_loop", "list_ldm"]) || name == "list_filesystems" || name == "inspect_os" {
        crate::init::wait_for_priority_modules();
    } else if prefix(&["btrfs", "md", "cryptsetup", "luks", "ldm", "mdadm", "list_md"]) || name == "mkfs_btrfs" {
        crate::init::wait_for_modules();
    }
}

fn finish(d: &mut Daemon, h: &Header, action: Option<&'static Action>, result: Result<RetValue>, caller_spelled: bool) {
    if d.broken.is_some() {
        return;
    }
    let result = result.and_then(|ret| match action {
        Some(a) if !d.replied => encode(d, a, &ret),
        _ => Ok(Vec::new()),
    });
    let io = match result {
        Ok(body) => {
            if d.replied {
                Ok(())
            } else {
                d.t.reply_ok(h, &body)
            }
        }
        Err(e) => {
            if d.file_in_pending {
                d.file_in_pending = false;
                if let Err(ioe) = d.t.cancel_receive() {
                    d.broken = Some(ioe);
                    return;
                }
            }
            let msg = if caller_spelled {
                e.msg.clone()
            } else {
                d.devices.reverse_in_text(&e.msg)
            };
            crate::log::line(format!("guestfsd: error: {msg}"));
            if d.replied {
                // FileOut after its OK reply: the protocol has no room for an error.
                Ok(())
            } else {
                d.t.reply_error(h, errno_to_name(e.errno), &msg)
            }
        }
    };
    if let Err(e) = io {
        d.broken = Some(e);
    }
}

fn encode(d: &Daemon, a: &Action, ret: &RetValue) -> Result<Vec<u8>> {
    let too_big = || Error::msg(REPLY_TOO_BIG);
    let body = encode_ret(a, d.api, ret).map_err(|_| too_big())?;
    if body.len() + HEADER_LEN > MESSAGE_MAX as usize {
        return Err(too_big());
    }
    Ok(body)
}

/// Put empty strings where FileIn/FileOut args sit so indexes match the declaration.
fn with_file_placeholders(action: &Action, wire: Vec<Value>) -> Vec<Value> {
    let mut it = wire.into_iter();
    action
        .args
        .iter()
        .map(|a| {
            if a.is_file_transfer() {
                Value::Str(Vec::new())
            } else {
                it.next().unwrap_or(Value::Str(Vec::new()))
            }
        })
        .collect()
}
