//! Core properties: the get_*/set_* actions, state queries, version and limits.

use crate::error::Result;
use crate::handle::{default_path, Inner, State};
use crate::{Core, Error};
use guestfs_protocol::structs::Version;

fn with<T>(h: &Core, f: impl FnOnce(&mut Inner) -> T) -> T {
    let l = h.lock();
    let mut i = l.inner();
    f(&mut i)
}

/// A setter: changes the handle's state, returns nothing.
fn set(h: &Core, f: impl FnOnce(&mut Inner)) -> Result<()> {
    with(h, f);
    Ok(())
}

/// `realpath` + must be a directory (set_tmpdir / set_cachedir); NULL resets.
fn abs_dir(ctx: &str, dir: Option<&str>) -> Result<Option<String>> {
    let Some(d) = dir else { return Ok(None) };
    let p = std::fs::canonicalize(d)
        .map_err(|e| Error::os(format!("converting path to absolute path: {ctx}: {d}: realpath"), &e))?;
    let md =
        std::fs::metadata(&p).map_err(|e| Error::os(format!("setting temporary directory: {ctx}: {d}: stat"), &e))?;
    if !md.is_dir() {
        return Err(Error::msg(format!(
            "setting temporary directory: {ctx}: \u{2018}{d}\u{2019} is not a directory"
        )));
    }
    Ok(Some(p.to_string_lossy().into_owned()))
}

/// Backend names 1.48 accepts: direct/appliance, libvirt, libvirt:<uri>.
/// `name` or `name:arg` with a registered backend name; "appliance" is a synonym
/// for "direct" and is stored as such.
fn normalise_backend(b: &str) -> Option<String> {
    let (name, arg) = match b.split_once(':') {
        Some((n, a)) => (n, Some(a)),
        None => (b, None),
    };
    let name = match name {
        "direct" | "appliance" => "direct",
        "libvirt" => "libvirt",
        _ => return None,
    };
    Some(match arg {
        Some(a) => format!("{name}:{a}"),
        None => name.to_string(),
    })
}

pub fn set_backend(h: &Core, backend: &str) -> Result<()> {
    let n = normalise_backend(backend).ok_or_else(|| Error::msg(format!("invalid backend: {backend}")))?;
    with(h, |i| i.backend = n);
    Ok(())
}

pub fn set_attach_method(h: &Core, backend: &str) -> Result<()> {
    set_backend(h, backend)
}

pub fn set_verbose(h: &Core, verbose: bool) -> Result<()> {
    set(h, |i| i.verbose = verbose)
}

pub fn get_verbose(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.verbose))
}

pub fn set_trace(h: &Core, trace: bool) -> Result<()> {
    set(h, |i| i.trace = trace)
}

pub fn get_trace(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.trace))
}

pub fn set_autosync(h: &Core, autosync: bool) -> Result<()> {
    set(h, |i| i.autosync = autosync)
}

pub fn get_autosync(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.autosync))
}

pub fn set_recovery_proc(h: &Core, recoveryproc: bool) -> Result<()> {
    set(h, |i| i.recovery_proc = recoveryproc)
}

pub fn get_recovery_proc(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.recovery_proc))
}

pub fn set_pgroup(h: &Core, pgroup: bool) -> Result<()> {
    set(h, |i| i.pgroup = pgroup)
}

pub fn get_pgroup(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.pgroup))
}

pub fn set_network(h: &Core, network: bool) -> Result<()> {
    set(h, |i| i.network = network)
}

pub fn get_network(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.network))
}

pub fn set_selinux(h: &Core, selinux: bool) -> Result<()> {
    set(h, |i| i.selinux = selinux)
}

pub fn get_selinux(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.selinux))
}

pub fn set_direct(h: &Core, direct: bool) -> Result<()> {
    set(h, |i| i.direct_mode = direct)
}

pub fn get_direct(h: &Core) -> Result<bool> {
    Ok(with(h, |i| i.direct_mode))
}

pub fn set_path(h: &Core, searchpath: Option<&str>) -> Result<()> {
    set(h, |i| {
        i.path = searchpath.map(str::to_string).unwrap_or_else(default_path)
    })
}

pub fn get_path(h: &Core) -> Result<String> {
    Ok(with(h, |i| i.path.clone()))
}

pub fn set_hv(h: &Core, hv: &str) -> Result<()> {
    set(h, |i| i.hv = hv.to_string())
}

pub fn get_hv(h: &Core) -> Result<String> {
    Ok(with(h, |i| i.hv.clone()))
}

pub fn set_qemu(h: &Core, hv: Option<&str>) -> Result<()> {
    set(h, |i| i.hv = hv.unwrap_or("/usr/bin/qemu-system-x86_64").to_string())
}

pub fn get_qemu(h: &Core) -> Result<String> {
    get_hv(h)
}

pub fn set_append(h: &Core, append: Option<&str>) -> Result<()> {
    set(h, |i| i.append = append.map(str::to_string))
}

pub fn get_append(h: &Core) -> Result<Option<String>> {
    Ok(with(h, |i| i.append.clone()))
}

