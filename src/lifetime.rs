//! Creating and closing a handle: what `guestfs_create_flags` / `guestfs_close` and the
//! Rust `Handle::new` / `Drop` have in common.

use crate::handle::errors::HandlerSlot;
use crate::Core;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// `GUESTFS_CREATE_NO_ENVIRONMENT`: do not read the `LIBGUESTFS_*` variables.
pub const CREATE_NO_ENVIRONMENT: u32 = 1 << 0;
/// `GUESTFS_CREATE_NO_CLOSE_ON_EXIT`: the C ABI does not close the handle at exit.
pub const CREATE_NO_CLOSE_ON_EXIT: u32 = 1 << 1;

impl Core {
    /// A new handle in the config state. `initial_handler` is the error handler every
    /// thread starts with (the C ABI prints to stderr; the Rust API stays silent, its
    /// callers get the error as a value). Unless `CREATE_NO_ENVIRONMENT` is set, the
    /// `LIBGUESTFS_*` variables are read; an error there is recorded and otherwise
    /// ignored, as in 1.48.
    pub fn create(flags: u32, initial_handler: HandlerSlot) -> Arc<Core> {
        let h = Arc::new(Core::new());
        h.set_initial_error_handler(initial_handler);
        if flags & CREATE_NO_CLOSE_ON_EXIT != 0 {
            h.lock().inner().close_on_exit = false;
        }
        if flags & CREATE_NO_ENVIRONMENT == 0 {
            if let Err(e) = crate::actions::environment::parse_environment(&h) {
                if !e.reported {
                    h.report(&e);
                }
            }
        }
        let program = h.lock().inner().program.clone();
        h.debug(&format!(
            "create: flags = {flags}, handle = {:p}, program = {program}",
            h.c_ptr()
        ));
        h
    }

    /// Closes the handle: shuts the appliance down, runs the CLOSE callbacks, removes
    /// temporary files. Returns `false` (doing nothing) when a close already started.
    pub fn close(&self) -> bool {
        if self.closing.swap(true, Ordering::SeqCst) {
            return false;
        }
        crate::actions::lifecycle::close(self);
        true
    }

    /// Whether `close` has started on this handle.
    pub fn is_closing(&self) -> bool {
        self.closing.load(Ordering::SeqCst)
    }
}
