//! The generated methods and options structs (see generator/rust_api.rs).
#![allow(clippy::too_many_arguments, clippy::vec_init_then_push)]

use super::convert::{self, host_path};
use super::Handle;
use crate::error::Result;
#[allow(unused_imports)]
use crate::Error;
use guestfs_api::table;
use guestfs_protocol::structs::{self, StructMismatch};
use guestfs_protocol::{ByteString, StructValue, Value};
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/rust_api.rs"));
