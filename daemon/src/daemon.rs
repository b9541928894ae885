//! The daemon's state across calls, and progress messages (file data goes through
//! `stream.rs`).

use std::fs::File;
use std::io;

use guestfs_api::Api;
use guestfs_protocol::server::{ProgressThrottle, ServerConn};
use guestfs_protocol::Header;
use guestfs_protocol::Progress;

use crate::devices::Devices;
use crate::error::Error;
use crate::sysroot::Sysroot;

/// The connection to the library: two handles of the channel.
pub type Transport = ServerConn<File, File>;

pub struct Daemon {
    pub t: Transport,
    pub api: &'static Api,
    pub sysroot: Sysroot,
    pub devices: Devices,
    /// The request being served.
    pub cur: Option<Header>,
    pub throttle: ProgressThrottle,
    /// A FileIn request whose chunks nobody has read yet: on error they must be refused
    /// (cancel_receive) before the error reply.
    pub file_in_pending: bool,
    /// A FileOut request already got its OK reply: no second reply may follow.
    pub replied: bool,
    /// internal_exit was called.
    pub exit_requested: bool,
    /// The connection failed mid-request; the main loop stops.
    pub broken: Option<io::Error>,
    /// The filesystems the last inspect_os found (empty: no inspection yet), which the
    /// inspect_get_* calls answer from.
    pub inspection: Vec<crate::inspection::Fs>,
}

impl Daemon {
    pub fn new(t: Transport, sysroot: Sysroot, devices: Devices) -> Daemon {
        Daemon {
            t,
            api: guestfs_api::table(),
            sysroot,
            devices,
            cur: None,
            throttle: ProgressThrottle::new(),
            file_in_pending: false,
            replied: false,
            exit_requested: false,
            broken: None,
            inspection: Vec::new(),
        }
    }

    /// Record a connection failure and turn it into a call error.
    pub fn conn_failed(&mut self, e: io::Error) -> Error {
        let err = Error::msg(format!("connection to library failed: {e}"));
        self.broken = Some(e);
        err
    }

    /// Send a progress message for the current request if the rate limit allows.
    pub fn progress(&mut self, position: u64, total: u64) {
        let Some(h) = self.cur.as_ref() else { return };
        if !self.throttle.should_send(position, total) {
            return;
        }
        let p = Progress {
            proc_nr: h.proc_nr,
            serial: h.serial,
            position,
            total,
        };
        if let Err(e) = self.t.send_progress(&p) {
            self.broken = Some(e);
        }
    }
}
