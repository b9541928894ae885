//! inspect_list_applications2 (and the deprecated v1): the guest's installed packages,
//! read from the package database of its format. The caller must have mounted the
//! guest. rpm lists come from the daemon (internal_list_rpm_applications, librpm), whose
//! error comes back unchanged. Windows lists come from the registry (`windows_apps`).

use super::{download_bounded, nested, nested_str, s};
use crate::error::Result;
use crate::Core;
pub use guestfs_guestdata::packages::{parse_apk_installed, parse_dpkg_status, parse_pacman_desc, App};
use guestfs_protocol::{FieldValue, RetValue, StructValue};

const MAX_DPKG_STATUS_SIZE: u64 = 50 * 1000 * 1000;
const MAX_APK_INSTALLED_SIZE: u64 = 50 * 1000 * 1000;
const MAX_PACMAN_DESC_SIZE: u64 = 8192;

/// application2's C layout for an App (a local trait: App lives in guestfs-guestdata).
trait ToStruct2 {
    fn to_struct2(&self) -> StructValue;
}

impl ToStruct2 for App {
    fn to_struct2(&self) -> StructValue {
        let st = |v: &str| FieldValue::Str(v.as_bytes().to_vec());
        StructValue {
            fields: vec![
                st(&self.name),
                st(&self.display_name),
                FieldValue::Int32(self.epoch),
                st(&self.version),
                st(&self.release),
                st(&self.arch),
                st(&self.install_path),
                st(""),
                st(&self.publisher),
                st(&self.url),
                st(&self.source),
                st(&self.summary),
                st(&self.description),
                st(""),
                st(""),
                st(""),
                st(""),
            ],
        }
    }
}

pub fn list2(h: &Core, root: &str) -> Result<Vec<StructValue>> {
    let os_type = nested_str(h, "inspect_get_type", &[s(root)])?;
    let format = nested_str(h, "inspect_get_package_format", &[s(root)])?;
    let mut structs = Vec::new();
    let mut apps: Vec<App> = Vec::new();
    if os_type == "linux" || os_type == "hurd" {
        match format.as_str() {
            "rpm" => {
                if let RetValue::StructList(l) = nested(h, "internal_list_rpm_applications", &[])? {
                    structs = l;
                }
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
    structs.extend(apps.iter().map(App::to_struct2));
    structs.sort_by(|a, b| name_of(a).cmp(name_of(b)));
    Ok(structs)
}

fn name_of(v: &StructValue) -> &[u8] {
    match v.fields.first() {
        Some(FieldValue::Str(n)) => n,
        _ => &[],
    }
}

/// The deprecated v1 list: application2 without arch and the spare fields.
pub fn list1(h: &Core, root: &str) -> Result<Vec<StructValue>> {
    let v2 = super::nested(h, "inspect_list_applications2", &[s(root)])?;
    let RetValue::StructList(v2) = v2 else {
        return Ok(Vec::new());
    };
    Ok(v2
        .into_iter()
        .map(|mut a| {
            a.fields.truncate(13);
            a.fields.remove(5); // arch
            a
        })
        .collect())
}

fn list_pacman(h: &Core) -> Result<Vec<App>> {
    let RetValue::StructList(entries) = nested(h, "readdir", &[s("/var/lib/pacman/local")])? else {
        return Ok(Vec::new());
    };
    let mut apps = Vec::new();
    for e in entries {
        let (Some(FieldValue::Char(t)), Some(FieldValue::Str(n))) = (e.fields.get(1), e.fields.get(2)) else {
            continue;
        };
        let n = String::from_utf8_lossy(n);
        if *t != b'd' || n == "." || n == ".." {
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
