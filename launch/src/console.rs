//! Waiting for qemu to connect to the daemon socket while forwarding the console and
//! noticing boot milestones; gives up at once if qemu exits.

use crate::error::LaunchError;
use crate::process;
use crate::LaunchEvents;
use std::io::Read;
use std::os::fd::AsRawFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

/// libguestfs's APPLIANCE_TIMEOUT.
pub const APPLIANCE_TIMEOUT: Duration = Duration::from_secs(20 * 60);

/// The terminal's cursor-position query, which SGABIOS/the kernel may send; answering it
/// avoids a stall.
const DSR_QUERY: &[u8] = b"\x1b[6n";
const DSR_ANSWER: &[u8] = b"\x1b[24;80R\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08";

/// Watches console output for the launch progress sentinels, across read boundaries.
#[derive(Default)]
pub struct ConsoleWatch {
    tail: Vec<u8>,
    pub saw_kernel: bool,
    pub saw_init: bool,
}

impl ConsoleWatch {
    /// Feeds console bytes; returns the progress points (perdozen) reached by them.
    pub fn feed(&mut self, buf: &[u8]) -> Vec<u64> {
        let mut hay = std::mem::take(&mut self.tail);
        hay.extend_from_slice(buf);
        let mut pts = Vec::new();
        let has = |n: &[u8]| hay.windows(n.len()).any(|w| w == n);
        if !self.saw_kernel && has(b"Linux version") {
            self.saw_kernel = true;
            pts.push(6);
        }
        if !self.saw_init && has(b"Starting /init script") {
            self.saw_init = true;
            pts.push(9);
        }
        let keep = hay.len().min(32);
        self.tail = hay[hay.len() - keep..].to_vec();
        pts
    }
}

/// One read from the console: forward it, answer the DSR query, report progress.
pub fn read_console(
    console: &mut UnixStream,
    watch: &mut ConsoleWatch,
    ev: &dyn LaunchEvents,
) -> std::io::Result<usize> {
    // Let a burst of small serial writes collect into one read, as libguestfs does.
    std::thread::sleep(Duration::from_millis(1));
    let mut buf = [0u8; 8192];
    let n = loop {
        match console.read(&mut buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            r => break r?,
        }
    };
    let data = &buf[..n];
    if data.windows(DSR_QUERY.len()).any(|w| w == DSR_QUERY) {
        // MSG_NOSIGNAL: a C program embedding us may not ignore SIGPIPE, and qemu may be gone.
        // SAFETY: valid buffer and length; the result is deliberately ignored (best effort).
        unsafe {
            libc::send(
                console.as_raw_fd(),
                DSR_ANSWER.as_ptr().cast(),
                DSR_ANSWER.len(),
                libc::MSG_NOSIGNAL,
            );
        }
    }
    if n > 0 {
        ev.appliance_output(data);
        for p in watch.feed(data) {
            ev.launch_progress(p);
        }
    }
    Ok(n)
}

/// Reads what the console has (it is readable); false at EOF or on a hard error.
fn pump_console(console: &mut UnixStream, watch: &mut ConsoleWatch, ev: &dyn LaunchEvents) -> bool {
    match read_console(console, watch, ev) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
    }
}

pub enum AcceptOutcome {
    Connected(UnixStream),
    /// qemu exited (raw wait status) before connecting.
    QemuExited(i32),
}

