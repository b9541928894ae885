//! Smaller optional groups that are thin wrappers of host tools: scrub, zerofree, file
//! capabilities, NTFS utilities, discard, The Sleuth Kit's icat/blkls, f2fs resizing.

use std::io::Write;

use guestfs_protocol::RetValue;

use super::{host_path, Handler};
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("scrub_device", scrub_device),
    ("scrub_file", scrub_file),
    ("scrub_freespace", scrub_freespace),
    ("zerofree", zerofree),
    ("cap_get_file", cap_get_file),
    ("cap_set_file", cap_set_file),
    ("ntfs_3g_probe", ntfs_3g_probe),
    ("ntfsfix", ntfsfix),
    ("ntfsresize", ntfsresize),
    ("ntfsresize_size", ntfsresize_size),
    ("ntfsclone_in", ntfsclone_in),
    ("ntfsclone_out", ntfsclone_out),
    ("blkdiscard", blkdiscard),
    ("blkdiscardzeroes", blkdiscardzeroes),
    ("internal_upload", internal_upload),
    ("mksquashfs", mksquashfs),
    ("extlinux", extlinux),
    ("syslinux", syslinux),
    ("grub_install", grub_install),
    ("sfdisk_l", sfdisk_l),
    ("sfdisk_kernel_geometry", sfdisk_kernel_geometry),
    ("sfdisk_disk_geometry", sfdisk_disk_geometry),
    ("download_inode", download_inode),
    ("download_blocks", download_blocks),
    ("ntfscat_i", ntfscat_i),
    ("f2fs_expand", f2fs_expand),
    ("sfdisk", sfdisk),
    ("sfdisk_N", sfdisk_n),
    ("sfdiskM", sfdisk_m),
];

fn run(c: Cmd, what: &str) -> Result<RetValue> {
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(format!("{what}: {}", o.err_or_out())));
    }
    Ok(RetValue::None)
}

fn scrub_device(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    run(Cmd::new("scrub").arg(&dev), &dev)
}

fn scrub_file(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    run(Cmd::new("scrub").arg("-r").arg(&p), &r.str(0))
}

fn scrub_freespace(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    run(Cmd::new("scrub").arg("-X").arg(&p), &r.str(0))
}

fn zerofree(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    run(Cmd::new("zerofree").arg(&dev), &dev)
}

/// libcap's text form ("cap_net_raw=ep"), "" when the file has none.
fn cap_get_file(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    std::fs::symlink_metadata(&p).map_err(|e| Error::io(&e, r.str(0)))?;
    let o = Cmd::new("getcap").arg(&p).run();
    if !o.ok() {
        return Err(Error::msg(format!("{}: {}", r.str(0), o.err_text())));
    }
    // getcap prints "<path> <caps>" (older versions "<path> = <caps>").
    let out = o.out_text();
    let caps = out.trim_end().rsplit(' ').next().unwrap_or("").to_string();
    Ok(RetValue::Str(if out.trim().is_empty() {
        Vec::new()
    } else {
        caps.into_bytes()
    }))
}

fn cap_set_file(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    let o = Cmd::new("setcap").arg(r.str(1)).arg(&p).run();
    if !o.ok() {
        let e = o.err_text();
        if e.contains("fatal error") || e.contains("Invalid") {
            return Err(Error::perror(
                libc::EINVAL,
                format!("could not parse cap string: {}: cap_from_text", r.str(1)),
            ));
        }
        return Err(Error::msg(format!("{}: {e}", r.str(0))));
    }
    Ok(RetValue::None)
}

/// The probe's exit status is the answer.
fn ntfs_3g_probe(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(1);
    let o = Cmd::new("ntfs-3g.probe")
        .arg(if r.bool(0) { "-w" } else { "-r" })
        .arg(&dev)
        .run();
    match o.status {
        Some(n) if n != 127 => Ok(RetValue::Int(n)),
        _ => Err(Error::msg(format!("{dev}: {}", o.err_text()))),
    }
}

fn ntfsfix(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let mut c = Cmd::new("ntfsfix");
    if r.opt_bool(0) == Some(true) {
        c = c.arg("-b");
    }
    run(c.arg(&dev), &dev)
}

fn resize(dev: &str, size: Option<i64>, force: bool) -> Result<RetValue> {
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
    Ok(RetValue::None)
}

fn ntfsresize(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    resize(&r.str(0), r.opt_int64(0), r.opt_bool(1) == Some(true))
}

fn ntfsresize_size(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    resize(&r.str(0), Some(r.int64(1)), false)
}

