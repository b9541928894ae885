//! guestfs-rs's private launch handshake for appliances restored from a snapshot (not part
//! of libguestfs's protocol; nothing of it is sent on a cold boot).
//!
//! The appliance that a snapshot is taken of boots with `guestfs_rs_snapshot=1`. Its
//! daemon gets ready, sends [`SNAPSHOT_POINT`] instead of the launch flag and blocks
//! reading the channel; the library saves the machine at that moment. Each restored copy
//! wakes up inside that read, and the library then sends one [`ResumeRecord`]: what
//! differs between copies (the wall clock, fresh entropy, how many disks were plugged
//! in). The daemon applies it, finds its disks and sends the protocol's launch flag as on
//! a cold boot.

/// Daemon → library: "ready to be saved" (4 bytes, big-endian).
pub const SNAPSHOT_POINT: u32 = 0x6772_7370;

/// The first word of a [`ResumeRecord`].
pub const RESUME_MAGIC: u32 = 0x6772_7372;
/// Bumped when the record's layout changes (snapshots are keyed on it too).
pub const RESUME_VERSION: u32 = 1;

/// The most disks a restored appliance takes (virtio-scsi targets 0..=254).
pub const MAX_RESUME_DISKS: u32 = 255;

/// Encoded size of a [`ResumeRecord`].
pub const RESUME_LEN: usize = 4 + 4 + 8 + 4 + 32 + 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeRecord {
    /// The host's CLOCK_REALTIME when the record was made.
    pub realtime_sec: i64,
    pub realtime_nsec: u32,
    /// Fresh host entropy: mixed into the guest's pool and the CRNG reseeded, so no two
    /// copies of one snapshot produce the same random numbers.
    pub seed: [u8; 32],
    /// How many user disks were plugged in (virtio-scsi targets 0..disks).
    pub disks: u32,
}

impl ResumeRecord {
    pub fn encode(&self) -> [u8; RESUME_LEN] {
        let mut b = [0u8; RESUME_LEN];
        b[0..4].copy_from_slice(&RESUME_MAGIC.to_be_bytes());
        b[4..8].copy_from_slice(&RESUME_VERSION.to_be_bytes());
        b[8..16].copy_from_slice(&self.realtime_sec.to_be_bytes());
        b[16..20].copy_from_slice(&self.realtime_nsec.to_be_bytes());
        b[20..52].copy_from_slice(&self.seed);
        b[52..56].copy_from_slice(&self.disks.to_be_bytes());
        b
    }

    pub fn decode(b: &[u8; RESUME_LEN]) -> Result<ResumeRecord, String> {
        let word = |at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
        if word(0) != RESUME_MAGIC {
            return Err(format!("resume record: bad magic {:#010x}", word(0)));
        }
        if word(4) != RESUME_VERSION {
            return Err(format!(
                "resume record: version {} (expected {RESUME_VERSION})",
                word(4)
            ));
        }
        let mut sec = [0u8; 8];
        sec.copy_from_slice(&b[8..16]);
        let realtime_sec = i64::from_be_bytes(sec);
        let realtime_nsec = word(16);
        if realtime_sec < 0 || realtime_nsec >= 1_000_000_000 {
            return Err("resume record: invalid time".into());
        }
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&b[20..52]);
        let disks = word(52);
        if disks > MAX_RESUME_DISKS {
            return Err(format!("resume record: {disks} disks (at most {MAX_RESUME_DISKS})"));
        }
        Ok(ResumeRecord {
            realtime_sec,
            realtime_nsec,
            seed,
            disks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let r = ResumeRecord {
            realtime_sec: 1_796_659_708,
            realtime_nsec: 999_999_999,
            seed: [7; 32],
            disks: 3,
        };
        let b = r.encode();
        assert_eq!(ResumeRecord::decode(&b), Ok(r.clone()));
        let mut bad = b;
        bad[0] ^= 1;
        assert!(ResumeRecord::decode(&bad).unwrap_err().contains("magic"));
        let mut bad = b;
        bad[7] = 9;
        assert!(ResumeRecord::decode(&bad).unwrap_err().contains("version"));
        let mut bad = b;
        bad[16..20].copy_from_slice(&1_000_000_000u32.to_be_bytes());
        assert!(ResumeRecord::decode(&bad).is_err());
        let mut bad = b;
        bad[52..56].copy_from_slice(&256u32.to_be_bytes());
        assert!(ResumeRecord::decode(&bad).unwrap_err().contains("disks"));
        // Every byte pattern decodes or is refused; none panics.
        let mut x = 0x9e37_79b9_u32;
        for _ in 0..20_000 {
            let mut b = r.encode();
            for _ in 0..4 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                b[(x as usize) % RESUME_LEN] = (x >> 8) as u8;
            }
            let _ = ResumeRecord::decode(&b);
        }
    }
}
