//! Drives (add_drive and friends, debug_drives) and disk images through qemu-img
//! (disk_create, disk_format, disk_virtual_size, disk_has_backing_file).

use super::generated::opts::{AddDriveOpts, AddDriveScratchOpts, DiskCreateOpts};
use crate::error::Result;
use crate::handle::{Drive, State};
use crate::{Core, Error};
use guestfs_protocol::{RetValue, Value};
use std::process::Command;

impl Drive {
    /// What qemu opens: the file's absolute path, or the network drive's URI.
    pub fn qemu_param(&self) -> String {
        if self.protocol.is_empty() || self.protocol == "file" {
            abs(&self.path)
        } else {
            super::remote::qemu_param(
                &self.protocol,
                &self.path,
                &self.servers,
                self.username.as_deref(),
                self.secret.as_deref(),
            )
        }
    }

    /// `debug_drives` line, in libguestfs's format.
    pub fn describe(&self) -> String {
        let mut s = self.path.clone();
        if self.readonly {
            s.push_str(" readonly");
        }
        if let Some(f) = &self.format {
            s.push_str(&format!(" format={f}"));
        }
        s.push_str(&format!(
            " protocol={}",
            if self.protocol.is_empty() {
                "file"
            } else {
                &self.protocol
            }
        ));
        for (k, v) in [
            ("iface", &self.iface),
            ("name", &self.name),
            ("label", &self.label),
            ("cache", &self.cachemode),
        ] {
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

/// Runs qemu-img; on failure the error reads like libguestfs's
/// `external_command_failed` ("qemu-img info: FILE: qemu-img info exited with error status 1.…").
fn qemu_img(h: &Core, what: &str, file: &str, args: &[&str]) -> Result<String> {
    let out = Command::new("qemu-img")
        .args(args)
        .output()
        .map_err(|e| Error::os("qemu-img", &e))?;
    if !out.stderr.is_empty() {
        h.debug(String::from_utf8_lossy(&out.stderr).trim_end());
    }
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    use std::os::unix::process::ExitStatusExt;
    let status = match (out.status.code(), out.status.signal()) {
        (Some(c), _) => format!("{what} exited with error status {c}"),
        (None, Some(s)) => format!("{what} killed by signal {s}"),
        _ => format!("{what} exited for an unknown reason"),
    };
    Err(Error::msg(if h.lock().inner().verbose {
        format!("{what}: {file}: {status}, see debug messages above")
    } else {
        format!(
            "{what}: {file}: {status}.\nTo see full error messages you may need to enable debugging.\n{}",
            super::appliance::DEBUG_ADVICE
        )
    }))
}

/// The value of a key of the top-level JSON object (nested objects are skipped), as
/// raw text: strings without quotes, numbers and `null` as written.
fn json_top_field(json: &str, key: &str) -> Option<String> {
    let b = json.as_bytes();
    let (mut depth, mut i) = (0i32, 0usize);
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let text = &json[start..j.min(b.len())];
                i = j;
                if depth == 1 && text == key {
                    let rest = json[i + 1..].trim_start().strip_prefix(':')?.trim_start();
                    if let Some(r) = rest.strip_prefix('"') {
                        return Some(r[..r.find('"')?].to_string());
                    }
                    return Some(
                        rest.chars()
                            .take_while(|c| !matches!(c, ',' | '}' | '\n'))
                            .collect::<String>()
                            .trim()
                            .to_string(),
                    );
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A relative name goes to qemu-img as "./NAME", as 1.48 passes it: a colon in it
/// ("disk:0.img") would otherwise read as a protocol prefix.
fn qemu_img_path(filename: &str) -> String {
    if filename.starts_with('/') {
        filename.to_string()
    } else {
        format!("./{filename}")
    }
}

fn info(h: &Core, filename: &str) -> Result<String> {
    qemu_img(
        h,
        "qemu-img info",
        filename,
        &["info", "--output", "json", "-U", &qemu_img_path(filename)],
    )
}

pub fn disk_format(h: &Core, filename: &str) -> Result<String> {
    json_top_field(&info(h, filename)?, "format")
        .ok_or_else(|| Error::msg("qemu-img info: JSON output did not contain \u{2018}format\u{2019} key"))
}

fn abs(path: &str) -> String {
    std::fs::canonicalize(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string())
}

fn s(v: &str) -> Value {
    Value::Str(v.as_bytes().to_vec())
}

/// disk_create through the public API (traced), with the given backing file and format.
fn nested_disk_create(
    h: &Core,
    file: &str,
    format: &str,
    size: i64,
    backing: Option<(&str, Option<&str>)>,
) -> Result<()> {
    let o = DiskCreateOpts {
        backingfile: backing.map(|(f, _)| f.to_string()),
        backingformat: backing.and_then(|(_, fmt)| fmt.map(str::to_string)),
        ..Default::default()
    };
    super::nested_opt(
        h,
        "disk_create",
        &[s(file), s(format), Value::Int64(size)],
        &o.into_optargs(),
    )
    .map(|_| ())
}

/// add_drive through the public API (traced), as 1.48's add_drive_ro and friends call it.
fn nested_add_drive(h: &Core, filename: &str, o: AddDriveOpts) -> Result<()> {
    super::nested_opt(h, "add_drive", &[s(filename)], &o.into_optargs()).map(|_| ())
}

pub fn add_drive(h: &Core, filename: &str, o: AddDriveOpts) -> Result<()> {
    let mut d = Drive {
        path: filename.to_string(),
        readonly: o.readonly.unwrap_or(false),
        format: o.format,
        iface: o.iface,
        name: o.name,
        label: o.label,
        cachemode: o.cachemode,
        discard: None,
        copyonread: o.copyonread.unwrap_or(false),
        blocksize: o.blocksize.unwrap_or(0),
        protocol: "file".into(),
        servers: vec![],
        username: o.username,
        secret: o.secret,
        overlay: None,
    };
    let protocol = o.protocol.unwrap_or_else(|| "file".into());
    if let Some(l) = &o.server {
        d.servers = l
            .iter()
            .map(|x| super::remote::parse_server(x))
            .collect::<Result<Vec<_>>>()?;
    }
    let servers_given = o.server.is_some();
    if let Some(dc) = o.discard {
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
        return Err(Error::msg(
            "format parameter is empty or contains disallowed characters",
        ));
    }
    if d.iface.as_deref().is_some_and(|f| !valid_format_iface(f)) {
        return Err(Error::msg("iface parameter is empty or contains disallowed characters"));
    }
    if d.label.as_deref().is_some_and(|l| !valid_label(l)) {
        return Err(Error::msg(
            "label parameter is empty, too long, or contains disallowed characters",
        ));
    }
    if d.cachemode
        .as_deref()
        .is_some_and(|c| c != "writeback" && c != "unsafe")
    {
        return Err(Error::msg(
            "cachemode parameter must be \u{2018}writeback\u{2019} (default) or \u{2018}unsafe\u{2019}",
        ));
    }
    if d.blocksize != 0 && d.blocksize != 512 && d.blocksize != 4096 {
        return Err(Error::msg("blocksize parameter is invalid"));
    }
    if protocol == "file" {
        if servers_given {
            return Err(Error::msg("you cannot specify a server with file-backed disks"));
        }
        if d.username.is_some() {
            return Err(Error::msg("you cannot specify a username with file-backed disks"));
        }
        if d.secret.is_some() {
            return Err(Error::msg("you cannot specify a secret with file-backed disks"));
        }
    } else {
        if !super::remote::PROTOCOLS.contains(&protocol.as_str()) {
            return Err(Error::msg(format!("unknown protocol \u{2018}{protocol}\u{2019}")));
        }
        super::remote::validate(
            &protocol,
            filename,
            &mut d.servers,
            d.username.as_deref(),
            d.secret.as_deref(),
        )?;
        d.protocol = protocol;
        if d.readonly {
            let ov = super::tmp::temp_path(h, "overlay", Some("qcow2"))?;
            let backing = d.qemu_param();
            nested_disk_create(
                h,
                &ov.to_string_lossy(),
                "qcow2",
                -1,
                Some((&backing, d.format.as_deref())),
            )?;
            d.overlay = Some(ov);
        }
        if h.state() != State::Config {
            return Err(Error::msg("hotplugging support was removed in libguestfs 1.48"));
        }
        h.lock().inner().drives.push(d);
        return Ok(());
    }
    if filename == "/dev/null" {
        if d.format.as_deref().is_some_and(|f| f != "raw") {
            return Err(Error::msg(
                "for device \u{2018}/dev/null\u{2019}, format must be \u{2018}raw\u{2019}",
            ));
        }
        // An empty 4 KiB raw disk stands in for /dev/null, attached read-write.
        let p = super::tmp::temp_path(h, "devnull", Some("img"))?;
        nested_disk_create(h, &p.to_string_lossy(), "raw", 4096, None)?;
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
            let ov = super::tmp::temp_path(h, "overlay", Some("qcow2"))?;
            let backing = abs(filename);
            nested_disk_create(
                h,
                &ov.to_string_lossy(),
                "qcow2",
                -1,
                Some((&backing, d.format.as_deref())),
            )?;
            d.overlay = Some(ov);
        }
    }
    if h.state() != State::Config {
        return Err(Error::msg("hotplugging support was removed in libguestfs 1.48"));
    }
    h.lock().inner().drives.push(d);
    Ok(())
}

fn is_power_of_2(v: i64) -> bool {
    v > 0 && v & (v - 1) == 0
}

/// libguestfs's disk_create: raw files are made here, qcow2 through qemu-img; the
/// checks and their messages are 1.48's.
pub fn disk_create(h: &Core, filename: &str, format: &str, size: i64, o: DiskCreateOpts) -> Result<()> {
    let backing = o.backingfile;
    let backingformat = o.backingformat;
    let prealloc = o.preallocation;
    let compat = o.compat;
    let clustersize = o.clustersize;
    if backing.is_some() {
        if size != -1 {
            return Err(Error::msg("if using a backing file, size must be passed as -1"));
        }
    } else if size <= 0 {
        return Err(Error::msg(format!("invalid size: {size}")));
    }
    let bad = |what: &str, v: &str| {
        Err(Error::msg(format!(
            "invalid value for {what} parameter \u{2018}{v}\u{2019}"
        )))
    };
    match format {
        "raw" => {
            if backing.is_some() {
                return Err(Error::msg("backingfile cannot be used for raw format disks"));
            }
            if backingformat.is_some() {
                return Err(Error::msg("backingformat parameter cannot be used with raw format"));
            }
            let allocated = match prealloc.as_deref() {
                None | Some("off") | Some("sparse") => false,
                Some("full") => true,
                Some(p) => return bad("preallocation", p),
            };
            if compat.is_some() {
                return Err(Error::msg("compat parameter cannot be used with raw format"));
            }
            if clustersize.is_some() {
                return Err(Error::msg("clustersize parameter cannot be used with raw format"));
            }
            use std::os::unix::fs::FileTypeExt;
            if let Ok(md) = std::fs::metadata(filename) {
                if md.file_type().is_char_device() {
                    return Err(Error::msg(format!(
                        "refusing to overwrite char device \u{2018}{filename}\u{2019}"
                    )));
                }
                if md.file_type().is_block_device() {
                    return std::fs::OpenOptions::new()
                        .write(true)
                        .open(filename)
                        .map(|_| ())
                        .map_err(|e| Error::os(format!("cannot open block device: {filename}"), &e));
                }
            }
            let f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(filename)
                .map_err(|e| Error::os(format!("cannot create raw file: {filename}"), &e))?;
            let r = if allocated {
                use std::os::unix::io::AsRawFd;
                // SAFETY: posix_fallocate on an fd we own.
                match unsafe { libc::posix_fallocate(f.as_raw_fd(), 0, size) } {
                    0 => Ok(()),
                    e => Err(Error::os(
                        format!("{filename}: fallocate"),
                        &std::io::Error::from_raw_os_error(e),
                    )),
                }
            } else {
                f.set_len(size as u64)
                    .map_err(|e| Error::os(format!("{filename}: truncate"), &e))
            };
            if r.is_err() {
                let _ = std::fs::remove_file(filename);
            }
            r
        }
        "qcow2" => {
            let bfmt = match (&backingformat, &backing) {
                (Some(f), _) => {
                    if f.is_empty() || f.len() > 16 || !f.bytes().all(|c| c.is_ascii_alphanumeric()) {
                        return bad("backingformat", f);
                    }
                    Some(f.clone())
                }
                (None, Some(b)) => Some(match super::nested(h, "disk_format", &[s(b)])? {
                    RetValue::Str(v) => String::from_utf8_lossy(&v).into_owned(),
                    _ => "raw".into(),
                }),
                _ => None,
            };
            let pre = match prealloc.as_deref() {
                None => None,
                Some("off") | Some("sparse") => Some("off"),
                Some("metadata") => Some("metadata"),
                Some("full") => Some("falloc"),
                Some(p) => return bad("preallocation", p),
            };
            if let Some(c) = &compat {
                if c != "0.10" && c != "1.1" {
                    return bad("compat", c);
                }
            }
            if let Some(cs) = clustersize {
                if !(512..=2097152).contains(&cs) || !is_power_of_2(cs as i64) {
                    return bad("clustersize", &cs.to_string());
                }
            }
            let mut opts = Vec::new();
            if let Some(b) = &backing {
                opts.push(format!("backing_file={}", b.replace(',', ",,")));
            }
            if let Some(f) = bfmt {
                opts.push(format!("backing_fmt={f}"));
            }
            if let Some(p) = pre {
                opts.push(format!("preallocation={p}"));
            }
            if let Some(c) = compat {
                opts.push(format!("compat={c}"));
            }
            if let Some(cs) = clustersize {
                opts.push(format!("cluster_size={cs}"));
            }
            let mut args = vec!["create".to_string(), "-q".into(), "-f".into(), "qcow2".into()];
            if !opts.is_empty() {
                args.push("-o".into());
                args.push(opts.join(","));
            }
            args.push(qemu_img_path(filename));
            if size >= 0 {
                args.push(size.to_string());
            }
            let a: Vec<&str> = args.iter().map(|x| x.as_str()).collect();
            qemu_img(h, "qemu-img", filename, &a).map(|_| ())
        }
        other => Err(Error::msg(format!("unsupported format \u{2018}{other}\u{2019}"))),
    }
}

pub fn add_drive_ro(h: &Core, filename: &str) -> Result<()> {
    let o = AddDriveOpts {
        readonly: Some(true),
        ..Default::default()
    };
    nested_add_drive(h, filename, o)
}

pub fn add_cdrom(h: &Core, filename: &str) -> Result<()> {
    add_drive_ro(h, filename)
}

pub fn add_drive_ro_with_if(h: &Core, filename: &str, iface: &str) -> Result<()> {
    let o = AddDriveOpts {
        readonly: Some(true),
        iface: Some(iface.to_string()),
        ..Default::default()
    };
    nested_add_drive(h, filename, o)
}

pub fn add_drive_with_if(h: &Core, filename: &str, iface: &str) -> Result<()> {
    let o = AddDriveOpts {
        iface: Some(iface.to_string()),
        ..Default::default()
    };
    nested_add_drive(h, filename, o)
}

/// A new empty raw disk of `size` bytes in the handle's temp directory, added read-write.
pub fn add_drive_scratch(h: &Core, size: i64, o: AddDriveScratchOpts) -> Result<()> {
    let p = super::tmp::temp_path(h, "scratch", Some("img"))?;
    let p = p.to_string_lossy().into_owned();
    nested_disk_create(h, &p, "raw", size, None)?;
    let opts = AddDriveOpts {
        format: Some("raw".into()),
        cachemode: Some("unsafe".into()),
        name: o.name,
        label: o.label,
        blocksize: o.blocksize,
        ..Default::default()
    };
    nested_add_drive(h, &p, opts)
}

pub fn remove_drive(_h: &Core, _label: &str) -> Result<()> {
    Err(Error::msg("hotplugging support was removed in libguestfs 1.48"))
}

pub fn debug_drives(h: &Core) -> Result<Vec<String>> {
    Ok(h.lock().inner().drives.iter().map(Drive::describe).collect())
}

pub fn device_index(h: &Core, device: &str) -> Result<i32> {
    let n = h.lock().inner().drives.len();
    match drive_index_of(device) {
        Some(i) if i < n => Ok(i as i32),
        _ => Err(Error::msg(format!("{device}: device not found"))),
    }
}

pub fn disk_virtual_size(h: &Core, filename: &str) -> Result<i64> {
    json_top_field(&info(h, filename)?, "virtual-size")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Error::msg("qemu-img info: JSON output did not contain \u{2018}virtual-size\u{2019} key"))
}

pub fn disk_has_backing_file(h: &Core, filename: &str) -> Result<bool> {
    Ok(json_top_field(&info(h, filename)?, "backing-filename").is_some_and(|v| v != "null"))
}

/// `/dev/sdb` → 1: the letters after `/dev/[hsv]d` or `/dev/xvd` in base-26 ("aa" = 26).
fn drive_index_of(dev: &str) -> Option<usize> {
    let rest = dev.strip_prefix("/dev/")?;
    let letters = ["xvd", "sd", "hd", "vd"].iter().find_map(|p| rest.strip_prefix(p))?;
    if letters.is_empty() || !letters.bytes().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut n: usize = 0;
    for c in letters.bytes() {
        n = n.checked_mul(26)?.checked_add((c - b'a') as usize + 1)?;
    }
    Some(n - 1)
}
