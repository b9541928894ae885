//! What a file is: `file`'s description, and the architecture of binaries and initrds.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

/// Deprecated zfile: `file` on the decompressed contents.
pub fn zfile(d: &mut Daemon, meth: &str, path: &GuestPath) -> Result<String> {
    let cat = match meth {
        "gzip" | "compress" => "zcat",
        "bzip2" => "bzcat",
        m => return Err(Error::msg(format!("unknown method: {m}"))),
    };
    let p = path.resolve(d, true)?;
    let f = fs::File::open(&p).map_err(|e| Error::io(&e, path.lossy()))?;
    let mut dec = Cmd::new(cat).stdin_file(f).spawn_streaming(false, true)?;
    let Some(out) = dec.child.stdout.take() else {
        return Err(Error::msg("zcat: no output"));
    };
    let o = Cmd::new("file").arg("-b").arg("-").stdin_pipe(out).run();
    let _ = dec.finish();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(o.out_text().trim_end().to_string())
}

/// The `file` tool's one-line description, trailing spaces trimmed.
fn file_tool(args: &[&str], p: &Path) -> Result<String> {
    let o = Cmd::new("file").args(args).arg(p).run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "file exited with status {}: {}",
            o.status.unwrap_or(-1),
            o.err_text()
        )));
    }
    Ok(o.out_text().trim_end().to_string())
}

/// 1.48's file: non-regular files are named without running the tool. `path` is a guest
/// path, or (for `file`'s Dev_or_Path argument) a device already translated.
fn describe(d: &Daemon, path: &GuestPath) -> Result<(String, std::path::PathBuf)> {
    let arg = path.lossy();
    if arg.starts_with("/dev/") && crate::checks::is_device_parameter(&arg) {
        let p = std::path::PathBuf::from(&arg);
        return Ok((file_tool(&["-zSbsL"], &p)?, p));
    }
    let p = path.resolve(d, false)?;
    let m = fs::symlink_metadata(&p).map_err(|e| Error::io(&e, format!("lstat: {arg}")))?;
    let ft = m.file_type();
    let s = if ft.is_dir() {
        "directory"
    } else if ft.is_char_device() {
        "character device"
    } else if ft.is_block_device() {
        "block device"
    } else if ft.is_fifo() {
        "FIFO"
    } else if ft.is_symlink() {
        "symbolic link"
    } else if ft.is_socket() {
        "socket"
    } else {
        return Ok((file_tool(&["-zSb"], &p)?, p));
    };
    Ok((s.to_string(), p))
}

pub fn file(d: &mut Daemon, path: &str) -> Result<String> {
    Ok(describe(d, &GuestPath::new(path.as_bytes()))?.0)
}

/// Parse "ELF 64-bit LSB executable, x86-64, version 1 …" into (bits, endianness, machine).
pub fn parse_elf_magic(magic: &str) -> Option<(String, String, String)> {
    let rest = &magic[magic.find("ELF ")? + 4..];
    let (bits, rest) = rest.split_once("-bit ")?;
    if !bits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let endian = rest.get(..3)?;
    if endian != "MSB" && endian != "LSB" {
        return None;
    }
    let kinds = ["executable", "shared object", "relocatable"];
    let (kpos, klen) = kinds.iter().filter_map(|k| rest.find(k).map(|p| (p, k.len()))).min()?;
    let after = rest[kpos + klen..].trim_start_matches(',').trim_start();
    let machine = after.split(',').next()?.trim();
    if machine.is_empty() {
        return None;
    }
    Some((bits.to_string(), endian.to_string(), machine.to_string()))
}

pub fn canonical_elf_arch(bits: &str, endian: &str, m: &str) -> Result<String> {
    let has = |s: &str| m.contains(s);
    Ok(if has("Intel 80386") || has("Intel 80486") {
        "i386".into()
    } else if has("x86-64") {
        "x86_64".into()
    } else if has("SPARC32") {
        "sparc".into()
    } else if has("SPARC V9") {
        "sparc64".into()
    } else if has("IA-64") {
        "ia64".into()
    } else if has("64") && has("PowerPC") {
        match endian {
            "MSB" => "ppc64".into(),
            "LSB" => "ppc64le".into(),
            e => return Err(Error::msg(format!("unknown endianness '{e}'"))),
        }
    } else if has("PowerPC") {
        "ppc".into()
    } else if has("ARM aarch64") {
        "aarch64".into()
    } else if has("ARM") {
        "arm".into()
    } else if has("UCB RISC-V") {
        format!("riscv{bits}")
    } else if has("IBM S/390") {
        match bits {
            "32" => "s390".into(),
            "64" => "s390x".into(),
            b => return Err(Error::msg(format!("unknown S/390 bit size: {b}"))),
        }
    } else {
        m.to_string()
    })
}

const INITRD_BINARIES: &[&str] = &[
    "bin/ls",
    "bin/rm",
    "bin/modprobe",
    "sbin/modprobe",
    "bin/sh",
    "bin/bash",
    "bin/dash",
    "bin/nash",
];

