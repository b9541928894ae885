//! What each action does. Daemon actions go to the appliance over the protocol
//! (`appliance::call`); library actions are carried out here, by family.

pub mod appliance;
pub mod bindtests;
pub mod console;
pub mod copy;
mod decode;
pub mod drives;
pub mod environment;
pub mod files;
pub mod generated;
pub mod inspect;
pub mod journal;
pub mod libvirt;
pub mod lifecycle;
pub mod mount_local;
pub mod properties;
pub mod remote;
pub mod reply;
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

#[cfg(test)]
mod tests {
    use super::{generated, run};
    use crate::Core;
    use guestfs_api::{table, Implementation};
    use guestfs_protocol::structs::Version;
    use guestfs_protocol::{RetValue, Value};

    /// Every library action of the table has one implementation (its typed function,
    /// which the generated dispatch calls: the compiler checks it exists) or one entry in
    /// the generated unimplemented list, never both, never neither.
    #[test]
    fn every_library_action_is_implemented_or_listed_once() {
        for a in table().actions.iter().filter(|a| !a.is_daemon()) {
            let implemented = generated::IMPLEMENTED.iter().filter(|n| **n == a.name).count();
            let listed = generated::UNIMPLEMENTED.iter().filter(|n| **n == a.name).count();
            match a.implementation {
                Implementation::Module(_) => assert_eq!((implemented, listed), (1, 0), "{}", a.name),
                Implementation::Unimplemented => assert_eq!((implemented, listed), (0, 1), "{}", a.name),
            }
        }
        let n = table().actions.iter().filter(|a| !a.is_daemon()).count();
        assert_eq!(generated::IMPLEMENTED.len() + generated::UNIMPLEMENTED.len(), n);
    }

    #[test]
    fn dispatch_is_typed_and_checked() {
        let h = Core::new();
        let t = table();
        let set = t.action("set_memsize").unwrap();
        let e = run(&h, set, &[Value::Str(b"512".to_vec())], &[]).unwrap_err();
        assert_eq!(e.message, "set_memsize: argument 0 is not an int");
        run(&h, set, &[Value::Int(512)], &[]).unwrap();
        let get = t.action("get_memsize").unwrap();
        assert_eq!(run(&h, get, &[], &[]).unwrap(), RetValue::Int(512));
        let add = t.action("add_drive").unwrap();
        let mut o = vec![None; add.optargs.len()];
        o[0] = Some(Value::Str(b"yes".to_vec()));
        let e = run(&h, add, &[Value::Str(b"/dev/null".to_vec())], &o).unwrap_err();
        assert_eq!(e.message, "add_drive: optional argument 0 is not a bool");
        let RetValue::Struct(v) = run(&h, t.action("version").unwrap(), &[], &[]).unwrap() else {
            panic!("version: not a struct")
        };
        assert_eq!(Version::from_value(v).unwrap().minor, 48);
        assert_eq!(
            run(&h, t.action("get_append").unwrap(), &[], &[]).unwrap(),
            RetValue::None
        );
        // Whatever the table still leaves unimplemented answers ENOTSUP.
        for name in generated::UNIMPLEMENTED {
            let a = t.action(name).unwrap();
            let args: Vec<Value> = a.args.iter().map(|_| Value::Str(b"x".to_vec())).collect();
            let e = run(&h, a, &args, &vec![None; a.optargs.len()]).unwrap_err();
            assert_eq!(e.errno, libc::ENOTSUP, "{name}");
        }
    }
}
