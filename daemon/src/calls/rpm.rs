//! internal_list_rpm_applications: the guest's installed rpm packages, read with librpm
//! (sqlite, and Berkeley DB through librpm's read-only reader: whatever backends the
//! appliance's librpm was built with), as 1.48 does.
//!
//! As in 1.48 the work happens in a forked child that chroots into the sysroot, so librpm
//! reads the guest's own configuration (/usr/lib/rpm/rpmrc, macros, /etc/rpm/*): the
//! guest's %_dbpath and %_db_backend decide where and how its database is read, and the
//! appliance needs no rpm configuration of its own. Unlike 1.48 the child runs under
//! limits, since librpm parses hostile bytes: address space and CPU time rlimits, and a
//! wall-clock deadline after which the parent kills it. It sends its results as bounded
//! records (`wire`); a crash, a kill or a malformed stream is an error, never a hang of
//! the daemon. A database that librpm stops reading part way gives the packages read.
//!
//! The list is sorted by name; packages of the same name come in the reverse of librpm's
//! order, as 1.48's (a stable sort of a list built by prepending).

mod ffi;
/// The records the child sends over its pipe (`guestfs-guestdata`, fuzzed there).
use guestfs_guestdata::rpm_records as wire;

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, Instant};

use guestfs_protocol::structs::Application2;

use crate::daemon::Daemon;
use crate::error::{Error, Result};
use ffi::Package;

/// Address space the librpm child may add to the daemon's (which it inherits). A real
/// database of a few thousand packages needs well under 100 MiB.
const CHILD_MAX_ADDRESS_SPACE: u64 = 1024 * 1024 * 1024;
/// CPU seconds of the librpm child (SIGXCPU, then SIGKILL one second later).
const CHILD_MAX_CPU_SECONDS: u64 = 120;
/// Wall-clock time the parent waits for the child's whole answer before killing it.
const CHILD_DEADLINE: Duration = Duration::from_secs(300);
/// Largest answer the parent accepts (the reply itself is bounded by the protocol's
/// message size well below this).
const MAX_STREAM: usize = 64 * 1024 * 1024;

pub fn internal_list_rpm_applications(d: &mut Daemon) -> Result<Vec<Application2>> {
    let mut packages = list_packages(d.sysroot.root(), CHILD_DEADLINE)?;
    crate::vlog!("librpm returned {} installed packages", packages.len());
    packages.reverse();
    packages.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(packages.into_iter().map(to_application2).collect())
}

/// What librpm tells of a package; the other fields stay empty, as in 1.48.
fn to_application2(p: Package) -> Application2 {
    Application2 {
        app2_name: p.name.into(),
        app2_epoch: p.epoch,
        app2_version: p.version.into(),
        app2_release: p.release.into(),
        app2_arch: p.arch.into(),
        app2_url: p.url.into(),
        app2_summary: p.summary.into(),
        app2_description: p.description.into(),
        ..Application2::default()
    }
}

/// Runs librpm in a limited child chrooted into `root`; returns its packages in librpm's
/// order, or the child's failure.
pub fn list_packages(root: &Path, deadline: Duration) -> Result<Vec<Package>> {
    let croot = std::ffi::CString::new(root.as_os_str().as_bytes())
        .map_err(|_| Error::with_errno(libc::EINVAL, "sysroot path contains NUL"))?;
    let address_space = current_address_space().saturating_add(CHILD_MAX_ADDRESS_SPACE);
    let mut fds = [0; 2];
    // SAFETY: fds is a valid array of two ints for pipe2 to fill.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } == -1 {
        return Err(Error::perror(errno(), "pipe"));
    }
    // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
    let (rfd, wfd) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    // SAFETY: fork has no preconditions. The child only calls the C library and librpm
    // (glibc keeps malloc usable after fork) and ends with _exit, never returning here.
    let pid = unsafe { libc::fork() };
    if pid == -1 {
        return Err(Error::perror(errno(), "fork"));
    }
    if pid == 0 {
        drop(rfd);
        child(&croot, wfd.as_raw_fd(), address_space);
    }
    drop(wfd);
    let started = Instant::now();
    let (stream, stopped) = read_bounded(rfd, started + deadline);
    if stopped.is_some() {
        // SAFETY: pid is our child, not yet reaped.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    let status = wait_child(pid);
    if let Some(why) = stopped {
        return Err(Error::msg(format!("librpm: {why}")));
    }
    match wire::decode(&stream) {
        wire::Outcome::Complete(p) => Ok(p),
        wire::Outcome::Failed(msg) => Err(Error::msg(msg)),
        wire::Outcome::Broken(why) => Err(Error::msg(match status_text(status) {
            Some(s) => format!("chroot ‘librpm’ {s}"),
            None => why.to_string(),
        })),
    }
}

