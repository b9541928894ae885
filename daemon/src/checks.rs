//! Argument checks and device-name resolution: what 1.48's generated stubs check for each
//! argument kind (absolute paths, a mounted root, devices that exist and are not the
//! appliance's own) and the translation of the caller's device names to the appliance's.
//! The dispatcher runs them before every call (results come back as
//! `devices::CallerName`s); family modules use the same functions for arguments they
//! resolve themselves.

use guestfs_api::{ArgType, StrKind};
use guestfs_protocol::Value;

use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::mountable::split_btrfsvol;
use crate::request::Req;

/// The generated stubs' checks, in argument order: absolute paths and a mounted root for
/// Pathname, device translation and checks for Device/Mountable/Dev_or_Path.
pub fn check_args(d: &mut Daemon, req: &mut Req) -> Result<()> {
    let stub = req.stub();
    for (i, arg) in req.action.args.iter().enumerate() {
        match &arg.ty {
            ArgType::String(StrKind::Pathname) => {
                let p = req.decode_bytes(i)?.to_vec();
                abs_path(&stub, &p)?;
                need_root(d, &stub)?;
            }
            ArgType::String(StrKind::Device) => {
                let s = req.decode_str(i)?;
                let real = resolve_device(d, &stub, &s)?;
                req.args[i] = Value::Str(real.into_bytes());
            }
            ArgType::String(StrKind::Mountable) => {
                let s = req.decode_str(i)?;
                let m = resolve_mountable(d, &stub, &s)?;
                req.args[i] = Value::Str(m.into_bytes());
            }
            ArgType::String(StrKind::DevOrPath) => {
                let s = req.decode_str(i)?;
                if is_device_parameter(&d.devices.translate(&s)) {
                    let real = resolve_device(d, &stub, &s)?;
                    req.args[i] = Value::Str(real.into_bytes());
                } else {
                    need_root(d, &stub)?;
                    abs_path(&stub, req.decode_bytes(i)?)?;
                }
            }
            ArgType::String(StrKind::MountableOrPath) => {
                let s = req.decode_str(i)?;
                if is_device_parameter(&d.devices.translate(&s)) || !s.starts_with('/') {
                    let m = resolve_mountable(d, &stub, &s)?;
                    req.args[i] = Value::Str(m.into_bytes());
                } else {
                    need_root(d, &stub)?;
                }
            }
            ArgType::StringList(StrKind::Device) => {
                let mut out = Vec::new();
                for s in req.decode_list(i)? {
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
    if !crate::mounts::is_root_mounted(&d.sysroot) {
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
