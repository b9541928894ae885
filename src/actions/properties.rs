//! Core properties: the get_*/set_* actions, state queries, version and limits.

use super::args::*;
use crate::error::Result;
use crate::handle::{default_path, Inner, State};
use crate::{Core, Error};
use guestfs_protocol::{FieldValue, RetValue, StructValue, Value};

pub const NAMES: &[&str] = &[
    "set_verbose",
    "get_verbose",
    "set_trace",
    "get_trace",
    "set_autosync",
    "get_autosync",
    "set_path",
    "get_path",
    "set_hv",
    "get_hv",
    "set_qemu",
    "get_qemu",
    "set_append",
    "get_append",
    "set_memsize",
    "get_memsize",
    "set_smp",
    "get_smp",
    "set_network",
    "get_network",
    "set_backend",
    "get_backend",
    "set_attach_method",
    "get_attach_method",
    "set_backend_settings",
    "get_backend_settings",
    "set_backend_setting",
    "get_backend_setting",
    "clear_backend_setting",
    "set_recovery_proc",
    "get_recovery_proc",
    "set_pgroup",
    "get_pgroup",
    "set_tmpdir",
    "get_tmpdir",
    "set_cachedir",
    "get_cachedir",
    "get_sockdir",
    "set_program",
    "get_program",
    "set_identifier",
    "get_identifier",
    "set_selinux",
    "get_selinux",
    "set_direct",
    "get_direct",
    "get_state",
    "is_config",
    "is_launching",
    "is_ready",
    "is_busy",
    "version",
    "max_disks",
    "c_pointer",
    "get_libvirt_requested_credentials",
    "get_libvirt_requested_credential_prompt",
    "get_libvirt_requested_credential_challenge",
    "get_libvirt_requested_credential_defresult",
    "set_libvirt_requested_credential",
    "set_libvirt_supported_credentials",
];

fn with<T>(h: &Core, f: impl FnOnce(&mut Inner) -> T) -> T {
    let l = h.lock();
    let mut i = l.inner();
    f(&mut i)
}

fn ok() -> Result<RetValue> {
    Ok(RetValue::None)
}

/// A setter: changes the handle's state, returns nothing.
fn set(h: &Core, f: impl FnOnce(&mut Inner)) -> Result<RetValue> {
    with(h, f);
    ok()
}

fn s(v: impl Into<String>) -> Result<RetValue> {
    Ok(RetValue::Str(v.into().into_bytes()))
}

