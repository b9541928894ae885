//! The appliance kernel command line (same items and order as libguestfs 1.48), plus
//! `rdinit=/init` for our initramfs-only appliance.

use std::sync::OnceLock;

pub struct KernelCmdline<'a> {
    pub verbose: bool,
    pub tcg: bool,
    pub lpj: Option<u64>,
    pub root_uuid: Option<&'a str>,
    pub selinux: bool,
    pub network: bool,
    /// For our daemon: the drives' interfaces (qemu_cmd::iface_letters).
    pub drive_ifaces: Option<&'a str>,
    pub term: Option<&'a str>,
    pub identifier: &'a str,
    pub rdinit: bool,
    /// The boot a snapshot is taken of (`guestfs_rs_snapshot=1`, see guestfs_protocol::resume).
    pub snapshot: bool,
    pub append: Option<&'a str>,
}

fn valid_term(t: &str) -> bool {
    (1..=16).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

impl KernelCmdline<'_> {
    pub fn render(&self) -> String {
        let mut v: Vec<String> = [
            "panic=1",
            "console=ttyS0",
            "edd=off",
            "udevtimeout=6000",
            "udev.event-timeout=6000",
            "no_timer_check",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        if self.tcg {
            if let Some(l) = self.lpj {
                v.push(format!("lpj={l}"));
            }
        }
        for s in [
            "printk.time=1",
            "cgroup_disable=memory",
            "usbcore.nousb",
            "cryptomgr.notests",
            "tsc=reliable",
            "8250.nr_uarts=1",
        ] {
            v.push(s.into());
        }
        if let Some(u) = self.root_uuid {
            v.push(format!("root=UUID={u}"));
        }
        v.push(if self.selinux {
            "selinux=1 enforcing=0".into()
        } else {
            "selinux=0".into()
        });
        v.push(if self.verbose {
            "guestfs_verbose=1".into()
        } else {
            "quiet".into()
        });
        if self.network {
            v.push("guestfs_network=1".into());
        }
        if let Some(i) = self.drive_ifaces {
            v.push(format!("guestfs_rs_ifaces={i}"));
        }
        match self.term {
            Some(t) if valid_term(t) => v.push(format!("TERM={t}")),
            _ => v.push("TERM=linux".into()),
        }
        if !self.identifier.is_empty() {
            v.push(format!("guestfs_identifier={}", self.identifier));
        }
        if self.snapshot {
            v.push("guestfs_rs_snapshot=1".into());
        }
        if self.rdinit {
            v.push("rdinit=/init".into());
        }
        if let Some(a) = self.append {
            v.push(a.to_string());
        }
        v.join(" ")
    }
}

/// The host's loops-per-jiffy, so a TCG guest skips delay-loop calibration. Read once per
/// process from the kernel log, else estimated from /proc/cpuinfo bogomips.
pub fn host_lpj() -> Option<u64> {
    static LPJ: OnceLock<Option<u64>> = OnceLock::new();
    *LPJ.get_or_init(|| {
        let from_log = std::process::Command::new("dmesg")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .and_then(|t| lpj_in(&t))
            .or_else(|| {
                ["/var/log/dmesg", "/var/log/boot.msg"]
                    .iter()
                    .find_map(|f| lpj_in(&std::fs::read_to_string(f).ok()?))
            });
        from_log.or_else(|| {
            let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").ok()?;
            lpj_from_bogomips(&cpuinfo, kernel_hz())
        })
    })
}

pub fn lpj_in(text: &str) -> Option<u64> {
    text.split("lpj=")
        .nth(1)
        .map(|rest| rest.chars().take_while(|c| c.is_ascii_digit()).collect::<String>())
        .and_then(|d| d.parse().ok())
}

/// bogomips = lpj * HZ / 500000.
pub fn lpj_from_bogomips(cpuinfo: &str, hz: u64) -> Option<u64> {
    let line = cpuinfo.lines().find(|l| l.starts_with("bogomips"))?;
    let val: f64 = line.split(':').nth(1)?.trim().parse().ok()?;
    (val > 0.0 && hz > 0).then(|| (val * 500000.0 / hz as f64) as u64)
}

fn kernel_hz() -> u64 {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    std::fs::read_to_string(format!("/boot/config-{}", release.trim()))
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("CONFIG_HZ=")?.trim().parse().ok())
        })
        .unwrap_or(250)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_libguestfs() {
        let k = KernelCmdline {
            verbose: true,
            tcg: true,
            lpj: Some(9781624),
            root_uuid: Some("6912867a-662e-4dd9-b638-0498a4731b19"),
            selinux: false,
            network: false,
            drive_ifaces: None,
            term: Some("xterm"),
            identifier: "",
            rdinit: false,
            snapshot: false,
            append: None,
        };
        assert_eq!(
            k.render(),
            "panic=1 console=ttyS0 edd=off udevtimeout=6000 udev.event-timeout=6000 no_timer_check lpj=9781624 printk.time=1 cgroup_disable=memory usbcore.nousb cryptomgr.notests tsc=reliable 8250.nr_uarts=1 root=UUID=6912867a-662e-4dd9-b638-0498a4731b19 selinux=0 guestfs_verbose=1 TERM=xterm"
        );
    }

    #[test]
    fn ours() {
        let k = KernelCmdline {
            verbose: false,
            tcg: false,
            lpj: Some(1),
            root_uuid: None,
            selinux: true,
            network: true,
            drive_ifaces: Some("sv"),
            term: Some("bad term;"),
            identifier: "id1",
            rdinit: true,
            snapshot: false,
            append: Some("foo=bar"),
        };
        let s = k.render();
        assert!(!s.contains("lpj="));
        assert!(s.ends_with("selinux=1 enforcing=0 quiet guestfs_network=1 guestfs_rs_ifaces=sv TERM=linux guestfs_identifier=id1 rdinit=/init foo=bar"), "{s}");
    }

    #[test]
    fn lpj_parsing() {
        assert_eq!(lpj_in("[0.0] Calibrating delay ... (lpj=9781624)\n"), Some(9781624));
        assert_eq!(lpj_in("nothing"), None);
        assert_eq!(lpj_from_bogomips("bogomips\t: 4890.81\n", 250), Some(9781620));
    }
}
