//! Types describing the API: actions, their arguments and returns, structs.

use std::collections::HashMap;

/// What a string argument or result means; drives the daemon's checks and
/// device-name translation and the library's validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StrKind {
    Plain,
    Device,
    Mountable,
    Pathname,
    FileIn,
    FileOut,
    Key,
    Guid,
    Filename,
    DevOrPath,
    MountableOrPath,
}

impl StrKind {
    /// What a string of this kind is, for the generated documentation (the reference and
    /// the Rust API's rustdoc say the same).
    pub fn describe(self) -> &'static str {
        match self {
            StrKind::Plain => "text",
            StrKind::Device => {
                "a device name as the caller sees it (`/dev/sda`, `/dev/sda1`, `/dev/VG/LV`, `/dev/md0` ...); it must exist in the appliance, or the call fails before it runs"
            }
            StrKind::Mountable => {
                "a device name or a btrfs subvolume (`btrfsvol:/dev/sda2/root`), as `list_filesystems` returns them"
            }
            StrKind::Pathname => {
                "an absolute path in the guest's filesystem; a relative path is refused, and most calls need a filesystem mounted on `/`"
            }
            StrKind::FileIn => "a file on the host whose contents are sent to the appliance (`/dev/stdin` for standard input)",
            StrKind::FileOut => "a file on the host that receives data from the appliance (`/dev/stdout` for standard output)",
            StrKind::Key => "a passphrase or key (it is never traced)",
            StrKind::Guid => "a GPT GUID in its usual text form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`)",
            StrKind::Filename => "a file name on the host, or a name the call interprets",
            StrKind::DevOrPath => "a device name, or else an absolute guest path",
            StrKind::MountableOrPath => "a mountable (device or btrfs subvolume), or else an absolute guest path",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgType {
    Bool,
    Int,
    Int64,
    String(StrKind),
    OptString,
    StringList(StrKind),
    BufferIn,
    /// A raw C pointer (only `add_libvirt_dom`); the string is the C type.
    Pointer(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    pub name: String,
    pub ty: ArgType,
}

impl Arg {
    /// FileIn/FileOut arguments name local files: they are not sent in the XDR args.
    pub fn is_file_transfer(&self) -> bool {
        matches!(self.ty, ArgType::String(StrKind::FileIn | StrKind::FileOut))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptArgType {
    Bool,
    Int,
    Int64,
    String,
    StringList,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptArg {
    pub name: String,
    pub ty: OptArgType,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetType {
    Err,
    Int,
    Int64,
    Bool,
    ConstString,
    ConstOptString,
    String(StrKind),
    StringList(StrKind),
    Struct(String),
    StructList(String),
    /// Key and value kinds (a device or mountable is in the caller's spelling).
    Hashtable(StrKind, StrKind),
    BufferOut,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ret {
    /// Name of the result in the XDR `_ret` struct (empty for `err`).
    pub name: String,
    pub ty: RetType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Public,
    PublicNoFish,
    StateTest,
    BindTest,
    Debug,
    Internal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deprecation {
    No,
    ReplacedBy(String),
    NoReplacement,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub config_only: bool,
    pub progress: bool,
    pub cancellable: bool,
    pub once_had_no_optargs: bool,
    pub not_blocking: bool,
    pub no_wrapper: bool,
    pub protocol_limit_warning: bool,
    /// A guestfs-rs flag, not 1.48's: the action's body runs without the handle lock (the
    /// ENTER event, argument checks and trace lines still run with it). The body takes the
    /// lock itself for each piece of work, so another thread can use the handle while it
    /// waits: `mount_local_run` between FUSE requests, `umount_local` while it runs
    /// fusermount.
    pub body_unlocked: bool,
}

/// Where an action is carried out: the family module that holds its one typed function
/// (`daemon/src/calls/MODULE` for daemon actions, `src/actions/MODULE` for library ones),
/// or nowhere yet. The generated dispatch calls `MODULE::NAME`, so the compiler checks
/// that the function exists and has the action's types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Implementation {
    Module(String),
    /// Answers ENOTSUP; `docs/status.md` lists these.
    Unimplemented,
}

#[derive(Clone, Debug)]
pub struct Action {
    pub name: String,
    /// Daemon procedure number; `None` for actions the library carries out itself.
    pub proc_nr: Option<u32>,
    pub added: (u32, u32, u32),
    pub ret: Ret,
    pub args: Vec<Arg>,
    pub optargs: Vec<OptArg>,
    pub flags: Flags,
    pub visibility: Visibility,
    pub deprecated: Deprecation,
    pub optional: Option<String>,
    pub fish_alias: Vec<String>,
    pub fish_output: Option<String>,
    pub description: String,
    pub implementation: Implementation,
}

impl Action {
    /// The Rust name of its typed implementation function: the action's name in lower
    /// case (`mkswap_L` → `mkswap_l`).
    pub fn rust_fn_name(&self) -> String {
        self.name.to_lowercase()
    }
    pub fn is_daemon(&self) -> bool {
        self.proc_nr.is_some()
    }
    /// `GUESTFS_PRIVATE` functions: internal ones are hidden from normal C users.
    pub fn is_private(&self) -> bool {
        self.visibility == Visibility::Internal
    }
    /// The C name of the optargs-taking entry point: `mkfs_opts` for the 17 actions that
    /// once had no optional arguments, otherwise the action's own name.
    pub fn c_name(&self) -> String {
        if self.flags.once_had_no_optargs {
            format!("{}_opts", self.name)
        } else {
            self.name.clone()
        }
    }
    /// Prefix of the optarg index/bitmask macros, e.g. `GUESTFS_MKFS_OPTS`.
    pub fn optarg_prefix(&self) -> String {
        format!("GUESTFS_{}", self.c_name().to_uppercase())
    }
    pub fn file_in_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.ty == ArgType::String(StrKind::FileIn))
    }
    pub fn file_out_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.ty == ArgType::String(StrKind::FileOut))
    }
    /// The generated struct of its optional arguments: `mkfs` → `MkfsOpts`.
    pub fn rust_opts_name(&self) -> String {
        format!("{}Opts", camel_case(&self.name))
    }
    /// Arguments that travel in the XDR args struct (FileIn/FileOut names stay local).
    pub fn wire_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| !a.is_file_transfer())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Char,
    String,
    Buffer,
    UInt32,
    Int32,
    UInt64,
    Int64,
    Bytes,
    Uuid,
    OptPercent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub ty: FieldType,
}

#[derive(Clone, Debug)]
pub struct Struct {
    pub name: String,
    pub camel: String,
    pub internal: bool,
    pub fields: Vec<Field>,
}

impl Struct {
    /// The Rust type generated for it: `lvm_pv` → `LvmPv`, `statns` → `Statns`.
    pub fn rust_name(&self) -> String {
        camel_case(&self.name)
    }
}

/// Generated Rust statements that run `call` (an expression giving the typed result of an
/// action's implementation) and turn its result into the generic `RetValue`, by the
/// action's return type: both generated dispatches (daemon and library) end this way.
pub fn rust_ret_value(api: &Api, ret: &RetType, call: &str) -> String {
    let into = "Into::<Vec<u8>>::into";
    let structure = |s: &str| api.structure(s).expect("struct in table").rust_name();
    match ret {
        RetType::Err => format!("    let () = {call}?;\n    Ok(RetValue::None)\n"),
        RetType::Int => format!("    let v: i32 = {call}?;\n    Ok(RetValue::Int(v))\n"),
        RetType::Int64 => format!("    let v: i64 = {call}?;\n    Ok(RetValue::Int64(v))\n"),
        RetType::Bool => format!("    let v: bool = {call}?;\n    Ok(RetValue::Bool(v))\n"),
        RetType::String(_) | RetType::ConstString => format!("    Ok(RetValue::Str({into}({call}?)))\n"),
        RetType::ConstOptString => {
            format!("    Ok({call}?.map(|v| RetValue::Str({into}(v))).unwrap_or(RetValue::None))\n")
        }
        RetType::StringList(_) => {
            format!("    Ok(RetValue::StrList({call}?.into_iter().map({into}).collect()))\n")
        }
        RetType::Struct(s) => {
            let ty = structure(s);
            format!("    let v: structs::{ty} = {call}?;\n    Ok(RetValue::Struct(v.into_value()))\n")
        }
        RetType::StructList(s) => {
            let ty = structure(s);
            format!(
                "    let v: Vec<structs::{ty}> = {call}?;\n    Ok(RetValue::StructList(v.into_iter().map(structs::{ty}::into_value).collect()))\n"
            )
        }
        RetType::Hashtable(..) => format!(
            "    Ok(RetValue::Hashtable({call}?.into_iter().flat_map(|(k, v)| [{into}(k), {into}(v)]).collect()))\n"
        ),
        RetType::BufferOut => format!("    let v: Vec<u8> = {call}?;\n    Ok(RetValue::Buffer(v))\n"),
    }
}

/// Generated Rust source of a documented `pub const NAME: &[&str]` holding `names` (the
/// generators' lists of implemented and unimplemented actions).
pub fn rust_name_list(doc: &str, name: &str, names: &[&str]) -> String {
    let mut o = format!("/// {doc}\npub const {name}: &[&str] = &[\n");
    for n in names {
        o.push_str(&format!("    {n:?},\n"));
    }
    o.push_str("];\n");
    o
}

/// A table name as a Rust identifier: keywords become raw identifiers (`unsafe` →
/// `r#unsafe`), so generated fields keep the table's names.
pub fn rust_ident(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
        "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
        "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "yield", "abstract", "become",
        "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
    ];
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// `add_drive` → `AddDrive`: how generated Rust names are formed from table names.
pub fn camel_case(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[derive(Clone, Debug)]
pub struct Api {
    pub actions: Vec<Action>,
    pub structs: Vec<Struct>,
    /// (name, bit) in bit order.
    pub events: Vec<(String, u64)>,
    /// Errno names the protocol can carry.
    pub errnos: Vec<String>,
    by_name: HashMap<String, usize>,
    by_proc: HashMap<u32, usize>,
}

impl Api {
    pub(crate) fn new(
        actions: Vec<Action>,
        structs: Vec<Struct>,
        events: Vec<(String, u64)>,
        errnos: Vec<String>,
    ) -> Api {
        let by_name = actions.iter().enumerate().map(|(i, a)| (a.name.clone(), i)).collect();
        let by_proc = actions
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.proc_nr.map(|p| (p, i)))
            .collect();
        Api {
            actions,
            structs,
            events,
            errnos,
            by_name,
            by_proc,
        }
    }
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.by_name.get(name).map(|&i| &self.actions[i])
    }
    pub fn action_index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
    pub fn by_proc(&self, proc_nr: u32) -> Option<&Action> {
        self.by_proc.get(&proc_nr).map(|&i| &self.actions[i])
    }
    pub fn structure(&self, name: &str) -> Option<&Struct> {
        self.structs.iter().find(|s| s.name == name)
    }
    /// Highest procedure number (1.48: 510).
    pub fn max_proc_nr(&self) -> u32 {
        self.by_proc.keys().copied().max().unwrap_or(0)
    }
    /// Optional groups named by daemon actions, sorted, plus the groups 1.48 retired
    /// but still reports as available ("augeas", "realpath").
    pub fn optgroups(&self) -> Vec<String> {
        let mut g: Vec<String> = self
            .actions
            .iter()
            .filter(|a| a.is_daemon())
            .filter_map(|a| a.optional.clone())
            .chain(["augeas".to_string(), "realpath".to_string()])
            .collect();
        g.sort();
        g.dedup();
        g
    }
}
