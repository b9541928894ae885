//! Package databases of dpkg, apk and pacman guests, read into application records as
//! 1.48 reports them (epoch, version and release split as 1.48 splits them). The caller
//! bounds the input (the library downloads each database with a size cap); parsing is
//! line by line, linear in the input.

/// One application2 record; fields not listed are empty strings.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct App {
    pub name: String,
    pub display_name: String,
    pub epoch: i32,
    pub version: String,
    pub release: String,
    pub arch: String,
    pub install_path: String,
    pub publisher: String,
    pub url: String,
    pub source: String,
    pub summary: String,
    pub description: String,
}

/// libguestfs's parse_unsigned_int: decimal digits only, else -1.
fn parse_epoch(s: &str) -> i32 {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return -1;
    }
    s.parse().unwrap_or(-1)
}

/// `[epoch:]version[-release]`, split at the first ':' and then the first '-'.
fn split_version(v: &str) -> (i32, String, Option<String>) {
    let (epoch, rest) = match v.split_once(':') {
        Some((e, r)) => (parse_epoch(e), r),
        None => (0, v),
    };
    match rest.split_once('-') {
        Some((ver, rel)) => (epoch, ver.to_string(), Some(rel.to_string())),
        None => (epoch, rest.to_string(), None),
    }
}

/// Lines as C's fgets with a 1024-byte buffer hands them out: at most 1023 bytes each,
/// so longer lines come in pieces (1.48 reads dpkg's status that way).
fn fgets_lines(data: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let n = rest
            .iter()
            .take(1023)
            .position(|&b| b == b'\n')
            .map(|i| i + 1)
            .unwrap_or(rest.len().min(1023));
        let piece = &rest[..n];
        rest = &rest[n..];
        let piece = piece.strip_suffix(b"\n").unwrap_or(piece);
        out.push(String::from_utf8_lossy(piece).into_owned());
    }
    out
}

/// /var/lib/dpkg/status: one stanza a package, ended by a blank line; only installed
/// packages count. Description continuation lines join the description with '\n'.
pub fn parse_dpkg_status(data: &[u8]) -> Vec<App> {
    let mut apps = Vec::new();
    let mut cur = App::default();
    let (mut name, mut version): (Option<String>, Option<String>) = (None, None);
    let mut release: Option<String> = None;
    let mut installed = false;
    let mut description: Option<String> = None;
    let mut in_description = false;
    for line in fgets_lines(data) {
        if line.starts_with(' ') && in_description {
            let more = &line[1..];
            match &mut description {
                None => description = Some(more.to_string()),
                Some(d) => {
                    d.push('\n');
                    d.push_str(more);
                }
            }
        } else {
            in_description = false;
        }
        if let Some(v) = line.strip_prefix("Package: ") {
            name = Some(v.to_string());
        } else if let Some(v) = line.strip_prefix("Status: ") {
            installed = v.contains("installed");
        } else if let Some(v) = line.strip_prefix("Version: ") {
            let (e, ver, rel) = split_version(v);
            cur.epoch = e;
            version = Some(ver);
            release = rel;
        } else if let Some(v) = line.strip_prefix("Architecture: ") {
            cur.arch = v.to_string();
        } else if let Some(v) = line.strip_prefix("Homepage: ") {
            cur.url = v.to_string();
        } else if let Some(v) = line.strip_prefix("Source: ") {
            cur.source = v.split(' ').next().unwrap_or("").to_string();
        } else if let Some(v) = line.strip_prefix("Description: ") {
            cur.summary = v.to_string();
            in_description = true;
        } else if line.is_empty() {
            if let (true, Some(n), Some(v), true) = (installed, &name, &version, cur.epoch >= 0) {
                apps.push(App {
                    name: n.clone(),
                    version: v.clone(),
                    release: release.clone().unwrap_or_default(),
                    description: description.clone().unwrap_or_default(),
                    ..cur.clone()
                });
            }
            // The epoch carries over, as in 1.48 (every stanza sets it again anyway).
            cur = App {
                epoch: cur.epoch,
                ..App::default()
            };
            (name, version, release, description) = (None, None, None, None);
            installed = false;
        }
    }
    apps
}

