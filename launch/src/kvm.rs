//! Is KVM usable? `/dev/kvm` opening is not enough on nested hosts (qemu aborts setting
//! MSRs with `-cpu host`), so qemu itself is run briefly under KVM and watched. The verdict is
//! cached per qemu binary (size and mtime) in the user cache directory.

use crate::cachedir;
use crate::error::LaunchError;
use crate::qemu_cmd::Accel;
use crate::LaunchEvents;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a KVM guest must survive to count as working (the MSR abort takes ~0.1 s).
const PROBE_TIME: Duration = Duration::from_millis(1500);

fn dev_kvm_opens() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/kvm")
        .is_ok()
}

/// Runs qemu under KVM with no kernel (firmware only) and sees whether it survives.
fn probe(hv: &str) -> bool {
    let child = Command::new(hv)
        .args([
            "-display",
            "none",
            "-nodefaults",
            "-no-user-config",
            "-machine",
            "accel=kvm",
            "-cpu",
            "host",
            "-m",
            "64",
            "-no-reboot",
        ])
        .env("LC_ALL", "C")
        .env("QEMU_AUDIO_DRV", "none")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return false };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return false,
            Ok(None) if start.elapsed() >= PROBE_TIME => {
                let _ = child.kill();
                let _ = child.wait();
                return true;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// KVM usable here? `cachedir` is the handle's cache directory (the verdict goes in its
/// `.guestfs-<euid>` subdirectory, like libguestfs's qemu probe cache).
pub fn kvm_works(hv: &str, cachedir: &Path) -> bool {
    if !dev_kvm_opens() {
        return false;
    }
    let Some(md) = crate::hv_probe::resolve_program(hv).and_then(|p| std::fs::metadata(p).ok()) else {
        return false;
    };
    let cache_file = cachedir::user_cache_dir(cachedir)
        .ok()
        .map(|d| d.join(format!("rs-kvm-{}-{}", md.len(), md.mtime())));
    if let Some(f) = &cache_file {
        match std::fs::read_to_string(f).as_deref().map(str::trim) {
            Ok("yes") => return true,
            Ok("no") => return false,
            _ => {}
        }
    }
    let ok = probe(hv);
    if let Some(f) = &cache_file {
        let _ = std::fs::write(f, if ok { "yes\n" } else { "no\n" });
    }
    ok
}

static FALLBACK_WARNED: AtomicBool = AtomicBool::new(false);

/// A boolean backend setting: bare `name`, or `name=<true word>` (1.48 reads them as
/// booleans, so `force_tcg=1` forces and `force_tcg=0` does not).
fn setting_is_true(settings: &[String], name: &str) -> bool {
    settings.iter().any(|s| {
        s == name
            || s.strip_prefix(name)
                .and_then(|r| r.strip_prefix('='))
                .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "t" | "yes" | "y" | "on"))
    })
}

/// Applies force_kvm / force_tcg and the probe.
pub fn choose_accel(
    settings: &[String],
    kvm_ok: impl FnOnce() -> bool,
    ev: &dyn LaunchEvents,
) -> Result<Accel, LaunchError> {
    let force_kvm = setting_is_true(settings, "force_kvm");
    let force_tcg = setting_is_true(settings, "force_tcg");
    if force_kvm && force_tcg {
        return Err(LaunchError::msg(
            "Both force_kvm and force_tcg backend settings supplied.",
        ));
    }
    if force_tcg {
        return Ok(Accel::Tcg);
    }
    let ok = kvm_ok();
    ev.debug(&format!("qemu KVM: {}", if ok { "enabled" } else { "disabled" }));
    if ok {
        return Ok(Accel::Kvm);
    }
    if force_kvm {
        return Err(LaunchError::msg("force_kvm supplied but kvm not available."));
    }
    // Without /dev/kvm, TCG is simply what this host offers; warn only when KVM looked
    // available but does not work (nested virtualisation, permissions), once per process.
    if !Path::new("/dev/kvm").exists() {
        ev.debug("no /dev/kvm: using software emulation (TCG)");
    } else if !FALLBACK_WARNED.swap(true, Ordering::Relaxed) {
        ev.warning("KVM is not usable on this host (no /dev/kvm access, or qemu fails under KVM): falling back to software emulation (TCG), which is much slower");
    }
    Ok(Accel::Tcg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests_support::Recorder;

    #[test]
    fn program_lookup() {
        use crate::hv_probe::resolve_program;
        assert_eq!(resolve_program("/x/qemu"), Some("/x/qemu".into()));
        assert!(resolve_program("sh").is_some());
        assert_eq!(resolve_program("no-such-program-xyz"), None);
    }

    #[test]
    fn settings() {
        let ev = Recorder::default();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            choose_accel(&s(&["force_kvm", "force_tcg"]), || true, &ev)
                .unwrap_err()
                .message(),
            "Both force_kvm and force_tcg backend settings supplied."
        );
        assert!(setting_is_true(&s(&["force_tcg=1"]), "force_tcg"));
        assert!(!setting_is_true(&s(&["force_tcg=0"]), "force_tcg"));
        assert_eq!(
            choose_accel(&s(&["force_tcg"]), || panic!("no probe with force_tcg"), &ev).unwrap(),
            Accel::Tcg
        );
        assert_eq!(choose_accel(&s(&["force_kvm"]), || true, &ev).unwrap(), Accel::Kvm);
        assert_eq!(
            choose_accel(&s(&["force_kvm"]), || false, &ev).unwrap_err().message(),
            "force_kvm supplied but kvm not available."
        );
        assert_eq!(choose_accel(&s(&[]), || false, &ev).unwrap(), Accel::Tcg);
    }
}

#[cfg(test)]
mod probe_tests {
    use super::*;

    #[test]
    fn verdict_is_cached_per_qemu_binary() {
        let hv = "/usr/bin/qemu-system-x86_64";
        if !Path::new(hv).exists() {
            return;
        }
        let base = std::env::temp_dir().join(format!("launch-kvm-{}", std::process::id()));
        std::fs::create_dir_all(&base).unwrap();
        let first = kvm_works(hv, &base);
        if dev_kvm_opens() {
            let md = std::fs::metadata(hv).unwrap();
            let f = base.join(format!(
                ".guestfs-{}/rs-kvm-{}-{}",
                cachedir::euid(),
                md.len(),
                md.mtime()
            ));
            assert!(f.is_file(), "verdict cached in {}", f.display());
            // A planted verdict is believed (that is the point of the cache).
            std::fs::write(&f, if first { "no\n" } else { "yes\n" }).unwrap();
            assert_eq!(kvm_works(hv, &base), !first);
        }
        std::fs::remove_dir_all(&base).unwrap();
    }
}
