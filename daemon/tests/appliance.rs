//! End-to-end: boot the guestfs-rs appliance (launch crate, TCG) with this guestfsd as
//! /init and two scratch disks, then drive device calls over the real virtio-serial
//! channel. Slow (a qemu boot), so ignored by default:
//!   cargo test -p guestfsd --test appliance -- --ignored --nocapture

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use guestfs_launch::{launch, Drive, LaunchConfig, LaunchEvents};
use guestfs_protocol::{FieldValue, RetValue, Value};

mod common;
use common::{s, tmpdir, Client, Reply};

struct Ev;
impl LaunchEvents for Ev {
    fn debug(&self, m: &str) {
        eprintln!("launch: {m}");
    }
    fn warning(&self, m: &str) {
        eprintln!("launch: warning: {m}");
    }
    fn appliance_output(&self, b: &[u8]) {
        eprint!("{}", String::from_utf8_lossy(b));
    }
    fn launch_progress(&self, _p: u64) {}
}

fn scratch(dir: &Path, name: &str, size: u64) -> Drive {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().set_len(size).unwrap();
    Drive {
        path: p.display().to_string(),
        format: Some("raw".into()),
        overlay: false,
        cachemode: Some("unsafe".into()),
        discard: None,
        copyonread: false,
        blocksize: None,
        iface: None,
        label: None,
    }
}

fn strs(v: RetValue) -> Vec<String> {
    match v {
        RetValue::StrList(l) | RetValue::Hashtable(l) => l
            .into_iter()
            .map(|x| String::from_utf8_lossy(&x).into_owned())
            .collect(),
        r => panic!("{r:?}"),
    }
}

fn ok(c: &mut Client, name: &str, args: &[Value]) -> RetValue {
    c.ok(name, args)
}

