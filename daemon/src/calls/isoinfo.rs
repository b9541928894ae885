//! ISO 9660 primary volume descriptor, read directly (no tool needed).

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

use guestfs_protocol::structs::Isoinfo;
use guestfs_protocol::ByteString;

use crate::args::GuestPath;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

/// An a-characters field: space padded on the right.
fn str_a(b: &[u8]) -> ByteString {
    let end = b.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
    ByteString::from(&b[..end])
}

fn le16(b: &[u8]) -> u32 {
    u16::from_le_bytes([b[0], b[1]]) as u32
}

fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// "YYYYMMDDhhmmsscc" + a signed offset in 15-minute units → seconds since the epoch
/// (-1 when unset, as 1.48 reports it).
pub fn parse_datetime(b: &[u8]) -> i64 {
    if b.len() < 17 || &b[..16] == b"0000000000000000" {
        return -1;
    }
    let num = |r: std::ops::Range<usize>| -> i64 {
        std::str::from_utf8(&b[r])
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    let days = days_from_civil(num(0..4), num(4..6), num(6..8));
    let t = days * 86400 + num(8..10) * 3600 + num(10..12) * 60 + num(12..14);
    t - (b[16] as i8 as i64) * 15 * 60
}

fn read_pvd(p: &Path, name: &str) -> Result<Isoinfo> {
    let f = File::open(p).map_err(|e| Error::io(&e, name))?;
    let mut pvd = [0u8; 2048];
    let n = f.read_at(&mut pvd, 32768).map_err(|e| Error::io(&e, name))?;
    if n != 2048 || pvd[0] != 1 || &pvd[1..6] != b"CD001" {
        return Err(Error::msg(format!("{name}: not an ISO file or CD-ROM")));
    }
    let s = |o: usize, l: usize| &pvd[o..o + l];
    Ok(Isoinfo {
        iso_system_id: str_a(s(8, 32)),
        iso_volume_id: str_a(s(40, 32)),
        iso_volume_space_size: le32(s(80, 4)),
        iso_volume_set_size: le16(s(120, 2)),
        iso_volume_sequence_number: le16(s(124, 2)),
        iso_logical_block_size: le16(s(128, 2)),
        iso_volume_set_id: str_a(s(190, 128)),
        iso_publisher_id: str_a(s(318, 128)),
        iso_data_preparer_id: str_a(s(446, 128)),
        iso_application_id: str_a(s(574, 128)),
        iso_copyright_file_id: str_a(s(702, 37)),
        iso_abstract_file_id: str_a(s(739, 37)),
        iso_bibliographic_file_id: str_a(s(776, 37)),
        iso_volume_creation_t: parse_datetime(s(813, 17)),
        iso_volume_modification_t: parse_datetime(s(830, 17)),
        iso_volume_expiration_t: parse_datetime(s(847, 17)),
        iso_volume_effective_t: parse_datetime(s(864, 17)),
    })
}

pub fn isoinfo(d: &mut Daemon, isofile: &GuestPath) -> Result<Isoinfo> {
    read_pvd(&isofile.resolve(d, true)?, &isofile.lossy())
}

pub fn isoinfo_device(_d: &mut Daemon, device: &str) -> Result<Isoinfo> {
    read_pvd(Path::new(device), device)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(parse_datetime(b"0000000000000000\0"), -1);
        assert_eq!(parse_datetime(b"1970010100000000\0"), 0);
        // 2010-05-01 12:00:00 at GMT+1 (4 quarter hours) is 11:00 UTC.
        assert_eq!(parse_datetime(b"2010050112000000\x04"), 1272711600);
    }
}
