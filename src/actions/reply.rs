//! Typed reads of the results of the calls library code makes (daemon calls and nested
//! public calls, which answer a generic `RetValue`): a result of another kind than the
//! called action returns is an error naming the call, never a default.

use crate::error::Result;
use crate::Error;
use guestfs_protocol::structs::StructMismatch;
use guestfs_protocol::{RetValue, StructValue};

fn unexpected(call: &str) -> Error {
    Error::msg(format!("{call}: unexpected reply"))
}

/// A `buffer` result.
pub fn buffer(call: &str, r: RetValue) -> Result<Vec<u8>> {
    match r {
        RetValue::Buffer(b) => Ok(b),
        _ => Err(unexpected(call)),
    }
}

/// A `string` result, as the bytes the daemon sent.
pub fn bytes(call: &str, r: RetValue) -> Result<Vec<u8>> {
    match r {
        RetValue::Str(b) => Ok(b),
        _ => Err(unexpected(call)),
    }
}

/// A `string` result as text (invalid UTF-8 replaced).
pub fn text(call: &str, r: RetValue) -> Result<String> {
    bytes(call, r).map(|b| String::from_utf8_lossy(&b).into_owned())
}

pub fn boolean(call: &str, r: RetValue) -> Result<bool> {
    match r {
        RetValue::Bool(b) => Ok(b),
        _ => Err(unexpected(call)),
    }
}

pub fn int(call: &str, r: RetValue) -> Result<i32> {
    match r {
        RetValue::Int(n) => Ok(n),
        _ => Err(unexpected(call)),
    }
}

pub fn int64(call: &str, r: RetValue) -> Result<i64> {
    match r {
        RetValue::Int64(n) => Ok(n),
        _ => Err(unexpected(call)),
    }
}

pub fn string_list(call: &str, r: RetValue) -> Result<Vec<Vec<u8>>> {
    match r {
        RetValue::StrList(l) => Ok(l),
        _ => Err(unexpected(call)),
    }
}

fn mismatch(call: &str, e: StructMismatch) -> Error {
    Error::msg(format!("{call}: unexpected reply: {e}"))
}

/// A `struct` result as its generated type (`from_value` of that type).
pub fn one<T>(call: &str, r: RetValue, from: fn(StructValue) -> std::result::Result<T, StructMismatch>) -> Result<T> {
    match r {
        RetValue::Struct(v) => from(v).map_err(|e| mismatch(call, e)),
        _ => Err(unexpected(call)),
    }
}

/// A `struct_list` result as a vector of its generated type.
pub fn list<T>(
    call: &str,
    r: RetValue,
    from: fn(StructValue) -> std::result::Result<T, StructMismatch>,
) -> Result<Vec<T>> {
    match r {
        RetValue::StructList(l) => l.into_iter().map(|v| from(v).map_err(|e| mismatch(call, e))).collect(),
        _ => Err(unexpected(call)),
    }
}
