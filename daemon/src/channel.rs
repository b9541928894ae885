//! Opening the connection to the library: the virtio-serial port in the appliance, a
//! given path or inherited fd, or (for tests on the host) one accepted unix-socket
//! connection.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The virtio-serial port name libguestfs's qemu command line gives the channel.
pub const PORT_NAME: &str = "org.libguestfs.channel.0";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelSpec {
    /// Find the virtio-serial port by name.
    Auto,
    Path(PathBuf),
    Fd(i32),
    /// Bind a unix socket here and accept one connection.
    Listen(PathBuf),
}

/// Read and write ends of the connection (dups of one fd).
pub fn open(spec: &ChannelSpec) -> io::Result<(File, File)> {
    let f = match spec {
        ChannelSpec::Auto => {
            let p = find_virtio_port(Path::new("/sys/class/virtio-ports"), Duration::from_secs(10))?;
            crate::vlog!("guestfsd: channel is {}", p.display());
            OpenOptions::new().read(true).write(true).open(p)?
        }
        ChannelSpec::Path(p) => OpenOptions::new().read(true).write(true).open(p)?,
        ChannelSpec::Fd(n) => {
            if *n < 0 || unsafe_fd_invalid(*n) {
                return Err(io::Error::from_raw_os_error(libc::EBADF));
            }
            // SAFETY: the fd was handed to us on the command line and checked to be open;
            // nothing else in the process owns it.
            unsafe { File::from_raw_fd(*n) }
        }
        ChannelSpec::Listen(p) => {
            let _ = std::fs::remove_file(p);
            let l = UnixListener::bind(p)?;
            let (s, _) = l.accept()?;
            drop(l);
            let _ = std::fs::remove_file(p);
            File::from(OwnedFd::from(s))
        }
    };
    let w = f.try_clone()?;
    Ok((f, w))
}

fn unsafe_fd_invalid(fd: i32) -> bool {
    // SAFETY: F_GETFD only queries the descriptor table.
    unsafe { libc::fcntl(fd, libc::F_GETFD) == -1 }
}

/// `/dev/<vportNpM>` of the port whose sysfs `name` is [`PORT_NAME`], waiting for the
/// port to appear (the driver may still be probing).
pub fn find_virtio_port(class_dir: &Path, timeout: Duration) -> io::Result<PathBuf> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(p) = scan_ports(class_dir) {
            let dev = Path::new("/dev").join(&p);
            if dev.exists() {
                return Ok(dev);
            }
        }
        if Instant::now() >= deadline {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no virtio-serial port named {PORT_NAME} in {}", class_dir.display()),
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn scan_ports(class_dir: &Path) -> Option<String> {
    let rd = std::fs::read_dir(class_dir).ok()?;
    for e in rd.flatten() {
        if let Ok(name) = std::fs::read_to_string(e.path().join("name")) {
            if name.trim_end() == PORT_NAME {
                return Some(e.file_name().to_string_lossy().into_owned());
            }
        }
    }
    None
}
