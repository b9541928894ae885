//! Generates the public Rust API from the table: one `Handle` method per action (typed
//! arguments into protocol values, the core's call path, the typed result back), one
//! options struct per action with optional arguments, and the rustdoc of both.
//!
//! Argument types: guest strings `impl AsRef<[u8]>` (any bytes, so non-UTF-8 guest names
//! can be passed), host files (FileIn/FileOut) `impl AsRef<Path>`, optional strings
//! `Option<&str>`, string lists `&[impl AsRef<[u8]>]`, buffers `&[u8]`. Results: guest
//! strings as `ByteString` (the exact bytes), structs as `guestfs_protocol::structs::X`.

use guestfs_api::*;
use std::collections::HashSet;
use std::fmt::Write;

/// Actions the safe API cannot express (a raw C pointer argument: `add_libvirt_dom`).
pub fn skipped(a: &Action) -> bool {
    a.args.iter().any(|x| matches!(x.ty, ArgType::Pointer(_)))
}

fn arg_doc(t: &ArgType) -> String {
    match t {
        ArgType::Bool => "a boolean".into(),
        ArgType::Int => "a 32-bit integer".into(),
        ArgType::Int64 => "a 64-bit integer".into(),
        ArgType::String(k) => k.describe().into(),
        ArgType::OptString => "an optional string (`None` for C's NULL)".into(),
        ArgType::StringList(k) => format!("a list, each item {}", k.describe()),
        ArgType::BufferIn => "bytes".into(),
        ArgType::Pointer(c) => format!("a `{c}` pointer"),
    }
}

/// (parameter type, expression turning parameter `n` into a protocol `Value`).
fn arg_rust(t: &ArgType, n: &str) -> (String, String) {
    match t {
        ArgType::Bool => ("bool".into(), format!("Value::Bool({n})")),
        ArgType::Int => ("i32".into(), format!("Value::Int({n})")),
        ArgType::Int64 => ("i64".into(), format!("Value::Int64({n})")),
        ArgType::String(StrKind::FileIn | StrKind::FileOut) => (
            "impl AsRef<Path>".into(),
            format!("Value::Str(host_path({n}.as_ref()))"),
        ),
        ArgType::String(_) => ("impl AsRef<[u8]>".into(), format!("Value::Str({n}.as_ref().to_vec())")),
        ArgType::OptString => (
            "Option<&str>".into(),
            format!("Value::OptStr({n}.map(|s| s.as_bytes().to_vec()))"),
        ),
        ArgType::StringList(_) => (
            "&[impl AsRef<[u8]>]".into(),
            format!("Value::StrList({n}.iter().map(|s| s.as_ref().to_vec()).collect())"),
        ),
        ArgType::BufferIn => ("&[u8]".into(), format!("Value::Buffer({n}.to_vec())")),
        ArgType::Pointer(_) => unreachable!("skipped"),
    }
}

fn opt_rust(t: OptArgType) -> (&'static str, &'static str, &'static str) {
    // (field type, conversion of the inner value, doc)
    match t {
        OptArgType::Bool => ("bool", "Value::Bool", "a boolean"),
        OptArgType::Int => ("i32", "Value::Int", "a 32-bit integer"),
        OptArgType::Int64 => ("i64", "Value::Int64", "a 64-bit integer"),
        OptArgType::String => ("String", "|s: String| Value::Str(s.into_bytes())", "a string"),
        OptArgType::StringList => (
            "Vec<String>",
            "|l: Vec<String>| Value::StrList(l.into_iter().map(String::into_bytes).collect())",
            "a list of strings",
        ),
    }
}

