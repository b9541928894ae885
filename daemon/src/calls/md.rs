//! Linux software RAID (md) through mdadm and /proc/mdstat.

use guestfs_protocol::structs::Mdstat;

use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::table::opts::MdCreateOpts;

const LEVELS: &[&str] = &[
    "linear", "raid0", "0", "stripe", "raid1", "1", "mirror", "raid4", "4", "raid5", "5", "raid6", "6", "raid10", "10",
];

pub fn md_create(_d: &mut Daemon, name: &str, devices: &[String], o: MdCreateOpts) -> Result<()> {
    let missing = o.missingbitmap.unwrap_or(0) as u64;
    let spare = match o.spare {
        Some(s) if s < 0 => return Err(Error::msg("spare must not be negative")),
        Some(s) => s,
        None => 0,
    };
    let nbits = missing.count_ones() as usize;
    let nrdevices = match o.nrdevices {
        Some(n) if n < 2 => return Err(Error::msg("nrdevices is less than 2")),
        Some(n) => n,
        None => (devices.len() + nbits) as i32,
    };
    let chunk = o.chunk;
    if let Some(c) = chunk {
        if c & 1023 != 0 {
            return Err(Error::msg("chunk size must be a multiple of 1024 bytes"));
        }
    }
    let level = o.level.unwrap_or_else(|| "raid1".into());
    if !LEVELS.contains(&level.as_str()) {
        return Err(Error::msg(format!("unknown level parameter: {level}")));
    }
    if devices.len() + nbits != (nrdevices + spare) as usize {
        return Err(Error::msg(format!(
            "devices ({}) + bits set in missingbitmap ({nbits}) is not equal to nrdevices ({nrdevices}) + spare ({spare})",
            devices.len()
        )));
    }
    let mut c = Cmd::new("mdadm").args([
        "--create",
        "--run",
        name,
        "--level",
        &level,
        "--raid-devices",
        &nrdevices.to_string(),
    ]);
    if spare > 0 {
        c = c.arg("--spare-devices").arg(spare.to_string());
    }
    if let Some(ch) = chunk {
        c = c.arg("--chunk").arg((ch / 1024).to_string());
    }
    // Devices in slot order, "missing" where the bitmap says so.
    let mut it = devices.iter();
    for slot in 0..(devices.len() + nbits) {
        if slot < 64 && missing & (1 << slot) != 0 {
            c = c.arg("missing");
        } else if let Some(dev) = it.next() {
            c = c.arg(dev);
        }
    }
    let out = c.run();
    if !out.ok() {
        return Err(Error::msg(format!("mdadm: {name}: {}", out.err_text())));
    }
    super::parted::settle(name);
    Ok(())
}

pub fn md_detail(_d: &mut Daemon, md: &str) -> Result<Vec<(String, String)>> {
    let o = Cmd::new("mdadm").args(["-D", "--export", md]).run();
    if !o.ok() {
        return Err(Error::msg(format!(
            "mdadm exited with status {}: {}",
            o.status.unwrap_or(-1),
            o.err_text()
        )));
    }
    Ok(o.out_text()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.strip_prefix("MD_").unwrap_or(k).to_ascii_lowercase(), v.to_string()))
        .collect())
}

/// Members of one array from its /proc/mdstat line ("sdb1[1] sda1[0](F)").
pub fn parse_mdstat_members(rest: &str) -> Result<Vec<(String, i32, String)>> {
    let mut v = Vec::new();
    for tok in rest.split_whitespace() {
        let (Some(p), Some(q)) = (tok.find('['), tok.find(']')) else {
            continue;
        };
        if p > q {
            continue;
        }
        if p == 0 {
            return Err(Error::msg(format!("device entry is too short: {tok}")));
        }
        let idx: i32 = tok[p + 1..q]
            .parse()
            .map_err(|_| Error::msg(format!("not a device number: {}", &tok[p + 1..q])))?;
        let flags: String = tok[q + 1..].chars().filter(|c| c.is_ascii_alphabetic()).collect();
        v.push((format!("/dev/{}", &tok[..p]), idx, flags));
    }
    Ok(v)
}

pub fn md_stat(d: &mut Daemon, md: &str) -> Result<Vec<Mdstat>> {
    let name = md.strip_prefix("/dev/").unwrap_or(md);
    let text = std::fs::read_to_string("/proc/mdstat").map_err(|e| Error::io(&e, "fopen: /proc/mdstat"))?;
    let prefix = format!("{name} : ");
    let line = text
        .lines()
        .find(|l| l.starts_with(&prefix))
        .ok_or_else(|| Error::msg(format!("{md}: MD device not found")))?;
    Ok(parse_mdstat_members(&line[prefix.len()..])?
        .into_iter()
        .map(|(dev, idx, flags)| Mdstat {
            mdstat_device: d.devices.reverse(&dev).into_string().into(),
            mdstat_index: idx,
            mdstat_flags: flags.into(),
        })
        .collect())
}

pub fn md_stop(_d: &mut Daemon, md: &str) -> Result<()> {
    let o = Cmd::new("mdadm").args(["--stop", md]).run();
    if !o.ok() {
        return Err(Error::msg(o.err_text()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdstat_line() {
        let v = parse_mdstat_members("active raid1 sdb1[1] sda1[0](F)").unwrap();
        assert_eq!(
            v,
            vec![("/dev/sdb1".into(), 1, "".into()), ("/dev/sda1".into(), 0, "F".into())]
        );
    }
}
