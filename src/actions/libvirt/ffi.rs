//! The few libvirt functions add_domain and add_libvirt_dom need, from `libvirt.so.0`
//! opened with dlopen at first use (see docs/design-decisions.md: the library keeps no
//! link-time dependency on libvirt, and a C caller's own libvirt is the same loaded
//! instance, so its `virDomainPtr` is ours to use). Every `unsafe` of the libvirt calls is
//! here; results are copied into owned Rust values at once and libvirt objects are freed
//! by `Drop`.

use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
use std::sync::OnceLock;

type Ptr = *mut c_void;

/// The head of libvirt's `virError` (the fields we read; the rest follows in memory).
#[repr(C)]
struct VirError {
    code: c_int,
    domain: c_int,
    message: *const c_char,
}

/// libvirt's `virDomainInfo`.
#[repr(C)]
#[derive(Default)]
struct VirDomainInfo {
    state: u8,
    max_mem: std::ffi::c_ulong,
    memory: std::ffi::c_ulong,
    nr_virt_cpu: u16,
    cpu_time: u64,
}

/// libvirt's `virStorageVolInfo`.
#[repr(C)]
#[derive(Default)]
struct VirStorageVolInfo {
    kind: c_int,
    capacity: u64,
    allocation: u64,
}

/// libvirt's `virConnectCredential`: one credential libvirt asks for.
#[repr(C)]
struct VirConnectCredential {
    kind: c_int,
    prompt: *const c_char,
    challenge: *const c_char,
    defresult: *const c_char,
    result: *mut c_char,
    resultlen: c_uint,
}

type AuthCallback = unsafe extern "C" fn(*mut VirConnectCredential, c_uint, Ptr) -> c_int;

/// libvirt's `virConnectAuth`.
#[repr(C)]
struct VirConnectAuth {
    credtype: *const c_int,
    ncredtype: c_uint,
    cb: Option<AuthCallback>,
    cbdata: Ptr,
}

const VIR_DOMAIN_SHUTOFF: u8 = 5;
const VIR_STORAGE_VOL_FILE: c_int = 0;

type ErrorFunc = unsafe extern "C" fn(Ptr, *mut VirError);

/// The libvirt entry points, looked up once.
struct Lib {
    get_last_error: unsafe extern "C" fn() -> *mut VirError,
    auth_default: *const *const VirConnectAuth,
    connect_open_auth: unsafe extern "C" fn(*const c_char, Ptr, c_uint) -> Ptr,
    connect_close: unsafe extern "C" fn(Ptr) -> c_int,
    conn_set_error_func: unsafe extern "C" fn(Ptr, Ptr, Option<ErrorFunc>),
    domain_lookup_by_uuid_string: unsafe extern "C" fn(Ptr, *const c_char) -> Ptr,
    domain_lookup_by_name: unsafe extern "C" fn(Ptr, *const c_char) -> Ptr,
    domain_free: unsafe extern "C" fn(Ptr) -> c_int,
    domain_get_info: unsafe extern "C" fn(Ptr, *mut VirDomainInfo) -> c_int,
    domain_get_xml_desc: unsafe extern "C" fn(Ptr, c_uint) -> *mut c_char,
    domain_get_connect: unsafe extern "C" fn(Ptr) -> Ptr,
    secret_lookup_by_uuid_string: unsafe extern "C" fn(Ptr, *const c_char) -> Ptr,
    secret_lookup_by_usage: unsafe extern "C" fn(Ptr, c_int, *const c_char) -> Ptr,
    secret_get_value: unsafe extern "C" fn(Ptr, *mut usize, c_uint) -> *mut u8,
    secret_free: unsafe extern "C" fn(Ptr) -> c_int,
    pool_lookup_by_name: unsafe extern "C" fn(Ptr, *const c_char) -> Ptr,
    pool_free: unsafe extern "C" fn(Ptr) -> c_int,
    vol_lookup_by_name: unsafe extern "C" fn(Ptr, *const c_char) -> Ptr,
    vol_get_info: unsafe extern "C" fn(Ptr, *mut VirStorageVolInfo) -> c_int,
    vol_get_path: unsafe extern "C" fn(Ptr) -> *mut c_char,
    vol_free: unsafe extern "C" fn(Ptr) -> c_int,
}

// SAFETY: the struct holds function pointers and the address of a libvirt global that
// libvirt itself reads from any thread; libvirt's API is thread-safe.
unsafe impl Send for Lib {}
// SAFETY: as above; nothing in Lib is mutated after loading.
unsafe impl Sync for Lib {}

