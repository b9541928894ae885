//! The client against a fake daemon thread on a socketpair (the daemon side uses ServerConn).

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use guestfs_api::table;

use super::*;
use crate::message::{frame, Progress};
use crate::server::{Incoming, Received, Sent, ServerConn};
use crate::value::{encode_ret, FieldValue, StructValue};

type Server = ServerConn<UnixStream, UnixStream>;

#[derive(Default)]
struct Recorder {
    progress: Mutex<Vec<Progress>>,
    output: Mutex<Vec<u8>>,
    /// Set by the first progress event: lets a test press "cancel" mid-transfer.
    cancel_on_progress: Option<Arc<AtomicBool>>,
}

impl ClientEvents for Recorder {
    fn progress(&self, p: &Progress) {
        self.progress.lock().unwrap().push(*p);
        if let Some(c) = &self.cancel_on_progress {
            c.store(true, Ordering::SeqCst);
        }
    }
    fn appliance_output(&self, data: &[u8]) {
        self.output.lock().unwrap().extend_from_slice(data);
    }
    fn debug(&self, _msg: &str) {}
}

/// Runs `script` as the daemon on the other end of a socketpair.
fn fake_daemon<T: Send + 'static>(
    script: impl FnOnce(&mut Server) -> T + Send + 'static,
) -> (Connection, JoinHandle<T>) {
    let (lib, daemon) = UnixStream::pair().unwrap();
    let h = std::thread::spawn(move || {
        let mut s = ServerConn::new(daemon.try_clone().unwrap(), daemon);
        script(&mut s)
    });
    (Connection::new(lib, None), h)
}

/// The daemon's side of FileIn: Ok(true) when the whole file came, Ok(false) when the
/// library cancelled; a sink error refuses the rest of the file.
fn receive_file(s: &mut Server, sink: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<bool> {
    loop {
        match s.receive_chunk(|d| sink(d))? {
            Received::Data(Ok(())) => {}
            Received::Data(Err(e)) => {
                s.cancel_receive()?;
                return Err(e);
            }
            Received::End => return Ok(true),
            Received::Cancelled => return Ok(false),
        }
    }
}

/// The daemon's side of FileOut after its OK reply: Ok(false) when the library cancelled;
/// a read error ends the file with a cancel chunk.
fn send_file_checking_fd(s: &mut Server, src: &mut dyn std::io::Read) -> std::io::Result<bool> {
    loop {
        match s.send_data_with(&mut Server::library_cancelled, &mut |b| src.read(b)) {
            Ok(Sent::Queued(_)) => {}
            Ok(Sent::Empty) => return s.send_end(false).map(|()| true),
            Ok(Sent::Cancelled) => return s.send_end(true).map(|()| false),
            Err(e) => {
                s.send_end(true)?;
                return Err(e);
            }
        }
    }
}

fn next_call(s: &mut Server) -> (Header, Vec<u8>) {
    match s.read_call().unwrap() {
        Incoming::Call { header, body } => (header, body),
        Incoming::Eof => panic!("unexpected EOF"),
    }
}

fn temp_path(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("guestfs-protocol-test-{}-{n}-{tag}", std::process::id()))
}

fn call(
    conn: &mut Connection,
    ev: &Recorder,
    name: &str,
    args: &[Value],
    cancel: &AtomicBool,
) -> Result<RetValue, CallError> {
    let api = table();
    let a = api.action(name).unwrap();
    let opts = vec![None; a.optargs.len()];
    conn.call(ev, a, api, args, &opts, cancel)
}

fn s(x: &str) -> Value {
    Value::Str(x.as_bytes().to_vec())
}

/// Answers one ping_daemon with OK.
fn answer_ping(s: &mut Server) {
    let (h, _) = next_call(s);
    assert_eq!(h.proc_nr, 92);
    s.reply_ok(&h, &[]).unwrap();
}

