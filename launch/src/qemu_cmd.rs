//! The qemu command line of the direct backend (order and options as in libguestfs 1.48;
//! docs/architecture.md, "Launch"), built as a plain argv so it can be tested without running anything.

use crate::error::LaunchError;
use crate::{Appliance, ApplianceKind, Drive, LaunchConfig};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accel {
    Kvm,
    Tcg,
}

/// The CPU model under TCG. `max` gives the guest every instruction TCG emulates, minus:
/// la57 (five-level paging costs page walks for nothing) and erms/fsrm ("fast" REP MOVSB
/// and STOSB). With those two advertised, the guest kernel's copy_to/from_user and
/// clear_page and glibc's memcpy switch to byte-wise `rep movsb`, which TCG runs one
/// iteration at a time: measured here, 256 MiB uploads went from 5.5 s to 2.5-3.4 s and
/// downloads from 5.4 s to 1.7-2.0 s without them, and launches got ~0.1 s faster.
const TCG_CPU: &str = "max,la57=off,erms=off,fsrm=off";

/// qemu's option parser splits on ','; a literal comma is written twice.
pub fn escape(s: &str) -> String {
    s.replace(',', ",,")
}

fn drive_opts(i: usize, d: &Drive) -> Result<String, LaunchError> {
    let mut o: Vec<String> = Vec::new();
    if !d.overlay {
        o.push(format!("file={}", escape(&d.path)));
        o.push(format!("cache={}", d.cachemode.as_deref().unwrap_or("writeback")));
        if let Some(f) = &d.format {
            o.push(format!("format={}", escape(f)));
        }
        if d.copyonread {
            o.push("copy-on-read=on".into());
        }
        match d.discard.as_deref() {
            None | Some("disable") => {}
            Some("enable") => {
                check_discard_possible(d)?;
                o.push("discard=unmap".into());
            }
            Some(_) => o.push("discard=unmap".into()),
        }
    } else {
        // The overlay is ours and qcow2; the backing file is the user's read-only image,
        // opened without locking so other readers of it are not blocked. format=raw on the
        // top node stops qemu probing what the guest wrote (CVE-2010-3851).
        if d.discard.as_deref() == Some("enable") {
            check_discard_possible(d)?;
        }
        o.push("format=raw".into());
        o.push(format!("file.file.filename={}", escape(&d.path)));
        o.push("file.driver=qcow2".into());
        o.push("file.backing.file.locking=off".into());
        o.push("cache=unsafe".into());
    }
    o.push(format!("id=hd{i}"));
    Ok(o.join(","))
}

fn not_supported(msg: String) -> LaunchError {
    LaunchError::with_errno(libc::ENOTSUP, msg)
}

fn check_discard_possible(d: &Drive) -> Result<(), LaunchError> {
    const P: &str = "discard cannot be enabled on this drive: ";
    if d.overlay {
        return Err(not_supported(format!("{P}the drive has a read-only overlay")));
    }
    match d.format.as_deref() {
        None => Err(not_supported(format!("{P}you have to specify the format of the file"))),
        Some("raw") | Some("qcow2") => Ok(()),
        Some(f) => Err(not_supported(format!(
            "{P}qemu does not support discard for ‘{f}’ format files"
        ))),
    }
}

fn blocksize_opts(d: &Drive) -> String {
    match d.blocksize {
        Some(b) => format!(",physical_block_size={b},logical_block_size={b}"),
        None => String::new(),
    }
}

/// Everything the command line depends on besides the config.
pub struct QemuInputs<'a> {
    pub appliance: &'a Appliance,
    pub accel: Accel,
    pub sock_path: &'a Path,
    pub kernel_cmdline: String,
    /// Firmware instead of qemu's default SeaBIOS (see [`fast_firmware`]).
    pub bios: Option<String>,
    /// `-global virtio-blk-pci.scsi=off` (1.48's CVE-2011-4127 mitigation). qemu 10 has no
    /// such property any more (no SCSI passthrough on virtio-blk at all) and then refuses
    /// to create a virtio-blk device with it: see [`virtio_blk_has_scsi`].
    pub virtio_blk_scsi_off: bool,
    /// The machine a snapshot is taken of or restored into, instead of a cold boot's.
    pub snapshot: Option<SnapshotMachine<'a>>,
}

