//! add_domain and add_libvirt_dom: the disks of a libvirt domain become drives of the
//! handle, read from the domain's XML as libguestfs 1.48 reads it (`xml.rs`), with
//! libvirt reached through `ffi.rs`. Either every disk of the domain is added or none.

mod ffi;
pub mod xml;

use super::generated::opts::{AddDomainOpts, AddDriveOpts, AddLibvirtDomOpts};
use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::{RetValue, Value};
use std::ffi::c_void;
use xml::{SecretRef, Source};

const LIVE_REMOVED: &str = "libguestfs live support was removed in libguestfs 1.48";

/// What to do with a disk the XML marks `<readonly/>` (the `readonlydisk` optarg).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadonlyDisk {
    Error,
    Read,
    Write,
    Ignore,
}

impl ReadonlyDisk {
    fn parse(s: Option<&str>) -> Result<ReadonlyDisk> {
        Ok(match s {
            None | Some("write") => ReadonlyDisk::Write, // 1.48's default, for compatibility
            Some("error") => ReadonlyDisk::Error,
            Some("read") => ReadonlyDisk::Read,
            Some("ignore") => ReadonlyDisk::Ignore,
            Some(_) => return Err(Error::msg("unknown readonlydisk parameter")),
        })
    }

    /// For a disk marked `<readonly/>` when the caller asked for `readonly` access:
    /// `Some(add read-only?)`, `None` to skip it; `Err` for mode `error` with write access.
    fn decide(self, readonly: bool, filename: &str) -> Result<Option<bool>> {
        match (self, readonly) {
            (ReadonlyDisk::Ignore, _) => Ok(None),
            (_, true) | (ReadonlyDisk::Read, false) => Ok(Some(true)),
            (ReadonlyDisk::Write, false) => Ok(Some(false)),
            (ReadonlyDisk::Error, false) => Err(Error::msg(format!(
                "{filename}: disk is marked <readonly/> in libvirt XML, and readonlydisk was set to \"error\""
            ))),
        }
    }
}

fn s(v: &str) -> Value {
    Value::Str(v.as_bytes().to_vec())
}

/// Finds the domain (by UUID first when `allowuuid`, then by name) and adds its disks
/// through add_libvirt_dom.
pub fn add_domain(h: &Core, dom: &str, o: AddDomainOpts) -> Result<i32> {
    if o.live.unwrap_or(false) {
        return Err(Error::msg(LIVE_REMOVED));
    }
    let uri = o.libvirturi.as_deref();
    let conn = open_connection(h, uri).map_err(|e| match e {
        Ok(e) => Error::msg(format!(
            "could not connect to libvirt (code {}, domain {}): {}",
            e.code, e.domain, e.message
        )),
        Err(load) => Error::with_errno(libc::ENOTSUP, format!("add_domain: {load}")),
    })?;
    conn.silence_errors();
    let by_uuid = if o.allowuuid.unwrap_or(false) {
        conn.domain_by_uuid(dom).ok()
    } else {
        None
    };
    let domain = match by_uuid {
        Some(d) => d,
        None => conn
            .domain_by_name(dom)
            .map_err(|e| Error::msg(format!("no libvirt domain called \u{2018}{dom}\u{2019}: {}", e.message)))?,
    };
    let o2 = AddLibvirtDomOpts {
        readonly: o.readonly.filter(|r| *r),
        iface: o.iface,
        live: None,
        readonlydisk: o.readonlydisk,
        cachemode: o.cachemode,
        discard: o.discard,
        copyonread: o.copyonread.filter(|c| *c),
    };
    // Through the public path, as 1.48 calls guestfs_add_libvirt_dom_argv (traced).
    let r = super::nested_opt(
        h,
        "add_libvirt_dom",
        &[Value::Int64(domain.as_ptr() as i64)],
        &o2.into_optargs(),
    );
    match r? {
        RetValue::Int(n) => Ok(n),
        other => Err(Error::msg(format!("add_libvirt_dom: unexpected result {other:?}"))),
    }
}

