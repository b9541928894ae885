//! Generic marshalling of any action's arguments and results, driven by the API table,
//! so every daemon call works without per-action code.

use guestfs_api::{Action, Api, ArgType, FieldType, OptArgType, RetType, Struct};

use crate::consts::MESSAGE_MAX;
use crate::xdr::{XdrError, XdrReader, XdrWriter};

/// One argument value. Optargs use: OBool->Bool, OInt->Int, OInt64->Int64, OString->Str,
/// OStringList->StrList.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    Int(i32),
    Int64(i64),
    Str(Vec<u8>),
    OptStr(Option<Vec<u8>>),
    StrList(Vec<Vec<u8>>),
    Buffer(Vec<u8>),
}

/// One field of a returned struct. `FieldType::Bytes` decodes to `UInt64` (the public C type
/// is uint64_t); `FieldType::Char` travels as a 4-byte int and keeps its low byte.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Char(u8),
    Str(Vec<u8>),
    Buffer(Vec<u8>),
    Uuid([u8; 32]),
    UInt32(u32),
    Int32(i32),
    UInt64(u64),
    Int64(i64),
    OptPercent(f32),
}

/// A returned struct; fields in `api.structure(name).fields` order.
#[derive(Clone, Debug, PartialEq)]
pub struct StructValue {
    pub fields: Vec<FieldValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RetValue {
    None,
    Int(i32),
    Int64(i64),
    Bool(bool),
    Str(Vec<u8>),
    StrList(Vec<Vec<u8>>),
    /// Flat k1, v1, k2, v2, ...
    Hashtable(Vec<Vec<u8>>),
    Struct(StructValue),
    StructList(Vec<StructValue>),
    Buffer(Vec<u8>),
}

/// Longest string or buffer a message can hold; used as the bound when decoding.
const MAX_ITEM: usize = MESSAGE_MAX as usize;

fn mismatch(ctx: &str, what: &str, expected: &str, got: &impl std::fmt::Debug) -> XdrError {
    let mut g = format!("{got:?}");
    g.truncate(60);
    XdrError::Other(format!("{ctx}: {what}: expected {expected}, got {g}"))
}

fn put_arg(w: &mut XdrWriter, action: &Action, name: &str, ty: &ArgType, v: &Value) -> Result<(), XdrError> {
    match (ty, v) {
        (ArgType::Bool, Value::Bool(b)) => w.put_bool(*b),
        (ArgType::Int, Value::Int(i)) => w.put_i32(*i),
        (ArgType::Int64, Value::Int64(i)) => w.put_i64(*i),
        (ArgType::String(_), Value::Str(s)) => w.put_string(s),
        (ArgType::OptString, Value::OptStr(s)) => w.put_opt_string(s.as_deref()),
        (ArgType::OptString, Value::Str(s)) => w.put_opt_string(Some(s)),
        (ArgType::StringList(_), Value::StrList(l)) => w.put_string_list(l),
        (ArgType::BufferIn, Value::Buffer(b) | Value::Str(b)) => w.put_opaque(b),
        (ArgType::Pointer(_), _) => {
            return Err(XdrError::Other(format!(
                "{}: {name}: pointer arguments cannot be sent",
                action.name
            )))
        }
        (ty, v) => return Err(mismatch(&action.name, name, &format!("{ty:?}"), v)),
    }
    Ok(())
}

fn put_optarg(
    w: &mut XdrWriter,
    action: &Action,
    name: &str,
    ty: OptArgType,
    v: Option<&Value>,
) -> Result<(), XdrError> {
    match (ty, v) {
        (OptArgType::Bool, None) => w.put_bool(false),
        (OptArgType::Int, None) => w.put_i32(0),
        (OptArgType::Int64, None) => w.put_i64(0),
        (OptArgType::String, None) => w.put_string(b""),
        (OptArgType::StringList, None) => w.put_string_list(&[]),
        (OptArgType::Bool, Some(Value::Bool(b))) => w.put_bool(*b),
        (OptArgType::Int, Some(Value::Int(i))) => w.put_i32(*i),
        (OptArgType::Int64, Some(Value::Int64(i))) => w.put_i64(*i),
        (OptArgType::String, Some(Value::Str(s))) => w.put_string(s),
        (OptArgType::StringList, Some(Value::StrList(l))) => w.put_string_list(l),
        (ty, Some(v)) => return Err(mismatch(&action.name, name, &format!("{ty:?}"), v)),
    }
    Ok(())
}

/// Encode the XDR args struct: wire args (not FileIn/FileOut) in order, then EVERY optarg in
/// order (unset ones as zero values). `args` may hold either only the wire args or all the
/// action's args (file-transfer ones are then skipped). `optargs` shorter than the action's
/// list counts the missing ones as unset.
pub fn encode_args(action: &Action, args: &[Value], optargs: &[Option<Value>]) -> Result<Vec<u8>, XdrError> {
    let wire: Vec<_> = action.wire_args().collect();
    let values: Vec<&Value> = if args.len() == wire.len() {
        args.iter().collect()
    } else if args.len() == action.args.len() {
        action
            .args
            .iter()
            .zip(args)
            .filter(|(a, _)| !a.is_file_transfer())
            .map(|(_, v)| v)
            .collect()
    } else {
        return Err(XdrError::Other(format!(
            "{}: {} arguments given, expected {}",
            action.name,
            args.len(),
            wire.len()
        )));
    };
    if optargs.len() > action.optargs.len() {
        return Err(XdrError::Other(format!(
            "{}: {} optional arguments given, expected at most {}",
            action.name,
            optargs.len(),
            action.optargs.len()
        )));
    }
    let mut w = XdrWriter::new();
    for (arg, v) in wire.iter().zip(values) {
        put_arg(&mut w, action, &arg.name, &arg.ty, v)?;
    }
    for (i, oa) in action.optargs.iter().enumerate() {
        let v = optargs.get(i).and_then(|o| o.as_ref());
        put_optarg(&mut w, action, &oa.name, oa.ty, v)?;
    }
    Ok(w.into_bytes())
}

/// The header's optargs_bitmask for `optargs`: bit i set when optarg i is given.
pub fn optargs_bitmask(optargs: &[Option<Value>]) -> u64 {
    optargs
        .iter()
        .enumerate()
        .filter(|(i, v)| v.is_some() && *i < 64)
        .fold(0u64, |m, (i, _)| m | (1u64 << i))
}

fn get_arg(r: &mut XdrReader, action: &Action, ty: &ArgType) -> Result<Value, XdrError> {
    Ok(match ty {
        ArgType::Bool => Value::Bool(r.get_bool()?),
        ArgType::Int => Value::Int(r.get_i32()?),
        ArgType::Int64 => Value::Int64(r.get_i64()?),
        ArgType::String(_) => Value::Str(r.get_string(MAX_ITEM)?),
        ArgType::OptString => Value::OptStr(r.get_opt_string()?),
        ArgType::StringList(_) => Value::StrList(r.get_string_list()?),
        ArgType::BufferIn => Value::Buffer(r.get_opaque(MAX_ITEM)?),
        ArgType::Pointer(_) => {
            return Err(XdrError::Other(format!(
                "{}: pointer arguments cannot be received",
                action.name
            )))
        }
    })
}

fn get_optarg(r: &mut XdrReader, ty: OptArgType) -> Result<Value, XdrError> {
    Ok(match ty {
        OptArgType::Bool => Value::Bool(r.get_bool()?),
        OptArgType::Int => Value::Int(r.get_i32()?),
        OptArgType::Int64 => Value::Int64(r.get_i64()?),
        OptArgType::String => Value::Str(r.get_string(MAX_ITEM)?),
        OptArgType::StringList => Value::StrList(r.get_string_list()?),
    })
}

/// Daemon side: decode an args struct. Returns (wire args, every optarg). Trailing bytes
/// are an error.
pub fn decode_args(action: &Action, body: &[u8]) -> Result<(Vec<Value>, Vec<Value>), XdrError> {
    let mut r = XdrReader::new(body);
    let args = action
        .wire_args()
        .map(|a| get_arg(&mut r, action, &a.ty))
        .collect::<Result<Vec<_>, _>>()?;
    let optargs = action
        .optargs
        .iter()
        .map(|o| get_optarg(&mut r, o.ty))
        .collect::<Result<Vec<_>, _>>()?;
    r.finish()?;
    Ok((args, optargs))
}

fn lookup_struct<'a>(api: &'a Api, action: &Action, name: &str) -> Result<&'a Struct, XdrError> {
    api.structure(name)
        .ok_or_else(|| XdrError::Other(format!("{}: unknown struct type {name}", action.name)))
}

