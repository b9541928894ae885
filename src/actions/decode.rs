//! Typed, checked reads of an action's arguments for the generated dispatch
//! (`generated.rs`): each read names the kind the table gives the argument, and a value
//! of another kind is an error naming the action and the argument, never a default.
//! Strings are read as UTF-8 text with invalid sequences replaced, as the library's
//! actions have always seen them.

use crate::error::Result;
use crate::Error;
use guestfs_protocol::Value;

/// The arguments and optional arguments of one call of action `action`.
pub struct Args<'a> {
    action: &'static str,
    args: &'a [Value],
    optargs: &'a [Option<Value>],
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn texts(l: &[Vec<u8>]) -> Vec<String> {
    l.iter().map(|s| text(s)).collect()
}

impl<'a> Args<'a> {
    pub fn new(action: &'static str, args: &'a [Value], optargs: &'a [Option<Value>]) -> Args<'a> {
        Args { action, args, optargs }
    }

    fn arg<T>(&self, i: usize, what: &str, f: impl Fn(&Value) -> Option<T>) -> Result<T> {
        self.args
            .get(i)
            .and_then(f)
            .ok_or_else(|| Error::msg(format!("{}: argument {i} is not {what}", self.action)))
    }

    pub fn bool(&self, i: usize) -> Result<bool> {
        self.arg(i, "a bool", |v| match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        })
    }

    pub fn int(&self, i: usize) -> Result<i32> {
        self.arg(i, "an int", |v| match v {
            Value::Int(n) => Some(*n),
            _ => None,
        })
    }

    pub fn int64(&self, i: usize) -> Result<i64> {
        self.arg(i, "an int64", |v| match v {
            Value::Int64(n) => Some(*n),
            _ => None,
        })
    }

    pub fn string(&self, i: usize) -> Result<String> {
        self.arg(i, "a string", |v| match v {
            Value::Str(s) => Some(text(s)),
            _ => None,
        })
    }

    pub fn opt_string(&self, i: usize) -> Result<Option<String>> {
        self.arg(i, "an optional string", |v| match v {
            Value::OptStr(s) => Some(s.as_deref().map(text)),
            _ => None,
        })
    }

    pub fn list(&self, i: usize) -> Result<Vec<String>> {
        self.arg(i, "a string list", |v| match v {
            Value::StrList(l) => Some(texts(l)),
            _ => None,
        })
    }

    pub fn buffer(&self, i: usize) -> Result<&'a [u8]> {
        match self.args.get(i) {
            Some(Value::Buffer(b)) => Ok(b),
            _ => Err(Error::msg(format!("{}: argument {i} is not a buffer", self.action))),
        }
    }

    /// A pointer the C caller passed (it travels as its address in an `Int64`); it is
    /// never dereferenced here, only handed to the code that knows its C type.
    pub fn pointer(&self, i: usize) -> Result<*mut std::ffi::c_void> {
        self.arg(i, "a pointer", |v| match v {
            Value::Int64(n) => Some(*n as usize as *mut std::ffi::c_void),
            _ => None,
        })
    }

    /// Optional argument `i`: `None` when the caller did not set it.
    fn optarg<T>(&self, i: usize, what: &str, f: impl Fn(&Value) -> Option<T>) -> Result<Option<T>> {
        match self.optargs.get(i) {
            None | Some(None) => Ok(None),
            Some(Some(v)) => f(v)
                .map(Some)
                .ok_or_else(|| Error::msg(format!("{}: optional argument {i} is not {what}", self.action))),
        }
    }

    pub fn optarg_bool(&self, i: usize) -> Result<Option<bool>> {
        self.optarg(i, "a bool", |v| match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        })
    }

    pub fn optarg_int(&self, i: usize) -> Result<Option<i32>> {
        self.optarg(i, "an int", |v| match v {
            Value::Int(n) => Some(*n),
            _ => None,
        })
    }

    pub fn optarg_int64(&self, i: usize) -> Result<Option<i64>> {
        self.optarg(i, "an int64", |v| match v {
            Value::Int64(n) => Some(*n),
            _ => None,
        })
    }

    pub fn optarg_string(&self, i: usize) -> Result<Option<String>> {
        self.optarg(i, "a string", |v| match v {
            Value::Str(s) => Some(text(s)),
            _ => None,
        })
    }

    pub fn optarg_list(&self, i: usize) -> Result<Option<Vec<String>>> {
        self.optarg(i, "a string list", |v| match v {
            Value::StrList(l) => Some(texts(l)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Args;
    use guestfs_protocol::Value;

    #[test]
    fn a_value_of_another_kind_is_an_error() {
        let args = [Value::Int(3), Value::Str(b"x".to_vec()), Value::OptStr(None)];
        let opts = [None, Some(Value::Bool(true))];
        let r = Args::new("t", &args, &opts);
        assert_eq!(r.int(0).unwrap(), 3);
        assert_eq!(r.string(1).unwrap(), "x");
        assert_eq!(r.opt_string(2).unwrap(), None);
        assert_eq!(r.bool(0).unwrap_err().message, "t: argument 0 is not a bool");
        assert!(r.int64(0).is_err());
        assert!(r.string(2).is_err());
        assert!(r.list(3).is_err());
        assert_eq!(r.optarg_int(0).unwrap(), None);
        assert_eq!(r.optarg_bool(1).unwrap(), Some(true));
        assert_eq!(r.optarg_int(5).unwrap(), None);
        assert_eq!(
            r.optarg_string(1).unwrap_err().message,
            "t: optional argument 1 is not a string"
        );
    }
}
