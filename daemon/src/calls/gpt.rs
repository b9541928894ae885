//! GPT details through sgdisk (the "gdisk" optional group).

use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

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

/// `sgdisk DEVICE FLAG N:VALUE`: sets one per-partition field (type or unique GUID).
fn set_part_field(dev: &str, n: i32, value: &str, flag: &str) -> Result<()> {
    partnum_ok(n)?;
    let code = format!("{n}:{value}");
    sgdisk(dev, &[flag, &code], &format!("sgdisk {dev} {flag} {code}"))?;
    Ok(())
}

pub fn part_set_gpt_type(_d: &mut Daemon, device: &str, partnum: i32, guid: &str) -> Result<()> {
    set_part_field(device, partnum, guid, "-t")
}

pub fn part_set_gpt_guid(_d: &mut Daemon, device: &str, partnum: i32, guid: &str) -> Result<()> {
    set_part_field(device, partnum, guid, "-u")
}

/// A field of `sgdisk -i N`: "Partition GUID code: 2168…-… (BIOS boot partition)".
pub fn info_field(out: &str, field: &str) -> Option<String> {
    out.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        Some(rest.trim_start().to_string())
    })
}

/// One field of `sgdisk -i N` for partition `n` of `dev`.
fn info(dev: &str, n: i32, field: &str) -> Result<String> {
    partnum_ok(n)?;
    let out = sgdisk(dev, &["-i", &n.to_string()], "sgdisk")?;
    info_field(&out, field).ok_or_else(|| Error::msg(format!("{dev}: sgdisk output did not contain '{field}'")))
}

fn guid_prefix(v: &str) -> String {
    v.chars()
        .take_while(|c| c.is_ascii_hexdigit() || *c == '-')
        .collect::<String>()
        .to_ascii_uppercase()
}

pub fn part_get_gpt_type(_d: &mut Daemon, device: &str, partnum: i32) -> Result<String> {
    Ok(guid_prefix(&info(device, partnum, "Partition GUID code")?))
}

pub fn part_get_gpt_guid(_d: &mut Daemon, device: &str, partnum: i32) -> Result<String> {
    Ok(guid_prefix(&info(device, partnum, "Partition unique GUID")?))
}

pub fn part_get_gpt_attributes(_d: &mut Daemon, device: &str, partnum: i32) -> Result<i64> {
    let v = info(device, partnum, "Attribute flags")?;
    let hex: String = v.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    let n = u64::from_str_radix(&hex, 16).map_err(|_| Error::msg(format!("cannot parse attribute flags: {v}")))?;
    Ok(n as i64)
}

pub fn part_set_gpt_attributes(_d: &mut Daemon, device: &str, partnum: i32, attributes: i64) -> Result<()> {
    partnum_ok(partnum)?;
    let arg = format!("{partnum}:=:{attributes:X}");
    sgdisk(device, &["-A", &arg], "sgdisk")?;
    Ok(())
}

pub fn part_get_disk_guid(_d: &mut Daemon, device: &str) -> Result<String> {
    let dev = device;
    let out = sgdisk(dev, &["-p"], &format!("sgdisk {dev} -p"))?;
    let v = out
        .lines()
        .find_map(|l| l.strip_prefix("Disk identifier (GUID):"))
        .ok_or_else(|| {
            Error::msg("sgdisk output did not contain disk GUID. See LIBGUESTFS_DEBUG output for more details")
        })?;
    Ok(guid_prefix(v.trim_start()))
}

pub fn part_set_disk_guid(_d: &mut Daemon, device: &str, guid: &str) -> Result<()> {
    let dev = device;
    sgdisk(dev, &["-U", guid], &format!("sgdisk {dev} -U {guid}"))?;
    Ok(())
}

pub fn part_set_disk_guid_random(_d: &mut Daemon, device: &str) -> Result<()> {
    let dev = device;
    sgdisk(dev, &["-U", "R"], &format!("sgdisk {dev} -U R"))?;
    Ok(())
}

pub fn part_expand_gpt(_d: &mut Daemon, device: &str) -> Result<()> {
    let dev = device;
    let o = Cmd::new("sgdisk").arg("-e").arg(dev).fold_stdout().run();
    super::parted::settle(dev);
    if !o.ok() {
        return Err(Error::msg(format!("sgdisk -e {dev}: {}", o.err_text())));
    }
    Ok(())
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
