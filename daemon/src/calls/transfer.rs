//! File transfers: upload/download (FileIn/FileOut chunk streams), directory listings sent
//! as files (ls0, find0) and tar archives in and out.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use guestfs_protocol::RetValue;

use super::{host_path, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("download", download),
    ("download_offset", download_offset),
    ("upload", upload),
    ("upload_offset", upload_offset),
    ("ls0", ls0),
    ("find0", find0),
    ("tar_in", tar_in),
    ("tar_out", tar_out),
    ("tgz_in", tgz_in),
    ("tgz_out", tgz_out),
    ("txz_in", txz_in),
    ("txz_out", txz_out),
    ("checksums_out", checksums_out),
    ("compress_out", compress_out),
    ("compress_device_out", compress_device_out),
    ("cpio_out", cpio_out),
];

/// A Dev_or_Path argument as a host path: devices were translated by the dispatcher.
fn dev_or_path(d: &Daemon, r: &Req, i: usize) -> Result<PathBuf> {
    let s = r.bytes(i);
    if s.starts_with(b"/dev/") && crate::checks::is_device_parameter(&r.str(i)) {
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(s)))
    } else {
        host_path(d, r, i, true)
    }
}

/// Size of a regular file or block device, for progress.
fn size_of(f: &File) -> Option<u64> {
    let mut f = f;
    let end = f.seek(SeekFrom::End(0)).ok()?;
    f.seek(SeekFrom::Start(0)).ok()?;
    Some(end)
}