fn put_struct(w: &mut XdrWriter, ctx: &str, st: &Struct, v: &StructValue) -> Result<(), XdrError> {
    if v.fields.len() != st.fields.len() {
        return Err(XdrError::Other(format!(
            "{ctx}: struct {} has {} fields, value has {}",
            st.name,
            st.fields.len(),
            v.fields.len()
        )));
    }
    for (f, fv) in st.fields.iter().zip(&v.fields) {
        match (f.ty, fv) {
            (FieldType::Char, FieldValue::Char(c)) => w.put_i32(*c as i8 as i32),
            (FieldType::String, FieldValue::Str(s)) => w.put_string(s),
            (FieldType::Buffer, FieldValue::Buffer(b)) => w.put_opaque(b),
            (FieldType::Uuid, FieldValue::Uuid(u)) => w.put_opaque_fixed(u),
            (FieldType::UInt32, FieldValue::UInt32(x)) => w.put_u32(*x),
            (FieldType::Int32, FieldValue::Int32(x)) => w.put_i32(*x),
            (FieldType::UInt64 | FieldType::Bytes, FieldValue::UInt64(x)) => w.put_u64(*x),
            (FieldType::Int64 | FieldType::Bytes, FieldValue::Int64(x)) => w.put_i64(*x),
            (FieldType::OptPercent, FieldValue::OptPercent(x)) => w.put_f32(*x),
            (ty, v) => return Err(mismatch(ctx, &f.name, &format!("{ty:?}"), v)),
        }
    }
    Ok(())
}

