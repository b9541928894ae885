//! Output of tools the daemon runs on guest disks inside the appliance, parsed by the
//! daemon: `mdadm --examine --scan --verbose` (md members) and `btrfs subvolume list`
//! lines. The text derives from guest metadata, so both parsers are linear and bounded.

/// The member devices named by `devices=` in `mdadm --examine --scan --verbose` output,
/// in the kernel's discovery order (by disk: sda … sdz, sdaa …; the disk before its
/// partitions), without duplicates. Names that are not plain /dev/ nodes are dropped.
pub fn md_members_in_discovery_order(out: &str) -> Vec<String> {
    let mut devs: Vec<String> = out
        .split_whitespace()
        .filter_map(|w| w.strip_prefix("devices="))
        .flat_map(|l| l.split(','))
        .filter(|d| {
            d.strip_prefix("/dev/")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric()))
        })
        .map(str::to_string)
        .collect();
    let key = |d: &String| {
        let n = &d[5..];
        let letters = n.trim_end_matches(|c: char| c.is_ascii_digit());
        let part: u64 = n[letters.len()..].parse().unwrap_or(u64::MAX);
        (letters.len(), letters.to_string(), part, d.clone())
    };
    devs.sort_by_key(key);
    devs.dedup();
    devs
}

/// "ID 256 gen 30 top level 5 path dir/test2" → (256, 5, "dir/test2").
pub fn parse_subvolume_line(l: &str) -> Option<(u64, u64, String)> {
    let id = l.strip_prefix("ID ")?.split_whitespace().next()?.parse().ok()?;
    let tl_at = l.find(" top level ")?;
    let top = l[tl_at + 11..].split_whitespace().next()?.parse().ok()?;
    let p_at = l[tl_at..].find(" path ")? + tl_at;
    Some((id, top, l[p_at + 6..].to_string()))
}
