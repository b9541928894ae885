//! The `internal_test*` actions that language bindings use to check their argument and
//! result marshalling: they print their arguments, or return canned values of every
//! return type. Output goes to C's `stdout` (the same FILE buffer as the caller's
//! printf, so lines interleave as with libguestfs) or to the file set by
//! `internal_test_set_output`.

use super::generated::opts::{InternalTest63OptargsOpts, InternalTestOnlyOptargsOpts, InternalTestOpts};
use crate::error::Result;
use crate::{Core, Error};
use guestfs_api::table;
use guestfs_protocol::structs::LvmPv;
use guestfs_protocol::Value;
use std::ffi::CString;

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

/// Prints each optarg as `name: value` or `name: unset`, in table order.
fn print_optargs(h: &Core, name: &str, o: Vec<Option<Value>>) {
    let a = table().action(name).expect("action in table");
    let mut s = String::new();
    for (spec, v) in a.optargs.iter().zip(o) {
        s.push_str(&format!("{}: ", spec.name));
        match v {
            None => s.push_str("unset\n"),
            Some(Value::Bool(b)) => s.push_str(if b { "true\n" } else { "false\n" }),
            Some(Value::Int(n)) => s.push_str(&format!("{n}\n")),
            Some(Value::Int64(n)) => s.push_str(&format!("{n}\n")),
            Some(Value::Str(v)) => s.push_str(&format!("{}\n", String::from_utf8_lossy(&v))),
            Some(Value::StrList(l)) => {
                let l: Vec<String> = l.iter().map(|x| String::from_utf8_lossy(x).into_owned()).collect();
                s.push_str(&strings(&l))
            }
            Some(other) => s.push_str(&format!("{other:?}\n")),
        }
    }
    out(h, &s);
}

fn fake_pv(i: usize) -> LvmPv {
    let n = i as u64;
    let mut pv_uuid = [0u8; 32];
    pv_uuid.copy_from_slice(b"12345678901234567890123456789012");
    LvmPv {
        pv_name: format!("pv{i}").into(),
        pv_uuid,
        pv_fmt: "unknown".into(),
        pv_size: n,
        dev_size: n,
        pv_free: n,
        pv_used: n,
        pv_attr: format!("attr{i}").into(),
        pv_pe_count: i as i64,
        pv_pe_alloc_count: i as i64,
        pv_tags: format!("tag{i}").into(),
        pe_start: n,
        pv_mda_count: i as i64,
        pv_mda_free: n,
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

fn error<T>() -> Result<T> {
    Err(Error::msg("error"))
}

fn expecting<T>(name: &str, what: &str) -> Result<T> {
    Err(Error::msg(format!("{name}: expecting {what} argument")))
}

#[allow(clippy::too_many_arguments)] // one per argument type, as the table has it
pub fn internal_test(
    h: &Core,
    str: &str,
    optstr: Option<&str>,
    strlist: &[String],
    b: bool,
    integer: i32,
    integer64: i64,
    filein: &str,
    fileout: &str,
    bufferin: &[u8],
    o: InternalTestOpts,
) -> Result<()> {
    let mut s = format!("{str}\n{}\n", optstr.unwrap_or("null"));
    s.push_str(&strings(strlist));
    s.push_str(&format!("{b}\n{integer}\n{integer64}\n{filein}\n{fileout}\n"));
    for c in bufferin {
        // 1.48 prints each byte of a (signed) char cast to unsigned.
        let v = *c as i8 as i32 as u32;
        s.push_str(&format!("<{v:02x}>"));
    }
    s.push('\n');
    out(h, &s);
    print_optargs(h, "internal_test", o.into_optargs());
    Ok(())
}

pub fn internal_test_only_optargs(h: &Core, o: InternalTestOnlyOptargsOpts) -> Result<()> {
    print_optargs(h, "internal_test_only_optargs", o.into_optargs());
    Ok(())
}

pub fn internal_test_63_optargs(h: &Core, o: InternalTest63OptargsOpts) -> Result<()> {
    print_optargs(h, "internal_test_63_optargs", o.into_optargs());
    Ok(())
}

pub fn internal_test_set_output(h: &Core, filename: &str) -> Result<()> {
    let c = CString::new(filename).unwrap_or_default();
    // SAFETY: fopen with NUL-terminated strings.
    let fp = unsafe { libc::fopen(c.as_ptr(), c"w".as_ptr()) };
    if fp.is_null() {
        return Err(Error::os(
            format!("cannot open output file {filename}\n"),
            &std::io::Error::last_os_error(),
        ));
    }
    if let Err(e) = super::nested(h, "internal_test_close_output", &[]) {
        // SAFETY: just opened.
        unsafe { libc::fclose(fp) };
        return Err(e);
    }
    h.lock().inner().test_output = fp as usize;
    Ok(())
}

pub fn internal_test_close_output(h: &Core) -> Result<()> {
    let fp = std::mem::take(&mut h.lock().inner().test_output);
    // SAFETY: a FILE* opened by internal_test_set_output.
    if fp != 0 && unsafe { libc::fclose(fp as *mut libc::FILE) } == libc::EOF {
        return Err(Error::os("fclose", &std::io::Error::last_os_error()));
    }
    Ok(())
}

pub fn internal_test_rint(_h: &Core, val: &str) -> Result<i32> {
    scan_int(val)
        .map(|n| n as i32)
        .map_or_else(|| expecting("internal_test_rint", "int"), Ok)
}

pub fn internal_test_rinterr(_h: &Core) -> Result<i32> {
    error()
}

pub fn internal_test_rint64(_h: &Core, val: &str) -> Result<i64> {
    scan_int(val).map_or_else(|| expecting("internal_test_rint64", "int64"), Ok)
}

pub fn internal_test_rint64err(_h: &Core) -> Result<i64> {
    error()
}

pub fn internal_test_rbool(_h: &Core, val: &str) -> Result<bool> {
    Ok(val == "true")
}

pub fn internal_test_rboolerr(_h: &Core) -> Result<bool> {
    error()
}

pub fn internal_test_rconststring(_h: &Core, _val: &str) -> Result<&'static str> {
    Ok("static string")
}

pub fn internal_test_rconststringerr(_h: &Core) -> Result<&'static str> {
    error()
}

