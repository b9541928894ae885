//! The daemon's side of the snapshot handshake (guestfs_protocol::resume): stop at the
//! snapshot point, and on waking up in a restored copy, take the host's clock, fresh
//! entropy and the plugged-in disks before the launch flag goes out.

use guestfs_protocol::resume::{ResumeRecord, RESUME_LEN, SNAPSHOT_POINT};
use std::io::{self, Read, Write};
use std::time::Duration;

/// Whether this boot is the one a snapshot is taken of (`guestfs_rs_snapshot=1`).
pub fn requested(cmdline: &str) -> bool {
    cmdline.split_whitespace().any(|w| w == "guestfs_rs_snapshot=1")
}

/// Tells the library the appliance is ready to be saved, then waits for the resume record
/// (the machine is saved during this read; each restored copy returns from it).
pub fn snapshot_point(rd: &mut impl Read, wr: &mut impl Write) -> io::Result<ResumeRecord> {
    wr.write_all(&SNAPSHOT_POINT.to_be_bytes())?;
    wr.flush()?;
    let mut b = [0u8; RESUME_LEN];
    rd.read_exact(&mut b)?;
    ResumeRecord::decode(&b).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// What a restored copy must not share with the snapshot or with its siblings.
pub fn apply(r: &ResumeRecord) {
    set_clock(r.realtime_sec, r.realtime_nsec);
    let t = std::time::Instant::now();
    reseed(&r.seed);
    let t1 = t.elapsed();
    if !crate::init::scan_for_plugged_disks(r.disks as usize, Duration::from_secs(30)) {
        eprintln!("guestfsd: not all of the {} plugged-in disks appeared", r.disks);
    }
    crate::vlog!(
        "guestfsd: resumed from a snapshot with {} disks (reseeded in {:.3} s, disks in {:.3} s)",
        r.disks,
        t1.as_secs_f64(),
        (t.elapsed() - t1).as_secs_f64()
    );
}

fn set_clock(sec: i64, nsec: u32) {
    let ts = libc::timespec {
        tv_sec: sec as libc::time_t,
        tv_nsec: nsec as libc::c_long,
    };
    // SAFETY: clock_settime reads one valid timespec.
    if unsafe { libc::clock_settime(libc::CLOCK_REALTIME, &ts) } != 0 {
        eprintln!("guestfsd: clock_settime: {}", io::Error::last_os_error());
    }
}

/// RNDADDENTROPY: _IOW('R', 0x03, int[2]).
const RNDADDENTROPY: libc::c_ulong = 0x4008_5203;
/// RNDRESEEDCRNG: _IO('R', 0x07).
const RNDRESEEDCRNG: libc::c_ulong = 0x5207;

/// Credits the host's seed to the input pool and forces the CRNG to reseed from it, so
/// the next random bytes (mkfs UUIDs, LUKS keys, temp names) differ from every other copy.
fn reseed(seed: &[u8; 32]) {
    use std::os::fd::AsRawFd;
    let Ok(f) = std::fs::OpenOptions::new().write(true).open("/dev/random") else {
        eprintln!("guestfsd: cannot open /dev/random to reseed");
        return;
    };
    // struct rand_pool_info { int entropy_count; int buf_size; __u32 buf[]; }
    let mut info = [0i32; 2 + 8];
    info[0] = 256;
    info[1] = 32;
    for (i, c) in seed.chunks_exact(4).enumerate() {
        info[2 + i] = i32::from_ne_bytes([c[0], c[1], c[2], c[3]]);
    }
    // SAFETY: RNDADDENTROPY reads a rand_pool_info whose buf_size (32) bytes follow the
    // two header ints inside `info`; RNDRESEEDCRNG takes no argument.
    unsafe {
        if libc::ioctl(f.as_raw_fd(), RNDADDENTROPY, info.as_ptr()) != 0 {
            eprintln!("guestfsd: RNDADDENTROPY: {}", io::Error::last_os_error());
        }
        if libc::ioctl(f.as_raw_fd(), RNDRESEEDCRNG) != 0 {
            eprintln!("guestfsd: RNDRESEEDCRNG: {}", io::Error::last_os_error());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handshake_sends_the_point_and_reads_a_record() {
        let rec = ResumeRecord {
            realtime_sec: 5,
            realtime_nsec: 6,
            seed: [1; 32],
            disks: 2,
        };
        let mut input = &rec.encode()[..];
        let mut out = Vec::new();
        assert_eq!(snapshot_point(&mut input, &mut out).unwrap(), rec);
        assert_eq!(out, SNAPSHOT_POINT.to_be_bytes());
        let mut short = &rec.encode()[..10];
        assert!(snapshot_point(&mut short, &mut Vec::new()).is_err());
        assert!(requested("quiet guestfs_rs_snapshot=1 rdinit=/init"));
        assert!(!requested("guestfs_rs_snapshot=0"));
    }
}
