//! librpm through its C API: reading the rpm configuration and iterating over the
//! installed package headers. Every `unsafe` of the librpm calls lives here; each header
//! field is copied into an owned [`Package`] (and the C string freed) before the next
//! header is read. Only the forked, chrooted child of `internal_list_rpm_applications`
//! calls this module: librpm keeps global state (macros, open files) that must not live in
//! the daemon itself.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::NonNull;

#[repr(C)]
struct RawTs {
    _private: [u8; 0],
}
#[repr(C)]
struct RawIter {
    _private: [u8; 0],
}
#[repr(C)]
struct RawHeader {
    _private: [u8; 0],
}

#[link(name = "rpm")]
extern "C" {
    fn rpmReadConfigFiles(file: *const c_char, target: *const c_char) -> c_int;
    fn rpmtsCreate() -> *mut RawTs;
    fn rpmtsFree(ts: *mut RawTs) -> *mut RawTs;
    fn rpmtsVSFlags(ts: *mut RawTs) -> u32;
    fn rpmtsSetVSFlags(ts: *mut RawTs, flags: u32) -> u32;
    fn rpmtsInitIterator(ts: *mut RawTs, tag: c_int, key: *const c_void, keylen: usize) -> *mut RawIter;
    fn rpmdbNextIterator(mi: *mut RawIter) -> *mut RawHeader;
    fn rpmdbFreeIterator(mi: *mut RawIter) -> *mut RawIter;
    fn headerLink(h: *mut RawHeader) -> *mut RawHeader;
    fn headerFree(h: *mut RawHeader) -> *mut RawHeader;
    fn headerFormat(h: *mut RawHeader, fmt: *const c_char, errmsg: *mut *const c_char) -> *mut c_char;
    fn headerGetNumber(h: *mut RawHeader, tag: c_int) -> u64;
}

/// `RPMDBI_PACKAGES`: iterate over every installed header.
const RPMDBI_PACKAGES: c_int = 0;
/// `RPMTAG_EPOCH`.
const RPMTAG_EPOCH: c_int = 1003;
/// `RPMVSF_MASK_NOSIGNATURES` (NODSAHEADER | NORSAHEADER | NODSA | NORSA): the headers'
/// signatures are not checked, as in 1.48 (the guest's keys are not ours to trust anyway).
const RPMVSF_MASK_NOSIGNATURES: u32 = (1 << 10) | (1 << 11) | (1 << 18) | (1 << 19);

pub use guestfs_guestdata::rpm_records::Package;

/// `rpmReadConfigFiles(NULL, NULL)`: the default rpmrc and macro files, read in the
/// current root. Returns false on failure (librpm has logged why).
pub fn read_config_files() -> bool {
    // SAFETY: NULL for both arguments asks for the built-in defaults.
    unsafe { rpmReadConfigFiles(std::ptr::null(), std::ptr::null()) != -1 }
}

/// An rpm transaction set with an iterator over the installed packages.
pub struct Packages {
    ts: NonNull<RawTs>,
    iter: NonNull<RawIter>,
}

/// Why [`Packages::open`] failed: the librpm function that returned NULL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenError {
    CreateTs,
    InitIterator,
}

impl Packages {
    /// Opens the database (%_dbpath under the current root) and starts iterating.
    pub fn open() -> Result<Packages, OpenError> {
        // SAFETY: rpmtsCreate takes no arguments and returns an owned ts or NULL.
        let ts = NonNull::new(unsafe { rpmtsCreate() }).ok_or(OpenError::CreateTs)?;
        // SAFETY: ts is a live transaction set owned by us.
        unsafe { rpmtsSetVSFlags(ts.as_ptr(), rpmtsVSFlags(ts.as_ptr()) | RPMVSF_MASK_NOSIGNATURES) };
        // SAFETY: ts is live; a NULL key with length 0 selects every record.
        let iter = unsafe { rpmtsInitIterator(ts.as_ptr(), RPMDBI_PACKAGES, std::ptr::null(), 0) };
        match NonNull::new(iter) {
            Some(iter) => Ok(Packages { ts, iter }),
            None => {
                // SAFETY: ts is live and freed once here; the struct that would own it is
                // never built.
                unsafe { rpmtsFree(ts.as_ptr()) };
                Err(OpenError::InitIterator)
            }
        }
    }
}

/// One field through `headerFormat` (the query-format expansion, as `rpm -q --qf` shows
/// it), copied and freed; NULL (a format error) is an empty field.
fn format(h: *mut RawHeader, fmt: &CStr) -> Vec<u8> {
    // SAFETY: h is a linked header, fmt a NUL-terminated format; errmsg may be NULL.
    let p = unsafe { headerFormat(h, fmt.as_ptr(), std::ptr::null_mut()) };
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: p is a malloc'ed NUL-terminated string that we own: copied, then freed once.
    let v = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    // SAFETY: as above.
    unsafe { libc::free(p.cast::<c_void>()) };
    v
}

impl Iterator for Packages {
    type Item = Package;

    fn next(&mut self) -> Option<Package> {
        // SAFETY: iter is live; the header returned belongs to the iterator until the next
        // call, so it is linked (reference counted) while we read it and freed after.
        let h = unsafe { rpmdbNextIterator(self.iter.as_ptr()) };
        if h.is_null() {
            return None;
        }
        // SAFETY: h is the iterator's current header (see above).
        let h = unsafe { headerLink(h) };
        let pkg = Package {
            name: format(h, c"%{NAME}"),
            version: format(h, c"%{VERSION}"),
            release: format(h, c"%{RELEASE}"),
            arch: format(h, c"%{ARCH}"),
            url: format(h, c"%{URL}"),
            summary: format(h, c"%{SUMMARY}"),
            description: format(h, c"%{DESCRIPTION}"),
            // SAFETY: h is linked; a missing tag reads as 0. application2's epoch is an
            // int32, which the 64-bit number is truncated to, as in 1.48.
            epoch: unsafe { headerGetNumber(h, RPMTAG_EPOCH) } as i32,
        };
        // SAFETY: drops the reference taken by headerLink above, once.
        unsafe { headerFree(h) };
        Some(pkg)
    }
}

impl Drop for Packages {
    fn drop(&mut self) {
        // SAFETY: both are live and owned by self; each is freed exactly once.
        unsafe {
            rpmdbFreeIterator(self.iter.as_ptr());
            rpmtsFree(self.ts.as_ptr());
        }
    }
}
