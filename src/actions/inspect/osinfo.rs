//! inspect_get_osinfo: the libosinfo short id 1.48 derives from the inspection results.

use super::{nested_int, nested_str, s};
use crate::error::Result;
use crate::Core;

pub fn osinfo(h: &Core, root: &str) -> Result<String> {
    let os_type = nested_str(h, "inspect_get_type", &[s(root)])?;
    let distro = nested_str(h, "inspect_get_distro", &[s(root)])?;
    // As 1.48, a failing version getter counts as -1 rather than failing the call.
    let major = nested_int(h, "inspect_get_major_version", &[s(root)]).unwrap_or(-1) as i32;
    let minor = nested_int(h, "inspect_get_minor_version", &[s(root)]).unwrap_or(-1) as i32;
    let windows = |h: &Core| -> Result<Option<String>> {
        let name = nested_str(h, "inspect_get_product_name", &[s(root)])?;
        let variant = nested_str(h, "inspect_get_product_variant", &[s(root)])?;
        Ok(windows_id(major, minor, &name, &variant).map(str::to_string))
    };
    let id = match os_type.as_str() {
        "linux" => linux_id(&distro, major, minor),
        "freebsd" | "netbsd" | "openbsd" => Some(format!("{distro}{major}.{minor}")),
        "dos" if distro == "msdos" => Some("msdos6.22".to_string()),
        "windows" => windows(h)?,
        _ => None,
    };
    Ok(id.unwrap_or_else(|| "unknown".to_string()))
}

pub fn linux_id(distro: &str, major: i32, minor: i32) -> Option<String> {
    let id = match distro {
        "centos" if major >= 8 => format!("{distro}{major}"),
        "centos" if major == 7 => format!("{distro}{major}.0"),
        "centos" if major == 6 => format!("{distro}{major}.{minor}"),
        "rocky" if major >= 8 => format!("{distro}{major}"),
        "debian" if major >= 4 => format!("{distro}{major}"),
        "fedora" | "mageia" => format!("{distro}{major}"),
        "sles" if minor == 0 => format!("{distro}{major}"),
        "sles" => format!("{distro}{major}sp{minor}"),
        "ubuntu" => format!("{distro}{major}.{minor:02}"),
        "archlinux" | "gentoo" | "voidlinux" => distro.to_string(),
        "altlinux" if major >= 8 => format!("alt{major}.{minor}"),
        "altlinux" => format!("{distro}{major}.{minor}"),
        _ if distro != "unknown" && (major > 0 || minor > 0) => format!("{distro}{major}.{minor}"),
        _ => return None,
    };
    Some(id)
}

pub fn windows_id(major: i32, minor: i32, name: &str, variant: &str) -> Option<&'static str> {
    let server = variant.contains("Server");
    Some(match (major, minor) {
        (5, 1) => "winxp",
        (5, 2) if name.contains("XP") => "winxp",
        (5, 2) if name.contains("R2") => "win2k3r2",
        (5, 2) => "win2k3",
        (6, 0) if server => "win2k8",
        (6, 0) => "winvista",
        (6, 1) if server => "win2k8r2",
        (6, 1) => "win7",
        (6, 2) if server => "win2k12",
        (6, 2) => "win8",
        (6, 3) if server => "win2k12r2",
        (6, 3) => "win8.1",
        (10, 0) if server && name.contains("2022") => "win2k22",
        (10, 0) if server && name.contains("2019") => "win2k19",
        (10, 0) if server => "win2k16",
        (10, 0) => "win10",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(linux_id("debian", 5, 0).as_deref(), Some("debian5"));
        assert_eq!(linux_id("debian", 3, 1).as_deref(), Some("debian3.1"));
        assert_eq!(linux_id("ubuntu", 10, 4).as_deref(), Some("ubuntu10.04"));
        assert_eq!(linux_id("centos", 7, 9).as_deref(), Some("centos7.0"));
        assert_eq!(linux_id("sles", 15, 3).as_deref(), Some("sles15sp3"));
        assert_eq!(linux_id("coreos", 0, 0), None);
        assert_eq!(linux_id("archlinux", 0, 0).as_deref(), Some("archlinux"));
        assert_eq!(windows_id(6, 1, "Windows 7 Enterprise", "Client"), Some("win7"));
        assert_eq!(windows_id(10, 0, "Windows Server 2019", "Server"), Some("win2k19"));
    }
}
