//! selinux_relabel: relabels a guest tree with setfiles (policycoreutils) run in the
//! appliance, with the flags 1.48 passes: `-r <sysroot>` so the spec's paths are the
//! guest's, the virtual filesystems excluded, `-m` (do not skip mountpoints) and `-C`
//! (labelling errors alone do not fail the call) when this setfiles has them.

use std::sync::OnceLock;

use crate::args::GuestPath;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::SelinuxRelabelOpts;

/// Whether setfiles knows option `-<c>`: run alone with it, an unknown option is
/// reported as "invalid option -- 'c'", a known one as a usage error about the rest.
fn setfiles_has(c: char) -> bool {
    let o = Cmd::new("setfiles").arg(format!("-{c}")).run();
    let err = String::from_utf8_lossy(&o.stderr);
    !err.is_empty() && !err.contains(&format!("'{c}'"))
}

fn has_m() -> bool {
    static M: OnceLock<bool> = OnceLock::new();
    *M.get_or_init(|| setfiles_has('m'))
}

fn has_c() -> bool {
    static C: OnceLock<bool> = OnceLock::new();
    *C.get_or_init(|| setfiles_has('C'))
}

pub fn selinux_relabel(d: &mut Daemon, specfile: &str, path: &GuestPath, o: SelinuxRelabelOpts) -> Result<()> {
    let root = d.sysroot.root().to_path_buf();
    // The spec file is a plain string in the table, but 1.48 reads it inside the guest too.
    let specfile = GuestPath::new(specfile.as_bytes()).resolve(d, true)?;
    let path = path.resolve(d, true)?;
    let force = o.force.unwrap_or(false);

    let mut c = Cmd::new("setfiles");
    if force {
        c = c.arg("-F");
    }
    for skip in ["dev", "proc", "selinux", "sys"] {
        c = c.arg("-e").arg(root.join(skip));
    }
    // Without -m setfiles leaves every mountpoint out, which in the appliance is the
    // guest's own filesystems.
    if has_m() {
        c = c.arg("-m");
    }
    let flag_c = has_c();
    if flag_c {
        c = c.arg("-C");
    }
    if root != std::path::Path::new("/") {
        c = c.arg("-r").arg(&root);
    }
    c = c.arg(if crate::log::verbose() { "-v" } else { "-q" });
    let o = c.arg(&specfile).arg(&path).run();
    // With -C, status 1 means "some files could not be labelled": not a failure.
    match o.status {
        Some(0) => Ok(()),
        Some(1) if flag_c => Ok(()),
        _ => Err(Error::msg(o.err_text())),
    }
}
