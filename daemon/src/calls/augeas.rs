//! The aug_* calls: an Augeas session over the mounted guest, through libaugeas.
//! (Being written; until then every call here is absent from CALLS and fails with ENOTSUP.)

use super::Handler;

pub const CALLS: &[(&str, Handler)] = &[];