/// Opens a libvirt connection as 1.48 does: through the caller's LIBVIRT_AUTH event
/// handler when it registered one and called set_libvirt_supported_credentials, through
/// libvirt's default callbacks otherwise.
fn open_connection(
    h: &Core,
    uri: Option<&str>,
) -> std::result::Result<ffi::Conn, std::result::Result<ffi::LvError, String>> {
    let (credtypes, has_handler) = {
        let l = h.lock();
        let i = l.inner();
        let has = i
            .events
            .slots
            .iter()
            .any(|r| r.bitmask & crate::handle::events::EVENT_LIBVIRT_AUTH != 0);
        (i.libvirt_credentials.clone(), has)
    };
    let custom = !credtypes.is_empty() && has_handler;
    h.debug(&format!(
        "opening libvirt handle: URI = {}, auth = {}, flags = 0",
        uri.unwrap_or("NULL"),
        if custom { "custom" } else { "default+wrapper" }
    ));
    let uri_text = uri.unwrap_or("").to_string();
    let mut handler = || h.emit(crate::handle::events::EVENT_LIBVIRT_AUTH, uri_text.as_bytes(), &[]);
    let auth = if custom {
        ffi::Auth::Custom {
            credtypes,
            handler: &mut handler,
        }
    } else {
        ffi::Auth::Default
    };
    let conn = ffi::Conn::open(uri, auth)?;
    h.debug(&format!("successfully opened libvirt handle: conn = {:p}", conn.addr()));
    Ok(conn)
}

/// Adds the disks of the caller's `virDomainPtr`.
pub fn add_libvirt_dom(h: &Core, dom: *mut c_void, o: AddLibvirtDomOpts) -> Result<i32> {
    let readonly = o.readonly.unwrap_or(false);
    let mode = ReadonlyDisk::parse(o.readonlydisk.as_deref())?;
    if o.live.unwrap_or(false) {
        return Err(Error::msg(LIVE_REMOVED));
    }
    let domain = ffi::Domain::from_caller(dom);
    if !readonly {
        let off = domain
            .is_shut_off()
            .map_err(|e| Error::msg(format!("error getting domain info: {}", e.message)))?;
        if !off {
            // Writing to the disks of a running VM would corrupt them.
            return Err(Error::msg(
                "error: domain is a live virtual machine.\n\
                 Writing to the disks of a running virtual machine can cause disk corruption.\n\
                 Use read-only access.  In most libguestfs tools use --ro.",
            ));
        }
    }
    let text = domain
        .xml()
        .map_err(|e| Error::msg(format!("error reading libvirt XML information: {}", e.message)))?;
    h.debug(&format!("original domain XML:\n{text}"));
    let info = xml::parse(&text).map_err(|e| {
        h.debug(&format!("domain XML: {e:?}"));
        Error::msg("unable to parse XML information returned by libvirt")
    })?;
    // The SELinux labels go to the (libvirt) backend's settings before the disks, as 1.48.
    match &info.selinux_label {
        Some((label, imagelabel)) => {
            for (k, v) in [
                ("internal_libvirt_label", label.as_str()),
                ("internal_libvirt_imagelabel", imagelabel.as_str()),
                ("internal_libvirt_norelabel_disks", "1"),
            ] {
                super::nested(h, "set_backend_setting", &[s(k), s(v)])?;
            }
        }
        None => {
            super::nested(h, "clear_backend_setting", &[s("internal_libvirt_norelabel_disks")])?;
        }
    }
    let base = AddDriveOpts {
        iface: o.iface,
        cachemode: o.cachemode,
        discard: o.discard,
        copyonread: o.copyonread.filter(|c| *c),
        ..Default::default()
    };
    let checkpoint = h.lock().inner().drives.len();
    let conn = domain.connection();
    let r = add_disks(h, conn.as_ref(), &info.disks, readonly, mode, &base);
    if r.is_err() {
        rollback(h, checkpoint);
    }
    r
}