#[test]
fn normal_replies_and_serials() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, body) = next_call(s);
        assert_eq!(
            frame_message(&h, &body),
            frame_message(&Header::call(92, FIRST_SERIAL, 0, 0), &[])
        );
        s.reply_ok(&h, &[]).unwrap();
        let (h, body) = next_call(s);
        assert_eq!(h.serial, FIRST_SERIAL + 1);
        let a = table().action("list_devices").unwrap();
        assert!(body.is_empty());
        let ret = RetValue::StrList(vec![b"/dev/sda".to_vec(), b"/dev/sdb".to_vec()]);
        s.reply_ok(&h, &encode_ret(a, table(), &ret).unwrap()).unwrap();
        let (h, body) = next_call(s);
        let a = table().action("statvfs").unwrap();
        let (args, _) = crate::value::decode_args(a, &body).unwrap();
        assert_eq!(args, vec![Value::Str(b"/".to_vec())]);
        let st = StructValue {
            fields: (0..11).map(FieldValue::Int64).collect(),
        };
        s.reply_ok(&h, &encode_ret(a, table(), &RetValue::Struct(st)).unwrap())
            .unwrap();
    });
    let ev = Recorder::default();
    let no = AtomicBool::new(false);
    assert_eq!(call(&mut conn, &ev, "ping_daemon", &[], &no), Ok(RetValue::None));
    assert_eq!(
        call(&mut conn, &ev, "list_devices", &[], &no),
        Ok(RetValue::StrList(vec![b"/dev/sda".to_vec(), b"/dev/sdb".to_vec()]))
    );
    match call(&mut conn, &ev, "statvfs", &[s("/")], &no).unwrap() {
        RetValue::Struct(v) => assert_eq!(v.fields[10], FieldValue::Int64(10)),
        other => panic!("{other:?}"),
    }
    assert_eq!(conn.next_serial(), FIRST_SERIAL + 3);
    d.join().unwrap();
}

#[test]
fn optargs_set_the_bitmask() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        s.reply_ok(&h, &[]).unwrap();
        h.optargs_bitmask
    });
    let ev = Recorder::default();
    let api = table();
    let a = api.action("mkfs").unwrap();
    let opts = vec![Some(Value::Int(4096)), None, None, None, Some(s("L"))];
    conn.call(
        &ev,
        a,
        api,
        &[s("ext4"), s("/dev/sda1")],
        &opts,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(d.join().unwrap(), 0b10001);
}

#[test]
fn error_reply_carries_errno_name() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        s.reply_error(&h, "ENOENT", "mount: /dev/sda9: No such file or directory")
            .unwrap();
        answer_ping(s);
    });
    let ev = Recorder::default();
    let no = AtomicBool::new(false);
    let e = call(&mut conn, &ev, "mount", &[s("/dev/sda9"), s("/")], &no).unwrap_err();
    assert_eq!(
        e,
        CallError::Daemon {
            errno: "ENOENT".into(),
            message: "mount: /dev/sda9: No such file or directory".into()
        }
    );
    assert_eq!(e.errno(), libc::ENOENT);
    // The connection is still in step.
    call(&mut conn, &ev, "ping_daemon", &[], &no).unwrap();
    d.join().unwrap();
}

#[test]
fn progress_anywhere_in_a_reply() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        for i in 0..3 {
            s.send_progress(&Progress {
                proc_nr: h.proc_nr,
                serial: h.serial,
                position: i,
                total: 2,
            })
            .unwrap();
        }
        s.reply_ok(&h, &[]).unwrap();
    });
    let ev = Recorder::default();
    call(&mut conn, &ev, "ping_daemon", &[], &AtomicBool::new(false)).unwrap();
    let p = ev.progress.lock().unwrap().clone();
    assert_eq!(p.len(), 3);
    assert_eq!(
        (p[2].proc_nr, p[2].serial, p[2].position, p[2].total),
        (92, FIRST_SERIAL, 2, 2)
    );
    d.join().unwrap();
}

