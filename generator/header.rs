//! Generates include/guestfs.h from the API table.

use guestfs_api::ctypes::*;
use guestfs_api::*;
use std::fmt::Write;

/// Functions written by hand in the library (not in the table) that have HAVE macros,
/// with whether they also get the deprecated LIBGUESTFS_HAVE_ spelling.
pub const HANDWRITTEN_HAVE: &[(&str, bool)] = &[
    ("CREATE_FLAGS", true),
    ("LAST_ERRNO", true),
    ("PUSH_ERROR_HANDLER", true),
    ("POP_ERROR_HANDLER", true),
    ("SET_EVENT_CALLBACK", true),
    ("DELETE_EVENT_CALLBACK", true),
    ("EVENT_TO_STRING", false),
    ("SET_CLOSE_CALLBACK", true),
    ("SET_PROGRESS_CALLBACK", true),
    ("SET_PRIVATE", true),
    ("GET_PRIVATE", true),
    ("FIRST_PRIVATE", true),
    ("NEXT_PRIVATE", true),
];

/// Actions in the GUESTFS_PRIVATE section of the header.
pub fn is_private_section(a: &Action) -> bool {
    matches!(a.visibility, Visibility::Internal | Visibility::BindTest)
}

const PREAMBLE: &str = r#"/* guestfs-rs: the libguestfs 1.48 C API.
 * GENERATED FILE: do not edit.  It is written by build.rs (generator/header.rs)
 * from api/api.txt; edit those and rebuild.
 *
 * This header declares the same interface as libguestfs 1.48's <guestfs.h>, so
 * programs written for libguestfs compile unchanged against guestfs-rs.
 */

#ifndef GUESTFS_H_
#define GUESTFS_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#if defined(__GNUC__) && !defined(GUESTFS_GCC_VERSION)
# define GUESTFS_GCC_VERSION \
    (__GNUC__ * 10000 + __GNUC_MINOR__ * 100 + __GNUC_PATCHLEVEL__)
#endif

/* Deprecated functions carry a compiler warning unless GUESTFS_NO_WARN_DEPRECATED. */
#define GUESTFS_DEPRECATED_NO_REPLACEMENT
#define GUESTFS_DEPRECATED_REPLACED_BY(s)
#ifndef GUESTFS_NO_WARN_DEPRECATED
#  if defined(__GNUC__) && GUESTFS_GCC_VERSION >= 40500
#    undef GUESTFS_DEPRECATED_NO_REPLACEMENT
#    undef GUESTFS_DEPRECATED_REPLACED_BY
#    define GUESTFS_DEPRECATED_NO_REPLACEMENT __attribute__((__deprecated__))
#    define GUESTFS_DEPRECATED_REPLACED_BY(s) __attribute__((__deprecated__("change the program to use guestfs_" s " instead of this deprecated function")))
#  endif
#endif

#if defined(__GNUC__) && GUESTFS_GCC_VERSION >= 40000
# define GUESTFS_DLL_PUBLIC __attribute__((visibility ("default")))
#else
# define GUESTFS_DLL_PUBLIC
#endif

#if defined(__GNUC__) && GUESTFS_GCC_VERSION >= 30100
# define GUESTFS_NORETURN __attribute__((noreturn))
#else
# define GUESTFS_NORETURN
#endif

/* The handle. */
#ifndef GUESTFS_TYPEDEF_H
#define GUESTFS_TYPEDEF_H 1
typedef struct guestfs_h guestfs_h;
#endif

/* Creating and closing handles. */
extern GUESTFS_DLL_PUBLIC guestfs_h *guestfs_create (void);
#define GUESTFS_HAVE_CREATE_FLAGS 1
extern GUESTFS_DLL_PUBLIC guestfs_h *guestfs_create_flags (unsigned flags, ...);
#define GUESTFS_CREATE_NO_ENVIRONMENT   (1 << 0)
#define GUESTFS_CREATE_NO_CLOSE_ON_EXIT (1 << 1)
extern GUESTFS_DLL_PUBLIC void guestfs_close (guestfs_h *g);

