//! Generates everything derived from the API table (api/api.txt):
//! - include/guestfs.h, generated/guestfs.syms and docs/api-reference.md (committed; CI
//!   checks they are fresh)
//! - $OUT_DIR/shims.rs: the C entry points of every action
//! - $OUT_DIR/library_calls.rs: the typed dispatch of the library's own actions
//! - $OUT_DIR/rust_api.rs: the public Rust API's methods and options structs
//! - $OUT_DIR/varargs.c: the C variadic entry points, compiled here into the library

#[path = "generator/header.rs"]
mod header;
#[path = "generator/library_calls.rs"]
mod library_calls;
#[path = "generator/reference.rs"]
mod reference;
#[path = "generator/rust_api.rs"]
mod rust_api;
#[path = "generator/shims.rs"]
mod shims;
#[path = "generator/symbols.rs"]
mod symbols;
#[path = "generator/varargs.rs"]
mod varargs;

use std::path::{Path, PathBuf};

/// Writes `content` to a file in the source tree only when it changed, so an
/// unchanged regeneration leaves timestamps (and cargo's fingerprints) alone.
fn write_if_changed(path: &Path, content: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(content) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
}

fn main() {
    let api = guestfs_api::table();
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for f in ["api/api.txt", "api/descriptions.tsv", "generator", "api/src"] {
        println!("cargo:rerun-if-changed={f}");
    }

    let header = header::generate(api);
    write_if_changed(&root.join("include/guestfs.h"), &header);
    write_if_changed(&root.join("generated/guestfs.syms"), &symbols::version_script(api));
    write_if_changed(
        &root.join("docs/api-reference.md"),
        &reference::generate(api, &|_| None),
    );
    std::fs::write(out.join("shims.rs"), shims::generate(api)).unwrap();
    std::fs::write(out.join("library_calls.rs"), library_calls::generate(api)).unwrap();
    std::fs::write(out.join("rust_api.rs"), rust_api::generate(api)).unwrap();
    let c = out.join("varargs.c");
    std::fs::write(&c, varargs::generate(api)).unwrap();

    cc::Build::new()
        .file(&c)
        .include(root.join("include"))
        .flag("-std=gnu11")
        .flag("-fvisibility=default")
        .warnings(true)
        .compile("guestfs_varargs");
}