#[test]
fn file_in_complete_with_progress_hint() {
    let path = temp_path("in");
    let data: Vec<u8> = (0..20000u32).map(|i| i as u8).collect();
    std::fs::write(&path, &data).unwrap();
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        let mut got = Vec::new();
        assert!(receive_file(s, &mut |b| {
            got.extend_from_slice(b);
            Ok(())
        })
        .unwrap());
        s.send_progress(&Progress {
            proc_nr: 66,
            serial: h.serial,
            position: 1,
            total: 1,
        })
        .unwrap();
        s.reply_ok(&h, &[]).unwrap();
        (h.progress_hint, got)
    });
    let ev = Recorder::default();
    let local = Value::Str(path.as_os_str().as_encoded_bytes().to_vec());
    call(
        &mut conn,
        &ev,
        "upload",
        &[local, s("/remote")],
        &AtomicBool::new(false),
    )
    .unwrap();
    let (hint, got) = d.join().unwrap();
    assert_eq!(hint, data.len() as u64);
    assert_eq!(got, data);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn file_in_cancelled_by_daemon() {
    let path = temp_path("in-big");
    std::fs::write(&path, vec![7u8; 2 << 20]).unwrap();
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        s.cancel_receive().unwrap();
        s.reply_error(&h, "EACCES", "upload: /remote: Permission denied")
            .unwrap();
        answer_ping(s);
    });
    let ev = Recorder::default();
    let no = AtomicBool::new(false);
    let local = Value::Str(path.as_os_str().as_encoded_bytes().to_vec());
    let e = call(&mut conn, &ev, "upload", &[local, s("/remote")], &no).unwrap_err();
    assert_eq!(e.errno(), libc::EACCES);
    assert!(matches!(e, CallError::Daemon { .. }));
    call(&mut conn, &ev, "ping_daemon", &[], &no).unwrap();
    d.join().unwrap();
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn file_in_cancelled_by_user() {
    let path = temp_path("in-user");
    std::fs::write(&path, vec![1u8; 4 << 20]).unwrap();
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        // A progress message mid-transfer makes the test's event handler press cancel.
        let mut side = s.writer().try_clone().unwrap();
        let mut n = 0;
        let complete = receive_file(s, &mut |_| {
            n += 1;
            if n == 3 {
                side.write_all(
                    &Progress {
                        proc_nr: 66,
                        serial: h.serial,
                        position: 3,
                        total: 9,
                    }
                    .to_wire(),
                )?;
            }
            Ok(())
        })
        .unwrap();
        assert!(!complete);
        s.reply_error(&h, "", "file upload cancelled").unwrap();
        answer_ping(s);
        n
    });
    let cancel = Arc::new(AtomicBool::new(false));
    let ev = Recorder {
        cancel_on_progress: Some(cancel.clone()),
        ..Default::default()
    };
    let local = Value::Str(path.as_os_str().as_encoded_bytes().to_vec());
    let api = table();
    let e = conn.call(
        &ev,
        api.action("upload").unwrap(),
        api,
        &[local, s("/remote")],
        &[],
        &cancel,
    );
    assert_eq!(e, Err(CallError::Cancelled));
    assert_eq!(CallError::Cancelled.errno(), libc::EINTR);
    call(
        &mut conn,
        &Recorder::default(),
        "ping_daemon",
        &[],
        &AtomicBool::new(false),
    )
    .unwrap();
    assert!(d.join().unwrap() < 512, "the library stopped early");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn file_in_local_open_failure() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        assert!(!receive_file(s, &mut |_| Ok(())).unwrap());
        s.reply_error(&h, "", "file upload cancelled").unwrap();
        answer_ping(s);
    });
    let ev = Recorder::default();
    let no = AtomicBool::new(false);
    let e = call(
        &mut conn,
        &ev,
        "upload",
        &[s("/nonexistent/guestfs-test"), s("/r")],
        &no,
    )
    .unwrap_err();
    assert_eq!(
        e,
        CallError::Local {
            errno: libc::ENOENT,
            message: "open: /nonexistent/guestfs-test: No such file or directory".into()
        }
    );
    call(&mut conn, &ev, "ping_daemon", &[], &no).unwrap();
    d.join().unwrap();
}

