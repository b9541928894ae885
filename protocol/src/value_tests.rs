//! Tests of the table-driven codec against real actions of the API table.

use guestfs_api::{table, Action};

use crate::samples::*;

use crate::consts::*;
use crate::message::{frame_message, Header};
use crate::value::*;
use crate::xdr::XdrError;

/// A small deterministic PRNG so the fuzz loops are reproducible.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn daemon_actions() -> impl Iterator<Item = &'static Action> {
    table().actions.iter().filter(|a| a.is_daemon())
}

#[test]
fn mount_call_is_64_bytes() {
    let a = table().action("mount").unwrap();
    let body = encode_args(a, &[Value::Str(b"/dev/sda1".to_vec()), Value::Str(b"/".to_vec())], &[]).unwrap();
    assert_eq!(body.len(), 24);
    let msg = frame_message(&Header::call(1, FIRST_SERIAL, 0, 0), &body);
    assert_eq!(msg.len() - 4, 64);
    assert_eq!(&msg[..4], &[0, 0, 0, 64]);
}

#[test]
fn unset_optargs_are_zero_values() {
    let a = table().action("mkfs").unwrap();
    assert_eq!(a.optargs.len(), 5);
    let args = [Value::Str(b"ext4".to_vec()), Value::Str(b"/dev/sda1".to_vec())];
    let mut opts: Vec<Option<Value>> = vec![None; 5];
    opts[4] = Some(Value::Str(b"L".to_vec()));
    let body = encode_args(a, &args, &opts).unwrap();
    // fstype(4+4) device(4+12) blocksize(4) features(4) inode(4) sectorsize(4) label(4+4)
    assert_eq!(body.len(), 8 + 16 + 4 + 4 + 4 + 4 + 8);
    assert_eq!(optargs_bitmask(&opts), 1 << 4);
    let (da, dopts) = decode_args(a, &body).unwrap();
    assert_eq!(da, args);
    assert_eq!(
        dopts,
        vec![
            Value::Int(0),
            Value::Str(vec![]),
            Value::Int(0),
            Value::Int(0),
            Value::Str(b"L".to_vec())
        ]
    );
}

#[test]
fn file_transfer_args_are_skipped() {
    let a = table().action("upload").unwrap();
    let all = [Value::Str(b"/local/file".to_vec()), Value::Str(b"/remote".to_vec())];
    let body = encode_args(a, &all, &[]).unwrap();
    assert_eq!(body, encode_args(a, &all[1..], &[]).unwrap());
    let (args, _) = decode_args(a, &body).unwrap();
    assert_eq!(args, vec![Value::Str(b"/remote".to_vec())]);
}

#[test]
fn args_round_trip_for_every_daemon_action() {
    for a in daemon_actions() {
        let args: Vec<Value> = a.wire_args().enumerate().map(|(i, x)| sample_arg(&x.ty, i)).collect();
        let opts: Vec<Option<Value>> = a.optargs.iter().map(|o| Some(sample_optarg(o.ty))).collect();
        let body = encode_args(a, &args, &opts).unwrap_or_else(|e| panic!("{}: {e}", a.name));
        let (da, dopts) = decode_args(a, &body).unwrap_or_else(|e| panic!("{}: {e}", a.name));
        assert_eq!(da, args, "{}", a.name);
        assert_eq!(
            dopts,
            opts.into_iter().map(Option::unwrap).collect::<Vec<_>>(),
            "{}",
            a.name
        );
        // Every strict prefix fails cleanly; an extra word is rejected.
        for cut in 0..body.len() {
            assert!(decode_args(a, &body[..cut]).is_err(), "{} cut {cut}", a.name);
        }
        let mut longer = body.clone();
        longer.extend_from_slice(&[0, 0, 0, 0]);
        assert!(decode_args(a, &longer).is_err(), "{}", a.name);
    }
}

#[test]
fn ret_round_trip_for_every_ret_type() {
    let api = table();
    let mut seen = std::collections::HashSet::new();
    for a in daemon_actions() {
        let Some(ret) = sample_ret(api, a) else { continue };
        seen.insert(std::mem::discriminant(&a.ret.ty));
        let body = encode_ret(a, api, &ret).unwrap_or_else(|e| panic!("{}: {e}", a.name));
        assert_eq!(
            decode_ret(a, api, &body).unwrap_or_else(|e| panic!("{}: {e}", a.name)),
            ret,
            "{}",
            a.name
        );
        for cut in 0..body.len() {
            assert!(decode_ret(a, api, &body[..cut]).is_err(), "{} cut {cut}", a.name);
        }
        let mut longer = body.clone();
        longer.extend_from_slice(&[0, 0, 0, 0]);
        assert!(decode_ret(a, api, &longer).is_err(), "{}", a.name);
    }
    // err int int64 bool string string_list struct struct_list hashtable buffer
    assert_eq!(seen.len(), 10);
}

#[test]
fn struct_wire_layout() {
    let api = table();
    let a = api.action("statns").unwrap();
    let body = encode_ret(a, api, &sample_ret(api, a).unwrap()).unwrap();
    assert_eq!(body.len(), 22 * 8);
    // dirent: int64 ino, char ftyp (4 bytes), string name.
    let a = api.action("readdir").unwrap();
    let one = StructValue {
        fields: vec![
            FieldValue::Int64(5),
            FieldValue::Char(b'r'),
            FieldValue::Str(b"f".to_vec()),
        ],
    };
    let body = encode_ret(a, api, &RetValue::StructList(vec![one])).unwrap();
    assert_eq!(
        body,
        [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, b'r', 0, 0, 0, 1, b'f', 0, 0, 0]
    );
}

#[test]
fn hostile_struct_list_count() {
    let api = table();
    let a = api.action("readdir").unwrap();
    let r = decode_ret(a, api, &[0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    assert!(matches!(r, Err(XdrError::TooLong { .. })), "{r:?}");
}

#[test]
fn type_mismatch_is_an_error() {
    let a = table().action("mount").unwrap();
    assert!(encode_args(a, &[Value::Int(1), Value::Str(vec![])], &[]).is_err());
    assert!(encode_args(a, &[Value::Str(vec![])], &[]).is_err());
    let api = table();
    assert!(encode_ret(api.action("ping_daemon").unwrap(), api, &RetValue::Int(1)).is_err());
}

#[test]
fn random_bytes_never_panic() {
    let api = table();
    let actions: Vec<&Action> = daemon_actions().collect();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20000 {
        let a = actions[(rng.next() % actions.len() as u64) as usize];
        let n = (rng.next() % 64) as usize;
        let mut b = rng.bytes(n);
        // Bias towards small counts so decoding gets past the first length word.
        if n >= 4 && rng.next().is_multiple_of(2) {
            b[0] = 0;
            b[1] = 0;
            b[2] = 0;
        }
        let _ = decode_args(a, &b);
        let _ = decode_ret(a, api, &b);
    }
}
