//! The one declarative API table of guestfs-rs.
//!
//! `api.txt` describes every action, struct, event and errno name of libguestfs 1.48's C
//! API; `descriptions.tsv` adds a one-line description of each action. This crate parses
//! both once and hands out the result to the build script (which generates the C ABI), the
//! library (tracing, argument checks, marshalling) and the daemon (dispatch).

pub mod ctypes;
mod model;
mod parse;

pub use model::*;

use std::sync::OnceLock;

/// The raw table text, embedded so the library and daemon need no files at run time.
pub const API_TXT: &str = include_str!("../api.txt");
/// One-line descriptions: `name<TAB>description` per line.
pub const DESCRIPTIONS_TSV: &str = include_str!("../descriptions.tsv");

/// The parsed table. Panics only if the embedded table is malformed, which the crate's
/// own tests rule out.
pub fn table() -> &'static Api {
    static TABLE: OnceLock<Api> = OnceLock::new();
    TABLE.get_or_init(|| parse::parse(API_TXT, DESCRIPTIONS_TSV).unwrap_or_else(|e| panic!("api.txt: {e}")))
}

#[cfg(test)]
mod tests;
