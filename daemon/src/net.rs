//! Network interfaces of the appliance: the loopback always, and with `guestfs_network=1`
//! on the kernel command line (the library's `set_network true`) the virtio-net interface,
//! configured for qemu's user-mode network, which launch sets up as
//! `-netdev user,net=169.254.0.0/16` like 1.48 does. qemu's built-in DHCP server would
//! hand out the addresses below every time (host part .2.15, gateway .2.2, DNS .2.3 of
//! that network), so they are set directly with a few ioctls: no DHCP client and no `ip`
//! in the appliance, and nothing is run before the launch flag.

use std::fs;
use std::net::Ipv4Addr;
use std::path::Path;
use std::time::{Duration, Instant};

/// The guest's address on qemu's user network (`net=169.254.0.0/16`, see
/// launch/src/qemu_cmd.rs), its prefix, the host as seen from the guest, and qemu's DNS.
pub const GUEST_ADDR: Ipv4Addr = Ipv4Addr::new(169, 254, 2, 15);
pub const PREFIX_LEN: u8 = 16;
pub const GATEWAY: Ipv4Addr = Ipv4Addr::new(169, 254, 2, 2);
pub const NAMESERVER: Ipv4Addr = Ipv4Addr::new(169, 254, 2, 3);

/// The kernel modules of the virtio-net interface, by file stem, dependencies first.
pub const MODULE_STEMS: &[&str] = &["failover", "net_failover", "virtio_net"];

/// Whether the kernel command line asks for the network (`guestfs_network=1`).
pub fn requested(cmdline: &str) -> bool {
    cmdline.split_whitespace().any(|w| w == "guestfs_network=1")
}

/// Whether this appliance was booted with the network (read once from /proc/cmdline).
pub fn enabled() -> bool {
    use std::sync::OnceLock;
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::process::id() == 1 && requested(&fs::read_to_string("/proc/cmdline").unwrap_or_default()))
}

/// The contents of /etc/resolv.conf for the user network.
pub fn resolv_conf() -> String {
    format!("# Written by guestfsd: qemu's user-mode network DNS.\nnameserver {NAMESERVER}\n")
}

/// The netmask of a prefix length (16 → 255.255.0.0).
pub fn netmask(prefix: u8) -> Ipv4Addr {
    let bits = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix.min(32)))
    };
    Ipv4Addr::from(bits)
}

