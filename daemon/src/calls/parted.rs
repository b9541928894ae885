//! Partition tables through parted (and sfdisk for MBR ids), worded like 1.48.

use std::time::{Duration, Instant};

use guestfs_protocol::structs::Partition;

use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};

fn check_parttype(t: &str) -> Result<&str> {
    Ok(match t {
        "aix" | "amiga" | "bsd" | "dasd" | "dvh" | "gpt" | "mac" | "msdos" | "pc98" | "sun" => t,
        "rdb" => "amiga",
        "efi" => "gpt",
        "mbr" => "msdos",
        _ => {
            return Err(Error::msg(
                "unknown partition type: common choices are \"gpt\" and \"msdos\"",
            ))
        }
    })
}

/// Without udev, wait until the kernel's view of the disk's partitions (sysfs) and the
/// device nodes (devtmpfs) agree, so the next call sees the new partitions.
pub fn settle(device: &str) {
    let name = device.trim_start_matches("/dev/");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut ok = true;
        if let Ok(rd) = std::fs::read_dir(format!("/sys/block/{name}")) {
            for e in rd.flatten() {
                let p = e.file_name().to_string_lossy().into_owned();
                if p.starts_with(name) && p.len() > name.len() && !std::path::Path::new("/dev").join(&p).exists() {
                    ok = false;
                }
            }
        }
        if ok || Instant::now() >= deadline {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn parted(device: &str, args: &[&str]) -> Result<()> {
    let o = Cmd::new("parted")
        .args(["-s", "--", device])
        .args(args)
        .fold_stdout()
        .run();
    settle(device);
    if !o.ok() {
        return Err(Error::msg(format!("parted: {device}: {}", o.err_text())));
    }
    Ok(())
}

pub fn part_init(_d: &mut Daemon, device: &str, parttype: &str) -> Result<()> {
    let t = check_parttype(parttype)?;
    parted(device, &["mklabel", t])
}

pub fn part_add(_d: &mut Daemon, device: &str, prlogex: &str, startsect: i64, endsect: i64) -> Result<()> {
    let prlogex = match prlogex {
        "primary" | "p" => "primary",
        "logical" | "l" => "logical",
        "extended" | "e" => "extended",
        other => {
            return Err(Error::msg(format!(
                "unknown partition type: {other}: this should be \"primary\", \"logical\" or \"extended\""
            )))
        }
    };
    if startsect < 0 {
        return Err(Error::msg("startsect cannot be negative"));
    }
    parted(
        device,
        &["mkpart", prlogex, &format!("{startsect}s"), &format!("{endsect}s")],
    )
}

pub fn part_disk(_d: &mut Daemon, device: &str, parttype: &str) -> Result<()> {
    let t = check_parttype(parttype)?;
    let name = if t == "gpt" { "p1" } else { "primary" };
    parted(device, &["mklabel", t, "mkpart", name, "128s", "-128s"])
}

fn partnum_ok(n: i32) -> Result<()> {
    if n <= 0 {
        return Err(Error::msg("partition number must be >= 1"));
    }
    Ok(())
}

pub fn part_del(_d: &mut Daemon, device: &str, partnum: i32) -> Result<()> {
    partnum_ok(partnum)?;
    parted(device, &["rm", &partnum.to_string()])
}

pub fn part_set_bootable(_d: &mut Daemon, device: &str, partnum: i32, bootable: bool) -> Result<()> {
    partnum_ok(partnum)?;
    let on = if bootable { "on" } else { "off" };
    parted(device, &["set", &partnum.to_string(), "boot", on])
}

/// `parted -m unit b print`: the device line and the partition lines.
fn print_table(device: &str) -> Result<(String, Vec<String>)> {
    let o = Cmd::new("parted")
        .args(["-m", "-s", "--", device, "unit", "b", "print"])
        .run();
    if !o.ok() {
        let failure = format!("parted exited with status {}: {}", o.status.unwrap_or(-1), o.err_text());
        // 1.48 raises Unix_error (EINVAL, "parted", "<device>: <failure>") for this case.
        if failure.contains("unrecognised disk label") {
            return Err(Error::perror(libc::EINVAL, format!("parted: {device}: {failure}")));
        }
        return Err(Error::msg(failure));
    }
    parse_table(&o.out_text())
}

pub fn parse_table(out: &str) -> Result<(String, Vec<String>)> {
    let mut lines = out.trim().split('\n').map(|s| s.to_string());
    match (lines.next(), lines.next()) {
        (Some(b), Some(dev)) if b == "BYT;" => Ok((dev, lines.collect())),
        (Some(_), Some(_)) => Err(Error::msg("did not see 'BYT;' magic value in 'parted print' command")),
        _ => Err(Error::msg("too few rows of output from 'parted print' command")),
    }
}

/// "1:1048576B:2097151B:1048576B:ext4::boot;" → (1, 1048576, 2097151, 1048576).
pub fn parse_row(line: &str) -> Option<(i32, i64, i64, i64)> {
    let f: Vec<&str> = line.trim_end_matches(';').split(':').collect();
    let num = f.first()?.parse().ok()?;
    let b = |s: &str| s.strip_suffix('B').and_then(|x| x.parse::<i64>().ok());
    Some((num, b(f.get(1)?)?, b(f.get(2)?)?, b(f.get(3)?)?))
}

pub fn part_list(_d: &mut Daemon, device: &str) -> Result<Vec<Partition>> {
    let (_, rows) = print_table(device)?;
    let mut out = Vec::new();
    for l in rows {
        let (n, s, e, z) = parse_row(&l).ok_or_else(|| {
            Error::msg(format!(
                "could not parse row from output of 'parted print' command: {l}"
            ))
        })?;
        out.push(Partition {
            part_num: n,
            part_start: s as u64,
            part_end: e as u64,
            part_size: z as u64,
        });
    }
    Ok(out)
}

/// The partition table type parted reports ("msdos", "gpt", …).
pub fn parttype(dev: &str) -> Result<String> {
    let (line, _) = print_table(dev)?;
    let f: Vec<&str> = line.split(':').collect();
    match f.get(5) {
        Some(&"loop") => Err(Error::msg(format!("{dev}: not a partitioned device"))),
        Some(t) => Ok(t.to_string()),
        None => Err(Error::msg(format!("{dev}: cannot parse the output of parted"))),
    }
}

pub fn part_get_parttype(_d: &mut Daemon, device: &str) -> Result<String> {
    parttype(device)
}

pub fn part_get_bootable(_d: &mut Daemon, device: &str, partnum: i32) -> Result<bool> {
    let n = partnum;
    partnum_ok(n)?;
    let (_, rows) = print_table(device)?;
    for l in rows {
        let f: Vec<&str> = l.trim_end_matches(';').split(':').collect();
        let pn: i32 = f
            .first()
            .and_then(|x| x.parse().ok())
            .ok_or_else(|| Error::msg(format!("could not parse row from output of parted print command: {l}")))?;
        if pn == n {
            return Ok(f.get(6).is_some_and(|flags| flags.contains("boot")));
        }
    }
    Err(Error::msg(format!("partition number {n} not found")))
}

pub fn part_resize(_d: &mut Daemon, device: &str, partnum: i32, endsect: i64) -> Result<()> {
    let (dev, n) = (device, partnum);
    partnum_ok(n)?;
    let o = Cmd::new("parted")
        .args(["-s", "--", dev, "resizepart", &n.to_string(), &format!("{endsect}s")])
        .fold_stdout()
        .run();
    settle(dev);
    if !o.ok() {
        return Err(Error::msg(format!("parted: {dev}: {}:", o.err_text())));
    }
    Ok(())
}

pub fn part_set_name(_d: &mut Daemon, device: &str, partnum: i32, name: &str) -> Result<()> {
    partnum_ok(partnum)?;
    parted(device, &["name", &partnum.to_string(), name])
}

pub fn part_get_name(_d: &mut Daemon, device: &str, partnum: i32) -> Result<String> {
    // No partition number check here in 1.48: 0 is "partition number 0 not found".
    let (dev, n) = (device, partnum);
    if parttype(dev)? != "gpt" {
        return Err(Error::msg("part-get-name can only be used on GUID Partition Tables"));
    }
    let (_, rows) = print_table(dev)?;
    for l in rows {
        let f: Vec<&str> = l.trim_end_matches(';').split(':').collect();
        let pn: i32 = f
            .first()
            .and_then(|x| x.parse().ok())
            .ok_or_else(|| Error::msg(format!("could not parse row from output of parted print command: {l}")))?;
        if pn == n {
            let name = f
                .get(5)
                .ok_or_else(|| Error::msg(format!("cannot get the name field from '{l}'")))?;
            return Ok(name.to_string());
        }
    }
    Err(Error::msg(format!("partition number {n} not found")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parted_machine_output() {
        let out = "BYT;\n/dev/sda:1073741824B:scsi:512:512:msdos:QEMU QEMU HARDDISK:;\n1:65536B:1073676287B:1073610752B:ext2::boot;\n";
        let (dev, rows) = parse_table(out).unwrap();
        assert!(dev.starts_with("/dev/sda:"));
        assert_eq!(dev.split(':').nth(5), Some("msdos"));
        assert_eq!(parse_row(&rows[0]), Some((1, 65536, 1073676287, 1073610752)));
        assert!(parse_table("garbage\nmore").is_err());
        assert!(parse_table("BYT;").is_err());
    }
}
