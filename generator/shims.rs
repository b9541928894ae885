//! Generates the Rust `extern "C"` entry point of every action (and the `_argv`
//! variants). Each is a thin conversion: raw C arguments into `CArg`s, one call to
//! `capi::call::invoke`, and the result into the C return convention.

use guestfs_api::*;
use std::fmt::Write;

fn rust_arg_params(a: &Action) -> (Vec<String>, Vec<String>) {
    let mut params = Vec::new();
    let mut cargs = Vec::new();
    for arg in &a.args {
        let n = format!("a_{}", arg.name);
        match &arg.ty {
            ArgType::Bool => {
                params.push(format!("{n}: c_int"));
                cargs.push(format!("CArg::Bool({n})"));
            }
            ArgType::Int => {
                params.push(format!("{n}: c_int"));
                cargs.push(format!("CArg::Int({n})"));
            }
            ArgType::Int64 => {
                params.push(format!("{n}: i64"));
                cargs.push(format!("CArg::Int64({n})"));
            }
            ArgType::String(_) => {
                params.push(format!("{n}: *const c_char"));
                cargs.push(format!("CArg::Str({n})"));
            }
            ArgType::OptString => {
                params.push(format!("{n}: *const c_char"));
                cargs.push(format!("CArg::OptStr({n})"));
            }
            ArgType::StringList(_) => {
                params.push(format!("{n}: *const *const c_char"));
                cargs.push(format!("CArg::StrList({n})"));
            }
            ArgType::BufferIn => {
                params.push(format!("{n}: *const c_char"));
                params.push(format!("{n}_size: usize"));
                cargs.push(format!("CArg::Buffer({n}, {n}_size)"));
            }
            ArgType::Pointer(_) => {
                params.push(format!("{n}: *mut c_void"));
                cargs.push(format!("CArg::Pointer({n})"));
            }
        }
    }
    if a.ret.ty == RetType::BufferOut {
        params.push("size_r: *mut usize".into());
    }
    (params, cargs)
}

fn ret_rust(a: &Action) -> (&'static str, String) {
    let r = "r";
    match a.ret.ty {
        RetType::Err => ("c_int", format!("ret_err({r})")),
        RetType::Int => ("c_int", format!("ret_int({r})")),
        RetType::Bool => ("c_int", format!("ret_bool({r})")),
        RetType::Int64 => ("i64", format!("ret_int64({r})")),
        RetType::ConstString | RetType::ConstOptString => ("*const c_char", format!("ret_const_string(g, {r})")),
        RetType::String(_) => ("*mut c_char", format!("ret_string({r})")),
        RetType::StringList(_) | RetType::Hashtable(..) => ("*mut *mut c_char", format!("ret_string_list({r})")),
        RetType::Struct(_) => ("*mut c_void", format!("ret_struct(g, IDX, {r})")),
        RetType::StructList(_) => ("*mut c_void", format!("ret_struct_list(g, IDX, {r})")),
        RetType::BufferOut => ("*mut c_char", format!("ret_buffer({r}, size_r)")),
    }
}

fn opt_rust_type(t: OptArgType) -> &'static str {
    match t {
        OptArgType::Bool | OptArgType::Int => "c_int",
        OptArgType::Int64 => "i64",
        OptArgType::String => "*const c_char",
        OptArgType::StringList => "*const *const c_char",
    }
}

fn opt_conv(t: OptArgType, field: &str) -> String {
    match t {
        OptArgType::Bool => format!("COpt::Bool(o.{field})"),
        OptArgType::Int => format!("COpt::Int(o.{field})"),
        OptArgType::Int64 => format!("COpt::Int64(o.{field})"),
        OptArgType::String => format!("COpt::Str(o.{field})"),
        OptArgType::StringList => format!("COpt::StrList(o.{field})"),
    }
}

