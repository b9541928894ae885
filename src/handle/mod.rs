//! The handle: configuration, state machine and the per-handle facilities
//! (errors, events, private data). One `Core` stands behind one `guestfs_h *` in C and
//! one public `guestfs::Handle` in Rust.
//!
//! Concurrency: every API call holds `api` (a reentrant mutex) for its whole duration,
//! as libguestfs 1.48 does, so calls on one handle are serialised and callbacks may call
//! back into the API on the same thread. The `RefCell` inside is only ever borrowed
//! briefly and never across a user callback or a blocking operation.

pub mod drive;
pub mod errors;
pub mod events;
pub mod private_data;
pub mod session;

use parking_lot::{Mutex, ReentrantMutex, ReentrantMutexGuard};
use std::cell::{RefCell, RefMut};
use std::collections::HashMap;
use std::ffi::CString;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

pub use drive::Drive;
pub use session::Session;

/// libguestfs's `enum state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Config = 0,
    Launching = 1,
    Ready = 2,
}

pub const DEFAULT_MEMSIZE: i32 = 1280;

/// Everything mutable about a handle, guarded by the handle's API lock.
pub struct Inner {
    pub state: State,
    /// How qemu ended when the appliance died under a call (1.48's message, e.g. "…
    /// killed by signal 9 (Killed)."), for the shutdown that follows; cleared at launch.
    pub qemu_death: Option<String>,
    pub verbose: bool,
    pub trace: bool,
    pub autosync: bool,
    pub recovery_proc: bool,
    pub pgroup: bool,
    pub network: bool,
    pub selinux: bool,
    pub direct_mode: bool,
    pub memsize: i32,
    pub smp: i32,
    pub path: String,
    pub hv: String,
    pub append: Option<String>,
    pub backend: String,
    pub backend_settings: Vec<String>,
    pub tmpdir: Option<String>,
    pub cachedir: Option<String>,
    pub env_tmpdir: Option<String>,
    pub env_runtimedir: Option<String>,
    pub program: String,
    pub identifier: String,
    pub qemu_params: Vec<(String, Option<String>)>,
    pub drives: Vec<Drive>,
    pub events: events::Registry,
    pub private: private_data::PrivateData,
    /// Counter for temporary file names (`<tmpdir>/<name><unique>`).
    pub unique: u32,
    /// The handle's private temp directory, made on first need, removed at close.
    pub handle_tmpdir: Option<PathBuf>,
    /// The short-path directory holding the daemon socket (made at launch, removed at close).
    pub sockdir: Option<PathBuf>,
    /// The running appliance; taken out of the handle while an RPC is in flight so no
    /// borrow is held across callbacks.
    pub appliance: Option<Session>,
    /// Results of RConstString getters: valid until the same getter runs again.
    pub const_strings: HashMap<&'static str, CString>,
    /// Cache of `internal_feature_available` per group.
    pub features: HashMap<String, i32>,
    pub close_on_exit: bool,
    /// FILE* of internal_test_set_output (0: C's stdout).
    pub test_output: usize,
    /// set_libvirt_supported_credentials: libvirt credential type numbers (VIR_CRED_*).
    pub libvirt_credentials: Vec<i32>,
}

pub struct Core {
    api: ReentrantMutex<RefCell<Inner>>,
    /// Per-thread last error and error handlers (libguestfs keeps them per thread).
    pub(crate) errors: Mutex<errors::PerThread>,
    /// Set by `guestfs_user_cancel` without any lock; checked between transfer chunks.
    pub user_cancel: AtomicBool,
    /// Out-of-memory handler (`guestfs_set_out_of_memory_handler`).
    pub(crate) abort_cb: Mutex<usize>,
    /// Set once `guestfs_close` has started on this handle: a second close is refused, and
    /// calls that raced the close (they hold their own reference, so the memory stays
    /// valid) fail instead of acting on a closed handle.
    pub(crate) closing: AtomicBool,
    /// The local (FUSE) mount made by `mount_local`, kept outside the API lock (as 1.48
    /// keeps `localmountpoint` under its own lock) so `umount_local` can read it while
    /// `mount_local_run` serves in another thread.
    pub local_mount: Mutex<Option<LocalMount>>,
}

/// A FUSE mount made by `mount_local`: where, and the mounted session (its type belongs
/// to `actions::mount_local`), taken out while `mount_local_run` serves it.
pub struct LocalMount {
    pub mountpoint: String,
    pub session: Option<Box<dyn std::any::Any + Send>>,
}

/// Proof that the API lock is held; gives short-lived access to the state.
pub struct Locked<'a> {
    guard: ReentrantMutexGuard<'a, RefCell<Inner>>,
}

