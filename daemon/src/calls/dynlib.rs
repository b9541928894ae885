//! Shared libraries the daemon loads at first use (dlopen) instead of linking.
//!
//! libtsk and libyara pull in about 24 MB of libraries (libewf, libvmdk, libcrypto,
//! libcurl, sqlite …). Linked, all of that would go into the appliance's initrd, which
//! the guest kernel unpacks at every boot; loaded on demand, they come from the tools disk
//! (the sleuthkit and yara programs there bring the same libraries), and a launch that
//! never walks a filesystem or scans a file does not pay for them.

use std::ffi::{c_void, CStr};
use std::ptr::NonNull;

use crate::error::Error;

/// 1.48's reply for a call of an optional group its daemon was built without; ours when
/// the group's library cannot be loaded (`why` goes to the log).
pub fn unavailable(feature: &str, why: &str) -> Error {
    crate::log::line(format!("{feature}: {why}"));
    Error::with_errno(
        libc::ENOTSUP,
        format!(
            "feature '{feature}' is not available in this\nbuild of libguestfs.  Read 'AVAILABILITY' in the \
             guestfs(3) man page for\nhow to check for the availability of features."
        ),
    )
}

/// An open shared library; never closed (the daemon keeps it until it exits).
pub struct Library {
    handle: NonNull<c_void>,
}

// SAFETY: a dlopen handle may be used from any thread; dlsym is thread-safe.
unsafe impl Send for Library {}
// SAFETY: as above; the handle is never mutated or closed.
unsafe impl Sync for Library {}

fn dl_error() -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated string valid until the next dl* call
    // of this thread; it is copied at once.
    let p = unsafe { libc::dlerror() };
    if p.is_null() {
        "unknown dynamic loader error".to_string()
    } else {
        // SAFETY: as above.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

impl Library {
    /// dlopen(soname, RTLD_NOW | RTLD_LOCAL); Err is the loader's message.
    pub fn open(soname: &CStr) -> Result<Library, String> {
        // SAFETY: soname is a valid C string; RTLD_NOW resolves everything up front, so a
        // missing dependency is reported here rather than at a later call.
        let h = unsafe { libc::dlopen(soname.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
        NonNull::new(h).map(|handle| Library { handle }).ok_or_else(dl_error)
    }

    /// The address of `name`, as the function pointer type `F`.
    ///
    /// # Safety
    /// `F` must be an `extern "C"` function pointer type matching the C declaration of
    /// `name` in the library's header.
    pub unsafe fn function<F: Copy>(&self, name: &CStr) -> Result<F, String> {
        assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<*mut c_void>());
        // SAFETY: the handle is open; name is a valid C string.
        let p = unsafe { libc::dlsym(self.handle.as_ptr(), name.as_ptr()) };
        if p.is_null() {
            return Err(dl_error());
        }
        // SAFETY: p is the non-NULL address of the function; the caller guarantees F is
        // the matching function pointer type (same size, checked above).
        Ok(unsafe { std::mem::transmute_copy::<*mut c_void, F>(&p) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_library_and_symbol_are_errors() {
        let e = Library::open(c"libguestfs-rs-no-such-library.so.0").err().unwrap();
        assert!(e.contains("libguestfs-rs-no-such-library.so.0"), "{e}");
        let libc = Library::open(c"libc.so.6").unwrap();
        // SAFETY: getpid's C declaration is `pid_t getpid(void)`.
        let getpid: unsafe extern "C" fn() -> libc::pid_t = unsafe { libc.function(c"getpid") }.unwrap();
        // SAFETY: as above.
        assert_eq!(unsafe { getpid() }, std::process::id() as libc::pid_t);
        // SAFETY: never called.
        assert!(unsafe { libc.function::<unsafe extern "C" fn()>(c"guestfs_rs_no_such_symbol") }.is_err());
    }

    #[test]
    fn unavailable_is_1_48s_enotsup_reply() {
        let e = unavailable("libtsk", "test");
        assert_eq!(e.errno, libc::ENOTSUP);
        assert!(
            e.msg
                .starts_with("feature 'libtsk' is not available in this\nbuild of libguestfs."),
            "{}",
            e.msg
        );
    }
}
