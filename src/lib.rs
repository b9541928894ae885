//! guestfs-rs: libguestfs 1.48 in Rust.
//!
//! Layers call one way: `capi` (the C ABI: pointer checks, locking, panics, C memory)
//! → `handle` (the safe handle: state, properties, errors, events, private data)
//! → `actions` (what each action does: library-side work or an RPC to the appliance).

pub mod actions;
pub mod capi;
pub mod error;
pub mod handle;

pub use error::Error;
pub use handle::Core;