/// (return type, conversion function in `super::convert`, doc).
fn ret_rust(api: &Api, r: &RetType) -> (String, String, String) {
    match r {
        RetType::Err => ("()".into(), "unit".into(), "Nothing; `Ok(())` on success.".into()),
        RetType::Int => ("i32".into(), "int".into(), "A 32-bit integer.".into()),
        RetType::Int64 => ("i64".into(), "int64".into(), "A 64-bit integer.".into()),
        RetType::Bool => ("bool".into(), "boolean".into(), "A boolean.".into()),
        RetType::ConstString | RetType::String(_) => (
            "ByteString".into(),
            "string".into(),
            "A string, as the exact bytes it has (see [`ByteString`]).".into(),
        ),
        RetType::ConstOptString => (
            "Option<ByteString>".into(),
            "opt_string".into(),
            "A string, or `None` when there is none (C's NULL without an error).".into(),
        ),
        RetType::StringList(_) => (
            "Vec<ByteString>".into(),
            "string_list".into(),
            "A list of strings, as exact bytes.".into(),
        ),
        RetType::Hashtable(..) => (
            "Vec<(ByteString, ByteString)>".into(),
            "hashtable".into(),
            "Key/value pairs, in the order the library returns them.".into(),
        ),
        RetType::BufferOut => ("Vec<u8>".into(), "buffer".into(), "The bytes.".into()),
        RetType::Struct(s) => {
            let t = api.structure(s).expect("struct in table").rust_name();
            (
                format!("structs::{t}"),
                format!("one_struct::<structs::{t}>"),
                format!("A [`structs::{t}`]."),
            )
        }
        RetType::StructList(s) => {
            let t = api.structure(s).expect("struct in table").rust_name();
            (
                format!("Vec<structs::{t}>"),
                format!("struct_list::<structs::{t}>"),
                format!("A list of [`structs::{t}`]."),
            )
        }
    }
}

fn doc_lines(o: &mut String, indent: &str, text: &str) {
    for l in text.lines() {
        if l.is_empty() {
            let _ = writeln!(o, "{indent}///");
        } else {
            let _ = writeln!(o, "{indent}/// {l}");
        }
    }
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return "(No description.)".into();
    }
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn method_doc(api: &Api, a: &Action) -> String {
    let mut d = String::new();
    let _ = writeln!(d, "{}", sentence(&a.description));
    let _ = writeln!(d);
    let _ = writeln!(d, "The `{}` action (C: `guestfs_{}`).", a.name, a.c_name());
    if !a.args.is_empty() {
        let _ = writeln!(d, "\n# Arguments\n");
        for x in &a.args {
            let _ = writeln!(d, "- `{}`: {}", x.name, arg_doc(&x.ty));
        }
    }
    if !a.optargs.is_empty() {
        let _ = writeln!(
            d,
            "\n# Optional arguments\n\nIn [`{}`] (`Default::default()` for none):\n",
            a.rust_opts_name()
        );
        for x in &a.optargs {
            let _ = writeln!(d, "- `{}`: {}", x.name, opt_rust(x.ty).2);
        }
    }
    let _ = writeln!(d, "\n# Returns\n\n{}", ret_rust(api, &a.ret.ty).2);
    let _ = writeln!(
        d,
        "\n# Errors\n\nAn [`Error`] with the message and errno the library reports (1.48's)."
    );
    let mut notes = Vec::new();
    if let Some(g) = &a.optional {
        notes.push(format!(
            "Belongs to the optional feature group `{g}`: check `feature_available(&[\"{g}\"])` first."
        ));
    }
    if a.flags.config_only {
        notes.push("Only allowed before `launch` (in the config state).".into());
    }
    if a.flags.progress {
        notes.push("Sends PROGRESS events (see [`Handle::set_progress_callback`]).".into());
    }
    if a.flags.cancellable {
        notes.push("A transfer that `user_cancel` can cancel.".into());
    }
    match &a.deprecated {
        Deprecation::No => {}
        Deprecation::ReplacedBy(r) => notes.push(format!(
            "Deprecated: use [`Handle::{}`] instead.",
            rust_ident(&r.to_lowercase())
        )),
        Deprecation::NoReplacement => notes.push("Deprecated, with no replacement.".into()),
    }
    let (x, y, z) = a.added;
    notes.push(format!("Added in libguestfs {x}.{y}.{z}."));
    let _ = writeln!(d, "\n# Notes\n");
    for n in notes {
        let _ = writeln!(d, "- {n}");
    }
    d
}

/// An action's method: its signature line and how its arguments become protocol values.
struct Method {
    /// `pub fn NAME(&self, ...) -> Result<T>`
    signature: String,
    /// The `convert::` function turning the reply into `T`.
    conv: String,
    /// One expression per argument giving its protocol `Value`.
    values: Vec<String>,
    /// One expression per optional argument giving its `Option<Value>`.
    optvals: Vec<String>,
}