/// /lib/apk/db/installed: `X:value` lines, stanzas ended by a blank line.
pub fn parse_apk_installed(data: &[u8]) -> Vec<App> {
    let text = String::from_utf8_lossy(data);
    let mut apps = Vec::new();
    let mut cur = App::default();
    let (mut name, mut version): (Option<String>, Option<String>) = (None, None);
    let mut epoch = 0;
    for line in text.split('\n') {
        let b = line.as_bytes();
        if b.len() > 1 && b[1] != b':' {
            continue;
        }
        let val = line.get(2..).unwrap_or("");
        match b.first() {
            None => {
                if let (Some(n), Some(v), true) = (&name, &version, epoch >= 0) {
                    apps.push(App {
                        name: n.clone(),
                        version: v.clone(),
                        epoch,
                        ..cur.clone()
                    });
                }
                cur = App::default();
                (name, version) = (None, None);
            }
            Some(b'A') => cur.arch = val.to_string(),
            Some(b'P') => name = Some(val.to_string()),
            Some(b'T') => cur.description = val.to_string(),
            Some(b'U') => cur.url = val.to_string(),
            Some(b'V') => {
                let (e, ver, rel) = split_version(val);
                epoch = e;
                version = Some(ver);
                // apk revisions are written r<N>.
                cur.release = rel
                    .map(|r| r.strip_prefix('r').unwrap_or(&r).to_string())
                    .unwrap_or_default();
            }
            _ => {}
        }
    }
    apps
}

/// One pacman `desc` file: `%KEY%` lines, each followed by its value.
pub fn parse_pacman_desc(text: &str) -> Option<App> {
    let (mut name, mut version, mut desc, mut url, mut arch) = (None, None, None, None, None);
    let mut key: Option<&str> = None;
    for line in text.split('\n') {
        if line.is_empty() {
            key = None;
            continue;
        }
        if let Some(k) = key.take() {
            let v = Some(line.to_string());
            match k {
                "%NAME%" => name = v,
                "%VERSION%" => version = v,
                "%DESC%" => desc = v,
                "%URL%" => url = v,
                _ => arch = v,
            }
            continue;
        }
        key = ["%NAME%", "%VERSION%", "%DESC%", "%URL%", "%ARCH%"]
            .into_iter()
            .find(|k| *k == line);
    }
    let (name, version, arch) = (name?, version?, arch?);
    let (epoch, ver, rel) = split_version(&version);
    let rel = rel?;
    if epoch < 0 || ver.is_empty() || rel.is_empty() {
        return None;
    }
    Some(App {
        name,
        epoch,
        version: ver,
        release: rel,
        arch,
        url: url.unwrap_or_default(),
        description: desc.unwrap_or_default(),
        ..App::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpkg_status() {
        let t = b"Package: a\nStatus: install ok installed\nVersion: 1:2.3-4-5\nArchitecture: amd64\n\
Source: asrc (1.0)\nDescription: short\n long one\n .\n end\nHomepage: http://x/\n\n\
Package: b\nStatus: deinstall ok config-files\nVersion: 1\n\nPackage: c\nStatus: install ok installed\nVersion: 7\n";
        let a = parse_dpkg_status(t);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].epoch, a[0].version.as_str(), a[0].release.as_str()),
            (1, "2.3", "4-5")
        );
        assert_eq!(a[0].source, "asrc");
        assert_eq!(a[0].summary, "short");
        assert_eq!(a[0].description, "long one\n.\nend");
        assert_eq!(a[0].url, "http://x/");
    }

    #[test]
    fn fgets_splits_long_lines() {
        let mut v = vec![b'x'; 1023];
        v.extend_from_slice(b"\nab\n");
        let l = fgets_lines(&v);
        assert_eq!(l.len(), 3);
        assert_eq!(l[1], "");
        assert_eq!(l[2], "ab");
    }

    #[test]
    fn pacman_desc() {
        let desc = "%NAME%\ntest-package\n\n%VERSION%\n1:0.1-1\n\n%ARCH%\nx86_64\n\n%DESC%\nd\n";
        let a = parse_pacman_desc(desc).unwrap();
        assert_eq!(
            (a.name.as_str(), a.epoch, a.version.as_str(), a.release.as_str()),
            ("test-package", 1, "0.1", "1")
        );
        assert!(parse_pacman_desc("%NAME%\nx\n\n%VERSION%\n0.1\n\n%ARCH%\nany\n").is_none());
    }

    #[test]
    fn apk_installed() {
        let a = parse_apk_installed(b"P:musl\nV:1.2.3-r4\nA:x86_64\nT:libc\nU:http://m/\n\nP:x\n");
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].version.as_str(), a[0].release.as_str()), ("1.2.3", "4"));
    }
}
