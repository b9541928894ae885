//! The launch sequence: find or build the appliance, choose the accelerator and firmware,
//! then restore a snapshot of the appliance (snapshot.rs) or, when that cannot be done,
//! boot it (running.rs).

use crate::error::LaunchError;
use crate::qemu_cmd::{self, QemuInputs};
use crate::running::{spawn, Machine, Running, Sockets};
use crate::{kvm, locate, snapshot, supermin, ApplianceKind, LaunchConfig, LaunchEvents};

pub fn launch(cfg: &LaunchConfig, ev: &dyn LaunchEvents) -> Result<Running, LaunchError> {
    if cfg.drives.is_empty() {
        return Err(LaunchError::msg(
            "you must call guestfs_add_drive before guestfs_launch",
        ));
    }
    let appliance = locate::prepare(cfg, ev)?;
    ev.launch_progress(3);
    ev.debug("begin testing qemu features");
    let accel = kvm::choose_accel(&cfg.backend_settings, || kvm::kvm_works(&cfg.hv, &cfg.cachedir), ev)?;
    let root_uuid = match &appliance.root {
        Some(root) => Some(supermin::root_uuid(root, &cfg.tmpdir)?),
        None => None,
    };
    // For our daemon: in our appliance, or in a fixed one (which may be ours, exported);
    // libguestfs's own init ignores the word.
    let ifaces = if appliance.kind != ApplianceKind::Supermin {
        qemu_cmd::iface_letters(cfg)
    } else {
        None
    };
    let bios = if appliance.kind == ApplianceKind::GuestfsRs {
        qemu_cmd::fast_firmware(&cfg.hv)
    } else {
        None
    };
    ev.debug("finished testing qemu features");
    let machine = Machine {
        appliance: &appliance,
        accel,
        bios,
        root_uuid,
        ifaces,
    };
    match snapshot::why_not(cfg, &appliance) {
        None => match snapshot::restore(cfg, &machine, ev) {
            Ok(r) => return Ok(r),
            Err(why) => ev.debug(&format!("launch: booting the appliance: no snapshot restored ({why})")),
        },
        Some(why) => ev.debug(&format!("launch: booting the appliance: snapshots not used ({why})")),
    }
    boot(cfg, &machine, ev)
}

fn boot(cfg: &LaunchConfig, machine: &Machine, ev: &dyn LaunchEvents) -> Result<Running, LaunchError> {
    let virtio_blk_scsi_off = !qemu_cmd::uses_virtio_blk(cfg) || qemu_cmd::virtio_blk_has_scsi(&cfg.hv);
    let sockets = Sockets::new(cfg)?;
    let argv = qemu_cmd::build(
        cfg,
        &QemuInputs {
            appliance: machine.appliance,
            accel: machine.accel,
            sock_path: &sockets.sock_path,
            kernel_cmdline: machine.cmdline(cfg, false),
            bios: machine.bios.clone(),
            virtio_blk_scsi_off,
            snapshot: None,
        },
    )?;
    if cfg.backend_settings.iter().any(|s| s == "gdb") {
        ev.warning("qemu debugging is enabled, connect gdb to tcp::1234 to begin");
    }
    spawn(cfg, &argv, sockets, ev)?.connect(cfg, ev)
}
