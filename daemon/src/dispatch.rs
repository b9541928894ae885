//! One place that turns a request into a reply: header and bitmask checks, argument
//! decoding, the generic argument checks and device-name translation driven by each
//! argument's kind in the API table, the implementation, reverse translation of returned
//! device names, and the reply (or error, after refusing any FileIn chunks).

use std::panic::{self, AssertUnwindSafe};
use std::time::Instant;

use guestfs_api::{Action, ArgType, RetType, StrKind};
use guestfs_protocol::dispatch::decode_call;
use guestfs_protocol::server::{ProgressThrottle, REPLY_TOO_BIG};
use guestfs_protocol::{encode_ret, errno_to_name, Header, RetValue, Value, HEADER_LEN, MESSAGE_MAX};

use crate::calls;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::mountable::split_btrfsvol;
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

    let result = run(d, &header, body);
    finish(d, &header, action, result);

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

fn run(d: &mut Daemon, h: &Header, body: Vec<u8>) -> Result<RetValue> {
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

    let legacy = calls::handler(&action.name);
    if legacy.is_none() && crate::generated::UNIMPLEMENTED.contains(&action.name.as_str()) {
        return Err(Error::with_errno(
            libc::ENOTSUP,
            format!("{}: not implemented in guestfs-rs daemon", action.name),
        ));
    }
    wait_for_modules_needed_by(&action.name);
    // A bug in one implementation must not take the appliance down (we may be PID 1).
    let run = |d: &mut Daemon| match crate::generated::call(d, &req) {
        Some(r) => r,
        None => match legacy {
            Some(f) => f(d, &req),
            None => Err(Error::with_errno(
                libc::ENOTSUP,
                format!("{}: not implemented in guestfs-rs daemon", action.name),
            )),
        },
    };
    match panic::catch_unwind(AssertUnwindSafe(|| run(d))) {
        Ok(r) => r.map(|ret| reverse_translate(d, action, ret)),
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

fn finish(d: &mut Daemon, h: &Header, action: Option<&'static Action>, result: Result<RetValue>) {
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
            let msg = d.devices.reverse_in_text(&e.msg);
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

/// The generated stubs' checks, in argument order: absolute paths and a mounted root for
/// Pathname, device translation and checks for Device/Mountable/Dev_or_Path.
fn check_args(d: &mut Daemon, req: &mut Req) -> Result<()> {
    let stub = req.stub();
    for (i, arg) in req.action.args.iter().enumerate() {
        match &arg.ty {
            ArgType::String(StrKind::Pathname) => {
                let p = req.bytes(i).to_vec();
                abs_path(&stub, &p)?;
                need_root(d, &stub)?;
            }
            ArgType::String(StrKind::Device) => {
                let s = req.str(i);
                let real = resolve_device(d, &stub, &s)?;
                req.args[i] = Value::Str(real.into_bytes());
            }
            ArgType::String(StrKind::Mountable) => {
                let s = req.str(i);
                let m = resolve_mountable(d, &stub, &s)?;
                req.args[i] = Value::Str(m.into_bytes());
            }
            ArgType::String(StrKind::DevOrPath) => {
                let s = req.str(i);
                if is_device_parameter(&d.devices.translate(&s)) {
                    let real = resolve_device(d, &stub, &s)?;
                    req.args[i] = Value::Str(real.into_bytes());
                } else {
                    need_root(d, &stub)?;
                    abs_path(&stub, req.bytes(i))?;
                }
            }
            ArgType::String(StrKind::MountableOrPath) => {
                let s = req.str(i);
                if is_device_parameter(&d.devices.translate(&s)) || !s.starts_with('/') {
                    let m = resolve_mountable(d, &stub, &s)?;
                    req.args[i] = Value::Str(m.into_bytes());
                } else {
                    need_root(d, &stub)?;
                }
            }
            ArgType::StringList(StrKind::Device) => {
                let mut out = Vec::new();
                for s in req.strings(i) {
                    out.push(resolve_device(d, &stub, &s)?.into_bytes());
                }
                req.args[i] = Value::StrList(out);
            }
            _ => {}
        }
    }
    Ok(())
}

fn abs_path(stub: &str, p: &[u8]) -> Result<()> {
    if p.first() != Some(&b'/') {
        return Err(Error::msg(format!("{stub}: path must start with a / character")));
    }
    Ok(())
}

pub fn need_root(d: &Daemon, stub: &str) -> Result<()> {
    if !crate::calls::mount::is_root_mounted(&d.sysroot) {
        return Err(Error::msg(format!(
            "{stub}: you must call 'mount' first to mount the root filesystem"
        )));
    }
    Ok(())
}

/// 1.48's is_device_parameter on an already translated name.
pub fn is_device_parameter(dev: &str) -> bool {
    if !dev.starts_with("/dev/") {
        return false;
    }
    if dev.starts_with("/dev/sd") {
        return true;
    }
    match std::fs::metadata(dev) {
        Ok(m) => {
            use std::os::unix::fs::FileTypeExt;
            if m.is_dir() {
                dev.len() > 5
            } else {
                m.file_type().is_block_device()
            }
        }
        Err(_) => false,
    }
}

/// Translate a caller's device name and check that it is an openable block device,
/// trying the /dev/vd, /dev/hd, /dev/ubd spellings of /dev/sd names as 1.48 does.
pub fn resolve_device(d: &Daemon, stub: &str, dev: &str) -> Result<String> {
    if d.devices.beyond_last_disk(dev) {
        return Err(Error::perror(libc::ENOENT, format!("{stub}: {dev}")));
    }
    let real = d.devices.translate(dev);
    if real != dev {
        crate::vlog!("device name translated: {dev} -> {real}");
    }
    // LV nodes appear once device-mapper is loaded and the volume groups are activated,
    // in the background after launch (init.rs): a name not there yet waits for that.
    if open_ok(&real) == Err(libc::ENOENT) && !crate::init::priority_modules_loaded() {
        crate::init::wait_for_priority_modules();
    }
    let found = match open_ok(&real) {
        Ok(()) => real,
        Err(e) if e != libc::ENXIO && e != libc::ENOENT => {
            return Err(Error::perror(e, format!("{stub}: {dev}")));
        }
        Err(e) => {
            let alt = dev.strip_prefix("/dev/sd").and_then(|rest| {
                ["/dev/vd", "/dev/hd", "/dev/ubd"]
                    .iter()
                    .map(|p| format!("{p}{rest}"))
                    .find(|c| open_ok(c).is_ok())
            });
            match alt {
                Some(a) => a,
                None => return Err(Error::perror(e, format!("{stub}: {dev}"))),
            }
        }
    };
    if !is_device_parameter(&found) {
        return Err(Error::msg(format!("{stub}: {dev}: expecting a device name")));
    }
    // The appliance's own disk (a name past the caller's last disk can reach it) is not
    // the caller's: it does not exist for them.
    if d.devices.is_hidden(&found) {
        return Err(Error::perror(libc::ENOENT, format!("{stub}: {dev}")));
    }
    Ok(found)
}

fn open_ok(p: &str) -> std::result::Result<(), i32> {
    std::fs::File::open(p)
        .map(|_| ())
        .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))
}

fn resolve_mountable(d: &Daemon, stub: &str, s: &str) -> Result<String> {
    if let Some(rest) = s.strip_prefix("btrfsvol:") {
        let parsed = split_btrfsvol(rest, |dev| {
            let real = d.devices.translate(dev);
            is_device_parameter(&real) && open_ok(&real).is_ok()
        });
        let Some((dev, vol)) = parsed else {
            return Err(Error::msg(format!("{stub}: {s}: expecting a btrfs volume")));
        };
        let real = resolve_device(d, stub, &dev)?;
        return Ok(format!("btrfsvol:{real}/{vol}"));
    }
    resolve_device(d, stub, s)
}

/// Returned device names go back to the caller's `/dev/sdX` spelling.
fn reverse_translate(d: &Daemon, action: &Action, ret: RetValue) -> RetValue {
    let dev_kind = |k: &StrKind| matches!(k, StrKind::Device | StrKind::Mountable);
    match (&action.ret.ty, ret) {
        (RetType::String(k), RetValue::Str(s)) if dev_kind(k) => {
            RetValue::Str(d.devices.reverse_mountable(&String::from_utf8_lossy(&s)).into_bytes())
        }
        (RetType::StringList(k), RetValue::StrList(l)) if dev_kind(k) => RetValue::StrList(
            l.iter()
                .map(|s| d.devices.reverse_mountable(&String::from_utf8_lossy(s)).into_bytes())
                .collect(),
        ),
        (_, r) => r,
    }
}
