//! Network drives (add_drive's `protocol` and `server` optargs): parsing server
//! strings, libguestfs 1.48's per-protocol checks, and the qemu `file=` parameter.

use crate::error::Result;
use crate::handle::drive::{Server, Transport};
use crate::Error;

pub const PROTOCOLS: &[&str] = &[
    "ftp", "ftps", "gluster", "http", "https", "iscsi", "nbd", "rbd", "sheepdog", "ssh", "tftp",
];

fn valid_hostname(s: &str) -> bool {
    (1..=255).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_alphanumeric() || b"-.:[]".contains(&c))
}

/// `host`, `host:port`, `tcp:host[:port]` or `unix:/path`.
pub fn parse_server(s: &str) -> Result<Server> {
    let (transport, rest) = if let Some(r) = s.strip_prefix("tcp:") {
        (Transport::Tcp, r)
    } else if let Some(p) = s.strip_prefix("unix:") {
        if p.is_empty() {
            return Err(Error::msg("missing Unix domain socket path"));
        }
        return Ok(Server {
            transport: Transport::Unix,
            host: p.to_string(),
            port: 0,
        });
    } else {
        (Transport::None, s)
    };
    // "(.*):(\d+)$": a trailing run of digits after the last colon is the port.
    if let Some((host, port)) = rest
        .rsplit_once(':')
        .filter(|(_, p)| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    {
        let n: i64 = port.parse().unwrap_or(0);
        if !(1..=65535).contains(&n) {
            return Err(Error::msg(format!("invalid port number \u{2018}{port}\u{2019}")));
        }
        if !valid_hostname(host) {
            return Err(Error::msg(format!("invalid hostname \u{2018}{host}\u{2019}")));
        }
        return Ok(Server {
            transport,
            host: host.to_string(),
            port: n as u16,
        });
    }
    if !valid_hostname(rest) {
        return Err(Error::msg(format!(
            "invalid hostname or server string \u{2018}{rest}\u{2019}"
        )));
    }
    Ok(Server {
        transport,
        host: rest.to_string(),
        port: 0,
    })
}

/// rbd and sheepdog: every server must be tcp with an explicit port (checked in order).
fn tcp_with_ports(p: &str, servers: &[Server]) -> Result<()> {
    for s in servers {
        if s.transport == Transport::Unix {
            return Err(Error::msg(format!("{p}: only tcp transport is supported")));
        }
        if s.port == 0 {
            return Err(Error::msg(format!("{p}: port number must be specified")));
        }
    }
    Ok(())
}

/// 1.48's checks for one network protocol; may fill in nbd's default port.
pub fn validate(
    protocol: &str,
    export: &str,
    servers: &mut [Server],
    username: Option<&str>,
    secret: Option<&str>,
) -> Result<()> {
    let e = |m: &str| Err(Error::msg(m.to_string()));
    let no_auth = |p: &str| -> Result<()> {
        if username.is_some() {
            return Err(Error::msg(format!(
                "{p}: you cannot specify a username with this protocol"
            )));
        }
        if secret.is_some() {
            return Err(Error::msg(format!(
                "{p}: you cannot specify a secret with this protocol"
            )));
        }
        Ok(())
    };
    match protocol {
        "ftp" | "ftps" | "http" | "https" | "tftp" => {
            if servers.len() != 1 {
                return e("curl: you must specify exactly one server");
            }
            if servers[0].transport == Transport::Unix {
                return e("curl: only tcp transport is supported");
            }
            if export.is_empty() {
                return e("curl: pathname should not be an empty string");
            }
            if !export.starts_with('/') {
                return e("curl: pathname must begin with a '/'");
            }
        }
        "gluster" => {
            no_auth("gluster")?;
            if servers.len() != 1 {
                return e("gluster: you must specify exactly one server");
            }
            if export.is_empty() {
                return e("gluster: volume name parameter should not be an empty string");
            }
            if export.starts_with('/') {
                return e("gluster: volume/image must not begin with a '/'");
            }
        }
        "nbd" => {
            no_auth("nbd")?;
            if servers.len() != 1 {
                return e("nbd: you must specify exactly one server");
            }
            if servers[0].port == 0 {
                servers[0].port = 10809;
            }
        }
        "rbd" => {
            tcp_with_ports("rbd", servers)?;
            if export.is_empty() {
                return e("rbd: image name parameter should not be an empty string");
            }
            if export.starts_with('/') {
                return e("rbd: image name must not begin with a '/'");
            }
        }
        "sheepdog" => {
            no_auth("sheepdog")?;
            tcp_with_ports("sheepdog", servers)?;
            if export.is_empty() {
                return e("sheepdog: volume parameter should not be an empty string");
            }
            if export.starts_with('/') {
                return e("sheepdog: volume parameter must not begin with a '/'");
            }
        }
        "ssh" => {
            if servers.len() != 1 {
                return e("ssh: you must specify exactly one server");
            }
            if servers[0].transport == Transport::Unix {
                return e("ssh: only tcp transport is supported");
            }
            if export.is_empty() {
                return e("ssh: pathname should not be an empty string");
            }
            if !export.starts_with('/') {
                return e("ssh: pathname must begin with a '/'");
            }
            if username == Some("") {
                return e("ssh: username should not be an empty string");
            }
        }
        "iscsi" => {
            if servers.len() != 1 {
                return e("iscsi: you must specify exactly one server");
            }
            if servers[0].transport == Transport::Unix {
                return e("iscsi: only tcp transport is supported");
            }
            if export.is_empty() {
                return e("iscsi: target name should not be an empty string");
            }
            if export.starts_with('/') {
                return e("iscsi: target string must not begin with a '/'");
            }
        }
        other => return Err(Error::msg(format!("unknown protocol \u{2018}{other}\u{2019}"))),
    }
    Ok(())
}

/// Percent-escapes what may not stand in a URI component (keeping `keep`).
fn escape(s: &str, keep: &str) -> String {
    let mut o = String::new();
    for c in s.bytes() {
        if c.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&c) || keep.as_bytes().contains(&c) {
            o.push(c as char);
        } else {
            o.push_str(&format!("%{c:02X}"));
        }
    }
    o
}