pub fn generate(api: &Api) -> String {
    let mut o = String::from("// GENERATED FILE: written by build.rs (generator/shims.rs) from api/api.txt.\n\n");
    for (idx, a) in api.actions.iter().enumerate() {
        let (params, cargs) = rust_arg_params(a);
        let (rty, conv) = ret_rust(a);
        let conv = conv.replace("IDX", &idx.to_string());
        let mut p = vec!["g: *mut guestfs_h".to_string()];
        p.extend(params.clone());
        let plist = p.join(", ");
        let args = format!("[{}]", cargs.join(", "));
        let plain_no_optargs = a.optargs.is_empty() || a.flags.once_had_no_optargs;
        if plain_no_optargs {
            writeln!(o, "/// `guestfs_{}`\n#[no_mangle]\npub unsafe extern \"C\" fn guestfs_{}({plist}) -> {rty} {{\n    let r = invoke(g, {idx}, &{args}, None);\n    {conv}\n}}\n", a.name, a.name).unwrap();
        }
        if !a.optargs.is_empty() {
            let cn = a.c_name();
            writeln!(
                o,
                "#[repr(C)]\n#[allow(non_camel_case_types)]\npub struct guestfs_{cn}_argv {{\n    pub bitmask: u64,"
            )
            .unwrap();
            for oa in &a.optargs {
                writeln!(o, "    pub {}: {},", rust_field(&oa.name), opt_rust_type(oa.ty)).unwrap();
            }
            writeln!(o, "}}\n").unwrap();
            let vals: Vec<String> = a
                .optargs
                .iter()
                .map(|oa| opt_conv(oa.ty, &rust_field(&oa.name)))
                .collect();
            writeln!(o, "/// `guestfs_{cn}_argv`\n#[no_mangle]\npub unsafe extern \"C\" fn guestfs_{cn}_argv({plist}, optargs: *const guestfs_{cn}_argv) -> {rty} {{\n    let opts = if optargs.is_null() {{ COptArgs::default() }} else {{\n        let o = &*optargs;\n        COptArgs {{ bitmask: o.bitmask, vals: vec![{}] }}\n    }};\n    let r = invoke(g, {idx}, &{args}, Some(opts));\n    {conv}\n}}\n", vals.join(", ")).unwrap();
        }
    }
    for (si, st) in api.structs.iter().enumerate() {
        let n = &st.name;
        writeln!(o, "#[no_mangle]\npub unsafe extern \"C\" fn guestfs_free_{n}(p: *mut c_void) {{ guarded((), || structs::free_one({si}, p)) }}").unwrap();
        writeln!(o, "#[no_mangle]\npub unsafe extern \"C\" fn guestfs_free_{n}_list(p: *mut c_void) {{ guarded((), || structs::free_list({si}, p)) }}").unwrap();
        writeln!(o, "#[no_mangle]\npub unsafe extern \"C\" fn guestfs_copy_{n}(p: *const c_void) -> *mut c_void {{ guarded(std::ptr::null_mut(), || structs::copy_one({si}, p)) }}").unwrap();
        writeln!(o, "#[no_mangle]\npub unsafe extern \"C\" fn guestfs_copy_{n}_list(p: *const c_void) -> *mut c_void {{ guarded(std::ptr::null_mut(), || structs::copy_list({si}, p)) }}").unwrap();
        writeln!(o, "#[no_mangle]\npub unsafe extern \"C\" fn guestfs_compare_{n}(a: *const c_void, b: *const c_void) -> c_int {{ guarded(0, || structs::compare_one({si}, a, b)) }}").unwrap();
        writeln!(o, "#[no_mangle]\npub unsafe extern \"C\" fn guestfs_compare_{n}_list(a: *const c_void, b: *const c_void) -> c_int {{ guarded(0, || structs::compare_list({si}, a, b)) }}\n").unwrap();
    }
    o
}

/// Optarg names that are Rust keywords get a raw identifier.
fn rust_field(n: &str) -> String {
    match n {
        "type" | "match" | "ref" | "move" | "fn" | "in" | "mod" | "use" | "loop" | "where" | "impl" | "unsafe"
        | "const" | "static" | "struct" | "enum" | "true" | "false" | "box" | "dyn" | "let" | "mut" | "pub"
        | "return" | "trait" | "while" | "for" | "if" | "else" | "break" | "continue" | "async" | "await"
        | "extern" | "priv" | "virtual" | "yield" | "abstract" | "final" | "override" | "macro" | "become" | "do"
        | "typeof" | "unsized" | "try" => {
            format!("r#{n}")
        }
        _ => n.to_string(),
    }
}
