//! The libyara group: yara_load, yara_destroy and internal_yara_scan, through libyara
//! (`ffi.rs`).
//!
//! As in 1.48 the daemon holds one set of rules: yara_load replaces it (compiled rules as
//! saved by yarac, or source rules compiled here), yara_destroy drops it.
//! internal_yara_scan sends one `yara_detection` (path, rule identifier) per matching rule
//! as FileOut data: the XDR of the struct, entries back to back, which the library's
//! yara_scan decodes.

mod ffi;

use std::cell::RefCell;
use std::ffi::CString;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use guestfs_protocol::structs::YaraDetection;
use guestfs_protocol::ByteString;

use crate::args::{FileIn, FileOut, GuestPath};
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::stream::{self, FileOutStream};
use ffi::{CompileError, Rules, Scan};

/// Whether libyara can be loaded (the libyara group's availability).
pub fn library_available() -> bool {
    ffi::available()
}

thread_local! {
    /// The loaded rules. The daemon serves calls on one thread, so they never move.
    static RULES: RefCell<Option<Rules>> = const { RefCell::new(None) };
}

fn no_rules() -> Error {
    Error::msg("no yara rules loaded")
}

/// The uploaded rules file, removed when dropped.
struct RulesFile {
    path: PathBuf,
}

impl RulesFile {
    fn create() -> Result<(RulesFile, File)> {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        loop {
            let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("yara-{}-{n}", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path) {
                Ok(f) => return Ok((RulesFile { path }, f)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(&e, "mkstemp")),
            }
        }
    }
}

impl Drop for RulesFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

pub fn yara_load(d: &mut Daemon, filename: FileIn) -> Result<()> {
    let (tmp, mut f) = RulesFile::create()?;
    let name = tmp.path.display().to_string();
    stream::receive(d, filename, &mut |data: &[u8]| {
        f.write_all(data).map_err(|e| Error::io(&e, format!("write: {name}")))
    })?;
    drop(f);

    match ffi::initialize() {
        Ok(ffi::ERROR_SUCCESS) => {}
        Ok(_) => return Err(Error::msg("failed initializing yara")),
        Err(why) => return Err(super::dynlib::unavailable("libyara", why)),
    }
    // The previous rules go first, whatever becomes of the new ones.
    RULES.with(|r| r.borrow_mut().take());

    let cpath = CString::new(tmp.path.as_os_str().as_bytes()).map_err(|_| Error::msg("bad temporary path"))?;
    let rules = match Rules::load(&cpath) {
        Ok(rules) => rules,
        Err(ffi::ERROR_INVALID_FILE) => compile(&tmp)?,
        Err(code) => return Err(Error::msg(format!("yr_rules_load: libyara error {code}"))),
    };
    RULES.with(|r| *r.borrow_mut() = Some(rules));
    Ok(())
}

/// Compiles source rules, with 1.48's messages; each compiler error goes to the log.
fn compile(tmp: &RulesFile) -> Result<Rules> {
    let f = File::open(&tmp.path).map_err(|_| Error::msg("unable to open rules file"))?;
    ffi::compile_fd(f.as_fd()).map_err(|e| match e {
        CompileError::Create => Error::msg("yr_compiler_create"),
        CompileError::Source(n, messages) => {
            for (line, text) in messages {
                crate::log::line(format!("Yara error (line {line}): {text}"));
            }
            Error::msg(format!("found {n} errors when compiling the rules"))
        }
        CompileError::GetRules(ffi::ERROR_INSUFFICIENT_MEMORY) => Error::perror(libc::ENOMEM, "yr_compiler_get_rules"),
        CompileError::GetRules(code) => Error::msg(format!("yr_compiler_get_rules: libyara error {code}")),
    })
}

pub fn yara_destroy(_d: &mut Daemon) -> Result<()> {
    match RULES.with(|r| r.borrow_mut().take()) {
        Some(_) => Ok(()),
        None => Err(no_rules()),
    }
}

pub fn internal_yara_scan(d: &mut Daemon, path: &GuestPath, filename: FileOut) -> Result<()> {
    // Taken out for the scan (callbacks need the daemon, not the rules) and put back after.
    let rules = RULES.with(|x| x.borrow_mut().take()).ok_or_else(no_rules)?;
    let result = scan(d, path, filename, &rules);
    RULES.with(|x| *x.borrow_mut() = Some(rules));
    result
}

fn scan(d: &mut Daemon, guest_path: &GuestPath, file: FileOut, rules: &Rules) -> Result<()> {
    let path = guest_path.lossy();
    let host = guest_path.resolve(d, true)?;
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_CLOEXEC)
        .open(&host)
        .map_err(|e| Error::io(&e, &path))?;

    let mut out = FileOutStream::begin(d, file)?;
    let mut failed: Option<Error> = None;
    let mut cancelled = false;
    let scanned = rules.scan_fd(f.as_fd(), &mut |rule| {
        let det = detection(guest_path.as_bytes(), rule).into_value();
        let bytes = match guestfs_protocol::encode_struct(d.api, YaraDetection::NAME, &det) {
            Ok(b) => b,
            Err(e) => {
                crate::log::line(format!("yara_detection: {e}"));
                return Scan::Error;
            }
        };
        match out.write(d, &bytes) {
            Ok(true) => Scan::Continue,
            Ok(false) => {
                cancelled = true;
                Scan::Abort
            }
            Err(e) => {
                failed = Some(e);
                Scan::Error
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if cancelled {
        return Ok(());
    }
    match scanned {
        Ok(()) => out.finish(d, false)?,
        Err(code) => {
            // After the OK reply the protocol can only cancel the file.
            crate::log::line(format!("yr_rules_scan_fd: {path}: libyara error {code}"));
            out.abort(d)?;
        }
    }
    Ok(())
}

fn detection(path: &[u8], rule: &[u8]) -> YaraDetection {
    YaraDetection {
        yara_name: ByteString::from(path),
        yara_rule: ByteString::from(rule),
    }
}
