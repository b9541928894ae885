//! libguestfs protocol version 4, bit for bit: XDR primitives, message framing constants,
//! the message header, errors, file-transfer chunks, progress messages, and a generic
//! codec that marshals any action's arguments and results from the API table.
//!
//! Shared by the library (client) and guestfsd (server). Every decoder treats its input as
//! hostile: lengths are bounded, nothing panics, nothing allocates more than the bytes
//! actually present justify.

pub mod bytestring;
pub mod client;
pub mod consts;
pub mod dispatch;
pub mod errno;
pub mod message;
pub mod resume;
#[doc(hidden)]
pub mod samples;
pub mod server;
pub mod sigpipe;
pub mod structs;
mod sys;
pub mod value;
pub mod xdr;

pub use bytestring::ByteString;
pub use client::{CallError, ClientEvents, Connection};
pub use consts::*;
pub use errno::{errno_to_name, name_to_errno};
pub use message::{frame, frame_message, Chunk, Header, MessageError, Progress};
pub use value::{
    decode_args, decode_ret, decode_struct_stream, encode_args, encode_ret, encode_struct, optargs_bitmask, FieldValue,
    RetValue, StructValue, Value,
};
pub use xdr::{XdrError, XdrReader, XdrWriter};

#[cfg(test)]
pub(crate) mod value_tests;
