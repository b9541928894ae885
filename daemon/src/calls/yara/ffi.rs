//! libyara through its C API: loading compiled rules, compiling source rules, and
//! scanning a file descriptor. Every `unsafe` of the yr_* calls lives here; results are
//! copied into owned Rust values before the calls return. libyara is loaded at first use
//! (`dynlib`), not linked.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::os::fd::{AsRawFd, BorrowedFd};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::sync::OnceLock;

use crate::calls::dynlib::Library;

#[repr(C)]
struct RawRules {
    _private: [u8; 0],
}

#[repr(C)]
struct RawCompiler {
    _private: [u8; 0],
}

/// The head of `YR_RULE` (yara/types.h): `identifier` is the first arena reference, an
/// 8-byte-aligned union whose pointer member is valid in loaded rules.
#[repr(C)]
struct RawRuleHead {
    flags: i32,
    num_atoms: i32,
    identifier: *const c_char,
}

type ScanCallback =
    extern "C" fn(context: *mut c_void, message: c_int, message_data: *mut c_void, user_data: *mut c_void) -> c_int;
type CompilerCallback = extern "C" fn(
    level: c_int,
    file_name: *const c_char,
    line: c_int,
    rule: *const c_void,
    message: *const c_char,
    user_data: *mut c_void,
);

/// The libyara functions the daemon calls (declarations from yara.h).
struct Yara {
    initialize: unsafe extern "C" fn() -> c_int,
    rules_load: unsafe extern "C" fn(*const c_char, *mut *mut RawRules) -> c_int,
    rules_destroy: unsafe extern "C" fn(*mut RawRules) -> c_int,
    rules_scan_fd: unsafe extern "C" fn(*mut RawRules, c_int, c_int, ScanCallback, *mut c_void, c_int) -> c_int,
    compiler_create: unsafe extern "C" fn(*mut *mut RawCompiler) -> c_int,
    compiler_destroy: unsafe extern "C" fn(*mut RawCompiler),
    compiler_set_callback: unsafe extern "C" fn(*mut RawCompiler, CompilerCallback, *mut c_void),
    compiler_add_fd: unsafe extern "C" fn(*mut RawCompiler, c_int, *const c_char, *const c_char) -> c_int,
    compiler_get_rules: unsafe extern "C" fn(*mut RawCompiler, *mut *mut RawRules) -> c_int,
}

/// The soname of Debian 12's libyara (libyara9).
const SONAME: &CStr = c"libyara.so.9";

fn load() -> Result<Yara, String> {
    let lib = Library::open(SONAME)?;
    // SAFETY: each type below is the C declaration of that function in yara.h.
    let y = unsafe {
        Yara {
            initialize: lib.function(c"yr_initialize")?,
            rules_load: lib.function(c"yr_rules_load")?,
            rules_destroy: lib.function(c"yr_rules_destroy")?,
            rules_scan_fd: lib.function(c"yr_rules_scan_fd")?,
            compiler_create: lib.function(c"yr_compiler_create")?,
            compiler_destroy: lib.function(c"yr_compiler_destroy")?,
            compiler_set_callback: lib.function(c"yr_compiler_set_callback")?,
            compiler_add_fd: lib.function(c"yr_compiler_add_fd")?,
            compiler_get_rules: lib.function(c"yr_compiler_get_rules")?,
        }
    };
    // `lib` is never closed (Library has no Drop), so the pointers stay valid.
    Ok(y)
}

/// libyara, loaded at the first call; Err is why it cannot be (kept: not retried).
fn yara() -> Result<&'static Yara, &'static str> {
    static YARA: OnceLock<Result<Yara, String>> = OnceLock::new();
    YARA.get_or_init(load).as_ref().map_err(String::as_str)
}

/// Whether libyara can be loaded (the libyara group's availability).
pub fn available() -> bool {
    yara().is_ok()
}

/// libyara's ERROR_* codes the daemon tells apart.
pub const ERROR_SUCCESS: c_int = 0;
pub const ERROR_INSUFFICIENT_MEMORY: c_int = 1;
pub const ERROR_INVALID_FILE: c_int = 6;
const ERROR_INTERNAL_FATAL: c_int = 31;