/* Errors. */
extern GUESTFS_DLL_PUBLIC const char *guestfs_last_error (guestfs_h *g);
#define GUESTFS_HAVE_LAST_ERRNO 1
extern GUESTFS_DLL_PUBLIC int guestfs_last_errno (guestfs_h *g);

#ifndef GUESTFS_TYPEDEF_ERROR_HANDLER_CB
#define GUESTFS_TYPEDEF_ERROR_HANDLER_CB 1
typedef void (*guestfs_error_handler_cb) (guestfs_h *g, void *opaque, const char *msg);
#endif

#ifndef GUESTFS_TYPEDEF_ABORT_CB
#define GUESTFS_TYPEDEF_ABORT_CB 1
typedef void (*guestfs_abort_cb) (void) GUESTFS_NORETURN;
#endif

extern GUESTFS_DLL_PUBLIC void guestfs_set_error_handler (guestfs_h *g, guestfs_error_handler_cb cb, void *opaque);
extern GUESTFS_DLL_PUBLIC guestfs_error_handler_cb guestfs_get_error_handler (guestfs_h *g, void **opaque_rtn);
#define GUESTFS_HAVE_PUSH_ERROR_HANDLER 1
extern GUESTFS_DLL_PUBLIC void guestfs_push_error_handler (guestfs_h *g, guestfs_error_handler_cb cb, void *opaque);
#define GUESTFS_HAVE_POP_ERROR_HANDLER 1
extern GUESTFS_DLL_PUBLIC void guestfs_pop_error_handler (guestfs_h *g);

extern GUESTFS_DLL_PUBLIC void guestfs_set_out_of_memory_handler (guestfs_h *g, guestfs_abort_cb);
extern GUESTFS_DLL_PUBLIC guestfs_abort_cb guestfs_get_out_of_memory_handler (guestfs_h *g);

/* Events. */
"#;

const EVENTS_AND_PRIVATE: &str = r#"
#ifndef GUESTFS_TYPEDEF_EVENT_CALLBACK
#define GUESTFS_TYPEDEF_EVENT_CALLBACK 1
typedef void (*guestfs_event_callback) (
                        guestfs_h *g,
                        void *opaque,
                        uint64_t event,
                        int event_handle,
                        int flags,
                        const char *buf, size_t buf_len,
                        const uint64_t *array, size_t array_len);
#endif

#define GUESTFS_HAVE_SET_EVENT_CALLBACK 1
extern GUESTFS_DLL_PUBLIC int guestfs_set_event_callback (guestfs_h *g, guestfs_event_callback cb, uint64_t event_bitmask, int flags, void *opaque);
#define GUESTFS_HAVE_DELETE_EVENT_CALLBACK 1
extern GUESTFS_DLL_PUBLIC void guestfs_delete_event_callback (guestfs_h *g, int event_handle);
#define GUESTFS_HAVE_EVENT_TO_STRING 1
extern GUESTFS_DLL_PUBLIC char *guestfs_event_to_string (uint64_t event);

