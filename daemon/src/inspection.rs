//! What inspection learns about one filesystem, and how a /usr filesystem's findings are
//! merged into its root's: the state the daemon value keeps from `inspect_os` for the
//! getters (a module below the call families that fill and read it).

use crate::devices::CallerName;

/// The facts found on a filesystem. `None` means "not found": the getters turn it into
/// "unknown" (strings), 0 (versions) or an error (the Windows ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Data {
    pub os_type: Option<&'static str>,
    pub distro: Option<&'static str>,
    pub package_format: Option<&'static str>,
    pub package_management: Option<&'static str>,
    pub product_name: Option<String>,
    pub product_variant: Option<String>,
    pub version: Option<(i32, i32)>,
    pub arch: Option<String>,
    pub hostname: Option<String>,
    /// (mountable, mountpoint) pairs, in fstab order.
    pub fstab: Vec<(CallerName, String)>,
    pub windows_systemroot: Option<String>,
    pub windows_software_hive: Option<String>,
    pub windows_system_hive: Option<String>,
    pub windows_current_control_set: Option<String>,
    /// (drive letter, partition) pairs of a Windows guest.
    pub drive_mappings: Vec<(String, CallerName)>,
}

impl Data {
    /// Fill what `self` (the parent) lacks from `child`; fstab and drive mappings are
    /// concatenated, the child's first.
    pub fn merge_from(&mut self, child: &Data) {
        fn pick<T: Clone>(parent: &mut Option<T>, child: &Option<T>) {
            if parent.is_none() {
                parent.clone_from(child);
            }
        }
        pick(&mut self.os_type, &child.os_type);
        pick(&mut self.distro, &child.distro);
        pick(&mut self.package_format, &child.package_format);
        pick(&mut self.package_management, &child.package_management);
        pick(&mut self.product_name, &child.product_name);
        pick(&mut self.product_variant, &child.product_variant);
        pick(&mut self.version, &child.version);
        pick(&mut self.arch, &child.arch);
        pick(&mut self.hostname, &child.hostname);
        pick(&mut self.windows_systemroot, &child.windows_systemroot);
        pick(&mut self.windows_software_hive, &child.windows_software_hive);
        pick(&mut self.windows_system_hive, &child.windows_system_hive);
        pick(
            &mut self.windows_current_control_set,
            &child.windows_current_control_set,
        );
        let mut fstab = child.fstab.clone();
        fstab.append(&mut self.fstab);
        self.fstab = fstab;
        let mut dm = child.drive_mappings.clone();
        dm.append(&mut self.drive_mappings);
        self.drive_mappings = dm;
    }
}

/// The part a filesystem plays in an operating system.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Root(Data),
    Usr(Data),
    Swap,
    Other,
}

/// One inspected filesystem.
#[derive(Debug, Clone, PartialEq)]
pub struct Fs {
    /// The mountable (`/dev/sda1`, `/dev/VG/LV`, `btrfsvol:…`).
    pub mountable: CallerName,
    pub role: Role,
}

impl Fs {
    pub fn root_data(&self) -> Option<&Data> {
        match &self.role {
            Role::Root(d) => Some(d),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_parent_values_and_prepends_child_fstab() {
        let mut root = Data {
            distro: Some("debian"),
            fstab: vec![("/dev/a".into(), "/".into())],
            ..Data::default()
        };
        let usr = Data {
            distro: Some("fedora"),
            arch: Some("x86_64".into()),
            fstab: vec![("/dev/b".into(), "/usr".into())],
            ..Data::default()
        };
        root.merge_from(&usr);
        assert_eq!(root.distro, Some("debian"));
        assert_eq!(root.arch.as_deref(), Some("x86_64"));
        assert_eq!(root.fstab[0].1, "/usr");
        assert_eq!(root.fstab[1].1, "/");
    }
}
