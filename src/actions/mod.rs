//! What each action does. Daemon actions go to the appliance over the protocol
//! (`appliance::call`); library actions are carried out here, by family.

pub mod appliance;
pub mod bindtests;
pub mod copy;
mod decode;
pub mod reply;
pub mod drives;
pub mod environment;
pub mod files;
pub mod generated;
pub mod inspect;
pub mod journal;
pub mod lifecycle;
pub mod properties;
pub mod remote;
pub mod stream;
pub mod tmp;
pub mod trace;

use crate::error::Result;
use crate::{Core, Error};
use guestfs_api::Action;
use guestfs_protocol::{RetValue, Value};

/// Runs an action with the handle's API lock held and arguments already checked: a
/// daemon action as an RPC, a library action through its generated typed dispatch.
pub fn run(h: &Core, a: &Action, args: &[Value], optargs: &[Option<Value>]) -> Result<RetValue> {
    if a.is_daemon() {
        return appliance::call(h, a, args, optargs);
    }
    generated::call(h, a, args, optargs)
}

/// Actions that run without the lock or events (`no_wrapper`: `user_cancel`).
pub fn run_unlocked(h: &Core, a: &Action) -> Result<RetValue> {
    if a.is_daemon() || !a.flags.no_wrapper {
        return Err(Error::not_supported(&a.name));
    }
    generated::call(h, a, &[], &[])
}

/// Names of library-side actions that guestfs-rs implements (for docs/status.md): the
/// table's library rows with an implementing module.
pub fn implemented_library_actions() -> Vec<&'static str> {
    generated::IMPLEMENTED.to_vec()
}

/// Calls another action from inside the library the way a C caller would (ENTER
/// event, trace lines, config checks, the error recorded at once), as libguestfs does
/// for the public calls it makes internally.
pub fn nested(h: &Core, name: &str, args: &[Value]) -> Result<RetValue> {
    let n = guestfs_api::table().action(name).map(|a| a.optargs.len()).unwrap_or(0);
    nested_opt(h, name, args, &vec![None; n])
}

pub fn nested_opt(h: &Core, name: &str, args: &[Value], optargs: &[Option<Value>]) -> Result<RetValue> {
    let a = guestfs_api::table()
        .action(name)
        .ok_or_else(|| Error::not_supported(name))?;
    let fail = |e: Error| {
        h.report(&e);
        Err(Error { reported: true, ..e })
    };
    if a.flags.config_only && h.state() != crate::handle::State::Config {
        return fail(Error::msg(format!(
            "{name}: this function can only be called in the config state"
        )));
    }
    h.emit(crate::handle::events::EVENT_ENTER, name.as_bytes(), &[]);
    let tracing = h.lock().inner().trace;
    if tracing {
        h.trace_line(&trace::call_line(a, args, optargs));
    }
    let r = run(h, a, args, optargs);
    let r = match r {
        Err(e) if !e.reported => {
            h.report(&e);
            Err(Error { reported: true, ..e })
        }
        other => other,
    };
    if tracing {
        h.trace_line(&trace::return_line(a, &r));
    }
    r
}
