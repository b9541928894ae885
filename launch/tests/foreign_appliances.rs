//! Our direct backend driving libguestfs 1.48's own appliance (Debian's supermin appliance,
//! built with `supermin --build`, root disk attached last with root=UUID=), and the real
//! guestfsd in our appliance when its release binary exists. Success = the daemon's
//! GUESTFS_LAUNCH_FLAG arrives on the daemon socket.

use guestfs_launch::{
    export_fixed_appliance, launch, prepare_appliance, ApplianceKind, Drive, LaunchConfig, LaunchEvents, Running,
};
use std::io::Read;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const LAUNCH_FLAG: [u8; 4] = [0xf5, 0xf5, 0x5f, 0xf5];
const DEBIAN_APPLIANCE: &str = "/usr/lib/x86_64-linux-gnu/guestfs";

#[derive(Default)]
struct Events {
    output: Mutex<Vec<u8>>,
}

impl LaunchEvents for Events {
    fn debug(&self, msg: &str) {
        if std::env::var_os("LAUNCH_TEST_VERBOSE").is_some() {
            eprintln!("debug: {msg}");
        }
    }
    fn warning(&self, msg: &str) {
        eprintln!("warning: {msg}");
    }
    fn appliance_output(&self, buf: &[u8]) {
        self.output.lock().unwrap().extend_from_slice(buf);
    }
    fn launch_progress(&self, _p: u64) {}
}

/// One appliance at a time: the machines this runs on have two cores.
static SERIAL: Mutex<()> = Mutex::new(());

fn qemu_missing() -> bool {
    let missing = !Path::new("/usr/bin/qemu-system-x86_64").exists();
    if missing {
        eprintln!("skipped: no /usr/bin/qemu-system-x86_64");
    }
    missing
}

fn config(name: &str, path: &str) -> LaunchConfig {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let (cache, sock, tmp) = (work.join("cache"), work.join("sock"), work.join("tmp"));
    for d in [&cache, &sock, &tmp] {
        std::fs::create_dir_all(d).unwrap();
    }
    let disk = tmp.join("disk.img");
    std::fs::write(&disk, vec![0u8; 1 << 20]).unwrap();
    let mut cfg = LaunchConfig::new("/usr/bin/qemu-system-x86_64");
    cfg.path = path.to_string();
    cfg.cachedir = cache;
    cfg.sockdir = sock;
    cfg.tmpdir = tmp;
    cfg.backend_settings = vec!["force_tcg".into()];
    cfg.drives = vec![Drive::raw_file(&disk.display().to_string())];
    cfg
}

/// Waits for the launch flag on the daemon socket while draining the console.
fn wait_for_flag(mut r: Running, ev: &Events, limit: Duration) -> Duration {
    let start = Instant::now();
    r.daemon.set_nonblocking(true).unwrap();
    r.console.set_nonblocking(true).unwrap();
    let mut got = Vec::new();
    while got.len() < 4 {
        // Poll both sockets, as the library must: qemu's serial port drops characters when
        // the console socket is not drained promptly.
        let mut fds = [
            libc::pollfd {
                fd: r.daemon.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: r.console.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two valid pollfds.
        unsafe { libc::poll(fds.as_mut_ptr(), 2, 200) };
        if fds[1].revents != 0 {
            let _ = r.read_console(ev);
        }
        let mut b = [0u8; 4];
        match r.daemon.read(&mut b[..4 - got.len()]) {
            Ok(0) => panic!(
                "daemon socket closed; console:\n{}",
                String::from_utf8_lossy(&ev.output.lock().unwrap())
            ),
            Ok(n) => got.extend_from_slice(&b[..n]),
            Err(_) => {}
        }
        assert!(
            r.try_wait().is_none(),
            "qemu exited; console:\n{}",
            String::from_utf8_lossy(&ev.output.lock().unwrap())
        );
        assert!(
            start.elapsed() < limit,
            "no launch flag; console:\n{}",
            String::from_utf8_lossy(&ev.output.lock().unwrap())
        );
    }
    assert_eq!(got, LAUNCH_FLAG);
    let t = start.elapsed();
    if std::env::var_os("LAUNCH_TEST_VERBOSE").is_some() {
        eprintln!("console:\n{}", String::from_utf8_lossy(&ev.output.lock().unwrap()));
    }
    r.shutdown(false, ev).unwrap();
    t
}

#[test]
fn drives_debian_supermin_appliance() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if qemu_missing() {
        return;
    }
    if !Path::new(DEBIAN_APPLIANCE).join("supermin.d").is_dir() || !Path::new("/usr/bin/supermin").exists() {
        eprintln!("skipped: no Debian libguestfs appliance or supermin here");
        return;
    }
    let cfg = config("launch-supermin", DEBIAN_APPLIANCE);
    let ev = Events::default();
    let t = Instant::now();
    let app = prepare_appliance(&cfg, &ev).unwrap();
    eprintln!("supermin appliance ready in {} ms", t.elapsed().as_millis());
    assert_eq!(app.kind, ApplianceKind::Supermin);
    assert!(app.root.as_ref().unwrap().is_file());
    let r = launch(&cfg, &ev).unwrap();
    let t = wait_for_flag(r, &ev, Duration::from_secs(300));
    eprintln!("libguestfs 1.48 appliance: launch flag after {t:?}");
}

/// The real daemon, when built (`cargo build --release -p guestfsd`) or named by
/// GUESTFS_RS_DAEMON.
fn real_daemon() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("GUESTFS_RS_DAEMON") {
        return Some(PathBuf::from(d));
    }
    let ws = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let mut cands = vec![ws.join("target/release/guestfsd")];
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        cands.insert(0, PathBuf::from(t).join("release/guestfsd"));
    }
    cands.into_iter().find(|p| p.is_file())
}

