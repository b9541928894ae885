//! Writes docs/status.md: every action of the API table with whether guestfs-rs
//! implements it (library side from `guestfs::actions`, daemon side from
//! `guestfsd --list-implemented`).
//!
//! Usage: guestfs-rs-status PATH/TO/guestfsd > docs/status.md

use guestfs_api::{table, Deprecation};
use std::collections::HashSet;
use std::fmt::Write;
use std::process::Command;

fn main() {
    let daemon = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: guestfs-rs-status PATH/TO/guestfsd");
        std::process::exit(2)
    });
    let out = Command::new(&daemon)
        .arg("--list-implemented")
        .output()
        .unwrap_or_else(|e| {
            eprintln!("guestfs-rs-status: running {daemon}: {e}");
            std::process::exit(1)
        });
    if !out.status.success() {
        eprintln!("guestfs-rs-status: {daemon} --list-implemented failed");
        std::process::exit(1);
    }
    let daemon_impl: HashSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let lib_impl: HashSet<&str> = guestfs::actions::implemented_library_actions().into_iter().collect();
    let t = table();
    let mut rows = String::new();
    let (mut n_lib, mut n_lib_ok, mut n_d, mut n_d_ok) = (0, 0, 0, 0);
    for a in &t.actions {
        let (side, ok) = if a.is_daemon() {
            n_d += 1;
            (
                format!("daemon ({})", a.proc_nr.unwrap_or(0)),
                daemon_impl.contains(&a.name),
            )
        } else {
            n_lib += 1;
            ("library".to_string(), lib_impl.contains(a.name.as_str()))
        };
        if ok {
            if a.is_daemon() {
                n_d_ok += 1
            } else {
                n_lib_ok += 1
            }
        }
        let dep = match &a.deprecated {
            Deprecation::No => String::new(),
            Deprecation::NoReplacement => " (deprecated)".into(),
            Deprecation::ReplacedBy(r) => format!(" (deprecated: {r})"),
        };
        let group = a.optional.as_deref().map(|g| format!(" [{g}]")).unwrap_or_default();
        writeln!(
            rows,
            "| `{}` | {side} | {} | {}{dep}{group} |",
            a.name,
            if ok { "yes" } else { "**no** (ENOTSUP)" },
            a.description
        )
        .unwrap();
    }
    let mut o = String::new();
    writeln!(o, "<!-- GENERATED FILE: written by src/bin/guestfs-rs-status.rs from api/api.txt and the implementations; do not edit. -->").unwrap();
    writeln!(o, "# Implementation status\n").unwrap();
    writeln!(o, "- Library-side actions implemented: {n_lib_ok} of {n_lib}").unwrap();
    writeln!(o, "- Daemon actions implemented in guestfsd: {n_d_ok} of {n_d}").unwrap();
    writeln!(o, "- Every action is exported and marshalled; one not implemented fails cleanly with errno ENOTSUP and a message naming it.\n").unwrap();
    writeln!(o, "| action | where | implemented | description |\n|---|---|---|---|").unwrap();
    o.push_str(&rows);
    print!("{o}");
}
