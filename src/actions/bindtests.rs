//! The `internal_test*` actions that language bindings use to check their argument and
//! result marshalling: they print their arguments, or return canned values of every
//! return type. Output goes to C's `stdout` (the same FILE buffer as the caller's
//! printf, so lines interleave as with libguestfs) or to the file set by
//! `internal_test_set_output`.

use super::args::*;
use crate::error::Result;
use crate::{Core, Error};
use guestfs_api::{table, OptArgType};
use guestfs_protocol::{FieldValue, RetValue, StructValue, Value};
use std::ffi::CString;

pub const NAMES: &[&str] = &[
    "internal_test",
    "internal_test_only_optargs",
    "internal_test_63_optargs",
    "internal_test_set_output",
    "internal_test_close_output",
    "internal_test_rint",
    "internal_test_rinterr",
    "internal_test_rint64",
    "internal_test_rint64err",
    "internal_test_rbool",
    "internal_test_rboolerr",
    "internal_test_rconststring",
    "internal_test_rconststringerr",
    "internal_test_rconstoptstring",
    "internal_test_rconstoptstringerr",
    "internal_test_rstring",
    "internal_test_rstringerr",
    "internal_test_rstringlist",
    "internal_test_rstringlisterr",
    "internal_test_rstruct",
    "internal_test_rstructerr",
    "internal_test_rstructlist",
    "internal_test_rstructlisterr",
    "internal_test_rhashtable",
    "internal_test_rhashtableerr",
    "internal_test_rbufferout",
    "internal_test_rbufferouterr",
];

extern "C" {
    static mut stdout: *mut libc::FILE;
}

/// Where the output goes: the FILE* set by internal_test_set_output, else C's stdout.
fn out(h: &Core, text: &str) {
    let fp = h.lock().inner().test_output;
    let c = CString::new(text.replace('\0', "")).unwrap_or_default();
    // SAFETY: a FILE* we opened, or glibc's stdout; fputs/fflush on a valid stream.
    unsafe {
        let f = if fp != 0 { fp as *mut libc::FILE } else { stdout };
        libc::fputs(c.as_ptr(), f);
        libc::fflush(f);
    }
}

fn strings(l: &[String]) -> String {
    let q: Vec<String> = l.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]\n", q.join(", "))
}

fn close_output(h: &Core) -> Result<()> {
    let fp = std::mem::take(&mut h.lock().inner().test_output);
    // SAFETY: a FILE* opened by internal_test_set_output.
    if fp != 0 && unsafe { libc::fclose(fp as *mut libc::FILE) } == libc::EOF {
        return Err(Error::os("fclose", &std::io::Error::last_os_error()));
    }
    Ok(())
}

/// Prints each optarg as `name: value` or `name: unset`.
fn print_optargs(h: &Core, name: &str, o: &[Option<Value>]) {
    let a = table().action(name).expect("action in table");
    let mut s = String::new();
    for (i, spec) in a.optargs.iter().enumerate() {
        s.push_str(&format!("{}: ", spec.name));
        match (spec.ty, o.get(i).cloned().flatten()) {
            (_, None) => s.push_str("unset\n"),
            (OptArgType::Bool, Some(v)) => s.push_str(if int(&[v], 0) != 0 { "true\n" } else { "false\n" }),
            (OptArgType::StringList, Some(v)) => s.push_str(&strings(&list(&[v], 0))),
            (OptArgType::String, Some(v)) => s.push_str(&format!("{}\n", str(&[v], 0))),
            (_, Some(v)) => s.push_str(&format!("{}\n", int(&[v], 0))),
        }
    }
    out(h, &s);
}

fn fake_pv(i: usize) -> StructValue {
    let n = i as u64;
    let mut uuid = [0u8; 32];
    uuid.copy_from_slice(b"12345678901234567890123456789012");
    StructValue {
        fields: vec![
            FieldValue::Str(format!("pv{i}").into_bytes()),
            FieldValue::Uuid(uuid),
            FieldValue::Str(b"unknown".to_vec()),
            FieldValue::UInt64(n),
            FieldValue::UInt64(n),
            FieldValue::UInt64(n),
            FieldValue::UInt64(n),
            FieldValue::Str(format!("attr{i}").into_bytes()),
            FieldValue::Int64(i as i64),
            FieldValue::Int64(i as i64),
            FieldValue::Str(format!("tag{i}").into_bytes()),
            FieldValue::UInt64(n),
            FieldValue::Int64(i as i64),
            FieldValue::UInt64(n),
        ],
    }
}

