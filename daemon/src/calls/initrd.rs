//! Looking inside gzip-compressed cpio initrds.

use std::fs;

use guestfs_protocol::MESSAGE_MAX;

use super::split_lines;
use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

pub fn initrd_list(d: &mut Daemon, path: &GuestPath) -> Result<Vec<Vec<u8>>> {
    let p = path.resolve(d, true)?;
    let f = fs::File::open(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    let mut zcat = Cmd::new("zcat").stdin_file(f).spawn_streaming(false, true)?;
    let Some(out) = zcat.child.stdout.take() else {
        return Err(Error::msg("zcat: no output"));
    };
    let o = Cmd::new("cpio").args(["--quiet", "-it"]).stdin_pipe(out).run();
    let _ = zcat.finish();
    if !o.ok() {
        return Err(Error::msg(format!(
            "pclose: command failed with return code {}",
            o.status.unwrap_or(-1)
        )));
    }
    Ok(split_lines(&o.stdout))
}

pub fn initrd_cat(d: &mut Daemon, initrdpath: &GuestPath, filename: &str) -> Result<Vec<u8>> {
    let p = initrdpath.resolve(d, true)?;
    let (path, name) = (initrdpath.lossy(), filename);
    let tmp = std::env::temp_dir().join(format!(
        "initrd-cat-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    fs::create_dir_all(&tmp).map_err(|e| Error::io(&e, "mkdtemp"))?;
    let result = (|| {
        let f = fs::File::open(&p).map_err(|e| Error::io(&e, &path))?;
        let mut zcat = Cmd::new("zcat").stdin_file(f).spawn_streaming(false, true)?;
        let Some(out) = zcat.child.stdout.take() else {
            return Err(Error::msg("zcat: no output"));
        };
        let o = Cmd::new("cpio")
            .args(["--quiet", "-id", "--"])
            .arg(name)
            .chdir(&tmp)
            .stdin_pipe(out)
            .run();
        let _ = zcat.finish();
        if !o.ok() {
            return Err(Error::msg(format!(
                "command failed with return code {}",
                o.status.unwrap_or(-1)
            )));
        }
        // The member name comes from the caller: read it only if it stayed inside tmp.
        let target = tmp.join(name.trim_start_matches('/'));
        let real = fs::canonicalize(&target).map_err(|e| Error::io(&e, format!("open: {path}:{name}")))?;
        if !real.starts_with(&tmp) {
            return Err(Error::perror(libc::ENOENT, format!("open: {path}:{name}")));
        }
        let m = fs::metadata(&real).map_err(|e| Error::io(&e, format!("fstat: {path}:{name}")))?;
        if m.len() >= MESSAGE_MAX as u64 {
            return Err(Error::msg(format!("{path}:{name}: file is too large for the protocol")));
        }
        fs::read(&real).map_err(|e| Error::io(&e, format!("read: {path}:{name}")))
    })();
    let _ = fs::remove_dir_all(&tmp);
    result
}
