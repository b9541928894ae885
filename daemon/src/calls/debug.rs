//! The debugging calls: `debug` (1.48's sub-commands that make sense in our appliance),
//! `debug_upload` (a file anywhere in the appliance) and `internal_rhbz914931` (a
//! deliberate daemon crash in the middle of an upload, for the library's tests).

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::time::Duration;

use guestfs_protocol::Progress;

use super::debug_io;
use crate::args::FileIn;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::stream;

type SubCommand = fn(&mut Daemon, &[String]) -> Result<String>;

/// 1.48's sub-commands, in its order (`help` lists them).
const SUBCOMMANDS: &[(&str, SubCommand)] = &[
    ("help", help),
    ("binaries", binaries),
    ("bmap", debug_io::bmap),
    ("bmap_device", debug_io::bmap_device),
    ("bmap_file", debug_io::bmap_file),
    ("core_pattern", core_pattern),
    ("device_speed", debug_io::device_speed),
    ("env", env),
    ("error", error),
    ("fds", fds),
    ("ldd", ldd),
    ("ls", ls),
    ("ll", ll),
    ("print", print),
    ("progress", progress),
    ("qtrace", debug_io::qtrace),
    ("segv", segv),
    ("setenv", setenv),
    ("sh", sh),
    ("spew", spew),
];

pub fn debug(d: &mut Daemon, subcmd: &str, extraargs: &[String]) -> Result<String> {
    match SUBCOMMANDS.iter().find(|(n, _)| n.eq_ignore_ascii_case(subcmd)) {
        Some((_, f)) => f(d, extraargs),
        None => Err(Error::msg("use 'debug help 0' to list the supported commands")),
    }
}

fn ok() -> Result<String> {
    Ok("ok".to_string())
}

fn help(_d: &mut Daemon, _a: &[String]) -> Result<String> {
    let mut s = String::from("Commands supported:");
    for (n, _) in SUBCOMMANDS {
        s.push(' ');
        s.push_str(n);
    }
    Ok(s)
}

/// stdout of a command, or "<what>: <stderr>" as the error.
fn output(c: Cmd, what: &str) -> Result<String> {
    let o = c.run();
    if !o.ok() {
        return Err(Error::msg(format!("{what}: {}", o.err_text())));
    }
    Ok(o.out_text())
}

fn binaries(_d: &mut Daemon, _a: &[String]) -> Result<String> {
    let pipeline =
        "find / -xdev -type f -executable | xargs file -i | grep application/x-executable | awk -F: '{print $1}'";
    output(Cmd::new("sh").args(["-c", pipeline]), "find")
}

fn core_pattern(_d: &mut Daemon, a: &[String]) -> Result<String> {
    let Some(pattern) = a.first() else {
        return Err(Error::msg("core_pattern: expecting a core pattern"));
    };
    const PATH: &str = "/proc/sys/kernel/core_pattern";
    let mut f = OpenOptions::new()
        .write(true)
        .open(PATH)
        .map_err(|e| Error::io(&e, format!("open: {PATH}")))?;
    f.write_all(pattern.as_bytes())
        .map_err(|e| Error::io(&e, format!("write: {PATH}")))?;
    let unlimited = libc::rlimit {
        rlim_cur: libc::RLIM_INFINITY,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: setrlimit with a valid rlimit value.
    if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &unlimited) } == -1 {
        return Err(Error::io(&std::io::Error::last_os_error(), "setrlimit (RLIMIT_CORE)"));
    }
    ok()
}

fn env(_d: &mut Daemon, _a: &[String]) -> Result<String> {
    output(Cmd::new("printenv"), "printenv")
}

/// An error of the requested length, with an errno no other path returns (EROFS), so
/// that the library's tests can tell it is this one.
fn error(_d: &mut Daemon, a: &[String]) -> Result<String> {
    let usage = || Error::msg("debug error: expecting one arg: length of error message");
    let [n] = a else { return Err(usage()) };
    let len: u32 = n.trim().parse().map_err(|_| usage())?;
    if len > 1_000_000 {
        return Err(Error::msg("debug error: length argument too large"));
    }
    Err(Error::with_errno(libc::EROFS, "a".repeat(len as usize)))
}

fn fds(_d: &mut Daemon, _a: &[String]) -> Result<String> {
    let rd = std::fs::read_dir("/proc/self/fd").map_err(|e| Error::io(&e, "opendir: /proc/self/fd"))?;
    let mut out = String::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        match std::fs::read_link(e.path()) {
            Ok(t) => out.push_str(&format!("{name:>2} {}\n", t.display())),
            Err(_) => out.push_str(&format!("{name:>2} ?\n")),
        }
    }
    Ok(out)
}

fn ldd(_d: &mut Daemon, a: &[String]) -> Result<String> {
    let [file] = a else {
        return Err(Error::msg("ldd: no file argument"));
    };
    let o = Cmd::new("ldd").arg("-r").arg(file).run();
    if !o.ok() {
        return Err(Error::msg(format!("ldd: {file}: {}", o.err_text())));
    }
    // Both streams: ldd reports some problems on each.
    Ok(o.out_text() + &String::from_utf8_lossy(&o.stderr))
}