fn uri(scheme: &str, user: Option<&str>, secret: Option<&str>, s: &Server, path: Option<&str>) -> String {
    let mut o = format!("{scheme}://");
    match (user, secret) {
        (Some(u), Some(p)) => o.push_str(&format!("{}@", escape(&format!("{u}:{p}"), ":"))),
        (Some(u), None) => o.push_str(&format!("{}@", escape(u, ""))),
        _ => {}
    }
    if s.transport != Transport::Unix {
        o.push_str(&s.host);
        if s.port != 0 {
            o.push_str(&format!(":{}", s.port));
        }
    }
    if let Some(p) = path {
        if !p.starts_with('/') {
            o.push('/');
        }
        o.push_str(&escape(p, "/"));
    }
    if s.transport == Transport::Unix {
        o.push_str(&format!("?socket={}", s.host));
    }
    o
}

/// What qemu's `-drive file=` gets for a network drive.
pub fn qemu_param(
    protocol: &str,
    export: &str,
    servers: &[Server],
    user: Option<&str>,
    secret: Option<&str>,
) -> String {
    let s0 = servers.first().cloned().unwrap_or(Server {
        transport: Transport::None,
        host: String::new(),
        port: 0,
    });
    match protocol {
        "gluster" => match s0.transport {
            Transport::None => uri("gluster", None, None, &s0, Some(export)),
            Transport::Tcp => uri("gluster+tcp", None, None, &s0, Some(export)),
            Transport::Unix => uri("gluster+unix", None, None, &s0, None),
        },
        "iscsi" => {
            let auth = match (user, secret) {
                (Some(u), Some(p)) => format!("{u}%{p}@"),
                _ => String::new(),
            };
            let port = if s0.port != 0 {
                format!(":{}", s0.port)
            } else {
                String::new()
            };
            format!("iscsi://{auth}{}{port}/{}", escape(&s0.host, ""), escape(export, "/"))
        }
        "nbd" => {
            let p = match s0.transport {
                Transport::Unix => format!("nbd:unix:{}", s0.host),
                _ => format!("nbd:{}:{}", s0.host, s0.port),
            };
            if export.is_empty() {
                p
            } else {
                format!("{p}:exportname={export}")
            }
        }
        "rbd" => {
            let hosts: Vec<String> = servers
                .iter()
                .map(|s| format!("{}\\:{}", s.host.replace(':', "\\:"), s.port))
                .collect();
            let mon = if servers.is_empty() {
                String::new()
            } else {
                format!(":mon_host={}", hosts.join("\\;"))
            };
            let id = user.map(|u| format!(":id={u}")).unwrap_or_default();
            let key = secret.map(|k| format!(":key={k}")).unwrap_or_default();
            let auth = if user.is_some() || secret.is_some() {
                ":auth_supported=cephx\\;none"
            } else {
                ":auth_supported=none"
            };
            format!("rbd:{export}{mon}{id}{auth}{key}")
        }
        "sheepdog" => {
            if servers.is_empty() {
                format!("sheepdog:{export}")
            } else {
                format!("sheepdog:{}:{}:{export}", s0.host, s0.port)
            }
        }
        p => uri(p, user, secret, &s0, Some(export)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_parse_like_1_48() {
        let s = parse_server("example.com:10809").unwrap();
        assert_eq!((s.host.as_str(), s.port), ("example.com", 10809));
        assert_eq!(parse_server("unix:/tmp/s").unwrap().transport, Transport::Unix);
        assert!(parse_server("unix:").is_err());
        assert!(parse_server("h:70000").is_err());
        assert!(parse_server("bad host").is_err());
    }

    #[test]
    fn qemu_params() {
        let mut s = vec![parse_server("localhost").unwrap()];
        validate("nbd", "", &mut s, None, None).unwrap();
        assert_eq!(qemu_param("nbd", "", &s, None, None), "nbd:localhost:10809");
        assert_eq!(
            qemu_param("nbd", "disk", &s, None, None),
            "nbd:localhost:10809:exportname=disk"
        );
        let s = vec![parse_server("h:80").unwrap()];
        assert_eq!(qemu_param("http", "/x.img", &s, None, None), "http://h:80/x.img");
    }
}