impl Locked<'_> {
    /// Borrow the state. Drop the borrow before calling anything that may run a callback.
    pub fn inner(&self) -> RefMut<'_, Inner> {
        self.guard.borrow_mut()
    }
}

fn program_name() -> String {
    let p = std::env::args_os()
        .next()
        .map(PathBuf::from)
        .and_then(|p| p.file_name().map(|f| f.to_string_lossy().into_owned()))
        .unwrap_or_default();
    p.strip_prefix("lt-").map(|s| s.to_string()).unwrap_or(p)
}

/// Where the library looks for an appliance by default: next to our installed daemon.
pub fn default_path() -> String {
    option_env!("GUESTFS_RS_DEFAULT_PATH")
        .unwrap_or("/usr/local/lib/guestfs")
        .to_string()
}

impl Core {
    pub fn new() -> Core {
        let inner = Inner {
            state: State::Config,
            verbose: false,
            trace: false,
            autosync: true,
            recovery_proc: true,
            pgroup: false,
            network: false,
            selinux: false,
            direct_mode: false,
            qemu_death: None,
            memsize: DEFAULT_MEMSIZE,
            smp: 1,
            path: default_path(),
            hv: "/usr/bin/qemu-system-x86_64".into(),
            append: None,
            backend: "direct".into(),
            backend_settings: vec![],
            tmpdir: None,
            cachedir: None,
            env_tmpdir: None,
            env_runtimedir: None,
            program: program_name(),
            identifier: String::new(),
            qemu_params: vec![],
            drives: vec![],
            events: Default::default(),
            private: Default::default(),
            unique: 0,
            handle_tmpdir: None,
            sockdir: None,
            appliance: None,
            const_strings: HashMap::new(),
            features: HashMap::new(),
            close_on_exit: true,
            test_output: 0,
            libvirt_credentials: Vec::new(),
        };
        Core {
            api: ReentrantMutex::new(RefCell::new(inner)),
            errors: Mutex::new(Default::default()),
            user_cancel: AtomicBool::new(false),
            abort_cb: Mutex::new(libc::abort as *const () as usize),
            closing: AtomicBool::new(false),
            local_mount: Mutex::new(None),
        }
    }

    /// Take the handle's API lock (reentrant).
    pub fn lock(&self) -> Locked<'_> {
        Locked { guard: self.api.lock() }
    }

    /// Whether the calling thread holds the API lock (for example inside a callback).
    pub fn lock_held_by_current_thread(&self) -> bool {
        self.api.is_owned_by_current_thread()
    }

    /// The handle's address: what C callers hold as their `guestfs_h *` (the C ABI hands
    /// out this address) and what `guestfs_c_pointer` returns.
    pub fn c_ptr(&self) -> *mut std::ffi::c_void {
        self as *const Core as *mut std::ffi::c_void
    }

    pub fn state(&self) -> State {
        self.lock().inner().state
    }

    /// Temporary directory setting in force (set_tmpdir, else $TMPDIR, else /tmp).
    pub fn tmpdir_base(&self) -> String {
        let l = self.lock();
        let i = l.inner();
        i.tmpdir
            .clone()
            .or_else(|| i.env_tmpdir.clone())
            .unwrap_or_else(|| "/tmp".into())
    }

    pub fn cachedir_base(&self) -> String {
        let l = self.lock();
        let i = l.inner();
        i.cachedir
            .clone()
            .or_else(|| i.env_tmpdir.clone())
            .unwrap_or_else(|| "/var/tmp".into())
    }

    /// The handle's private temp dir if it exists yet (made on first need by the actions).
    pub fn existing_tmpdir(&self) -> Option<PathBuf> {
        self.lock().inner().handle_tmpdir.clone()
    }
}

impl Default for Core {
    fn default() -> Self {
        Core::new()
    }
}

/// mkdtemp(3) in `base` with the given prefix; mode 0755 when running as root (as 1.48).
pub fn make_temp_dir(base: &str, prefix: &str) -> crate::error::Result<PathBuf> {
    let tmpl = CString::new(format!("{base}/{prefix}XXXXXX"))
        .map_err(|_| crate::Error::msg("invalid temporary directory name"))?;
    let mut bytes = tmpl.into_bytes_with_nul();
    // SAFETY: mkdtemp writes into the NUL-terminated template buffer we own.
    let p = unsafe { libc::mkdtemp(bytes.as_mut_ptr() as *mut libc::c_char) };
    if p.is_null() {
        return Err(crate::Error::os(
            format!("{base}/{prefix}XXXXXX"),
            &std::io::Error::last_os_error(),
        ));
    }
    bytes.pop();
    let path = PathBuf::from(String::from_utf8_lossy(&bytes).into_owned());
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
    }
    Ok(path)
}