/// Smallest encoded size of one struct, so a hostile list count can be checked before
/// allocating.
fn min_struct_size(st: &Struct) -> usize {
    st.fields
        .iter()
        .map(|f| match f.ty {
            FieldType::UInt64 | FieldType::Int64 | FieldType::Bytes => 8,
            FieldType::Uuid => 32,
            _ => 4,
        })
        .sum::<usize>()
        .max(1)
}

fn get_struct(r: &mut XdrReader, st: &Struct) -> Result<StructValue, XdrError> {
    let mut fields = Vec::with_capacity(st.fields.len());
    for f in &st.fields {
        fields.push(match f.ty {
            // xdr_char: a 4-byte int whose low byte is the char.
            FieldType::Char => FieldValue::Char(r.get_i32()? as u8),
            FieldType::String => FieldValue::Str(r.get_string(MAX_ITEM)?),
            FieldType::Buffer => FieldValue::Buffer(r.get_opaque(MAX_ITEM)?),
            FieldType::Uuid => {
                let mut u = [0u8; 32];
                u.copy_from_slice(&r.get_opaque_fixed(32)?);
                FieldValue::Uuid(u)
            }
            FieldType::UInt32 => FieldValue::UInt32(r.get_u32()?),
            FieldType::Int32 => FieldValue::Int32(r.get_i32()?),
            FieldType::UInt64 | FieldType::Bytes => FieldValue::UInt64(r.get_u64()?),
            FieldType::Int64 => FieldValue::Int64(r.get_i64()?),
            FieldType::OptPercent => FieldValue::OptPercent(r.get_f32()?),
        });
    }
    Ok(StructValue { fields })
}

/// One struct of the API table in XDR, as 1.48's daemon writes `tsk_dirent` and
/// `yara_detection` entries one after another into FileOut data.
pub fn encode_struct(api: &Api, name: &str, v: &StructValue) -> Result<Vec<u8>, XdrError> {
    let st = api
        .structure(name)
        .ok_or_else(|| XdrError::Other(format!("unknown struct type {name}")))?;
    let mut w = XdrWriter::new();
    put_struct(&mut w, name, st, v)?;
    Ok(w.into_bytes())
}

