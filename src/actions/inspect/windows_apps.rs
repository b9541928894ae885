//! Windows installed applications: the Uninstall keys of the SOFTWARE hive (native and
//! WOW6432Node), as 1.48 lists them. 1.48 reads the hive in the appliance through the
//! hivex_* calls; guestfs-rs downloads it (the caller has mounted the guest) and reads
//! it with the daemon's hive reader.

use super::hive::Hive;
use super::{download_bounded, nested_str, s};
use crate::error::Result;
use crate::Core;
use guestfs_guestdata::packages::App;

pub fn list(h: &Core, root: &str) -> Result<Vec<App>> {
    let path = nested_str(h, "inspect_get_windows_software_hive", &[s(root)])?;
    let bytes = download_bounded(h, &path, super::hive::MAX_HIVE_SIZE, None)?;
    let Some(hive) = Hive::new(bytes) else {
        return Ok(Vec::new());
    };
    let mut apps = from_path(&hive, &["Microsoft", "Windows", "CurrentVersion", "Uninstall"]);
    apps.extend(from_path(
        &hive,
        &["WOW6432node", "Microsoft", "Windows", "CurrentVersion", "Uninstall"],
    ));
    Ok(apps)
}

/// One application per subkey that has a DisplayName string; value names match
/// case-insensitively, as hivex's node_get_value.
pub fn from_path(hive: &Hive, path: &[&str]) -> Vec<App> {
    let Some(node) = hive.path(path) else { return Vec::new() };
    let mut out = Vec::new();
    for child in hive.children(node) {
        let Some(name) = hive.node_name(child) else { continue };
        let values = hive.values(child);
        let get = |k: &str| {
            values
                .iter()
                .find(|v| v.name.eq_ignore_ascii_case(k))
                .and_then(|v| v.string())
        };
        let Some(display_name) = get("DisplayName") else {
            continue;
        };
        out.push(App {
            name,
            display_name,
            version: get("DisplayVersion").unwrap_or_default(),
            install_path: get("InstallLocation").unwrap_or_default(),
            publisher: get("Publisher").unwrap_or_default(),
            url: get("URLInfoAbout").unwrap_or_default(),
            description: get("Comments").unwrap_or_default(),
            ..App::default()
        });
    }
    out
}
