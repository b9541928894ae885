//! File transfers: upload/download (FileIn/FileOut chunk streams), directory listings sent
//! as files (ls0, find0) and tar archives in and out.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use crate::args::{FileIn, FileOut, GuestPath};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::stream::{self, FileOutStream, ReceiveError};
use crate::table::opts::{CompressDeviceOutOpts, CompressOutOpts, CpioOutOpts, TarInOpts, TarOutOpts};

/// A Dev_or_Path argument as a host path: devices were translated by the dispatcher.
fn dev_or_path(d: &Daemon, s: &str) -> Result<PathBuf> {
    if s.starts_with("/dev/") && crate::checks::is_device_parameter(s) {
        Ok(PathBuf::from(s))
    } else {
        GuestPath::new(s.as_bytes()).resolve(d, true)
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
fn open_download_source(d: &Daemon, name: &str) -> Result<File> {
    let p = dev_or_path(d, name)?;
    let f = File::open(&p).map_err(|e| Error::io(&e, name))?;
    let m = f.metadata().map_err(|e| Error::io(&e, format!("fstat: {name}")))?;
    if m.is_dir() {
        return Err(Error::msg(format!("{name}: is a directory")));
    }
    Ok(f)
}

/// 1.48 words a bad offset/size with perror while errno is 0, hence the ": Success".
fn negative(name: &str, what: &str) -> Error {
    Error::msg(format!("{name}: {what} is negative: Success"))
}

/// Sends `src` as the whole FileOut file, with progress against `total`.
fn send_file(d: &mut Daemon, file: FileOut, src: &mut dyn Read, total: Option<u64>) -> Result<()> {
    let mut out = FileOutStream::begin(d, file)?;
    if out.copy_from(d, src, total)? {
        out.finish(d, false)?;
    }
    Ok(())
}

pub fn download(d: &mut Daemon, remotefilename: &str, filename: FileOut) -> Result<()> {
    let mut f = open_download_source(d, remotefilename)?;
    let total = size_of(&f);
    send_file(d, filename, &mut f, total)
}

pub fn download_offset(d: &mut Daemon, remotefilename: &str, filename: FileOut, offset: i64, size: i64) -> Result<()> {
    if offset < 0 {
        return Err(negative(remotefilename, "offset in file"));
    }
    if size < 0 {
        return Err(negative(remotefilename, "size"));
    }
    let mut f = open_download_source(d, remotefilename)?;
    f.seek(SeekFrom::Start(offset as u64))
        .map_err(|e| Error::io(&e, format!("lseek: {remotefilename}")))?;
    send_file(d, filename, &mut f.take(size as u64), Some(size as u64))
}

fn receive_into(d: &mut Daemon, file: FileIn, f: &mut File, name: &str) -> Result<()> {
    stream::receive(d, file, &mut |data: &[u8]| {
        f.write_all(data).map_err(|e| Error::io(&e, format!("write: {name}")))
    })?;
    Ok(())
}

pub fn upload(d: &mut Daemon, filename: FileIn, remotefilename: &str) -> Result<()> {
    let p = dev_or_path(d, remotefilename)?;
    let mut o = OpenOptions::new();
    o.write(true).custom_flags(libc::O_NOCTTY);
    if !p.starts_with("/dev/") || !crate::checks::is_device_parameter(remotefilename) {
        o.create(true).truncate(true).mode(0o666);
    }
    let mut f = o.open(&p).map_err(|e| Error::io(&e, remotefilename))?;
    // No fsync, as in 1.48: sync, umount and shutdown's autosync write the data out.
    receive_into(d, filename, &mut f, remotefilename)
}

pub fn upload_offset(d: &mut Daemon, filename: FileIn, remotefilename: &str, offset: i64) -> Result<()> {
    if offset < 0 {
        return Err(negative(remotefilename, "offset in file"));
    }
    let p = dev_or_path(d, remotefilename)?;
    let mut o = OpenOptions::new();
    o.write(true).custom_flags(libc::O_NOCTTY);
    if !p.starts_with("/dev/") || !crate::checks::is_device_parameter(remotefilename) {
        o.create(true).mode(0o666);
    }
    let mut f = o.open(&p).map_err(|e| Error::io(&e, remotefilename))?;
    f.seek(SeekFrom::Start(offset as u64))
        .map_err(|e| Error::io(&e, format!("lseek: {remotefilename}")))?;
    // No fsync, as in 1.48: sync, umount and shutdown's autosync write the data out.
    receive_into(d, filename, &mut f, remotefilename)
}

pub fn ls0(d: &mut Daemon, dir: &GuestPath, filenames: FileOut) -> Result<()> {
    let p = dir.resolve(d, true)?;
    let rd = fs::read_dir(&p).map_err(|e| Error::io(&e, format!("opendir: {dir}")))?;
    let out = FileOutStream::begin(d, filenames)?;
    let mut names = Vec::new();
    for e in rd {
        match e {
            Ok(e) => {
                let mut n = e.file_name().as_bytes().to_vec();
                n.push(0);
                names.push(n);
            }
            Err(e) => {
                eprintln!("readdir: {dir}: {e}");
                return out.abort(d);
            }
        }
    }
    out.send_all(d, names)
}

pub fn find0(d: &mut Daemon, directory: &GuestPath, files: FileOut) -> Result<()> {
    let p = directory.resolve(d, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, directory))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{directory}: not a directory")));
    }
    let mut child = Cmd::new("find").arg(&p).arg("-print0").spawn_streaming(false, true)?;
    let mut out = FileOutStream::begin(d, files)?;
    // 1.48 strips "<sysroot><dir>" byte for byte: with a trailing slash on dir the names
    // come out relative ("b/c"), without one they keep a leading slash.
    let prefix = p.as_os_str().as_bytes().len() + usize::from(directory.as_bytes().ends_with(b"/"));
    let Some(so) = child.child.stdout.take() else {
        child.kill();
        return out.abort(d);
    };
    let names = std::io::BufReader::new(so)
        .split(0)
        .map_while(|n| n.ok())
        .filter(|n| n.len() > prefix);
    for n in names {
        let mut v = n[prefix..].to_vec();
        v.push(0);
        match out.write(d, &v) {
            Ok(true) => {}
            Ok(false) => {
                child.kill();
                return Ok(());
            }
            Err(e) => {
                child.kill();
                return Err(e);
            }
        }
    }
    let (status, err) = child.finish();
    if status != Some(0) {
        eprintln!("find: {directory}: {err}");
    }
    out.finish(d, status != Some(0))
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

/// The flags tar_in's optional arguments add.
#[derive(Default)]
struct TarInFlags {
    xattrs: bool,
    selinux: bool,
    acls: bool,
}

pub fn tar_in(d: &mut Daemon, tarfile: FileIn, directory: &GuestPath, o: TarInOpts) -> Result<()> {
    let flags = TarInFlags {
        xattrs: o.xattrs == Some(true),
        selinux: o.selinux == Some(true),
        acls: o.acls == Some(true),
    };
    tar_in_with(d, tarfile, directory, o.compress.as_deref(), flags)
}

pub fn tgz_in(d: &mut Daemon, tarball: FileIn, directory: &GuestPath) -> Result<()> {
    tar_in_with(d, tarball, directory, Some("gzip"), TarInFlags::default())
}

pub fn txz_in(d: &mut Daemon, tarball: FileIn, directory: &GuestPath) -> Result<()> {
    tar_in_with(d, tarball, directory, Some("xz"), TarInFlags::default())
}

pub fn tgz_out(d: &mut Daemon, directory: &GuestPath, tarball: FileOut) -> Result<()> {
    tar_out_with(d, "tgz_out", directory, tarball, Some("gzip"), TarOutOpts::default())
}

pub fn txz_out(d: &mut Daemon, directory: &GuestPath, tarball: FileOut) -> Result<()> {
    tar_out_with(d, "txz_out", directory, tarball, Some("xz"), TarOutOpts::default())
}

fn tar_in_with(
    d: &mut Daemon,
    file: FileIn,
    directory: &GuestPath,
    compress: Option<&str>,
    flags: TarInFlags,
) -> Result<()> {
    let dir = directory.resolve(d, true)?;
    let dirname = directory.lossy();
    let chown_ok = chown_supported(&dir, &dirname)?;
    let mut args: Vec<std::ffi::OsString> = vec!["-C".into(), dir.clone().into_os_string()];
    if let Some(c) = compress {
        args.push(compress_flag(c)?.into());
    }
    args.push("-xf".into());
    args.push("-".into());
    if !chown_ok {
        args.push("--no-same-owner".into());
    }
    if flags.xattrs {
        args.push("--xattrs".into());
        args.push("--xattrs-include=*".into());
    }
    if flags.selinux {
        args.push("--selinux".into());
    }
    if flags.acls {
        args.push("--acls".into());
    }
    let mut child = Cmd::new("tar").args(&args).spawn_streaming(true, false)?;
    let mut stdin = child.child.stdin.take();
    let res = stream::receive(d, file, &mut |data: &[u8]| match stdin.as_mut() {
        Some(s) => s.write_all(data).map_err(|e| Error::io(&e, "write")),
        None => Ok(()),
    });
    drop(stdin);
    match res {
        Ok(()) => {}
        Err(ReceiveError::Cancelled) => {
            child.kill();
            return Err(ReceiveError::Cancelled.into());
        }
        Err(ReceiveError::Failed(_)) => {
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
    Ok(())
}

pub fn tar_out(d: &mut Daemon, directory: &str, tarfile: FileOut, o: TarOutOpts) -> Result<()> {
    let compress = o.compress.clone();
    tar_out_with(
        d,
        "tar_out",
        &GuestPath::new(directory.as_bytes()),
        tarfile,
        compress.as_deref(),
        o,
    )
}

/// tar_out and friends; `action` names the stub in the path message (the directory of
/// tar_out is a plain string, checked here as 1.48 does).
fn tar_out_with(
    d: &mut Daemon,
    action: &str,
    directory: &GuestPath,
    file: FileOut,
    compress: Option<&str>,
    o: TarOutOpts,
) -> Result<()> {
    let dirname = directory.lossy();
    if !directory.as_bytes().starts_with(b"/") {
        return Err(Error::msg(format!("{action}_stub: path must start with a / character")));
    }
    let dir = directory.resolve(d, true)?;
    let m = fs::metadata(&dir).map_err(|e| Error::io(&e, format!("stat: {dirname}")))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{dirname}: not a directory")));
    }
    let mut args: Vec<std::ffi::OsString> = vec!["-C".into(), dir.into_os_string()];
    if let Some(c) = compress {
        args.push(compress_flag(c)?.into());
    }
    if o.numericowner == Some(true) {
        args.push("--numeric-owner".into());
    }
    for e in o.excludes.iter().flatten() {
        args.push(format!("--exclude={e}").into());
    }
    if o.xattrs == Some(true) {
        args.push("--xattrs".into());
    }
    if o.selinux == Some(true) {
        args.push("--selinux".into());
    }
    if o.acls == Some(true) {
        args.push("--acls".into());
    }
    args.push("-cf".into());
    args.push("-".into());
    args.push(".".into());
    // A failing tar ends the file with a cancel chunk, as 1.48 does.
    let prefix = format!("tar_out: {dirname}");
    stream::command_output(d, file, Cmd::new("tar").args(&args), Some(&prefix))
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

fn dir_checked(d: &Daemon, dir: &GuestPath) -> Result<PathBuf> {
    let p = dir.resolve(d, true)?;
    let m = fs::metadata(&p).map_err(|e| Error::io(&e, dir))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{dir}: not a directory")));
    }
    Ok(p)
}

/// `find -type f -print0 | xargs -0 <sum>` run in the directory (paths come out "./…").
pub fn checksums_out(d: &mut Daemon, csumtype: &str, directory: &GuestPath, sumsfile: FileOut) -> Result<()> {
    let prog = super::files::checksum_program(csumtype)?;
    let dir = dir_checked(d, directory)?;
    let mut find = Cmd::new("find")
        .args([".", "-type", "f", "-print0"])
        .chdir(&dir)
        .spawn_streaming(false, true)?;
    let Some(list) = find.child.stdout.take() else {
        return Err(Error::msg("find: no output"));
    };
    let sum = Cmd::new("xargs").args(["-0", prog]).chdir(&dir).stdin_pipe(list);
    let res = stream::command_output(d, sumsfile, sum, Some("guestfsd"));
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

pub fn compress_out(d: &mut Daemon, ctype: &str, file: &GuestPath, zfile: FileOut, o: CompressOutOpts) -> Result<()> {
    let c = compressor(ctype, o.level)?;
    let p = file.resolve(d, true)?;
    let f = File::open(&p).map_err(|e| Error::io(&e, file))?;
    stream::command_output(d, zfile, c.stdin_file(f), Some("guestfsd"))
}

pub fn compress_device_out(
    d: &mut Daemon,
    ctype: &str,
    device: &str,
    zdevice: FileOut,
    o: CompressDeviceOutOpts,
) -> Result<()> {
    let c = compressor(ctype, o.level)?;
    let f = File::open(device).map_err(|e| Error::io(&e, device))?;
    stream::command_output(d, zdevice, c.stdin_file(f), Some("guestfsd"))
}

pub fn cpio_out(d: &mut Daemon, directory: &str, cpiofile: FileOut, o: CpioOutOpts) -> Result<()> {
    let format = o.format.unwrap_or_else(|| "newc".into());
    if format != "newc" && format != "crc" {
        return Err(Error::msg(format!("{format}: format must be 'newc' or 'crc'")));
    }
    if !directory.starts_with('/') {
        return Err(Error::msg("cpio_out_stub: path must start with a / character"));
    }
    let dir = GuestPath::new(directory.as_bytes()).resolve(d, true)?;
    let m = fs::metadata(&dir).map_err(|e| Error::io(&e, format!("stat: {directory}")))?;
    if !m.is_dir() {
        return Err(Error::msg(format!("{directory}: not a directory")));
    }
    let mut find = Cmd::new("find")
        .arg("-print0")
        .chdir(&dir)
        .spawn_streaming(false, true)?;
    let Some(list) = find.child.stdout.take() else {
        return Err(Error::msg("find: no output"));
    };
    let cpio = Cmd::new("cpio")
        .args(["-0", "-o", "-H", &format, "--quiet"])
        .chdir(&dir)
        .stdin_pipe(list);
    let res = stream::command_output(d, cpiofile, cpio, Some("guestfsd"));
    let _ = find.finish();
    res
}
