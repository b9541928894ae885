//! copy_in and copy_out: files and trees moved between the host and the guest. As in 1.48,
//! a local `tar` runs on one end of a pipe and the daemon's tar_in / tar_out on the other
//! (the pipe reaches them as a `/dev/fd/N` path); a single guest file is just downloaded.

use std::io::Read;
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::reply;
use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::Value;

fn s(v: &str) -> Value {
    Value::Str(v.as_bytes().to_vec())
}

/// 1.48's split of a path into (directory, last component): one trailing slash is ignored;
/// "/foo" gives ("/", "foo"), "foo" gives (None, "foo").
fn split_path(path: &str) -> Result<(Option<&str>, &str)> {
    if path.is_empty() {
        return Err(Error::msg(
            "error: argument is zero length or longer than maximum permitted",
        ));
    }
    let p = if path.len() >= 2 {
        path.strip_suffix('/').unwrap_or(path)
    } else {
        path
    };
    Ok(match p.rfind('/') {
        Some(0) => (Some("/"), &p[1..]),
        Some(i) => (Some(&p[..i]), &p[i + 1..]),
        None => (None, p),
    })
}

fn is(h: &Core, test: &str, path: &str) -> Result<bool> {
    reply::boolean(test, super::nested(h, test, &[s(path)])?)
}

/// A local tar process and the collected text of its standard error.
struct Tar {
    child: Child,
    errors: std::thread::JoinHandle<String>,
}

impl Tar {
    fn spawn(mut cmd: Command) -> Result<Tar> {
        let mut child = cmd.stderr(Stdio::piped()).spawn().map_err(|e| Error::os("tar", &e))?;
        let mut stderr = child.stderr.take();
        // Drained on a thread so a chatty tar cannot block on a full stderr pipe.
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(e) = stderr.as_mut() {
                let _ = e.read_to_string(&mut text);
            }
            text
        });
        Ok(Tar { child, errors })
    }

    /// Waits for tar; its failure becomes 1.48's "tar subprocess failed" error.
    fn finish(mut self) -> Result<()> {
        let status = self.child.wait().map_err(|e| Error::os("waitpid", &e))?;
        let errors = self.errors.join().unwrap_or_default();
        if status.success() {
            Ok(())
        } else {
            Err(Error::msg(format!("tar subprocess failed: {}", errors.trim_end())))
        }
    }

    /// True once the tar process has exited (std keeps the status for finish/wait).
    fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// The error for a stream that tar stopped reading before its end: tar's messages,
    /// or how it ended when it said nothing. `e` (the failed write) gives the errno.
    fn early_exit_error(mut self, e: Error) -> Error {
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
        let errors = self.errors.join().unwrap_or_default();
        let why = match errors.trim_end() {
            "" => format!("tar stopped reading its input ({status}): {}", e.message),
            t => t.to_string(),
        };
        Error::with_errno(e.errno, format!("tar subprocess failed: {why}"))
    }

    /// Stops tar after the guest side failed (its own error is the one reported).
    fn abandon(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn copy_in(h: &Core, localpath: &str, remotedir: &str) -> Result<()> {
    if std::fs::metadata(localpath).is_err() {
        return Err(Error::msg(format!(
            "source ‘{localpath}’ does not exist (or cannot be read)"
        )));
    }
    if !is(h, "is_dir", remotedir)? {
        return Err(Error::msg(format!("target ‘{remotedir}’ is not a directory")));
    }
    let (dir, base) = split_path(localpath)?;
    let mut cmd = Command::new("tar");
    if let Some(d) = dir {
        cmd.arg("-C").arg(d);
    }
    cmd.args(["-cf", "-"])
        .arg(base)
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    let mut tar = Tar::spawn(cmd)?;
    let Some(out) = tar.child.stdout.take() else {
        tar.abandon();
        return Err(Error::msg("tar: no output pipe"));
    };
    let r = super::nested(h, "tar_in", &[s(&format!("/dev/fd/{}", out.as_raw_fd())), s(remotedir)]);
    drop(out);
    match r {
        Ok(_) => tar.finish(),
        Err(e) => {
            tar.abandon();
            Err(e)
        }
    }
}

pub fn copy_out(h: &Core, remotepath: &str, localdir: &str) -> Result<()> {
    if !Path::new(localdir).is_dir() {
        return Err(Error::msg(format!("target ‘{localdir}’ is not a directory")));
    }
    if is(h, "is_file", remotepath)? {
        let (_, base) = split_path(remotepath)?;
        super::nested(h, "download", &[s(remotepath), s(&format!("{localdir}/{base}"))])?;
        return Ok(());
    }
    if !is(h, "is_dir", remotepath)? {
        return Err(Error::msg(format!("‘{remotepath}’ is not a file or directory")));
    }
    let (_, base) = split_path(remotepath)?;
    // "/" has no last component: its contents go straight into localdir.
    let base = if base.is_empty() { "." } else { base };
    let target = Path::new(localdir).join(base);
    if let Err(e) = std::fs::create_dir(&target) {
        if e.kind() != std::io::ErrorKind::AlreadyExists {
            let e = Error::os(base, &e);
            return Err(Error::with_errno(
                e.errno,
                format!("tar subprocess failed: {}", e.message),
            ));
        }
    }
    let mut cmd = Command::new("tar");
    cmd.args(["-xf", "-"])
        .current_dir(&target)
        .stdin(Stdio::piped())
        .stdout(Stdio::null());
    let mut tar = Tar::spawn(cmd)?;
    let Some(input) = tar.child.stdin.take() else {
        tar.abandon();
        return Err(Error::msg("tar: no input pipe"));
    };
    let r = super::nested(
        h,
        "tar_out",
        &[s(remotepath), s(&format!("/dev/fd/{}", input.as_raw_fd()))],
    );
    drop(input);
    match r {
        Ok(_) => tar.finish(),
        // tar stopped reading (it rejected the stream, or was killed): the write into its
        // pipe failed with EPIPE. Its own words say more than "Broken pipe".
        Err(e) if tar.exited() => Err(tar.early_exit_error(e)),
        Err(e) => {
            tar.abandon();
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_path;

    #[test]
    fn paths_split_like_1_48() {
        assert_eq!(split_path("/foo").unwrap(), (Some("/"), "foo"));
        assert_eq!(split_path("/a/b/").unwrap(), (Some("/a"), "b"));
        assert_eq!(split_path("foo").unwrap(), (None, "foo"));
        assert_eq!(split_path("a/b").unwrap(), (Some("a"), "b"));
        assert_eq!(split_path("/").unwrap(), (Some("/"), ""));
        assert!(split_path("").is_err());
    }
}
