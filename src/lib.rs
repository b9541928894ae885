//! guestfs-rs: libguestfs 1.48 in Rust, with a safe, typed Rust API.
//!
//! Rust programs use [`Handle`]: one method per libguestfs action, an options struct per
//! action with optional arguments ([`AddDriveOpts`], [`MkfsOpts`] …), typed structs
//! ([`structs`]), guest strings as [`ByteString`], errors as [`Error`] and events as
//! closures. See the [`api`] module for the conventions.
//!
//! ```no_run
//! use guestfs::{AddDriveOpts, Handle};
//! let g = Handle::new()?;
//! g.add_drive("disk.img", AddDriveOpts { readonly: Some(true), ..Default::default() })?;
//! g.launch()?;
//! for fs in g.list_filesystems()? {
//!     println!("{} {}", fs.0, fs.1);
//! }
//! # Ok::<(), guestfs::Error>(())
//! ```
//!
//! Layers call one way: `api` (the Rust API) and `capi` (the C ABI: pointer checks,
//! C memory, C callbacks, panics) → `call` (the one call path: lock, events, checks,
//! errors) → `actions` (what each action does: library-side work or an RPC to the
//! appliance) → `handle` (the core handle: state, properties, errors, events, private
//! data). Nothing outside `capi` uses `capi`.

#[doc(hidden)]
pub mod actions;
pub mod api;
#[doc(hidden)]
pub mod call;
#[doc(hidden)]
pub mod capi;
pub mod error;
#[doc(hidden)]
pub mod handle;
#[doc(hidden)]
pub mod lifetime;

pub use api::*;
pub use error::Error;
pub use guestfs_protocol::structs;
pub use guestfs_protocol::ByteString;
#[doc(hidden)]
pub use handle::Core;