#[test]
fn file_out_complete() {
    let path = temp_path("out");
    let data: Vec<u8> = (0..30000u32).map(|i| (i * 7) as u8).collect();
    let sent = data.clone();
    let (mut conn, d) = fake_daemon(move |s| {
        let (h, _) = next_call(s);
        s.reply_ok(&h, &[]).unwrap();
        assert!(send_file_checking_fd(s, &mut &sent[..]).unwrap());
        answer_ping(s);
    });
    let ev = Recorder::default();
    let no = AtomicBool::new(false);
    let local = Value::Str(path.as_os_str().as_encoded_bytes().to_vec());
    assert_eq!(
        call(&mut conn, &ev, "download", &[s("/remote"), local], &no),
        Ok(RetValue::None)
    );
    assert_eq!(std::fs::read(&path).unwrap(), data);
    call(&mut conn, &ev, "ping_daemon", &[], &no).unwrap();
    d.join().unwrap();
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn file_out_error_before_chunks() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        s.reply_error(&h, "ENOENT", "download: /remote: No such file or directory")
            .unwrap();
    });
    let e = call(
        &mut conn,
        &Recorder::default(),
        "download",
        &[s("/remote"), s("/dev/null")],
        &AtomicBool::new(false),
    );
    assert!(matches!(e, Err(CallError::Daemon { ref errno, .. }) if errno == "ENOENT"));
    d.join().unwrap();
}

#[test]
fn file_out_cancelled_by_user() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        s.reply_ok(&h, &[]).unwrap();
        s.send_progress(&Progress {
            proc_nr: h.proc_nr,
            serial: h.serial,
            position: 0,
            total: 1,
        })
        .unwrap();
        // An endless source: only the library's cancel stops it.
        let mut endless = std::io::repeat(3);
        let finished = send_file_checking_fd(s, &mut endless).unwrap();
        answer_ping(s);
        finished
    });
    let path = temp_path("out-cancel");
    let cancel = Arc::new(AtomicBool::new(false));
    let ev = Recorder {
        cancel_on_progress: Some(cancel.clone()),
        ..Default::default()
    };
    let local = Value::Str(path.as_os_str().as_encoded_bytes().to_vec());
    let api = table();
    let e = conn.call(
        &ev,
        api.action("download").unwrap(),
        api,
        &[s("/remote"), local],
        &[],
        &cancel,
    );
    assert_eq!(e, Err(CallError::Cancelled));
    call(
        &mut conn,
        &Recorder::default(),
        "ping_daemon",
        &[],
        &AtomicBool::new(false),
    )
    .unwrap();
    assert!(!d.join().unwrap());
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn file_out_local_failure_cancels_transfer() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        s.reply_ok(&h, &[]).unwrap();
        let finished = send_file_checking_fd(s, &mut std::io::repeat(1)).unwrap();
        answer_ping(s);
        finished
    });
    let ev = Recorder::default();
    let no = AtomicBool::new(false);
    let e = call(
        &mut conn,
        &ev,
        "download",
        &[s("/remote"), s("/nonexistent/dir/file")],
        &no,
    )
    .unwrap_err();
    assert_eq!(e.errno(), libc::ENOENT);
    assert!(
        matches!(e, CallError::Local { ref message, .. } if message == "/nonexistent/dir/file: No such file or directory")
    );
    call(&mut conn, &ev, "ping_daemon", &[], &no).unwrap();
    assert!(!d.join().unwrap());
}

#[test]
fn file_out_cancelled_by_daemon() {
    let (mut conn, d) = fake_daemon(|s| {
        let (h, _) = next_call(s);
        s.reply_ok(&h, &[]).unwrap();
        struct Failing(usize);
        impl std::io::Read for Failing {
            fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
                self.0 += 1;
                if self.0 > 2 {
                    return Err(std::io::Error::other("EIO"));
                }
                b[0] = 1;
                Ok(1)
            }
        }
        assert!(send_file_checking_fd(s, &mut Failing(0)).is_err());
        answer_ping(s);
    });
    let e = call(
        &mut conn,
        &Recorder::default(),
        "download",
        &[s("/remote"), s("/dev/null")],
        &AtomicBool::new(false),
    );
    // Still in step afterwards.
    call(
        &mut conn,
        &Recorder::default(),
        "ping_daemon",
        &[],
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(e, Err(CallError::Transfer("file receive cancelled by daemon".into())));
    assert_eq!(e.unwrap_err().errno(), 0);
    d.join().unwrap();
}

/// Runs ping_daemon against a daemon that answers with `raw` bytes.
fn ping_with_raw_reply(raw: Vec<u8>) -> Result<RetValue, CallError> {
    let (mut conn, d) = fake_daemon(move |s| {
        let _ = next_call(s);
        s.writer().write_all(&raw).unwrap();
        // Dropping the server closes the socket: anything unread ends in EOF.
    });
    let r = call(
        &mut conn,
        &Recorder::default(),
        "ping_daemon",
        &[],
        &AtomicBool::new(false),
    );
    d.join().unwrap();
    r
}

