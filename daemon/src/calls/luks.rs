//! LUKS / BitLocker through cryptsetup. Keys go through short-lived 0600 files in the
//! daemon's /tmp (never on a command line).

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use guestfs_protocol::RetValue;

use super::Handler;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("luks_format", luks_format),
    ("luks_format_cipher", luks_format_cipher),
    ("luks_open", luks_open),
    ("luks_open_ro", luks_open_ro),
    ("luks_close", cryptsetup_close),
    ("luks_add_key", luks_add_key),
    ("luks_kill_slot", luks_kill_slot),
    ("luks_uuid", luks_uuid),
    ("cryptsetup_open", cryptsetup_open),
    ("cryptsetup_close", cryptsetup_close),
];

/// A key written to a private temporary file, removed when dropped.
struct KeyFile(PathBuf);

impl KeyFile {
    fn new(key: &[u8]) -> Result<KeyFile> {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!("luks-{}-{n}.key", std::process::id()));
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&p)
            .map_err(|e| Error::io(&e, "mkstemp"))?;
        f.write_all(key).map_err(|e| Error::io(&e, "write"))?;
        Ok(KeyFile(p))
    }
}

impl Drop for KeyFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn run(c: Cmd) -> Result<String> {
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(o.out_text())
}

fn format(r: &Req, cipher: Option<String>) -> Result<RetValue> {
    let key = KeyFile::new(r.bytes(1))?;
    let mut c = Cmd::new("cryptsetup").arg("-q");
    if let Some(ci) = cipher {
        c = c.arg("--cipher").arg(ci);
    }
    c = c
        .args(["--key-slot", &r.int(2).to_string(), "luksFormat", &r.str(0)])
        .arg(&key.0);
    run(c)?;
    Ok(RetValue::None)
}

fn luks_format(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    format(r, None)
}

fn luks_format_cipher(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    format(r, Some(r.str(3)))
}

fn open(device: &str, key: &[u8], mapname: &str, readonly: bool, crypttype: Option<String>) -> Result<RetValue> {
    let mapper = format!("/dev/mapper/{mapname}");
    if std::path::Path::new(&mapper).exists() {
        return Err(Error::msg(format!("{mapper}: device already exists")));
    }
    let t = match crypttype {
        Some(t) => t,
        None => match super::devs::vfs_type_of(device)?.as_str() {
            "crypto_LUKS" => "luks".into(),
            "BitLocker" => "bitlk".into(),
            t => return Err(Error::msg(format!("{t}: unknown encrypted device type"))),
        },
    };
    let k = KeyFile::new(key)?;
    let mut c = Cmd::new("cryptsetup").arg("-d").arg(&k.0);
    if readonly {
        c = c.arg("--readonly");
    }
    let o = c.args(["open", device, mapname, "--type", &t]).run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "cryptsetup exited with status {}: {}",
            o.status.unwrap_or(-1),
            o.err_text()
        )));
    }
    Ok(RetValue::None)
}

fn luks_open(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    open(&r.str(0), r.bytes(1), &r.str(2), false, Some("luks".into()))
}

fn luks_open_ro(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    open(&r.str(0), r.bytes(1), &r.str(2), true, Some("luks".into()))
}

fn cryptsetup_open(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    open(
        &r.str(0),
        r.bytes(1),
        &r.str(2),
        r.opt_bool(0) == Some(true),
        r.opt_str(1),
    )
}

fn cryptsetup_close(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let Some(mapname) = dev.strip_prefix("/dev/mapper/") else {
        return Err(Error::msg(format!(
            "{dev}: you must call this on the /dev/mapper device created by cryptsetup-open"
        )));
    };
    let o = Cmd::new("cryptsetup").args(["close", mapname]).run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "cryptsetup exited with status {}: {}",
            o.status.unwrap_or(-1),
            o.err_text()
        )));
    }
    Ok(RetValue::None)
}

fn luks_add_key(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (k, nk) = (KeyFile::new(r.bytes(1))?, KeyFile::new(r.bytes(2))?);
    run(Cmd::new("cryptsetup")
        .args(["-q", "-d"])
        .arg(&k.0)
        .args(["--key-slot", &r.int(3).to_string(), "luksAddKey", &r.str(0)])
        .arg(&nk.0))?;
    Ok(RetValue::None)
}

fn luks_kill_slot(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let k = KeyFile::new(r.bytes(1))?;
    run(Cmd::new("cryptsetup")
        .args(["-q", "-d"])
        .arg(&k.0)
        .args(["luksKillSlot", &r.str(0), &r.int(2).to_string()]))?;
    Ok(RetValue::None)
}

fn luks_uuid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let out = run(Cmd::new("cryptsetup").args(["luksUUID", &r.str(0)]))?;
    Ok(RetValue::Str(out.trim_end().as_bytes().to_vec()))
}
