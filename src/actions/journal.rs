//! journal_get: the fields of the current journal entry, which the daemon sends as a
//! FileOut stream of (big-endian u64 length, "FIELD=value") records.

use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::structs::Xattr;

pub fn journal_get(h: &Core) -> Result<Vec<Xattr>> {
    let data = super::files::via_temp(h, "internal_journal_get", Vec::new(), "journal", None)?;
    let fields = parse_fields(&data)?;
    Ok(fields
        .into_iter()
        .map(|(attrname, attrval)| Xattr {
            attrname: attrname.into(),
            attrval,
        })
        .collect())
}

/// Splits the daemon's records into (field name, value) pairs, with 1.48's errors for
/// malformed data (the appliance is not trusted).
fn parse_fields(buf: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let bad = |what: String| {
        Err(Error::msg(format!(
            "invalid data from guestfs_internal_journal_get: {what}"
        )))
    };
    let size = buf.len();
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < size {
        if i + 8 > size {
            return bad(format!("truncated: size={size}, i={i}"));
        }
        let mut w = [0u8; 8];
        w.copy_from_slice(&buf[i..i + 8]);
        let len = u64::from_be_bytes(w);
        i += 8;
        let end = match usize::try_from(len).ok().and_then(|l| i.checked_add(l)) {
            Some(e) if e <= size => e,
            _ => return bad(format!("length field is too large: size={size}, i={i}, len={len}")),
        };
        let field = &buf[i..end];
        let Some(eq) = field.iter().position(|&c| c == b'=') else {
            return bad(format!(
                "no '=' found separating field name and data: size={size}, i={i}"
            ));
        };
        out.push((field[..eq].to_vec(), field[eq + 1..].to_vec()));
        i = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::parse_fields;

    fn rec(s: &[u8]) -> Vec<u8> {
        let mut v = (s.len() as u64).to_be_bytes().to_vec();
        v.extend_from_slice(s);
        v
    }

    #[test]
    fn records_and_bad_data() {
        let mut b = rec(b"MESSAGE=hello=world");
        b.extend(rec(b"_PID=1"));
        let f = parse_fields(&b).unwrap();
        assert_eq!(
            f,
            vec![
                (b"MESSAGE".to_vec(), b"hello=world".to_vec()),
                (b"_PID".to_vec(), b"1".to_vec())
            ]
        );
        assert!(parse_fields(&[0, 0, 0]).unwrap_err().message.contains("truncated"));
        assert!(parse_fields(&rec(b"noequals")).unwrap_err().message.contains("no '='"));
        let mut huge = u64::MAX.to_be_bytes().to_vec();
        huge.push(b'x');
        assert!(parse_fields(&huge).unwrap_err().message.contains("too large"));
        assert!(parse_fields(&[]).unwrap().is_empty());
    }
}