/// Open a download source, refusing a directory before the OK reply is sent (reading one
/// would only fail after the transfer had started, RHBZ#908321 in 1.48).
fn open_download_source(d: &Daemon, r: &Req) -> Result<File> {
    let p = dev_or_path(d, r, 0)?;
    let f = File::open(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    let m = f
        .metadata()
        .map_err(|e| Error::io(&e, format!("fstat: {}", r.str(0))))?;
    if m.is_dir() {
        return Err(Error::msg(format!("{}: is a directory", r.str(0))));
    }
    Ok(f)
}

/// 1.48 words a bad offset/size with perror while errno is 0, hence the ": Success".
fn negative(r: &Req, i: usize, what: &str) -> Error {
    Error::msg(format!("{}: {what} is negative: Success", r.str(i)))
}

fn download(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mut f = open_download_source(d, r)?;
    let total = size_of(&f);
    d.begin_file_out()?;
    d.send_stream(&mut f, total)?;
    Ok(RetValue::None)
}

fn download_offset(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (offset, size) = (r.int64(2), r.int64(3));
    if offset < 0 {
        return Err(negative(r, 0, "offset in file"));
    }
    if size < 0 {
        return Err(negative(r, 0, "size"));
    }
    let mut f = open_download_source(d, r)?;
    f.seek(SeekFrom::Start(offset as u64))
        .map_err(|e| Error::io(&e, format!("lseek: {}", r.str(0))))?;
    d.begin_file_out()?;
    d.send_stream(&mut f.take(size as u64), Some(size as u64))?;
    Ok(RetValue::None)
}

fn receive_into(d: &mut Daemon, f: &mut File, name: &str) -> Result<()> {
    d.receive_file(&mut |data: &[u8]| f.write_all(data).map_err(|e| Error::io(&e, format!("write: {name}"))))?;
    Ok(())
}

fn upload(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = dev_or_path(d, r, 1)?;
    let mut o = OpenOptions::new();
    o.write(true).custom_flags(libc::O_NOCTTY);
    if !p.starts_with("/dev/") || !crate::checks::is_device_parameter(&r.str(1)) {
        o.create(true).truncate(true).mode(0o666);
    }
    let mut f = o.open(&p).map_err(|e| Error::io(&e, r.str(1)))?;
    // No fsync, as in 1.48: sync, umount and shutdown's autosync write the data out.
    receive_into(d, &mut f, &r.str(1))?;
    Ok(RetValue::None)
}

fn upload_offset(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let offset = r.int64(2);
    if offset < 0 {
        return Err(negative(r, 1, "offset in file"));
    }
    let p = dev_or_path(d, r, 1)?;
    let mut o = OpenOptions::new();
    o.write(true).custom_flags(libc::O_NOCTTY);
    if !p.starts_with("/dev/") || !crate::checks::is_device_parameter(&r.str(1)) {
        o.create(true).mode(0o666);
    }
    let mut f = o.open(&p).map_err(|e| Error::io(&e, r.str(1)))?;
    f.seek(SeekFrom::Start(offset as u64))
        .map_err(|e| Error::io(&e, format!("lseek: {}", r.str(1))))?;
    // No fsync, as in 1.48: sync, umount and shutdown's autosync write the data out.
    receive_into(d, &mut f, &r.str(1))?;
    Ok(RetValue::None)
}

/// Send a sequence of byte strings as one FileOut file, packing them into full chunks.
pub(super) fn send_packed(d: &mut Daemon, items: impl Iterator<Item = Vec<u8>>) -> Result<()> {
    if send_packed_no_end(d, items)? {
        d.end_file_out(false)?;
    }
    Ok(())
}

/// The data chunks of [`send_packed`]; Ok(false) if the library cancelled.
fn send_packed_no_end(d: &mut Daemon, items: impl Iterator<Item = Vec<u8>>) -> Result<bool> {
    const MAX: usize = guestfs_protocol::MAX_CHUNK_SIZE;
    let mut buf: Vec<u8> = Vec::with_capacity(2 * MAX);
    for it in items {
        buf.extend_from_slice(&it);
        while buf.len() >= MAX {
            let rest = buf.split_off(MAX);
            if !d.send_data(&buf)? {
                return Ok(false);
            }
            buf = rest;
        }
    }
    if !buf.is_empty() && !d.send_data(&buf)? {
        return Ok(false);
    }
    Ok(true)
}

fn ls0(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let rd = fs::read_dir(&p).map_err(|e| Error::io(&e, format!("opendir: {}", r.str(0))))?;
    d.begin_file_out()?;
    let mut names = Vec::new();
    for e in rd {
        match e {
            Ok(e) => {
                let mut n = e.file_name().as_bytes().to_vec();
                n.push(0);
                names.push(n);
            }
            Err(e) => {
                eprintln!("readdir: {}: {}", r.str(0), e);
                d.end_file_out(true)?;
                return Ok(RetValue::None);
            }
        }
    }
    send_packed(d, names.into_iter())?;
    Ok(RetValue::None)
}

fn find0(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = r.bytes(0).to_vec();
    let p = host_path(d, r, 0, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{}: not a directory", r.str(0))));
    }
    let mut child = Cmd::new("find").arg(&p).arg("-print0").spawn_streaming(false, true)?;
    d.begin_file_out()?;
    // 1.48 strips "<sysroot><dir>" byte for byte: with a trailing slash on dir the names
    // come out relative ("b/c"), without one they keep a leading slash.
    let prefix = p.as_os_str().as_bytes().len() + usize::from(dir.ends_with(b"/"));
    let Some(so) = child.child.stdout.take() else {
        child.kill();
        return d.end_file_out(true).map(|_| RetValue::None);
    };
    let names = std::io::BufReader::new(so)
        .split(0)
        .map_while(|n| n.ok())
        .filter(|n| n.len() > prefix)
        .map(|n| {
            let mut v = n[prefix..].to_vec();
            v.push(0);
            v
        });
    let res = send_packed_no_end(d, names);
    match res {
        Ok(true) => {
            let (status, err) = child.finish();
            if status != Some(0) {
                eprintln!("find: {}: {}", r.str(0), err);
            }
            d.end_file_out(status != Some(0))?;
        }
        Ok(false) => child.kill(),
        Err(e) => {
            child.kill();
            return Err(e);
        }
    }
    Ok(RetValue::None)
}

fn compress_flag(c: &str) -> Result<&'static str> {
    Ok(match c {
        "compress" => "--compress",
        "gzip" => "--gzip",
        "bzip2" => "--bzip2",
        "xz" => "--xz",
        "lzop" => "--lzop",
        _ => return Err(Error::msg(format!("unknown compression type: {c}"))),
    })
}

fn tar_in(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    tar_in_with(d, r, r.opt_str(0).as_deref())
}

fn tgz_in(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    tar_in_with(d, r, Some("gzip"))
}

fn txz_in(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    tar_in_with(d, r, Some("xz"))
}

fn tgz_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    tar_out_with(d, r, Some("gzip"))
}

fn txz_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    tar_out_with(d, r, Some("xz"))
}

