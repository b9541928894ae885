//! guestfs-rs: libguestfs 1.48 in Rust.
//!
//! Layers call one way: `capi` (the C ABI: pointer checks, locking, panics, C memory)
//! → `actions` (what each action does: library-side work or an RPC to the appliance)
//! → `handle` (the safe handle: state, drives, errors, events, private data).

pub mod actions;
pub mod capi;
pub mod error;
pub mod handle;

pub use error::Error;
pub use handle::Core;