/// Structs of the API table laid back to back until `data` ends (the FileOut format of
/// [`encode_struct`]). Appliance bytes: every length is checked against what is left, and
/// a struct cut short is an error, never a partial entry.
pub fn decode_struct_stream(api: &Api, name: &str, data: &[u8]) -> Result<Vec<StructValue>, XdrError> {
    let st = api
        .structure(name)
        .ok_or_else(|| XdrError::Other(format!("unknown struct type {name}")))?;
    let mut r = XdrReader::new(data);
    let mut out = Vec::new();
    while r.remaining() > 0 {
        out.push(get_struct(&mut r, st)?);
    }
    Ok(out)
}

/// Encode the `_ret` struct of a reply (RErr -> empty).
pub fn encode_ret(action: &Action, api: &Api, ret: &RetValue) -> Result<Vec<u8>, XdrError> {
    let mut w = XdrWriter::new();
    match (&action.ret.ty, ret) {
        (RetType::Err, RetValue::None) => {}
        (RetType::Int, RetValue::Int(i)) => w.put_i32(*i),
        (RetType::Int64, RetValue::Int64(i)) => w.put_i64(*i),
        (RetType::Bool, RetValue::Bool(b)) => w.put_bool(*b),
        (RetType::String(_), RetValue::Str(s)) => w.put_string(s),
        (RetType::StringList(_), RetValue::StrList(l)) => w.put_string_list(l),
        (RetType::Hashtable(..), RetValue::Hashtable(l) | RetValue::StrList(l)) => w.put_string_list(l),
        (RetType::BufferOut, RetValue::Buffer(b) | RetValue::Str(b)) => w.put_opaque(b),
        (RetType::Struct(name), RetValue::Struct(v)) => {
            put_struct(&mut w, &action.name, lookup_struct(api, action, name)?, v)?
        }
        (RetType::StructList(name), RetValue::StructList(list)) => {
            let st = lookup_struct(api, action, name)?;
            w.put_u32(u32::try_from(list.len()).unwrap_or(u32::MAX));
            for v in list {
                put_struct(&mut w, &action.name, st, v)?;
            }
        }
        (ty, v) => return Err(mismatch(&action.name, "return value", &format!("{ty:?}"), v)),
    }
    Ok(w.into_bytes())
}

/// Decode the `_ret` struct of an OK reply. Trailing bytes are an error.
pub fn decode_ret(action: &Action, api: &Api, body: &[u8]) -> Result<RetValue, XdrError> {
    let mut r = XdrReader::new(body);
    let v = match &action.ret.ty {
        RetType::Err => RetValue::None,
        RetType::Int => RetValue::Int(r.get_i32()?),
        RetType::Int64 => RetValue::Int64(r.get_i64()?),
        RetType::Bool => RetValue::Bool(r.get_bool()?),
        RetType::String(_) => RetValue::Str(r.get_string(MAX_ITEM)?),
        RetType::StringList(_) => RetValue::StrList(r.get_string_list()?),
        RetType::Hashtable(..) => RetValue::Hashtable(r.get_string_list()?),
        RetType::BufferOut => RetValue::Buffer(r.get_opaque(MAX_ITEM)?),
        RetType::Struct(name) => RetValue::Struct(get_struct(&mut r, lookup_struct(api, action, name)?)?),
        RetType::StructList(name) => {
            let st = lookup_struct(api, action, name)?;
            let count = r.get_count("struct list", min_struct_size(st))?;
            let mut list = Vec::with_capacity(count);
            for _ in 0..count {
                list.push(get_struct(&mut r, st)?);
            }
            RetValue::StructList(list)
        }
        RetType::ConstString | RetType::ConstOptString => {
            return Err(XdrError::Other(format!(
                "{}: const string results are library-only and never on the wire",
                action.name
            )))
        }
    };
    r.finish()?;
    Ok(v)
}
