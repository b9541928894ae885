//! inspect_get_icon: a small PNG of the guest's logo, from the usual per-distro paths.
//! Nothing found gives an empty buffer (not an error), as in 1.48. The CirrOS ASCII-art
//! logo (rendered with netpbm) and the Windows icons (extracted from explorer.exe with
//! wrestool) are not produced: those guests get an empty buffer.

use super::{download_bounded, nested, nested_int, nested_str, s};
use crate::error::Result;
use crate::Handle;
use guestfs_protocol::{RetValue, Value};

/// An icon, or "keep looking".
type Found = Option<Vec<u8>>;

pub fn icon(h: &Handle, root: &str, favicon: Option<bool>, highquality: Option<bool>) -> Result<Vec<u8>> {
    let os_type = nested_str(h, "inspect_get_type", &[s(root)])?;
    let distro = nested_str(h, "inspect_get_distro", &[s(root)])?;
    let highquality = highquality.unwrap_or(false);
    let favicon = favicon.unwrap_or(true) && !highquality;
    if favicon {
        let mut path = "/etc/favicon.png".to_string();
        if os_type == "windows" {
            if let Some(p) = case_sensitive_path_silently(h, &path) {
                path = p;
            }
        }
        if let Some(png) = get_png(h, &path, 0)? {
            return Ok(png);
        }
    }
    let found = if os_type == "linux" || os_type == "hurd" {
        match distro.as_str() {
            "fedora" => get_png(h, "/usr/share/icons/hicolor/96x96/apps/fedora-logo-icon.png", 0)?,
            "rhel" | "redhat-based" | "centos" | "rocky" | "scientificlinux" | "oraclelinux" => {
                let major = nested_int(h, "inspect_get_major_version", &[s(root)]).unwrap_or(-1);
                let p = if major < 7 {
                    "/usr/share/pixmaps/redhat/shadowman-transparent.png"
                } else {
                    "/usr/share/icons/hicolor/96x96/apps/system-logo-icon.png"
                };
                get_png(h, p, 102400)?
            }
            "debian" => get_png(h, "/usr/share/pixmaps/debian-logo.png", 2048)?,
            "ubuntu" if !highquality => find_png(
                h,
                &[
                    "/usr/share/icons/gnome/24x24/places/ubuntu-logo.png",
                    "/usr/share/help/C/ubuntu-help/figures/ubuntu-logo.png",
                ],
                2048,
            )?,
            "mageia" => get_png(h, "/usr/share/icons/mageia.png", 10240)?,
            "suse-based" | "opensuse" | "sles" => find_png(
                h,
                &[
                    "/usr/share/icons/hicolor/48x48/apps/distributor.png",
                    "/usr/share/icons/hicolor/24x24/apps/distributor.png",
                ],
                10240,
            )?,
            "voidlinux" => get_png(h, "/usr/share/void-artwork/void-logo.png", 20480)?,
            "altlinux" => get_png(h, "/usr/share/icons/hicolor/48x48/apps/altlinux.png", 20480)?,
            "gentoo" => get_png(h, "/usr/share/icons/gentoo/48x48/gentoo.png", 10240)?,
            "openmandriva" => find_png(
                h,
                &["/usr/share/icons/large/mandriva.png", "/usr/share/icons/mandriva.png"],
                10240,
            )?,
            _ => None,
        }
    } else {
        None
    };
    Ok(found.unwrap_or_default())
}

fn find_png(h: &Handle, paths: &[&str], max: u64) -> Result<Found> {
    for p in paths {
        if let Some(png) = get_png(h, p, max)? {
            return Ok(Some(png));
        }
    }
    Ok(None)
}

/// Calls whose errors mean "not here" rather than failure: 1.48 silences them.
fn quietly(h: &Handle, name: &str, args: &[Value]) -> Option<RetValue> {
    h.push_error_handler(None, 0);
    let r = nested(h, name, args);
    h.pop_error_handler();
    r.ok()
}

fn case_sensitive_path_silently(h: &Handle, p: &str) -> Option<String> {
    match quietly(h, "case_sensitive_path", &[s(p)])? {
        RetValue::Str(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        _ => None,
    }
}

/// The PNG at `path` if it is one of 16..=1024 pixels a side and at most `max` bytes
/// (0: 4 bytes a pixel). Only is_file's own failure is an error.
fn get_png(h: &Handle, path: &str, max: u64) -> Result<Found> {
    let is_file = nested_opt_is_file(h, path)?;
    if !is_file {
        return Ok(None);
    }
    let Some(RetValue::Str(real)) = quietly(h, "realpath", &[s(path)]) else {
        return Ok(None);
    };
    let real = String::from_utf8_lossy(&real).into_owned();
    let Ok(kind) = nested_str(h, "file", &[s(&real)]) else {
        return Ok(None);
    };
    let Some((w, hgt)) = png_size(&kind) else {
        return Ok(None);
    };
    if !(16..=1024).contains(&w) || !(16..=1024).contains(&hgt) {
        return Ok(None);
    }
    let max = if max == 0 { 4 * w as u64 * hgt as u64 } else { max };
    Ok(download_bounded(h, &real, max, Some("png")).ok())
}

fn nested_opt_is_file(h: &Handle, path: &str) -> Result<bool> {
    match super::super::nested_opt(h, "is_file", &[s(path)], &[Some(Value::Bool(true))])? {
        RetValue::Bool(b) => Ok(b),
        _ => Ok(false),
    }
}

/// "PNG image data, W x H, …" → (W, H).
pub fn png_size(kind: &str) -> Option<(i32, i32)> {
    let rest = kind.strip_prefix("PNG image data, ")?;
    let (w, rest) = rest.split_once(" x ")?;
    let hgt: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    Some((w.trim().parse().ok()?, hgt.parse().ok()?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn png_sizes() {
        assert_eq!(
            super::png_size("PNG image data, 48 x 48, 8-bit/color RGBA, non-interlaced"),
            Some((48, 48))
        );
        assert_eq!(super::png_size("JPEG image data"), None);
    }
}