pub fn internal_test_rconstoptstring(_h: &Core, _val: &str) -> Result<Option<&'static str>> {
    Ok(Some("static string"))
}

pub fn internal_test_rconstoptstringerr(_h: &Core) -> Result<Option<&'static str>> {
    error()
}

pub fn internal_test_rstring(_h: &Core, val: &str) -> Result<String> {
    Ok(val.to_string())
}

pub fn internal_test_rstringerr(_h: &Core) -> Result<String> {
    error()
}

pub fn internal_test_rstringlist(_h: &Core, val: &str) -> Result<Vec<String>> {
    match scan_int(val) {
        Some(n) if n >= 0 => Ok((0..n).map(|i| i.to_string()).collect()),
        _ => expecting("internal_test_rstringlist", "int"),
    }
}

pub fn internal_test_rstringlisterr(_h: &Core) -> Result<Vec<String>> {
    error()
}

pub fn internal_test_rstruct(_h: &Core, _val: &str) -> Result<LvmPv> {
    Ok(fake_pv(0))
}

pub fn internal_test_rstructerr(_h: &Core) -> Result<LvmPv> {
    error()
}

pub fn internal_test_rstructlist(_h: &Core, val: &str) -> Result<Vec<LvmPv>> {
    match scan_int(val) {
        Some(n) if n >= 0 => Ok((0..n as usize).map(fake_pv).collect()),
        _ => expecting("internal_test_rstructlist", "uint32"),
    }
}

pub fn internal_test_rstructlisterr(_h: &Core) -> Result<Vec<LvmPv>> {
    error()
}

pub fn internal_test_rhashtable(_h: &Core, val: &str) -> Result<Vec<(String, String)>> {
    match scan_int(val) {
        Some(n) if n >= 0 => Ok((0..n).map(|i| (i.to_string(), i.to_string())).collect()),
        _ => expecting("internal_test_rhashtable", "int"),
    }
}

pub fn internal_test_rhashtableerr(_h: &Core) -> Result<Vec<(String, String)>> {
    error()
}

pub fn internal_test_rbufferout(_h: &Core, val: &str) -> Result<Vec<u8>> {
    Ok(val.as_bytes().to_vec())
}

pub fn internal_test_rbufferouterr(_h: &Core) -> Result<Vec<u8>> {
    error()
}