static LIB: OnceLock<Result<Lib, String>> = OnceLock::new();

fn dlerror() -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated thread-local string.
    let e = unsafe { libc::dlerror() };
    if e.is_null() {
        "unknown error".into()
    } else {
        // SAFETY: non-NULL, NUL-terminated (above).
        unsafe { CStr::from_ptr(e) }.to_string_lossy().into_owned()
    }
}

fn load() -> Result<Lib, String> {
    let soname = c"libvirt.so.0";
    // SAFETY: dlopen with a NUL-terminated name. The handle is never closed: libvirt keeps
    // global state (its event loop, error slots) for the process's life.
    let h = unsafe { libc::dlopen(soname.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if h.is_null() {
        return Err(format!("cannot load libvirt.so.0: {}", dlerror()));
    }
    let sym = |name: &str| -> Result<*mut c_void, String> {
        let c = CString::new(name).expect("symbol names have no NUL");
        // SAFETY: dlsym on a live handle with a NUL-terminated name.
        let p = unsafe { libc::dlsym(h, c.as_ptr()) };
        if p.is_null() {
            Err(format!("libvirt.so.0 has no symbol {name}: {}", dlerror()))
        } else {
            Ok(p)
        }
    };
    /// The function `name` as the function pointer type `F` (a field of `Lib`).
    fn func<F: Copy>(p: *mut c_void) -> F {
        assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<*mut c_void>());
        // SAFETY: p is the non-NULL address of libvirt's function; every `F` used below is
        // that function's C prototype from libvirt's headers (stable ABI), and is
        // pointer-sized (checked above).
        unsafe { std::mem::transmute_copy::<*mut c_void, F>(&p) }
    }
    macro_rules! f {
        ($name:literal) => {
            func(sym($name)?)
        };
    }
    Ok(Lib {
        get_last_error: f!("virGetLastError"),
        auth_default: sym("virConnectAuthPtrDefault")? as *const *const VirConnectAuth,
        connect_open_auth: f!("virConnectOpenAuth"),
        connect_close: f!("virConnectClose"),
        conn_set_error_func: f!("virConnSetErrorFunc"),
        domain_lookup_by_uuid_string: f!("virDomainLookupByUUIDString"),
        domain_lookup_by_name: f!("virDomainLookupByName"),
        domain_free: f!("virDomainFree"),
        domain_get_info: f!("virDomainGetInfo"),
        domain_get_xml_desc: f!("virDomainGetXMLDesc"),
        domain_get_connect: f!("virDomainGetConnect"),
        secret_lookup_by_uuid_string: f!("virSecretLookupByUUIDString"),
        secret_lookup_by_usage: f!("virSecretLookupByUsage"),
        secret_get_value: f!("virSecretGetValue"),
        secret_free: f!("virSecretFree"),
        pool_lookup_by_name: f!("virStoragePoolLookupByName"),
        pool_free: f!("virStoragePoolFree"),
        vol_lookup_by_name: f!("virStorageVolLookupByName"),
        vol_get_info: f!("virStorageVolGetInfo"),
        vol_get_path: f!("virStorageVolGetPath"),
        vol_free: f!("virStorageVolFree"),
    })
}

fn lib() -> Result<&'static Lib, String> {
    LIB.get_or_init(load).as_ref().map_err(Clone::clone)
}

/// libvirt's last error of this thread (`virGetLastError`).
#[derive(Clone, Debug)]
pub struct LvError {
    pub code: i32,
    pub domain: i32,
    pub message: String,
}

impl LvError {
    /// libvirt.so.0 could not be loaded: the reason, as an error without a libvirt code.
    fn load(message: String) -> LvError {
        LvError {
            code: 0,
            domain: 0,
            message,
        }
    }
}

fn last_error(l: &Lib) -> LvError {
    // SAFETY: virGetLastError returns NULL or this thread's error object, valid until the
    // next libvirt call on this thread; the fields are copied at once.
    unsafe {
        let e = (l.get_last_error)();
        if e.is_null() {
            return LvError {
                code: 0,
                domain: 0,
                message: "(none)".into(),
            };
        }
        LvError {
            code: (*e).code,
            domain: (*e).domain,
            message: if (*e).message.is_null() {
                "(none)".into()
            } else {
                CStr::from_ptr((*e).message).to_string_lossy().into_owned()
            },
        }
    }
}

