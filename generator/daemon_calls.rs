//! Generates the daemon's typed dispatch (`$OUT_DIR/calls.rs`, included by
//! `daemon/src/generated.rs`) and the table facts below it (`$OUT_DIR/table.rs`, included
//! by `daemon/src/table.rs`: optional-argument structs, implemented and unimplemented
//! actions): for every daemon action, the decoding of its arguments into
//! Rust types, one call of its typed function `crate::calls::MODULE::NAME` (the module
//! named by the action's `impl` line in the table), and the conversion of the typed result
//! into the reply. The compiler therefore rejects a missing implementation, one with the
//! wrong argument or result types, and a second implementation of the same action.
//!
//! Argument types a daemon function receives: `bool`, `i32`, `i64`; `&GuestPath` for
//! Pathname arguments; `&str` for other strings (devices already translated); `Option<&str>`;
//! `&[String]` for string lists, `&[Vec<u8>]` for lists of file names (exact bytes, as
//! paths are); `&[u8]` for buffers; `FileIn`/`FileOut` tokens for the streamed files; an `XxxOpts`
//! struct (`table::opts`) for the optional arguments.
//! Results: `()`, `i32`, `i64`, `bool`, anything `Into<Vec<u8>>` for strings (`String` or
//! guest bytes), a `Vec` of those for string lists, `Vec<(K, V)>` for hashtables, with
//! `devices::CallerName` wherever the table's result kind is `device` or `mountable`; the
//! generated struct types (`guestfs_protocol::structs`), `Vec<u8>` for buffers.

use guestfs_api::*;
use std::fmt::Write;

fn opt_rust_type(t: OptArgType) -> &'static str {
    match t {
        OptArgType::Bool => "Option<bool>",
        OptArgType::Int => "Option<i32>",
        OptArgType::Int64 => "Option<i64>",
        OptArgType::String => "Option<String>",
        OptArgType::StringList => "Option<Vec<String>>",
    }
}

fn opt_decoder(t: OptArgType) -> &'static str {
    match t {
        OptArgType::Bool => "decode_optarg_bool",
        OptArgType::Int => "decode_optarg_int",
        OptArgType::Int64 => "decode_optarg_int64",
        OptArgType::String => "decode_optarg_str",
        OptArgType::StringList => "decode_optarg_list",
    }
}

/// The `opts` module: one struct per daemon action with optional arguments.
fn opts_module(api: &Api, o: &mut String) {
    o.push_str("/// The optional arguments of each daemon action that has them; `None` = not set by the caller.\npub mod opts {\n");
    for a in api.actions.iter().filter(|a| a.is_daemon() && !a.optargs.is_empty()) {
        let _ = writeln!(o, "    /// Optional arguments of `{}`.", a.name);
        o.push_str("    #[derive(Clone, Debug, Default)]\n");
        let _ = writeln!(o, "    pub struct {} {{", a.rust_opts_name());
        for oa in &a.optargs {
            let _ = writeln!(o, "        pub {}: {},", rust_ident(&oa.name), opt_rust_type(oa.ty));
        }
        o.push_str("    }\n");
    }
    o.push_str("}\n\n");
}

/// Whether a result of this kind is a device or mountable name (handed back in the
/// caller's spelling).
fn is_name(k: StrKind) -> bool {
    matches!(k, StrKind::Device | StrKind::Mountable)
}

/// The reply of an action whose result holds device or mountable names: the function must
/// give `CallerName`s there (made by `Devices::reverse`), so the compiler rejects an
/// appliance name handed back untranslated, and no generic pass translates one twice.
/// None for every other result (`rust_ret_value` converts those).
fn caller_names_ret_value(ret: &RetType, call: &str) -> Option<String> {
    let name = "crate::devices::CallerName";
    let into = "Into::<Vec<u8>>::into";
    let ty = match ret {
        RetType::String(k) if is_name(*k) => name.to_string(),
        RetType::StringList(k) if is_name(*k) => format!("Vec<{name}>"),
        RetType::Hashtable(k, v) if is_name(*k) || is_name(*v) => {
            let side = |k: StrKind| if is_name(k) { name } else { "String" };
            format!("Vec<({}, {})>", side(*k), side(*v))
        }
        _ => return None,
    };
    let conv = match ret {
        RetType::String(_) => format!("RetValue::Str({into}(v))"),
        RetType::StringList(_) => format!("RetValue::StrList(v.into_iter().map({into}).collect())"),
        _ => format!("RetValue::Hashtable(v.into_iter().flat_map(|(k, v)| [{into}(k), {into}(v)]).collect())"),
    };
    Some(format!("    let v: {ty} = {call}?;\n    Ok({conv})\n"))
}

