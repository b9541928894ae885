//! Trace lines in libguestfs 1.48's format (`mount "/dev/sda1" "/"`, `mount = 0`).

use guestfs_api::{Action, ArgType, OptArgType, RetType, StrKind};
use guestfs_protocol::{RetValue, Value};

fn quoted(s: &[u8]) -> String {
    format!("\"{}\"", String::from_utf8_lossy(s))
}

fn buffer(b: &[u8]) -> String {
    let mut o = String::from("\"");
    for &c in b.iter().take(256) {
        if (0x20..0x7f).contains(&c) {
            o.push(c as char);
        } else {
            o.push_str(&format!("\\x{c:02x}"));
        }
    }
    o.push('"');
    if b.len() > 256 {
        o.push_str(&format!("<truncated, original size {} bytes>", b.len()));
    }
    o
}

pub fn call_line(a: &Action, args: &[Value], optargs: &[Option<Value>]) -> String {
    let mut o = a.name.clone();
    for (spec, v) in a.args.iter().zip(args) {
        o.push(' ');
        match (v, &spec.ty) {
            (_, ArgType::String(StrKind::Key)) => o.push_str("\"***\""),
            (Value::Str(s), _) => o.push_str(&quoted(s)),
            (Value::OptStr(Some(s)), _) => o.push_str(&quoted(s)),
            (Value::OptStr(None), _) => o.push_str("null"),
            (Value::StrList(l), _) => {
                let j: Vec<String> = l.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect();
                o.push_str(&format!("\"{}\"", j.join(" ")));
            }
            (Value::Bool(b), _) => o.push_str(if *b { "true" } else { "false" }),
            (Value::Int(i), _) => o.push_str(&i.to_string()),
            // 1.48 prints the pointer cast to its C type: "(virDomainPtr)0x…".
            (Value::Int64(i), ArgType::Pointer(t)) => o.push_str(&format!("({t}){i:#x}")),
            (Value::Int64(i), _) => o.push_str(&i.to_string()),
            (Value::Buffer(b), _) => o.push_str(&buffer(b)),
        }
    }
    for (spec, v) in a.optargs.iter().zip(optargs) {
        let Some(v) = v else { continue };
        let val = match (v, spec.ty) {
            (Value::Bool(b), _) => (if *b { "true" } else { "false" }).to_string(),
            (Value::Int(i), _) => i.to_string(),
            (Value::Int64(i), _) => i.to_string(),
            (Value::Str(s), OptArgType::String) => String::from_utf8_lossy(s).into_owned(),
            (Value::StrList(l), _) => l
                .iter()
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        };
        o.push_str(&format!(" \"{}:{}\"", spec.name, val));
    }
    o
}

fn list(l: &[Vec<u8>]) -> String {
    let j: Vec<String> = l.iter().map(|s| quoted(s)).collect();
    format!("[{}]", j.join(", "))
}

pub fn return_line(a: &Action, r: &crate::error::Result<RetValue>) -> String {
    let n = &a.name;
    match r {
        Err(_) if a.ret.ty == RetType::ConstOptString => format!("{n} = \"NULL\""),
        Err(_) => match a.ret.ty {
            RetType::Err | RetType::Int | RetType::Int64 | RetType::Bool => format!("{n} = -1 (error)"),
            _ => format!("{n} = NULL (error)"),
        },
        Ok(v) => {
            let s = match v {
                RetValue::None => match a.ret.ty {
                    RetType::ConstOptString => "\"NULL\"".into(),
                    _ => "0".into(),
                },
                RetValue::Int(i) => i.to_string(),
                RetValue::Int64(i) => i.to_string(),
                RetValue::Bool(b) => (*b as i32).to_string(),
                RetValue::Str(s) => quoted(s),
                RetValue::StrList(l) | RetValue::Hashtable(l) => list(l),
                RetValue::Buffer(b) => buffer(b),
                RetValue::Struct(sv) => {
                    let t = if let RetType::Struct(t) = &a.ret.ty {
                        t.as_str()
                    } else {
                        ""
                    };
                    format!("<struct guestfs_{t} = {}>", struct_fields(t, sv))
                }
                RetValue::StructList(l) => {
                    let t = if let RetType::StructList(t) = &a.ret.ty {
                        t.as_str()
                    } else {
                        ""
                    };
                    let items: Vec<String> = l
                        .iter()
                        .enumerate()
                        .map(|(i, sv)| format!("[{i}]{{{}}}", struct_fields(t, sv)))
                        .collect();
                    if items.is_empty() {
                        format!("<struct guestfs_{t}_list(0)>")
                    } else {
                        format!("<struct guestfs_{t}_list({}) = {}>", l.len(), items.join(" "))
                    }
                }
            };
            format!("{n} = {s}")
        }
    }
}

/// `field: value, ` for each field, as 1.48's trace prints structs.
fn struct_fields(name: &str, sv: &guestfs_protocol::StructValue) -> String {
    use guestfs_protocol::FieldValue as F;
    let Some(def) = guestfs_api::table().structure(name) else {
        return String::new();
    };
    let mut o = String::new();
    for (f, v) in def.fields.iter().zip(&sv.fields) {
        let val = match v {
            F::Char(c) => (*c as char).to_string(),
            F::Str(s) => String::from_utf8_lossy(s).into_owned(),
            F::Buffer(b) => format!("<buffer of {} bytes>", b.len()),
            F::Uuid(u) => String::from_utf8_lossy(u).into_owned(),
            F::UInt32(x) => x.to_string(),
            F::Int32(x) => x.to_string(),
            F::UInt64(x) => x.to_string(),
            F::Int64(x) => x.to_string(),
            F::OptPercent(x) => format!("{x}"),
        };
        o.push_str(&format!("{}: {}, ", f.name, val));
    }
    o
}
