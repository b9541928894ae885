//! libsystemd's sd-journal API: the declarations and a safe owner of one `sd_journal *`.
//! Every `unsafe` of the journal_* calls lives here. sd-journal returns negative errno
//! values; the methods turn them into `io::Error`s and copy field data out at once (it is
//! only valid until the next call on the handle).

use std::ffi::{c_char, c_int, c_void, CStr};
use std::io;
use std::ptr::{self, NonNull};

#[repr(C)]
struct RawJournal {
    _private: [u8; 0],
}

#[link(name = "systemd")]
extern "C" {
    fn sd_journal_open_directory(ret: *mut *mut RawJournal, path: *const c_char, flags: c_int) -> c_int;
    fn sd_journal_close(j: *mut RawJournal);
    fn sd_journal_next(j: *mut RawJournal) -> c_int;
    fn sd_journal_next_skip(j: *mut RawJournal, skip: u64) -> c_int;
    fn sd_journal_previous_skip(j: *mut RawJournal, skip: u64) -> c_int;
    fn sd_journal_get_realtime_usec(j: *mut RawJournal, ret: *mut u64) -> c_int;
    fn sd_journal_set_data_threshold(j: *mut RawJournal, sz: usize) -> c_int;
    fn sd_journal_get_data_threshold(j: *mut RawJournal, sz: *mut usize) -> c_int;
    fn sd_journal_enumerate_data(j: *mut RawJournal, data: *mut *const c_void, l: *mut usize) -> c_int;
    fn sd_journal_restart_data(j: *mut RawJournal);
}

fn check(r: c_int) -> io::Result<c_int> {
    if r < 0 {
        Err(io::Error::from_raw_os_error(-r))
    } else {
        Ok(r)
    }
}

/// One open journal; closed when dropped.
pub struct Journal {
    j: NonNull<RawJournal>,
}

impl Drop for Journal {
    fn drop(&mut self) {
        // SAFETY: j came from sd_journal_open_directory and is closed only here.
        unsafe { sd_journal_close(self.j.as_ptr()) }
    }
}

impl Journal {
    pub fn open_directory(path: &CStr) -> io::Result<Journal> {
        let mut j: *mut RawJournal = ptr::null_mut();
        // SAFETY: j is a valid out pointer and path a valid C string for the call.
        check(unsafe { sd_journal_open_directory(&mut j, path.as_ptr(), 0) })?;
        NonNull::new(j)
            .map(|j| Journal { j })
            .ok_or_else(|| io::Error::from_raw_os_error(libc::ENOMEM))
    }

    fn raw(&self) -> *mut RawJournal {
        self.j.as_ptr()
    }

    /// Moves to the next entry; false at the end.
    pub fn next(&mut self) -> io::Result<bool> {
        // SAFETY: a live handle.
        check(unsafe { sd_journal_next(self.raw()) }).map(|r| r != 0)
    }

    /// Moves `skip` entries forward (positive) or back (negative); returns how many it moved.
    pub fn skip(&mut self, skip: i64) -> io::Result<i64> {
        let j = self.raw();
        // SAFETY (both): a live handle.
        let r = if skip > 0 {
            unsafe { sd_journal_next_skip(j, skip as u64) }
        } else {
            unsafe { sd_journal_previous_skip(j, skip.unsigned_abs()) }
        };
        check(r).map(i64::from)
    }

    pub fn realtime_usec(&mut self) -> io::Result<u64> {
        let mut usec = 0u64;
        // SAFETY: a live handle and a valid out pointer.
        check(unsafe { sd_journal_get_realtime_usec(self.raw(), &mut usec) })?;
        Ok(usec)
    }

    pub fn data_threshold(&mut self) -> io::Result<usize> {
        let mut sz = 0usize;
        // SAFETY: a live handle and a valid out pointer.
        check(unsafe { sd_journal_get_data_threshold(self.raw(), &mut sz) })?;
        Ok(sz)
    }

    pub fn set_data_threshold(&mut self, sz: usize) -> io::Result<()> {
        // SAFETY: a live handle.
        check(unsafe { sd_journal_set_data_threshold(self.raw(), sz) }).map(|_| ())
    }

    /// Every "FIELD=value" of the current entry, copied.
    pub fn fields(&mut self) -> io::Result<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        // SAFETY: a live handle.
        unsafe { sd_journal_restart_data(self.raw()) };
        loop {
            let mut data: *const c_void = ptr::null();
            let mut len = 0usize;
            // SAFETY: valid out pointers; on success data points to len bytes owned by the
            // journal until the next call, which are copied before that.
            let r = check(unsafe { sd_journal_enumerate_data(self.raw(), &mut data, &mut len) })?;
            if r == 0 || data.is_null() {
                return Ok(out);
            }
            // SAFETY: as above.
            out.push(unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) }.to_vec());
        }
    }
}
