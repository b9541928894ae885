//! The running appliance as the handle sees it (qemu plus the protocol connection), and
//! the path of every daemon action: send the call, map the reply or failure onto
//! libguestfs's errors, notice a dead appliance.

use crate::error::Result;
use crate::handle::events::{EVENT_APPLIANCE, EVENT_PROGRESS, EVENT_SUBPROCESS_QUIT};
use crate::handle::{Session, State};
use crate::{Core, Error};
use guestfs_api::{table, Action};
use guestfs_protocol::client::{CallError, ClientEvents};
use guestfs_protocol::{Progress, RetValue, Value};

/// Adapter: protocol and launch events become handle events.
pub struct Events<'a>(pub &'a Core);

impl ClientEvents for Events<'_> {
    fn progress(&self, p: &Progress) {
        self.0.emit(
            EVENT_PROGRESS,
            &[],
            &[p.proc_nr as u64, p.serial as u64, p.position, p.total],
        );
    }
    fn appliance_output(&self, data: &[u8]) {
        self.0.emit(EVENT_APPLIANCE, data, &[]);
    }
    fn debug(&self, msg: &str) {
        self.0.debug(msg);
    }
}

pub const DEBUG_ADVICE: &str = "Do:\n  export LIBGUESTFS_DEBUG=1 LIBGUESTFS_TRACE=1\nand run the command again.  For further information, read:\n  http://libguestfs.org/guestfs-faq.1.html#debugging-libguestfs\nYou can also run 'libguestfs-test-tool' and post the *complete* output\ninto a bug report or message to the libguestfs mailing list.";

/// The appliance died under us: reap qemu, forget the drives, back to CONFIG, and tell
/// the caller through SUBPROCESS_QUIT (libguestfs's child_cleanup).
pub fn child_cleanup(h: &Core, s: Session) {
    let (_d, _c) = s.conn.into_streams();
    let death = s.running.kill_noting_death();
    {
        let l = h.lock();
        let mut i = l.inner();
        i.qemu_death = death;
        i.state = State::Config;
        i.drives.clear();
        i.features.clear();
    }
    h.emit(EVENT_SUBPROCESS_QUIT, &[], &[]);
}

/// Runs one daemon action (the handle lock is held by the caller).
pub fn call(h: &Core, a: &Action, args: &[Value], optargs: &[Option<Value>]) -> Result<RetValue> {
    let taken = {
        let l = h.lock();
        let mut i = l.inner();
        if i.state != State::Ready {
            None
        } else {
            i.appliance.take()
        }
    };
    let Some(mut s) = taken else {
        return Err(Error::msg(format!(
            "{}: call launch before using this function\n(in guestfish, don't forget to use the 'run' command)",
            a.name
        )));
    };
    // 1.48's rough check before encoding; the exact limit is the encoder's.
    if args
        .iter()
        .any(|v| matches!(v, Value::Buffer(b) if b.len() >= guestfs_protocol::MESSAGE_MAX as usize))
    {
        h.lock().inner().appliance = Some(s);
        return Err(Error::msg(format!("{}: size of input buffer too large", a.name)));
    }
    // No borrow is held here: progress and console callbacks run freely.
    let r = s.conn.call(&Events(h), a, table(), args, optargs, &h.user_cancel);
    match r {
        Ok(v) => {
            h.lock().inner().appliance = Some(s);
            Ok(v)
        }
        Err(CallError::Closed) => {
            child_cleanup(h, s);
            let verbose = h.lock().inner().verbose;
            let msg = if verbose {
                "appliance closed the connection unexpectedly, see earlier error messages".to_string()
            } else {
                format!("appliance closed the connection unexpectedly.\nThis usually means the libguestfs appliance crashed.\n{DEBUG_ADVICE}")
            };
            // 1.48 words this without the action's name.
            Err(Error::with_errno(libc::EPIPE, msg))
        }
        Err(CallError::Protocol(m)) => {
            // Protocol sync is lost: the connection cannot be trusted any more.
            child_cleanup(h, s);
            Err(Error::msg(m))
        }
        Err(e) => {
            h.lock().inner().appliance = Some(s);
            let errno = e.errno().max(0);
            // Only daemon error replies get the "<name>: " prefix; the others already
            // carry libguestfs's complete text.
            match e {
                CallError::Daemon { message, .. } => Err(Error::with_errno(errno, format!("{}: {message}", a.name))),
                other => Err(Error::with_errno(errno, other.to_string())),
            }
        }
    }
}

/// Calls a daemon action by name from library code, as libguestfs's internal calls do
/// (ENTER/TRACE included).
pub fn daemon(h: &Core, name: &str, args: &[Value]) -> Result<RetValue> {
    super::nested(h, name, args)
}
