//! The generated entry points (see generator/shims.rs).
#![allow(clippy::all, unused_unsafe)]

use super::call::{invoke, CArg, COpt, COptArgs};
use super::ret::*;
use super::{guarded, guestfs_h, structs};
use std::ffi::{c_char, c_int, c_void};

include!(concat!(env!("OUT_DIR"), "/shims.rs"));