/// FileIn: an ntfsclone image restored onto the device.
fn ntfsclone_in(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(1);
    let mut child = Cmd::new("ntfsclone")
        .args(["-O", &dev, "--restore-image", "-"])
        .spawn_streaming(true, false)?;
    let mut stdin = child.child.stdin.take();
    let upload = crate::args::FileIn::token();
    let res = crate::stream::receive(d, upload, &mut |data: &[u8]| match stdin.as_mut() {
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
    Ok(RetValue::None)
}

/// FileOut: an ntfsclone image of the device.
fn ntfsclone_out(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let mut c = Cmd::new("ntfsclone").args(["-o", "-", "--save-image"]);
    for (i, f) in [
        (0, "--metadata"),
        (1, "--rescue"),
        (2, "--ignore-fs-check"),
        (3, "--preserve-timestamps"),
        (4, "--force"),
    ] {
        if r.opt_bool(i) == Some(true) {
            c = c.arg(f);
        }
    }
    let mut child = c.arg(&dev).spawn_streaming(false, true)?;
    let mut file = crate::stream::FileOutStream::begin(d, crate::args::FileOut::token())?;
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
    Ok(RetValue::None)
}

/// BLKDISCARD over the whole device (only if the device says it supports discard).
fn blkdiscard(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let name = dev.trim_start_matches("/dev/");
    let max = std::fs::read_to_string(format!("/sys/block/{name}/queue/discard_max_bytes")).unwrap_or_default();
    if max.trim() == "0" {
        return Err(Error::with_errno(
            libc::ENOTSUP,
            format!("{dev}: device does not support discard"),
        ));
    }
    let o = Cmd::new("blkdiscard").arg(&dev).run();
    if !o.ok() {
        return Err(Error::msg(format!("ioctl: {dev}: BLKDISCARD: {}", o.err_text())));
    }
    Ok(RetValue::None)
}

/// Whether discarded blocks read back as zeroes (BLKDISCARDZEROES; always false on
/// current kernels, which removed the guarantee).
fn blkdiscardzeroes(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let name = dev.trim_start_matches("/dev/");
    let z = std::fs::read_to_string(format!("/sys/block/{name}/queue/discard_zeroes_data")).unwrap_or_default();
    Ok(RetValue::Bool(z.trim() == "1"))
}

/// FileIn to a file in the appliance's /tmp (setup helper for the library). Unlike
/// 1.48's unrestricted debug upload, only /tmp is writable this way.
fn internal_upload(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let name = r.str(1);
    let rel = name.strip_prefix("/tmp/").unwrap_or(&name);
    if rel.is_empty() || rel.contains('/') || rel == ".." || rel == "." {
        return Err(Error::perror(libc::EINVAL, &name));
    }
    let path = std::env::temp_dir().join(rel);
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_NOCTTY)
        .mode(r.int(2) as u32 & 0o7777)
        .open(&path)
        .map_err(|e| Error::io(&e, &name))?;
    crate::stream::receive(d, crate::args::FileIn::token(), &mut |data: &[u8]| {
        f.write_all(data)
            .map_err(|_| Error::msg(format!("write error: {name}")))
    })?;
    Ok(RetValue::None)
}

/// FileOut: a squashfs image of a guest directory.
fn mksquashfs(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = host_path(d, r, 0, true)?;
    let tmp = std::env::temp_dir().join(format!("squashfs-{}.img", std::process::id()));
    let mut c = Cmd::new("mksquashfs")
        .arg(&dir)
        .arg(&tmp)
        .arg("-noappend")
        .arg("-root-becomes")
        .arg(&dir)
        .args(["-wildcards", "-no-recovery"]);
    if let Some(comp) = r.opt_str(0) {
        c = c.arg("-comp").arg(comp);
    }
    let excl = std::env::temp_dir().join(format!("squashfs-{}.excl", std::process::id()));
    if let Some(ex) = r.opt_list(1) {
        let text: String = ex.iter().map(|e| format!("{e}\n")).collect();
        std::fs::write(&excl, text).map_err(|e| Error::io(&e, excl.display()))?;
        c = c.arg("-ef").arg(&excl);
    }
    let o = c.run();
    let _ = std::fs::remove_file(&excl);
    if !o.ok() {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::msg(format!("{}: {}", r.str(0), o.err_or_out())));
    }
    let res = (|| {
        let mut f = std::fs::File::open(&tmp).map_err(|e| Error::io(&e, tmp.display()))?;
        let size = f.metadata().map(|m| m.len()).ok();
        let mut file = crate::stream::FileOutStream::begin(d, crate::args::FileOut::token())?;
        if file.copy_from(d, &mut f, size)? {
            file.finish(d, false)?;
        }
        Ok(RetValue::None)
    })();
    let _ = std::fs::remove_file(&tmp);
    res
}