pub fn accept_daemon(
    listener: &UnixListener,
    console: &mut UnixStream,
    watch: &mut ConsoleWatch,
    qemu_pid: i32,
    verbose: bool,
    ev: &dyn LaunchEvents,
) -> Result<AcceptOutcome, LaunchError> {
    listener
        .set_nonblocking(true)
        .map_err(|e| LaunchError::io("accept_connection: set_nonblocking_flag", &e))?;
    let start = Instant::now();
    let mut console_open = true;
    loop {
        if start.elapsed() >= APPLIANCE_TIMEOUT {
            return Err(LaunchError::launch_timeout(verbose));
        }
        let mut fds = [
            libc::pollfd {
                fd: listener.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: console.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let nfds = if console_open { 2 } else { 1 };
        // SAFETY: fds points to `nfds` initialised pollfd structs.
        let r = unsafe { libc::poll(fds.as_mut_ptr(), nfds, process::POLL_SLICE.as_millis() as i32) };
        if r < 0 {
            let e = std::io::Error::last_os_error();
            if e.raw_os_error() != Some(libc::EINTR) {
                return Err(LaunchError::io("accept_connection: poll", &e));
            }
        }
        if console_open && fds[1].revents & (libc::POLLIN | libc::POLLHUP) != 0 {
            console_open = pump_console(console, watch, ev);
        }
        if fds[0].revents & libc::POLLIN != 0 {
            match listener.accept() {
                Ok((s, _)) => {
                    s.set_nonblocking(false)
                        .map_err(|e| LaunchError::io("accept_connection: set_nonblocking_flag", &e))?;
                    return Ok(AcceptOutcome::Connected(s));
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(LaunchError::io("accept_connection: accept", &e)),
            }
        }
        if let Some(status) = process::try_reap(qemu_pid) {
            // Forward whatever qemu said before dying (its error message, usually).
            let _ = console.set_nonblocking(true);
            while console_open && pump_console(console, watch, ev) {
                let mut pfd = libc::pollfd {
                    fd: console.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                if unsafe { libc::poll(&mut pfd, 1, 0) } <= 0 {
                    break;
                }
            }
            let _ = console.set_nonblocking(false);
            return Ok(AcceptOutcome::QemuExited(status));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests_support::Recorder;
    use std::io::Write;

    fn listener(name: &str) -> (UnixListener, std::path::PathBuf) {
        let p = std::env::temp_dir().join(format!("launch-accept-{name}-{}.sock", std::process::id()));
        let _ = std::fs::remove_file(&p);
        (UnixListener::bind(&p).unwrap(), p)
    }

    #[test]
    #[allow(clippy::zombie_processes)] // reaped by pid (kill_and_reap)
    fn accept_forwards_console_and_connects() {
        let (l, path) = listener("ok");
        let (mut ours, mut theirs) = UnixStream::pair().unwrap();
        let child = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let pid = child.id() as i32;
        theirs.write_all(b"[0.0] Linux version 6.1\x1b[6n").unwrap();
        let path2 = path.clone();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            UnixStream::connect(&path2).unwrap()
        });
        let ev = Recorder::default();
        let mut watch = ConsoleWatch::default();
        let r = accept_daemon(&l, &mut ours, &mut watch, pid, false, &ev).unwrap();
        assert!(matches!(r, AcceptOutcome::Connected(_)));
        let _client = t.join().unwrap();
        assert_eq!(&ev.output.lock().unwrap()[..], b"[0.0] Linux version 6.1\x1b[6n");
        assert_eq!(*ev.progress.lock().unwrap(), vec![6]);
        // The cursor query got its answer.
        let mut answer = [0u8; 8];
        theirs.read_exact(&mut answer).unwrap();
        assert_eq!(&answer, b"\x1b[24;80R");
        process::kill_and_reap(pid);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    #[allow(clippy::zombie_processes)] // reaped by pid inside accept_daemon
    fn accept_gives_up_when_qemu_exits() {
        let (l, path) = listener("exit");
        let (mut ours, theirs) = UnixStream::pair().unwrap();
        let child = std::process::Command::new("sh")
            .args(["-c", "echo 'qemu: could not open disk' >&2; exit 1"])
            .stderr(std::process::Stdio::from(std::os::fd::OwnedFd::from(theirs)))
            .spawn()
            .unwrap();
        let ev = Recorder::default();
        let t = Instant::now();
        let r = accept_daemon(
            &l,
            &mut ours,
            &mut ConsoleWatch::default(),
            child.id() as i32,
            false,
            &ev,
        )
        .unwrap();
        match r {
            AcceptOutcome::QemuExited(st) => assert_eq!(libc::WEXITSTATUS(st), 1),
            AcceptOutcome::Connected(_) => panic!("nothing connected"),
        }
        assert!(t.elapsed() < Duration::from_secs(5));
        assert_eq!(
            String::from_utf8_lossy(&ev.output.lock().unwrap()),
            "qemu: could not open disk\n"
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn sentinels_across_reads() {
        let mut w = ConsoleWatch::default();
        assert_eq!(w.feed(b"[0.0] Linux ver"), Vec::<u64>::new());
        assert_eq!(w.feed(b"sion 6.1.0 ..."), vec![6]);
        assert_eq!(w.feed(b"Linux version again"), Vec::<u64>::new());
        assert_eq!(w.feed(b"Starting /init script ..."), vec![9]);
    }
}
