//! The typed dispatch of library actions generated from the API table
//! (generator/library_calls.rs): one decoding function per library action calling its
//! typed implementation in its family module, the optional-argument structs (`opts`),
//! and the lists of implemented and unimplemented library actions.

// String results are taken as anything `Into<Vec<u8>>`: for a function that already
// returns bytes the conversion is the identity.
#![allow(clippy::useless_conversion)]

use super::decode::Args;
use crate::error::Result;
use crate::{Core, Error};
use guestfs_api::Action;
use guestfs_protocol::{structs, RetValue, Value};

include!(concat!(env!("OUT_DIR"), "/library_calls.rs"));
