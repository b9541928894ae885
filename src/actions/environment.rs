//! `LIBGUESTFS_*` environment variables, read at create time or on request
//! (`parse_environment`, `parse_environment_list`).

use super::nested;
use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::Value;

/// libguestfs's boolean words.
pub fn is_true(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "true" | "t" | "yes" | "y" | "on" => Some(true),
        "0" | "false" | "f" | "no" | "n" | "off" => Some(false),
        _ => None,
    }
}

fn sv(s: &str) -> Value {
    Value::Str(s.as_bytes().to_vec())
}

/// Applies the process's environment.
pub fn parse_environment(h: &Core) -> Result<()> {
    apply(h, None)
}

/// Applies `environment`, a list of `NAME=value`, as if it were the process's.
pub fn parse_environment_list(h: &Core, environment: &[String]) -> Result<()> {
    apply(h, Some(environment))
}

/// Applies the environment (the process's, or `list` of `NAME=value`).
fn apply(h: &Core, list: Option<&[String]>) -> Result<()> {
    let get = |name: &str| -> Option<String> {
        match list {
            None => std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()),
            Some(l) => l.iter().find_map(|e| {
                e.strip_prefix(name)
                    .and_then(|r| r.strip_prefix('='))
                    .map(|v| v.to_string())
            }),
        }
    };
    for (var, setter) in [("LIBGUESTFS_TRACE", "set_trace"), ("LIBGUESTFS_DEBUG", "set_verbose")] {
        if let Some(v) = get(var) {
            let b = is_true(&v).ok_or_else(|| Error::msg(format!("{var}={v}: non-boolean value")))?;
            nested(h, setter, &[Value::Bool(b)])?;
        }
    }
    if let Some(v) = get("LIBGUESTFS_TMPDIR").filter(|v| !v.is_empty()) {
        nested(h, "set_tmpdir", &[Value::OptStr(Some(v.into_bytes()))])?;
    }
    if let Some(v) = get("LIBGUESTFS_CACHEDIR").filter(|v| !v.is_empty()) {
        nested(h, "set_cachedir", &[Value::OptStr(Some(v.into_bytes()))])?;
    }
    h.lock().inner().env_tmpdir = env_dir("TMPDIR", get("TMPDIR"))?;
    if let Some(v) = get("LIBGUESTFS_PATH").filter(|v| !v.is_empty()) {
        nested(h, "set_path", &[Value::OptStr(Some(v.into_bytes()))])?;
    }
    if let Some(v) = get("LIBGUESTFS_HV")
        .filter(|v| !v.is_empty())
        .or_else(|| get("LIBGUESTFS_QEMU").filter(|v| !v.is_empty()))
    {
        nested(h, "set_hv", &[sv(&v)])?;
    }
    if let Some(v) = get("LIBGUESTFS_APPEND") {
        nested(h, "set_append", &[Value::OptStr(Some(v.into_bytes()))])?;
    }
    if let Some(v) = get("LIBGUESTFS_MEMSIZE").filter(|v| !v.is_empty()) {
        let m = leading_int(&v).ok_or_else(|| Error::msg("non-numeric value for LIBGUESTFS_MEMSIZE"))?;
        nested(h, "set_memsize", &[Value::Int(m)])?;
    }
    if let Some(v) = get("LIBGUESTFS_BACKEND")
        .filter(|v| !v.is_empty())
        .or_else(|| get("LIBGUESTFS_ATTACH_METHOD").filter(|v| !v.is_empty()))
    {
        nested(h, "set_backend", &[sv(&v)])?;
    }
    if let Some(v) = get("LIBGUESTFS_BACKEND_SETTINGS") {
        // Split on ':' keeping empty fields, as 1.48 does ("" gives no settings).
        let l: Vec<Vec<u8>> = if v.is_empty() {
            vec![]
        } else {
            v.split(':').map(|s| s.as_bytes().to_vec()).collect()
        };
        nested(h, "set_backend_settings", &[Value::StrList(l)])?;
    }
    h.lock().inner().env_runtimedir = env_dir("XDG_RUNTIME_DIR", get("XDG_RUNTIME_DIR"))?;
    Ok(())
}

/// TMPDIR / XDG_RUNTIME_DIR: made absolute; a path that does not resolve is an error.
fn env_dir(var: &str, v: Option<String>) -> Result<Option<String>> {
    let Some(t) = v else { return Ok(None) };
    let p = std::fs::canonicalize(&t)
        .map_err(|e| Error::os(format!("converting path to absolute path: {var}: {t}: realpath"), &e))?;
    Ok(Some(p.to_string_lossy().into_owned()))
}

/// `sscanf("%d")`: optional sign and leading digits after leading spaces.
fn leading_int(s: &str) -> Option<i32> {
    let t = s.trim_start();
    let (neg, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: i64 = digits.parse().ok()?;
    Some(if neg { -n } else { n } as i32)
}
