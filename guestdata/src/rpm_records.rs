//! The records the librpm child sends its parent over a pipe. The child parses hostile
//! bytes with a C library, so the parent trusts nothing it reads: every length is checked
//! against what is left, and the whole stream is bounded by the parent before decoding.
//!
//! Stream: records, each one tag byte then its body; integers big-endian.
//! * `P` a package: epoch (i32), then name, version, release, arch, url, summary,
//!   description, each a u32 length and that many bytes;
//! * `E` the child's failure: a u32 length and the message (the last record);
//! * `Z` the end of a complete list: the number of packages sent (u32).

/// The fields of one installed package that application2 carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    pub name: Vec<u8>,
    pub epoch: i32,
    pub version: Vec<u8>,
    pub release: Vec<u8>,
    pub arch: Vec<u8>,
    pub url: Vec<u8>,
    pub summary: Vec<u8>,
    pub description: Vec<u8>,
}

const TAG_PACKAGE: u8 = b'P';
const TAG_ERROR: u8 = b'E';
const TAG_END: u8 = b'Z';

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    // Fields are at most a header's size (librpm caps headers at 256 MiB), so they fit.
    out.extend_from_slice(&(b.len() as u32).to_be_bytes());
    out.extend_from_slice(b);
}

pub fn encode_package(out: &mut Vec<u8>, p: &Package) {
    out.push(TAG_PACKAGE);
    out.extend_from_slice(&p.epoch.to_be_bytes());
    for f in [
        &p.name,
        &p.version,
        &p.release,
        &p.arch,
        &p.url,
        &p.summary,
        &p.description,
    ] {
        put_bytes(out, f);
    }
}

pub fn encode_error(out: &mut Vec<u8>, msg: &str) {
    out.push(TAG_ERROR);
    put_bytes(out, msg.as_bytes());
}

pub fn encode_end(out: &mut Vec<u8>, count: usize) {
    out.push(TAG_END);
    out.extend_from_slice(&(count.min(u32::MAX as usize) as u32).to_be_bytes());
}

/// What a whole stream said.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every package, and the end record agreed with their number.
    Complete(Vec<Package>),
    /// The child reported this failure.
    Failed(String),
    /// The stream stopped early or was malformed (the child died, or was killed).
    Broken(&'static str),
}

struct Reader<'a> {
    buf: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.buf.len() {
            return None;
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Some(a)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn bytes(&mut self) -> Option<Vec<u8>> {
        let n = self.u32()? as usize;
        self.take(n).map(<[u8]>::to_vec)
    }
    fn package(&mut self) -> Option<Package> {
        let epoch = self.u32()? as i32;
        Some(Package {
            epoch,
            name: self.bytes()?,
            version: self.bytes()?,
            release: self.bytes()?,
            arch: self.bytes()?,
            url: self.bytes()?,
            summary: self.bytes()?,
            description: self.bytes()?,
        })
    }
}

/// Decodes a whole stream. Linear in its length; allocates at most its length again.
pub fn decode(buf: &[u8]) -> Outcome {
    let mut r = Reader { buf };
    let mut packages = Vec::new();
    loop {
        let Some(tag) = r.take(1).map(|t| t[0]) else {
            return Outcome::Broken("the librpm process stopped before the end of the list");
        };
        match tag {
            TAG_PACKAGE => match r.package() {
                Some(p) => packages.push(p),
                None => return Outcome::Broken("truncated package record from the librpm process"),
            },
            TAG_ERROR => {
                return match r.bytes() {
                    Some(m) => Outcome::Failed(String::from_utf8_lossy(&m).into_owned()),
                    None => Outcome::Broken("truncated error record from the librpm process"),
                }
            }
            TAG_END => {
                return match r.u32() {
                    Some(n) if n as usize == packages.len() && r.buf.is_empty() => Outcome::Complete(packages),
                    _ => Outcome::Broken("bad end record from the librpm process"),
                }
            }
            _ => return Outcome::Broken("unknown record from the librpm process"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(i: u32) -> Package {
        Package {
            name: format!("pkg{i}").into_bytes(),
            epoch: i as i32 - 1,
            version: b"1.0".to_vec(),
            release: b"1.fc36".to_vec(),
            arch: b"noarch".to_vec(),
            url: b"https://example.org/".to_vec(),
            summary: vec![b's'; i as usize],
            description: b"line 1\nline 2\0with nul".to_vec(),
        }
    }

    #[test]
    fn round_trip() {
        let mut buf = Vec::new();
        let pkgs: Vec<Package> = (0..20).map(pkg).collect();
        for p in &pkgs {
            encode_package(&mut buf, p);
        }
        encode_end(&mut buf, pkgs.len());
        assert_eq!(decode(&buf), Outcome::Complete(pkgs));
    }

    #[test]
    fn error_and_empty() {
        let mut buf = Vec::new();
        encode_error(&mut buf, "rpmtsInitIterator");
        assert_eq!(decode(&buf), Outcome::Failed("rpmtsInitIterator".into()));
        let mut buf = Vec::new();
        encode_end(&mut buf, 0);
        assert_eq!(decode(&buf), Outcome::Complete(Vec::new()));
        assert!(matches!(decode(&[]), Outcome::Broken(_)));
    }

    #[test]
    fn every_truncation_is_broken_or_failed() {
        let mut buf = Vec::new();
        for i in 0..3 {
            encode_package(&mut buf, &pkg(i));
        }
        encode_end(&mut buf, 3);
        for n in 0..buf.len() {
            assert!(matches!(decode(&buf[..n]), Outcome::Broken(_)), "prefix {n}");
        }
    }

    /// Property test: random and mutated streams never panic, and a decoded list never
    /// holds more bytes than the stream had.
    #[test]
    fn random_and_mutated_streams() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut good = Vec::new();
        for i in 0..5 {
            encode_package(&mut good, &pkg(i));
        }
        encode_end(&mut good, 5);
        for round in 0..5000 {
            let mut buf = if round % 2 == 0 {
                let mut b = good.clone();
                for _ in 0..1 + rnd() % 4 {
                    let at = (rnd() as usize) % b.len();
                    b[at] = rnd() as u8;
                }
                b
            } else {
                let len = (rnd() % 200) as usize;
                (0..len)
                    .map(|_| [b'P', b'E', b'Z', 0, 0xff][(rnd() % 5) as usize])
                    .collect()
            };
            if round % 7 == 0 {
                let cut = (rnd() as usize) % (buf.len() + 1);
                buf.truncate(cut);
            }
            if let Outcome::Complete(p) = decode(&buf) {
                let total: usize = p
                    .iter()
                    .map(|p| p.name.len() + p.description.len() + p.summary.len())
                    .sum();
                assert!(total <= buf.len());
            }
        }
    }
}