fn reply_bytes(edit: impl FnOnce(&mut Header)) -> Vec<u8> {
    let mut h = Header::reply_to(&Header::call(92, FIRST_SERIAL, 0, 0), STATUS_OK);
    edit(&mut h);
    frame_message(&h, &[])
}

#[test]
fn oversized_length_word() {
    assert_eq!(
        ping_with_raw_reply((MESSAGE_MAX + 1).to_be_bytes().to_vec()),
        Err(CallError::Protocol(
            "message length (4194305) > maximum possible size (4194304)".into()
        ))
    );
}

#[test]
fn reply_header_checks() {
    type Edit = Box<dyn FnOnce(&mut Header)>;
    let cases: Vec<(Edit, String)> = vec![
        (
            Box::new(|h| h.serial = 1),
            format!("unexpected serial (1/{FIRST_SERIAL})"),
        ),
        (Box::new(|h| h.proc_nr = 1), "unexpected procedure number (1/92)".into()),
        (
            Box::new(|h| h.direction = 0),
            "unexpected message direction (0/1)".into(),
        ),
        (Box::new(|h| h.vers = 3), "wrong protocol version (3/4)".into()),
        (Box::new(|h| h.prog = 1), format!("wrong program (1/{})", PROGRAM)),
    ];
    for (edit, msg) in cases {
        assert_eq!(ping_with_raw_reply(reply_bytes(edit)), Err(CallError::Protocol(msg)));
    }
}

#[test]
fn malformed_replies() {
    assert_eq!(
        ping_with_raw_reply(frame(&[0; 12])),
        Err(CallError::Protocol("ping_daemon: failed to parse reply header".into()))
    );
    let mut trailing = reply_bytes(|_| {});
    trailing[3] += 4;
    trailing.extend_from_slice(&[0; 4]);
    assert_eq!(
        ping_with_raw_reply(trailing),
        Err(CallError::Protocol("ping_daemon: failed to parse reply".into()))
    );
    assert_eq!(
        ping_with_raw_reply(reply_bytes(|h| h.status = STATUS_ERROR)),
        Err(CallError::Protocol("ping_daemon: failed to parse reply error".into()))
    );
    assert_eq!(
        ping_with_raw_reply(LAUNCH_FLAG.to_be_bytes().to_vec()),
        Err(CallError::Protocol(
            "ping_daemon: received unexpected launch flag from daemon when expecting reply".into()
        ))
    );
    // A stray cancel flag before the reply is skipped.
    let mut r = CANCEL_FLAG.to_be_bytes().to_vec();
    r.extend(reply_bytes(|_| {}));
    assert_eq!(ping_with_raw_reply(r), Ok(RetValue::None));
}

#[test]
fn eof_mid_reply_is_closed() {
    let full = reply_bytes(|_| {});
    assert_eq!(ping_with_raw_reply(full[..20].to_vec()), Err(CallError::Closed));
    assert_eq!(ping_with_raw_reply(Vec::new()), Err(CallError::Closed));
    assert_eq!(
        ping_with_raw_reply(PROGRESS_FLAG.to_be_bytes().to_vec()),
        Err(CallError::Closed)
    );
    assert_eq!(CallError::Closed.errno(), libc::EPIPE);
}

#[test]
fn lost_synchronization_before_a_call() {
    let (lib, mut daemon) = UnixStream::pair().unwrap();
    let mut conn = Connection::new(lib, None);
    daemon.write_all(&[0, 0, 0, 8]).unwrap();
    let e = call(
        &mut conn,
        &Recorder::default(),
        "ping_daemon",
        &[],
        &AtomicBool::new(false),
    );
    assert_eq!(
        e,
        Err(CallError::Protocol(
            "check_daemon_socket: read 0x8 from daemon, expected 0xffffeeee.  Lost protocol synchronization (bad!)\n"
                .into()
        ))
    );
}

#[test]
fn write_to_dead_daemon_is_closed() {
    let (lib, daemon) = UnixStream::pair().unwrap();
    drop(daemon);
    let mut conn = Connection::new(lib, None);
    let e = call(
        &mut conn,
        &Recorder::default(),
        "ping_daemon",
        &[],
        &AtomicBool::new(false),
    );
    assert_eq!(e, Err(CallError::Closed));
}

