//! Real boots under TCG: builds the appliance around a tiny static /init (tests/data/test-init.c)
//! and checks that the kernel runs it, that the listed modules load in order, that the
//! daemon channel exists, that a dynamically linked host tool runs, and that qemu exits.
//! Also measures PVH vmlinux against bzImage boots. Set LAUNCH_TEST_VERBOSE=1 to see logs.

use guestfs_launch::{
    export_fixed_appliance, launch, prepare_appliance, ApplianceKind, Drive, LaunchConfig, LaunchEvents, Running,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The boots share the two CPUs and the fd table: run one test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

#[derive(Default)]
struct Events {
    output: Mutex<Vec<u8>>,
    progress: Mutex<Vec<u64>>,
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
    fn launch_progress(&self, p: u64) {
        self.progress.lock().unwrap().push(p);
    }
}

/// The boot tests need qemu, a host kernel with modules, and a C compiler for the test init.
fn prerequisites_missing() -> bool {
    let kernel = std::fs::read_dir("/boot")
        .map(|rd| {
            rd.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("vmlinuz-"))
        })
        .unwrap_or(false);
    let ok = Path::new("/usr/bin/qemu-system-x86_64").exists()
        && (kernel || std::env::var_os("SUPERMIN_KERNEL").is_some())
        && Command::new("cc").arg("--version").output().is_ok();
    if !ok {
        eprintln!("skipped: needs /usr/bin/qemu-system-x86_64, a /boot/vmlinuz-* kernel and cc");
    }
    !ok
}

fn work_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("launch-boot");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Compiles the test init as a static binary named guestfsd in its own directory.
fn test_daemon_dir(work: &Path) -> PathBuf {
    let dir = work.join("daemon");
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-init.c");
    let st = Command::new("cc")
        .args(["-static", "-O2", "-o"])
        .arg(dir.join("guestfsd"))
        .arg(&src)
        .status()
        .expect("run cc");
    assert!(st.success(), "compiling the test init failed");
    dir
}

fn config(work: &Path, daemon_dir: &Path) -> LaunchConfig {
    let cache = work.join("cache");
    let sock = work.join("sock");
    let tmp = work.join("tmp");
    for d in [&cache, &sock, &tmp] {
        std::fs::create_dir_all(d).unwrap();
    }
    let disk = tmp.join("disk.img");
    std::fs::write(&disk, vec![0u8; 1 << 20]).unwrap();
    let mut cfg = LaunchConfig::new("/usr/bin/qemu-system-x86_64");
    cfg.path = daemon_dir.display().to_string();
    cfg.cachedir = cache;
    cfg.sockdir = sock;
    cfg.tmpdir = tmp;
    cfg.memsize_mib = 512;
    // This test's /init is a script, not guestfsd: it must boot cold (a snapshot needs
    // the daemon's handshake).
    cfg.backend_settings = vec!["force_tcg".into(), format!("{}=off", guestfs_launch::SNAPSHOT_SETTING)];
    cfg.drives = vec![Drive {
        label: Some("testlabel".into()),
        ..Drive::raw_file(&disk.display().to_string())
    }];
    cfg
}

