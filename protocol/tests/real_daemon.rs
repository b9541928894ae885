//! Wire compatibility with libguestfs 1.48's own daemon: boots a libguestfs appliance
//! (kernel, initrd, root as built by supermin) under qemu/TCG and drives its guestfsd with
//! our client. Ignored by default (it takes about a minute); run with
//!   GUESTFS_RS_APPLIANCE=/var/tmp/.guestfs-0/appliance.d \
//!     cargo test -p guestfs-protocol --test real_daemon -- --ignored --nocapture

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::fd::OwnedFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use guestfs_api::table;
use guestfs_protocol::{CallError, ClientEvents, Connection, FieldValue, Progress, RetValue, Value};

struct Events {
    console: Mutex<Vec<u8>>,
    progress: Mutex<Vec<Progress>>,
    cancel_on_progress: Option<Arc<AtomicBool>>,
}

impl ClientEvents for Events {
    fn progress(&self, p: &Progress) {
        self.progress.lock().unwrap().push(*p);
        if let Some(c) = &self.cancel_on_progress {
            c.store(true, Ordering::SeqCst);
        }
    }
    fn appliance_output(&self, data: &[u8]) {
        self.console.lock().unwrap().extend_from_slice(data);
    }
    fn debug(&self, _msg: &str) {}
}

fn events(cancel: Option<Arc<AtomicBool>>) -> Events {
    Events {
        console: Mutex::new(Vec::new()),
        progress: Mutex::new(Vec::new()),
        cancel_on_progress: cancel,
    }
}

/// The ext2 UUID of the appliance root image, formatted for root=UUID=.
fn root_uuid(root: &Path) -> String {
    let mut f = File::open(root).unwrap();
    let mut magic = [0u8; 2];
    f.seek(SeekFrom::Start(0x438)).unwrap();
    f.read_exact(&mut magic).unwrap();
    assert_eq!(u16::from_le_bytes(magic), 0xEF53, "root is not ext2/3/4");
    let mut u = [0u8; 16];
    f.seek(SeekFrom::Start(0x468)).unwrap();
    f.read_exact(&mut u).unwrap();
    let h: Vec<String> = u.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )
}

struct Appliance {
    qemu: Child,
    dir: PathBuf,
}

