//! A raw protocol v4 client for driving guestfsd in tests (frames built with the
//! protocol crate's message types; no library involved).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;

use guestfs_protocol::{
    decode_ret, encode_args, frame_message, Chunk, Header, MessageError, RetValue, Value, XdrReader, CANCEL_FLAG,
    LAUNCH_FLAG, PROGRESS_FLAG,
};

pub struct Client {
    pub sock: UnixStream,
    pub serial: u32,
}

#[derive(Debug)]
pub enum Reply {
    Ok(RetValue),
    Err { errno: String, message: String },
}

impl Reply {
    pub fn ok_val(self) -> RetValue {
        match self {
            Reply::Ok(v) => v,
            Reply::Err { errno, message } => panic!("{errno}: {message}"),
        }
    }
}

pub fn s(x: &str) -> Value {
    Value::Str(x.as_bytes().to_vec())
}

impl Client {
    /// Wait for the launch flag on a fresh connection.
    pub fn new(mut sock: UnixStream) -> Client {
        let mut w = [0u8; 4];
        sock.read_exact(&mut w).unwrap();
        assert_eq!(u32::from_be_bytes(w), LAUNCH_FLAG);
        Client { sock, serial: 0x123400 }
    }
}

impl Client {
    pub fn word(&mut self) -> u32 {
        let mut w = [0u8; 4];
        self.sock.read_exact(&mut w).unwrap();
        u32::from_be_bytes(w)
    }

    pub fn payload(&mut self, len: u32) -> Vec<u8> {
        assert!(len <= 4 * 1024 * 1024);
        let mut b = vec![0u8; len as usize];
        self.sock.read_exact(&mut b).unwrap();
        b
    }

    /// Next framed message, skipping progress messages (counted) and, if allowed, CANCEL_FLAGs.
    pub fn message(&mut self, progress: &mut u32, cancels: &mut u32) -> Vec<u8> {
        loop {
            let w = self.word();
            if w == PROGRESS_FLAG {
                self.payload(24);
                *progress += 1;
                continue;
            }
            if w == CANCEL_FLAG {
                *cancels += 1;
                continue;
            }
            return self.payload(w);
        }
    }

    pub fn send_call(
        &mut self,
        name: &str,
        args: &[Value],
        optargs: &[Option<Value>],
        hint: u64,
    ) -> (&'static guestfs_api::Action, Header) {
        let api = guestfs_api::table();
        let a = api.action(name).unwrap();
        let bitmask = guestfs_protocol::optargs_bitmask(optargs);
        let body = encode_args(a, args, optargs).unwrap();
        self.serial += 1;
        let h = Header::call(a.proc_nr.unwrap(), self.serial, hint, bitmask);
        self.sock.write_all(&frame_message(&h, &body)).unwrap();
        (a, h)
    }

    pub fn read_reply(&mut self, a: &guestfs_api::Action, h: &Header) -> Reply {
        let (mut p, mut c) = (0, 0);
        let msg = self.message(&mut p, &mut c);
        self.decode_reply(a, h, &msg)
    }

    pub fn decode_reply(&self, a: &guestfs_api::Action, h: &Header, msg: &[u8]) -> Reply {
        let mut r = XdrReader::new(msg);
        let rh = Header::decode(&mut r).unwrap();
        assert_eq!(rh.direction, 1);
        assert_eq!(rh.serial, h.serial);
        assert_eq!(rh.proc_nr, h.proc_nr);
        let body = &msg[msg.len() - r.remaining()..];
        if rh.status == 1 {
            let mut r = XdrReader::new(body);
            let e = MessageError::decode(&mut r).unwrap();
            Reply::Err {
                errno: e.errno,
                message: e.message,
            }
        } else {
            Reply::Ok(decode_ret(a, guestfs_api::table(), body).unwrap())
        }
    }

    pub fn call(&mut self, name: &str, args: &[Value], optargs: &[Option<Value>]) -> Reply {
        let (a, h) = self.send_call(name, args, optargs, 0);
        self.read_reply(a, &h)
    }

    pub fn ok(&mut self, name: &str, args: &[Value]) -> RetValue {
        match self.call(name, args, &[]) {
            Reply::Ok(v) => v,
            Reply::Err { errno, message } => panic!("{name}: {errno}: {message}"),
        }
    }

    pub fn err(&mut self, name: &str, args: &[Value]) -> (String, String) {
        match self.call(name, args, &[]) {
            Reply::Err { errno, message } => (errno, message),
            Reply::Ok(v) => panic!("{name}: expected an error, got {v:?}"),
        }
    }

    /// A FileIn call: send the call and `data` as chunks; returns the reply and whether the
    /// daemon sent a CANCEL_FLAG.
    pub fn call_file_in(
        &mut self,
        name: &str,
        args: &[Value],
        optargs: &[Option<Value>],
        data: &[u8],
    ) -> (Reply, bool) {
        let (a, h) = self.send_call(name, args, optargs, data.len() as u64);
        for piece in data.chunks(8192) {
            self.sock
                .write_all(
                    &Chunk {
                        cancel: false,
                        data: piece.to_vec(),
                    }
                    .to_frame(),
                )
                .unwrap();
        }
        self.sock.write_all(&Chunk::end().to_frame()).unwrap();
        let (mut p, mut c) = (0, 0);
        let msg = self.message(&mut p, &mut c);
        (self.decode_reply(a, &h, &msg), c > 0)
    }

    /// A FileOut call: the reply, then the file's bytes (None if the daemon cancelled).
    pub fn call_file_out(&mut self, name: &str, args: &[Value], optargs: &[Option<Value>]) -> (Reply, Option<Vec<u8>>) {
        let (a, h) = self.send_call(name, args, optargs, 0);
        let rep = self.read_reply(a, &h);
        if let Reply::Err { .. } = rep {
            return (rep, None);
        }
        let mut data = Vec::new();
        let (mut p, mut c) = (0, 0);
        loop {
            let msg = self.message(&mut p, &mut c);
            let ch = Chunk::from_payload(&msg).unwrap();
            if ch.cancel {
                return (rep, None);
            }
            if ch.data.is_empty() {
                return (rep, Some(data));
            }
            data.extend_from_slice(&ch.data);
        }
    }
}

/// A fresh directory under the system temp dir.
pub fn tmpdir(tag: &str) -> std::path::PathBuf {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let d = std::env::temp_dir().join(format!("guestfsd-it-{tag}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Starts `guestfsd --listen SOCKPATH -r ROOT [EXTRA...]` on the host and connects to it
/// (the socket appears once the daemon is ready), with `read_timeout` on replies.
pub fn spawn_listening_daemon(
    sockpath: &std::path::Path,
    root: &std::path::Path,
    extra: &[&str],
    read_timeout: std::time::Duration,
) -> (std::process::Child, Client) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_guestfsd"))
        .arg("--listen")
        .arg(sockpath)
        .arg("-r")
        .arg(root)
        .args(extra)
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let sock = loop {
        match UnixStream::connect(sockpath) {
            Ok(s) => break s,
            Err(_) if std::time::Instant::now() < deadline => std::thread::sleep(std::time::Duration::from_millis(10)),
            Err(e) => panic!("connect: {e}"),
        }
    };
    sock.set_read_timeout(Some(read_timeout)).unwrap();
    (child, Client::new(sock))
}