fn ls(_d: &mut Daemon, a: &[String]) -> Result<String> {
    output(Cmd::new("ls").arg("-a").args(a), "ls")
}

fn ll(_d: &mut Daemon, a: &[String]) -> Result<String> {
    output(Cmd::new("ls").arg("-la").args(a), "ll")
}

fn print(_d: &mut Daemon, a: &[String]) -> Result<String> {
    crate::log::line(a.join(" "));
    ok()
}

/// Progress messages for `secs` seconds: every 0.1 s through the usual rate limit, or
/// every `rate` µs without it.
fn progress(d: &mut Daemon, a: &[String]) -> Result<String> {
    let usage = || Error::msg("progress: expecting one or more args: time in seconds [, rate in microseconds]");
    let secs: u64 = a.first().ok_or_else(usage)?.trim().parse().map_err(|_| usage())?;
    if secs == 0 || secs > 1_000_000 {
        return Err(Error::msg("progress: argument is 0, less than 0, or too large"));
    }
    let rate: u64 = match a.get(1) {
        Some(r) => r.trim().parse().map_err(|_| usage())?,
        None => 0,
    };
    if a.len() >= 2 && (rate == 0 || rate > 1_000_000) {
        return Err(Error::msg("progress: rate is 0 or too large"));
    }
    if rate == 0 {
        let tenths = secs * 10;
        for i in 1..=tenths {
            std::thread::sleep(Duration::from_millis(100));
            d.progress(i, tenths);
        }
    } else {
        let total = secs * 1_000_000;
        let Some(h) = d.cur else { return ok() };
        let mut i = rate;
        while i <= total {
            std::thread::sleep(Duration::from_micros(rate));
            let p = Progress {
                proc_nr: h.proc_nr,
                serial: h.serial,
                position: i,
                total,
            };
            if let Err(e) = d.t.send_progress(&p) {
                return Err(d.conn_failed(e));
            }
            i += rate;
        }
    }
    ok()
}

fn segv(_d: &mut Daemon, _a: &[String]) -> Result<String> {
    // 1.48 dereferences NULL; aborting has the same effect on the appliance.
    std::process::abort()
}

fn setenv(_d: &mut Daemon, a: &[String]) -> Result<String> {
    let [k, v] = a else {
        return Err(Error::msg("setenv: two arguments expected"));
    };
    std::env::set_var(k, v);
    ok()
}

/// A shell command in the appliance (not the guest), with $root and $sd set as in 1.48;
/// stdout and stderr together are the result.
fn sh(d: &mut Daemon, a: &[String]) -> Result<String> {
    if a.is_empty() {
        return Err(Error::msg("sh: expecting a command to run"));
    }
    std::env::set_var("root", d.sysroot.root());
    for prefix in ["sd", "hd", "ubd", "vd"] {
        if std::path::Path::new(&format!("/sys/block/{prefix}a")).exists() {
            std::env::set_var("sd", prefix);
            break;
        }
    }
    let o = Cmd::new("/bin/sh").arg("-c").arg(a.join(" ")).fold_stdout().run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    // 1.48 drops the trailing newlines of the error stream, which this is.
    let mut out = o.stderr;
    while out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn spew(_d: &mut Daemon, a: &[String]) -> Result<String> {
    let [n] = a else {
        return Err(Error::msg("spew: expecting number of lines <n>"));
    };
    let n: usize = n
        .trim()
        .parse()
        .map_err(|_| Error::msg(format!("spew: could not parse number of lines '{n}'")))?;
    let line = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890123456789\n";
    let mut err = std::io::stderr().lock();
    for _ in 0..n {
        let _ = err.write_all(line.as_bytes());
    }
    ok()
}

/// FileIn to any path of the appliance (not the guest), created with `mode`.
pub fn debug_upload(d: &mut Daemon, filename: FileIn, tmpname: &str, mode: i32) -> Result<()> {
    let name = tmpname;
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(mode as u32)
        .custom_flags(libc::O_NOCTTY)
        .open(name);
    // On error the dispatcher refuses the file's chunks before replying.
    let mut f = f.map_err(|e| Error::io(&e, name))?;
    stream::receive(d, filename, &mut |data: &[u8]| {
        f.write_all(data)
            .map_err(|_| Error::msg(format!("write error: {name}")))
    })?;
    Ok(())
}

/// Receives chunks, sleeping a second after each, and aborts the daemon at chunk
/// number `count`: the library must then report the appliance's death cleanly.
pub fn internal_rhbz914931(d: &mut Daemon, filename: FileIn, count: i32) -> Result<()> {
    let mut count = count;
    if count <= 0 || count > 1000 {
        return Err(Error::msg("count out of range"));
    }
    stream::receive(d, filename, &mut |_data: &[u8]| {
        count -= 1;
        std::thread::sleep(Duration::from_secs(1));
        if count == 0 {
            std::process::abort();
        }
        Ok(())
    })?;
    Ok(())
}