/// The daemon's mapped address space in bytes (/proc/self/statm), 0 if unknown.
fn current_address_space() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
    pages.saturating_mul(page)
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

/// Reads the child's whole answer, up to MAX_STREAM bytes and until `until`. The second
/// value says why reading stopped early (the child must then be killed).
fn read_bounded(rfd: OwnedFd, until: Instant) -> (Vec<u8>, Option<&'static str>) {
    let mut file = std::fs::File::from(rfd);
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (out, Some("timed out reading the rpm database"));
        }
        let mut pfd = libc::pollfd {
            fd: file.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = left.as_millis().min(60_000) as libc::c_int;
        // SAFETY: pfd is one valid pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, ms.max(1)) };
        if n <= 0 {
            continue; // timeout slice or EINTR: the deadline check above decides
        }
        match file.read(&mut chunk) {
            Ok(0) => return (out, None),
            Ok(n) => {
                if out.len() + n > MAX_STREAM {
                    return (out, Some("the package list is too large"));
                }
                out.extend_from_slice(&chunk[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return (out, None),
        }
    }
}

fn wait_child(pid: libc::pid_t) -> libc::c_int {
    let mut status = 0;
    loop {
        // SAFETY: pid is our child; status is a valid int.
        let r = unsafe { libc::waitpid(pid, &mut status, 0) };
        if r == pid || (r == -1 && errno() != libc::EINTR) {
            return status;
        }
    }
}

/// How the child ended, when that explains a broken stream (1.48's wording).
fn status_text(status: libc::c_int) -> Option<String> {
    if libc::WIFSIGNALED(status) {
        Some(format!("killed by signal {}", libc::WTERMSIG(status)))
    } else if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) != 0 {
        Some(format!("exited with non-zero error {}", libc::WEXITSTATUS(status)))
    } else {
        None
    }
}

/// Writes all of `buf` to `fd`; false if the parent went away.
fn write_all(fd: libc::c_int, mut buf: &[u8]) -> bool {
    while !buf.is_empty() {
        // SAFETY: buf is valid for its length.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return false;
        }
        buf = &buf[n as usize..];
    }
    true
}

fn set_limit(resource: libc::__rlimit_resource_t, soft: u64, hard: u64) {
    let lim = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: lim is a valid rlimit; failure leaves the limit as it was.
    unsafe { libc::setrlimit(resource, &lim) };
}

/// The child: limits, chroot, librpm, records to `wfd`, _exit. Never returns.
fn child(root: &std::ffi::CStr, wfd: libc::c_int, address_space: u64) -> ! {
    set_limit(libc::RLIMIT_AS, address_space, address_space);
    set_limit(libc::RLIMIT_CPU, CHILD_MAX_CPU_SECONDS, CHILD_MAX_CPU_SECONDS + 1);
    set_limit(libc::RLIMIT_CORE, 0, 0);
    let mut out = Vec::new();
    // SAFETY: root is a NUL-terminated path; chdir then chroot as 1.48's Chroot.f does.
    let chrooted = unsafe { libc::chdir(root.as_ptr()) == 0 && libc::chroot(root.as_ptr()) == 0 };
    if !chrooted {
        let e = errno();
        wire::encode_error(
            &mut out,
            &format!("chroot: {}: {}", root.to_string_lossy(), crate::error::strerror(e)),
        );
        finish(wfd, &out, 1);
    }
    if !ffi::read_config_files() {
        // 1.48 goes on without the configuration (librpm then usually finds no dbpath).
        let msg = format!("rpmReadConfigFiles: failed, errno={}\n", errno());
        write_all(2, msg.as_bytes());
    }
    let packages = match ffi::Packages::open() {
        Ok(p) => p,
        Err(e) => {
            let what = match e {
                ffi::OpenError::CreateTs => "rpmtsCreate",
                ffi::OpenError::InitIterator => "rpmtsInitIterator",
            };
            wire::encode_error(&mut out, what);
            finish(wfd, &out, 0);
        }
    };
    let mut count = 0;
    for p in packages {
        wire::encode_package(&mut out, &p);
        count += 1;
        if out.len() >= 64 * 1024 {
            if !write_all(wfd, &out) {
                finish(wfd, &[], 1);
            }
            out.clear();
        }
    }
    wire::encode_end(&mut out, count);
    finish(wfd, &out, 0)
}

