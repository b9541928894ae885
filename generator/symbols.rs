//! Generates the linker version script: exactly the symbols libguestfs 1.48 exports.

use guestfs_api::*;

pub const HANDWRITTEN: &[&str] = &[
    "create",
    "create_flags",
    "close",
    "last_error",
    "last_errno",
    "set_error_handler",
    "get_error_handler",
    "push_error_handler",
    "pop_error_handler",
    "set_out_of_memory_handler",
    "get_out_of_memory_handler",
    "set_event_callback",
    "delete_event_callback",
    "event_to_string",
    "set_log_message_callback",
    "set_subprocess_quit_callback",
    "set_launch_done_callback",
    "set_close_callback",
    "set_progress_callback",
    "set_private",
    "get_private",
    "first_private",
    "next_private",
];

/// Every exported symbol name, sorted.
pub fn symbols(api: &Api) -> Vec<String> {
    let mut v: Vec<String> = HANDWRITTEN.iter().map(|s| format!("guestfs_{s}")).collect();
    for a in &api.actions {
        v.push(format!("guestfs_{}", a.name));
        if !a.optargs.is_empty() {
            let cn = a.c_name();
            if a.flags.once_had_no_optargs {
                v.push(format!("guestfs_{cn}"));
            }
            v.push(format!("guestfs_{cn}_argv"));
            v.push(format!("guestfs_{cn}_va"));
        }
    }
    for s in &api.structs {
        for f in ["free", "copy", "compare"] {
            v.push(format!("guestfs_{f}_{}", s.name));
            v.push(format!("guestfs_{f}_{}_list", s.name));
        }
    }
    v.sort();
    v
}

pub fn version_script(api: &Api) -> String {
    let mut o = String::from("/* GENERATED FILE: written by build.rs (generator/symbols.rs) from api/api.txt.\n * The symbols libguestfs.so.0 exports: the same set as libguestfs 1.48. */\n{\n  global:\n");
    for s in symbols(api) {
        o.push_str(&format!("    {s};\n"));
    }
    o.push_str("  local: *;\n};\n");
    o
}