fn extlinux(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dir = host_path(d, r, 0, true)?;
    run(Cmd::new("extlinux").arg("--install").arg(&dir), &r.str(0))
}

fn syslinux(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let mut c = Cmd::new("syslinux").args(["--install", "--force"]);
    if let Some(dir) = r.opt_str(0) {
        c = c.arg("--directory").arg(dir);
    }
    let o = c.arg(r.str(0)).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(RetValue::None)
}

fn grub_install(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let root = host_path(d, r, 0, true)?;
    let o = Cmd::new("grub-install")
        .arg(format!("--root-directory={}", root.display()))
        .arg(r.str(1))
        .run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(RetValue::None)
}

fn sfdisk_out(args: &[&str], dev: &str) -> Result<RetValue> {
    let o = Cmd::new("sfdisk").args(args).arg(dev).run();
    if !o.ok() {
        return Err(Error::msg(format!("{dev}: {}", o.err_text())));
    }
    Ok(RetValue::Str(o.stdout))
}

fn sfdisk_l(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    sfdisk_out(&["-l"], &r.str(0))
}

fn sfdisk_kernel_geometry(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    sfdisk_out(&["-g"], &r.str(0))
}

fn sfdisk_disk_geometry(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    sfdisk_out(&["-g"], &r.str(0))
}

/// The device of a Mountable argument (a btrfs subvolume reads its device, as in 1.48).
fn mountable_device(r: &Req, i: usize) -> String {
    crate::mountable::Mountable::parse(&r.str(i)).device().to_string()
}

fn inode_arg(r: &Req) -> Result<String> {
    let inode = r.int64(1);
    if inode < 0 {
        return Err(Error::msg("inode must be >= 0"));
    }
    Ok(inode.to_string())
}

/// FileOut: the content of the file with the given inode number, through icat.
fn download_inode(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let inode = inode_arg(r)?;
    let c = Cmd::new("icat").arg("-r").arg(mountable_device(r, 0)).arg(&inode);
    crate::stream::command_output(d, crate::args::FileOut::token(), c, Some("guestfsd")).map(|()| RetValue::None)
}

/// FileOut: data units start..stop through blkls; only unallocated ones when the
/// `unallocated` optarg is given at all (1.48 tests the bitmask, not the value).
fn download_blocks(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (start, stop) = (r.int64(1), r.int64(2));
    if start < 0 {
        return Err(Error::msg("starting address must be greater than zero"));
    }
    if stop <= start {
        return Err(Error::msg("stopping address must greater than starting address"));
    }
    let mut c = Cmd::new("blkls").arg(mountable_device(r, 0));
    if !r.opt_set(0) {
        c = c.arg("-e");
    }
    let c = c.arg(format!("{start}-{stop}"));
    crate::stream::command_output(d, crate::args::FileOut::token(), c, Some("guestfsd")).map(|()| RetValue::None)
}

/// FileOut: the content of the NTFS file with the given inode (MFT record) number.
fn ntfscat_i(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let inode = inode_arg(r)?;
    let c = Cmd::new("ntfscat").arg("-i").arg(&inode).arg(mountable_device(r, 0));
    crate::stream::command_output(d, crate::args::FileOut::token(), c, Some("guestfsd")).map(|()| RetValue::None)
}

fn f2fs_expand(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    // resize.f2fs reports on stdout; 1.48 folds it into the error text.
    let o = Cmd::new("resize.f2fs").arg(r.str(0)).fold_stdout().run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(RetValue::None)
}

/// The deprecated sfdisk calls: partition lines fed to sfdisk on its stdin, with the
/// geometry and partition-number flags 1.48 passed, then a partition table re-read
/// (sfdisk's own can fail with EBUSY).
fn sfdisk_lines(
    dev: &str,
    n: i32,
    geometry: [(&str, i32); 3],
    extra: Option<&str>,
    lines: &[Vec<u8>],
) -> Result<RetValue> {
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
        input.extend_from_slice(l);
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
    Ok(RetValue::None)
}

fn sfdisk(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let g = [("-C", r.int(1)), ("-H", r.int(2)), ("-S", r.int(3))];
    sfdisk_lines(&r.str(0), 0, g, None, r.list(4))
}

fn sfdisk_n(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let g = [("-C", r.int(2)), ("-H", r.int(3)), ("-S", r.int(4))];
    sfdisk_lines(&r.str(0), r.int(1), g, None, &[r.bytes(5).to_vec()])
}

fn sfdisk_m(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    sfdisk_lines(&r.str(0), 0, [("-C", 0), ("-H", 0), ("-S", 0)], Some("-uM"), r.list(1))
}
