//! A minimal QMP client (qemu's JSON monitor on a unix socket): enough to save a machine,
//! restore one and plug drives into it. Replies are decoded once, here, into [`Reply`];
//! asynchronous events are skipped. qemu is our own child, but its output is still read
//! with bounded lines, a timeout, and the fuzzed JSON reader.

use crate::process;
use guestfs_guestdata::json::{self, Json};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

/// Longest reply line accepted (query-migrate's is under 1 KiB).
const MAX_LINE: usize = 1 << 20;

pub struct Qmp {
    r: BufReader<UnixStream>,
    w: UnixStream,
}

/// One command's outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Return(Json),
    Error(String),
}

impl Reply {
    /// The reply to one line of QMP output, or None for an event or the greeting.
    pub fn decode(line: &[u8]) -> Result<Option<Reply>, String> {
        let v = json::parse(line).map_err(|e| format!("QMP: {e}"))?;
        if let Some(r) = v.get("return") {
            return Ok(Some(Reply::Return(r.clone())));
        }
        if let Some(e) = v.get("error") {
            let desc = match e.get("desc") {
                Some(Json::Str(s)) => s.clone(),
                _ => "unknown error".into(),
            };
            return Ok(Some(Reply::Error(desc)));
        }
        if v.get("event").is_some() || v.get("QMP").is_some() {
            return Ok(None);
        }
        Err("QMP: unrecognised message".into())
    }
}

impl Qmp {
    /// Connects to qemu's QMP socket (qemu creates it early in its start-up; give up when
    /// qemu exits or `timeout` passes) and leaves capabilities negotiation mode.
    pub fn connect(path: &Path, qemu_pid: i32, timeout: Duration) -> Result<Qmp, String> {
        let start = Instant::now();
        let s = loop {
            match UnixStream::connect(path) {
                Ok(s) => break s,
                Err(e) => {
                    if process::is_gone(qemu_pid) {
                        return Err("qemu exited before its monitor came up".into());
                    }
                    if start.elapsed() >= timeout {
                        return Err(format!("QMP connect: {e}"));
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        };
        s.set_read_timeout(Some(timeout)).map_err(|e| format!("QMP: {e}"))?;
        let w = s.try_clone().map_err(|e| format!("QMP: {e}"))?;
        let mut q = Qmp {
            r: BufReader::new(s),
            w,
        };
        // The greeting.
        q.line()?;
        q.execute("qmp_capabilities", None)?;
        Ok(q)
    }

    fn line(&mut self) -> Result<Vec<u8>, String> {
        let mut buf = Vec::new();
        let n = (&mut self.r)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("QMP read: {e}"))?;
        if n == 0 {
            return Err("QMP: qemu closed the monitor".into());
        }
        if buf.last() != Some(&b'\n') {
            return Err("QMP: reply too long".into());
        }
        Ok(buf)
    }

    /// Runs one command; `args` is a JSON object. A QMP error becomes Err.
    pub fn execute(&mut self, command: &str, args: Option<&str>) -> Result<Json, String> {
        let msg = match args {
            Some(a) => format!("{{\"execute\":{},\"arguments\":{a}}}\n", json::quote(command)),
            None => format!("{{\"execute\":{}}}\n", json::quote(command)),
        };
        self.w
            .write_all(msg.as_bytes())
            .map_err(|e| format!("QMP write: {e}"))?;
        loop {
            let line = self.line()?;
            match Reply::decode(&line)? {
                None => continue,
                Some(Reply::Return(v)) => return Ok(v),
                Some(Reply::Error(e)) => return Err(format!("{command}: {e}")),
            }
        }
    }

    /// A human-monitor command. Those report failure only in their text: anything but
    /// the `expected` output counts as an error.
    pub fn hmp(&mut self, line: &str, expected: &[&str]) -> Result<(), String> {
        let v = self.execute(
            "human-monitor-command",
            Some(&format!("{{\"command-line\":{}}}", json::quote(line))),
        )?;
        let out = match &v {
            Json::Str(s) => s.trim().to_string(),
            _ => return Err(format!("{line}: unexpected reply")),
        };
        if expected.contains(&out.as_str()) {
            Ok(())
        } else {
            Err(format!("{line}: {out}"))
        }
    }

    /// The `status` of query-migrate (or query-status when `run_state`).
    pub fn status(&mut self, run_state: bool) -> Result<String, String> {
        let cmd = if run_state { "query-status" } else { "query-migrate" };
        let v = self.execute(cmd, None)?;
        match v.get("status") {
            Some(Json::Str(s)) => Ok(s.clone()),
            _ => Ok(String::new()),
        }
    }

    /// Polls query-migrate until the migration has completed; its failure, qemu's exit
    /// or the timeout is an error.
    pub fn wait_migration(&mut self, qemu_pid: i32, timeout: Duration) -> Result<(), String> {
        let start = Instant::now();
        loop {
            match self.status(false)?.as_str() {
                "completed" => return Ok(()),
                "failed" | "cancelled" => {
                    let why = self
                        .execute("query-migrate", None)
                        .ok()
                        .and_then(|v| match v.get("error-desc") {
                            Some(Json::Str(s)) => Some(s.clone()),
                            _ => None,
                        })
                        .unwrap_or_default();
                    return Err(format!("migration failed {why}").trim_end().to_string());
                }
                _ => {}
            }
            if process::is_gone(qemu_pid) {
                return Err("qemu exited during the migration".into());
            }
            if start.elapsed() >= timeout {
                return Err("migration timed out".into());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies() {
        assert_eq!(Reply::decode(b"{\"QMP\": {\"version\": {}}}\r\n"), Ok(None));
        assert_eq!(
            Reply::decode(b"{\"timestamp\": {\"seconds\": 1}, \"event\": \"STOP\"}\r\n"),
            Ok(None)
        );
        assert_eq!(
            Reply::decode(b"{\"return\": {}}\r\n"),
            Ok(Some(Reply::Return(Json::Obj(vec![]))))
        );
        assert_eq!(
            Reply::decode(b"{\"error\": {\"class\": \"GenericError\", \"desc\": \"no\"}}"),
            Ok(Some(Reply::Error("no".into())))
        );
        assert!(Reply::decode(b"{\"x\": 1}").is_err());
        assert!(Reply::decode(b"not json").is_err());
        assert_eq!(json::quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }
}
