//! inspect_list_applications2 (and the deprecated v1): the guest's installed packages,
//! read from the package database of its format. The caller must have mounted the
//! guest. rpm lists come from the daemon (internal_list_rpm_applications, librpm), whose
//! error comes back unchanged. Windows lists come from the registry (`windows_apps`).

use super::{download_bounded, nested, nested_str, s};
use crate::actions::reply;
use crate::error::Result;
use crate::Core;
use guestfs_guestdata::packages::{parse_apk_installed, parse_dpkg_status, parse_pacman_desc, App};
use guestfs_protocol::structs::{Application, Application2, Dirent};
use guestfs_protocol::ByteString;

const MAX_DPKG_STATUS_SIZE: u64 = 50 * 1000 * 1000;
const MAX_APK_INSTALLED_SIZE: u64 = 50 * 1000 * 1000;
const MAX_PACMAN_DESC_SIZE: u64 = 8192;

/// An application as `guestfs_application2` reports it (no translated path, spares empty).
fn to_application2(a: &App) -> Application2 {
    let st = |v: &str| -> ByteString { v.into() };
    Application2 {
        app2_name: st(&a.name),
        app2_display_name: st(&a.display_name),
        app2_epoch: a.epoch,
        app2_version: st(&a.version),
        app2_release: st(&a.release),
        app2_arch: st(&a.arch),
        app2_install_path: st(&a.install_path),
        app2_publisher: st(&a.publisher),
        app2_url: st(&a.url),
        app2_source_package: st(&a.source),
        app2_summary: st(&a.summary),
        app2_description: st(&a.description),
        ..Default::default()
    }
}

pub fn list2(h: &Core, root: &str) -> Result<Vec<Application2>> {
    let os_type = nested_str(h, "inspect_get_type", &[s(root)])?;
    let format = nested_str(h, "inspect_get_package_format", &[s(root)])?;
    let mut structs = Vec::new();
    let mut apps: Vec<App> = Vec::new();
    if os_type == "linux" || os_type == "hurd" {
        match format.as_str() {
            "rpm" => {
                let call = "internal_list_rpm_applications";
                structs = reply::list(call, nested(h, call, &[])?, Application2::from_value)?;
            }
            "deb" => {
                let status = download_bounded(h, "/var/lib/dpkg/status", MAX_DPKG_STATUS_SIZE, None)?;
                apps = parse_dpkg_status(&status);
            }
            "pacman" => apps = list_pacman(h)?,
            "apk" => {
                apps = parse_apk_installed(&download_bounded(
                    h,
                    "/lib/apk/db/installed",
                    MAX_APK_INSTALLED_SIZE,
                    None,
                )?)
            }
            _ => {}
        }
    }
    if os_type == "windows" {
        apps = super::windows_apps::list(h, root)?;
    }
    structs.extend(apps.iter().map(to_application2));
    structs.sort_by(|a, b| a.app2_name.as_bytes().cmp(b.app2_name.as_bytes()));
    Ok(structs)
}

/// The deprecated v1 list: application2 without arch and the spare fields.
pub fn list1(h: &Core, root: &str) -> Result<Vec<Application>> {
    let call = "inspect_list_applications2";
    let v2 = reply::list(call, nested(h, call, &[s(root)])?, Application2::from_value)?;
    Ok(v2
        .into_iter()
        .map(|a| Application {
            app_name: a.app2_name,
            app_display_name: a.app2_display_name,
            app_epoch: a.app2_epoch,
            app_version: a.app2_version,
            app_release: a.app2_release,
            app_install_path: a.app2_install_path,
            app_trans_path: a.app2_trans_path,
            app_publisher: a.app2_publisher,
            app_url: a.app2_url,
            app_source_package: a.app2_source_package,
            app_summary: a.app2_summary,
            app_description: a.app2_description,
        })
        .collect())
}

fn list_pacman(h: &Core) -> Result<Vec<App>> {
    let entries = nested(h, "readdir", &[s("/var/lib/pacman/local")])?;
    let mut apps = Vec::new();
    for e in reply::list("readdir", entries, Dirent::from_value)? {
        let n = e.name.to_string_lossy();
        if e.ftyp != b'd' || n == "." || n == ".." {
            continue;
        }
        let path = format!("/var/lib/pacman/local/{n}/desc");
        // A package whose desc cannot be read is skipped (its error was reported).
        let Ok(bytes) = download_bounded(h, &path, MAX_PACMAN_DESC_SIZE, None) else {
            continue;
        };
        if let Some(a) = parse_pacman_desc(&String::from_utf8_lossy(&bytes)) {
            apps.push(a);
        }
    }
    Ok(apps)
}
