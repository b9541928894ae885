//! Reads what add_libvirt_dom needs from a libvirt domain XML document: the disks under
//! `<devices>` (their source, format, `<readonly/>` flag and logical block size) and the
//! SELinux `<seclabel>`. The rules of which disks count and which are skipped silently
//! follow libguestfs 1.48. Parsing is roxmltree's (no DTD, bounded node count), after a
//! size check; nothing here does I/O or talks to libvirt: secrets and storage volumes are
//! returned as references for the caller to resolve.

/// Documents larger than this are refused before parsing. Real domain XML is a few KiB;
/// libvirt itself caps RPC strings far lower than the parser could take.
pub const MAX_XML_BYTES: usize = 16 << 20;
/// Node cap handed to the parser (elements, attributes' owners, text): bounds memory.
const MAX_NODES: u32 = 1_000_000;

/// Where a disk's bytes are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `type='file'`: `<source file=…>`.
    File(String),
    /// `type='block'`: `<source dev=…>`.
    Block(String),
    /// `type='network'`: a protocol, an export name ("" when absent), `name[:port]` of
    /// each `<host>`, and the `<auth>` whose secret the caller fetches from libvirt.
    Network {
        protocol: String,
        name: String,
        servers: Vec<String>,
        auth: Option<Auth>,
    },
    /// `type='volume'`: a volume of a libvirt storage pool, resolved through libvirt.
    Volume { pool: String, volume: String },
}

/// `<auth username=…><secret type=… uuid=…|usage=…/></auth>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth {
    pub username: String,
    /// The secret's `type` attribute ("ceph", "iscsi" …).
    pub secret_type: String,
    pub secret: SecretRef,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretRef {
    Uuid(String),
    /// The libvirt usage type number (`virSecretUsageType`) and the usage string.
    Usage(i32, String),
}