/* Old-style callbacks, kept for compatibility; use guestfs_set_event_callback. */
#ifndef GUESTFS_TYPEDEF_LOG_MESSAGE_CB
#define GUESTFS_TYPEDEF_LOG_MESSAGE_CB 1
typedef void (*guestfs_log_message_cb) (guestfs_h *g, void *opaque, char *buf, int len);
#endif
#ifndef GUESTFS_TYPEDEF_SUBPROCESS_QUIT_CB
#define GUESTFS_TYPEDEF_SUBPROCESS_QUIT_CB 1
typedef void (*guestfs_subprocess_quit_cb) (guestfs_h *g, void *opaque);
#endif
#ifndef GUESTFS_TYPEDEF_LAUNCH_DONE_CB
#define GUESTFS_TYPEDEF_LAUNCH_DONE_CB 1
typedef void (*guestfs_launch_done_cb) (guestfs_h *g, void *opaque);
#endif
#ifndef GUESTFS_TYPEDEF_CLOSE_CB
#define GUESTFS_TYPEDEF_CLOSE_CB 1
typedef void (*guestfs_close_cb) (guestfs_h *g, void *opaque);
#endif
#ifndef GUESTFS_TYPEDEF_PROGRESS_CB
#define GUESTFS_TYPEDEF_PROGRESS_CB 1
typedef void (*guestfs_progress_cb) (guestfs_h *g, void *opaque, int proc_nr, int serial, uint64_t position, uint64_t total);
#endif

#ifndef GUESTFS_NO_DEPRECATED
extern GUESTFS_DLL_PUBLIC void guestfs_set_log_message_callback (guestfs_h *g, guestfs_log_message_cb cb, void *opaque)
  GUESTFS_DEPRECATED_REPLACED_BY("set_event_callback");
extern GUESTFS_DLL_PUBLIC void guestfs_set_subprocess_quit_callback (guestfs_h *g, guestfs_subprocess_quit_cb cb, void *opaque)
  GUESTFS_DEPRECATED_REPLACED_BY("set_event_callback");
extern GUESTFS_DLL_PUBLIC void guestfs_set_launch_done_callback (guestfs_h *g, guestfs_launch_done_cb cb, void *opaque)
  GUESTFS_DEPRECATED_REPLACED_BY("set_event_callback");
#define GUESTFS_HAVE_SET_CLOSE_CALLBACK 1
extern GUESTFS_DLL_PUBLIC void guestfs_set_close_callback (guestfs_h *g, guestfs_close_cb cb, void *opaque)
  GUESTFS_DEPRECATED_REPLACED_BY("set_event_callback");
#define GUESTFS_HAVE_SET_PROGRESS_CALLBACK 1
extern GUESTFS_DLL_PUBLIC void guestfs_set_progress_callback (guestfs_h *g, guestfs_progress_cb cb, void *opaque)
  GUESTFS_DEPRECATED_REPLACED_BY("set_event_callback");
#endif /* !GUESTFS_NO_DEPRECATED */

/* Private data area: per-handle key/pointer pairs for the caller's use. */
#define GUESTFS_HAVE_SET_PRIVATE 1
extern GUESTFS_DLL_PUBLIC void guestfs_set_private (guestfs_h *g, const char *key, void *data);
#define GUESTFS_HAVE_GET_PRIVATE 1
extern GUESTFS_DLL_PUBLIC void *guestfs_get_private (guestfs_h *g, const char *key);
#define GUESTFS_HAVE_FIRST_PRIVATE 1
extern GUESTFS_DLL_PUBLIC void *guestfs_first_private (guestfs_h *g, const char **key_rtn);
#define GUESTFS_HAVE_NEXT_PRIVATE 1
extern GUESTFS_DLL_PUBLIC void *guestfs_next_private (guestfs_h *g, const char **key_rtn);

"#;