/// How a snapshot machine differs from a cold boot's (snapshot.rs): guest RAM lives in a
/// file, qemu has a QMP socket, and no user drive is on the command line (they are
/// plugged in through QMP, see [`hotplug_commands`]). The tools disk sits on virtio-blk,
/// so it takes no SCSI target and no `sdX` name: the user disks plugged in later get
/// targets 0.. and the kernel names sda.. that a cold boot gives them.
pub struct SnapshotMachine<'a> {
    pub ram: &'a Path,
    /// On while the snapshot is taken (the guest writes its memory into the file); off
    /// in restored copies, which map the file privately and so share its unchanged pages.
    pub share: bool,
    pub qmp: &'a Path,
    /// `-incoming defer`: wait for the saved state (restore).
    pub incoming: bool,
}

/// A user disk's device options after `<driver>,drive=hd<i>`: its label as the serial
/// (the daemon's /dev/disk/guestfs/<label>) and its block size.
fn device_opts(d: &Drive) -> String {
    let serial = d
        .label
        .as_deref()
        .map(|l| format!(",serial={}", escape(l)))
        .unwrap_or_default();
    format!("{serial}{}", blocksize_opts(d))
}

/// The options of a user disk's SCSI device (its drive is `hd<i>`).
fn scsi_hd(i: usize, d: &Drive) -> String {
    format!("scsi-hd,drive=hd{i}{}", device_opts(d))
}

/// The human-monitor commands that plug the user's drives into a restored machine, in
/// order (so they get SCSI targets 0.. as on a cold boot): `drive_add` with the very
/// options of the cold boot's `-drive`, then `device_add`. Arguments are quoted for the
/// monitor's parser.
pub fn hotplug_commands(cfg: &LaunchConfig) -> Result<Vec<String>, LaunchError> {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = Vec::with_capacity(cfg.drives.len() * 2);
    for (i, d) in cfg.drives.iter().enumerate() {
        out.push(format!(
            "drive_add 0 {}",
            quote(&format!("{},if=none", drive_opts(i, d)?))
        ));
        out.push(format!("device_add {}", quote(&scsi_hd(i, d))));
    }
    Ok(out)
}

/// Whether this qemu's virtio-blk-pci still has the `scsi` property. Asked of qemu only
/// when a virtio-blk drive is about to be used, once per qemu per process.
pub fn virtio_blk_has_scsi(qemu: &str) -> bool {
    let args = [
        "-nodefaults",
        "-display",
        "none",
        "-machine",
        "none",
        "-device",
        "virtio-blk-pci,help",
    ];
    // Unknown: keep 1.48's line.
    crate::hv_probe::ask("virtio-blk scsi", qemu, &args, true, |out| {
        String::from_utf8_lossy(out)
            .lines()
            .any(|l| l.trim_start().starts_with("scsi="))
    })
}

/// Whether any drive is a virtio-blk device.
pub fn uses_virtio_blk(cfg: &LaunchConfig) -> bool {
    cfg.drives.iter().any(|d| d.iface.as_deref() == Some("virtio"))
}

/// One letter per drive for the daemon (`guestfs_rs_ifaces=` on the kernel command
/// line), so it can load the IDE driver at boot and name the disks in the order they were
/// added whatever the interface mix: `s` virtio-scsi (the default, and "scsi"), `v`
/// virtio-blk, `i` IDE, `x` anything else. None when every drive has the default
/// interface (the command line then stays as it was).
pub fn iface_letters(cfg: &LaunchConfig) -> Option<String> {
    if cfg.drives.iter().all(|d| d.iface.is_none()) {
        return None;
    }
    let letter = |d: &Drive| match d.iface.as_deref() {
        None | Some("virtio-scsi") | Some("scsi") => 's',
        Some("virtio") => 'v',
        Some("ide") => 'i',
        Some(_) => 'x',
    };
    Some(cfg.drives.iter().map(letter).collect())
}

