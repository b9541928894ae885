//! Parser for `api.txt` and `descriptions.tsv` (format documented at the top of api.txt).

use crate::model::*;
use std::collections::HashMap;

fn str_kind(s: &str) -> Result<StrKind, String> {
    Ok(match s {
        "plain" => StrKind::Plain,
        "device" => StrKind::Device,
        "mountable" => StrKind::Mountable,
        "pathname" => StrKind::Pathname,
        "filein" => StrKind::FileIn,
        "fileout" => StrKind::FileOut,
        "key" => StrKind::Key,
        "guid" => StrKind::Guid,
        "filename" => StrKind::Filename,
        "dev_or_path" => StrKind::DevOrPath,
        "mountable_or_path" => StrKind::MountableOrPath,
        _ => return Err(format!("unknown string kind {s:?}")),
    })
}

fn word<'a>(w: &[&'a str], i: usize, line: &str) -> Result<&'a str, String> {
    w.get(i).copied().ok_or_else(|| format!("missing word {i} in {line:?}"))
}

fn parse_ret(w: &[&str], line: &str) -> Result<Ret, String> {
    let name = w.get(1).map(|s| s.to_string()).unwrap_or_default();
    let ty = match word(w, 0, line)? {
        "err" => RetType::Err,
        "int" => RetType::Int,
        "int64" => RetType::Int64,
        "bool" => RetType::Bool,
        "const_string" => RetType::ConstString,
        "const_opt_string" => RetType::ConstOptString,
        "string" => RetType::String(str_kind(word(w, 2, line)?)?),
        "string_list" => RetType::StringList(str_kind(word(w, 2, line)?)?),
        "struct" => RetType::Struct(word(w, 2, line)?.to_string()),
        "struct_list" => RetType::StructList(word(w, 2, line)?.to_string()),
        "hashtable" => RetType::Hashtable(str_kind(word(w, 2, line)?)?, str_kind(word(w, 3, line)?)?),
        "buffer" => RetType::BufferOut,
        other => return Err(format!("unknown return type {other:?}")),
    };
    Ok(Ret { name, ty })
}

fn parse_arg(w: &[&str], line: &str) -> Result<Arg, String> {
    let name = word(w, 1, line)?.to_string();
    let ty = match word(w, 0, line)? {
        "bool" => ArgType::Bool,
        "int" => ArgType::Int,
        "int64" => ArgType::Int64,
        "string" => ArgType::String(str_kind(word(w, 2, line)?)?),
        "opt_string" => ArgType::OptString,
        "string_list" => ArgType::StringList(str_kind(word(w, 2, line)?)?),
        "buffer" => ArgType::BufferIn,
        "pointer" => ArgType::Pointer(word(w, 2, line)?.replace('_', " ")),
        other => return Err(format!("unknown argument type {other:?}")),
    };
    Ok(Arg { name, ty })
}

fn parse_optarg(w: &[&str], line: &str) -> Result<OptArg, String> {
    let ty = match word(w, 0, line)? {
        "bool" => OptArgType::Bool,
        "int" => OptArgType::Int,
        "int64" => OptArgType::Int64,
        "string" => OptArgType::String,
        "string_list" => OptArgType::StringList,
        other => return Err(format!("unknown optarg type {other:?}")),
    };
    Ok(OptArg {
        name: word(w, 1, line)?.to_string(),
        ty,
    })
}

fn parse_field(w: &[&str], line: &str) -> Result<Field, String> {
    let ty = match word(w, 0, line)? {
        "char" => FieldType::Char,
        "string" => FieldType::String,
        "buffer" => FieldType::Buffer,
        "uint32" => FieldType::UInt32,
        "int32" => FieldType::Int32,
        "uint64" => FieldType::UInt64,
        "int64" => FieldType::Int64,
        "bytes" => FieldType::Bytes,
        "uuid" => FieldType::Uuid,
        "opt_percent" => FieldType::OptPercent,
        other => return Err(format!("unknown field type {other:?}")),
    };
    Ok(Field {
        name: word(w, 1, line)?.to_string(),
        ty,
    })
}

fn new_action(name: &str) -> Action {
    Action {
        name: name.to_string(),
        proc_nr: None,
        added: (0, 0, 0),
        ret: Ret {
            name: String::new(),
            ty: RetType::Err,
        },
        args: vec![],
        optargs: vec![],
        flags: Flags::default(),
        visibility: Visibility::Public,
        deprecated: Deprecation::No,
        optional: None,
        fish_alias: vec![],
        fish_output: None,
        description: String::new(),
        implementation: Implementation::Unimplemented,
    }
}

enum Block {
    None,
    Action(Box<Action>),
    Struct(Struct),
}