/// Reads the console until qemu exits; returns (console text, time to the init marker).
fn run_to_exit(mut r: Running, ev: &Events, start: Instant) -> (String, Option<Duration>) {
    r.console.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let text = || String::from_utf8_lossy(&ev.output.lock().unwrap()).into_owned();
    let mut marker_at = None;
    let deadline = start + Duration::from_secs(180);
    loop {
        if marker_at.is_none() && text().contains("GUESTFS-RS-TEST-INIT-STARTED") {
            marker_at = Some(start.elapsed());
        }
        match r.read_console(ev) {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => {
                if r.try_wait().is_some() {
                    break;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "appliance did not finish in time; console:\n{}",
            text()
        );
    }
    let text = text();
    if marker_at.is_none() && text.contains("GUESTFS-RS-TEST-INIT-STARTED") {
        marker_at = Some(start.elapsed());
    }
    // qemu exits by itself after the guest powers off.
    let t = Instant::now();
    while r.try_wait().is_none() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "qemu did not exit after power-off"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    r.kill();
    (text, marker_at)
}

fn boot_once(cfg: &LaunchConfig) -> (String, Option<Duration>, Vec<u64>) {
    let ev = Events::default();
    let start = Instant::now();
    let r = launch(cfg, &ev).unwrap_or_else(|e| {
        panic!(
            "launch failed: {e}\nconsole:\n{}",
            String::from_utf8_lossy(&ev.output.lock().unwrap())
        )
    });
    let (text, t) = run_to_exit(r, &ev, start);
    let p = ev.progress.lock().unwrap().clone();
    (text, t, p)
}

#[test]
fn builds_and_boots_the_appliance_under_tcg() {
    if prerequisites_missing() {
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let work = work_dir();
    let daemon_dir = test_daemon_dir(&work);
    let cfg = config(&work, &daemon_dir);
    let ev = Events::default();
    let t = Instant::now();
    let app = prepare_appliance(&cfg, &ev).unwrap();
    eprintln!("appliance ready in {} ms: {:?}", t.elapsed().as_millis(), app);
    assert_eq!(app.kind, ApplianceKind::GuestfsRs);
    // The tools live on their own read-only disk when mke2fs is there to make it.
    let tools_disk = app.root.is_some();
    assert_eq!(
        tools_disk,
        ["/usr/sbin/mke2fs", "/sbin/mke2fs"]
            .iter()
            .any(|p| Path::new(p).exists())
    );
    if let Some(root) = &app.root {
        assert!(
            std::fs::metadata(&app.initrd).unwrap().len() < 32 << 20,
            "the initrd holds only what starting needs"
        );
        assert!(root.ends_with("tools.img"));
    }
    // A second call reuses the cache.
    let t = Instant::now();
    assert_eq!(prepare_appliance(&cfg, &ev).unwrap(), app);
    assert!(t.elapsed() < Duration::from_secs(2));

    let fds_before = open_fds();
    let (text, t_pvh, progress) = boot_once(&cfg);
    assert!(text.contains("GUESTFS-RS-TEST-INIT-STARTED"), "{text}");
    let cmdline = text.lines().find(|l| l.starts_with("CMDLINE ")).unwrap_or("");
    for item in ["panic=1", "console=ttyS0", "quiet", "rdinit=/init", "TERM="] {
        assert!(cmdline.contains(item), "{item} in {cmdline}");
    }
    assert_eq!(cmdline.contains("root=UUID="), tools_disk, "{cmdline}");
    if tools_disk {
        assert!(
            text.contains("TOOLS-DISK mounted /dev/sd"),
            "tools disk found and mounted (the kernel may name it sda or sdb): {text}"
        );
    }
    assert!(text.contains("MODULES /lib/guestfs-rs/modules.boot ok="), "{text}");
    assert!(text.contains("MODULES /lib/guestfs-rs/modules.order ok="), "{text}");
    assert!(text.contains("AUTOLOAD btrfs yes"), "modprobe on demand works: {text}");
    assert!(!text.contains("MODULE-FAIL"), "{text}");
    assert!(text.contains("org.libguestfs.channel.0"), "{text}");
    assert!(text.contains("SHELL-OK") && text.contains("sda"), "{text}");
    assert!(text.contains("GUESTFS-RS-TEST-INIT-DONE"), "{text}");
    assert!(progress.contains(&3), "{progress:?}");
    eprintln!("PVH vmlinux: init reached {:?} after launch started", t_pvh);

    // The same appliance booted from the bzImage, for comparison, when a vmlinux exists.
    if app.kernel.ends_with("vmlinux") {
        std::env::set_var(guestfs_launch::NO_PVH_ENV, "1");
        let (text, t_bz, _) = boot_once(&cfg);
        std::env::remove_var(guestfs_launch::NO_PVH_ENV);
        assert!(text.contains("GUESTFS-RS-TEST-INIT-DONE"), "{text}");
        eprintln!("bzImage: init reached {:?} after launch started", t_bz);
    }

    // Exported as a libguestfs fixed appliance: root=UUID= and the root disk comes last.
    let fixed_dir = work.join("fixed");
    export_fixed_appliance(&app, &fixed_dir).unwrap();
    let mut fcfg = cfg.clone();
    fcfg.path = fixed_dir.display().to_string();
    fcfg.verbose = true; // also exercises graphics=off, guestfs_verbose=1 and progress 6
    let fapp = prepare_appliance(&fcfg, &ev).unwrap();
    assert_eq!(fapp.kind, ApplianceKind::Fixed);
    let (text, _, progress) = boot_once(&fcfg);
    assert!(
        progress.contains(&6),
        "verbose boot shows 'Linux version': {progress:?}"
    );
    let cmdline = text.lines().find(|l| l.starts_with("CMDLINE ")).unwrap_or("");
    assert!(
        cmdline.contains("root=UUID=") && cmdline.contains("guestfs_verbose=1"),
        "{cmdline}"
    );
    assert!(!cmdline.contains("rdinit=/init"), "{cmdline}");
    assert!(text.contains("sdb"), "root disk attached after the user disk: {text}");
    if tools_disk {
        // The kernel probes SCSI disks in parallel, so its name for the tools disk may be
        // sda or sdb; what matters is that it was found and mounted.
        assert!(text.contains("TOOLS-DISK mounted /dev/sd"), "{text}");
    }
    assert!(text.contains("GUESTFS-RS-TEST-INIT-DONE"), "{text}");

    // No descriptor leaked by three launches and shutdowns, and no child left behind.
    assert_eq!(open_fds(), fds_before);
    // SAFETY: waitpid(-1, WNOHANG) only reports on our own children.
    let r = unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) };
    assert_eq!(r, -1, "no child processes remain");
}

#[test]
fn qemu_failing_to_start_is_a_launch_error() {
    if prerequisites_missing() {
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let work = work_dir().join("fail");
    std::fs::create_dir_all(&work).unwrap();
    let daemon_dir = test_daemon_dir(&work);
    let mut cfg = config(&work, &daemon_dir);
    cfg.qemu_params = vec![("-no-such-option".into(), None)];
    let ev = Events::default();
    let t = Instant::now();
    let e = launch(&cfg, &ev).err().expect("launch must fail");
    assert!(e.message().starts_with("guestfs_launch failed"), "{e}");
    assert!(t.elapsed() < Duration::from_secs(60));
    let out = String::from_utf8_lossy(&ev.output.lock().unwrap()).into_owned();
    assert!(out.contains("no-such-option"), "qemu's complaint is forwarded: {out}");
    assert!(!cfg.sockdir.join("guestfsd.sock").exists(), "socket removed");
}

/// Child half of the recovery test: launch, say qemu's pid, and vanish without cleaning up.
fn orphan_child(work: &Path) -> ! {
    let mut cfg = config(work, &work.join("daemon"));
    cfg.append = Some("test_hang=1".into());
    cfg.recovery_proc = true;
    let r = launch(&cfg, &Events::default()).unwrap();
    println!("QEMU_PID {}", r.qemu_pid);
    use std::io::Write;
    std::io::stdout().flush().unwrap();
    // SAFETY: ends the process at once, on purpose without running destructors.
    unsafe { libc::_exit(0) }
}

fn process_gone(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // A zombie (waiting for init to reap it) is dead too.
        Ok(s) => s
            .rsplit(')')
            .next()
            .map(|r| r.trim_start().starts_with('Z'))
            .unwrap_or(false),
    }
}

#[test]
fn recovery_process_kills_qemu_when_the_parent_dies() {
    const CHILD_ENV: &str = "LAUNCH_TEST_ORPHAN_CHILD";
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        orphan_child(Path::new(&dir));
    }
    if prerequisites_missing() {
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let work = work_dir().join("orphan");
    std::fs::create_dir_all(&work).unwrap();
    test_daemon_dir(&work);
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "recovery_process_kills_qemu_when_the_parent_dies",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &work)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let pid: i32 = text
        .lines()
        .find_map(|l| l.split("QEMU_PID ").nth(1)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("child did not launch: {text}{}", String::from_utf8_lossy(&out.stderr)));
    let t = Instant::now();
    while !process_gone(pid) {
        if t.elapsed() > Duration::from_secs(15) {
            // SAFETY: cleaning up the qemu we failed to see killed.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("qemu {pid} survived its parent by 15 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("orphaned qemu killed {:?} after its parent exited", t.elapsed());
}

#[derive(Default)]
struct BuildCounter {
    builds: Mutex<usize>,
}

impl LaunchEvents for BuildCounter {
    fn debug(&self, msg: &str) {
        if msg.starts_with("guestfs-rs appliance built in") {
            *self.builds.lock().unwrap() += 1;
        }
    }
    fn warning(&self, _: &str) {}
    fn appliance_output(&self, _: &[u8]) {}
    fn launch_progress(&self, _: u64) {}
}

#[test]
fn concurrent_prepares_build_once() {
    if prerequisites_missing() {
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let work = work_dir().join("concurrent");
    let _ = std::fs::remove_dir_all(&work);
    let daemon = work.join("daemon");
    std::fs::create_dir_all(&daemon).unwrap();
    std::fs::copy("/bin/true", daemon.join("guestfsd")).unwrap();
    let cfg = config(&work, &daemon);
    let ev = BuildCounter::default();
    let results: Vec<_> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..3)
            .map(|_| s.spawn(|| prepare_appliance(&cfg, &ev).unwrap()))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(results.iter().all(|a| *a == results[0]));
    assert_eq!(*ev.builds.lock().unwrap(), 1);
    let user_cache = results[0].initrd.parent().unwrap().parent().unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(user_cache)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary build directories left: {leftovers:?}"
    );
}
