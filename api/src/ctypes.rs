//! How table types appear in C: declarations for the header and shims, and the
//! memory layout of the public structs (shared by the generator and the library).

use crate::model::*;

/// C type of a struct field in the public header.
pub fn field_c_type(t: FieldType) -> &'static str {
    match t {
        FieldType::Char => "char",
        FieldType::String => "char *",
        FieldType::Buffer => "char *",
        FieldType::UInt32 => "uint32_t",
        FieldType::Int32 => "int32_t",
        FieldType::UInt64 | FieldType::Bytes => "uint64_t",
        FieldType::Int64 => "int64_t",
        FieldType::Uuid => "char",
        FieldType::OptPercent => "float",
    }
}

/// One field's place in the C struct. A buffer field is two C members
/// (`uint32_t X_len; char *X;`), both described by one entry.
#[derive(Clone, Copy, Debug)]
pub struct FieldLayout {
    pub offset: usize,
    /// Offset of the `char *` of a buffer field (the length is at `offset`).
    pub data_offset: usize,
    pub ty: FieldType,
}

#[derive(Clone, Debug)]
pub struct StructLayout {
    pub size: usize,
    pub align: usize,
    pub fields: Vec<FieldLayout>,
}

fn size_align(t: FieldType) -> (usize, usize) {
    match t {
        FieldType::Char => (1, 1),
        FieldType::String => (8, 8),
        FieldType::Buffer => (8, 8),
        FieldType::UInt32 | FieldType::Int32 | FieldType::OptPercent => (4, 4),
        FieldType::UInt64 | FieldType::Int64 | FieldType::Bytes => (8, 8),
        FieldType::Uuid => (32, 1),
    }
}

fn round_up(n: usize, a: usize) -> usize {
    n.div_ceil(a) * a
}

/// x86_64 / LP64 System V layout of `struct guestfs_<name>`.
pub fn struct_layout(s: &Struct) -> StructLayout {
    let mut off = 0usize;
    let mut align = 1usize;
    let mut fields = Vec::new();
    for f in &s.fields {
        if f.ty == FieldType::Buffer {
            off = round_up(off, 4);
            let len_off = off;
            off += 4;
            off = round_up(off, 8);
            fields.push(FieldLayout {
                offset: len_off,
                data_offset: off,
                ty: f.ty,
            });
            off += 8;
            align = align.max(8);
        } else {
            let (sz, al) = size_align(f.ty);
            off = round_up(off, al);
            fields.push(FieldLayout {
                offset: off,
                data_offset: off,
                ty: f.ty,
            });
            off += sz;
            align = align.max(al);
        }
    }
    StructLayout {
        size: round_up(off.max(1), align),
        align,
        fields,
    }
}

/// C parameter declarations of an action's required arguments (without the handle).
pub fn arg_c_decls(a: &Action) -> Vec<String> {
    let mut v = Vec::new();
    for arg in &a.args {
        let n = &arg.name;
        match &arg.ty {
            ArgType::Bool | ArgType::Int => v.push(format!("int {n}")),
            ArgType::Int64 => v.push(format!("int64_t {n}")),
            ArgType::String(_) | ArgType::OptString => v.push(format!("const char *{n}")),
            ArgType::StringList(_) => v.push(format!("char *const *{n}")),
            ArgType::BufferIn => {
                v.push(format!("const char *{n}"));
                v.push(format!("size_t {n}_size"));
            }
            ArgType::Pointer(t) => v.push(format!("void * /* really {t} */ {n}")),
        }
    }
    v
}

/// C return type of an action.
pub fn ret_c_type(a: &Action) -> String {
    match &a.ret.ty {
        RetType::Err | RetType::Int | RetType::Bool => "int".into(),
        RetType::Int64 => "int64_t".into(),
        RetType::ConstString | RetType::ConstOptString => "const char *".into(),
        RetType::String(_) | RetType::BufferOut => "char *".into(),
        RetType::StringList(_) | RetType::Hashtable(..) => "char **".into(),
        RetType::Struct(s) => format!("struct guestfs_{s} *"),
        RetType::StructList(s) => format!("struct guestfs_{s}_list *"),
    }
}

/// C type of an optional argument's field in the `_argv` struct.
pub fn optarg_c_type(t: OptArgType) -> &'static str {
    match t {
        OptArgType::Bool | OptArgType::Int => "int ",
        OptArgType::Int64 => "int64_t ",
        OptArgType::String => "const char *",
        OptArgType::StringList => "char *const *",
    }
}