/// Adds every disk; the count includes disks `readonlydisk=ignore` skipped, as 1.48's.
fn add_disks(
    h: &Core,
    conn: Option<&ffi::Conn>,
    disks: &[xml::Disk],
    readonly: bool,
    mode: ReadonlyDisk,
    base: &AddDriveOpts,
) -> Result<i32> {
    let mut added = 0i32;
    for (i, d) in disks.iter().enumerate() {
        let mut o = base.clone();
        let filename = match &d.source {
            Source::File(f) | Source::Block(f) => f.clone(),
            Source::Volume { pool, volume } => {
                h.debug(&format!("disk[{i}]: pool: {pool}; volume: {volume}"));
                match conn.map(|c| c.volume_path(pool, volume)) {
                    Some(Ok(Some(p))) => p,
                    Some(Ok(None)) | None => continue,
                    Some(Err(m)) => {
                        // 1.48 reports the error and goes on with the next disk.
                        h.report(&Error::msg(m));
                        continue;
                    }
                }
            }
            Source::Network {
                protocol,
                name,
                servers,
                auth,
            } => {
                h.debug(&format!("disk[{i}]: network device, protocol: {protocol}"));
                if let Some(a) = auth {
                    match secret(h, conn, a) {
                        Some(v) => {
                            o.username = Some(a.username.clone());
                            o.secret = Some(v);
                        }
                        None => continue,
                    }
                }
                o.protocol = Some(protocol.clone());
                o.server = Some(servers.clone());
                name.clone()
            }
        };
        h.debug(&format!("disk[{i}]: filename: {filename}"));
        added += 1;
        let ro = if d.readonly {
            match mode.decide(readonly, &filename)? {
                Some(ro) => ro,
                None => continue,
            }
        } else {
            readonly
        };
        o.readonly = Some(ro);
        o.format = d.format.clone();
        if d.blocksize != 0 {
            o.blocksize = Some(d.blocksize);
        }
        super::nested_opt(h, "add_drive", &[s(&filename)], &o.into_optargs())?;
    }
    if added == 0 {
        return Err(Error::msg("libvirt domain has no disks"));
    }
    Ok(added)
}

/// The secret of a network disk's `<auth>`, from libvirt: ceph keys base64-encoded, others
/// as text. `None` (the error reported, as 1.48 does) skips the disk.
fn secret(h: &Core, conn: Option<&ffi::Conn>, a: &xml::Auth) -> Option<String> {
    let conn = conn?;
    let (r, what) = match &a.secret {
        SecretRef::Uuid(u) => (conn.secret_by_uuid(u), format!("with UUID \u{2018}{u}\u{2019}")),
        SecretRef::Usage(t, u) => (conn.secret_by_usage(*t, u), format!("for usage \u{2018}{u}\u{2019}")),
    };
    match r {
        Ok(v) if !v.is_empty() => Some(if a.secret_type == "ceph" {
            base64(&v)
        } else {
            String::from_utf8_lossy(&v).into_owned()
        }),
        Ok(_) => None,
        Err((found, e)) => {
            let msg = if found {
                format!("cannot get the value of the secret {what}: {}", e.message)
            } else {
                format!("no secret {what}: {}", e.message)
            };
            h.report(&Error::msg(msg));
            None
        }
    }
}

/// Standard base64 with padding (RFC 4648), as rbd wants its key.
fn base64(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::with_capacity(b.len().div_ceil(3) * 4);
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= c.len() {
                o.push(A[(n >> shift & 63) as usize] as char);
            } else {
                o.push('=');
            }
        }
    }
    o
}

/// Drops the drives added after `checkpoint`, with the overlays made for them, so a
/// failed call leaves the handle as it found it.
fn rollback(h: &Core, checkpoint: usize) {
    let removed: Vec<_> = {
        let l = h.lock();
        let drives = &mut l.inner().drives;
        if drives.len() <= checkpoint {
            return;
        }
        drives.drain(checkpoint..).collect()
    };
    for d in removed {
        if let Some(ov) = d.overlay {
            let _ = std::fs::remove_file(ov);
        }
    }
}