/// The body of `call_NAME`: decode, call, encode.
fn call_fn(api: &Api, a: &Action, module: &str, o: &mut String) {
    // An action whose only arguments are streamed files (or none) never reads the request.
    let reads = a.optargs.len() + a.args.iter().filter(|x| !x.is_file_transfer()).count();
    let req = if reads == 0 { "_req" } else { "req" };
    let _ = writeln!(
        o,
        "fn call_{}(d: &mut Daemon, {req}: &Req) -> Result<RetValue> {{",
        a.rust_fn_name()
    );
    let mut pass = vec!["d".to_string()];
    for (i, arg) in a.args.iter().enumerate() {
        let v = format!("a_{}", arg.name);
        let (decl, p) = match &arg.ty {
            ArgType::Bool => (format!("req.decode_bool({i})?"), v.clone()),
            ArgType::Int => (format!("req.decode_int({i})?"), v.clone()),
            ArgType::Int64 => (format!("req.decode_int64({i})?"), v.clone()),
            ArgType::String(StrKind::Pathname) => (format!("GuestPath::new(req.decode_bytes({i})?)"), format!("&{v}")),
            ArgType::String(StrKind::FileIn) => ("FileIn::token()".into(), v.clone()),
            ArgType::String(StrKind::FileOut) => ("FileOut::token()".into(), v.clone()),
            ArgType::String(_) => (format!("req.decode_str({i})?"), format!("&{v}")),
            ArgType::OptString => (format!("req.decode_opt_str({i})?"), format!("{v}.as_deref()")),
            // File names are guest bytes, like paths: kept exact (not lossy text).
            ArgType::StringList(StrKind::Filename) => (format!("req.decode_byte_list({i})?"), format!("&{v}")),
            ArgType::StringList(_) => (format!("req.decode_list({i})?"), format!("&{v}")),
            ArgType::BufferIn => (format!("req.decode_bytes({i})?"), v.clone()),
            ArgType::Pointer(_) => panic!("{}: pointer argument in a daemon action", a.name),
        };
        let _ = writeln!(o, "    let {v} = {decl};");
        pass.push(p);
    }
    if !a.optargs.is_empty() {
        let _ = writeln!(o, "    let o = opts::{} {{", a.rust_opts_name());
        for (i, oa) in a.optargs.iter().enumerate() {
            let _ = writeln!(o, "        {}: req.{}({i})?,", rust_ident(&oa.name), opt_decoder(oa.ty));
        }
        o.push_str("    };\n");
        pass.push("o".into());
    }
    let call = format!("crate::calls::{module}::{}({})", a.rust_fn_name(), pass.join(", "));
    let ret = caller_names_ret_value(&a.ret.ty, &call).unwrap_or_else(|| rust_ret_value(api, &a.ret.ty, &call));
    o.push_str(&ret);
    o.push_str("}\n\n");
}

/// Returns (the dispatch, included by `daemon/src/generated.rs`; the table facts the call
/// families use, included by `daemon/src/table.rs`).
pub fn generate(api: &Api) -> (String, String) {
    let header = "// @generated by generator/daemon_calls.rs from api/api.txt. Do not edit.\n\n";
    let mut o = String::from(header);
    let mut t = String::from(header);
    opts_module(api, &mut t);
    let mut arms = Vec::new();
    let mut implemented = Vec::new();
    let mut unimplemented = Vec::new();
    for a in api.actions.iter().filter(|a| a.is_daemon()) {
        match &a.implementation {
            Implementation::Module(m) => {
                call_fn(api, a, m, &mut o);
                arms.push(format!(
                    "        Some({}) => call_{}(d, req),\n",
                    a.proc_nr.unwrap(),
                    a.rust_fn_name()
                ));
                implemented.push(a.name.as_str());
            }
            Implementation::Unimplemented => unimplemented.push(a.name.as_str()),
        }
    }
    o.push_str("/// Runs the typed function of the request's action (an action the table marks\n/// `unimplemented` answers ENOTSUP).\n");
    o.push_str("pub fn call(d: &mut Daemon, req: &Req) -> Result<RetValue> {\n");
    o.push_str("    match req.action.proc_nr {\n");
    for arm in arms {
        o.push_str(&arm);
    }
    o.push_str("        _ => Err(crate::error::Error::with_errno(\n            libc::ENOTSUP,\n            format!(\"{}: not implemented in guestfs-rs daemon\", req.action.name),\n        )),\n    }\n}\n");
    t.push_str(&rust_name_list(
        "Daemon actions implemented by a typed function (`guestfsd --list-implemented`).",
        "IMPLEMENTED",
        &implemented,
    ));
    t.push('\n');
    t.push_str(&rust_name_list(
        "Daemon actions the table marks `unimplemented` (they answer ENOTSUP).",
        "UNIMPLEMENTED",
        &unimplemented,
    ));
    (o, t)
}