#[test]
fn real_guestfsd_sends_the_launch_flag() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if qemu_missing() {
        return;
    }
    let Some(daemon) = real_daemon() else {
        eprintln!("skipped: no release guestfsd built");
        return;
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("launch-realdaemon/bin");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&daemon, dir.join("guestfsd")).unwrap();
    let mut cfg = config("launch-realdaemon", &dir.display().to_string());
    cfg.verbose = std::env::var_os("LAUNCH_TEST_VERBOSE").is_some();
    let ev = Events::default();
    let r = launch(&cfg, &ev).unwrap();
    let t = wait_for_flag(r, &ev, Duration::from_secs(120));
    eprintln!(
        "guestfs-rs appliance with {}: launch flag after {t:?}",
        daemon.display()
    );
}

const SYSTEM_LIBGUESTFS: &str = "/usr/lib/x86_64-linux-gnu/libguestfs.so.0";

/// libguestfs's own library (Debian's 1.48 here) boots our appliance, exported as a fixed
/// appliance, with the real guestfsd: launch succeeds and the root disk is hidden.
#[test]
fn system_libguestfs_boots_our_fixed_appliance() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if qemu_missing() {
        return;
    }
    let (Some(daemon), true) = (real_daemon(), Path::new(SYSTEM_LIBGUESTFS).exists()) else {
        eprintln!("skipped: needs a release guestfsd and {SYSTEM_LIBGUESTFS}");
        return;
    };
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("launch-syslibguestfs");
    let bin = work.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(&daemon, bin.join("guestfsd")).unwrap();
    let cfg = config("launch-syslibguestfs", &bin.display().to_string());
    let ev = Events::default();
    let app = prepare_appliance(&cfg, &ev).unwrap();
    let fixed = work.join("fixed");
    export_fixed_appliance(&app, &fixed).unwrap();

    let prog = work.join("drive-with-libguestfs");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/drive-with-libguestfs.c");
    let st = std::process::Command::new("cc")
        .arg("-o")
        .arg(&prog)
        .arg(&src)
        .arg(SYSTEM_LIBGUESTFS)
        .status()
        .unwrap();
    assert!(st.success());
    let t = Instant::now();
    let out = std::process::Command::new(&prog)
        .arg(&fixed)
        .env("LIBGUESTFS_BACKEND_SETTINGS", "force_tcg")
        .env("LIBGUESTFS_CACHEDIR", &cfg.cachedir)
        .env_remove("LIBGUESTFS_PATH")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("LAUNCHED-BY-LIBGUESTFS"), "{text}");
    assert!(
        text.contains("device /dev/sda") && !text.contains("/dev/sdb"),
        "root disk hidden: {text}"
    );
    eprintln!(
        "system libguestfs launched our fixed appliance and shut it down in {:?}",
        t.elapsed()
    );
}
