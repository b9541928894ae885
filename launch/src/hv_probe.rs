//! Questions asked of the hypervisor binary by running it (`-version`, `-device ...,help`),
//! answered once per binary per process: a rebuilt qemu (another size or mtime) is asked
//! again.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// (question, binary, size, mtime) → answer.
type Answers = HashMap<(&'static str, PathBuf, u64, i64), bool>;

static ANSWERS: Mutex<Option<Answers>> = Mutex::new(None);

/// Runs `hv args…` (stdin empty, LC_ALL=C) and hands its stdout to `judge`, unless the
/// answer to `question` for this binary is known already. `unknown` is the answer when
/// the binary cannot be found or run.
pub fn ask(question: &'static str, hv: &str, args: &[&str], unknown: bool, judge: impl FnOnce(&[u8]) -> bool) -> bool {
    let Some(path) = resolve_program(hv) else {
        return unknown;
    };
    let Ok(md) = std::fs::metadata(&path) else {
        return unknown;
    };
    let id = (question, path.clone(), md.len(), md.mtime());
    let mut g = ANSWERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = g.get_or_insert_with(HashMap::new).get(&id) {
        return *v;
    }
    let v = Command::new(&path)
        .args(args)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map(|o| o.status.success() && judge(&o.stdout))
        .unwrap_or(unknown);
    g.get_or_insert_with(HashMap::new).insert(id, v);
    v
}

/// `hv` as given when it contains a slash, else looked up in $PATH.
pub fn resolve_program(hv: &str) -> Option<std::path::PathBuf> {
    if hv.contains('/') {
        return Some(hv.into());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(hv))
        .find(|p| p.is_file())
}
