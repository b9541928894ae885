//! The one path every action call takes, whichever API it came from (the public Rust
//! `Handle` or the C ABI): the handle lock, the config-state check, the ENTER event, the
//! argument checks, trace lines, the action itself and the error recording.
//!
//! The layers call one way: `api` / `capi` → here → `actions` → `handle`.

use crate::actions;
use crate::error::Result;
use crate::handle::{events::EVENT_ENTER, State};
use crate::{Core, Error};
use guestfs_api::{Action, Arg, ArgType, StrKind};
use guestfs_protocol::{RetValue, Value};

/// Arguments in protocol form: the required ones in table order, then one slot per
/// optional argument (`None`: not given).
pub type CallArgs = (Vec<Value>, Vec<Option<Value>>);

/// The checks 1.48 makes on one argument's value before the action runs (the C ABI's
/// NULL checks come first, argument by argument, so it calls this in its own loop).
pub fn check_arg(a: &Action, spec: &Arg, v: &Value) -> Result<()> {
    match (&spec.ty, v) {
        // A list of file names (lstatnslist, readlinklist …): no element may hold a '/'.
        (ArgType::StringList(StrKind::Filename), Value::StrList(l)) => {
            if let Some(bad) = l.iter().find(|n| n.contains(&b'/')) {
                let bad = String::from_utf8_lossy(bad);
                return Err(Error::msg(format!(
                    "{}: {}: '{bad}' is not a file name",
                    a.c_name(),
                    spec.name
                )));
            }
        }
        (ArgType::String(StrKind::Guid), Value::Str(s)) if !valid_guid(s) => {
            return Err(Error::with_errno(
                libc::EINVAL,
                format!("{}: {}: parameter is not a valid GUID", a.name, spec.name),
            ));
        }
        _ => {}
    }
    Ok(())
}

fn valid_guid(s: &[u8]) -> bool {
    let s = if s.len() == 38 && s[0] == b'{' && s[37] == b'}' {
        &s[1..37]
    } else {
        s
    };
    s.len() == 36
        && s.iter().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

impl Core {
    /// Runs action `a` with arguments already in protocol form (the Rust API's path).
    /// On failure the error is already recorded on the handle (and the error handler ran).
    pub fn call(&self, a: &Action, args: Vec<Value>, optargs: Vec<Option<Value>>) -> Result<RetValue> {
        self.call_with(a, || {
            for (spec, v) in a.args.iter().zip(&args) {
                check_arg(a, spec, v)?;
            }
            Ok((args, optargs))
        })
    }

    /// Runs action `a`; `args` produces (and checks) the arguments. It runs after the ENTER
    /// event, as 1.48 checks its arguments after emitting ENTER. On failure the error is
    /// already recorded on the handle (`Error::reported` is set).
    pub fn call_with(&self, a: &Action, args: impl FnOnce() -> Result<CallArgs>) -> Result<RetValue> {
        if a.flags.no_wrapper {
            // user_cancel and friends: no lock, no events (safe from signal handlers/threads).
            return actions::run_unlocked(self, a);
        }
        let lock = self.lock();
        let r = self.call_locked(a, args, lock);
        match r {
            Err(e) if !e.reported => {
                self.report(&e);
                Err(Error { reported: true, ..e })
            }
            r => r,
        }
    }

    fn call_locked(
        &self,
        a: &Action,
        args: impl FnOnce() -> Result<CallArgs>,
        lock: crate::handle::Locked<'_>,
    ) -> Result<RetValue> {
        if a.flags.config_only && self.state() != State::Config {
            return Err(Error::msg(format!(
                "{}: this function can only be called in the config state",
                a.name
            )));
        }
        self.emit(EVENT_ENTER, a.name.as_bytes(), &[]);
        let (values, optvals) = args()?;
        let tracing = self.lock().inner().trace;
        if tracing {
            self.trace_line(&actions::trace::call_line(a, &values, &optvals));
        }
        let (r, _lock) = if a.flags.body_unlocked {
            // The body takes the lock itself for each piece of work (see the flag); a
            // caller that already held the lock (a callback) keeps holding it.
            drop(lock);
            let r = actions::run(self, a, &values, &optvals);
            (r, self.lock())
        } else {
            (actions::run(self, a, &values, &optvals), lock)
        };
        // libguestfs reports the error (running the error handler) before the trace line
        // of the return.
        let r = match r {
            Err(e) if !e.reported => {
                self.report(&e);
                Err(Error { reported: true, ..e })
            }
            r => r,
        };
        if tracing {
            self.trace_line(&actions::trace::return_line(a, &r));
        }
        r
    }
}
