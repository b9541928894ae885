//! Prints where the guestfs-rs appliance is, building it first if needed.
//!
//! Usage: guestfs-rs-build-appliance [--verbose] [--fixed DIR]
//! With --fixed, also writes the appliance as a libguestfs fixed appliance into DIR.
//! The search path is LIBGUESTFS_PATH (default: the directory of this program, where
//! guestfsd is installed beside it), GUESTFS_RS_DAEMON overrides the daemon, and the cache
//! goes in LIBGUESTFS_CACHEDIR / TMPDIR / /var/tmp like libguestfs.

use guestfs_launch::{export_fixed_appliance, prepare_appliance, LaunchConfig, LaunchEvents};
use std::path::PathBuf;

struct Stderr {
    verbose: bool,
}

impl LaunchEvents for Stderr {
    fn debug(&self, msg: &str) {
        if self.verbose {
            eprintln!("libguestfs: {msg}");
        }
    }
    fn warning(&self, msg: &str) {
        eprintln!("libguestfs: warning: {msg}");
    }
    fn appliance_output(&self, _buf: &[u8]) {}
    fn launch_progress(&self, _perdozen: u64) {}
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v" || a == "--verbose");
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: guestfs-rs-build-appliance [--verbose] [--fixed DIR]\nBuilds the guestfs-rs appliance if needed and prints kernel, initrd and root.\nWith --fixed DIR, also exports it as a libguestfs fixed appliance.");
        return;
    }
    let fixed = args.iter().position(|a| a == "--fixed").map(|i| match args.get(i + 1) {
        Some(d) => PathBuf::from(d),
        None => {
            eprintln!("guestfs-rs-build-appliance: --fixed needs a directory");
            std::process::exit(2);
        }
    });
    let mut cfg = LaunchConfig::new("qemu-system-x86_64");
    cfg.verbose = verbose;
    cfg.path = std::env::var("LIBGUESTFS_PATH")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| {
            std::env::current_exe()
                .ok()
                .and_then(|e| e.parent().map(|d| d.display().to_string()))
                .unwrap_or_default()
        });
    cfg.cachedir = ["LIBGUESTFS_CACHEDIR", "TMPDIR"]
        .iter()
        .find_map(|v| std::env::var_os(v).filter(|s| !s.is_empty()))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp"));
    let t0 = std::time::Instant::now();
    match prepare_appliance(&cfg, &Stderr { verbose }) {
        Ok(a) => {
            println!("kind: {:?}", a.kind);
            println!("kernel: {}", a.kernel.display());
            println!("initrd: {}", a.initrd.display());
            if let Some(r) = &a.root {
                println!("root: {}", r.display());
            }
            if let Some(dir) = fixed {
                if let Err(e) = export_fixed_appliance(&a, &dir) {
                    eprintln!("guestfs-rs-build-appliance: {e}");
                    std::process::exit(1);
                }
                println!("fixed appliance: {}", dir.display());
            }
            if verbose {
                eprintln!("took {} ms", t0.elapsed().as_millis());
            }
        }
        Err(e) => {
            eprintln!("guestfs-rs-build-appliance: {e}");
            std::process::exit(1);
        }
    }
}
