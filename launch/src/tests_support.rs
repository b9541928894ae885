//! An event sink for tests that records what it is told.

use crate::LaunchEvents;
use std::sync::Mutex;

#[derive(Default)]
pub struct Recorder {
    pub debug: Mutex<Vec<String>>,
    pub warnings: Mutex<Vec<String>>,
    pub output: Mutex<Vec<u8>>,
    pub progress: Mutex<Vec<u64>>,
}

impl LaunchEvents for Recorder {
    fn debug(&self, msg: &str) {
        if std::env::var_os("LAUNCH_TEST_VERBOSE").is_some() {
            eprintln!("debug: {msg}");
        }
        self.debug.lock().unwrap().push(msg.to_string());
    }
    fn warning(&self, msg: &str) {
        self.warnings.lock().unwrap().push(msg.to_string());
    }
    fn appliance_output(&self, buf: &[u8]) {
        self.output.lock().unwrap().extend_from_slice(buf);
    }
    fn launch_progress(&self, perdozen: u64) {
        self.progress.lock().unwrap().push(perdozen);
    }
}
