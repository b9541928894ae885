//! The journal_* calls: one open systemd journal directory of the guest, through
//! libsystemd's sd-journal.
//!
//! As in 1.48 the daemon keeps a single journal: journal_open replaces it, journal_close
//! drops it, and the other calls fail with "you must call 'journal-open' first" (naming
//! the C function) while there is none. internal_journal_get sends the current entry's
//! fields as FileOut data, each as a big-endian 64-bit length and "FIELD=value"; the
//! library's journal_get turns that into an xattr list.

mod ffi;

use std::cell::RefCell;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

use crate::args::{FileOut, GuestPath};
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use ffi::Journal;

thread_local! {
    /// The open journal. The daemon serves calls on one thread, so it never moves.
    static JOURNAL: RefCell<Option<Journal>> = const { RefCell::new(None) };
}

/// Runs `f` on the open journal; `what` is the context of a failure ("<what>: <strerror>"),
/// `call` the action's name for the "no journal" message.
fn with_journal<T>(call: &str, what: &str, f: impl FnOnce(&mut Journal) -> std::io::Result<T>) -> Result<T> {
    JOURNAL.with(|j| match j.borrow_mut().as_mut() {
        Some(journal) => f(journal).map_err(|e| Error::io(&e, what)),
        None => Err(Error::msg(format!(
            "do_{call}: you must call 'journal-open' first to initialize the journal handle"
        ))),
    })
}

pub fn journal_open(d: &mut Daemon, directory: &GuestPath) -> Result<()> {
    JOURNAL.with(|j| j.borrow_mut().take());
    let path = directory.resolve(d, true)?;
    let bytes = path.as_os_str().as_bytes();
    let cpath = CString::new(bytes).map_err(|_| Error::with_errno(libc::EINVAL, "journal_open: bad path"))?;
    let journal = Journal::open_directory(&cpath)
        .map_err(|e| Error::io(&e, format!("sd_journal_open_directory: {directory}")))?;
    JOURNAL.with(|j| *j.borrow_mut() = Some(journal));
    Ok(())
}

pub fn journal_close(_d: &mut Daemon) -> Result<()> {
    with_journal("journal_close", "", |_| Ok(()))?;
    JOURNAL.with(|j| j.borrow_mut().take());
    Ok(())
}

pub fn journal_next(_d: &mut Daemon) -> Result<bool> {
    with_journal("journal_next", "sd_journal_next", |j| j.next())
}

pub fn journal_skip(_d: &mut Daemon, skip: i64) -> Result<i64> {
    let what = format!("failed to skip {skip} journal entries");
    with_journal("journal_skip", &what, |j| if skip == 0 { Ok(0) } else { j.skip(skip) })
}

pub fn internal_journal_get(d: &mut Daemon, filename: FileOut) -> Result<()> {
    // The fields are read before the OK reply, so a handle error is still a normal error.
    let fields = with_journal("internal_journal_get", "", |j| Ok(j.fields()))?;
    let file = crate::stream::FileOutStream::begin(d, filename)?;
    match fields {
        Ok(fields) => {
            let items = fields
                .into_iter()
                .flat_map(|f| [(f.len() as u64).to_be_bytes().to_vec(), f]);
            file.send_all(d, items)?;
        }
        Err(e) => {
            // After the OK reply the protocol can only cancel the file.
            crate::log::line(format!("sd_journal_enumerate_data: {}", crate::error::io_text(&e)));
            file.abort(d)?;
        }
    }
    Ok(())
}

pub fn journal_get_data_threshold(_d: &mut Daemon) -> Result<i64> {
    with_journal("journal_get_data_threshold", "sd_journal_get_data_threshold", |j| {
        j.data_threshold()
    })
    .map(|v| v as i64)
}

pub fn journal_set_data_threshold(_d: &mut Daemon, threshold: i64) -> Result<()> {
    with_journal("journal_set_data_threshold", "sd_journal_set_data_threshold", |j| {
        j.set_data_threshold(threshold as usize)
    })
}

pub fn journal_get_realtime_usec(_d: &mut Daemon) -> Result<i64> {
    with_journal("journal_get_realtime_usec", "sd_journal_get_realtime_usec", |j| {
        j.realtime_usec()
    })
    .map(|v| v as i64)
}