#[test]
fn launch_wait_forwards_console_and_answers_dsr() {
    let (lib, mut daemon) = UnixStream::pair().unwrap();
    let (con_lib, mut con_qemu) = UnixStream::pair().unwrap();
    let mut conn = Connection::new(lib, Some(con_lib));
    let t = std::thread::spawn(move || {
        con_qemu.write_all(b"SeaBIOS\x1b[6n").unwrap();
        let mut answer = [0u8; 24];
        std::io::Read::read_exact(&mut con_qemu, &mut answer).unwrap();
        con_qemu.write_all(b"Linux version 6.1\n").unwrap();
        std::thread::sleep(Duration::from_millis(50));
        daemon
            .write_all(
                &Progress {
                    proc_nr: 0,
                    serial: 0,
                    position: 1,
                    total: 2,
                }
                .to_wire(),
            )
            .unwrap();
        daemon.write_all(&LAUNCH_FLAG.to_be_bytes()).unwrap();
        drop(con_qemu);
        (answer, daemon)
    });
    let ev = Recorder::default();
    conn.wait_for_launch(&ev, Some(Duration::from_secs(20))).unwrap();
    let (answer, _daemon) = t.join().unwrap();
    assert_eq!(&answer[..8], b"\x1b[24;80R");
    let out = String::from_utf8(ev.output.lock().unwrap().clone()).unwrap();
    assert!(out.starts_with("SeaBIOS\x1b[6n"), "{out:?}");
    conn.poll_console(&ev);
    let out = String::from_utf8(ev.output.lock().unwrap().clone()).unwrap();
    assert!(out.ends_with("Linux version 6.1\n"), "{out:?}");
    assert_eq!(ev.progress.lock().unwrap().len(), 1);
    // Console at EOF: no longer polled, and calls still work.
    conn.poll_console(&ev);
}

#[test]
fn launch_wait_timeout_and_eof() {
    let (lib, daemon) = UnixStream::pair().unwrap();
    let mut conn = Connection::new(lib, None);
    let e = conn
        .wait_for_launch(&Recorder::default(), Some(Duration::from_millis(100)))
        .unwrap_err();
    assert!(matches!(e, CallError::Timeout(_)));
    drop(daemon);
    assert_eq!(conn.wait_for_launch(&Recorder::default(), None), Err(CallError::Closed));
}

#[test]
fn random_replies_never_panic() {
    let mut rng = crate::value_tests::XorShift(0x1234_5678_9abc_def1);
    let actions = [
        "ping_daemon",
        "list_devices",
        "statvfs",
        "readdir",
        "mount",
        "lvs_full",
        "tune2fs_l",
        "download",
    ];
    for i in 0..300 {
        let mut raw = Vec::new();
        match i % 3 {
            // Whole garbage.
            0 => {
                let n = (rng.next() % 64) as usize;
                raw = rng.bytes(n)
            }
            // A plausible frame with a random body.
            _ => {
                let mut h = Header::reply_to(&Header::call(0, FIRST_SERIAL, 0, 0), (rng.next() % 2) as u32);
                h.proc_nr = u32::MAX; // patched below per action
                let n = (rng.next() % 48) as usize;
                let body = rng.bytes(n);
                raw.extend(frame_message(&h, &body));
            }
        }
        let name = actions[(rng.next() % actions.len() as u64) as usize];
        let a = table().action(name).unwrap();
        if raw.len() >= 16 && i % 3 != 0 {
            raw[12..16].copy_from_slice(&a.proc_nr.unwrap().to_be_bytes());
        }
        let args: Vec<Value> = a
            .args
            .iter()
            .map(|x| match x.ty {
                guestfs_api::ArgType::String(_) => s("/dev/null"),
                _ => Value::StrList(vec![]),
            })
            .collect();
        let (mut conn, d) = fake_daemon(move |s| {
            let _ = next_call(s);
            let _ = s.writer().write_all(&raw);
        });
        let _ = call(&mut conn, &Recorder::default(), name, &args, &AtomicBool::new(false));
        d.join().unwrap();
    }
}
