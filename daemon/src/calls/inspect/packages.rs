//! Package format and package manager of a distro, as 1.48 names them.

use super::guest::Guest;

pub fn format(distro: Option<&str>) -> Option<&'static str> {
    Some(match distro? {
        "altlinux" | "centos" | "rocky" | "fedora" | "mageia" | "mandriva" | "meego" | "neokylin" | "openmandriva"
        | "opensuse" | "oraclelinux" | "redhat-based" | "rhel" | "scientificlinux" | "sles" | "suse-based" => "rpm",
        "debian" | "kalilinux" | "kylin" | "linuxmint" | "ubuntu" => "deb",
        "archlinux" => "pacman",
        "gentoo" => "ebuild",
        "pardus" => "pisi",
        "alpinelinux" => "apk",
        "voidlinux" => "xbps",
        _ => return None,
    })
}

pub fn management(distro: Option<&str>, version: Option<(i32, i32)>, g: &Guest) -> Option<&'static str> {
    let major = version.map(|v| v.0).unwrap_or(0);
    Some(match distro? {
        "meego" => "yum",
        "fedora" => {
            if major >= 22 && g.is_file("/usr/bin/dnf", true) {
                "dnf"
            } else if major >= 1 {
                "yum"
            } else {
                return None;
            }
        }
        "neokylin" | "openmandriva" => "dnf",
        "centos" | "rocky" | "oraclelinux" | "redhat-based" | "rhel" | "scientificlinux" => match major {
            8.. => "dnf",
            5..=7 => "yum",
            2..=4 => "up2date",
            _ => return None,
        },
        "altlinux" | "debian" | "kalilinux" | "kylin" | "linuxmint" | "ubuntu" => "apt",
        "archlinux" => "pacman",
        "gentoo" => "portage",
        "pardus" => "pisi",
        "mageia" | "mandriva" => "urpmi",
        "opensuse" | "sles" | "suse-based" => "zypper",
        "alpinelinux" => "apk",
        "voidlinux" => "xbps",
        _ => return None,
    })
}