impl Drop for Appliance {
    fn drop(&mut self) {
        let _ = self.qemu.kill();
        let _ = self.qemu.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn boot(appliance: &Path, disk: &Path, dir: &Path) -> (Appliance, Connection) {
    let sock = dir.join("guestfsd.sock");
    let listener = UnixListener::bind(&sock).unwrap();
    let (console_lib, console_qemu) = UnixStream::pair().unwrap();
    let stdio = |s: &UnixStream| Stdio::from(OwnedFd::from(s.try_clone().unwrap()));
    let append = format!(
        "panic=1 console=ttyS0 edd=off udevtimeout=6000 udev.event-timeout=6000 no_timer_check \
         printk.time=1 cgroup_disable=memory usbcore.nousb cryptomgr.notests tsc=reliable \
         8250.nr_uarts=1 root=UUID={} selinux=0 guestfs_verbose=1 TERM=linux",
        root_uuid(&appliance.join("root"))
    );
    let qemu = Command::new("qemu-system-x86_64")
        .args([
            "-global",
            "virtio-blk-pci.scsi=off",
            "-no-user-config",
            "-nodefaults",
            "-display",
            "none",
        ])
        .args([
            "-machine",
            "accel=tcg",
            "-cpu",
            "max,la57=off",
            "-m",
            "1280",
            "-no-reboot",
        ])
        .args(["-rtc", "driftfix=slew", "-global", "kvm-pit.lost_tick_policy=discard"])
        .arg("-kernel")
        .arg(appliance.join("kernel"))
        .arg("-initrd")
        .arg(appliance.join("initrd"))
        .args([
            "-object",
            "rng-random,filename=/dev/urandom,id=rng0",
            "-device",
            "virtio-rng-pci,rng=rng0",
        ])
        .args(["-device", "virtio-scsi-pci,id=scsi"])
        .arg("-drive")
        .arg(format!(
            "file={},cache=unsafe,format=raw,id=hd0,if=none",
            disk.display()
        ))
        .args(["-device", "scsi-hd,drive=hd0"])
        .arg("-drive")
        .arg(format!(
            "file={},snapshot=on,id=appliance,cache=unsafe,if=none,format=raw",
            appliance.join("root").display()
        ))
        .args([
            "-device",
            "scsi-hd,drive=appliance",
            "-device",
            "virtio-serial-pci",
            "-serial",
            "stdio",
        ])
        .arg("-chardev")
        .arg(format!("socket,path={},id=channel0", sock.display()))
        .args([
            "-device",
            "virtserialport,chardev=channel0,name=org.libguestfs.channel.0",
        ])
        .arg("-append")
        .arg(append)
        .stdin(stdio(&console_qemu))
        .stdout(stdio(&console_qemu))
        .stderr(stdio(&console_qemu))
        .spawn()
        .expect("qemu-system-x86_64");
    drop(console_qemu);
    let app = Appliance {
        qemu,
        dir: dir.to_path_buf(),
    };
    listener.set_nonblocking(true).unwrap();
    let start = Instant::now();
    let daemon = loop {
        match listener.accept() {
            Ok((s, _)) => break s,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && start.elapsed() < Duration::from_secs(60) => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(e) => panic!("qemu did not connect: {e}"),
        }
    };
    daemon.set_nonblocking(false).unwrap();
    (app, Connection::new(daemon, Some(console_lib)))
}

fn s(x: &str) -> Value {
    Value::Str(x.as_bytes().to_vec())
}

fn path_value(p: &Path) -> Value {
    Value::Str(p.as_os_str().as_encoded_bytes().to_vec())
}

fn call(
    conn: &mut Connection,
    ev: &Events,
    name: &str,
    args: &[Value],
    opts: &[(usize, Value)],
) -> Result<RetValue, CallError> {
    let api = table();
    let a = api.action(name).unwrap();
    let mut o: Vec<Option<Value>> = vec![None; a.optargs.len()];
    for (i, v) in opts {
        o[*i] = Some(v.clone());
    }
    conn.call(ev, a, api, args, &o, &AtomicBool::new(false))
}

#[test]
#[ignore]
fn drive_libguestfs_1_48_daemon() {
    let Some(appliance) = std::env::var_os("GUESTFS_RS_APPLIANCE").map(PathBuf::from) else {
        eprintln!("GUESTFS_RS_APPLIANCE not set: skipped");
        return;
    };
    let dir = std::env::temp_dir().join(format!("guestfs-protocol-real-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let disk = dir.join("disk.img");
    File::create(&disk).unwrap().set_len(256 << 20).unwrap();
    let (_app, mut conn) = boot(&appliance, &disk, &dir);
    let ev = events(None);
    let t = Instant::now();
    conn.wait_for_launch(&ev, Some(Duration::from_secs(600))).unwrap();
    eprintln!("appliance up in {:?}", t.elapsed());
    assert!(String::from_utf8_lossy(&ev.console.lock().unwrap()).contains("Linux version"));

    assert_eq!(call(&mut conn, &ev, "ping_daemon", &[], &[]), Ok(RetValue::None));
    assert_eq!(
        call(&mut conn, &ev, "list_devices", &[], &[]),
        Ok(RetValue::StrList(vec![b"/dev/sda".to_vec()]))
    );
    // Error reply with an errno name.
    match call(&mut conn, &ev, "mount", &[s("/dev/sdz1"), s("/")], &[]) {
        Err(CallError::Daemon { errno, message }) => eprintln!("mount error: errno={errno:?} message={message:?}"),
        other => panic!("{other:?}"),
    }
    call(&mut conn, &ev, "part_disk", &[s("/dev/sda"), s("mbr")], &[]).unwrap();
    // Optargs: blocksize (0) and label (4).
    call(
        &mut conn,
        &ev,
        "mkfs",
        &[s("ext4"), s("/dev/sda1")],
        &[(0, Value::Int(4096)), (4, s("ROOTFS"))],
    )
    .unwrap();
    assert_eq!(
        call(&mut conn, &ev, "vfs_label", &[s("/dev/sda1")], &[]),
        Ok(RetValue::Str(b"ROOTFS".to_vec()))
    );
    call(&mut conn, &ev, "mount", &[s("/dev/sda1"), s("/")], &[]).unwrap();
    match call(&mut conn, &ev, "tune2fs_l", &[s("/dev/sda1")], &[]).unwrap() {
        RetValue::Hashtable(kv) => assert!(kv.len() > 10 && kv.len() % 2 == 0),
        other => panic!("{other:?}"),
    }
    match call(&mut conn, &ev, "part_list", &[s("/dev/sda")], &[]).unwrap() {
        RetValue::StructList(parts) => assert_eq!(parts[0].fields[0], FieldValue::Int32(1)),
        other => panic!("{other:?}"),
    }

    // FileIn then FileOut of 3 MiB, compared byte for byte.
    let data: Vec<u8> = (0..3u32 << 20)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    let local_in = dir.join("in.bin");
    let local_out = dir.join("out.bin");
    std::fs::write(&local_in, &data).unwrap();
    call(&mut conn, &ev, "upload", &[path_value(&local_in), s("/file")], &[]).unwrap();
    match call(&mut conn, &ev, "statns", &[s("/file")], &[]).unwrap() {
        RetValue::Struct(st) => assert_eq!(st.fields[7], FieldValue::Int64(data.len() as i64)),
        other => panic!("{other:?}"),
    }
    call(&mut conn, &ev, "download", &[s("/file"), path_value(&local_out)], &[]).unwrap();
    assert!(std::fs::read(&local_out).unwrap() == data, "download differs");
    eprintln!(
        "progress events during transfers: {}",
        ev.progress.lock().unwrap().len()
    );

    // FileIn refused by the daemon (bad path): it cancels, then replies with an error.
    let r = call(
        &mut conn,
        &ev,
        "upload",
        &[path_value(&local_in), s("/nodir/file")],
        &[],
    );
    assert!(matches!(r, Err(CallError::Daemon { .. })), "{r:?}");
    // FileIn whose local file cannot be opened: the daemon's reply is discarded.
    let r = call(&mut conn, &ev, "upload", &[s("/nonexistent/local"), s("/file2")], &[]);
    assert!(
        matches!(
            r,
            Err(CallError::Local {
                errno: libc::ENOENT,
                ..
            })
        ),
        "{r:?}"
    );
    // FileOut refused by the daemon.
    let r = call(
        &mut conn,
        &ev,
        "download",
        &[s("/missing"), path_value(&local_out)],
        &[],
    );
    assert!(
        matches!(r, Err(CallError::Daemon { ref errno, .. }) if errno == "ENOENT"),
        "{r:?}"
    );
    // FileOut whose local target cannot be created: cancelled, then still in step.
    let r = call(
        &mut conn,
        &ev,
        "download",
        &[s("/file"), s("/nonexistent/dir/out")],
        &[],
    );
    assert!(
        matches!(
            r,
            Err(CallError::Local {
                errno: libc::ENOENT,
                ..
            })
        ),
        "{r:?}"
    );
    // FileOut lists.
    call(&mut conn, &ev, "mkdir_p", &[s("/a/b")], &[]).unwrap();
    call(&mut conn, &ev, "ls0", &[s("/"), path_value(&local_out)], &[]).unwrap();
    let names = std::fs::read(&local_out).unwrap();
    assert!(names.split(|b| *b == 0).any(|n| n == b"file"), "{names:?}");

    // User cancel of a long download, pressed by the first progress event (the daemon sends
    // them only after 2 s, so the file must be big enough under TCG).
    call(
        &mut conn,
        &ev,
        "fallocate64",
        &[s("/big"), Value::Int64(200 << 20)],
        &[],
    )
    .unwrap();
    let cancel = Arc::new(AtomicBool::new(false));
    let cev = events(Some(cancel.clone()));
    let api = table();
    let r = conn.call(
        &cev,
        api.action("download").unwrap(),
        api,
        &[s("/big"), s("/dev/null")],
        &[],
        &cancel,
    );
    eprintln!(
        "cancelled download: {r:?} after {} progress events",
        cev.progress.lock().unwrap().len()
    );
    assert_eq!(r, Err(CallError::Cancelled));
    assert_eq!(call(&mut conn, &ev, "ping_daemon", &[], &[]), Ok(RetValue::None));

    call(&mut conn, &ev, "internal_autosync", &[], &[]).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
