//! Smaller optional groups that are thin wrappers of host tools: scrub, zerofree, file
//! capabilities, NTFS utilities, discard, The Sleuth Kit's icat/blkls, f2fs resizing.

use std::io::Write;

use crate::args::{FileIn, FileOut, GuestPath};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts;

fn run(c: Cmd, what: &str) -> Result<()> {
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(format!("{what}: {}", o.err_or_out())));
    }
    Ok(())
}

pub fn scrub_device(_d: &mut Daemon, device: &str) -> Result<()> {
    run(Cmd::new("scrub").arg(device), device)
}

pub fn scrub_file(d: &mut Daemon, file: &GuestPath) -> Result<()> {
    let p = file.resolve(d, true)?;
    run(Cmd::new("scrub").arg("-r").arg(&p), &file.lossy())
}

pub fn scrub_freespace(d: &mut Daemon, dir: &GuestPath) -> Result<()> {
    let p = dir.resolve(d, true)?;
    run(Cmd::new("scrub").arg("-X").arg(&p), &dir.lossy())
}

pub fn zerofree(_d: &mut Daemon, device: &str) -> Result<()> {
    run(Cmd::new("zerofree").arg(device), device)
}

/// libcap's text form ("cap_net_raw=ep"), "" when the file has none.
pub fn cap_get_file(d: &mut Daemon, path: &GuestPath) -> Result<String> {
    let p = path.resolve(d, true)?;
    std::fs::symlink_metadata(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    let o = Cmd::new("getcap").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{path}: {}", o.err_text())));
    }
    // getcap prints "<path> <caps>" (older versions "<path> = <caps>").
    let out = o.out_text();
    let caps = out.trim_end().rsplit(' ').next().unwrap_or("").to_string();
    Ok(if out.trim().is_empty() { String::new() } else { caps })
}

pub fn cap_set_file(d: &mut Daemon, path: &GuestPath, cap: &str) -> Result<()> {
    let p = path.resolve(d, true)?;
    let o = Cmd::new("setcap").arg(cap).arg(&p).run();
    if !o.ok() {
        let e = o.err_text();
        if e.contains("fatal error") || e.contains("Invalid") {
            return Err(Error::perror(
                libc::EINVAL,
                format!("could not parse cap string: {cap}: cap_from_text"),
            ));
        }
        return Err(Error::msg(format!("{path}: {e}")));
    }
    Ok(())
}

/// The probe's exit status is the answer.
pub fn ntfs_3g_probe(_d: &mut Daemon, rw: bool, device: &str) -> Result<i32> {
    let o = Cmd::new("ntfs-3g.probe")
        .arg(if rw { "-w" } else { "-r" })
        .arg(device)
        .run();
    match o.status {
        Some(n) if n != 127 => Ok(n),
        _ => Err(Error::msg(format!("{device}: {}", o.err_text()))),
    }
}

pub fn ntfsfix(_d: &mut Daemon, device: &str, o: opts::NtfsfixOpts) -> Result<()> {
    let mut c = Cmd::new("ntfsfix");
    if o.clearbadsectors == Some(true) {
        c = c.arg("-b");
    }
    run(c.arg(device), device)
}

fn resize(dev: &str, size: Option<i64>, force: bool) -> Result<()> {
    let mut c = Cmd::new("ntfsresize").arg("-P");
    if let Some(s) = size {
        if s <= 0 {
            return Err(Error::msg("size is zero or negative"));
        }
        c = c.arg("--size").arg(s.to_string());
    }
    if force {
        c = c.arg("--force");
    }
    let o = c.arg(dev).fold_stdout().run();
    if !o.ok() {
        return Err(Error::msg(format!("{dev}: {}", o.err_text())));
    }
    Ok(())
}

pub fn ntfsresize(_d: &mut Daemon, device: &str, o: opts::NtfsresizeOpts) -> Result<()> {
    resize(device, o.size, o.force == Some(true))
}

pub fn ntfsresize_size(_d: &mut Daemon, device: &str, size: i64) -> Result<()> {
    resize(device, Some(size), false)
}