const CALLBACK_MSG_RULE_MATCHING: c_int = 1;
const CALLBACK_CONTINUE: c_int = 0;
const CALLBACK_ABORT: c_int = 1;
const CALLBACK_ERROR: c_int = 2;
const YARA_ERROR_LEVEL_ERROR: c_int = 0;

/// Loads libyara and runs yr_initialize, once per process; Ok(code) is yr_initialize's
/// result (kept, so an error is reported each time), Err why libyara cannot be loaded.
pub fn initialize() -> Result<c_int, &'static str> {
    static INIT: OnceLock<c_int> = OnceLock::new();
    let y = yara()?;
    // SAFETY: yr_initialize takes no arguments; OnceLock runs it at most once.
    Ok(*INIT.get_or_init(|| unsafe { (y.initialize)() }))
}

/// A set of loaded or compiled rules; destroyed when dropped.
pub struct Rules {
    y: &'static Yara,
    r: NonNull<RawRules>,
}

impl Drop for Rules {
    fn drop(&mut self) {
        // SAFETY: r came from yr_rules_load or yr_compiler_get_rules and is destroyed once.
        unsafe { (self.y.rules_destroy)(self.r.as_ptr()) };
    }
}

/// What a scan callback tells libyara.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scan {
    Continue,
    /// Stop, and have the scan succeed.
    Abort,
    /// Stop, and have the scan fail.
    Error,
}

struct ScanState<'f> {
    on_match: &'f mut dyn FnMut(&[u8]) -> Scan,
    panicked: bool,
}

extern "C" fn scan_trampoline(_ctx: *mut c_void, message: c_int, data: *mut c_void, user: *mut c_void) -> c_int {
    if message != CALLBACK_MSG_RULE_MATCHING || data.is_null() {
        return CALLBACK_CONTINUE;
    }
    // SAFETY: user is the &mut ScanState passed by Rules::scan_fd, alive for the scan.
    let st = unsafe { &mut *user.cast::<ScanState>() };
    // SAFETY: for CALLBACK_MSG_RULE_MATCHING libyara passes the matching YR_RULE, whose
    // identifier is a NUL-terminated string inside the loaded rules.
    let ident = unsafe {
        let rule = &*data.cast::<RawRuleHead>();
        if rule.identifier.is_null() {
            &b""[..]
        } else {
            CStr::from_ptr(rule.identifier).to_bytes()
        }
    };
    match catch_unwind(AssertUnwindSafe(|| (st.on_match)(ident))) {
        Ok(Scan::Continue) => CALLBACK_CONTINUE,
        Ok(Scan::Abort) => CALLBACK_ABORT,
        Ok(Scan::Error) => CALLBACK_ERROR,
        Err(_) => {
            st.panicked = true;
            CALLBACK_ERROR
        }
    }
}

impl Rules {
    /// Rules saved by yarac (or yr_rules_save). Err is libyara's code; ERROR_INVALID_FILE
    /// means the file is not compiled rules.
    /// Call only after [`initialize`] succeeded.
    pub fn load(path: &CStr) -> Result<Rules, c_int> {
        let y = yara().map_err(|_| ERROR_INTERNAL_FATAL)?;
        let mut p = std::ptr::null_mut();
        // SAFETY: path is a valid C string, p a valid out-pointer.
        let r = unsafe { (y.rules_load)(path.as_ptr(), &mut p) };
        match NonNull::new(p) {
            Some(r_) if r == ERROR_SUCCESS => Ok(Rules { y, r: r_ }),
            _ => Err(if r == ERROR_SUCCESS {
                ERROR_INSUFFICIENT_MEMORY
            } else {
                r
            }),
        }
    }

