//! What each action does. Daemon actions go to the appliance over the protocol
//! (`appliance::call`); library actions are carried out here, by family.

pub mod appliance;
pub mod args;
pub mod bindtests;
pub mod copy;
pub mod drives;
pub mod environment;
pub mod files;
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

/// Runs an action with the handle's API lock held and arguments already checked.
pub fn run(h: &Core, a: &Action, args: &[Value], optargs: &[Option<Value>]) -> Result<RetValue> {
    if a.is_daemon() {
        return appliance::call(h, a, args, optargs);
    }
    let r = properties::run(h, &a.name, args, optargs)
        .or_else(|| lifecycle::run(h, &a.name, args, optargs))
        .or_else(|| drives::run(h, &a.name, args, optargs))
        .or_else(|| environment::run(h, &a.name, args, optargs))
        .or_else(|| files::run(h, &a.name, args, optargs))
        .or_else(|| copy::run(h, &a.name, args, optargs))
        .or_else(|| journal::run(h, &a.name, args, optargs))
        .or_else(|| inspect::run(h, &a.name, args, optargs))
        .or_else(|| stream::run(h, &a.name, args, optargs))
        .or_else(|| bindtests::run(h, &a.name, args, optargs));
    r.unwrap_or_else(|| Err(Error::not_supported(&a.name)))
}

/// Actions that run without the lock or events (`user_cancel`).
pub fn run_unlocked(h: &Core, a: &Action) -> Result<RetValue> {
    match a.name.as_str() {
        "user_cancel" => {
            h.user_cancel.store(true, std::sync::atomic::Ordering::SeqCst);
            Ok(RetValue::None)
        }
        other => Err(Error::not_supported(other)),
    }
}

/// Names of library-side actions that guestfs-rs implements (for docs/status.md).
pub fn implemented_library_actions() -> Vec<&'static str> {
    let mut v = Vec::new();
    v.extend_from_slice(properties::NAMES);
    v.extend_from_slice(lifecycle::NAMES);
    v.extend_from_slice(drives::NAMES);
    v.extend_from_slice(environment::NAMES);
    v.extend_from_slice(files::NAMES);
    v.extend_from_slice(copy::NAMES);
    v.extend_from_slice(journal::NAMES);
    v.extend_from_slice(inspect::NAMES);
    v.extend_from_slice(stream::NAMES);
    v.extend_from_slice(bindtests::NAMES);
    v.push("user_cancel");
    v
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