/// One `<disk>` that add_libvirt_dom passes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disk {
    pub source: Source,
    /// `<driver type=…>`: the image format, when given.
    pub format: Option<String>,
    /// `<readonly/>` is present.
    pub readonly: bool,
    /// `<blockio logical_block_size=…>`, 0 when absent or not a number.
    pub blocksize: i32,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct DomainInfo {
    pub disks: Vec<Disk>,
    /// `(label, imagelabel)` of the one `<seclabel model='selinux'>` when it has both.
    pub selinux_label: Option<(String, String)>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum XmlError {
    TooLarge(usize),
    Parse(String),
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

fn child<'a, 'i, 'n>(n: Node<'a, 'i>, name: &'n str) -> impl Iterator<Item = Node<'a, 'i>> + use<'a, 'i, 'n> {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// XPath `./CHILD/@ATTR`: the attribute of the first `CHILD` element that has it.
fn child_attr<'a>(n: Node<'a, '_>, name: &str, attr: &str) -> Option<&'a str> {
    child(n, name).find_map(|c| c.attribute(attr))
}

/// `sscanf("%d")`: optional blanks and sign, then digits; 0 when there are none or the
/// number does not fit.
fn leading_int(s: &str) -> i32 {
    let t = s.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let end = digits.bytes().take_while(u8::is_ascii_digit).count();
    match digits[..end].parse::<i64>() {
        Ok(v) => i32::try_from(if neg { -v } else { v }).unwrap_or(0),
        Err(_) => 0,
    }
}

fn usage_type(secret_type: &str) -> Option<i32> {
    Some(match secret_type {
        "none" => 0,
        "volume" => 1,
        "ceph" => 2,
        "iscsi" => 3,
        _ => return None,
    })
}

fn network_source(disk: Node) -> Option<Source> {
    let protocol = child_attr(disk, "source", "protocol")?.to_string();
    let name = child_attr(disk, "source", "name").unwrap_or("").to_string();
    let auth = match child_attr(disk, "auth", "username") {
        None => None,
        Some(user) => {
            // <secret> is required once <auth username> is there; without a usable one
            // the disk is skipped, as 1.48 does.
            let secret_type = child(disk, "auth")
                .flat_map(|a| child(a, "secret"))
                .find_map(|s| s.attribute("type"))?
                .to_string();
            let attr = |a: &str| {
                child(disk, "auth")
                    .flat_map(|x| child(x, "secret"))
                    .find_map(|s| s.attribute(a))
            };
            let secret = if let Some(u) = attr("uuid") {
                SecretRef::Uuid(u.to_string())
            } else if let Some(u) = attr("usage") {
                SecretRef::Usage(usage_type(&secret_type)?, u.to_string())
            } else {
                return None;
            };
            Some(Auth {
                username: user.to_string(),
                secret_type,
                secret,
            })
        }
    };
    let servers = child(disk, "source")
        .flat_map(|s| child(s, "host"))
        .filter_map(|h| {
            let name = h.attribute("name")?;
            Some(match h.attribute("port") {
                Some(p) => format!("{name}:{p}"),
                None => name.to_string(),
            })
        })
        .collect();
    Some(Source::Network {
        protocol,
        name,
        servers,
        auth,
    })
}

fn disk_of(disk: Node) -> Option<Disk> {
    let source = match disk.attribute("type")? {
        "file" => Source::File(child_attr(disk, "source", "file")?.to_string()),
        "block" => Source::Block(child_attr(disk, "source", "dev")?.to_string()),
        "network" => network_source(disk)?,
        "volume" => Source::Volume {
            pool: child_attr(disk, "source", "pool")?.to_string(),
            volume: child_attr(disk, "source", "volume")?.to_string(),
        },
        _ => return None,
    };
    Some(Disk {
        source,
        format: child_attr(disk, "driver", "type").map(str::to_string),
        readonly: child(disk, "readonly").next().is_some(),
        blocksize: child_attr(disk, "blockio", "logical_block_size").map_or(0, leading_int),
    })
}

/// The text of an element and all its descendants, as libxml2's xmlNodeGetContent.
fn content(n: Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

fn selinux_label(root: Node) -> Option<(String, String)> {
    if root.tag_name().name() != "domain" {
        return None;
    }
    let mut labels = child(root, "seclabel").filter(|s| s.attribute("model") == Some("selinux"));
    let sl = labels.next()?;
    if labels.next().is_some() {
        return None; // more than one: 1.48 ignores them all
    }
    let label = child(sl, "label").next().map(content)?;
    let imagelabel = child(sl, "imagelabel").next().map(content)?;
    Some((label, imagelabel))
}

/// Parses a domain's XML (as `virDomainGetXMLDesc` returns it).
pub fn parse(xml: &str) -> Result<DomainInfo, XmlError> {
    if xml.len() > MAX_XML_BYTES {
        return Err(XmlError::TooLarge(xml.len()));
    }
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(|e| XmlError::Parse(e.to_string()))?;
    // XPath `//devices/disk`: the <disk> children of every <devices>, in document order.
    let disks = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "devices")
        .flat_map(|d| child(d, "disk"))
        .filter_map(disk_of)
        .collect();
    Ok(DomainInfo {
        disks,
        selinux_label: selinux_label(doc.root_element()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<domain type='qemu'>
  <name>t</name>
  <seclabel type='dynamic' model='selinux' relabel='yes'>
    <label>system_u:system_r:svirt_t:s0:c1,c2</label>
    <imagelabel>system_u:object_r:svirt_image_t:s0:c1,c2</imagelabel>
  </seclabel>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/a &amp; b.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='block' device='disk'>
      <source dev='/dev/sdz'/>
      <readonly/>
      <blockio logical_block_size=' 4096x'/>
    </disk>
    <disk type='network'>
      <driver type='raw'/>
      <source protocol='rbd' name='pool/img'>
        <host name='mon1' port='6789'/>
        <host name='mon2'/>
      </source>
      <auth username='admin'><secret type='ceph' usage='client.admin'/></auth>
    </disk>
    <disk type='network'><source protocol='nbd'><host name='h'/></source></disk>
    <disk type='volume'><source pool='default' volume='v1'/></disk>
    <disk type='file'><target dev='vdz'/></disk>
    <disk device='cdrom'><source file='/x.iso'/></disk>
    <disk type='dir'><source dir='/srv'/></disk>
    <disk type='network'><source protocol='iscsi' name='t/0'/><auth username='u'><secret type='bogus' usage='x'/></auth></disk>
  </devices>
</domain>"#;

    #[test]
    fn reads_the_disks_1_48_reads_and_skips_the_rest() {
        let d = parse(SAMPLE).unwrap();
        assert_eq!(d.disks.len(), 5, "{:#?}", d.disks);
        assert_eq!(d.disks[0].source, Source::File("/var/lib/a & b.qcow2".into()));
        assert_eq!(d.disks[0].format.as_deref(), Some("qcow2"));
        assert!(!d.disks[0].readonly);
        assert_eq!(d.disks[1].source, Source::Block("/dev/sdz".into()));
        assert!(d.disks[1].readonly);
        assert_eq!(d.disks[1].blocksize, 4096);
        assert_eq!(
            d.disks[2].source,
            Source::Network {
                protocol: "rbd".into(),
                name: "pool/img".into(),
                servers: vec!["mon1:6789".into(), "mon2".into()],
                auth: Some(Auth {
                    username: "admin".into(),
                    secret_type: "ceph".into(),
                    secret: SecretRef::Usage(2, "client.admin".into()),
                }),
            }
        );
        assert_eq!(
            d.disks[3].source,
            Source::Network {
                protocol: "nbd".into(),
                name: String::new(),
                servers: vec!["h".into()],
                auth: None
            }
        );
        assert_eq!(
            d.disks[4].source,
            Source::Volume {
                pool: "default".into(),
                volume: "v1".into()
            }
        );
        assert_eq!(
            d.selinux_label,
            Some((
                "system_u:system_r:svirt_t:s0:c1,c2".into(),
                "system_u:object_r:svirt_image_t:s0:c1,c2".into()
            ))
        );
    }

    #[test]
    fn sscanf_like_block_size() {
        assert_eq!(leading_int("512"), 512);
        assert_eq!(leading_int("  -3z"), -3);
        assert_eq!(leading_int("x"), 0);
        assert_eq!(leading_int("99999999999"), 0);
    }

    #[test]
    fn refuses_oversized_documents_and_dtds() {
        let big = format!("<domain>{}</domain>", " ".repeat(MAX_XML_BYTES));
        assert_eq!(parse(&big), Err(XmlError::TooLarge(big.len())));
        let dtd = "<!DOCTYPE d [<!ENTITY a \"aaaa\">]><domain><devices/></domain>";
        assert!(matches!(parse(dtd), Err(XmlError::Parse(_))));
        assert!(parse("").is_err());
    }

    use guestfs_guestdata::test_rng::Rng;

    const PIECES: &[&str] = &[
        "<",
        ">",
        "/>",
        "</disk>",
        "<disk type='file'>",
        "<source file='/f'/>",
        "<readonly/>",
        "&amp;",
        "&#x0;",
        "&bogus;",
        "'",
        "\"",
        "<devices>",
        "</devices>",
        "<![CDATA[x]]>",
        "<!-- c -->",
        "=",
        "<blockio logical_block_size='-2147483649'/>",
        "\u{0}",
        "\u{fffd}",
        "<?pi x?>",
    ];

    /// Mutated domain XML (bytes flipped, spliced, cut, fragments inserted, deep nesting)
    /// never panics, and every disk found satisfies what the caller relies on.
    #[test]
    fn mutated_xml_never_panics() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..4000 {
            let mut b = SAMPLE.as_bytes().to_vec();
            for _ in 0..1 + rng.below(8) {
                match rng.below(5) {
                    0 if !b.is_empty() => {
                        let i = rng.below(b.len());
                        b[i] = rng.next_u64() as u8;
                    }
                    1 if !b.is_empty() => {
                        let i = rng.below(b.len());
                        let j = (i + rng.below(64)).min(b.len());
                        b.drain(i..j);
                    }
                    2 => {
                        let i = rng.below(b.len() + 1);
                        let p = PIECES[rng.below(PIECES.len())].as_bytes();
                        b.splice(i..i, p.iter().copied());
                    }
                    3 if !b.is_empty() => {
                        let i = rng.below(b.len());
                        let j = (i + rng.below(200)).min(b.len());
                        let chunk = b[i..j].to_vec();
                        let k = rng.below(b.len() + 1);
                        b.splice(k..k, chunk);
                    }
                    _ => {
                        let depth = rng.below(3000);
                        let i = rng.below(b.len() + 1);
                        let nest = "<devices>".repeat(depth);
                        b.splice(i..i, nest.bytes());
                    }
                }
            }
            let text = String::from_utf8_lossy(&b);
            if let Ok(d) = parse(&text) {
                assert!(d.disks.len() <= text.len(), "round {round}");
                for disk in &d.disks {
                    if let Source::Network { servers, .. } = &disk.source {
                        assert!(servers.iter().all(|s| !s.is_empty() || text.contains("name=''")));
                    }
                }
            }
        }
    }
}