fn write_struct(o: &mut String, s: &Struct) {
    let n = &s.name;
    writeln!(o, "#define GUESTFS_HAVE_STRUCT_{} 1\n", n.to_uppercase()).unwrap();
    writeln!(o, "struct guestfs_{n} {{").unwrap();
    for f in &s.fields {
        match f.ty {
            FieldType::Uuid => writeln!(
                o,
                "  char {}[32]; /* this is NOT nul-terminated, be careful when printing */",
                f.name
            ),
            FieldType::Buffer => writeln!(o, "  uint32_t {0}_len;\n  char *{0};", f.name),
            FieldType::OptPercent => writeln!(o, "  float {}; /* [0..100] or -1 */", f.name),
            t => {
                let ct = field_c_type(t);
                if ct.ends_with('*') {
                    writeln!(o, "  {ct}{};", f.name)
                } else {
                    writeln!(o, "  {ct} {};", f.name)
                }
            }
        }
        .unwrap();
    }
    writeln!(o, "}};\n").unwrap();
    writeln!(
        o,
        "struct guestfs_{n}_list {{\n  uint32_t len;\n  struct guestfs_{n} *val;\n}};\n"
    )
    .unwrap();
    writeln!(
        o,
        "extern GUESTFS_DLL_PUBLIC int guestfs_compare_{n} (const struct guestfs_{n} *, const struct guestfs_{n} *);"
    )
    .unwrap();
    writeln!(o, "extern GUESTFS_DLL_PUBLIC int guestfs_compare_{n}_list (const struct guestfs_{n}_list *, const struct guestfs_{n}_list *);\n").unwrap();
    writeln!(
        o,
        "extern GUESTFS_DLL_PUBLIC struct guestfs_{n} *guestfs_copy_{n} (const struct guestfs_{n} *);"
    )
    .unwrap();
    writeln!(
        o,
        "extern GUESTFS_DLL_PUBLIC struct guestfs_{n}_list *guestfs_copy_{n}_list (const struct guestfs_{n}_list *);\n"
    )
    .unwrap();
    writeln!(
        o,
        "extern GUESTFS_DLL_PUBLIC void guestfs_free_{n} (struct guestfs_{n} *);"
    )
    .unwrap();
    writeln!(
        o,
        "extern GUESTFS_DLL_PUBLIC void guestfs_free_{n}_list (struct guestfs_{n}_list *);\n"
    )
    .unwrap();
}

fn deprecation_attr(a: &Action) -> Option<String> {
    match &a.deprecated {
        Deprecation::No => None,
        Deprecation::NoReplacement => Some("GUESTFS_DEPRECATED_NO_REPLACEMENT".into()),
        Deprecation::ReplacedBy(r) => Some(format!("GUESTFS_DEPRECATED_REPLACED_BY (\"{r}\")")),
    }
}

/// Full parameter list (after `guestfs_h *g`) of the plain entry point.
fn params(a: &Action, extra: &[&str]) -> String {
    let mut p = vec!["guestfs_h *g".to_string()];
    p.extend(arg_c_decls(a));
    p.extend(extra.iter().map(|s| s.to_string()));
    p.join(", ")
}

fn size_r(a: &Action) -> Vec<&'static str> {
    if a.ret.ty == RetType::BufferOut {
        vec!["size_t *size_r"]
    } else {
        vec![]
    }
}

fn proto(rt: &str, name: &str, params: &str) -> String {
    if rt.ends_with('*') {
        format!("extern GUESTFS_DLL_PUBLIC {rt}guestfs_{name} ({params})")
    } else {
        format!("extern GUESTFS_DLL_PUBLIC {rt} guestfs_{name} ({params})")
    }
}