/// qemu's minimal firmware, qboot, when installed: it hands over to the kernel (PVH or
/// bzImage through fw_cfg) in a few milliseconds where SeaBIOS takes about 0.2 s of CPU
/// under TCG. Only for our own appliance, which needs nothing else from the firmware.
pub fn fast_firmware(qemu: &str) -> Option<String> {
    if std::env::var_os(SEABIOS_ENV).is_some() {
        return None;
    }
    // Next to the emulator's other firmware: <prefix>/share/qemu for <prefix>/bin/qemu-*.
    let real = std::fs::canonicalize(qemu).ok();
    let prefix = real.as_deref().and_then(Path::parent).and_then(Path::parent);
    let candidates = prefix
        .map(|p| p.join("share/qemu/qboot.rom"))
        .into_iter()
        .chain([Path::new("/usr/share/qemu/qboot.rom").to_path_buf()]);
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .map(|p| p.to_string_lossy().into_owned())
}

/// Set this environment variable to boot our appliance through SeaBIOS even when qboot exists.
pub const SEABIOS_ENV: &str = "GUESTFS_RS_SEABIOS";

pub fn build(cfg: &LaunchConfig, inp: &QemuInputs) -> Result<Vec<String>, LaunchError> {
    let mut a: Vec<String> = Vec::new();
    let mut push = |xs: &[&str]| a.extend(xs.iter().map(|s| s.to_string()));
    push(&[&cfg.hv]);
    if inp.virtio_blk_scsi_off {
        push(&["-global", "virtio-blk-pci.scsi=off"]);
    }
    push(&["-no-user-config", "-nodefaults", "-display", "none"]);
    if cfg.backend_settings.iter().any(|s| s == "gdb") {
        push(&["-S", "-s"]);
    }
    let accel = match inp.accel {
        Accel::Kvm => "kvm",
        Accel::Tcg => "tcg",
    };
    let mut machine = if cfg.verbose {
        format!("accel={accel},graphics=off")
    } else {
        format!("accel={accel}")
    };
    if inp.snapshot.is_some() {
        machine.push_str(",memory-backend=mem0");
    }
    push(&["-machine", &machine]);
    push(&["-cpu", if inp.accel == Accel::Kvm { "host" } else { TCG_CPU }]);
    if cfg.smp > 1 {
        push(&["-smp", &cfg.smp.to_string()]);
    }
    if let Some(bios) = &inp.bios {
        push(&["-bios", bios]);
    }
    push(&[
        "-m",
        &cfg.memsize_mib.to_string(),
        "-no-reboot",
        "-rtc",
        "driftfix=slew",
    ]);
    if let Some(m) = &inp.snapshot {
        push(&[
            "-object",
            &format!(
                "memory-backend-file,id=mem0,size={}M,mem-path={},share={}",
                cfg.memsize_mib,
                escape(&m.ram.to_string_lossy()),
                if m.share { "on" } else { "off" }
            ),
        ]);
    }
    push(&["-global", "kvm-pit.lost_tick_policy=discard"]);
    push(&[
        "-kernel",
        &inp.appliance.kernel.to_string_lossy(),
        "-initrd",
        &inp.appliance.initrd.to_string_lossy(),
    ]);
    push(&[
        "-object",
        "rng-random,filename=/dev/urandom,id=rng0",
        "-device",
        "virtio-rng-pci,rng=rng0",
    ]);
    push(&["-device", "virtio-scsi-pci,id=scsi"]);
    // A snapshot machine gets the user's drives later, through QMP.
    let user_drives = if inp.snapshot.is_some() {
        &[][..]
    } else {
        &cfg.drives[..]
    };
    for (i, d) in user_drives.iter().enumerate() {
        let opts = drive_opts(i, d)?;
        match d.iface.as_deref() {
            // "scsi": qemu's own `if=scsi` needs a SCSI controller the machine no longer
            // creates ("machine type does not support if=scsi"), so such a drive goes on
            // the virtio-scsi bus like a default one.
            None | Some("virtio-scsi") | Some("scsi") => {
                push(&["-drive", &format!("{opts},if=none")]);
                push(&["-device", &scsi_hd(i, d)]);
            }
            Some("virtio") => {
                push(&["-drive", &format!("{opts},if=none")]);
                push(&["-device", &format!("virtio-blk-pci,drive=hd{i}{}", device_opts(d))]);
            }
            Some(other) => push(&["-drive", &format!("{opts},if={}", escape(other))]),
        }
    }
    if let Some(root) = &inp.appliance.root {
        let file = escape(&root.to_string_lossy());
        if inp.appliance.kind == ApplianceKind::GuestfsRs {
            // Our tools disk is only ever mounted read-only: no temporary overlay to create.
            push(&[
                "-drive",
                &format!("file={file},readonly=on,id=appliance,cache=unsafe,if=none,format=raw"),
            ]);
        } else {
            let fmt = if is_qcow2(root) { "qcow2" } else { "raw" };
            push(&[
                "-drive",
                &format!("file={file},snapshot=on,id=appliance,cache=unsafe,if=none,format={fmt}"),
            ]);
        }
        let bus = if inp.snapshot.is_some() {
            "virtio-blk-pci"
        } else {
            "scsi-hd"
        };
        push(&["-device", &format!("{bus},drive=appliance")]);
    }
    push(&["-device", "virtio-serial-pci", "-serial", "stdio"]);
    push(&[
        "-chardev",
        &format!("socket,path={},id=channel0", escape(&inp.sock_path.to_string_lossy())),
    ]);
    push(&[
        "-device",
        "virtserialport,chardev=channel0,name=org.libguestfs.channel.0",
    ]);
    if cfg.network {
        push(&[
            "-netdev",
            "user,id=usernet,net=169.254.0.0/16",
            "-device",
            "virtio-net-pci,netdev=usernet",
        ]);
    }
    if let Some(m) = &inp.snapshot {
        push(&[
            "-qmp",
            &format!("unix:{},server=on,wait=off", escape(&m.qmp.to_string_lossy())),
        ]);
        if m.incoming {
            push(&["-incoming", "defer"]);
        }
    }
    push(&["-append", &inp.kernel_cmdline]);
    for (k, v) in &cfg.qemu_params {
        a.push(k.clone());
        if let Some(v) = v {
            a.push(v.clone());
        }
    }
    Ok(a)
}

