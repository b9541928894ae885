//! The typed dispatch generated from the API table (generator/daemon_calls.rs): one
//! decoding function per daemon action calling its typed implementation in `calls/`.
// The replies convert with `Into<Vec<u8>>` whatever string type a function returns; for a
// function that already returns `Vec<u8>` that conversion is the identity, as intended.
#![allow(clippy::useless_conversion)]

use guestfs_protocol::{structs, RetValue};

use crate::args::{FileIn, FileOut, GuestPath};
use crate::daemon::Daemon;
use crate::error::Result;
use crate::request::Req;
use crate::table::opts;

include!(concat!(env!("OUT_DIR"), "/calls.rs"));
