//! Protocol results into the typed results of the public API. The core returns the
//! variant the table's `ret` line implies; any other is reported as an internal error
//! instead of being guessed at.

use crate::error::Result;
use crate::Error;
use guestfs_api::Action;
use guestfs_protocol::structs::StructMismatch;
use guestfs_protocol::{ByteString, RetValue, StructValue};

fn wrong(a: &Action, got: &RetValue) -> Error {
    let mut what = format!("{got:?}");
    what.truncate(60);
    Error::with_errno(
        libc::EIO,
        format!("{}: internal error: result of an unexpected kind ({what})", a.name),
    )
}

pub fn unit(_a: &Action, _r: RetValue) -> Result<()> {
    Ok(())
}

/// The C API reads an int result from a `Bool` too (and the reverse); so do we.
pub fn int(a: &Action, r: RetValue) -> Result<i32> {
    match r {
        RetValue::Int(i) => Ok(i),
        RetValue::Bool(b) => Ok(b as i32),
        other => Err(wrong(a, &other)),
    }
}

pub fn boolean(a: &Action, r: RetValue) -> Result<bool> {
    match r {
        RetValue::Bool(b) => Ok(b),
        RetValue::Int(i) => Ok(i != 0),
        other => Err(wrong(a, &other)),
    }
}

pub fn int64(a: &Action, r: RetValue) -> Result<i64> {
    match r {
        RetValue::Int64(i) => Ok(i),
        RetValue::Int(i) => Ok(i as i64),
        other => Err(wrong(a, &other)),
    }
}

pub fn string(a: &Action, r: RetValue) -> Result<ByteString> {
    match r {
        RetValue::Str(s) => Ok(ByteString::new(s)),
        other => Err(wrong(a, &other)),
    }
}

/// `const_opt_string`: no string at all is a valid answer (C's NULL without an error).
pub fn opt_string(a: &Action, r: RetValue) -> Result<Option<ByteString>> {
    match r {
        RetValue::Str(s) => Ok(Some(ByteString::new(s))),
        RetValue::None => Ok(None),
        other => Err(wrong(a, &other)),
    }
}

pub fn string_list(a: &Action, r: RetValue) -> Result<Vec<ByteString>> {
    match r {
        RetValue::StrList(l) => Ok(l.into_iter().map(ByteString::new).collect()),
        other => Err(wrong(a, &other)),
    }
}

pub fn hashtable(a: &Action, r: RetValue) -> Result<Vec<(ByteString, ByteString)>> {
    match r {
        RetValue::Hashtable(l) | RetValue::StrList(l) if l.len() % 2 == 0 => {
            let mut it = l.into_iter();
            let mut out = Vec::with_capacity(it.len() / 2);
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                out.push((ByteString::new(k), ByteString::new(v)));
            }
            Ok(out)
        }
        other => Err(wrong(a, &other)),
    }
}

pub fn buffer(a: &Action, r: RetValue) -> Result<Vec<u8>> {
    match r {
        RetValue::Buffer(b) | RetValue::Str(b) => Ok(b),
        other => Err(wrong(a, &other)),
    }
}

/// The generated structs' conversion from the protocol's generic value (implemented for
/// every struct by the generated code).
pub trait FromStructValue: Sized {
    fn from_struct_value(v: StructValue) -> std::result::Result<Self, StructMismatch>;
}

fn mismatch(a: &Action, e: StructMismatch) -> Error {
    Error::with_errno(libc::EIO, format!("{}: internal error: {e}", a.name))
}

pub fn one_struct<T: FromStructValue>(a: &Action, r: RetValue) -> Result<T> {
    match r {
        RetValue::Struct(v) => T::from_struct_value(v).map_err(|e| mismatch(a, e)),
        other => Err(wrong(a, &other)),
    }
}

pub fn struct_list<T: FromStructValue>(a: &Action, r: RetValue) -> Result<Vec<T>> {
    match r {
        RetValue::StructList(l) => l
            .into_iter()
            .map(|v| T::from_struct_value(v).map_err(|e| mismatch(a, e)))
            .collect(),
        other => Err(wrong(a, &other)),
    }
}

/// A host path as the bytes the library passes on (file names need not be UTF-8).
pub fn host_path(p: &std::path::Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}
