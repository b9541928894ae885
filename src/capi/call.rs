//! What every generated entry point does before and after the core's call path
//! (`crate::call`): C arguments into protocol values with 1.48's NULL checks, and the
//! result back to the shim.

use super::{cstr, guestfs_h, with_handle};
use crate::call::check_arg;
use crate::Error;
use guestfs_api::{table, Action, OptArgType};
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

/// Converts the required arguments, with libguestfs's NULL checks, each argument
/// checked by the core right after its own conversion (1.48's order).
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
            // 1.48 refuses a NULL pointer argument like a NULL string.
            CArg::Pointer(p) if p.is_null() => return Err(null()),
            CArg::Pointer(p) => Value::Int64(p as i64),
        };
        check_arg(a, spec, &v)?;
        out.push(v);
    }
    Ok(out)
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
    with_handle(g, None, |h| {
        h.call_with(a, || {
            // SAFETY: forwarded from our caller's contract.
            let values = unsafe { convert_args(a, args) }?;
            let optvals = unsafe { convert_optargs(a, opts) }?;
            Ok((values, optvals))
        })
        .ok()
    })
}
