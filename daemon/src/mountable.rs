//! Mountable strings: a device, or `btrfsvol:<device>/<subvolume>`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mountable {
    Device(String),
    BtrfsVol {
        device: String,
        volume: String,
    },
    /// A path (only for mountable_or_path arguments).
    Path(String),
}

impl Mountable {
    /// Parse an already-translated mountable string.
    pub fn parse(s: &str) -> Mountable {
        if let Some(rest) = s.strip_prefix("btrfsvol:") {
            if let Some((dev, vol)) = split_btrfsvol(rest, |_| true) {
                return Mountable::BtrfsVol {
                    device: dev,
                    volume: vol,
                };
            }
        }
        if s.starts_with("/dev/") || !s.starts_with('/') {
            Mountable::Device(s.to_string())
        } else {
            Mountable::Path(s.to_string())
        }
    }

    /// The device (or path) to hand to tools such as blkid and mount.
    pub fn device(&self) -> &str {
        match self {
            Mountable::Device(d) | Mountable::Path(d) => d,
            Mountable::BtrfsVol { device, .. } => device,
        }
    }
}

/// Split `/dev/sda1/sub/vol` into device and volume. The device is the shortest prefix
/// `/dev/<x>[/<y>…]` that `is_device` accepts (so `/dev/VG/LV/sub` works too).
pub fn split_btrfsvol(s: &str, is_device: impl Fn(&str) -> bool) -> Option<(String, String)> {
    let rest = s.strip_prefix("/dev/")?;
    let mut from = 0;
    while let Some(i) = rest[from..].find('/') {
        let cut = 5 + from + i;
        let (dev, vol) = (&s[..cut], &s[cut + 1..]);
        if !vol.is_empty() && is_device(dev) {
            return Some((dev.to_string(), vol.to_string()));
        }
        from += i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_btrfsvol() {
        assert_eq!(
            Mountable::parse("btrfsvol:/dev/sda1/a/b"),
            Mountable::BtrfsVol {
                device: "/dev/sda1".into(),
                volume: "a/b".into()
            }
        );
        assert_eq!(Mountable::parse("/dev/sda1"), Mountable::Device("/dev/sda1".into()));
        let lv = split_btrfsvol("/dev/VG/LV/sub", |d| d == "/dev/VG/LV").unwrap();
        assert_eq!(lv, ("/dev/VG/LV".to_string(), "sub".to_string()));
        assert_eq!(split_btrfsvol("/dev/sda1", |_| true), None);
    }
}
