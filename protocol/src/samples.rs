//! Sample values for every argument, optarg and return type of the API table: shared by
//! the unit tests and the rpcgen differential check (`examples/dump_samples.rs`,
//! `tools/xdr-differential.sh`). Not part of the stable interface.

use guestfs_api::{Action, Api, ArgType, FieldType, OptArgType, RetType};

use crate::value::{FieldValue, RetValue, StructValue, Value};

pub fn sample_arg(ty: &ArgType, i: usize) -> Value {
    match ty {
        ArgType::Bool => Value::Bool(i % 2 == 1),
        ArgType::Int => Value::Int(-(i as i32) - 1),
        ArgType::Int64 => Value::Int64(1 << 40 | i as i64),
        ArgType::String(_) => Value::Str(format!("/dev/sd{i}").into_bytes()),
        ArgType::OptString => Value::OptStr(if i.is_multiple_of(2) {
            None
        } else {
            Some(b"opt".to_vec())
        }),
        ArgType::StringList(_) => Value::StrList(vec![b"a".to_vec(), b"bcdef".to_vec()]),
        ArgType::BufferIn => Value::Buffer(vec![0, 1, 2, 255, 4]),
        // Only the library-side add_libvirt_dom takes a pointer; it never goes on the wire.
        ArgType::Pointer(_) => Value::Str(Vec::new()),
    }
}

pub fn sample_optarg(ty: OptArgType) -> Value {
    match ty {
        OptArgType::Bool => Value::Bool(true),
        OptArgType::Int => Value::Int(4096),
        OptArgType::Int64 => Value::Int64(-5),
        OptArgType::String => Value::Str(b"label".to_vec()),
        OptArgType::StringList => Value::StrList(vec![b"x".to_vec()]),
    }
}

pub fn sample_struct(api: &Api, name: &str, seed: u8) -> StructValue {
    let st = api.structure(name).unwrap();
    let fields = st
        .fields
        .iter()
        .map(|f| match f.ty {
            FieldType::Char => FieldValue::Char(b'd' + seed),
            FieldType::String => FieldValue::Str(format!("{}{seed}", f.name).into_bytes()),
            FieldType::Buffer => FieldValue::Buffer(vec![seed, 0, 9]),
            FieldType::Uuid => FieldValue::Uuid([b'0' + seed % 10; 32]),
            FieldType::UInt32 => FieldValue::UInt32(0xffff_fff0 + seed as u32),
            FieldType::Int32 => FieldValue::Int32(-(seed as i32)),
            FieldType::UInt64 | FieldType::Bytes => FieldValue::UInt64(u64::MAX - seed as u64),
            FieldType::Int64 => FieldValue::Int64(i64::MIN + seed as i64),
            FieldType::OptPercent => FieldValue::OptPercent(if seed.is_multiple_of(2) { -1.0 } else { 12.5 }),
        })
        .collect();
    StructValue { fields }
}

pub fn sample_ret(api: &Api, a: &Action) -> Option<RetValue> {
    Some(match &a.ret.ty {
        RetType::Err => RetValue::None,
        RetType::Int => RetValue::Int(-7),
        RetType::Int64 => RetValue::Int64(1 << 50),
        RetType::Bool => RetValue::Bool(true),
        RetType::String(_) => RetValue::Str(b"hello".to_vec()),
        RetType::StringList(_) => RetValue::StrList(vec![b"a".to_vec(), b"".to_vec(), b"abcd".to_vec()]),
        RetType::Hashtable(..) => RetValue::Hashtable(vec![b"k".to_vec(), b"v".to_vec()]),
        RetType::BufferOut => RetValue::Buffer(vec![1, 2, 3, 0, 5, 6]),
        RetType::Struct(n) => RetValue::Struct(sample_struct(api, n, 3)),
        RetType::StructList(n) => RetValue::StructList(vec![sample_struct(api, n, 1), sample_struct(api, n, 2)]),
        RetType::ConstString | RetType::ConstOptString => return None,
    })
}
