//! Verbose logging to stderr (the appliance console, so it becomes APPLIANCE events).

use std::sync::atomic::{AtomicBool, Ordering};

static VERBOSE: AtomicBool = AtomicBool::new(false);

pub fn set_verbose(v: bool) {
    VERBOSE.store(v, Ordering::Relaxed);
}

pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// Write one line to stderr with a single write, so lines from the daemon, its tools and
/// the kernel do not interleave mid-line on the console.
pub fn line(mut s: String) {
    use std::io::Write;
    s.push('\n');
    let _ = std::io::stderr().write_all(s.as_bytes());
}

/// Print a line to stderr only in verbose mode.
#[macro_export]
macro_rules! vlog {
    ($($arg:tt)*) => {
        if $crate::log::verbose() {
            $crate::log::line(format!($($arg)*));
        }
    };
}
