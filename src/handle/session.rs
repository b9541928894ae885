//! The running appliance a launched handle holds: qemu and the protocol connection to
//! the daemon inside it (made by `actions::lifecycle`, used by `actions::appliance`).

use guestfs_protocol::client::Connection;

pub struct Session {
    pub running: guestfs_launch::Running,
    pub conn: Connection,
}
