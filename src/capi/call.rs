//! The one path every generated entry point takes: C arguments in, checks, ENTER and
//! TRACE events, the action itself, and the result back out.

use super::{cstr, guestfs_h, with_handle};
use crate::actions;
use crate::handle::{events::EVENT_ENTER, State};
use crate::Error;
use guestfs_api::{table, Action, ArgType, OptArgType};
use guestfs_protocol::{RetValue, Value};
use std::ffi::{c_char, c_int, c_void};

/// A raw C argument as the shim received it.
#[derive(Clone, Copy)]
pub enum CArg {
    Bool(c_int),
    Int(c_int),
    Int64(i64),
    Str(*const c_char),
    OptStr(*const c_char),
    StrList(*const *const c_char),
    Buffer(*const c_char, usize),
    Pointer(*mut c_void),
}

/// A raw optional-argument field of an `_argv` struct.
#[derive(Clone, Copy)]
pub enum COpt {
    Bool(c_int),
    Int(c_int),
    Int64(i64),
    Str(*const c_char),
    StrList(*const *const c_char),
}

#[derive(Default)]
pub struct COptArgs {
    pub bitmask: u64,
    pub vals: Vec<COpt>,
}

/// Converts the required arguments, with libguestfs's NULL checks.
unsafe fn convert_args(a: &Action, args: &[CArg]) -> Result<Vec<Value>, Error> {
    let mut out = Vec::with_capacity(args.len());
    for (spec, c) in a.args.iter().zip(args) {
        let null = || Error::msg(format!("{}: {}: parameter cannot be NULL", a.c_name(), spec.name));
        // SAFETY (all arms): the C caller passes valid pointers or NULL, as the API requires.
        let v = match *c {
            CArg::Bool(b) => Value::Bool(b != 0),
            CArg::Int(i) => Value::Int(i),
            CArg::Int64(i) => Value::Int64(i),
            CArg::Str(p) => Value::Str(unsafe { cstr::bytes(p) }.ok_or_else(null)?.to_vec()),
            CArg::OptStr(p) => Value::OptStr(unsafe { cstr::bytes(p) }.map(|b| b.to_vec())),
            CArg::StrList(p) => Value::StrList(unsafe { cstr::string_list(p) }.ok_or_else(null)?),
            CArg::Buffer(p, n) => {
                if p.is_null() {
                    return Err(null());
                }
                Value::Buffer(unsafe { std::slice::from_raw_parts(p as *const u8, n) }.to_vec())
            }
            CArg::Pointer(p) => Value::Int64(p as i64),
        };
        if let (ArgType::String(guestfs_api::StrKind::Guid), Value::Str(s)) = (&spec.ty, &v) {
            if !valid_guid(s) {
                return Err(Error::with_errno(
                    libc::EINVAL,
                    format!("{}: {}: parameter is not a valid GUID", a.name, spec.name),
                ));
            }
        }
        out.push(v);
    }
    Ok(out)
}

fn valid_guid(s: &[u8]) -> bool {
    let s = if s.len() == 38 && s[0] == b'{' && s[37] == b'}' {
        &s[1..37]
    } else {
        s
    };
    s.len() == 36
        && s.iter().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// Converts optional arguments, with libguestfs's bitmask and NULL checks.
unsafe fn convert_optargs(a: &Action, opts: Option<COptArgs>) -> Result<Vec<Option<Value>>, Error> {
    let n = a.optargs.len();
    let Some(o) = opts else { return Ok(vec![None; n]) };
    let known = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
    if o.bitmask & !known != 0 {
        return Err(Error::msg(format!(
            "{0}: unknown option in guestfs_{1}_argv->bitmask (this can happen if a program is compiled against a newer version of libguestfs, then dynamically linked to an older version)",
            a.c_name(),
            a.c_name()
        )));
    }
    let mut out = Vec::with_capacity(n);
    for (i, (spec, c)) in a.optargs.iter().zip(o.vals.iter()).enumerate() {
        if o.bitmask & (1u64 << i) == 0 {
            out.push(None);
            continue;
        }
        let what = if spec.ty == OptArgType::StringList {
            "optional list"
        } else {
            "optional parameter"
        };
        let null = || Error::msg(format!("{}: {}: {what} cannot be NULL", a.c_name(), spec.name));
        // SAFETY: the bit is set, so the caller filled this field with a valid value.
        let v = match (*c, spec.ty) {
            (COpt::Bool(b), _) => Value::Bool(b != 0),
            (COpt::Int(i), _) => Value::Int(i),
            (COpt::Int64(i), _) => Value::Int64(i),
            (COpt::Str(p), OptArgType::String) => Value::Str(unsafe { cstr::bytes(p) }.ok_or_else(null)?.to_vec()),
            (COpt::StrList(p), _) => Value::StrList(unsafe { cstr::string_list(p) }.ok_or_else(null)?),
            (COpt::Str(_), _) => return Err(null()),
        };
        out.push(Some(v));
    }
    Ok(out)
}

/// Runs action number `idx` for a C caller. `None` means failure, already recorded
/// as the handle's last error.
///
/// # Safety
/// The raw arguments must be what the C API promises (valid or NULL pointers).
pub unsafe fn invoke(g: *mut guestfs_h, idx: usize, args: &[CArg], opts: Option<COptArgs>) -> Option<RetValue> {
    let a = &table().actions[idx];
    if a.flags.no_wrapper {
        // user_cancel and friends: no lock, no events (safe from signal handlers/threads).
        return with_handle(g, None, |h| actions::run_unlocked(h, a).ok());
    }
    with_handle(g, None, |h| {
        let _lock = h.lock();
        let result = (|| -> Result<RetValue, (Error, bool)> {
            if a.flags.config_only && h.state() != State::Config {
                return Err((
                    Error::msg(format!(
                        "{}: this function can only be called in the config state",
                        a.name
                    )),
                    false,
                ));
            }
            h.emit(EVENT_ENTER, a.name.as_bytes(), &[]);
            // SAFETY: forwarded from our caller's contract.
            let values = unsafe { convert_args(a, args) }.map_err(|e| (e, false))?;
            let optvals = unsafe { convert_optargs(a, opts) }.map_err(|e| (e, false))?;
            let tracing = h.lock().inner().trace;
            if tracing {
                h.trace_line(&crate::actions::trace::call_line(a, &values, &optvals));
            }
            let r = actions::run(h, a, &values, &optvals);
            // libguestfs reports the error (running the error handler) before the
            // trace line of the return.
            let reported = match &r {
                Err(e) => {
                    if !e.reported {
                        h.report(e);
                    }
                    true
                }
                Ok(_) => false,
            };
            if tracing {
                h.trace_line(&crate::actions::trace::return_line(a, &r));
            }
            r.map_err(|e| (e, reported))
        })();
        match result {
            Ok(v) => Some(v),
            Err((e, reported)) => {
                if !reported {
                    h.report(&e);
                }
                None
            }
        }
    })
}