fn is_qcow2(p: &Path) -> bool {
    use std::io::Read;
    let mut m = [0u8; 4];
    std::fs::File::open(p).and_then(|mut f| f.read_exact(&mut m)).is_ok() && &m == b"QFI\xfb"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn drive(path: &str) -> Drive {
        Drive::raw_file(path)
    }

    fn cfg(drives: Vec<Drive>) -> LaunchConfig {
        let mut c = LaunchConfig::new("/usr/bin/qemu-system-x86_64");
        c.drives = drives;
        c
    }

    fn app(root: Option<&str>) -> Appliance {
        Appliance {
            kernel: "/c/vmlinux".into(),
            initrd: "/c/initrd".into(),
            root: root.map(PathBuf::from),
            kind: ApplianceKind::GuestfsRs,
        }
    }

    fn render(c: &LaunchConfig, a: &Appliance, accel: Accel) -> String {
        let inp = QemuInputs {
            appliance: a,
            accel,
            sock_path: Path::new("/s/guestfsd.sock"),
            kernel_cmdline: "panic=1".into(),
            bios: None,
            virtio_blk_scsi_off: true,
            snapshot: None,
        };
        build(c, &inp).unwrap().join(" ")
    }

    #[test]
    fn basic_tcg_line() {
        let mut d = drive("/img,1.raw");
        d.label = Some("data".into());
        d.blocksize = Some(4096);
        let s = render(&cfg(vec![d]), &app(None), Accel::Tcg);
        assert!(s.starts_with("/usr/bin/qemu-system-x86_64 -global virtio-blk-pci.scsi=off -no-user-config -nodefaults -display none -machine accel=tcg -cpu max,la57=off,erms=off,fsrm=off -m 1280 -no-reboot"), "{s}");
        assert!(s.contains("-kernel /c/vmlinux -initrd /c/initrd"));
        assert!(s.contains("-drive file=/img,,1.raw,cache=writeback,format=raw,id=hd0,if=none -device scsi-hd,drive=hd0,serial=data,physical_block_size=4096,logical_block_size=4096"), "{s}");
        assert!(s.contains("-device virtio-serial-pci -serial stdio -chardev socket,path=/s/guestfsd.sock,id=channel0 -device virtserialport,chardev=channel0,name=org.libguestfs.channel.0 -append panic=1"), "{s}");
        assert!(!s.contains("appliance"));
        assert!(!s.contains("-smp"));
    }

    #[test]
    fn overlay_virtio_kvm_root_and_params() {
        let mut d0 = drive("/t/overlay1.qcow2");
        d0.overlay = true;
        let mut d1 = drive("/b.img");
        d1.iface = Some("virtio".into());
        d1.cachemode = Some("unsafe".into());
        d1.discard = Some("besteffort".into());
        d1.copyonread = true;
        let mut d2 = drive("/c.img");
        d2.iface = Some("ide".into());
        let mut c = cfg(vec![d0, d1, d2]);
        c.smp = 2;
        c.network = true;
        c.qemu_params = vec![("-set".into(), Some("x=y".into())), ("-S".into(), None)];
        let s = render(&c, &app(Some("/a/root")), Accel::Kvm);
        assert!(s.contains("-machine accel=kvm -cpu host -smp 2"), "{s}");
        assert!(s.contains("-drive format=raw,file.file.filename=/t/overlay1.qcow2,file.driver=qcow2,file.backing.file.locking=off,cache=unsafe,id=hd0,if=none -device scsi-hd,drive=hd0 "), "{s}");
        assert!(s.contains("-drive file=/b.img,cache=unsafe,format=raw,copy-on-read=on,discard=unmap,id=hd1,if=none -device virtio-blk-pci,drive=hd1 "), "{s}");
        assert!(
            s.contains("-drive file=/c.img,cache=writeback,format=raw,id=hd2,if=ide "),
            "{s}"
        );
        assert!(s.contains("-drive file=/a/root,readonly=on,id=appliance,cache=unsafe,if=none,format=raw -device scsi-hd,drive=appliance -device virtio-serial-pci"), "{s}");
        let mut fixed = app(Some("/a/root"));
        fixed.kind = ApplianceKind::Fixed;
        let s = render(&c, &fixed, Accel::Kvm);
        assert!(s.contains("-drive file=/a/root,snapshot=on,id=appliance,cache=unsafe,if=none,format=raw -device scsi-hd,drive=appliance -device virtio-serial-pci"), "{s}");
        assert!(s.contains("-netdev user,id=usernet,net=169.254.0.0/16 -device virtio-net-pci,netdev=usernet"));
        assert!(s.ends_with("-append panic=1 -set x=y -S"), "{s}");
    }

    #[test]
    fn interfaces() {
        let mut c = cfg(vec![drive("/a"), drive("/b")]);
        assert_eq!(iface_letters(&c), None);
        c.drives[0].iface = Some("scsi".into());
        assert_eq!(iface_letters(&c).as_deref(), Some("ss"));
        let s = render(&c, &app(None), Accel::Tcg);
        assert!(
            s.contains("-drive file=/a,cache=writeback,format=raw,id=hd0,if=none -device scsi-hd,drive=hd0 "),
            "{s}"
        );
        c.drives[1].iface = Some("ide".into());
        c.drives.push(drive("/c"));
        c.drives[2].iface = Some("virtio".into());
        c.drives.push(drive("/d"));
        c.drives[3].iface = Some("floppy".into());
        assert_eq!(iface_letters(&c).as_deref(), Some("sivx"));
    }

    #[test]
    fn snapshot_machine_and_hotplug() {
        let mut d = drive("/img \"x\",1.raw");
        d.label = Some("lab".into());
        d.blocksize = Some(4096);
        let c = cfg(vec![d, drive("/b")]);
        let a = app(Some("/a/tools.img"));
        let inp = |incoming: bool| QemuInputs {
            appliance: &a,
            accel: Accel::Tcg,
            sock_path: Path::new("/s/guestfsd.sock"),
            kernel_cmdline: "panic=1".into(),
            bios: None,
            virtio_blk_scsi_off: false,
            snapshot: Some(SnapshotMachine {
                ram: Path::new("/c/k.ram"),
                share: !incoming,
                qmp: Path::new("/s/qmp.sock"),
                incoming,
            }),
        };
        let s = build(&c, &inp(false)).unwrap().join(" ");
        assert!(s.contains("-machine accel=tcg,memory-backend=mem0 "), "{s}");
        assert!(
            s.contains("-object memory-backend-file,id=mem0,size=1280M,mem-path=/c/k.ram,share=on "),
            "{s}"
        );
        assert!(!s.contains("hd0"), "user drives are plugged in later: {s}");
        assert!(s.contains("-device virtio-blk-pci,drive=appliance "), "{s}");
        assert!(
            s.contains("-qmp unix:/s/qmp.sock,server=on,wait=off -append panic=1"),
            "{s}"
        );
        assert!(!s.contains("-incoming"));
        let s = build(&c, &inp(true)).unwrap().join(" ");
        assert!(s.contains("share=off") && s.contains("-incoming defer -append"), "{s}");
        assert_eq!(
            hotplug_commands(&c).unwrap(),
            [
                r#"drive_add 0 "file=/img \"x\",,1.raw,cache=writeback,format=raw,id=hd0,if=none""#,
                r#"device_add "scsi-hd,drive=hd0,serial=lab,physical_block_size=4096,logical_block_size=4096""#,
                r#"drive_add 0 "file=/b,cache=writeback,format=raw,id=hd1,if=none""#,
                r#"device_add "scsi-hd,drive=hd1""#,
            ]
        );
    }

    #[test]
    fn discard_enable_rules() {
        let mut d = drive("/a");
        d.discard = Some("enable".into());
        d.format = Some("vmdk".into());
        let inp = QemuInputs {
            appliance: &app(None),
            accel: Accel::Tcg,
            sock_path: Path::new("/s"),
            kernel_cmdline: String::new(),
            bios: None,
            virtio_blk_scsi_off: true,
            snapshot: None,
        };
        let e = build(&cfg(vec![d.clone()]), &inp).unwrap_err();
        assert_eq!(e.errno(), libc::ENOTSUP);
        assert_eq!(
            e.message(),
            "discard cannot be enabled on this drive: qemu does not support discard for ‘vmdk’ format files"
        );
        d.format = Some("qcow2".into());
        assert!(build(&cfg(vec![d.clone()]), &inp)
            .unwrap()
            .join(" ")
            .contains("discard=unmap"));
        d.overlay = true;
        assert!(build(&cfg(vec![d]), &inp)
            .unwrap_err()
            .message()
            .ends_with("the drive has a read-only overlay"));
    }

    #[test]
    fn firmware_goes_before_memory() {
        let a = app(None);
        let inp = QemuInputs {
            appliance: &a,
            accel: Accel::Tcg,
            sock_path: Path::new("/s"),
            kernel_cmdline: String::new(),
            bios: Some("/q/qboot.rom".into()),
            virtio_blk_scsi_off: false,
            snapshot: None,
        };
        let s = build(&cfg(vec![drive("/a")]), &inp).unwrap().join(" ");
        assert!(
            s.contains("-cpu max,la57=off,erms=off,fsrm=off -bios /q/qboot.rom -m 1280 "),
            "{s}"
        );
        assert!(s.starts_with("/usr/bin/qemu-system-x86_64 -no-user-config "), "{s}");
        if let Some(fw) = fast_firmware("/usr/bin/qemu-system-x86_64") {
            assert!(fw.ends_with("qboot.rom") && Path::new(&fw).is_file());
        }
    }

    #[test]
    fn gdb_and_verbose() {
        let mut c = cfg(vec![]);
        c.backend_settings = vec!["gdb".into()];
        c.verbose = true;
        let s = render(&c, &app(None), Accel::Tcg);
        assert!(s.contains("-display none -S -s -machine accel=tcg,graphics=off"), "{s}");
    }
}
