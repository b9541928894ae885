//! Generates the library's typed dispatch (`$OUT_DIR/library_calls.rs`, included by
//! `src/actions/generated.rs`): for every action the library carries out itself (a table
//! row without `proc`), the decoding of its arguments into Rust types, one call of its
//! typed function `crate::actions::MODULE::NAME` (the module named by the action's `impl`
//! line), and the conversion of the typed result into a `RetValue`. The compiler therefore
//! rejects a missing implementation, one with the wrong argument or result types, and a
//! second implementation of the same action. Rows marked `unimplemented` form the
//! generated `UNIMPLEMENTED` list and answer ENOTSUP.
//!
//! Argument types a library function receives (after `h: &Core`): `bool`, `i32`, `i64`;
//! `&str` for every string (the bytes read as UTF-8, invalid sequences replaced);
//! `Option<&str>`; `&[String]` for string lists; `&[u8]` for buffers; `*mut c_void` for a
//! C caller's pointer (only `add_libvirt_dom`); an `XxxOpts` struct
//! (`generated::opts`) for the optional arguments. Results: `()`, `i32`, `i64`, `bool`,
//! anything `Into<Vec<u8>>` for strings (`Option` of it for `const_opt_string`), a `Vec`
//! of those for string lists, `Vec<(K, V)>` for hashtables, the generated struct types
//! (`guestfs_protocol::structs`), `Vec<u8>` for buffers.

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

/// (decoding method of `Args`, the function making the `Value` an optional argument travels as)
fn opt_codec(t: OptArgType) -> (&'static str, &'static str) {
    match t {
        OptArgType::Bool => ("optarg_bool", "Value::Bool"),
        OptArgType::Int => ("optarg_int", "Value::Int"),
        OptArgType::Int64 => ("optarg_int64", "Value::Int64"),
        OptArgType::String => ("optarg_string", "|v| Value::Str(v.into_bytes())"),
        OptArgType::StringList => (
            "optarg_list",
            "|v| Value::StrList(v.into_iter().map(String::into_bytes).collect())",
        ),
    }
}

fn library_actions(api: &Api) -> impl Iterator<Item = &Action> {
    api.actions.iter().filter(|a| !a.is_daemon())
}

/// The `opts` module: one struct per library action with optional arguments, and its
/// encoding back into optional-argument values (for the calls library code makes through
/// the public path, `actions::nested_opt`).
fn opts_module(api: &Api, o: &mut String) {
    o.push_str("/// The optional arguments of each library action that has them; `None` = not set by the caller.\npub mod opts {\n");
    o.push_str("    use guestfs_protocol::Value;\n\n");
    for a in library_actions(api).filter(|a| !a.optargs.is_empty()) {
        let ty = a.rust_opts_name();
        let _ = writeln!(o, "    /// Optional arguments of `{}`.", a.name);
        o.push_str("    #[derive(Clone, Debug, Default)]\n");
        let _ = writeln!(o, "    pub struct {ty} {{");
        for oa in &a.optargs {
            let _ = writeln!(o, "        pub {}: {},", rust_ident(&oa.name), opt_rust_type(oa.ty));
        }
        o.push_str("    }\n\n");
        let _ = writeln!(o, "    impl {ty} {{");
        o.push_str("        /// The optional-argument values in table order (`None` = not set).\n");
        o.push_str("        pub fn into_optargs(self) -> Vec<Option<Value>> {\n            vec![\n");
        for oa in &a.optargs {
            let (_, value) = opt_codec(oa.ty);
            let _ = writeln!(o, "                self.{}.map({value}),", rust_ident(&oa.name));
        }
        o.push_str("            ]\n        }\n    }\n\n");
    }
    o.push_str("}\n\n");
}