    /// Scans the file open on `fd`, calling `on_match` with the identifier of each
    /// matching rule. Err is libyara's code (or -1 when the callback panicked).
    pub fn scan_fd(&self, fd: BorrowedFd, on_match: &mut dyn FnMut(&[u8]) -> Scan) -> Result<(), c_int> {
        let mut st = ScanState {
            on_match,
            panicked: false,
        };
        // SAFETY: rules are live; fd is open for the call; the callback and &mut st stay
        // valid for the whole (synchronous) scan.
        let r = unsafe {
            (self.y.rules_scan_fd)(
                self.r.as_ptr(),
                fd.as_raw_fd(),
                0,
                scan_trampoline,
                (&mut st as *mut ScanState).cast(),
                0,
            )
        };
        if st.panicked {
            return Err(-1);
        }
        if r == ERROR_SUCCESS {
            Ok(())
        } else {
            Err(r)
        }
    }
}

/// Why compiling source rules failed.
pub enum CompileError {
    /// yr_compiler_create failed.
    Create,
    /// The source had this many errors; the messages are (line, text).
    Source(c_int, Vec<(c_int, String)>),
    /// yr_compiler_get_rules failed with this code.
    GetRules(c_int),
}

struct Compiler {
    y: &'static Yara,
    c: NonNull<RawCompiler>,
}

impl Drop for Compiler {
    fn drop(&mut self) {
        // SAFETY: c came from yr_compiler_create and is destroyed once.
        unsafe { (self.y.compiler_destroy)(self.c.as_ptr()) };
    }
}

/// Collects (line, message) of compiler errors; warnings are left out.
extern "C" fn compiler_trampoline(
    level: c_int,
    _file: *const c_char,
    line: c_int,
    _rule: *const c_void,
    message: *const c_char,
    user: *mut c_void,
) {
    if level != YARA_ERROR_LEVEL_ERROR || user.is_null() {
        return;
    }
    // SAFETY: user is the &mut Vec passed by compile_fd, alive while the compiler is;
    // message is a NUL-terminated string for the duration of the call (or NULL).
    let (errors, text) = unsafe {
        let text = if message.is_null() {
            String::new()
        } else {
            CStr::from_ptr(message).to_string_lossy().into_owned()
        };
        (&mut *user.cast::<Vec<(c_int, String)>>(), text)
    };
    if errors.len() < 100 {
        errors.push((line, text));
    }
}

/// Compiles source rules read from `fd` (no includes of other files are resolved by us).
/// Call only after [`initialize`] succeeded.
pub fn compile_fd(fd: BorrowedFd) -> Result<Rules, CompileError> {
    let y = yara().map_err(|_| CompileError::Create)?;
    let mut raw = std::ptr::null_mut();
    // SAFETY: raw is a valid out-pointer.
    let r = unsafe { (y.compiler_create)(&mut raw) };
    let compiler = match NonNull::new(raw) {
        Some(c) if r == ERROR_SUCCESS => Compiler { y, c },
        _ => return Err(CompileError::Create),
    };
    let mut messages: Vec<(c_int, String)> = Vec::new();
    // SAFETY: the compiler is live and fd open; the callback, which writes through the
    // pointer to `messages`, only runs inside yr_compiler_add_fd, while `messages` lives.
    let errors = unsafe {
        (y.compiler_set_callback)(
            compiler.c.as_ptr(),
            compiler_trampoline,
            (&mut messages as *mut Vec<_>).cast(),
        );
        (y.compiler_add_fd)(compiler.c.as_ptr(), fd.as_raw_fd(), std::ptr::null(), std::ptr::null())
    };
    if errors > 0 {
        return Err(CompileError::Source(errors, messages));
    }
    let mut rules = std::ptr::null_mut();
    // SAFETY: the compiler is live and compiled without errors; rules is an out-pointer.
    let r = unsafe { (y.compiler_get_rules)(compiler.c.as_ptr(), &mut rules) };
    match NonNull::new(rules) {
        Some(r_) if r == ERROR_SUCCESS => Ok(Rules { y, r: r_ }),
        _ => Err(CompileError::GetRules(if r == ERROR_SUCCESS {
            ERROR_INSUFFICIENT_MEMORY
        } else {
            r
        })),
    }
}
