//! /etc/fstab and mdadm.conf text as inspection reads it: fstab entries (whitespace-separated
//! fields, `#` comments, options split at commas), md array UUIDs in any of mdadm's
//! spellings, and mdadm.conf's ARRAY lines. Linear in the input; no allocation beyond
//! what the input's fields need.

/// One fstab line's fields that inspection uses.
#[derive(Debug, PartialEq)]
pub struct Entry {
    pub spec: String,
    pub file: String,
    pub vfstype: String,
    pub opts: Vec<(String, Option<String>)>,
}

/// Parse fstab text: whitespace-separated fields, '#' comments; lines with fewer than
/// three fields are skipped.
pub fn parse(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 3 {
            continue;
        }
        let opts = f
            .get(3)
            .map(|o| {
                o.split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| match s.split_once('=') {
                        Some((k, v)) => (k.to_string(), Some(v.to_string())),
                        None => (s.to_string(), None),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push(Entry {
            spec: f[0].to_string(),
            file: f[1].to_string(),
            vfstype: f[2].to_string(),
            opts,
        });
    }
    out
}

/// Collapse repeated slashes and drop a trailing one (`//usr/` → `/usr`).
pub fn canonical_path(p: &str) -> String {
    let parts: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    let lead = if p.starts_with('/') { "/" } else { "" };
    format!("{lead}{}", parts.join("/"))
}

/// An md array UUID in any of mdadm's spellings → 32 lowercase hex digits.
pub fn parse_md_uuid(s: &str) -> Option<String> {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_hexdigit() {
            out.push(c.to_ascii_lowercase());
        } else if !matches!(c, ':' | '.' | ' ' | '-') {
            return None;
        }
    }
    (out.len() == 32).then_some(out)
}

/// `ARRAY <device> … uuid=<uuid> …` lines of mdadm.conf → (device, parsed uuid).
pub fn mdadm_arrays(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("ARRAY")) {
            continue;
        }
        let mut dev = None;
        let mut uuid = None;
        for w in words {
            match w.split_once('=') {
                Some((k, v)) if k.eq_ignore_ascii_case("uuid") => uuid = parse_md_uuid(v),
                None if dev.is_none() => dev = Some(w.to_string()),
                _ => {}
            }
        }
        if let (Some(dv), Some(u)) = (dev, uuid) {
            out.push((dv, u));
        }
    }
    out
}
