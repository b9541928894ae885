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

use guestfs_protocol::RetValue;

use super::Handler;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;
use ffi::Journal;

pub const CALLS: &[(&str, Handler)] = &[
    ("journal_open", journal_open),
    ("journal_close", journal_close),
    ("journal_next", journal_next),
    ("journal_skip", journal_skip),
    ("internal_journal_get", internal_journal_get),
    ("journal_get_data_threshold", journal_get_data_threshold),
    ("journal_set_data_threshold", journal_set_data_threshold),
    ("journal_get_realtime_usec", journal_get_realtime_usec),
];

thread_local! {
    /// The open journal. The daemon serves calls on one thread, so it never moves.
    static JOURNAL: RefCell<Option<Journal>> = const { RefCell::new(None) };
}

/// Runs `f` on the open journal; `what` is the context of a failure ("<what>: <strerror>").
fn with_journal<T>(r: &Req, what: &str, f: impl FnOnce(&mut Journal) -> std::io::Result<T>) -> Result<T> {
    JOURNAL.with(|j| match j.borrow_mut().as_mut() {
        Some(journal) => f(journal).map_err(|e| Error::io(&e, what)),
        None => Err(Error::msg(format!(
            "do_{}: you must call 'journal-open' first to initialize the journal handle",
            r.action.name
        ))),
    })
}

fn journal_open(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    JOURNAL.with(|j| j.borrow_mut().take());
    let path = super::host_path(d, r, 0, true)?;
    let bytes = path.as_os_str().as_bytes();
    let cpath = CString::new(bytes).map_err(|_| Error::with_errno(libc::EINVAL, "journal_open: bad path"))?;
    let journal = Journal::open_directory(&cpath)
        .map_err(|e| Error::io(&e, format!("sd_journal_open_directory: {}", r.str(0))))?;
    JOURNAL.with(|j| *j.borrow_mut() = Some(journal));
    Ok(RetValue::None)
}

fn journal_close(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_journal(r, "", |_| Ok(()))?;
    JOURNAL.with(|j| j.borrow_mut().take());
    Ok(RetValue::None)
}

fn journal_next(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_journal(r, "sd_journal_next", |j| j.next()).map(RetValue::Bool)
}

fn journal_skip(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let skip = r.int64(0);
    let what = format!("failed to skip {skip} journal entries");
    with_journal(r, &what, |j| if skip == 0 { Ok(0) } else { j.skip(skip) }).map(RetValue::Int64)
}

fn internal_journal_get(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    // The fields are read before the OK reply, so a handle error is still a normal error.
    let fields = with_journal(r, "", |j| Ok(j.fields()))?;
    let file = crate::stream::FileOutStream::begin(d, crate::args::FileOut::token())?;
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
    Ok(RetValue::None)
}

fn journal_get_data_threshold(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_journal(r, "sd_journal_get_data_threshold", |j| j.data_threshold()).map(|v| RetValue::Int64(v as i64))
}

fn journal_set_data_threshold(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let t = r.int64(0);
    with_journal(r, "sd_journal_set_data_threshold", |j| j.set_data_threshold(t as usize)).map(|()| RetValue::None)
}

fn journal_get_realtime_usec(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    with_journal(r, "sd_journal_get_realtime_usec", |j| j.realtime_usec()).map(|v| RetValue::Int64(v as i64))
}