/// FileIn: an ntfsclone image restored onto the device.
pub fn ntfsclone_in(d: &mut Daemon, backupfile: FileIn, device: &str) -> Result<()> {
    let dev = device;
    let mut child = Cmd::new("ntfsclone")
        .args(["-O", dev, "--restore-image", "-"])
        .spawn_streaming(true, false)?;
    let mut stdin = child.child.stdin.take();
    let res = crate::stream::receive(d, backupfile, &mut |data: &[u8]| match stdin.as_mut() {
        Some(s) => s.write_all(data).map_err(|e| Error::io(&e, "write")),
        None => Ok(()),
    });
    drop(stdin);
    match res {
        Ok(()) => {}
        Err(crate::stream::ReceiveError::Cancelled) => {
            child.kill();
            return Err(Error::msg("ntfsclone cancelled"));
        }
        Err(_) => {
            let (_, err) = child.finish();
            return Err(Error::msg(format!("write error on device: {dev}: {err}")));
        }
    }
    let (status, err) = child.finish();
    if status != Some(0) {
        return Err(Error::msg(format!(
            "ntfsclone subcommand failed on device: {dev}: {err}"
        )));
    }
    Ok(())
}

/// FileOut: an ntfsclone image of the device.
pub fn ntfsclone_out(d: &mut Daemon, device: &str, backupfile: FileOut, o: opts::NtfscloneOutOpts) -> Result<()> {
    let mut c = Cmd::new("ntfsclone").args(["-o", "-", "--save-image"]);
    for (set, f) in [
        (o.metadataonly, "--metadata"),
        (o.rescue, "--rescue"),
        (o.ignorefscheck, "--ignore-fs-check"),
        (o.preservetimestamps, "--preserve-timestamps"),
        (o.force, "--force"),
    ] {
        if set == Some(true) {
            c = c.arg(f);
        }
    }
    let mut child = c.arg(device).spawn_streaming(false, true)?;
    let mut file = crate::stream::FileOutStream::begin(d, backupfile)?;
    let mut out = child.child.stdout.take();
    let sent = match out.as_mut() {
        Some(o) => file.copy_from(d, o, None),
        None => Ok(true),
    };
    drop(out);
    match sent {
        Ok(true) => {
            let (status, _) = child.finish();
            file.finish(d, status != Some(0))?;
        }
        Ok(false) => child.kill(),
        Err(e) => {
            child.kill();
            return Err(e);
        }
    }
    Ok(())
}

/// BLKDISCARD over the whole device (only if the device says it supports discard).
pub fn blkdiscard(_d: &mut Daemon, device: &str) -> Result<()> {
    let dev = device;
    let name = dev.trim_start_matches("/dev/");
    let max = std::fs::read_to_string(format!("/sys/block/{name}/queue/discard_max_bytes")).unwrap_or_default();
    if max.trim() == "0" {
        return Err(Error::with_errno(
            libc::ENOTSUP,
            format!("{dev}: device does not support discard"),
        ));
    }
    let o = Cmd::new("blkdiscard").arg(dev).run();
    if !o.ok() {
        return Err(Error::msg(format!("ioctl: {dev}: BLKDISCARD: {}", o.err_text())));
    }
    Ok(())
}

/// Whether discarded blocks read back as zeroes (BLKDISCARDZEROES; always false on
/// current kernels, which removed the guarantee).
pub fn blkdiscardzeroes(_d: &mut Daemon, device: &str) -> Result<bool> {
    let name = device.trim_start_matches("/dev/");
    let z = std::fs::read_to_string(format!("/sys/block/{name}/queue/discard_zeroes_data")).unwrap_or_default();
    Ok(z.trim() == "1")
}

/// FileIn to a file in the appliance's /tmp (setup helper for the library). Unlike
/// 1.48's unrestricted debug upload, only /tmp is writable this way.
pub fn internal_upload(d: &mut Daemon, filename: FileIn, tmpname: &str, mode: i32) -> Result<()> {
    let name = tmpname;
    let rel = name.strip_prefix("/tmp/").unwrap_or(name);
    if rel.is_empty() || rel.contains('/') || rel == ".." || rel == "." {
        return Err(Error::perror(libc::EINVAL, name));
    }
    let path = std::env::temp_dir().join(rel);
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_NOCTTY)
        .mode(mode as u32 & 0o7777)
        .open(&path)
        .map_err(|e| Error::io(&e, name))?;
    crate::stream::receive(d, filename, &mut |data: &[u8]| {
        f.write_all(data)
            .map_err(|_| Error::msg(format!("write error: {name}")))
    })?;
    Ok(())
}