fn tar_in_with(d: &mut Daemon, r: &Req, compress: Option<&str>) -> Result<RetValue> {
    let dir = host_path(d, r, 1, true)?;
    let chown_ok = chown_supported(&dir, &r.str(1))?;
    let mut args: Vec<std::ffi::OsString> = vec!["-C".into(), dir.clone().into_os_string()];
    if let Some(c) = compress {
        args.push(compress_flag(c)?.into());
    }
    args.push("-xf".into());
    args.push("-".into());
    if !chown_ok {
        args.push("--no-same-owner".into());
    }
    if r.opt_bool(1) == Some(true) {
        args.push("--xattrs".into());
        args.push("--xattrs-include=*".into());
    }
    if r.opt_bool(2) == Some(true) {
        args.push("--selinux".into());
    }
    if r.opt_bool(3) == Some(true) {
        args.push("--acls".into());
    }
    let mut child = Cmd::new("tar").args(&args).spawn_streaming(true, false)?;
    let mut stdin = child.child.stdin.take();
    let dirname = r.str(1);
    let res = d.receive_file(&mut |data: &[u8]| match stdin.as_mut() {
        Some(s) => s.write_all(data).map_err(|e| Error::io(&e, "write")),
        None => Ok(()),
    });
    drop(stdin);
    match res {
        Ok(()) => {}
        Err(e) if e.msg == "file upload cancelled" => {
            child.kill();
            return Err(e);
        }
        Err(_) => {
            let (_, err) = child.finish();
            return Err(Error::msg(format!("write error on directory: {dirname}: {err}")));
        }
    }
    let (status, err) = child.finish();
    if status != Some(0) {
        return Err(Error::msg(format!(
            "tar subcommand failed on directory: {dirname}: {err}"
        )));
    }
    Ok(RetValue::None)
}

fn tar_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    tar_out_with(d, r, r.opt_str(0).as_deref())
}

fn tar_out_with(d: &mut Daemon, r: &Req, compress: Option<&str>) -> Result<RetValue> {
    let dirname = r.str(0);
    if !dirname.starts_with('/') {
        return Err(Error::msg(format!("{}: path must start with a / character", r.stub())));
    }
    let dir = host_path(d, r, 0, true)?;
    let m = fs::metadata(&dir).map_err(|e| Error::io(&e, format!("stat: {dirname}")))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{dirname}: not a directory")));
    }
    let mut args: Vec<std::ffi::OsString> = vec!["-C".into(), dir.into_os_string()];
    if let Some(c) = compress {
        args.push(compress_flag(c)?.into());
    }
    if r.opt_bool(1) == Some(true) {
        args.push("--numeric-owner".into());
    }
    if let Some(ex) = r.opt_list(2) {
        for e in ex {
            args.push(format!("--exclude={e}").into());
        }
    }
    if r.opt_bool(3) == Some(true) {
        args.push("--xattrs".into());
    }
    if r.opt_bool(4) == Some(true) {
        args.push("--selinux".into());
    }
    if r.opt_bool(5) == Some(true) {
        args.push("--acls".into());
    }
    args.push("-cf".into());
    args.push("-".into());
    args.push(".".into());
    let mut child = Cmd::new("tar").args(&args).spawn_streaming(false, true)?;
    d.begin_file_out()?;
    let mut out = child.child.stdout.take();
    let sent = match out.as_mut() {
        Some(o) => d.send_stream_body(o, None),
        None => Ok(true),
    };
    drop(out);
    match sent {
        Ok(true) => {
            // A failing tar ends the file with a cancel chunk, as 1.48 does.
            let (status, err) = child.finish();
            if status != Some(0) {
                eprintln!("tar_out: {dirname}: {err}");
            }
            d.end_file_out(status != Some(0))?;
        }
        Ok(false) => child.kill(),
        Err(e) => {
            child.kill();
            return Err(e);
        }
    }
    Ok(RetValue::None)
}

/// Whether files in `dir` can be given away (not on vfat and friends); tar_in then keeps
/// the archive's owners, otherwise it passes --no-same-owner as 1.48 does.
/// Whether the filesystem under `dir` supports chown (tar then keeps owners). Like 1.48,
/// this doubles as the check that `dir` exists and is writable, before tar runs:
/// a missing directory is "DIR: No such file or directory".
fn chown_supported(dir: &std::path::Path, guest_dir: &str) -> Result<bool> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|t| t.subsec_nanos())
        .unwrap_or(0);
    let p = dir.join(format!(".guestfsd-chown-{}-{nanos:09}", std::process::id()));
    let f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o666)
        .open(&p)
        .map_err(|e| Error::io(&e, guest_dir))?;
    let r = std::os::unix::fs::fchown(&f, Some(1000), Some(1000));
    drop(f);
    let _ = fs::remove_file(&p);
    match r {
        Ok(()) => Ok(true),
        Err(e) if e.raw_os_error() == Some(libc::EPERM) => Ok(false),
        Err(e) => Err(Error::io(&e, "unexpected error in fchown")),
    }
}

