//! One decoded request: the action and its arguments (checked and translated by the
//! dispatcher), read by the generated dispatch with checked reads of the kinds the table
//! gives them: a value of another kind is an error, never a silent default.

use guestfs_api::Action;
use guestfs_protocol::{Header, Value};

use crate::error::{Error, Result};

pub struct Req {
    pub header: Header,
    pub action: &'static Action,
    /// Every argument in declaration order; FileIn/FileOut ones are empty strings (the
    /// file travels as chunks, not in the args).
    pub args: Vec<Value>,
    /// Every optarg in declaration order (unset ones hold zero values).
    pub optargs: Vec<Value>,
}

impl Req {
    /// `<name>_stub`: what 1.48's generated argument checks put in their messages.
    pub fn stub(&self) -> String {
        format!("{}_stub", self.action.name)
    }

    /// Whether the caller set optarg `i` (its bit in the header's bitmask).
    pub fn opt_set(&self, i: usize) -> bool {
        i < 64 && self.header.optargs_bitmask & (1u64 << i) != 0
    }
}

// Typed reads for the generated dispatch (generated.rs): a value of another kind than the
// table says is an error, never a silent default.
impl Req {
    fn mismatch(&self, what: &str, i: usize) -> Error {
        Error::msg(format!("{}: argument {i} is not {what}", self.action.name))
    }

    pub fn decode_bool(&self, i: usize) -> Result<bool> {
        match self.args.get(i) {
            Some(Value::Bool(b)) => Ok(*b),
            _ => Err(self.mismatch("a bool", i)),
        }
    }

    pub fn decode_int(&self, i: usize) -> Result<i32> {
        match self.args.get(i) {
            Some(Value::Int(n)) => Ok(*n),
            _ => Err(self.mismatch("an int", i)),
        }
    }

    pub fn decode_int64(&self, i: usize) -> Result<i64> {
        match self.args.get(i) {
            Some(Value::Int64(n)) => Ok(*n),
            _ => Err(self.mismatch("an int64", i)),
        }
    }

    pub fn decode_bytes(&self, i: usize) -> Result<&[u8]> {
        match self.args.get(i) {
            Some(Value::Str(s) | Value::Buffer(s)) => Ok(s),
            _ => Err(self.mismatch("a string", i)),
        }
    }

    /// A string argument as text (invalid UTF-8 replaced, as the tools it reaches expect text).
    pub fn decode_str(&self, i: usize) -> Result<String> {
        self.decode_bytes(i).map(|b| String::from_utf8_lossy(b).into_owned())
    }

    pub fn decode_opt_str(&self, i: usize) -> Result<Option<String>> {
        match self.args.get(i) {
            Some(Value::OptStr(s)) => Ok(s.as_ref().map(|b| String::from_utf8_lossy(b).into_owned())),
            _ => Err(self.mismatch("an optional string", i)),
        }
    }

    pub fn decode_list(&self, i: usize) -> Result<Vec<String>> {
        match self.args.get(i) {
            Some(Value::StrList(l)) => Ok(l.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect()),
            _ => Err(self.mismatch("a string list", i)),
        }
    }

    /// A string list argument as the caller's exact bytes (file names in the guest).
    pub fn decode_byte_list(&self, i: usize) -> Result<Vec<Vec<u8>>> {
        match self.args.get(i) {
            Some(Value::StrList(l)) => Ok(l.clone()),
            _ => Err(self.mismatch("a string list", i)),
        }
    }

    /// Optional argument `i`: `None` when the caller did not set it.
    fn decode_optarg<T>(&self, i: usize, what: &str, f: impl Fn(&Value) -> Option<T>) -> Result<Option<T>> {
        if !self.opt_set(i) {
            return Ok(None);
        }
        match self.optargs.get(i).and_then(f) {
            Some(v) => Ok(Some(v)),
            None => Err(Error::msg(format!(
                "{}: optional argument {i} is not {what}",
                self.action.name
            ))),
        }
    }

    pub fn decode_optarg_bool(&self, i: usize) -> Result<Option<bool>> {
        self.decode_optarg(i, "a bool", |v| match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        })
    }

    pub fn decode_optarg_int(&self, i: usize) -> Result<Option<i32>> {
        self.decode_optarg(i, "an int", |v| match v {
            Value::Int(n) => Some(*n),
            _ => None,
        })
    }

    pub fn decode_optarg_int64(&self, i: usize) -> Result<Option<i64>> {
        self.decode_optarg(i, "an int64", |v| match v {
            Value::Int64(n) => Some(*n),
            _ => None,
        })
    }

    pub fn decode_optarg_str(&self, i: usize) -> Result<Option<String>> {
        self.decode_optarg(i, "a string", |v| match v {
            Value::Str(s) => Some(String::from_utf8_lossy(s).into_owned()),
            _ => None,
        })
    }

    pub fn decode_optarg_list(&self, i: usize) -> Result<Option<Vec<String>>> {
        self.decode_optarg(i, "a string list", |v| match v {
            Value::StrList(l) => Some(l.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect()),
            _ => None,
        })
    }
}
