//! Inspection of guest operating systems: inspect_os and the inspect_get_* getters.
//! (Being written; until then every call here is absent from CALLS and fails with ENOTSUP.)

use super::Handler;

pub const CALLS: &[(&str, Handler)] = &[];