fn finish(wfd: libc::c_int, out: &[u8], code: libc::c_int) -> ! {
    write_all(wfd, out);
    // SAFETY: _exit ends the child at once, without running the daemon's atexit handlers
    // or flushing buffers it shares with the parent.
    unsafe { libc::_exit(code) }
}

/// The librpm child against real databases (built by tests/inspect/make-rpmdb-images.sh
/// with Debian's rpm) and hostile ones: corrupt, truncated, random, and guest macros that
/// loop or eat memory. Each case must end with a list or an error within its deadline.
/// They chroot, so they need root; without root or Debian's rpm tools they are skipped,
/// except under CI=true where that is a failure.
#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;
    use std::process::Command;
    use std::sync::OnceLock;

    fn prerequisites_missing(why: &str) -> bool {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("rpm tests: {why}");
        }
        eprintln!("skipped: {why}");
        true
    }

    /// The databases, built once per test run.
    fn databases() -> Option<&'static PathBuf> {
        static DBS: OnceLock<Option<PathBuf>> = OnceLock::new();
        DBS.get_or_init(|| {
            // SAFETY: geteuid has no preconditions.
            if unsafe { libc::geteuid() } != 0 {
                return None;
            }
            // A static outlives the tests, so this run removes what earlier runs (whose
            // process is gone) left behind.
            let tmp = std::env::temp_dir();
            for e in fs::read_dir(&tmp).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(pid) = name.strip_prefix("guestfsd-rpm-dbs-") {
                    if !Path::new("/proc").join(pid).exists() {
                        let _ = fs::remove_dir_all(e.path());
                    }
                }
            }
            let dir = tmp.join(format!("guestfsd-rpm-dbs-{}", std::process::id()));
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/inspect/make-rpmdb-images.sh");
            let ok = Command::new("bash")
                .arg(script)
                .arg("--databases")
                .arg(&dir)
                .status()
                .is_ok_and(|s| s.success());
            ok.then_some(dir)
        })
        .as_ref()
    }

    struct Guest(PathBuf);

    impl Drop for Guest {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A guest root with an rpm configuration whose macros are `macros`, and `files`
    /// (name, contents) in /var/lib/rpm.
    fn guest(tag: &str, macros: &str, files: &[(&str, Vec<u8>)]) -> Guest {
        let root = std::env::temp_dir().join(format!("guestfsd-rpm-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("usr/lib/rpm")).unwrap();
        fs::create_dir_all(root.join("var/lib/rpm")).unwrap();
        fs::write(root.join("usr/lib/rpm/rpmrc"), "").unwrap();
        fs::write(root.join("usr/lib/rpm/macros"), macros).unwrap();
        for (name, data) in files {
            fs::write(root.join("var/lib/rpm").join(name), data).unwrap();
        }
        Guest(root)
    }

    const SQLITE: &str = "%_dbpath /var/lib/rpm\n%_db_backend sqlite\n";
    const BDB: &str = "%_dbpath /var/lib/rpm\n%_db_backend bdb\n";

    fn names(p: &[Package]) -> Vec<String> {
        let mut v: Vec<String> = p
            .iter()
            .map(|p| String::from_utf8_lossy(&p.name).into_owned())
            .collect();
        v.sort();
        v
    }

    /// Runs the child with `deadline`; checks it ended in time and returns what it said.
    fn run(g: &Guest, deadline: Duration) -> Result<Vec<Package>> {
        let t = Instant::now();
        let r = list_packages(&g.0, deadline);
        assert!(
            t.elapsed() < deadline + Duration::from_secs(5),
            "took {:?}",
            t.elapsed()
        );
        r
    }

    #[test]
    fn real_databases_are_read() {
        let Some(dbs) = databases() else {
            prerequisites_missing("needs root and Debian's rpm, rpmbuild, db5.3_load, sqlite3");
            return;
        };
        let want = [
            "Zebra",
            "aardvark",
            "guestfs-test-alpha",
            "guestfs-test-beta",
            "guestfs-test-beta",
        ];
        for (tag, macros, file) in [("sqlite", SQLITE, "sqlite/rpmdb.sqlite"), ("bdb", BDB, "bdb/Packages")] {
            let data = fs::read(dbs.join(file)).unwrap();
            let g = guest(
                tag,
                macros,
                &[(Path::new(file).file_name().unwrap().to_str().unwrap(), data)],
            );
            let p = run(&g, Duration::from_secs(60)).unwrap();
            assert_eq!(names(&p), want, "{tag}");
            let alpha = p.iter().find(|p| p.name == b"guestfs-test-alpha").unwrap();
            assert_eq!(alpha.epoch, 3);
            assert_eq!(alpha.version, b"1.2.3");
            assert_eq!(alpha.release, b"4.fc36");
            assert_eq!(alpha.arch, b"noarch");
            assert_eq!(alpha.url, b"https://example.org/alpha");
            assert!(alpha.description.ends_with("日本語.".as_bytes()));
            // Epoch 4294967295 comes back as int32 -1, as in 1.48.
            assert!(p.iter().any(|p| p.name == b"guestfs-test-beta" && p.epoch == -1));
        }
    }

    #[test]
    fn no_configuration_or_no_database_is_an_error() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            prerequisites_missing("needs root (chroot)");
            return;
        }
        let g = guest("noconf", SQLITE, &[]);
        fs::remove_dir_all(g.0.join("usr/lib/rpm")).unwrap();
        assert_eq!(run(&g, Duration::from_secs(60)).unwrap_err().msg, "rpmtsInitIterator");
        // A configured but absent sqlite database: librpm does not create one read-only.
        let g = guest("nodb", SQLITE, &[]);
        let r = run(&g, Duration::from_secs(60));
        assert!(r.as_ref().map_or(true, |p| p.is_empty()), "{r:?}");
    }

    fn rnd(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// Corrupt, truncated and random databases of both formats: a list no longer than the
    /// real one, or an error, always within the deadline.
    #[test]
    fn hostile_databases_give_an_error_or_a_partial_list_in_bounded_time() {
        let Some(dbs) = databases() else {
            prerequisites_missing("needs root and Debian's rpm, rpmbuild, db5.3_load, sqlite3");
            return;
        };
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let (mut lists, mut errors) = (0, 0);
        for (tag, macros, file) in [("sqlite", SQLITE, "sqlite/rpmdb.sqlite"), ("bdb", BDB, "bdb/Packages")] {
            let good = fs::read(dbs.join(file)).unwrap();
            let name = Path::new(file).file_name().unwrap().to_str().unwrap();
            for round in 0..24 {
                let mut data = good.clone();
                match round % 4 {
                    0 => data.truncate((rnd(&mut seed) as usize) % good.len()),
                    1 => {
                        for _ in 0..1 + rnd(&mut seed) % 64 {
                            let at = (rnd(&mut seed) as usize) % data.len();
                            data[at] = rnd(&mut seed) as u8;
                        }
                    }
                    2 => {
                        // A whole page of garbage past the file's own header page.
                        let page = 1 + (rnd(&mut seed) as usize) % (data.len() / 4096).max(1);
                        for b in data.iter_mut().skip(page * 4096).take(4096) {
                            *b = rnd(&mut seed) as u8;
                        }
                    }
                    _ => data = (0..(rnd(&mut seed) % 65536)).map(|_| rnd(&mut seed) as u8).collect(),
                }
                let g = guest(&format!("{tag}-{round}"), macros, &[(name, data)]);
                match run(&g, Duration::from_secs(60)) {
                    Ok(p) => {
                        assert!(p.len() <= 5, "{tag} round {round}: {} packages", p.len());
                        lists += 1;
                    }
                    Err(e) => {
                        assert!(!e.msg.is_empty());
                        errors += 1;
                    }
                }
            }
        }
        eprintln!("hostile databases: {lists} lists, {errors} errors");
    }

    /// Guest macros are the guest's code (librpm runs their Lua): a loop is killed at the
    /// deadline, a memory hog stops at the address-space limit, and the daemon carries on.
    #[test]
    fn hostile_macros_are_bounded() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            prerequisites_missing("needs root (chroot)");
            return;
        }
        let g = guest("loop", "%_dbpath %{lua: while true do end}\n", &[]);
        let t = Instant::now();
        let e = run(&g, Duration::from_secs(3)).unwrap_err();
        assert_eq!(e.msg, "librpm: timed out reading the rpm database");
        assert!(t.elapsed() >= Duration::from_secs(3));
        let g = guest(
            "hog",
            "%_dbpath %{lua: t = {} while true do t[#t + 1] = string.rep('x', 1000000) .. #t end}\n",
            &[],
        );
        // Lua's allocation fails at the limit ("not enough memory"); librpm then has no
        // dbpath and answers with its empty dummy database, or fails.
        let r = run(&g, Duration::from_secs(120));
        assert!(r.as_ref().map_or(true, |p| p.is_empty()), "{r:?}");
    }
}