/// FileOut: a squashfs image of a guest directory.
pub fn mksquashfs(d: &mut Daemon, path: &GuestPath, filename: FileOut, o: opts::MksquashfsOpts) -> Result<()> {
    let dir = path.resolve(d, true)?;
    let tmp = std::env::temp_dir().join(format!("squashfs-{}.img", std::process::id()));
    let mut c = Cmd::new("mksquashfs")
        .arg(&dir)
        .arg(&tmp)
        .arg("-noappend")
        .arg("-root-becomes")
        .arg(&dir)
        .args(["-wildcards", "-no-recovery"]);
    if let Some(comp) = o.compress {
        c = c.arg("-comp").arg(comp);
    }
    let excl = std::env::temp_dir().join(format!("squashfs-{}.excl", std::process::id()));
    if let Some(ex) = o.excludes {
        let text: String = ex.iter().map(|e| format!("{e}\n")).collect();
        std::fs::write(&excl, text).map_err(|e| Error::io(&e, excl.display()))?;
        c = c.arg("-ef").arg(&excl);
    }
    let out = c.run();
    let _ = std::fs::remove_file(&excl);
    if !out.ok() {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::msg(format!("{path}: {}", out.err_or_out())));
    }
    let res = (|| {
        let mut f = std::fs::File::open(&tmp).map_err(|e| Error::io(&e, tmp.display()))?;
        let size = f.metadata().map(|m| m.len()).ok();
        let mut file = crate::stream::FileOutStream::begin(d, filename)?;
        if file.copy_from(d, &mut f, size)? {
            file.finish(d, false)?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_file(&tmp);
    res
}

pub fn extlinux(d: &mut Daemon, directory: &GuestPath) -> Result<()> {
    let dir = directory.resolve(d, true)?;
    run(Cmd::new("extlinux").arg("--install").arg(&dir), &directory.lossy())
}

pub fn syslinux(_d: &mut Daemon, device: &str, o: opts::SyslinuxOpts) -> Result<()> {
    let mut c = Cmd::new("syslinux").args(["--install", "--force"]);
    if let Some(dir) = o.directory {
        c = c.arg("--directory").arg(dir);
    }
    let out = c.arg(device).run();
    if !out.ok() {
        return Err(Error::msg(out.err_text()));
    }
    Ok(())
}

pub fn grub_install(d: &mut Daemon, root: &GuestPath, device: &str) -> Result<()> {
    let root = root.resolve(d, true)?;
    let o = Cmd::new("grub-install")
        .arg(format!("--root-directory={}", root.display()))
        .arg(device)
        .run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(())
}

fn sfdisk_out(args: &[&str], dev: &str) -> Result<Vec<u8>> {
    let o = Cmd::new("sfdisk").args(args).arg(dev).run();
    if !o.ok() {
        return Err(Error::msg(format!("{dev}: {}", o.err_text())));
    }
    Ok(o.stdout)
}

/// The table types the text as a device name, so (as in 1.48) a device name at its very
/// start would be translated; sfdisk's listing starts with "Disk ", so none is.
pub fn sfdisk_l(d: &mut Daemon, device: &str) -> Result<crate::devices::CallerName> {
    let out = sfdisk_out(&["-l"], device)?;
    Ok(d.devices.reverse(&String::from_utf8_lossy(&out)))
}

pub fn sfdisk_kernel_geometry(_d: &mut Daemon, device: &str) -> Result<Vec<u8>> {
    sfdisk_out(&["-g"], device)
}

pub fn sfdisk_disk_geometry(_d: &mut Daemon, device: &str) -> Result<Vec<u8>> {
    sfdisk_out(&["-g"], device)
}

/// The device of a Mountable argument (a btrfs subvolume reads its device, as in 1.48).
fn mountable_device(device: &str) -> String {
    crate::mountable::Mountable::parse(device).device().to_string()
}

fn inode_arg(inode: i64) -> Result<String> {
    if inode < 0 {
        return Err(Error::msg("inode must be >= 0"));
    }
    Ok(inode.to_string())
}

/// FileOut: the content of the file with the given inode number, through icat.
pub fn download_inode(d: &mut Daemon, device: &str, inode: i64, filename: FileOut) -> Result<()> {
    let inode = inode_arg(inode)?;
    let c = Cmd::new("icat").arg("-r").arg(mountable_device(device)).arg(&inode);
    crate::stream::command_output(d, filename, c, Some("guestfsd"))
}

/// FileOut: data units start..stop through blkls; only unallocated ones when the
/// `unallocated` optarg is given at all (1.48 tests the bitmask, not the value).
pub fn download_blocks(
    d: &mut Daemon,
    device: &str,
    start: i64,
    stop: i64,
    filename: FileOut,
    o: opts::DownloadBlocksOpts,
) -> Result<()> {
    if start < 0 {
        return Err(Error::msg("starting address must be greater than zero"));
    }
    if stop <= start {
        return Err(Error::msg("stopping address must greater than starting address"));
    }
    let mut c = Cmd::new("blkls").arg(mountable_device(device));
    if o.unallocated.is_none() {
        c = c.arg("-e");
    }
    crate::stream::command_output(d, filename, c.arg(format!("{start}-{stop}")), Some("guestfsd"))
}

/// FileOut: the content of the NTFS file with the given inode (MFT record) number.
pub fn ntfscat_i(d: &mut Daemon, device: &str, inode: i64, filename: FileOut) -> Result<()> {
    let inode = inode_arg(inode)?;
    let c = Cmd::new("ntfscat").arg("-i").arg(&inode).arg(mountable_device(device));
    crate::stream::command_output(d, filename, c, Some("guestfsd"))
}

pub fn f2fs_expand(_d: &mut Daemon, device: &str) -> Result<()> {
    // resize.f2fs reports on stdout; 1.48 folds it into the error text.
    let o = Cmd::new("resize.f2fs").arg(device).fold_stdout().run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(())
}

/// The deprecated sfdisk calls: partition lines fed to sfdisk on its stdin, with the
/// geometry and partition-number flags 1.48 passed, then a partition table re-read
/// (sfdisk's own can fail with EBUSY).
fn sfdisk_lines(dev: &str, n: i32, geometry: [(&str, i32); 3], extra: Option<&str>, lines: &[String]) -> Result<()> {
    let mut args: Vec<String> = Vec::new();
    if n > 0 {
        args.extend(["-N".to_string(), n.to_string()]);
    }
    for (flag, v) in geometry {
        if v != 0 {
            args.extend([flag.to_string(), v.to_string()]);
        }
    }
    args.extend(extra.map(str::to_string));
    args.push(dev.to_string());
    let mut input = Vec::new();
    for l in lines {
        input.extend_from_slice(l.as_bytes());
        input.push(b'\n');
    }
    let o = Cmd::new("sfdisk").args(&args).stdin(input).run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "sfdisk {}: external command failed",
            args.join(" ")
        )));
    }
    let _ = Cmd::new("blockdev").args(["--rereadpt", dev]).run();
    Ok(())
}

pub fn sfdisk(_d: &mut Daemon, device: &str, cyls: i32, heads: i32, sectors: i32, lines: &[String]) -> Result<()> {
    let g = [("-C", cyls), ("-H", heads), ("-S", sectors)];
    sfdisk_lines(device, 0, g, None, lines)
}

pub fn sfdisk_n(
    _d: &mut Daemon,
    device: &str,
    partnum: i32,
    cyls: i32,
    heads: i32,
    sectors: i32,
    line: &str,
) -> Result<()> {
    let g = [("-C", cyls), ("-H", heads), ("-S", sectors)];
    sfdisk_lines(device, partnum, g, None, &[line.to_string()])
}

pub fn sfdiskm(_d: &mut Daemon, device: &str, lines: &[String]) -> Result<()> {
    sfdisk_lines(device, 0, [("-C", 0), ("-H", 0), ("-S", 0)], Some("-uM"), lines)
}