/// Stream a command's stdout as the FileOut file; a failing command ends it with a
/// cancel chunk.
pub(super) fn stream_command(d: &mut Daemon, c: Cmd) -> Result<RetValue> {
    let mut child = c.spawn_streaming(false, true)?;
    d.begin_file_out()?;
    let mut out = child.child.stdout.take();
    let sent = match out.as_mut() {
        Some(o) => d.send_stream_body(o, None),
        None => Ok(true),
    };
    drop(out);
    match sent {
        Ok(true) => {
            let (status, err) = child.finish();
            if status != Some(0) {
                eprintln!("guestfsd: {err}");
            }
            d.end_file_out(status != Some(0))?;
        }
        Ok(false) => child.kill(),
        Err(e) => {
            child.kill();
            return Err(e);
        }
    }
    Ok(RetValue::None)
}

fn dir_checked(d: &Daemon, r: &Req, i: usize) -> Result<std::path::PathBuf> {
    let p = host_path(d, r, i, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, r.str(i)))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{}: not a directory", r.str(i))));
    }
    Ok(p)
}

/// `find -type f -print0 | xargs -0 <sum>` run in the directory (paths come out "./…").
fn checksums_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let prog = super::files::checksum_program(&r.str(0))?;
    let dir = dir_checked(d, r, 1)?;
    let mut find = Cmd::new("find")
        .args([".", "-type", "f", "-print0"])
        .chdir(&dir)
        .spawn_streaming(false, true)?;
    let Some(list) = find.child.stdout.take() else {
        return Err(Error::msg("find: no output"));
    };
    let res = stream_command(d, Cmd::new("xargs").args(["-0", prog]).chdir(&dir).stdin_pipe(list));
    let _ = find.finish();
    res
}

/// The compressor command for compress_out / compress_device_out.
fn compressor(ctype: &str, level: Option<i32>) -> Result<Cmd> {
    let range = match ctype {
        "compress" => {
            if level.is_some() {
                return Err(Error::msg(
                    "compress: cannot use optional level parameter with this compression type",
                ));
            }
            None
        }
        "gzip" | "bzip2" | "lzop" => Some(1..=9),
        "xz" => Some(0..=9),
        _ => return Err(Error::msg("unknown compression type")),
    };
    if !crate::cmd::program_exists(ctype) {
        return Err(Error::with_errno(
            libc::ENOTSUP,
            format!("compression type {ctype} is not supported, because external program '{ctype}' is not available in the appliance"),
        ));
    }
    let mut c = Cmd::new(ctype).arg("-c");
    if let (Some(l), Some(range)) = (level, range) {
        if !range.contains(&l) {
            return Err(Error::msg(format!("{ctype}: incorrect value for level parameter")));
        }
        c = c.arg(format!("-{l}"));
    }
    Ok(c)
}

fn compress_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let c = compressor(&r.str(0), r.opt_int(0))?;
    let p = host_path(d, r, 1, true)?;
    let f = File::open(&p).map_err(|e| Error::io(&e, r.str(1)))?;
    stream_command(d, c.stdin_file(f))
}

fn compress_device_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let c = compressor(&r.str(0), r.opt_int(0))?;
    let dev = r.str(1);
    let f = File::open(&dev).map_err(|e| Error::io(&e, &dev))?;
    stream_command(d, c.stdin_file(f))
}

fn cpio_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let format = r.opt_str(0).unwrap_or_else(|| "newc".into());
    if format != "newc" && format != "crc" {
        return Err(Error::msg(format!("{format}: format must be 'newc' or 'crc'")));
    }
    let dirname = r.str(0);
    if !dirname.starts_with('/') {
        return Err(Error::msg(format!("{}: path must start with a / character", r.stub())));
    }
    let dir = host_path(d, r, 0, true)?;
    let m = fs::metadata(&dir).map_err(|e| Error::io(&e, format!("stat: {dirname}")))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{dirname}: not a directory")));
    }
    let mut find = Cmd::new("find")
        .arg("-print0")
        .chdir(&dir)
        .spawn_streaming(false, true)?;
    let Some(list) = find.child.stdout.take() else {
        return Err(Error::msg("find: no output"));
    };
    let res = stream_command(
        d,
        Cmd::new("cpio")
            .args(["-0", "-o", "-H", &format, "--quiet"])
            .chdir(&dir)
            .stdin_pipe(list),
    );
    let _ = find.finish();
    res
}
