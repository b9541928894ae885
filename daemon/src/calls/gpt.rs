//! GPT details through sgdisk (the "gdisk" optional group).

use guestfs_protocol::RetValue;

use super::Handler;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("part_set_gpt_type", part_set_gpt_type),
    ("part_set_gpt_guid", part_set_gpt_guid),
    ("part_get_gpt_type", part_get_gpt_type),
    ("part_get_gpt_guid", part_get_gpt_guid),
    ("part_get_gpt_attributes", part_get_gpt_attributes),
    ("part_set_gpt_attributes", part_set_gpt_attributes),
    ("part_get_disk_guid", part_get_disk_guid),
    ("part_set_disk_guid", part_set_disk_guid),
    ("part_set_disk_guid_random", part_set_disk_guid_random),
    ("part_expand_gpt", part_expand_gpt),
];

fn partnum_ok(n: i32) -> Result<()> {
    if n <= 0 {
        return Err(Error::msg("partition number must be >= 1"));
    }
    Ok(())
}

/// Run sgdisk (stdout folded into stderr, as 1.48 does); errors worded by `what`.
fn sgdisk(device: &str, args: &[&str], what: &str) -> Result<String> {
    let o = Cmd::new("sgdisk").arg(device).args(args).fold_stdout().run();
    super::parted::settle(device);
    if !o.ok() {
        return Err(Error::msg(format!("{what}: {}", o.err_text())));
    }
    Ok(o.err_text())
}

fn set_part_field(r: &Req, flag: &str) -> Result<RetValue> {
    let (dev, n) = (r.str(0), r.int(1));
    partnum_ok(n)?;
    let code = format!("{n}:{}", r.str(2));
    sgdisk(&dev, &[flag, &code], &format!("sgdisk {dev} {flag} {code}"))?;
    Ok(RetValue::None)
}

fn part_set_gpt_type(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    set_part_field(r, "-t")
}

fn part_set_gpt_guid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    set_part_field(r, "-u")
}

/// A field of `sgdisk -i N`: "Partition GUID code: 2168…-… (BIOS boot partition)".
pub fn info_field(out: &str, field: &str) -> Option<String> {
    out.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        Some(rest.trim_start().to_string())
    })
}

fn info(r: &Req, field: &str) -> Result<String> {
    let (dev, n) = (r.str(0), r.int(1));
    partnum_ok(n)?;
    let out = sgdisk(&dev, &["-i", &n.to_string()], "sgdisk")?;
    info_field(&out, field).ok_or_else(|| Error::msg(format!("{dev}: sgdisk output did not contain '{field}'")))
}

fn guid_prefix(v: &str) -> String {
    v.chars()
        .take_while(|c| c.is_ascii_hexdigit() || *c == '-')
        .collect::<String>()
        .to_ascii_uppercase()
}

fn part_get_gpt_type(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(
        guid_prefix(&info(r, "Partition GUID code")?).into_bytes(),
    ))
}

fn part_get_gpt_guid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(
        guid_prefix(&info(r, "Partition unique GUID")?).into_bytes(),
    ))
}

fn part_get_gpt_attributes(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let v = info(r, "Attribute flags")?;
    let hex: String = v.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    let n = u64::from_str_radix(&hex, 16).map_err(|_| Error::msg(format!("cannot parse attribute flags: {v}")))?;
    Ok(RetValue::Int64(n as i64))
}

fn part_set_gpt_attributes(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (dev, n) = (r.str(0), r.int(1));
    partnum_ok(n)?;
    let arg = format!("{n}:=:{:X}", r.int64(2));
    sgdisk(&dev, &["-A", &arg], "sgdisk")?;
    Ok(RetValue::None)
}

fn part_get_disk_guid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let out = sgdisk(&dev, &["-p"], &format!("sgdisk {dev} -p"))?;
    let v = out
        .lines()
        .find_map(|l| l.strip_prefix("Disk identifier (GUID):"))
        .ok_or_else(|| {
            Error::msg("sgdisk output did not contain disk GUID. See LIBGUESTFS_DEBUG output for more details")
        })?;
    Ok(RetValue::Str(guid_prefix(v.trim_start()).into_bytes()))
}

fn part_set_disk_guid(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (dev, g) = (r.str(0), r.str(1));
    sgdisk(&dev, &["-U", &g], &format!("sgdisk {dev} -U {g}"))?;
    Ok(RetValue::None)
}

fn part_set_disk_guid_random(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    sgdisk(&dev, &["-U", "R"], &format!("sgdisk {dev} -U R"))?;
    Ok(RetValue::None)
}

fn part_expand_gpt(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let o = Cmd::new("sgdisk").arg("-e").arg(&dev).fold_stdout().run();
    super::parted::settle(&dev);
    if !o.ok() {
        return Err(Error::msg(format!("sgdisk -e {dev}: {}", o.err_text())));
    }
    Ok(RetValue::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgdisk_info() {
        let out = "Partition GUID code: 21686148-6449-6E6F-744E-656564454649 (BIOS boot partition)\nAttribute flags: 0000000000000004\n";
        let t = info_field(out, "Partition GUID code").unwrap();
        assert_eq!(guid_prefix(&t), "21686148-6449-6E6F-744E-656564454649");
        assert_eq!(info_field(out, "Attribute flags").unwrap(), "0000000000000004");
        assert_eq!(info_field(out, "Nope"), None);
    }
}