#[test]
#[ignore]
fn device_calls_in_the_appliance() {
    let work = tmpdir("appliance");
    let daemon_dir = work.join("d");
    std::fs::create_dir_all(&daemon_dir).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_guestfsd"), daemon_dir.join("guestfsd")).unwrap();
    let mut cfg = LaunchConfig::new("/usr/bin/qemu-system-x86_64");
    cfg.path = daemon_dir.display().to_string();
    cfg.cachedir = work.join("cache");
    cfg.tmpdir = work.join("tmp");
    cfg.sockdir = work.join("s");
    for d in [&cfg.cachedir, &cfg.tmpdir, &cfg.sockdir] {
        std::fs::create_dir_all(d).unwrap();
    }
    cfg.backend_settings = vec!["force_tcg".into()];
    cfg.verbose = true;
    cfg.drives = vec![scratch(&work, "a.img", 512 << 20), scratch(&work, "b.img", 512 << 20)];
    let t = std::time::Instant::now();
    let running = launch(&cfg, &Ev).expect("launch");
    let console = running.console.try_clone().unwrap();
    std::thread::spawn(move || {
        let mut console = console;
        let mut b = [0u8; 4096];
        while let Ok(n) = console.read(&mut b) {
            if n == 0 {
                break;
            }
            eprint!("{}", String::from_utf8_lossy(&b[..n]));
        }
    });
    let sock = running.daemon.try_clone().unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
    let mut c = Client::new(sock);
    eprintln!("=== launched in {:.1} s", t.elapsed().as_secs_f64());

    ok(&mut c, "ping_daemon", &[]);
    assert_eq!(strs(ok(&mut c, "list_devices", &[])), ["/dev/sda", "/dev/sdb"]);
    assert_eq!(
        ok(&mut c, "blockdev_getsize64", &[s("/dev/sda")]),
        RetValue::Int64(512 << 20)
    );
    assert_eq!(ok(&mut c, "blockdev_getss", &[s("/dev/sdb")]), RetValue::Int(512));
    ok(&mut c, "blockdev_setrw", &[s("/dev/sda")]);
    ok(&mut c, "umount_all", &[]);
    ok(&mut c, "lvm_remove_all", &[]);

    ok(&mut c, "part_disk", &[s("/dev/sda"), s("mbr")]);
    assert_eq!(strs(ok(&mut c, "list_partitions", &[])), ["/dev/sda1"]);
    assert_eq!(
        ok(&mut c, "part_get_parttype", &[s("/dev/sda")]),
        RetValue::Str(b"msdos".to_vec())
    );
    match ok(&mut c, "part_list", &[s("/dev/sda")]) {
        RetValue::StructList(l) => {
            assert_eq!(l.len(), 1);
            assert_eq!(l[0].fields[0], FieldValue::Int32(1));
            assert_eq!(l[0].fields[1], FieldValue::UInt64(128 * 512));
        }
        r => panic!("{r:?}"),
    }
    ok(
        &mut c,
        "part_set_bootable",
        &[s("/dev/sda"), Value::Int(1), Value::Bool(true)],
    );
    assert_eq!(
        ok(&mut c, "part_get_bootable", &[s("/dev/sda"), Value::Int(1)]),
        RetValue::Bool(true)
    );
    assert_eq!(
        ok(&mut c, "part_to_dev", &[s("/dev/sda1")]),
        RetValue::Str(b"/dev/sda".to_vec())
    );
    assert_eq!(ok(&mut c, "part_to_partnum", &[s("/dev/sda1")]), RetValue::Int(1));

    let mkfs_opts = [None, None, None, None, Some(s("ROOTFS"))];
    match c.call("mkfs", &[s("ext4"), s("/dev/sda1")], &mkfs_opts) {
        Reply::Ok(_) => {}
        r => panic!("{r:?}"),
    }
    assert_eq!(
        ok(&mut c, "vfs_type", &[s("/dev/sda1")]),
        RetValue::Str(b"ext4".to_vec())
    );
    assert_eq!(
        ok(&mut c, "vfs_label", &[s("/dev/sda1")]),
        RetValue::Str(b"ROOTFS".to_vec())
    );
    ok(&mut c, "set_label", &[s("/dev/sda1"), s("NEWLABEL")]);
    assert_eq!(
        ok(&mut c, "vfs_label", &[s("/dev/sda1")]),
        RetValue::Str(b"NEWLABEL".to_vec())
    );
    let blkid = strs(ok(&mut c, "blkid", &[s("/dev/sda1")]));
    assert!(blkid.windows(2).any(|w| w[0] == "TYPE" && w[1] == "ext4"), "{blkid:?}");

    // Before mount, paths are refused.
    let (_, m) = c.err("touch", &[s("/x")]);
    assert_eq!(
        m,
        "touch_stub: you must call 'mount' first to mount the root filesystem"
    );
    ok(&mut c, "mount", &[s("/dev/sda1"), s("/")]);
    assert_eq!(strs(ok(&mut c, "mounts", &[])), ["/dev/sda1"]);
    assert_eq!(strs(ok(&mut c, "mountpoints", &[])), ["/dev/sda1", "/"]);
    ok(&mut c, "mkdir", &[s("/data")]);
    ok(
        &mut c,
        "internal_write",
        &[s("/data/hello"), Value::Buffer(b"hello appliance\n".to_vec())],
    );
    assert_eq!(
        ok(&mut c, "checksum", &[s("sha256"), s("/data/hello")]).clone(),
        ok(&mut c, "checksum", &[s("sha256"), s("/data/hello")])
    );

    // LVM on the second disk.
    ok(&mut c, "pvcreate", &[s("/dev/sdb")]);
    ok(
        &mut c,
        "vgcreate",
        &[s("VG"), Value::StrList(vec![b"/dev/sdb".to_vec()])],
    );
    ok(&mut c, "lvcreate", &[s("LV1"), s("VG"), Value::Int(64)]);
    ok(&mut c, "lvcreate_free", &[s("LV2"), s("VG"), Value::Int(100)]);
    assert_eq!(strs(ok(&mut c, "pvs", &[])), ["/dev/sdb"]);
    assert_eq!(strs(ok(&mut c, "vgs", &[])), ["VG"]);
    assert_eq!(strs(ok(&mut c, "lvs", &[])), ["/dev/VG/LV1", "/dev/VG/LV2"]);
    match c.call("mkfs", &[s("xfs"), s("/dev/VG/LV2")], &[]) {
        Reply::Ok(_) => {}
        r => panic!("{r:?}"),
    }
    match c.call("mkfs", &[s("vfat"), s("/dev/VG/LV1")], &[]) {
        Reply::Ok(_) => {}
        r => panic!("{r:?}"),
    }
    ok(&mut c, "mkdir", &[s("/data/lv")]);
    ok(&mut c, "mount", &[s("/dev/VG/LV2"), s("/data/lv")]);
    let fs = strs(ok(&mut c, "list_filesystems", &[]));
    eprintln!("list_filesystems: {fs:?}");
    assert_eq!(fs, ["/dev/sda1", "ext4", "/dev/VG/LV1", "vfat", "/dev/VG/LV2", "xfs"]);
    ok(&mut c, "umount_all", &[]);
    assert!(strs(ok(&mut c, "mounts", &[])).is_empty());
    ok(&mut c, "lvm_remove_all", &[]);
    assert!(strs(ok(&mut c, "lvs", &[])).is_empty());

    ok(&mut c, "mount_ro", &[s("/dev/sda1"), s("/")]);
    let (_, m) = c.err("touch", &[s("/y")]);
    assert!(m.contains("Read-only file system"), "{m}");
    let (_, m) = c.err(
        "command_lines",
        &[Value::StrList(vec![b"/bin/echo".to_vec(), b"x".to_vec()])],
    );
    assert_eq!(
        m, "/bin/echo: No such file or directory",
        "no /bin in this guest filesystem"
    );
    ok(&mut c, "internal_autosync", &[]);
    assert!(strs(ok(&mut c, "mounts", &[])).is_empty());
    match ok(&mut c, "utsname", &[]) {
        RetValue::Struct(u) => assert_eq!(u.fields[0], FieldValue::Str(b"Linux".to_vec())),
        r => panic!("{r:?}"),
    }
    ok(&mut c, "zero", &[s("/dev/sda")]);
    ok(&mut c, "blockdev_rereadpt", &[s("/dev/sda")]);
    assert!(strs(ok(&mut c, "list_partitions", &[])).is_empty());
    let _ = c.call("internal_exit", &[], &[]);
    running.shutdown(false, &Ev).ok();
    let _ = std::fs::remove_dir_all(&work);
}