/// libvirt's credential types (VIR_CRED_USERNAME = 1 …) by the names the API uses.
const CREDENTIAL_TYPES: &[(&str, i32)] = &[
    ("username", 1),
    ("authname", 2),
    ("language", 3),
    ("cnonce", 4),
    ("passphrase", 5),
    ("echoprompt", 6),
    ("noechoprompt", 7),
    ("realm", 8),
    ("external", 9),
];

pub fn set_libvirt_supported_credentials(h: &Core, creds: &[String]) -> Result<()> {
    let mut types = Vec::with_capacity(creds.len());
    for c in creds {
        let t = CREDENTIAL_TYPES
            .iter()
            .find(|(n, _)| n == c)
            .map(|(_, t)| *t)
            .ok_or_else(|| Error::msg(format!("unknown credential type \u{2018}{c}\u{2019}")))?;
        if types.len() >= CREDENTIAL_TYPES.len() {
            return Err(Error::msg("list of supported credentials is too long"));
        }
        types.push(t);
    }
    h.lock().inner().libvirt_credentials = types;
    Ok(())
}

/// The credentials libvirt asks for, while the LIBVIRT_AUTH handler runs.
fn requested(name: &str) -> Result<Vec<ffi::Requested>> {
    ffi::requested().filter(|r| !r.is_empty()).ok_or_else(|| {
        Error::msg(format!(
            "guestfs_impl_{name} should only be called from within the GUESTFS_EVENT_LIBVIRT_AUTH event handler"
        ))
    })
}

fn requested_one(name: &str, index: i32) -> Result<ffi::Requested> {
    let mut r = requested(name)?;
    if index < 0 || index as usize >= r.len() {
        return Err(Error::msg("credential index out of range"));
    }
    Ok(r.swap_remove(index as usize))
}

pub fn get_libvirt_requested_credentials(_h: &Core) -> Result<Vec<String>> {
    Ok(requested("get_libvirt_requested_credentials")?
        .iter()
        .map(|c| {
            CREDENTIAL_TYPES
                .iter()
                .find(|(_, t)| *t == c.kind)
                .map_or_else(String::new, |(n, _)| n.to_string())
        })
        .collect())
}

pub fn get_libvirt_requested_credential_prompt(_h: &Core, index: i32) -> Result<String> {
    Ok(requested_one("get_libvirt_requested_credential_prompt", index)?.prompt)
}

pub fn get_libvirt_requested_credential_challenge(_h: &Core, index: i32) -> Result<String> {
    Ok(requested_one("get_libvirt_requested_credential_challenge", index)?.challenge)
}

pub fn get_libvirt_requested_credential_defresult(_h: &Core, index: i32) -> Result<String> {
    Ok(requested_one("get_libvirt_requested_credential_defresult", index)?.defresult)
}

pub fn set_libvirt_requested_credential(_h: &Core, index: i32, cred: &[u8]) -> Result<()> {
    requested_one("set_libvirt_requested_credential", index)?;
    if !ffi::set_requested_result(index as usize, cred) {
        return Err(Error::msg(
            "set_libvirt_requested_credential: cannot allocate the answer",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readonlydisk_modes_follow_1_48() {
        use ReadonlyDisk::*;
        assert_eq!(ReadonlyDisk::parse(None).unwrap(), Write);
        assert!(ReadonlyDisk::parse(Some("bogus")).is_err());
        for m in [Error, Read, Write] {
            assert_eq!(m.decide(true, "f").unwrap(), Some(true));
        }
        assert_eq!(Ignore.decide(true, "f").unwrap(), None);
        assert_eq!(Ignore.decide(false, "f").unwrap(), None);
        assert_eq!(Read.decide(false, "f").unwrap(), Some(true));
        assert_eq!(Write.decide(false, "f").unwrap(), Some(false));
        let e = Error.decide(false, "/d.img").unwrap_err();
        assert!(e.message.starts_with("/d.img: disk is marked <readonly/>"));
    }

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