/// Takes a string libvirt allocated with malloc, and frees it.
fn take_string(p: *mut c_char) -> String {
    // SAFETY: p is non-NULL (checked by callers), NUL-terminated and malloc'ed by libvirt.
    unsafe {
        let s = CStr::from_ptr(p).to_string_lossy().into_owned();
        libc::free(p.cast());
        s
    }
}

fn cstr(s: &str) -> CString {
    // Interior NULs cannot name anything in libvirt: cut there, libvirt then fails the lookup.
    CString::new(s.split('\0').next().unwrap_or("")).expect("no NUL left")
}

unsafe extern "C" fn ignore_errors(_: Ptr, _: *mut VirError) {}

/// A libvirt connection: opened here (closed on drop) or the one a domain belongs to.
pub struct Conn {
    ptr: Ptr,
    owned: bool,
}

impl Conn {
    /// `virConnectOpenAuth`; `Err` is the load failure (as a message) or libvirt's error.
    pub fn open(uri: Option<&str>, auth: Auth) -> Result<Conn, Result<LvError, String>> {
        let l = lib().map_err(Err)?;
        let c = uri.map(cstr);
        // SAFETY: virConnectAuthPtrDefault is a libvirt global holding a pointer to its
        // default auth struct, valid for the life of the library.
        let default = unsafe { &**l.auth_default };
        let mut wrapper = DefaultWrapper {
            default,
            uri: uri.unwrap_or("NULL").to_string(),
            warned: false,
        };
        let credtypes: Vec<c_int>;
        let mut custom: Option<&mut dyn FnMut()>;
        let data = match auth {
            Auth::Default => VirConnectAuth {
                credtype: default.credtype,
                ncredtype: default.ncredtype,
                cb: Some(default_wrapper),
                cbdata: (&mut wrapper as *mut DefaultWrapper).cast(),
            },
            Auth::Custom { credtypes: t, handler } => {
                credtypes = t;
                custom = Some(handler);
                VirConnectAuth {
                    credtype: credtypes.as_ptr(),
                    ncredtype: credtypes.len() as c_uint,
                    cb: Some(custom_callback),
                    cbdata: (&mut custom as *mut Option<&mut dyn FnMut()>).cast(),
                }
            }
        };
        // SAFETY: uri is NULL or NUL-terminated; `data` and what its cbdata points to
        // (the wrapper or the handler) live until virConnectOpenAuth returns, the only
        // time libvirt calls the callback.
        let ptr = unsafe {
            (l.connect_open_auth)(
                c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
                (&data as *const VirConnectAuth).cast_mut().cast(),
                0,
            )
        };
        if ptr.is_null() {
            return Err(Ok(last_error(l)));
        }
        Ok(Conn { ptr, owned: true })
    }

    /// The connection's address, for debug messages.
    pub fn addr(&self) -> *const c_void {
        self.ptr
    }

    /// Stops libvirt printing this connection's errors on stderr (they are reported
    /// through the handle instead).
    pub fn silence_errors(&self) {
        if let Ok(l) = lib() {
            // SAFETY: live connection; the handler is a no-op extern "C" function.
            unsafe { (l.conn_set_error_func)(self.ptr, std::ptr::null_mut(), Some(ignore_errors)) }
        }
    }

    fn domain(&self, f: unsafe extern "C" fn(Ptr, *const c_char) -> Ptr, key: &str) -> Result<Domain, LvError> {
        let l = lib().map_err(LvError::load)?;
        let k = cstr(key);
        // SAFETY: live connection, NUL-terminated key.
        let ptr = unsafe { f(self.ptr, k.as_ptr()) };
        if ptr.is_null() {
            return Err(last_error(l));
        }
        Ok(Domain { ptr, owned: true })
    }

    pub fn domain_by_uuid(&self, uuid: &str) -> Result<Domain, LvError> {
        let l = lib().map_err(LvError::load)?;
        self.domain(l.domain_lookup_by_uuid_string, uuid)
    }

    pub fn domain_by_name(&self, name: &str) -> Result<Domain, LvError> {
        let l = lib().map_err(LvError::load)?;
        self.domain(l.domain_lookup_by_name, name)
    }

    fn secret_value(&self, sec: Ptr, l: &Lib) -> Result<Vec<u8>, LvError> {
        let mut n = 0usize;
        // SAFETY: live secret object; n receives the value's size.
        let v = unsafe { (l.secret_get_value)(sec, &mut n, 0) };
        let r = if v.is_null() {
            Err(last_error(l))
        } else {
            // SAFETY: libvirt returned n bytes at v, malloc'ed; copied then freed.
            let b = unsafe { std::slice::from_raw_parts(v, n) }.to_vec();
            // SAFETY: as above.
            unsafe { libc::free(v.cast()) };
            Ok(b)
        };
        // SAFETY: the secret object is ours to free.
        unsafe { (l.secret_free)(sec) };
        r
    }