/// The body of `call_NAME`: decode, call, encode.
fn call_fn(api: &Api, a: &Action, module: &str, o: &mut String) {
    if a.args.is_empty() && a.optargs.is_empty() {
        let _ = writeln!(
            o,
            "fn call_{}(h: &Core, _args: &[Value], _optargs: &[Option<Value>]) -> Result<RetValue> {{",
            a.rust_fn_name()
        );
    } else {
        let _ = writeln!(
            o,
            "fn call_{}(h: &Core, args: &[Value], optargs: &[Option<Value>]) -> Result<RetValue> {{",
            a.rust_fn_name()
        );
        let _ = writeln!(o, "    let r = Args::new({:?}, args, optargs);", a.name);
    }
    let mut pass = vec!["h".to_string()];
    for (i, arg) in a.args.iter().enumerate() {
        let v = format!("a_{}", arg.name);
        let (decl, p) = match &arg.ty {
            ArgType::Bool => (format!("r.bool({i})?"), v.clone()),
            ArgType::Int => (format!("r.int({i})?"), v.clone()),
            ArgType::Int64 => (format!("r.int64({i})?"), v.clone()),
            ArgType::String(_) => (format!("r.string({i})?"), format!("&{v}")),
            ArgType::OptString => (format!("r.opt_string({i})?"), format!("{v}.as_deref()")),
            ArgType::StringList(_) => (format!("r.list({i})?"), format!("&{v}")),
            ArgType::BufferIn => (format!("r.buffer({i})?"), v.clone()),
            // A C caller's raw pointer (add_libvirt_dom's virDomainPtr), handed on untouched.
            ArgType::Pointer(_) => (format!("r.pointer({i})?"), v.clone()),
        };
        let _ = writeln!(o, "    let {v} = {decl};");
        pass.push(p);
    }
    if !a.optargs.is_empty() {
        let _ = writeln!(o, "    let o = opts::{} {{", a.rust_opts_name());
        for (i, oa) in a.optargs.iter().enumerate() {
            let (method, _) = opt_codec(oa.ty);
            let _ = writeln!(o, "        {}: r.{method}({i})?,", rust_ident(&oa.name));
        }
        o.push_str("    };\n");
        pass.push("o".into());
    }
    let call = format!(
        "crate::actions::{module}::{}({})",
        rust_ident(&a.rust_fn_name()),
        pass.join(", ")
    );
    let ret = rust_ret_value(api, &a.ret.ty, &call);
    o.push_str(&ret);
    o.push_str("}\n\n");
}

pub fn generate(api: &Api) -> String {
    let mut o = String::new();
    o.push_str("// @generated by generator/library_calls.rs from api/api.txt. Do not edit.\n\n");
    opts_module(api, &mut o);
    let (mut arms, mut implemented, mut unimplemented) = (Vec::new(), Vec::new(), Vec::new());
    for a in library_actions(api) {
        match &a.implementation {
            Implementation::Module(m) => {
                call_fn(api, a, m, &mut o);
                arms.push(format!(
                    "        {:?} => call_{}(h, args, optargs),\n",
                    a.name,
                    a.rust_fn_name()
                ));
                implemented.push(a.name.as_str());
            }
            Implementation::Unimplemented => unimplemented.push(a.name.as_str()),
        }
    }
    o.push_str("/// Runs the typed function of library action `a`; ENOTSUP for one the table marks\n/// `unimplemented` (and for a daemon action, which never comes here).\n");
    o.push_str("pub fn call(h: &Core, a: &Action, args: &[Value], optargs: &[Option<Value>]) -> Result<RetValue> {\n");
    o.push_str("    match a.name.as_str() {\n");
    for arm in arms {
        o.push_str(&arm);
    }
    o.push_str("        other => Err(Error::not_supported(other)),\n    }\n}\n\n");
    o.push_str(&rust_name_list(
        "Library actions the table gives an implementing module (`impl MODULE`).",
        "IMPLEMENTED",
        &implemented,
    ));
    o.push('\n');
    o.push_str(&rust_name_list(
        "Library actions the table marks `unimplemented` (they answer ENOTSUP).",
        "UNIMPLEMENTED",
        &unimplemented,
    ));
    o
}
