//! ISO 9660 primary volume descriptor, read directly (no tool needed).

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

use guestfs_protocol::{FieldValue, RetValue, StructValue};

use super::{host_path, Handler};
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[("isoinfo", isoinfo), ("isoinfo_device", isoinfo_device)];

fn str_a(b: &[u8]) -> FieldValue {
    let end = b.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
    FieldValue::Str(b[..end].to_vec())
}

fn le16(b: &[u8]) -> FieldValue {
    FieldValue::UInt32(u16::from_le_bytes([b[0], b[1]]) as u32)
}

fn le32(b: &[u8]) -> FieldValue {
    FieldValue::UInt32(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
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

fn read_pvd(p: &Path, name: &str) -> Result<RetValue> {
    let f = File::open(p).map_err(|e| Error::io(&e, name))?;
    let mut pvd = [0u8; 2048];
    let n = f.read_at(&mut pvd, 32768).map_err(|e| Error::io(&e, name))?;
    if n != 2048 || pvd[0] != 1 || &pvd[1..6] != b"CD001" {
        return Err(Error::msg(format!("{name}: not an ISO file or CD-ROM")));
    }
    let s = |o: usize, l: usize| &pvd[o..o + l];
    let fields = vec![
        str_a(s(8, 32)),
        str_a(s(40, 32)),
        le32(s(80, 4)),
        le16(s(120, 2)),
        le16(s(124, 2)),
        le16(s(128, 2)),
        str_a(s(190, 128)),
        str_a(s(318, 128)),
        str_a(s(446, 128)),
        str_a(s(574, 128)),
        str_a(s(702, 37)),
        str_a(s(739, 37)),
        str_a(s(776, 37)),
        FieldValue::Int64(parse_datetime(s(813, 17))),
        FieldValue::Int64(parse_datetime(s(830, 17))),
        FieldValue::Int64(parse_datetime(s(847, 17))),
        FieldValue::Int64(parse_datetime(s(864, 17))),
    ];
    Ok(RetValue::Struct(StructValue { fields }))
}

fn isoinfo(d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let p = host_path(d, r, 0, true)?;
    read_pvd(&p, &r.str(0))
}

fn isoinfo_device(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    read_pvd(Path::new(&dev), &dev)
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