pub fn set_memsize(h: &Core, memsize: i32) -> Result<()> {
    if memsize < 256 {
        return Err(Error::msg("too small value for memsize (must be at least 256)"));
    }
    set(h, |i| i.memsize = memsize)
}

pub fn get_memsize(h: &Core) -> Result<i32> {
    Ok(with(h, |i| i.memsize))
}

pub fn set_smp(h: &Core, smp: i32) -> Result<()> {
    if smp > 255 {
        Err(Error::msg(format!("unsupported number of smp vcpus: {smp}")))
    } else if smp >= 1 {
        set(h, |i| i.smp = smp)
    } else {
        Err(Error::msg(format!("invalid smp parameter: {smp}")))
    }
}

pub fn get_smp(h: &Core) -> Result<i32> {
    Ok(with(h, |i| i.smp))
}

pub fn get_backend(h: &Core) -> Result<String> {
    Ok(with(h, |i| i.backend.clone()))
}

pub fn get_attach_method(h: &Core) -> Result<String> {
    Ok(with(h, |i| {
        if i.backend == "direct" {
            "appliance".into()
        } else {
            i.backend.clone()
        }
    }))
}

pub fn set_backend_settings(h: &Core, settings: &[String]) -> Result<()> {
    set(h, |i| i.backend_settings = settings.to_vec())
}

pub fn get_backend_settings(h: &Core) -> Result<Vec<String>> {
    Ok(with(h, |i| i.backend_settings.clone()))
}

pub fn get_backend_setting(h: &Core, name: &str) -> Result<String> {
    let found = with(h, |i| {
        i.backend_settings.iter().find_map(|s| {
            if s == name {
                Some("1".to_string())
            } else {
                s.strip_prefix(name)
                    .and_then(|r| r.strip_prefix('='))
                    .map(|v| v.to_string())
            }
        })
    });
    found.ok_or_else(|| Error::with_errno(libc::ESRCH, "setting not found"))
}

pub fn set_backend_setting(h: &Core, name: &str, val: &str) -> Result<()> {
    set(h, |i| {
        i.backend_settings
            .retain(|s| s != name && !s.starts_with(&format!("{name}=")));
        i.backend_settings.push(format!("{name}={val}"));
    })
}

pub fn clear_backend_setting(h: &Core, name: &str) -> Result<i32> {
    let removed = with(h, |i| {
        let before = i.backend_settings.len();
        i.backend_settings
            .retain(|s| s != name && !s.starts_with(&format!("{name}=")));
        before - i.backend_settings.len()
    });
    Ok(removed as i32)
}

pub fn set_tmpdir(h: &Core, tmpdir: Option<&str>) -> Result<()> {
    let d = abs_dir("set_tmpdir", tmpdir)?;
    set(h, |i| i.tmpdir = d)
}

pub fn get_tmpdir(h: &Core) -> Result<String> {
    Ok(h.tmpdir_base())
}

pub fn set_cachedir(h: &Core, cachedir: Option<&str>) -> Result<()> {
    let d = abs_dir("set_cachedir", cachedir)?;
    set(h, |i| i.cachedir = d)
}

pub fn get_cachedir(h: &Core) -> Result<String> {
    Ok(h.cachedir_base())
}

pub fn get_sockdir(h: &Core) -> Result<String> {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    Ok(if root {
        "/tmp".to_string()
    } else {
        with(h, |i| i.env_runtimedir.clone()).unwrap_or_else(|| "/tmp".into())
    })
}

pub fn set_program(h: &Core, program: &str) -> Result<()> {
    set(h, |i| i.program = program.to_string())
}

pub fn get_program(h: &Core) -> Result<String> {
    Ok(with(h, |i| i.program.clone()))
}

pub fn set_identifier(h: &Core, identifier: &str) -> Result<()> {
    if !identifier
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
    {
        return Err(Error::msg(
            "identifier must contain only alphanumeric characters, underscore or minus sign",
        ));
    }
    set(h, |i| i.identifier = identifier.to_string())
}

pub fn get_identifier(h: &Core) -> Result<String> {
    Ok(with(h, |i| i.identifier.clone()))
}

pub fn get_state(h: &Core) -> Result<i32> {
    Ok(h.state() as i32)
}

pub fn is_config(h: &Core) -> Result<bool> {
    Ok(h.state() == State::Config)
}

pub fn is_launching(h: &Core) -> Result<bool> {
    Ok(h.state() == State::Launching)
}

pub fn is_ready(h: &Core) -> Result<bool> {
    Ok(h.state() == State::Ready)
}

pub fn is_busy(_h: &Core) -> Result<bool> {
    Ok(false)
}

pub fn max_disks(_h: &Core) -> Result<i32> {
    Ok(255)
}

pub fn c_pointer(h: &Core) -> Result<i64> {
    Ok(h.c_ptr() as i64)
}

pub fn version(_h: &Core) -> Result<Version> {
    Ok(Version {
        major: 1,
        minor: 48,
        release: 6,
        extra: format!("guestfs-rs {}", env!("CARGO_PKG_VERSION")).into(),
    })
}
