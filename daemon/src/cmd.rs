//! Running host programs: capture stdout and stderr, optionally inside the sysroot (chroot),
//! optionally streaming stdin/stdout for archive transfers.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::error::{self, Error};

/// What a finished program left behind.
#[derive(Debug)]
pub struct Outcome {
    /// Exit code; `None` when killed by a signal.
    pub status: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.status == Some(0)
    }
    /// stderr as text with trailing whitespace removed: the part 1.48 puts in its messages.
    pub fn err_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).trim_end().to_string()
    }
    pub fn out_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    /// stderr, or stdout when stderr is empty (tools that report errors on stdout).
    pub fn err_or_out(&self) -> String {
        let e = self.err_text();
        if e.is_empty() {
            self.out_text().trim_end().to_string()
        } else {
            e
        }
    }
}

/// A program invocation.
pub struct Cmd {
    prog: OsString,
    args: Vec<OsString>,
    chroot: Option<PathBuf>,
    fold_stdout: bool,
    stdin_data: Option<Vec<u8>>,
    stdin_file: Option<File>,
    stdout_file: Option<File>,
    stdin_pipe: Option<std::process::ChildStdout>,
    cwd: Option<PathBuf>,
}

impl Cmd {
    pub fn new(prog: impl AsRef<OsStr>) -> Cmd {
        Cmd {
            prog: prog.as_ref().to_owned(),
            args: Vec::new(),
            chroot: None,
            fold_stdout: false,
            stdin_data: None,
            stdin_file: None,
            stdout_file: None,
            stdin_pipe: None,
            cwd: None,
        }
    }
    pub fn arg(mut self, a: impl AsRef<OsStr>) -> Cmd {
        self.args.push(a.as_ref().to_owned());
        self
    }
    pub fn args<I, S>(mut self, it: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args.extend(it.into_iter().map(|s| s.as_ref().to_owned()));
        self
    }
    /// Read stdin from another program's stdout (a pipeline).
    pub fn stdin_pipe(mut self, p: std::process::ChildStdout) -> Cmd {
        self.stdin_pipe = Some(p);
        self
    }
    /// Run in this working directory.
    pub fn chdir(mut self, dir: &Path) -> Cmd {
        self.cwd = Some(dir.to_path_buf());
        self
    }
    /// Send stdout to an open file (streaming mode only).
    pub fn stdout_file(mut self, f: File) -> Cmd {
        self.stdout_file = Some(f);
        self
    }
    /// Run inside `root` (chroot + chdir "/"), as 1.48 does for `command` and `sh`.
    pub fn chroot(mut self, root: &Path) -> Cmd {
        self.chroot = Some(root.to_path_buf());
        self
    }
    /// Send stdout into the captured stderr too (1.48's COMMAND_FLAG_FOLD_STDOUT_ON_STDERR).
    pub fn fold_stdout(mut self) -> Cmd {
        self.fold_stdout = true;
        self
    }
    pub fn stdin_bytes(self, data: Vec<u8>) -> Cmd {
        self.stdin(data)
    }
    pub fn stdin(mut self, data: Vec<u8>) -> Cmd {
        self.stdin_data = Some(data);
        self
    }
    /// Read stdin from an open file (1.48's COMMAND_FLAG_CHROOT_COPY_FILE_TO_STDIN).
    pub fn stdin_file(mut self, f: File) -> Cmd {
        self.stdin_file = Some(f);
        self
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.prog);
        c.args(&self.args);
        if let Some(d) = &self.cwd {
            c.current_dir(d);
        }
        if let Some(root) = &self.chroot {
            let root = std::ffi::CString::new(root.as_os_str().as_bytes()).unwrap_or_default();
            // SAFETY: chroot and chdir are async-signal-safe syscalls; the closure touches
            // only the CString captured above.
            unsafe {
                c.pre_exec(move || {
                    if libc::chroot(root.as_ptr()) == -1 || libc::chdir(c"/".as_ptr()) == -1 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        c
    }

    fn describe(&self) -> String {
        let mut s = self.prog.to_string_lossy().into_owned();
        for a in &self.args {
            s.push(' ');
            s.push_str(&a.to_string_lossy());
        }
        s
    }

    /// Run to completion. A program that cannot be started gives status 127 and a stderr
    /// of `prog: strerror`, the way a shell would report it.
    pub fn run(self) -> Outcome {
        crate::vlog!("commandrvf: {}", self.describe());
        let mut c = self.command();
        let piped_data = self.stdin_data.is_some();
        c.stdin(match (self.stdin_file, self.stdin_pipe) {
            (Some(f), _) => Stdio::from(f),
            (None, Some(p)) => Stdio::from(p),
            (None, None) if piped_data => Stdio::piped(),
            (None, None) => Stdio::null(),
        });
        let errfile = match temp_file() {
            Ok(f) => f,
            Err(e) => return spawn_failure(&self.prog, &e),
        };
        let errclone = match errfile.try_clone() {
            Ok(f) => f,
            Err(e) => return spawn_failure(&self.prog, &e),
        };
        c.stderr(Stdio::from(errclone));
        if self.fold_stdout {
            match errfile.try_clone() {
                Ok(f) => c.stdout(Stdio::from(f)),
                Err(e) => return spawn_failure(&self.prog, &e),
            };
        } else {
            c.stdout(Stdio::piped());
        }
        let mut child = match c.spawn() {
            Ok(ch) => ch,
            Err(e) => return spawn_failure(&self.prog, &e),
        };
        // Feed stdin from a thread so a program that writes before reading cannot deadlock.
        let feeder = match (child.stdin.take(), self.stdin_data) {
            (Some(mut sin), Some(data)) => Some(std::thread::spawn(move || {
                use std::io::Write;
                let _ = sin.write_all(&data);
            })),
            _ => None,
        };
        let mut stdout = Vec::new();
        if let Some(mut out) = child.stdout.take() {
            let _ = out.read_to_end(&mut stdout);
        }
        let status = child.wait().ok().and_then(|s| s.code());
        if let Some(t) = feeder {
            let _ = t.join();
        }
        let stderr = read_back(errfile);
        let o = Outcome { status, stdout, stderr };
        if crate::log::verbose() && !o.ok() {
            eprintln!(
                "{}: exit status {:?}: {}",
                self.prog.to_string_lossy(),
                o.status,
                o.err_text()
            );
        }
        o
    }

    /// Start the program with stdin and/or stdout as pipes for streaming; stderr goes to
    /// an unlinked temp file that [`Streaming::finish`] reads back.
    pub fn spawn_streaming(self, pipe_stdin: bool, pipe_stdout: bool) -> Result<Streaming, Error> {
        crate::vlog!("commandrvf: {}", self.describe());
        let mut c = self.command();
        c.stdin(match (self.stdin_file, self.stdin_pipe) {
            (Some(f), _) => Stdio::from(f),
            (None, Some(p)) => Stdio::from(p),
            (None, None) if pipe_stdin => Stdio::piped(),
            (None, None) => Stdio::null(),
        });
        c.stdout(match self.stdout_file {
            Some(f) => Stdio::from(f),
            None if pipe_stdout => Stdio::piped(),
            None => Stdio::null(),
        });
        let errfile = temp_file().map_err(|e| Error::io(&e, "tmpfile"))?;
        let errclone = errfile.try_clone().map_err(|e| Error::io(&e, "dup"))?;
        c.stderr(Stdio::from(errclone));
        let child = c.spawn().map_err(|e| Error::io(&e, self.prog.to_string_lossy()))?;
        Ok(Streaming { child, errfile })
    }
}

/// A running program whose stdin/stdout the caller streams.
pub struct Streaming {
    pub child: Child,
    errfile: File,
}

impl Streaming {
    /// Close our pipe ends, wait, and return the exit code and stderr text.
    pub fn finish(mut self) -> (Option<i32>, String) {
        drop(self.child.stdin.take());
        drop(self.child.stdout.take());
        let status = self.child.wait().ok().and_then(|s| s.code());
        let err = String::from_utf8_lossy(&read_back(self.errfile)).trim_end().to_string();
        (status, err)
    }
    /// Kill it (the transfer was cancelled) and reap it.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_failure(prog: &OsStr, e: &std::io::Error) -> Outcome {
    Outcome {
        status: Some(127),
        stdout: Vec::new(),
        stderr: format!("{}: {}", prog.to_string_lossy(), error::io_text(e)).into_bytes(),
    }
}

/// An anonymous file for capturing stderr: created in /tmp and unlinked at once.
fn temp_file() -> std::io::Result<File> {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir();
    loop {
        let n = N.fetch_add(1, Ordering::Relaxed);
        let p = dir.join(format!("guestfsd-{}-{}", std::process::id(), n));
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(f) => {
                let _ = std::fs::remove_file(&p);
                return Ok(f);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Read a capture file from its start, keeping at most 1 MiB (error messages, not data).
fn read_back(mut f: File) -> Vec<u8> {
    let mut v = Vec::new();
    if f.seek(SeekFrom::Start(0)).is_ok() {
        let _ = f.take(1 << 20).read_to_end(&mut v);
    }
    v
}

/// Whether a program exists in PATH (used by feature detection).
pub fn program_exists(name: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/sbin:/usr/sbin:/bin:/usr/bin".into());
    std::env::split_paths(&path).any(|d| {
        let p = d.join(name);
        std::fs::metadata(&p).map(|m| m.is_file()).unwrap_or(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_stdout_and_stderr() {
        let o = Cmd::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]).run();
        assert_eq!(o.status, Some(3));
        assert_eq!(o.stdout, b"out\n");
        assert_eq!(o.err_text(), "err");
    }

    #[test]
    fn missing_program_reports_127() {
        let o = Cmd::new("/nonexistent/prog").run();
        assert_eq!(o.status, Some(127));
        assert!(o.err_text().contains("No such file or directory"));
    }

    #[test]
    fn stdin_is_fed() {
        let o = Cmd::new("cat").stdin(b"hello".to_vec()).run();
        assert_eq!(o.stdout, b"hello");
    }

    #[test]
    fn fold_stdout_goes_to_stderr() {
        let o = Cmd::new("sh").args(["-c", "echo a; echo b >&2"]).fold_stdout().run();
        assert!(o.stdout.is_empty());
        assert_eq!(o.err_text(), "a\nb");
    }
}
