//! Classifying one mounted filesystem (1.48's decision order): a /boot, a root of some
//! OS (Linux, the BSDs, Hurd, Minix, CoreOS, Windows, DOS), a /usr, or nothing known.

use std::os::unix::ffi::OsStrExt;

use super::guest::Guest;
use super::{fstab, packages, registry, release};
use crate::args::GuestPath;
use crate::calls::filetype;
use crate::daemon::Daemon;
use crate::devices::CallerName;
use crate::inspection::{Data, Role};

const ARCH_BINARIES: &[&str] = &["/bin/bash", "/bin/ls", "/bin/echo", "/bin/rm", "/bin/sh"];
const SYSTEMROOT_PATHS: &[&str] = &["/windows", "/winnt", "/win32", "/win", "/reactos"];

/// The role of the filesystem `mountable`, mounted at the sysroot.
pub fn check_filesystem(d: &mut Daemon, mountable: &CallerName) -> Role {
    let sysroot = d.sysroot.clone();
    let g = Guest { root: &sysroot };
    let mut data = Data::default();
    let dir = |p: &str| g.is_dir(p);
    let file = |p: &str| g.is_file(p, false);
    let etc_bin = dir("/etc") && dir("/bin");

    let role = if file("/grub/menu.lst") || file("/grub/grub.conf") || file("/grub2/grub.cfg") {
        Role::Other
    } else if etc_bin && file("/etc/freebsd-update.conf") && file("/etc/fstab") {
        bsd_root(d, &g, mountable, "freebsd", "freebsd", "/etc/motd", None, &mut data);
        Role::Root(data)
    } else if etc_bin && file("/netbsd") && file("/etc/fstab") && file("/etc/release") {
        bsd_root(
            d,
            &g,
            mountable,
            "netbsd",
            "netbsd",
            "/etc/release",
            Some("^NetBSD (N).(N)"),
            &mut data,
        );
        Role::Root(data)
    } else if etc_bin && file("/bsd") && file("/etc/fstab") && file("/etc/motd") {
        // 1.48 reports OpenBSD as freebsd (a known quirk kept for compatibility).
        bsd_root(d, &g, mountable, "freebsd", "freebsd", "/etc/motd", None, &mut data);
        Role::Root(data)
    } else if file("/hurd/console") && file("/hurd/hello") && file("/hurd/null") {
        data.os_type = Some("hurd");
        release::check_hurd_release(&g, &mut data);
        data.arch = architecture(d, &g);
        data.fstab = fstab_of(d, &g, mountable, false, false);
        data.hostname = linux_hostname(&g);
        Role::Root(data)
    } else if etc_bin && file("/service/vm") && file("/etc/fstab") && file("/etc/version") {
        data.os_type = Some("minix");
        if g.is_file("/etc/version", true) {
            release::parse_generic(&g, "/etc/version", "meego", Some("^(N).(N)"), &mut data);
            data.distro = None;
        }
        data.arch = architecture(d, &g);
        data.hostname = hostname_from_file(&g, "/etc/hostname.file");
        Role::Root(data)
    } else if dir("/etc")
        && (dir("/bin") || g.readlink("/bin").as_deref() == Some("usr/bin"))
        && (file("/etc/fstab") || file("/etc/hosts"))
    {
        data.os_type = Some("linux");
        release::check_linux_release(&g, &mut data);
        data.arch = architecture(d, &g);
        data.fstab = fstab_of(d, &g, mountable, false, true);
        data.hostname = linux_hostname(&g);
        Role::Root(data)
    } else if dir("/etc") && dir("/root") && dir("/home") && dir("/usr") && file("/etc/coreos/update.conf") {
        data.os_type = Some("linux");
        data.distro = Some("coreos");
        data.hostname = linux_hostname(&g);
        data.fstab = vec![(mountable.clone(), "/".to_string())];
        Role::Root(data)
    } else if etc_bin && dir("/share") && !dir("/local") && !file("/etc/fstab") {
        Role::Other // a /usr/local
    } else if dir("/bin") && dir("/local") && dir("/share") && dir("/src") && !file("/etc/fstab") {
        data.os_type = Some("linux");
        if g.is_file("/lib/os-release", true) {
            release::parse_os_release(&g, "/lib/os-release", &mut data);
        }
        if let Some(a) = architecture(d, &g) {
            data.arch = Some(a);
        }
        Role::Usr(data)
    } else if dir("/bin") && dir("/share") && dir("/local") && dir("/share/coreos") {
        data.os_type = Some("linux");
        data.distro = Some("coreos");
        if g.is_file("/lib/os-release", true) {
            release::parse_os_release(&g, "/lib/os-release", &mut data);
        } else if g.is_file("/share/coreos/lsb-release", true) {
            release::parse_lsb_release(&g, "/share/coreos/lsb-release", &mut data);
        }
        if let Some(a) = architecture(d, &g) {
            data.arch = Some(a);
        }
        data.fstab = vec![(mountable.clone(), "/usr".to_string())];
        Role::Usr(data)
    } else if dir("/log") && dir("/run") && dir("/spool") {
        Role::Other // a /var
    } else if let Some(systemroot) = windows_systemroot(&g) {
        windows_root(d, &g, systemroot, &mut data);
        Role::Root(data)
    } else if nocase_dir(&g, "/System Volume Information") {
        Role::Other // a Windows data volume
    } else if nocase_dir(&g, "/FDOS") && nocase_file(&g, "/FDOS/FREEDOS.BSS") {
        dos_root("freedos", &mut data);
        Role::Root(data)
    } else if nocase_dir(&g, "/DOS") && nocase_file(&g, "/DOS/COMMAND.COM") {
        dos_root("msdos", &mut data);
        Role::Root(data)
    } else {
        Role::Other
    };
    with_packages(d, &g, role)
}

