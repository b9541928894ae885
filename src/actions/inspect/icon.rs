//! inspect_get_icon: a small PNG of the guest's logo, from the usual per-distro paths.
//! Nothing found gives an empty buffer (not an error), as in 1.48. Where 1.48 runs host
//! tools on guest files (wrestool and netpbm for Windows, pbmtext for CirrOS), this reads
//! the guest bytes itself with bounded parsers (`pe`, `dib`, `cirros`) and writes the
//! PNG with `png`: no host program ever sees guest data.

use super::{cirros, dib, download_bounded, nested, nested_int, nested_str, pe, png, s};
use crate::error::Result;
use crate::Core;
use guestfs_protocol::{RetValue, Value};

/// An icon, or "keep looking".
type Found = Option<Vec<u8>>;

pub fn icon(h: &Core, root: &str, favicon: Option<bool>, highquality: Option<bool>) -> Result<Vec<u8>> {
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
            "cirros" => cirros_logo(h)?,
            _ => None,
        }
    } else if os_type == "windows" && !highquality {
        // 1.48 knows no high-quality Windows icon.
        windows_icon(h, root)?
    } else {
        None
    };
    Ok(found.unwrap_or_default())
}

fn find_png(h: &Core, paths: &[&str], max: u64) -> Result<Found> {
    for p in paths {
        if let Some(png) = get_png(h, p, max)? {
            return Ok(Some(png));
        }
    }
    Ok(None)
}

/// CirrOS's text logo, drawn (1.48: pbmtext | pnmtopng, from a download capped at 1 KiB).
fn cirros_logo(h: &Core) -> Result<Found> {
    const LOGO: &str = "/usr/share/cirros/logo";
    if !nested_opt_is_file(h, LOGO)? {
        return Ok(None);
    }
    match nested_str(h, "file", &[s(LOGO)]) {
        Ok(kind) if kind.starts_with("ASCII text") => {}
        _ => return Ok(None),
    }
    let Ok(text) = download_bounded(h, LOGO, 1024, Some("png")) else {
        return Ok(None);
    };
    Ok(cirros::render(&text))
}

/// 1.48's cap on the size of the explorer.exe it downloads (4 MB).
const MAX_WINDOWS_EXPLORER_SIZE: u64 = 4_000_000;

/// Windows: by version, as 1.48 — XP (5.1) and 7 (6.1) take a bitmap resource out of
/// explorer.exe, 8 (6.2) a PNG file; other versions have no icon.
fn windows_icon(h: &Core, root: &str) -> Result<Found> {
    let Ok(systemroot) = nested_str(h, "inspect_get_windows_systemroot", &[s(root)]) else {
        return Ok(None);
    };
    let major = nested_int(h, "inspect_get_major_version", &[s(root)]).unwrap_or(-1);
    let minor = nested_int(h, "inspect_get_minor_version", &[s(root)]).unwrap_or(-1);
    match (major, minor) {
        (5, 1) => {
            // XP: bitmap 143 of %systemroot%\explorer.exe, whole.
            let path = match nested(h, "case_sensitive_path", &[s(&format!("{systemroot}/explorer.exe"))])? {
                RetValue::Str(b) => String::from_utf8_lossy(&b).into_owned(),
                _ => return Ok(None),
            };
            if !is_file_silently(h, &path)? {
                return Ok(None);
            }
            Ok(explorer_bitmap(h, &path, 143, None))
        }
        (6, 1) => {
            // 7: bitmap 6801, its top 55 rows; the 32-bit SysWOW64 copy is preferred.
            for candidate in ["SysWOW64/explorer.exe", "explorer.exe"] {
                let Some(path) = case_sensitive_path_silently(h, &format!("{systemroot}/{candidate}")) else {
                    continue;
                };
                if is_file_silently(h, &path)? {
                    return Ok(explorer_bitmap(h, &path, 6801, Some(55)));
                }
            }
            Ok(None)
        }
        (6, 2) => {
            // 8: a PNG shipped with Windows Live, returned as it is (at most 8 KiB).
            let Some(path) = case_sensitive_path_silently(h, "/ProgramData/Microsoft/Windows Live/WLive48x48.png")
            else {
                return Ok(None);
            };
            if !is_file_silently(h, &path)? {
                return Ok(None);
            }
            Ok(download_bounded(h, &path, 8192, Some("png")).ok())
        }
        _ => Ok(None),
    }
}

/// Bitmap resource `id` of the PE file at `path` as a PNG, cut to its top `rows` rows.
/// Anything missing or malformed is "no icon", as a failing wrestool pipeline is in 1.48.
fn explorer_bitmap(h: &Core, path: &str, id: u32, rows: Option<u32>) -> Found {
    let exe = download_bounded(h, path, MAX_WINDOWS_EXPLORER_SIZE, Some("exe")).ok()?;
    let bitmap = dib::decode(pe::resource(&exe, pe::RT_BITMAP, id)?)?;
    let bitmap = match rows {
        Some(n) => bitmap.top(n)?,
        None => bitmap,
    };
    Some(png::encode(bitmap.width, bitmap.height, png::Color::Rgb, &bitmap.rgb))
}

/// is_file with errors silenced, but still returned (1.48 fails the call on them).
fn is_file_silently(h: &Core, path: &str) -> Result<bool> {
    h.push_error_handler(None, 0);
    let r = nested(h, "is_file", &[s(path)]);
    h.pop_error_handler();
    Ok(matches!(r?, RetValue::Bool(true)))
}

/// Calls whose errors mean "not here" rather than failure: 1.48 silences them.
fn quietly(h: &Core, name: &str, args: &[Value]) -> Option<RetValue> {
    h.push_error_handler(None, 0);
    let r = nested(h, name, args);
    h.pop_error_handler();
    r.ok()
}

fn case_sensitive_path_silently(h: &Core, p: &str) -> Option<String> {
    match quietly(h, "case_sensitive_path", &[s(p)])? {
        RetValue::Str(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        _ => None,
    }
}

/// The PNG at `path` if it is one of 16..=1024 pixels a side and at most `max` bytes
/// (0: 4 bytes a pixel). Only is_file's own failure is an error.
fn get_png(h: &Core, path: &str, max: u64) -> Result<Found> {
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

fn nested_opt_is_file(h: &Core, path: &str) -> Result<bool> {
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
