//! The drives a handle has been given (add_drive and friends), as plain data: what the
//! handle holds until launch. Checking and describing them is the work of
//! `actions::drives` and `actions::remote`.

use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct Drive {
    pub path: String,
    pub readonly: bool,
    pub format: Option<String>,
    pub iface: Option<String>,
    pub name: Option<String>,
    pub label: Option<String>,
    pub cachemode: Option<String>,
    pub discard: Option<String>,
    pub copyonread: bool,
    pub blocksize: i32,
    /// "file" or a network protocol.
    pub protocol: String,
    pub servers: Vec<Server>,
    pub username: Option<String>,
    pub secret: Option<String>,
    /// The qcow2 overlay of a read-only drive, created when the drive is added.
    pub overlay: Option<PathBuf>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transport {
    None,
    Tcp,
    Unix,
}

/// One server of a network drive (add_drive's `server` optarg).
#[derive(Clone, Debug)]
pub struct Server {
    pub transport: Transport,
    /// Hostname (tcp) or socket path (unix).
    pub host: String,
    pub port: u16,
}
