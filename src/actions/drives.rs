//! Drives (add_drive and friends, debug_drives) and disk images through qemu-img
//! (disk_create, disk_format, disk_virtual_size, disk_has_backing_file).

use super::args::*;
use crate::error::Result;
use crate::handle::State;
use crate::{Error, Handle};
use guestfs_protocol::{RetValue, Value};
use std::path::PathBuf;
use std::process::Command;

pub const NAMES: &[&str] = &[
    "add_drive", "add_drive_ro", "add_cdrom", "add_drive_with_if", "add_drive_ro_with_if",
    "add_drive_scratch", "debug_drives", "disk_create", "disk_format", "disk_virtual_size",
    "disk_has_backing_file", "device_index", "remove_drive",
];

#[derive(Clone, Debug, Default)]
pub struct Drive {
    pub path: String,
    pub readonly: bool,
    pub format: Option<String>,
    pub iface: Option<String>,
    pub name: Option<String>,
    pub label: Option<String>,
    pub cachemode: Option<String>,
    pub discard: Option<String>,
    pub copyonread: bool,
    pub blocksize: i32,
    /// The qcow2 overlay of a read-only drive, created when the drive is added.
    pub overlay: Option<PathBuf>,
}

impl Drive {
    /// `debug_drives` line, in libguestfs's format.
    pub fn describe(&self) -> String {
        let mut s = self.path.clone();
        if self.readonly {
            s.push_str(" readonly");
        }
        if let Some(f) = &self.format {
            s.push_str(&format!(" format={f}"));
        }
        s.push_str(" protocol=file");
        for (k, v) in [("iface", &self.iface), ("name", &self.name), ("label", &self.label), ("cache", &self.cachemode)] {
            if let Some(v) = v {
                s.push_str(&format!(" {k}={v}"));
            }
        }
        match self.discard.as_deref() {
            Some("enable") => s.push_str(" discard=enable"),
            Some("besteffort") => s.push_str(" discard=besteffort"),
            _ => {}
        }
        if self.copyonread {
            s.push_str(" copyonread");
        }
        if self.blocksize != 0 {
            s.push_str(&format!(" blocksize={}", self.blocksize));
        }
        s
    }
}

fn valid_format_iface(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

fn valid_label(s: &str) -> bool {
    (1..=20).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_alphabetic())
}