/// Package format and manager follow from the distro (and version) found.
fn with_packages(d: &mut Daemon, g: &Guest, role: Role) -> Role {
    let _ = d;
    let fill = |mut data: Data| {
        data.package_format = packages::format(data.distro);
        data.package_management = packages::management(data.distro, data.version, g);
        data
    };
    match role {
        Role::Root(data) => Role::Root(fill(data)),
        Role::Usr(data) => Role::Usr(fill(data)),
        r => r,
    }
}

#[allow(clippy::too_many_arguments)]
fn bsd_root(
    d: &mut Daemon,
    g: &Guest,
    mountable: &CallerName,
    os_type: &'static str,
    distro: &'static str,
    release_file: &str,
    pat: Option<&str>,
    data: &mut Data,
) {
    data.os_type = Some(os_type);
    data.distro = Some(distro);
    if g.is_file(release_file, true) {
        release::parse_generic(g, release_file, distro, pat, data);
    }
    data.arch = architecture(d, g);
    data.fstab = fstab_of(d, g, mountable, true, false);
    data.hostname = rc_conf_hostname(g);
}

fn dos_root(distro: &'static str, data: &mut Data) {
    data.os_type = Some("dos");
    data.distro = Some(distro);
    data.arch = Some("i386".to_string());
}

/// The root's fstab as (mountable, mountpoint) pairs; Linux guests' mdadm.conf maps their
/// md arrays. 1.48 hands these files to augeas, which skips files over 100,000 bytes.
fn fstab_of(d: &mut Daemon, g: &Guest, mountable: &CallerName, bsd: bool, mdadm: bool) -> Vec<(CallerName, String)> {
    let Some(bytes) = g.read_bounded("/etc/fstab", 100_000) else {
        return Vec::new();
    };
    let confs: Vec<String> = if mdadm {
        ["/etc/mdadm.conf", "/etc/mdadm/mdadm.conf"]
            .iter()
            .filter_map(|p| g.read_bounded(p, 100_000))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    } else {
        Vec::new()
    };
    let md = fstab::md_map(d, &confs);
    fstab::mountpoints(d, &String::from_utf8_lossy(&bytes), mountable, bsd, &md)
}

/// `file_architecture` of the first of the usual binaries that exists.
fn architecture(d: &mut Daemon, g: &Guest) -> Option<String> {
    for bin in ARCH_BINARIES {
        if !g.is_file(bin, true) {
            continue;
        }
        // Resolve symlinks inside the guest, then ask file_architecture.
        let Ok(host) = g.root.resolve(bin.as_bytes(), true) else {
            continue;
        };
        let Ok(rel) = host.strip_prefix(g.root.root()) else {
            continue;
        };
        let mut guest_path = b"/".to_vec();
        guest_path.extend_from_slice(rel.as_os_str().as_bytes());
        match filetype::file_architecture(d, &GuestPath::new(&guest_path)) {
            Ok(arch) => return Some(arch),
            Err(_) => continue,
        }
    }
    None
}

