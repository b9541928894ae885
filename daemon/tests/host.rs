//! Integration tests: run the built guestfsd on the host with `--listen SOCK -r DIR` and
//! drive it with raw protocol frames, for the calls that need no real devices.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use guestfs_protocol::{
    encode_args, frame_message, Chunk, Header, MessageError, RetValue, Value, XdrReader, CANCEL_FLAG,
};

mod common;
use common::{s, spawn_listening_daemon, tmpdir, Client, Reply};

struct Daemon {
    child: Child,
    c: Client,
    root: PathBuf,
}

impl std::ops::Deref for Daemon {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.c
    }
}

impl std::ops::DerefMut for Daemon {
    fn deref_mut(&mut self) -> &mut Client {
        &mut self.c
    }
}

impl Daemon {
    fn start(tag: &str) -> Daemon {
        let root = tmpdir(tag);
        let sockdir = tmpdir(&format!("{tag}-sock"));
        let sockpath = sockdir.join("s");
        let (child, c) = spawn_listening_daemon(&sockpath, &root, &["--verbose"], Duration::from_secs(30));
        Daemon { child, c, root }
    }

    fn host(&self, p: &str) -> PathBuf {
        self.root.join(p.trim_start_matches('/'))
    }

    fn exit(mut self) {
        assert!(matches!(
            self.call("internal_exit", &[], &[]),
            Reply::Ok(RetValue::None)
        ));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                assert!(st.success());
                break;
            }
            assert!(Instant::now() < deadline, "daemon did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn names(b: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = b
        .split(|&c| c == 0)
        .filter(|x| !x.is_empty())
        .map(|x| String::from_utf8_lossy(x).into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn ping_bytes_and_header_checks() {
    let mut d = Daemon::start("ping");
    // The exact call from the facts (first call of a handle, serial 0x123400).
    let call =
        hex("00000028 2000f5f5 00000004 0000005c 00000000 00123400 00000000 00000000 00000000 00000000 00000000");
    d.sock.write_all(&call).unwrap();
    let mut reply = [0u8; 44];
    d.sock.read_exact(&mut reply).unwrap();
    assert_eq!(
        reply.to_vec(),
        hex("00000028 2000f5f5 00000004 0000005c 00000001 00123400 00000000 00000000 00000000 00000000 00000000")
    );

    // Unknown procedure.
    let h = Header::call(4, 7, 0, 0);
    d.sock.write_all(&frame_message(&h, &[])).unwrap();
    let (mut p, mut c) = (0, 0);
    let msg = d.message(&mut p, &mut c);
    let mut r = XdrReader::new(&msg);
    let rh = Header::decode(&mut r).unwrap();
    assert_eq!(rh.status, 1);
    let e = MessageError::decode(&mut r).unwrap();
    assert_eq!(e.message, "dispatch_incoming_message: unknown procedure number 4, set LIBGUESTFS_PATH to point to the matching libguestfs appliance directory");

    // A bitmask on a call without optargs.
    let api = guestfs_api::table();
    let a = api.action("ping_daemon").unwrap();
    let h = Header::call(92, 8, 0, 1);
    d.sock.write_all(&frame_message(&h, &[])).unwrap();
    match d.read_reply(a, &h) {
        Reply::Err { message, .. } => assert_eq!(
            message,
            "header optargs_bitmask field must be passed as 0 for calls that don't take optional arguments"
        ),
        r => panic!("{r:?}"),
    }
    // Unknown optarg bit (mkfs has 5 optargs).
    let a = api.action("mkfs").unwrap();
    let body = encode_args(a, &[s("ext2"), s("/dev/sda")], &[]).unwrap();
    let h = Header::call(a.proc_nr.unwrap(), 9, 0, 1 << 5);
    d.sock.write_all(&frame_message(&h, &body)).unwrap();
    match d.read_reply(a, &h) {
        Reply::Err { message, .. } => assert!(message.starts_with("unknown option in optional arguments bitmask")),
        r => panic!("{r:?}"),
    }
    // Garbage args.
    let a = api.action("mkdir").unwrap();
    let h = Header::call(a.proc_nr.unwrap(), 10, 0, 0);
    d.sock.write_all(&frame_message(&h, &[0, 0, 0, 9])).unwrap();
    match d.read_reply(a, &h) {
        Reply::Err { message, .. } => assert_eq!(message, "daemon failed to decode procedure arguments"),
        r => panic!("{r:?}"),
    }
    // A real action with no implementation: the first argument-less one the daemon
    // does not list as implemented (which one changes as calls get implemented).
    let listed = Command::new(env!("CARGO_BIN_EXE_guestfsd"))
        .arg("--list-implemented")
        .output()
        .unwrap()
        .stdout;
    let implemented: Vec<&[u8]> = listed.split(|&c| c == b'\n').collect();
    let missing = api.actions.iter().find(|a| {
        a.is_daemon() && a.args.is_empty() && a.optargs.is_empty() && !implemented.contains(&a.name.as_bytes())
    });
    if let Some(a) = missing {
        let (errno, msg) = d.err(&a.name, &[]);
        assert_eq!(errno, "ENOTSUP");
        assert_eq!(msg, format!("{}: not implemented in guestfs-rs daemon", a.name));
    }
    let r = d.ok(
        "echo_daemon",
        &[Value::StrList(vec![b"hello".to_vec(), b"world".to_vec()])],
    );
    assert_eq!(r, RetValue::Str(b"hello world".to_vec()));
    d.exit();
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn files_and_directories() {
    let mut d = Daemon::start("files");
    d.ok("mkdir", &[s("/a")]);
    assert!(d.host("/a").is_dir());
    assert_eq!(
        d.err("mkdir", &[s("/a")]),
        ("EEXIST".to_string(), "/a: File exists".to_string())
    );
    assert_eq!(
        d.err("mkdir", &[s("rel")]).1,
        "mkdir_stub: path must start with a / character"
    );
    d.ok("mkdir_p", &[s("/a/b/c")]);
    d.ok("mkdir_p", &[s("/a/b/c")]);
    d.ok("mkdir_mode", &[s("/m"), Value::Int(0o700)]);
    d.ok(
        "internal_write",
        &[s("/a/f"), Value::Buffer(b"hello\nworld\n".to_vec())],
    );
    d.ok(
        "internal_write_append",
        &[s("/a/f"), Value::Buffer(b"third\n".to_vec())],
    );
    assert_eq!(std::fs::read(d.host("/a/f")).unwrap(), b"hello\nworld\nthird\n");
    assert_eq!(d.ok("filesize", &[s("/a/f")]), RetValue::Int64(18));
    assert_eq!(d.ok("is_file", &[s("/a/f")]), RetValue::Bool(true));
    assert_eq!(d.ok("is_dir", &[s("/a/f")]), RetValue::Bool(false));
    assert_eq!(d.ok("is_dir", &[s("/a/b")]), RetValue::Bool(true));
    assert_eq!(d.ok("exists", &[s("/nope")]), RetValue::Bool(false));
    assert_eq!(d.ok("is_file", &[s("/nope/x")]), RetValue::Bool(false));
    assert_eq!(d.ok("wc_l", &[s("/a/f")]), RetValue::Int(3));
    assert_eq!(
        d.ok("head_n", &[Value::Int(1), s("/a/f")]),
        RetValue::StrList(vec![b"hello".to_vec()])
    );
    assert_eq!(
        d.ok("tail_n", &[Value::Int(-2), s("/a/f")]),
        RetValue::StrList(vec![b"world".to_vec(), b"third".to_vec()])
    );
    assert_eq!(
        d.ok("tail", &[s("/a/f")]),
        RetValue::StrList(vec![b"hello".to_vec(), b"world".to_vec(), b"third".to_vec()])
    );
    assert_eq!(
        d.ok("checksum", &[s("md5"), s("/a/f")]),
        RetValue::Str(b"6a4fb0e8be46a1d7a3f2fe0e7a7e8bca".to_vec())
            .clone_if_md5(&std::fs::read(d.host("/a/f")).unwrap())
    );
    assert_eq!(
        d.err("checksum", &[s("md4"), s("/a/f")]).1,
        "unknown checksum type, expecting crc|md5|sha1|sha224|sha256|sha384|sha512"
    );

    d.ok("touch", &[s("/t")]);
    assert!(d.host("/t").is_file());
    assert_eq!(
        d.err("touch", &[s("/a")]).1,
        "/a: touch can only be used on a regular files"
    );
    d.ok("chmod", &[Value::Int(0o640), s("/t")]);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(d.host("/t")).unwrap().permissions().mode() & 0o777,
        0o640
    );
    d.ok("chown", &[Value::Int(12), Value::Int(34), s("/t")]);
    match d.ok("statns", &[s("/t")]) {
        RetValue::Struct(st) => {
            assert_eq!(st.fields.len(), 22);
            assert_eq!(st.fields[4], guestfs_protocol::FieldValue::Int64(12));
            assert_eq!(st.fields[5], guestfs_protocol::FieldValue::Int64(34));
        }
        r => panic!("{r:?}"),
    }
    d.ok("ln_s", &[s("a/f"), s("/lnk")]);
    assert_eq!(d.ok("readlink", &[s("/lnk")]), RetValue::Str(b"a/f".to_vec()));
    assert_eq!(d.ok("is_symlink", &[s("/lnk")]), RetValue::Bool(true));
    assert_eq!(d.ok("is_file", &[s("/lnk")]), RetValue::Bool(false));
    assert_eq!(
        d.call("is_file", &[s("/lnk")], &[Some(Value::Bool(true))]).ok_val(),
        RetValue::Bool(true)
    );
    match d.ok("lstatns", &[s("/lnk")]) {
        RetValue::Struct(st) => assert_eq!(st.fields[2], guestfs_protocol::FieldValue::Int64(0o120777)),
        r => panic!("{r:?}"),
    }
    match d.ok(
        "internal_lstatnslist",
        &[s("/a"), Value::StrList(vec![b"f".to_vec(), b"missing".to_vec()])],
    ) {
        RetValue::StructList(l) => {
            assert_eq!(l.len(), 2);
            assert_eq!(l[1].fields[1], guestfs_protocol::FieldValue::Int64(-1));
        }
        r => panic!("{r:?}"),
    }
    match d.ok("readdir", &[s("/a")]) {
        RetValue::StructList(l) => {
            let mut n: Vec<(u8, String)> = l
                .iter()
                .map(|e| match (&e.fields[1], &e.fields[2]) {
                    (guestfs_protocol::FieldValue::Char(t), guestfs_protocol::FieldValue::Str(n)) => {
                        (*t, String::from_utf8_lossy(n).into_owned())
                    }
                    x => panic!("{x:?}"),
                })
                .collect();
            n.sort_by(|a, b| a.1.cmp(&b.1));
            assert_eq!(
                n,
                vec![
                    (b'd', ".".into()),
                    (b'd', "..".into()),
                    (b'd', "b".into()),
                    (b'r', "f".into())
                ]
            );
        }
        r => panic!("{r:?}"),
    }
    d.ok("cp", &[s("/a/f"), s("/copy")]);
    d.ok("mv", &[s("/copy"), s("/moved")]);
    d.ok("cp_a", &[s("/a"), s("/a2")]);
    d.ok("cp_r", &[s("/a"), s("/a3")]);
    assert!(d.host("/moved").is_file() && d.host("/a2/b/c").is_dir() && d.host("/a3/f").is_file());
    d.ok("truncate", &[s("/moved")]);
    assert_eq!(std::fs::metadata(d.host("/moved")).unwrap().len(), 0);
    d.ok("fill", &[Value::Int(0x41), Value::Int(10000), s("/filled")]);
    assert_eq!(std::fs::read(d.host("/filled")).unwrap(), vec![0x41u8; 10000]);
    match d.ok("du", &[s("/a")]) {
        RetValue::Int64(n) => assert!(n > 0),
        r => panic!("{r:?}"),
    }
    assert!(matches!(d.ok("ll", &[s("/a")]), RetValue::Str(t) if String::from_utf8_lossy(&t).contains(" f\n")));
    match d.ok("statvfs", &[s("/")]) {
        RetValue::Struct(st) => assert_eq!(st.fields.len(), 11),
        r => panic!("{r:?}"),
    }
    d.ok("rm", &[s("/t")]);
    assert_eq!(
        d.err("rm", &[s("/t")]),
        ("ENOENT".to_string(), "/t: No such file or directory".to_string())
    );
    d.ok("rm_f", &[s("/t")]);
    d.ok("rmdir", &[s("/m")]);
    d.ok("rm_rf", &[s("/a2")]);
    assert!(!d.host("/a2").exists());
    assert_eq!(d.err("rm_rf", &[s("/")]).1, "cannot remove root directory");
    assert!(matches!(d.ok("umask", &[Value::Int(0o022)]), RetValue::Int(_)));
    d.exit();
}

trait Md5Helper {
    fn clone_if_md5(self, data: &[u8]) -> RetValue;
}
impl Md5Helper for RetValue {
    /// The expected md5 is computed with the host's md5sum rather than hard-coded.
    fn clone_if_md5(self, data: &[u8]) -> RetValue {
        let mut c = Command::new("md5sum")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        c.stdin.take().unwrap().write_all(data).unwrap();
        let out = c.wait_with_output().unwrap();
        RetValue::Str(out.stdout.split(|b| *b == b' ').next().unwrap().to_vec())
    }
}

#[test]
fn symlinks_cannot_escape_the_sysroot() {
    let mut d = Daemon::start("escape");
    d.ok("ln_s", &[s("/etc/passwd"), s("/evil")]);
    d.ok("ln_s", &[s("../../../../../../etc"), s("/up")]);
    // Both resolve inside the root, where there is no /etc/passwd.
    let (errno, _) = d.err("filesize", &[s("/evil")]);
    assert_eq!(errno, "ENOENT");
    assert_eq!(d.ok("exists", &[s("/up/passwd")]), RetValue::Bool(false));
    let (r, data) = d.call_file_out("download", &[s("/evil"), s("")], &[]);
    assert!(matches!(r, Reply::Err { ref errno, .. } if errno == "ENOENT"), "{r:?}");
    assert!(data.is_none());
    // Writing through the link creates the file inside the root.
    std::fs::create_dir_all(d.host("/etc")).unwrap();
    d.ok("internal_write", &[s("/evil"), Value::Buffer(b"inside".to_vec())]);
    assert_eq!(std::fs::read(d.host("/etc/passwd")).unwrap(), b"inside");
    d.exit();
}

#[test]
fn upload_download_ls0_find0() {
    let mut d = Daemon::start("xfer");
    let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let (r, cancelled) = d.call_file_in("upload", &[s(""), s("/up.bin")], &[], &data);
    assert!(matches!(r, Reply::Ok(RetValue::None)), "{r:?}");
    assert!(!cancelled);
    assert_eq!(std::fs::read(d.host("/up.bin")).unwrap(), data);

    let (r, got) = d.call_file_out("download", &[s("/up.bin"), s("")], &[]);
    assert!(matches!(r, Reply::Ok(_)));
    assert_eq!(got.unwrap(), data);

    let (r, got) = d.call_file_out(
        "download_offset",
        &[s("/up.bin"), s(""), Value::Int64(10), Value::Int64(20000)],
        &[],
    );
    assert!(matches!(r, Reply::Ok(_)));
    assert_eq!(got.unwrap(), data[10..20010].to_vec());

    let (r, _) = d.call_file_in("upload_offset", &[s(""), s("/up.bin"), Value::Int64(5)], &[], b"XYZ");
    assert!(matches!(r, Reply::Ok(_)));
    assert_eq!(
        &std::fs::read(d.host("/up.bin")).unwrap()[4..9],
        &[data[4], b'X', b'Y', b'Z', data[8]]
    );

    // A FileIn the daemon refuses: CANCEL_FLAG first, then the error after our chunks.
    let (r, cancelled) = d.call_file_in("upload", &[s(""), s("/no/such/dir/x")], &[], &data[..20000]);
    assert!(cancelled);
    assert!(
        matches!(r, Reply::Err { ref errno, ref message } if errno == "ENOENT" && message == "/no/such/dir/x: No such file or directory"),
        "{r:?}"
    );
    let (r, cancelled) = d.call_file_in("upload", &[s(""), s("relative")], &[], b"abc");
    assert!(cancelled);
    assert!(
        matches!(r, Reply::Err { ref message, .. } if message == "upload_stub: path must start with a / character"),
        "{r:?}"
    );

    for p in ["/d/x", "/d/y/z"] {
        d.ok("mkdir_p", &[s(p)]);
    }
    d.ok("touch", &[s("/d/file")]);
    let (r, got) = d.call_file_out("ls0", &[s("/d"), s("")], &[]);
    assert!(matches!(r, Reply::Ok(_)));
    assert_eq!(names(&got.unwrap()), ["file", "x", "y"]);
    let (_, got) = d.call_file_out("find0", &[s("/d/"), s("")], &[]);
    assert_eq!(names(&got.unwrap()), ["file", "x", "y", "y/z"]);
    let (_, got) = d.call_file_out("find0", &[s("/d"), s("")], &[]);
    assert_eq!(names(&got.unwrap()), ["/file", "/x", "/y", "/y/z"]);
    let (r, _) = d.call_file_out("find0", &[s("/d/file"), s("")], &[]);
    assert!(matches!(r, Reply::Err { ref message, .. } if message == "/d/file: not a directory"));
    d.exit();
}

#[test]
fn download_cancelled_by_library() {
    let mut d = Daemon::start("cancel");
    d.ok("fill", &[Value::Int(1), Value::Int(4 * 1024 * 1024), s("/big")]);
    let (a, h) = d.send_call("download", &[s("/big"), s("")], &[], 0);
    assert!(matches!(d.read_reply(a, &h), Reply::Ok(_)));
    d.sock.write_all(&CANCEL_FLAG.to_be_bytes()).unwrap();
    let (mut p, mut c) = (0, 0);
    let mut total = 0usize;
    loop {
        let msg = d.message(&mut p, &mut c);
        let ch = Chunk::from_payload(&msg).unwrap();
        if ch.cancel {
            break;
        }
        assert!(!ch.data.is_empty(), "transfer finished although it was cancelled");
        total += ch.data.len();
    }
    assert!(total < 4 * 1024 * 1024);
    // The daemon is still in sync.
    assert_eq!(d.ok("filesize", &[s("/big")]), RetValue::Int64(4 * 1024 * 1024));
    d.exit();
}

#[test]
fn tar_out_and_in() {
    let mut d = Daemon::start("tar");
    d.ok("mkdir_p", &[s("/src/sub")]);
    d.ok(
        "internal_write",
        &[s("/src/sub/hello"), Value::Buffer(b"hi there".to_vec())],
    );
    d.ok("internal_write", &[s("/src/skip.log"), Value::Buffer(b"x".to_vec())]);
    let opt = [
        Some(s("gzip")),
        None,
        Some(Value::StrList(vec![b"./skip.log".to_vec()])),
    ];
    let (r, tarball) = d.call_file_out("tar_out", &[s("/src"), s("")], &opt);
    assert!(matches!(r, Reply::Ok(_)));
    let tarball = tarball.unwrap();
    assert_eq!(&tarball[..2], &[0x1f, 0x8b], "gzip magic");
    d.ok("mkdir", &[s("/dst")]);
    let (r, _) = d.call_file_in("tar_in", &[s(""), s("/dst")], &[Some(s("gzip"))], &tarball);
    assert!(matches!(r, Reply::Ok(_)), "{r:?}");
    assert_eq!(std::fs::read(d.host("/dst/sub/hello")).unwrap(), b"hi there");
    assert!(!d.host("/dst/skip.log").exists());
    // Not an archive.
    let (r, _) = d.call_file_in("tar_in", &[s(""), s("/dst")], &[], b"this is not a tar file at all");
    assert!(
        matches!(r, Reply::Err { ref message, .. } if message.starts_with("tar subcommand failed on directory: /dst: ")),
        "{r:?}"
    );
    let (r, _) = d.call_file_in("tar_in", &[s(""), s("/dst")], &[Some(s("rar"))], b"x");
    assert!(
        matches!(r, Reply::Err { ref message, .. } if message == "unknown compression type: rar"),
        "{r:?}"
    );
    d.exit();
}

#[test]
fn devices_are_checked() {
    let mut d = Daemon::start("dev");
    let (errno, msg) = d.err("blockdev_getsize64", &[s("/dev/sdzz")]);
    assert_eq!(errno, "ENOENT");
    assert_eq!(msg, "blockdev_getsize64_stub: /dev/sdzz: No such file or directory");
    let (_, msg) = d.err("blockdev_getsize64", &[s("/dev/null")]);
    assert_eq!(msg, "blockdev_getsize64_stub: /dev/null: expecting a device name");
    assert_eq!(
        d.ok("internal_feature_available", &[s("nosuchgroup")]),
        RetValue::Int(2)
    );
    assert!(matches!(
        d.ok("internal_feature_available", &[s("lvm2")]),
        RetValue::Int(0 | 1)
    ));
    // A group whose calls are implemented is available exactly when its tools are there.
    let ldmtool = ["/usr/bin/ldmtool", "/usr/sbin/ldmtool"]
        .iter()
        .any(|p| std::path::Path::new(p).exists());
    assert_eq!(
        d.ok("internal_feature_available", &[s("ldm")]),
        RetValue::Int(if ldmtool { 0 } else { 1 })
    );
    // Groups 1.48 retired are always available.
    assert_eq!(d.ok("internal_feature_available", &[s("augeas")]), RetValue::Int(0));
    d.exit();
}

#[test]
fn second_wave_file_calls() {
    let mut d = Daemon::start("wave2");
    d.ok(
        "internal_write",
        &[s("/f"), Value::Buffer(b"Hello World\nfoo bar\n".to_vec())],
    );
    d.ok(
        "utimens",
        &[
            s("/f"),
            Value::Int64(1000),
            Value::Int64(5),
            Value::Int64(2000),
            Value::Int64(6),
        ],
    );
    match d.ok("statns", &[s("/f")]) {
        RetValue::Struct(st) => {
            assert_eq!(st.fields[10], guestfs_protocol::FieldValue::Int64(1000));
            assert_eq!(st.fields[12], guestfs_protocol::FieldValue::Int64(2000));
            assert_eq!(st.fields[13], guestfs_protocol::FieldValue::Int64(6));
        }
        r => panic!("{r:?}"),
    }
    assert_eq!(
        d.ok("pwrite", &[s("/f"), Value::Buffer(b"J".to_vec()), Value::Int64(0)]),
        RetValue::Int(1)
    );
    assert_eq!(
        d.ok("pread", &[s("/f"), Value::Int(5), Value::Int64(0)]),
        RetValue::Buffer(b"Jello".to_vec())
    );
    assert_eq!(
        d.err("pread", &[s("/f"), Value::Int(-1), Value::Int64(0)]).1,
        "count is negative"
    );
    let grep = |d: &mut Daemon, re: &str, opts: &[Option<Value>]| match d.call("grep", &[s(re), s("/f")], opts) {
        Reply::Ok(RetValue::StrList(l)) => l.len(),
        r => panic!("{r:?}"),
    };
    assert_eq!(grep(&mut d, "foo", &[]), 1);
    assert_eq!(grep(&mut d, "FOO", &[]), 0);
    assert_eq!(grep(&mut d, "FOO", &[None, None, Some(Value::Bool(true))]), 1);
    assert_eq!(grep(&mut d, "o+ b", &[Some(Value::Bool(true))]), 1);
    assert_eq!(d.ok("truncate_size", &[s("/f"), Value::Int64(5)]), RetValue::None);
    assert_eq!(std::fs::read(d.host("/f")).unwrap(), b"Jello");
    d.ok("fallocate64", &[s("/z"), Value::Int64(100_000)]);
    assert_eq!(d.ok("is_zero", &[s("/z")]), RetValue::Bool(true));
    assert_eq!(d.ok("is_zero", &[s("/f")]), RetValue::Bool(false));
    d.ok("cp", &[s("/f"), s("/f2")]);
    assert_eq!(d.ok("equal", &[s("/f"), s("/f2")]), RetValue::Bool(true));
    assert_eq!(d.ok("equal", &[s("/f"), s("/z")]), RetValue::Bool(false));
    match d.ok("hexdump", &[s("/f")]) {
        RetValue::Str(t) => assert!(String::from_utf8_lossy(&t).starts_with("00000000  4a 65 6c 6c 6f")),
        r => panic!("{r:?}"),
    }
    assert_eq!(d.ok("strings", &[s("/f")]), RetValue::StrList(vec![b"Jello".to_vec()]));
    d.ok("fill_pattern", &[s("abc"), Value::Int(100_000), s("/p")]);
    let p = std::fs::read(d.host("/p")).unwrap();
    assert_eq!(p.len(), 100_000);
    assert!(p.chunks(3).all(|c| c == &b"abc"[..c.len()]));

    d.ok("mkdir_p", &[s("/Dir/Sub")]);
    d.ok("touch", &[s("/Dir/Sub/File")]);
    assert_eq!(
        d.ok("case_sensitive_path", &[s("/dir/sub/file")]),
        RetValue::Str(b"/Dir/Sub/File".to_vec())
    );
    assert_eq!(
        d.ok("case_sensitive_path", &[s("/dir/sub/new")]),
        RetValue::Str(b"/Dir/Sub/new".to_vec())
    );
    assert_eq!(d.err("case_sensitive_path", &[s("/nodir/x")]).1, "nodir: not found");
    d.ok("ln_s", &[s("Dir/Sub"), s("/link")]);
    assert_eq!(
        d.ok("realpath", &[s("/link/File")]),
        RetValue::Str(b"/Dir/Sub/File".to_vec())
    );
    d.ok("ln_sf", &[s("/f"), s("/link2")]);
    assert_eq!(
        d.ok(
            "internal_readlinklist",
            &[
                s("/"),
                Value::StrList(vec![b"link".to_vec(), b"f".to_vec(), b"link2".to_vec()])
            ]
        ),
        RetValue::StrList(vec![b"Dir/Sub".to_vec(), b"".to_vec(), b"/f".to_vec()])
    );
    d.ok("ln", &[s("/f"), s("/hard")]);
    d.ok("ln_f", &[s("/f2"), s("/hard")]);
    assert_eq!(d.ok("file", &[s("/Dir")]), RetValue::Str(b"directory".to_vec()));
    assert_eq!(d.ok("file", &[s("/link")]), RetValue::Str(b"symbolic link".to_vec()));
    assert_eq!(d.ok("file", &[s("/z")]), RetValue::Str(b"data".to_vec()));
    std::fs::copy("/bin/ls", d.host("/ls")).unwrap();
    assert_eq!(
        d.ok("file_architecture", &[s("/ls")]),
        RetValue::Str(b"x86_64".to_vec())
    );
    assert_eq!(d.err("file_architecture", &[s("/f")]).1, "unknown architecture: /f");
    assert_eq!(d.ok("internal_feature_available", &[s("mknod")]), RetValue::Int(0));
    d.ok("mkfifo", &[Value::Int(0o644), s("/fifo")]);
    assert_eq!(d.ok("is_fifo", &[s("/fifo")]), RetValue::Bool(true));
    assert_eq!(
        d.err("mkfifo", &[Value::Int(0o10644), s("/fifo2")]).1,
        "10644: mode must specify only file permission bits"
    );
    let copy_opts = [Some(Value::Int64(1)), None, Some(Value::Int64(3))];
    assert!(matches!(
        d.call("copy_file_to_file", &[s("/f2"), s("/c")], &copy_opts),
        Reply::Ok(_)
    ));
    assert_eq!(std::fs::read(d.host("/c")).unwrap(), b"ell");
    let (r, out) = d.call_file_out("base64_out", &[s("/c"), s("")], &[]);
    assert!(matches!(r, Reply::Ok(_)));
    assert_eq!(out.unwrap(), b"ZWxs\n");
    let (r, _) = d.call_file_in("base64_in", &[s(""), s("/b64")], &[], b"aGVsbG8=\n");
    assert!(matches!(r, Reply::Ok(_)), "{r:?}");
    assert_eq!(std::fs::read(d.host("/b64")).unwrap(), b"hello");
    assert!(matches!(d.ok("get_umask", &[]), RetValue::Int(0o22)));
    d.exit();
}

#[test]
fn third_wave_outputs() {
    let mut d = Daemon::start("wave3");
    d.ok("mkdir_p", &[s("/d/sub")]);
    d.ok("internal_write", &[s("/d/a"), Value::Buffer(b"aaa".to_vec())]);
    d.ok("internal_write", &[s("/d/sub/b"), Value::Buffer(b"bbb".to_vec())]);
    let (r, out) = d.call_file_out("checksums_out", &[s("md5"), s("/d"), s("")], &[]);
    assert!(matches!(r, Reply::Ok(_)), "{r:?}");
    let text = String::from_utf8(out.unwrap()).unwrap();
    assert!(text.contains("  ./a\n") && text.contains("  ./sub/b\n"), "{text}");
    let (r, out) = d.call_file_out("compress_out", &[s("gzip"), s("/d/a"), s("")], &[Some(Value::Int(9))]);
    assert!(matches!(r, Reply::Ok(_)), "{r:?}");
    assert_eq!(&out.unwrap()[..2], &[0x1f, 0x8b]);
    let (r, _) = d.call_file_out("compress_out", &[s("gzip"), s("/d/a"), s("")], &[Some(Value::Int(10))]);
    assert!(
        matches!(r, Reply::Err { ref message, .. } if message == "gzip: incorrect value for level parameter"),
        "{r:?}"
    );
    let (r, out) = d.call_file_out("cpio_out", &[s("/d"), s("")], &[]);
    assert!(matches!(r, Reply::Ok(_)), "{r:?}");
    assert_eq!(&out.unwrap()[..6], b"070701");
    d.ok("fill_dir", &[s("/d/sub"), Value::Int(3)]);
    assert!(d.host("/d/sub/00000002").is_file());
    d.ok("chmod", &[Value::Int(0o600), s("/d/a")]);
    let opts = [Some(Value::Bool(true))];
    assert!(matches!(
        d.call("copy_attributes", &[s("/d/a"), s("/d/sub/b")], &opts),
        Reply::Ok(_)
    ));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(d.host("/d/sub/b")).unwrap().permissions().mode() & 0o777,
        0o600
    );
    d.ok("ln_s", &[s("a"), s("/d/l")]);
    d.ok("lchown", &[Value::Int(7), Value::Int(8), s("/d/l")]);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::symlink_metadata(d.host("/d/l")).unwrap().uid(), 7);
    let (errno, msg) = d.err("list_9p", &[]);
    assert_eq!(
        (errno.as_str(), msg.as_str()),
        ("ENOTSUP", "9p support was removed in libguestfs 1.48")
    );
    d.exit();
}