    /// The value of the secret with this UUID: `Err((looked up, error))`, the first
    /// false when no such secret exists.
    pub fn secret_by_uuid(&self, uuid: &str) -> Result<Vec<u8>, (bool, LvError)> {
        let l = lib().map_err(|m| (false, LvError::load(m)))?;
        let k = cstr(uuid);
        // SAFETY: live connection, NUL-terminated UUID string.
        let sec = unsafe { (l.secret_lookup_by_uuid_string)(self.ptr, k.as_ptr()) };
        if sec.is_null() {
            return Err((false, last_error(l)));
        }
        self.secret_value(sec, l).map_err(|e| (true, e))
    }

    /// As [`Conn::secret_by_uuid`], for a secret found by usage type and usage string.
    pub fn secret_by_usage(&self, usage_type: i32, usage: &str) -> Result<Vec<u8>, (bool, LvError)> {
        let l = lib().map_err(|m| (false, LvError::load(m)))?;
        let k = cstr(usage);
        // SAFETY: live connection, NUL-terminated usage string.
        let sec = unsafe { (l.secret_lookup_by_usage)(self.ptr, usage_type, k.as_ptr()) };
        if sec.is_null() {
            return Err((false, last_error(l)));
        }
        self.secret_value(sec, l).map_err(|e| (true, e))
    }

    /// The path of a file volume of a storage pool: `Ok(None)` for a volume of another
    /// kind; `Err` is the message 1.48 gives for the step that failed.
    pub fn volume_path(&self, pool: &str, volume: &str) -> Result<Option<String>, String> {
        let l = lib()?;
        let (pc, vc) = (cstr(pool), cstr(volume));
        // SAFETY: live connection, NUL-terminated name.
        let p = unsafe { (l.pool_lookup_by_name)(self.ptr, pc.as_ptr()) };
        if p.is_null() {
            return Err(format!(
                "no libvirt pool called \u{2018}{pool}\u{2019}: {}",
                last_error(l).message
            ));
        }
        // SAFETY: live pool, NUL-terminated name.
        let v = unsafe { (l.vol_lookup_by_name)(p, vc.as_ptr()) };
        let r = if v.is_null() {
            Err(format!(
                "no volume called \u{2018}{volume}\u{2019} in the libvirt pool \u{2018}{pool}\u{2019}: {}",
                last_error(l).message
            ))
        } else {
            let mut info = VirStorageVolInfo::default();
            // SAFETY: live volume; info is a properly laid out virStorageVolInfo.
            let r = if unsafe { (l.vol_get_info)(v, &mut info) } < 0 {
                Err(format!(
                    "cannot get information of the libvirt volume \u{2018}{volume}\u{2019}: {}",
                    last_error(l).message
                ))
            } else if info.kind != VIR_STORAGE_VOL_FILE {
                Ok(None)
            } else {
                // SAFETY: live volume.
                let path = unsafe { (l.vol_get_path)(v) };
                if path.is_null() {
                    Err(format!(
                        "cannot get the filename of the libvirt volume \u{2018}{volume}\u{2019}: {}",
                        last_error(l).message
                    ))
                } else {
                    Ok(Some(take_string(path)))
                }
            };
            // SAFETY: the volume object is ours to free.
            unsafe { (l.vol_free)(v) };
            r
        };
        // SAFETY: the pool object is ours to free.
        unsafe { (l.pool_free)(p) };
        r
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let (true, Ok(l)) = (self.owned, lib()) {
            // SAFETY: a connection we opened, closed once.
            unsafe { (l.connect_close)(self.ptr) };
        }
    }
}

/// A libvirt domain: looked up here (freed on drop) or a C caller's `virDomainPtr`.
pub struct Domain {
    ptr: Ptr,
    owned: bool,
}

impl Domain {
    /// The `virDomainPtr` a C caller passed to add_libvirt_dom (the C API requires a valid
    /// one; libvirt checks the object's class itself and answers "invalid domain pointer"
    /// for NULL). Borrowed: the caller keeps ownership.
    pub fn from_caller(ptr: *mut c_void) -> Domain {
        Domain { ptr, owned: false }
    }

    /// The address to hand to add_libvirt_dom.
    pub fn as_ptr(&self) -> *mut c_void {
        self.ptr
    }