fn arch_of_magic(magic: &str, guest_path: &str, host: &Path) -> Result<String> {
    if let Some((bits, endian, m)) = parse_elf_magic(magic) {
        return canonical_elf_arch(&bits, &endian, &m);
    }
    if magic.contains("PE32 executable") {
        return Ok("i386".into());
    }
    if magic.contains("PE32+ executable") {
        return Ok("x86_64".into());
    }
    if magic.contains("cpio archive") {
        return cpio_arch(magic, guest_path, host);
    }
    // `file -z` cannot always look inside (zstd here): decompress it ourselves once.
    if let Some(cat) = decompressor(magic) {
        if let Ok(f) = fs::File::open(host) {
            let o = Cmd::new(cat).stdin_file(f).run();
            if o.ok() && !o.stdout.is_empty() {
                let tmp = std::env::temp_dir().join(format!("filearch-{}-{}", std::process::id(), rand_suffix()));
                if fs::write(&tmp, &o.stdout).is_ok() {
                    let m = file_tool(&["-Sb"], &tmp);
                    let _ = fs::remove_file(&tmp);
                    if let Ok(m) = m {
                        if parse_elf_magic(&m).is_some() || m.contains("PE32") {
                            return arch_of_magic(&m, guest_path, host);
                        }
                    }
                }
            }
        }
    }
    Err(Error::msg(format!("unknown architecture: {guest_path}")))
}

/// Unpack a few well-known binaries from an initrd and look at them.
fn cpio_arch(magic: &str, guest_path: &str, host: &Path) -> Result<String> {
    let cat = if magic.contains("gzip") {
        "zcat"
    } else if magic.contains("bzip2") {
        "bzcat"
    } else if magic.contains("XZ compressed") {
        "xzcat"
    } else if magic.contains("Zstandard compressed") {
        "zstdcat"
    } else {
        "cat"
    };
    let tmp = std::env::temp_dir().join(format!("filearch-{}-{}", std::process::id(), rand_suffix()));
    fs::create_dir_all(&tmp).map_err(|e| Error::io(&e, "mkdtemp"))?;
    let result = (|| {
        let data = fs::File::open(host).map_err(|e| Error::io(&e, guest_path))?;
        let mut dec = Cmd::new(cat).stdin_file(data).spawn_streaming(false, true)?;
        let Some(out) = dec.child.stdout.take() else {
            return Err(Error::msg("cpio command failed"));
        };
        let cpio = Cmd::new("cpio")
            .args(["--quiet", "-id"])
            .args(INITRD_BINARIES)
            .chdir(&tmp)
            .stdin_pipe(out)
            .run();
        let _ = dec.finish();
        if !cpio.ok() {
            return Err(Error::msg("cpio command failed"));
        }
        for bin in INITRD_BINARIES {
            let p = tmp.join(bin);
            if p.is_file() {
                let m = file_tool(&["-zSb"], &p)?;
                return arch_of_magic(&m, guest_path, &p);
            }
        }
        Err(Error::msg(format!(
            "could not determine architecture of cpio archive: {guest_path}"
        )))
    })();
    let _ = fs::remove_dir_all(&tmp);
    result
}

fn decompressor(magic: &str) -> Option<&'static str> {
    if magic.contains("Zstandard compressed") {
        Some("zstdcat")
    } else if magic.contains("XZ compressed") {
        Some("xzcat")
    } else if magic.contains("gzip compressed") {
        Some("zcat")
    } else if magic.contains("bzip2 compressed") {
        Some("bzcat")
    } else {
        None
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

pub fn file_architecture(d: &mut Daemon, filename: &GuestPath) -> Result<String> {
    let (magic, host) = describe(d, filename)?;
    let host = if host.is_symlink() {
        filename.resolve(d, true)?
    } else {
        host
    };
    arch_of_magic(&magic, &filename.lossy(), &host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arch(m: &str) -> String {
        let (b, e, mach) = parse_elf_magic(m).unwrap();
        canonical_elf_arch(&b, &e, &mach).unwrap()
    }

    #[test]
    fn elf_magic_strings() {
        assert_eq!(
            arch("ELF 64-bit LSB executable, x86-64, version 1 (SYSV), dynamically linked"),
            "x86_64"
        );
        assert_eq!(arch("ELF 32-bit LSB executable, Intel 80386, version 1 (SYSV)"), "i386");
        assert_eq!(
            arch("ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV)"),
            "x86_64"
        );
        assert_eq!(
            arch("ELF 64-bit MSB executable, 64-bit PowerPC or cisco 7500, version 1"),
            "ppc64"
        );
        assert_eq!(
            arch("ELF 64-bit LSB shared object, ARM aarch64, version 1 (SYSV)"),
            "aarch64"
        );
        assert_eq!(arch("ELF 32-bit LSB executable, ARM, EABI5 version 1 (SYSV)"), "arm");
        assert_eq!(
            arch("ELF 64-bit LSB relocatable, UCB RISC-V, version 1 (SYSV)"),
            "riscv64"
        );
        assert_eq!(arch("ELF 64-bit MSB executable, IBM S/390, version 1 (SYSV)"), "s390x");
        assert_eq!(
            arch("ELF 64-bit MSB executable, SPARC V9, relaxed memory ordering, version 1"),
            "sparc64"
        );
        assert!(parse_elf_magic("ASCII text").is_none());
    }
}