impl Method {
    fn of(api: &Api, a: &Action) -> Method {
        let mut params = vec!["&self".to_string()];
        let mut values = Vec::new();
        for x in &a.args {
            let n = rust_ident(&x.name);
            let (t, v) = arg_rust(&x.ty, &n);
            params.push(format!("{n}: {t}"));
            values.push(v);
        }
        let mut optvals = Vec::new();
        if !a.optargs.is_empty() {
            params.push(format!("opts: {}", a.rust_opts_name()));
            for x in &a.optargs {
                optvals.push(format!("opts.{}.map({})", rust_ident(&x.name), opt_rust(x.ty).1));
            }
        }
        let (rt, conv, _) = ret_rust(api, &a.ret.ty);
        Method {
            signature: format!(
                "pub fn {}({}) -> Result<{rt}>",
                rust_ident(&a.rust_fn_name()),
                params.join(", ")
            ),
            conv,
            values,
            optvals,
        }
    }
}

/// The Rust API method of an action, as its signature line (for the reference); `None`
/// for an action the safe API does not have.
pub fn signature(api: &Api, a: &Action) -> Option<String> {
    (!skipped(a)).then(|| Method::of(api, a).signature)
}

pub fn generate(api: &Api) -> String {
    let mut o = String::from("// @generated by generator/rust_api.rs from api/api.txt. Do not edit.\n\n");
    let mut names = HashSet::new();
    let mut methods = String::new();
    for (idx, a) in api.actions.iter().enumerate() {
        if skipped(a) {
            continue;
        }
        let fname = a.rust_fn_name();
        assert!(names.insert(fname.clone()), "two actions give the method name {fname}");
        assert!(
            a.args.iter().all(|x| x.name != "opts"),
            "{}: argument named opts",
            a.name
        );
        let opts = a.rust_opts_name();
        let hidden = matches!(a.visibility, Visibility::Internal);
        if !a.optargs.is_empty() {
            let _ = writeln!(
                o,
                "/// Optional arguments of [`Handle::{}`]; every field `None` (the default) leaves the\n/// library's default in place.",
                rust_ident(&fname)
            );
            if hidden {
                o.push_str("#[doc(hidden)]\n");
            }
            o.push_str("#[derive(Clone, Debug, Default, PartialEq)]\n");
            let _ = writeln!(o, "pub struct {opts} {{");
            for x in &a.optargs {
                let (t, _, doc) = opt_rust(x.ty);
                let _ = writeln!(o, "    /// `{}`: {doc}.", x.name);
                let _ = writeln!(o, "    pub {}: Option<{t}>,", rust_ident(&x.name));
            }
            o.push_str("}\n\n");
        }
        let m = Method::of(api, a);
        let (conv, values, optvals) = (m.conv, m.values, m.optvals);
        doc_lines(&mut methods, "    ", &method_doc(api, a));
        if hidden {
            methods.push_str("    #[doc(hidden)]\n");
        }
        match &a.deprecated {
            Deprecation::No => {}
            Deprecation::ReplacedBy(r) => {
                let _ = writeln!(
                    methods,
                    "    #[deprecated(note = \"use `{}` instead\")]",
                    r.to_lowercase()
                );
            }
            Deprecation::NoReplacement => methods.push_str("    #[deprecated(note = \"no replacement\")]\n"),
        }
        let _ = writeln!(methods, "    {} {{", m.signature);
        let _ = writeln!(methods, "        let action_ = &table().actions[{idx}];");
        let _ = writeln!(methods, "        let args_ = vec![{}];", values.join(", "));
        let _ = writeln!(methods, "        let optargs_ = vec![{}];", optvals.join(", "));
        let _ = writeln!(
            methods,
            "        convert::{conv}(action_, self.core.call(action_, args_, optargs_)?)\n    }}\n"
        );
    }
    for st in &api.structs {
        let _ = writeln!(
            o,
            "impl convert::FromStructValue for structs::{0} {{\n    fn from_struct_value(v: StructValue) -> std::result::Result<Self, StructMismatch> {{\n        Self::from_value(v)\n    }}\n}}\n",
            st.rust_name()
        );
    }
    o.push_str("impl Handle {\n");
    o.push_str(&methods);
    o.push_str("}\n");
    o
}