/// Runs qemu-img and returns its stdout, or an error naming the command.
fn qemu_img(args: &[&str]) -> Result<String> {
    let out = Command::new("qemu-img").args(args).output().map_err(|e| Error::os("qemu-img", &e))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::msg(format!("qemu-img: {}: {}", args.last().unwrap_or(&""), err)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A top-level field of `qemu-img info --output json` (no JSON crate needed for
/// these few scalar fields; nested objects are skipped by taking the first match).
fn json_field(json: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\":");
    let i = json.find(&pat)? + pat.len();
    let rest = json[i..].trim_start();
    if let Some(r) = rest.strip_prefix('"') {
        Some(r[..r.find('"')?].to_string())
    } else {
        Some(rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect())
    }
}

fn info(filename: &str) -> Result<String> {
    std::fs::metadata(filename).map_err(|e| Error::os(filename, &e))?;
    qemu_img(&["info", "--output", "json", "-U", filename])
}

pub fn disk_format(filename: &str) -> Result<String> {
    Ok(json_field(&info(filename)?, "format").unwrap_or_else(|| "unknown".into()))
}

fn abs(path: &str) -> String {
    std::fs::canonicalize(path).map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| path.to_string())
}

fn add_drive(h: &Handle, filename: &str, o: &[Option<Value>]) -> Result<()> {
    let mut d = Drive {
        path: filename.to_string(),
        readonly: oint(o, 0).unwrap_or(0) != 0,
        format: ostr(o, 1),
        iface: ostr(o, 2),
        name: ostr(o, 3),
        label: ostr(o, 4),
        cachemode: ostr(o, 9),
        discard: None,
        copyonread: oint(o, 11).unwrap_or(0) != 0,
        blocksize: oint(o, 12).unwrap_or(0) as i32,
        overlay: None,
    };
    let protocol = ostr(o, 5).unwrap_or_else(|| "file".into());
    if let Some(dc) = ostr(o, 10) {
        if !matches!(dc.as_str(), "disable" | "enable" | "besteffort") {
            return Err(Error::msg("discard parameter must be \u{2018}disable\u{2019}, \u{2018}enable\u{2019} or \u{2018}besteffort\u{2019}"));
        }
        if dc != "disable" {
            d.discard = Some(dc);
        }
    }
    if d.readonly && d.discard.as_deref() == Some("enable") {
        return Err(Error::msg("discard support cannot be enabled on read-only drives"));
    }
    if d.format.as_deref().is_some_and(|f| !valid_format_iface(f)) {
        return Err(Error::msg("format parameter is empty or contains disallowed characters"));
    }
    if d.iface.as_deref().is_some_and(|f| !valid_format_iface(f)) {
        return Err(Error::msg("iface parameter is empty or contains disallowed characters"));
    }
    if d.label.as_deref().is_some_and(|l| !valid_label(l)) {
        return Err(Error::msg("label parameter is empty, too long, or contains disallowed characters"));
    }
    if d.cachemode.as_deref().is_some_and(|c| c != "writeback" && c != "unsafe") {
        return Err(Error::msg("cachemode parameter must be \u{2018}writeback\u{2019} (default) or \u{2018}unsafe\u{2019}"));
    }
    if d.blocksize != 0 && d.blocksize != 512 && d.blocksize != 4096 {
        return Err(Error::msg("blocksize parameter is invalid"));
    }
    match protocol.as_str() {
        "file" => {
            if olist(o, 6).is_some() {
                return Err(Error::msg("you cannot specify a server with file-backed disks"));
            }
            if ostr(o, 7).is_some() {
                return Err(Error::msg("you cannot specify a username with file-backed disks"));
            }
            if ostr(o, 8).is_some() {
                return Err(Error::msg("you cannot specify a secret with file-backed disks"));
            }
        }
        "ftp" | "ftps" | "gluster" | "http" | "https" | "iscsi" | "nbd" | "rbd" | "sheepdog" | "ssh" | "tftp" => {
            return Err(Error::with_errno(libc::ENOTSUP, format!("add_drive: protocol \u{2018}{protocol}\u{2019} is not supported by guestfs-rs yet")));
        }
        other => return Err(Error::msg(format!("unknown protocol \u{2018}{other}\u{2019}"))),
    }
    if filename == "/dev/null" {
        if d.format.as_deref().is_some_and(|f| f != "raw") {
            return Err(Error::msg("for device \u{2018}/dev/null\u{2019}, format must be \u{2018}raw\u{2019}"));
        }
        // An empty 4 KiB raw disk stands in for /dev/null, attached read-write.
        let p = h.temp_name("devnull", Some("img"))?;
        let f = std::fs::File::create(&p).map_err(|e| Error::os(p.display().to_string(), &e))?;
        f.set_len(4096).map_err(|e| Error::os(p.display().to_string(), &e))?;
        d.path = p.to_string_lossy().into_owned();
        d.format = Some("raw".into());
        d.readonly = false;
    } else {
        let c = std::ffi::CString::new(filename).map_err(|_| Error::msg("filename contains a NUL byte"))?;
        // SAFETY: access(2) on a NUL-terminated path.
        if unsafe { libc::access(c.as_ptr(), libc::R_OK) } == -1 {
            return Err(Error::os(filename, &std::io::Error::last_os_error()));
        }
        if d.readonly {
            let fmt = match &d.format {
                Some(f) => f.clone(),
                None => disk_format(filename)?,
            };
            let ov = h.temp_name("overlay", Some("qcow2"))?;
            let opt = format!("backing_file={},backing_fmt={fmt}", abs(filename));
            qemu_img(&["create", "-q", "-f", "qcow2", "-o", &opt, &ov.to_string_lossy()])?;
            d.overlay = Some(ov);
        }
    }
    if h.state() != State::Config {
        return Err(Error::msg("hotplugging support was removed in libguestfs 1.48"));
    }
    h.lock().inner().drives.push(d);
    Ok(())
}

fn ro_opts(iface: Option<String>) -> Vec<Option<Value>> {
    let mut o = vec![None; 13];
    o[0] = Some(Value::Bool(true));
    if let Some(i) = iface {
        o[2] = Some(Value::Str(i.into_bytes()));
    }
    o
}

fn disk_create(filename: &str, format: &str, size: i64, o: &[Option<Value>]) -> Result<()> {
    if !valid_format_iface(format) {
        return Err(Error::msg(format!("invalid value for format parameter \u{2018}{format}\u{2019}")));
    }
    let backing = ostr(o, 0);
    if size < 0 && backing.is_none() {
        return Err(Error::msg(format!("invalid value for size parameter \u{2018}{size}\u{2019}")));
    }
    let mut opts = Vec::new();
    if let Some(b) = &backing {
        opts.push(format!("backing_file={b}"));
    }
    if let Some(bf) = ostr(o, 1) {
        opts.push(format!("backing_fmt={bf}"));
    }
    if let Some(p) = ostr(o, 2) {
        opts.push(format!("preallocation={}", if format == "qcow2" && p == "sparse" { "off".into() } else { p }));
    }
    if let Some(c) = ostr(o, 3) {
        opts.push(format!("compat={c}"));
    }
    if let Some(cs) = oint(o, 4) {
        opts.push(format!("cluster_size={cs}"));
    }
    let mut args = vec!["create".to_string(), "-q".into(), "-f".into(), format.into()];
    if !opts.is_empty() {
        args.push("-o".into());
        args.push(opts.join(","));
    }
    args.push(filename.into());
    if size >= 0 {
        args.push(size.to_string());
    }
    let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    qemu_img(&a).map(|_| ())
}

pub fn run(h: &Handle, name: &str, a: &[Value], o: &[Option<Value>]) -> Option<Result<RetValue>> {
    let unit = |r: Result<()>| r.map(|_| RetValue::None);
    Some(match name {
        "add_drive" => unit(add_drive(h, &str(a, 0), o)),
        "add_drive_ro" | "add_cdrom" => unit(add_drive(h, &str(a, 0), &ro_opts(None))),
        "add_drive_ro_with_if" => unit(add_drive(h, &str(a, 0), &ro_opts(Some(str(a, 1))))),
        "add_drive_with_if" => {
            let mut opts = vec![None; 13];
            opts[2] = Some(Value::Str(str(a, 1).into_bytes()));
            unit(add_drive(h, &str(a, 0), &opts))
        }
        "add_drive_scratch" => {
            let size = int(a, 0);
            let p = match h.temp_name("scratch", Some("img")) {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            let r = std::fs::File::create(&p).and_then(|f| f.set_len(size.max(0) as u64)).map_err(|e| Error::os(p.display().to_string(), &e));
            if let Err(e) = r {
                return Some(Err(e));
            }
            let mut opts = vec![None; 13];
            opts[1] = Some(Value::Str(b"raw".to_vec()));
            opts[9] = Some(Value::Str(b"unsafe".to_vec()));
            for (i, j) in [(0usize, 3usize), (1, 4), (2, 12)] {
                opts[j] = o.get(i).cloned().flatten();
            }
            unit(add_drive(h, &p.to_string_lossy(), &opts))
        }
        "remove_drive" => Err(Error::with_errno(libc::ENOTSUP, "hotplugging support was removed in libguestfs 1.48")),
        "debug_drives" => Ok(RetValue::StrList(h.lock().inner().drives.iter().map(|d| d.describe().into_bytes()).collect())),
        "device_index" => {
            let dev = str(a, 0);
            let n = h.lock().inner().drives.len() as i64;
            match dev.strip_prefix("/dev/").map(|d| d.trim_start_matches(|c| c == 's' || c == 'v' || c == 'h' || c == 'x').trim_start_matches('d')) {
                Some(letters) if !letters.is_empty() && letters.bytes().all(|c| c.is_ascii_lowercase()) => {
                    let idx = letters.bytes().fold(0i64, |acc, c| (acc + 1) * 26 + (c - b'a') as i64 - 26 + if acc == 0 { 0 } else { 0 });
                    if idx < n {
                        Ok(RetValue::Int(idx as i32))
                    } else {
                        Err(Error::msg(format!("{dev}: device not found")))
                    }
                }
                _ => Err(Error::msg(format!("{dev}: device not found"))),
            }
        }
        "disk_create" => unit(disk_create(&str(a, 0), &str(a, 1), int(a, 2), o)),
        "disk_format" => disk_format(&str(a, 0)).map(|f| RetValue::Str(f.into_bytes())),
        "disk_virtual_size" => info(&str(a, 0)).map(|j| RetValue::Int64(json_field(&j, "virtual-size").and_then(|v| v.parse().ok()).unwrap_or(-1))),
        "disk_has_backing_file" => info(&str(a, 0)).map(|j| RetValue::Bool(j.contains("\"backing-filename\""))),
        _ => return None,
    })
}
