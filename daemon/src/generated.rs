//! The typed dispatch generated from the API table (generator/daemon_calls.rs): one
//! decoding function per daemon action calling its typed implementation in `calls/`.
// A string result may be a `Vec<u8>` already (guest bytes): its `Into<Vec<u8>>` is then the
// identity, which the generic generated code cannot know.
#![allow(clippy::useless_conversion)]

use guestfs_protocol::{structs, RetValue};

#[allow(unused_imports)] // until every family is typed
use crate::args::{FileIn, FileOut, GuestPath};
use crate::daemon::Daemon;
use crate::error::Result;
use crate::request::Req;

include!(concat!(env!("OUT_DIR"), "/calls.rs"));