/// The first network interface other than the loopback in `/sys/class/net` (`eth0`
/// when virtio-net is the only one), waiting up to `timeout` for it to appear.
fn find_interface(timeout: Duration) -> Option<String> {
    let deadline = Instant::now() + timeout;
    loop {
        let mut names: Vec<String> = fs::read_dir("/sys/class/net")
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.retain(|n| n != "lo" && n.len() < 16);
        names.sort();
        if let Some(n) = names.into_iter().next() {
            return Some(n);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Bring up and configure the virtio-net interface (its modules are loaded by the
/// caller), add the default route and write /etc/resolv.conf. Failures are logged: the
/// appliance still serves, and calls that need the network then fail with their tools'
/// own messages, as with 1.48 when dhclient fails.
pub fn bring_up() {
    let Some(ifname) = find_interface(Duration::from_secs(5)) else {
        eprintln!("guestfsd: network: no network interface found (virtio-net missing?)");
        return;
    };
    let r = ioctls::configure(&ifname, GUEST_ADDR, netmask(PREFIX_LEN), GATEWAY);
    if let Err(e) = r {
        eprintln!("guestfsd: network: configuring {ifname}: {e}");
        return;
    }
    let _ = fs::create_dir_all("/etc");
    if let Err(e) = fs::write(Path::new("/etc/resolv.conf"), resolv_conf()) {
        eprintln!("guestfsd: network: writing /etc/resolv.conf: {e}");
    }
    crate::vlog!("guestfsd: network: {ifname} {GUEST_ADDR}/{PREFIX_LEN}, default route via {GATEWAY}");
}

/// Brings up the loopback interface; the kernel then gives it 127.0.0.1/8 and ::1 by
/// itself. An ioctl rather than running `ip` twice: each exec of a dynamically linked
/// tool costs a noticeable fraction of a second under TCG, before the launch flag.
pub fn loopback_up() {
    if let Err(e) = ioctls::set_up("lo") {
        eprintln!("guestfsd: bringing up lo: {e}");
    }
}

/// The SIOC* ioctls of an AF_INET datagram socket (net-tools' ifconfig/route interface).
mod ioctls {
    use std::io;
    use std::net::Ipv4Addr;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

    /// struct ifreq with the name and either a short (flags) or a sockaddr (addresses):
    /// 16 + 24 bytes, the union's size.
    #[repr(C)]
    struct IfreqAddr {
        name: [u8; 16],
        addr: libc::sockaddr_in,
        pad: [u8; 8],
    }

    #[repr(C)]
    struct IfreqFlags {
        name: [u8; 16],
        flags: libc::c_short,
        pad: [u8; 22],
    }

    /// glibc's struct rtentry (<net/route.h>), for SIOCADDRT; the libc crate lacks it.
    #[repr(C)]
    struct RtEntry {
        pad1: libc::c_ulong,
        dst: libc::sockaddr_in,
        gateway: libc::sockaddr_in,
        genmask: libc::sockaddr_in,
        flags: libc::c_ushort,
        pad2: libc::c_short,
        pad3: libc::c_ulong,
        pad4: *mut libc::c_void,
        metric: libc::c_short,
        dev: *mut libc::c_char,
        mtu: libc::c_ulong,
        window: libc::c_ulong,
        irtt: libc::c_ushort,
    }

    fn name16(ifname: &str) -> [u8; 16] {
        let mut n = [0u8; 16];
        let b = ifname.as_bytes();
        let len = b.len().min(15);
        n[..len].copy_from_slice(&b[..len]);
        n
    }

    fn sin(a: Ipv4Addr) -> libc::sockaddr_in {
        libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: 0,
            sin_addr: libc::in_addr {
                s_addr: u32::from(a).to_be(),
            },
            sin_zero: [0; 8],
        }
    }

    fn socket() -> io::Result<OwnedFd> {
        // SAFETY: socket(2) has no memory arguments; a valid fd is owned by the OwnedFd.
        let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: fd was just returned by socket(2) and nothing else owns it.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    fn check(r: libc::c_int, what: &str) -> io::Result<()> {
        if r == 0 {
            Ok(())
        } else {
            let e = io::Error::last_os_error();
            Err(io::Error::new(e.kind(), format!("{what}: {e}")))
        }
    }

    fn set_up_on(fd: &OwnedFd, ifname: &str) -> io::Result<()> {
        let mut req = IfreqFlags {
            name: name16(ifname),
            flags: 0,
            pad: [0; 22],
        };
        // SAFETY: `req` is a properly sized, initialised struct ifreq that lives across the calls.
        check(
            unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) },
            "SIOCGIFFLAGS",
        )?;
        req.flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        // SAFETY: as above.
        check(
            unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFFLAGS, &req) },
            "SIOCSIFFLAGS",
        )
    }

    /// Set IFF_UP on an interface.
    pub fn set_up(ifname: &str) -> io::Result<()> {
        set_up_on(&socket()?, ifname)
    }

    /// Address, netmask, up, and a default route through `gateway`.
    pub fn configure(ifname: &str, addr: Ipv4Addr, mask: Ipv4Addr, gateway: Ipv4Addr) -> io::Result<()> {
        let fd = socket()?;
        let mut req = IfreqAddr {
            name: name16(ifname),
            addr: sin(addr),
            pad: [0; 8],
        };
        // SAFETY: `req` is a properly sized, initialised struct ifreq holding a sockaddr_in.
        check(
            unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFADDR, &req) },
            "SIOCSIFADDR",
        )?;
        req.addr = sin(mask);
        // SAFETY: as above.
        check(
            unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFNETMASK, &req) },
            "SIOCSIFNETMASK",
        )?;
        set_up_on(&fd, ifname)?;
        let any = sin(Ipv4Addr::UNSPECIFIED);
        let rt = RtEntry {
            pad1: 0,
            dst: any,
            gateway: sin(gateway),
            genmask: any,
            flags: libc::RTF_UP | libc::RTF_GATEWAY,
            pad2: 0,
            pad3: 0,
            pad4: std::ptr::null_mut(),
            metric: 0,
            dev: std::ptr::null_mut(),
            mtu: 0,
            window: 0,
            irtt: 0,
        };
        // SAFETY: `rt` is a properly laid out, initialised struct rtentry with no device
        // name pointer (the kernel picks the interface from the gateway's subnet).
        check(
            unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCADDRT, &rt) },
            "SIOCADDRT",
        )
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn struct_sizes_match_the_kernel_abi() {
            assert_eq!(std::mem::size_of::<super::IfreqAddr>(), 40);
            assert_eq!(std::mem::size_of::<super::IfreqFlags>(), 40);
            // x86_64 glibc: sizeof(struct rtentry) == 120.
            #[cfg(target_pointer_width = "64")]
            assert_eq!(std::mem::size_of::<super::RtEntry>(), 120);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(netmask(16), Ipv4Addr::new(255, 255, 0, 0));
        assert_eq!(netmask(24), Ipv4Addr::new(255, 255, 255, 0));
        assert_eq!(netmask(0), Ipv4Addr::new(0, 0, 0, 0));
        assert_eq!(netmask(32), Ipv4Addr::new(255, 255, 255, 255));
    }

    #[test]
    fn cmdline_flag() {
        assert!(requested("panic=1 guestfs_network=1 quiet"));
        assert!(!requested("panic=1 guestfs_network=10 quiet"));
        assert!(!requested("panic=1"));
    }

    #[test]
    fn addresses_are_in_the_user_network() {
        let m = u32::from(netmask(PREFIX_LEN));
        let net = u32::from(GUEST_ADDR) & m;
        assert_eq!(net, u32::from(Ipv4Addr::new(169, 254, 0, 0)));
        assert_eq!(u32::from(GATEWAY) & m, net);
        assert_eq!(u32::from(NAMESERVER) & m, net);
        assert!(resolv_conf().contains("nameserver 169.254.2.3\n"));
    }
}