    /// Whether the domain is shut off (`virDomainGetInfo`'s state).
    pub fn is_shut_off(&self) -> Result<bool, LvError> {
        let l = lib().map_err(LvError::load)?;
        let mut info = VirDomainInfo::default();
        // SAFETY: the domain pointer is libvirt's (see from_caller); info is a properly
        // laid out virDomainInfo.
        if unsafe { (l.domain_get_info)(self.ptr, &mut info) } == -1 {
            return Err(last_error(l));
        }
        Ok(info.state == VIR_DOMAIN_SHUTOFF)
    }

    /// The domain's XML (`virDomainGetXMLDesc`, flags 0).
    pub fn xml(&self) -> Result<String, LvError> {
        let l = lib().map_err(LvError::load)?;
        // SAFETY: the domain pointer is libvirt's (see from_caller).
        let p = unsafe { (l.domain_get_xml_desc)(self.ptr, 0) };
        if p.is_null() {
            return Err(last_error(l));
        }
        Ok(take_string(p))
    }

    /// The connection the domain belongs to (borrowed: not closed on drop).
    pub fn connection(&self) -> Option<Conn> {
        let l = lib().ok()?;
        // SAFETY: the domain pointer is libvirt's (see from_caller).
        let ptr = unsafe { (l.domain_get_connect)(self.ptr) };
        (!ptr.is_null()).then_some(Conn { ptr, owned: false })
    }
}

impl Drop for Domain {
    fn drop(&mut self) {
        if let (true, Ok(l)) = (self.owned, lib()) {
            // SAFETY: a domain object we looked up, freed once.
            unsafe { (l.domain_free)(self.ptr) };
        }
    }
}

/// How a connection authenticates: libvirt's default callbacks (behind a wrapper that says
/// once on stdout that credentials are needed, as 1.48), or the caller's handler of the
/// LIBVIRT_AUTH event, which reads and answers the requested credentials through
/// [`requested`] and [`set_requested_result`] while it runs.
pub enum Auth<'a> {
    Default,
    Custom {
        credtypes: Vec<i32>,
        handler: &'a mut dyn FnMut(),
    },
}

struct DefaultWrapper {
    default: &'static VirConnectAuth,
    uri: String,
    warned: bool,
}

unsafe extern "C" fn default_wrapper(cred: *mut VirConnectCredential, ncred: c_uint, data: Ptr) -> c_int {
    // SAFETY: data is the DefaultWrapper Conn::open passed, alive during the open.
    let w = unsafe { &mut *(data as *mut DefaultWrapper) };
    if !w.warned {
        // Through C's stdout, as 1.48's printf: libvirt's own prompts that follow go
        // there too, so the two stay in order whatever the buffering.
        let text = cstr(&format!(
            "libvirt needs authentication to connect to libvirt URI {}\n\
             (see also: http://libvirt.org/auth.html http://libvirt.org/uri.html)\n",
            w.uri
        ));
        let _no_sigpipe = guestfs_protocol::sigpipe::NoSigpipe::new();
        // SAFETY: printf with a "%s" format and one NUL-terminated string.
        unsafe { libc::printf(c"%s".as_ptr(), text.as_ptr()) };
        w.warned = true;
    }
    match w.default.cb {
        // SAFETY: libvirt's own default callback with its own data and libvirt's array.
        Some(cb) => unsafe { cb(cred, ncred, w.default.cbdata) },
        None => -1,
    }
}

thread_local! {
    /// The credentials libvirt is asking for while a custom callback runs on this thread.
    static REQUESTED: std::cell::Cell<(*mut VirConnectCredential, usize)> =
        const { std::cell::Cell::new((std::ptr::null_mut(), 0)) };
}

unsafe extern "C" fn custom_callback(cred: *mut VirConnectCredential, ncred: c_uint, data: Ptr) -> c_int {
    if cred.is_null() || ncred == 0 {
        return 0;
    }
    for i in 0..ncred as usize {
        // SAFETY: libvirt passes an array of ncred credentials.
        unsafe {
            (*cred.add(i)).result = std::ptr::null_mut();
            (*cred.add(i)).resultlen = 0;
        }
    }
    // SAFETY: data is the Option<&mut dyn FnMut()> Conn::open passed, alive during the open.
    let handler = unsafe { &mut *(data as *mut Option<&mut dyn FnMut()>) };
    let prev = REQUESTED.with(|r| r.replace((cred, ncred as usize)));
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if let Some(h) = handler.as_mut() {
            h();
        }
    }))
    .is_ok();
    REQUESTED.with(|r| r.set(prev));
    // Fields left unanswered are not an error for libvirt.
    if ok {
        0
    } else {
        -1
    }
}