/// `sscanf("%d")`-like: leading integer or None.
fn scan_int(s: &str) -> Option<i64> {
    let t = s.trim_start();
    let end = t
        .char_indices()
        .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && (*c == '-' || *c == '+')))
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    t[..end].parse().ok()
}

pub fn run(h: &Core, name: &str, a: &[Value], o: &[Option<Value>]) -> Option<Result<RetValue>> {
    let err = || Err(Error::msg("error"));
    let expecting = |what: &str| Err(Error::msg(format!("{name}: expecting {what} argument")));
    Some(match name {
        "internal_test" => {
            let mut s = format!("{}\n{}\n", str(a, 0), opt_str(a, 1).unwrap_or_else(|| "null".into()));
            s.push_str(&strings(&list(a, 2)));
            s.push_str(&format!(
                "{}\n{}\n{}\n{}\n{}\n",
                if bool(a, 3) { "true" } else { "false" },
                int(a, 4),
                int(a, 5),
                str(a, 6),
                str(a, 7)
            ));
            for b in bytes(a, 8) {
                // 1.48 prints each byte of a (signed) char cast to unsigned.
                let v = b as i8 as i32 as u32;
                s.push_str(&format!("<{v:02x}>"));
            }
            s.push('\n');
            out(h, &s);
            print_optargs(h, name, o);
            Ok(RetValue::None)
        }
        "internal_test_only_optargs" | "internal_test_63_optargs" => {
            print_optargs(h, name, o);
            Ok(RetValue::None)
        }
        "internal_test_set_output" => {
            let f = str(a, 0);
            let c = CString::new(f.clone()).unwrap_or_default();
            // SAFETY: fopen with NUL-terminated strings.
            let fp = unsafe { libc::fopen(c.as_ptr(), c"w".as_ptr()) };
            if fp.is_null() {
                Err(Error::os(
                    format!("cannot open output file {f}\n"),
                    &std::io::Error::last_os_error(),
                ))
            } else if let Err(e) = super::nested(h, "internal_test_close_output", &[]) {
                // SAFETY: just opened.
                unsafe { libc::fclose(fp) };
                Err(e)
            } else {
                h.lock().inner().test_output = fp as usize;
                Ok(RetValue::None)
            }
        }
        "internal_test_close_output" => close_output(h).map(|_| RetValue::None),
        "internal_test_rint" => scan_int(&str(a, 0))
            .map(|n| Ok(RetValue::Int(n as i32)))
            .unwrap_or_else(|| expecting("int")),
        "internal_test_rint64" => scan_int(&str(a, 0))
            .map(|n| Ok(RetValue::Int64(n)))
            .unwrap_or_else(|| expecting("int64")),
        "internal_test_rbool" => Ok(RetValue::Bool(str(a, 0) == "true")),
        "internal_test_rconststring" | "internal_test_rconstoptstring" => Ok(RetValue::Str(b"static string".to_vec())),
        "internal_test_rstring" | "internal_test_rbufferout" => {
            let v = bytes(a, 0);
            Ok(if name.ends_with("bufferout") {
                RetValue::Buffer(v)
            } else {
                RetValue::Str(v)
            })
        }
        "internal_test_rstringlist" => match scan_int(&str(a, 0)) {
            Some(n) if n >= 0 => Ok(RetValue::StrList((0..n).map(|i| i.to_string().into_bytes()).collect())),
            _ => expecting("int"),
        },
        "internal_test_rhashtable" => match scan_int(&str(a, 0)) {
            Some(n) if n >= 0 => Ok(RetValue::Hashtable(
                (0..n)
                    .flat_map(|i| [i.to_string().into_bytes(), i.to_string().into_bytes()])
                    .collect(),
            )),
            _ => expecting("int"),
        },
        "internal_test_rstruct" => Ok(RetValue::Struct(fake_pv(0))),
        "internal_test_rstructlist" => match scan_int(&str(a, 0)) {
            Some(n) if n >= 0 => Ok(RetValue::StructList((0..n as usize).map(fake_pv).collect())),
            _ => expecting("uint32"),
        },
        "internal_test_rinterr"
        | "internal_test_rint64err"
        | "internal_test_rboolerr"
        | "internal_test_rconststringerr"
        | "internal_test_rconstoptstringerr"
        | "internal_test_rstringerr"
        | "internal_test_rstringlisterr"
        | "internal_test_rstructerr"
        | "internal_test_rstructlisterr"
        | "internal_test_rhashtableerr"
        | "internal_test_rbufferouterr" => err(),
        _ => return None,
    })
}
