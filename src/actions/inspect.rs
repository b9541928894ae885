//! Library-side inspection actions (inspect_list_applications2, inspect_get_osinfo,
//! inspect_get_icon, ...), built on the daemon's inspection calls.
//! (Being written; until then they fail with ENOTSUP.)

use crate::error::Result;
use crate::Handle;
use guestfs_protocol::{RetValue, Value};

/// Runs `name` if it is one of this family's actions.
pub fn run(_h: &Handle, _name: &str, _args: &[Value], _optargs: &[Option<Value>]) -> Option<Result<RetValue>> {
    None
}