/// One credential libvirt asks for: its VIR_CRED_* type, prompt, challenge and default
/// result ("" when libvirt gives none).
pub struct Requested {
    pub kind: i32,
    pub prompt: String,
    pub challenge: String,
    pub defresult: String,
}

fn opt_text(p: *const c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        // SAFETY: libvirt's NUL-terminated string, valid during the callback.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

/// The credentials requested of this thread's running LIBVIRT_AUTH handler; `None`
/// outside one.
pub fn requested() -> Option<Vec<Requested>> {
    let (cred, n) = REQUESTED.with(|r| r.get());
    if cred.is_null() {
        return None;
    }
    Some(
        (0..n)
            .map(|i| {
                // SAFETY: the array libvirt passed to the running callback, n entries.
                let c = unsafe { &*cred.add(i) };
                Requested {
                    kind: c.kind,
                    prompt: opt_text(c.prompt),
                    challenge: opt_text(c.challenge),
                    defresult: opt_text(c.defresult),
                }
            })
            .collect(),
    )
}

/// Answers credential `i` of the running handler (the caller checked `i`): a malloc'ed
/// copy with a NUL after it (some libvirt drivers expect one), which libvirt frees.
pub fn set_requested_result(i: usize, value: &[u8]) -> bool {
    let (cred, n) = REQUESTED.with(|r| r.get());
    if cred.is_null() || i >= n {
        return false;
    }
    // SAFETY: malloc of len+1 bytes, filled below; entry i of libvirt's array is valid
    // while the callback runs; an earlier answer to the same entry is freed first.
    unsafe {
        let buf = libc::malloc(value.len() + 1) as *mut u8;
        if buf.is_null() {
            return false;
        }
        std::ptr::copy_nonoverlapping(value.as_ptr(), buf, value.len());
        *buf.add(value.len()) = 0;
        let c = &mut *cred.add(i);
        if !c.result.is_null() {
            libc::free(c.result.cast());
        }
        c.result = buf.cast();
        c.resultlen = value.len() as c_uint;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The custom callback hands libvirt's credential array to the handler for its
    /// duration only, and answers land in it as libvirt expects (malloc'ed, NUL after).
    #[test]
    fn custom_callback_exposes_and_answers_the_request() {
        let prompt = c"Username:";
        let mut creds = [
            VirConnectCredential {
                kind: 2,
                prompt: prompt.as_ptr(),
                challenge: std::ptr::null(),
                defresult: std::ptr::null(),
                result: std::ptr::null_mut(),
                resultlen: 0,
            },
            VirConnectCredential {
                kind: 5,
                prompt: std::ptr::null(),
                challenge: std::ptr::null(),
                defresult: std::ptr::null(),
                result: std::ptr::null_mut(),
                resultlen: 0,
            },
        ];
        assert!(requested().is_none());
        let mut seen = Vec::new();
        let mut handler = || {
            let r = requested().expect("inside the callback");
            seen = r.iter().map(|c| (c.kind, c.prompt.clone())).collect();
            assert!(set_requested_result(0, b"alice"));
            assert!(set_requested_result(1, b"first"));
            assert!(set_requested_result(1, b"pw"));
            assert!(!set_requested_result(2, b"x"));
        };
        let mut h: Option<&mut dyn FnMut()> = Some(&mut handler);
        // SAFETY: a two-entry array and the handler, both alive for the call.
        let rc = unsafe { custom_callback(creds.as_mut_ptr(), 2, (&mut h as *mut Option<&mut dyn FnMut()>).cast()) };
        assert_eq!(rc, 0);
        assert_eq!(seen, vec![(2, "Username:".to_string()), (5, String::new())]);
        assert!(requested().is_none());
        for (c, want) in creds.iter().zip([&b"alice"[..], b"pw"]) {
            assert_eq!(c.resultlen as usize, want.len());
            // SAFETY: set_requested_result wrote resultlen bytes and a NUL.
            let got = unsafe { std::slice::from_raw_parts(c.result as *const u8, want.len() + 1) };
            assert_eq!(&got[..want.len()], want);
            assert_eq!(got[want.len()], 0);
            // SAFETY: malloc'ed by set_requested_result (libvirt would free it).
            unsafe { libc::free(c.result.cast()) };
        }
    }
}