/// `realpath` + must be a directory (set_tmpdir / set_cachedir); NULL resets.
fn abs_dir(ctx: &str, dir: Option<String>) -> Result<Option<String>> {
    let Some(d) = dir else { return Ok(None) };
    let p = std::fs::canonicalize(&d)
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

pub fn set_backend(h: &Core, b: &str) -> Result<()> {
    let n = normalise_backend(b).ok_or_else(|| Error::msg(format!("invalid backend: {b}")))?;
    with(h, |i| i.backend = n);
    Ok(())
}

const CREDENTIAL_TYPES: &[&str] = &[
    "username",
    "authname",
    "language",
    "cnonce",
    "passphrase",
    "echoprompt",
    "noechoprompt",
    "realm",
    "external",
];

fn outside_auth(name: &str) -> Result<RetValue> {
    Err(Error::msg(format!(
        "guestfs_impl_{name} should only be called from within the GUESTFS_EVENT_LIBVIRT_AUTH event handler"
    )))
}

pub fn run(h: &Core, name: &str, a: &[Value], _o: &[Option<Value>]) -> Option<Result<RetValue>> {
    let b = |v: bool| Ok(RetValue::Bool(v));
    let n = |v: i32| Ok(RetValue::Int(v));
    Some(match name {
        "set_verbose" => set(h, |i| i.verbose = bool(a, 0)),
        "get_verbose" => b(with(h, |i| i.verbose)),
        "set_trace" => set(h, |i| i.trace = bool(a, 0)),
        "get_trace" => b(with(h, |i| i.trace)),
        "set_autosync" => set(h, |i| i.autosync = bool(a, 0)),
        "get_autosync" => b(with(h, |i| i.autosync)),
        "set_recovery_proc" => set(h, |i| i.recovery_proc = bool(a, 0)),
        "get_recovery_proc" => b(with(h, |i| i.recovery_proc)),
        "set_pgroup" => set(h, |i| i.pgroup = bool(a, 0)),
        "get_pgroup" => b(with(h, |i| i.pgroup)),
        "set_network" => set(h, |i| i.network = bool(a, 0)),
        "get_network" => b(with(h, |i| i.network)),
        "set_selinux" => set(h, |i| i.selinux = bool(a, 0)),
        "get_selinux" => b(with(h, |i| i.selinux)),
        "set_direct" => set(h, |i| i.direct_mode = bool(a, 0)),
        "get_direct" => b(with(h, |i| i.direct_mode)),
        "set_path" => set(h, |i| i.path = opt_str(a, 0).unwrap_or_else(default_path)),
        "get_path" => s(with(h, |i| i.path.clone())),
        "set_hv" => set(h, |i| i.hv = str(a, 0)),
        "get_hv" | "get_qemu" => s(with(h, |i| i.hv.clone())),
        "set_qemu" => set(h, |i| {
            i.hv = opt_str(a, 0).unwrap_or_else(|| "/usr/bin/qemu-system-x86_64".into())
        }),
        "set_append" => set(h, |i| i.append = opt_str(a, 0)),
        "get_append" => Ok(with(h, |i| i.append.clone())
            .map(|v| RetValue::Str(v.into_bytes()))
            .unwrap_or(RetValue::None)),
        "set_memsize" => {
            let m = int(a, 0) as i32;
            if m < 256 {
                Err(Error::msg("too small value for memsize (must be at least 256)"))
            } else {
                with(h, |i| i.memsize = m);
                ok()
            }
        }
        "get_memsize" => n(with(h, |i| i.memsize)),
        "set_smp" => {
            let v = int(a, 0) as i32;
            if v > 255 {
                Err(Error::msg(format!("unsupported number of smp vcpus: {v}")))
            } else if v >= 1 {
                with(h, |i| i.smp = v);
                ok()
            } else {
                Err(Error::msg(format!("invalid smp parameter: {v}")))
            }
        }
        "get_smp" => n(with(h, |i| i.smp)),
        "set_backend" | "set_attach_method" => set_backend(h, &str(a, 0)).map(|_| RetValue::None),
        "get_backend" => s(with(h, |i| i.backend.clone())),
        "get_attach_method" => s(with(h, |i| {
            if i.backend == "direct" {
                "appliance".into()
            } else {
                i.backend.clone()
            }
        })),
        "set_backend_settings" => set(h, |i| i.backend_settings = list(a, 0)),
        "get_backend_settings" => Ok(RetValue::StrList(with(h, |i| {
            i.backend_settings.iter().map(|s| s.clone().into_bytes()).collect()
        }))),
        "get_backend_setting" => {
            let key = str(a, 0);
            let found = with(h, |i| {
                i.backend_settings.iter().find_map(|s| {
                    if *s == key {
                        Some("1".to_string())
                    } else {
                        s.strip_prefix(&key)
                            .and_then(|r| r.strip_prefix('='))
                            .map(|v| v.to_string())
                    }
                })
            });
            found
                .map(|v| RetValue::Str(v.into_bytes()))
                .ok_or_else(|| Error::with_errno(libc::ESRCH, "setting not found"))
        }
        "set_backend_setting" => {
            let (key, val) = (str(a, 0), str(a, 1));
            with(h, |i| {
                i.backend_settings
                    .retain(|s| *s != key && !s.starts_with(&format!("{key}=")));
                i.backend_settings.push(format!("{key}={val}"));
            });
            ok()
        }
        "clear_backend_setting" => {
            let key = str(a, 0);
            let removed = with(h, |i| {
                let before = i.backend_settings.len();
                i.backend_settings
                    .retain(|s| *s != key && !s.starts_with(&format!("{key}=")));
                before - i.backend_settings.len()
            });
            n(removed as i32)
        }
        "set_tmpdir" => abs_dir("set_tmpdir", opt_str(a, 0))
            .map(|d| with(h, |i| i.tmpdir = d))
            .map(|_| RetValue::None),
        "get_tmpdir" => s(h.tmpdir_base()),
        "set_cachedir" => abs_dir("set_cachedir", opt_str(a, 0))
            .map(|d| with(h, |i| i.cachedir = d))
            .map(|_| RetValue::None),
        "get_cachedir" => s(h.cachedir_base()),
        "get_sockdir" => {
            // SAFETY: geteuid has no preconditions.
            let root = unsafe { libc::geteuid() } == 0;
            s(if root {
                "/tmp".to_string()
            } else {
                with(h, |i| i.env_runtimedir.clone()).unwrap_or_else(|| "/tmp".into())
            })
        }
        "set_program" => set(h, |i| i.program = str(a, 0)),
        "get_program" => s(with(h, |i| i.program.clone())),
        "set_identifier" => {
            let id = str(a, 0);
            if !id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-') {
                Err(Error::msg(
                    "identifier must contain only alphanumeric characters, underscore or minus sign",
                ))
            } else {
                with(h, |i| i.identifier = id);
                ok()
            }
        }
        "get_identifier" => s(with(h, |i| i.identifier.clone())),
        "get_state" => n(h.state() as i32),
        "is_config" => b(h.state() == State::Config),
        "is_launching" => b(h.state() == State::Launching),
        "is_ready" => b(h.state() == State::Ready),
        "is_busy" => b(false),
        "max_disks" => n(255),
        "get_libvirt_requested_credentials"
        | "get_libvirt_requested_credential_prompt"
        | "get_libvirt_requested_credential_challenge"
        | "get_libvirt_requested_credential_defresult"
        | "set_libvirt_requested_credential" => outside_auth(name),
        "set_libvirt_supported_credentials" => {
            match list(a, 0).into_iter().find(|c| !CREDENTIAL_TYPES.contains(&c.as_str())) {
                Some(bad) => Err(Error::msg(format!("unknown credential type \u{2018}{bad}\u{2019}"))),
                None => ok(),
            }
        }
        "c_pointer" => Ok(RetValue::Int64(h.c_ptr() as i64)),
        "version" => Ok(RetValue::Struct(StructValue {
            fields: vec![
                FieldValue::Int64(1),
                FieldValue::Int64(48),
                FieldValue::Int64(6),
                FieldValue::Str(format!("guestfs-rs {}", env!("CARGO_PKG_VERSION")).into_bytes()),
            ],
        })),
        _ => return None,
    })
}
