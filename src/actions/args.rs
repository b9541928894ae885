//! Typed access to an action's decoded arguments.

use guestfs_protocol::Value;

pub fn str(args: &[Value], i: usize) -> String {
    match args.get(i) {
        Some(Value::Str(s)) => String::from_utf8_lossy(s).into_owned(),
        Some(Value::OptStr(Some(s))) => String::from_utf8_lossy(s).into_owned(),
        _ => String::new(),
    }
}

pub fn opt_str(args: &[Value], i: usize) -> Option<String> {
    match args.get(i) {
        Some(Value::OptStr(Some(s))) | Some(Value::Str(s)) => Some(String::from_utf8_lossy(s).into_owned()),
        _ => None,
    }
}

pub fn bytes(args: &[Value], i: usize) -> Vec<u8> {
    match args.get(i) {
        Some(Value::Str(s)) | Some(Value::Buffer(s)) => s.clone(),
        _ => vec![],
    }
}

pub fn int(args: &[Value], i: usize) -> i64 {
    match args.get(i) {
        Some(Value::Int(n)) => *n as i64,
        Some(Value::Int64(n)) => *n,
        Some(Value::Bool(b)) => *b as i64,
        _ => 0,
    }
}

pub fn bool(args: &[Value], i: usize) -> bool {
    int(args, i) != 0
}

pub fn list(args: &[Value], i: usize) -> Vec<String> {
    match args.get(i) {
        Some(Value::StrList(l)) => l.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect(),
        _ => vec![],
    }
}

/// Optional argument `i` as a string, if set.
pub fn ostr(o: &[Option<Value>], i: usize) -> Option<String> {
    match o.get(i) {
        Some(Some(Value::Str(s))) => Some(String::from_utf8_lossy(s).into_owned()),
        _ => None,
    }
}

pub fn oint(o: &[Option<Value>], i: usize) -> Option<i64> {
    match o.get(i) {
        Some(Some(Value::Int(n))) => Some(*n as i64),
        Some(Some(Value::Int64(n))) => Some(*n),
        Some(Some(Value::Bool(b))) => Some(*b as i64),
        _ => None,
    }
}

pub fn olist(o: &[Option<Value>], i: usize) -> Option<Vec<String>> {
    match o.get(i) {
        Some(Some(Value::StrList(l))) => Some(l.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect()),
        _ => None,
    }
}
