//! Generates the C file holding the variadic entry points (`guestfs_X(..., ...)` and
//! `guestfs_X_va`): C-variadic functions cannot be defined in stable Rust. Each one
//! collects the (index, value) pairs into the `_argv` struct and calls the Rust
//! `guestfs_X_argv`. The file also asserts at compile time that the library's idea of
//! every public struct's layout matches the header.

use guestfs_api::ctypes::*;
use guestfs_api::*;
use std::fmt::Write;

fn err_value(a: &Action) -> &'static str {
    match a.ret.ty {
        RetType::Err | RetType::Int | RetType::Bool | RetType::Int64 => "-1",
        _ => "NULL",
    }
}

fn arg_names(a: &Action) -> Vec<String> {
    let mut v = Vec::new();
    for arg in &a.args {
        v.push(arg.name.clone());
        if arg.ty == ArgType::BufferIn {
            v.push(format!("{}_size", arg.name));
        }
    }
    if a.ret.ty == RetType::BufferOut {
        v.push("size_r".into());
    }
    v
}

fn va_type(t: OptArgType) -> &'static str {
    match t {
        OptArgType::Bool | OptArgType::Int => "int",
        OptArgType::Int64 => "int64_t",
        OptArgType::String => "const char *",
        OptArgType::StringList => "char *const *",
    }
}

pub fn generate(api: &Api) -> String {
    let mut o = String::new();
    o.push_str("/* GENERATED FILE: written by build.rs (generator/varargs.rs) from api/api.txt. */\n\n");
    o.push_str("#define GUESTFS_PRIVATE 1\n#define GUESTFS_NO_WARN_DEPRECATED 1\n#include <stddef.h>\n#include <stdint.h>\n#include <stdarg.h>\n#include \"guestfs.h\"\n\n");
    o.push_str("/* Implemented in Rust (src/capi/optargs.rs): records the error on the handle. */\n");
    o.push_str(
        "extern void guestfs_rs_int_optarg_error (guestfs_h *g, const char *name, int repeated, int index);\n\n",
    );

    o.push_str("/* guestfs_create_flags is variadic in the C API (extra arguments are ignored). */\n");
    o.push_str("extern guestfs_h *guestfs_rs_int_create_flags (unsigned flags);\n");
    o.push_str("guestfs_h *\nguestfs_create_flags (unsigned flags, ...)\n{\n  return guestfs_rs_int_create_flags (flags);\n}\n\n");
    for s in &api.structs {
        let l = struct_layout(s);
        writeln!(
            o,
            "_Static_assert (sizeof (struct guestfs_{}) == {}, \"layout of {}\");",
            s.name, l.size, s.name
        )
        .unwrap();
        for (f, fl) in s.fields.iter().zip(&l.fields) {
            let member = if f.ty == FieldType::Buffer {
                format!("{}_len", f.name)
            } else {
                f.name.clone()
            };
            writeln!(
                o,
                "_Static_assert (offsetof (struct guestfs_{}, {}) == {}, \"offset\");",
                s.name, member, fl.offset
            )
            .unwrap();
        }
    }
    o.push('\n');

    for a in api.actions.iter().filter(|a| !a.optargs.is_empty()) {
        let cn = a.c_name();
        let rt = ret_c_type(a);
        let rt_sp = if rt.ends_with('*') {
            rt.clone()
        } else {
            format!("{rt} ")
        };
        let mut decls = vec!["guestfs_h *g".to_string()];
        decls.extend(arg_c_decls(a));
        if a.ret.ty == RetType::BufferOut {
            decls.push("size_t *size_r".into());
        }
        let last = decls.last().unwrap().rsplit([' ', '*']).next().unwrap().to_string();
        let names = {
            let mut n = vec!["g".to_string()];
            n.extend(arg_names(a));
            n.join(", ")
        };
        // guestfs_X (..., ...)
        writeln!(o, "{rt_sp}\nguestfs_{cn} ({}, ...)\n{{\n  va_list optargs;\n  {rt_sp}r;\n  va_start (optargs, {last});\n  r = guestfs_{cn}_va ({names}, optargs);\n  va_end (optargs);\n  return r;\n}}\n", decls.join(", ")).unwrap();
        // guestfs_X_va
        writeln!(o, "{rt_sp}\nguestfs_{cn}_va ({}, va_list args)\n{{\n  struct guestfs_{cn}_argv optargs_s;\n  int i;\n  uint64_t i_mask;\n\n  optargs_s.bitmask = 0;\n  while ((i = va_arg (args, int)) >= 0) {{\n    switch (i) {{", decls.join(", ")).unwrap();
        let pre = a.optarg_prefix();
        for oa in &a.optargs {
            writeln!(
                o,
                "    case {pre}_{}:\n      optargs_s.{} = va_arg (args, {});\n      break;",
                oa.name.to_uppercase(),
                oa.name,
                va_type(oa.ty)
            )
            .unwrap();
        }
        let ev = err_value(a);
        writeln!(o, "    default:\n      guestfs_rs_int_optarg_error (g, \"{}\", 0, i);\n      return {ev};\n    }}\n\n    i_mask = UINT64_C(1) << i;\n    if (optargs_s.bitmask & i_mask) {{\n      guestfs_rs_int_optarg_error (g, \"{}\", 1, i);\n      return {ev};\n    }}\n    optargs_s.bitmask |= i_mask;\n  }}\n\n  return guestfs_{cn}_argv ({names}, &optargs_s);\n}}\n", a.name, a.name).unwrap();
    }
    o
}
