//! The parsers of guest text files that inspection runs: /etc/fstab, mdadm.conf and md
//! UUIDs, release files (KEY=VALUE lines of os-release and lsb-release, shell and simple
//! unquoting, version numbers, and the release-line patterns of the distributions' own
//! files), and the package databases of dpkg, apk and pacman guests. The first byte picks
//! the parser, so each sees whole inputs of its own.
#![no_main]
use guestfs_fuzz::CappedAlloc;
use guestfs_guestdata::{fstab, packages, release};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

/// A sample of the daemon's release-line patterns: every construct (`.*`, `(N)`, `.`,
/// two captures) appears.
const PATTERNS: &[&str] = &[
    "Fedora release (N)",
    "CentOS.*release (N).(N)",
    "Red Hat.*release (N).*Update (N)",
    "(N).(N) PLD Linux",
    "^Oracle Linux.*release (N)",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match which % 6 {
        0 => {
            for e in fstab::parse(&text) {
                let _ = fstab::canonical_path(&e.file);
            }
        }
        1 => {
            let _ = fstab::mdadm_arrays(&text);
            let _ = fstab::parse_md_uuid(&text);
        }
        2 => {
            let lines: Vec<String> = text.lines().map(str::to_string).collect();
            for (_, v) in release::key_values(&lines) {
                let _ = release::shell_unquote(&v);
                let _ = release::simple_unquote(&v);
                let _ = release::version_from_major_minor(&v);
            }
        }
        3 => {
            let first = text.lines().next().unwrap_or("");
            for p in PATTERNS {
                let _ = release::pattern_match(p, first);
            }
        }
        4 => {
            let _ = packages::parse_dpkg_status(rest);
            let _ = packages::parse_apk_installed(rest);
        }
        _ => {
            let _ = packages::parse_pacman_desc(&text);
        }
    }
});
