//! Generates `docs/api-reference.md`: every action of the table with its C prototype, its
//! Rust method, its arguments and optional arguments, what it returns, how it fails,
//! where it runs, its feature group and deprecation. The prose is ours; the facts come
//! from the table.

use guestfs_api::ctypes::{arg_c_decls, optarg_c_type, ret_c_type};
use guestfs_api::*;
use std::fmt::Write;

/// What a string argument of each kind must hold, and what is checked before the call runs.
fn arg_doc(a: &Arg) -> String {
    let what = match &a.ty {
        ArgType::Bool => "a boolean".to_string(),
        ArgType::Int => "a 32-bit integer".to_string(),
        ArgType::Int64 => "a 64-bit integer".to_string(),
        ArgType::String(k) => k.describe().to_string(),
        ArgType::OptString => "text, or NULL (`None`) for none".to_string(),
        ArgType::StringList(k) => format!("a list (NULL-terminated in C) whose items are each {}", k.describe()),
        ArgType::BufferIn => "bytes (in C a pointer and a length; they may contain NUL)".to_string(),
        ArgType::Pointer(t) => format!("a `{t}` pointer owned by the caller"),
    };
    format!("- `{}`: {what}", a.name)
}

fn optarg_doc(a: &Action, o: &OptArg) -> String {
    let what = match o.ty {
        OptArgType::Bool => "a boolean",
        OptArgType::Int => "a 32-bit integer",
        OptArgType::Int64 => "a 64-bit integer",
        OptArgType::String => "text",
        OptArgType::StringList => "a list of strings",
    };
    format!(
        "- `{}` (C: `{}_{}` followed by `{}`): {what}",
        rust_ident(&o.name),
        a.optarg_prefix(),
        o.name.to_uppercase(),
        optarg_c_type(o.ty).trim_end()
    )
}

/// What comes back, in C and in Rust, and who frees it.
fn ret_doc(api: &Api, a: &Action) -> String {
    match &a.ret.ty {
        RetType::Err => "Nothing: 0 in C on success.".into(),
        RetType::Int => "A 32-bit integer (never negative on success).".into(),
        RetType::Int64 => "A 64-bit integer (never negative on success).".into(),
        RetType::Bool => "A truth value: 1 or 0 in C, `bool` in Rust.".into(),
        RetType::ConstString => "A string owned by the handle (C: do not free it).".into(),
        RetType::ConstOptString => {
            "A string owned by the handle, or NULL (`None`) when there is none; NULL is not an error here.".into()
        }
        RetType::String(_) => "A string (C: the caller frees it).".into(),
        RetType::StringList(_) => {
            "A list of strings (C: NULL-terminated; the caller frees each string and the array).".into()
        }
        RetType::Hashtable(..) => {
            "Pairs of strings (C: a flat NULL-terminated array key, value, key, value ...; the caller frees it).".into()
        }
        RetType::BufferOut => "Bytes (C: the caller frees them; their length is stored in `*size_r`).".into(),
        RetType::Struct(s) => format!(
            "One `{}` (C: `struct guestfs_{s}`, freed with `guestfs_free_{s}`).",
            api.structure(s).map(|x| x.rust_name()).unwrap_or_default()
        ),
        RetType::StructList(s) => format!(
            "A list of `{}` (C: `struct guestfs_{s}_list`, freed with `guestfs_free_{s}_list`).",
            api.structure(s).map(|x| x.rust_name()).unwrap_or_default()
        ),
    }
}

/// The C value that signals an error.
fn c_error_value(a: &Action) -> &'static str {
    match a.ret.ty {
        RetType::Err | RetType::Int | RetType::Bool | RetType::Int64 => "-1",
        _ => "NULL",
    }
}

fn c_prototypes(a: &Action) -> Vec<String> {
    let rt = ret_c_type(a);
    let sep = if rt.ends_with('*') { "" } else { " " };
    let mut params = vec!["guestfs_h *g".to_string()];
    params.extend(arg_c_decls(a));
    if a.ret.ty == RetType::BufferOut {
        params.push("size_t *size_r".into());
    }
    let mut v = Vec::new();
    if a.optargs.is_empty() || a.flags.once_had_no_optargs {
        v.push(format!("{rt}{sep}guestfs_{} ({});", a.name, params.join(", ")));
    }
    if !a.optargs.is_empty() {
        let cn = a.c_name();
        let mut va = params.clone();
        va.push("...".into());
        v.push(format!("{rt}{sep}guestfs_{cn} ({});", va.join(", ")));
        let mut argv = params.clone();
        argv.push(format!("const struct guestfs_{cn}_argv *optargs"));
        v.push(format!("{rt}{sep}guestfs_{cn}_argv ({});", argv.join(", ")));
    }
    v
}

