//! internal_list_rpm_applications through the protocol: guestfsd on the host
//! (`--listen SOCK -r ROOT`) over a guest root holding a real sqlite rpm database (built
//! by tests/inspect/make-rpmdb-images.sh with Debian's rpm), then the same database
//! corrupted: the call answers (a list or an error) in bounded time and the daemon keeps
//! serving. Needs root (the call chroots) and Debian's rpm tools; skipped without them,
//! failed under CI=true.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use guestfs_protocol::{FieldValue, RetValue};

mod common;
use common::{s, spawn_listening_daemon, tmpdir, Client, Reply};

struct Daemon {
    child: Child,
    c: Client,
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Daemon {
    let sockpath = tmpdir("rpm-sock").join("s");
    let (child, c) = spawn_listening_daemon(&sockpath, root, &[], Duration::from_secs(400));
    Daemon { child, c }
}

fn skip(why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("rpm integration test: {why}");
    }
    eprintln!("skipped: {why}");
}

fn database(dir: &Path) -> Option<Vec<u8>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/inspect/make-rpmdb-images.sh");
    let ok = Command::new("bash")
        .arg(script)
        .arg("--databases")
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        std::fs::read(dir.join("sqlite/rpmdb.sqlite")).ok()
    } else {
        None
    }
}

fn root_with(db: &[u8]) -> PathBuf {
    let root = tmpdir("rpm-root");
    std::fs::create_dir_all(root.join("usr/lib/rpm")).unwrap();
    std::fs::create_dir_all(root.join("var/lib/rpm")).unwrap();
    std::fs::write(root.join("usr/lib/rpm/rpmrc"), "").unwrap();
    std::fs::write(
        root.join("usr/lib/rpm/macros"),
        "%_dbpath /var/lib/rpm\n%_db_backend sqlite\n",
    )
    .unwrap();
    std::fs::write(root.join("var/lib/rpm/rpmdb.sqlite"), db).unwrap();
    root
}

fn str_field(f: &FieldValue) -> String {
    match f {
        FieldValue::Str(b) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn rpm_applications_real_and_corrupt() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return skip("needs root (the call chroots)");
    }
    let dbs = tmpdir("rpm-dbs");
    let Some(good) = database(&dbs) else {
        return skip("needs Debian's rpm, rpmbuild, db5.3_load and sqlite3");
    };

    let root = root_with(&good);
    let mut d = start(&root);
    let RetValue::StructList(apps) = d.c.ok("internal_list_rpm_applications", &[]) else {
        panic!("not a list")
    };
    let names: Vec<String> = apps.iter().map(|a| str_field(&a.fields[0])).collect();
    // Sorted by name, bytewise (capitals first); both betas, as 1.48 lists them.
    assert_eq!(
        names,
        [
            "Zebra",
            "aardvark",
            "guestfs-test-alpha",
            "guestfs-test-beta",
            "guestfs-test-beta"
        ]
    );
    let alpha = &apps[2].fields;
    assert_eq!(alpha.len(), 17);
    assert_eq!(alpha[2], FieldValue::Int32(3));
    assert_eq!(str_field(&alpha[3]), "1.2.3");
    assert_eq!(str_field(&alpha[4]), "4.fc36");
    assert_eq!(str_field(&alpha[5]), "noarch");
    assert_eq!(str_field(&alpha[9]), "https://example.org/alpha");
    assert_eq!(str_field(&alpha[11]), "Alpha, a test package for guestfs-rs");
    assert_eq!(str_field(&apps[0].fields[9]), "(none)");

    // Corrupt the database in place, several ways; every call answers and the daemon
    // goes on serving.
    let db = root.join("var/lib/rpm/rpmdb.sqlite");
    let mut seed = 0x853c_49e6_748f_ea9bu64;
    for round in 0..8 {
        let mut data = good.clone();
        if round % 2 == 0 {
            data.truncate(good.len() * (round + 1) / 10);
        } else {
            for _ in 0..256 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = 100 + (seed as usize) % (data.len() - 100);
                data[at] = (seed >> 32) as u8;
            }
        }
        std::fs::write(&db, &data).unwrap();
        let t = Instant::now();
        match d.c.call("internal_list_rpm_applications", &[], &[]) {
            Reply::Ok(RetValue::StructList(l)) => assert!(l.len() <= 5),
            Reply::Ok(other) => panic!("{other:?}"),
            Reply::Err { message, .. } => assert!(!message.is_empty()),
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "round {round} took {:?}",
            t.elapsed()
        );
        assert_eq!(d.c.ok("is_dir", &[s("/var/lib/rpm")]), RetValue::Bool(true));
    }
    drop(d);
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&dbs);
}
