//! Partition tables through parted (and sfdisk for MBR ids), worded like 1.48.

use std::time::{Duration, Instant};

use guestfs_protocol::{FieldValue, RetValue, StructValue};

use super::Handler;
use crate::cmd::Cmd;
use crate::daemon::Daemon;
use crate::error::{Error, Result};
use crate::request::Req;

pub const CALLS: &[(&str, Handler)] = &[
    ("part_init", part_init),
    ("part_add", part_add),
    ("part_disk", part_disk),
    ("part_del", part_del),
    ("part_list", part_list),
    ("part_get_parttype", part_get_parttype),
    ("part_get_bootable", part_get_bootable),
    ("part_set_bootable", part_set_bootable),
    ("part_resize", part_resize),
    ("part_set_name", part_set_name),
    ("part_get_name", part_get_name),
];

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

fn part_init(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let t = check_parttype(&r.str(1))?.to_string();
    parted(&dev, &["mklabel", &t])?;
    Ok(RetValue::None)
}

fn part_add(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let prlogex = match r.str(1).as_str() {
        "primary" | "p" => "primary",
        "logical" | "l" => "logical",
        "extended" | "e" => "extended",
        other => {
            return Err(Error::msg(format!(
                "unknown partition type: {other}: this should be \"primary\", \"logical\" or \"extended\""
            )))
        }
    };
    let (start, end) = (r.int64(2), r.int64(3));
    if start < 0 {
        return Err(Error::msg("startsect cannot be negative"));
    }
    parted(&dev, &["mkpart", prlogex, &format!("{start}s"), &format!("{end}s")])?;
    Ok(RetValue::None)
}

fn part_disk(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let dev = r.str(0);
    let t = check_parttype(&r.str(1))?.to_string();
    let name = if t == "gpt" { "p1" } else { "primary" };
    parted(&dev, &["mklabel", &t, "mkpart", name, "128s", "-128s"])?;
    Ok(RetValue::None)
}

fn partnum_ok(n: i32) -> Result<()> {
    if n <= 0 {
        return Err(Error::msg("partition number must be >= 1"));
    }
    Ok(())
}

fn part_del(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    partnum_ok(r.int(1))?;
    parted(&r.str(0), &["rm", &r.int(1).to_string()])?;
    Ok(RetValue::None)
}

fn part_set_bootable(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    partnum_ok(r.int(1))?;
    let on = if r.bool(2) { "on" } else { "off" };
    parted(&r.str(0), &["set", &r.int(1).to_string(), "boot", on])?;
    Ok(RetValue::None)
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

fn part_list(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (_, rows) = print_table(&r.str(0))?;
    let mut out = Vec::new();
    for l in rows {
        let (n, s, e, z) = parse_row(&l).ok_or_else(|| {
            Error::msg(format!(
                "could not parse row from output of 'parted print' command: {l}"
            ))
        })?;
        out.push(StructValue {
            fields: vec![
                FieldValue::Int32(n),
                FieldValue::UInt64(s as u64),
                FieldValue::UInt64(e as u64),
                FieldValue::UInt64(z as u64),
            ],
        });
    }
    Ok(RetValue::StructList(out))
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

fn part_get_parttype(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    Ok(RetValue::Str(parttype(&r.str(0))?.into_bytes()))
}

fn part_get_bootable(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let n = r.int(1);
    partnum_ok(n)?;
    let (_, rows) = print_table(&r.str(0))?;
    for l in rows {
        let f: Vec<&str> = l.trim_end_matches(';').split(':').collect();
        let pn: i32 = f
            .first()
            .and_then(|x| x.parse().ok())
            .ok_or_else(|| Error::msg(format!("could not parse row from output of parted print command: {l}")))?;
        if pn == n {
            return Ok(RetValue::Bool(f.get(6).is_some_and(|flags| flags.contains("boot"))));
        }
    }
    Err(Error::msg(format!("partition number {n} not found")))
}

fn part_resize(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (dev, n) = (r.str(0), r.int(1));
    partnum_ok(n)?;
    let o = Cmd::new("parted")
        .args([
            "-s",
            "--",
            &dev,
            "resizepart",
            &n.to_string(),
            &format!("{}s", r.int64(2)),
        ])
        .fold_stdout()
        .run();
    settle(&dev);
    if !o.ok() {
        return Err(Error::msg(format!("parted: {dev}: {}:", o.err_text())));
    }
    Ok(RetValue::None)
}

fn part_set_name(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    partnum_ok(r.int(1))?;
    parted(&r.str(0), &["name", &r.int(1).to_string(), &r.str(2)])?;
    Ok(RetValue::None)
}

fn part_get_name(_d: &mut Daemon, r: &Req) -> Result<RetValue> {
    let (dev, n) = (r.str(0), r.int(1));
    partnum_ok(n)?;
    if parttype(&dev)? != "gpt" {
        return Err(Error::msg("part-get-name can only be used on GUID Partition Tables"));
    }
    let (_, rows) = print_table(&dev)?;
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
            return Ok(RetValue::Str(name.as_bytes().to_vec()));
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