fn write_action(o: &mut String, a: &Action) {
    let rt = ret_c_type(a);
    let dep = deprecation_attr(a);
    let end = |o: &mut String| match &dep {
        Some(d) => writeln!(o, "\n  {d};").unwrap(),
        None => writeln!(o, ";").unwrap(),
    };
    writeln!(o, "#define GUESTFS_HAVE_{} 1", a.name.to_uppercase()).unwrap();
    if dep.is_some() {
        writeln!(o, "#ifndef GUESTFS_NO_DEPRECATED").unwrap();
    }
    let sr = size_r(a);
    if a.optargs.is_empty() {
        write!(o, "{}", proto(&rt, &a.name, &params(a, &sr))).unwrap();
        end(o);
    } else {
        if a.flags.once_had_no_optargs {
            // The old entry point without optional arguments stays.
            write!(o, "{}", proto(&rt, &a.name, &params(a, &sr))).unwrap();
            end(o);
            writeln!(o, "\n#define GUESTFS_HAVE_{} 1", a.c_name().to_uppercase()).unwrap();
        }
        let cn = a.c_name();
        let pre = a.optarg_prefix();
        for (i, oa) in a.optargs.iter().enumerate() {
            writeln!(o, "#define {pre}_{} {i}", oa.name.to_uppercase()).unwrap();
        }
        let mut va = sr.clone();
        va.push("...");
        write!(o, "{}", proto(&rt, &cn, &params(a, &va))).unwrap();
        end(o);
        let mut vl = sr.clone();
        vl.push("va_list args");
        write!(o, "{}", proto(&rt, &format!("{cn}_va"), &params(a, &vl))).unwrap();
        end(o);
        writeln!(o, "\nstruct guestfs_{cn}_argv {{\n  uint64_t bitmask;").unwrap();
        for (i, oa) in a.optargs.iter().enumerate() {
            writeln!(
                o,
                "# define {pre}_{}_BITMASK (UINT64_C(1)<<{i})",
                oa.name.to_uppercase()
            )
            .unwrap();
            writeln!(o, "  {}{};", optarg_c_type(oa.ty), oa.name).unwrap();
        }
        writeln!(o, "}};\n").unwrap();
        let arg = format!("const struct guestfs_{cn}_argv *optargs");
        let mut av = sr.clone();
        av.push(&arg);
        write!(o, "{}", proto(&rt, &format!("{cn}_argv"), &params(a, &av))).unwrap();
        end(o);
    }
    if dep.is_some() {
        writeln!(o, "#endif /* !GUESTFS_NO_DEPRECATED */").unwrap();
    }
    writeln!(o).unwrap();
}

pub fn generate(api: &Api) -> String {
    let mut o = String::from(PREAMBLE);
    for (name, bit) in &api.events {
        writeln!(o, "#define GUESTFS_EVENT_{:<16}0x{:04x}", name.to_uppercase(), bit).unwrap();
    }
    let all: u64 = api.events.iter().map(|e| e.1).fold(0, |a, b| a | b);
    writeln!(o, "#define GUESTFS_EVENT_{:<16}0x{:04x}", "ALL", all).unwrap();
    o.push_str(EVENTS_AND_PRIVATE);

    let mut structs: Vec<&Struct> = api.structs.iter().filter(|s| !s.internal).collect();
    structs.sort_by(|a, b| a.name.cmp(&b.name));
    o.push_str("/* Structures. */\n\n");
    for s in &structs {
        write_struct(&mut o, s);
    }
    let mut actions: Vec<&Action> = api.actions.iter().collect();
    actions.sort_by(|a, b| a.name.cmp(&b.name));
    o.push_str("/* Actions. */\n\n");
    for a in actions.iter().filter(|a| !is_private_section(a)) {
        write_action(&mut o, a);
    }
    o.push_str("#if GUESTFS_PRIVATE\n/* Not part of the stable API: internal and test functions used by bindings and tests. */\n\n");
    for a in actions.iter().filter(|a| is_private_section(a)) {
        write_action(&mut o, a);
    }
    for s in api.structs.iter().filter(|s| s.internal) {
        write_struct(&mut o, s);
    }
    o.push_str("#endif /* End of GUESTFS_PRIVATE. */\n\n/* Old spellings of the feature macros, kept for compatibility: use GUESTFS_HAVE_*. */\n\n");
    for (n, l) in HANDWRITTEN_HAVE {
        if *l {
            writeln!(o, "#define LIBGUESTFS_HAVE_{n} 1").unwrap();
        }
    }
    o.push('\n');
    for a in actions.iter().filter(|a| !is_private_section(a)) {
        writeln!(o, "#define LIBGUESTFS_HAVE_{} 1", a.name.to_uppercase()).unwrap();
    }
    o.push_str("\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* GUESTFS_H_ */\n");
    o
}