/// The first non-empty line not starting with '#'.
fn hostname_from_file(g: &Guest, file: &str) -> Option<String> {
    g.read_small(file)?
        .into_iter()
        .find(|l| !l.is_empty() && !l.starts_with('#'))
}

fn linux_hostname(g: &Guest) -> Option<String> {
    hostname_from_file(g, "/etc/HOSTNAME")
        .or_else(|| hostname_from_file(g, "/etc/hostname"))
        .or_else(|| {
            // Red Hat's HOSTNAME= in /etc/sysconfig/network (1.48 reads it with augeas, which
            // skips files over 100,000 bytes).
            if !g.is_file("/etc/sysconfig/network", false) {
                return None;
            }
            let bytes = g.read_bounded("/etc/sysconfig/network", 100_000)?;
            String::from_utf8_lossy(&bytes).lines().find_map(|l| {
                let v = l.trim().strip_prefix("HOSTNAME=")?;
                Some(release::simple_unquote(v.trim()))
            })
        })
}

/// BSD `hostname=` in /etc/rc.conf (quotes stripped).
fn rc_conf_hostname(g: &Guest) -> Option<String> {
    for l in g.read_small("/etc/rc.conf")? {
        if let Some(v) = l.strip_prefix("hostname=") {
            let quoted = v.starts_with('"') || v.starts_with('\'');
            return Some(if quoted && v.len() >= 2 {
                v[1..v.len() - 1].to_string()
            } else {
                v.to_string()
            });
        }
    }
    None
}

fn nocase_dir(g: &Guest, p: &str) -> bool {
    g.case_insensitive(p).is_some_and(|p| g.is_dir(&p))
}

fn nocase_file(g: &Guest, p: &str) -> bool {
    g.case_insensitive(p).is_some_and(|p| g.is_file(&p, false))
}

fn is_systemroot(g: &Guest, p: &str) -> bool {
    nocase_dir(g, &format!("{p}/system32"))
        && nocase_dir(g, &format!("{p}/system32/config"))
        && nocase_file(g, &format!("{p}/system32/cmd.exe"))
}

/// `%SYSTEMROOT%` as it is spelled on disk: a usual place, or one named by boot.ini.
fn windows_systemroot(g: &Guest) -> Option<String> {
    for p in SYSTEMROOT_PATHS {
        if let Some(found) = g.case_insensitive(p) {
            if is_systemroot(g, &found) {
                return Some(found);
            }
        }
    }
    let ini = g.case_insensitive("/boot.ini")?;
    let lines = g.read_small(&ini)?;
    let start = lines.iter().position(|l| l.starts_with("[operating systems]"))?;
    for l in lines[start + 1..]
        .iter()
        .take_while(|l| l.starts_with("multi(") || l.starts_with("scsi("))
    {
        // multi(0)disk(0)rdisk(0)partition(1)\WINDOWS="…": the path after the last ')'.
        let Some((head, _)) = l.split_once('=') else { continue };
        let Some(i) = head.rfind(')') else { continue };
        let path = head[i + 1..].replace('\\', "/");
        if path.is_empty() {
            continue;
        }
        if let Some(found) = g.case_insensitive(&path) {
            if is_systemroot(g, &found) {
                return Some(found);
            }
        }
    }
    None
}

/// A Windows root: systemroot, architecture (of cmd.exe), hive paths, and what the
/// registry says (`registry`).
fn windows_root(d: &mut Daemon, g: &Guest, systemroot: String, data: &mut Data) {
    data.os_type = Some("windows");
    data.distro = Some("windows");
    let cmd = g.case_insensitive(&format!("{systemroot}/system32/cmd.exe"));
    if let Some(cmd) = cmd {
        if let Ok(arch) = filetype::file_architecture(d, &GuestPath::new(cmd.as_bytes())) {
            data.arch = Some(arch);
        }
    }
    let hive = |name: &str| {
        let p = g.case_insensitive(&format!("{systemroot}/system32/config/{name}"))?;
        g.is_file(&p, false).then_some(p)
    };
    data.windows_software_hive = hive("software");
    data.windows_system_hive = hive("system");
    data.windows_systemroot = Some(systemroot);
    // As 1.48, the registry is read only when both hives exist.
    if let (Some(sw), Some(sys)) = (data.windows_software_hive.clone(), data.windows_system_hive.clone()) {
        registry::read_software(g, &sw, data);
        registry::read_system(d, g, &sys, data);
    }
}