fn write_action(o: &mut String, api: &Api, a: &Action, rust_sig: &dyn Fn(&Action) -> Option<String>) {
    let _ = writeln!(o, "### {}\n", a.name);
    if !a.description.is_empty() {
        let _ = writeln!(o, "{}.\n", a.description.trim_end_matches('.'));
    }
    o.push_str("```c\n");
    for p in c_prototypes(a) {
        let _ = writeln!(o, "{p}");
    }
    o.push_str("```\n\n");
    if let Some(sig) = rust_sig(a) {
        let _ = writeln!(o, "```rust\n{sig}\n```\n");
    }
    if !a.args.is_empty() {
        o.push_str("Arguments:\n\n");
        for arg in &a.args {
            let _ = writeln!(o, "{}", arg_doc(arg));
        }
        o.push('\n');
    }
    if !a.optargs.is_empty() {
        let _ = writeln!(
            o,
            "Optional arguments (C: constant and value pairs after the required arguments, ended by `-1`; Rust: the fields of `{}`; each may be left out):\n",
            a.rust_opts_name()
        );
        for oa in &a.optargs {
            let _ = writeln!(o, "{}", optarg_doc(a, oa));
        }
        o.push('\n');
    }
    let _ = writeln!(o, "Returns: {}\n", ret_doc(api, a));
    let _ = writeln!(
        o,
        "Errors: C returns {}; the message is in `guestfs_last_error`, the errno in `guestfs_last_errno`, and the error handler (or the ERROR event) sees it first. Rust returns `Err(guestfs::Error)` with `message()` and `errno()`.{}\n",
        c_error_value(a),
        if a.ret.ty == RetType::ConstOptString { " A NULL with no error set is not a failure." } else { "" }
    );
    let mut facts = Vec::new();
    facts.push(match a.proc_nr {
        Some(p) => format!("runs in the appliance (procedure {p}), so the handle must be launched"),
        None if a.flags.config_only => "runs in the library, only before launch".to_string(),
        None => "runs in the library".to_string(),
    });
    if let Some(g) = &a.optional {
        facts.push(format!(
            "feature group `{g}` (ask `feature_available([\"{g}\"])` first)"
        ));
    }
    facts.push(format!("since {}.{}.{}", a.added.0, a.added.1, a.added.2));
    match &a.deprecated {
        Deprecation::No => {}
        Deprecation::NoReplacement => facts.push("deprecated, with no replacement".into()),
        Deprecation::ReplacedBy(r) => facts.push(format!("deprecated: use [`{r}`](#{}) instead", r.to_lowercase())),
    }
    if a.flags.progress {
        facts.push("sends PROGRESS events".into());
    }
    if a.flags.cancellable {
        facts.push("can be cancelled with `user_cancel`".into());
    }
    if a.implementation == Implementation::Unimplemented {
        facts.push("**not implemented in guestfs-rs yet: fails with ENOTSUP**".into());
    }
    let vis = match a.visibility {
        Visibility::Public => "",
        Visibility::PublicNoFish => "not offered by guestfish",
        Visibility::StateTest | Visibility::BindTest => "for testing bindings only",
        Visibility::Debug => "for debugging",
        Visibility::Internal => "internal: for libguestfs's own tools (defined only with GUESTFS_PRIVATE in C)",
    };
    if !vis.is_empty() {
        facts.push(vis.to_string());
    }
    let _ = writeln!(o, "Notes: {}.\n", facts.join("; "));
}

/// `rust_sig` renders an action's Rust method (None for one the Rust API does not have).
pub fn generate(api: &Api, rust_sig: &dyn Fn(&Action) -> Option<String>) -> String {
    let mut o = String::new();
    o.push_str("<!-- @generated by generator/reference.rs from api/api.txt. Do not edit. -->\n\n");
    o.push_str("# API reference\n\n");
    o.push_str(
        "Every call of the library, as a C program and a Rust program see it. A C call takes the\n\
         handle (`guestfs_h *g`) first; the Rust method is called on a `guestfs::Handle`. Calls with\n\
         optional arguments have three C forms (variadic, `_va`, `_argv`) and one Rust options\n\
         struct. Strings that come from a guest are not promised to be UTF-8: C gets the bytes,\n\
         Rust gets a `guestfs::ByteString` holding them.\n\n",
    );
    let mut actions: Vec<&Action> = api.actions.iter().collect();
    actions.sort_by(|a, b| a.name.cmp(&b.name));
    o.push_str("## Index\n\n");
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for a in &actions {
        let g = a.optional.clone().unwrap_or_else(|| "(always available)".into());
        match groups.iter_mut().find(|(n, _)| *n == g) {
            Some((_, v)) => v.push(&a.name),
            None => groups.push((g, vec![&a.name])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    for (g, names) in &groups {
        let links: Vec<String> = names.iter().map(|n| format!("[{n}](#{})", n.to_lowercase())).collect();
        let _ = writeln!(o, "- **{g}**: {}", links.join(", "));
    }
    o.push_str("\n## Calls\n\n");
    for a in actions {
        write_action(&mut o, api, a, rust_sig);
    }
    o
}
