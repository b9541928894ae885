//! LUKS / BitLocker through cryptsetup. Keys go through short-lived 0600 files in the
//! daemon's /tmp (never on a command line).

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::CryptsetupOpenOpts;

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

fn format(device: &str, key: &str, keyslot: i32, cipher: Option<&str>) -> Result<()> {
    let key = KeyFile::new(key.as_bytes())?;
    let mut c = Cmd::new("cryptsetup").arg("-q");
    if let Some(ci) = cipher {
        c = c.arg("--cipher").arg(ci);
    }
    c = c
        .args(["--key-slot", &keyslot.to_string(), "luksFormat", device])
        .arg(&key.0);
    run(c)?;
    Ok(())
}

pub fn luks_format(_d: &mut Daemon, device: &str, key: &str, keyslot: i32) -> Result<()> {
    format(device, key, keyslot, None)
}

pub fn luks_format_cipher(_d: &mut Daemon, device: &str, key: &str, keyslot: i32, cipher: &str) -> Result<()> {
    format(device, key, keyslot, Some(cipher))
}

fn open(device: &str, key: &str, mapname: &str, readonly: bool, crypttype: Option<String>) -> Result<()> {
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
    let k = KeyFile::new(key.as_bytes())?;
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
    Ok(())
}

pub fn luks_open(_d: &mut Daemon, device: &str, key: &str, mapname: &str) -> Result<()> {
    open(device, key, mapname, false, Some("luks".into()))
}

pub fn luks_open_ro(_d: &mut Daemon, device: &str, key: &str, mapname: &str) -> Result<()> {
    open(device, key, mapname, true, Some("luks".into()))
}

pub fn cryptsetup_open(_d: &mut Daemon, device: &str, key: &str, mapname: &str, o: CryptsetupOpenOpts) -> Result<()> {
    open(device, key, mapname, o.readonly == Some(true), o.crypttype)
}

/// Closes a /dev/mapper device made by cryptsetup_open or luks_open (luks_close and
/// cryptsetup_close are the same call).
fn close(device: &str) -> Result<()> {
    let Some(mapname) = device.strip_prefix("/dev/mapper/") else {
        return Err(Error::msg(format!(
            "{device}: you must call this on the /dev/mapper device created by cryptsetup-open"
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
    Ok(())
}

pub fn cryptsetup_close(_d: &mut Daemon, device: &str) -> Result<()> {
    close(device)
}

pub fn luks_close(_d: &mut Daemon, device: &str) -> Result<()> {
    close(device)
}

pub fn luks_add_key(_d: &mut Daemon, device: &str, key: &str, newkey: &str, keyslot: i32) -> Result<()> {
    let (k, nk) = (KeyFile::new(key.as_bytes())?, KeyFile::new(newkey.as_bytes())?);
    run(Cmd::new("cryptsetup")
        .args(["-q", "-d"])
        .arg(&k.0)
        .args(["--key-slot", &keyslot.to_string(), "luksAddKey", device])
        .arg(&nk.0))?;
    Ok(())
}

pub fn luks_kill_slot(_d: &mut Daemon, device: &str, key: &str, keyslot: i32) -> Result<()> {
    let k = KeyFile::new(key.as_bytes())?;
    run(Cmd::new("cryptsetup")
        .args(["-q", "-d"])
        .arg(&k.0)
        .args(["luksKillSlot", device, &keyslot.to_string()]))?;
    Ok(())
}

pub fn luks_uuid(_d: &mut Daemon, device: &str) -> Result<String> {
    let out = run(Cmd::new("cryptsetup").args(["luksUUID", device]))?;
    Ok(out.trim_end().to_string())
}