pub(crate) fn parse(text: &str, descriptions: &str) -> Result<Api, String> {
    let mut actions = Vec::new();
    let mut structs = Vec::new();
    let mut events = Vec::new();
    let mut errnos = Vec::new();
    // Actions whose row says where they are implemented (every action must).
    let mut placed: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut cur = Block::None;
    let flush = |cur: &mut Block, actions: &mut Vec<Action>, structs: &mut Vec<Struct>| match std::mem::replace(
        cur,
        Block::None,
    ) {
        Block::Action(a) => actions.push(*a),
        Block::Struct(s) => structs.push(s),
        Block::None => {}
    };
    for (lineno, line) in text.lines().enumerate() {
        let ctx = |e: String| format!("line {}: {e}", lineno + 1);
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut cur, &mut actions, &mut structs);
            continue;
        }
        let w: Vec<&str> = line.split_whitespace().collect();
        let indented = line.starts_with(' ');
        if !indented {
            flush(&mut cur, &mut actions, &mut structs);
            match w[0] {
                "action" => cur = Block::Action(Box::new(new_action(word(&w, 1, line).map_err(ctx)?))),
                "struct" => {
                    cur = Block::Struct(Struct {
                        name: word(&w, 1, line).map_err(ctx)?.to_string(),
                        camel: String::new(),
                        internal: false,
                        fields: vec![],
                    })
                }
                "event" => {
                    let bit = word(&w, 2, line)
                        .map_err(ctx)?
                        .parse()
                        .map_err(|e| ctx(format!("{e}")))?;
                    events.push((w[1].to_string(), bit));
                }
                "errno" => errnos.push(word(&w, 1, line).map_err(ctx)?.to_string()),
                other => return Err(ctx(format!("unknown top-level item {other:?}"))),
            }
            continue;
        }
        match &mut cur {
            Block::Action(a) => match w[0] {
                "proc" => {
                    a.proc_nr = Some(
                        word(&w, 1, line)
                            .map_err(ctx)?
                            .parse()
                            .map_err(|e| ctx(format!("{e}")))?,
                    )
                }
                "added" => {
                    let v: Vec<u32> = w[1].split('.').filter_map(|x| x.parse().ok()).collect();
                    if v.len() != 3 {
                        return Err(ctx("bad version".into()));
                    }
                    a.added = (v[0], v[1], v[2]);
                }
                "ret" => a.ret = parse_ret(&w[1..], line).map_err(ctx)?,
                "arg" => a.args.push(parse_arg(&w[1..], line).map_err(ctx)?),
                "optarg" => a.optargs.push(parse_optarg(&w[1..], line).map_err(ctx)?),
                "flags" => {
                    for f in &w[1..] {
                        let fl = &mut a.flags;
                        match *f {
                            "config_only" => fl.config_only = true,
                            "progress" => fl.progress = true,
                            "cancellable" => fl.cancellable = true,
                            "once_had_no_optargs" => fl.once_had_no_optargs = true,
                            "not_blocking" => fl.not_blocking = true,
                            "no_wrapper" => fl.no_wrapper = true,
                            "protocol_limit_warning" => fl.protocol_limit_warning = true,
                            "body_unlocked" => fl.body_unlocked = true,
                            other => return Err(ctx(format!("unknown flag {other:?}"))),
                        }
                    }
                }
                "visibility" => {
                    a.visibility = match word(&w, 1, line).map_err(ctx)? {
                        "public_no_fish" => Visibility::PublicNoFish,
                        "state_test" => Visibility::StateTest,
                        "bind_test" => Visibility::BindTest,
                        "debug" => Visibility::Debug,
                        "internal" => Visibility::Internal,
                        other => return Err(ctx(format!("unknown visibility {other:?}"))),
                    }
                }
                "deprecated_by" => a.deprecated = Deprecation::ReplacedBy(word(&w, 1, line).map_err(ctx)?.to_string()),
                "deprecated" => a.deprecated = Deprecation::NoReplacement,
                "optional" => a.optional = Some(word(&w, 1, line).map_err(ctx)?.to_string()),
                "fish_alias" => a.fish_alias = w[1..].iter().map(|s| s.to_string()).collect(),
                "fish_output" => a.fish_output = Some(word(&w, 1, line).map_err(ctx)?.to_string()),
                "daemon_impl" => {}
                "impl" | "unimplemented" => {
                    if !placed.insert(a.name.clone()) {
                        return Err(ctx("a second impl/unimplemented line".into()));
                    }
                    a.implementation = match w[0] {
                        "impl" => Implementation::Module(word(&w, 1, line).map_err(ctx)?.to_string()),
                        _ => Implementation::Unimplemented,
                    };
                }
                other => return Err(ctx(format!("unknown action attribute {other:?}"))),
            },
            Block::Struct(s) => match w[0] {
                "camel" => s.camel = word(&w, 1, line).map_err(ctx)?.to_string(),
                "internal" => s.internal = true,
                "field" => s.fields.push(parse_field(&w[1..], line).map_err(ctx)?),
                other => return Err(ctx(format!("unknown struct attribute {other:?}"))),
            },
            Block::None => return Err(ctx("indented line outside a block".into())),
        }
    }
    flush(&mut cur, &mut actions, &mut structs);
    if let Some(a) = actions.iter().find(|a| !placed.contains(&a.name)) {
        return Err(format!("action {}: neither `impl MODULE` nor `unimplemented`", a.name));
    }

    let mut desc: HashMap<&str, &str> = HashMap::new();
    for line in descriptions.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some((n, d)) = line.split_once('\t') {
            desc.insert(n.trim(), d.trim());
        }
    }
    for a in &mut actions {
        if let Some(d) = desc.get(a.name.as_str()) {
            a.description = d.to_string();
        }
    }
    Ok(Api::new(actions, structs, events, errnos))
}
