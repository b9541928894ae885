//! Protocol constants of libguestfs 1.48 (`guestfs_protocol.x`).

pub const PROGRAM: u32 = 0x2000_F5F5;
pub const PROTOCOL_VERSION: u32 = 4;
/// Sent alone (4 bytes, no length word) by the daemon once it is ready.
pub const LAUNCH_FLAG: u32 = 0xf5f5_5ff5;
/// Sent alone in either direction to cancel a file transfer.
pub const CANCEL_FLAG: u32 = 0xffff_eeee;
/// Sent alone by the daemon, followed by a 24-byte progress struct.
pub const PROGRESS_FLAG: u32 = 0xffff_5555;
/// Largest legal length word (header + body).
pub const MESSAGE_MAX: u32 = 4 * 1024 * 1024;
pub const ERROR_LEN: usize = 65536;
pub const MAX_CHUNK_SIZE: usize = 8192;
pub const ERRNO_STRING_MAX: usize = 32;
pub const DIRECTION_CALL: u32 = 0;
pub const DIRECTION_REPLY: u32 = 1;
pub const STATUS_OK: u32 = 0;
pub const STATUS_ERROR: u32 = 1;
/// First serial number a handle uses; each call adds one.
pub const FIRST_SERIAL: u32 = 0x0012_3400;
/// Encoded size of [`crate::Header`].
pub const HEADER_LEN: usize = 40;
/// Encoded size of [`crate::Progress`] (after the flag word).
pub const PROGRESS_LEN: usize = 24;
